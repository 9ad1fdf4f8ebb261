//! Diagnoses that point the right way (issue 13): each AWS failure said as what it is,
//! with the AWS error code and the command that fixes it, through the built binary as
//! `eksctl` (against a misbehaving endpoint or a HOME with an expired SSO session) and
//! `sync-outputs` refusing when it cannot tell whether an export is imported.

use crate::common::fake_aws::{FakeAws, Fault};
use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use serde_json::json;

/// `eksctl create nodegroup --cluster prod -P`; eksctl (the model, offline) runs either
/// way: these tests read what the shim said.
fn create(sb: &Sandbox) -> Run {
    sb.eksctl_run(["create", "nodegroup", "--cluster", "prod", "-P"])
        .envs(&[
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("EKSCTL_SHIM_TIMEOUT", "5"),
            ("EKSCTL_MODEL_OFFLINE", "1"),
        ])
}

/// Against a misbehaving endpoint, with keys and a region.
fn against(sb: &Sandbox, fake: &FakeAws) -> Ran {
    create(sb)
        .env("AWS_ENDPOINT_URL", fake.endpoint())
        .envs(&[
            ("AWS_REGION", "us-west-2"),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
        ])
        .go()
}

#[test]
fn expired_credentials_are_said_with_the_aws_code() {
    let fake = FakeAws::start(Fault::ExpiredToken);
    against(&Sandbox::new(), &fake)
        .exits(0)
        .says("ExpiredToken")
        .says("The credentials have expired")
        .never_says("no AWS region");
}

#[test]
fn access_denied_names_the_operation_and_who_to_ask() {
    let fake = FakeAws::start(Fault::AccessDenied);
    against(&Sandbox::new(), &fake)
        .says("AccessDeniedException")
        .says("EKS DescribeCluster")
        .says("aws sts get-caller-identity");
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
    create(&sb)
        .env("AWS_PROFILE", "dev")
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{closed}"))
        .go()
        .exits(0)
        .says("aws sso login --profile dev");
}

#[test]
fn no_region_says_how_to_give_one() {
    create(&Sandbox::new())
        .envs(&[("AWS_ACCESS_KEY_ID", "t"), ("AWS_SECRET_ACCESS_KEY", "t")])
        .go()
        .says("no AWS region: give --region")
        .says("set AWS_REGION");
}

#[test]
fn sync_outputs_refuses_when_list_imports_is_denied() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "deny": ["ListImports"]}));
    let sb = Sandbox::new();
    let before = moto.outputs("eksctl-prod-cluster");
    sb.shim_run(["sync-outputs", "--cluster", "prod", "--approve"])
        .aws(&moto)
        .go()
        .exits(3)
        .says("cannot tell whether export")
        .says("AccessDenied")
        .says("cloudformation:ListImports");
    assert_eq!(
        moto.outputs("eksctl-prod-cluster"),
        before,
        "nothing changed"
    );
}

#[test]
fn a_cluster_that_is_not_there_names_the_region_and_account_asked() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    Sandbox::new()
        .eksctl_run([
            "create",
            "nodegroup",
            "--cluster",
            "prdo",
            "--region",
            "us-west-2",
        ])
        .version("0.230.0")
        .aws(&moto)
        .go()
        .says("no EKS cluster named \"prdo\" in us-west-2 (account 123456789012)")
        .says("`eksctl get cluster --region us-west-2`");
}
