//! AWS faults: whatever AWS does, one clear warning line and eksctl runs with the user's
//! invocation untouched; in strict mode the shim refuses with exit 4. The deadline holds.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::common::fake_aws::{FakeAws, Fault};
use crate::common::*;

const ARGS: [&str; 5] = ["create", "nodegroup", "--cluster", "prod", "-P"];

fn against(sb: &Sandbox, endpoint: &str, strict: bool, creds: bool) -> (Output, Duration) {
    let mut cmd: Command = sb.eksctl(ARGS);
    cmd.env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("EKSCTL_SHIM_TIMEOUT", "2")
        // eksctl itself cannot create anything against a broken AWS; what these tests
        // check is the shim failing open, so the eksctl model runs offline: it reads the
        // command line, records it and succeeds without calling AWS.
        .env("EKSCTL_MODEL_OFFLINE", "1");
    if creds {
        cmd.env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing");
    }
    if strict {
        cmd.env("EKSCTL_SHIM_MODE", "strict");
    }
    let start = Instant::now();
    let out = run_within(cmd, Duration::from_secs(30));
    (out, start.elapsed())
}

fn fails_open(endpoint: &str, creds: bool, what: &str) {
    let sb = Sandbox::new();
    let (out, elapsed) = against(&sb, endpoint, false, creds);
    assert!(out.status.success(), "{what}: {}", stderr(&out));
    assert_eq!(sb.main_call()["argv"], serde_json::json!(ARGS), "{what}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{what}: one warning line: {err}");
    assert!(
        err.starts_with("eksctl-shim: warning: could not check cluster \"prod\""),
        "{what}: {err}"
    );
    // The deadline (2 s) plus one second, plus the model's own start.
    assert!(
        elapsed < Duration::from_millis(3500),
        "{what}: took {elapsed:?}"
    );

    let strict = Sandbox::new();
    let (out, elapsed) = against(&strict, endpoint, true, creds);
    assert_eq!(out.status.code(), Some(4), "{what}: {}", stderr(&out));
    assert!(
        strict.calls().iter().all(|c| c["argv"][0] == "version"),
        "{what}: eksctl create must not run"
    );
    assert!(
        elapsed < Duration::from_millis(3500),
        "{what}: took {elapsed:?}"
    );
}

#[test]
fn connection_refused() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    fails_open(&format!("http://127.0.0.1:{port}"), true, "refused");
}

#[test]
fn accepts_and_never_answers() {
    let fake = FakeAws::start(Fault::Silent);
    fails_open(&fake.endpoint(), true, "silent");
}

#[test]
fn answers_500() {
    let fake = FakeAws::start(Fault::ServerError);
    fails_open(&fake.endpoint(), true, "500");
}

#[test]
fn throttles() {
    let fake = FakeAws::start(Fault::Throttle);
    fails_open(&fake.endpoint(), true, "throttled");
}

#[test]
fn malformed_bodies() {
    let fake = FakeAws::start(Fault::Malformed);
    fails_open(&fake.endpoint(), true, "malformed");
}

#[test]
fn expired_credentials() {
    let fake = FakeAws::start(Fault::ExpiredToken);
    fails_open(&fake.endpoint(), true, "expired");
}

#[test]
fn missing_credentials() {
    let fake = FakeAws::start(Fault::ServerError);
    fails_open(&fake.endpoint(), false, "no credentials");
}
