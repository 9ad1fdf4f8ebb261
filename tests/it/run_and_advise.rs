//! Running eksctl for intercepted commands: failures turned into advice, a failed stack
//! behind a zero exit caught, exit codes and signals end to end, and `explain`.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use serde_json::json;

/// `eksctl create ng --cluster prod` against this moto.
fn create_ng(sb: &Sandbox, moto: &Moto) -> Run {
    sb.eksctl_run(["create", "ng", "--cluster", "prod"])
        .aws(moto)
}

#[test]
fn a_failure_in_eksctl_output_becomes_advice_with_real_names() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // eksctl <= 0.176 describes every subnet of the stack's Outputs by ID: one deleted
    // subnet fails the run (#7538).
    moto.world(json!({"cluster": "prod", "delete": ["public-b"]}));
    // With the check that predicts it skipped: the advice is the only explanation.
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "--name", "ng-1"])
        .aws(&moto)
        .version("0.170.0")
        .env("EKSCTL_SHIM_SKIP", "subnet-drift")
        .go()
        .exits(1)
        // eksctl's own error is still shown
        .says("Error: operation error EC2: DescribeSubnets")
        .says("what happened [subnet-not-found]")
        .says("sync-outputs --cluster prod --region us-west-2 --approve");
}

#[test]
fn a_failure_the_preflight_predicted_points_at_its_finding() {
    // The same failure, predicted: the finding above says why and what to do, and one
    // line after eksctl's error points at it instead of a second explanation (issue 25).
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "delete": ["public-b"]}));
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "--name", "ng-1"])
        .aws(&moto)
        .version("0.170.0")
        .go()
        .exits(1)
        .says("Error: operation error EC2: DescribeSubnets")
        .says("error   [subnet-drift]")
        .says("sync-outputs --cluster prod --region us-west-2")
        .says("eksctl-shim: eksctl failed as predicted: see [subnet-drift] above")
        .never_says("what happened");
    // Found only in the stacks' events (#7695, warn mode: not split), predicted too.
    std::fs::write(
        sb.path("cm.yaml"),
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: cm, region: us-west-2}\n\
accessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: ng-1\n",
    )
    .unwrap();
    sb.eksctl_run(["create", "cluster", "-f", "cm.yaml"])
        .aws(&moto)
        .version("0.170.0")
        .env("EKSCTL_SHIM_MODE", "warn")
        .go()
        .exits(1)
        .says("error   [auth-access-entry]")
        .says("eksctl failed as predicted: see [auth-access-entry] above")
        .never_says("what happened");
}

#[test]
fn the_root_cause_in_stdout_stack_events_is_found() {
    // eksctl prints a stack's events on stdout for the cluster stack (and access-entry
    // stacks), not for nodegroup stacks (pkg/cfn/manager/api.go createClusterStack): a
    // cluster stack that fails because an EKS cluster of that name already exists.
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "taken", "stack": false}));
    let args = [
        "create",
        "cluster",
        "--name",
        "taken",
        "--without-nodegroup",
    ];
    sb.eksctl_run(args)
        .aws(&moto)
        .go()
        .exits(1)
        // stdout passes through
        .prints("AWS::EKS::Cluster/ControlPlane: CREATE_FAILED")
        .says("what happened [cluster-already-exists]");
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
    // The check that predicts it skipped: the cause is found in the events alone.
    sb.eksctl_run(["create", "cluster", "-f", "cm.yaml"])
        .aws(&moto)
        .version("0.170.0")
        .env("EKSCTL_SHIM_MODE", "warn")
        .env("EKSCTL_SHIM_SKIP", "auth-access-entry")
        .go()
        .exits(1)
        // eksctl did not print the cause
        .never_prints("authentication mode")
        .says("what happened [access-entry-on-config-map]")
        .says("seen in: AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED");
}

#[test]
fn a_zero_exit_over_a_failed_stack_is_a_failure() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // #8712: a nodegroup stack left in ROLLBACK_COMPLETE by an earlier run; eksctl counts
    // it as existing, creates nothing and exits 0.
    moto.world(json!({"cluster": "prod", "failed_nodegroup_stacks": {"ng-9":
        "AWS::AutoScaling::AutoScalingGroup/NodeGroup: Resource handler returned message: \"You have requested more vCPU capacity than your current vCPU limit of 32 allows\""}}));
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "--name", "ng-9"])
        .aws(&moto)
        .go()
        .exits(5)
        .says("eksctl exited 0, but stack eksctl-prod-nodegroup-ng-9 is ROLLBACK_COMPLETE")
        .says("[vcpu-limit]");
}

#[test]
fn an_unknown_failure_is_left_to_eksctl_s_own_words() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    let ran = create_ng(&sb, &moto)
        .env(
            "EKSCTL_MODEL_STDERR",
            "Error: the flux capacitor is misaligned\n",
        )
        .env("EKSCTL_MODEL_EXIT", "1")
        .go();
    ran.exits(1)
        .says("Error: the flux capacitor is misaligned")
        .never_says("does not recognise");
    assert!(ran.shim_lines().is_empty(), "{:?}", ran.shim_lines());
}

#[test]
fn exit_codes_of_intercepted_runs_are_eksctl_s() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    for code in [0, 1, 2, 255] {
        create_ng(&sb, &moto)
            .env("EKSCTL_MODEL_EXIT", code.to_string())
            .go()
            .exits(code);
    }
    // The shim dies of eksctl's signal, as a shell expects.
    create_ng(&sb, &moto)
        .env("EKSCTL_MODEL_SIGNAL", "9")
        .go()
        .killed_by(9);
}

/// Spawns the shim in its own process group, as a terminal would run it.
fn spawn_in_group(mut cmd: Command) -> Child {
    cmd.process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `eksctl create ng --cluster prod` in its own group, eksctl sleeping 30 s: returned
/// once eksctl has started, and a little after.
fn sleeping_run(sb: &Sandbox, moto: &Moto) -> Child {
    let child = spawn_in_group(
        create_ng(sb, moto)
            .env("EKSCTL_MODEL_SLEEP", "30")
            .command(),
    );
    sb.await_eksctl();
    child
}

#[test]
fn sigterm_mid_run_is_forwarded_and_the_shim_dies_of_it_too() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    let child = sleeping_run(&sb, &moto);
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let start = Instant::now();
    let ran = Ran {
        out: child.wait_with_output().unwrap(),
    };
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "eksctl was not stopped"
    );
    ran.killed_by(libc::SIGTERM);
}

#[test]
fn ctrl_c_mid_run_reaches_eksctl_and_the_shim_waits_for_it() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    let child = sleeping_run(&sb, &moto);
    // The terminal sends SIGINT to the whole foreground group.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGINT) };
    // A shell loop (`for c in ...; do eksctl ...; done`) stops on a signal death.
    Ran {
        out: child.wait_with_output().unwrap(),
    }
    .killed_by(libc::SIGINT);
}

#[test]
fn ctrl_c_during_the_preflight_stops_at_once() {
    let sb = Sandbox::new();
    // An endpoint that accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let cmd = sb
        .eksctl_run(["create", "ng", "--cluster", "prod"])
        .aws_at(&format!("http://127.0.0.1:{port}"))
        .env("EKSCTL_SHIM_TIMEOUT", "60")
        .command();
    let child = spawn_in_group(cmd);
    std::thread::sleep(Duration::from_millis(700));
    let start = Instant::now();
    unsafe { libc::kill(-(child.id() as i32), libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert!(start.elapsed() < Duration::from_secs(3));
    Ran { out }.killed_by(libc::SIGINT);
    assert!(sb.last_call().is_none(), "eksctl create never ran");
    drop(silent);
}

#[test]
fn explain_a_saved_log_as_text_and_json() {
    let sb = Sandbox::new();
    let log = "2026-03-01 10:00:00 [\u{2139}]  building nodegroup stack\n\
               2026-03-01 10:00:09 [\u{2716}]  AWS::EKS::AccessEntry/AccessEntry: CREATE_FAILED \u{2013} \"Resource handler returned message: \\\"The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.\\\"\"\n\
               Error: failed to create nodegroups for cluster \"prod\"\n";
    std::fs::write(sb.path("eksctl.log"), log).unwrap();
    sb.shim_run(["explain", "eksctl.log", "--cluster", "prod"])
        .go()
        .exits(0)
        .prints("[access-entry-on-config-map]")
        .prints("--cluster prod");

    let out = sb
        .shim_run(["explain", "-", "--output", "json"])
        .stdin(log.as_bytes())
        .go()
        .out;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], 2);
    let first = &v["findings"][0];
    assert_eq!(first["code"], "access-entry-on-config-map");
    assert_eq!(first["severity"], "error");
    for key in ["title", "message", "remediation"] {
        assert!(first[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    // Where it was seen: the log's second line (stdin: no file).
    let at = &first["location"];
    assert_eq!(
        (&at["file"], &at["line"]),
        (&serde_json::Value::Null, &serde_json::json!(2))
    );
    assert!(
        at["snippet"]
            .as_str()
            .unwrap()
            .contains("AWS::EKS::AccessEntry"),
        "{at}"
    );
    let from_file = sb
        .shim_run(["explain", "eksctl.log", "-o", "json"])
        .go()
        .out;
    let v: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!(v["findings"][0]["location"]["file"], "eksctl.log");

    std::fs::write(sb.path("other.log"), "all good\n").unwrap();
    sb.shim_run(["explain", "other.log"])
        .go()
        .exits(1)
        .prints("does not recognise");
    sb.shim_run(["explain", "nope.log"]).go().exits(2);
}

#[test]
fn a_reader_that_goes_away_does_not_stop_eksctl() {
    use std::io::Read;
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    std::fs::write(
        sb.path("big.log"),
        "2026-01-01 10:00:00 [i]  waiting\n".repeat(200_000),
    )
    .unwrap();
    let mut cmd = create_ng(&sb, &moto)
        .env("EKSCTL_MODEL_STDOUT_FILE", sb.path("big.log"))
        .command();
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
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
