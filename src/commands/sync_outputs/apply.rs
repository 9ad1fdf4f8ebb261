//! Applying the planned Outputs: one change set, checked before it is executed (created,
//! nothing in `Changes`), then the stack waited for and its Outputs read back.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use aws_sdk_cloudformation::types::{
    Capability, ChangeSetStatus, ChangeSetType, ExecutionStatus, Parameter, StackStatus,
};

use super::plan;
use super::refuse;
use crate::facts::aws;
use crate::facts::aws_error::classify;

/// Applies the change; each wait on CloudFormation (the change set's creation, the
/// stack's update) gives up after `wait`, saying what it leaves behind.
pub(super) async fn apply(
    clients: &aws::Clients,
    stack: &str,
    body: &str,
    changes: &[plan::OutputChange],
    report: super::Report,
    wait: Duration,
) -> Result<i32, super::SyncError> {
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
                return Err(failed(format!(
                    "cannot read the stack: {}",
                    classify("CloudFormation DescribeStacks", &e)
                )));
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
        return Err(failed(format!(
            "cannot create a change set: {}",
            classify("CloudFormation CreateChangeSet", &e)
        )));
    }
    let asked = Instant::now();
    let described = loop {
        if asked.elapsed() > wait {
            // CloudFormation usually answers in seconds: a change set still pending is
            // stuck, and waiting longer would hold the user's command (or CI job) for ever.
            let left = match discard(clients, stack, &name).await {
                Ok(()) => format!("change set {name} was deleted"),
                Err(e) => format!(
                    "change set {name} is left on the stack ({e}): delete it with `aws cloudformation delete-change-set --stack-name {stack} --change-set-name {name}`"
                ),
            };
            return Err(failed(format!(
                "the change set was not created within {:.1}s; nothing was changed; {left}",
                wait.as_secs_f64()
            )));
        }
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
                return Err(failed(format!(
                    "cannot read the change set: {}",
                    classify("CloudFormation DescribeChangeSet", &e)
                )));
            }
        }
    };
    // Status first: a change set that did not reach CREATE_COMPLETE / AVAILABLE cannot
    // be executed, whatever it lists.
    let created_ok = described.status() == Some(&ChangeSetStatus::CreateComplete)
        && described
            .execution_status()
            .is_none_or(|e| *e == ExecutionStatus::Available);
    if !created_ok {
        let _ = discard(clients, stack, &name).await;
        return Err(failed(format!(
            "the change set is {} (execution {}): {}",
            described
                .status()
                .map(|s| s.as_str())
                .unwrap_or("in an unknown state"),
            described
                .execution_status()
                .map(|s| s.as_str())
                .unwrap_or("unknown"),
            described.status_reason().unwrap_or("no reason given")
        )));
    }
    // CloudFormation lists no `Changes` for an Outputs-only change set: any entry at all
    // is a change to something else.
    let listed: Vec<String> = described
        .changes()
        .iter()
        .map(|c| match c.resource_change() {
            Some(r) => format!(
                "{} {} ({})",
                r.action().map(|a| a.as_str()).unwrap_or("?"),
                r.logical_resource_id().unwrap_or("?"),
                r.resource_type().unwrap_or("?")
            ),
            None => format!(
                "a change of type {}",
                c.r#type().map(|t| t.as_str()).unwrap_or("unknown")
            ),
        })
        .collect();
    if !listed.is_empty() {
        let _ = discard(clients, stack, &name).await;
        return Err(refuse(
            format!(
                "the change set would change more than Outputs: {}",
                listed.join(", ")
            ),
            "The stack's resources differ from its template; nothing was changed. Bring them in line first, then run this again.",
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
        return Err(failed(format!(
            "cannot execute the change set: {}",
            classify("CloudFormation ExecuteChangeSet", &e)
        )));
    }
    let start = Instant::now();
    let outputs = loop {
        if start.elapsed() > wait {
            // Executed: the update is CloudFormation's now, and cannot be taken back here.
            return Err(failed(format!(
                "{stack} is still updating after {:.1}s (change set {name}, executed); see the stack's events in CloudFormation, then run sync-outputs again to check",
                wait.as_secs_f64()
            )));
        }
        let out = match clients.cfn.describe_stacks().stack_name(stack).send().await {
            Ok(o) => o,
            Err(e) => {
                return Err(failed(format!(
                    "cannot read the stack: {}",
                    classify("CloudFormation DescribeStacks", &e)
                )));
            }
        };
        let Some(s) = out.stacks().first() else {
            return Err(failed("the stack is gone".to_string()));
        };
        match s.stack_status() {
            Some(StackStatus::UpdateComplete) => {
                break crate::facts::stacks::stack_facts(s).outputs;
            }
            Some(st) if st.as_str().ends_with("IN_PROGRESS") => {
                if progress {
                    eprint!(
                        "\reksctl-shim: {} is {} ({}s)   ",
                        crate::output::sink::text(stack),
                        crate::output::sink::text(st.as_str()),
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
                return Err(failed(format!(
                    "the update ended in {}",
                    other.map(|s| s.as_str()).unwrap_or("an unknown state")
                )));
            }
        }
    };
    if progress {
        eprintln!();
    }
    for c in changes {
        if outputs.get(&c.key) != Some(&c.new) {
            return Err(failed(format!(
                "{} reads back as {:?}, not {:?}",
                c.key,
                outputs.get(&c.key),
                c.new
            )));
        }
    }
    report.line(format_args!(
        "{}: updated; the Outputs read back as planned",
        crate::output::sink::text(stack)
    ));
    Ok(0)
}

fn failed(why: String) -> super::SyncError {
    super::SyncError::Failed(why)
}

/// Deletes a change set that will not be executed (it changes nothing either way).
async fn discard(
    clients: &aws::Clients,
    stack: &str,
    name: &str,
) -> Result<(), crate::facts::aws_error::AwsError> {
    clients
        .cfn
        .delete_change_set()
        .stack_name(stack)
        .change_set_name(name)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| classify("CloudFormation DeleteChangeSet", &e))
}
