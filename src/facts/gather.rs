//! Gathering the facts, concurrently: the eksctl version, the EKS cluster and then its
//! VPC's subnets and route tables, the cluster stack and then what its Outputs name, the
//! stacks of the nodegroups being created. Each lookup is made once, starts as soon as
//! what it needs has arrived, and is made only when a check of this invocation reads it;
//! each list is paginated.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_ec2::types::Filter;
use futures_util::FutureExt;

use super::aws::Clients;
use super::aws_error::{AwsError, AwsErrorKind, classify};
use super::template::StackTemplate;
use super::{
    ClusterFacts, Facts, StackFacts, StackSummary, SubnetFacts, SubnetKind, eksctl_version, outputs,
};
use crate::proxy::real::RealEksctl;

/// What to look at.
pub struct Request<'a> {
    pub cluster: &'a str,
    /// The real eksctl, to ask its version (`None`: not needed, e.g. `check` without one).
    pub eksctl: Option<&'a RealEksctl>,
    /// Everything (`create nodegroup`, `check`), or only the cluster (`create cluster`
    /// needs to know whether it exists, not its stacks and subnets).
    pub full: bool,
    /// Managed nodegroups are being created: read the stack's template for
    /// `IngressDefaultClusterToNodeSG` (eksctl #7720's trigger) when it can matter.
    pub want_template: bool,
    /// The nodegroups being created, whose stacks are looked up by name (`Some(&[])`:
    /// none); `None`: every nodegroup stack of the cluster (one paginated ListStacks),
    /// for `check`, which has no command to go by.
    pub nodegroups: Option<&'a [String]>,
    /// Read the stack's template for its resources (the VPC, the zone subnets): what
    /// eksctl's stack rebuild on `upgrade cluster` and `sync-outputs` reason about.
    pub want_stack_template: bool,
}

/// Fails only when the cluster itself could not be asked about (AWS unreachable, no
/// credentials, ...): then nothing can be checked. Lesser failures become `Facts::gaps`.
pub async fn gather(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let started = std::time::Instant::now();
    let facts = gather_all(clients, req).await;
    tracing::debug!(cluster = req.cluster, elapsed = ?started.elapsed(), ok = facts.is_ok(), "gathered");
    facts
}

/// Every lookup starts at once, or as soon as the answer it depends on has arrived (the
/// VPC's subnets after the cluster; what the stack's Outputs name, and its template,
/// after the stack), so the pre-flight waits two round trips, never for a round's
/// slowest answer (`eksctl version` included).
async fn gather_all(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let version = async {
        match req.eksctl {
            Some(real) => eksctl_version::ask(real).await,
            None => None,
        }
    };
    if !req.full {
        let (eksctl_version, cluster) =
            tokio::join!(version, describe_cluster(clients, req.cluster));
        return Ok(Facts {
            eksctl_version,
            cluster: cluster?,
            ..Default::default()
        });
    }
    // Each answered once, read by every lookup that depends on it.
    let cluster = describe_cluster(clients, req.cluster).shared();
    let stack = cluster_stack(clients, req.cluster).shared();
    let found = || async { cluster.clone().await.ok().flatten() };
    let stack_found = || async { stack.clone().await.ok().flatten() };

    let ng_stacks = nodegroup_stacks(clients, req.cluster, req.nodegroups);
    // The VPC from EKS, else from the stack's `VPC` output: a missing fact must not turn
    // a check off silently.
    let vpc = async {
        let c = found().await?;
        match c.vpc_id {
            Some(v) => Some(Some(v)),
            None => Some(
                stack_found()
                    .await
                    .and_then(|s| s.outputs.get(outputs::VPC).cloned()),
            ),
        }
    }
    .shared();
    let network = async {
        match vpc.clone().await {
            Some(Some(v)) => Some(vpc_subnets(clients, Some(&v)).await),
            _ => None,
        }
    }
    .shared();
    let references = async {
        let c = found().await?;
        let s = stack_found().await?;
        Some(stack_references(clients, &s, c.vpc_id).await)
    };
    let template = async {
        let s = stack_found().await?;
        // Without ClusterSecurityGroupId eksctl updates the stack anyway: for the ingress
        // rule alone the template would not change the answer. (It matters only when a
        // subnet in the Outputs is gone, which the subnets tell; asked beside them, not
        // after, to stay within two round trips.)
        let for_ingress =
            req.want_template && s.outputs.contains_key(outputs::CLUSTER_SECURITY_GROUP_ID);
        if !for_ingress && !req.want_stack_template {
            return None;
        }
        Some((for_ingress, template_body(clients, &s.name).await))
    };
    let (eksctl_version, cluster, stack, ng_stacks, vpc, network, references, template) = tokio::join!(
        version,
        cluster.clone(),
        stack.clone(),
        ng_stacks,
        vpc.clone(),
        network.clone(),
        references,
        template
    );
    let mut facts = Facts {
        eksctl_version,
        cluster: cluster?,
        ..Default::default()
    };
    match stack {
        Ok(stack) => facts.cluster_stack = stack,
        Err(e) => facts.gaps.push(e.to_string()),
    }
    match ng_stacks {
        Ok(s) => facts.nodegroup_stacks = s,
        Err(e) => facts.gaps.push(e.to_string()),
    }
    if facts.cluster.is_none() {
        return Ok(facts);
    }
    if vpc == Some(None) {
        facts.gaps.push("the cluster's VPC is unknown (DescribeCluster has no vpcId and the stack no VPC output): the subnet checks did not run".into());
    }
    match network {
        Some(Ok(subnets)) => facts.vpc_subnets = Some(subnets),
        Some(Err(e)) => facts.gaps.push(e.to_string()),
        None => {}
    }
    if let Some(r) = references {
        r.apply(&mut facts);
    }
    match template {
        Some((for_ingress, Ok(body))) => {
            if for_ingress {
                facts.template_has_ingress_rule =
                    Some(body.contains(outputs::INGRESS_DEFAULT_CLUSTER_TO_NODE_SG));
            }
            if req.want_stack_template {
                match StackTemplate::parse(&body) {
                    Some(t) => facts.cluster_template = Some(t),
                    None => facts.gaps.push(
                        "the cluster stack's template is not JSON (eksctl writes JSON): its resources were not read".into(),
                    ),
                }
            }
        }
        Some((_, Err(e))) => facts.gaps.push(e.to_string()),
        None => {}
    }
    Ok(facts)
}

/// The cluster's access entries and eksctl's access entry stacks (`create accessentry`).
pub(crate) async fn access_entries(
    clients: &Clients,
    cluster: &str,
) -> Result<super::AccessEntries, AwsError> {
    let entries = async {
        let mut pages = clients
            .eks
            .list_access_entries()
            .cluster_name(cluster)
            .into_paginator()
            .items()
            .send();
        let mut out = vec![];
        while let Some(arn) = pages.next().await {
            out.push(arn.map_err(|e| classify("EKS ListAccessEntries", &e))?);
        }
        Ok::<_, AwsError>(out)
    };
    let prefix = format!("eksctl-{cluster}-accessentry-");
    let stacks = live_stacks(clients, &prefix);
    let (principals, stacks) = tokio::join!(entries, stacks);
    Ok(super::AccessEntries {
        principals: principals?,
        stacks: stacks?.into_iter().map(|s| s.name).collect(),
    })
}

/// The cluster stack's template, as GetTemplate returns it.
pub(crate) async fn template_body(clients: &Clients, stack: &str) -> Result<String, AwsError> {
    let out = clients
        .cfn
        .get_template()
        .stack_name(stack)
        .send()
        .await
        .map_err(|e| classify("CloudFormation GetTemplate", &e))?;
    Ok(out.template_body().unwrap_or_default().to_string())
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
        account: c.arn().and_then(super::aws::account_of_arn),
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
        endpoint_public_access: vpc.is_some_and(|v| v.endpoint_public_access()),
        endpoint_private_access: vpc.is_some_and(|v| v.endpoint_private_access()),
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
                map_public_ip: s.map_public_ip_on_launch() == Some(true),
            })
        })
        .collect()
}

/// `eksctl-<cluster>-cluster`, the name every eksctl version gives it.
async fn cluster_stack(clients: &Clients, cluster: &str) -> Result<Option<StackFacts>, AwsError> {
    let name = outputs::cluster_stack(cluster);
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

/// The stacks of the named nodegroups (each by name, at once), or with `None` every
/// nodegroup stack of the cluster.
async fn nodegroup_stacks(
    clients: &Clients,
    cluster: &str,
    names: Option<&[String]>,
) -> Result<Vec<StackSummary>, AwsError> {
    let Some(names) = names else {
        return live_stacks(clients, &outputs::nodegroup_stack_prefix(cluster)).await;
    };
    let lookups = names.iter().map(|ng| async move {
        let name = outputs::nodegroup_stack(cluster, ng);
        match clients.cfn.describe_stacks().stack_name(&name).send().await {
            // By name, CloudFormation answers only for a live stack (never DELETE_COMPLETE).
            Ok(out) => Ok(out.stacks().first().map(|s| StackSummary {
                name: s.stack_name().unwrap_or(&name).to_string(),
                status: s
                    .stack_status()
                    .map(|st| st.as_str().to_string())
                    .unwrap_or_default(),
                reason: s.stack_status_reason().map(str::to_string),
            })),
            Err(e) => {
                let e = classify("CloudFormation DescribeStacks", &e);
                if e.kind == AwsErrorKind::NotFound {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    });
    let found: Result<Vec<Option<StackSummary>>, AwsError> =
        futures_util::future::join_all(lookups)
            .await
            .into_iter()
            .collect();
    Ok(found?.into_iter().flatten().collect())
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

/// What the stack's Outputs name that no longer exists.
struct References {
    vpc: Result<Option<bool>, AwsError>,
    missing_groups: Result<Vec<String>, AwsError>,
}

impl References {
    fn apply(self, facts: &mut Facts) {
        match self.vpc {
            Ok(v) => facts.stack_vpc_exists = v,
            Err(e) => facts.gaps.push(e.to_string()),
        }
        match self.missing_groups {
            Ok(missing) => facts.missing_security_groups = missing,
            Err(e) => facts.gaps.push(e.to_string()),
        }
    }
}

/// Do the VPC and security groups the stack's Outputs name still exist? The VPC is only
/// asked about when it is not the cluster's own (which exists, as the cluster does).
async fn stack_references(
    clients: &Clients,
    stack: &StackFacts,
    cluster_vpc: Option<String>,
) -> References {
    let stack_vpc = stack.outputs.get(outputs::VPC).cloned();
    let groups: BTreeSet<String> = outputs::SECURITY_GROUPS
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
    let (vpc, missing_groups) = tokio::join!(vpc_lookup, sg_lookup);
    References {
        vpc,
        missing_groups,
    }
}
