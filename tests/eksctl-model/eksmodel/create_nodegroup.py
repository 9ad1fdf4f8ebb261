"""`eksctl create nodegroup|ng`: pkg/ctl/create/nodegroup.go (createNodeGroupCmd), the
loader cmdutils.NewCreateNodeGroupLoader (configfile.go), then
Cmd.NewProviderForExistingClusterHelper (cmd.go): the cluster described, the nodegroups'
version, InitializeClusterConfig, the cluster's status. nodegroup.Manager.Create
(pkg/actions/nodegroup/create.go) follows in nodegroup_manager.py.
"""

import os

from . import aws as awsmod
from . import spec, validate
from .aws import AWSError
from .loader import (auth_flag, changed, common_with_config, flag_nodegroup, load_config_file, make_managed,
                     managed_only_flags, unset_nodegroups, validate_dry_run)
from .nodegroup_manager import manager_create
from .out import Refused, log


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
    awsmod.require_endpoint(ctx.call, " and EKSCTL_MODEL_OFFLINE=1 is not")
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
