//! `eksctl utils update-authentication-mode --authentication-mode API` from
//! API_AND_CONFIG_MAP: EKS stops reading aws-auth, so self-managed nodes and users mapped
//! only there lose access to the cluster (nodes go NotReady). The shim does not read
//! aws-auth (a Kubernetes object): it says so, and points to `eksctl utils
//! migrate-to-access-entry` (0.177.0 on: pkg/ctl/utils/migrate_to_access_entry.go), which
//! makes the access entries from aws-auth and then switches the mode.

use super::auth_mode_step::{current, wanted};
use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    if wanted(subject).as_deref() != Some("API") || current(facts) != Some("API_AND_CONFIG_MAP") {
        return vec![];
    }
    let migrate = crate::report::eksctl_command(
        &format!(
            "utils migrate-to-access-entry --cluster {} --target-authentication-mode API",
            crate::plan::render::quote(&subject.cluster)
        ),
        facts,
    );
    let old = facts
        .eksctl_version
        .as_ref()
        .is_some_and(|v| !v.at_least(177));
    vec![
        Finding::new(
            Code::AuthModeToApi,
            Severity::Warning,
            format!(
                "in mode API, EKS no longer reads aws-auth: self-managed nodes and users of {:?} mapped only there lose access (the shim cannot read aws-auth to tell)",
                subject.cluster
            ),
            format!(
                "Make access entries for them first: `{migrate}` shows what it would do, then add --approve to migrate and switch the mode{}.",
                if old { " (needs eksctl 0.177 or later)" } else { "" }
            ),
        )
        .resources([subject.cluster.clone()]),
    ]
}
