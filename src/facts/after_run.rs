//! What the stacks say after eksctl ran: their final states (eksctl has exited 0 over a
//! failed stack), and the reasons of failed events (the root cause eksctl's last line hides).

use aws_sdk_cloudformation::types::ResourceStatus;

use super::aws::Clients;

/// `(stack, status)` for each stack that exists.
pub async fn stack_states(
    clients: &Clients,
    stacks: &[String],
) -> Vec<(String, aws_sdk_cloudformation::types::StackStatus)> {
    let lookups = stacks.iter().map(|name| async move {
        let out = clients
            .cfn
            .describe_stacks()
            .stack_name(name)
            .send()
            .await
            .ok()?;
        let status = out.stacks().first()?.stack_status()?.clone();
        Some((name.clone(), status))
    });
    futures_util::future::join_all(lookups)
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// The failed events of the stacks, as eksctl prints them:
/// `<ResourceType>/<LogicalId>: <STATUS> – "<reason>"`.
pub async fn failure_events(clients: &Clients, stacks: &[String]) -> Vec<String> {
    let lookups = stacks.iter().map(|name| async move {
        let out = clients
            .cfn
            .describe_stack_events()
            .stack_name(name)
            .send()
            .await
            .ok()?;
        Some(
            out.stack_events()
                .iter()
                .filter(|e| e.resource_status().is_some_and(is_failed))
                .filter(|e| {
                    e.resource_status_reason()
                        .is_some_and(|r| !r.is_empty() && r != "Resource creation cancelled")
                })
                .map(|e| {
                    format!(
                        "{}/{}: {} \u{2013} {:?}",
                        e.resource_type().unwrap_or("?"),
                        e.logical_resource_id().unwrap_or("?"),
                        e.resource_status().map(|s| s.as_str()).unwrap_or("?"),
                        e.resource_status_reason().unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>(),
        )
    });
    futures_util::future::join_all(lookups)
        .await
        .into_iter()
        .flatten()
        .flatten()
        .collect()
}

fn is_failed(s: &ResourceStatus) -> bool {
    s.as_str().ends_with("_FAILED")
}
