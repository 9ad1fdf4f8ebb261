"""nodegroup.Manager.Create (pkg/actions/nodegroup/create.go) for `create nodegroup`:
Outposts and the API-mode refusal of --update-auth-configmap (>= 0.167), the cluster stack
or the VPC of a cluster eksctl does not own, the compatibility check
(SharedNodeSecurityGroup), subnet checks (vpc.py), existing nodegroups skipped (#8712),
include/exclude, --dry-run (PrintNodeGroupDryRunConfig), nodeCreationTasks (the
FixClusterCompatibility update of #7720 and the nodegroup stacks, stack_manager.py) and
postNodeCreationTasks (aws-auth vs access entries: pkg/accessentry/service.go).
"""

import sys

from . import config as configmod
from . import spec, vpc
from .aws import AWSError
from .out import Failed, Refused, log
from .stack_manager import (cluster_stack_of, create_nodegroup_stack, fix_cluster_compatibility,
                            list_cluster_stacks, nodegroup_stacks_of)


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
