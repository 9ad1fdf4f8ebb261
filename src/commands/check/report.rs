//! What `check` found for one cluster: the record every output format renders
//! (`output::findings::check_text`, `report_json`, `junit`, `github`).

use serde::Serialize;

use crate::checks::{Finding, Severity};
use crate::exit_code;
use crate::facts::EksctlVersion;

/// Written as JSON by `output::report_json`.
#[derive(Debug)]
pub struct Report {
    pub cluster: String,
    pub region: Option<String>,
    /// The AWS account, from the cluster's ARN (or STS when the cluster was not found).
    pub account: Option<String>,
    pub eksctl_version: Option<String>,
    pub status: Status,
    pub findings: Vec<Finding>,
    /// Why the cluster could not be checked, or not wholly (which reads failed), if so.
    pub error: Option<String>,
    /// The commands the cluster was checked for (`--for`).
    pub checked_for: Vec<super::Target>,
    /// The checks that did not run because a fact they read could not be read.
    pub not_run: Vec<crate::checks::Code>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No finding fails the gate.
    Passed,
    /// A finding fails the gate: an error, or with `--fail-on warning` a warning too.
    Failed,
    /// The cluster could not be checked (`error` says why).
    Unchecked,
}

impl Report {
    pub(super) fn new(
        cluster: &str,
        region: Option<String>,
        version: Option<&EksctlVersion>,
        targets: &[super::Target],
    ) -> Report {
        Report {
            cluster: cluster.to_string(),
            region,
            account: None,
            eksctl_version: version.map(|v| v.to_string()),
            status: Status::Passed,
            findings: vec![],
            error: None,
            checked_for: targets.to_vec(),
            not_run: vec![],
        }
    }

    /// The codes of the checks run on the cluster (those skipped included): the codes of
    /// the commands it was checked for.
    pub fn codes(&self) -> impl Iterator<Item = crate::checks::Code> + '_ {
        crate::checks::Code::ALL
            .iter()
            .copied()
            .filter(|c| self.checked_for.iter().any(|t| t.scope() == c.scope()))
    }

    pub(super) fn unchecked(mut self, why: impl Into<String>) -> Report {
        self.error = Some(why.into());
        self.status = Status::Unchecked;
        self
    }

    /// Checks that could not run: the cluster is unchecked (exit 4) unless an error-level
    /// finding stands anyway (exit 3).
    pub(super) fn with_not_run(mut self, not_run: crate::checks::NotRun) -> Report {
        if not_run.is_empty() {
            return self;
        }
        self.error = Some(not_run.to_string());
        if self.status == Status::Passed {
            self.status = Status::Unchecked;
        }
        self.not_run = not_run.codes;
        self
    }

    /// `fail_on`: the least severe finding that fails the gate.
    pub(super) fn with_findings(mut self, findings: Vec<Finding>, fail_on: Severity) -> Report {
        if findings.iter().any(|f| f.severity >= fail_on) {
            self.status = Status::Failed;
        }
        self.findings = findings;
        self
    }
}

/// `prod (eu-west-1, account 111122223333)`.
pub fn scope(r: &Report) -> String {
    scope_with(r, None)
}

/// The same with one more detail in the parentheses (`eksctl 0.230.0`).
pub fn scope_with(r: &Report, detail: Option<String>) -> String {
    let mut place = vec![r.region.clone().unwrap_or_else(|| "no region".into())];
    place.extend(r.account.as_ref().map(|a| format!("account {a}")));
    place.extend(detail);
    let who = if r.cluster == "*" {
        "every cluster"
    } else {
        &r.cluster
    };
    format!("{who} ({})", place.join(", "))
}

/// 3 when a finding that fails the gate stands anywhere, else 4 when anything could not
/// be checked, else 0.
pub fn exit_for(reports: &[Report]) -> i32 {
    if reports.iter().any(|r| r.status == Status::Failed) {
        exit_code::FINDINGS
    } else if reports.iter().any(|r| r.status == Status::Unchecked) {
        exit_code::COULD_NOT_CHECK
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Code;

    /// No check reports information today (CONFIG_MAP's note went: issue 25); the rule
    /// stands for the next one.
    #[test]
    fn information_never_fails_the_gate_a_warning_does_when_asked() {
        let one = |severity| {
            let f = Finding::new(Code::StackMissing, severity, "m", "r");
            Report::new("prod", None, None, &[super::super::Target::Nodegroup])
                .with_findings(vec![f], Severity::Warning)
                .status
        };
        assert_eq!(one(Severity::Info), Status::Passed);
        assert_eq!(one(Severity::Warning), Status::Failed);
    }
}
