//! A note after eksctl succeeded, for what the command set up for later: `utils
//! update-cluster-vpc-config` moves the control plane off subnets and never touches the
//! cluster stack (pkg/ctl/utils/vpc_helper.go @0.165.0..@0.230.0: EKS UpdateClusterConfig
//! only), so the stack's subnet Outputs keep naming the subnets it left. Once those are
//! deleted, eksctl fails on them (<= 0.176) or skips them (and `upgrade cluster` may
//! fail): the note names them and the `sync-outputs` plan that repairs the Outputs.

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
