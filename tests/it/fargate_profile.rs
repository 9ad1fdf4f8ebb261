//! `eksctl create fargateprofile` through the built shim, against moto, with the eksctl
//! model as the real eksctl: on eksctl <= 0.176 a deleted subnet in the stack's Outputs
//! fails the command in loading the cluster; the shim says so first with the repair (and
//! makes it with EKSCTL_SHIM_REPAIR=outputs); 0.177 on, and a clean cluster, untouched.

use std::process::Output;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

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

const ARGS: &[&str] = &[
    "create",
    "fargateprofile",
    "--cluster",
    "prod",
    "--name",
    "fp",
    "--namespace",
    "apps",
];

#[test]
fn eksctl_0_176_on_a_deleted_output_subnet_is_told_and_repaired_on_request() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a"]}));
    let out = eksctl(&sb, &moto, "0.176.0", ARGS, &[]);
    let err = stderr(&out);
    assert!(
        err.starts_with("eksctl-shim: error   [fargate-subnet-gone] eksctl 0.176.0 `create fargateprofile` fails loading the cluster"),
        "{err}"
    );
    assert!(
        err.contains(
            "`eksctl-shim sync-outputs --cluster prod --region us-west-2` shows the change"
        ),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1), "the model fails as said");
    assert!(err.contains("couldn't load cluster into spec"), "{err}");

    let out = eksctl(
        &sb,
        &moto,
        "0.176.0",
        ARGS,
        &[("EKSCTL_SHIM_REPAIR", "outputs")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let last = sb
        .calls()
        .into_iter()
        .rfind(|c| c["argv"][0] != "version")
        .unwrap();
    assert_eq!(last["created"]["fargate_profiles"], json!(["fp"]));
}

#[test]
fn later_versions_and_clean_clusters_go_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a"]}));
    for version in ["0.177.0", "0.230.0"] {
        let args: Vec<&str> = ARGS
            .iter()
            .copied()
            .map(|a| {
                if a == "fp" {
                    if version == "0.177.0" { "fp1" } else { "fp2" }
                } else {
                    a
                }
            })
            .collect();
        let out = eksctl(&sb, &moto, version, &args, &[]);
        assert!(out.status.success(), "{version}: {}", stderr(&out));
        assert!(!stderr(&out).contains("eksctl-shim:"), "{}", stderr(&out));
    }
}
