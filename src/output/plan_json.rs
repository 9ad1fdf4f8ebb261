//! `plan --output json`: the plan (`plan_command::Shown`) as one JSON document. Its keys
//! are in alphabetical order, as schema 1's were (they were a `serde_json::Value`'s).

use serde::Serialize;

use crate::checks::Finding;
use crate::judge::Judgement;
use crate::plan_command::{Shown, ShownStep};

/// The document's version: bumped on any change that is not an addition.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    changes: Vec<ChangeJson<'a>>,
    cluster: Option<&'a str>,
    command: Option<&'a str>,
    decision: &'a str,
    eksctl_refuses: Option<&'a str>,
    eksctl_version: Option<&'a str>,
    findings: Vec<FindingJson<'a>>,
    gate: Option<&'a Judgement>,
    nodegroups: Vec<NodegroupJson<'a>>,
    not_run: Option<&'a str>,
    passthrough: bool,
    profile: Option<&'a str>,
    region: Option<&'a str>,
    region_source: Option<&'a str>,
    schema: u32,
    steps: Vec<StepJson<'a>>,
    unchecked: Option<&'a str>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    what: &'a str,
    why: &'a str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    code: crate::checks::Code,
    message: &'a str,
    remedy: &'a str,
    resources: &'a [String],
    severity: crate::checks::Severity,
}

#[derive(Serialize)]
struct NodegroupJson<'a> {
    created: bool,
    managed: bool,
    name: Option<&'a str>,
    private: bool,
    subnets: &'a [String],
    zones: &'a [String],
}

#[derive(Serialize)]
struct StepJson<'a> {
    argv: &'a [Option<String>],
    config: Option<&'a str>,
    config_diff: Option<&'a str>,
    label: &'a str,
}

fn finding(f: &Finding) -> FindingJson<'_> {
    FindingJson {
        code: f.code,
        message: &f.message,
        remedy: &f.remediation,
        resources: &f.resources,
        severity: f.severity,
    }
}

fn step(s: &ShownStep) -> StepJson<'_> {
    StepJson {
        argv: &s.argv,
        config: s.config.as_deref(),
        config_diff: s.config_diff.as_deref(),
        label: &s.label,
    }
}

pub fn render(p: &Shown) -> String {
    let doc = Document {
        changes: p
            .changes
            .iter()
            .map(|c| ChangeJson {
                what: &c.what,
                why: &c.why,
            })
            .collect(),
        cluster: p.cluster,
        command: p.command,
        decision: p.decision,
        eksctl_refuses: p.eksctl_refuses,
        eksctl_version: p.eksctl_version.as_deref(),
        findings: p.findings.iter().map(finding).collect(),
        gate: p.gate,
        nodegroups: p
            .nodegroups
            .iter()
            .map(|n| NodegroupJson {
                created: n.selected,
                managed: n.managed,
                name: n.name.as_deref(),
                private: n.private,
                subnets: &n.subnets,
                zones: &n.zones,
            })
            .collect(),
        not_run: p.not_run.as_deref(),
        passthrough: p.passthrough,
        profile: p.profile,
        region: p.region,
        region_source: p.region_source.as_deref(),
        schema: SCHEMA,
        steps: p.steps.iter().map(step).collect(),
        unchecked: p.unchecked.as_deref(),
    };
    super::sink::json_document(&serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}
