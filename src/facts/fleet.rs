//! Facts for every cluster of a region at once (`check --all`): the region-wide lists
//! (stacks, nodegroup stacks, subnets and route tables, security groups, VPCs) are read
//! once, and only `DescribeCluster` is made per cluster, a bounded number at a time. The
//! cost grows with the cluster count by one call each, not by eight.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::StreamExt;

use super::aws::Clients;
use super::aws_error::{AwsError, classify};
use super::gather::describe_cluster;
use super::network::vpc_subnets;
use super::stacks::{live_stacks, stack_facts};
use super::{ClusterFacts, Facts, Gap, StackFacts, StackSummary, SubnetFacts, derive, outputs};

/// How many `DescribeCluster` calls are in flight at once.
const CONCURRENCY: usize = 16;

pub async fn list_clusters(clients: &Clients) -> Result<Vec<String>, AwsError> {
    let mut pages = clients.eks.list_clusters().into_paginator().items().send();
    let mut out = vec![];
    while let Some(name) = pages.next().await {
        out.push(name.map_err(|e| classify("EKS ListClusters", &e))?);
    }
    Ok(out)
}

pub struct RegionSnapshot {
    stacks: BTreeMap<String, StackFacts>,
    nodegroup_stacks: Vec<StackSummary>,
    subnets: Vec<SubnetFacts>,
    security_groups: BTreeSet<String>,
    vpcs: BTreeSet<String>,
}

pub async fn snapshot(clients: &Clients) -> Result<RegionSnapshot, AwsError> {
    let stacks = async {
        let mut pages = clients
            .cfn
            .describe_stacks()
            .into_paginator()
            .items()
            .send();
        let mut out = BTreeMap::new();
        while let Some(s) = pages.next().await {
            let s = stack_facts(&s.map_err(|e| classify("CloudFormation DescribeStacks", &e))?);
            if outputs::is_cluster_stack(&s.name) {
                out.insert(s.name.clone(), s);
            }
        }
        Ok::<_, AwsError>(out)
    };
    let groups = async {
        let mut pages = clients
            .ec2
            .describe_security_groups()
            .into_paginator()
            .items()
            .send();
        let mut out = BTreeSet::new();
        while let Some(g) = pages.next().await {
            out.extend(
                g.map_err(|e| classify("EC2 DescribeSecurityGroups", &e))?
                    .group_id()
                    .map(str::to_string),
            );
        }
        Ok::<_, AwsError>(out)
    };
    let vpcs = async {
        let mut pages = clients.ec2.describe_vpcs().into_paginator().items().send();
        let mut out = BTreeSet::new();
        while let Some(v) = pages.next().await {
            out.extend(
                v.map_err(|e| classify("EC2 DescribeVpcs", &e))?
                    .vpc_id()
                    .map(str::to_string),
            );
        }
        Ok::<_, AwsError>(out)
    };
    let (stacks, ng, subnets, groups, vpcs) = tokio::join!(
        stacks,
        live_stacks(clients, "eksctl-"),
        vpc_subnets(clients, None),
        groups,
        vpcs
    );
    Ok(RegionSnapshot {
        stacks: stacks?,
        nodegroup_stacks: ng?
            .into_iter()
            .filter(|s| s.name.contains("-nodegroup-"))
            .collect(),
        subnets: subnets?,
        security_groups: groups?,
        vpcs: vpcs?,
    })
}

/// `DescribeCluster` for each name, at most `CONCURRENCY` at once, in the given order.
pub async fn describe_all(
    clients: &Clients,
    names: &[String],
) -> Vec<(String, Result<Option<ClusterFacts>, AwsError>)> {
    let mut out: Vec<_> = futures_util::stream::iter(names.iter().enumerate())
        .map(|(i, name)| async move { (i, name.clone(), describe_cluster(clients, name).await) })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    out.sort_by_key(|(i, _, _)| *i);
    out.into_iter().map(|(_, n, r)| (n, r)).collect()
}

/// The cluster stacks' templates (`check --all --for cluster-upgrade`), at most
/// `CONCURRENCY` GetTemplate calls at once, in the given order.
pub async fn templates(
    clients: &Clients,
    stacks: &[String],
) -> Vec<Result<super::template::StackTemplate, Gap>> {
    let mut out: Vec<_> = futures_util::stream::iter(stacks.iter().enumerate())
        .map(|(i, stack)| async move { (i, super::gather::stack_template(clients, stack).await) })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, t)| t).collect()
}

impl RegionSnapshot {
    /// The facts about one cluster, from the snapshot and its `DescribeCluster`.
    pub fn facts_for(&self, name: &str, cluster: Option<ClusterFacts>) -> Facts {
        let stack = self.stacks.get(&outputs::cluster_stack(name)).cloned();
        let vpc = cluster
            .as_ref()
            .and_then(|c| derive::vpc_of(c, stack.as_ref()));
        let prefix = outputs::nodegroup_stack_prefix(name);
        let mut facts = Facts {
            vpc_subnets: vpc.as_ref().map(|v| {
                self.subnets
                    .iter()
                    .filter(|s| &s.vpc_id == v)
                    .cloned()
                    .collect()
            }),
            nodegroup_stacks: self
                .nodegroup_stacks
                .iter()
                .filter(|s| s.name.starts_with(&prefix))
                .cloned()
                .collect(),
            cluster,
            ..Default::default()
        };
        if let Some(stack) = &stack {
            facts.stack_vpc_exists = stack
                .outputs
                .get(outputs::VPC)
                .map(|v| self.vpcs.contains(v));
            facts.missing_security_groups = derive::missing_security_groups(
                &derive::named_security_groups(stack),
                &self.security_groups,
            );
        }
        if facts.cluster.is_some() {
            facts.gaps.extend(derive::vpc_gap(vpc.as_ref()));
        }
        facts.cluster_stack = stack;
        facts
    }
}
