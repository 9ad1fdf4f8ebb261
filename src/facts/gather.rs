//! Gathering the facts, concurrently: the eksctl version, the EKS cluster and then its
//! VPC's subnets and route tables, the cluster stack and then what its Outputs name, the
//! nodegroup stacks. Each lookup is made once; each list is paginated.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::Path;

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_ec2::types::Filter;

use super::aws::Clients;
use super::aws_error::{AwsError, AwsErrorKind, classify};
use super::{
    ClusterFacts, Facts, StackFacts, StackSummary, SubnetFacts, SubnetKind, eksctl_version,
};

/// What to look at.
pub struct Request<'a> {
    pub cluster: &'a str,
    /// The real eksctl, to ask its version (`None`: not needed, e.g. `check` without one).
    pub eksctl: Option<(&'a Path, &'a OsString)>,
    /// Everything (`create nodegroup`, `check`), or only the cluster (`create cluster`
    /// needs to know whether it exists, not its stacks and subnets).
    pub full: bool,
}

/// Fails only when the cluster itself could not be asked about (AWS unreachable, no
/// credentials, ...): then nothing can be checked. Lesser failures become `Facts::gaps`.
pub async fn gather(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let started = std::time::Instant::now();
    let facts = gather_all(clients, req).await;
    tracing::debug!(cluster = req.cluster, elapsed = ?started.elapsed(), ok = facts.is_ok(), "gathered");
    facts
}

async fn gather_all(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let version = async {
        match req.eksctl {
            Some((real, marker)) => eksctl_version::ask(real, marker).await,
            None => None,
        }
    };
    let cluster_side = async {
        let cluster = describe_cluster(clients, req.cluster).await?;
        let network = match cluster
            .as_ref()
            .and_then(|c| c.vpc_id.clone())
            .filter(|_| req.full)
        {
            Some(vpc) => Some(vpc_subnets(clients, Some(&vpc)).await),
            None => None,
        };
        Ok::<_, AwsError>((cluster, network))
    };
    let stack_side = async {
        if !req.full {
            return (Ok(None), Ok(vec![]));
        }
        tokio::join!(
            cluster_stack(clients, req.cluster),
            nodegroup_stacks(clients, req.cluster)
        )
    };
    let (eksctl_version, cluster_side, (stack, ng_stacks)) =
        tokio::join!(version, cluster_side, stack_side);
    let (cluster, network) = cluster_side?;

    let mut facts = Facts {
        eksctl_version,
        cluster,
        ..Default::default()
    };
    match network {
        Some(Ok(subnets)) => facts.vpc_subnets = Some(subnets),
        Some(Err(e)) => facts.gaps.push(e.to_string()),
        None => {}
    }
    match stack {
        Ok(stack) => facts.cluster_stack = stack,
        Err(e) => facts.gaps.push(e.to_string()),
    }
    match ng_stacks {
        Ok(s) => facts.nodegroup_stacks = s,
        Err(e) => facts.gaps.push(e.to_string()),
    }
    if let Some(stack) = facts.cluster_stack.clone() {
        check_stack_references(clients, &stack, &mut facts).await;
    }
    Ok(facts)
}

pub(crate) async fn describe_cluster(
    clients: &Clients,
    name: &str,
) -> Result<Option<ClusterFacts>, AwsError> {
    let out = match clients.eks.describe_cluster().name(name).send().await {
        Ok(out) => out,
        Err(e) => {
            let e = classify("EKS DescribeCluster", &e);
            return if e.kind == AwsErrorKind::NotFound {
                Ok(None)
            } else {
                Err(e)
            };
        }
    };
    let Some(c) = out.cluster() else {
        return Ok(None);
    };
    let vpc = c.resources_vpc_config();
    Ok(Some(ClusterFacts {
        name: c.name().unwrap_or(name).to_string(),
        status: c
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        version: c.version().map(str::to_string),
        vpc_id: vpc.and_then(|v| v.vpc_id()).map(str::to_string),
        subnet_ids: vpc.map(|v| v.subnet_ids().to_vec()).unwrap_or_default(),
        authentication_mode: c
            .access_config()
            .and_then(|a| a.authentication_mode())
            .map(|m| m.as_str().to_string()),
        on_outposts: c.outpost_config().is_some(),
        health_issues: c
            .health()
            .map(|h| {
                h.issues()
                    .iter()
                    .map(|i| i.message().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default(),
    }))
}

/// Every subnet of the VPC (of every VPC with `None`), with its kind: public when its
/// route table (its own, else its VPC's main one) routes to an internet gateway.
pub(crate) async fn vpc_subnets(
    clients: &Clients,
    vpc: Option<&str>,
) -> Result<Vec<SubnetFacts>, AwsError> {
    let by_vpc = || vpc.map(|v| Filter::builder().name("vpc-id").values(v).build());
    let subnets = async {
        let mut pages = clients
            .ec2
            .describe_subnets()
            .set_filters(by_vpc().map(|f| vec![f]))
            .into_paginator()
            .items()
            .send();
        let mut out = vec![];
        while let Some(s) = pages.next().await {
            out.push(s.map_err(|e| classify("EC2 DescribeSubnets", &e))?);
        }
        Ok::<_, AwsError>(out)
    };
    let tables = async {
        let mut pages = clients
            .ec2
            .describe_route_tables()
            .set_filters(by_vpc().map(|f| vec![f]))
            .into_paginator()
            .items()
            .send();
        let mut out = vec![];
        while let Some(t) = pages.next().await {
            out.push(t.map_err(|e| classify("EC2 DescribeRouteTables", &e))?);
        }
        Ok::<_, AwsError>(out)
    };
    let (subnets, tables) = tokio::join!(subnets, tables);
    Ok(classify_subnets(&subnets?, &tables?))
}

fn classify_subnets(
    subnets: &[aws_sdk_ec2::types::Subnet],
    tables: &[aws_sdk_ec2::types::RouteTable],
) -> Vec<SubnetFacts> {
    let to_igw = |t: &aws_sdk_ec2::types::RouteTable| {
        t.routes()
            .iter()
            .any(|r| r.gateway_id().is_some_and(|g| g.starts_with("igw-")))
    };
    let mut explicit: BTreeMap<&str, bool> = BTreeMap::new();
    let mut main_public: BTreeMap<&str, bool> = BTreeMap::new();
    for t in tables {
        for a in t.associations() {
            if a.main() == Some(true) {
                main_public.insert(t.vpc_id().unwrap_or_default(), to_igw(t));
            } else if let Some(s) = a.subnet_id() {
                explicit.insert(s, to_igw(t));
            }
        }
    }
    subnets
        .iter()
        .filter_map(|s| {
            let id = s.subnet_id()?;
            let vpc_id = s.vpc_id().unwrap_or_default();
            let public = explicit
                .get(id)
                .or_else(|| main_public.get(vpc_id))
                .copied()
                .unwrap_or(false);
            Some(SubnetFacts {
                id: id.to_string(),
                vpc_id: vpc_id.to_string(),
                zone: s.availability_zone().unwrap_or_default().to_string(),
                available_ips: s.available_ip_address_count().unwrap_or(0).max(0) as u32,
                kind: if public {
                    SubnetKind::Public
                } else {
                    SubnetKind::Private
                },
            })
        })
        .collect()
}

/// `eksctl-<cluster>-cluster`, the name every eksctl version gives it.
async fn cluster_stack(clients: &Clients, cluster: &str) -> Result<Option<StackFacts>, AwsError> {
    let name = format!("eksctl-{cluster}-cluster");
    let out = match clients.cfn.describe_stacks().stack_name(&name).send().await {
        Ok(out) => out,
        Err(e) => {
            let e = classify("CloudFormation DescribeStacks", &e);
            return if e.kind == AwsErrorKind::NotFound {
                Ok(None)
            } else {
                Err(e)
            };
        }
    };
    Ok(out.stacks().first().map(stack_facts))
}

pub(crate) fn stack_facts(s: &aws_sdk_cloudformation::types::Stack) -> StackFacts {
    StackFacts {
        name: s.stack_name().unwrap_or_default().to_string(),
        status: s
            .stack_status()
            .map(|st| st.as_str().to_string())
            .unwrap_or_default(),
        outputs: s
            .outputs()
            .iter()
            .filter_map(|o| {
                Some((
                    o.output_key()?.to_string(),
                    o.output_value().unwrap_or_default().to_string(),
                ))
            })
            .collect(),
    }
}

async fn nodegroup_stacks(clients: &Clients, cluster: &str) -> Result<Vec<StackSummary>, AwsError> {
    live_stacks(clients, &format!("eksctl-{cluster}-nodegroup-")).await
}

/// Live stacks whose names start with `prefix` (one paginated ListStacks).
pub(crate) async fn live_stacks(
    clients: &Clients,
    prefix: &str,
) -> Result<Vec<StackSummary>, AwsError> {
    let mut pages = clients.cfn.list_stacks().into_paginator().items().send();
    let mut out = vec![];
    while let Some(s) = pages.next().await {
        let s = s.map_err(|e| classify("CloudFormation ListStacks", &e))?;
        let (Some(name), Some(status)) = (s.stack_name(), s.stack_status()) else {
            continue;
        };
        if name.starts_with(prefix) && *status != StackStatus::DeleteComplete {
            out.push(StackSummary {
                name: name.to_string(),
                status: status.as_str().to_string(),
                reason: s.stack_status_reason().map(str::to_string),
            });
        }
    }
    Ok(out)
}

/// Do the VPC and security groups the stack's Outputs name still exist? The VPC is only
/// asked about when it is not the cluster's own (which exists, as the cluster does).
async fn check_stack_references(clients: &Clients, stack: &StackFacts, facts: &mut Facts) {
    let cluster_vpc = facts.cluster.as_ref().and_then(|c| c.vpc_id.clone());
    let stack_vpc = stack.outputs.get("VPC").cloned();
    let groups: BTreeSet<String> = [
        "SecurityGroup",
        "SharedNodeSecurityGroup",
        "ClusterSecurityGroupId",
    ]
    .iter()
    .filter_map(|k| stack.outputs.get(*k).cloned())
    .filter(|v| v.starts_with("sg-"))
    .collect();

    let vpc_lookup = async {
        match &stack_vpc {
            Some(v) if Some(v) == cluster_vpc.as_ref() => Ok(Some(true)),
            Some(v) => {
                let filter = Filter::builder().name("vpc-id").values(v).build();
                clients
                    .ec2
                    .describe_vpcs()
                    .filters(filter)
                    .send()
                    .await
                    .map(|o| Some(!o.vpcs().is_empty()))
                    .map_err(|e| classify("EC2 DescribeVpcs", &e))
            }
            None => Ok(None),
        }
    };
    let sg_lookup = async {
        if groups.is_empty() {
            return Ok(vec![]);
        }
        // A filter, not GroupIds: a missing ID then just does not come back, instead of
        // failing the whole call.
        let filter = Filter::builder()
            .name("group-id")
            .set_values(Some(groups.iter().cloned().collect()))
            .build();
        let mut pages = clients
            .ec2
            .describe_security_groups()
            .filters(filter)
            .into_paginator()
            .items()
            .send();
        let mut found = BTreeSet::new();
        while let Some(g) = pages.next().await {
            let g = g.map_err(|e| classify("EC2 DescribeSecurityGroups", &e))?;
            if let Some(id) = g.group_id() {
                found.insert(id.to_string());
            }
        }
        Ok::<_, AwsError>(groups.difference(&found).cloned().collect())
    };
    let (vpc, sgs) = tokio::join!(vpc_lookup, sg_lookup);
    match vpc {
        Ok(v) => facts.stack_vpc_exists = v,
        Err(e) => facts.gaps.push(e.to_string()),
    }
    match sgs {
        Ok(missing) => facts.missing_security_groups = missing,
        Err(e) => facts.gaps.push(e.to_string()),
    }
}
