//! The gate never passes what it could not check (issue 23, B1): when one read the checks
//! need fails (DescribeStacks of the cluster stack, DescribeSubnets, DescribeRouteTables;
//! denied, throttled past the retries, a 5xx, an answer that is no AWS answer, no answer
//! before the deadline), `check` exits 4 and names the read and why, strict mode refuses
//! with 4, fix mode says in one line which checks did not run, and a failed DescribeStacks
//! is never a missing stack. Each read is broken alone by tests/aws/latency_proxy.py in
//! front of moto, on a drifted cluster (baseline: exit 3, `subnet-drift`).

use serde_json::{Value, json};

use crate::common::aws_proxy::AwsProxy;
use crate::common::moto::Moto;
use crate::common::run::Ran;
use crate::common::*;

const DRIFTED: &str = "drifted";
const CREATE: [&str; 7] = [
    "create",
    "nodegroup",
    "--cluster",
    DRIFTED,
    "--name",
    "ng1",
    "-P",
];

/// Each failure kind, and the words the shim says it with.
const KINDS: &[(&str, &str)] = &[
    ("deny", "access denied"),
    ("throttle", "throttled"),
    ("500", "failed (HTTP 500)"),
    ("garbage", "unreadable answer"),
    ("hang", "no answer in time"),
];

/// A throttled or failing read that the SDK retries may outlast the deadline: then the
/// shim cannot know more than that it got no answer in time.
const OUT_OF_TIME: &str = "no answer in time";

struct World {
    proxy: AwsProxy,
    moto: Moto,
    sb: Sandbox,
}

impl World {
    fn new() -> World {
        let (sb, moto) = (Sandbox::new(), Moto::start());
        moto.world(
            json!({"cluster": DRIFTED, "moved": true, "delete": ["private-a", "private-b"]}),
        );
        let proxy = AwsProxy::start(&moto, &sb);
        World { proxy, moto, sb }
    }

    /// `eksctl-shim check --cluster drifted --output json`, the shim's reads through the proxy.
    fn check(&self) -> Ran {
        self.proxy
            .point(
                self.sb
                    .shim_run(["check", "--cluster", DRIFTED, "--output", "json"])
                    .version("0.190.0")
                    .aws(&self.moto)
                    .env("EKSCTL_SHIM_TIMEOUT", "2"),
            )
            .go()
    }

    /// `eksctl create nodegroup` through the shim in `mode`; the model of eksctl runs
    /// offline (it would fail on the drift the shim could not see).
    fn create(&self, mode: &str) -> Ran {
        self.proxy
            .point(
                self.sb
                    .eksctl_run(CREATE)
                    .version("0.190.0")
                    .aws(&self.moto)
                    .envs(&[
                        ("EKSCTL_SHIM_TIMEOUT", "2"),
                        ("EKSCTL_SHIM_MODE", mode),
                        ("EKSCTL_MODEL_OFFLINE", "1"),
                    ]),
            )
            .go()
    }
}

fn cluster_of(ran: &Ran) -> Value {
    let v: Value =
        serde_json::from_slice(&ran.out.stdout).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout()));
    v["clusters"][0].clone()
}

/// `operation` failing each way: `check` exits 4 naming it and why, with subnet-drift
/// among the checks not run and no finding made of the failed read.
fn check_is_unchecked_for_every_kind(operation: &str, service_op: &str) {
    let w = World::new();
    w.check().exits(3);
    for (kind, words) in KINDS {
        w.proxy.faults(json!({ operation: kind }));
        let ran = w.check();
        let what = format!("{operation} {kind}");
        assert_eq!(
            ran.out.status.code(),
            Some(4),
            "{what}: {}{}",
            ran.stdout(),
            ran.stderr()
        );
        let c = cluster_of(&ran);
        assert_eq!(c["status"], "unchecked", "{what}: {c}");
        let error = c["error"].as_str().unwrap_or_default();
        assert!(
            error.contains(&format!("{service_op}: {words}"))
                || error.contains(&format!("{service_op}: {OUT_OF_TIME}")),
            "{what}: the read and why: {error}"
        );
        assert!(
            c["not_run"]
                .as_array()
                .unwrap()
                .contains(&json!("subnet-drift")),
            "{what}: {c}"
        );
        let codes: Vec<&Value> = c["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| &f["code"])
            .collect();
        assert!(
            !codes.contains(&&json!("stack-missing")),
            "{what}: a failed read is no missing stack: {c}"
        );
    }
}

#[test]
fn check_exits_4_when_describe_stacks_fails_never_stack_missing() {
    check_is_unchecked_for_every_kind("DescribeStacks", "CloudFormation DescribeStacks");
}

#[test]
fn check_exits_4_when_describe_subnets_fails() {
    check_is_unchecked_for_every_kind("DescribeSubnets", "EC2 DescribeSubnets");
}

#[test]
fn check_exits_4_when_describe_route_tables_fails() {
    check_is_unchecked_for_every_kind("DescribeRouteTables", "EC2 DescribeRouteTables");
}

#[test]
fn check_text_says_which_read_failed_and_which_checks_did_not_run() {
    let w = World::new();
    w.proxy.faults(json!({"DescribeSubnets": "deny"}));
    let ran = w
        .proxy
        .point(
            w.sb.shim_run(["check", "--cluster", DRIFTED])
                .version("0.190.0")
                .aws(&w.moto),
        )
        .go();
    ran.exits(4)
        .prints("could not check: checks not run: ")
        .prints("subnet-drift")
        .prints("(EC2 DescribeSubnets: access denied (UnauthorizedOperation))")
        .never_prints(": ok");
    let junit = w
        .proxy
        .point(
            w.sb.shim_run(["check", "--cluster", DRIFTED, "--output", "junit"])
                .version("0.190.0")
                .aws(&w.moto),
        )
        .go();
    junit
        .exits(4)
        .prints("<testcase name=\"subnet-drift\"")
        .prints("<error message=\"checks not run:");
}

/// Strict mode refuses with 4 for each read and kind; eksctl never runs.
#[test]
fn strict_mode_refuses_with_4_when_a_needed_read_fails() {
    let w = World::new();
    for operation in ["DescribeStacks", "DescribeSubnets", "DescribeRouteTables"] {
        for (kind, _) in KINDS {
            w.proxy.faults(json!({ operation: kind }));
            let before = w.sb.eksctl_calls().len();
            let ran = w.create("strict");
            let what = format!("{operation} {kind}");
            assert_eq!(ran.out.status.code(), Some(4), "{what}: {}", ran.stderr());
            assert_eq!(
                w.sb.eksctl_calls().len(),
                before,
                "{what}: eksctl must not run"
            );
            // Named, unless the pre-flight's deadline passed first (said as such).
            let err = ran.stderr();
            assert!(
                err.contains(operation) || err.contains("no answer from AWS within"),
                "{what}: names the read: {err}"
            );
        }
    }
}

/// Fix mode runs eksctl as given and says, in one line, which checks did not run and why.
#[test]
fn fix_mode_says_in_one_line_which_checks_did_not_run() {
    let w = World::new();
    for (operation, kind) in [
        ("DescribeRouteTables", "deny"),
        ("DescribeStacks", "garbage"),
    ] {
        w.proxy.faults(json!({ operation: kind }));
        let ran = w.create("fix");
        ran.exits(0).never_says("[stack-missing]");
        let lines: Vec<String> = ran
            .shim_lines()
            .into_iter()
            .filter(|l| l.contains("checks not run"))
            .collect();
        assert_eq!(lines.len(), 1, "{}", ran.stderr());
        assert!(
            lines[0].starts_with("eksctl-shim: warning: checks not run: "),
            "{lines:?}"
        );
        assert!(
            lines[0].contains("subnet-drift") && lines[0].contains(operation),
            "{lines:?}"
        );
        assert_eq!(argv(&w.sb.last_call().unwrap()), CREATE, "run as given");
    }
}

/// sync-outputs plans from the stack and the subnets: with either unread it stops with 4,
/// never "no eksctl stack" nor "nothing to change".
#[test]
fn sync_outputs_stops_with_4_when_the_stack_or_the_subnets_cannot_be_read() {
    let w = World::new();
    for operation in ["DescribeStacks", "DescribeSubnets"] {
        w.proxy.faults(json!({ operation: "deny" }));
        w.proxy
            .point(
                w.sb.shim_run(["sync-outputs", "--cluster", DRIFTED])
                    .aws(&w.moto),
            )
            .go()
            .exits(4)
            .says(operation)
            .never_prints("nothing to change")
            .never_says("has no eksctl stack");
    }
}
