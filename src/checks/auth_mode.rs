//! Authentication-mode traps (shared/eksctl-reference.md 1b):
//! - `create nodegroup` reads the live cluster's mode. On CONFIG_MAP the shim makes the
//!   aws-auth path explicit with `--update-auth-configmap`; on API (or a cluster that
//!   reports no `accessConfig`) any explicit value of that flag fails.
//! - `create cluster` on eksctl 0.167.0 - 0.175.x puts an access entry into every
//!   self-managed nodegroup stack; on a CONFIG_MAP cluster that stack fails. The working
//!   repair is two steps: the cluster without them, then `create nodegroup ... --update-auth-configmap`.

use super::finding::{Finding, Fix, Severity};
use super::subject::Subject;
use crate::facts::Facts;
use crate::invocation::AuthConfigMapFlag;

pub const CONFIG_MAP: &str = "auth-configmap";
pub const FLAG_ON_API: &str = "auth-flag-on-api";
pub const ACCESS_ENTRY: &str = "auth-access-entry";

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
    let cluster = &subject.cluster;
    let flag = subject.inv.update_auth_configmap;
    match live.authentication_mode.as_deref() {
        Some("CONFIG_MAP")
            if flag == AuthConfigMapFlag::Absent
                && subject.nodegroups.iter().any(|n| !n.managed)
                && !subject.inv.dry_run =>
        {
            vec![Finding::new(
                CONFIG_MAP,
                Severity::Info,
                format!("cluster {cluster:?} uses authenticationMode CONFIG_MAP: the nodes' role must go into the aws-auth ConfigMap, not an access entry"),
                "The shim adds --update-auth-configmap, so eksctl writes the aws-auth mapping whatever its defaults.",
            )
            .resources([cluster.clone()])
            .fix(Fix::UpdateAuthConfigMap)]
        }
        mode @ (Some("API") | None) if flag != AuthConfigMapFlag::Absent => {
            let why = match mode {
                Some(m) => format!("cluster {cluster:?} uses authenticationMode {m}"),
                None => format!("cluster {cluster:?} reports no accessConfig"),
            };
            vec![Finding::new(
                FLAG_ON_API,
                Severity::Error,
                format!("{why}: eksctl fails with `--update-auth-configmap is not supported when authenticationMode is set to API`"),
                "Drop --update-auth-configmap: eksctl then creates an access entry for the nodes' role.",
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
        .nodegroups
        .iter()
        .filter(|n| !n.managed)
        .filter_map(|n| n.name.clone())
        .collect();
    if !affected || self_managed.is_empty() || config.authentication_mode() != Some("CONFIG_MAP") {
        return vec![];
    }
    let cluster = &subject.cluster;
    vec![Finding::new(
        ACCESS_ENTRY,
        Severity::Error,
        format!(
            "eksctl {version} puts an access entry into self-managed nodegroup stacks even on a CONFIG_MAP cluster (eksctl #7695), so the stacks of {} would fail with \"The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP]\"",
            self_managed.join(", ")
        ),
        format!(
            "Create the cluster without them, then `eksctl create nodegroup -f <config> --include={} --update-auth-configmap` (the shim runs both steps); or use eksctl 0.176.0 or later. Setting iam.instanceRoleARN does not help on this version.",
            self_managed.join(",")
        ),
    )
    .resources(std::iter::once(cluster.clone()).chain(self_managed.iter().cloned()))
    .fix(Fix::SplitCreateCluster { self_managed })]
}
