//! The cluster stack's names and Output keys, as eksctl writes them
//! (`pkg/cfn/outputs/api.go`, `pkg/cfn/manager/api.go` @0.230.0).

use super::StackFacts;

pub const VPC: &str = "VPC";
pub const SECURITY_GROUP: &str = "SecurityGroup";
pub const SHARED_NODE_SECURITY_GROUP: &str = "SharedNodeSecurityGroup";
pub const CLUSTER_SECURITY_GROUP_ID: &str = "ClusterSecurityGroupId";
/// Every Output naming a security group the nodes use (checked to exist).
pub const SECURITY_GROUPS: [&str; 3] = [
    SECURITY_GROUP,
    SHARED_NODE_SECURITY_GROUP,
    CLUSTER_SECURITY_GROUP_ID,
];
/// "true" on a fully-private cluster (`privateCluster.enabled`).
pub const CLUSTER_FULLY_PRIVATE: &str = "ClusterFullyPrivate";
pub const FARGATE_POD_EXECUTION_ROLE_ARN: &str = "FargatePodExecutionRoleARN";
pub const SUBNETS_PRIVATE: &str = "SubnetsPrivate";
pub const SUBNETS_PUBLIC: &str = "SubnetsPublic";
/// eksctl < 0.1.9: public subnets, read only when `SubnetsPublic` is absent.
pub const SUBNETS_LEGACY: &str = "Subnets";
pub const SUBNETS_LOCAL_ZONE: &[&str] = &["SubnetsLocalZonePrivate", "SubnetsLocalZonePublic"];
/// Outposts: described by ID on every eksctl version.
pub const SUBNETS_EXTENDED: &[&str] = &["SubnetsPrivateExtended", "SubnetsPublicExtended"];
/// The template resource whose absence makes eksctl update the stack before it creates
/// managed nodegroups (`FixClusterCompatibility`, pkg/cfn/manager/compat.go @0.230.0).
pub const INGRESS_DEFAULT_CLUSTER_TO_NODE_SG: &str = "IngressDefaultClusterToNodeSG";

pub fn cluster_stack(cluster: &str) -> String {
    format!("eksctl-{cluster}-cluster")
}

/// Is `stack` named as eksctl names a cluster's stack (`eksctl-<cluster>-cluster`)?
pub fn is_cluster_stack(stack: &str) -> bool {
    stack.starts_with("eksctl-") && stack.ends_with("-cluster")
}

pub fn nodegroup_stack(cluster: &str, nodegroup: &str) -> String {
    format!("eksctl-{cluster}-nodegroup-{nodegroup}")
}

pub fn nodegroup_stack_prefix(cluster: &str) -> String {
    format!("eksctl-{cluster}-nodegroup-")
}

/// The subnet Outputs eksctl <= 0.176 describes by ID (and >= 0.177 checks for drift),
/// Outposts' aside.
pub fn subnet_outputs(stack: &StackFacts) -> Vec<&'static str> {
    let mut keys = vec![SUBNETS_PRIVATE];
    if stack.outputs.contains_key(SUBNETS_PUBLIC) {
        keys.push(SUBNETS_PUBLIC);
    } else {
        keys.push(SUBNETS_LEGACY);
    }
    keys.extend_from_slice(SUBNETS_LOCAL_ZONE);
    keys
}
