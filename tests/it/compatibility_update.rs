//! `create nodegroup`'s compatibility update (`FixClusterCompatibility`,
//! pkg/cfn/manager/compat.go@0.200.0) rebuilds the cluster stack as `upgrade cluster`
//! does, so the rebuild's zone rules apply to it (audit v2 L1): a managed nodegroup on a
//! stack without `ClusterSecurityGroupId` whose private Output keeps one zone fails in
//! eksctl's first task. Through the built shim, with the model as eksctl, against moto.

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

/// The stack lacks ClusterSecurityGroupId (made before managed nodegroups) and its
/// SubnetsPrivate Output keeps zone a only, every subnet alive.
fn one_private_zone(moto: &Moto) {
    moto.world(json!({
        "cluster": "prod", "cluster_sg_output": false,
        "extra_outputs": {"SubnetsPrivate": ["private-a"]},
    }));
}

const MANAGED: [&str; 7] = [
    "create",
    "nodegroup",
    "--cluster",
    "prod",
    "-P",
    "--name",
    "ng-1",
];

#[test]
fn a_rebuild_eksctl_would_fail_is_said_before_it_runs() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    one_private_zone(&moto);
    sb.eksctl_run(&MANAGED)
        .version("0.200.0")
        .aws(&moto)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says("[stack-update-rebuild]")
        .says("insufficient number of subnets")
        .says("--region us-west-2");
    assert!(sb.last_call().is_none(), "strict mode does not run eksctl");

    // Fix mode: no rewrite helps; eksctl runs as given and fails where the shim said,
    // in its first task, before any nodegroup stack and without updating the stack.
    sb.eksctl_run(&MANAGED)
        .version("0.200.0")
        .aws(&moto)
        .go()
        .exits(1)
        .says("[stack-update-rebuild]")
        .says("[✖]  insufficient number of subnets");
    let call = sb.last_call().unwrap();
    assert_eq!(call["argv"], json!(MANAGED));
    assert_eq!(call["created"]["nodegroups"], json!([]));
    assert_eq!(call["created"]["stacks_updated"], json!([]));
}

#[test]
fn no_update_no_rebuild_no_finding() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    one_private_zone(&moto);
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--managed=false",
        "--name",
        "ng-1",
    ];
    sb.eksctl_run(&args)
        .version("0.200.0")
        .aws(&moto)
        .go()
        .exits(0)
        .silent_shim();
    assert_eq!(sb.last_call().unwrap()["outcome"], "ok");
}
