"""Builds an eksctl-made EKS cluster in the AWS emulator, as eksctl would have left it,
then changes it the way people change clusters outside eksctl.

Usage: python3 world.py ENDPOINT < spec.json    (prints the IDs it made, as JSON)

The cluster stack is shaped as eksctl's builder makes it (pkg/cfn/builder/cluster.go,
pkg/cfn/outputs/api.go): Outputs VPC, SecurityGroup, SharedNodeSecurityGroup,
ClusterSecurityGroupId, SubnetsPrivate, SubnetsPublic, ... each exported as
eksctl-<cluster>-cluster::<Key>, and an IngressDefaultClusterToNodeSG resource (what
eksctl's FixClusterCompatibility looks for before creating managed nodegroups). Public
subnets have MapPublicIpOnLaunch on, as eksctl's template sets it; private ones do not.

spec (all optional but "cluster"):
  deny              AWS actions the identity is denied, e.g. ["ListImports"]
  changeset_fails   a reason: change sets on the cluster stack end FAILED with it
  changeset_changes "<Action> <LogicalId> <Type>": change sets on the cluster stack list
                    that resource change
  region            default us-west-2
  cluster           the cluster's name
  version           the control plane's Kubernetes version (default 1.30)
  auth_mode         accessConfig.authenticationMode; null: a cluster with no accessConfig
  outposts          true: the cluster runs on Outposts
  endpoint_private_access  true: the API endpoint has private access too
  stack             false: no eksctl stack for it
  moved             true: the control plane was moved to new private subnets
                    (EKS UpdateClusterConfig, which leaves the stack's Outputs alone)
  delete            which of the stack's subnets to delete afterwards:
                    names among private-a, private-b, public-a, public-b (and
                    local-private, local-public with local_zone_outputs)
  delete_sg         true: delete the stack's SharedNodeSecurityGroup
  shared_sg_output  false: a stack older than the SharedNodeSecurityGroup output (eksctl
                    refuses to create nodegroups on it: "shared node security group missing")
  cluster_sg_output false: a stack older than managed nodegroups: no ClusterSecurityGroupId
                    output (eksctl updates the stack before creating managed nodegroups)
  ingress_resource  false: the template lacks IngressDefaultClusterToNodeSG (same update)
  map_public_ip     false: public subnets without MapPublicIpOnLaunch (legacy subnets)
  local_zone_outputs true: SubnetsLocalZonePrivate/Public outputs naming two more
                    subnets (local-private, local-public; in zone c of the region)
  fargate_role_output true: a FargatePodExecutionRoleARN output
  no_vpc_id         true: DescribeCluster answers without resourcesVpcConfig.vpcId
  join_outputs      true: a stack whose VPC eksctl created: a `VPC` resource, and subnet
                    Outputs that are Fn::Join of Refs to the stack's subnet resources,
                    named as eksctl names them (SubnetPrivateUSWEST2A, ...:
                    pkg/cfn/builder/vpc_ipv4.go addSubnets @0.230.0)
  ipv6              true (with join_outputs): the subnet resources are named as eksctl's
                    IPv6 builder names them: PrivateSubnetUSWEST2A, ...
                    (pkg/cfn/builder/vpc_ipv6.go:55-70,183-208@0.180.0)
  new_zone_c        true: one more private subnet, new-private-c, in zone c (where the
                    stack has no subnet resource)
  subnets           more subnets, by name: {"name": {"zone": "a"|"b"|"c", "route_table":
                    "public"|"private"|"main", "map_public_ip": bool}}; "main": no
                    explicit association (the VPC's main route table, which has no route
                    to the internet gateway); map_public_ip defaults to false
  extra_outputs     more subnet Outputs: {"SubnetsPrivateExtended": [subnet names], ...}
  fully_private     true: a ClusterFullyPrivate output "true" (privateCluster.enabled)
  control_plane     the control plane's subnets, by name (default: the stack's four, or
                    new-private-a/b with `moved`); stack-* names need join_outputs
  readd_on_upgrade  subnets, by name, that EKS registers with the control plane again when
                    it is upgraded (what users saw in eksctl #7290; the model's upgrade
                    applies it, as moto has no UpdateClusterVersion)
  nodegroup_stacks  names of nodegroup stacks to create (CREATE_COMPLETE), tagged as
                    eksctl tags managed nodegroups; {"name": "managed"|"unmanaged"} also works
  failed_nodegroup_stacks  {name: "<Type>/<LogicalId>: <reason>"}: nodegroup stacks left
                    in ROLLBACK_COMPLETE (a create that failed earlier)
  stack_failed      true: the cluster stack ends in ROLLBACK_COMPLETE
  importer          true: an old nodegroup stack imports the SubnetsPrivate export
  (with join_outputs, the stack's own subnets are named stack-private-a, ... in the
  output and in `delete`)
"""

import json
import sys

import boto3

ZONES = ["a", "b"]


def zone_names(ec2, region):
    """The region's zones the world's a, b (and c) stand for: its first availability
    zones (us-west-2a, us-west-2b, ...; ap-northeast-1a, ap-northeast-1c, ...)."""
    names = sorted(z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]
                   if z.get("ZoneType", "availability-zone") == "availability-zone")
    letters = ZONES + ["c"]
    return {letter: names[i] if i < len(names) else region + letter for i, letter in enumerate(letters)}


# Every key a world may have: a misspelt one would otherwise be ignored, and the test
# would run against a world it did not ask for.
KEYS = {
    "auth_mode", "changeset_changes", "changeset_fails", "cluster", "cluster_sg_output", "control_plane",
    "count", "delete", "delete_sg", "deny", "endpoint_private_access", "extra_outputs",
    "failed_nodegroup_stacks", "fargate_role_output", "fully_private", "importer", "ingress_resource", "ipv6",
    "join_outputs", "local_zone_outputs", "map_public_ip", "moved", "new_zone_c", "no_vpc_id",
    "nodegroup_stacks", "outposts", "readd_on_upgrade", "region", "shared_sg_output", "stack", "stack_failed",
    "subnets", "version",
}


def main():
    endpoint = sys.argv[1]
    spec = json.load(sys.stdin)
    unknown = sorted(set(spec) - KEYS)
    if unknown:
        sys.exit(f"world.py: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}")
    if spec.get("count"):
        return fleet(endpoint, spec)
    region = spec.get("region", "us-west-2")
    cluster = spec["cluster"]
    kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
    ec2, eks, cfn = (boto3.client(s, **kw) for s in ("ec2", "eks", "cloudformation"))

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]

    zones = zone_names(ec2, region)

    def subnet(cidr, zone, route_table, public=False):
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zones[zone])["Subnet"]["SubnetId"]
        if route_table:
            ec2.associate_route_table(RouteTableId=route_table, SubnetId=sid)
        if public and spec.get("map_public_ip", True):
            ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
        return sid

    ids = {"vpc": vpc, "region": region, "zones": zones}
    for i, z in enumerate(ZONES):
        ids[f"private-{z}"] = subnet(f"10.0.{i}.0/24", z, private_rt)
        ids[f"public-{z}"] = subnet(f"10.0.{10 + i}.0/24", z, public_rt, public=True)
        ids[f"new-private-{z}"] = subnet(f"10.0.{20 + i}.0/24", z, private_rt)
    if spec.get("new_zone_c"):
        ids["new-private-c"] = subnet("10.0.22.0/24", "c", private_rt)
    if spec.get("local_zone_outputs"):
        ids["local-private"] = subnet("10.0.30.0/24", "c", private_rt)
        ids["local-public"] = subnet("10.0.31.0/24", "c", public_rt, public=True)
    for i, (name, extra) in enumerate((spec.get("subnets") or {}).items()):
        table = {"public": public_rt, "private": private_rt, "main": None}[extra.get("route_table", "private")]
        ids[name] = subnet(f"10.0.{40 + i}.0/24", extra.get("zone", "c"), table)
        if extra.get("map_public_ip"):
            ec2.modify_subnet_attribute(SubnetId=ids[name], MapPublicIpOnLaunch={"Value": True})
    control_sg = ec2.create_security_group(GroupName=f"{cluster}-control", Description="control plane", VpcId=vpc)["GroupId"]
    shared_sg = ec2.create_security_group(GroupName=f"{cluster}-shared", Description="shared by nodes", VpcId=vpc)["GroupId"]
    ids.update(control_sg=control_sg, shared_sg=shared_sg)

    tags = [{"Key": "alpha.eksctl.io/cluster-name", "Value": cluster}, {"Key": "eksctl.cluster.k8s.io/v1alpha1/cluster-name", "Value": cluster}]
    if spec.get("stack", True):
        stack_tags = tags + ([{"Key": "test.eksctl-shim/fail", "Value": "AWS::EC2::NatGateway/NATGateway: rate exceeded"}] if spec.get("stack_failed") else [])
        stack_tags += [{"Key": "test.eksctl-shim/deny", "Value": ",".join(spec["deny"])}] if spec.get("deny") else []
        stack_tags += [{"Key": "test.eksctl-shim/changeset", "Value": spec["changeset_fails"]}] if spec.get("changeset_fails") else []
        stack_tags += [{"Key": "test.eksctl-shim/changeset-changes", "Value": spec["changeset_changes"]}] if spec.get("changeset_changes") else []
        cfn.create_stack(StackName=f"eksctl-{cluster}-cluster", TemplateBody=json.dumps(cluster_template(ids, spec, cluster)), Tags=stack_tags)
        ids["stack"] = f"eksctl-{cluster}-cluster"
    if spec.get("join_outputs") and spec.get("stack", True):
        # The subnets the stack made, by logical ID: stack-private-a, stack-public-b, ...
        made = {r.get("LogicalResourceId"): r.get("PhysicalResourceId")
                for r in cfn.describe_stack_resources(StackName=f"eksctl-{cluster}-cluster")["StackResources"]
                if r.get("ResourceType") == "AWS::EC2::Subnet"}
        for kind in ("private", "public"):
            for zone in ZONES:
                sid = made[zone_subnet_resource(kind, zones[zone], spec.get("ipv6"))]
                ids[f"stack-{kind}-{zone}"] = sid
                # The template's RouteTableAssociation resources are placeholders here
                # (moto): associate the subnet as they would.
                ec2.associate_route_table(RouteTableId=public_rt if kind == "public" else private_rt, SubnetId=sid)
                if kind == "public" and spec.get("map_public_ip", True):
                    # eksctl's template sets MapPublicIpOnLaunch; moto ignores the property
                    ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    stack_subnets = [ids[f"{k}-{z}"] for k in ("private", "public") for z in ZONES]
    control_plane = [ids[f"new-private-{z}"] for z in ZONES] if spec.get("moved") else stack_subnets
    if spec.get("control_plane"):
        control_plane = [ids[n] for n in spec["control_plane"]]
    create = dict(
        name=cluster,
        version=spec.get("version", "1.30"),
        roleArn="arn:aws:iam::123456789012:role/eksctl-cluster-ServiceRole",
        resourcesVpcConfig={"subnetIds": control_plane, "securityGroupIds": [control_sg],
                            "endpointPublicAccess": True,
                            "endpointPrivateAccess": bool(spec.get("endpoint_private_access"))},
    )
    if "auth_mode" not in spec or spec["auth_mode"] is not None:
        create["accessConfig"] = {"authenticationMode": spec.get("auth_mode", "API_AND_CONFIG_MAP")}
    if spec.get("no_vpc_id"):
        create.setdefault("tags", {})["test.eksctl-shim/no-vpc-id"] = "1"
    if spec.get("readd_on_upgrade"):
        create.setdefault("tags", {})["test.eksctl-shim/upgrade-readds"] = ",".join(ids[n] for n in spec["readd_on_upgrade"])
    if spec.get("outposts"):
        create["outpostConfig"] = {"outpostArns": ["arn:aws:outposts:us-west-2:123456789012:outpost/op-1"], "controlPlaneInstanceType": "m5.large"}
    eks.create_cluster(**create)

    if spec.get("importer"):
        # A nodegroup stack of eksctl < 0.140.0, importing the subnet output.
        body = {"Resources": {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                "Outputs": {"Subnets": {"Value": {"Fn::ImportValue": f"eksctl-{cluster}-cluster::SubnetsPrivate"}}}}
        cfn.create_stack(StackName=f"eksctl-{cluster}-nodegroup-old", TemplateBody=json.dumps(body), Tags=tags)
    ngs = spec.get("nodegroup_stacks", [])
    ngs = ngs if isinstance(ngs, dict) else {ng: "managed" for ng in ngs}
    for ng, kind in ngs.items():
        nodegroup_stack(cfn, cluster, ng, kind, tags)
    for ng, failure in (spec.get("failed_nodegroup_stacks") or {}).items():
        nodegroup_stack(cfn, cluster, ng, "managed", tags, failure)

    for name in spec.get("delete", []):
        ec2.delete_subnet(SubnetId=ids[name])
    if spec.get("delete_sg"):
        ec2.delete_security_group(GroupId=shared_sg)
    json.dump(ids, sys.stdout)


def fleet(endpoint, spec):
    """`count` clean clusters named <cluster>-000, -001, ... sharing one VPC: made
    directly, without the per-cluster network, so hundreds take seconds."""
    region = spec.get("region", "us-west-2")
    kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
    ec2, eks, cfn = (boto3.client(s, **kw) for s in ("ec2", "eks", "cloudformation"))
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    ids = {"vpc": vpc, "region": region}
    rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for i, z in enumerate(ZONES):
        for kind, base in (("private", 0), ("public", 10)):
            sid = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.1.{base + i}.0/24", AvailabilityZone=zone_names(ec2, region)[z])["Subnet"]["SubnetId"]
            ec2.associate_route_table(RouteTableId=rt, SubnetId=sid)
            if kind == "public":
                ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
            ids[f"{kind}-{z}"] = sid
        ids[f"new-private-{z}"] = ids[f"private-{z}"]
    ids["control_sg"] = ec2.create_security_group(GroupName="fleet-control", Description="c", VpcId=vpc)["GroupId"]
    ids["shared_sg"] = ec2.create_security_group(GroupName="fleet-shared", Description="s", VpcId=vpc)["GroupId"]
    subnets = [ids[f"{k}-{z}"] for k in ("private", "public") for z in ZONES]
    names = []
    for n in range(spec["count"]):
        name = f"{spec['cluster']}-{n:03d}"
        eks.create_cluster(name=name, roleArn="arn:aws:iam::123456789012:role/eksctl-cluster-ServiceRole",
                           resourcesVpcConfig={"subnetIds": subnets}, accessConfig={"authenticationMode": "API_AND_CONFIG_MAP"})
        cfn.create_stack(StackName=f"eksctl-{name}-cluster", TemplateBody=json.dumps(cluster_template(ids, {}, name)),
                         Tags=[{"Key": "alpha.eksctl.io/cluster-name", "Value": name}])
        names.append(name)
    json.dump({"clusters": names, **ids}, sys.stdout)


def nodegroup_stack(cfn, cluster, ng, kind, tags, failure=None):
    """A nodegroup stack tagged as eksctl tags it (nodegroup name and type)."""
    logical = "ManagedNodeGroup" if kind == "managed" else "NodeGroup"
    body = {"Resources": {logical: {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
    ng_tags = [{"Key": "alpha.eksctl.io/nodegroup-name", "Value": ng},
               {"Key": "alpha.eksctl.io/nodegroup-type", "Value": kind}]
    if kind != "managed":
        ng_tags.append({"Key": "eksctl.io/v1alpha2/nodegroup-name", "Value": ng})
    if failure:
        ng_tags.append({"Key": "test.eksctl-shim/fail", "Value": failure})
    cfn.create_stack(StackName=f"eksctl-{cluster}-nodegroup-{ng}", TemplateBody=json.dumps(body), Tags=tags + ng_tags)


def zone_subnet_resource(kind, zone, ipv6=False):
    """Subnet<Private|Public><AZNAME>, AZNAME the zone upper-cased without dashes
    (pkg/cfn/builder/vpc_ipv4.go addSubnets / makeAZResourceName @0.230.0); IPv6:
    <Private|Public>Subnet<AZNAME> (vpc_ipv6.go createSubnet @0.180.0)."""
    az = zone.replace('-', '').upper()
    return f"{kind.capitalize()}Subnet{az}" if ipv6 else f"Subnet{kind.capitalize()}{az}"


def cluster_template(ids, spec, cluster):
    """The Outputs eksctl writes (pkg/cfn/outputs/api.go), each exported as
    eksctl-<cluster>-cluster::<Key>."""
    def joined(kind):
        return ",".join(ids[f"{kind}-{z}"] for z in ZONES)

    handle = {"Type": "AWS::CloudFormation::WaitConditionHandle"}
    resources = {"Placeholder": handle, "ControlPlane": handle, "ServiceRole": handle}
    if spec.get("ingress_resource", True):
        resources["IngressDefaultClusterToNodeSG"] = handle
    outputs = {
        "VPC": ids["vpc"],
        "SecurityGroup": ids["control_sg"],
        "SubnetsPrivate": joined("private"),
        "SubnetsPublic": joined("public"),
        "ClusterStackName": f"eksctl-{cluster}-cluster",
        "FeatureNATMode": "Single",
        "ARN": f"arn:aws:eks:{ids['region']}:123456789012:cluster/{cluster}",
        "Endpoint": f"https://{cluster}.example.eks.amazonaws.com",
        "CertificateAuthorityData": "LS0tLS1CRUdJTi0tLS0t",
        "ServiceRoleARN": f"arn:aws:iam::123456789012:role/eksctl-{cluster}-cluster-ServiceRole",
    }
    if spec.get("shared_sg_output", True):
        outputs["SharedNodeSecurityGroup"] = ids["shared_sg"]
    if spec.get("cluster_sg_output", True):
        outputs["ClusterSecurityGroupId"] = ids["shared_sg"]
    if spec.get("local_zone_outputs"):
        outputs["SubnetsLocalZonePrivate"] = ids["local-private"]
        outputs["SubnetsLocalZonePublic"] = ids["local-public"]
    for key, names in (spec.get("extra_outputs") or {}).items():
        outputs[key] = ",".join(ids[n] for n in names)
    if spec.get("fully_private"):
        outputs["ClusterFullyPrivate"] = "true"
    if spec.get("fargate_role_output"):
        outputs["FargatePodExecutionRoleARN"] = f"arn:aws:iam::123456789012:role/eksctl-{cluster}-cluster-FargatePodExecutionRole"
    template_outputs = {k: {"Value": v, "Export": {"Name": f"eksctl-{cluster}-cluster::{k}"}} for k, v in outputs.items()}
    if spec.get("join_outputs"):
        # As in a stack whose VPC eksctl made: the subnets are resources of the stack. The
        # VPC resource stands in by its logical ID only (what eksctl's rebuild looks at):
        # the world's VPC is made outside the stack.
        resources["VPC"] = handle
        for kind, key in (("private", "SubnetsPrivate"), ("public", "SubnetsPublic")):
            refs = []
            for z in ZONES:
                logical = zone_subnet_resource(kind, ids["zones"][z], spec.get("ipv6"))
                az = ids["zones"][z].replace("-", "").upper()
                resources[f"RouteTableAssociation{kind.capitalize()}{az}"] = handle
                if kind == "private":
                    resources[f"PrivateRouteTable{az}"] = handle
                resources[logical] = {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": ids["vpc"], "CidrBlock": f"10.0.{(0 if kind == 'private' else 10) + 100 + ZONES.index(z)}.0/24", "AvailabilityZone": ids["zones"][z]}}
                refs.append({"Ref": logical})
            template_outputs[key]["Value"] = {"Fn::Join": [",", refs]}
    return {"Resources": resources, "Outputs": template_outputs}


if __name__ == "__main__":
    main()
