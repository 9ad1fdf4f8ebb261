//! More of `passthrough`: the tests that follow, with the helpers of `mod.rs`.

use super::*;

#[test]
fn a_proxy_without_the_full_shim_beside_it_says_so_and_runs_eksctl_unchanged() {
    let sb = Sandbox::new();
    let alone = sb.path("alone/eksctl");
    std::fs::create_dir_all(alone.parent().unwrap()).unwrap();
    std::fs::copy(PROXY, &alone).unwrap();
    let args = ["create", "cluster", "--name", "x"];
    let out = run(sb
        .command(&alone)
        .args(args)
        .env("EKSCTL_MODEL_OFFLINE", "1"));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("eksctl-shim: warning: no eksctl-shim beside"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

#[test]
fn the_full_shim_passes_over_its_proxy_and_the_proxy_its_full_shim() {
    let sb = Sandbox::new();
    // `eksctl` on PATH is the proxy; the full shim must not take it for the real eksctl,
    // nor the proxy the full shim (an `eksctl` link to it later on PATH).
    std::fs::create_dir_all(sb.path("bin2")).unwrap();
    symlink(SHIM, sb.path("bin2/eksctl")).unwrap();
    let path = std::env::join_paths([
        sb.path("bin"),
        sb.path("bin2"),
        sb.path("real"),
        "/usr/bin".into(),
    ])
    .unwrap();
    let which = run(sb.command(SHIM).arg("which").env("PATH", &path));
    assert_eq!(
        stdout(&which).trim(),
        sb.path("real/eksctl").display().to_string(),
        "{}",
        stderr(&which)
    );
    let out = run(sb
        .eksctl(["get", "cluster"])
        .env("EKSCTL_MODEL_UNMODELLED", "record")
        .env("PATH", &path));
    assert!(out.status.success(), "{}", stderr(&out));
    let chain = sb.main_call()["env"]["EKSCTL_SHIM_CHAIN"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        chain.split(',').count(),
        1,
        "the proxy went straight to eksctl: {chain}"
    );
}
