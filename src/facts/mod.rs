//! What is really there: the facts the checks reason about. `gather` fills them from AWS
//! and `eksctl version`; everything else only reads them.

pub mod after_run;
pub mod answer_cap;
pub mod aws;
pub mod aws_error;
pub mod derive;
pub mod eksctl_version;
pub mod fleet;
pub mod gaps;
pub mod gather;
pub mod named_cause;
pub mod network;
pub mod outputs;
pub mod profiles;
pub mod region_source;
pub mod regions;
pub mod stacks;
pub mod template;
pub mod version;

use std::collections::BTreeMap;

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_eks::types::ClusterStatus;

pub use gaps::{Fact, Gap};
pub use version::EksctlVersion;

#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The region and profile these facts were read with (for every command printed).
    pub region: Option<String>,
    pub profile: Option<String>,
    /// The account asked: from the cluster's ARN, or (when the cluster was not found)
    /// from STS. `None` when neither told it.
    pub account: Option<String>,
    pub eksctl_version: Option<EksctlVersion>,
    /// `None` when the cluster does not exist (EKS `ResourceNotFoundException`).
    pub cluster: Option<ClusterFacts>,
    /// `None` when no eksctl stack was found for the cluster.
    pub cluster_stack: Option<StackFacts>,
    /// Every subnet of the cluster's VPC (`None`: not looked up).
    pub vpc_subnets: Option<Vec<SubnetFacts>>,
    /// Whether the VPC named in the stack's Outputs exists (`None`: not looked up).
    pub stack_vpc_exists: Option<bool>,
    /// Whether the cluster stack's template has `IngressDefaultClusterToNodeSG` (`None`:
    /// not looked up: no managed nodegroup is being created).
    pub template_has_ingress_rule: Option<bool>,
    /// The cluster stack's template resources (`None`: not looked up, or not JSON).
    pub cluster_template: Option<template::StackTemplate>,
    /// Security groups named in the stack's Outputs that no longer exist.
    pub missing_security_groups: Vec<String>,
    /// The cluster's nodegroup stacks (`eksctl-<cluster>-nodegroup-<ng>`), live ones only.
    pub nodegroup_stacks: Vec<StackSummary>,
    /// `create accessentry`: the cluster's access entries (principal ARNs) and eksctl's
    /// access entry stacks (`None`: not looked up).
    pub access_entries: Option<AccessEntries>,
    /// Facts that could not be read (a failed lookup does not stop the others): the
    /// checks that read them did not run (`checks::needs`), which the decision hears.
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterFacts {
    pub name: String,
    /// The account, from the cluster's ARN (named in messages beside the region).
    pub account: Option<String>,
    /// The SDK's own enum; `None` when EKS reported none.
    pub status: Option<ClusterStatus>,
    pub version: Option<String>,
    pub vpc_id: Option<String>,
    /// The control plane's current subnets.
    pub subnet_ids: Vec<String>,
    /// `accessConfig.authenticationMode`; `None` when the cluster reports no `accessConfig`.
    pub authentication_mode: Option<String>,
    pub on_outposts: bool,
    pub health_issues: Vec<String>,
    /// `resourcesVpcConfig.endpointPublicAccess` / `endpointPrivateAccess`.
    pub endpoint_public_access: bool,
    pub endpoint_private_access: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackFacts {
    pub name: String,
    /// `None` when CloudFormation reported none.
    pub status: Option<StackStatus>,
    pub outputs: BTreeMap<String, String>,
}

impl StackFacts {
    /// A comma-joined subnet Output (`SubnetsPrivate`, `SubnetsPublic`) as IDs.
    pub fn subnet_output(&self, key: &str) -> Vec<String> {
        self.outputs
            .get(key)
            .map(|v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubnetKind {
    /// Its route table has a route to an internet gateway (AWS's definition).
    Public,
    Private,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetFacts {
    pub id: String,
    pub vpc_id: String,
    pub zone: String,
    pub available_ips: u32,
    pub kind: SubnetKind,
    /// `MapPublicIpOnLaunch`: eksctl >= 0.177 requires it of a public nodegroup's subnets.
    pub map_public_ip: bool,
    /// Explicitly associated with a route table that is not the VPC's main one: what
    /// eksctl's rebuild of a fully-private cluster in an existing VPC needs of every
    /// private subnet (pkg/cfn/builder/vpc_existing.go:109-115,136-194@0.180.0).
    pub own_route_table: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessEntries {
    pub principals: Vec<String>,
    /// Live stacks named `eksctl-<cluster>-accessentry-*`, with their status.
    pub stacks: Vec<StackSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackSummary {
    pub name: String,
    pub status: StackStatus,
    pub reason: Option<String>,
}

impl Facts {
    /// Why `fact` could not be read, if it could not.
    pub fn gap(&self, fact: Fact) -> Option<&Gap> {
        self.gaps.iter().find(|g| g.fact == fact)
    }

    pub fn subnet(&self, id: &str) -> Option<&SubnetFacts> {
        self.vpc_subnets.as_ref()?.iter().find(|s| s.id == id)
    }
}
