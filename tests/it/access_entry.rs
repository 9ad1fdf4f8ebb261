//! `eksctl create accessentry` through the built shim, against moto (access entries added
//! in tests/aws/moto_server.py), with the eksctl model as the real eksctl: a principal
//! with an entry eksctl did not make is said first (its stack would roll back); one whose
//! eksctl stack exists, and a new one, go through untouched.

use crate::common::moto::Moto;
use crate::common::run::Run;
use crate::common::*;
use serde_json::json;

/// `eksctl ARGS` through the shim, as eksctl 0.200.0, against this moto.
fn eksctl(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Run {
    sb.eksctl_run(args).version("0.200.0").aws(moto)
}

/// An access entry made outside eksctl (the EKS API), as a console user would.
fn entry_outside_eksctl(moto: &Moto, cluster: &str, arn: &str) {
    moto.py(&format!(
        "eks.create_access_entry(clusterName='{cluster}', principalArn='{arn}')"
    ));
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
    eksctl(&sb, &moto, &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says(&format!("[access-entry-exists] principal {OPS} has an access entry on cluster \"prod\" already, not made by eksctl"))
        .says(&format!("`aws eks describe-access-entry --cluster-name prod --principal-arn '{OPS}' --region us-west-2` shows it"));
    // Fix mode runs eksctl as given: the stack rolls back, as said.
    eksctl(&sb, &moto, &args).go().exits(1).says(&format!(
        "failed to create access entry for principal ARN \"{OPS}\""
    ));
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
    let created = |sb: &Sandbox| sb.last_call().unwrap()["created"].clone();
    eksctl(&sb, &moto, &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(0)
        .silent_shim();
    assert_eq!(
        created(&sb)["access_entries"][0]["status"],
        "CREATE_COMPLETE"
    );
    // The second time eksctl finds its own stack and leaves the entry out.
    eksctl(&sb, &moto, &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(0)
        .silent_shim();
    assert!(created(&sb).get("access_entries").is_none());
}

/// `create accessentry` lets `--region` through beside -f and takes the file's region
/// (its loader replaces the common set): the shim checks the file's cluster and region
/// instead of going unchecked, and the model, as eksctl, accepts the command.
#[test]
fn with_a_file_the_region_flag_is_let_through_and_the_file_s_region_is_checked() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    entry_outside_eksctl(&moto, "prod", OPS);
    std::fs::write(
        sb.path("entries.yaml"),
        format!(
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: prod\n  region: us-west-2\naccessConfig:\n  accessEntries:\n  - principalARN: {OPS}\n"
        ),
    )
    .unwrap();
    let args = [
        "create",
        "accessentry",
        "-f",
        "entries.yaml",
        "--region",
        "eu-west-1",
    ];
    eksctl(&sb, &moto, &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says(&format!(
            "[access-entry-exists] principal {OPS} has an access entry on cluster \"prod\" already"
        ))
        .says("--region us-west-2")
        .never_says("unchecked");
    eksctl(&sb, &moto, &args).go().exits(1).says(&format!(
        "failed to create access entry for principal ARN \"{OPS}\""
    ));
    assert_eq!(sb.last_call().unwrap()["argv"], json!(args));
}

/// eksctl counts any access-entry stack that is not deleted as the entry: after a failed
/// run (the stack rolled back) and the entry deleted by hand, or after eksctl's own entry
/// was deleted outside eksctl, it says "already up-to-date" and creates nothing. The shim
/// says so first, with `eksctl delete accessentry` (audit v2 M1).
#[test]
fn a_principal_eksctl_will_skip_is_said_with_the_delete_that_lets_it_through() {
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
    // The first run fails (409) and leaves a ROLLBACK_COMPLETE stack behind.
    eksctl(&sb, &moto, &args)
        .go()
        .exits(1)
        .says("eksctl delete accessentry --cluster prod --principal-arn");
    // As the old advice said: the entry deleted, the command run again.
    moto.py(&format!(
        "eks.delete_access_entry(clusterName='prod', principalArn='{OPS}')"
    ));
    eksctl(&sb, &moto, &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3)
        .says(&format!(
            "[access-entry-skipped] principal {OPS}: its stack eksctl-prod-accessentry-"
        ))
        .says("is ROLLBACK_COMPLETE")
        .says("so the principal gets no access")
        .says(&format!(
            "`eksctl delete accessentry --cluster prod --principal-arn '{OPS}' --region us-west-2`"
        ));
    // Fix mode: eksctl runs as given and, as said, creates nothing.
    eksctl(&sb, &moto, &args)
        .go()
        .exits(0)
        .says("[access-entry-skipped]");
    assert!(
        sb.last_call().unwrap()["created"]
            .get("access_entries")
            .is_none()
    );

    // eksctl's own entry, deleted outside eksctl: its stack is CREATE_COMPLETE.
    let mine = [
        "create",
        "accessentry",
        "--cluster",
        "prod",
        "--principal-arn",
        DEV,
    ];
    eksctl(&sb, &moto, &mine).go().exits(0);
    moto.py(&format!(
        "eks.delete_access_entry(clusterName='prod', principalArn='{DEV}')"
    ));
    eksctl(&sb, &moto, &mine)
        .go()
        .says("exists, but EKS has no entry for it (deleted outside eksctl)");
}
