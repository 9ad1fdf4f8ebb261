//! A region AWS does not know: with no endpoint variable, the SDK asks
//! `eks.<region>.amazonaws.com`, which no DNS resolves (offline, no name resolves: so the
//! wording is asserted only for the misspelt region, and a real one must never be called
//! unknown, whether AWS answered or the network failed).

use crate::common::*;

/// Test credentials, no endpoint variable (the sandbox's environment has none): the
/// reads go where the region's name says.
fn by_region(run: run::Run) -> run::Run {
    run.envs(&[
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("EKSCTL_SHIM_TIMEOUT", "3"),
        // The model of eksctl must not try AWS itself: what is checked is the shim's word.
        ("EKSCTL_MODEL_OFFLINE", "1"),
    ])
}

const UNKNOWN: &str = "us-wset-2 is not a region AWS knows (did you mean us-west-2?)";

#[test]
fn check_names_a_misspelt_region() {
    let sb = Sandbox::new();
    let ran = by_region(sb.shim_run(["check", "--cluster", "prod", "--region", "us-wset-2"])).go();
    ran.exits(4);
    let all = format!("{}{}", ran.stdout(), ran.stderr());
    assert!(all.contains(UNKNOWN), "{all}");
    assert!(all.contains("Give a region AWS knows"), "{all}");
}

#[test]
fn the_proxy_names_a_misspelt_region_and_runs_eksctl() {
    let sb = Sandbox::new();
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "--region",
        "us-wset-2",
    ];
    let ran = by_region(sb.eksctl_run(args)).version("0.230.0").go();
    ran.exits(0).says(UNKNOWN).never_says("HTTP 500");
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

#[test]
fn the_region_from_the_environment_is_named_too() {
    let sb = Sandbox::new();
    let ran = by_region(sb.shim_run(["check", "--cluster", "prod"]))
        .env("AWS_REGION", "us-wset-2")
        .go();
    let all = format!("{}{}", ran.stdout(), ran.stderr());
    assert!(all.contains(UNKNOWN), "{all}");
}

#[test]
fn a_real_region_is_never_called_unknown() {
    let sb = Sandbox::new();
    let ran = by_region(sb.shim_run(["check", "--cluster", "prod", "--region", "us-west-2"])).go();
    let all = format!("{}{}", ran.stdout(), ran.stderr());
    assert!(!all.contains("not a region AWS knows"), "{all}");
}

#[test]
fn behind_an_endpoint_variable_the_region_is_not_judged() {
    // A closed port: the read fails to connect, but the region's name chose no host.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sb = Sandbox::new();
    let ran = by_region(sb.shim_run(["check", "--cluster", "prod", "--region", "us-wset-2"]))
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}"))
        .go();
    let all = format!("{}{}", ran.stdout(), ran.stderr());
    assert!(all.contains("AWS could not be reached"), "{all}");
    assert!(!all.contains("not a region AWS knows"), "{all}");
}
