//! What the subnet Outputs should say: the stack's own subnets that still exist, then the
//! control plane's current subnets of the same kind, as far as eksctl can use them
//! afterwards. Pure: facts in, changes out.
//!
//! What eksctl does with the Outputs later decides what may be added (read at 0.170.0,
//! 0.180.0 and 0.230.0):
//! - `upgrade cluster` and `FixClusterCompatibility` rebuild the stack from the Outputs
//!   (`AppendNewClusterStackResource`, pkg/cfn/manager/cluster.go). On a stack that made
//!   its VPC, a zone with no `Subnet<Kind><AZNAME>` resource gets one, with the real
//!   subnet's CIDR, and that update fails (see `facts::template`): such a subnet is left
//!   out (or taken out, when the Output names it already), with the reason.
//! - The Outputs are imported keyed by zone (`ImportSubnets`/`api.ImportSubnet`,
//!   pkg/vpc/vpc.go, pkg/apis/eksctl.io/v1alpha5/vpc.go): of two subnets of one kind in a
//!   zone eksctl keeps one, whichever EC2 lists last. One subnet per zone is added.
//! - Every later `create nodegroup` may put a nodegroup of the Output's kind in any of
//!   its subnets: a control plane subnet is added only where eksctl accepts it for that
//!   kind (`checks::subnet_fit`, the pin's rule: a public one maps public IPs on launch
//!   unless the endpoint has private access; none the other Output lists).
//! - The rebuild starts with `HasSufficientSubnets` (pkg/apis/eksctl.io/v1alpha5/vpc.go):
//!   a kind in exactly one zone fails it ("insufficient number of subnets, at least 2x
//!   public and/or 2x private subnets are required"; Outposts control planes aside). Said
//!   as a warning even when nothing is to change.

use std::collections::BTreeMap;

use crate::checks::subnet_fit;
use crate::facts::{Facts, SubnetKind, outputs, template::zone_subnet_resource};

pub const SUBNET_OUTPUTS: &[(&str, SubnetKind)] = &[
    (outputs::SUBNETS_PRIVATE, SubnetKind::Private),
    (outputs::SUBNETS_PUBLIC, SubnetKind::Public),
];

/// eksctl's `MinRequiredSubnets` (pkg/apis/eksctl.io/v1alpha5/vpc.go).
pub const MIN_ZONES: usize = 2;

/// eksctl's words when a kind has fewer zones than that (`insufficientSubnetsError`).
pub const INSUFFICIENT_SUBNETS: &str =
    "insufficient number of subnets, at least 2x public and/or 2x private subnets are required";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputChange {
    pub key: String,
    pub old: String,
    pub new: String,
}

/// A subnet of the control plane that the plan does not add to an Output, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub key: String,
    pub subnet: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub changes: Vec<OutputChange>,
    /// Outputs that should change but cannot, with the reason.
    pub blocked: Vec<(String, String)>,
    pub left_out: Vec<LeftOut>,
    /// What stands whatever is changed: a kind in one zone, two subnets in one zone.
    pub warnings: Vec<String>,
}

pub fn kind_word(kind: SubnetKind) -> &'static str {
    match kind {
        SubnetKind::Private => "private",
        SubnetKind::Public => "public",
    }
}

pub fn plan(facts: &Facts) -> Plan {
    let mut out = Plan::default();
    let (Some(stack), Some(live)) = (&facts.cluster_stack, &facts.vpc_subnets) else {
        return out;
    };
    let cluster = facts.cluster.as_ref();
    let control_plane = cluster.map(|c| c.subnet_ids.clone()).unwrap_or_default();
    let on_outposts = cluster.is_some_and(|c| c.on_outposts);
    let cluster_name = cluster.map(|c| c.name.clone()).unwrap_or_default();
    let template = facts.cluster_template.as_ref();
    let zone_of = |id: &String| live.iter().find(|s| &s.id == id).map(|s| s.zone.clone());
    for (key, kind) in SUBNET_OUTPUTS {
        let Some(old) = stack.outputs.get(*key) else {
            continue;
        };
        let old_ids = stack.subnet_output(key);
        let mut new_ids: Vec<String> = old_ids
            .iter()
            .filter(|id| zone_of(id).is_some())
            .cloned()
            .collect();
        // A named subnet in such a zone fails the rebuild as surely as an added one.
        let mut without_resource = 0;
        new_ids.retain(|id| {
            let zone = zone_of(id).unwrap_or_default();
            if !template.is_some_and(|t| t.rebuild_adds_subnet(*kind, &zone)) {
                return true;
            }
            out.left_out.push(LeftOut {
                key: key.to_string(),
                subnet: id.clone(),
                why: format!(
                    "taken out: the stack made its VPC and has no {} resource for {zone}: `eksctl upgrade cluster` would add one with this subnet's CIDR, and the stack update fails",
                    zone_subnet_resource(*kind, &zone)
                ),
            });
            without_resource += 1;
            false
        });
        let needs_own_route_table =
            *kind == SubnetKind::Private && fully_private_existing_vpc(&stack.outputs, template);
        for id in &control_plane {
            let Some(subnet) = live.iter().find(|s| &s.id == id && s.kind == *kind) else {
                continue;
            };
            if new_ids.contains(id) {
                continue;
            }
            let zone = &subnet.zone;
            let why = if let Some(unfit) = subnet_fit::unfit(subnet, *kind, facts, stack) {
                unfit.why(subnet, &cluster_name)
            } else if let Some(twin) = new_ids.iter().find(|n| zone_of(n).as_ref() == Some(zone)) {
                format!(
                    "{key} already names {twin} in {zone}; eksctl keeps one {} subnet per zone, and which one is not defined",
                    kind_word(*kind)
                )
            } else if needs_own_route_table && !subnet.own_route_table {
                format!(
                    "the cluster is fully private in a VPC the stack did not make, and {id} has no explicit route table of its own (it uses the main one): `eksctl upgrade cluster` would fail \"failed to find an explicit route table associated with subnet\"; associate it with a route table first"
                )
            } else if template.is_some_and(|t| t.rebuild_adds_subnet(*kind, zone)) {
                format!(
                    "the stack made its VPC and has no {} resource for {zone}: `eksctl upgrade cluster` would add one with this subnet's CIDR, and the stack update fails",
                    zone_subnet_resource(*kind, zone)
                )
            } else {
                new_ids.push(id.clone());
                continue;
            };
            out.left_out.push(LeftOut {
                key: key.to_string(),
                subnet: id.clone(),
                why,
            });
        }
        out.warnings
            .extend(zone_warnings(key, *kind, &new_ids, &zone_of, on_outposts));
        if new_ids == old_ids {
            continue;
        }
        if new_ids.is_empty() {
            let named = if without_resource == 0 {
                "every subnet it names is gone".to_string()
            } else {
                format!(
                    "{without_resource} of the subnets it names are in zones the stack has no {} subnet resource for (taken out, above), the others are gone,",
                    kind_word(*kind)
                )
            };
            out.blocked.push((
                key.to_string(),
                format!(
                    "{named} and the cluster has no {} subnet left that can be named instead",
                    kind_word(*kind)
                ),
            ));
            continue;
        }
        out.changes.push(OutputChange {
            key: key.to_string(),
            old: old.clone(),
            new: new_ids.join(","),
        });
    }
    out
}

/// A fully-private cluster in a VPC the stack did not make (an unknown template counts
/// as one): eksctl's rebuild (`upgrade cluster`, `FixClusterCompatibility`) looks up the
/// route table of every private Output subnet and fails on one without an explicit
/// association with a table that is not the main one ("failed to find an explicit route
/// table associated with subnet ..."; `ExistingVPCResourceSet.importExistingResources`,
/// pkg/cfn/builder/vpc_existing.go:109-115,136-194@0.180.0, the same at 0.230.0). Fully
/// private is the `ClusterFullyPrivate` Output (pkg/vpc/vpc.go:370@0.180.0).
fn fully_private_existing_vpc(
    stack_outputs: &BTreeMap<String, String>,
    template: Option<&crate::facts::template::StackTemplate>,
) -> bool {
    stack_outputs
        .get(outputs::CLUSTER_FULLY_PRIVATE)
        .map(String::as_str)
        == Some("true")
        && !template.is_some_and(|t| t.owns_vpc)
}

/// A kind in one zone (the rebuild's `HasSufficientSubnets` fails), and two subnets of
/// the Output in one zone (eksctl keeps one of them, which one is not defined).
fn zone_warnings(
    key: &str,
    kind: SubnetKind,
    ids: &[String],
    zone_of: &dyn Fn(&String) -> Option<String>,
    on_outposts: bool,
) -> Vec<String> {
    let mut by_zone: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for id in ids {
        if let Some(z) = zone_of(id) {
            by_zone.entry(z).or_default().push(id);
        }
    }
    let mut out = vec![];
    if !on_outposts && !by_zone.is_empty() && by_zone.len() < MIN_ZONES {
        let zone = by_zone.keys().next().cloned().unwrap_or_default();
        out.push(format!(
            "{key} leaves the cluster's {kind} subnets in one zone ({zone}): `eksctl upgrade cluster` fails with \"{INSUFFICIENT_SUBNETS}\" (after it has upgraded the control plane); give the cluster a {kind} subnet in a second zone (`eksctl utils update-cluster-vpc-config`) before upgrading",
            kind = kind_word(kind)
        ));
    }
    for (zone, twins) in by_zone.iter().filter(|(_, v)| v.len() > 1) {
        out.push(format!(
            "{key} names {} in {zone}: eksctl keeps one {} subnet per zone, and which one is not defined",
            twins.join(" and "),
            kind_word(kind)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::template::StackTemplate;
    use crate::facts::{ClusterFacts, StackFacts, SubnetFacts};

    /// Outputs p1,p2 (private) and u1,u2 (public); `live`: (id, kind, zone).
    fn facts(live: &[(&str, SubnetKind, &str)], control_plane: &[&str]) -> Facts {
        let mut outputs = std::collections::BTreeMap::new();
        outputs.insert(
            "SubnetsPrivate".to_string(),
            "subnet-p1,subnet-p2".to_string(),
        );
        outputs.insert(
            "SubnetsPublic".to_string(),
            "subnet-u1,subnet-u2".to_string(),
        );
        Facts {
            cluster: Some(ClusterFacts {
                subnet_ids: control_plane.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }),
            cluster_stack: Some(StackFacts {
                name: "eksctl-c-cluster".into(),
                status: Some("CREATE_COMPLETE".into()),
                outputs,
            }),
            vpc_subnets: Some(
                live.iter()
                    .map(|(id, kind, zone)| SubnetFacts {
                        id: id.to_string(),
                        vpc_id: "vpc-1".into(),
                        zone: zone.to_string(),
                        available_ips: 1,
                        kind: *kind,
                        map_public_ip: false,
                        own_route_table: true,
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }
    use SubnetKind::{Private, Public};

    const CLEAN: &[(&str, SubnetKind, &str)] = &[
        ("subnet-p1", Private, "za"),
        ("subnet-p2", Private, "zb"),
        ("subnet-u1", Public, "za"),
        ("subnet-u2", Public, "zb"),
    ];

    fn eksctl_vpc(zones: &[&str]) -> StackTemplate {
        let mut t = StackTemplate {
            owns_vpc: true,
            ..Default::default()
        };
        t.resources.insert("VPC".into());
        for z in zones {
            t.resources.insert(zone_subnet_resource(Private, z));
            t.resources.insert(zone_subnet_resource(Public, z));
        }
        t
    }

    #[test]
    fn in_sync_means_no_change() {
        assert_eq!(plan(&facts(CLEAN, &["subnet-p1"])), Plan::default());
    }

    #[test]
    fn gone_subnets_go_and_the_control_plane_s_come_in() {
        let f = facts(
            &[
                ("subnet-p2", Private, "zb"),
                ("subnet-p3", Private, "zc"),
                ("subnet-u1", Public, "za"),
                ("subnet-u2", Public, "zb"),
            ],
            &["subnet-p3", "subnet-u1"],
        );
        let p = plan(&f);
        assert_eq!(
            p.changes,
            vec![OutputChange {
                key: "SubnetsPrivate".into(),
                old: "subnet-p1,subnet-p2".into(),
                new: "subnet-p2,subnet-p3".into()
            }]
        );
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn an_output_with_nothing_left_is_blocked_not_emptied() {
        let f = facts(
            &[("subnet-p1", Private, "za"), ("subnet-p2", Private, "zb")],
            &["subnet-p1"],
        );
        let p = plan(&f);
        assert!(p.changes.is_empty());
        assert_eq!(p.blocked[0].0, "SubnetsPublic");
    }

    #[test]
    fn on_a_stack_that_made_its_vpc_a_zone_without_a_subnet_resource_is_left_out() {
        let mut f = facts(
            &[
                ("subnet-p2", Private, "zb"),
                ("subnet-p3", Private, "zc"),
                ("subnet-p4", Private, "za"),
                ("subnet-u1", Public, "za"),
                ("subnet-u2", Public, "zb"),
            ],
            &["subnet-p2", "subnet-p3", "subnet-p4"],
        );
        f.cluster_template = Some(eksctl_vpc(&["za", "zb"]));
        let p = plan(&f);
        assert_eq!(p.changes[0].new, "subnet-p2,subnet-p4");
        assert_eq!(p.left_out.len(), 1);
        assert_eq!(p.left_out[0].subnet, "subnet-p3");
        assert!(
            p.left_out[0].why.contains("SubnetPrivateZC"),
            "{:?}",
            p.left_out
        );

        // The same on a stack of an existing VPC: nothing is added to its template.
        f.cluster_template = Some(StackTemplate::default());
        let p = plan(&f);
        assert_eq!(p.changes[0].new, "subnet-p2,subnet-p3,subnet-p4");
        assert!(p.left_out.is_empty());
    }

    #[test]
    fn a_subnet_the_other_output_lists_or_without_public_ips_is_left_out() {
        // subnet-p2 is routed to the internet now (public by kind) and the control plane
        // uses it; subnet-u3 is public without MapPublicIpOnLaunch.
        let f = facts(
            &[
                ("subnet-p1", Private, "za"),
                ("subnet-p2", Public, "zb"),
                ("subnet-u1", Public, "za"),
                ("subnet-u3", Public, "zc"),
            ],
            &["subnet-p2", "subnet-u3"],
        );
        let p = plan(&f);
        assert_eq!(p.changes[0].new, "subnet-u1", "{p:?}");
        let why: Vec<(&str, &str)> = p
            .left_out
            .iter()
            .map(|l| (l.subnet.as_str(), l.why.as_str()))
            .collect();
        assert!(why[0].0 == "subnet-p2" && why[0].1.starts_with("SubnetsPrivate names it already"));
        assert!(why[1].0 == "subnet-u3" && why[1].1.contains("does not map public IPs"));

        // With private endpoint access eksctl only warns about public IPs.
        let mut f = f;
        f.cluster.as_mut().unwrap().endpoint_private_access = true;
        assert_eq!(plan(&f).changes[0].new, "subnet-u1,subnet-u3");
    }

    #[test]
    fn an_output_emptied_by_the_zone_resource_rule_is_blocked_for_that_reason() {
        // The stack made its VPC in zones za and zb, but its private Output names
        // subnets in zc only (a hand edit); one of them is gone.
        let mut f = facts(
            &[
                ("subnet-p1", Private, "zc"),
                ("subnet-u1", Public, "za"),
                ("subnet-u2", Public, "zb"),
            ],
            &["subnet-u1"],
        );
        f.cluster_template = Some(eksctl_vpc(&["za", "zb"]));
        let p = plan(&f);
        assert_eq!(p.blocked[0].0, "SubnetsPrivate");
        assert!(
            p.blocked[0]
                .1
                .starts_with("1 of the subnets it names are in zones the stack has no private subnet resource for"),
            "{:?}",
            p.blocked
        );
    }

    #[test]
    fn one_subnet_per_zone_is_added() {
        let f = facts(
            &[
                ("subnet-p2", Private, "zb"),
                ("subnet-p3", Private, "zb"),
                ("subnet-p4", Private, "za"),
                ("subnet-u1", Public, "za"),
                ("subnet-u2", Public, "zb"),
            ],
            &["subnet-p3", "subnet-p4"],
        );
        let p = plan(&f);
        assert_eq!(p.changes[0].new, "subnet-p2,subnet-p4");
        assert_eq!(p.left_out[0].subnet, "subnet-p3");
        assert!(p.left_out[0].why.contains("already names subnet-p2"));
    }

    #[test]
    fn a_kind_in_one_zone_is_a_warning_even_when_in_sync() {
        let f = facts(
            &[
                ("subnet-p1", Private, "za"),
                ("subnet-p2", Private, "zb"),
                ("subnet-u1", Public, "za"),
                ("subnet-u2", Public, "za"),
            ],
            &["subnet-p1"],
        );
        let p = plan(&f);
        assert!(p.changes.is_empty() && p.blocked.is_empty());
        assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
        assert!(
            p.warnings[0]
                .contains("SubnetsPublic leaves the cluster's public subnets in one zone (za)")
        );
        assert!(p.warnings[0].contains(INSUFFICIENT_SUBNETS));
        assert!(p.warnings[1].contains("subnet-u1 and subnet-u2 in za"));
    }
}
