"""eksctl's StackCollection (pkg/cfn/manager) as the create commands use it:

  list_cluster_stacks       ListStacksWithStatuses (api.go)
  cluster_stack_of          DescribeClusterStackIfExists (cluster.go)
  nodegroup_stacks_of       ListNodeGroupStacks (nodegroup.go)
  fix_cluster_compatibility FixClusterCompatibility (compat.go, #7720)
  create_nodegroup_stack    UnmanagedNodeGroupTask.createNodeGroup /
                            createManagedNodeGroupTask (create_tasks.go, nodegroup.go)

The node role's authorisation in a self-managed nodegroup stack, by version:
  <= 0.166  none in the stack (aws-auth, written by the caller).
  >= 0.167  an AWS::EKS::AccessEntry resource unless access entries are disabled; on a
            CONFIG_MAP cluster that stack fails. create cluster 0.167-0.175 always puts
            one there (#7695; create_cluster.py).
  >= 0.177  with iam.instanceRoleARN the access entry comes from the EKS API after the
            stack instead of a stack resource.
Stack names, tags and templates: stacks.py.
"""

import json

from . import stacks, upgrade, vpc
from .aws import AWSError
from .out import Refused, log


def list_cluster_stacks(aws, name):
    """ListStacksWithStatuses: stacks matching ^(eksctl|EKS)-<name>-(...)$ not DELETE_COMPLETE."""
    import re
    rx = re.compile(r"^(eksctl|EKS)-" + re.escape(name) +
                    r"-((cluster|nodegroup-.+|addon-.+|podidentityrole-.+|fargate|karpenter|capability-.+)|"
                    r"(VPC|ServiceRole|ControlPlane|DefaultNodeGroup))$")
    out = []
    for s in aws.cloudformation.paginate("list_stacks", "StackSummaries"):
        if s["StackStatus"] == "DELETE_COMPLETE" or not rx.match(s["StackName"]):
            continue
        st = aws.cloudformation.describe_stacks(StackName=s["StackId"])["Stacks"][0]
        out.append(st)
    return out


def tags_of(stack):
    return {t["Key"]: t["Value"] for t in stack.get("Tags", [])}


def cluster_stack_of(stacks):
    """DescribeClusterStackIfExists: a *-cluster stack with a cluster-name tag, or EKS-*-ControlPlane."""
    for s in stacks:
        n = s["StackName"]
        t = tags_of(s)
        if n.endswith("-cluster") and (t.get("alpha.eksctl.io/cluster-name") or
                                       t.get("eksctl.cluster.k8s.io/v1alpha1/cluster-name")):
            return s
        if n.startswith("EKS-") and n.endswith("-ControlPlane"):
            return s
    return None


def nodegroup_stacks_of(stacks):
    """ListNodeGroupStacks: stacks with a nodegroup-name tag (DELETE_FAILED ones skipped)."""
    out = {}
    for s in stacks:
        if s["StackStatus"] == "DELETE_FAILED":
            log.warning(f"stack's status of nodegroup named {s['StackName']} is {s['StackStatus']}")
            continue
        t = tags_of(s)
        name = t.get("alpha.eksctl.io/nodegroup-name") or t.get("eksctl.io/v1alpha2/nodegroup-name") or \
            t.get("eksctl.cluster.k8s.io/v1alpha1/nodegroup-name")
        if not name:
            if s["StackName"].endswith("-nodegroup-0"):
                name = "legacy-nodegroup-0"
            elif s["StackName"].endswith("-DefaultNodeGroup"):
                name = "legacy-default"
        if name:
            out[name] = s
    return out

def fix_cluster_compatibility(ctx, aws, tree, cstack, net, sp):
    """StackCollection.FixClusterCompatibility (pkg/cfn/manager/compat.go): an update of the
    cluster stack when managed nodegroups are being created and the stack has no
    ClusterSecurityGroupId output or its template no IngressDefaultClusterToNodeSG, or when
    fargateProfiles are in the config and FargatePodExecutionRoleARN is missing. The
    update fails when the stack references subnets that were deleted (#7720; the exact
    CloudFormation error is not known: modelled as a failed update)."""
    log.info("checking cluster stack for missing resources")
    out = vpc.outputs_of(cstack)
    supports_managed = False
    if out.get("ClusterSecurityGroupId"):
        body = aws.cloudformation.get_template(StackName=cstack["StackName"])["TemplateBody"]
        if isinstance(body, str):
            body = json.loads(body)
        supports_managed = "IngressDefaultClusterToNodeSG" in (body.get("Resources") or {})
    managed_update = not supports_managed and bool(tree.get("managedNodeGroups"))
    fargate_update = not out.get("FargatePodExecutionRoleARN") and bool(tree.get("fargateProfiles"))
    if not managed_update and not fargate_update:
        log.info("cluster stack has all required resources")
        return None
    if managed_update:
        log.info("cluster stack is missing resources for Managed Nodegroups")
    if fargate_update:
        log.info("cluster stack is missing resources for Fargate")
    log.info("adding missing resources to cluster stack")
    name = cstack["StackName"]
    log.info(f're-building cluster stack "{name}"')
    # The same rebuild as `upgrade cluster` (L1 of the audit): its subnet rules apply.
    current = aws.cloudformation.get_template(StackName=name)["TemplateBody"]
    if isinstance(current, str):
        current = json.loads(current)
    try:
        subnet_add = upgrade.rebuild_subnet_resources(aws, current.get("Resources") or {}, net, sp)
    except Refused as e:
        return str(e)
    add_res = ["IngressDefaultClusterToNodeSG", "IngressInterNodeGroupSG", "IngressNodeToDefaultClusterSG"] \
        if managed_update else []
    add_res += [r for r, _ in subnet_add]
    conflicts = [(r, s) for r, s in subnet_add if r.startswith("Subnet")]
    add_out = ["ClusterSecurityGroupId"] if not out.get("ClusterSecurityGroupId") else []
    if fargate_update:
        add_res.append("FargatePodExecutionRole")
        add_out.append("FargatePodExecutionRoleARN")
    log.info(f"updating stack to add new resources [{' '.join(sorted(add_res))}] and outputs [{' '.join(add_out)}]")
    referenced = []
    for k in ("SubnetsPrivate", "SubnetsPublic", "SubnetsLocalZonePrivate", "SubnetsLocalZonePublic", "Subnets"):
        if out.get(k):
            referenced += out[k].split(",")
    existing = {s["SubnetId"] for s in aws.ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [out.get("VPC", "")]}])["Subnets"]}
    gone = [s for s in referenced if s and s not in existing]
    log.info(f'waiting for CloudFormation stack "{name}"')
    ctx.call.created["stacks_updated"].append({
        "stack": name, "ok": not gone and not conflicts, "gone_subnets": gone,
        "reason": "; ".join(f"AWS::EC2::Subnet/{r}: The CIDR '{s['cidr']}' conflicts with another subnet "
                            f"(Service: Ec2, Status Code: 400, Error Code: InvalidSubnet.Conflict)"
                            for r, s in conflicts) or None,
    })
    if gone or conflicts:
        return "waiter state transitioned to Failure"
    body = aws.cloudformation.get_template(StackName=name)["TemplateBody"]
    if isinstance(body, str):
        body = json.loads(body)
    for r in add_res:
        body.setdefault("Resources", {})[r] = stacks.placeholder(resource_type(r))
    for o in add_out:
        val = out.get("SharedNodeSecurityGroup") or "sg-0" if o == "ClusterSecurityGroupId" else \
            f"arn:aws:iam::123456789012:role/eksctl-{sp['name']}-cluster-FargatePodExecutionRole"
        body.setdefault("Outputs", {})[o] = {"Value": val, "Export": {"Name": f"eksctl-{sp['name']}-cluster::{o}"}}
    try:
        aws.cloudformation.update_stack(StackName=name, TemplateBody=json.dumps(body),
                                        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
                                        Tags=cstack.get("Tags", []))
    except AWSError as e:
        return str(e)
    return None


def resource_type(name):
    """The CloudFormation type of a resource the compatibility update appends."""
    for prefix, kind in (("Ingress", "AWS::EC2::SecurityGroupIngress"),
                         ("RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"),
                         ("PrivateRouteTable", "AWS::EC2::RouteTable"), ("Subnet", "AWS::EC2::Subnet")):
        if name.startswith(prefix):
            return kind
    return "AWS::IAM::Role"


def create_nodegroup_stack(ctx, aws, tree, net, sp, ng, cluster, disable_ae, created, from_cluster=False):
    """UnmanagedNodeGroupTask.createNodeGroup / createManagedNodeGroupTask: build, create,
    wait. Returns the task's error text or None."""
    v = ctx.v
    name = sp["name"]
    stack = f"eksctl-{name}-nodegroup-{ng.name}"
    log.info(f'building {"managed " if ng.managed else ""}nodegroup stack "{stack}"')
    try:
        subnets = vpc.assign_subnets(aws, sp, net, ng, log)
    except Refused as e:
        return str(e)
    # the node role's authorisation: an AccessEntry resource in the stack, one created
    # through the EKS API after it (>= 0.177 with iam.instanceRoleARN), or none here
    # (the caller records aws-auth when it writes it); managed nodegroups: EKS does it.
    access_entry_resource = False
    auth = "none"
    if not ng.managed:
        if v.below(167) or disable_ae:
            auth = "none"
        elif v.below(177) or not ng.instance_role_arn:
            access_entry_resource = True
            auth = "access-entry"
        else:
            auth = "access-entry-api"
    else:
        auth = "eks-managed"
    failure = None
    live = cluster.get("accessConfig") or {}
    if access_entry_resource and live.get("authenticationMode") == "CONFIG_MAP":
        failure = "AWS::EKS::AccessEntry/AccessEntry: " + stacks.ACCESS_ENTRY_CONFIG_MAP_REASON
    if ctx.forced == "access-entry-stack":
        access_entry_resource = True
        failure = "AWS::EKS::AccessEntry/AccessEntry: " + stacks.ACCESS_ENTRY_CONFIG_MAP_REASON
    if failure is None:
        failure = subnet_failure(aws, ng, subnets)
    tags = stacks.shared_tags(name, v, tree["metadata"].get("tags"))
    ng_tags = dict(ng.raw.get("tags") or {})
    ng_tags["alpha.eksctl.io/nodegroup-name"] = ng.name
    if ng.managed:
        ng_tags["alpha.eksctl.io/nodegroup-type"] = "managed"
    else:
        ng_tags["eksctl.io/v1alpha2/nodegroup-name"] = ng.name
        ng_tags["alpha.eksctl.io/nodegroup-type"] = "unmanaged"
    body = stacks.nodegroup_template(ng, subnets, access_entry_resource, name)
    try:
        stacks.create_stack(aws, stack, body, tags + sorted(ng_tags.items()), failure)
    except AWSError as e:
        return f'creating CloudFormation stack "{stack}": {e}'
    log.info(f'deploying stack "{stack}"')
    final = stacks.wait(aws, stack, log)
    rec = {"name": ng.name, "kind": "managed" if ng.managed else "self-managed", "stack": stack,
           "subnets": subnets, "auth": auth, "status": final["StackStatus"]}
    created.append(rec)
    ctx.call.created["nodegroups"].append(rec)
    if final["StackStatus"] not in ("CREATE_COMPLETE",):
        if from_cluster is False and False:
            pass
        return "waiter state transitioned to Failure"
    if auth == "access-entry-api":
        log.info(f'nodegroup {ng.name}: created access entry for principal ARN "{ng.instance_role_arn}"')
    return None


def subnet_failure(aws, ng, subnets):
    """What CloudFormation does with the subnets the nodegroup was built on (inferred
    wording): none at all, or one that does not exist, fails the nodegroup resource."""
    logical = ("AWS::EKS::Nodegroup/ManagedNodeGroup" if ng.managed else "AWS::AutoScaling::AutoScalingGroup/NodeGroup")
    if not subnets:
        return (f"{logical}: Resource handler returned message: \"Subnets are required (Service: "
                f"{'Eks' if ng.managed else 'AutoScaling'}, Status Code: 400)\" (HandlerErrorCode: InvalidRequest)")
    existing = set()
    for s in subnets:
        try:
            aws.ec2.describe_subnets(SubnetIds=[s])
            existing.add(s)
        except AWSError:
            pass
    for s in subnets:
        if s not in existing:
            return (f"{logical}: Resource handler returned message: \"The subnet ID '{s}' does not exist "
                    f"(Service: Ec2, Status Code: 400)\" (HandlerErrorCode: InvalidRequest)")
    return None
