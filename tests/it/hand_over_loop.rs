//! The proxy hands a checked command to the full shim beside it only when that file is
//! not the proxy itself (issue 23, B10): an `eksctl-shim` that is a link to
//! `eksctl-shim-proxy` made it exec itself for ever. Loop-proof by identity, as the
//! passthrough is: one line, and eksctl runs unchecked.

use std::os::unix::fs::symlink;
use std::time::Duration;

use crate::common::*;

const ARGS: [&str; 6] = ["create", "nodegroup", "--cluster", "c", "--name", "n"];

#[test]
fn an_eksctl_shim_linked_to_the_proxy_runs_eksctl_unchecked_instead_of_looping() {
    let sb = Sandbox::new();
    let dir = sb.path("loop");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(PROXY, dir.join("eksctl-shim-proxy")).unwrap();
    symlink("eksctl-shim-proxy", dir.join("eksctl-shim")).unwrap();
    symlink("eksctl-shim-proxy", dir.join("eksctl")).unwrap();
    let ran = sb
        .program_run(dir.join("eksctl"), ARGS)
        .env("EKSCTL_MODEL_OFFLINE", "1")
        .go_within(Duration::from_secs(20));
    ran.exits(0)
        .says("is this eksctl-shim-proxy itself (a link to it)")
        .says("eksctl runs unchanged");
    assert_eq!(argv(&sb.main_call()), ARGS);
}

#[test]
fn a_proxy_started_by_a_hand_over_never_hands_over_again() {
    let sb = Sandbox::new();
    let ran = sb
        .eksctl_run(ARGS)
        .env("EKSCTL_SHIM_FACE", "eksctl")
        .env("EKSCTL_MODEL_OFFLINE", "1")
        .go_within(Duration::from_secs(20));
    ran.exits(0).says("EKSCTL_SHIM_FACE is set");
    let call = sb.main_call();
    assert_eq!(argv(&call), ARGS);
    assert!(
        call["env"].get("EKSCTL_SHIM_FACE").is_none(),
        "eksctl must not see the hand-over marker"
    );
}
