//! The CloudFormation side of the facts: the cluster stack, the nodegroup stacks, what
//! the cluster stack's Outputs name (and whether it still exists), its template.

use std::collections::BTreeSet;

use aws_sdk_cloudformation::types::StackStatus;
use aws_sdk_ec2::types::Filter;

use super::aws::Clients;
use super::aws_error::{AwsError, AwsErrorKind, classify};
use super::{Fact, Facts, Gap, StackFacts, StackSummary, outputs};

/// `eksctl-<cluster>-cluster`, the name every eksctl version gives it.
pub(crate) async fn cluster_stack(
    clients: &Clients,
    cluster: &str,
) -> Result<Option<StackFacts>, AwsError> {
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
        status: s.stack_status().cloned(),
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

/// Up to this many nodegroups, their stacks are asked for by name, at once: one round trip.
const BY_NAME_MAX: usize = 20;

/// The stacks of the named nodegroups (each by name, at once; listed when there are many),
/// or with `None` every
/// nodegroup stack of the cluster.
pub(crate) async fn nodegroup_stacks(
    clients: &Clients,
    cluster: &str,
    names: Option<&[String]>,
) -> Result<Vec<StackSummary>, AwsError> {
    let Some(names) = names else {
        return live_stacks(clients, &outputs::nodegroup_stack_prefix(cluster)).await;
    };
    if names.len() > BY_NAME_MAX {
        // Thousands of requests at once would be throttled (and, against the deadline,
        // never all answered): one paged list of the cluster's nodegroup stacks tells the
        // same, a page per 100 stacks.
        let wanted: std::collections::HashSet<String> = names
            .iter()
            .map(|ng| outputs::nodegroup_stack(cluster, ng))
            .collect();
        let live = live_stacks(clients, &outputs::nodegroup_stack_prefix(cluster)).await?;
        return Ok(live
            .into_iter()
            .filter(|s| wanted.contains(&s.name))
            .collect());
    }
    let lookups = names.iter().map(|ng| async move {
        let name = outputs::nodegroup_stack(cluster, ng);
        match clients.cfn.describe_stacks().stack_name(&name).send().await {
            // By name, CloudFormation answers only for a live stack (never DELETE_COMPLETE).
            Ok(out) => Ok(out.stacks().first().and_then(|s| {
                Some(StackSummary {
                    name: s.stack_name().unwrap_or(&name).to_string(),
                    status: s.stack_status()?.clone(),
                    reason: s.stack_status_reason().map(str::to_string),
                })
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
                status: status.clone(),
                reason: s.stack_status_reason().map(str::to_string),
            });
        }
    }
    Ok(out)
}

/// What the stack's Outputs name that no longer exists.
pub(crate) struct References {
    vpc: Result<Option<bool>, AwsError>,
    missing_groups: Result<Vec<String>, AwsError>,
}

impl References {
    pub(crate) fn apply(self, facts: &mut Facts) {
        match self.vpc {
            Ok(v) => facts.stack_vpc_exists = v,
            Err(e) => facts.gaps.push(Gap::aws(Fact::StackVpc, e)),
        }
        match self.missing_groups {
            Ok(missing) => facts.missing_security_groups = missing,
            Err(e) => facts.gaps.push(Gap::aws(Fact::SecurityGroups, e)),
        }
    }
}

/// Do the VPC and security groups the stack's Outputs name still exist? The VPC is only
/// asked about when it is not the cluster's own (which exists, as the cluster does).
pub(crate) async fn stack_references(
    clients: &Clients,
    stack: &StackFacts,
    cluster_vpc: Option<String>,
) -> References {
    let stack_vpc = stack.outputs.get(outputs::VPC).cloned();
    let groups = super::derive::named_security_groups(stack);

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
        Ok::<_, AwsError>(super::derive::missing_security_groups(&groups, &found))
    };
    let (vpc, missing_groups) = tokio::join!(vpc_lookup, sg_lookup);
    References {
        vpc,
        missing_groups,
    }
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
