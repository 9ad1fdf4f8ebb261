//! Running eksctl for intercepted commands: failures turned into advice, a failed stack
//! behind a zero exit caught, exit codes and signals end to end, and `explain`.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

fn with_moto(cmd: &mut Command, moto: &Moto) {
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
}

fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sb.eksctl(args);
    with_moto(&mut cmd, moto);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd)
}

#[test]
fn a_failure_in_eksctl_output_becomes_advice_with_real_names() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // eksctl <= 0.176 describes every subnet of the stack's Outputs by ID: one deleted
    // subnet fails the run (#7538).
    moto.world(json!({"cluster": "prod", "delete": ["public-b"]}));
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod", "--name", "ng-1"],
        &[("EKSCTL_STANDIN_VERSION", "0.170.0")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("Error: operation error EC2: DescribeSubnets"),
        "eksctl's own error is still shown: {err}"
    );
    assert!(err.contains("what happened [subnet-not-found]"), "{err}");
    assert!(
        err.contains("sync-outputs --cluster prod --region us-west-2 --approve"),
        "{err}"
    );
}

#[test]
fn the_root_cause_in_stdout_stack_events_is_found() {
    // eksctl prints a stack's events on stdout for the cluster stack (and access-entry
    // stacks), not for nodegroup stacks (pkg/cfn/manager/api.go createClusterStack): a
    // cluster stack that fails because an EKS cluster of that name already exists.
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "taken", "stack": false}));
    let out = eksctl(
        &sb,
        &moto,
        &[
            "create",
            "cluster",
            "--name",
            "taken",
            "--without-nodegroup",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("AWS::EKS::Cluster/ControlPlane: CREATE_FAILED"),
        "stdout passes through: {}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("what happened [cluster-already-exists]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_root_cause_only_in_cloudformation_events_is_found() {
    // eksctl 0.170 creating a CONFIG_MAP cluster with a self-managed nodegroup (#7695),
    // with the shim in warn mode so that it does not split the command: the nodegroup
    // stack fails on its access entry, and eksctl prints only the waiter's error.
    let (sb, moto) = (Sandbox::new(), Moto::start());
    std::fs::write(
        sb.path("cm.yaml"),
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: cm, region: us-west-2}\n\
accessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: ng-1\n",
    )
    .unwrap();
    let out = eksctl(
        &sb,
        &moto,
        &["create", "cluster", "-f", "cm.yaml"],
        &[
            ("EKSCTL_STANDIN_VERSION", "0.170.0"),
            ("EKSCTL_SHIM_MODE", "warn"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !stdout(&out).contains("authentication mode"),
        "eksctl did not print the cause"
    );
    let err = stderr(&out);
    assert!(
        err.contains("what happened [access-entry-on-config-map]"),
        "{err}"
    );
    assert!(
        err.contains("seen in: AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED"),
        "{err}"
    );
}

#[test]
fn a_zero_exit_over_a_failed_stack_is_a_failure() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // #8712: a nodegroup stack left in ROLLBACK_COMPLETE by an earlier run; eksctl counts
    // it as existing, creates nothing and exits 0.
    moto.world(json!({"cluster": "prod", "failed_nodegroup_stacks": {"ng-9":
        "AWS::AutoScaling::AutoScalingGroup/NodeGroup: Resource handler returned message: \"You have requested more vCPU capacity than your current vCPU limit of 32 allows\""}}));
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod", "--name", "ng-9"],
        &[],
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("eksctl exited 0, but stack eksctl-prod-nodegroup-ng-9 is ROLLBACK_COMPLETE"),
        "{err}"
    );
    assert!(err.contains("[vcpu-limit]"), "{err}");
}

#[test]
fn an_unknown_failure_is_said_plainly() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod"],
        &[
            (
                "EKSCTL_STANDIN_STDERR",
                "Error: the flux capacitor is misaligned\n",
            ),
            ("EKSCTL_STANDIN_EXIT", "1"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("does not recognise this failure"), "{err}");
    assert!(
        err.contains("eksctl's last error: Error: the flux capacitor is misaligned"),
        "{err}"
    );
}

#[test]
fn exit_codes_of_intercepted_runs_are_eksctl_s() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    for code in ["0", "1", "2", "255"] {
        let out = eksctl(
            &sb,
            &moto,
            &["create", "ng", "--cluster", "prod"],
            &[("EKSCTL_STANDIN_EXIT", code)],
        );
        assert_eq!(out.status.code(), Some(code.parse().unwrap()));
    }
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod"],
        &[("EKSCTL_STANDIN_SIGNAL", "9")],
    );
    assert_eq!(
        out.status.signal(),
        Some(9),
        "the shim dies of eksctl's signal, as a shell expects"
    );
}

/// Spawns the shim in its own process group, as a terminal would run it.
fn spawn_in_group(cmd: &mut Command) -> std::process::Child {
    cmd.process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_for_call(sb: &Sandbox, limit: Duration) {
    let start = Instant::now();
    while !sb.calls().iter().any(|c| c["argv"][0] != "version") {
        assert!(start.elapsed() < limit, "eksctl was never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_mid_run_is_forwarded_and_the_shim_dies_of_it_too() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod"]);
    with_moto(&mut cmd, &moto);
    cmd.env("EKSCTL_STANDIN_SLEEP", "30");
    let child = spawn_in_group(&mut cmd);
    wait_for_call(&sb, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let start = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "eksctl was not stopped"
    );
    assert_eq!(out.status.signal(), Some(libc::SIGTERM), "{}", stderr(&out));
}

#[test]
fn ctrl_c_mid_run_reaches_eksctl_and_the_shim_waits_for_it() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod"]);
    with_moto(&mut cmd, &moto);
    cmd.env("EKSCTL_STANDIN_SLEEP", "30");
    let child = spawn_in_group(&mut cmd);
    wait_for_call(&sb, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    // The terminal sends SIGINT to the whole foreground group.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    // A shell loop (`for c in ...; do eksctl ...; done`) stops on a signal death.
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{}", stderr(&out));
}

#[test]
fn ctrl_c_during_the_preflight_stops_at_once() {
    let sb = Sandbox::new();
    // An endpoint that accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod"]);
    cmd.env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("EKSCTL_SHIM_TIMEOUT", "60");
    let child = spawn_in_group(&mut cmd);
    std::thread::sleep(Duration::from_millis(700));
    let start = Instant::now();
    unsafe { libc::kill(-(child.id() as i32), libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{}", stderr(&out));
    assert!(
        sb.calls().iter().all(|c| c["argv"][0] == "version"),
        "eksctl create never ran"
    );
    drop(silent);
}

#[test]
fn explain_a_saved_log_as_text_and_json() {
    let sb = Sandbox::new();
    let log = "2026-03-01 10:00:00 [\u{2139}]  building nodegroup stack\n\
               2026-03-01 10:00:09 [\u{2716}]  AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED \u{2013} \"Resource handler returned message: \\\"The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.\\\"\"\n\
               Error: failed to create nodegroups for cluster \"prod\"\n";
    std::fs::write(sb.path("eksctl.log"), log).unwrap();
    let text = run(sb
        .command(SHIM)
        .args(["explain", "eksctl.log", "--cluster", "prod"]));
    assert_eq!(text.status.code(), Some(0));
    assert!(
        stdout(&text).contains("[access-entry-on-config-map]")
            && stdout(&text).contains("--cluster prod")
    );

    let mut cmd = sb.command(SHIM);
    cmd.args(["explain", "-", "--output", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(log.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v["advice"][0];
    assert_eq!(first["code"], "access-entry-on-config-map");
    for key in ["summary", "advice", "evidence"] {
        assert!(first[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }

    std::fs::write(sb.path("other.log"), "all good\n").unwrap();
    let unknown = run(sb.command(SHIM).args(["explain", "other.log"]));
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stdout(&unknown).contains("does not recognise"));
    let missing = run(sb.command(SHIM).args(["explain", "nope.log"]));
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_reader_that_goes_away_does_not_stop_eksctl() {
    use std::io::Read;
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    std::fs::write(
        sb.path("big.log"),
        "2026-01-01 10:00:00 [i]  waiting\n".repeat(200_000),
    )
    .unwrap();
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod"]);
    with_moto(&mut cmd, &moto);
    cmd.env("EKSCTL_STANDIN_STDOUT_FILE", sb.path("big.log"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (`| head -c 10`); eksctl must still run to its end.
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "eksctl's own exit code, not a SIGPIPE death"
    );
    assert_eq!(
        sb.main_call()["argv"],
        json!(["create", "ng", "--cluster", "prod"])
    );
    let ignored = sb.main_call()["sigign"].as_u64().unwrap();
    assert_eq!(
        ignored & (1 << (libc::SIGPIPE - 1)),
        0,
        "eksctl starts with SIGPIPE at its default"
    );
}
