//! The warn / fix / strict policy, as a pure function of what was planned.

use crate::checks::{Code, Finding, NotRun, Severity};
use crate::exit_code;
use crate::plan::fixes::Planned;
use crate::settings::Mode;

use super::Unchecked;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Run the plan (changed or not).
    Run,
    /// Strict mode: error-level findings stand unfixed; eksctl is not run.
    RefuseFindings(Vec<Code>),
    /// Strict mode: the cluster could not be checked; eksctl is not run.
    RefuseUnchecked(String),
    /// Ctrl-C before eksctl started.
    Interrupted,
}

impl Decision {
    /// The exit code when eksctl is not run; `None` when it is.
    pub fn exit_code(&self) -> Option<i32> {
        match self {
            Decision::Run => None,
            Decision::RefuseFindings(_) => Some(exit_code::FINDINGS),
            Decision::RefuseUnchecked(_) => Some(exit_code::COULD_NOT_CHECK),
            Decision::Interrupted => Some(exit_code::INTERRUPTED),
        }
    }

    pub fn word(&self) -> &'static str {
        match self {
            Decision::Run => "run",
            Decision::RefuseFindings(_) | Decision::RefuseUnchecked(_) => "refuse",
            Decision::Interrupted => "interrupted",
        }
    }
}

/// After the checks: strict mode refuses while an error stands, or while a check did not
/// run because a fact it reads could not be read (it promises never to run unchecked).
pub fn decide(mode: Mode, planned: &Planned, not_run: &NotRun) -> Decision {
    if mode != Mode::Strict {
        return Decision::Run;
    }
    if !planned.unfixed.is_empty() {
        return Decision::RefuseFindings(planned.unfixed.clone());
    }
    if !not_run.is_empty() {
        return Decision::RefuseUnchecked(not_run.to_string());
    }
    Decision::Run
}

/// When the cluster could not be checked: strict mode refuses, unless eksctl would refuse
/// the command itself (then its own words are the best answer) or there is no cluster to
/// check (`create cluster` generates a name).
pub fn unchecked(mode: Mode, why: &Unchecked) -> Decision {
    match why {
        Unchecked::CouldNotCheck { why, .. } | Unchecked::ConfigUnreadable(why)
            if mode == Mode::Strict =>
        {
            Decision::RefuseUnchecked(why.clone())
        }
        _ => Decision::Run,
    }
}

/// The codes of error-level findings.
pub fn errors(findings: &[Finding]) -> Vec<Code> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code)
        .collect()
}
