//! `eksctl-shim sync-outputs` against moto: plan, approve, refusals, and the template's
//! Resources unchanged. Where moto differs from CloudFormation: moto 5 has no ListImports
//! and does not carry a change set's Outputs into the stack; tests/aws/moto_server.py adds
//! both following the real API. CloudFormation reports an Outputs-only change set with no
//! resource `Changes`, as moto does here; a change set that lists a resource change, and
//! one CloudFormation fails, are faults of the world (moto_server.py) for the refusals.

use crate::common::moto::Moto;
use crate::common::run::Ran;
use crate::common::*;
use serde_json::{Value, json};

pub(crate) const STACK: &str = "eksctl-prod-cluster";

/// `eksctl-shim ARGS` against this moto.
pub(crate) fn shim(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Ran {
    sb.shim_run(args).version("0.200.0").aws(moto).go()
}

/// `eksctl ARGS` through the shim, as eksctl VERSION (the model behind it).
pub(crate) fn eksctl(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Ran {
    sb.eksctl_run(args).version(version).aws(moto).go()
}

/// The stack's template and Outputs.
fn stack(moto: &Moto) -> (Value, Value) {
    (moto.template(STACK), moto.outputs(STACK))
}

fn drifted(moto: &Moto, extra: Value) -> Value {
    let mut spec = json!({"cluster": "prod", "moved": true, "join_outputs": true, "delete": ["stack-private-a", "stack-private-b"]});
    spec.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    moto.world(spec)
}

/// How many change sets the cluster stack still has.
fn change_sets_left(moto: &Moto) -> String {
    moto.py(&format!(
        "print(len(cfn.list_change_sets(StackName='{STACK}')['Summaries']))"
    ))
}

pub(crate) const PLAN: &[&str] = &["sync-outputs", "--cluster", "prod"];
pub(crate) const APPROVE: &[&str] = &["sync-outputs", "--cluster", "prod", "--approve"];

#[test]
fn plan_then_approve_changes_outputs_only_and_clears_the_drift() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = drifted(&moto, json!({}));
    let (template_before, outputs_before) = stack(&moto);
    let new = format!(
        "{},{}",
        ids["new-private-a"].as_str().unwrap(),
        ids["new-private-b"].as_str().unwrap()
    );

    shim(&sb, &moto, PLAN)
        .exits(0)
        .prints(&format!(
            "old: {}",
            outputs_before["SubnetsPrivate"].as_str().unwrap()
        ))
        .prints(&format!("new: {new}"))
        .prints("nothing was changed");
    assert_eq!(
        stack(&moto),
        (template_before.clone(), outputs_before.clone()),
        "a plan changes nothing"
    );

    shim(&sb, &moto, APPROVE)
        .exits(0)
        .prints("read back as planned");
    let (template_after, outputs_after) = stack(&moto);
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

    shim(&sb, &moto, &["check", "--cluster", "prod"]).exits(0);
    let create = ["create", "ng", "--cluster", "prod", "-n", "ng-1", "-P"];
    eksctl(&sb, &moto, "0.200.0", &create).exits(0);
    assert_eq!(
        sb.main_call()["argv"],
        json!(create),
        "no rewrite needed any more"
    );

    shim(&sb, &moto, PLAN).prints("nothing to change");
}

#[test]
fn an_imported_export_is_refused_and_nothing_changes() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({"importer": true}));
    let before = stack(&moto);
    shim(&sb, &moto, APPROVE)
        .exits(3)
        .says("eksctl-prod-cluster::SubnetsPrivate is imported by eksctl-prod-nodegroup-old")
        .says("eksctl < 0.140.0");
    assert_eq!(stack(&moto), before);
}

#[test]
fn a_stack_that_is_not_stable_is_refused() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({"stack_failed": true}));
    shim(&sb, &moto, APPROVE)
        .exits(3)
        .says("is ROLLBACK_COMPLETE, not in a stable state");
}

#[test]
fn a_missing_cluster_or_stack_is_refused() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "adopted", "stack": false}));
    shim(&sb, &moto, &["sync-outputs", "--cluster", "adopted"])
        .exits(3)
        .says("has no eksctl stack");
    shim(&sb, &moto, &["sync-outputs", "--cluster", "nope"]).exits(3);
}

#[test]
fn the_account_region_and_stack_come_first() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(&moto, json!({}));
    let ran = shim(&sb, &moto, PLAN);
    assert_eq!(
        ran.stdout().lines().next(),
        Some("eksctl-shim: account 123456789012, region us-west-2, stack eksctl-prod-cluster"),
        "{}",
        ran.stdout()
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
    eksctl(
        &sb,
        &moto,
        "0.200.0",
        &["upgrade", "cluster", "--name", "prod"],
    )
    .says("insufficient number of subnets");

    let new = format!("{},{}", id("stack-private-b"), id("new-private-a"));
    shim(&sb, &moto, PLAN)
        .exits(0)
        .prints(&format!(
            "{} left out of SubnetsPrivate: the stack made its VPC and has no SubnetPrivateUSWEST2C resource for us-west-2c",
            id("new-private-c")
        ))
        .prints(&format!("new: {new}"));

    shim(&sb, &moto, APPROVE).exits(0);
    assert_eq!(moto.outputs(STACK)["SubnetsPrivate"], new.as_str());

    for version in ["0.180.0", "0.230.0"] {
        eksctl(
            &sb,
            &moto,
            version,
            &["upgrade", "cluster", "--name", "prod", "--approve"],
        )
        .exits(0);
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
    shim(&sb, &moto, APPROVE).exits(0);
    shim(&sb, &moto, PLAN)
        .exits(0)
        .prints("nothing to change")
        .says("warning: SubnetsPublic leaves the cluster's public subnets in one zone (us-west-2b)")
        .says("at least 2x public and/or 2x private subnets are required");
}

/// CloudFormation may fail the change set itself (an invalid template, a resource it
/// cannot change): its status is read before anything is executed, the change set is
/// deleted, and the stack keeps its Outputs.
#[test]
fn a_change_set_cloudformation_failed_is_not_executed_and_is_cleaned_up() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(
        &moto,
        json!({"changeset_fails": "Template format error: Unresolved resource dependencies"}),
    );
    let before = stack(&moto);
    shim(&sb, &moto, APPROVE)
        .exits(1)
        .says("the change set is FAILED (execution UNAVAILABLE): Template format error: Unresolved resource dependencies");
    assert_eq!(stack(&moto), before, "nothing was executed");
    let left = change_sets_left(&moto);
    assert_eq!(left.trim(), "0", "the failed change set was deleted");
}

/// A change set that lists any resource change is more than an Outputs edit: refused
/// (exit 3), deleted, nothing executed.
#[test]
fn a_change_set_that_lists_a_resource_change_is_refused() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    drifted(
        &moto,
        json!({"changeset_changes": "Modify ControlPlane AWS::EKS::Cluster"}),
    );
    let before = stack(&moto);
    shim(&sb, &moto, APPROVE).exits(3).says(
        "the change set would change more than Outputs: Modify ControlPlane (AWS::EKS::Cluster)",
    );
    assert_eq!(stack(&moto), before, "nothing was executed");
    let left = change_sets_left(&moto);
    assert_eq!(left.trim(), "0", "the change set was deleted");
}
