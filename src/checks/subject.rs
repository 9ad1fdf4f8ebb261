//! What the command is about to create, in the terms the checks need: the cluster, and
//! each nodegroup with its kind, network and the subnets the user named.

use crate::config::{ClusterConfig, select};
use crate::invocation::{Intercepted, Invocation};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNodegroup {
    /// `None` when eksctl will generate the name.
    pub name: Option<String>,
    pub managed: bool,
    pub private: bool,
    /// Subnet IDs the user named (keys of `vpc.subnets` resolved to IDs where the config
    /// gives one). Empty: eksctl picks from the cluster stack's subnets.
    pub subnets: Vec<String>,
    pub zones: Vec<String>,
    pub on_outpost: bool,
}

#[derive(Debug, Clone)]
pub struct Subject<'a> {
    pub inv: &'a Invocation,
    pub config: Option<&'a ClusterConfig>,
    pub cluster: String,
    pub nodegroups: Vec<PlannedNodegroup>,
}

impl<'a> Subject<'a> {
    pub fn new(inv: &'a Invocation, config: Option<&'a ClusterConfig>, cluster: String) -> Self {
        let nodegroups = match config {
            Some(cfg) => select::select(cfg, &inv.include, &inv.exclude)
                .into_iter()
                .map(|s| PlannedNodegroup {
                    name: Some(s.nodegroup.name.clone()),
                    managed: s.kind == select::Kind::Managed,
                    private: s.nodegroup.private_networking,
                    subnets: s
                        .nodegroup
                        .subnets
                        .iter()
                        .map(|k| resolve_subnet(cfg, k))
                        .collect(),
                    zones: s.nodegroup.availability_zones.clone(),
                    on_outpost: s.nodegroup.outpost_arn.is_some(),
                })
                .collect(),
            None if inv.command == Intercepted::CreateCluster && inv.without_nodegroup => vec![],
            None => vec![PlannedNodegroup {
                name: inv.nodegroup_name.clone(),
                managed: inv.managed,
                private: inv.private_networking,
                subnets: inv.subnet_ids.clone(),
                zones: inv
                    .words
                    .flags
                    .iter()
                    .filter(|f| f.name == "node-zones")
                    .filter_map(|f| f.value.clone())
                    .flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>())
                    .collect(),
                on_outpost: false,
            }],
        };
        Subject {
            inv,
            config,
            cluster,
            nodegroups,
        }
    }

    pub fn is_create_nodegroup(&self) -> bool {
        self.inv.command == Intercepted::CreateNodegroup
    }
}

/// A nodegroup's `subnets` entry is a subnet ID or a key of `vpc.subnets`.
fn resolve_subnet(cfg: &ClusterConfig, entry: &str) -> String {
    let from_key = cfg
        .vpc
        .as_ref()
        .and_then(|v| v.subnets.as_ref())
        .and_then(|s| {
            s.private
                .get(entry)
                .or_else(|| s.public.get(entry))
                .and_then(|n| n.id.clone())
        });
    from_key.unwrap_or_else(|| entry.to_string())
}
