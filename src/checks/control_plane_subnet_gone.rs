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
    // EKS is asked only when `requiresVersionUpgrade` says so
    // (pkg/actions/cluster/upgrade.go:17-42 @0.176.0): a target version equal to the
    // current one updates the stack alone, which the deleted subnets do not stop (audit
    // v2 L4).
    let target = subject.inv.value("version").or_else(|| {
        subject
            .config
            .and_then(|c| c.metadata.version.as_ref())
            .map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
    });
    let stays = target.is_some() && target == cluster.version;
    let severity = if subject.inv.plan_mode || stays {
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
                "the control plane of {:?} still lists deleted subnets ({}): EKS fails {} (SubnetNotFound)",
                subject.cluster,
                gone.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                if stays {
                    "the next version update; this command asks for none, as the cluster is already at that version".to_string()
                } else {
                    format!("the version update `{}` asks for, if it asks for one", import::command_words(subject))
                }
            ),
            format!(
                "Give the control plane only subnets that exist first: `{update}` shows the change, then add --approve to make it (the subnets must span two zones)."
            ),
        )
        .resources(gone.into_iter().cloned()),
    ]
}
