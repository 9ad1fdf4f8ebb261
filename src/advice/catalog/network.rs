use super::{Kind, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "subnet-not-found",
        "eksctl looked up a subnet that no longer exists (subnets changed outside eksctl)",
        &[r"InvalidSubnetID\.NotFound(?:.*?'(?P<subnet>subnet-[0-9a-zA-Z]+)')?"],
        "The cluster stack's Outputs name deleted subnets, and eksctl <= 0.176 fails on any of them. Upgrade eksctl to 0.177.0 or later, or repair the stack with `eksctl-shim sync-outputs --cluster {cluster} --region {region} --approve`, or create the nodegroup in existing subnets (nodeGroups[].subnets with -f, --subnet-ids without). `eksctl-shim check --cluster {cluster} --region {region}` lists what is gone.",
    ),
    kind(
        "subnets-all-deleted",
        "every subnet of the needed kind that the cluster was created on has been deleted",
        &[
            r"all (?P<kind>private|public) subnets from (?P<where>\S+), that the cluster was originally created on, have been deleted",
        ],
        "Create the nodegroup in existing {kind} subnets of the cluster's VPC: set nodeGroups[].subnets (with -f) or --subnet-ids. Running through eksctl-shim does this for you; `eksctl-shim sync-outputs --cluster {cluster} --region {region} --approve` repairs the stack for good.",
    ),
    kind(
        "subnet-removed-outside-eksctl",
        "a subnet in the cluster stack's Outputs was deleted outside eksctl (eksctl skipped it)",
        &[
            r"(?P<subnet>subnet-[0-9a-zA-Z]+)? ?was found in cluster's CloudFormation stack outputs, but has been removed from VPC",
        ],
        "Not an error on its own: eksctl skips the deleted subnet. To stop the warning and keep nodegroups off stale data, run `eksctl-shim sync-outputs --cluster {cluster} --region {region} --approve`.",
    ),
    kind(
        "legacy-subnets-output",
        "the cluster stack comes from a very old eksctl and names its subnets under the legacy `Subnets` output",
        &[r"ins+u+f+icient number of subnets, at least 2x public"],
        "Upgrade eksctl: current versions read the legacy `Subnets` output. If that is not possible, recreate the nodegroup's cluster stack outputs with `eksctl upgrade cluster --name {cluster} --approve`.",
    ),
    kind(
        "not-enough-subnets-for-zones",
        "the cluster has no subnets of the needed kind in the zones the nodegroup asked for",
        &[r"VPC doesn't have enough subnets for nodegroup AZs"],
        "Use zones the cluster has subnets in, or --node-private-networking if the cluster only has private subnets, or name subnets explicitly (nodeGroups[].subnets / --subnet-ids).",
    ),
    kind(
        "insufficient-subnets-for-zones",
        "the VPC CIDR cannot be split into enough subnets for the zones asked for",
        &[r"insufficient number of subnets \(have (?P<have>\d+), but need (?P<need>\d+)\)"],
        "Use fewer availabilityZones, or a larger vpc.cidr, or bring your own VPC subnets.",
    ),
    kind(
        "subnet-not-in-cluster-vpc",
        "a subnet given for the nodegroup belongs to another VPC",
        &[
            r#"subnet with ID "(?P<subnet>[^"]+)" is not in the attached VPC with ID "(?P<vpc>[^"]+)""#,
        ],
        "Use subnets of the cluster's VPC {vpc}: `aws ec2 describe-subnets --filters Name=vpc-id,Values={vpc} --region {region}` lists them.",
    ),
    kind(
        "vpc-not-found",
        "a VPC eksctl was told to use does not exist",
        &[r"InvalidVpcID\.NotFound"],
        "Check vpc.id in the config and the region ({region}). If the cluster stack's VPC output names a deleted VPC, nodegroups cannot be created from that stack: `eksctl-shim check --cluster {cluster} --region {region}` shows it.",
    ),
    kind(
        "security-group-not-found",
        "a security group eksctl was told to use does not exist",
        &[r"InvalidGroup\.NotFound"],
        "Check vpc.securityGroup / vpc.sharedNodeSecurityGroup and securityGroups.attachIDs. If the cluster stack's Outputs name a deleted group, restore it or run `eksctl upgrade cluster --name {cluster} --approve`.",
    ),
    kind(
        "elastic-ip-limit",
        "the account's Elastic IP quota is used up (the NAT gateway needs one)",
        &[
            r"AddressLimitExceeded",
            r"maximum number of addresses has been reached",
        ],
        "Release unused Elastic IPs or ask for a higher quota, or create the cluster with `--vpc-nat-mode Disable` or in an existing VPC. Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}`.",
    ),
    kind(
        "vpc-limit",
        "the account's VPC quota in this region is used up",
        &[
            r"VpcLimitExceeded",
            r"maximum number of VPCs has been reached",
        ],
        "Delete unused VPCs in {region} or ask for a higher quota, or create the cluster in an existing VPC (vpc.id and vpc.subnets).",
    ),
    kind(
        "nat-gateway-limit",
        "the NAT gateway quota is used up",
        &[r"NatGatewayLimitExceeded"],
        "Delete unused NAT gateways or ask for a higher quota, or use `--vpc-nat-mode Single` or `Disable`.",
    ),
    kind(
        "internet-gateway-limit",
        "the internet gateway quota is used up",
        &[r"InternetGatewayLimitExceeded"],
        "Delete unused internet gateways in {region}, ask for a higher quota, or use an existing VPC.",
    ),
    kind(
        "subnet-out-of-addresses",
        "a subnet has no free IP addresses left for nodes or the control plane",
        &[
            r"InsufficientFreeAddressesInSubnet",
            r"(?i)not have enough (?:free|available) IP addresses",
            r"insufficient free IP",
        ],
        "Create the nodegroup in subnets with free addresses (nodeGroups[].subnets / --subnet-ids), or add a secondary CIDR to the VPC. `aws ec2 describe-subnets --region {region} --query 'Subnets[].[SubnetId,AvailableIpAddressCount]'` shows what is left.",
    ),
    kind(
        "subnet-cidr-conflict",
        "a new subnet's CIDR overlaps an existing one",
        &[r"InvalidSubnet\.Conflict", r"conflicts with another subnet"],
        "Choose a vpc.cidr or subnet CIDRs that do not overlap the VPC's existing subnets.",
    ),
    kind(
        "unowned-cluster-needs-vpc",
        "eksctl found no stack for the cluster, so it needs the VPC spelled out",
        &[r"VPC configuration required for creating nodegroups on clusters not owned by eksctl"],
        "Check the cluster name and region first (a typo makes any cluster look unowned). For a cluster eksctl did not create, give vpc.id, vpc.subnets and vpc.securityGroup in the config file.",
    ),
];
