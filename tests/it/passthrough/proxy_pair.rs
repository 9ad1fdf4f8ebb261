//! The proxy and the full shim: each without the other, and each passing over the other.

use super::*;

#[test]
fn a_proxy_without_the_full_shim_beside_it_says_so_and_runs_eksctl_unchanged() {
    let sb = Sandbox::new();
    let alone = sb.path("alone/eksctl");
    std::fs::create_dir_all(alone.parent().unwrap()).unwrap();
    std::fs::copy(PROXY, &alone).unwrap();
    let args = ["create", "cluster", "--name", "x"];
    let ran = sb
        .program_run(&alone, args)
        .env("EKSCTL_MODEL_OFFLINE", "1")
        .go();
    ran.exits(0)
        .says_first("eksctl-shim: warning: no eksctl-shim beside");
    assert_eq!(ran.stderr().lines().count(), 1, "{}", ran.stderr());
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

#[test]
fn the_full_shim_passes_over_its_proxy_and_the_proxy_its_full_shim() {
    let sb = Sandbox::new();
    // `eksctl` on PATH is the proxy; the full shim must not take it for the real eksctl,
    // nor the proxy the full shim (an `eksctl` link to it later on PATH).
    std::fs::create_dir_all(sb.path("bin2")).unwrap();
    symlink(SHIM, sb.path("bin2/eksctl")).unwrap();
    let path = path_with_bin2(&sb);
    let which = sb.shim_run(["which"]).env("PATH", &path).go();
    assert_eq!(
        which.stdout().trim(),
        sb.path("real/eksctl").display().to_string(),
        "{}",
        which.stderr()
    );
    get_cluster(&sb).env("PATH", &path).go().exits(0);
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
