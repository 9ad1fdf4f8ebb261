use super::{FailureKind, Family, kind};

const F: Family = Family::Network;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "subnet-not-found",
        "eksctl looked up a subnet that no longer exists (subnets changed outside eksctl)",
        &[r"InvalidSubnetID\.NotFound(?:.*?'(?P<subnet>subnet-[0-9a-zA-Z]+)')?"],
        "The cluster stack's Outputs name deleted subnets, and eksctl <= 0.176 fails on any of them. Upgrade eksctl to 0.177.0 or later, or repair the stack with `eksctl-shim sync-outputs --cluster {cluster} --region {region}{--profile} --approve` (it edits SubnetsPrivate and SubnetsPublic only: a deleted subnet of SubnetsLocalZone* or legacy Subnets is taken out by hand), or create the nodegroup in existing subnets (nodeGroups[].subnets with -f, --subnet-ids without). `eksctl-shim check --cluster {cluster} --region {region}{--profile}` lists what is gone.",
    ),
    kind(
        F,
        "subnet-id-unknown",
        "a subnet named in the config or on the command line does not exist[[ in {region}]]",
        &[
            r#"subnet with ID "(?P<subnet>[^"]+)" not found"#,
            r"InvalidSubnetID\.Malformed",
        ],
        "Check the subnet IDs in vpc.subnets, nodeGroups[].subnets or --subnet-ids against `aws ec2 describe-subnets --region {region}{--profile}[[ --subnet-ids {subnet}]]`; a subnet deleted since the config was written must come out of it.",
    ),
    kind(
        F,
        "subnets-all-deleted",
        "every subnet of the needed kind that the cluster was created on has been deleted",
        &[
            r"all (?P<kind>private|public) subnets from (?P<where>\S+), that the cluster was originally created on, have been deleted",
        ],
        "Create the nodegroup in existing {kind} subnets of the cluster's VPC: set nodeGroups[].subnets (with -f) or --subnet-ids. Running through eksctl-shim does this for you; `eksctl-shim sync-outputs --cluster {cluster} --region {region}{--profile} --approve` repairs the stack for good.",
    ),
    kind(
        F,
        "subnet-removed-outside-eksctl",
        "a subnet in the cluster stack's Outputs was deleted outside eksctl (eksctl skipped it)",
        &[
            // 0.195 and later; 0.177 to 0.194 said "found on cluster cloudformation stack outputs".
            r"(?i)(?P<subnet>subnet-[0-9a-zA-Z]+)? ?was found (?:in cluster's|on cluster) CloudFormation stack outputs, but has been removed from VPC",
        ],
        "Not an error on its own: eksctl skips the deleted subnet. To stop the warning and keep nodegroups off stale data, run `eksctl-shim sync-outputs --cluster {cluster} --region {region}{--profile} --approve`.",
    ).note(),
    kind(
        F,
        "vpc-config-mismatch",
        "the config's vpc section does not match the VPC as it is (a subnet deleted or changed outside eksctl, or a wrong ID)",
        &[
            r"mismatch found between local and remote VPC config",
            r"found in config file, is not the same as subnet (?:ID|CIDR)",
        ],
        "Compare vpc.subnets in the config with the VPC: `aws ec2 describe-subnets --region {region}{--profile} --filters Name=vpc-id,Values=<vpc>`. Remove subnets that no longer exist and correct IDs and CIDRs; eksctl >= 0.177 merges the config's subnets with the cluster stack's.",
    ),
    // HasSufficientSubnets (pkg/apis/eksctl.io/v1alpha5/vpc.go @0.170.0..@0.230.0), run
    // by every rebuild of the cluster stack from its Outputs: `upgrade cluster` (after the
    // control plane was upgraded), `FixClusterCompatibility`, `create cluster`. Typo'd
    // ("inssuficient") in eksctl < 0.1.9, when a legacy `Subnets` output was not read.
    kind(
        F,
        "stack-subnets-too-few-zones",
        "eksctl rebuilt the cluster stack from its subnet Outputs and found a kind of subnet in fewer than two zones (subnets deleted outside eksctl, or a stack from a very old eksctl)",
        &[r"ins+u+f+icient number of subnets, at least 2x public"],
        "`eksctl-shim sync-outputs --cluster {cluster} --region {region}{--profile}` shows what the stack's Outputs name and what they should; a kind left in one zone needs a subnet in a second zone on the control plane first (`eksctl utils update-cluster-vpc-config --cluster {cluster} --region {region}{--profile} --control-plane-subnet-ids ...`). An `upgrade cluster --approve` may already have upgraded the control plane: run it again once the Outputs are repaired, to finish the stack. A stack from eksctl before 0.1.9 (a legacy `Subnets` output) needs a current eksctl.",
    ),
    kind(
        F,
        "not-enough-subnets-for-zones",
        "the cluster has no subnets of the needed kind in the zones the nodegroup asked for",
        &[
            r"VPC doesn't have enough subnets for nodegroup AZs",
            r"could not find (?P<kind>public|private) subnets for zones",
            r"mapping does not have (?:enough subnets|subnet with zone)",
        ],
        "Use zones the cluster has subnets in, or --node-private-networking if the cluster only has private subnets, or name subnets explicitly (nodeGroups[].subnets / --subnet-ids).",
    ),
    kind(
        F,
        "no-private-subnets",
        "private networking was asked for, but the cluster has no (or too few) private subnets",
        &[r"none or too few private subnets to use with --node-private-networking"],
        "Drop --node-private-networking (privateNetworking), or give the nodegroup private subnets of the cluster's VPC with --subnet-ids or nodeGroups[].subnets.",
    ),
    kind(
        F,
        "subnets-two-zones",
        "EKS needs the cluster's subnets in at least two availability zones",
        &[r"(?i)subnets specified must be in at least two different AZs"],
        "Give the cluster subnets in two or more zones (vpc.subnets, or --vpc-private-subnets/--vpc-public-subnets), or let eksctl make them (availabilityZones / --zones with at least two zones).",
    ),
    kind(
        F,
        "insufficient-subnets-for-zones",
        "the VPC CIDR cannot be split into enough subnets for the zones asked for",
        &[
            r"insufficient number of subnets \(have (?P<have>\d+), but need (?P<need>\d+)\)",
            r"cannot create more than 16 subnets",
        ],
        "Use fewer availabilityZones, or a larger vpc.cidr, or bring your own VPC subnets.",
    ),
    kind(
        F,
        "vpc-no-free-cidr",
        "the VPC has no free address ranges left for the subnets eksctl wants to add",
        &[r"VPC cannot be extended with more subnets"],
        "Add a secondary CIDR to the VPC (`aws ec2 associate-vpc-cidr-block --region {region}{--profile} ...`), or name existing subnets for the nodegroups instead of letting eksctl make them.",
    ),
    kind(
        F,
        "subnet-not-in-cluster-vpc",
        "a subnet given for the nodegroup belongs to another VPC",
        &[
            r#"subnet with ID "(?P<subnet>[^"]+)" is not in the attached VPC with ID "(?P<vpc>[^"]+)""#,
            r"given (?P<subnet>subnet-[0-9a-zA-Z]+) is in (?P<other>vpc-[0-9a-zA-Z]+), not in (?P<vpc>vpc-[0-9a-zA-Z]+)",
        ],
        "Use subnets of the cluster's VPC {vpc}: `aws ec2 describe-subnets --filters Name=vpc-id,Values={vpc} --region {region}{--profile}` lists them.",
    ),
    kind(
        F,
        "public-subnet-without-public-ip",
        "public subnets for the nodes do not give instances a public IP (MapPublicIpOnLaunch is off)",
        &[
            r"subnets for one or more new nodegroups don't meet requirements",
            r"found mis-configured or non-public subnets",
            r"Ec2SubnetInvalidConfiguration|does not automatically assign public IP addresses",
            r"public subnets for one or more nodegroups have .MapPublicIpOnLaunch. disabled",
        ],
        "Turn on MapPublicIpOnLaunch for the cluster's public subnets: `eksctl utils update-legacy-subnet-settings --cluster {cluster} --region {region}{--profile}`; or put the nodes in private subnets (privateNetworking: true).",
    ),
    kind(
        F,
        "private-subnet-for-public-nodegroup",
        "a subnet the cluster knows as private was given to a nodegroup without private networking",
        &[
            r"is specified as private in ClusterConfig, thus must only be used when .?privateNetworking.? is enabled",
        ],
        "Set privateNetworking: true on that nodegroup (--node-private-networking), or give it public subnets.",
    ),
    kind(
        F,
        "main-route-table",
        "a subnet has no route table of its own, and eksctl does not change a VPC's main route table",
        &[
            r"failed to find an explicit route table associated with subnet",
            r"subnets must be associated with a non-main route table",
        ],
        "Associate each subnet with an explicit route table (`aws ec2 associate-route-table --region {region}{--profile} --subnet-id <subnet> --route-table-id <rtb>`), then run the command again.",
    ),
    kind(
        F,
        "vpc-not-found",
        "a VPC eksctl was told to use does not exist",
        &[
            r"InvalidVpcID\.(?:NotFound|Malformed)",
            r#"VPC "(?P<vpc>[^"]+)" does not exist"#,
            r"VPC not found - ",
        ],
        "Check vpc.id in the config and the region ({region}). If the cluster stack's VPC output names a deleted VPC, nodegroups cannot be created from that stack: `eksctl-shim check --cluster {cluster} --region {region}{--profile}` shows it.",
    ),
    kind(
        F,
        "security-group-not-found",
        "a security group eksctl was told to use does not exist",
        &[
            r"InvalidGroup\.NotFound",
            r"InvalidGroupId\.Malformed",
            r"security group '\S+' does not exist",
        ],
        "Check vpc.securityGroup / vpc.sharedNodeSecurityGroup and securityGroups.attachIDs. If the cluster stack's Outputs name a deleted group, restore it or run `eksctl upgrade cluster --name {cluster} --region {region}{--profile} --approve`.",
    ),
    kind(
        F,
        "shared-node-sg-missing",
        "the cluster stack has no SharedNodeSecurityGroup output (a stack from an old eksctl, or edited)",
        &[
            r"shared node security group missing(?:, to fix this run 'eksctl update cluster --name=(?P<cluster>[^\s']+) --region=(?P<region>[^\s']+)')?",
        ],
        "Add the missing resources and outputs to the cluster stack: `eksctl upgrade cluster --name {cluster} --region {region}{--profile} --approve` (eksctl's message says `eksctl update cluster`, the older name of the same command), then run the command again.",
    ),
    kind(
        F,
        "subnet-out-of-addresses",
        "a subnet has no free IP addresses left for nodes or the control plane",
        &[
            r"InsufficientFreeAddresses",
            r"(?i)not have enough (?:free|available) IP addresses",
            r"insufficient free IP",
            r"Free IPs: \d+ ?, need at least \d+ IPs",
        ],
        "Create the nodegroup in subnets with free addresses (nodeGroups[].subnets / --subnet-ids), or add a secondary CIDR to the VPC. `aws ec2 describe-subnets --region {region}{--profile} --query 'Subnets[].[SubnetId,AvailableIpAddressCount]'` shows what is left.",
    ),
    kind(
        F,
        "subnet-cidr-conflict",
        "a new subnet's CIDR overlaps an existing one",
        &[
            r"InvalidSubnet\.Conflict",
            r"conflicts with another subnet",
            r"InvalidSubnet\.Range",
        ],
        "Choose a vpc.cidr or subnet CIDRs that do not overlap the VPC's existing subnets and lie inside the VPC's CIDR.",
    ),
    kind(
        F,
        "unowned-cluster-needs-vpc",
        "eksctl found no stack for the cluster, so it needs the VPC spelled out",
        &[r"VPC configuration required for creating nodegroups on clusters not owned by eksctl"],
        "Check the cluster name and region first (a typo makes any cluster look unowned). For a cluster eksctl did not create, give vpc.id, vpc.subnets and vpc.securityGroup in the config file.",
    ),
    kind(
        F,
        "dependency-violation",
        "a network resource could not be deleted because something still uses it",
        &[
            r"DependencyViolation",
            r"has a dependent object",
            r"has dependencies and cannot be deleted",
        ],
        "Find what still uses it (often an ENI left by a load balancer or the VPC CNI): `aws ec2 describe-network-interfaces --region {region}{--profile} --filters Name=vpc-id,Values=<vpc>`; delete that, then delete the stack again (`eksctl delete cluster --name {cluster} --region {region}{--profile}`).",
    ),
];
