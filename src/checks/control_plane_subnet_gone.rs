//! The control plane still lists subnets that were deleted: EKS fails the version update
//! `upgrade cluster` asks for (UpdateClusterVersion; eksctl waits on the update and
//! reports `update failed with status "Failed": ... errorCode: SubnetNotFound`,
//! pkg/eks/update.go and pkg/eks/waiter/waiter.go @0.230.0). The EKS error's wording is
//! not in eksctl's source; the code is EKS's ErrorCode `SubnetNotFound`. Said as a
//! warning in plan mode, where nothing is updated.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::upgrade_import as import;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let (Some(cluster), Some(_)) = (&facts.cluster, &facts.vpc_subnets) else {
        return vec![];
    };
    let (alive, gone): (Vec<&String>, Vec<&String>) = cluster
        .subnet_ids
        .iter()
        .partition(|id| facts.subnet(id).is_some());
    if gone.is_empty() {
        return vec![];
    }
    let severity = if subject.inv.plan_mode {
        Severity::Warning
    } else {
        Severity::Error
    };
    let keep = alive
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let update = crate::report::eksctl_command(
        &format!(
            "utils update-cluster-vpc-config --cluster {} --control-plane-subnet-ids {}",
            crate::plan::render::quote(&subject.cluster),
            if keep.is_empty() {
                "<subnets in two zones>".to_string()
            } else {
                keep
            }
        ),
        facts,
    );
    vec![
        Finding::new(
            Code::ControlPlaneSubnetGone,
            severity,
            format!(
                "the control plane of {:?} still lists deleted subnets ({}): EKS fails the version update `{}` asks for (SubnetNotFound)",
                subject.cluster,
                gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                import::command_words(subject)
            ),
            format!(
                "Give the control plane only subnets that exist first: `{update}` shows the change, then add --approve to make it (the subnets must span two zones)."
            ),
        )
        .resources(gone.into_iter().cloned()),
    ]
}
