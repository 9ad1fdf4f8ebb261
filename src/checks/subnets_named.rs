//! Subnets the user named that no longer exist: a nodegroup's `subnets` (or
//! `--subnet-ids`), and the config's `vpc.subnets`. Part of the drift check
//! (`subnet_drift.rs`); no rewrite: the shim does not change subnets the user chose.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::subnet_drift::shown;

/// Subnets the user named for a nodegroup eksctl will look at, that no longer exist.
pub(super) fn named_gone(subject: &Subject, is_gone: &dyn Fn(&String) -> bool) -> Vec<Finding> {
    subject
        .nodegroups
        .iter()
        // eksctl >= 0.177 validates the named subnets of the nodegroups it creates and of
        // every public nodegroup of the file (`ValidateLegacySubnetsForNodeGroups`).
        .filter(|ng| ng.selected || !ng.private)
        .filter_map(|ng| {
            let gone: Vec<String> = ng
                .subnets
                .iter()
                .filter(|id| id.starts_with("subnet-") && is_gone(id))
                .cloned()
                .collect();
            (!gone.is_empty()).then(|| {
                Finding::new(
                    Code::NamedSubnetGone,
                    Severity::Error,
                    format!("{} names subnets that no longer exist: {}", shown(ng), gone.join(", ")),
                    "Name existing subnets of the cluster's VPC in the nodegroup's `subnets` (or --subnet-ids); the shim does not change subnets you chose.",
                )
                .resources(gone)
                .about(ng.name.as_ref())
            })
        })
        .collect()
}

/// `vpc.subnets` entries of the config whose subnets were deleted: eksctl >= 0.177
/// merges them with the stack's subnets and then fails with `mismatch found between local
/// and remote VPC config`, or builds nodegroups on them (pkg/vpc/vpc.go @0.180.0).
pub(super) fn config_gone(subject: &Subject, is_gone: &dyn Fn(&String) -> bool) -> Vec<Finding> {
    let Some(cfg) = subject.config else {
        return vec![];
    };
    let gone: Vec<String> = cfg
        .vpc_subnet_ids()
        .into_iter()
        .filter(|(_, _, id)| is_gone(&id.to_string()))
        .map(|(private, key, id)| {
            format!(
                "{id} (vpc.subnets.{}.{key})",
                if private { "private" } else { "public" }
            )
        })
        .collect();
    if gone.is_empty() {
        return vec![];
    }
    vec![Finding::new(
        Code::ConfigSubnetGone,
        Severity::Error,
        format!("the config's vpc.subnets names subnets that no longer exist: {}; eksctl fails with \"mismatch found between local and remote VPC config\" or creates nodes in them", gone.join(", ")),
        "Remove these entries from vpc.subnets, or replace them with the subnets the cluster uses now (`aws eks describe-cluster --query cluster.resourcesVpcConfig.subnetIds`).",
    )
    .resources(gone)]
}
