"""`eksctl utils update-cluster-vpc-config`.

Sources, read at 0.165.0, 0.170.0, 0.200.0 and 0.230.0:
  pkg/ctl/utils/update_cluster_vpc_config.go  flags (--control-plane-egress-mode from
                                 0.228.0), NewProviderForExistingCluster, CanUpdate
  pkg/ctl/cmdutils/update_cluster_vpc.go  NewUpdateClusterVPCLoader: the option flags are
                                 refused beside -f; without -f one of them is required and
                                 only those given are set; with -f the file's vpc section,
                                 unset clusterEndpoints fields taking eksctl's defaults
                                 (SetClusterEndpointAccessDefaults: public on, private off)
  pkg/ctl/utils/vpc_helper.go    UpdateClusterVPCConfig: Outposts refused; endpoint access
                                 (an unset side keeps the live value), public access CIDRs,
                                 control plane subnets / security groups; plan mode logs
                                 "(plan) would ..." and changes nothing

Each update is an EKS UpdateClusterConfig (moto applies it at once; eksctl waits on the
update). Egress mode is not modelled.
"""

import sys

from . import aws as awsmod
from .out import Refused, log

OPTIONS = ["private-access", "public-access", "public-access-cidrs", "control-plane-subnet-ids",
           "control-plane-security-group-ids", "control-plane-egress-mode"]


def run(call, version, p):
    from .loader import Ctx, load_config_file, common_with_config
    name_arg = p.args[0].strip() if p.args else ""
    if len(p.args) > 1:
        raise Refused("only one argument is allowed to be used as a name")
    options = [o for o in OPTIONS if o in p.flags]
    if p.get("config-file"):
        ctx = Ctx("cluster", call, version, p)
        ctx.name_arg = name_arg
        tree = load_config_file(ctx)
        common_with_config(ctx, tree, [o for o in options])
        meta = tree["metadata"]
        name, region = meta["name"], meta["region"]
        log.info("only changes to vpc.clusterEndpoints, vpc.publicAccessCIDRs, vpc.controlPlaneSubnetIDs, "
                 "vpc.controlPlaneSecurityGroupIDs and vpc.controlPlaneEgressMode are updated in the EKS API, "
                 "changes to any other fields will be ignored")
        vpc = dict(tree.get("vpc") or {})
        ends = dict(vpc.get("clusterEndpoints") or {})
        ends.setdefault("publicAccess", True)
        ends.setdefault("privateAccess", False)
        want = {"endpoints": ends, "cidrs": vpc.get("publicAccessCIDRs"),
                "subnets": vpc.get("controlPlaneSubnetIDs"), "groups": vpc.get("controlPlaneSecurityGroupIDs")}
    else:
        name = p.get("cluster") or ""
        if name and name_arg:
            raise Refused(f"--cluster={name} and argument {name_arg} cannot be used at the same time")
        name = name or name_arg
        if not name:
            raise Refused("--cluster must be set")
        if not any(p.is_changed(o) for o in options):
            raise Refused("at least one of these options must be specified: " + ", ".join("--" + o for o in options))
        region = p.get("region")
        ends = {}
        if p.is_changed("private-access"):
            ends["privateAccess"] = bool(p.get("private-access"))
        if p.is_changed("public-access"):
            ends["publicAccess"] = bool(p.get("public-access"))
        want = {"endpoints": ends or None, "cidrs": p.get("public-access-cidrs"),
                "subnets": p.get("control-plane-subnet-ids"), "groups": p.get("control-plane-security-group-ids")}
    plan = True
    if p.is_changed("approve"):
        plan = not p.get("approve")
    aws, cluster = awsmod.existing_cluster(call, region, p.get("profile"), name, log)
    log.info(f"using region {aws.region}")
    if cluster.get("status") != "ACTIVE":
        raise Refused(f'cannot update cluster "{name}" in "{aws.region}" region due to status "{cluster.get("status")}"')
    if cluster.get("outpostConfig"):
        raise Refused("this operation is not supported on Outposts clusters")
    call.model["aws"] = True
    update(call, aws, name, cluster, want, plan)
    if plan:
        log.warning("no changes were applied, run again with '--approve' to apply the changes")


def update(call, aws, name, cluster, want, plan):
    """VPCHelper.UpdateClusterVPCConfig."""
    cur = cluster.get("resourcesVpcConfig") or {}
    where = f'cluster "{name}" in "{aws.region}"'
    changes = []
    ends = want["endpoints"]
    if ends is not None:
        pub = ends.get("publicAccess", cur.get("endpointPublicAccess", True))
        priv = ends.get("privateAccess", cur.get("endpointPrivateAccess", False))
        if (pub, priv) == (cur.get("endpointPublicAccess", True), cur.get("endpointPrivateAccess", False)):
            log.success(f"Kubernetes API endpoint access for {where} is already up-to-date")
        else:
            log.info(f"{'(plan) would' if plan else 'will'} update Kubernetes API endpoint access for {where} to: "
                     f"privateAccess={str(priv).lower()}, publicAccess={str(pub).lower()}")
            changes.append({"endpointPublicAccess": pub, "endpointPrivateAccess": priv})
    if want["cidrs"] is not None:
        if sorted(want["cidrs"]) == sorted(cur.get("publicAccessCidrs") or []):
            log.success(f"public access CIDRs for {where} are already up-to-date")
        else:
            log.info(f"current public access CIDRs: [{' '.join(cur.get('publicAccessCidrs') or [])}]")
            log.info(f"{'(plan) would' if plan else 'will'} update public access CIDRs for {where} to: "
                     f"[{' '.join(want['cidrs'])}]")
            changes.append({"publicAccessCidrs": list(want["cidrs"])})
    subnets, groups = want["subnets"], want["groups"]
    if subnets is not None and list(subnets) != list(cur.get("subnetIds") or []):
        log.info(f"{'(plan) would' if plan else 'will'} update control plane subnet IDs for {where} to: "
                 f"[{' '.join(subnets)}]")
        changes.append({"subnetIds": list(subnets)})
    if groups is not None and list(groups) != list(cur.get("securityGroupIds") or []):
        changes.append({"securityGroupIds": list(groups)})
    if plan:
        return
    for change in changes:
        aws.eks.update_cluster_config(name=name, resourcesVpcConfig=change)
        call.created.setdefault("vpc_config_updates", []).append(change)
