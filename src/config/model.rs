//! The fields of a ClusterConfig (eksctl.io/v1alpha5) the checks need, read from the
//! config's meaning (YAML 1.1 resolved, merge keys applied, keys as strings: `yaml`).
//! Everything else stays in the text untouched; this typed view is never written.
//! Types follow `pkg/apis/eksctl.io/v1alpha5/types.go` @0.230.0: a value of the wrong type
//! (`privateNetworking: "yes"`) fails here as it fails in eksctl's decoder.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterConfig {
    pub metadata: Metadata,
    pub vpc: Option<Vpc>,
    pub access_config: Option<AccessConfig>,
    #[serde(deserialize_with = "null_as_default")]
    pub node_groups: Vec<NodeGroup>,
    #[serde(deserialize_with = "null_as_default")]
    pub managed_node_groups: Vec<NodeGroup>,
    #[serde(deserialize_with = "null_as_default")]
    pub fargate_profiles: Vec<serde_json::Value>,
    pub outpost: Option<Outpost>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub name: Option<String>,
    pub region: Option<String>,
    pub version: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Vpc {
    pub id: Option<String>,
    pub subnets: Option<ClusterSubnets>,
    #[serde(rename = "controlPlaneSubnetIDs", deserialize_with = "null_as_default")]
    pub control_plane_subnet_ids: Vec<String>,
    pub cluster_endpoints: Option<ClusterEndpoints>,
}

/// `vpc.clusterEndpoints`: the API endpoint's access; unset fields take eksctl's defaults
/// where it applies them (`api.SetClusterEndpointAccessDefaults`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClusterEndpoints {
    pub public_access: Option<bool>,
    pub private_access: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClusterSubnets {
    #[serde(deserialize_with = "null_as_default")]
    pub private: BTreeMap<String, Network>,
    #[serde(deserialize_with = "null_as_default")]
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
    #[serde(deserialize_with = "null_as_default")]
    pub access_entries: Vec<AccessEntry>,
}

/// `accessConfig.accessEntries[]`, as far as the checks read it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AccessEntry {
    #[serde(rename = "principalARN")]
    pub principal_arn: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeGroup {
    pub name: String,
    #[serde(deserialize_with = "null_as_default")]
    pub availability_zones: Vec<String>,
    /// Subnet IDs or keys of `vpc.subnets`.
    #[serde(deserialize_with = "null_as_default")]
    pub subnets: Vec<String>,
    /// Self-managed only: local zones replace availability zones.
    #[serde(deserialize_with = "null_as_default")]
    pub local_zones: Vec<String>,
    #[serde(deserialize_with = "null_as_default")]
    pub private_networking: bool,
    pub efa_enabled: Option<bool>,
    #[serde(rename = "outpostARN")]
    pub outpost_arn: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Outpost {
    #[serde(rename = "controlPlaneOutpostARN")]
    pub control_plane_outpost_arn: Option<String>,
}

/// `key: null` (or `key:`) decodes to the zero value in Go, as an absent key does.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
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

    /// `vpc.subnets` entries with an ID: (kind is private, key, id).
    pub fn vpc_subnet_ids(&self) -> Vec<(bool, &str, &str)> {
        let Some(s) = self.vpc.as_ref().and_then(|v| v.subnets.as_ref()) else {
            return vec![];
        };
        let mut out = vec![];
        for (private, map) in [(true, &s.private), (false, &s.public)] {
            for (key, net) in map {
                if let Some(id) = net.id.as_deref() {
                    out.push((private, key.as_str(), id));
                }
            }
        }
        out
    }
}
