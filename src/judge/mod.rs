//! eksctl judges every rewrite. Before the shim runs a changed command, eksctl itself is
//! asked, through its own `--dry-run`, whether it accepts the command as the user wrote
//! it; for a one-step rewrite, also whether it accepts the rewritten command. eksctl's
//! validation is hundreds of rules that change per release: no model of ours is
//! complete, so none decides alone (issue 22; shared/eksctl-audit-v2.md H1, H3).
//!
//! What eksctl's dry-run runs, read off its source:
//! - `create nodegroup --dry-run` (pkg/ctl/create/nodegroup.go, pkg/actions/nodegroup/
//!   create.go `Create` @0.170.0, @0.200.0, @0.230.0): the loader and every validation of
//!   the whole file (`InitializeClusterConfig`), the cluster, the Outposts refusal of
//!   managed nodegroups, the cluster stack's network (`LoadClusterIntoSpecFromStack`),
//!   the API server, `validateSubnetsAvailability` (>= 0.177), the public-subnet rules and
//!   the filter; then it prints the config and creates nothing.
//! - `create cluster --dry-run` (pkg/ctl/create/cluster.go @0.167.0, @0.170.0, @0.175.0):
//!   the loader, every nodegroup's validation, `ApplyFilter`, `ValidateAPIServerAccess`,
//!   the Outposts pre-checks and `createOrImportVPC`'s reads; it returns before any
//!   write (cluster.go:313-315 @0.170.0).
//! - Both refuse some flags beside `--dry-run` (`validateDryRunOptions`, configfile.go),
//!   but only after every other loader rule has run: those flags are left out of the
//!   question (`--profile` is given as `AWS_PROFILE`), which changes no other answer.
//!   Their values are still parsed by pflag before any rule (`--timeout 30` is refused
//!   there): a third question keeps them and must be refused only beside `--dry-run`.
//!
//! The questions (`question`), how an answer is read (`answer`) and the asking itself
//! (`ask`: processes under one deadline) are apart; only `ask` has effects.

mod answer;
mod ask;
mod question;

pub use ask::JUDGING_VAR;

use std::time::Duration;

use serde::Serialize;

use crate::checks::{Finding, Fix};
use crate::config::ConfigInput;
use crate::invocation::Invocation;
use crate::plan::Plan;
use crate::plan::fixes::Planned;
use crate::proxy::real::RealEksctl;

/// What eksctl said of a planned rewrite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Verdict {
    /// eksctl validated the command as written (failing, if at all, only on what the
    /// rewrite fixes) and, where it was asked, accepts the rewritten command: it runs.
    Accepted,
    /// eksctl refuses the command as written: it runs unchanged, and eksctl says why.
    Refused { said: String },
    /// eksctl's dry-run accepts the command as written: the finding did not hold, so
    /// nothing is changed.
    NotNeeded,
    /// eksctl refuses the rewritten command: the user's command runs unchanged.
    RewriteRefused { said: String },
    /// eksctl could not be asked, or its answer could not be read: no rewrite.
    CouldNotAsk { why: String },
    /// Ctrl-C while eksctl was being asked.
    Interrupted,
}

impl Verdict {
    /// The verdict's word, as the JSON document's `verdict` says it.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Refused { .. } => "refused",
            Verdict::NotNeeded => "not-needed",
            Verdict::RewriteRefused { .. } => "rewrite-refused",
            Verdict::CouldNotAsk { .. } => "could-not-ask",
            Verdict::Interrupted => "interrupted",
        }
    }
}

/// One question put to eksctl and what it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Asked {
    /// "as written", "flag values as written" or "as rewritten".
    pub about: &'static str,
    /// eksctl's argv (without argv[0]), as it was run (`-` reads the config on stdin).
    pub args: Vec<String>,
    /// eksctl's exit code; `None` when it did not end by itself.
    pub code: Option<i32>,
    /// eksctl's last `Error:` line, if it printed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said: Option<String>,
}

/// The gate's result: the verdict, the time it took and what was asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    #[serde(flatten)]
    pub verdict: Verdict,
    #[serde(rename = "took_ms", serialize_with = "millis")]
    pub took: Duration,
    pub asked: Vec<Asked>,
    /// The rewrite that was not made (the by-hand command is said from it).
    #[serde(skip)]
    pub withheld: Option<Plan>,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// How long eksctl may take to answer: three times the pre-flight's deadline (eksctl
/// starts, loads the config and reads AWS itself), 30 s by default.
pub fn deadline(preflight: Duration) -> Duration {
    preflight * 3
}

/// Asks eksctl about `planned` (a changed plan) and returns what it said.
pub fn judge(
    real: &RealEksctl,
    inv: &Invocation,
    input: Option<&ConfigInput>,
    planned: &Planned,
    findings: &[Finding],
    deadline: Duration,
) -> Judgement {
    let started = std::time::Instant::now();
    let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    let questions = match question::questions(inv, input, &planned.plan, &fixes) {
        Ok(q) => q,
        Err(why) => {
            return Judgement {
                verdict: Verdict::CouldNotAsk { why },
                took: started.elapsed(),
                asked: vec![],
                withheld: None,
            };
        }
    };
    let answers = ask::ask_all(real, inv.profile.as_deref(), &questions, deadline);
    let (verdict, asked) = answer::verdict(&questions, &answers);
    Judgement {
        verdict,
        took: started.elapsed(),
        asked,
        withheld: None,
    }
}

/// The plan to run after the verdict: the rewrite when eksctl accepted it, else the
/// user's command as given, with what the rewrite would have fixed left standing (a
/// finding eksctl's dry-run showed false is dropped from what stands).
pub fn settle(
    planned: Planned,
    judgement: &mut Judgement,
    inv: &Invocation,
    input: Option<&ConfigInput>,
    findings: &[Finding],
) -> Planned {
    if judgement.verdict == Verdict::Accepted {
        return planned;
    }
    let fixed: Vec<crate::checks::Code> = findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(|f| f.code)
        .collect();
    let mut unfixed = planned.unfixed.clone();
    match judgement.verdict {
        // eksctl will say why itself; a finding about a command eksctl refuses is moot.
        Verdict::Refused { .. } | Verdict::NotNeeded => {}
        _ => {
            unfixed.extend(crate::preflight::policy::errors(
                &findings
                    .iter()
                    .filter(|f| fixed.contains(&f.code))
                    .cloned()
                    .collect::<Vec<_>>(),
            ));
            unfixed.sort();
            unfixed.dedup();
        }
    }
    judgement.withheld = Some(planned.plan);
    Planned {
        plan: crate::plan::fixes::unchanged(inv, input),
        unfixed,
        refused: vec![],
    }
}

#[cfg(test)]
mod tests;
