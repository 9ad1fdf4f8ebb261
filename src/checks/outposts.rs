//! Outposts: managed nodegroups are not supported there; eksctl says
//! `Managed Nodegroups are not supported on Outposts; please rerun the command with --managed=false`.

use super::codes::Code;
use super::finding::{Finding, Fix, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let on_outposts = if subject.is_create_nodegroup() {
        facts.cluster.as_ref().is_some_and(|c| c.on_outposts)
    } else {
        subject.config.is_some_and(|c| c.is_outposts())
    };
    if !on_outposts {
        return vec![];
    }
    let managed: Vec<String> = subject
        .creating()
        .filter(|n| n.managed)
        .map(|n| n.name.clone().unwrap_or_default())
        .collect();
    if managed.is_empty() {
        return vec![];
    }
    let mut finding = Finding::new(
        Code::OutpostsManaged,
        Severity::Error,
        format!("cluster {:?} runs on Outposts, where managed nodegroups are not supported", subject.cluster),
        "Create a self-managed nodegroup: --managed=false, or move it from managedNodeGroups to nodeGroups in the config.",
    )
    .resources(managed);
    // `--managed=false` beside a managed-only flag is refused (`--spot is only valid
    // with managed nodegroups`, `validateManagedNGFlags`, pkg/ctl/cmdutils/configfile.go
    // @0.230.0): then the finding stands without a fix.
    let managed_only = crate::invocation::flags::with(crate::invocation::flags::MANAGED_ONLY)
        .any(|f| subject.inv.has_flag(f));
    // An explicit `--managed` is the user's choice: eksctl refuses it, and the shim does
    // not turn that refusal into a self-managed nodegroup nobody asked for (audit v2 H5).
    let chose_managed = subject.inv.has_flag("managed");
    if subject.inv.config.is_none()
        && subject.is_create_nodegroup()
        && !managed_only
        && !chose_managed
    {
        finding = finding.fix(Fix::Unmanaged);
    }
    vec![finding]
}
