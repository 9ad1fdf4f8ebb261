//! The fields of a ClusterConfig (eksctl.io/v1alpha5) the checks need. Everything else
//! stays in the YAML tree untouched; this typed view is read from it and never written.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterConfig {
    pub metadata: Metadata,
    pub vpc: Option<Vpc>,
    pub access_config: Option<AccessConfig>,
    pub node_groups: Vec<NodeGroup>,
    pub managed_node_groups: Vec<NodeGroup>,
    pub outpost: Option<Outpost>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub name: Option<String>,
    pub region: Option<String>,
    pub version: Option<serde_yaml_ng::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Vpc {
    pub id: Option<String>,
    pub subnets: Option<ClusterSubnets>,
    #[serde(rename = "controlPlaneSubnetIDs")]
    pub control_plane_subnet_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClusterSubnets {
    pub private: BTreeMap<String, Network>,
    pub public: BTreeMap<String, Network>,
}

/// A `vpc.subnets.<kind>.<key>` entry; the key is a zone name or any alias.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Network {
    pub id: Option<String>,
    pub az: Option<String>,
    pub cidr: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AccessConfig {
    pub authentication_mode: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeGroup {
    pub name: String,
    pub availability_zones: Vec<String>,
    /// Subnet IDs or keys of `vpc.subnets`.
    pub subnets: Vec<String>,
    pub private_networking: bool,
    #[serde(rename = "outpostARN")]
    pub outpost_arn: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Outpost {
    #[serde(rename = "controlPlaneOutpostARN")]
    pub control_plane_outpost_arn: Option<String>,
}

impl ClusterConfig {
    pub fn authentication_mode(&self) -> Option<&str> {
        self.access_config.as_ref()?.authentication_mode.as_deref()
    }

    pub fn is_outposts(&self) -> bool {
        self.outpost
            .as_ref()
            .is_some_and(|o| o.control_plane_outpost_arn.is_some())
    }
}
