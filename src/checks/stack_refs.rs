//! The cluster stack's Outputs name a VPC or security groups that no longer exist:
//! every nodegroup stack imports them, so creation fails.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(stack) = &facts.cluster_stack else {
        return vec![];
    };
    if !subject.is_create_nodegroup() {
        return vec![];
    }
    let mut out = vec![];
    if facts.stack_vpc_exists == Some(false) {
        let vpc = stack
            .outputs
            .get(crate::facts::outputs::VPC)
            .cloned()
            .unwrap_or_default();
        out.push(
            Finding::new(
                Code::StackVpcGone,
                Severity::Error,
                format!("the cluster stack's VPC output names {vpc}, which no longer exists"),
                "The cluster's network was replaced outside eksctl; nodegroups cannot be created from this stack. Recreate the cluster, or create nodegroups with a config that sets vpc.id, vpc.subnets and vpc.securityGroup explicitly.",
            )
            .resources([vpc]),
        );
    }
    if !facts.missing_security_groups.is_empty() {
        out.push(
            Finding::new(
                Code::StackSgGone,
                Severity::Error,
                format!(
                    "the cluster stack's Outputs name security groups that no longer exist: {}",
                    facts.missing_security_groups.join(", ")
                ),
                "Every nodegroup stack imports these groups, so creation will fail. Restore them, or repair the stack (`eksctl upgrade cluster` re-adds missing resources).",
            )
            .resources(facts.missing_security_groups.clone()),
        );
    }
    out
}
