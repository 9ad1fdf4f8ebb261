//! More of `check`: the tests that follow, with the helpers of `mod.rs`.

use super::*;

#[test]
fn a_config_from_stdin_and_skipped_checks() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["public-a", "public-b"]}));
    let from_stdin = |extra: &[&str]| {
        let mut cmd: Command = sb.command(SHIM);
        cmd.args(["check", "-f", "-", "-o", "json"])
            .args(extra)
            .env("EKSCTL_STANDIN_VERSION", "0.190.0");
        for (k, v) in moto.env() {
            cmd.env(k, v);
        }
        run_with_stdin(cmd, THREE_NODEGROUPS.as_bytes())
    };
    let out = from_stdin(&[]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let v = single(&out);
    assert_eq!(v["cluster"], "drifted");
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"subnet-drift"), "{v}");

    let skipped = from_stdin(&["--skip", "subnet-drift,auth-configmap"]);
    assert_eq!(skipped.status.code(), Some(0), "{}", stderr(&skipped));
    assert!(
        single(&skipped)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "subnet-drift")
    );

    let bad = from_stdin(&["--skip", "no-such-check"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("valid codes: cluster-not-found"),
        "{}",
        stderr(&bad)
    );
}
