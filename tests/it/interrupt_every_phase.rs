//! Ctrl-C stops the shim at once after the pre-flight too (issue 23, B2 and B14): tokio's
//! SIGINT handler, installed for the gather, stayed installed, so SIGINT during the repair
//! before eksctl (`EKSCTL_SHIM_REPAIR=outputs`) and during the lookups after a failed run
//! was caught and dropped. Now the shim dies of SIGINT, and a shell loop stops. The AWS
//! call of each phase hangs (tests/aws/latency_proxy.py) so the signal lands in it.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::aws_proxy::AwsProxy;
use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;

/// Starts `run`, waits until the proxy has seen `operation`, sends SIGINT to the shim's
/// pid and returns how it ended and how long that took.
fn interrupt_at(proxy: &AwsProxy, run: Run, operation: &str) -> (Ran, Duration) {
    let mut cmd = run.command();
    let mut child: Child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut seen = vec![];
    while !seen
        .iter()
        .any(|r: &serde_json::Value| r["op"] == operation)
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{operation} was never asked: {seen:?}"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "ended before {operation}"
        );
        std::thread::sleep(Duration::from_millis(50));
        seen.extend(proxy.take());
    }
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    while child.try_wait().unwrap().is_none() && sent.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = sent.elapsed();
    let _ = child.kill();
    (
        Ran {
            out: child.wait_with_output().unwrap(),
        },
        took,
    )
}

#[test]
fn sigint_during_the_repair_stops_at_once_and_eksctl_never_runs() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "rp", "moved": true, "delete": ["private-a", "private-b"]}));
    let proxy = AwsProxy::start(&moto, &sb);
    proxy.faults(json!({"CreateChangeSet": "hang"}));
    let run = proxy.point(sb.repair_run("rp", &moto).env("EKSCTL_SHIM_TIMEOUT", "20"));
    let (ran, took) = interrupt_at(&proxy, run, "CreateChangeSet");
    ran.killed_by(libc::SIGINT);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(sb.last_call(), None, "eksctl must not run after Ctrl-C");
}

#[test]
fn sigint_during_the_after_run_lookups_is_a_sigint_death() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "clean"}));
    let proxy = AwsProxy::start(&moto, &sb);
    proxy.faults(json!({"DescribeStackEvents": "hang"}));
    let run = proxy.point(
        sb.eksctl_run(["create", "nodegroup", "--cluster", "clean", "--name", "n1"])
            .aws(&moto)
            .envs(&[("EKSCTL_MODEL_EXIT", "1"), ("EKSCTL_SHIM_TIMEOUT", "20")]),
    );
    let (ran, took) = interrupt_at(&proxy, run, "DescribeStackEvents");
    ran.killed_by(libc::SIGINT);
    assert!(took < Duration::from_secs(5), "took {took:?}");
}
