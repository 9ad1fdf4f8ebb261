//! Checks: pure functions of (what the command will create, what is really there) to
//! findings. One file per check; `all` runs them in a fixed order. Adding a check is a
//! new file here, its line in its command's list below (read by `command_spec`), its code in `codes.rs`, and, for a new kind of
//! rewrite, a `Fix` variant translated in `plan/fixes.rs`.

pub mod access_entry_exists;
pub mod auth_mode;
pub mod auth_mode_step;
pub mod auth_mode_to_api;
pub mod cluster_state;
pub mod codes;
pub mod control_plane_subnet_gone;
pub mod endpoint_access_reset;
pub mod fargate_subnet_gone;
pub mod finding;
pub mod identity_mapping_on_api;
pub mod needs;
pub mod outposts;
pub mod stack_refs;
pub mod stack_update;
pub mod subject;
pub mod subnet_drift;
pub mod subnet_fit;
pub mod subnets_named;
pub mod upgrade_import;
pub mod upgrade_subnet_gone;
pub mod upgrade_zone_resource;
pub mod upgrade_zones;

pub use codes::Code;
pub use finding::{Finding, Fix, Severity};
pub use needs::NotRun;
pub use subject::Subject;

use crate::facts::Facts;

/// A check: what the command will create and what is really there, to findings.
pub type Check = fn(&Subject, &Facts) -> Vec<Finding>;

/// `create nodegroup` and `create cluster`.
pub const CREATE_CHECKS: &[Check] = &[
    cluster_state::check,
    stack_refs::check,
    stack_update::check,
    subnet_drift::check,
    auth_mode::check,
    outposts::check,
];

/// `upgrade cluster` / `update cluster`: what fails before or after the control plane
/// is upgraded.
pub const UPGRADE_CHECKS: &[Check] = &[
    upgrade_subnet_gone::check,
    upgrade_zones::check,
    upgrade_zone_resource::check,
    control_plane_subnet_gone::check,
];

/// `create iamidentitymapping`.
pub const IDENTITY_MAPPING_CHECKS: &[Check] = &[identity_mapping_on_api::check];

/// `utils update-cluster-vpc-config`.
pub const VPC_CONFIG_CHECKS: &[Check] = &[endpoint_access_reset::check];

/// `utils update-authentication-mode`.
pub const AUTH_MODE_CHECKS: &[Check] = &[auth_mode_step::check, auth_mode_to_api::check];

/// `create fargateprofile`.
pub const FARGATE_CHECKS: &[Check] = &[fargate_subnet_gone::check];

/// `create accessentry`.
pub const ACCESS_ENTRY_CHECKS: &[Check] = &[access_entry_exists::check];

/// Every finding, minus the codes in `skip` (`EKSCTL_SHIM_SKIP`) and those of checks that
/// read a fact that could not be read (`not_run` says them): an absence made of a failed
/// read is no finding.
pub fn all(subject: &Subject, facts: &Facts, skip: &[Code]) -> Vec<Finding> {
    let not_run = not_run(subject, facts, skip);
    checks_of(subject.inv.command)
        .iter()
        .flat_map(|check| check(subject, facts))
        .filter(|f| !skip.contains(&f.code) && !not_run.contains(f.code))
        .collect()
}

/// The checks of the command that could not run for a gap in the facts.
pub fn not_run(subject: &Subject, facts: &Facts, skip: &[Code]) -> NotRun {
    needs::not_run(scope_of(subject.inv.command), facts, skip)
}

/// Which codes a command's checks report (its row in `command_spec`).
pub fn scope_of(command: crate::invocation::Intercepted) -> codes::Scope {
    crate::command_spec::spec(command).scope
}

fn checks_of(command: crate::invocation::Intercepted) -> &'static [Check] {
    crate::command_spec::spec(command).checks
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod upgrade_tests;
