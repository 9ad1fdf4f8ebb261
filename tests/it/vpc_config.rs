//! `eksctl utils update-cluster-vpc-config` through the built shim, against moto, with the
//! eksctl model as the real eksctl: a file without `vpc.clusterEndpoints` resets the API
//! endpoint to public only (eksctl's defaults); the shim says so before eksctl runs, and
//! the model then does exactly that. Files that set both, and flags, go through untouched.

use std::process::{Command, Output};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sb.eksctl(args);
    cmd.env("EKSCTL_STANDIN_VERSION", "0.200.0");
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd)
}

/// (publicAccess, privateAccess) of the cluster's API endpoint, read with boto3.
fn endpoints(moto: &Moto, cluster: &str) -> (bool, bool) {
    let script = format!(
        "import boto3\nc = boto3.client('eks', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         v = c.describe_cluster(name='{cluster}')['cluster']['resourcesVpcConfig']\nprint(v['endpointPublicAccess'], v['endpointPrivateAccess'])",
        moto.endpoint()
    );
    let out = run(Command::new(python()).args(["-c", &script]));
    match stdout(&out).trim() {
        "True True" => (true, true),
        "True False" => (true, false),
        other => panic!("{other}: {}", stderr(&out)),
    }
}

fn file(sb: &Sandbox, body: &str) -> String {
    let text = format!(
        "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: prod\n  region: us-west-2\n{body}"
    );
    std::fs::write(sb.path("c.yaml"), text).unwrap();
    "c.yaml".into()
}

#[test]
fn a_file_without_cluster_endpoints_is_said_to_reset_private_access_and_does() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "endpoint_private_access": true}));
    let f = file(&sb, "vpc:\n  publicAccessCIDRs: [\"1.2.3.4/32\"]\n");

    let strict = eksctl(
        &sb,
        &moto,
        &["utils", "update-cluster-vpc-config", "-f", &f, "--approve"],
        &[("EKSCTL_SHIM_MODE", "strict")],
    );
    let err = stderr(&strict);
    assert_eq!(strict.status.code(), Some(3), "{err}");
    assert!(
        err.contains("eksctl-shim: error   [endpoint-access-reset] the file does not set vpc.clusterEndpoints, so eksctl sets the API endpoint of \"prod\" to publicAccess=true, privateAccess=false (its defaults); it is publicAccess=true, privateAccess=true now"),
        "{err}"
    );
    assert!(
        err.contains("`vpc: {clusterEndpoints: {publicAccess: true, privateAccess: true}}`"),
        "{err}"
    );
    assert_eq!(
        endpoints(&moto, "prod"),
        (true, true),
        "strict mode ran nothing"
    );

    let plan = eksctl(
        &sb,
        &moto,
        &["utils", "update-cluster-vpc-config", "-f", &f],
        &[],
    );
    assert!(
        stderr(&plan).contains("eksctl-shim: warning [endpoint-access-reset]"),
        "{}",
        stderr(&plan)
    );

    // Fix mode runs eksctl as given, and eksctl does what was said.
    let out = eksctl(
        &sb,
        &moto,
        &["utils", "update-cluster-vpc-config", "-f", &f, "--approve"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(endpoints(&moto, "prod"), (true, false));
}

#[test]
fn a_file_that_sets_both_and_flags_go_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({"cluster": "prod", "endpoint_private_access": true}));
    let f = file(
        &sb,
        "vpc:\n  clusterEndpoints: {publicAccess: true, privateAccess: true}\n  publicAccessCIDRs: [\"1.2.3.4/32\"]\n",
    );
    let out = eksctl(
        &sb,
        &moto,
        &["utils", "update-cluster-vpc-config", "-f", &f, "--approve"],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("eksctl-shim:"), "{}", stderr(&out));
    assert_eq!(endpoints(&moto, "prod"), (true, true));

    let subnets = format!(
        "{},{}",
        ids["private-a"].as_str().unwrap(),
        ids["private-b"].as_str().unwrap()
    );
    let args = [
        "utils",
        "update-cluster-vpc-config",
        "--cluster",
        "prod",
        "--control-plane-subnet-ids",
        &subnets,
        "--approve",
    ];
    let out = eksctl(&sb, &moto, &args, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // No finding (the note on the subnets left behind is the next test's).
    assert!(
        !stderr(&out).contains("eksctl-shim: warning"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("eksctl-shim: error"),
        "{}",
        stderr(&out)
    );
    assert_eq!(endpoints(&moto, "prod"), (true, true));
    let last = sb
        .calls()
        .into_iter()
        .rfind(|c| c["argv"][0] != "version")
        .unwrap();
    assert_eq!(last["argv"], json!(args));
}

#[test]
fn moving_the_control_plane_off_stack_subnets_names_them_after_the_run() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({"cluster": "prod"}));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    let subnets = format!("{},{}", id("new-private-a"), id("new-private-b"));
    let plan = eksctl(
        &sb,
        &moto,
        &[
            "utils",
            "update-cluster-vpc-config",
            "--cluster",
            "prod",
            "--control-plane-subnet-ids",
            &subnets,
        ],
        &[],
    );
    assert!(plan.status.success(), "{}", stderr(&plan));
    assert!(
        !stderr(&plan).contains("note:"),
        "plan mode changes nothing: {}",
        stderr(&plan)
    );

    let out = eksctl(
        &sb,
        &moto,
        &[
            "utils",
            "update-cluster-vpc-config",
            "--cluster",
            "prod",
            "--control-plane-subnet-ids",
            &subnets,
            "--approve",
        ],
        &[],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "eksctl-shim: note: the control plane no longer uses {}, {}, {}, {}, which the cluster stack eksctl-prod-cluster still lists in its subnet Outputs; once they are deleted, `eksctl-shim sync-outputs --cluster prod --region us-west-2` shows the change",
            id("private-a"), id("private-b"), id("public-a"), id("public-b")
        )),
        "{err}"
    );
}
