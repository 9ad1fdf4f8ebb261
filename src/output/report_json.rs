//! `check --output json`: one shape whatever the number of clusters or regions.
//!
//! ```json
//! {"schema": 2, "clusters": [{"cluster": "prod", "region": "eu-west-1",
//!   "account": "111122223333", "eksctl_version": "0.230.0", "status": "failed",
//!   "findings": [{"code": "subnet-drift", "severity": "error", "title": "...",
//!                 "message": "...", "remediation": "...", "commands": ["..."],
//!                 "resources": ["subnet-1"], "nodegroup": "ng-1",
//!                 "location": {"file": "cluster.yaml", "line": 12, "snippet": null}}],
//!   "error": null, "checked_for": ["nodegroup"], "not_run": []}]}
//! ```
//! `status`: `passed` (no finding fails the gate), `failed` (one stands) or `unchecked`
//! (then `error` says why). `account` is `null` when AWS did not tell it.
//! `schemas/check.schema.json` is its schema.

use serde::Serialize;

use super::json::{FindingJson, SCHEMA};
use crate::checks::Code;
use crate::commands::check::{Report, Status, Target};
use crate::config::LoadedConfig;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    clusters: Vec<Cluster<'a>>,
}

#[derive(Serialize)]
struct Cluster<'a> {
    cluster: &'a str,
    region: Option<&'a str>,
    account: Option<&'a str>,
    eksctl_version: Option<&'a str>,
    status: Status,
    findings: Vec<FindingJson<'a>>,
    error: Option<&'a str>,
    checked_for: &'a [Target],
    not_run: &'a [Code],
}

/// `config`: the config `check -f` read, which the findings point into.
pub fn render(reports: &[Report], config: Option<&LoadedConfig>) -> String {
    let clusters = reports
        .iter()
        .map(|r| Cluster {
            cluster: &r.cluster,
            region: r.region.as_deref(),
            account: r.account.as_deref(),
            eksctl_version: r.eksctl_version.as_deref(),
            status: r.status,
            findings: r
                .findings
                .iter()
                .map(|f| FindingJson::of_finding(f, config))
                .collect(),
            error: r.error.as_deref(),
            checked_for: &r.checked_for,
            not_run: &r.not_run,
        })
        .collect();
    super::json::document(&Document {
        schema: SCHEMA,
        clusters,
    })
}
