//! From findings to a plan: each finding's fix becomes planner calls. A fix the planner
//! refuses (eksctl would refuse the result, or a rewritten config would mean something
//! else) is left out and reported; the finding then stands.

use super::{Change, Plan, PlanError, Planner};
use crate::checks::{Finding, Fix, Severity};
use crate::config::{ConfigInput, LoadedConfig};
use crate::invocation::Invocation;

/// The plan with every fix that could be applied, and what stands.
#[derive(Debug, Clone)]
pub struct Planned {
    pub plan: Plan,
    /// Codes of error-level findings that stand (no fix, or a fix that was refused).
    pub unfixed: Vec<crate::checks::Code>,
    /// Fixes that were not applied, and why.
    pub refused: Vec<(crate::checks::Code, PlanError)>,
}

/// The user's command as given (warn mode, or nothing to fix).
pub fn unchanged(inv: &Invocation, input: Option<&ConfigInput>) -> Plan {
    Planner::new(inv, input, None).finish()
}

pub fn plan(
    inv: &Invocation,
    input: Option<&ConfigInput>,
    config: Option<&LoadedConfig>,
    findings: &[Finding],
) -> Planned {
    let mut planner = Planner::new(inv, input, config);
    let mut unfixed = vec![];
    let mut refused = vec![];
    let mut rest = findings;
    while !rest.is_empty() {
        // A run of pins into the config is applied in one rewrite when it can be: the
        // same text as one by one, at the cost of one verification (B17).
        let run = rest.iter().take_while(|f| config_pin(f).is_some()).count();
        if run > 1 && config.is_some_and(one_pass_is_exact) {
            let pins = rest[..run]
                .iter()
                .map(|f| {
                    let (name, subnets) = config_pin(f).expect("counted as a pin");
                    (name, subnets, pin_change(f, Some(name), subnets))
                })
                .collect();
            if planner.pin_subnets_all(pins).is_ok() {
                rest = &rest[run..];
                continue;
            }
        }
        let run = run.max(1);
        for f in &rest[..run] {
            one(&mut planner, f, &mut unfixed, &mut refused);
        }
        rest = &rest[run..];
    }
    Planned {
        plan: planner.finish(),
        unfixed,
        refused,
    }
}

/// The nodegroup and subnets of a finding whose fix pins a nodegroup of the config.
fn config_pin(f: &Finding) -> Option<(&str, &[String])> {
    match &f.fix {
        Some(Fix::PinSubnets {
            nodegroup: Some(name),
            subnets,
        }) => Some((name.as_str(), subnets.as_slice())),
        _ => None,
    }
}

/// Whether pinning nodegroups together gives what pinning them one by one gives. With
/// no anchor in the config, each pin edits and means only its own nodegroup's text, so
/// the pins that verify together verify one by one too. With anchors, one nodegroup's
/// edit can change what another's alias means, and only one by one tells which pin is
/// refused.
fn one_pass_is_exact(config: &LoadedConfig) -> bool {
    config.doc.anchors.is_empty()
}

/// Applies one finding's fix, or says why it stands.
fn one(
    planner: &mut Planner,
    f: &Finding,
    unfixed: &mut Vec<crate::checks::Code>,
    refused: &mut Vec<(crate::checks::Code, PlanError)>,
) {
    let applied = match &f.fix {
        None => Err(None),
        Some(fix) => apply(planner, fix, f).map_err(Some),
    };
    if let Err(why) = applied {
        if let Some(why) = why {
            refused.push((f.code, why));
        }
        if f.severity == Severity::Error {
            unfixed.push(f.code);
        }
    }
}

fn pin_change(f: &Finding, nodegroup: Option<&str>, subnets: &[String]) -> Change {
    let what = match nodegroup {
        None => format!("created the nodegroup in subnets {}", subnets.join(", ")),
        Some(name) => format!(
            "created nodegroup {name:?} in subnets {}",
            subnets.join(", ")
        ),
    };
    Change {
        what,
        why: format!("[{}] above", f.code),
    }
}

fn apply(planner: &mut Planner, fix: &Fix, f: &Finding) -> Result<(), PlanError> {
    let why = format!("[{}] above", f.code);
    match fix {
        Fix::Unmanaged => planner.set_flag(
            "managed",
            Some("false"),
            Change {
                what: "added --managed=false".into(),
                why,
            },
        ),
        Fix::PinSubnets { nodegroup, subnets } => planner.pin_subnets(
            nodegroup.as_deref(),
            subnets,
            pin_change(f, nodegroup.as_deref(), subnets),
        ),
        Fix::SplitCreateCluster { self_managed } => {
            let what = format!(
                "split into two steps: the cluster, then the self-managed nodegroups {}",
                self_managed.join(", ")
            );
            planner.split_cluster_create(self_managed.clone(), Change { what, why })
        }
    }
}
