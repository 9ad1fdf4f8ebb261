//! Never silent, always the right place (issue 13): protection never switches off
//! without a line saying why, every printed command names the cluster's region (and the
//! profile when one was given), and diagnoses point the right way. The built binary as
//! `eksctl` in front of the model of eksctl, against moto.

use std::process::Output;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str], env: &[(&str, &str)]) -> Output {
    sb.eksctl_run(args).aws(moto).envs(env).go().out
}

/// The commands the shim printed: backquoted ones and the lines of "the same by hand".
fn printed_commands(err: &str) -> Vec<String> {
    let mut out = vec![];
    for part in err.split('`').skip(1).step_by(2) {
        if part.starts_with("eksctl") {
            out.push(part.to_string());
        }
    }
    out
}

#[test]
fn every_command_printed_for_a_twin_cluster_names_its_region() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "twin"}));
    moto.world(json!({"cluster": "twin", "region": "eu-west-1", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let out = eksctl(
        &sb,
        &moto,
        &[
            "create",
            "nodegroup",
            "--cluster",
            "twin",
            "--region",
            "eu-west-1",
            "-P",
            "--managed=false",
        ],
        &[("EKSCTL_STANDIN_VERSION", "0.170.0")],
    );
    let err = stderr(&out);
    let commands = printed_commands(&err);
    assert!(!commands.is_empty(), "{err}");
    for c in &commands {
        assert!(c.contains("--region eu-west-1"), "{c:?} in\n{err}");
    }
    assert!(
        err.contains("eksctl-shim sync-outputs --cluster twin --region eu-west-1"),
        "{err}"
    );
}

#[test]
fn the_profile_of_the_run_is_in_the_commands_it_prints() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("home/.aws")).unwrap();
    std::fs::write(
        sb.path("home/.aws/config"),
        "[profile ops]\nregion = us-west-2\n",
    )
    .unwrap();
    let out = eksctl(
        &sb,
        &moto,
        &[
            "create",
            "ng",
            "--cluster",
            "prod",
            "-P",
            "--profile",
            "ops",
        ],
        &[("EKSCTL_STANDIN_VERSION", "0.170.0")],
    );
    let err = stderr(&out);
    let commands = printed_commands(&err);
    assert!(!commands.is_empty(), "{err}");
    for c in commands {
        assert!(c.contains("--profile ops"), "{c:?} in\n{err}");
    }
}

#[test]
fn strict_mode_refuses_when_the_preflight_panics() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    let sb = Sandbox::new();
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod"],
        &[
            ("EKSCTL_SHIM_MODE", "strict"),
            ("EKSCTL_SHIM_INJECT_PANIC", "1"),
        ],
    );
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        sb.calls().iter().all(|c| c["argv"][0] == "version"),
        "eksctl create was not run"
    );
    let fix = Sandbox::new();
    let out = eksctl(
        &fix,
        &moto,
        &["create", "ng", "--cluster", "prod"],
        &[("EKSCTL_SHIM_INJECT_PANIC", "1")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fix.main_call()["outcome"], "ok");
}

#[test]
fn unknown_settings_are_warned_with_the_valid_values() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    let sb = Sandbox::new();
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod"],
        &[
            ("EKSCTL_SHIM_SKIP", "subnet-drfit"),
            ("EKSCTL_SHIM_MODE", "yolo"),
        ],
    );
    let err = stderr(&out);
    assert!(
        err.contains("unknown check code \"subnet-drfit\"; valid codes: cluster-not-found"),
        "{err}"
    );
    assert!(
        err.contains("EKSCTL_SHIM_MODE=\"yolo\" is not fix, warn or strict"),
        "{err}"
    );
}

#[test]
fn an_unchecked_command_always_says_why() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    for (args, why) in [
        (
            vec!["create", "ng", "--cluster", "prod", "--frobnicate"],
            "does not know --frobnicate",
        ),
        (vec!["create", "ng", "-P"], "no cluster name was given"),
        (
            vec!["create", "ng", "-f", "bad.yaml"],
            "could not be read as eksctl reads it",
        ),
        (
            vec!["create", "ng", "--cluster", "prod", "--include", "x"],
            "eksctl is expected to refuse",
        ),
    ] {
        let sb = Sandbox::new();
        std::fs::write(sb.path("bad.yaml"), "metadata: {name: prod\n").unwrap();
        let out = eksctl(&sb, &moto, &args, &[]);
        let err = stderr(&out);
        assert!(
            err.contains(why) && err.contains("passing the command to eksctl unchanged"),
            "{args:?}: {err}"
        );
        assert_eq!(argv_of(&sb.main_call()), args, "unchanged");
    }
}

fn argv_of(call: &serde_json::Value) -> Vec<String> {
    call["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_profile_that_does_not_exist_is_said_as_such() {
    let sb = Sandbox::new();
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod", "--profile", "nope"]);
    cmd.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("EKSCTL_MODEL_OFFLINE", "1");
    let out = run(cmd);
    let err = stderr(&out);
    assert!(
        err.contains("the AWS profile \"nope\" does not exist"),
        "{err}"
    );
}

#[test]
fn eksctls_own_endpoint_variables_are_honoured() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://127.0.0.1:{}", dead.local_addr().unwrap().port());
    drop(dead);
    let sb = Sandbox::new();
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod", "-P"]);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    // The shim's own view goes through eksctl's variables; the general one is dead.
    cmd.env("AWS_ENDPOINT_URL", &dead_url)
        .env("AWS_EKS_ENDPOINT", moto.endpoint())
        .env("AWS_CLOUDFORMATION_ENDPOINT", moto.endpoint())
        .env("AWS_EC2_ENDPOINT", moto.endpoint())
        .env("EKSCTL_STANDIN_VERSION", "0.200.0")
        .env("EKSCTL_SHIM_TIMEOUT", "5");
    let out = run(cmd);
    let err = stderr(&out);
    assert!(
        err.contains("[subnet-drift]"),
        "the cluster was checked: {err}"
    );
}

#[test]
fn doctor_in_an_installed_home() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    let install = |args: &[&str]| {
        let path =
            std::env::join_paths([sb.path("home/.local/bin"), "/usr/bin".into(), "/bin".into()])
                .unwrap();
        run(sb
            .command("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/install.sh"))
            .args(args)
            .env("PATH", path))
    };
    let out = install(&["--binary", SHIM]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shim_dir = std::fs::read_link(sb.path("home/.local/share/eksctl-shim/bin/eksctl"))
        .map(|_| sb.path("home/.local/share/eksctl-shim/bin"))
        .unwrap_or_else(|_| sb.path("home/.local/bin"));
    let doctor = |path: Vec<std::path::PathBuf>| {
        let mut cmd = sb.command(sb.path("home/.local/bin/eksctl-shim"));
        cmd.arg("doctor")
            .env("PATH", std::env::join_paths(path).unwrap());
        for (k, v) in moto.env() {
            cmd.env(k, v);
        }
        run(cmd)
    };
    let base = vec![
        shim_dir.clone(),
        sb.path("home/.local/bin"),
        sb.path("real"),
        "/usr/bin".into(),
        "/bin".into(),
    ];
    let out = doctor(base.clone());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        text.contains("is this shim")
            && text.contains("version 0.230.0")
            && text.contains("account 123456789012"),
        "{text}"
    );

    // No real eksctl.
    let out = doctor(vec![
        shim_dir.clone(),
        sb.path("home/.local/bin"),
        "/usr/bin".into(),
        "/bin".into(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("no real eksctl found"),
        "{}",
        stdout(&out)
    );

    // Another eksctl earlier on PATH, as a version manager would put it.
    let mise = sb.path("home/.local/share/mise/shims");
    sb.write_standin(&mise.join("eksctl"));
    let mut first = vec![mise];
    first.extend(base);
    let out = doctor(first);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("put there by mise, not the shim"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_cluster_without_vpc_id_is_still_checked_through_the_stacks_vpc_output() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "no_vpc_id": true}));
    let sb = Sandbox::new();
    let out = eksctl(
        &sb,
        &moto,
        &["create", "ng", "--cluster", "prod", "-P"],
        &[("EKSCTL_STANDIN_VERSION", "0.200.0")],
    );
    let err = stderr(&out);
    assert!(err.contains("[subnet-drift]"), "the drift check ran: {err}");
    assert_eq!(
        sb.main_call()["outcome"],
        "ok",
        "{}",
        sb.main_call()["error"]
    );
}
