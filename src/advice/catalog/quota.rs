//! Limits: account quotas, capacity in a zone, the API's request rate.

use super::{FailureKind, Family, kind};

const F: Family = Family::Quota;

pub const KINDS: &[FailureKind] = &[
    kind(
        F,
        "elastic-ip-limit",
        "the account's Elastic IP quota is used up (the NAT gateway needs one)",
        &[
            r"AddressLimitExceeded",
            r"maximum number of addresses has been reached",
        ],
        "Release unused Elastic IPs or ask for a higher quota, or create the cluster with `--vpc-nat-mode Disable` or in an existing VPC. Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "vpc-limit",
        "the account's VPC quota[[ in {region}]] is used up",
        &[
            r"VpcLimitExceeded",
            r"maximum number of VPCs has been reached",
        ],
        "Delete unused VPCs in {region} or ask for a higher quota, or create the cluster in an existing VPC (vpc.id and vpc.subnets). Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "nat-gateway-limit",
        "the NAT gateway quota is used up",
        &[
            r"NatGatewayLimitExceeded",
            r"maximum number of (?:NAT gateways|NatGateways) has been reached",
        ],
        "Delete unused NAT gateways in {region} or ask for a higher quota, or use `--vpc-nat-mode Single` or `Disable`.",
    ),
    kind(
        F,
        "internet-gateway-limit",
        "the internet gateway quota is used up",
        &[
            r"InternetGatewayLimitExceeded",
            r"(?i)maximum number of internet gateways has been reached",
        ],
        "Delete unused internet gateways in {region} (each VPC has one), ask for a higher quota, or create the cluster in an existing VPC. Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "security-group-limit",
        "a security group quota is used up (groups per VPC, or rules per group)",
        &[
            r"SecurityGroupLimitExceeded|RulesPerSecurityGroupLimitExceeded",
            r"maximum number of (?:security groups|rules per security group)",
        ],
        "Delete unused security groups or rules in the VPC, or ask for a higher quota (Service Quotas, `vpc`, {region}).",
    ),
    kind(
        F,
        "stack-limit",
        "the account's CloudFormation stack quota[[ in {region}]] is used up",
        &[
            r"CreateStack.*LimitExceededException|LimitExceededException.*CreateStack",
            r"LimitExceededException.*(?i:stacks?\b)",
        ],
        "Delete unused stacks in {region} (`aws cloudformation list-stacks --stack-status-filter ROLLBACK_COMPLETE --region {region}{--profile}` lists failed ones), or ask for a higher quota.",
    ),
    kind(
        F,
        "eks-limit",
        "an EKS quota (clusters, nodegroups, Fargate profiles) is used up",
        &[r"ResourceLimitExceededException"],
        "Delete unused EKS clusters, nodegroups or Fargate profiles in {region} (`eksctl get cluster --region {region}{--profile}`), or ask for a higher quota (Service Quotas, `eks`).",
    ),
    kind(
        F,
        "instance-capacity",
        "EC2 has no capacity for the instance type in that zone right now",
        &[
            r"InsufficientInstanceCapacity",
            r"do not have sufficient (?P<type>\S+) capacity",
        ],
        "Try other zones (availabilityZones / --node-zones), other instance types (instanceTypes for managed nodegroups), or later.",
    ),
    kind(
        F,
        "vcpu-limit",
        "the account's vCPU quota for that instance family is used up",
        &[
            r"VcpuLimitExceeded",
            r"requested more vCPU capacity than your current vCPU limit",
            r"InstanceLimitExceeded",
        ],
        "Ask for a higher quota (Service Quotas, EC2 'Running On-Demand ... instances' in {region}), use smaller instances or fewer nodes.",
    ),
    kind(
        F,
        "spot-capacity",
        "Spot capacity could not be had",
        &[
            r"Could not launch Spot Instances",
            r"SpotMaxPriceTooLow",
            r"UnfulfillableCapacity",
            r"MaxSpotInstanceCountExceeded",
        ],
        "Add more instance types to the spot nodegroup, raise the max price, or use on-demand nodes.",
    ),
    kind(
        F,
        "zone-capacity",
        "an availability zone has no capacity for the EKS control plane",
        &[
            r"UnsupportedAvailabilityZoneException",
            r"does not currently have sufficient capacity to support the cluster.*?choose from these availability zones: (?P<zones>[a-z0-9-]+(?:, ?[a-z0-9-]+)*)",
        ],
        "Create the cluster in zones EKS offers (the line lists them)[[: `--zones {zones}`]], or availabilityZones in the config. Delete the failed stack first: `eksctl delete cluster --name {cluster} --region {region}{--profile}`.",
    ),
    kind(
        F,
        "throttled",
        "AWS throttled eksctl's API calls",
        &[
            r"Throttling",
            r"Rate exceeded",
            r"RequestLimitExceeded",
            r"TooManyRequestsException",
            r"SlowDown",
        ],
        "Usually retried by eksctl; if it failed, wait and run it again. Avoid several eksctl runs at once against one account, and lower --nodegroup-parallelism.",
    ),
    kind(
        F,
        "quota-exceeded",
        "an AWS quota was exceeded",
        &[
            r"LimitExceeded(?:Exception)?",
            r"ServiceQuotaExceededException",
            r"ServiceLimitExceeded",
            r"(?i)quota exceeded|exceeded (?:your|the) quota",
        ],
        "Raise the quota named in the line (Service Quotas console, {region}) or free some of it, then run the command again.",
    ).generic(),
];
