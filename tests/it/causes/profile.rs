//! A profile that is in neither shared config file: said as such, with the profiles that
//! are there, instead of "no credentials"; and never a value from the files.

use crate::common::*;

const SECRET: &str = "wJalrXUtnFEMI-not-a-real-secret";

/// `~/.aws/config` with `default` and `a`, `~/.aws/credentials` with `b` (and a secret
/// that must never be shown).
fn with_profiles(sb: &Sandbox) {
    let aws = sb.path("home/.aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("config"),
        "[default]\nregion = us-west-2\n\n[profile a]\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = us-east-1\n",
    )
    .unwrap();
    std::fs::write(
        aws.join("credentials"),
        format!("[b]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = {SECRET}\n"),
    )
    .unwrap();
}

/// No credentials in the environment (they would be used whatever the profile), no
/// instance metadata: the SDK finds none, and never leaves the machine.
fn offline(run: run::Run) -> run::Run {
    run.envs(&[
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("EKSCTL_SHIM_TIMEOUT", "3"),
        ("EKSCTL_MODEL_OFFLINE", "1"),
    ])
}

const MISSING: &str =
    "profile nosuch is not in ~/.aws/config or ~/.aws/credentials (profiles there: default, a, b)";

fn all(ran: &run::Ran) -> String {
    format!("{}{}", ran.stdout(), ran.stderr())
}

#[test]
fn check_names_a_profile_given_that_is_not_there() {
    let sb = Sandbox::new();
    with_profiles(&sb);
    let args = [
        "check",
        "--cluster",
        "prod",
        "--region",
        "us-west-2",
        "--profile",
        "nosuch",
    ];
    let ran = offline(sb.shim_run(args)).go();
    ran.exits(4);
    let all = all(&ran);
    assert!(all.contains(MISSING), "{all}");
    assert!(!all.contains("aws sso login"), "{all}");
    assert!(
        !all.contains(SECRET) && !all.contains("AKIAEXAMPLE"),
        "{all}"
    );
}

#[test]
fn without_a_region_the_missing_profile_is_the_cause_too() {
    let sb = Sandbox::new();
    with_profiles(&sb);
    let ran = offline(sb.shim_run(["check", "--cluster", "prod"]))
        .env("AWS_PROFILE", "nosuch")
        .go();
    let all = all(&ran);
    assert!(all.contains(MISSING), "{all}");
}

#[test]
fn the_proxy_names_the_profile_of_aws_profile() {
    let sb = Sandbox::new();
    with_profiles(&sb);
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "--region",
        "us-west-2",
    ];
    let ran = offline(sb.eksctl_run(args))
        .version("0.230.0")
        .env("AWS_PROFILE", "nosuch")
        .go();
    ran.exits(0).says(MISSING).never_says(SECRET);
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

#[test]
fn the_files_named_by_the_variables_are_the_ones_read_and_said() {
    let sb = Sandbox::new();
    std::fs::write(sb.path("cfg"), "[profile ops]\nregion = us-west-2\n").unwrap();
    std::fs::write(sb.path("creds"), "[ci]\naws_access_key_id = AKIAEXAMPLE\n").unwrap();
    let ran = offline(sb.shim_run(["check", "--cluster", "prod", "--region", "us-west-2"]))
        .env("AWS_PROFILE", "nosuch")
        .env("AWS_CONFIG_FILE", sb.path("cfg"))
        .env("AWS_SHARED_CREDENTIALS_FILE", sb.path("creds"))
        .go();
    let all = all(&ran);
    let want = format!(
        "profile nosuch is not in {} or {} (profiles there: ops, ci)",
        sb.path("cfg").display(),
        sb.path("creds").display()
    );
    assert!(all.contains(&want), "{all}");
}

#[test]
fn a_profile_that_is_there_is_not_called_missing() {
    let sb = Sandbox::new();
    with_profiles(&sb);
    let args = [
        "check",
        "--cluster",
        "prod",
        "--region",
        "us-west-2",
        "--profile",
        "a",
    ];
    let ran = offline(sb.shim_run(args)).go();
    assert!(
        !all(&ran).contains("is not in ~/.aws/config"),
        "{}",
        all(&ran)
    );
}
