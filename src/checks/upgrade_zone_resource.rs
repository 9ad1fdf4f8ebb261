//! `upgrade cluster` on a stack that made its VPC: the rebuild renders a
//! `Subnet<Topology><AZNAME>` for each zone of the subnet Outputs and appends the ones the
//! template lacks, with the real subnet's CIDR (AppendNewClusterStackResource,
//! pkg/cfn/manager/cluster.go; IPv4VPCResourceSet.addSubnets, pkg/cfn/builder/vpc_ipv4.go;
//! @0.170.0, @0.180.0, @0.230.0). Creating a subnet whose CIDR a subnet already has
//! fails, so the stack update fails (after the control plane was upgraded). In plan
//! mode eksctl only lists the resources it would add: a warning then. Stacks of existing
//! VPCs (no `Resources.VPC`) get no subnet resources.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::upgrade_import as import;
use crate::facts::Facts;
use crate::facts::template::zone_subnet_resource;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some((stack, named, subnets)) = added(facts) else {
        return vec![];
    };
    let (severity, outcome) = if subject.inv.plan_mode {
        (
            Severity::Warning,
            "its plan lists them; applied (--approve), the stack update fails after the control plane was upgraded",
        )
    } else {
        (
            Severity::Error,
            "the stack update fails (the subnets exist already), after the control plane was upgraded",
        )
    };
    vec![
        Finding::new(
            Code::UpgradeZoneResource,
            severity,
            format!(
                "{} `{}` adds subnet resources to {}, which made its VPC, for Output subnets in zones it has none for: {}; {outcome}",
                import::eksctl_words(facts),
                import::command_words(subject),
                stack.name,
                named.join(", ")
            ),
            format!(
                "Take those subnets out of the Outputs before upgrading: {}.",
                import::sync_outputs(subject, facts)
            ),
        )
        .resources(subnets)
        .commands(import::sync_outputs_commands(subject, facts)),
    ]
}

/// The stack, the subnet resources its rebuild would append (each named with its
/// subnets and zone) and those subnets; `None` when it appends none or cannot be told.
/// Shared with `create nodegroup`'s compatibility update (`stack_update`).
pub fn added(facts: &Facts) -> Option<(&crate::facts::StackFacts, Vec<String>, Vec<String>)> {
    let ((stack, imported), template) = (
        import::rebuild_input(facts)?,
        facts.cluster_template.as_ref()?,
    );
    let mut named = vec![];
    let mut subnets = vec![];
    for i in &imported {
        for (zone, ids) in &i.zones {
            if template.rebuild_adds_subnet(i.kind, zone) {
                named.push(format!(
                    "{} ({} in {zone})",
                    zone_subnet_resource(i.kind, zone),
                    ids.join(", ")
                ));
                subnets.extend(ids.iter().cloned());
            }
        }
    }
    (!named.is_empty()).then_some((stack, named, subnets))
}
