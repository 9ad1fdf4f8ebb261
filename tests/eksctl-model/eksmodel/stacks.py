"""Stacks the model creates in the emulator, named and tagged as eksctl names and tags
them, with the resources that matter to later runs.

  names   eksctl-<cluster>-cluster, eksctl-<cluster>-nodegroup-<ng>
          (pkg/cfn/manager/cluster.go, nodegroup.go @0.230.0)
  tags    alpha.eksctl.io/cluster-name, eksctl.cluster.k8s.io/v1alpha1/cluster-name,
          alpha.eksctl.io/eksctl-version, metadata.tags (NewStackCollection); self-managed
          nodegroups add alpha.eksctl.io/nodegroup-name, eksctl.io/v1alpha2/nodegroup-name,
          alpha.eksctl.io/nodegroup-type=unmanaged (UnmanagedNodeGroupTask.createNodeGroup);
          managed ones alpha.eksctl.io/nodegroup-name, alpha.eksctl.io/nodegroup-type=managed
          (SetManagedNodeGroupDefaults); plus the nodegroup's own tags.
  outputs cluster: pkg/cfn/outputs/api.go keys, exported as eksctl-<cluster>-cluster::<Key>.

Resources the emulator cannot build (EKS control plane, node groups, IAM) are
AWS::CloudFormation::WaitConditionHandle placeholders under eksctl's logical IDs, with
the real type and the properties the model decided (subnets) in their Metadata. The VPC
of a new cluster is real (EC2 resources in the stack); public subnets get
MapPublicIpOnLaunch as eksctl's template sets it (moto ignores that property, so the
model sets it with ModifySubnetAttribute).

A stack that real CloudFormation would fail is created with the moto harness tag
`test.eksctl-shim/fail` = "<Type>/<LogicalId>: <reason>" (tests/aws/moto_server.py), which
ends it in ROLLBACK_COMPLETE with that CREATE_FAILED event.
"""

import json
import time

FAIL_TAG = "test.eksctl-shim/fail"

ACCESS_ENTRY_CONFIG_MAP_REASON = (
    'Resource handler returned message: "The cluster\'s authentication mode must be set to one of [API, '
    'API_AND_CONFIG_MAP] to perform this operation. (Service: Eks, Status Code: 400, Request ID: '
    '5e1c2b7a-4c1d-4a8e-9d3f-0c6a1f2e3b4d)" (RequestToken: 5e1c2b7a-0000-4000-8000-000000000000, '
    'HandlerErrorCode: InvalidRequest)')


def placeholder(real_type, props=None, depends=None):
    r = {"Type": "AWS::CloudFormation::WaitConditionHandle",
         "Metadata": {"eksctl-model": {"Type": real_type, "Properties": props or {}}}}
    return r


def shared_tags(cluster, version, meta_tags):
    tags = [("alpha.eksctl.io/cluster-name", cluster),
            ("eksctl.cluster.k8s.io/v1alpha1/cluster-name", cluster),
            ("alpha.eksctl.io/eksctl-version", version.text)]
    tags += sorted((meta_tags or {}).items())
    return tags


def tag_list(pairs):
    seen, out = set(), []
    for k, v in pairs:
        if k in seen:
            out = [t for t in out if t["Key"] != k]
        seen.add(k)
        out.append({"Key": k, "Value": str(v)})
    return out


def nodegroup_template(ng, subnets, access_entry, cluster):
    kind = "managed" if ng.managed else "unmanaged"
    res = {}
    outputs = {}
    if ng.managed:
        res["ManagedNodeGroup"] = placeholder("AWS::EKS::Nodegroup", {
            "ClusterName": cluster, "NodegroupName": ng.name, "Subnets": subnets})
        res["LaunchTemplate"] = placeholder("AWS::EC2::LaunchTemplate")
        res["NodeInstanceRole"] = placeholder("AWS::IAM::Role")
    else:
        res["NodeGroup"] = placeholder("AWS::AutoScaling::AutoScalingGroup", {
            "VPCZoneIdentifier": subnets})
        res["NodeGroupLaunchTemplate"] = placeholder("AWS::EC2::LaunchTemplate")
        res["SG"] = placeholder("AWS::EC2::SecurityGroup")
        if not ng.instance_role_arn:
            res["NodeInstanceRole"] = placeholder("AWS::IAM::Role")
            res["NodeInstanceProfile"] = placeholder("AWS::IAM::InstanceProfile")
        outputs["FeatureLocalSecurityGroup"] = "true"
        outputs["FeatureSharedSecurityGroup"] = "true"
        outputs["FeaturePrivateNetworking"] = "true" if ng.private else "false"
        if access_entry:
            res["AccessEntry"] = placeholder("AWS::EKS::AccessEntry", {"ClusterName": cluster, "Type": "EC2_LINUX"})
            outputs["NodeGroupUsesAccessEntry"] = "true"
    outputs["InstanceRoleARN"] = ng.instance_role_arn or f"arn:aws:iam::123456789012:role/eksctl-{cluster}-nodegroup-{ng.name}-NodeInstanceRole"
    body = {"AWSTemplateFormatVersion": "2010-09-09",
            "Description": f"EKS {kind} Nodes (eksctl-model)",
            "Resources": res,
            "Outputs": {k: {"Value": v} for k, v in outputs.items()}}
    return body


def create_stack(aws, name, body, tags, failure=None):
    """CreateStack (DoCreateStackRequest: termination protection on)."""
    pairs = list(tags)
    if failure:
        pairs.append((FAIL_TAG, failure))
    out = aws.cloudformation.create_stack(StackName=name, TemplateBody=json.dumps(body), Tags=tag_list(pairs),
                                          EnableTerminationProtection=True,
                                          Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
    return out["StackId"]


def wait(aws, name, log, success=("CREATE_COMPLETE", "UPDATE_COMPLETE")):
    """Polls DescribeStacks, logging as eksctl's waiter does; returns the final stack."""
    for _ in range(600):
        log.info(f'waiting for CloudFormation stack "{name}"')
        st = aws.cloudformation.describe_stacks(StackName=name)["Stacks"][0]
        status = st["StackStatus"]
        if status in success or status.endswith("_COMPLETE") or status.endswith("_FAILED"):
            return st
        time.sleep(0.2)
    return st


def events(aws, name):
    return aws.cloudformation.describe_stack_events(StackName=name)["StackEvents"]


def troubleshoot(aws, name, log, status):
    """TroubleshootStackFailureCause (pkg/cfn/manager/waiters.go) for a create: CREATE_FAILED
    events are critical lines, DELETE_IN_PROGRESS warnings, the rest debug."""
    from .out import go_quote
    log.critical(f'unexpected status "{status}" while waiting for CloudFormation stack "{name}"')
    log.info("fetching stack events in attempt to troubleshoot the root cause of the failure")
    for e in events(aws, name):
        msg = f"{e.get('ResourceType')}/{e.get('LogicalResourceId')}: {e.get('ResourceStatus')}"
        if e.get("ResourceStatusReason") is not None:
            msg += " \u2013 " + go_quote(e["ResourceStatusReason"])
        st = e.get("ResourceStatus")
        if st == "CREATE_FAILED":
            log.critical(msg)
        elif st == "DELETE_IN_PROGRESS":
            log.warning(msg)
        else:
            log.debug(msg)


# --- the cluster stack --------------------------------------------------------------

def zone_key(az):
    return az.replace("-", "").upper()


def cluster_template(cluster, net_new, zones, imported, cidr_blocks, nat_mode, private_only_outputs=None):
    """builder.ClusterResourceSet, the parts later commands read: Outputs and the
    IngressDefaultClusterToNodeSG resource (FixClusterCompatibility looks for it)."""
    res = {
        "ControlPlane": placeholder("AWS::EKS::Cluster", {"Name": cluster}),
        "ServiceRole": placeholder("AWS::IAM::Role"),
        "IngressDefaultClusterToNodeSG": placeholder("AWS::EC2::SecurityGroupIngress"),
        "IngressInterNodeGroupSG": placeholder("AWS::EC2::SecurityGroupIngress"),
        "IngressNodeToDefaultClusterSG": placeholder("AWS::EC2::SecurityGroupIngress"),
    }
    outputs = {}
    if net_new:
        res["VPC"] = {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": cidr_blocks["vpc"],
                                                              "EnableDnsHostnames": True, "EnableDnsSupport": True}}
        res["InternetGateway"] = {"Type": "AWS::EC2::InternetGateway"}
        res["VPCGatewayAttachment"] = {"Type": "AWS::EC2::VPCGatewayAttachment",
                                       "Properties": {"InternetGatewayId": {"Ref": "InternetGateway"},
                                                      "VpcId": {"Ref": "VPC"}}}
        res["PublicRouteTable"] = {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "VPC"}}}
        res["PublicSubnetRoute"] = {"Type": "AWS::EC2::Route",
                                    "Properties": {"RouteTableId": {"Ref": "PublicRouteTable"},
                                                   "DestinationCidrBlock": "0.0.0.0/0",
                                                   "GatewayId": {"Ref": "InternetGateway"}},
                                    "DependsOn": ["VPCGatewayAttachment"]}
        res["NATGateway"] = placeholder("AWS::EC2::NatGateway")
        refs = {"Private": [], "Public": []}
        for z in zones:
            for kind in ("Public", "Private"):
                logical = f"Subnet{kind}{zone_key(z)}"
                res[logical] = {"Type": "AWS::EC2::Subnet",
                                "Properties": {"VpcId": {"Ref": "VPC"}, "AvailabilityZone": z,
                                               "CidrBlock": cidr_blocks[(kind, z)],
                                               "MapPublicIpOnLaunch": kind == "Public"}}
                refs[kind].append({"Ref": logical})
                if kind == "Public":
                    res[f"RouteTableAssociationPublic{zone_key(z)}"] = {
                        "Type": "AWS::EC2::SubnetRouteTableAssociation",
                        "Properties": {"RouteTableId": {"Ref": "PublicRouteTable"}, "SubnetId": {"Ref": logical}}}
                else:
                    res[f"PrivateRouteTable{zone_key(z)}"] = {"Type": "AWS::EC2::RouteTable",
                                                               "Properties": {"VpcId": {"Ref": "VPC"}}}
                    res[f"RouteTableAssociationPrivate{zone_key(z)}"] = {
                        "Type": "AWS::EC2::SubnetRouteTableAssociation",
                        "Properties": {"RouteTableId": {"Ref": f"PrivateRouteTable{zone_key(z)}"},
                                       "SubnetId": {"Ref": logical}}}
        vpc_ref = {"Ref": "VPC"}
        outputs["SubnetsPrivate"] = {"Fn::Join": [",", refs["Private"]]}
        outputs["SubnetsPublic"] = {"Fn::Join": [",", refs["Public"]]}
    else:
        vpc_ref = imported["vpc"]
        if imported["private"]:
            outputs["SubnetsPrivate"] = ",".join(imported["private"])
        if imported["public"]:
            outputs["SubnetsPublic"] = ",".join(imported["public"])
    res["ControlPlaneSecurityGroup"] = {"Type": "AWS::EC2::SecurityGroup",
                                        "Properties": {"GroupDescription": "Communication between the control plane "
                                                       "and worker nodegroups", "VpcId": vpc_ref}}
    res["ClusterSharedNodeSecurityGroup"] = {"Type": "AWS::EC2::SecurityGroup",
                                             "Properties": {"GroupDescription": "Communication between all nodes in "
                                                            "the cluster", "VpcId": vpc_ref}}
    outputs.update({
        "VPC": vpc_ref,
        "SecurityGroup": {"Ref": "ControlPlaneSecurityGroup"},
        "SharedNodeSecurityGroup": {"Ref": "ClusterSharedNodeSecurityGroup"},
        "ClusterSecurityGroupId": {"Ref": "ClusterSharedNodeSecurityGroup"},
        "ARN": f"arn:aws:eks:us-west-2:123456789012:cluster/{cluster}",
        "Endpoint": f"https://{cluster}.example.eks.amazonaws.com",
        "CertificateAuthorityData": "LS0tLS1CRUdJTi0tLS0t",
        "ClusterStackName": f"eksctl-{cluster}-cluster",
        "ServiceRoleARN": f"arn:aws:iam::123456789012:role/eksctl-{cluster}-cluster-ServiceRole",
        "FeatureNATMode": nat_mode,
    })
    exported = {"VPC", "SecurityGroup", "SharedNodeSecurityGroup", "ClusterSecurityGroupId", "SubnetsPrivate",
                "SubnetsPublic", "ARN", "Endpoint", "CertificateAuthorityData", "ClusterStackName", "ServiceRoleARN"}
    tout = {}
    for k, v in outputs.items():
        o = {"Value": v}
        if k in exported:
            o["Export"] = {"Name": f"eksctl-{cluster}-cluster::{k}"}
        tout[k] = o
    return {"AWSTemplateFormatVersion": "2010-09-09",
            "Description": "EKS cluster (dedicated VPC: %s) [created and managed by eksctl]" % str(net_new).lower(),
            "Resources": res, "Outputs": tout}
