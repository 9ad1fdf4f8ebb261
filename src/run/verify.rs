//! After the run: the stacks it touched, asked of CloudFormation.

use std::time::Duration;

use crate::advice::Context;
use crate::checks::cluster_state::is_failed;
use crate::facts::{after_run, aws};

/// What a run is about. Without a cluster nothing is looked up afterwards.
#[derive(Debug, Clone, Default)]
pub struct RunContext {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    /// Named nodegroups the run creates (their stacks are checked).
    pub nodegroups: Vec<String>,
    /// The run creates the cluster itself.
    pub creates_cluster: bool,
    /// `--dry-run`: nothing is created, nothing to check.
    pub dry_run: bool,
    /// The cluster was checked before the run: AWS answers, so it may be asked after.
    pub checked: bool,
    pub deadline: Duration,
}

impl RunContext {
    pub fn advice_context(&self) -> Context {
        Context {
            cluster: self.cluster.clone(),
            region: self.region.clone(),
            nodegroup: self.nodegroups.first().cloned(),
            profile: self.profile.clone(),
        }
    }

    fn stacks(&self) -> Vec<String> {
        let Some(cluster) = &self.cluster else {
            return vec![];
        };
        let mut stacks: Vec<String> = self
            .nodegroups
            .iter()
            .map(|ng| crate::facts::outputs::nodegroup_stack(cluster, ng))
            .collect();
        if self.creates_cluster {
            stacks.push(crate::facts::outputs::cluster_stack(cluster));
        }
        stacks
    }

    fn ask<T>(&self, work: impl AsyncFnOnce(&aws::Clients, Vec<String>) -> T) -> Option<T> {
        let stacks = self.stacks();
        if stacks.is_empty() {
            return None;
        }
        self.ask_aws(async |clients| work(clients, stacks).await)
    }

    /// One question to AWS after the run, within the deadline; `None` when nothing may
    /// be asked (a dry run, or AWS did not answer before the run) or no answer came.
    fn ask_aws<T>(&self, work: impl AsyncFnOnce(&aws::Clients) -> T) -> Option<T> {
        if self.dry_run || !self.checked {
            return None;
        }
        let rt = crate::facts::aws::runtime().ok()?;
        rt.block_on(async {
            let clients = aws::clients(
                self.region.as_deref(),
                self.profile.as_deref(),
                self.deadline,
            )
            .await;
            tokio::time::timeout(self.deadline, work(&clients))
                .await
                .ok()
        })
    }
}

/// The touched stacks left in a failed state, if any.
pub fn failed_stacks(
    ctx: &RunContext,
) -> Option<Vec<(String, aws_sdk_cloudformation::types::StackStatus)>> {
    let states =
        ctx.ask(async |clients, stacks| after_run::stack_states(clients, &stacks).await)?;
    let failed: Vec<_> = states.into_iter().filter(|(_, st)| is_failed(st)).collect();
    (!failed.is_empty()).then_some(failed)
}

/// The failed events of the touched stacks, as eksctl would print them.
pub fn failure_events(ctx: &RunContext) -> Vec<String> {
    ctx.ask(async |clients, stacks| after_run::failure_events(clients, &stacks).await)
        .unwrap_or_default()
}

/// The cluster as EKS describes it now (after an upgrade, to compare its subnets).
pub fn cluster_now(ctx: &RunContext) -> Option<crate::facts::ClusterFacts> {
    let name = ctx.cluster.clone()?;
    ctx.ask_aws(async |clients| crate::facts::gather::describe_cluster(clients, &name).await)?
        .ok()
        .flatten()
}
