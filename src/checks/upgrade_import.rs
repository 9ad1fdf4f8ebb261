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
use crate::commands::sync_outputs::plan::SUBNET_OUTPUTS;
use crate::facts::{Facts, StackFacts, SubnetKind, outputs};

/// One subnet Output as the rebuild sees it: its topology and its live subnets by zone.
pub struct Imported {
    pub key: &'static str,
    pub kind: SubnetKind,
    pub zones: BTreeMap<String, Vec<String>>,
    /// The live subnets of the kind's `Subnets*Extended` Output (a VPC extended for
    /// Outposts nodegroups) not already imported: eksctl imports each into the same map
    /// under a key of its own, `outpost-<az>-<n>` (`MakeExtendedSubnetAliasFunc`,
    /// pkg/vpc/vpc.go:323-328,358-364@0.176.0, :364-369@0.180.0).
    pub extended: Vec<String>,
}

impl Imported {
    /// The map's keys, as `HasSufficientSubnets` counts them.
    pub fn keys(&self) -> usize {
        self.zones.len() + self.extended.len()
    }
}

/// The deleted subnets of the Outputs eksctl reads for the upgrade.
pub fn gone(stack: &StackFacts, facts: &Facts) -> Vec<String> {
    gone_by_output(stack, facts)
        .into_iter()
        .map(|(_, id)| id)
        .collect()
}

/// The same, each with the Output that names it.
fn gone_by_output(stack: &StackFacts, facts: &Facts) -> Vec<(&'static str, String)> {
    let Some(live) = &facts.vpc_subnets else {
        return vec![];
    };
    let live: BTreeSet<&str> = live.iter().map(|s| s.id.as_str()).collect();
    outputs::subnet_outputs(stack)
        .into_iter()
        .flat_map(|k| stack.subnet_output(k).into_iter().map(move |id| (k, id)))
        .filter(|(_, id)| !live.contains(id.as_str()))
        .collect()
}

/// The repair of deleted Output subnets before eksctl <= 0.176 runs: `sync-outputs` only
/// for the Outputs it edits (`SubnetsPrivate`, `SubnetsPublic`); the local zone Outputs
/// and legacy `Subnets`, which eksctl <= 0.176 looks up too (pkg/vpc/vpc.go:317-322,
/// 341-346@0.176.0), are named, with eksctl 0.177+ (which skips deleted subnets) or a
/// hand edit.
/// With the commands it names (`sync-outputs`'s, when it names them).
pub fn repair_gone(stack: &StackFacts, subject: &Subject, facts: &Facts) -> (String, Vec<String>) {
    let edited = |k: &str| SUBNET_OUTPUTS.iter().any(|(key, _)| *key == k);
    let mut others: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut editable = false;
    for (key, id) in gone_by_output(stack, facts) {
        if edited(key) {
            editable = true;
        } else {
            others.entry(key).or_default().push(id);
        }
    }
    let commands = || sync_outputs_commands(subject, facts);
    if others.is_empty() {
        let text = format!(
            "Repair the stack's Outputs first: {}; or use eksctl 0.177 or later, which skips deleted subnets",
            sync_outputs(subject, facts)
        );
        return (text, commands());
    }
    let named: Vec<String> = others
        .iter()
        .map(|(key, ids)| format!("{key} ({})", ids.join(", ")))
        .collect();
    let text = format!(
        "Use eksctl 0.177 or later, which skips deleted subnets; or take them out of {} by hand (edit the Output in the stack's template and update the stack in CloudFormation), which sync-outputs does not do: it edits only SubnetsPrivate and SubnetsPublic{}",
        named.join(" and "),
        if editable {
            format!(" (for those: {})", sync_outputs(subject, facts))
        } else {
            String::new()
        }
    );
    (text, if editable { commands() } else { vec![] })
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
    for ((key, kind), extended_key) in [
        (outputs::SUBNETS_PRIVATE, SubnetKind::Private),
        (public_key, SubnetKind::Public),
    ]
    .into_iter()
    .zip(outputs::SUBNETS_EXTENDED)
    {
        let mut zones: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in stack.subnet_output(key) {
            if let Some(s) = facts.subnet(&id) {
                zones.entry(s.zone.clone()).or_default().push(id);
            }
        }
        let extended = stack
            .subnet_output(extended_key)
            .into_iter()
            .filter(|id| facts.subnet(id).is_some() && !zones.values().flatten().any(|z| z == id))
            .collect();
        out.push(Imported {
            key,
            kind,
            zones,
            extended,
        });
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

/// The commands `sync_outputs` names.
pub fn sync_outputs_commands(subject: &Subject, facts: &Facts) -> Vec<String> {
    crate::report::sync_outputs_commands(&subject.cluster, facts)
}

/// An unknown version counts as the newest: its checks are the mildest.
pub fn below(facts: &Facts, minor: u32) -> bool {
    facts
        .eksctl_version
        .as_ref()
        .is_some_and(|v| !v.at_least(minor))
}
