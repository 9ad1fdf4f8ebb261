//! `eksctl create accessentry` through the built shim, against moto (access entries added
//! in tests/aws/moto_server.py), with the eksctl model as the real eksctl: a principal
//! with an entry eksctl did not make is said first (its stack would roll back); one whose
//! eksctl stack exists, and a new one, go through untouched.

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

/// An access entry made outside eksctl (the EKS API), as a console user would.
fn entry_outside_eksctl(moto: &Moto, cluster: &str, arn: &str) {
    let script = format!(
        "import boto3\nc = boto3.client('eks', endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
         c.create_access_entry(clusterName='{cluster}', principalArn='{arn}')",
        moto.endpoint()
    );
    let out = run(Command::new(python()).args(["-c", &script]));
    assert!(out.status.success(), "{}", stderr(&out));
}

const OPS: &str = "arn:aws:iam::123456789012:role/ops";
const DEV: &str = "arn:aws:iam::123456789012:role/dev";

#[test]
fn a_principal_with_an_entry_made_elsewhere_is_said_first() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    entry_outside_eksctl(&moto, "prod", OPS);
    let args = [
        "create",
        "accessentry",
        "--cluster",
        "prod",
        "--principal-arn",
        OPS,
    ];
    let out = eksctl(&sb, &moto, &args, &[("EKSCTL_SHIM_MODE", "strict")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(&format!("[access-entry-exists] principal {OPS} has an access entry on cluster \"prod\" already, not made by eksctl")),
        "{err}"
    );
    assert!(
        err.contains(&format!("`aws eks describe-access-entry --cluster-name prod --principal-arn '{OPS}' --region us-west-2` shows it")),
        "{err}"
    );
    // Fix mode runs eksctl as given: the stack rolls back, as said.
    let out = eksctl(&sb, &moto, &args, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!(
        "failed to create access entry for principal ARN \"{OPS}\""
    )));
}

#[test]
fn new_principals_and_eksctl_s_own_entries_go_through_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let args = [
        "create",
        "accessentry",
        "--cluster",
        "prod",
        "--principal-arn",
        DEV,
    ];
    for _ in 0..2 {
        // The second time eksctl finds its own stack and leaves the entry out.
        let out = eksctl(&sb, &moto, &args, &[("EKSCTL_SHIM_MODE", "strict")]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stderr(&out).contains("eksctl-shim:"), "{}", stderr(&out));
    }
    let calls: Vec<_> = sb
        .calls()
        .into_iter()
        .filter(|c| c["argv"][0] != "version")
        .collect();
    assert_eq!(
        calls[0]["created"]["access_entries"][0]["status"],
        "CREATE_COMPLETE"
    );
    assert!(calls[1]["created"].get("access_entries").is_none());
}
