"""`eksctl create nodegroup|ng` and `eksctl create cluster`.

create nodegroup  pkg/ctl/create/nodegroup.go (createNodeGroupCmd), the loader
                  cmdutils.NewCreateNodeGroupLoader (configfile.go), then
                  Cmd.NewProviderForExistingClusterHelper (cmd.go) and
                  nodegroup.Manager.Create (pkg/actions/nodegroup/create.go).
create cluster    pkg/ctl/create/cluster.go (createClusterCmd, doCreateCluster), the
                  loader cmdutils.NewCreateClusterLoader, Cmd.NewCtl, and the task tree
                  of pkg/cfn/manager/create_tasks.go NewTasksToCreateCluster.

Version bands (see vpc.py for the subnet ones):
  <= 0.166  --update-auth-configmap is a plain bool (default true): aws-auth written
            unless =false; no refusal on API clusters.
  >= 0.167  three states (absent: access entry when the cluster has them, else aws-auth;
            =true: aws-auth plus a deprecation warning; =false: neither). Any explicit
            value is refused when the cluster's mode is API or it has no accessConfig.
  0.167-0.175 create cluster puts an AWS::EKS::AccessEntry in every self-managed
            nodegroup stack (#7695); on a CONFIG_MAP cluster that stack fails.
  >= 0.176  create cluster: no access entry when the config's mode is CONFIG_MAP (#7698).
  >= 0.177  self-managed nodegroups with iam.instanceRoleARN get the access entry from
            the EKS API after the stack instead of a stack resource.
What the model does not do: talk to Kubernetes (aws-auth, waiting for nodes, device
plugins: taken to succeed), resolve AMIs or SSH keys, instance selectors, Karpenter,
addons, Fargate profiles beyond the compatibility check, IAM.
"""

import os
import sys

from . import aws as awsmod
from . import config as configmod
from . import flags, spec, stacks, validate, vpc
from .aws import AWSError
from .out import Failed, Refused, go_quote, log

RETIRED_FAILURES = {
    "subnet-gone": "delete a subnet of the cluster stack in the world (spec `delete`) and use eksctl <= 0.176",
    "silent-rollback": "leave a failed nodegroup stack in the world (spec `failed_nodegroup_stacks`) and create "
                       "that nodegroup again (#8712)",
    "access-entry": "use create cluster on eksctl 0.167-0.175 with a CONFIG_MAP config (#7695)",
}
FORCED_FAILURES = {"access-entry-stack"}


class Ctx:
    def __init__(self, kind, call, version, parsed):
        self.kind, self.call, self.v, self.p = kind, call, version, parsed
        self.offline = os.environ.get("EKSCTL_MODEL_OFFLINE") == "1"
        self.forced = os.environ.get("EKSCTL_STANDIN_FAIL") or ""
        self.stdin_cache = None

    def stdin(self):
        if self.call.stdin_bytes is not None:
            return self.call.stdin_bytes
        self.call.stdin_bytes = sys.stdin.buffer.read()
        return self.call.stdin_bytes


def run(kind, call, version, rest):
    forced = os.environ.get("EKSCTL_STANDIN_FAIL")
    if forced and forced not in FORCED_FAILURES:
        why = RETIRED_FAILURES.get(forced, "unknown failure name")
        sys.stderr.write(f"eksctl-model: EKSCTL_STANDIN_FAIL={forced} is not a forced failure of the model: {why}\n")
        call.outcome, call.error = "unmodelled", f"EKSCTL_STANDIN_FAIL={forced}"
        call.write()
        sys.exit(2)
    try:
        parsed = flags.parse(flags.table(kind, version), rest)
    except Refused as e:
        return _error(call, "refused", str(e))
    if parsed.get("help"):
        sys.stderr.write("eksctl-model: NOT MODELLED: help output\n")
        call.outcome, call.error = "unmodelled", "help"
        call.write()
        sys.exit(2)
    for note in parsed.stderr_notes:
        sys.stderr.write(note)
    log.level = parsed.get("verbose")
    if parsed.get("color") == "fabulous":
        sys.stderr.write("eksctl-model: NOT MODELLED: --color=fabulous\n")
        sys.exit(2)
    ctx = Ctx(kind, call, version, parsed)
    ctx.call.config_path = parsed.get("config-file") or None
    # RunE: cmdutils.GetNameArg
    if len(parsed.args) > 1:
        log.critical("only one argument is allowed to be used as a name")
        call.outcome, call.error = "refused", "only one argument is allowed to be used as a name"
        return 1
    ctx.name_arg = parsed.args[0].strip() if parsed.args else ""
    try:
        if kind == "nodegroup":
            create_nodegroup(ctx)
        else:
            create_cluster(ctx)
    except Refused as e:
        return _error(call, "refused", str(e))
    except AWSError as e:
        return _error(call, "refused", str(e))
    except Failed as e:
        return _error(call, "failed", str(e))
    call.outcome = "ok"
    return 0


def _error(call, outcome, msg):
    sys.stdout.flush()
    sys.stderr.write(f"Error: {msg}\n")
    sys.stderr.flush()
    call.outcome, call.error = outcome, msg
    return 1


def changed(ctx, names):
    """findChangedFlag: the first of names (in the order given) that was set."""
    for n in names:
        if ctx.p.is_changed(n):
            return n
    return None


# --- flags -> nodegroup (api.NewNodeGroup + AddCommonCreateNodeGroupFlags) -----------

def flag_nodegroup(ctx, name):
    p = ctx.p
    ng = {"name": name}
    if p.get("node-type"):
        ng["instanceType"] = p.get("node-type")
    for flag, key in (("nodes", "desiredCapacity"), ("nodes-min", "minSize"), ("nodes-max", "maxSize")):
        if p.is_changed(flag):
            ng[key] = p.get(flag)
    ng["volumeSize"] = p.get("node-volume-size")
    ng["volumeType"] = p.get("node-volume-type")
    if p.get("max-pods-per-node"):
        ng["maxPodsPerNode"] = p.get("max-pods-per-node")
    if p.get("node-ami"):
        ng["ami"] = p.get("node-ami")
    if p.get("node-ami-family"):
        ng["amiFamily"] = p.get("node-ami-family")
    if p.get("node-private-networking"):
        ng["privateNetworking"] = True
    if p.get("node-security-groups"):
        ng["securityGroups"] = {"attachIDs": p.get("node-security-groups")}
    if p.get("node-labels"):
        ng["labels"] = p.get("node-labels")
    if p.get("node-zones") is not None:
        ng["availabilityZones"] = p.get("node-zones")
    if p.get("instance-prefix"):
        ng["instancePrefix"] = p.get("instance-prefix")
    if p.get("instance-name"):
        ng["instanceName"] = p.get("instance-name")
    if p.get("disable-pod-imds"):
        ng["disablePodIMDS"] = True
    ssh = {"allow": p.get("ssh-access")}
    if p.is_changed("ssh-public-key"):
        ssh["publicKeyPath"] = p.get("ssh-public-key")
    ng["ssh"] = ssh
    policies = {k: p.get(f) for f, k in (("asg-access", "autoScaler"), ("external-dns-access", "externalDNS"),
                                          ("full-ecr-access", "imageBuilder"), ("appmesh-access", "appMesh"),
                                          ("appmesh-preview-access", "appMeshPreview"),
                                          ("alb-ingress-access", "awsLoadBalancerController"))}
    ng["iam"] = {"withAddonPolicies": policies}
    return ng


def make_managed(ctx, ng):
    """makeManagedNodegroup (configfile.go)."""
    p = ctx.p
    m = dict(ng)
    if p.get("spot"):
        m["spot"] = True
    if p.get("instance-types") is not None:
        m["instanceTypes"] = p.get("instance-types")
    repair = {}
    if p.get("enable-node-repair"):
        repair["enabled"] = True
    for f, k in (("node-repair-max-unhealthy-percentage", "maxUnhealthyNodeThresholdPercentage"),
                 ("node-repair-max-unhealthy-count", "maxUnhealthyNodeThresholdCount"),
                 ("node-repair-max-parallel-percentage", "maxParallelNodesRepairedPercentage"),
                 ("node-repair-max-parallel-count", "maxParallelNodesRepairedCount")):
        if (p.get(f) or 0) > 0:
            repair[k] = p.get(f)
    if repair:
        repair.setdefault("enabled", bool(p.get("enable-node-repair")))
        m["nodeRepairConfig"] = repair
    return m


def managed_only_flags(v):
    """validateManagedNGFlags' list, in its order, by version."""
    names = ["spot"]
    if v.at_least(199):
        names.append("enable-node-repair")
    names.append("instance-types")
    if v.at_least(217):
        names += ["node-repair-max-unhealthy-percentage", "node-repair-max-unhealthy-count",
                  "node-repair-max-parallel-percentage", "node-repair-max-parallel-count"]
    return names


COMMON_NG_REFUSED = ["managed", "spot", "enable-node-repair", "instance-types", "nodes", "nodes-min", "nodes-max",
                     "node-type", "node-volume-size", "node-volume-type", "max-pods-per-node", "node-ami",
                     "node-ami-family", "ssh-access", "ssh-public-key", "enable-ssm", "node-private-networking",
                     "node-security-groups", "node-labels", "node-zones", "asg-access", "external-dns-access",
                     "full-ecr-access", "instance-name", "instance-prefix"]
DRY_RUN_COMMON = ["cfn-disable-rollback", "cfn-role-arn", "install-neuron-plugin", "install-nvidia-plugin",
                  "profile", "timeout"]


def refused_with_config(ctx, extra):
    v = ctx.v
    names = {"name", "region", "version", "cluster", "namepace"} | set(COMMON_NG_REFUSED) | set(extra)
    if v.below(217):
        names.discard("support-type")
    else:
        names.add("support-type")
    if v.below(199):
        names.discard("enable-node-repair")
    if v.below(195):
        names.discard("enable-auto-mode")
    return sorted(names)  # sets.List: sorted


def validate_dry_run(ctx, first):
    if not ctx.p.get("dry-run"):
        return
    f = changed(ctx, first + DRY_RUN_COMMON)
    if f:
        msg = f"cannot use --{f} with --dry-run as this option cannot be represented in ClusterConfig"
        if f == "profile":
            msg += ": set the AWS_PROFILE environment variable instead"
        raise Refused(msg)


def auth_flag(ctx):
    """validateAuthConfigMapFlag (>= 0.167); returns the three-state value (None: absent).
    <= 0.166 it is a plain bool."""
    p = ctx.p
    if ctx.v.below(167):
        return p.get("update-auth-configmap")
    if not p.is_changed("update-auth-configmap"):
        return None
    msg = "--update-auth-configmap is deprecated and will be removed soon"
    if p.get("update-auth-configmap"):
        log.warning(f"{msg}; the recommended way to authorize nodes is by creating EKS access entries")
    else:
        log.warning(f"{msg}; eksctl now uses EKS Access Entries to authorize nodes if it is enabled on the cluster")
        log.warning("access entry for nodegroup(s) will not be added if cluster's authenticationMode is set to "
                    "API_AND_CONFIG_MAP or CONFIG_MAP")
    return p.get("update-auth-configmap")


def load_config_file(ctx):
    """commonClusterConfigLoader.Load with a config file: read, parse, metadata."""
    path = ctx.p.get("config-file")
    data = configmod.read(path, ctx.stdin)
    ctx.call.config_bytes = data
    if path != "-":
        try:
            st = os.stat(path)
            import stat as statmod
            if statmod.S_ISREG(st.st_mode):
                ctx.call.config_mode = oct(st.st_mode & 0o777)
        except OSError:
            pass
    loaded = configmod.parse(path, data, ctx.v)
    import copy
    ctx.call.config_json = copy.deepcopy(loaded.tree)  # as read, before the model's own edits
    tree = loaded.tree if isinstance(loaded.tree, dict) else {}
    return tree


def common_with_config(ctx, tree, extra_refused):
    if tree.get("metadata") is None:
        raise Refused("metadata must be set")
    f = changed(ctx, refused_with_config(ctx, extra_refused))
    if f:
        raise Refused(f"cannot use --{f} when --config-file/-f is set")
    if ctx.name_arg:
        raise Refused("cannot use name argument when --config-file/-f is set")
    meta = tree["metadata"]
    if not meta.get("name"):
        raise Refused("metadata.name must be set")
    if not meta.get("region"):
        raise Refused("metadata.region must be set")


def unset_nodegroups(tree):
    for key in ("nodeGroups", "managedNodeGroups"):
        for i, ng in enumerate(tree.get(key) or []):
            if ng is None:
                raise Refused(f"invalid ClusterConfig: {key}[{i}] is not set")


# === create nodegroup ==================================================================

def load_nodegroup(ctx, flt):
    """NewCreateNodeGroupLoader(...).Load()."""
    p, v = ctx.p, ctx.v
    if not p.get("config-file"):
        f = changed(ctx, ["exclude", "include", "only", "only-missing"])
        if f:
            raise Refused(f"cannot use --{f} unless a config file is specified via --config-file/-f")
        cluster = p.get("cluster")
        if not cluster:
            raise Refused("--cluster must be set")
        managed = p.get("managed")
        if not managed:
            f = changed(ctx, managed_only_flags(v))
            if f:
                raise Refused(f"--{f} is only valid with managed nodegroups (--managed)")
        if managed and p.is_changed("version"):
            raise Refused("--version is only valid with unmanaged nodegroups")
        ctx.auth = auth_flag(ctx)
        flag_name = p.get("name")
        if flag_name and ctx.name_arg:
            raise Refused(f"--name={flag_name} and argument {ctx.name_arg} cannot be used at the same time")
        name = flag_name or ctx.name_arg or spec.generated_nodegroup_name()
        ng = flag_nodegroup(ctx, name)
        if p.get("subnet-ids") is not None:
            ng["subnets"] = list(p.get("subnet-ids"))
        if not managed:
            if p.is_changed("ssh-public-key"):
                if p.get("ssh-public-key") == "":
                    raise Refused("--ssh-public-key must be non-empty string")
                if not p.is_changed("ssh-access"):
                    ng["ssh"]["allow"] = True
            if ng["volumeType"] in ("io1", "io2"):
                raise Refused(f"{ng['volumeType']} volume type is not supported via flag --node-volume-type, please "
                              f"use a config file")
        tree = {"apiVersion": "eksctl.io/v1alpha5", "kind": "ClusterConfig",
                "metadata": {"name": cluster, "region": p.get("region"), "version": p.get("version"),
                             **({"tags": p.get("tags")} if p.get("tags") else {})}}
        if managed:
            tree["managedNodeGroups"] = [make_managed(ctx, ng)]
        else:
            tree["nodeGroups"] = [ng]
        import copy
        ctx.call.config_json = copy.deepcopy(tree)  # no file: the ClusterConfig eksctl built from the flags
        validate_dry_run(ctx, ["update-auth-configmap"])
        return tree, False
    tree = load_config_file(ctx)
    common_with_config(ctx, tree, [])
    unset_nodegroups(tree)
    try:
        flt.append_globs(p.get("include") or p.get("only"), p.get("exclude"), spec.all_names(tree))
    except ValueError as e:
        raise Refused(str(e))
    ctx.auth = auth_flag(ctx)
    validate_dry_run(ctx, ["update-auth-configmap"])
    return tree, True


def create_nodegroup(ctx):
    p, v = ctx.p, ctx.v
    flag_name = p.get("name")
    if flag_name and spec.invalid_name(flag_name):
        raise Refused(spec.err_invalid_name(flag_name))
    flt = spec.Filter()
    try:
        tree, from_file = load_nodegroup(ctx, flt)
    except Refused as e:
        raise Refused(f"couldn't create node group filter from command line options: {e}")
    if p.get("dry-run"):
        log.silenced = True
    meta = tree["metadata"]
    region = meta.get("region") if from_file else p.get("region")
    ctx.model_tree = tree
    if ctx.offline:
        try:
            validate.initialize(tree, v, log)
        except Refused as e:
            raise Refused(f"could not create cluster provider from options: {e}")
        ctx.call.model["offline"] = True
        return
    if not awsmod.configured():
        sys.stderr.write("eksctl-model: no AWS endpoint (AWS_ENDPOINT_URL) is set and EKSCTL_MODEL_OFFLINE=1 is not: "
                         "the model never talks to real AWS\n")
        ctx.call.outcome, ctx.call.error = "unmodelled", "no AWS endpoint"
        ctx.call.write()
        sys.exit(2)
    # --- Cmd.NewProviderForExistingClusterHelper
    wrap = "could not create cluster provider from options"
    try:
        aws = awsmod.new(region, p.get("profile") or os.environ.get("AWS_PROFILE"), log)
    except Refused as e:
        raise Refused(f"{wrap}: {wrap}: {e}")
    meta["region"] = aws.region
    try:
        cluster = aws.eks.describe_cluster(name=meta["name"])["cluster"]
    except AWSError as e:
        raise Refused(f"{wrap}: unable to describe cluster control plane: {e}")
    status = cluster.get("status")
    cp_version = cluster.get("version") or ""
    want = meta.get("version") or "auto"
    if want in ("auto", ""):
        meta["version"] = cp_version
        log.info(f"will use version {cp_version} for new nodegroup(s) based on control plane version")
    elif want in ("latest", "default"):
        log.info(f"will use {want} version ({cp_version}) for new nodegroup(s)")
        meta["version"] = cp_version
    elif want != cp_version:
        log.warning(f"will use version {want} for new nodegroup(s), while control plane version is {cp_version}; to "
                    f'automatically inherit the version use "--version=auto"')
    try:
        validate.initialize(tree, v, log)
    except Refused as e:
        raise Refused(f"{wrap}: {e}")
    if status in ("CREATING", "DELETING", "FAILED"):
        raise Refused(f'cannot perform Kubernetes API operations on cluster "{meta["name"]}" in "{aws.region}" region '
                      f'due to status "{status}"')
    ctx.call.model["aws"] = True
    manager_create(ctx, aws, tree, cluster, from_file, flt)


def access_config(cluster):
    return cluster.get("accessConfig")


def access_entries_enabled(cluster):
    """accessentry.Service.IsEnabled: accessConfig present and mode not CONFIG_MAP."""
    ac = access_config(cluster)
    return ac is not None and ac.get("authenticationMode") != "CONFIG_MAP"


def aws_auth_disabled(cluster):
    """IsAWSAuthDisabled: no accessConfig, or mode API."""
    ac = access_config(cluster)
    return ac is None or ac.get("authenticationMode") == "API"


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


def manager_create(ctx, aws, tree, cluster, from_file, flt):
    """nodegroup.Manager.Create (pkg/actions/nodegroup/create.go)."""
    v = ctx.v
    meta = tree["metadata"]
    name = meta["name"]
    outposts = bool((tree.get("outpost") or {}).get("controlPlaneOutpostARN")) or bool(cluster.get("outpostConfig"))
    if outposts and tree.get("managedNodeGroups"):
        msg = "Managed Nodegroups are not supported on Outposts"
        raise Refused(msg if from_file else f"{msg}; please rerun the command with --managed=false")
    if v.at_least(167) and aws_auth_disabled(cluster) and ctx.auth is not None:
        raise Refused("--update-auth-configmap is not supported when authenticationMode is set to API")
    all_stacks = list_cluster_stacks(aws, name)
    cstack = cluster_stack_of(all_stacks)
    sp = {"name": name, "availabilityZones": list(tree.get("availabilityZones") or []),
          "pools": spec.pools(tree), "outposts": outposts,
          "outpost_arn": (tree.get("outpost") or {}).get("controlPlaneOutpostARN") or ""}
    net = vpc.Net(tree)
    owned = True
    if cstack is None:
        if outposts:
            raise Refused("Outposts is not supported on non eksctl-managed clusters")
        log.warning(f'no eksctl-managed CloudFormation stacks found for "{name}", will attempt to create nodegroup(s) '
                    f"on non eksctl-managed cluster")
        if not net.had_subnets or not net.security_group or not net.id:
            raise Refused(f'loading VPC spec for cluster "{name}": VPC configuration required for creating nodegroups '
                          f"on clusters not owned by eksctl: vpc.subnets, vpc.id, vpc.securityGroup")
        try:
            for which in ("private", "public"):
                m = net.mapping(which)
                ids = [s["id"] for s in m.values() if s["id"]]
                vpc.import_subnets(aws, sp, net, which, vpc.describe_by_ids(aws, ids))
            vpc.cleanup_subnets(sp, net)
        except (AWSError, Refused) as e:
            raise Refused(f'loading VPC spec for cluster "{name}": {e}')
        owned = False
    else:
        vpc.use_from_cluster_stack(aws, v, log, sp, net, cstack, cluster)
    # NewRawClient / checkARMSupport / instance selectors: Kubernetes is taken as reachable.
    if not ctx.p.get("dry-run"):
        for ng in sp["pools"]:
            if not ng.managed or ng.raw.get("ami"):
                log.info(f'nodegroup "{ng.name}" will use "{ng.raw.get("ami", "")}" '
                         f'[{ng.ami_family or "AmazonLinux2023"}/{meta.get("version")}]')
    if owned:
        if "SharedNodeSecurityGroup" not in vpc.outputs_of(cstack):
            raise Refused(f"cluster compatibility check failed: shared node security group missing, to fix this run "
                          f"'eksctl update cluster --name={name} --region={meta['region']}'")
    if v.at_least(177):
        vpc.validate_subnets_availability(v, sp, net)
    vpc.validate_legacy_subnets(aws, sp, net, log)
    # SetOnlyLocal
    flt.only_local = True
    remote = nodegroup_stacks_of(all_stacks)
    eks_ngs = aws.eks.list_nodegroups(clusterName=name).get("nodegroups", [])
    flt.remote = set(remote) | set(eks_ngs)
    flt.local = set(spec.all_names(tree))
    if flt.remote:
        log.info(f"{len(flt.remote)} existing nodegroup(s) ({','.join(sorted(flt.remote))}) will be excluded")
    logf = spec.apply_filter(tree, flt, log)
    logf()
    sp["pools"] = spec.pools(tree)
    n_self = len(tree.get("nodeGroups") or [])
    n_managed = len(tree.get("managedNodeGroups") or [])
    if n_self:
        log.info(f'will create a CloudFormation stack for each of {n_self} nodegroups in cluster "{name}"')
    if n_managed:
        log.info(f'will create a CloudFormation stack for each of {n_managed} managed nodegroups in cluster "{name}"')
    if ctx.p.get("dry-run"):
        print_dry_run(ctx, tree, net, sp, from_file)
        return
    # nodeCreationTasks
    errors = []
    task_lines = []
    if owned:
        err = fix_cluster_compatibility(ctx, aws, tree, cstack, net, sp)
        if err:
            errors.append(err)
    disable_ae = not access_entries_enabled(cluster) or ctx.auth is not None if v.at_least(167) else True
    created = []
    if not errors:
        for ng in sp["pools"]:
            err = create_nodegroup_stack(ctx, aws, tree, net, sp, ng, cluster, disable_ae, created)
            if err:
                errors.append(err)
    if errors:
        log.info(f"{len(errors)} error(s) occurred and nodegroups haven't been created properly, you may wish to "
                 f"check CloudFormation console")
        log.info(f"to cleanup resources, run 'eksctl delete nodegroup --region={meta['region']} --cluster={name} "
                 f"--name=<name>' for each of the failed nodegroup")
        for e in errors:
            log.critical(e + "\n")
        raise Failed(f'failed to create nodegroups for cluster "{name}"')
    # postNodeCreationTasks
    selfm = [ng for ng in sp["pools"] if not ng.managed]
    if v.at_least(167):
        writes = (not access_entries_enabled(cluster) and ctx.auth is not False) or ctx.auth is True
    else:
        writes = bool(ctx.auth)
    for rec in created:
        if rec["kind"] == "self-managed" and writes:
            rec["auth"] = "aws-auth"
    if writes and selfm:
        for ng in selfm:
            log.info(f'adding identity "{ng.instance_role_arn or "arn:aws:iam::123456789012:role/eksctl-" + name + "-nodegroup-" + ng.name + "-NodeInstanceRole"}" to auth ConfigMap')
    log.success(f'created {len(selfm)} nodegroup(s) in cluster "{name}"')
    log.success(f'created {len(sp["pools"]) - len(selfm)} managed nodegroup(s) in cluster "{name}"')
    if v.at_least(167) or True:
        log.info("checking security group configuration for all nodegroups")
        log.info("all nodegroups have up-to-date cloudformation templates")


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
        import json
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
    add_res = ["IngressDefaultClusterToNodeSG", "IngressInterNodeGroupSG", "IngressNodeToDefaultClusterSG"] \
        if managed_update else []
    add_out = ["ClusterSecurityGroupId"] if not out.get("ClusterSecurityGroupId") else []
    if fargate_update:
        add_res.append("FargatePodExecutionRole")
        add_out.append("FargatePodExecutionRoleARN")
    log.info(f"updating stack to add new resources [{' '.join(add_res)}] and outputs [{' '.join(add_out)}]")
    referenced = []
    for k in ("SubnetsPrivate", "SubnetsPublic", "SubnetsLocalZonePrivate", "SubnetsLocalZonePublic", "Subnets"):
        if out.get(k):
            referenced += out[k].split(",")
    existing = {s["SubnetId"] for s in aws.ec2.describe_subnets(
        Filters=[{"Name": "vpc-id", "Values": [out.get("VPC", "")]}])["Subnets"]}
    gone = [s for s in referenced if s and s not in existing]
    log.info(f'waiting for CloudFormation stack "{name}"')
    ctx.call.created["stacks_updated"].append({"stack": name, "ok": not gone, "gone_subnets": gone})
    if gone:
        return "waiter state transitioned to Failure"
    import json
    body = aws.cloudformation.get_template(StackName=name)["TemplateBody"]
    if isinstance(body, str):
        body = json.loads(body)
    for r in add_res:
        body.setdefault("Resources", {})[r] = stacks.placeholder("AWS::EC2::SecurityGroupIngress" if r.startswith(
            "Ingress") else "AWS::IAM::Role")
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


def print_dry_run(ctx, tree, net, sp, from_file):
    """PrintDryRunConfig / PrintNodeGroupDryRunConfig: the ClusterConfig as YAML on stdout
    (sigs.k8s.io/yaml, keys sorted). eksctl's defaults (AMI family, volumes, IAM, SSH...)
    are not filled in by the model; the VPC it imported is."""
    out = dict(tree)
    if from_file:
        vpc_out = dict(tree.get("vpc") or {})
        if net.id:
            vpc_out["id"] = net.id
        if net.security_group:
            vpc_out["securityGroup"] = net.security_group
        if net.shared_node_sg:
            vpc_out["sharedNodeSecurityGroup"] = net.shared_node_sg
        subnets = {}
        for which in ("private", "public"):
            m = net.mapping(which)
            if m:
                subnets[which] = {k: {kk: vv for kk, vv in (("id", s["id"]), ("az", s["az"]), ("cidr", s["cidr"]))
                                      if vv} for k, s in m.items()}
        if subnets:
            vpc_out["subnets"] = subnets
        out["vpc"] = vpc_out
        if sp["availabilityZones"]:
            out["availabilityZones"] = sp["availabilityZones"]
    else:
        out = {k: tree[k] for k in ("apiVersion", "kind", "metadata", "nodeGroups", "managedNodeGroups") if k in tree}
    sys.stdout.write(configmod.json_to_yaml(strip_empty(out)))
    sys.stdout.flush()


def strip_empty(t):
    if isinstance(t, dict):
        return {k: strip_empty(v) for k, v in t.items() if v is not None and v != "" and v != [] and v != {}}
    if isinstance(t, list):
        return [strip_empty(v) for v in t]
    return t


# === create cluster ====================================================================

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
    if not awsmod.configured():
        sys.stderr.write("eksctl-model: no AWS endpoint (AWS_ENDPOINT_URL) is set and EKSCTL_MODEL_OFFLINE=1 is not: "
                         "the model never talks to real AWS\n")
        ctx.call.outcome, ctx.call.error = "unmodelled", "no AWS endpoint"
        ctx.call.write()
        sys.exit(2)
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
