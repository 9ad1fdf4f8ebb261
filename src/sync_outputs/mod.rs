//! `eksctl-shim sync-outputs`: bring the cluster stack's subnet Outputs in line with the
//! cluster's real network. Plan first, always; change Outputs only; apply with
//! `--approve` through a change set that must show no resource change; read back.

pub mod plan;
pub mod template;

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::{
    Capability, ChangeSetStatus, ChangeSetType, Parameter, StackStatus,
};

use crate::exit_code;
use crate::facts::aws_error::classify;
use crate::facts::{aws, gather};

pub struct Request {
    pub cluster: String,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub approve: bool,
    pub deadline: Duration,
}

/// Exit codes: 0 in sync, planned or applied; 3 refused (something stands in the way,
/// said with what to do); 4 the cluster could not be read; 1 the update failed.
pub fn run(req: Request) -> i32 {
    let runtime = match crate::facts::aws::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            crate::say::error(
                format!("cannot start the async runtime: {e}"),
                "This is a bug; please report it.",
            );
            return exit_code::INTERNAL;
        }
    };
    runtime.block_on(sync(&req))
}

fn refuse(what: impl std::fmt::Display, instead: impl std::fmt::Display) -> i32 {
    crate::say::error(format!("refusing to change the stack: {what}"), instead);
    exit_code::FINDINGS
}

async fn sync(req: &Request) -> i32 {
    let clients = aws::clients(req.region.as_deref(), req.profile.as_deref(), req.deadline).await;
    let cluster = &req.cluster;
    let facts = match gather::gather(
        &clients,
        &gather::Request {
            cluster,
            eksctl: None,
            full: true,
            want_template: false,
            nodegroups: Some(&[]),
        },
    )
    .await
    {
        Ok(f) => f,
        Err(e) => {
            crate::say::error(
                format!("could not read cluster {cluster:?}: {e}"),
                "Check credentials, region and network, then run it again.",
            );
            return exit_code::COULD_NOT_CHECK;
        }
    };
    if facts.cluster.is_none() {
        return refuse(
            format!("no EKS cluster named {cluster:?} in this region"),
            "Check --cluster and --region.",
        );
    }
    let Some(stack) = facts.cluster_stack.clone() else {
        return refuse(
            format!("cluster {cluster:?} has no eksctl stack (eksctl-{cluster}-cluster)"),
            "Only stacks eksctl made can be synced; a cluster eksctl does not own needs vpc.* in its config instead.",
        );
    };
    if !stable(&stack.status) {
        return refuse(
            format!(
                "stack {} is {}, not in a stable state",
                stack.name, stack.status
            ),
            "Wait until its current operation ends (or repair a failed rollback in the CloudFormation console), then run it again.",
        );
    }
    let planned = plan::plan(&facts);
    for (key, why) in &planned.blocked {
        crate::say::line(format!("warning: {key} is left as it is: {why}"));
    }
    if planned.changes.is_empty() {
        println!(
            "{}: the subnet Outputs match the cluster's network; nothing to change",
            stack.name
        );
        return if planned.blocked.is_empty() {
            0
        } else {
            exit_code::FINDINGS
        };
    }
    println!("{}: Outputs to change", stack.name);
    for c in &planned.changes {
        println!("  {}\n    old: {}\n    new: {}", c.key, c.old, c.new);
    }

    let body = match clients
        .cfn
        .get_template()
        .stack_name(&stack.name)
        .send()
        .await
    {
        Ok(t) => t.template_body().unwrap_or_default().to_string(),
        Err(e) => {
            crate::say::error(
                format!(
                    "cannot read the stack's template: {}",
                    classify("CloudFormation GetTemplate", &e)
                ),
                "The identity needs cloudformation:GetTemplate.",
            );
            return exit_code::COULD_NOT_CHECK;
        }
    };
    let (new_body, exports) = match template::with_outputs(&body, &planned.changes, &stack.name) {
        Ok(r) => r,
        Err(e) => {
            return refuse(
                e,
                "Edit the stack's Outputs by hand in CloudFormation, or pin nodegroup subnets instead (nodeGroups[].subnets).",
            );
        }
    };
    for export in &exports {
        let importers = match imports_of(&clients, export).await {
            Ok(i) => i,
            Err(e) => {
                return refuse(
                    format!(
                        "cannot tell whether export {export} is imported by another stack: {e}"
                    ),
                    "The identity needs cloudformation:ListImports; without knowing, changing the export could break the stacks that use it.",
                );
            }
        };
        if !importers.is_empty() {
            return refuse(
                format!(
                    "export {export} is imported by {} (CloudFormation refuses to change an export in use)",
                    importers.join(", ")
                ),
                "Those are nodegroup stacks made by eksctl < 0.140.0. Replace those nodegroups first (create new ones, then `eksctl delete nodegroup`), or leave the stack alone and pin nodegroup subnets (nodeGroups[].subnets / --subnet-ids).",
            );
        }
    }
    if !req.approve {
        println!("nothing was changed; run again with --approve to apply");
        return 0;
    }
    apply(&clients, &stack.name, &new_body, &planned.changes).await
}

fn stable(status: &str) -> bool {
    matches!(
        status,
        "CREATE_COMPLETE"
            | "UPDATE_COMPLETE"
            | "UPDATE_ROLLBACK_COMPLETE"
            | "IMPORT_COMPLETE"
            | "IMPORT_ROLLBACK_COMPLETE"
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

async fn apply(
    clients: &aws::Clients,
    stack: &str,
    body: &str,
    changes: &[plan::OutputChange],
) -> i32 {
    let progress = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let parameters: Vec<Parameter> =
        match clients.cfn.describe_stacks().stack_name(stack).send().await {
            Ok(out) => out
                .stacks()
                .first()
                .map(|s| {
                    s.parameters()
                        .iter()
                        .filter_map(|p| p.parameter_key())
                        .map(|k| {
                            Parameter::builder()
                                .parameter_key(k)
                                .use_previous_value(true)
                                .build()
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Err(e) => {
                return failed(format!(
                    "cannot read the stack: {}",
                    classify("CloudFormation DescribeStacks", &e)
                ));
            }
        };
    let name = format!(
        "eksctl-shim-sync-outputs-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    );
    let created = clients
        .cfn
        .create_change_set()
        .stack_name(stack)
        .change_set_name(&name)
        .change_set_type(ChangeSetType::Update)
        .template_body(body)
        .set_parameters(Some(parameters))
        .capabilities(Capability::CapabilityIam)
        .capabilities(Capability::CapabilityNamedIam)
        .send()
        .await;
    if let Err(e) = created {
        return failed(format!(
            "cannot create a change set: {}",
            classify("CloudFormation CreateChangeSet", &e)
        ));
    }
    let described = loop {
        match clients
            .cfn
            .describe_change_set()
            .stack_name(stack)
            .change_set_name(&name)
            .send()
            .await
        {
            Ok(d)
                if matches!(
                    d.status(),
                    Some(ChangeSetStatus::CreatePending | ChangeSetStatus::CreateInProgress)
                ) =>
            {
                tokio::time::sleep(Duration::from_millis(500)).await
            }
            Ok(d) => break d,
            Err(e) => {
                return failed(format!(
                    "cannot read the change set: {}",
                    classify("CloudFormation DescribeChangeSet", &e)
                ));
            }
        }
    };
    let resource_changes: Vec<String> = described
        .changes()
        .iter()
        .filter_map(|c| c.resource_change())
        .map(|r| {
            format!(
                "{} {} ({})",
                r.action().map(|a| a.as_str()).unwrap_or("?"),
                r.logical_resource_id().unwrap_or("?"),
                r.resource_type().unwrap_or("?")
            )
        })
        .collect();
    if !resource_changes.is_empty() {
        let _ = clients
            .cfn
            .delete_change_set()
            .stack_name(stack)
            .change_set_name(&name)
            .send()
            .await;
        return refuse(
            format!(
                "the change set would also change resources: {}",
                resource_changes.join(", ")
            ),
            "The stack differs from its template in more than Outputs; bring it in line first (`eksctl upgrade cluster`), then run this again.",
        );
    }
    if described.status() == Some(&ChangeSetStatus::Failed) {
        let _ = clients
            .cfn
            .delete_change_set()
            .stack_name(stack)
            .change_set_name(&name)
            .send()
            .await;
        return failed(format!(
            "the change set failed: {}",
            described.status_reason().unwrap_or("no reason given")
        ));
    }
    if let Err(e) = clients
        .cfn
        .execute_change_set()
        .stack_name(stack)
        .change_set_name(&name)
        .send()
        .await
    {
        return failed(format!(
            "cannot execute the change set: {}",
            classify("CloudFormation ExecuteChangeSet", &e)
        ));
    }
    let start = Instant::now();
    let outputs = loop {
        let out = match clients.cfn.describe_stacks().stack_name(stack).send().await {
            Ok(o) => o,
            Err(e) => {
                return failed(format!(
                    "cannot read the stack: {}",
                    classify("CloudFormation DescribeStacks", &e)
                ));
            }
        };
        let Some(s) = out.stacks().first() else {
            return failed("the stack is gone".to_string());
        };
        match s.stack_status() {
            Some(StackStatus::UpdateComplete) => break gather::stack_facts(s).outputs,
            Some(st) if st.as_str().ends_with("IN_PROGRESS") => {
                if progress {
                    eprint!(
                        "\reksctl-shim: {stack} is {} ({}s)   ",
                        st.as_str(),
                        start.elapsed().as_secs()
                    );
                }
                tokio::time::sleep(Duration::from_secs(
                    if start.elapsed() < Duration::from_secs(10) {
                        1
                    } else {
                        5
                    },
                ))
                .await;
            }
            other => {
                return failed(format!(
                    "the update ended in {}",
                    other.map(|s| s.as_str()).unwrap_or("an unknown state")
                ));
            }
        }
    };
    if progress {
        eprintln!();
    }
    for c in changes {
        if outputs.get(&c.key) != Some(&c.new) {
            return failed(format!(
                "{} reads back as {:?}, not {:?}",
                c.key,
                outputs.get(&c.key),
                c.new
            ));
        }
    }
    println!("{stack}: updated; the Outputs read back as planned");
    0
}

fn failed(why: String) -> i32 {
    crate::say::error(
        why,
        "Nothing was lost: the stack's Resources were not part of the change. See the stack's events in CloudFormation.",
    );
    1
}
