//! What the command is about to create, in the terms the checks need: the cluster, and
//! each nodegroup of the config (or the one the flags describe) with its kind, network,
//! the subnets the user named, and whether eksctl will create it.

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
    /// Self-managed nodegroups in local zones: eksctl skips its availability check.
    pub local_zones: bool,
    pub on_outpost: bool,
    /// `efaEnabled`: eksctl accepts only one subnet.
    pub efa: bool,
    /// eksctl creates it (`--include/--exclude` pass it). eksctl >= 0.177 still checks
    /// the subnets of every nodegroup in the file (`validateSubnetsAvailability` runs
    /// before the filter, pkg/actions/nodegroup/create.go @0.180.0).
    pub selected: bool,
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
        let create_cluster = inv.command == Intercepted::CreateCluster;
        let nodegroups = match config {
            // `upgrade|update cluster` and identity mappings create no nodegroup.
            _ if !crate::command_spec::spec(inv.command).creates_nodegroups => vec![],
            // `--without-nodegroup` excludes every nodegroup of the file
            // (`ngFilter.SetExcludeAll`, pkg/ctl/cmdutils/configfile.go @0.175.0).
            _ if create_cluster && inv.without_nodegroup => vec![],
            Some(cfg) => {
                let chosen: std::collections::HashSet<(select::NodegroupKind, usize)> =
                    select::select(cfg, &inv.include, &inv.exclude)
                        .iter()
                        .map(|s| (s.kind, s.index))
                        .collect();
                select::select(cfg, &[], &[])
                    .into_iter()
                    .map(|s| PlannedNodegroup {
                        name: Some(s.nodegroup.name.clone()),
                        managed: s.kind == select::NodegroupKind::Managed,
                        private: s.nodegroup.private_networking,
                        subnets: s
                            .nodegroup
                            .subnets
                            .iter()
                            .map(|k| resolve_subnet(cfg, k))
                            .collect(),
                        zones: s.nodegroup.availability_zones.clone(),
                        local_zones: !s.nodegroup.local_zones.is_empty(),
                        on_outpost: s.nodegroup.outpost_arn.is_some(),
                        efa: s.nodegroup.efa_enabled == Some(true),
                        selected: create_cluster || chosen.contains(&(s.kind, s.index)),
                    })
                    .collect()
            }
            None => vec![PlannedNodegroup {
                name: inv.nodegroup_name.clone(),
                managed: inv.managed,
                private: inv.private_networking,
                subnets: inv.subnet_ids.clone(),
                zones: inv.list("node-zones"),
                local_zones: false,
                on_outpost: false,
                efa: false,
                selected: true,
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

    /// `upgrade cluster` or its alias `update cluster`.
    pub fn is_upgrade(&self) -> bool {
        crate::command_spec::spec(self.inv.command).upgrades_control_plane
    }

    /// The nodegroups eksctl will create.
    pub fn creating(&self) -> impl Iterator<Item = &PlannedNodegroup> {
        self.nodegroups.iter().filter(|n| n.selected)
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
