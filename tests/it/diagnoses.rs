//! Diagnoses that point the right way (issue 13): each AWS failure said as what it is,
//! with the AWS error code and the command that fixes it, through the built binary as
//! `eksctl` (against a misbehaving endpoint or a HOME with an expired SSO session) and
//! `sync-outputs` refusing when it cannot tell whether an export is imported.

use std::process::{Command, Output};

use crate::common::fake_aws::{FakeAws, Fault};
use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

/// `eksctl create nodegroup --cluster prod -P` in warn-free fix mode; eksctl (the model,
/// offline) runs either way: these tests read what the shim said.
fn create(sb: &Sandbox, env: &[(&str, &str)]) -> Output {
    let mut cmd: Command = sb.eksctl(["create", "nodegroup", "--cluster", "prod", "-P"]);
    cmd.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("EKSCTL_SHIM_TIMEOUT", "5")
        .env("EKSCTL_MODEL_OFFLINE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd)
}

fn with_keys(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ENDPOINT_URL", endpoint.to_string()),
        ("AWS_REGION", "us-west-2".into()),
        ("AWS_ACCESS_KEY_ID", "testing".into()),
        ("AWS_SECRET_ACCESS_KEY", "testing".into()),
    ]
}

fn env_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn expired_credentials_are_said_with_the_aws_code() {
    let fake = FakeAws::start(Fault::ExpiredToken);
    let sb = Sandbox::new();
    let env = with_keys(&fake.endpoint());
    let out = create(&sb, &env_refs(&env));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("ExpiredToken"), "the AWS code: {err}");
    assert!(err.contains("The credentials have expired"), "{err}");
    assert!(!err.contains("no AWS region"), "{err}");
}

#[test]
fn access_denied_names_the_operation_and_who_to_ask() {
    let fake = FakeAws::start(Fault::AccessDenied);
    let sb = Sandbox::new();
    let env = with_keys(&fake.endpoint());
    let out = create(&sb, &env_refs(&env));
    let err = stderr(&out);
    assert!(err.contains("AccessDeniedException"), "{err}");
    assert!(err.contains("EKS DescribeCluster"), "{err}");
    assert!(err.contains("aws sts get-caller-identity"), "{err}");
}

#[test]
fn an_expired_sso_session_says_aws_sso_login_for_the_profile() {
    let sb = Sandbox::new();
    let aws = sb.path("home/.aws");
    std::fs::create_dir_all(aws.join("sso/cache")).unwrap();
    std::fs::write(
        aws.join("config"),
        "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\nregion = us-west-2\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
    )
    .unwrap();
    // The SDK's token cache: the file named by the SHA-1 of the session name, expired,
    // with nothing to refresh it with.
    std::fs::write(
        aws.join("sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
        r#"{"accessToken": "old", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://corp.awsapps.com/start"}"#,
    )
    .unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = create(
        &sb,
        &[
            ("AWS_PROFILE", "dev"),
            ("AWS_ENDPOINT_URL", &format!("http://127.0.0.1:{closed}")),
        ],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("aws sso login --profile dev"), "{err}");
}

#[test]
fn no_region_says_how_to_give_one() {
    let sb = Sandbox::new();
    let out = create(
        &sb,
        &[("AWS_ACCESS_KEY_ID", "t"), ("AWS_SECRET_ACCESS_KEY", "t")],
    );
    let err = stderr(&out);
    assert!(err.contains("no AWS region: give --region"), "{err}");
    assert!(err.contains("set AWS_REGION"), "{err}");
}

#[test]
fn sync_outputs_refuses_when_list_imports_is_denied() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "deny": ["ListImports"]}));
    let sb = Sandbox::new();
    let before = moto_stack_outputs(&moto);
    let mut cmd = sb.command(SHIM);
    cmd.args(["sync-outputs", "--cluster", "prod", "--approve"]);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    let out = run(cmd);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "refused: {err}");
    assert!(err.contains("cannot tell whether export"), "{err}");
    assert!(err.contains("AccessDenied"), "the AWS code: {err}");
    assert!(err.contains("cloudformation:ListImports"), "{err}");
    assert_eq!(moto_stack_outputs(&moto), before, "nothing changed");
}

/// The cluster stack's Outputs as moto has them now.
fn moto_stack_outputs(moto: &Moto) -> String {
    let mut cmd = Command::new(python());
    cmd.args([
        "-c",
        "import sys, boto3; cfn = boto3.client('cloudformation', endpoint_url=sys.argv[1], region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t'); print(sorted((o['OutputKey'], o['OutputValue']) for o in cfn.describe_stacks(StackName='eksctl-prod-cluster')['Stacks'][0]['Outputs']))",
    ])
    .arg(moto.endpoint());
    let out = run(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_cluster_that_is_not_there_names_the_region_and_account_asked() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    let sb = Sandbox::new();
    let mut cmd = sb.eksctl([
        "create",
        "nodegroup",
        "--cluster",
        "prdo",
        "--region",
        "us-west-2",
    ]);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    let out = run(cmd.env("EKSCTL_STANDIN_VERSION", "0.230.0"));
    let err = stderr(&out);
    assert!(
        err.contains("no EKS cluster named \"prdo\" in us-west-2 (account 123456789012)"),
        "{err}"
    );
    assert!(
        err.contains("`eksctl get cluster --region us-west-2`"),
        "{err}"
    );
}
