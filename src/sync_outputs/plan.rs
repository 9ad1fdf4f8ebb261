//! What the subnet Outputs should say: the stack's own subnets that still exist, then the
//! control plane's current subnets of the same kind. Pure: facts in, changes out.

use crate::facts::{Facts, SubnetKind};

pub const SUBNET_OUTPUTS: &[(&str, SubnetKind)] = &[
    ("SubnetsPrivate", SubnetKind::Private),
    ("SubnetsPublic", SubnetKind::Public),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputChange {
    pub key: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub changes: Vec<OutputChange>,
    /// Outputs that should change but cannot, with the reason.
    pub blocked: Vec<(String, String)>,
}

pub fn plan(facts: &Facts) -> Plan {
    let mut out = Plan {
        changes: vec![],
        blocked: vec![],
    };
    let (Some(stack), Some(live)) = (&facts.cluster_stack, &facts.vpc_subnets) else {
        return out;
    };
    let control_plane = facts
        .cluster
        .as_ref()
        .map(|c| c.subnet_ids.clone())
        .unwrap_or_default();
    for (key, kind) in SUBNET_OUTPUTS {
        let Some(old) = stack.outputs.get(*key) else {
            continue;
        };
        let old_ids = stack.subnet_output(key);
        let alive = |id: &String| live.iter().any(|s| &s.id == id);
        let mut new_ids: Vec<String> = old_ids.iter().filter(|id| alive(id)).cloned().collect();
        for id in &control_plane {
            let fits = live.iter().any(|s| &s.id == id && s.kind == *kind);
            if fits && !new_ids.contains(id) {
                new_ids.push(id.clone());
            }
        }
        if new_ids == old_ids {
            continue;
        }
        if new_ids.is_empty() {
            let kind_word = if *kind == SubnetKind::Private {
                "private"
            } else {
                "public"
            };
            out.blocked.push((
                key.to_string(),
                format!("every subnet it names is gone and the cluster has no {kind_word} subnet left to name instead"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ClusterFacts, StackFacts, SubnetFacts};

    fn facts(live: &[(&str, SubnetKind)], control_plane: &[&str]) -> Facts {
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
                status: "CREATE_COMPLETE".into(),
                outputs,
            }),
            vpc_subnets: Some(
                live.iter()
                    .map(|(id, kind)| SubnetFacts {
                        id: id.to_string(),
                        vpc_id: "vpc-1".into(),
                        zone: "a".into(),
                        available_ips: 1,
                        kind: *kind,
                        map_public_ip: false,
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }
    use SubnetKind::{Private, Public};

    #[test]
    fn in_sync_means_no_change() {
        let f = facts(
            &[
                ("subnet-p1", Private),
                ("subnet-p2", Private),
                ("subnet-u1", Public),
                ("subnet-u2", Public),
            ],
            &["subnet-p1"],
        );
        assert_eq!(
            plan(&f),
            Plan {
                changes: vec![],
                blocked: vec![]
            }
        );
    }

    #[test]
    fn gone_subnets_go_and_the_control_plane_s_come_in() {
        let f = facts(
            &[
                ("subnet-p2", Private),
                ("subnet-p3", Private),
                ("subnet-u1", Public),
                ("subnet-u2", Public),
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
    }

    #[test]
    fn an_output_with_nothing_left_is_blocked_not_emptied() {
        let f = facts(
            &[("subnet-p1", Private), ("subnet-p2", Private)],
            &["subnet-p1"],
        );
        let p = plan(&f);
        assert!(p.changes.is_empty());
        assert_eq!(p.blocked[0].0, "SubnetsPublic");
    }
}
