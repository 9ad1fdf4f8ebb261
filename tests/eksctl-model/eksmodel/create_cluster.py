"""`eksctl create cluster`: pkg/ctl/create/cluster.go (createClusterCmd, doCreateCluster),
the loader cmdutils.NewCreateClusterLoader (configfile.go), Cmd.NewCtl (eks.New, the
version, InitializeClusterConfig), createOrImportVPC, and the task tree of
pkg/cfn/manager/create_tasks.go NewTasksToCreateCluster: the cluster stack and EKS
cluster (createClusterTask, pkg/cfn/manager/cluster.go), then the nodegroup stacks
(stack_manager.py; templates pkg/cfn/builder/nodegroup.go in stacks.py).

Version bands (see vpc.py for the subnet ones):
  <= 0.166  the cluster is created without accessConfig (EKS: CONFIG_MAP); aws-auth for
            self-managed nodes.
  0.167-0.175 create cluster puts an AWS::EKS::AccessEntry in every self-managed
            nodegroup stack (#7695); on a CONFIG_MAP cluster that stack fails.
  >= 0.176  no access entry when the config's mode is CONFIG_MAP (#7698); aws-auth then.
"""

import os
import sys

from . import aws as awsmod
from . import config as configmod
from . import spec, stacks, validate, vpc
from .aws import AWSError
from .loader import (COMMON_NG_REFUSED, changed, common_with_config, flag_nodegroup, load_config_file, make_managed,
                     managed_only_flags, unset_nodegroups, validate_dry_run)
from .nodegroup_manager import strip_empty
from .out import Failed, Refused, log
from .stack_manager import create_nodegroup_stack


def load_cluster(ctx, flt):
    """NewCreateClusterLoader(...).Load()."""
    p, v = ctx.p, ctx.v
    flt.exclude_all = bool(p.get("without-nodegroup"))
    cluster_extra = ["tags", "zones", "fargate", "vpc-private-subnets", "vpc-public-subnets", "vpc-cidr",
                     "vpc-nat-mode", "vpc-from-kops-cluster", "enable-auto-mode"]
    dry_first = ["authenticator-role-arn", "auto-kubeconfig", "install-vpc-controllers", "kubeconfig",
                 "set-kubeconfig-context", "write-kubeconfig"]
    if not p.get("config-file"):
        f = changed(ctx, ["exclude", "include", "install-vpc-controllers", "only", "only-missing"])
        if f:
            raise Refused(f"cannot use --{f} unless a config file is specified via --config-file/-f")
        name_flag = p.get("name")
        if name_flag and ctx.name_arg:
            raise Refused(f"--name={name_flag} and argument {ctx.name_arg} cannot be used at the same time")
        name = name_flag or ctx.name_arg or spec.generated_cluster_name()
        tree = {"apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig",
                "metadata": {"name": name, "region": p.get("region"), "version": p.get("version"),
                             **({"tags": p.get("tags")} if p.get("tags") else {})}}
        without = bool(p.get("without-nodegroup"))
        if v.at_least(195) and p.get("enable-auto-mode"):
            f = changed(ctx, [n for n in COMMON_NG_REFUSED if v.at_least(199) or n != "enable-node-repair"])
            if f:
                raise Refused(f"cannot use --{f} when Auto Mode is enabled")
            if p.get("fargate"):
                raise Refused("cannot use --fargate when Auto Mode is enabled")
            if without:
                raise Refused("--without-nodegroup is the default behavior when Auto Mode is enabled")
            without = True
            tree["autoModeConfig"] = {"enabled": True}
        if p.is_changed("node-zones"):
            if not p.is_changed("zones"):
                raise Refused("validation for --zones and --node-zones failed: zones must be defined if node-zones is "
                              "provided and must be a superset of node-zones")
            for z in p.get("node-zones"):
                if z not in p.get("zones"):
                    raise Refused(f"validation for --zones and --node-zones failed: node-zones "
                                  f"[{' '.join(p.get('node-zones'))}] must be a subset of zones "
                                  f"[{' '.join(p.get('zones'))}]; \"{z}\" was not found in zones")
        if p.get("zones"):
            tree["availabilityZones"] = p.get("zones")
        managed = p.get("managed")
        if not managed:
            f = changed(ctx, managed_only_flags(v))
            if f:
                raise Refused(f"--{f} is only valid with managed nodegroups (--managed)")
        if not without:
            ng = flag_nodegroup(ctx, p.get("nodegroup-name") or spec.generated_nodegroup_name())
            if managed:
                tree["managedNodeGroups"] = [make_managed(ctx, ng)]
            else:
                tree["nodeGroups"] = [ng]
        if p.get("fargate"):
            tree["fargateProfiles"] = [{"name": "fp-default", "selectors": [{"namespace": "default"},
                                                                             {"namespace": "kube-system"}]}]
            if not p.is_changed("managed"):
                tree.pop("managedNodeGroups", None)
                tree.pop("nodeGroups", None)
        for ng in tree.get("nodeGroups") or []:
            if p.is_changed("ssh-public-key"):
                if p.get("ssh-public-key") == "":
                    raise Refused("--ssh-public-key must be non-empty string")
            if ng["volumeType"] in ("io1", "io2"):
                raise Refused(f"{ng['volumeType']} volume type is not supported via flag --node-volume-type, please "
                              f"use a config file")
        import copy
        ctx.call.config_json = copy.deepcopy(tree)
        subnets = {}
        for kind in ("private", "public"):
            ids = p.get(f"vpc-{kind}-subnets")
            if ids:
                subnets[kind] = ids
        ctx.flag_subnets = subnets
        validate_dry_run(ctx, dry_first)
        return tree, False
    tree = load_config_file(ctx)
    common_with_config(ctx, tree, cluster_extra)
    ctx.flag_subnets = {}
    unset_nodegroups(tree)
    vpcc = tree.get("vpc") or {}
    subnets = vpcc.get("subnets") or {}
    if (subnets.get("private") or subnets.get("public")) and tree.get("availabilityZones"):
        raise Refused("vpc.subnets and availabilityZones cannot be set at the same time")
    if tree.get("privateCluster", {}).get("enabled") is True:
        ce = vpcc.get("clusterEndpoints") or {}
        if ce.get("publicAccess") is not None or ce.get("privateAccess") is not None:
            raise Refused("vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as "
                          "the endpoint access defaults to private-only")
    if (tree.get("outpost") or {}).get("controlPlaneOutpostARN") and tree.get("managedNodeGroups"):
        raise Refused("Managed Nodegroups are not supported on Outposts")
    if v.at_least(195) and (tree.get("autoModeConfig") or {}).get("enabled") is True:
        if tree.get("nodeGroups") or tree.get("managedNodeGroups"):
            raise Refused("creation of managed or self-managed nodegroups is not supported during cluster creation "
                          "when Auto Mode is enabled; please create them post cluster creation using `eksctl create "
                          "nodegroup` after creating core networking addons in the cluster")
    validate_dry_run(ctx, dry_first)
    return tree, True


DEFAULT_K8S = [(0, "1.27"), (173, "1.29"), (189, "1.30"), (200, "1.31"), (210, "1.32"), (220, "1.33")]


def default_k8s_version(v):
    """api.DefaultVersion by release, roughly (pkg/apis/eksctl.io/v1alpha5/types.go)."""
    out = "1.27"
    for minor, k in DEFAULT_K8S:
        if v.at_least(minor):
            out = k
    return out


def create_cluster(ctx):
    p, v = ctx.p, ctx.v
    flt = spec.Filter()
    tree, from_file = load_cluster(ctx, flt)
    meta = tree["metadata"]
    # Cmd.NewCtl: eks.New, version, InitializeClusterConfig
    if ctx.offline:
        validate.initialize(tree, v, log)
        if meta.get("name") and spec.invalid_name(meta["name"]):
            raise Refused(spec.err_invalid_name(meta["name"]))
        ctx.call.model["offline"] = True
        return
    awsmod.require_endpoint(ctx.call, " and EKSCTL_MODEL_OFFLINE=1 is not")
    aws = awsmod.new(meta.get("region") if from_file else p.get("region"), p.get("profile") or
                     os.environ.get("AWS_PROFILE"), log)
    meta["region"] = aws.region
    if not meta.get("version"):
        meta["version"] = default_k8s_version(v)
    ac = tree.get("accessConfig")
    if v.at_least(167):
        ac = dict(ac or {})
        outposts = bool((tree.get("outpost") or {}).get("controlPlaneOutpostARN"))
        ac.setdefault("authenticationMode", "CONFIG_MAP" if outposts and v.at_least(176) else "API_AND_CONFIG_MAP")
        tree["accessConfig"] = ac
    validate.initialize(tree, v, log)
    name = meta["name"]
    if name and spec.invalid_name(name):
        raise Refused(spec.err_invalid_name(name))
    if p.get("dry-run"):
        log.silenced = True
    log.info(f"eksctl version {v.text}")
    log.info(f"using region {aws.region}")
    ctx.call.model["aws"] = True
    # createOrImportVPC
    sp = {"name": name, "availabilityZones": list(tree.get("availabilityZones") or []), "pools": spec.pools(tree),
          "outposts": bool((tree.get("outpost") or {}).get("controlPlaneOutpostARN")), "outpost_arn": ""}
    net = vpc.Net(tree)
    imported = None
    flag_subnets = getattr(ctx, "flag_subnets", {})
    logf = spec.apply_filter(tree, flt, log)
    sp["pools"] = spec.pools(tree)
    # After ApplyFilter, before createOrImportVPC (pkg/ctl/create/cluster.go:262-296 @0.170.0,
    # :253-286 @0.230.0): they see only the nodegroups the filter kept.
    if v.at_least(167):
        validate_api_server_access(tree)
    validate_outposts_nodegroups(tree)
    if flag_subnets or net.private or net.public:
        for which in ("private", "public"):
            m = net.mapping(which)
            ids = [s["id"] for s in m.values() if s["id"]] + list(flag_subnets.get(which, []))
            try:
                vpc.import_subnets(aws, sp, net, which, vpc.describe_by_ids(aws, ids))
            except AWSError as e:
                raise Refused(str(e))
        vpc.cleanup_subnets(sp, net)
        imported = {"vpc": net.id, "private": [s["id"] for s in net.private.values()],
                    "public": [s["id"] for s in net.public.values()]}
        zones = sorted({s["az"] for s in list(net.private.values()) + list(net.public.values())})
    else:
        azs = [z["ZoneName"] for z in aws.ec2.describe_availability_zones()["AvailabilityZones"]
               if z.get("ZoneType", "availability-zone") == "availability-zone"]
        zones = sp["availabilityZones"] or azs[:3]
        log.info(f"setting availability zones to [{' '.join(zones)}]")
        for z in zones:
            log.info(f"subnets for {z} - public:192.168.x.x/19 private:192.168.x.x/19")
    if p.get("dry-run"):
        out = dict(tree)
        if imported:
            out["vpc"] = {**(tree.get("vpc") or {}), "id": net.id}
        sys.stdout.write(configmod.json_to_yaml(strip_empty(out)))
        return
    log.info(f"using Kubernetes version {meta['version']}")
    nodes_desc = []
    if tree.get("nodeGroups"):
        nodes_desc.append(f"{len(tree['nodeGroups'])} nodegroup(s)")
    if tree.get("managedNodeGroups"):
        nodes_desc.append(f"{len(tree['managedNodeGroups'])} managed nodegroup(s)")
    log.info(f'creating EKS cluster "{name}" in "{aws.region}" region with {" and ".join(nodes_desc) or "no nodes"}')
    if from_file:
        logf()
        log.info(f"will create a CloudFormation stack for cluster itself and {len(tree.get('nodeGroups') or [])} "
                 f"nodegroup stack(s)")
        log.info(f"will create a CloudFormation stack for cluster itself and {len(tree.get('managedNodeGroups') or [])} "
                 f"managed nodegroup stack(s)")
    elif tree.get("nodeGroups") or tree.get("managedNodeGroups"):
        what = "nodegroup" if tree.get("nodeGroups") else "managed nodegroup"
        log.info(f"will create 2 separate CloudFormation stacks for cluster itself and the initial {what}")
    log.info(f"if you encounter any issues, check CloudFormation console or try 'eksctl utils describe-stacks "
             f"--region={aws.region} --cluster={name}'")
    errors = []
    cluster = create_cluster_stack(ctx, aws, tree, name, zones, imported, errors)
    created = []
    if not errors:
        # re-read the network the way the nodegroup tasks' importer sees it
        cstack = aws.cloudformation.describe_stacks(StackName=f"eksctl-{name}-cluster")["Stacks"][0]
        net2 = vpc.Net(tree)
        sp2 = {"name": name, "availabilityZones": [], "pools": sp["pools"], "outposts": sp["outposts"],
               "outpost_arn": ""}
        vpc.use_from_cluster_stack(aws, v, log, sp2, net2, cstack, cluster)
        mode = (tree.get("accessConfig") or {}).get("authenticationMode")
        if v.below(167):
            disable_ae = True
        elif v.below(176):
            disable_ae = False  # #7695: always an access entry
        else:
            disable_ae = mode == "CONFIG_MAP"
        for ng in sp["pools"]:
            err = create_nodegroup_stack(ctx, aws, tree, net2, sp2, ng, cluster, disable_ae, created,
                                         from_cluster=True)
            if err:
                errors.append(err)
    if errors:
        log.warning(f"{len(errors)} error(s) occurred and cluster hasn't been created properly, you may wish to check "
                    f"CloudFormation console")
        log.info(f"to cleanup resources, run 'eksctl delete cluster --region={aws.region} --name={name}'")
        for e in errors:
            log.critical(e + "\n")
        raise Failed(f'failed to create cluster "{name}"')
    log.info("waiting for the control plane to become ready")
    if p.get("write-kubeconfig"):
        log.success(f'saved kubeconfig as "{os.path.expanduser(p.get("kubeconfig"))}"')
    log.success(f'all EKS cluster resources for "{name}" have been created')
    # aws-auth for self-managed nodes: always <= 0.166 (cluster.go @0.165.0), never
    # 0.167-0.175, when the config's mode is CONFIG_MAP from 0.176 (cluster.go @0.176.0)
    mode = (tree.get("accessConfig") or {}).get("authenticationMode")
    writes = v.below(167) or (v.at_least(176) and mode == "CONFIG_MAP")
    for rec in created:
        if rec["kind"] == "self-managed" and writes:
            rec["auth"] = "aws-auth"
            log.info(f'adding identity "arn:aws:iam::123456789012:role/eksctl-{name}-nodegroup-{rec["name"]}-'
                     f'NodeInstanceRole" to auth ConfigMap')
    n_self = sum(1 for r in created if r["kind"] == "self-managed")
    if tree.get("nodeGroups"):
        log.success(f'created {n_self} nodegroup(s) in cluster "{name}"')
    if tree.get("managedNodeGroups"):
        log.success(f'created {len(created) - n_self} managed nodegroup(s) in cluster "{name}"')
    log.success(f'EKS cluster "{name}" in "{aws.region}" region is ready')


def validate_api_server_access(tree):
    """accessentry.ValidateAPIServerAccess (pkg/accessentry/service.go @0.167.0, @0.170.0,
    @0.175.0, @0.230.0): with bootstrapClusterCreatorAdminPermissions false, self-managed
    nodegroups need a mode other than CONFIG_MAP and some access entries."""
    ac = tree.get("accessConfig") or {}
    if ac.get("bootstrapClusterCreatorAdminPermissions") is not False or not tree.get("nodeGroups"):
        return
    if ac.get("authenticationMode") == "CONFIG_MAP":
        raise Refused("cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and "
                      "bootstrapClusterCreatorAdminPermissions is false")
    if not ac.get("accessEntries"):
        raise Refused("cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false "
                      "and no access entries are configured")


def validate_outposts_nodegroups(tree):
    """The Outposts pre-checks of doCreateCluster (pkg/ctl/create/cluster.go:291-296 @0.170.0,
    :283-287 @0.230.0). The Outposts API calls before them (GetOutpost, the instance type)
    are not modelled: taken to succeed."""
    on_outposts = bool((tree.get("outpost") or {}).get("controlPlaneOutpostARN"))
    pools = (tree.get("nodeGroups") or []) + (tree.get("managedNodeGroups") or [])
    if on_outposts:
        subnets = ((tree.get("vpc") or {}).get("subnets") or {})
        if not (subnets.get("private") or subnets.get("public")) and pools:
            raise Refused("cannot create nodegroups on Outposts when the VPC is created by eksctl as it will not "
                          "have connectivity to the API server; please rerun the command with `--without-nodegroup` "
                          "and run `eksctl create nodegroup` after associating the VPC with a local gateway and "
                          "ensuring connectivity to the API server")
    elif any((ng or {}).get("outpostARN") for ng in tree.get("nodeGroups") or []):
        raise Refused("creating nodegroups on Outposts when the control plane is not on Outposts is not supported "
                      "during cluster creation; either create the nodegroups after cluster creation or consider "
                      "creating the control plane on Outposts")


def create_cluster_stack(ctx, aws, tree, name, zones, imported, errors):
    """createClusterTask: the EKS control plane and the cluster stack."""
    v = ctx.v
    stack = f"eksctl-{name}-cluster"
    log.info(f'building cluster stack "{stack}"')
    cidr = (tree.get("vpc") or {}).get("cidr") or "192.168.0.0/16"
    import ipaddress
    net = ipaddress.ip_network(cidr, strict=False)
    blocks = {"vpc": str(net)}
    subs = list(net.subnets(new_prefix=min(net.prefixlen + 3, 28)))
    i = 0
    for kind in ("Public", "Private"):
        for z in zones:
            blocks[(kind, z)] = str(subs[i])
            i += 1
    nat = ((tree.get("vpc") or {}).get("nat") or {}).get("gateway") or ("Disable" if imported else "Single")
    body = stacks.cluster_template(name, imported is None, zones, imported, blocks, nat)
    tags = stacks.shared_tags(name, v, tree["metadata"].get("tags")) + [("alpha.eksctl.io/cluster-oidc-enabled",
                                                                         "false")]
    failure = None
    exists = True
    try:
        aws.eks.describe_cluster(name=name)
    except AWSError:
        exists = False
    if exists:
        failure = (f"AWS::EKS::Cluster/ControlPlane: Resource handler returned message: \"Cluster already exists with "
                   f"name: {name} (Service: Eks, Status Code: 409)\" (HandlerErrorCode: AlreadyExists)")
    try:
        stacks.create_stack(aws, stack, body, tags, failure)
    except AWSError as e:
        errors.append(f'creating CloudFormation stack "{stack}": {e}')
        return None
    log.info(f'deploying stack "{stack}"')
    final = stacks.wait(aws, stack, log)
    if final["StackStatus"] != "CREATE_COMPLETE":
        log.critical(f'unexpected status "{final["StackStatus"]}" while waiting for CloudFormation stack "{stack}"')
        stacks.troubleshoot(aws, stack, log, final["StackStatus"])
        errors.append("ResourceNotReady: failed waiting for successful resource state")
        return None
    out = vpc.outputs_of(final)
    # public subnets of a new VPC: MapPublicIpOnLaunch as eksctl's template sets it
    if imported is None:
        for sid in (out.get("SubnetsPublic") or "").split(","):
            if sid:
                aws.ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    subnet_ids = [s for k in ("SubnetsPrivate", "SubnetsPublic") for s in (out.get(k) or "").split(",") if s]
    create = {"name": name, "roleArn": f"arn:aws:iam::123456789012:role/eksctl-{name}-cluster-ServiceRole",
              "resourcesVpcConfig": {"subnetIds": subnet_ids, "securityGroupIds": [out["SecurityGroup"]]},
              "version": tree["metadata"]["version"],
              "tags": {"alpha.eksctl.io/cluster-name": name}}
    ac = tree.get("accessConfig")
    if v.at_least(167) and ac:
        create["accessConfig"] = {k: ac[k] for k in ("authenticationMode", "bootstrapClusterCreatorAdminPermissions")
                                  if k in ac}
    else:
        # created without accessConfig: the EKS API's default mode is CONFIG_MAP
        create["accessConfig"] = {"authenticationMode": "CONFIG_MAP"}
    if tree.get("outpost"):
        create["outpostConfig"] = {"outpostArns": [tree["outpost"]["controlPlaneOutpostARN"]],
                                   "controlPlaneInstanceType": tree["outpost"].get("controlPlaneInstanceType",
                                                                                  "m5.large")}
    cluster = aws.eks.create_cluster(**create)["cluster"]
    ctx.call.created["clusters"].append({"name": name, "stack": stack, "vpc": out.get("VPC"),
                                         "subnets_private": (out.get("SubnetsPrivate") or "").split(","),
                                         "subnets_public": (out.get("SubnetsPublic") or "").split(","),
                                         "authenticationMode": create["accessConfig"].get("authenticationMode")})
    return aws.eks.describe_cluster(name=name)["cluster"]
