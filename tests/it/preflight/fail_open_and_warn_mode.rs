//! Stdin configs, a missing stack, AWS out of reach (fail open; strict refuses), warn mode, a vanished security group.

use super::*;

#[test]
fn a_config_on_stdin_reaches_eksctl_byte_for_byte_or_rewritten() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "clean"}));
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let piped = |cluster: &str| {
        let sb = Sandbox::new();
        let yaml = format!(
            "# comment kept\napiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: {cluster}, region: us-west-2}}\nnodeGroups:\n- name: ng-1\n  privateNetworking: true\n"
        );
        eksctl(&sb, &moto, "0.200.0", &["create", "ng", "-f", "-"])
            .stdin(yaml.as_bytes())
            .go()
            .exits(0);
        (yaml, sb.main_call())
    };
    let (yaml, clean) = piped("clean");
    assert_eq!(argv(&clean), ["create", "ng", "-f", "-"]);
    assert_eq!(hex(clean["stdin_hex"].as_str().unwrap()), yaml.as_bytes());
    let (_, drifted) = piped("drifted");
    assert_eq!(argv(&drifted)[2], "--config-file");
    assert!(drifted["config"].as_str().unwrap().contains("subnets"));
}

#[test]
fn a_missing_stack_is_a_warning_and_eksctl_runs_unchanged() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "adopted", "stack": false}));
    let args = ["create", "ng", "--cluster", "adopted"];
    let ran = eksctl(&sb, &moto, "0.230.0", &args).go();
    assert_eq!(argv(&sb.main_call()), args);
    // eksctl itself needs the VPC in a config file for a cluster it does not own
    // (pkg/actions/nodegroup/create.go loadVPCFromConfig); its error reaches the user.
    ran.says("VPC configuration required for creating nodegroups on clusters not owned by eksctl")
        .says("[stack-missing]");
}

#[test]
fn aws_unreachable_fails_open_and_strict_refuses() {
    let sb = Sandbox::new();
    let closed = closed_endpoint();
    let args = ["create", "ng", "--cluster", "prod", "-P"];
    // eksctl cannot work without AWS either; the model runs offline (see tests/faults.rs)
    let ran = sb
        .eksctl_run(args)
        .aws_at(&closed)
        .env("EKSCTL_MODEL_OFFLINE", "1")
        .go();
    ran.exits(0);
    assert_eq!(argv(&sb.main_call()), args);
    let err = ran.stderr();
    assert_eq!(err.lines().count(), 1, "one warning line: {err}");
    ran.says_first("eksctl-shim: warning: could not check cluster \"prod\"");

    let strict = Sandbox::new();
    strict
        .eksctl_run(args)
        .aws_at(&closed)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(4);
    assert!(strict.last_call().is_none());
}

#[test]
fn warn_mode_reports_and_changes_nothing() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "auth_mode": "CONFIG_MAP"}));
    let args = ["create", "ng", "--cluster", "prod", "-P", "--managed=false"];
    let ran = eksctl(&sb, &moto, "0.200.0", &args)
        .env("EKSCTL_SHIM_MODE", "warn")
        .go();
    assert_eq!(argv(&sb.main_call()), args);
    // CONFIG_MAP needs nothing: no finding of it (issue 25).
    ran.says("[subnet-drift]")
        .never_says("[auth-configmap]")
        .never_says("fixed   [");
}

#[test]
fn a_vanished_security_group_is_reported() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({"cluster": "prod", "delete_sg": true}));
    eksctl(
        &sb,
        &moto,
        "0.230.0",
        &["create", "ng", "--cluster", "prod"],
    )
    .go()
    .says("[stack-sg-gone]")
    .says(&s(&ids, "shared_sg"));
}
