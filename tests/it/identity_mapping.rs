//! `eksctl create iamidentitymapping` through the built shim, against moto, with the eksctl
//! model as the real eksctl: on an API-only cluster the mapping goes into aws-auth, which
//! EKS ignores (the model records it as not honoured); the shim says so before eksctl
//! runs, with the access entry that does what was meant. Other clusters: untouched.

use crate::common::moto::Moto;
use crate::common::run::Ran;
use crate::common::*;
use serde_json::json;

fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Ran {
    sb.eksctl_run(args).version("0.200.0").aws(moto).go()
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
    let ran = eksctl(&sb, &moto, &args);
    ran.exits(0).says(&format!(
        "`eksctl create accessentry --cluster apionly --principal-arn '{ARN}' --kubernetes-groups ops --kubernetes-username ops --region us-west-2`"
    ));
    assert!(
        ran.stderr().starts_with("eksctl-shim: warning [identity-mapping-on-api] cluster \"apionly\" uses authentication mode API"),
        "{}",
        ran.stderr()
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
    eksctl(&sb, &moto, &args).exits(0).silent_shim();
    assert_eq!(sb.main_call()["argv"], json!(args));
    assert_eq!(
        sb.main_call()["created"]["identity_mappings"][0]["honoured"],
        true
    );
}
