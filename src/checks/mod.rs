//! Checks: pure functions of (what the command will create, what is really there) to
//! findings. One file per check; `all` runs them in a fixed order.

pub mod auth_mode;
pub mod cluster_state;
pub mod finding;
pub mod outposts;
pub mod stack_refs;
pub mod subject;
pub mod subnet_drift;

pub use finding::{Finding, Fix, Severity};
pub use subject::Subject;

use crate::facts::Facts;

type Check = fn(&Subject, &Facts) -> Vec<Finding>;
const CHECKS: &[Check] = &[
    cluster_state::check,
    stack_refs::check,
    subnet_drift::check,
    auth_mode::check,
    outposts::check,
];

/// Every finding, minus the codes in `skip` (`EKSCTL_SHIM_SKIP`).
pub fn all(subject: &Subject, facts: &Facts, skip: &[String]) -> Vec<Finding> {
    CHECKS
        .iter()
        .flat_map(|check| check(subject, facts))
        .filter(|f| !skip.iter().any(|s| s == f.code))
        .collect()
}

/// Every code a check can report, for `--help`, the README and `EKSCTL_SHIM_SKIP`.
pub const CODES: &[(&str, &str)] = &[
    (
        cluster_state::NOT_FOUND,
        "the cluster does not exist in the region",
    ),
    (cluster_state::NOT_ACTIVE, "the cluster is not ACTIVE"),
    (
        cluster_state::EXISTS,
        "`create cluster` for a cluster that already exists",
    ),
    (
        cluster_state::STACK_MISSING,
        "no eksctl CloudFormation stack for the cluster",
    ),
    (
        cluster_state::FAILED_NG_STACK,
        "a nodegroup stack of the same name is in a failed state (eksctl would skip it and exit 0)",
    ),
    (
        stack_refs::VPC_GONE,
        "the VPC in the stack's Outputs no longer exists",
    ),
    (
        stack_refs::SG_GONE,
        "a security group in the stack's Outputs no longer exists",
    ),
    (
        subnet_drift::CODE,
        "subnets in the stack's Outputs were deleted outside eksctl",
    ),
    (
        subnet_drift::NAMED_GONE,
        "subnets the user named no longer exist",
    ),
    (
        subnet_drift::ALIAS_KEYS,
        "eksctl 0.177-0.181 false alarm on `vpc.subnets` alias keys (#7785)",
    ),
    (
        subnet_drift::STACK_UPDATE,
        "eksctl will update a stack that references deleted subnets (#7720)",
    ),
    (
        auth_mode::CONFIG_MAP,
        "CONFIG_MAP cluster: aws-auth made explicit with --update-auth-configmap",
    ),
    (
        auth_mode::FLAG_ON_API,
        "--update-auth-configmap on an API-mode cluster fails",
    ),
    (
        auth_mode::ACCESS_ENTRY,
        "eksctl 0.167-0.175 `create cluster` access entries on CONFIG_MAP (#7695): two steps",
    ),
    (
        outposts::MANAGED_ON_OUTPOSTS,
        "managed nodegroups on Outposts",
    ),
];

#[cfg(test)]
mod tests;
