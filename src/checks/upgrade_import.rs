//! What `eksctl upgrade cluster` loads from the cluster stack before it does anything
//! (`OwnedCluster.Upgrade` → `vpc.UseFromClusterStack`, pkg/actions/cluster/owned.go and
//! pkg/vpc/vpc.go @0.170.0, @0.180.0, @0.230.0), for the upgrade checks. Not a check.
//!
//! - <= 0.176 every subnet of `SubnetsPrivate`, `SubnetsPublic` (legacy `Subnets` when
//!   that is absent) and `SubnetsLocalZone*` is described by ID: a deleted one fails.
//! - From 0.177 deleted ones are skipped with a warning (from 0.195.0 through
//!   `ignoreDrift=true`, which `Upgrade` passes).
//! - The rest is imported keyed by zone (`ImportSubnets`): one subnet per zone and kind.
//!   The stack rebuild that follows (`AppendNewClusterStackResource`) counts those keys
//!   (`HasSufficientSubnets`) and, on a stack that made its VPC, renders a
//!   `Subnet<Topology><AZNAME>` per key (see `facts::template`).

use std::collections::{BTreeMap, BTreeSet};

use super::subject::Subject;
use crate::facts::{Facts, StackFacts, SubnetKind, outputs};

/// One subnet Output as the rebuild sees it: its topology and its live subnets by zone.
pub struct Imported {
    pub key: &'static str,
    pub kind: SubnetKind,
    pub zones: BTreeMap<String, Vec<String>>,
}

/// The deleted subnets of the Outputs eksctl reads for the upgrade.
pub fn gone(stack: &StackFacts, facts: &Facts) -> Vec<String> {
    let Some(live) = &facts.vpc_subnets else {
        return vec![];
    };
    let live: BTreeSet<&str> = live.iter().map(|s| s.id.as_str()).collect();
    outputs::subnet_outputs(stack)
        .iter()
        .flat_map(|k| stack.subnet_output(k))
        .filter(|id| !live.contains(id.as_str()))
        .collect()
}

/// The cluster stack and the deleted subnets of its Outputs, when this eksctl (<= 0.176)
/// fails on them while loading the cluster (`vpc.UseFromClusterStack` looks each one up:
/// pkg/vpc/vpc.go ImportSubnetsFromIDList @0.176.0); `None` otherwise.
pub fn gone_on_old_eksctl(facts: &Facts) -> Option<(&StackFacts, Vec<String>)> {
    let stack = facts.cluster_stack.as_ref()?;
    if !below(facts, 177) {
        return None;
    }
    let gone = gone(stack, facts);
    (!gone.is_empty()).then_some((stack, gone))
}

/// What the stack rebuild starts from: the stack and its imported mappings. `None` when
/// there is no stack, the VPC's subnets are unknown, or eksctl <= 0.176 fails earlier on
/// deleted subnets (`upgrade_subnet_gone` says that).
pub fn rebuild_input(facts: &Facts) -> Option<(&StackFacts, Vec<Imported>)> {
    let stack = facts.cluster_stack.as_ref()?;
    if below(facts, 177) && !gone(stack, facts).is_empty() {
        return None;
    }
    Some((stack, imported(stack, facts)?))
}

/// The private and public mappings eksctl builds from the Outputs (deleted subnets
/// skipped). `None` when the VPC's subnets are unknown.
pub fn imported(stack: &StackFacts, facts: &Facts) -> Option<Vec<Imported>> {
    facts.vpc_subnets.as_ref()?;
    let public_key = if stack.outputs.contains_key(outputs::SUBNETS_PUBLIC) {
        outputs::SUBNETS_PUBLIC
    } else {
        outputs::SUBNETS_LEGACY
    };
    let mut out = vec![];
    for (key, kind) in [
        (outputs::SUBNETS_PRIVATE, SubnetKind::Private),
        (public_key, SubnetKind::Public),
    ] {
        let mut zones: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in stack.subnet_output(key) {
            if let Some(s) = facts.subnet(&id) {
                zones.entry(s.zone.clone()).or_default().push(id);
            }
        }
        out.push(Imported { key, kind, zones });
    }
    Some(out)
}

/// The eksctl version as said in messages.
pub fn eksctl_words(facts: &Facts) -> String {
    facts
        .eksctl_version
        .as_ref()
        .map_or_else(|| "eksctl".to_string(), |v| format!("eksctl {v}"))
}

/// `eksctl upgrade cluster` or `eksctl update cluster`, as the user typed it.
pub fn command_words(subject: &Subject) -> &'static str {
    if subject.inv.command == crate::invocation::Intercepted::UpdateCluster {
        "update cluster"
    } else {
        "upgrade cluster"
    }
}

/// The repair of the Outputs, plan form first.
pub fn sync_outputs(subject: &Subject, facts: &Facts) -> String {
    let plan = crate::report::shim_command("sync-outputs", &subject.cluster, facts);
    format!("`{plan}` shows the change, then add --approve to make it")
}

/// An unknown version counts as the newest: its checks are the mildest.
pub fn below(facts: &Facts, minor: u32) -> bool {
    facts
        .eksctl_version
        .as_ref()
        .is_some_and(|v| !v.at_least(minor))
}
