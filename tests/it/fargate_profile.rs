//! `eksctl create fargateprofile` through the built shim, against moto, with the eksctl
//! model as the real eksctl: on eksctl <= 0.176 a deleted subnet in the stack's Outputs
//! fails the command in loading the cluster; the shim says so first with the repair (and
//! makes it with EKSCTL_SHIM_REPAIR=outputs); 0.177 on, and a clean cluster, untouched.

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

/// `eksctl create fargateprofile --cluster prod --name NAME --namespace apps`.
fn args(name: &str) -> [&str; 8] {
    [
        "create",
        "fargateprofile",
        "--cluster",
        "prod",
        "--name",
        name,
        "--namespace",
        "apps",
    ]
}

#[test]
fn eksctl_0_176_on_a_deleted_output_subnet_is_told_and_repaired_on_request() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a"]}));
    let ran = sb.eksctl_run(args("fp")).version("0.176.0").aws(&moto).go();
    assert!(
        ran.stderr().starts_with("eksctl-shim: error   [fargate-subnet-gone] eksctl 0.176.0 `create fargateprofile` fails loading the cluster"),
        "{}",
        ran.stderr()
    );
    ran.says("`eksctl-shim sync-outputs --cluster prod --region us-west-2` shows the change")
        // The model fails as said.
        .exits(1)
        .says("couldn't load cluster into spec");

    sb.eksctl_run(args("fp"))
        .version("0.176.0")
        .aws(&moto)
        .env("EKSCTL_SHIM_REPAIR", "outputs")
        .go()
        .exits(0);
    assert_eq!(
        sb.last_call().unwrap()["created"]["fargate_profiles"],
        json!(["fp"])
    );
}

#[test]
fn later_versions_and_clean_clusters_go_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a"]}));
    for (version, name) in [("0.177.0", "fp1"), ("0.230.0", "fp2")] {
        sb.eksctl_run(args(name))
            .version(version)
            .aws(&moto)
            .go()
            .exits(0)
            .silent_shim();
    }
}
