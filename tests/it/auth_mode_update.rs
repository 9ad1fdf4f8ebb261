//! `eksctl utils update-authentication-mode` through the built shim, against moto (EKS's
//! one-step, one-way rule added in tests/aws/moto_server.py), with the eksctl model as the
//! real eksctl: a change EKS refuses is said first, with the steps; a step EKS takes goes
//! through untouched; the step to API warns about aws-auth.

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::json;

/// `eksctl utils update-authentication-mode` of cluster prod to MODE, as eksctl 0.200.0.
fn set(sb: &Sandbox, moto: &Moto, mode: &str) -> Run {
    sb.eksctl_run([
        "utils",
        "update-authentication-mode",
        "--cluster",
        "prod",
        "--authentication-mode",
        mode,
    ])
    .version("0.200.0")
    .aws(moto)
}

#[test]
fn a_skipped_step_is_said_first_with_the_steps_and_eks_refuses_it() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "auth_mode": "CONFIG_MAP"}));
    // That EKS refuses a skipped step is inferred, not documented (audit v2 C2): a
    // warning, which strict mode does not refuse on.
    set(&sb, &moto, "API")
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(1)
        .says("warning [auth-mode-step] cluster \"prod\" is in authentication mode CONFIG_MAP: EKS refuses to change it to API")
        .says("`eksctl utils update-authentication-mode --cluster prod --authentication-mode API_AND_CONFIG_MAP --region us-west-2`, then `eksctl utils update-authentication-mode --cluster prod --authentication-mode API --region us-west-2`");
    // Fix mode: eksctl runs as given, and EKS refuses, as said.
    set(&sb, &moto, "API")
        .go()
        .exits(1)
        .says("Error: failed to update cluster config");
}

#[test]
fn one_step_goes_through_and_the_step_to_api_warns_about_aws_auth() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "auth_mode": "CONFIG_MAP"}));
    set(&sb, &moto, "API_AND_CONFIG_MAP")
        .go()
        .exits(0)
        .silent_shim();

    // A warning does not refuse, in strict mode either.
    set(&sb, &moto, "API")
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(0)
        .says("eksctl-shim: warning [auth-mode-to-api]")
        .says("`eksctl utils migrate-to-access-entry --cluster prod --target-authentication-mode API --region us-west-2` shows what it would do");
    let last = sb.last_call().unwrap();
    assert_eq!(last["created"]["auth_mode_updates"][0]["to"], "API");

    // The same mode again: EKS refuses a change to the current mode.
    set(&sb, &moto, "API")
        .go()
        .says("Nothing to do: the cluster is in API already.");
}
