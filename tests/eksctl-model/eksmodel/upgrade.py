"""`eksctl upgrade cluster` and its deprecated alias `eksctl update cluster`.

Sources, read at 0.170.0, 0.176.0, 0.177.0, 0.180.0 and 0.230.0:
  pkg/ctl/upgrade/cluster.go     flags, NewMetadataLoader, DoUpgradeCluster (CanUpdate:
                                 ACTIVE only; -f: the "VPC changes not implemented" note)
  pkg/ctl/update/cluster.go      the alias: its deprecation warning, --dry-run / --wait
  pkg/actions/cluster/cluster.go New: owned when the cluster stack exists
  pkg/actions/cluster/owned.go   Upgrade: UseFromClusterStack first (vpc.py: <= 0.176 a
                                 deleted Output subnet fails it, plan mode too; >= 0.177 a
                                 warning), then the control plane, then
                                 AppendNewClusterStackResource(plan)
  pkg/actions/cluster/upgrade.go the target version: --version, else the next minor when
                                 this eksctl knows it; more than one minor is refused
  pkg/cfn/manager/cluster.go     AppendNewClusterStackResource: rebuild, append what the
                                 current template lacks, "(plan) ..." or UpdateStack+wait
  pkg/cfn/builder/cluster.go     AddAllResources: HasSufficientSubnets first; a stack with
                                 Resources.VPC rebuilds its subnets (vpc_ipv4.go addSubnets:
                                 Subnet<Topology><AZNAME>, RouteTableAssociation..., and
                                 PrivateRouteTable<AZNAME> for private ones) with the
                                 imported subnets' CIDRs
  pkg/eks/update.go, pkg/eks/waiter/waiter.go  UpdateClusterVersionBlocking: a failed
                                 update is `update failed with status "Failed": update
                                 errors:\n- <message>; errorCode: <code>, resourceIDs: [..]`

Inferred, not read: the wording of EKS's SubnetNotFound error for a control plane subnet
that was deleted, and that the appended subnet fails (EC2 InvalidSubnet.Conflict: the
CIDR is the real subnet's). moto has no UpdateClusterVersion: the control plane upgrade
is recorded (`created.control_plane_upgrades`) and the cluster keeps its version. Only
the subnet part of the rebuild is modelled: a stack with nothing to add for its subnets
is "up-to-date". Unowned clusters (no stack) are not modelled.
"""

import json
import sys

from . import aws as awsmod
from . import vpc
from .aws import AWSError
from .out import Failed, Refused, log

# api.LatestVersion by release (pkg/apis/eksctl.io/v1alpha5/types.go @0.165 .. @0.200;
# later releases ask EKS, taken here as one minor a year of releases, roughly).
LATEST_K8S = [(0, "1.28"), (170, "1.29"), (180, "1.30"), (195, "1.31"), (205, "1.32"), (215, "1.33"),
              (222, "1.34"), (228, "1.35")]

INSUFFICIENT = "insufficient number of subnets, at least 2x public and/or 2x private subnets are required"


def latest_known(v):
    out = LATEST_K8S[0][1]
    for minor, k in LATEST_K8S:
        if v.at_least(minor):
            out = k
    return out


def minor_of(k8s):
    try:
        return int(k8s.split(".")[1])
    except (IndexError, ValueError):
        return None


def az_name(zone):
    """formatAZ / makeAZResourceName (pkg/cfn/builder/vpc.go, vpc_ipv4.go)."""
    return zone.replace("-", "").upper()


def run(alias, call, version, parsed):
    p = parsed
    if alias:
        log.warning("This command is to be deprecated. Please use 'eksctl upgrade cluster' instead")
    name_arg = p.args[0].strip() if p.args else ""
    if len(p.args) > 1:
        raise Refused("only one argument is allowed to be used as a name")
    # NewMetadataLoader(cmd).Load()
    if p.get("config-file"):
        from .loader import Ctx, load_config_file, common_with_config
        ctx = Ctx("cluster", call, version, p)
        ctx.name_arg = name_arg
        tree = load_config_file(ctx)
        common_with_config(ctx, tree, [])
        meta = tree["metadata"]
        name, region, want = meta["name"], meta["region"], str(meta.get("version") or "")
    else:
        name = p.get("name") or ""
        if name and name_arg:
            raise Refused(f"--name={name} and argument {name_arg} cannot be used at the same time")
        name = name or name_arg
        if not name:
            raise Refused("--name must be set")
        region, want = p.get("region"), p.get("version") or ""
    # cmd.Plan starts true (AddResourceCmd); the alias binds --dry-run to it; AddApproveFlag's
    # PreRun sets it to !approve when --approve was given, whatever --dry-run said.
    plan = bool(p.get("dry-run")) if alias else True
    if p.is_changed("approve"):
        plan = not p.get("approve")
    aws, cluster = awsmod.existing_cluster(call, region, p.get("profile"), name, log)
    if cluster.get("status") != "ACTIVE":
        raise Refused(f'cannot update cluster "{name}" in "{aws.region}" region due to status "{cluster.get("status")}"')
    if p.get("config-file"):
        log.warning("NOTE: cluster VPC (subnets, routing & NAT Gateway) configuration changes are not yet implemented")
    from .stack_manager import cluster_stack_of, list_cluster_stacks
    cstack = cluster_stack_of(list_cluster_stacks(aws, name))
    if cstack is None:
        sys.stderr.write("eksctl-model: NOT MODELLED: upgrade of a cluster eksctl does not own\n")
        call.outcome, call.error = "unmodelled", "unowned cluster"
        call.write()
        sys.exit(2)
    call.model["aws"] = True
    upgrade_owned(call, version, aws, name, cluster, cstack, want, plan)


def upgrade_owned(call, v, aws, name, cluster, cstack, want, plan):
    """OwnedCluster.Upgrade."""
    sp = {"name": name, "availabilityZones": [], "pools": [], "outposts": bool(cluster.get("outpostConfig")),
          "outpost_arn": ""}
    net = vpc.Net({})
    try:
        vpc.use_from_cluster_stack(aws, v, log, sp, net, cstack, cluster)
    except (AWSError, Refused) as e:
        raise Refused(f'getting VPC configuration for cluster "{name}": {e}')
    version_update = control_plane(call, v, aws, name, cluster, want, plan)
    try:
        stack_update = append_new_cluster_stack_resource(call, aws, cstack, net, sp, plan)
    except Refused as e:
        if version_update and not plan:
            raise Failed(str(e))  # after the control plane was upgraded
        raise
    if plan and (stack_update or version_update):
        log.warning("no changes were applied, run again with '--approve' to apply the changes")


def control_plane(call, v, aws, name, cluster, want, plan):
    """upgrade(): resolve the target, then UpdateClusterVersionBlocking."""
    current = cluster.get("version") or ""
    cur_minor = minor_of(current)
    if cur_minor is None:
        raise Refused("unable to get control plane version")
    nxt = f"1.{cur_minor + 1}"
    known = minor_of(latest_known(v))
    if want in ("", "auto"):
        target = nxt if cur_minor + 1 <= known else ""
    else:
        w = minor_of(want)
        if w is None:
            raise Refused(f'couldn\'t compare versions for upgrade: invalid version "{want}"')
        if w < cur_minor:
            raise Refused(f'cannot upgrade to a lower version. Found given target version "{want}", current cluster '
                          f'version "{current}"')
        if w > known:
            raise Refused(f'control plane version "{want}" is not known to this version of eksctl, try to upgrade '
                          f'eksctl first')
        if w > cur_minor + 1:
            raise Refused(f'upgrading more than one version at a time is not supported. Found upgrade from "{current}" '
                          f'to "{want}". Please upgrade to "{nxt}" first')
        target = want if w == cur_minor + 1 else ""
    if not target:
        log.info("no cluster version update required")
        return False
    intended = f'upgrade cluster "{name}" control plane from current version "{current}" to "{target}"'
    if plan:
        log.info(f"(plan) would {intended}")
        return True
    log.info(f"will {intended}")
    existing = {s["SubnetId"] for s in aws.ec2.describe_subnets()["Subnets"]}
    gone = [s for s in cluster.get("resourcesVpcConfig", {}).get("subnetIds", []) if s not in existing]
    record = {"cluster": name, "from": current, "to": target, "ok": not gone}
    call.created.setdefault("control_plane_upgrades", []).append(record)
    if gone:
        errors = "\n".join(f"- The subnet ID '{s}' does not exist; errorCode: SubnetNotFound, resourceIDs: [{s}]"
                           for s in gone)
        raise Failed(f'update failed with status "Failed": update errors:\n{errors}')
    eks_side_of_upgrade(aws, name, cluster)
    log.success(f'cluster "{name}" control plane has been upgraded to version "{target}"')
    log.info("you will need to follow the upgrade procedure for all of nodegroups and add-ons")
    return True


def eks_side_of_upgrade(aws, name, cluster):
    """What EKS does on UpdateClusterVersion besides the version, which moto cannot: the
    world's `readd_on_upgrade` makes it register subnets with the control plane again, as
    users saw in eksctl #7290. Not eksctl's doing: it sends only the name and version
    (pkg/eks/update.go UpdateClusterVersion @0.164.0, @0.230.0)."""
    readd = (cluster.get("tags") or {}).get("test.eksctl-shim/upgrade-readds")
    if not readd:
        return
    now = list(cluster.get("resourcesVpcConfig", {}).get("subnetIds", []))
    back = now + [s for s in readd.split(",") if s not in now]
    aws.eks.update_cluster_config(name=name, resourcesVpcConfig={"subnetIds": back})


def append_new_cluster_stack_resource(call, aws, cstack, net, sp, plan):
    """AppendNewClusterStackResource, the subnet part of the rebuild."""
    stack = cstack["StackName"]
    body = aws.cloudformation.get_template(StackName=stack)["TemplateBody"]
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            body = None
    if not isinstance(body, dict) or not isinstance(body.get("Resources"), dict) or \
            not isinstance(body.get("Outputs"), dict):
        raise Refused("unexpected template format of the current stack ")
    log.info(f're-building cluster stack "{stack}"')
    add = rebuild_subnet_resources(aws, body["Resources"], net, sp)
    if not add:
        log.success(f'all resources in cluster stack "{stack}" are up-to-date')
        return False
    names = sorted(r for r, _ in add)  # encoding/json renders the map sorted
    describe = f"updating stack to add new resources [{' '.join(names)}] and outputs []"
    if plan:
        log.info(f"(plan) {describe}")
        return True
    log.info(describe)
    log.info(f'waiting for CloudFormation stack "{stack}"')
    conflicts = [(r, s) for r, s in add if r.startswith("Subnet")]
    call.created["stacks_updated"].append({
        "stack": stack, "ok": not conflicts, "added": names,
        "reason": "; ".join(f"AWS::EC2::Subnet/{r}: The CIDR '{s['cidr']}' conflicts with another subnet "
                            f"(Service: Ec2, Status Code: 400, Error Code: InvalidSubnet.Conflict)"
                            for r, s in conflicts) or None,
    })
    if conflicts:
        raise Failed("waiter state transitioned to Failure")
    return True


def rebuild_subnet_resources(aws, current, net, sp):
    """The subnet part of the rebuild (`NewClusterResourceSet` + `AddAllResources`,
    pkg/cfn/builder/cluster.go), shared by `upgrade cluster` and `create nodegroup`'s
    compatibility update (`FixClusterCompatibility` calls the same
    `AppendNewClusterStackResource`, pkg/cfn/manager/compat.go:77@0.200.0):
    `HasSufficientSubnets` first (Refused), the route tables of a fully-private existing
    VPC, then the subnet resources a stack that made its VPC lacks, each with its subnet."""
    n_private, n_public = len(net.private), len(net.public)
    if not sp["outposts"]:
        if n_private == 0 and n_public == 0 or 0 < n_public < 2 or 0 < n_private < 2:
            raise Refused(INSUFFICIENT)
    elif n_private == 0 and n_public == 0:
        raise Refused(INSUFFICIENT.replace("2x", "1x") + " for Outposts")
    if "VPC" not in current and net.fully_private:
        import_route_tables(aws, net.private)
    add = []
    if "VPC" in current:  # NewClusterResourceSet: usesExistingVPC = !Resources.VPC
        for topology, mapping in (("Private", net.private), ("Public", net.public)):
            for key, s in mapping.items():
                alias = az_name(key)
                wanted = [f"Subnet{topology}{alias}", f"RouteTableAssociation{topology}{alias}"]
                if topology == "Private":
                    wanted.append(f"PrivateRouteTable{alias}")
                for r in wanted:
                    if r not in current:
                        add.append((r, s))
    return add


def import_route_tables(aws, private):
    """ExistingVPCResourceSet.importExistingResources on a fully-private cluster
    (pkg/cfn/builder/vpc_existing.go:109-115 importRouteTables :158-190, makeSubnetResources
    :136-156 @0.180.0; the same at 0.230.0): the route tables associated with the private
    subnets; one with a main association fails, and so does a subnet none is explicitly
    associated with. Wrapped by CreateTemplate and AddAllResources."""
    wrap = "error adding VPC resources: error importing VPC resources: "
    ids = [s["id"] for s in private.values()]
    if not ids:
        return
    tables = aws.ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": ids}])["RouteTables"]
    routes = {}
    for t in tables:
        for a in t.get("Associations", []):
            if a.get("Main"):
                raise Refused(wrap + "subnets must be associated with a non-main route table; eksctl does not modify "
                              "the main route table")
            routes[a.get("SubnetId")] = t["RouteTableId"]
    for sid in ids:
        if sid not in routes:
            raise Refused(wrap + f'failed to find an explicit route table associated with subnet "{sid}"; eksctl does '
                          "not modify the main route table if a subnet is not associated with an explicit route table")
