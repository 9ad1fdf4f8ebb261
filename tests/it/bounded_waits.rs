//! Every wait on CloudFormation has a deadline and says what it left behind (issue 23,
//! B13): a change set that stays CREATE_PENDING made `sync-outputs --approve`, and the
//! repair before eksctl, poll for ever. tests/aws/latency_proxy.py rewrites moto's
//! DescribeChangeSet answer so the change set never leaves CREATE_PENDING.

use std::time::Duration;

use serde_json::json;

use crate::common::aws_proxy::AwsProxy;
use crate::common::moto::Moto;
use crate::common::*;

const STUCK: &str = "sub:<Status>CREATE_COMPLETE</Status>=><Status>CREATE_PENDING</Status>";

fn drifted() -> (AwsProxy, Moto, Sandbox) {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "cs", "moved": true, "delete": ["private-a", "private-b"]}));
    let proxy = AwsProxy::start(&moto, &sb);
    proxy.faults(json!({ "DescribeChangeSet": STUCK }));
    (proxy, moto, sb)
}

#[test]
fn sync_outputs_gives_up_on_a_change_set_stuck_pending_and_says_what_it_left() {
    let (proxy, moto, sb) = drifted();
    let before = moto.outputs("eksctl-cs-cluster");
    // EKSCTL_SHIM_TIMEOUT=1: each wait is bounded at 30 s.
    let ran = proxy
        .point(
            sb.shim_run(["sync-outputs", "--cluster", "cs", "--approve"])
                .aws(&moto)
                .env("EKSCTL_SHIM_TIMEOUT", "1"),
        )
        .go_within(Duration::from_secs(60));
    ran.exits(1)
        .says("the change set was not created within 30.0s; nothing was changed")
        .says("change set eksctl-shim-sync-outputs-");
    let err = ran.stderr();
    assert!(
        err.contains("was deleted") || err.contains("aws cloudformation delete-change-set"),
        "{err}"
    );
    assert_eq!(
        moto.outputs("eksctl-cs-cluster"),
        before,
        "the stack is unchanged"
    );
}

#[test]
fn the_repair_before_eksctl_gives_up_sooner_and_eksctl_runs() {
    let (proxy, moto, sb) = drifted();
    let ran = proxy
        .point(
            sb.repair_run("cs", &moto)
                .envs(&[("EKSCTL_SHIM_TIMEOUT", "1"), ("EKSCTL_MODEL_OFFLINE", "1")]),
        )
        .go_within(Duration::from_secs(30));
    ran.says("the change set was not created within 3.0s")
        .says("the repair did not complete");
    assert_eq!(
        argv(&sb.main_call())[..2],
        ["create", "nodegroup"],
        "eksctl ran"
    );
}
