//! Subnet drift: the cluster stack's subnet Outputs against the VPC's subnets, judged by
//! what *this* eksctl version does with them (shared/eksctl-reference.md 1a):
//! - <= 0.176: `UseFromClusterStack` describes by ID every subnet of every subnet Output
//!   (`SubnetsPrivate`, `SubnetsPublic`, `SubnetsLocalZone*`, legacy `Subnets`) before any
//!   nodegroup code runs (pkg/vpc/vpc.go `ImportSubnetsFromIDList` @0.176.0): one deleted
//!   subnet fails the run, and pinning a nodegroup's subnets does not help.
//! - every version: `Subnets*Extended` (Outposts) are described by ID (`ImportSubnetsByIDsWithAlias`).
//! - >= 0.177: gone subnets are skipped with a warning; `validateSubnetsAvailability`
//!   (pkg/actions/nodegroup/create.go @0.180.0) fails for any nodegroup *in the file*
//!   without its own subnets when no subnet of its kind (in its zones, if any) is left;
//!   nodegroups in local zones or on Outposts are exempt. A pin is a fix.
//! - 0.177 - 0.181: that check looks zones up by `vpc.subnets` key, so alias keys fail
//!   nodegroups with `availabilityZones` (#7785, fixed by #7816 in 0.182.0).

use std::collections::BTreeSet;

use super::codes::Code;
use super::finding::{Finding, Fix, Severity};
use super::subject::{PlannedNodegroup, Subject};
use super::{subnet_fit, subnets_named};
use crate::facts::{Facts, StackFacts, SubnetFacts, SubnetKind, outputs};

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let mut out = vec![];
    if !subject.is_create_nodegroup() {
        return out;
    }
    let (Some(stack), Some(live)) = (&facts.cluster_stack, &facts.vpc_subnets) else {
        return out;
    };
    let live_ids: BTreeSet<&str> = live.iter().map(|s| s.id.as_str()).collect();
    let is_gone = |id: &String| !live_ids.contains(id.as_str());
    let ctx = Ctx::new(subject, facts, stack);
    out.extend(subnets_named::named_gone(subject, &is_gone));
    out.extend(subnets_named::config_gone(subject, &is_gone));

    let gone_in = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .flat_map(|k| stack.subnet_output(k))
            .filter(|id| is_gone(id))
            .collect()
    };
    let extended = gone_in(outputs::SUBNETS_EXTENDED);
    if !extended.is_empty() {
        out.push(
            Finding::new(
                Code::SubnetDrift,
                Severity::Error,
                format!("{} will fail: the cluster stack's Outposts subnet Outputs name deleted subnets ({}), which every eksctl version looks up by ID", ctx.eksctl, extended.join(", ")),
                ctx.repair_stack(),
            )
            .resources(extended)
            .commands(ctx.sync_outputs()),
        );
        return out;
    }
    let gone = gone_in(&outputs::subnet_outputs(stack));
    let alias_bug = ctx.version_between(177, 182);
    if ctx.version_below(177) {
        if !gone.is_empty() {
            out.push(
                Finding::new(
                    Code::SubnetDrift,
                    Severity::Error,
                    format!(
                        "{} will fail with InvalidSubnetID.NotFound: the cluster stack's Outputs name subnets that were deleted outside eksctl ({}). eksctl <= 0.176 looks all of them up before it creates anything, so pinning the nodegroup's subnets does not help.",
                        ctx.eksctl,
                        gone.join(", ")
                    ),
                    format!("Upgrade eksctl to 0.177.0 or later (it skips deleted subnets), or {}", ctx.repair_stack_lower()),
                )
                .resources(gone)
                .commands(ctx.sync_outputs()),
            );
        }
        return out;
    }

    let mut reported = false;
    for ng in subject.nodegroups.iter().filter(|ng| ng.subnets.is_empty()) {
        if ng.local_zones || ng.on_outpost || ctx.on_outposts {
            continue; // exempt from eksctl's availability check
        }
        let kind = if ng.private {
            SubnetKind::Private
        } else {
            SubnetKind::Public
        };
        let missing = ctx.missing_zones(ng, kind);
        let alias_hit = alias_bug && !ng.zones.is_empty() && !ctx.alias_keys(kind).is_empty();
        if missing.is_empty() && !alias_hit {
            continue;
        }
        reported = true;
        out.push(ctx.pin_finding(ng, kind, &missing, &gone));
    }
    if !gone.is_empty() && !reported {
        out.push(
            Finding::new(
                Code::SubnetDrift,
                Severity::Warning,
                format!(
                    "the cluster stack's Outputs name subnets deleted outside eksctl ({}); {} skips them with a warning",
                    gone.join(", "),
                    ctx.eksctl
                ),
                format!("Nothing to do for this command. To bring the stack in line with the cluster: {}", ctx.repair_stack_lower()),
            )
            .resources(gone)
            .commands(ctx.sync_outputs()),
        );
    }
    out
}

/// What the drift findings need to know, computed once.
struct Ctx<'a> {
    subject: &'a Subject<'a>,
    facts: &'a Facts,
    stack: &'a StackFacts,
    eksctl: String,
    on_outposts: bool,
}

impl<'a> Ctx<'a> {
    fn new(subject: &'a Subject<'a>, facts: &'a Facts, stack: &'a StackFacts) -> Self {
        Ctx {
            subject,
            facts,
            stack,
            eksctl: facts.eksctl_version.as_ref().map_or_else(
                || "this eksctl (version unknown)".to_string(),
                |v| format!("eksctl {v}"),
            ),
            on_outposts: facts.cluster.as_ref().is_some_and(|c| c.on_outposts),
        }
    }

    /// An unknown version counts as the newest: its checks are the mildest.
    fn version_below(&self, minor: u32) -> bool {
        self.facts
            .eksctl_version
            .as_ref()
            .is_some_and(|v| !v.at_least(minor))
    }

    fn version_between(&self, from: u32, to: u32) -> bool {
        self.facts
            .eksctl_version
            .as_ref()
            .is_some_and(|v| v.at_least(from) && !v.at_least(to))
    }

    fn repair_stack(&self) -> String {
        format!("Repair the stack's Outputs: {}", self.sync_commands())
    }

    fn repair_stack_lower(&self) -> String {
        format!("repair the stack's Outputs: {}", self.sync_commands())
    }

    /// The commands `sync_commands` names.
    fn sync_outputs(&self) -> Vec<String> {
        crate::report::sync_outputs_commands(&self.subject.cluster, self.facts)
    }

    fn sync_commands(&self) -> String {
        let plan = crate::report::shim_command("sync-outputs", &self.subject.cluster, self.facts);
        format!("`{plan}` shows the change, then add --approve to make it")
    }

    /// Stack subnets of `kind` that still exist. The config's own `vpc.subnets` of that
    /// kind count too: eksctl merges them in (deleted ones are `config_gone`'s finding).
    fn alive(&self, kind: SubnetKind) -> Vec<&'a SubnetFacts> {
        let key = match kind {
            SubnetKind::Private => outputs::SUBNETS_PRIVATE,
            SubnetKind::Public => outputs::SUBNETS_PUBLIC,
        };
        let mut ids = self.stack.subnet_output(key);
        if let Some(cfg) = self.subject.config {
            ids.extend(
                cfg.vpc_subnet_ids()
                    .into_iter()
                    .filter(|(private, _, _)| *private == (kind == SubnetKind::Private))
                    .map(|(_, _, id)| id.to_string()),
            );
        }
        ids.iter().filter_map(|id| self.facts.subnet(id)).collect()
    }

    /// The zones (or the VPC, for a nodegroup without zones) with no subnet left.
    fn missing_zones(&self, ng: &PlannedNodegroup, kind: SubnetKind) -> Vec<String> {
        let alive = self.alive(kind);
        if ng.zones.is_empty() {
            if alive.is_empty() {
                let vpc = self.facts.cluster.as_ref().and_then(|c| c.vpc_id.clone());
                return vec![vpc.unwrap_or_else(|| "the VPC".into())];
            }
            return vec![];
        }
        ng.zones
            .iter()
            .filter(|z| !alive.iter().any(|s| &&s.zone == z))
            .cloned()
            .collect()
    }

    /// Keys of `vpc.subnets.<kind>` that are not zone names (eksctl #7785).
    fn alias_keys(&self, kind: SubnetKind) -> Vec<String> {
        let Some(cfg) = self.subject.config else {
            return vec![];
        };
        let Some(subnets) = cfg.vpc.as_ref().and_then(|v| v.subnets.as_ref()) else {
            return vec![];
        };
        let map = if kind == SubnetKind::Private {
            &subnets.private
        } else {
            &subnets.public
        };
        map.iter()
            .filter(|(key, net)| {
                net.az.as_deref().is_some_and(|az| az != key.as_str()) || !looks_like_zone(key)
            })
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// Subnets a nodegroup of `kind` can be pinned to, as eksctl accepts them
    /// (`subnet_fit`) and in the nodegroup's zones. The stack's own subnets first, else
    /// the control plane's current ones. One subnet for EFA.
    fn candidates(&self, ng: &PlannedNodegroup, kind: SubnetKind) -> Vec<String> {
        // A pin never narrows the zones a nodegroup asked for, and an EFA nodegroup gets
        // one subnet: so none for one that named several zones (eksctl refuses it anyway,
        // validation.go:634 @0.180.0, :710 @0.200.0; audit v2 H3).
        if ng.efa && ng.zones.len() > 1 {
            return vec![];
        }
        let fits = |s: &SubnetFacts| {
            (ng.zones.is_empty() || ng.zones.contains(&s.zone))
                && subnet_fit::unfit(s, kind, self.facts, self.stack).is_none()
        };
        let from_stack: Vec<&SubnetFacts> =
            self.alive(kind).into_iter().filter(|s| fits(s)).collect();
        let chosen: Vec<&SubnetFacts> = if !from_stack.is_empty() {
            from_stack
        } else {
            let control_plane = self
                .facts
                .cluster
                .as_ref()
                .map(|c| c.subnet_ids.clone())
                .unwrap_or_default();
            control_plane
                .iter()
                .filter_map(|id| self.facts.subnet(id))
                .filter(|s| fits(s))
                .collect()
        };
        // Every zone the nodegroup names must keep a subnet, or the pin would move it.
        if ng
            .zones
            .iter()
            .any(|z| !chosen.iter().any(|s| &s.zone == z))
        {
            return vec![];
        }
        let mut ids: Vec<String> = chosen.iter().map(|s| s.id.clone()).collect();
        ids.dedup();
        if ng.efa {
            ids.truncate(1);
        }
        ids
    }

    fn pin_finding(
        &self,
        ng: &PlannedNodegroup,
        kind: SubnetKind,
        missing: &[String],
        gone: &[String],
    ) -> Finding {
        let kind_word = if kind == SubnetKind::Private {
            "private"
        } else {
            "public"
        };
        let (code, why) = if missing.is_empty() {
            (
                Code::AliasSubnetKeys,
                format!(
                    "{} wrongly reports the cluster's {kind_word} subnets as deleted for nodegroups with availabilityZones when `vpc.subnets` keys are aliases ({}), eksctl #7785",
                    self.eksctl,
                    self.alias_keys(kind).join(", ")
                ),
            )
        } else {
            (
                Code::SubnetDrift,
                format!(
                    "{} will fail: all {kind_word} subnets from {} that the cluster was created on have been deleted ({}){}",
                    self.eksctl,
                    missing.join(", "),
                    gone.join(", "),
                    if ng.selected {
                        ""
                    } else {
                        "; eksctl checks every nodegroup of the file, even those it will not create"
                    }
                ),
            )
        };
        let candidates = self.candidates(ng, kind);
        // Every remediation below names the repair of the Outputs.
        let mut finding = Finding::new(code, Severity::Error, format!("{}: {why}", shown(ng)), "")
            .resources(gone.to_vec())
            .about(ng.name.as_ref())
            .commands(self.sync_outputs());
        if candidates.is_empty() {
            finding.remediation = format!(
                "No existing {kind_word} subnet of the cluster's VPC fits this nodegroup{}: create one, then set it in the nodegroup's `subnets`; or {}",
                if kind == SubnetKind::Public {
                    " (public subnets must map public IPs on launch)"
                } else {
                    ""
                },
                self.repair_stack_lower()
            );
            return finding;
        }
        finding.remediation = match &ng.name {
            Some(_) => format!(
                "Create the nodegroup in existing {kind_word} subnets ({}); the shim does this by pinning them. To repair the stack for good: {}",
                candidates.join(", "),
                self.sync_commands()
            ),
            None => format!(
                "Create it in existing {kind_word} subnets: --subnet-ids {} (without -f) or the nodegroup's `subnets` (with -f); eksctl-shim does this by itself when run as eksctl. To repair the stack for good: {}",
                candidates.join(","),
                self.sync_commands()
            ),
        };
        let nodegroup = if self.subject.config.is_some() {
            ng.name.clone()
        } else {
            None
        };
        finding.fix(Fix::PinSubnets {
            nodegroup,
            subnets: candidates,
        })
    }
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

pub(super) fn shown(ng: &PlannedNodegroup) -> String {
    match &ng.name {
        Some(n) => format!("nodegroup {n:?}"),
        None => format!(
            "a new {} nodegroup",
            if ng.private { "private" } else { "public" }
        ),
    }
}
