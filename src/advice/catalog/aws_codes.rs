//! AWS error codes that stand for many failures rather than one: recognised by code
//! wherever they appear (eksctl's lines, stack events, the aws CLI), and answered with
//! what the code means, the line saying which resource or value it was.

use super::{FailureKind, Family, kind};

pub const KINDS: &[FailureKind] = &[
    kind(
        Family::Network,
        "aws-resource-not-found",
        "EC2 does not know a resource ID eksctl used (deleted, mistyped, or in another region)",
        &[r"Invalid(?P<what>[A-Za-z]+)I[Dd]\.(?:NotFound|Malformed)"],
        "The line names the ID[[ (a {what})]]. Check it exists in {region}, for a subnet with `aws ec2 describe-subnets --region {region}{--profile} --subnet-ids <id>`; IDs in the config or in the cluster stack's Outputs may name something deleted since.",
    ).generic(),
    kind(
        Family::Config,
        "invalid-parameter",
        "AWS refused a value eksctl sent (a zone, version, instance type, name, CIDR ...)",
        &[
            r"InvalidParameter(?:Exception|Value|Combination)?\b",
            r"InvalidRequestException",
        ],
        "The message after the code names the parameter and why it was refused; it usually comes from the config or the flags (fix it there). `--dry-run` shows the values eksctl would send.",
    ).generic(),
    kind(
        Family::Stack,
        "cloudformation-validation-error",
        "CloudFormation refused a call or a template",
        &[r"api error ValidationError|ValidationError: |\(ValidationError\)"],
        "The message after the code says what CloudFormation refused (a stack name, a parameter, a stack in a state it cannot change from). `eksctl utils describe-stacks --cluster {cluster} --region {region}{--profile}` shows the stacks and their states.",
    ).generic(),
    kind(
        Family::Cluster,
        "eks-resource-in-use",
        "EKS refused because the resource exists already or is busy",
        &[r"ResourceInUseException"],
        "The line names the resource (cluster, nodegroup, addon, access entry). See it with `eksctl get cluster --name {cluster} --region {region}{--profile}` or `eksctl get nodegroup --cluster {cluster} --region {region}{--profile}`; wait for it or delete it, then run the command again.",
    ).generic(),
    kind(
        Family::Cluster,
        "eks-resource-not-found",
        "EKS does not know the cluster, nodegroup or addon named",
        &[r"ResourceNotFoundException|NotFoundException"],
        "Check the names and the region: `eksctl get cluster --region {region}{--profile}` lists the clusters there.",
    ).generic(),
    kind(
        Family::Config,
        "malformed-policy",
        "an IAM policy in the config is not valid",
        &[r"MalformedPolicyDocument"],
        "Fix the policy document (attachPolicy, permissionPolicy, iam.serviceAccounts): `Version`, `Statement` with `Effect`, `Action`, `Resource`; ARNs must be whole.",
    ),
];
