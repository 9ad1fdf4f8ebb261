//! The cluster itself: missing, not ACTIVE, without an eksctl stack, or (for
//! `create cluster`) already there; and nodegroup stacks left failed, which eksctl skips
//! silently and then exits 0 (eksctl #8712).

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;
use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_eks::types::ClusterStatus;

use crate::facts::outputs;
use crate::report;

/// `us-west-2 (account 111122223333)`: where the shim looked, as precisely as it knows.
fn where_asked(facts: &Facts) -> String {
    let region = facts.region.as_deref().unwrap_or("the region");
    match &facts.account {
        Some(a) => format!("{region} (account {a})"),
        None => region.to_string(),
    }
}

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let cluster = &subject.cluster;
    let q = |s: &str| crate::plan::render::quote(s);
    // Every command below names the region and profile the run used (`aws` takes the
    // same `--region`/`--profile` flags as eksctl).
    let place = report::place_flags(facts);
    let mut out = vec![];
    if !subject.is_create_nodegroup() {
        if facts.cluster.is_some() {
            out.push(
                Finding::new(
                    Code::ClusterExists,
                    Severity::Error,
                    format!("cluster {cluster:?} already exists"),
                    format!(
                        "Use another name, or add nodegroups to it with `{}`.",
                        report::eksctl_command(
                            &format!("create nodegroup --cluster {}", q(cluster)),
                            facts
                        )
                    ),
                )
                .resources([cluster.clone()]),
            );
        }
        return out;
    }
    let Some(live) = &facts.cluster else {
        out.push(
            Finding::new(
                Code::ClusterNotFound,
                Severity::Error,
                format!("no EKS cluster named {cluster:?} in {}", where_asked(facts)),
                format!(
                    "Check --cluster / metadata.name, the region (--region, metadata.region, AWS_REGION) and the account (--profile, AWS_PROFILE); `eksctl get cluster{place}` lists the clusters there."
                ),
            )
            .resources([cluster.clone()]),
        );
        return out;
    };
    // eksctl's `CanOperate` refuses CREATING, DELETING and FAILED (pkg/eks/eks.go
    // @0.230.0); whether EKS accepts a nodegroup while UPDATING is not known: a warning.
    let status = live
        .status
        .as_ref()
        .map_or("UNKNOWN", ClusterStatus::as_str);
    if live.status != Some(ClusterStatus::Active) {
        let severity = if live.status == Some(ClusterStatus::Updating) {
            Severity::Warning
        } else {
            Severity::Error
        };
        let what_to_do = match live.status {
            Some(ClusterStatus::Creating | ClusterStatus::Updating) => format!(
                "Wait until it is ACTIVE (`aws eks wait cluster-active --name {}{place}`), then run the command again.",
                q(cluster)
            ),
            _ => "Nodegroups can only be added to an ACTIVE cluster; see the cluster's health in the EKS console.".to_string(),
        };
        out.push(
            Finding::new(
                Code::ClusterNotActive,
                severity,
                format!("cluster {cluster:?} is {status}, not ACTIVE"),
                what_to_do,
            )
            .resources([cluster.clone()]),
        );
    }
    if facts.cluster_stack.is_none() {
        out.push(
            Finding::new(
                Code::StackMissing,
                Severity::Warning,
                format!("no eksctl-managed CloudFormation stack found for {cluster:?}: eksctl will treat it as a cluster it does not own"),
                "eksctl then needs vpc.id, vpc.subnets and vpc.securityGroup in a config file (-f). If the stack was deleted by mistake, the drift checks cannot run.",
            )
            .resources([outputs::cluster_stack(cluster)]),
        );
    }
    for ng in subject.creating().filter_map(|n| n.name.as_ref()) {
        let stack_name = outputs::nodegroup_stack(cluster, ng);
        let Some(stack) = facts.nodegroup_stacks.iter().find(|s| s.name == stack_name) else {
            continue;
        };
        if is_failed(&stack.status) {
            out.push(
                Finding::new(
                    Code::FailedNodegroupStack,
                    Severity::Error,
                    format!(
                        "nodegroup {ng:?} has a stack in {}{}: eksctl will skip the nodegroup silently and exit 0",
                        stack.status,
                        stack.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
                    ),
                    format!(
                        "Delete the failed stack first: `{}` (by hand: `aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name {}{place}` for a stack eksctl 0.218 or later made, then `aws cloudformation delete-stack --stack-name {}{place}`), then run the command again.",
                        report::eksctl_command(&format!("delete nodegroup --cluster {} --name {}", q(cluster), q(ng)), facts),
                        q(&stack_name),
                        q(&stack_name)
                    ),
                )
                .resources([stack_name]),
            );
        }
    }
    out
}

pub fn is_failed(status: &StackStatus) -> bool {
    matches!(
        status,
        StackStatus::CreateFailed
            | StackStatus::RollbackComplete
            | StackStatus::RollbackFailed
            | StackStatus::DeleteFailed
            | StackStatus::UpdateRollbackFailed
            | StackStatus::RollbackInProgress
    )
}
