use super::{Kind, generic, kind};

pub const KINDS: &[Kind] = &[
    kind(
        "instance-capacity",
        "EC2 has no capacity for the instance type in that zone right now",
        &[
            r"InsufficientInstanceCapacity",
            r"do not have sufficient (?P<type>\S+) capacity",
        ],
        "Try other zones (availabilityZones / --node-zones), other instance types (instanceTypes for managed nodegroups), or later.",
    ),
    kind(
        "vcpu-limit",
        "the account's vCPU quota for that instance family is used up",
        &[
            r"VcpuLimitExceeded",
            r"requested more vCPU capacity than your current vCPU limit",
        ],
        "Ask for a higher quota (Service Quotas, EC2 'Running On-Demand ... instances'), use smaller instances or fewer nodes.",
    ),
    kind(
        "spot-capacity",
        "Spot capacity could not be had",
        &[
            r"Could not launch Spot Instances",
            r"SpotMaxPriceTooLow",
            r"UnfulfillableCapacity",
        ],
        "Add more instance types to the spot nodegroup, raise the max price, or use on-demand nodes.",
    ),
    kind(
        "instance-type-unsupported",
        "the instance type or configuration is not supported",
        &[
            r"The requested configuration is currently not supported",
            r"InvalidParameterValue.*[Ii]nstance [Tt]ype",
        ],
        "Choose an instance type offered in {region} and in the nodegroup's zones: `aws ec2 describe-instance-type-offerings --location-type availability-zone --region {region}`.",
    ),
    kind(
        "launch-template-invalid",
        "the nodegroup's launch template was rejected",
        &[
            r"InvalidLaunchTemplate",
            r"Launch template .* (?:does not exist|not found)",
        ],
        "Check launchTemplate.id and version in the config, and that the template exists in {region}.",
    ),
    generic(
        "quota-exceeded",
        "an AWS quota was exceeded",
        &[
            r"LimitExceeded(?:Exception)?",
            r"ServiceQuotaExceededException",
        ],
        "Raise the quota named in the line (Service Quotas console) or free some of it, then run the command again.",
    ),
];
