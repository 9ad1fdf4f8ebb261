//! A huge AWS answer (hostile run v2, B16): a DescribeSubnets answer tens of megabytes
//! long, where the shim once read and parsed 500 MB for 22-26 s past a 10 s deadline and
//! then said "ok". The answer is cut at the shim's cap while it streams in: `check` exits
//! 4 naming the read (or, on a loaded machine, its own deadline), strict mode refuses with
//! 4, fix mode runs eksctl as given; each under a hang guard (the time it takes is
//! measured in the benchmarks, not asserted here).

use std::time::Duration;

use serde_json::{Value, json};

use crate::common::aws_proxy::AwsProxy;
use crate::common::moto::Moto;
use crate::common::*;

const CREATE: [&str; 7] = [
    "create",
    "nodegroup",
    "--cluster",
    "drifted",
    "--name",
    "ng1",
    "-P",
];
/// Above the shim's 16 MB cap (src/facts/answer_cap.rs), small enough to stay quick.
const HUGE: &str = "huge:40";
const TIMEOUT_S: u64 = 2;

#[test]
fn a_huge_answer_is_a_failed_read_within_the_deadline_never_ok() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let proxy = AwsProxy::start(&moto, &sb);
    proxy.faults(json!({"DescribeSubnets": HUGE}));
    // A hang guard, not a timing assertion (speed is the benchmarks' business): an
    // answer the deadline could not cut would run far past it.
    let guard = Duration::from_secs(60);
    let timeout = TIMEOUT_S.to_string();

    let ran = proxy
        .point(
            sb.shim_run(["check", "--cluster", "drifted", "--output", "json"])
                .version("0.190.0")
                .aws(&moto)
                .env("EKSCTL_SHIM_TIMEOUT", &timeout),
        )
        .go_within(guard);
    assert_eq!(
        ran.out.status.code(),
        Some(4),
        "{}{}",
        ran.stdout(),
        ran.stderr()
    );
    let v: Value = serde_json::from_slice(&ran.out.stdout).unwrap();
    let c = &v["clusters"][0];
    assert_eq!(c["status"], "unchecked", "{c}");
    let error = c["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("EC2 DescribeSubnets: answer too large to read")
            || error.contains("EC2 DescribeSubnets: no answer in time")
            || error.contains("no answer from AWS"),
        "names the read and why: {error}"
    );

    for (mode, code) in [("strict", 4), ("fix", 0)] {
        let before = sb.eksctl_calls().len();
        let ran = proxy
            .point(sb.eksctl_run(CREATE).version("0.190.0").aws(&moto).envs(&[
                ("EKSCTL_SHIM_TIMEOUT", timeout.as_str()),
                ("EKSCTL_SHIM_MODE", mode),
                ("EKSCTL_MODEL_OFFLINE", "1"),
            ]))
            .go_within(guard);
        assert_eq!(
            ran.out.status.code(),
            Some(code),
            "{mode}: {}",
            ran.stderr()
        );
        // The read named, or (on a loaded machine) the pre-flight's own deadline first:
        // either way a failed check, never a pass.
        assert!(
            ran.stderr().contains("DescribeSubnets")
                || ran.stderr().contains("no answer from AWS within"),
            "{mode}: {}",
            ran.stderr()
        );
        let calls = sb.eksctl_calls();
        if mode == "strict" {
            assert_eq!(calls.len(), before, "strict: eksctl must not run");
        } else {
            assert_eq!(argv(&sb.last_call().unwrap()), CREATE, "fix: run as given");
        }
    }
}
