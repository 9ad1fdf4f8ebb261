//! A note after eksctl succeeded, for what the command set up for later: `utils
//! update-cluster-vpc-config` moves the control plane off subnets and never touches the
//! cluster stack (pkg/ctl/utils/vpc_helper.go @0.165.0..@0.230.0: EKS UpdateClusterConfig
//! only), so the stack's subnet Outputs keep naming the subnets it left. Once those are
//! deleted, eksctl fails on them (<= 0.176) or skips them (and `upgrade cluster` may
//! fail): the note names them and the `sync-outputs` plan that repairs the Outputs.
//!
//! And a warning after `upgrade cluster`, when the control plane came out of it on
//! subnets it did not use before (eksctl #7290: subnets removed with
//! `update-cluster-vpc-config` were back after an upgrade). eksctl's own code does not
//! send subnets on an upgrade (pkg/eks/update.go UpdateClusterVersion sends name and
//! version; pkg/cfn/manager/cluster.go AppendNewClusterStackResource only appends what
//! the template lacks, leaving ControlPlane as it is; both @0.164.0 and @0.230.0), so
//! the shim does not predict it: it compares what EKS reports before and after.

use crate::facts::ClusterFacts;
use crate::invocation::Intercepted;
use crate::preflight::Assessment;

pub fn after_success(a: &Assessment) -> Option<String> {
    if a.inv.command != Intercepted::UpdateClusterVpcConfig || a.inv.plan_mode {
        return None;
    }
    let facts = a.facts.as_ref()?;
    let (cluster, stack) = (facts.cluster.as_ref()?, facts.cluster_stack.as_ref()?);
    let wanted = match &a.config {
        Some(c) => c
            .model
            .vpc
            .as_ref()
            .map(|v| v.control_plane_subnet_ids.clone())
            .unwrap_or_default(),
        None => a.inv.list("control-plane-subnet-ids"),
    };
    if wanted.is_empty() {
        return None;
    }
    let dropped: Vec<&String> = cluster
        .subnet_ids
        .iter()
        .filter(|id| !wanted.contains(id))
        .collect();
    let listed: Vec<String> = crate::facts::outputs::subnet_outputs(stack)
        .iter()
        .flat_map(|k| stack.subnet_output(k))
        .filter(|id| dropped.contains(&id))
        .collect();
    if listed.is_empty() {
        return None;
    }
    let name = a.cluster.as_deref().unwrap_or(&cluster.name);
    Some(format!(
        "note: the control plane no longer uses {}, which the cluster stack {} still lists in its subnet Outputs; once they are deleted, `{}` shows the change to the Outputs (then add --approve to make it)",
        listed.join(", "),
        stack.name,
        crate::report::shim_command("sync-outputs", name, facts)
    ))
}

/// Whether the run is an upgrade whose control plane subnets are worth comparing after.
pub fn compares_subnets(a: &Assessment) -> bool {
    crate::command_spec::spec(a.inv.command).upgrades_control_plane
        && !a.inv.plan_mode
        && a.facts.as_ref().is_some_and(|f| f.cluster.is_some())
}

/// The subnets the control plane uses now and did not use before the upgrade, with the
/// command that shows how to take them off again.
pub fn after_upgrade(a: &Assessment, now: &ClusterFacts) -> Option<String> {
    let facts = a.facts.as_ref()?;
    let before = &facts.cluster.as_ref()?.subnet_ids;
    let added: Vec<&String> = now
        .subnet_ids
        .iter()
        .filter(|id| !before.contains(id))
        .collect();
    if added.is_empty() || before.is_empty() {
        return None;
    }
    let name = a.cluster.as_deref().unwrap_or(&now.name);
    let quote = crate::plan::render::quote;
    let restore = crate::report::eksctl_command(
        &format!(
            "utils update-cluster-vpc-config --cluster {} --control-plane-subnet-ids {}",
            quote(name),
            quote(&before.join(","))
        ),
        facts,
    );
    Some(format!(
        "the control plane of cluster {name} now also uses {}, which it did not use before the upgrade (eksctl #7290); if they were taken off on purpose, `{restore}` shows the change back (then add --approve to make it)",
        added
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    ))
}
