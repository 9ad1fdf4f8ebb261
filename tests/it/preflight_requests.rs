//! What the pre-flight asks AWS, counted by tests/aws/latency_proxy.py (no delay) between
//! the shim and moto (`common::aws_proxy`): each request once, only what the checks of
//! this invocation read (a new cluster: one `DescribeCluster`), and one round of stack
//! lookups after a run that exits 0.

use crate::common::aws_proxy::AwsProxy as Counter;
use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// A sandbox, moto with these worlds, and the counter in front of it (dropped first).
struct Counted {
    counter: Counter,
    moto: Moto,
    sb: Sandbox,
}

impl Counted {
    fn new(worlds: &[Value]) -> Counted {
        let (sb, moto) = (Sandbox::new(), Moto::start());
        for w in worlds {
            moto.world(w.clone());
        }
        let counter = Counter::start(&moto, &sb);
        Counted { counter, moto, sb }
    }

    /// `run` against moto, with the shim's requests through the counter.
    fn counted(&self, run: Run) -> Run {
        self.counter.point(run.aws(&self.moto))
    }

    /// `eksctl-shim plan -- ARGS`: the pre-flight alone (eksctl is asked only its
    /// version); the run and the requests it made.
    fn plan(&self, args: &[&str]) -> (Ran, Vec<Value>) {
        let ran = self
            .counted(self.sb.shim_run(["plan", "--"].iter().chain(args)))
            .go();
        (ran, self.counter.take())
    }
}

/// Operation name -> how many times, and the requests made more than once.
fn tally(requests: &[Value]) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut ops = BTreeMap::new();
    let mut keys = BTreeMap::new();
    for r in requests {
        *ops.entry(r["op"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
        *keys
            .entry(r["key"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    let twice = requests
        .iter()
        .filter(|r| keys[r["key"].as_str().unwrap()] > 1)
        .map(|r| format!("{} {}", r["op"], r["path"]))
        .collect();
    (ops, twice)
}

/// Asserts the requests were these operations, so many times each, none made twice.
fn asked_once_each(requests: &[Value], want: &[(&str, usize)]) {
    let (got, twice) = tally(requests);
    let want: BTreeMap<String, usize> = want.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    assert_eq!(got, want, "{requests:#?}");
    assert!(twice.is_empty(), "{twice:?}");
}

const DRIFTED: &str = "prod";

fn drifted() -> Value {
    json!({"cluster": DRIFTED, "moved": true, "delete": ["private-a", "private-b"],
           "failed_nodegroup_stacks": {"ng-9": "AWS::AutoScaling::AutoScalingGroup/NodeGroup: capacity"}})
}

#[test]
fn a_new_cluster_costs_one_describe_cluster() {
    let t = Counted::new(&[]);
    let (ran, requests) = t.plan(&["create", "cluster", "--name", "fresh"]);
    ran.exits(0);
    asked_once_each(&requests, &[("GET /clusters/fresh", 1)]);
}

#[test]
fn a_clean_cluster_is_asked_each_thing_once_and_no_template_without_managed_nodegroups() {
    let t = Counted::new(&[json!({"cluster": "calm"})]);
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "calm",
        "--name",
        "ng-1",
        "--managed=false",
    ];
    let (ran, requests) = t.plan(&args);
    ran.exits(0);
    // The cluster stack and the new nodegroup's stack (by name, no ListStacks of the
    // region); the VPC's subnets and route tables; the groups the Outputs name (the VPC
    // is the cluster's own: not asked). No template: no managed nodegroup is created.
    asked_once_each(
        &requests,
        &[
            ("GET /clusters/calm", 1),
            ("DescribeStacks", 2),
            ("DescribeSubnets", 1),
            ("DescribeRouteTables", 1),
            ("DescribeSecurityGroups", 1),
        ],
    );

    // Without a nodegroup name there is no stack of it to ask about.
    let (ran, requests) = t.plan(&["create", "nodegroup", "--cluster", "calm"]);
    ran.exits(0);
    assert_eq!(tally(&requests).0["DescribeStacks"], 1, "{requests:#?}");
}

#[test]
fn a_drifted_cluster_gets_the_template_and_a_failed_stack_is_found_by_name() {
    let t = Counted::new(&[drifted()]);
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        DRIFTED,
        "--name",
        "ng-9",
    ];
    let (ran, requests) = t.plan(&args);
    ran.exits(0)
        .prints("[failed-nodegroup-stack]")
        .prints("ROLLBACK_COMPLETE");
    asked_once_each(
        &requests,
        &[
            ("GET /clusters/prod", 1),
            ("DescribeStacks", 2),
            ("DescribeSubnets", 1),
            ("DescribeRouteTables", 1),
            ("DescribeSecurityGroups", 1),
            ("GetTemplate", 1),
        ],
    );
}

#[test]
fn after_a_run_that_exits_0_one_round_of_stack_lookups() {
    let t = Counted::new(&[json!({"cluster": "calm"})]);
    let args = ["create", "nodegroup", "--cluster", "calm", "--name", "ng-1"];
    let (_, before) = t.plan(&args);
    t.counted(t.sb.eksctl_run(args)).go().exits(0);
    let all = t.counter.take();
    // The pre-flight's requests, and then the new nodegroup's stack once more (eksctl has
    // made it since): nothing else is asked twice.
    assert_eq!(all.len(), before.len() + 1, "{all:#?}");
    let last = all.last().unwrap();
    assert_eq!(last["op"], "DescribeStacks");
    let (_, twice) = tally(&all);
    assert_eq!(
        twice.len(),
        2,
        "only the nodegroup's stack, before and after: {twice:?}"
    );
}
