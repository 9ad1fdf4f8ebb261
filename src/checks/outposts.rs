//! Outposts: managed nodegroups are not supported there; eksctl says
//! `Managed Nodegroups are not supported on Outposts; please rerun the command with --managed=false`.

use super::finding::{Finding, Fix, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub const MANAGED_ON_OUTPOSTS: &str = "outposts-managed";

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
        .nodegroups
        .iter()
        .filter(|n| n.managed)
        .map(|n| n.name.clone().unwrap_or_default())
        .collect();
    if managed.is_empty() {
        return vec![];
    }
    let mut finding = Finding::new(
        MANAGED_ON_OUTPOSTS,
        Severity::Error,
        format!("cluster {:?} runs on Outposts, where managed nodegroups are not supported", subject.cluster),
        "Create a self-managed nodegroup: --managed=false, or move it from managedNodeGroups to nodeGroups in the config.",
    )
    .resources(managed);
    if subject.inv.config.is_none() && subject.is_create_nodegroup() {
        finding = finding.fix(Fix::Unmanaged);
    }
    vec![finding]
}
