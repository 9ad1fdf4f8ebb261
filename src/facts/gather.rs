//! Gathering the facts, concurrently: the eksctl version, the EKS cluster and then its
//! VPC's subnets and route tables, the cluster stack and then what its Outputs name, the
//! stacks of the nodegroups being created. Each lookup is made once, starts as soon as
//! what it needs has arrived, and is made only when a check of this invocation reads it;
//! each list is paginated.

use futures_util::FutureExt;

use super::aws::Clients;
use super::aws_error::{AwsError, AwsErrorKind, classify};
use super::network::vpc_subnets;
use super::stacks::{
    cluster_stack, live_stacks, nodegroup_stacks, stack_references, template_body,
};
use super::template::StackTemplate;
use super::{ClusterFacts, Fact, Facts, Gap, derive, eksctl_version, outputs};
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
/// credentials, ...): then nothing can be checked. Any other failed read is a typed gap
/// (`Facts::gaps`), never an absence: the checks that read it are not run.
pub async fn gather(clients: &Clients, req: &Request<'_>) -> Result<Facts, AwsError> {
    let started = std::time::Instant::now();
    let facts = gather_all(clients, req)
        .await
        .map_err(|e| clients.explain(e));
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
        Some(match c.vpc_id {
            Some(_) => derive::vpc_of(&c, None),
            // Waits for the stack only when EKS named no VPC.
            None => derive::vpc_of(&c, stack_found().await.as_ref()),
        })
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
        Err(e) => facts.gaps.push(Gap::aws(Fact::ClusterStack, e)),
    }
    match ng_stacks {
        Ok(s) => facts.nodegroup_stacks = s,
        Err(e) => facts.gaps.push(Gap::aws(Fact::NodegroupStacks, e)),
    }
    if facts.cluster.is_none() {
        return Ok(facts);
    }
    if let Some(gap) = vpc.and_then(|v| derive::vpc_gap(v.as_ref())) {
        facts.gaps.push(gap);
    }
    match network {
        Some(Ok(subnets)) => facts.vpc_subnets = Some(subnets),
        Some(Err(e)) => facts.gaps.push(Gap::aws(Fact::VpcSubnets, e)),
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
                match parse_template(&body) {
                    Ok(t) => facts.cluster_template = Some(t),
                    Err(gap) => facts.gaps.push(gap),
                }
            }
        }
        Some((_, Err(e))) => facts.gaps.push(Gap::aws(Fact::StackTemplate, e)),
        None => {}
    }
    Ok(facts)
}

fn parse_template(body: &str) -> Result<StackTemplate, Gap> {
    StackTemplate::parse(body).ok_or_else(|| {
        Gap::unknown(
            Fact::StackTemplate,
            "the cluster stack's template is not JSON (eksctl writes JSON): its resources were not read",
        )
    })
}

/// The cluster stack's template alone, for `check --all --for cluster-upgrade`, whose
/// region-wide snapshot has no templates (one GetTemplate per stack, asked only then).
pub(crate) async fn stack_template(clients: &Clients, stack: &str) -> Result<StackTemplate, Gap> {
    match template_body(clients, stack).await {
        Ok(body) => parse_template(&body),
        Err(e) => Err(Gap::aws(Fact::StackTemplate, e)),
    }
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
        stacks: stacks?,
    })
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
        status: c.status().cloned(),
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
