//! Whether eksctl lets the cluster's nodegroups use a subnet as one of `kind`: the rule
//! the pin (`subnet_drift`) picks subnets by, and the rule `sync-outputs` adds control
//! plane subnets to an Output by (an Output subnet is one every later nodegroup of that
//! kind may land in). Read at 0.165.0 and 0.200.0:
//! - a public nodegroup without zones is checked against *every* subnet of the public
//!   mapping, which is `SubnetsPublic` (pkg/vpc/vpc.go:592-593@0.200.0, :535-536@0.165.0);
//!   each must have `MapPublicIpOnLaunch`, or `create nodegroup` fails "subnets for one or
//!   more new nodegroups don't meet requirements"; with private endpoint access it only
//!   warns (`ValidateLegacySubnetsForNodeGroups`, pkg/vpc/vpc.go:609-620@0.200.0,
//!   :554-562@0.165.0);
//! - a subnet of the private mapping named for a public nodegroup fails "subnet ... is
//!   specified as private in ClusterConfig" (`SelectNodeGroupSubnets`,
//!   pkg/vpc/vpc.go:944@0.200.0), so no subnet may stand in both Outputs;
//! - a subnet of another VPC is refused ("is not in the attached VPC", same function).

use crate::facts::{Facts, StackFacts, SubnetFacts, SubnetKind, outputs};

/// Why a subnet does not fit, in words that finish "left out: ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfit {
    Kind,
    OtherVpc,
    /// Listed in the Output of the other kind (its key).
    OtherOutput(&'static str),
    NoPublicIp,
}

impl Unfit {
    pub fn why(&self, subnet: &SubnetFacts, cluster: &str) -> String {
        match self {
            Unfit::Kind => format!("{} is not of that kind (by its route table)", subnet.id),
            Unfit::OtherVpc => format!("{} is not in the cluster's VPC", subnet.id),
            Unfit::OtherOutput(key) => format!(
                "{key} names it already; eksctl refuses a subnet of the private mapping for a public nodegroup (\"subnet {} is specified as private in ClusterConfig\")",
                subnet.id
            ),
            Unfit::NoPublicIp => format!(
                "it does not map public IPs on launch (MapPublicIpOnLaunch off) and the cluster endpoint has no private access: every later public `eksctl create nodegroup` would fail \"subnets for one or more new nodegroups don't meet requirements\"; `eksctl utils update-legacy-subnet-settings --cluster {cluster}` turns it on"
            ),
        }
    }
}

/// The Output that lists subnets of the other kind.
pub fn other_output(kind: SubnetKind) -> &'static str {
    match kind {
        SubnetKind::Private => outputs::SUBNETS_PUBLIC,
        SubnetKind::Public => outputs::SUBNETS_PRIVATE,
    }
}

/// `None` when eksctl lets nodegroups of `kind` use `s`; else why not.
pub fn unfit(
    s: &SubnetFacts,
    kind: SubnetKind,
    facts: &Facts,
    stack: &StackFacts,
) -> Option<Unfit> {
    let cluster = facts.cluster.as_ref();
    if s.kind != kind {
        return Some(Unfit::Kind);
    }
    if cluster
        .and_then(|c| c.vpc_id.as_ref())
        .is_some_and(|v| &s.vpc_id != v)
    {
        return Some(Unfit::OtherVpc);
    }
    let other = other_output(kind);
    if stack.subnet_output(other).contains(&s.id) {
        return Some(Unfit::OtherOutput(other));
    }
    let private_endpoint = cluster.is_some_and(|c| c.endpoint_private_access);
    if kind == SubnetKind::Public && !s.map_public_ip && !private_endpoint {
        return Some(Unfit::NoPublicIp);
    }
    None
}
