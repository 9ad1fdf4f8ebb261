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
    for f in findings {
        let applied = match &f.fix {
            None => Err(None),
            Some(fix) => apply(&mut planner, fix, f).map_err(Some),
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
    Planned {
        plan: planner.finish(),
        unfixed,
        refused,
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
        Fix::PinSubnets { nodegroup, subnets } => {
            let what = match nodegroup {
                None => format!("created the nodegroup in subnets {}", subnets.join(", ")),
                Some(name) => format!(
                    "created nodegroup {name:?} in subnets {}",
                    subnets.join(", ")
                ),
            };
            planner.pin_subnets(nodegroup.as_deref(), subnets, Change { what, why })
        }
        Fix::SplitCreateCluster { self_managed } => {
            let what = format!(
                "split into two steps: the cluster, then the self-managed nodegroups {}",
                self_managed.join(", ")
            );
            planner.split_cluster_create(self_managed.clone(), Change { what, why })
        }
    }
}
