//! `check --output json`: one shape whatever the number of clusters or regions.
//!
//! ```json
//! {"schema": 1, "clusters": [{"cluster": "prod", "region": "eu-west-1",
//!   "account": "111122223333", "eksctl_version": "0.230.0", "status": "failed",
//!   "findings": [{"code": "subnet-drift", "severity": "error", "message": "...",
//!                 "remediation": "...", "resources": ["subnet-1"], "nodegroup": "ng-1"}]}]}
//! ```
//! `status`: `passed` (no error-level finding), `failed` (one stands) or `unchecked`
//! (then `error` says why). `account` appears when AWS told it.

use serde::Serialize;

use crate::check::Report;

/// The document's version: bumped on any change that is not an addition.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    clusters: &'a [Report],
}

pub fn render(reports: &[Report]) -> String {
    let doc = Document {
        schema: SCHEMA,
        clusters: reports,
    };
    super::sink::json_document(&serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}
