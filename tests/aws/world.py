"""Builds an eksctl-made EKS cluster in the AWS emulator, as eksctl would have left it,
then changes it the way people change clusters outside eksctl.

Usage: python3 world.py ENDPOINT < spec.json    (prints the IDs it made, as JSON)

spec (all optional but "cluster"):
  region            default us-west-2
  cluster           the cluster's name
  auth_mode         accessConfig.authenticationMode; null: a cluster with no accessConfig
  outposts          true: the cluster runs on Outposts
  stack             false: no eksctl stack for it
  moved             true: the control plane was moved to new private subnets
                    (EKS UpdateClusterConfig, which leaves the stack's Outputs alone)
  delete            which of the stack's subnets to delete afterwards:
                    names among private-a, private-b, public-a, public-b
  delete_sg         true: delete the stack's SharedNodeSecurityGroup
  shared_sg_output  false: a stack older than the SharedNodeSecurityGroup output
  join_outputs      true: subnet Outputs are Fn::Join of Refs to subnet resources,
                    as in a stack whose VPC eksctl created
  nodegroup_stacks  names of nodegroup stacks to create (CREATE_COMPLETE)
  stack_failed      true: the cluster stack ends in ROLLBACK_COMPLETE
  importer          true: an old nodegroup stack imports the SubnetsPrivate export
  (with join_outputs, the stack's own subnets are named stack-private-a, ... in the
  output and in `delete`)
"""

import json
import sys

import boto3

ZONES = ["a", "b"]


def main():
    endpoint = sys.argv[1]
    spec = json.load(sys.stdin)
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

    def subnet(cidr, zone, route_table):
        sid = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=region + zone)["Subnet"]["SubnetId"]
        ec2.associate_route_table(RouteTableId=route_table, SubnetId=sid)
        return sid

    ids = {"vpc": vpc, "region": region}
    for i, z in enumerate(ZONES):
        ids[f"private-{z}"] = subnet(f"10.0.{i}.0/24", z, private_rt)
        ids[f"public-{z}"] = subnet(f"10.0.{10 + i}.0/24", z, public_rt)
        ids[f"new-private-{z}"] = subnet(f"10.0.{20 + i}.0/24", z, private_rt)
    control_sg = ec2.create_security_group(GroupName=f"{cluster}-control", Description="control plane", VpcId=vpc)["GroupId"]
    shared_sg = ec2.create_security_group(GroupName=f"{cluster}-shared", Description="shared by nodes", VpcId=vpc)["GroupId"]
    ids.update(control_sg=control_sg, shared_sg=shared_sg)

    stack_subnets = [ids[f"{k}-{z}"] for k in ("private", "public") for z in ZONES]
    control_plane = [ids[f"new-private-{z}"] for z in ZONES] if spec.get("moved") else stack_subnets
    create = dict(
        name=cluster,
        roleArn="arn:aws:iam::123456789012:role/eksctl-cluster-ServiceRole",
        resourcesVpcConfig={"subnetIds": control_plane, "securityGroupIds": [control_sg]},
    )
    if "auth_mode" not in spec or spec["auth_mode"] is not None:
        create["accessConfig"] = {"authenticationMode": spec.get("auth_mode", "API_AND_CONFIG_MAP")}
    if spec.get("outposts"):
        create["outpostConfig"] = {"outpostArns": ["arn:aws:outposts:us-west-2:123456789012:outpost/op-1"], "controlPlaneInstanceType": "m5.large"}
    eks.create_cluster(**create)

    tags = [{"Key": "alpha.eksctl.io/cluster-name", "Value": cluster}, {"Key": "eksctl.cluster.k8s.io/v1alpha1/cluster-name", "Value": cluster}]
    if spec.get("stack", True):
        stack_tags = tags + ([{"Key": "test.eksctl-shim/fail", "Value": "AWS::EC2::NatGateway/NATGateway: rate exceeded"}] if spec.get("stack_failed") else [])
        cfn.create_stack(StackName=f"eksctl-{cluster}-cluster", TemplateBody=json.dumps(cluster_template(ids, spec, cluster)), Tags=stack_tags)
        ids["stack"] = f"eksctl-{cluster}-cluster"
    if spec.get("join_outputs") and spec.get("stack", True):
        # The subnets the stack made, by logical ID: stack-private-a, stack-public-b, ...
        for r in cfn.describe_stack_resources(StackName=f"eksctl-{cluster}-cluster")["StackResources"]:
            if r.get("ResourceType") == "AWS::EC2::Subnet":
                kind, zone = r["LogicalResourceId"][len("Subnet"):-1].lower(), r["LogicalResourceId"][-1].lower()
                ids[f"stack-{kind}-{zone}"] = r["PhysicalResourceId"]
    if spec.get("importer"):
        # A nodegroup stack of eksctl < 0.140.0, importing the subnet output.
        body = {"Resources": {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                "Outputs": {"Subnets": {"Value": {"Fn::ImportValue": f"eksctl-{cluster}-cluster::SubnetsPrivate"}}}}
        cfn.create_stack(StackName=f"eksctl-{cluster}-nodegroup-old", TemplateBody=json.dumps(body), Tags=tags)
    for ng in spec.get("nodegroup_stacks", []):
        body = {"Resources": {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}
        cfn.create_stack(StackName=f"eksctl-{cluster}-nodegroup-{ng}", TemplateBody=json.dumps(body), Tags=tags + [{"Key": "alpha.eksctl.io/nodegroup-name", "Value": ng}])

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
            sid = ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.1.{base + i}.0/24", AvailabilityZone=region + z)["Subnet"]["SubnetId"]
            ec2.associate_route_table(RouteTableId=rt, SubnetId=sid)
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


def cluster_template(ids, spec, cluster):
    """The Outputs eksctl writes (pkg/cfn/outputs/api.go), each exported as
    eksctl-<cluster>-cluster::<Key>."""
    def joined(kind):
        return ",".join(ids[f"{kind}-{z}"] for z in ZONES)

    resources = {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}
    outputs = {
        "VPC": ids["vpc"],
        "SecurityGroup": ids["control_sg"],
        "SubnetsPrivate": joined("private"),
        "SubnetsPublic": joined("public"),
        "ClusterStackName": f"eksctl-{cluster}-cluster",
        "FeatureNATMode": "Single",
    }
    if spec.get("shared_sg_output", True):
        outputs["SharedNodeSecurityGroup"] = ids["shared_sg"]
    template_outputs = {k: {"Value": v, "Export": {"Name": f"eksctl-{cluster}-cluster::{k}"}} for k, v in outputs.items()}
    if spec.get("join_outputs"):
        # As in a stack whose VPC eksctl made: the subnets are resources of the stack.
        for kind, key in (("private", "SubnetsPrivate"), ("public", "SubnetsPublic")):
            refs = []
            for z in ZONES:
                logical = f"Subnet{kind.capitalize()}{z.upper()}"
                resources[logical] = {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": ids["vpc"], "CidrBlock": f"10.0.{(0 if kind == 'private' else 10) + 100 + ZONES.index(z)}.0/24", "AvailabilityZone": ids["region"] + z}}
                refs.append({"Ref": logical})
            template_outputs[key]["Value"] = {"Fn::Join": [",", refs]}
    return {"Resources": resources, "Outputs": template_outputs}


if __name__ == "__main__":
    main()
