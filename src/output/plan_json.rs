//! `plan --output json`: the plan (`plan_command::Shown`) as one JSON document, its
//! findings as the one finding object (`json::FindingJson`). Its keys are in alphabetical
//! order, as schema 1's were. `schemas/plan.schema.json` is its schema.

use serde::Serialize;

use super::json::{FindingJson, SCHEMA};
use crate::commands::plan::{Shown, ShownStep};
use crate::judge::Judgement;

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
        command: p.command.as_deref(),
        decision: p.decision,
        eksctl_refuses: p.eksctl_refuses,
        eksctl_version: p.eksctl_version.as_deref(),
        findings: p
            .findings
            .iter()
            .map(|f| FindingJson::of_finding(f, p.config))
            .collect(),
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
    super::json::document(&doc)
}
