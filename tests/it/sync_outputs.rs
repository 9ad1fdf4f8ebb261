//! `eksctl-shim sync-outputs` against moto: plan, approve, refusals, and the template's
//! Resources unchanged. Where moto differs from CloudFormation: moto 5 has no ListImports
//! and does not carry a change set's Outputs into the stack; tests/aws/moto_server.py adds
//! both following the real API. CloudFormation reports an Outputs-only change set with no
//! resource `Changes`; moto computes `Changes` from its own resource diff, so the "nothing
//! but Outputs" rule is tested here for the Outputs-only case (empty Changes, as on AWS),
//! and the refusal branch by the unit tests of the template edit and by reading the code.

use std::process::{Command, Output};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::{Value, json};

fn shim(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Output {
    let mut cmd: Command = sb.command(SHIM);
    cmd.args(args).env("EKSCTL_STANDIN_VERSION", "0.200.0");
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    run(cmd)
}

/// The stack's template and Outputs, read with boto3.
fn stack(moto: &Moto, name: &str) -> (Value, Value) {
    let script = format!(
        "import boto3, json\nc = boto3.client('cloudformation', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         t = c.get_template(StackName='{name}')['TemplateBody']\n\
         o = {{x['OutputKey']: x['OutputValue'] for x in c.describe_stacks(StackName='{name}')['Stacks'][0].get('Outputs', [])}}\n\
         print(json.dumps([t if isinstance(t, dict) else json.loads(t), o]))",
        moto.endpoint()
    );
    let out = run(Command::new(python()).args(["-c", &script]));
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    (v[0].clone(), v[1].clone())
}

fn drifted(moto: &Moto, extra: Value) -> Value {
    let mut spec = json!({"cluster": "prod", "moved": true, "join_outputs": true, "delete": ["stack-private-a", "stack-private-b"]});
    spec.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    moto.world(spec)
}

#[test]
fn plan_then_approve_changes_outputs_only_and_clears_the_drift() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = drifted(&moto, json!({}));
    let (template_before, outputs_before) = stack(&moto, "eksctl-prod-cluster");
    let new = format!(
        "{},{}",
        ids["new-private-a"].as_str().unwrap(),
        ids["new-private-b"].as_str().unwrap()
    );

    let plan = shim(&sb, &moto, &["sync-outputs", "--cluster", "prod"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let text = stdout(&plan);
    assert!(
        text.contains(&format!(
            "old: {}",
            outputs_before["SubnetsPrivate"].as_str().unwrap()
        )),
        "{text}"
    );
    assert!(text.contains(&format!("new: {new}")), "{text}");
    assert!(text.contains("nothing was changed"));
    assert_eq!(
        stack(&moto, "eksctl-prod-cluster"),
        (template_before.clone(), outputs_before.clone()),
        "a plan changes nothing"
    );

    let applied = shim(
        &sb,
        &moto,
        &["sync-outputs", "--cluster", "prod", "--approve"],
    );
    assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    assert!(stdout(&applied).contains("read back as planned"));
    let (template_after, outputs_after) = stack(&moto, "eksctl-prod-cluster");
    assert_eq!(
        template_after["Resources"], template_before["Resources"],
        "no resource changed"
    );
    assert_eq!(outputs_after["SubnetsPrivate"], new.as_str());
    assert_eq!(
        outputs_after["SubnetsPublic"],
        outputs_before["SubnetsPublic"]
    );
    assert_eq!(outputs_after["VPC"], outputs_before["VPC"]);

    let check = shim(&sb, &moto, &["check", "--cluster", "prod"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let mut create = sb.eksctl(["create", "ng", "--cluster", "prod", "-n", "ng-1", "-P"]);
    create.env("EKSCTL_STANDIN_VERSION", "0.200.0");
    for (k, v) in moto.env() {
        create.env(k, v);
    }
    let out = run(create);
    assert!(out.status.success());
    assert_eq!(
        sb.main_call()["argv"],
        json!(["create", "ng", "--cluster", "prod", "-n", "ng-1", "-P"]),
        "no rewrite needed any more"
    );

    let again = shim(&sb, &moto, &["sync-outputs", "--cluster", "prod"]);
    assert!(stdout(&again).contains("nothing to change"));
}

#[test]
fn an_imported_export_is_refused_and_nothing_changes() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({"importer": true}));
    let before = stack(&moto, "eksctl-prod-cluster");
    let out = shim(
        &sb,
        &moto,
        &["sync-outputs", "--cluster", "prod", "--approve"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "eksctl-prod-cluster::SubnetsPrivate is imported by eksctl-prod-nodegroup-old"
        ),
        "{err}"
    );
    assert!(err.contains("eksctl < 0.140.0"), "{err}");
    assert_eq!(stack(&moto, "eksctl-prod-cluster"), before);
}

#[test]
fn a_stack_that_is_not_stable_is_refused() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({"stack_failed": true}));
    let out = shim(
        &sb,
        &moto,
        &["sync-outputs", "--cluster", "prod", "--approve"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("is ROLLBACK_COMPLETE, not in a stable state"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_cluster_or_stack_is_refused() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "adopted", "stack": false}));
    let out = shim(&sb, &moto, &["sync-outputs", "--cluster", "adopted"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("has no eksctl stack"));
    let none = shim(&sb, &moto, &["sync-outputs", "--cluster", "nope"]);
    assert_eq!(none.status.code(), Some(3));
}

/// `eksctl` through the shim (the model behind it), in moto's world.
fn eksctl(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Output {
    let mut cmd = sb.eksctl(args);
    cmd.env("EKSCTL_STANDIN_VERSION", version);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    run(cmd)
}

#[test]
fn the_account_region_and_stack_come_first() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({}));
    let out = shim(&sb, &moto, &["sync-outputs", "--cluster", "prod"]);
    assert_eq!(
        stdout(&out).lines().next(),
        Some("account 123456789012, region us-west-2, stack eksctl-prod-cluster"),
        "{}",
        stdout(&out)
    );
}

/// An eksctl-made VPC in zones a and b; the control plane moved to a new subnet in zone
/// a, one in zone c (where the stack has no subnet resource) and the stack's subnet in
/// b; the stack's private subnet in a was deleted.
#[test]
fn a_control_plane_moved_to_a_new_zone_keeps_that_zone_out_and_upgrade_then_succeeds() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "join_outputs": true, "new_zone_c": true, "version": "1.29",
        "delete": ["stack-private-a"],
        "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"],
    }));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();

    // As it stands, eksctl >= 0.177 upgrades the control plane, then fails on the stack.
    let before = eksctl(
        &sb,
        &moto,
        "0.200.0",
        &["upgrade", "cluster", "--name", "prod"],
    );
    assert!(
        String::from_utf8_lossy(&before.stderr).contains("insufficient number of subnets"),
        "{}",
        stderr(&before)
    );

    let plan = shim(&sb, &moto, &["sync-outputs", "--cluster", "prod"]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let text = stdout(&plan);
    assert!(
        text.contains(&format!(
            "{} left out of SubnetsPrivate: the stack made its VPC and has no SubnetPrivateUSWEST2C resource for us-west-2c",
            id("new-private-c")
        )),
        "{text}"
    );
    let new = format!("{},{}", id("stack-private-b"), id("new-private-a"));
    assert!(text.contains(&format!("new: {new}")), "{text}");

    let applied = shim(
        &sb,
        &moto,
        &["sync-outputs", "--cluster", "prod", "--approve"],
    );
    assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    assert_eq!(
        stack(&moto, "eksctl-prod-cluster").1["SubnetsPrivate"],
        new.as_str()
    );

    for version in ["0.180.0", "0.230.0"] {
        let upgraded = eksctl(
            &sb,
            &moto,
            version,
            &["upgrade", "cluster", "--name", "prod", "--approve"],
        );
        assert!(
            upgraded.status.success(),
            "{version}: {}",
            stderr(&upgraded)
        );
        let call = sb.calls().into_iter().next_back().unwrap();
        assert_eq!(call["outcome"], "ok", "{call}");
        assert_eq!(call["created"]["control_plane_upgrades"][0]["ok"], true);
    }
}

#[test]
fn a_kind_in_one_zone_is_warned_about_even_when_the_outputs_are_in_sync() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // The public subnet in zone a is deleted and the control plane has no other.
    moto.world(json!({"cluster": "prod", "delete": ["public-a"]}));
    let applied = shim(
        &sb,
        &moto,
        &["sync-outputs", "--cluster", "prod", "--approve"],
    );
    assert_eq!(applied.status.code(), Some(0), "{}", stderr(&applied));
    let again = shim(&sb, &moto, &["sync-outputs", "--cluster", "prod"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(stdout(&again).contains("nothing to change"));
    let err = stderr(&again);
    assert!(
        err.contains(
            "warning: SubnetsPublic leaves the cluster's public subnets in one zone (us-west-2b)"
        ) && err.contains("at least 2x public and/or 2x private subnets are required"),
        "{err}"
    );
}
