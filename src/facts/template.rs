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
    /// (topology, zone) of every `AWS::EC2::Subnet` resource whatever its name: the IPv6
    /// builder's `PrivateSubnet<AZ>` (pkg/cfn/builder/vpc_ipv6.go:55-70,183-208@0.180.0)
    /// and the IPv4 builder's `Subnet<Topology><KEY>` for a `vpc.subnets` alias key
    /// (vpc_ipv4.go:255-313@0.180.0) both carry the zone as a literal `AvailabilityZone`.
    pub subnet_zones: BTreeSet<(String, String)>,
}

impl StackTemplate {
    /// `None` for a template that is not JSON (eksctl writes JSON; gjson reads nothing
    /// else, so eksctl's own rebuild fails on it too).
    pub fn parse(body: &str) -> Option<StackTemplate> {
        let v: serde_json::Value = serde_json::from_str(body).ok()?;
        let empty = serde_json::Map::new();
        let all = v
            .get("Resources")
            .and_then(|r| r.as_object())
            .unwrap_or(&empty);
        let resources: BTreeSet<String> = all.keys().cloned().collect();
        let subnet_zones = all
            .iter()
            .filter(|(_, r)| r["Type"] == "AWS::EC2::Subnet")
            .filter_map(|(name, r)| {
                let topology = ["Private", "Public"].into_iter().find(|t| {
                    name.starts_with(&format!("Subnet{t}"))
                        || name.starts_with(&format!("{t}Subnet"))
                })?;
                let zone = r["Properties"]["AvailabilityZone"].as_str()?;
                Some((topology.to_string(), zone.to_string()))
            })
            .collect();
        Some(StackTemplate {
            owns_vpc: resources.contains("VPC"),
            resources,
            subnet_zones,
        })
    }

    /// Would eksctl's rebuild add a subnet resource for a `kind` subnet in `zone`? Only on
    /// a stack that made its VPC and has no subnet resource of that kind in that zone yet,
    /// under any of the names eksctl gives one: `Subnet<Kind><AZNAME>` (IPv4, keyed by
    /// zone), `<Kind>Subnet<AZNAME>` (IPv6), or an alias-keyed one in that zone. A stack
    /// of IPv6 or alias-keyed subnets rebuilt without `-f` is rendered by the IPv4 builder
    /// keyed by zone (the default IPFamily, pkg/apis/eksctl.io/v1alpha5/types.go:460
    /// @0.180.0): what that does to such a stack is inferred, not read, and not said.
    pub fn rebuild_adds_subnet(&self, kind: SubnetKind, zone: &str) -> bool {
        let topology = topology(kind);
        self.owns_vpc
            && !self.resources.contains(&zone_subnet_resource(kind, zone))
            && !self
                .resources
                .contains(&format!("{topology}Subnet{}", az_name(zone)))
            && !self
                .subnet_zones
                .contains(&(topology.to_string(), zone.to_string()))
    }
}

fn topology(kind: SubnetKind) -> &'static str {
    match kind {
        SubnetKind::Private => "Private",
        SubnetKind::Public => "Public",
    }
}

/// `formatAZ` (pkg/cfn/builder/vpc.go:54-56@0.180.0): the zone upper-cased without dashes.
fn az_name(zone: &str) -> String {
    zone.replace('-', "").to_uppercase()
}

/// `Subnet<Private|Public><AZNAME>`, AZNAME being the zone upper-cased without dashes
/// (`makeAZResourceName`, pkg/cfn/builder/vpc_ipv4.go; `formatAZ`, pkg/cfn/builder/vpc.go).
pub fn zone_subnet_resource(kind: SubnetKind, zone: &str) -> String {
    format!("Subnet{}{}", topology(kind), az_name(zone))
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

    #[test]
    fn ipv6_and_alias_named_subnet_resources_count_for_their_zone() {
        let t = StackTemplate::parse(
            r#"{"Resources":{"VPC":{},
                "PrivateSubnetUSWEST2A":{"Type":"AWS::EC2::Subnet","Properties":{"AvailabilityZone":"us-west-2a"}},
                "SubnetPublicEDGE":{"Type":"AWS::EC2::Subnet","Properties":{"AvailabilityZone":"us-west-2b"}}}}"#,
        )
        .unwrap();
        assert!(!t.rebuild_adds_subnet(SubnetKind::Private, "us-west-2a"));
        assert!(!t.rebuild_adds_subnet(SubnetKind::Public, "us-west-2b"));
        assert!(t.rebuild_adds_subnet(SubnetKind::Public, "us-west-2a"));
        assert!(t.rebuild_adds_subnet(SubnetKind::Private, "us-west-2c"));
    }
}
