//! What the pre-flight asks AWS, counted by tests/aws/latency_proxy.py (no delay) between
//! the shim and moto: each request once, only what the checks of this invocation read
//! (a new cluster: one `DescribeCluster`), and one round of stack lookups after a run
//! that exits 0. The model of eksctl talks to moto directly (`AWS_ENDPOINT_URL`); the
//! shim honours eksctl's `AWS_<SERVICE>_ENDPOINT` variables first, which name the counter.

use crate::common::moto::Moto;
use crate::common::*;

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Counter {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Counter {
    fn start(moto: &Moto, sb: &Sandbox) -> Counter {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = sb.path("requests.jsonl");
        let child = Command::new(python())
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/aws/latency_proxy.py"
            ))
            .args([moto.endpoint(), port.to_string(), "0".into()])
            .arg(&log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the counter did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Counter { child, port, log }
    }

    /// Every request so far, then forgets them.
    fn take(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        std::fs::write(&self.log, "").unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn point(&self, cmd: &mut Command) {
        let url = format!("http://127.0.0.1:{}", self.port);
        for var in [
            "AWS_EKS_ENDPOINT",
            "AWS_CLOUDFORMATION_ENDPOINT",
            "AWS_EC2_ENDPOINT",
        ] {
            cmd.env(var, &url);
        }
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn setup(worlds: &[Value]) -> (Sandbox, Moto, Counter) {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    for w in worlds {
        moto.world(w.clone());
    }
    let counter = Counter::start(&moto, &sb);
    (sb, moto, counter)
}

/// `eksctl-shim plan -- ARGS`: the pre-flight alone (eksctl is asked only its version).
fn plan(sb: &Sandbox, moto: &Moto, counter: &Counter, args: &[&str]) -> (Output, Vec<Value>) {
    let mut cmd = sb.command(SHIM);
    cmd.arg("plan").arg("--").args(args);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    counter.point(&mut cmd);
    let out = run(cmd);
    (out, counter.take())
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

fn ops(list: &[(&str, usize)]) -> BTreeMap<String, usize> {
    list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

const DRIFTED: &str = "prod";

fn drifted() -> Value {
    json!({"cluster": DRIFTED, "moved": true, "delete": ["private-a", "private-b"],
           "failed_nodegroup_stacks": {"ng-9": "AWS::AutoScaling::AutoScalingGroup/NodeGroup: capacity"}})
}

#[test]
fn a_new_cluster_costs_one_describe_cluster() {
    let (sb, moto, counter) = setup(&[]);
    let (out, requests) = plan(
        &sb,
        &moto,
        &counter,
        &["create", "cluster", "--name", "fresh"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (got, twice) = tally(&requests);
    assert_eq!(got, ops(&[("GET /clusters/fresh", 1)]), "{requests:#?}");
    assert!(twice.is_empty());
}

#[test]
fn a_clean_cluster_is_asked_each_thing_once_and_no_template_without_managed_nodegroups() {
    let (sb, moto, counter) = setup(&[json!({"cluster": "calm"})]);
    let (out, requests) = plan(
        &sb,
        &moto,
        &counter,
        &[
            "create",
            "nodegroup",
            "--cluster",
            "calm",
            "--name",
            "ng-1",
            "--managed=false",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (got, twice) = tally(&requests);
    // The cluster stack and the new nodegroup's stack (by name, no ListStacks of the
    // region); the VPC's subnets and route tables; the groups the Outputs name (the VPC
    // is the cluster's own: not asked). No template: no managed nodegroup is created.
    assert_eq!(
        got,
        ops(&[
            ("GET /clusters/calm", 1),
            ("DescribeStacks", 2),
            ("DescribeSubnets", 1),
            ("DescribeRouteTables", 1),
            ("DescribeSecurityGroups", 1),
        ]),
        "{requests:#?}"
    );
    assert!(twice.is_empty(), "{twice:?}");

    // Without a nodegroup name there is no stack of it to ask about.
    let (out, requests) = plan(
        &sb,
        &moto,
        &counter,
        &["create", "nodegroup", "--cluster", "calm"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tally(&requests).0["DescribeStacks"], 1, "{requests:#?}");
}

#[test]
fn a_drifted_cluster_gets_the_template_and_a_failed_stack_is_found_by_name() {
    let (sb, moto, counter) = setup(&[drifted()]);
    let (out, requests) = plan(
        &sb,
        &moto,
        &counter,
        &[
            "create",
            "nodegroup",
            "--cluster",
            DRIFTED,
            "--name",
            "ng-9",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("[failed-nodegroup-stack]"), "{text}");
    assert!(text.contains("ROLLBACK_COMPLETE"), "{text}");
    let (got, twice) = tally(&requests);
    assert_eq!(
        got,
        ops(&[
            ("GET /clusters/prod", 1),
            ("DescribeStacks", 2),
            ("DescribeSubnets", 1),
            ("DescribeRouteTables", 1),
            ("DescribeSecurityGroups", 1),
            ("GetTemplate", 1),
        ]),
        "{requests:#?}"
    );
    assert!(twice.is_empty(), "{twice:?}");
}

#[test]
fn after_a_run_that_exits_0_one_round_of_stack_lookups() {
    let (sb, moto, counter) = setup(&[json!({"cluster": "calm"})]);
    let (_, before) = plan(
        &sb,
        &moto,
        &counter,
        &["create", "nodegroup", "--cluster", "calm", "--name", "ng-1"],
    );
    let mut cmd = sb.eksctl(["create", "nodegroup", "--cluster", "calm", "--name", "ng-1"]);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    counter.point(&mut cmd);
    let out = run(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = counter.take();
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
