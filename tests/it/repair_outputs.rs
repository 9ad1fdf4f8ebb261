//! `EKSCTL_SHIM_REPAIR=outputs` through the built shim, against moto, with the eksctl model
//! as the real eksctl: drift no rewrite fixes is repaired by `sync-outputs --approve`
//! (said on stderr, stdout left to eksctl), checked again, and eksctl then succeeds; a
//! repair sync-outputs refuses changes nothing, and the command goes on as without it.

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::json;

/// `eksctl ARGS` as eksctl VERSION, against this moto, with EKSCTL_SHIM_REPAIR=outputs.
fn repairing(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Run {
    sb.eksctl_run(args)
        .version(version)
        .aws(moto)
        .env("EKSCTL_SHIM_REPAIR", "outputs")
}

/// `eksctl create ng --cluster prod -P` as eksctl 0.170.0, repairing.
fn create_ng_0_170(sb: &Sandbox, moto: &Moto) -> Run {
    repairing(
        sb,
        moto,
        "0.170.0",
        &["create", "ng", "--cluster", "prod", "-P"],
    )
}

const STACK: &str = "eksctl-prod-cluster";

#[test]
fn create_nodegroup_on_eksctl_0_170_is_repaired_then_runs_as_given() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let args = ["create", "ng", "--cluster", "prod", "-n", "ng-1", "-P"];
    let ran = repairing(&sb, &moto, "0.170.0", &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go();
    ran.exits(0)
        .says("[subnet-drift]")
        .says("repairing the stack's subnet Outputs first (EKSCTL_SHIM_REPAIR=outputs)")
        .says("eksctl-shim: sync-outputs: account 123456789012, region us-west-2, stack eksctl-prod-cluster")
        .says("eksctl-shim: sync-outputs: eksctl-prod-cluster: updated; the Outputs read back as planned");
    assert!(!ran.stdout().contains("sync-outputs"), "stdout is eksctl's");
    let new = format!(
        "{},{}",
        ids["new-private-a"].as_str().unwrap(),
        ids["new-private-b"].as_str().unwrap()
    );
    assert_eq!(moto.outputs(STACK)["SubnetsPrivate"], new.as_str());
    let call = sb.main_call();
    assert_eq!(call["argv"], json!(args), "the command runs as given");
    assert_eq!(call["outcome"], "ok");
}

#[test]
fn upgrade_cluster_on_eksctl_0_176_is_repaired_and_upgrades() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "join_outputs": true, "new_zone_c": true, "version": "1.28",
        "delete": ["stack-private-a"],
        "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"],
    }));
    let args = ["upgrade", "cluster", "--name", "prod", "--approve"];
    repairing(&sb, &moto, "0.176.0", &args)
        .go()
        .exits(0)
        .says("[upgrade-subnet-gone]")
        .says(
            "left out of SubnetsPrivate: the stack made its VPC and has no SubnetPrivateUSWEST2C",
        );
    let call = sb.main_call();
    assert_eq!(call["outcome"], "ok", "{call}");
    assert_eq!(call["created"]["control_plane_upgrades"][0]["to"], "1.29");
    let new = format!(
        "{},{}",
        ids["stack-private-b"].as_str().unwrap(),
        ids["new-private-a"].as_str().unwrap()
    );
    assert_eq!(moto.outputs(STACK)["SubnetsPrivate"], new.as_str());
}

#[test]
fn a_repair_sync_outputs_refuses_changes_nothing_and_strict_still_refuses() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(
        json!({"cluster": "prod", "moved": true, "join_outputs": true,
                      "delete": ["stack-private-a", "stack-private-b"], "importer": true}),
    );
    let before = moto.outputs(STACK);
    create_ng_0_170(&sb, &moto)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says("is imported by eksctl-prod-nodegroup-old")
        .says("the repair did not complete (sync-outputs exit 3)")
        .says("refusing to run eksctl");
    assert_eq!(moto.outputs(STACK), before);
    assert!(sb.last_call().is_none(), "eksctl was not run");
}

#[test]
fn warn_mode_does_not_repair() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let before = moto.outputs(STACK);
    create_ng_0_170(&sb, &moto)
        .env("EKSCTL_SHIM_MODE", "warn")
        .go()
        .says("EKSCTL_SHIM_REPAIR=outputs is not acted on in warn mode");
    assert_eq!(moto.outputs(STACK), before);
}
