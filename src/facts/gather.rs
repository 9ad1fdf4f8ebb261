//! Gathering the facts, concurrently: the eksctl version, the EKS cluster and then its
//! VPC's subnets and route tables, the cluster stack and then what its Outputs name, the
//! nodegroup stacks. Each lookup is made once; each list is paginated.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_ec2::types::Filter;

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
    /// `IngressDefaultClusterToNodeSG` (eksctl #7720's trigger).
    pub want_template: bool,
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

/// Two rounds of requests, each made at once: what can be asked by name (the cluster,
/// its stacks, eksctl's version), then what those name (the VPC's subnets, the groups
/// and VPC in the Outputs, the template).
async fn gather_all(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let version = async {
        match req.eksctl {
            Some(real) => eksctl_version::ask(real).await,
            None => None,
        }
    };
    let stacks = async {
        if !req.full {
            return (Ok(None), Ok(vec![]));
        }
        tokio::join!(
            cluster_stack(clients, req.cluster),
            nodegroup_stacks(clients, req.cluster)
        )
    };
    let (eksctl_version, cluster, (stack, ng_stacks)) =
        tokio::join!(version, describe_cluster(clients, req.cluster), stacks);
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
    if !req.full || facts.cluster.is_none() {
        return Ok(facts);
    }
    // The VPC from EKS, else from the stack's `VPC` output: a missing fact must not turn
    // a check off silently.
    let vpc = facts
        .cluster
        .as_ref()
        .and_then(|c| c.vpc_id.clone())
        .or_else(|| {
            facts
                .cluster_stack
                .as_ref()
                .and_then(|s| s.outputs.get(outputs::VPC).cloned())
        });
    if vpc.is_none() {
        facts.gaps.push("the cluster's VPC is unknown (DescribeCluster has no vpcId and the stack no VPC output): the subnet checks did not run".into());
    }
    let stack = facts.cluster_stack.clone();
    let network = async {
        match &vpc {
            Some(v) => Some(vpc_subnets(clients, Some(v)).await),
            None => None,
        }
    };
    let references = async {
        match &stack {
            Some(s) => Some(
                stack_references(
                    clients,
                    s,
                    facts.cluster.as_ref().and_then(|c| c.vpc_id.clone()),
                )
                .await,
            ),
            None => None,
        }
    };
    // Without ClusterSecurityGroupId eksctl updates the stack anyway: for the ingress
    // rule alone the template would not change the answer.
    let for_ingress = req.want_template
        && stack
            .as_ref()
            .is_some_and(|s| s.outputs.contains_key(outputs::CLUSTER_SECURITY_GROUP_ID));
    let template = async {
        match &stack {
            Some(s) if for_ingress || req.want_stack_template => {
                Some(template_body(clients, &s.name).await)
            }
            _ => None,
        }
    };
    let (network, references, template) = tokio::join!(network, references, template);
    match network {
        Some(Ok(subnets)) => facts.vpc_subnets = Some(subnets),
        Some(Err(e)) => facts.gaps.push(e.to_string()),
        None => {}
    }
    if let Some(r) = references {
        r.apply(&mut facts);
    }
    match template {
        Some(Ok(body)) => {
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
        Some(Err(e)) => facts.gaps.push(e.to_string()),
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

async fn nodegroup_stacks(clients: &Clients, cluster: &str) -> Result<Vec<StackSummary>, AwsError> {
    live_stacks(clients, &outputs::nodegroup_stack_prefix(cluster)).await
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
    let (vpc, missing_groups) = tokio::join!(vpc_lookup, sg_lookup);
    References {
        vpc,
        missing_groups,
    }
}
