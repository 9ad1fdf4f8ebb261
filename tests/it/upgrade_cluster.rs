//! `eksctl upgrade cluster` / `update cluster` through the built shim, against moto, with
//! the eksctl model (tests/eksctl-model/eksmodel/upgrade.py) as the real eksctl: a clean
//! cluster goes through untouched, and each drift failure is predicted before anything
//! is upgraded, with a repair command that names cluster, region and profile; the model
//! then fails (fix mode) exactly as predicted, or is not run (strict mode).

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

/// The model's record of the last eksctl call (not `eksctl version`).
fn last_call(sb: &Sandbox) -> Option<Value> {
    sb.calls().into_iter().rfind(|c| c["argv"][0] != "version")
}

/// An eksctl-made VPC (subnet resources in zones a and b); the stack's private subnet in
/// a was deleted; the control plane runs on a new private subnet in a, one in c (no
/// subnet resource there) and the stack's others. Kubernetes 1.29.
fn moved(moto: &Moto, cluster: &str) -> Value {
    moto.world(json!({
        "cluster": cluster, "join_outputs": true, "new_zone_c": true, "version": "1.29",
        "delete": ["stack-private-a"],
        "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"],
    }))
}

/// Replaces the stack's SubnetsPrivate Output (a hand edit), Resources unchanged.
fn set_private_output(moto: &Moto, cluster: &str, value: &str) {
    let script = format!(
        "import boto3, json\nc = boto3.client('cloudformation', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         s = 'eksctl-{cluster}-cluster'\nb = c.get_template(StackName=s)['TemplateBody']\nb = b if isinstance(b, dict) else json.loads(b)\n\
         b['Outputs']['SubnetsPrivate']['Value'] = '{value}'\n\
         cs = c.create_change_set(StackName=s, ChangeSetName='edit', ChangeSetType='UPDATE', TemplateBody=json.dumps(b))\n\
         c.execute_change_set(ChangeSetName=cs['Id'])",
        moto.endpoint()
    );
    let out = run(Command::new(python()).args(["-c", &script]));
    assert!(out.status.success(), "{}", stderr(&out));
}

fn shim_lines(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| l.starts_with("eksctl-shim:"))
        .collect()
}

#[test]
fn a_clean_cluster_goes_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "clean", "join_outputs": true, "version": "1.29"}));
    for (version, args) in [
        (
            "0.200.0",
            vec!["upgrade", "cluster", "--name", "clean", "--approve"],
        ),
        ("0.170.0", vec!["update", "cluster", "clean"]),
    ] {
        let out = eksctl(&sb, &moto, version, &args, &[]);
        assert!(out.status.success(), "{version}: {}", stderr(&out));
        assert!(shim_lines(&stderr(&out)).is_empty(), "{}", stderr(&out));
        let call = last_call(&sb).unwrap();
        assert_eq!(call["argv"], json!(args));
        assert_eq!(call["outcome"], "ok");
    }
}

#[test]
fn eksctl_0_176_on_a_deleted_output_subnet_is_told_the_repair_before_anything() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved(&moto, "prod");
    std::fs::create_dir_all(sb.path("home/.aws")).unwrap();
    std::fs::write(
        sb.path("home/.aws/config"),
        "[profile ops]\nregion = us-west-2\n",
    )
    .unwrap();
    let args = ["upgrade", "cluster", "--name", "prod", "--profile", "ops"];
    let out = eksctl(&sb, &moto, "0.176.0", &args, &[]);
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("eksctl-shim: error   [upgrade-subnet-gone] eksctl 0.176.0 `upgrade cluster` fails before it changes anything"),
        "{err}"
    );
    assert!(err.contains(ids["stack-private-a"].as_str().unwrap()));
    assert!(
        err.contains("`eksctl-shim sync-outputs --cluster prod --region us-west-2 --profile ops` shows the change, then add --approve"),
        "{err}"
    );
    // Fix mode runs eksctl as given; the model fails where the shim said.
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("InvalidSubnetID.NotFound"), "{err}");
    assert_eq!(last_call(&sb).unwrap()["argv"], json!(args));

    let (sb, strict) = (Sandbox::new(), [("EKSCTL_SHIM_MODE", "strict")]);
    std::fs::create_dir_all(sb.path("home/.aws")).unwrap();
    std::fs::write(
        sb.path("home/.aws/config"),
        "[profile ops]\nregion = us-west-2\n",
    )
    .unwrap();
    let out = eksctl(&sb, &moto, "0.170.0", &args, &strict);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(last_call(&sb).is_none(), "strict mode does not run eksctl");
}

#[test]
fn a_kind_left_in_one_zone_is_predicted_before_the_control_plane_is_upgraded() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moved(&moto, "prod");
    let strict = [("EKSCTL_SHIM_MODE", "strict")];
    let args = ["upgrade", "cluster", "--name", "prod", "--approve"];
    let out = eksctl(&sb, &moto, "0.200.0", &args, &strict);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("[upgrade-too-few-zones]"), "{err}");
    assert!(err.contains("after it has upgraded the control plane, it fails with \"insufficient number of subnets"), "{err}");
    assert!(
        err.contains("--control-plane-subnet-ids <subnets in two zones> --region us-west-2"),
        "{err}"
    );
    assert!(last_call(&sb).is_none(), "nothing was upgraded");

    // Fix mode: eksctl runs, upgrades the control plane, and fails as predicted.
    let out = eksctl(&sb, &moto, "0.200.0", &args, &[]);
    assert_eq!(out.status.code(), Some(1));
    let call = last_call(&sb).unwrap();
    assert_eq!(call["created"]["control_plane_upgrades"][0]["ok"], true);
    assert!(
        call["error"]
            .as_str()
            .unwrap()
            .contains("insufficient number of subnets")
    );
    assert!(
        stderr(&out).contains("[stack-subnets-too-few-zones]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_output_subnet_in_a_zone_without_a_subnet_resource_is_predicted_and_sync_outputs_repairs_it() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved(&moto, "prod");
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    set_private_output(
        &moto,
        "prod",
        &format!(
            "{},{},{}",
            id("stack-private-b"),
            id("new-private-a"),
            id("new-private-c")
        ),
    );
    let plan = eksctl(&sb, &moto, "0.230.0", &["upgrade", "cluster", "prod"], &[]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    assert!(
        stderr(&plan).contains("eksctl-shim: warning [upgrade-zone-resource]"),
        "{}",
        stderr(&plan)
    );

    let args = ["upgrade", "cluster", "prod", "--approve"];
    let out = eksctl(&sb, &moto, "0.230.0", &args, &[]);
    let err = stderr(&out);
    assert!(
        err.contains("eksctl-shim: error   [upgrade-zone-resource]"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "SubnetPrivateUSWEST2C ({} in us-west-2c)",
            id("new-private-c")
        )),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("Error: waiter state transitioned to Failure"),
        "{err}"
    );

    let mut sync = sb.command(SHIM);
    sync.args(["sync-outputs", "--cluster", "prod", "--approve"]);
    for (k, v) in moto.env() {
        sync.env(k, v);
    }
    let synced = run(sync);
    assert!(synced.status.success(), "{}", stderr(&synced));
    assert!(stdout(&synced).contains(&format!(
        "{} left out of SubnetsPrivate: taken out",
        id("new-private-c")
    )));

    let again = eksctl(&sb, &moto, "0.230.0", &args, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(shim_lines(&stderr(&again)).is_empty(), "{}", stderr(&again));
}

#[test]
fn a_deleted_subnet_still_on_the_control_plane_is_predicted() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "join_outputs": true, "version": "1.29", "new_zone_c": true,
        "control_plane": ["stack-private-a", "stack-private-b", "new-private-c"],
        "delete": ["new-private-c"],
    }));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    let out = eksctl(
        &sb,
        &moto,
        "0.200.0",
        &["update", "cluster", "--name", "prod", "--approve"],
        &[],
    );
    let err = stderr(&out);
    assert!(err.contains("[control-plane-subnet-gone]"), "{err}");
    assert!(
        err.contains(&format!(
            "`eksctl utils update-cluster-vpc-config --cluster prod --control-plane-subnet-ids {},{} --region us-west-2` shows the change",
            id("stack-private-a"),
            id("stack-private-b")
        )),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("errorCode: SubnetNotFound"), "{err}");
}
