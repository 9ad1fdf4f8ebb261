//! Facts derived from answers already read: pure functions shared by the one-cluster
//! gather (`gather.rs`) and the region snapshot of `check --all` (`fleet.rs`), so each
//! derivation is written once. `tests/it/check/agreement.rs` holds the two paths to the
//! same reports.

use std::collections::BTreeSet;

use super::{ClusterFacts, Fact, Gap, StackFacts, gaps::VPC_UNKNOWN, outputs};

/// The cluster's VPC: EKS's answer, else the stack's `VPC` output (a VPC EKS did not
/// report must not turn the subnet checks off silently).
pub fn vpc_of(cluster: &ClusterFacts, stack: Option<&StackFacts>) -> Option<String> {
    cluster
        .vpc_id
        .clone()
        .or_else(|| stack.and_then(|s| s.outputs.get(outputs::VPC).cloned()))
}

/// The gap when neither EKS nor the stack named the cluster's VPC: its subnets were not
/// read, and the checks that read them do not run.
pub fn vpc_gap(vpc: Option<&String>) -> Option<Gap> {
    vpc.is_none()
        .then(|| Gap::unknown(Fact::VpcSubnets, VPC_UNKNOWN))
}

/// The security groups the stack's Outputs name (values that are group IDs).
pub fn named_security_groups(stack: &StackFacts) -> BTreeSet<String> {
    outputs::SECURITY_GROUPS
        .iter()
        .filter_map(|k| stack.outputs.get(*k))
        .filter(|g| g.starts_with("sg-"))
        .cloned()
        .collect()
}

/// The named groups that are not among those that exist, in order.
pub fn missing_security_groups(
    named: &BTreeSet<String>,
    existing: &BTreeSet<String>,
) -> Vec<String> {
    named.difference(existing).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(outputs: &[(&str, &str)]) -> StackFacts {
        StackFacts {
            name: "eksctl-prod-cluster".into(),
            status: None,
            outputs: outputs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn the_vpc_is_eks_answer_else_the_stacks() {
        let mut cluster = ClusterFacts::default();
        let s = stack(&[(outputs::VPC, "vpc-stack")]);
        assert_eq!(vpc_of(&cluster, Some(&s)).as_deref(), Some("vpc-stack"));
        cluster.vpc_id = Some("vpc-eks".into());
        assert_eq!(vpc_of(&cluster, Some(&s)).as_deref(), Some("vpc-eks"));
        assert_eq!(vpc_of(&ClusterFacts::default(), None), None);
        assert!(vpc_gap(None).is_some() && vpc_gap(Some(&"vpc-1".into())).is_none());
    }

    #[test]
    fn only_group_ids_are_named_and_missing_ones_are_those_not_found() {
        let s = stack(&[
            (outputs::SECURITY_GROUPS[0], "sg-1"),
            (outputs::SECURITY_GROUPS[1], "not-a-group"),
            (outputs::SECURITY_GROUPS[2], "sg-2"),
        ]);
        let named = named_security_groups(&s);
        assert_eq!(named.iter().collect::<Vec<_>>(), ["sg-1", "sg-2"]);
        let existing = BTreeSet::from(["sg-2".to_string()]);
        assert_eq!(missing_security_groups(&named, &existing), ["sg-1"]);
    }
}
