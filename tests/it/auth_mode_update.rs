//! `eksctl utils update-authentication-mode` through the built shim, against moto (EKS's
//! one-step, one-way rule added in tests/aws/moto_server.py), with the eksctl model as the
//! real eksctl: a change EKS refuses is said first, with the steps; a step EKS takes goes
//! through untouched; the step to API warns about aws-auth.

use std::process::Output;

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

fn set(mode: &str) -> Vec<&str> {
    vec![
        "utils",
        "update-authentication-mode",
        "--cluster",
        "prod",
        "--authentication-mode",
        mode,
    ]
}

#[test]
fn a_skipped_step_is_refused_first_with_the_steps_and_eks_refuses_it_too() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "auth_mode": "CONFIG_MAP"}));
    let out = eksctl(&sb, &moto, &set("API"), &[("EKSCTL_SHIM_MODE", "strict")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("[auth-mode-step] cluster \"prod\" is in authentication mode CONFIG_MAP: EKS refuses to change it to API"), "{err}");
    assert!(
        err.contains("`eksctl utils update-authentication-mode --cluster prod --authentication-mode API_AND_CONFIG_MAP --region us-west-2`, then `eksctl utils update-authentication-mode --cluster prod --authentication-mode API --region us-west-2`"),
        "{err}"
    );
    // Fix mode: eksctl runs as given, and EKS refuses, as said.
    let out = eksctl(&sb, &moto, &set("API"), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Error: failed to update cluster config"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn one_step_goes_through_and_the_step_to_api_warns_about_aws_auth() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "auth_mode": "CONFIG_MAP"}));
    let out = eksctl(&sb, &moto, &set("API_AND_CONFIG_MAP"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("eksctl-shim:"), "{}", stderr(&out));

    let out = eksctl(&sb, &moto, &set("API"), &[("EKSCTL_SHIM_MODE", "strict")]);
    let err = stderr(&out);
    assert!(out.status.success(), "a warning does not refuse: {err}");
    assert!(
        err.contains("eksctl-shim: warning [auth-mode-to-api]"),
        "{err}"
    );
    assert!(
        err.contains("`eksctl utils migrate-to-access-entry --cluster prod --target-authentication-mode API --region us-west-2` shows what it would do"),
        "{err}"
    );
    let last = sb
        .calls()
        .into_iter()
        .rfind(|c| c["argv"][0] != "version")
        .unwrap();
    assert_eq!(last["created"]["auth_mode_updates"][0]["to"], "API");

    // The same mode again: EKS refuses a change to the current mode.
    let out = eksctl(&sb, &moto, &set("API"), &[]);
    assert!(
        stderr(&out).contains("Nothing to do: the cluster is in API already."),
        "{}",
        stderr(&out)
    );
}
