//! Subnet drift: the cluster stack's subnet Outputs against the VPC's subnets and the
//! control plane's current subnets, judged by what *this* eksctl version does with them
//! (shared/eksctl-reference.md 1a, read off `pkg/vpc/vpc.go` and
//! `pkg/actions/nodegroup/create.go` `validateSubnetsAvailability`):
//! - <= 0.176: `DescribeSubnets` on every stack subnet; one gone fails the run before the
//!   nodegroups are even looked at, so pinning their subnets does not help.
//! - >= 0.177: gone subnets are skipped; a nodegroup without its own subnets fails when no
//!   stack subnet of its kind (in its zones, if it names zones) is left.
//! - 0.177 - 0.181: the same check fires wrongly when `vpc.subnets` keys are aliases.

use std::collections::BTreeSet;

use super::finding::{Finding, Fix, Severity};
use super::subject::{PlannedNodegroup, Subject};
use crate::facts::{Facts, SubnetKind};

pub const CODE: &str = "subnet-drift";
pub const NAMED_GONE: &str = "named-subnet-gone";
pub const ALIAS_KEYS: &str = "alias-subnet-keys";
pub const STACK_UPDATE: &str = "stack-update-drift";

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let mut out = vec![];
    if !subject.is_create_nodegroup() {
        return out;
    }
    let (Some(stack), Some(live)) = (&facts.cluster_stack, &facts.vpc_subnets) else {
        return out;
    };
    let live_ids: BTreeSet<&str> = live.iter().map(|s| s.id.as_str()).collect();
    let cluster = &subject.cluster;

    for ng in &subject.nodegroups {
        let gone: Vec<&String> = ng
            .subnets
            .iter()
            .filter(|id| id.starts_with("subnet-") && !live_ids.contains(id.as_str()))
            .collect();
        if !gone.is_empty() {
            out.push(
                Finding::new(
                    NAMED_GONE,
                    Severity::Error,
                    format!("{} names subnets that no longer exist: {}", shown(ng), join(&gone)),
                    "Name existing subnets of the cluster's VPC in the nodegroup's `subnets` (or --subnet-ids); the shim does not change subnets you chose.",
                )
                .resources(gone.iter().map(|s| s.to_string())),
            );
        }
    }

    let private = stack.subnet_output("SubnetsPrivate");
    let mut public = stack.subnet_output("SubnetsPublic");
    if public.is_empty() {
        public = stack.subnet_output("Subnets"); // eksctl < 0.1.9 stacks
    }
    let gone: Vec<String> = private
        .iter()
        .chain(&public)
        .filter(|id| !live_ids.contains(id.as_str()))
        .cloned()
        .collect();
    let version = facts.eksctl_version.as_ref();
    let version_text = version.map_or_else(
        || "this eksctl (version unknown)".to_string(),
        |v| format!("eksctl {v}"),
    );
    let sync = format!("eksctl-shim sync-outputs --cluster {cluster} --approve");
    let alias_keys = alias_keys(subject);
    let alias_bug = version.is_some_and(|v| v.at_least(177) && !v.at_least(182));

    if gone.is_empty() && !(alias_bug && !alias_keys.is_empty()) {
        return out;
    }

    if !gone.is_empty() && version.is_some_and(|v| !v.at_least(177)) {
        out.push(
            Finding::new(
                CODE,
                Severity::Error,
                format!(
                    "{version_text} will fail with InvalidSubnetID.NotFound: the cluster stack's Outputs name subnets that were deleted outside eksctl ({}). eksctl <= 0.176 looks all of them up before it creates anything, so pinning the nodegroup's subnets does not help.",
                    gone.join(", ")
                ),
                format!("Upgrade eksctl to 0.177.0 or later (it skips deleted subnets), or repair the stack's Outputs with `{sync}`."),
            )
            .resources(gone.clone()),
        );
        return out;
    }

    let stack_alive = |kind: SubnetKind| -> Vec<&crate::facts::SubnetFacts> {
        let ids = if kind == SubnetKind::Private {
            &private
        } else {
            &public
        };
        ids.iter().filter_map(|id| facts.subnet(id)).collect()
    };
    let vpc_name = facts
        .cluster
        .as_ref()
        .and_then(|c| c.vpc_id.clone())
        .unwrap_or_else(|| "the VPC".into());
    let mut fixed_any = false;
    for ng in subject
        .nodegroups
        .iter()
        .filter(|ng| ng.subnets.is_empty() && !ng.on_outpost)
    {
        let kind = if ng.private {
            SubnetKind::Private
        } else {
            SubnetKind::Public
        };
        let alive = stack_alive(kind);
        let in_zones = |zone: &str| ng.zones.is_empty() || ng.zones.iter().any(|z| z == zone);
        let empty_zones: Vec<&str> = if ng.zones.is_empty() {
            if alive.is_empty() {
                vec![vpc_name.as_str()]
            } else {
                vec![]
            }
        } else {
            ng.zones
                .iter()
                .filter(|z| !alive.iter().any(|s| &s.zone == *z))
                .map(String::as_str)
                .collect()
        };
        let alias_false_alarm = alias_bug && !alias_keys.is_empty();
        if empty_zones.is_empty() && !alias_false_alarm {
            continue;
        }
        let kind_word = if ng.private { "private" } else { "public" };
        let why = if empty_zones.is_empty() {
            format!(
                "{version_text} wrongly reports the cluster's {kind_word} subnets as deleted when `vpc.subnets` keys are aliases ({}), eksctl #7785",
                alias_keys.join(", ")
            )
        } else {
            format!(
                "{version_text} will fail: all {kind_word} subnets from {} that the cluster was created on have been deleted ({})",
                empty_zones.join(", "),
                gone.join(", ")
            )
        };
        let candidates = pick_subnets(kind, facts, &alive, in_zones);
        let code = if empty_zones.is_empty() {
            ALIAS_KEYS
        } else {
            CODE
        };
        let mut finding = Finding::new(code, Severity::Error, format!("{}: {why}", shown(ng)), "")
            .resources(gone.clone());
        match (&ng.name, candidates.is_empty()) {
            (Some(name), false) => {
                finding.remediation = format!(
                    "Create the nodegroup in existing {kind_word} subnets ({}); the shim does this by pinning them. To repair the stack for good: `{sync}`.",
                    candidates.join(", ")
                );
                finding = finding.fix(Fix::PinSubnets {
                    nodegroup: name.clone(),
                    subnets: candidates,
                });
            }
            (None, false) => {
                finding.remediation = format!(
                    "Create it in existing {kind_word} subnets: --subnet-ids {} (without -f) or the nodegroup's `subnets` (with -f); eksctl-shim does this by itself when run as eksctl. To repair the stack for good: `{sync}`.",
                    candidates.join(",")
                );
                finding = finding.fix(Fix::PinSubnets {
                    nodegroup: String::new(),
                    subnets: candidates,
                });
            }
            (_, true) => {
                finding.remediation = format!(
                    "No existing {kind_word} subnet of the cluster's VPC fits this nodegroup: create one, then set it in the nodegroup's `subnets`; or run `{sync}` once the VPC has them."
                );
            }
        }
        fixed_any = true;
        out.push(finding);
    }

    if !gone.is_empty() && !fixed_any {
        out.push(
            Finding::new(
                CODE,
                Severity::Warning,
                format!(
                    "the cluster stack's Outputs name subnets deleted outside eksctl ({}); {version_text} skips them with a warning",
                    gone.join(", ")
                ),
                format!("Nothing to do for this command. To bring the stack in line with the cluster: `{sync}`."),
            )
            .resources(gone.clone()),
        );
    }
    if !gone.is_empty() && !stack.outputs.contains_key("SharedNodeSecurityGroup") {
        out.push(
            Finding::new(
                STACK_UPDATE,
                Severity::Warning,
                "the cluster stack predates SharedNodeSecurityGroup, so eksctl will update it before creating nodegroups, and that update fails while the stack references deleted subnets (eksctl #7720)",
                format!("Repair the stack's Outputs first: `{sync}`."),
            )
            .resources([stack.name.clone()]),
        );
    }
    out
}

/// Subnets that exist, are in the cluster's VPC and have the nodegroup's kind: the
/// stack's own subnets still alive first, else the control plane's current subnets.
fn pick_subnets(
    kind: SubnetKind,
    facts: &Facts,
    stack_alive: &[&crate::facts::SubnetFacts],
    in_zones: impl Fn(&str) -> bool,
) -> Vec<String> {
    let vpc = facts.cluster.as_ref().and_then(|c| c.vpc_id.clone());
    let fits = |s: &crate::facts::SubnetFacts| {
        s.kind == kind && in_zones(&s.zone) && vpc.as_ref().is_none_or(|v| &s.vpc_id == v)
    };
    let from_stack: Vec<String> = stack_alive
        .iter()
        .filter(|s| fits(s))
        .map(|s| s.id.clone())
        .collect();
    if !from_stack.is_empty() {
        return from_stack;
    }
    let control_plane = facts
        .cluster
        .as_ref()
        .map(|c| c.subnet_ids.clone())
        .unwrap_or_default();
    control_plane
        .iter()
        .filter_map(|id| facts.subnet(id))
        .filter(|s| fits(s))
        .map(|s| s.id.clone())
        .collect()
}

/// Keys of `vpc.subnets` that are not zone names (eksctl #7785).
fn alias_keys(subject: &Subject) -> Vec<String> {
    let Some(subnets) = subject
        .config
        .and_then(|c| c.vpc.as_ref())
        .and_then(|v| v.subnets.as_ref())
    else {
        return vec![];
    };
    subnets
        .private
        .iter()
        .chain(&subnets.public)
        .filter(|(key, net)| {
            net.az.as_deref().is_some_and(|az| az != key.as_str()) || !looks_like_zone(key)
        })
        .map(|(key, _)| key.clone())
        .collect()
}

fn looks_like_zone(s: &str) -> bool {
    // us-east-1a, eu-central-2b, us-gov-west-1a
    let mut parts = s.rsplitn(2, '-');
    let last = parts.next().unwrap_or("");
    parts.next().is_some()
        && last.len() >= 2
        && last.as_bytes()[0].is_ascii_digit()
        && last.as_bytes()[last.len() - 1].is_ascii_lowercase()
}

fn shown(ng: &PlannedNodegroup) -> String {
    match &ng.name {
        Some(n) => format!("nodegroup {n:?}"),
        None => format!(
            "a new {} nodegroup",
            if ng.private { "private" } else { "public" }
        ),
    }
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
