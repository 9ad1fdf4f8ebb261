//! `eksctl create iamidentitymapping` through the built shim, against moto, with the eksctl
//! model as the real eksctl: on an API-only cluster the mapping goes into aws-auth, which
//! EKS ignores (the model records it as not honoured); the shim says so before eksctl
//! runs, with the access entry that does what was meant. Other clusters: untouched.

use std::process::Output;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Output {
    let mut cmd = sb.eksctl(args);
    cmd.env("EKSCTL_STANDIN_VERSION", "0.200.0");
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    run(cmd)
}

const ARN: &str = "arn:aws:iam::123456789012:role/ops";

#[test]
fn on_an_api_only_cluster_the_shim_warns_and_eksctl_runs_as_given() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "apionly", "auth_mode": "API"}));
    let args = [
        "create",
        "iamidentitymapping",
        "--cluster",
        "apionly",
        "--arn",
        ARN,
        "--group",
        "ops",
        "--username",
        "ops",
    ];
    let out = eksctl(&sb, &moto, &args);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.starts_with("eksctl-shim: warning [identity-mapping-on-api] cluster \"apionly\" uses authentication mode API"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "`eksctl create accessentry --cluster apionly --principal-arn '{ARN}' --kubernetes-groups ops --kubernetes-username ops --region us-west-2`"
        )),
        "{err}"
    );
    let call = sb.main_call();
    assert_eq!(call["argv"], json!(args));
    assert_eq!(call["created"]["identity_mappings"][0]["honoured"], false);
}

#[test]
fn other_clusters_go_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "both", "auth_mode": "API_AND_CONFIG_MAP"}));
    let args = [
        "create",
        "iamidentitymapping",
        "both",
        "--arn",
        ARN,
        "--group",
        "ops",
    ];
    let out = eksctl(&sb, &moto, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("eksctl-shim:"), "{}", stderr(&out));
    assert_eq!(sb.main_call()["argv"], json!(args));
    assert_eq!(
        sb.main_call()["created"]["identity_mappings"][0]["honoured"],
        true
    );
}
