//! `eksctl utils update-authentication-mode` hands the mode to EKS UpdateClusterConfig as
//! it is (pkg/ctl/utils/update_authentication_mode.go @0.167.0, @0.200.0, @0.230.0: the
//! loader only checks that it is one of the three). EKS moves a cluster's mode one way,
//! one step at a time, CONFIG_MAP -> API_AND_CONFIG_MAP -> API, and refuses any other
//! change, the current mode included (EKS user guide, "Change the authentication mode").
//! eksctl then fails with "failed to update cluster config": said first, with the steps.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub const ORDER: &[&str] = &["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"];

/// The mode the command asks for: `--authentication-mode`, or the file's
/// `accessConfig.authenticationMode` with `-f`.
pub fn wanted(subject: &Subject) -> Option<String> {
    match subject.config {
        Some(c) => c.authentication_mode().map(str::to_string),
        None => subject.inv.value("authentication-mode"),
    }
}

/// The cluster's mode; a cluster without `accessConfig` is in CONFIG_MAP.
pub fn current(facts: &Facts) -> Option<&str> {
    let c = facts.cluster.as_ref()?;
    Some(c.authentication_mode.as_deref().unwrap_or("CONFIG_MAP"))
}

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let (Some(want), Some(now)) = (wanted(subject), current(facts)) else {
        return vec![];
    };
    let (Some(from), Some(to)) = (
        ORDER.iter().position(|m| *m == now),
        ORDER.iter().position(|m| *m == want),
    ) else {
        return vec![]; // eksctl refuses an unknown mode itself
    };
    if to == from + 1 {
        return vec![];
    }
    let command = |mode: &str| {
        crate::report::eksctl_command(
            &format!(
                "utils update-authentication-mode --cluster {} --authentication-mode {mode}",
                crate::plan::render::quote(&subject.cluster)
            ),
            facts,
        )
    };
    let what_to_do = if to == from {
        format!("Nothing to do: the cluster is in {now} already.")
    } else if to > from {
        let steps: Vec<String> = ORDER[from + 1..=to]
            .iter()
            .map(|m| format!("`{}`", command(m)))
            .collect();
        format!("Go one step at a time: {}.", steps.join(", then "))
    } else {
        format!(
            "EKS does not move a cluster back from {now}; a cluster in {want} means a new cluster."
        )
    };
    // Only "never back" is documented; that EKS refuses the same mode or a skipped step
    // is inferred (audit v2 C2), so those stay warnings: strict mode must not refuse a
    // command on an inference.
    let severity = if to < from {
        Severity::Error
    } else {
        Severity::Warning
    };
    vec![
        Finding::new(
            Code::AuthModeStep,
            severity,
            format!(
                "cluster {:?} is in authentication mode {now}: EKS refuses to change it to {want} (it moves CONFIG_MAP -> API_AND_CONFIG_MAP -> API, one step at a time), and eksctl fails with \"failed to update cluster config\"",
                subject.cluster
            ),
            what_to_do,
        )
        .resources([subject.cluster.clone()]),
    ]
}
