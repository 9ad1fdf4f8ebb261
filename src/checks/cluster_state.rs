//! The cluster itself: missing, not ACTIVE, without an eksctl stack, or (for
//! `create cluster`) already there; and nodegroup stacks left failed, which eksctl skips
//! silently and then exits 0 (eksctl #8712).

use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub const NOT_FOUND: &str = "cluster-not-found";
pub const NOT_ACTIVE: &str = "cluster-not-active";
pub const EXISTS: &str = "cluster-exists";
pub const STACK_MISSING: &str = "stack-missing";
pub const FAILED_NG_STACK: &str = "failed-nodegroup-stack";

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let cluster = &subject.cluster;
    let mut out = vec![];
    if !subject.is_create_nodegroup() {
        if facts.cluster.is_some() {
            out.push(
                Finding::new(
                    EXISTS,
                    Severity::Error,
                    format!("cluster {cluster:?} already exists"),
                    format!("Use another name, or add nodegroups to it with `eksctl create nodegroup --cluster {cluster}`."),
                )
                .resources([cluster.clone()]),
            );
        }
        return out;
    }
    let Some(live) = &facts.cluster else {
        out.push(
            Finding::new(
                NOT_FOUND,
                Severity::Error,
                format!("no EKS cluster named {cluster:?} in this region"),
                "Check --cluster / metadata.name and the region (--region, metadata.region, AWS_REGION); `eksctl get cluster --region <r>` lists them.",
            )
            .resources([cluster.clone()]),
        );
        return out;
    };
    if live.status != "ACTIVE" {
        let what_to_do = match live.status.as_str() {
            "CREATING" | "UPDATING" => {
                "Wait until it is ACTIVE (`aws eks wait cluster-active --name <cluster>`), then run the command again."
            }
            _ => {
                "Nodegroups can only be added to an ACTIVE cluster; see the cluster's health in the EKS console."
            }
        };
        out.push(
            Finding::new(
                NOT_ACTIVE,
                Severity::Error,
                format!("cluster {cluster:?} is {}, not ACTIVE", live.status),
                what_to_do,
            )
            .resources([cluster.clone()]),
        );
    }
    if facts.cluster_stack.is_none() {
        out.push(
            Finding::new(
                STACK_MISSING,
                Severity::Warning,
                format!("no eksctl-managed CloudFormation stack found for {cluster:?}: eksctl will treat it as a cluster it does not own"),
                "eksctl then needs vpc.id, vpc.subnets and vpc.securityGroup in a config file (-f). If the stack was deleted by mistake, the drift checks cannot run.",
            )
            .resources([format!("eksctl-{cluster}-cluster")]),
        );
    }
    for ng in subject.nodegroups.iter().filter_map(|n| n.name.as_ref()) {
        let stack_name = format!("eksctl-{cluster}-nodegroup-{ng}");
        let Some(stack) = facts.nodegroup_stacks.iter().find(|s| s.name == stack_name) else {
            continue;
        };
        if is_failed(&stack.status) {
            out.push(
                Finding::new(
                    FAILED_NG_STACK,
                    Severity::Error,
                    format!(
                        "nodegroup {ng:?} has a stack in {}{}: eksctl will skip the nodegroup silently and exit 0",
                        stack.status,
                        stack.reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
                    ),
                    format!("Delete the failed stack first: `eksctl delete nodegroup --cluster {cluster} --name {ng}` (or `aws cloudformation delete-stack --stack-name {stack_name}`), then run the command again."),
                )
                .resources([stack_name]),
            );
        }
    }
    out
}

pub fn is_failed(status: &str) -> bool {
    matches!(
        status,
        "CREATE_FAILED"
            | "ROLLBACK_COMPLETE"
            | "ROLLBACK_FAILED"
            | "DELETE_FAILED"
            | "UPDATE_ROLLBACK_FAILED"
            | "ROLLBACK_IN_PROGRESS"
    )
}
