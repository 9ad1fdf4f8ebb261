//! `EKSCTL_SHIM_REPAIR=outputs` through the built shim, against moto, with the eksctl model
//! as the real eksctl: drift no rewrite fixes is repaired by `sync-outputs --approve`
//! (said on stderr, stdout left to eksctl), checked again, and eksctl then succeeds; a
//! repair sync-outputs refuses changes nothing, and the command goes on as without it.

use std::process::{Command, Output};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::{Value, json};

fn eksctl(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sb.eksctl(args);
    cmd.env("EKSCTL_STANDIN_VERSION", version);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd)
}

fn outputs(moto: &Moto, stack: &str) -> Value {
    let script = format!(
        "import boto3, json\nc = boto3.client('cloudformation', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         print(json.dumps({{x['OutputKey']: x['OutputValue'] for x in c.describe_stacks(StackName='{stack}')['Stacks'][0].get('Outputs', [])}}))",
        moto.endpoint()
    );
    let out = run(Command::new(python()).args(["-c", &script]));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)))
}

const REPAIR: (&str, &str) = ("EKSCTL_SHIM_REPAIR", "outputs");

#[test]
fn create_nodegroup_on_eksctl_0_170_is_repaired_then_runs_as_given() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let args = ["create", "ng", "--cluster", "prod", "-n", "ng-1", "-P"];
    let out = eksctl(
        &sb,
        &moto,
        "0.170.0",
        &args,
        &[REPAIR, ("EKSCTL_SHIM_MODE", "strict")],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("[subnet-drift]"), "{err}");
    assert!(
        err.contains("repairing the stack's subnet Outputs first (EKSCTL_SHIM_REPAIR=outputs)"),
        "{err}"
    );
    assert!(err.contains("eksctl-shim: sync-outputs: account 123456789012, region us-west-2, stack eksctl-prod-cluster"), "{err}");
    assert!(err.contains("eksctl-shim: sync-outputs: eksctl-prod-cluster: updated; the Outputs read back as planned"), "{err}");
    assert!(!stdout(&out).contains("sync-outputs"), "stdout is eksctl's");
    let new = format!(
        "{},{}",
        ids["new-private-a"].as_str().unwrap(),
        ids["new-private-b"].as_str().unwrap()
    );
    assert_eq!(
        outputs(&moto, "eksctl-prod-cluster")["SubnetsPrivate"],
        new.as_str()
    );
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
    let out = eksctl(&sb, &moto, "0.176.0", &args, &[REPAIR]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("[upgrade-subnet-gone]"), "{err}");
    assert!(
        err.contains(
            "left out of SubnetsPrivate: the stack made its VPC and has no SubnetPrivateUSWEST2C"
        ),
        "{err}"
    );
    let call = sb.main_call();
    assert_eq!(call["outcome"], "ok", "{call}");
    assert_eq!(call["created"]["control_plane_upgrades"][0]["to"], "1.29");
    let new = format!(
        "{},{}",
        ids["stack-private-b"].as_str().unwrap(),
        ids["new-private-a"].as_str().unwrap()
    );
    assert_eq!(
        outputs(&moto, "eksctl-prod-cluster")["SubnetsPrivate"],
        new.as_str()
    );
}

#[test]
fn a_repair_sync_outputs_refuses_changes_nothing_and_strict_still_refuses() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(
        json!({"cluster": "prod", "moved": true, "join_outputs": true,
                      "delete": ["stack-private-a", "stack-private-b"], "importer": true}),
    );
    let before = outputs(&moto, "eksctl-prod-cluster");
    let args = ["create", "ng", "--cluster", "prod", "-P"];
    let out = eksctl(
        &sb,
        &moto,
        "0.170.0",
        &args,
        &[REPAIR, ("EKSCTL_SHIM_MODE", "strict")],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("is imported by eksctl-prod-nodegroup-old"),
        "{err}"
    );
    assert!(
        err.contains("the repair did not complete (sync-outputs exit 3)"),
        "{err}"
    );
    assert!(err.contains("refusing to run eksctl"), "{err}");
    assert_eq!(outputs(&moto, "eksctl-prod-cluster"), before);
    assert!(
        sb.calls().iter().all(|c| c["argv"][0] == "version"),
        "eksctl was not run"
    );
}

#[test]
fn warn_mode_does_not_repair() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let before = outputs(&moto, "eksctl-prod-cluster");
    let out = eksctl(
        &sb,
        &moto,
        "0.170.0",
        &["create", "ng", "--cluster", "prod", "-P"],
        &[REPAIR, ("EKSCTL_SHIM_MODE", "warn")],
    );
    assert!(
        stderr(&out).contains("EKSCTL_SHIM_REPAIR=outputs is not acted on in warn mode"),
        "{}",
        stderr(&out)
    );
    assert_eq!(outputs(&moto, "eksctl-prod-cluster"), before);
}
