//! Never silent, always the right place (issue 13): protection never switches off
//! without a line saying why, every printed command names the cluster's region (and the
//! profile when one was given), and diagnoses point the right way. The built binary as
//! `eksctl` in front of the model of eksctl, against moto.

use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use serde_json::json;

/// `eksctl create ng --cluster prod` against this moto.
fn create_ng(sb: &Sandbox, moto: &Moto) -> Run {
    sb.eksctl_run(["create", "ng", "--cluster", "prod"])
        .aws(moto)
}

/// Asserts the shim printed commands (backquoted, starting `eksctl`), each holding `part`.
fn every_printed_command_holds(ran: &Ran, part: &str) {
    let err = ran.stderr();
    let commands: Vec<&str> = err
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| c.starts_with("eksctl"))
        .collect();
    assert!(!commands.is_empty(), "{err}");
    for c in commands {
        assert!(c.contains(part), "{c:?} in\n{err}");
    }
}

#[test]
fn every_command_printed_for_a_twin_cluster_names_its_region() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "twin"}));
    moto.world(json!({"cluster": "twin", "region": "eu-west-1", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "twin",
        "--region",
        "eu-west-1",
        "-P",
        "--managed=false",
    ];
    let ran = sb.eksctl_run(args).version("0.170.0").aws(&moto).go();
    every_printed_command_holds(&ran, "--region eu-west-1");
    ran.says("eksctl-shim sync-outputs --cluster twin --region eu-west-1");
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
    let args = [
        "create",
        "ng",
        "--cluster",
        "prod",
        "-P",
        "--profile",
        "ops",
    ];
    let ran = sb.eksctl_run(args).version("0.170.0").aws(&moto).go();
    every_printed_command_holds(&ran, "--profile ops");
}

#[test]
fn strict_mode_refuses_when_the_preflight_panics() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    create_ng(&sb, &moto)
        .envs(&[
            ("EKSCTL_SHIM_MODE", "strict"),
            ("EKSCTL_SHIM_INJECT_PANIC", "1"),
        ])
        .go()
        .exits(6);
    assert!(sb.last_call().is_none(), "eksctl create was not run");
    let fix = Sandbox::new();
    create_ng(&fix, &moto)
        .env("EKSCTL_SHIM_INJECT_PANIC", "1")
        .go()
        .exits(0);
    assert_eq!(fix.main_call()["outcome"], "ok");
}

#[test]
fn unknown_settings_are_warned_with_the_valid_values() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    create_ng(&sb, &moto)
        .env("EKSCTL_SHIM_SKIP", "subnet-drfit")
        .go()
        .says("unknown check code \"subnet-drfit\"; did you mean subnet-drift? valid codes: cluster-not-found");
    // A mode is never guessed: refused with the valid values (tests/it/unknown_mode.rs).
    create_ng(&sb, &moto)
        .env("EKSCTL_SHIM_MODE", "yolo")
        .go()
        .exits(2)
        .says("EKSCTL_SHIM_MODE=\"yolo\" is not a mode: the valid values are fix, warn and strict");
}

#[test]
fn an_unchecked_command_always_says_why() {
    let moto = moto_with_prod();
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
        sb.eksctl_run(&args)
            .aws(&moto)
            .go()
            .says(why)
            .says("passing the command to eksctl unchanged");
        assert_eq!(argv(&sb.main_call()), args, "unchanged");
    }
}

#[test]
fn a_profile_that_does_not_exist_is_said_as_such() {
    let sb = Sandbox::new();
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "--profile", "nope"])
        .envs(&[
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("EKSCTL_MODEL_OFFLINE", "1"),
        ])
        .go()
        .says("profile nope is not in ~/.aws/config or ~/.aws/credentials (no profiles there)");
}

#[test]
fn eksctls_own_endpoint_variables_are_honoured() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    // The shim's own view goes through eksctl's variables; the general one is dead.
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "-P"])
        .aws_at(&closed_endpoint())
        .env("AWS_EKS_ENDPOINT", moto.endpoint())
        .env("AWS_CLOUDFORMATION_ENDPOINT", moto.endpoint())
        .env("AWS_EC2_ENDPOINT", moto.endpoint())
        .version("0.200.0")
        .env("EKSCTL_SHIM_TIMEOUT", "5")
        .go()
        .says("[subnet-drift]"); // the cluster was checked
}

#[test]
fn doctor_in_an_installed_home() {
    let moto = Moto::start();
    let sb = Sandbox::new();
    let path = std::env::join_paths([sb.path("home/.local/bin"), "/usr/bin".into(), "/bin".into()])
        .unwrap();
    let install = concat!(env!("CARGO_MANIFEST_DIR"), "/install.sh");
    sb.program_run("bash", [install, "--binary", SHIM])
        .env("PATH", path)
        .go()
        .exits(0);
    let shim_dir = std::fs::read_link(sb.path("home/.local/share/eksctl-shim/bin/eksctl"))
        .map(|_| sb.path("home/.local/share/eksctl-shim/bin"))
        .unwrap_or_else(|_| sb.path("home/.local/bin"));
    let doctor = |path: Vec<std::path::PathBuf>| {
        sb.program_run(sb.path("home/.local/bin/eksctl-shim"), ["doctor"])
            .env("PATH", std::env::join_paths(path).unwrap())
            .aws(&moto)
            .go()
    };
    let base = vec![
        shim_dir.clone(),
        sb.path("home/.local/bin"),
        sb.path("real"),
        "/usr/bin".into(),
        "/bin".into(),
    ];
    doctor(base.clone())
        .prints("is this shim")
        .prints("version 0.230.0")
        .prints("account 123456789012")
        .prints("settings: mode fix (rewrites what eksctl accepts, runs eksctl); no check skipped")
        .prints("verdict: ready")
        .never_prints("[]")
        .exits(0);

    // No real eksctl.
    doctor(vec![
        shim_dir.clone(),
        sb.path("home/.local/bin"),
        "/usr/bin".into(),
        "/bin".into(),
    ])
    .exits(1)
    .prints("no real eksctl found")
    .prints("verdict: 1 problem above (FAIL)");

    // Another eksctl earlier on PATH, as a version manager would put it.
    let mise = sb.path("home/.local/share/mise/shims");
    sb.write_model(&mise.join("eksctl"));
    let mut first = vec![mise];
    first.extend(base);
    doctor(first)
        .exits(1)
        .prints("put there by mise, not the shim");
}

#[test]
fn a_cluster_without_vpc_id_is_still_checked_through_the_stacks_vpc_output() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "no_vpc_id": true}));
    let sb = Sandbox::new();
    sb.eksctl_run(["create", "ng", "--cluster", "prod", "-P"])
        .version("0.200.0")
        .aws(&moto)
        .go()
        .says("[subnet-drift]"); // the drift check ran
    assert_eq!(
        sb.main_call()["outcome"],
        "ok",
        "{}",
        sb.main_call()["error"]
    );
}
