//! `upgrade cluster` rebuilds the cluster stack after it has upgraded the control plane
//! (`OwnedCluster.Upgrade`, pkg/actions/cluster/owned.go @0.170.0, @0.180.0, @0.230.0),
//! and the rebuild starts with `HasSufficientSubnets` (pkg/cfn/builder/cluster.go
//! `AddAllResources`; pkg/apis/eksctl.io/v1alpha5/vpc.go): a kind of subnet imported in
//! exactly one zone, or none of either, fails it with "insufficient number of subnets, at
//! least 2x public and/or 2x private subnets are required". With --approve the control
//! plane is then already one version up; in plan mode the same error ends the plan.
//! Outposts control planes need one subnet only.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::upgrade_import as import;
use crate::commands::sync_outputs::plan::{INSUFFICIENT_SUBNETS, MIN_ZONES, kind_word};
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some((stack, what)) = insufficient(facts) else {
        return vec![];
    };
    let when = if subject.inv.plan_mode {
        "its plan fails"
    } else {
        "after it has upgraded the control plane, it fails"
    };
    vec![
        Finding::new(
            Code::UpgradeTooFewZones,
            Severity::Error,
            format!(
                "{} `{}` rebuilds the cluster stack {} and {when} with \"{INSUFFICIENT_SUBNETS}\": {what}",
                import::eksctl_words(facts),
                import::command_words(subject),
                stack.name
            ),
            format!("Before upgrading, {}.", remedy(subject, facts)),
        )
        .resources([stack.name.clone()])
        .commands(import::sync_outputs_commands(subject, facts)),
    ]
}

/// The stack and what is short when the rebuild's `HasSufficientSubnets` fails; `None`
/// when it passes or cannot be told. Shared with `create nodegroup`'s compatibility
/// update (`stack_update`), which runs the same rebuild.
pub fn insufficient(facts: &Facts) -> Option<(&crate::facts::StackFacts, String)> {
    let ((stack, imported), cluster) = (import::rebuild_input(facts)?, facts.cluster.as_ref()?);
    // Zones, and each subnet of a `Subnets*Extended` Output: the keys eksctl counts.
    let none = imported.iter().all(|i| i.keys() == 0);
    let short: Vec<&import::Imported> = imported
        .iter()
        .filter(|i| i.keys() > 0 && i.keys() < MIN_ZONES)
        .collect();
    // Outposts control planes need one subnet of any kind; others two zones a kind.
    if !none && (cluster.on_outposts || short.is_empty()) {
        return None;
    }
    let what = if none {
        "no subnet of either kind is left in the stack's Outputs".to_string()
    } else {
        short
            .iter()
            .map(|i| {
                format!(
                    "{} keeps {} subnets in one zone only ({})",
                    i.key,
                    kind_word(i.kind),
                    i.zones
                        .keys()
                        .chain(&i.extended)
                        .next()
                        .map(String::as_str)
                        .unwrap_or("?")
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    Some((stack, what))
}

/// The by-hand repair: a second zone for the short kind.
pub fn remedy(subject: &Subject, facts: &Facts) -> String {
    format!(
        "give the Outputs a subnet of that kind in a second zone: if the control plane has one, {}; otherwise add one to the control plane first ({})",
        import::sync_outputs(subject, facts),
        crate::report::eksctl_command(
            &format!(
                "utils update-cluster-vpc-config --cluster {} --control-plane-subnet-ids <subnets in two zones>",
                crate::plan::render::quote(&subject.cluster)
            ),
            facts
        )
    )
}
