//! `eksctl utils update-cluster-vpc-config` through the built shim, against moto, with the
//! eksctl model as the real eksctl: a file without `vpc.clusterEndpoints` resets the API
//! endpoint to public only (eksctl's defaults); the shim says so before eksctl runs, and
//! the model then does exactly that. Files that set both, and flags, go through untouched.

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::json;

/// `eksctl utils update-cluster-vpc-config ARGS` through the shim, as eksctl 0.200.0.
fn vpc_config(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Run {
    let mut all = vec!["utils", "update-cluster-vpc-config"];
    all.extend_from_slice(args);
    sb.eksctl_run(all).version("0.200.0").aws(moto)
}

/// (publicAccess, privateAccess) of the cluster's API endpoint.
fn endpoints(moto: &Moto, cluster: &str) -> (bool, bool) {
    let v = &moto.cluster(cluster)["resourcesVpcConfig"];
    (
        v["endpointPublicAccess"].as_bool().unwrap(),
        v["endpointPrivateAccess"].as_bool().unwrap(),
    )
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

    vpc_config(&sb, &moto, &["-f", &f, "--approve"])
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says("eksctl-shim: error   [endpoint-access-reset] the file does not set vpc.clusterEndpoints, so eksctl sets the API endpoint of \"prod\" to publicAccess=true, privateAccess=false (its defaults); it is publicAccess=true, privateAccess=true now")
        .says("`vpc: {clusterEndpoints: {publicAccess: true, privateAccess: true}}`");
    assert_eq!(
        endpoints(&moto, "prod"),
        (true, true),
        "strict mode ran nothing"
    );

    vpc_config(&sb, &moto, &["-f", &f])
        .go()
        .says("eksctl-shim: warning [endpoint-access-reset]");

    // Fix mode runs eksctl as given, and eksctl does what was said.
    vpc_config(&sb, &moto, &["-f", &f, "--approve"])
        .go()
        .exits(0);
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
    vpc_config(&sb, &moto, &["-f", &f, "--approve"])
        .go()
        .exits(0)
        .silent_shim();
    assert_eq!(endpoints(&moto, "prod"), (true, true));

    let subnets = format!(
        "{},{}",
        ids["private-a"].as_str().unwrap(),
        ids["private-b"].as_str().unwrap()
    );
    let args = [
        "--cluster",
        "prod",
        "--control-plane-subnet-ids",
        &subnets,
        "--approve",
    ];
    // No finding (the note on the subnets left behind is the next test's).
    vpc_config(&sb, &moto, &args)
        .go()
        .exits(0)
        .never_says("eksctl-shim: warning")
        .never_says("eksctl-shim: error");
    assert_eq!(endpoints(&moto, "prod"), (true, true));
    let mut all = vec!["utils", "update-cluster-vpc-config"];
    all.extend_from_slice(&args);
    assert_eq!(sb.last_call().unwrap()["argv"], json!(all));
}

#[test]
fn moving_the_control_plane_off_stack_subnets_names_them_after_the_run() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({"cluster": "prod"}));
    let id = |k: &str| ids[k].as_str().unwrap().to_string();
    let subnets = format!("{},{}", id("new-private-a"), id("new-private-b"));
    let args = ["--cluster", "prod", "--control-plane-subnet-ids", &subnets];
    // Plan mode changes nothing.
    vpc_config(&sb, &moto, &args)
        .go()
        .exits(0)
        .never_says("note:");

    vpc_config(&sb, &moto, &[&args[..], &["--approve"]].concat())
        .go()
        .exits(0)
        .says(&format!(
            "eksctl-shim: note: the control plane no longer uses {}, {}, {}, {}, which the cluster stack eksctl-prod-cluster still lists in its subnet Outputs; once they are deleted, `eksctl-shim sync-outputs --cluster prod --region us-west-2` shows the change",
            id("private-a"), id("private-b"), id("public-a"), id("public-b")
        ));
}
