//! `eksctl upgrade cluster` / `update cluster` through the built shim, against moto, with
//! the eksctl model (tests/eksctl-model/eksmodel/upgrade.py) as the real eksctl: a clean
//! cluster goes through untouched, and each drift failure is predicted before anything
//! is upgraded, with a repair command that names cluster, region and profile; the model
//! then fails (fix mode) exactly as predicted, or is not run (strict mode).

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::{Value, json};

/// `eksctl ARGS` through the shim, as eksctl VERSION, against this moto.
fn upgrade(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Run {
    sb.eksctl_run(args).version(version).aws(moto)
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
    let stack = format!("eksctl-{cluster}-cluster");
    let mut body = moto.template(&stack);
    body["Outputs"]["SubnetsPrivate"]["Value"] = json!(value);
    moto.py(&format!(
        "cs = cfn.create_change_set(StackName='{stack}', ChangeSetName='edit', ChangeSetType='UPDATE', TemplateBody={})\ncfn.execute_change_set(ChangeSetName=cs['Id'])",
        serde_json::to_string(&body.to_string()).unwrap()
    ));
}

/// A profile `ops` in us-west-2, with (moto's) credentials, in the sandbox's HOME.
fn ops_profile(sb: &Sandbox) {
    std::fs::create_dir_all(sb.path("home/.aws")).unwrap();
    std::fs::write(
        sb.path("home/.aws/config"),
        "[profile ops]\nregion = us-west-2\n",
    )
    .unwrap();
    std::fs::write(
        sb.path("home/.aws/credentials"),
        "[ops]\naws_access_key_id = testing\naws_secret_access_key = testing\n",
    )
    .unwrap();
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
        upgrade(&sb, &moto, version, &args)
            .go()
            .exits(0)
            .silent_shim();
        let call = sb.last_call().unwrap();
        assert_eq!(call["argv"], json!(args));
        assert_eq!(call["outcome"], "ok");
    }
}

#[test]
fn eksctl_0_176_on_a_deleted_output_subnet_is_told_the_repair_before_anything() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moved(&moto, "prod");
    ops_profile(&sb);
    let args = ["upgrade", "cluster", "--name", "prod", "--profile", "ops"];
    let ran = upgrade(&sb, &moto, "0.176.0", &args).go();
    let err = ran.stderr();
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("eksctl-shim: error   [upgrade-subnet-gone] eksctl 0.176.0 `upgrade cluster` fails before it changes anything"),
        "{err}"
    );
    // Fix mode runs eksctl as given; the model fails where the shim said.
    ran.says(ids["stack-private-a"].as_str().unwrap())
        .says("`eksctl-shim sync-outputs --cluster prod --region us-west-2 --profile ops` shows the change, then add --approve")
        .exits(1)
        .says("InvalidSubnetID.NotFound");
    assert_eq!(sb.last_call().unwrap()["argv"], json!(args));

    let sb = Sandbox::new();
    ops_profile(&sb);
    upgrade(&sb, &moto, "0.170.0", &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3);
    assert!(sb.last_call().is_none(), "strict mode does not run eksctl");
}

#[test]
fn a_kind_left_in_one_zone_is_predicted_before_the_control_plane_is_upgraded() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moved(&moto, "prod");
    let args = ["upgrade", "cluster", "--name", "prod", "--approve"];
    upgrade(&sb, &moto, "0.200.0", &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says("[upgrade-too-few-zones]")
        .says("after it has upgraded the control plane, it fails with \"insufficient number of subnets")
        .says("--control-plane-subnet-ids <subnets in two zones> --region us-west-2");
    assert!(sb.last_call().is_none(), "nothing was upgraded");

    // Fix mode: eksctl runs, upgrades the control plane, and fails as predicted.
    upgrade(&sb, &moto, "0.200.0", &args)
        .go()
        .exits(1)
        // eksctl failed as the finding said (its advice read as stack-subnets-too-few-zones):
        // one line points at the finding (issue 25).
        .says("eksctl failed as predicted: see [upgrade-too-few-zones] above");
    let call = sb.last_call().unwrap();
    assert_eq!(call["created"]["control_plane_upgrades"][0]["ok"], true);
    assert!(
        call["error"]
            .as_str()
            .unwrap()
            .contains("insufficient number of subnets")
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
    upgrade(&sb, &moto, "0.230.0", &["upgrade", "cluster", "prod"])
        .go()
        .exits(0)
        .says("eksctl-shim: warning [upgrade-zone-resource]");

    let args = ["upgrade", "cluster", "prod", "--approve"];
    upgrade(&sb, &moto, "0.230.0", &args)
        .go()
        .says("eksctl-shim: error   [upgrade-zone-resource]")
        .says(&format!(
            "SubnetPrivateUSWEST2C ({} in us-west-2c)",
            id("new-private-c")
        ))
        .exits(1)
        .says("Error: waiter state transitioned to Failure");

    let synced = sb
        .shim_run(["sync-outputs", "--cluster", "prod", "--approve"])
        .aws(&moto)
        .go();
    synced.exits(0);
    assert!(synced.stdout().contains(&format!(
        "{} left out of SubnetsPrivate: taken out",
        id("new-private-c")
    )));

    upgrade(&sb, &moto, "0.230.0", &args)
        .go()
        .exits(0)
        .silent_shim();
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
    let args = ["update", "cluster", "--name", "prod", "--approve"];
    upgrade(&sb, &moto, "0.200.0", &args)
        .go()
        .says("[control-plane-subnet-gone]")
        .says(&format!(
            "`eksctl utils update-cluster-vpc-config --cluster prod --control-plane-subnet-ids {},{} --region us-west-2` shows the change",
            id("stack-private-a"),
            id("stack-private-b")
        ))
        .exits(1)
        .says("errorCode: SubnetNotFound");
}

/// eksctl #7290: subnets taken off the control plane were back after an upgrade. The
/// world's EKS re-registers them on the upgrade; the shim compares the control plane's
/// subnets before and after, names the ones that came back, and gives the command that
/// takes them off again, which the model then runs.
#[test]
fn subnets_that_came_back_with_an_upgrade_are_named_with_the_command_to_take_them_off() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({
        "cluster": "prod", "join_outputs": true, "version": "1.29",
        "control_plane": ["stack-private-a", "stack-private-b"],
        "readd_on_upgrade": ["stack-public-a", "stack-public-b"],
    }));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    ops_profile(&sb);
    let ran = upgrade(
        &sb,
        &moto,
        "0.200.0",
        &[
            "upgrade",
            "cluster",
            "prod",
            "--profile",
            "ops",
            "--approve",
        ],
    )
    .go();
    let restore = format!(
        "eksctl utils update-cluster-vpc-config --cluster prod --control-plane-subnet-ids {},{} --region us-west-2 --profile ops",
        id("stack-private-a"),
        id("stack-private-b")
    );
    ran.exits(0)
        .says(&format!(
            "eksctl-shim: warning: the control plane of cluster prod now also uses {}, {}, which it did not use before the upgrade (eksctl #7290)",
            id("stack-public-a"),
            id("stack-public-b")
        ))
        .says(&format!("`{restore}` shows the change back"));
    assert_eq!(ran.shim_lines().len(), 1, "{}", ran.stderr());

    // The command as printed, with --approve, through the shim to the model.
    let mut words: Vec<&str> = restore.split(' ').skip(1).collect();
    words.push("--approve");
    upgrade(&sb, &moto, "0.200.0", &words).go().exits(0);
    let change = &sb.last_call().unwrap()["created"]["vpc_config_updates"][0];
    assert_eq!(
        change["subnetIds"],
        json!([id("stack-private-a"), id("stack-private-b")])
    );

    // Plan mode upgrades nothing, so nothing is compared (and nothing re-added).
    upgrade(
        &sb,
        &moto,
        "0.200.0",
        &["upgrade", "cluster", "prod", "--profile", "ops"],
    )
    .go()
    .exits(0)
    .never_says("#7290");
}
