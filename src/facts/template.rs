//! The cluster stack's template, as far as eksctl's stack rebuild reads it: whether the
//! stack made its VPC, and which resources it has.
//!
//! eksctl rebuilds the cluster stack on `upgrade cluster` (and `FixClusterCompatibility`)
//! with `AppendNewClusterStackResource` (pkg/cfn/manager/cluster.go @0.170.0, @0.180.0,
//! @0.230.0): it renders a whole new template from the config loaded out of the Outputs
//! and appends every resource whose logical ID the current template lacks. Whether the
//! VPC is "existing" is `!existingStack.Get("VPC").Exists()` (NewClusterResourceSet,
//! pkg/cfn/builder/cluster.go, same versions); for a VPC the stack made, each subnet the
//! Outputs name becomes `Subnet<Topology><AZNAME>` (IPv4VPCResourceSet.addSubnets,
//! pkg/cfn/builder/vpc_ipv4.go: `"Subnet" + string(topology) + makeAZResourceName(key)`,
//! the key being the subnet's zone as ImportSubnets keys it, pkg/vpc/vpc.go).

use std::collections::BTreeSet;

use super::SubnetKind;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackTemplate {
    /// `Resources.VPC` exists: eksctl made the VPC, and its rebuild adds subnet resources.
    pub owns_vpc: bool,
    /// Every logical resource ID.
    pub resources: BTreeSet<String>,
}

impl StackTemplate {
    /// `None` for a template that is not JSON (eksctl writes JSON; gjson reads nothing
    /// else, so eksctl's own rebuild fails on it too).
    pub fn parse(body: &str) -> Option<StackTemplate> {
        let v: serde_json::Value = serde_json::from_str(body).ok()?;
        let resources: BTreeSet<String> = v
            .get("Resources")
            .and_then(|r| r.as_object())
            .map(|r| r.keys().cloned().collect())
            .unwrap_or_default();
        Some(StackTemplate {
            owns_vpc: resources.contains("VPC"),
            resources,
        })
    }

    /// Would eksctl's rebuild add a subnet resource for a `kind` subnet in `zone`? Only on
    /// a stack that made its VPC and has no `Subnet<Kind><AZNAME>` yet.
    pub fn rebuild_adds_subnet(&self, kind: SubnetKind, zone: &str) -> bool {
        self.owns_vpc && !self.resources.contains(&zone_subnet_resource(kind, zone))
    }
}

/// `Subnet<Private|Public><AZNAME>`, AZNAME being the zone upper-cased without dashes
/// (`makeAZResourceName`, pkg/cfn/builder/vpc_ipv4.go; `formatAZ`, pkg/cfn/builder/vpc.go).
pub fn zone_subnet_resource(kind: SubnetKind, zone: &str) -> String {
    let topology = match kind {
        SubnetKind::Private => "Private",
        SubnetKind::Public => "Public",
    };
    format!("Subnet{topology}{}", zone.replace('-', "").to_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_eksctl() {
        assert_eq!(
            zone_subnet_resource(SubnetKind::Private, "us-west-2a"),
            "SubnetPrivateUSWEST2A"
        );
        assert_eq!(
            zone_subnet_resource(SubnetKind::Public, "ap-northeast-1c"),
            "SubnetPublicAPNORTHEAST1C"
        );
    }

    #[test]
    fn only_a_stack_that_made_its_vpc_gets_subnet_resources() {
        let own = StackTemplate::parse(
            r#"{"Resources":{"VPC":{},"SubnetPrivateUSWEST2A":{}},"Outputs":{}}"#,
        )
        .unwrap();
        assert!(own.owns_vpc);
        assert!(!own.rebuild_adds_subnet(SubnetKind::Private, "us-west-2a"));
        assert!(own.rebuild_adds_subnet(SubnetKind::Private, "us-west-2c"));
        assert!(own.rebuild_adds_subnet(SubnetKind::Public, "us-west-2a"));
        let existing = StackTemplate::parse(r#"{"Resources":{"ControlPlane":{}}}"#).unwrap();
        assert!(!existing.rebuild_adds_subnet(SubnetKind::Private, "us-west-2c"));
        assert_eq!(StackTemplate::parse("Resources: {}"), None);
    }
}
