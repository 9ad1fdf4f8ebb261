//! Authentication-mode traps (shared/eksctl-reference.md 1b):
//! - `create nodegroup` reads the live cluster's mode (pkg/accessentry/service.go
//!   @0.167.0..0.230.0): on CONFIG_MAP it writes aws-auth and makes no access entry
//!   without any flag: nothing to do, and nothing said (issue 25). From 0.167 any explicit
//!   `--update-auth-configmap` on an API cluster (or one without `accessConfig`) fails
//!   (pkg/actions/nodegroup/create.go @0.167.0). Up to 0.166 the flag is a plain bool
//!   defaulting to true and there are no access entries: on an API-only cluster
//!   self-managed nodes are mapped in aws-auth only and never join (inferred).
//! - `create cluster` on eksctl 0.167.0 - 0.175.x puts an access entry into every
//!   self-managed nodegroup stack (pkg/cfn/manager/create_tasks.go @0.175.0); on a
//!   CONFIG_MAP cluster that stack fails. The repair is two steps: the cluster without
//!   them, then `create nodegroup -f ... --include=<them>`. `--dry-run` creates nothing
//!   and needs no repair.

use super::codes::Code;
use super::finding::{Finding, Fix, Severity};
use super::subject::Subject;
use crate::facts::Facts;
use crate::invocation::AuthConfigMapFlag;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    if subject.is_create_nodegroup() {
        nodegroup(subject, facts)
    } else {
        cluster(subject, facts)
    }
}

fn nodegroup(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(live) = &facts.cluster else {
        return vec![];
    };
    let Some(version) = &facts.eksctl_version else {
        return vec![];
    };
    let cluster = &subject.cluster;
    let flag = subject.inv.update_auth_configmap;
    let self_managed = subject.creating().any(|n| !n.managed);
    let api_only = matches!(live.authentication_mode.as_deref(), Some("API") | None);
    match live.authentication_mode.as_deref() {
        _ if version.at_least(167) && api_only && flag != AuthConfigMapFlag::Absent => {
            let why = match &live.authentication_mode {
                Some(m) => format!("cluster {cluster:?} uses authenticationMode {m}"),
                None => format!("cluster {cluster:?} reports no accessConfig"),
            };
            vec![Finding::new(
                Code::AuthFlagOnApi,
                Severity::Error,
                format!("{why}: eksctl {version} fails with `--update-auth-configmap is not supported when authenticationMode is set to API`"),
                "Drop --update-auth-configmap: eksctl then creates an access entry for the nodes' role.",
            )
            .resources([cluster.clone()])]
        }
        Some("API")
            if !version.at_least(167) && self_managed && flag != AuthConfigMapFlag::False =>
        {
            vec![Finding::new(
                Code::AuthApiOldEksctl,
                Severity::Error,
                format!("cluster {cluster:?} uses authenticationMode API, but eksctl {version} predates access entries: it maps self-managed nodes in aws-auth only, which an API cluster ignores, so the nodes never join"),
                "Use eksctl 0.167.0 or later, which creates an access entry for the nodes; or switch the cluster to API_AND_CONFIG_MAP.",
            )
            .resources([cluster.clone()])]
        }
        _ => vec![],
    }
}

fn cluster(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(config) = subject.config else {
        return vec![];
    };
    let Some(version) = &facts.eksctl_version else {
        return vec![];
    };
    let affected = version.at_least(167) && !version.at_least(176);
    let self_managed: Vec<String> = subject
        .creating()
        .filter(|n| !n.managed)
        .filter_map(|n| n.name.clone())
        .collect();
    if !affected
        || subject.inv.dry_run
        || self_managed.is_empty()
        || config.authentication_mode() != Some("CONFIG_MAP")
    {
        return vec![];
    }
    let cluster = &subject.cluster;
    vec![Finding::new(
        Code::AuthAccessEntry,
        Severity::Error,
        format!(
            "eksctl {version} puts an access entry into self-managed nodegroup stacks even on a CONFIG_MAP cluster (eksctl #7695), so the stacks of {} would fail with \"The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP]\"",
            self_managed.join(", ")
        ),
        format!(
            "Create the cluster without them, then `eksctl create nodegroup -f <config> --include={}` (the shim runs both steps); or use eksctl 0.176.0 or later. Setting iam.instanceRoleARN does not help on this version.",
            self_managed.join(",")
        ),
    )
    .resources(std::iter::once(cluster.clone()).chain(self_managed.iter().cloned()))
    .fix(Fix::SplitCreateCluster { self_managed })]
}
