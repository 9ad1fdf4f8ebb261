//! `check --output sarif`: SARIF 2.1.0, as GitHub code scanning reads it
//! (`github/codeql-action/upload-sarif`). One run; its tool's rules are the checks that
//! ran (every code of the commands checked for, less those skipped); one result per
//! finding, located in the config file (`check -f`) at its nodegroup's line when known,
//! else logically at the cluster. A cluster that could not be checked is a tool
//! execution notification, and the invocation is then not successful.
//!
//! Built as `serde_json::Value`s: serde escapes every string, and the document then goes
//! through `sink::json_document` as `--output json` does.

use serde_json::{Value, json};

use crate::checks::{Code, Finding, Severity};
use crate::commands::check::Report;
use crate::config::LoadedConfig;

/// The schema the document names (OASIS's, errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The config file the findings point at: its URI reference (relative to the working
/// directory when under it) and the config, for the nodegroups' lines.
pub struct Source<'a> {
    pub uri: String,
    pub config: &'a LoadedConfig,
}

impl<'a> Source<'a> {
    /// None for a config from stdin: it has no file to point at.
    pub fn of(config: &'a LoadedConfig) -> Option<Source<'a>> {
        Some(Source {
            uri: uri_reference(&super::location::from_cwd(config)?),
            config,
        })
    }
}

/// A path as a URI reference (RFC 3986): an absolute path as a `file://` URI, and every
/// byte outside the unreserved characters and `/` percent-encoded (a space, `#`, `?` or
/// `%` in a file name would otherwise change what the URI names).
fn uri_reference(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn render(reports: &[Report], skipped: &[Code], source: Option<&Source>) -> String {
    // The codes that ran, in the table's order: each report's, less those skipped.
    let rules: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| !skipped.contains(c) && reports.iter().any(|r| r.codes().any(|x| x == *c)))
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
        .map(|(r, f)| result(r, f, &rules, source))
        .collect();
    let notifications: Vec<Value> = reports
        .iter()
        .filter_map(|r| {
            r.error.as_ref().map(|why| {
                json!({
                    "level": "error",
                    "message": {"text": format!("{} could not be checked: {why}", crate::commands::check::scope(r))},
                })
            })
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "eksctl-shim",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|c| json!({
                    "id": c.as_str(),
                    "shortDescription": {"text": c.summary()},
                })).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    super::json::document(&doc)
}

fn result(r: &Report, f: &Finding, rules: &[Code], source: Option<&Source>) -> Value {
    let level = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let text = if f.remediation.is_empty() {
        f.message.clone()
    } else {
        format!("{}\nWhat to do: {}", f.message, f.remediation)
    };
    // The cluster always; the file too when the check read one.
    let region = r.region.as_deref().unwrap_or("no region");
    let mut location = json!({
        "logicalLocations": [{
            "name": r.cluster,
            "fullyQualifiedName": format!("{region}/{}", r.cluster),
            "kind": "resource",
        }],
    });
    if let Some(src) = source {
        let mut physical = json!({"artifactLocation": {"uri": src.uri}});
        if let Some(line) = super::location::line(f, src.config) {
            physical["region"] = json!({"startLine": line});
        }
        location["physicalLocation"] = physical;
    }
    let mut out = json!({
        "ruleId": f.code.as_str(),
        "level": level,
        "message": {"text": text},
        "locations": [location],
    });
    if let Some(i) = rules.iter().position(|c| *c == f.code) {
        out["ruleIndex"] = json!(i);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_are_uri_references() {
        assert_eq!(
            super::uri_reference("infra/cluster.yaml"),
            "infra/cluster.yaml"
        );
        assert_eq!(
            super::uri_reference("/srv/my configs/#1.yaml"),
            "file:///srv/my%20configs/%231.yaml"
        );
        assert_eq!(super::uri_reference("é.yaml"), "%C3%A9.yaml");
    }
}
