"""The cluster's network as eksctl loads it for `create nodegroup`, and the subnet checks.

Sources (pkg/vpc/vpc.go unless noted):
  UseFromClusterStack        @0.176.0: every subnet Output is described by ID
                             (ImportSubnetsFromIDList); one deleted ID fails the run with
                             InvalidSubnetID.NotFound.
                             @0.177.0 (#7714): the VPC's subnets are listed first; a stack
                             subnet that is gone is skipped with a warning, worded
                             "was found on cluster cloudformation stack outputs" up to
                             0.194.0 and "was found in cluster's CloudFormation stack
                             outputs" from 0.195.0 (commit 54225346b).
                             Subnets*Extended (Outposts) are described by ID on every
                             version. Legacy `Subnets` only when `SubnetsPublic` is absent.
  ImportSubnets / api.ImportSubnet (pkg/apis/eksctl.io/v1alpha5/vpc.go): imported
                             subnets are keyed by zone unless the config's own vpc.subnets
                             has the subnet (by alias, ID or <AZ,CIDR>); an alias whose ID
                             differs is "mismatch found between local and remote VPC config".
  cleanupSubnets             drops config subnets whose AZ no imported subnet has.
  validateSubnetsAvailability pkg/actions/nodegroup/create.go @0.177.0 (by map key: #7785)
                             and @0.182.0 (by the subnets' AZs, PR #7816).
  ValidateLegacySubnetsForNodeGroups / SelectNodeGroupSubnets: public nodegroups need
                             MapPublicIpOnLaunch (a warning with private endpoint access);
                             a subnet from the private mapping may not be used publicly.

Go iterates maps in random order: where eksctl's outcome depends on that order (which
of two deleted Outputs is reported first), the model takes Outputs in the order
SubnetsPrivate, SubnetsPublic, local zones, Extended.
"""

from .aws import AWSError
from .out import Refused, go_quote, go_quoted_list


def new_mapping():
    return {}


def az_mapping_from_config(raw):
    """AZSubnetMappingFromMap: an entry without `az` takes its key as the AZ."""
    out = {}
    for k, v in (raw or {}).items():
        v = dict(v or {})
        spec = {"id": v.get("id") or "", "az": v.get("az") or k, "cidr": v.get("cidr") or ""}
        out[k] = spec
    return out


class Net:
    """spec.VPC as eksctl holds it after loading: id, security groups, subnet mappings."""

    def __init__(self, cfg):
        vpc = cfg.get("vpc") or {}
        self.id = vpc.get("id") or ""
        self.cidr = vpc.get("cidr") or ""
        self.security_group = vpc.get("securityGroup") or ""
        self.shared_node_sg = vpc.get("sharedNodeSecurityGroup") or ""
        subnets = vpc.get("subnets")
        self.private = az_mapping_from_config((subnets or {}).get("private"))
        self.public = az_mapping_from_config((subnets or {}).get("public"))
        self.had_subnets = subnets is not None
        self.local_private, self.local_public = {}, {}
        self.private_access = None
        self.public_access = None
        self.fully_private = False
        self.nat = None

    def mapping(self, which):
        return {"private": self.private, "public": self.public,
                "local_private": self.local_private, "local_public": self.local_public}[which]


def describe_by_ids(aws, ids):
    if not ids:
        return []
    return aws.ec2.describe_subnets(SubnetIds=list(ids))["Subnets"]


def import_subnets(aws, spec, net, which, subnets, alias=None):
    """vpc.ImportSubnets + api.ImportSubnet."""
    mapping = net.mapping(which)
    if net.id:
        if net.nat is None:
            net.nat = "Disable"
        _import_vpc(aws, net, net.id)
    local = dict(mapping)
    for sn in subnets:
        if not net.id:
            _import_vpc(aws, net, sn["VpcId"])
        elif net.id != sn["VpcId"]:
            raise Refused(f"given {sn['SubnetId']} is in {sn['VpcId']}, not in {net.id}")
        remote = {"id": sn["SubnetId"], "az": sn["AvailabilityZone"], "cidr": sn.get("CidrBlock") or "",
                  "outpost": sn.get("OutpostArn") or ""}
        key_alias = alias(sn) if alias else sn["AvailabilityZone"]
        try:
            key = _local_against_remote(local, remote, key_alias)
        except Refused as e:
            raise Refused(f"could not import subnet {sn['SubnetId']}: mismatch found between local and remote VPC config: {e}")
        mapping[key] = remote
        if sn["AvailabilityZone"] not in spec["availabilityZones"]:
            spec["availabilityZones"].append(sn["AvailabilityZone"])


def _import_vpc(aws, net, vpc_id):
    vpc = aws.ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"][0]
    if not net.id:
        net.id = vpc["VpcId"]
    elif net.id != vpc["VpcId"]:
        raise Refused(f'VPC ID "{net.id}" is not the same as "{vpc["VpcId"]}"')
    if not net.cidr:
        net.cidr = vpc["CidrBlock"]
    elif net.cidr != vpc["CidrBlock"]:
        assoc = [a.get("CidrBlock") for a in vpc.get("CidrBlockAssociationSet", [])]
        if net.cidr not in assoc:
            raise Refused(f'VPC CIDR block "{net.cidr}" not found in VPC')


def _local_against_remote(local, remote, alias):
    """validateLocalConfigAgainstRemote (pkg/apis/eksctl.io/v1alpha5/vpc.go)."""
    if not local:
        return alias
    if alias in local:
        ls = local[alias]
        if ls["id"] and ls["id"] != remote["id"]:
            raise Refused(f'subnet ID {go_quote(ls["id"])}, found in config file, is not the same as subnet ID '
                          f'{go_quote(remote["id"])}, found in remote VPC config')
        if ls["cidr"] and remote["cidr"] and ls["cidr"] != remote["cidr"]:
            raise Refused(f'subnet CIDR {go_quote(ls["cidr"])}, found in config file, is not the same as subnet CIDR '
                          f'{go_quote(remote["cidr"])}, found in remote VPC config')
        return alias
    by_id = by_az = ""
    for k, s in local.items():
        if s["id"] == remote["id"]:
            if s["cidr"] and s["cidr"] != remote["cidr"]:
                raise Refused(f'subnet CIDR {go_quote(s["cidr"])}, found in config file, is not the same as subnet '
                              f'CIDR {go_quote(remote["cidr"])}, found in remote VPC config')
            if by_id:
                raise Refused(f"unable to unambiguously import subnet by ID, found both {by_id} and {k}")
            by_id = k
        elif not s["id"]:
            if s["az"] != remote["az"] or (s["cidr"] and s["cidr"] != remote["cidr"]):
                continue
            if by_az:
                raise Refused(f"unable to unambiguously import subnet by <AZ,CIDR> pair, found both {by_az} and {k}")
            by_az = k
    return by_id or by_az or alias


def outputs_of(stack):
    """A stack's Outputs. A stack that failed to create has none in CloudFormation
    (its resources were rolled back); moto keeps them, so the model drops them."""
    if stack.get("StackStatus") in ("CREATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE"):
        return {}
    return {o["OutputKey"]: o.get("OutputValue", "") for o in stack.get("Outputs", [])}


def use_from_cluster_stack(aws, version, log, spec, net, stack, cluster):
    """UseFromClusterStack (ignoreDrift=true, as `create nodegroup` passes it)."""
    # UseEndpointAccessFromCluster
    rvc = cluster.get("resourcesVpcConfig", {})
    net.public_access = rvc.get("endpointPublicAccess", True)
    net.private_access = rvc.get("endpointPrivateAccess", False)
    out = outputs_of(stack)
    for key in ("VPC", "SecurityGroup"):
        if key not in out:
            raise Refused(f'no output "{key}" in stack "{stack["StackName"]}"')
    net.id = out["VPC"]
    net.security_group = out["SecurityGroup"]
    if "SharedNodeSecurityGroup" in out:
        net.shared_node_sg = out["SharedNodeSecurityGroup"]

    def from_id_list(which, value):
        stack_ids = value.split(",")
        if version.below(177):
            # @0.176.0: ImportSubnetsFromIDList(splitOutputValue(v)) describes them all
            return import_subnets(aws, spec, net, which, describe_by_ids(aws, stack_ids))
        vpc_subnets = [s["SubnetId"] for s in aws.ec2.describe_subnets(
            Filters=[{"Name": "vpc-id", "Values": [net.id]}])["Subnets"]]
        drift = False
        keep = []
        for sid in stack_ids:
            if sid not in vpc_subnets:
                drift = True
                if version.below(195):
                    log.warning(f"{sid} was found on cluster cloudformation stack outputs, but has been removed from "
                                f"VPC {net.id} outside of eksctl")
                else:
                    log.warning(f"{sid} was found in cluster's CloudFormation stack outputs, but has been removed from "
                                f"VPC {net.id} outside of eksctl")
                continue
            keep.append(sid)
        if drift:
            log.warning(f"VPC {net.id} contains the following subnets: {','.join(vpc_subnets)}")
        return import_subnets(aws, spec, net, which, describe_by_ids(aws, keep))

    counter = [0]

    def extended_alias(sn):
        counter[0] += 1
        return f"outpost-{sn['AvailabilityZone']}-{counter[0]}"

    collectors = [
        ("SubnetsPrivate", lambda v: from_id_list("private", v)),
        ("SubnetsPublic", lambda v: from_id_list("public", v)),
        ("SubnetsLocalZonePrivate", lambda v: from_id_list("local_private", v)),
        ("SubnetsLocalZonePublic", lambda v: from_id_list("local_public", v)),
        ("SubnetsPrivateExtended", lambda v: import_subnets(aws, spec, net, "private",
                                                           describe_by_ids(aws, v.split(",")), extended_alias)),
        ("SubnetsPublicExtended", lambda v: import_subnets(aws, spec, net, "public",
                                                          describe_by_ids(aws, v.split(",")), extended_alias)),
    ]
    if "SubnetsPublic" not in out and "Subnets" in out:
        collectors.append(("Subnets", lambda v: from_id_list("public", v)))
    for key, fn in collectors:
        if key in out:
            fn(out[key])
    if out.get("ClusterFullyPrivate") == "true":
        net.fully_private = True
    if "FeatureNATMode" in out:
        net.nat = out["FeatureNATMode"]
    cleanup_subnets(spec, net)


def cleanup_subnets(spec, net):
    """cleanupSubnets: drop mapping entries whose AZ no imported subnet is in; nodegroups
    that named the dropped key get its ID instead."""
    zones = set(spec["availabilityZones"])
    for mapping in (net.private, net.public):
        for name in list(mapping):
            s = mapping[name]
            if s["az"] not in zones:
                for ng in spec["pools"]:
                    ng.subnets = [s["id"] if ref == name else ref for ref in ng.subnets]
                del mapping[name]


def validate_subnets_availability(version, spec, net):
    """pkg/actions/nodegroup/create.go validateSubnetsAvailability (>= 0.177.0), over every
    nodegroup of the config (before --include/--exclude and before existing ones are
    dropped)."""
    def err(ng, where):
        kind = "private" if ng.private else "public"
        return Refused(f"all {kind} subnets from {where}, that the cluster was originally created on, have been deleted; "
                       f"to create {kind} nodegroups within {where} please manually set valid {kind} subnets via "
                       f"nodeGroup.SubnetIDs")

    if version.at_least(182):
        private_azs = {s["az"] for s in net.private.values()}
        public_azs = {s["az"] for s in net.public.values()}
    else:
        private_azs, public_azs = set(net.private), set(net.public)  # #7785: looked up by map key
    for ng in spec["pools"]:
        if (not ng.managed and ng.local_zones) or ng.outpost_arn or spec["outposts"] or ng.subnets:
            continue
        for az in ng.zones:
            if ng.private and az not in private_azs:
                raise err(ng, az)
            if not ng.private and az not in public_azs:
                raise err(ng, az)
        if not ng.zones:
            if ng.private and not private_azs:
                raise err(ng, net.id)
            if not ng.private and not public_azs:
                raise err(ng, net.id)


def _subnet_map_repr(m):
    """Go's %#v of an AZSubnetMapping, close enough (pointer addresses differ)."""
    if not m:
        return "v1alpha5.AZSubnetMapping{}"
    parts = []
    for k, s in m.items():
        parts.append(f'"{k}":v1alpha5.AZSubnetSpec{{ID:"{s["id"]}", AZ:"{s["az"]}", CIDR:(*ipnet.IPNet)(0xc000a1e0c0), '
                     f'CIDRIndex:0, OutpostARN:"{s.get("outpost", "")}"}}')
    return "v1alpha5.AZSubnetMapping{" + ", ".join(parts) + "}"


def select_nodegroup_subnets(aws, spec, net, ng, log):
    """SelectNodeGroupSubnets (zone types and instance offerings are taken as supported)."""
    if not ng.managed and ng.local_zones:
        zones = ng.local_zones
        private_m, public_m = net.local_private, net.local_public
    else:
        zones = ng.zones
        private_m, public_m = net.private, net.public
    mapping = private_m if ng.private else public_m
    kind = "private" if ng.private else "public"

    def desc():
        return f"(allSubnets={_subnet_map_repr(mapping)} localZones={zones!r} subnets={ng.subnets!r})"

    ids = []
    if zones:
        if len(mapping) < len(zones):
            raise Refused(f"could not find {kind} subnets for zones {go_quoted_list(zones)} {desc()}: mapping does not "
                          f"have enough subnets: (allSubnets={_subnet_map_repr(mapping)} zones={zones!r})")
        for z in zones:
            found = [s["id"] for s in mapping.values() if s["az"] == z]
            if not found:
                raise Refused(f"could not find {kind} subnets for zones {go_quoted_list(zones)} {desc()}: mapping does "
                              f"not have subnet with zone \"{z}\": (allSubnets={_subnet_map_repr(mapping)} zones={zones!r})")
            ids.extend(found)
    if ng.subnets:
        outpost = spec["outpost_arn"] or ng.outpost_arn
        for name in ng.subnets:
            mapped = None
            if ng.private:
                mapped = _find(name, private_m)
                if mapped is None:
                    mapped = _find(name, public_m)
                    if mapped is not None:
                        log.warning(f"public subnet {name} is being used with `privateNetworking` enabled, please "
                                    f"ensure this is the desired behaviour")
            else:
                mapped = _find(name, public_m)
                if mapped is None and _find(name, private_m) is not None:
                    raise Refused(f"could not select subnets from subnet IDs {desc()}: subnet {name} is specified as "
                                  f"private in ClusterConfig, thus must only be used when `privateNetworking` is enabled")
            if mapped is not None:
                sid, s_outpost = mapped["id"], mapped.get("outpost", "")
            else:
                try:
                    out = aws.ec2.describe_subnets(SubnetIds=[name])["Subnets"]
                except AWSError as e:
                    raise Refused(f"could not select subnets from subnet IDs {desc()}: {e}")
                if len(out) != 1:
                    raise Refused(f'could not select subnets from subnet IDs {desc()}: subnet with ID "{name}" not found')
                sn = out[0]
                if sn.get("VpcId") and sn["VpcId"] != net.id:
                    raise Refused(f'could not select subnets from subnet IDs {desc()}: subnet with ID '
                                  f'"{sn["SubnetId"]}" is not in the attached VPC with ID "{net.id}"')
                sid, s_outpost = sn["SubnetId"], sn.get("OutpostArn") or ""
            if outpost:
                if not s_outpost:
                    raise Refused(f'could not select subnets from subnet IDs {desc()}: failed to select subnet {name}: '
                                  f'subnet "{sid}" is not on Outposts')
                if s_outpost != outpost:
                    raise Refused(f'could not select subnets from subnet IDs {desc()}: failed to select subnet {name}: '
                                  f'subnet "{sid}" is in a different Outpost ARN ("{s_outpost}") than the control plane '
                                  f'or nodegroup Outpost ("{outpost}")')
            ids.append(sid)
    elif ng.outpost_arn:
        ids = [s["id"] for s in mapping.values() if s.get("outpost")]
        if not ids:
            raise Refused(f"no {kind} subnets exist in Outpost for nodegroup {ng.name}")
    if ng.efa and ids:
        ids = ids[:1]
        log.info(f"EFA requires all nodes be in a single subnet, arbitrarily choosing one: [{ids[0]}]")
    return ids


def _find(name, mapping):
    if name in mapping:
        return mapping[name]
    for s in mapping.values():
        if s["id"] == name:
            return s
    return None


def validate_legacy_subnets(aws, spec, net, log):
    """ValidateLegacySubnetsForNodeGroups: public nodegroups' subnets need MapPublicIpOnLaunch."""
    to_check = set()
    for ng in spec["pools"]:
        if ng.private or ng.outpost_arn:
            continue
        try:
            ids = select_nodegroup_subnets(aws, spec, net, ng, log)
        except Refused as e:
            raise Refused(f"could not find public subnets: {e}")
        if ids:
            to_check.update(ids)
        else:
            to_check.update(s["id"] for s in net.public.values() if s["id"])
    if not to_check:
        return
    subnets = describe_by_ids(aws, sorted(to_check))
    legacy = [s["SubnetId"] for s in subnets if not s.get("MapPublicIpOnLaunch")]
    if not legacy:
        return
    if net.private_access:
        log.warning('public subnets for one or more nodegroups have "MapPublicIpOnLaunch" disabled. This means that nodes '
                    "won't get public IP addresses. If they can't reach the cluster through the private endpoint they "
                    "won't be able to join the cluster")
        return
    log.critical(f'found mis-configured or non-public subnets {go_quoted_list(legacy)}. Expected public subnets with '
                 f'property "MapPublicIpOnLaunch" enabled. Without it new nodes won\'t get an IP assigned')
    raise Refused("subnets for one or more new nodegroups don't meet requirements. To fix this, please run "
                  f"`eksctl utils update-legacy-subnet-settings --cluster {spec['name']}`")


def assign_subnets(aws, spec, net, ng, log):
    """builder.AssignSubnets: the subnets the nodegroup's stack is built on."""
    imports = (ng.managed or not ng.local_zones) and not ng.zones and not ng.subnets and \
        (not ng.outpost_arn or spec["outposts"])
    if not imports:
        return select_nodegroup_subnets(aws, spec, net, ng, log)
    mapping = net.private if ng.private else net.public
    zones = set(spec["availabilityZones"])
    return [s["id"] for k, s in mapping.items() if (s["az"] or k) in zones]
