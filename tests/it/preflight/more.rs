//! More of `preflight`: the tests that follow, with the helpers of `mod.rs`.

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
        let mut cmd = sb.eksctl(["create", "ng", "-f", "-"]);
        cmd.env("EKSCTL_STANDIN_VERSION", "0.200.0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in moto.env() {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(yaml.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
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
    let out = eksctl(&sb, &moto, "0.230.0", &args, &[]);
    assert_eq!(argv(&sb.main_call()), args);
    // eksctl itself needs the VPC in a config file for a cluster it does not own
    // (pkg/actions/nodegroup/create.go loadVPCFromConfig); its error reaches the user.
    assert!(
        stderr(&out).contains(
            "VPC configuration required for creating nodegroups on clusters not owned by eksctl"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("[stack-missing]"), "{}", stderr(&out));
}

#[test]
fn aws_unreachable_fails_open_and_strict_refuses() {
    let sb = Sandbox::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = |cmd: &mut std::process::Command| {
        cmd.env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{closed}"))
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-west-2")
            .env("AWS_EC2_METADATA_DISABLED", "true");
    };
    let args = ["create", "ng", "--cluster", "prod", "-P"];
    let mut cmd = sb.eksctl(args);
    env(&mut cmd);
    // eksctl cannot work without AWS either; the model runs offline (see tests/faults.rs)
    cmd.env("EKSCTL_MODEL_OFFLINE", "1");
    let out = run(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(argv(&sb.main_call()), args);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one warning line: {err}");
    assert!(
        err.starts_with("eksctl-shim: warning: could not check cluster \"prod\""),
        "{err}"
    );

    let strict = Sandbox::new();
    let mut cmd = strict.eksctl(args);
    env(&mut cmd);
    cmd.env("EKSCTL_SHIM_MODE", "strict");
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(strict.calls().iter().all(|c| c["argv"][0] == "version"));
}

#[test]
fn warn_mode_reports_and_changes_nothing() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "auth_mode": "CONFIG_MAP"}));
    let args = ["create", "ng", "--cluster", "prod", "-P", "--managed=false"];
    let out = eksctl(
        &sb,
        &moto,
        "0.200.0",
        &args,
        &[("EKSCTL_SHIM_MODE", "warn")],
    );
    assert_eq!(argv(&sb.main_call()), args);
    assert!(stderr(&out).contains("[subnet-drift]") && stderr(&out).contains("[auth-configmap]"));
    assert!(!stderr(&out).contains("changed this command"));
}

#[test]
fn a_vanished_security_group_is_reported() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(json!({"cluster": "prod", "delete_sg": true}));
    let out = eksctl(
        &sb,
        &moto,
        "0.230.0",
        &["create", "ng", "--cluster", "prod"],
        &[],
    );
    let err = stderr(&out);
    assert!(
        err.contains("[stack-sg-gone]") && err.contains(&s(&ids, "shared_sg")),
        "{err}"
    );
}
