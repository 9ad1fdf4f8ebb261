"""`eksctl create fargateprofile`.

Sources, read at 0.170.0, 0.176.0, 0.177.0 and 0.230.0:
  pkg/ctl/create/fargate.go      flags (--name, --namespace, --labels/-l, --tags/-t,
                                 --cluster, --region, --config-file, --timeout, --profile),
                                 NewCreateFargateProfileLoader, NewProviderForExistingCluster
  pkg/ctl/cmdutils/fargate.go    the loader: --name/--namespace/--labels refused beside -f;
                                 a namespace required; the name argument or --name, else
                                 fp-<random>
  pkg/actions/fargate/create.go  Manager.Create: CanOperate; when a profile has no pod
                                 execution role: the role stack eksctl-<cluster>-fargate
                                 unless the cluster stack has FargatePodExecutionRoleARN,
                                 then LoadClusterIntoSpecFromStack, i.e. UseFromClusterStack
                                 (vpc.py: <= 0.176 fails on any deleted Output subnet,
                                 though a profile never uses them; later versions skip
                                 them); then the profiles, existing ones skipped
  pkg/eks/fargate.go             DoCreateFargateProfiles

Kubernetes (CoreDNS on Fargate) is not modelled.
"""

import secrets

from . import aws as awsmod
from . import vpc
from .aws import AWSError
from .out import Refused, log


def run(call, version, p):
    from .loader import Ctx, load_config_file, common_with_config
    name_arg = p.args[0].strip() if p.args else ""
    if p.get("config-file"):
        ctx = Ctx("cluster", call, version, p)
        ctx.name_arg = name_arg
        tree = load_config_file(ctx)
        common_with_config(ctx, tree, ["name", "namespace", "labels"])
        name, region = tree["metadata"]["name"], tree["metadata"]["region"]
        profiles = [dict(fp) for fp in tree.get("fargateProfiles") or []]
    else:
        name, region = p.get("cluster") or "", p.get("region")
        if not name:
            raise Refused("--cluster must be set")
        pname = p.get("name") or ""
        if pname and name_arg:
            raise Refused(f"--name={pname} and argument {name_arg} cannot be used at the same time")
        pname = pname or name_arg
        if pname.startswith("eks-"):
            raise Refused('invalid Fargate profile: name should NOT start with "eks-"')
        if not p.get("namespace"):
            raise Refused("invalid Fargate profile: empty selector namespace")
        selector = {"namespace": p.get("namespace")}
        if p.get("labels"):
            selector["labels"] = dict(p.get("labels"))
        profiles = [{"name": pname or "fp-" + secrets.token_hex(4), "selectors": [selector]}]
    aws, cluster = awsmod.existing_cluster(call, region, p.get("profile"), name, log)
    call.model["aws"] = True
    status = cluster.get("status")
    if status in ("CREATING", "DELETING", "FAILED"):
        raise Refused(f'couldn\'t check cluster operable status: cannot perform Kubernetes API operations on '
                      f'cluster "{name}" in "{aws.region}" region due to status "{status}"')
    from .stack_manager import cluster_stack_of, list_cluster_stacks
    cstack = cluster_stack_of(list_cluster_stacks(aws, name))
    role = None
    if any(not fp.get("podExecutionRoleARN") for fp in profiles) and cstack is not None:
        outputs = vpc.outputs_of(cstack)
        role = outputs.get("FargatePodExecutionRoleARN") or role_stack(aws, name)
        sp = {"name": name, "availabilityZones": [], "pools": [], "outposts": False, "outpost_arn": ""}
        try:
            vpc.use_from_cluster_stack(aws, version, log, sp, vpc.Net({}), cstack, cluster)
        except (AWSError, Refused) as e:
            raise Refused(f"couldn't load cluster into spec: {e}")
    existing = set(aws.eks.list_fargate_profiles(clusterName=name).get("fargateProfileNames", []))
    for fp in profiles:
        if fp["name"] in existing:
            continue
        log.info(f'creating Fargate profile "{fp["name"]}" on EKS cluster "{name}"')
        aws.eks.create_fargate_profile(
            clusterName=name, fargateProfileName=fp["name"],
            podExecutionRoleArn=fp.get("podExecutionRoleARN") or role or "",
            selectors=fp.get("selectors") or [])
        log.info(f'created Fargate profile "{fp["name"]}" on EKS cluster "{name}"')
        call.created.setdefault("fargate_profiles", []).append(fp["name"])


def role_stack(aws, cluster):
    """ensureFargateRoleStackExists: the stack eksctl-<cluster>-fargate and its role."""
    import json
    stack = f"eksctl-{cluster}-fargate"
    try:
        found = aws.cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    except AWSError:
        found = None
    arn = f"arn:aws:iam::123456789012:role/eksctl-{cluster}-fargate-FargatePodExecutionRole"
    if found is None:
        body = {"Resources": {"FargatePodExecutionRole": {"Type": "AWS::CloudFormation::WaitConditionHandle"}},
                "Outputs": {"FargatePodExecutionRoleARN": {"Value": arn}}}
        aws.cloudformation.create_stack(StackName=stack, TemplateBody=json.dumps(body),
                                        Tags=[{"Key": "alpha.eksctl.io/cluster-name", "Value": cluster}])
    return arn
