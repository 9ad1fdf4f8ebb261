"""What the loaders of the modelled commands share (pkg/ctl/cmdutils/configfile.go,
cmdutils.go): the run's context, errors as eksctl prints them, findChangedFlag, the
flags of a nodegroup (api.NewNodeGroup + AddCommonCreateNodeGroupFlags,
makeManagedNodegroup, validateManagedNGFlags), the flags refused beside -f or --dry-run,
--update-auth-configmap by version, and reading -f (commonClusterConfigLoader.Load).

Version bands (configfile.go at 0.165/0.167/0.195/0.199/0.217):
  <= 0.166  --update-auth-configmap is a plain bool (default true): aws-auth written
            unless =false; no refusal on API clusters.
  >= 0.167  three states (absent: access entry when the cluster has them, else aws-auth;
            =true: aws-auth plus a deprecation warning; =false: neither). Any explicit
            value is refused when the cluster's mode is API or it has no accessConfig
            (nodegroup_manager.py).
"""

import os
import sys

from . import config as configmod
from .out import Refused, log


class Ctx:
    def __init__(self, kind, call, version, parsed):
        self.kind, self.call, self.v, self.p = kind, call, version, parsed
        self.offline = os.environ.get("EKSCTL_MODEL_OFFLINE") == "1"
        self.forced = os.environ.get("EKSCTL_MODEL_FAIL") or ""
        self.stdin_cache = None

    def stdin(self):
        if self.call.stdin_bytes is not None:
            return self.call.stdin_bytes
        self.call.stdin_bytes = sys.stdin.buffer.read()
        return self.call.stdin_bytes


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
