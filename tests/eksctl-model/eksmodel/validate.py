"""InitializeClusterConfig (pkg/ctl/cmdutils/cmd.go @0.230.0): ValidateClusterConfig, then
ValidateNodeGroup for each self-managed nodegroup, ValidateManagedNodeGroup for each
managed one (pkg/apis/eksctl.io/v1alpha5/validation.go). Errors are returned (Validate
is on for create commands).

Modelled: the checks on names, networking, zones, subnets and Outposts that decide
whether a command that places nodegroups can run; not modelled (accepted): volume/IOPS
ranges, AMI families and instance types, IAM policy shapes, taints/labels syntax,
Bottlerocket/Windows specifics, kubelet config, addons, Karpenter, identity providers.
"""

from .out import Refused


def _ok_outpost_arn(arn):
    # validateOutpostARN: arn.Parse and service "outposts"
    parts = arn.split(":", 5)
    return arn.startswith("arn:") and len(parts) == 6 and parts[2] == "outposts"


def cluster_config(tree, version):
    """ValidateClusterConfig, the modelled part."""
    private_cluster = ((tree.get("privateCluster") or {}).get("enabled")) is True
    names = set()
    ng_outpost = ""
    for key in ("nodeGroups", "managedNodeGroups"):
        for i, ng in enumerate(tree.get(key) or []):
            ng = ng or {}
            path = f"{key}[{i}]"
            name = ng.get("name") or ""
            if not name:
                raise Refused(f"{path}.name must be set")
            if name in names:
                raise Refused(f'{path}.name "{name}" is not unique')
            names.add(name)
            if private_cluster and not ng.get("privateNetworking"):
                raise Refused(f"{path}.privateNetworking must be enabled for a fully-private cluster")
            if key == "nodeGroups" and ng.get("outpostARN"):
                if ng_outpost and ng["outpostARN"] != ng_outpost:
                    raise Refused(f'cannot create nodegroups in two different Outposts; got Outpost ARN "{ng_outpost}" '
                                  f'and "{ng["outpostARN"]}"')
                ng_outpost = ng["outpostARN"]
    azs = tree.get("availabilityZones") or []
    if 0 < len(azs) < 2:
        raise Refused(f"only {len(azs)} zone(s) specified [{' '.join(azs)}], 2 are required (can be non-unique)")
    outpost = tree.get("outpost")
    if outpost is not None:
        arn = outpost.get("controlPlaneOutpostARN") or ""
        if not arn:
            raise Refused("outpost.controlPlaneOutpostARN is required for Outposts")
        if not _ok_outpost_arn(arn):
            raise Refused(f'invalid Outpost ARN: "{arn}"')
        if tree.get("fargateProfiles"):
            raise Refused("Fargate is not supported on Outposts")
        if azs:
            raise Refused("cannot specify availabilityZones on Outposts; the AZ defaults to the Outpost AZ")
    vpc = tree.get("vpc") or {}
    if vpc.get("securityGroup") and vpc.get("controlPlaneSecurityGroupIDs"):
        raise Refused("only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified")
    if not vpc.get("sharedNodeSecurityGroup") and vpc.get("manageSharedNodeSecurityGroupRules") is False:
        raise Refused("vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups")
    access = tree.get("accessConfig") or {}
    if access.get("accessEntries") and access.get("authenticationMode") == "CONFIG_MAP":
        raise Refused("accessConfig.authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries")


def _base(ng, path, on_outposts):
    """validateNodeGroupBase (validation.go:755 @0.230.0; the same checks at 0.165.0)."""
    if (ng.get("maxPodsPerNode") or 0) < 0:
        raise Refused(f"{path}.maxPodsPerNode cannot be negative")
    zones, subnets = ng.get("availabilityZones") or [], ng.get("subnets") or []
    if zones and subnets:
        raise Refused(f"only one of {path}.subnets or {path}.availabilityZones should be set")
    placement = ng.get("placement")
    if placement is not None and not placement.get("groupName"):
        raise Refused(f"{path}.placement.groupName must be set and non-empty")
    if ng.get("efaEnabled") is True and (len(zones) > 1 or len(subnets) > 1):
        raise Refused(f"{path}.efaEnabled nodegroups must have only one subnet or one availability zone")
    ssm = (ng.get("ssh") or {}).get("enableSSM")
    if ssm is False:
        raise Refused("SSM agent is now built into EKS AMIs and cannot be disabled")


def nodegroup(i, ng, tree, version):
    """ValidateNodeGroup, the modelled part."""
    path = f"nodeGroups[{i}]"
    on_outposts = bool((tree.get("outpost") or {}).get("controlPlaneOutpostARN"))
    _base(ng, path, on_outposts)
    name = ng.get("name") or ""
    from .spec import err_invalid_name, invalid_name
    if name and invalid_name(name):
        raise Refused(err_invalid_name(name))
    if ng.get("ami") and not ng.get("amiFamily"):
        raise Refused("when using a custom AMI, amiFamily needs to be explicitly set via config file or via "
                      "--node-ami-family flag")
    # validation.go:811-813 @0.170.0, :1033-1037 @0.230.0: a custom AMI needs its own bootstrap
    # command, except Bottlerocket, Windows and (from 0.176.0) AmazonLinux2023 images.
    family = ng.get("amiFamily") or ""
    exempt = family.startswith("Bottlerocket") or family.startswith("Windows") or (
        family == "AmazonLinux2023" and version.at_least(176))
    if ng.get("ami") and ng.get("overrideBootstrapCommand") is None and not exempt:
        raise Refused(f"{path}.overrideBootstrapCommand is required when using a custom AMI based on {family} "
                      f"({path}.ami)")
    if ng.get("localZones") and ng.get("availabilityZones"):
        raise Refused("cannot specify both localZones and availabilityZones")
    arn = ng.get("outpostARN") or ""
    cp_arn = (tree.get("outpost") or {}).get("controlPlaneOutpostARN") or ""
    if arn:
        if not _ok_outpost_arn(arn):
            raise Refused(f'invalid Outpost ARN: "{arn}"')
        if cp_arn and arn != cp_arn:
            raise Refused(f'nodeGroup.outpostARN must either be empty or match the control plane\'s Outpost ARN '
                          f'("{arn}" != "{cp_arn}")')
    if cp_arn or arn:
        if ng.get("availabilityZones"):
            raise Refused("cannot specify availabilityZones on Outposts; the AZ defaults to the Outpost AZ")
        if ng.get("localZones"):
            raise Refused("cannot specify localZones on Outposts; the AZ defaults to the Outpost AZ")


def managed_nodegroup(i, ng, version):
    """ValidateManagedNodeGroup, the modelled part."""
    path = f"managedNodeGroups[{i}]"
    _base(ng, path, False)
    iam = ng.get("iam") or {}
    if iam.get("instanceProfileARN"):
        raise Refused(f"instanceProfileARN is not supported for Managed Nodes ({path}.instanceProfileARN)")
    if ng.get("outpostARN"):
        raise Refused("Outposts is not supported for managed nodegroups")
    mn, mx, d = ng.get("minSize"), ng.get("maxSize"), ng.get("desiredCapacity")
    if mn is not None and d is not None and d < mn:
        raise Refused(f"cannot use --nodes-min={mn} and --nodes={d} at the same time")
    if mx is not None and d is not None and d > mx:
        raise Refused(f"cannot use --nodes-max={mx} and --nodes={d} at the same time")
    if mx is not None and mn is not None and mx < mn:
        raise Refused(f"cannot use --nodes-min={mn} and --nodes-max={mx} at the same time")
    sg = ng.get("securityGroups") or {}
    if sg.get("withLocal") is True or sg.get("withShared") is True:
        raise Refused(f"securityGroups.withLocal and securityGroups.withShared are not supported for managed "
                      f"nodegroups ({path}.securityGroups)")
    if ng.get("instanceType") and ng.get("instanceTypes"):
        raise Refused(f"only one of instanceType or instanceTypes can be specified ({path})")


def initialize(tree, version, log):
    """InitializeClusterConfig: the validations, in eksctl's order."""
    cluster_config(tree, version)
    for i, ng in enumerate(tree.get("nodeGroups") or []):
        nodegroup(i, ng or {}, tree, version)
    for i, ng in enumerate(tree.get("managedNodeGroups") or []):
        managed_nodegroup(i, ng or {}, version)
