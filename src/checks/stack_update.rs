//! eksctl's cluster compatibility step before it creates nodegroups
//! (pkg/eks/compatibility.go and pkg/cfn/manager/compat.go `FixClusterCompatibility`,
//! the same logic from 0.165 to 0.230):
//! - no `SharedNodeSecurityGroup` output: a hard error (`cluster compatibility check
//!   failed: shared node security group missing`);
//! - managed nodegroups on a stack without the `ClusterSecurityGroupId` output or the
//!   `IngressDefaultClusterToNodeSG` resource, or Fargate profiles without
//!   `FargatePodExecutionRoleARN`: eksctl updates the cluster stack first, and that
//!   update fails while the stack references deleted subnets (eksctl #7720), or when its
//!   rebuild fails as `upgrade cluster`'s does (too few zones, zone subnet resources).
//!   No rewrite of the nodegroup helps; the stack must be repaired.

use std::collections::BTreeSet;

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::{upgrade_import, upgrade_zone_resource, upgrade_zones};
use crate::commands::sync_outputs::plan::INSUFFICIENT_SUBNETS;
use crate::facts::{Facts, outputs};

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(stack) = &facts.cluster_stack else {
        return vec![];
    };
    if !subject.is_create_nodegroup() {
        return vec![];
    }
    let cluster = &subject.cluster;
    let mut out = vec![];
    if !stack
        .outputs
        .contains_key(outputs::SHARED_NODE_SECURITY_GROUP)
    {
        out.push(
            Finding::new(
                Code::SharedSgMissing,
                Severity::Error,
                format!("the cluster stack {} has no SharedNodeSecurityGroup output: eksctl fails with \"cluster compatibility check failed: shared node security group missing\"", stack.name),
                format!("Let eksctl add it: {} (after repairing deleted subnets in the Outputs, if any).", crate::report::eksctl_command(&format!("upgrade cluster --name {cluster} --approve"), facts)),
            )
            .resources([stack.name.clone()]),
        );
        return out;
    }
    let managed = subject.creating().any(|n| n.managed);
    let ingress_missing = facts.template_has_ingress_rule == Some(false);
    let fargate = subject
        .config
        .is_some_and(|c| !c.fargate_profiles.is_empty());
    let why = if managed
        && !stack
            .outputs
            .contains_key(outputs::CLUSTER_SECURITY_GROUP_ID)
    {
        "managed nodegroups are created on a stack without the ClusterSecurityGroupId output"
    } else if managed && ingress_missing {
        "managed nodegroups are created on a stack without the IngressDefaultClusterToNodeSG resource"
    } else if fargate
        && !stack
            .outputs
            .contains_key(outputs::FARGATE_POD_EXECUTION_ROLE_ARN)
    {
        "Fargate profiles are created on a stack without the FargatePodExecutionRoleARN output"
    } else {
        return out;
    };
    let live: Option<BTreeSet<&str>> = facts
        .vpc_subnets
        .as_ref()
        .map(|l| l.iter().map(|s| s.id.as_str()).collect());
    let Some(live) = live else {
        return out;
    };
    let gone: Vec<String> = outputs::subnet_outputs(stack)
        .iter()
        .chain(outputs::SUBNETS_EXTENDED)
        .flat_map(|k| stack.subnet_output(k))
        .filter(|id| !live.contains(id.as_str()))
        .collect();
    if gone.is_empty() {
        out.extend(rebuild(subject, facts, why));
        return out;
    }
    let sync = crate::report::shim_command("sync-outputs", cluster, facts);
    out.push(
        Finding::new(
            Code::StackUpdateDrift,
            Severity::Error,
            format!("eksctl will update the cluster stack {} first ({why}), and that update fails while the stack references deleted subnets ({}), eksctl #7720", stack.name, gone.join(", ")),
            format!("Repair the stack's Outputs first: `{sync}` shows the change, then add --approve to make it."),
        )
        .resources([stack.name.clone()])
        .commands(crate::report::sync_outputs_commands(cluster, facts)),
    );
    out
}

/// The update is the rebuild `upgrade cluster` runs (`FixClusterCompatibility` calls
/// `AppendNewClusterStackResource(ctx, false, false)`, pkg/cfn/manager/compat.go:77
/// @0.200.0, the same from 0.165 to 0.230): `HasSufficientSubnets`, and on a stack that
/// made its VPC the zone subnet resources (audit v2 L1). eksctl fails in its first task,
/// before any nodegroup stack is made.
fn rebuild(subject: &Subject, facts: &Facts, why: &str) -> Vec<Finding> {
    let lead = |stack: &str| format!("eksctl will update the cluster stack {stack} first ({why})");
    let mut out = vec![];
    if let Some((stack, what)) = upgrade_zones::insufficient(facts) {
        out.push(
            Finding::new(
                Code::StackUpdateRebuild,
                Severity::Error,
                format!(
                    "{}, and its rebuild fails with \"{INSUFFICIENT_SUBNETS}\": {what}",
                    lead(&stack.name)
                ),
                format!(
                    "Before creating them, {}.",
                    upgrade_zones::remedy(subject, facts)
                ),
            )
            .resources([stack.name.clone()])
            .commands(upgrade_import::sync_outputs_commands(subject, facts)),
        );
    } else if let Some((stack, named, subnets)) = upgrade_zone_resource::added(facts) {
        out.push(
            Finding::new(
                Code::StackUpdateRebuild,
                Severity::Error,
                format!(
                    "{}, and that update fails: the rebuild adds subnet resources to {}, which made its VPC, for Output subnets in zones it has none for (the subnets exist already): {}",
                    lead(&stack.name),
                    stack.name,
                    named.join(", ")
                ),
                format!(
                    "Take those subnets out of the Outputs first: {}.",
                    upgrade_import::sync_outputs(subject, facts)
                ),
            )
            .resources(subnets)
            .commands(upgrade_import::sync_outputs_commands(subject, facts)),
        );
    }
    out
}
