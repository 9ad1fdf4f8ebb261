//! `explain --output json`: the advice for a log, each as the one finding object.
//!
//! ```json
//! {"schema": 2, "findings": [{"code": "access-entry-on-config-map", "severity": "error",
//!   "title": "...", "message": "...", "remediation": "...", "commands": [],
//!   "resources": [], "nodegroup": null,
//!   "location": {"file": "eksctl.log", "line": 2, "snippet": "..."}}]}
//! ```
//! `schemas/explain.schema.json` is its schema.

use serde::Serialize;

use super::json::{FindingJson, SCHEMA};
use crate::advice::Advice;

#[derive(Serialize)]
struct Document<'a> {
    schema: u32,
    findings: Vec<FindingJson<'a>>,
}

/// `log`: the file read, `None` for stdin.
pub fn render(advice: &[Advice], log: Option<&str>) -> String {
    super::json::document(&Document {
        schema: SCHEMA,
        findings: advice
            .iter()
            .map(|a| FindingJson::of_advice(a, log))
            .collect(),
    })
}
