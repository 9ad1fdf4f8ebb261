//! `eksctl-shim sync-outputs`: bring the cluster stack's subnet Outputs in line with the
//! cluster's real network. Plan first, always; change Outputs only; apply with
//! `--approve` through a change set that must show no resource change; read back.

mod apply;
pub mod plan;
pub mod template;

use std::time::Duration;

use aws_sdk_cloudformation::types::StackStatus;

use crate::exit_code;
use crate::facts::aws_error::{AwsError, classify};
use crate::facts::template::StackTemplate;
use crate::facts::{Fact, aws, gather, outputs};
use crate::output::sink::text;

pub struct Request {
    pub cluster: String,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub approve: bool,
    pub deadline: Duration,
    /// How long each wait on CloudFormation may last (the change set's creation, the
    /// stack's update): `wait_for(deadline)`, or shorter before eksctl runs.
    pub wait: Duration,
    pub report: Report,
}

/// `sync-outputs`' own bound on each wait: 30 times the deadline (5 minutes by default;
/// CloudFormation answers an Outputs-only change in seconds).
pub fn wait_for(deadline: Duration) -> Duration {
    deadline * 30
}

/// Where the plan and the result are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// `eksctl-shim sync-outputs`: stdout is the command's own.
    Stdout,
    /// A repair before eksctl runs (`EKSCTL_SHIM_REPAIR=outputs`): stdout is eksctl's, so
    /// every line goes to stderr with the shim's prefix.
    Stderr,
}

impl Report {
    /// One or more lines of the shim's (outside values in them already shown through
    /// `output::sink::text`).
    pub fn line(self, text: impl std::fmt::Display) {
        match self {
            // In the pre-flight's layout: the shim's prefix, wrapped to the terminal,
            // a line's continuation under its own text.
            Report::Stdout => {
                use crate::output::wrap;
                let text = text.to_string();
                let mut out = String::new();
                for l in text.split('\n') {
                    if l.is_empty() {
                        out.push('\n');
                        continue;
                    }
                    let body = l.trim_start_matches(' ');
                    let indent = &l[..l.len() - body.len()];
                    let lead = format!("{}: {indent}", crate::say::PREFIX);
                    let hang = lead.len() + 2;
                    out.push_str(&wrap::paragraph(&lead, body, hang));
                    out.push('\n');
                }
                let out = crate::output::sink::lines(&out).into_owned();
                let _ = std::io::Write::write_all(&mut anstream::stdout().lock(), out.as_bytes());
            }
            Report::Stderr => {
                for l in text.to_string().lines() {
                    crate::say::line(format!("sync-outputs: {l}"));
                }
            }
        }
    }
}

/// Why sync-outputs stopped without changing the stack (or, `Failed`, part-way through
/// an update CloudFormation rolled back).
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("{0}")]
    NoRegion(String),
    #[error("could not read cluster {cluster:?} in {region}: {error}")]
    Unreadable {
        cluster: String,
        region: String,
        error: AwsError,
    },
    /// A fact the plan is made of could not be read: never planned as an absence.
    #[error("could not read what the plan needs: {0}")]
    Gap(crate::facts::Gap),
    #[error("cannot read the stack's template: {0}")]
    Template(AwsError),
    #[error("refusing to change the stack: {what}")]
    Refused { what: String, instead: String },
    #[error("{0}")]
    Failed(String),
}

impl exit_code::Failure for SyncError {
    /// 3 refused (something stands in the way); 4 the cluster could not be read; 1 the
    /// update failed.
    fn exit_code(&self) -> i32 {
        match self {
            SyncError::Runtime(_) => exit_code::INTERNAL,
            SyncError::NoRegion(_)
            | SyncError::Unreadable { .. }
            | SyncError::Gap(_)
            | SyncError::Template(_) => exit_code::COULD_NOT_CHECK,
            SyncError::Refused { .. } => exit_code::FINDINGS,
            SyncError::Failed(_) => 1,
        }
    }

    fn remedy(&self) -> String {
        match self {
            SyncError::Runtime(_) => "This is a bug; please report it.".into(),
            SyncError::NoRegion(_) => "Give --region, or set AWS_REGION.".into(),
            SyncError::Unreadable { .. } | SyncError::Gap(_) => {
                "Check credentials, region and network, then run it again.".into()
            }
            SyncError::Template(_) => "The identity needs cloudformation:GetTemplate.".into(),
            SyncError::Refused { instead, .. } => instead.clone(),
            SyncError::Failed(_) => "Nothing was lost: the stack's Resources were not part of the change. See the stack's events in CloudFormation.".into(),
        }
    }
}

/// Exit codes: 0 in sync, planned or applied (3 when in sync but an Output was left as
/// it is); otherwise the error's (`SyncError`).
pub fn run(req: Request) -> i32 {
    let synced = match crate::facts::aws::runtime() {
        Ok(rt) => rt.block_on(sync(&req)),
        Err(e) => Err(SyncError::Runtime(e)),
    };
    synced.unwrap_or_else(|e| exit_code::report(&e))
}

pub(crate) fn refuse(what: impl std::fmt::Display, instead: impl std::fmt::Display) -> SyncError {
    SyncError::Refused {
        what: what.to_string(),
        instead: instead.to_string(),
    }
}

async fn sync(req: &Request) -> Result<i32, SyncError> {
    let clients = aws::clients(req.region.as_deref(), req.profile.as_deref(), req.deadline).await;
    let cluster = &req.cluster;
    let Some(region) = clients.region.clone() else {
        return Err(SyncError::NoRegion(aws::no_region_message(
            req.profile.as_deref(),
        )));
    };
    let request = gather::Request {
        cluster,
        eksctl: None,
        full: true,
        want_template: false,
        want_stack_template: false,
        nodegroups: Some(&[]),
    };
    let gathering = gather::gather(&clients, &request);
    let (facts, account) = tokio::join!(gathering, account(&clients));
    // Before anything else: where the change would land (#13: a twin cluster in another
    // region or account must not be changed by mistake).
    req.report.line(text(&format!(
        "account {account}, region {region}, stack {}{}",
        outputs::cluster_stack(cluster),
        req.profile
            .as_deref()
            .map(|p| format!(", profile {p}"))
            .unwrap_or_default()
    )));
    let mut facts = facts.map_err(|error| SyncError::Unreadable {
        cluster: cluster.clone(),
        region: region.clone(),
        error,
    })?;
    if facts.cluster.is_none() {
        return Err(refuse(
            format!("no EKS cluster named {cluster:?} in {region}"),
            "Check --cluster and --region.",
        ));
    }
    // A stack or subnets that could not be read are not a stack that is not there, nor a
    // VPC without subnets.
    if let Some(gap) = [Fact::ClusterStack, Fact::VpcSubnets]
        .into_iter()
        .find_map(|f| facts.gap(f))
    {
        return Err(SyncError::Gap(gap.clone()));
    }
    let Some(stack) = facts.cluster_stack.clone() else {
        return Err(refuse(
            format!("cluster {cluster:?} has no eksctl stack (eksctl-{cluster}-cluster)"),
            "Only stacks eksctl made can be synced; a cluster eksctl does not own needs vpc.* in its config instead.",
        ));
    };
    if !stable(stack.status.as_ref()) {
        return Err(refuse(
            format!(
                "stack {} is {}, not in a stable state",
                stack.name,
                stack.status.as_ref().map_or("UNKNOWN", StackStatus::as_str)
            ),
            "Wait until its current operation ends (or repair a failed rollback in the CloudFormation console), then run it again.",
        ));
    }
    // The template first: which zones have subnet resources decides what may be added.
    let body = match crate::facts::stacks::template_body(&clients, &stack.name).await {
        Ok(b) => b,
        Err(e) => {
            return Err(SyncError::Template(e));
        }
    };
    let Some(shape) = StackTemplate::parse(&body) else {
        return Err(refuse(
            template::TemplateError::NotJson,
            "Edit the stack's Outputs by hand in CloudFormation, or pin nodegroup subnets instead (nodeGroups[].subnets).",
        ));
    };
    facts.cluster_template = Some(shape);
    let planned = plan::plan(&facts);
    for (key, why) in &planned.blocked {
        crate::say::warning(format!("{key} is left as it is: {why}"));
    }
    for warning in &planned.warnings {
        crate::say::warning(format!("{warning}"));
    }
    for l in &planned.left_out {
        req.report.line(text(&format!(
            "{}: {} left out of {}: {}",
            stack.name, l.subnet, l.key, l.why
        )));
    }
    if planned.changes.is_empty() {
        req.report.line(format!(
            "{}: the subnet Outputs match the cluster's network; nothing to change",
            text(&stack.name)
        ));
        return Ok(if planned.blocked.is_empty() {
            0
        } else {
            exit_code::FINDINGS
        });
    }
    req.report
        .line(format_args!("{}: Outputs to change", text(&stack.name)));
    for c in &planned.changes {
        req.report.line(format_args!(
            "  {}\n    old: {}\n    new: {}",
            text(&c.key),
            text(&c.old),
            text(&c.new)
        ));
    }

    let (new_body, exports) = match template::with_outputs(&body, &planned.changes, &stack.name) {
        Ok(r) => r,
        Err(e) => {
            return Err(refuse(
                e,
                "Edit the stack's Outputs by hand in CloudFormation, or pin nodegroup subnets instead (nodeGroups[].subnets).",
            ));
        }
    };
    for export in &exports {
        let importers = match imports_of(&clients, export).await {
            Ok(i) => i,
            Err(e) => {
                return Err(refuse(
                    format!(
                        "cannot tell whether export {export} is imported by another stack: {e}"
                    ),
                    "The identity needs cloudformation:ListImports; without knowing, changing the export could break the stacks that use it.",
                ));
            }
        };
        if !importers.is_empty() {
            return Err(refuse(
                format!(
                    "export {export} is imported by {} (CloudFormation refuses to change an export in use)",
                    importers.join(", ")
                ),
                "Those are nodegroup stacks made by eksctl < 0.140.0. Replace those nodegroups first (create new ones, then `eksctl delete nodegroup`), or leave the stack alone and pin nodegroup subnets (nodeGroups[].subnets / --subnet-ids).",
            ));
        }
    }
    if !req.approve {
        req.report
            .line("nothing was changed; run again with --approve to apply");
        return Ok(0);
    }
    apply::apply(
        &clients,
        &stack.name,
        &new_body,
        &planned.changes,
        req.report,
        req.wait,
    )
    .await
}

/// The account the credentials act in, or why it is unknown.
async fn account(clients: &aws::Clients) -> String {
    match aws::caller_account(clients).await {
        Ok(account) => account.unwrap_or_else(|| "unknown".into()),
        Err(e) => format!("unknown ({e})"),
    }
}

fn stable(status: Option<&StackStatus>) -> bool {
    matches!(
        status,
        Some(
            StackStatus::CreateComplete
                | StackStatus::UpdateComplete
                | StackStatus::UpdateRollbackComplete
                | StackStatus::ImportComplete
                | StackStatus::ImportRollbackComplete
        )
    )
}

/// The stacks importing `export`. CloudFormation says "not imported by any stack" as a
/// ValidationError; any other error means it is not known, which is not "none".
async fn imports_of(
    clients: &aws::Clients,
    export: &str,
) -> Result<Vec<String>, crate::facts::aws_error::AwsError> {
    let mut pages = clients
        .cfn
        .list_imports()
        .export_name(export)
        .into_paginator()
        .items()
        .send();
    let mut out = vec![];
    while let Some(page) = pages.next().await {
        match page {
            Ok(name) => out.push(name),
            Err(e) => {
                use aws_sdk_cloudformation::error::ProvideErrorMetadata;
                let not_imported = e.code() == Some("ValidationError")
                    && e.message().is_some_and(|m| m.contains("not imported"));
                if not_imported {
                    return Ok(vec![]);
                }
                return Err(classify("CloudFormation ListImports", &e));
            }
        }
    }
    Ok(out)
}
