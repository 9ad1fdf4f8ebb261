//! The `eksctl` face as a transparent proxy: the built binary, invoked as `eksctl`,
//! in front of the model eksctl.

use crate::common::run::Run;
use crate::common::*;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::symlink;
use std::time::Duration;

/// `eksctl get cluster`, which the model records without modelling it.
fn get_cluster(sb: &Sandbox) -> Run {
    sb.eksctl_run(["get", "cluster"])
        .env("EKSCTL_MODEL_UNMODELLED", "record")
}

/// The shim passes intercepted commands through unchecked; the model skips AWS.
const BYPASS_OFFLINE: &[(&str, &str)] =
    &[("EKSCTL_SHIM_BYPASS", "1"), ("EKSCTL_MODEL_OFFLINE", "1")];

/// PATH: the sandbox's bin, then bin2 (another shim), real, /usr/bin.
fn path_with_bin2(sb: &Sandbox) -> OsString {
    std::env::join_paths([
        sb.path("bin"),
        sb.path("bin2"),
        sb.path("real"),
        "/usr/bin".into(),
    ])
    .unwrap()
}

#[test]
fn arguments_reach_eksctl_byte_for_byte() {
    // Through the installed `eksctl` (the proxy) and through the full shim as `eksctl`.
    for program in [PROXY, SHIM] {
        arguments_reach_eksctl_byte_for_byte_through(program);
    }
}

fn arguments_reach_eksctl_byte_for_byte_through(program: &str) {
    let sb = Sandbox::with_eksctl(program);
    let args: Vec<OsString> = vec![
        "get".into(),
        "nodegroup".into(),
        "".into(),
        "two words".into(),
        "ünïcødé ✔".into(),
        OsString::from_vec(vec![b'n', 0xff, 0xfe, b'x']),
        "--flag=a=b".into(),
        "-".into(),
        "--".into(),
        "  ".into(),
    ];
    sb.eksctl_run(&args)
        .env("EKSCTL_MODEL_UNMODELLED", "record")
        .go()
        .exits(0);
    let got = argv_bytes(&sb.main_call());
    let want: Vec<Vec<u8>> = args.into_iter().map(|a| a.into_vec()).collect();
    assert_eq!(got, want);
}

#[test]
fn intercepted_commands_keep_their_arguments_too() {
    let sb = Sandbox::new();
    // eksctl refuses a nodegroup name with a space; a cluster name is not checked before
    // AWS, which the model skips here (offline).
    let args = ["create", "nodegroup", "--cluster", "a b", "--name=ng-1"];
    sb.eksctl_run(args).envs(BYPASS_OFFLINE).go().exits(0);
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

#[test]
fn stdin_bytes_reach_eksctl_unchanged() {
    let sb = Sandbox::new();
    let payload: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    get_cluster(&sb)
        .env("EKSCTL_MODEL_STDIN", "1")
        .stdin(&payload)
        .go()
        .exits(0);
    let got = hex(sb.main_call()["stdin_hex"].as_str().unwrap());
    assert_eq!(got.len(), payload.len());
    assert!(got == payload);
}

#[test]
fn environment_is_passed_on_with_only_the_chain_marker_added() {
    let sb = Sandbox::new();
    get_cluster(&sb)
        .env("AWS_PROFILE", "prod")
        .env("ODD_VALUE", "a=b\tc \u{1F600}")
        .go()
        .exits(0);
    let env = sb.main_call()["env"].as_object().unwrap().clone();
    let mut keys: Vec<&str> = env.keys().map(String::as_str).collect();
    keys.sort();
    // PWD and friends may be added by the Python interpreter: list what the model saw.
    let mut want = vec![
        "AWS_PROFILE",
        "EKSCTL_MODEL_UNMODELLED",
        "EKSCTL_SHIM_CHAIN",
        "EKSCTL_MODEL_RECORD",
        "HOME",
        "ODD_VALUE",
        "PATH",
    ];
    // Added on the model's side: Python's locale coercion, the sh wrapper's PWD.
    keys.retain(|k| !k.starts_with("LC_") && *k != "LANG" && *k != "PWD");
    want.sort();
    assert_eq!(keys, want);
    assert_eq!(env["ODD_VALUE"], "a=b\tc \u{1F600}");
    assert_eq!(env["AWS_PROFILE"], "prod");
}

#[test]
fn stdout_and_stderr_are_eksctl_s_alone() {
    let sb = Sandbox::new();
    let ran = get_cluster(&sb)
        .env("EKSCTL_MODEL_STDOUT", "out \u{2714}\n")
        .env("EKSCTL_MODEL_STDERR", "Error: nope\n")
        .go();
    assert_eq!(ran.stdout(), "out \u{2714}\n");
    assert_eq!(ran.stderr(), "Error: nope\n");
}

#[test]
fn exit_codes_are_eksctl_s() {
    let sb = Sandbox::new();
    for code in [0, 1, 2, 255] {
        get_cluster(&sb)
            .env("EKSCTL_MODEL_EXIT", code.to_string())
            .go()
            .exits(code);
    }
}

#[test]
fn a_signal_death_is_seen_as_such() {
    let sb = Sandbox::new();
    // exec: the shim's process *is* eksctl, so the parent sees the signal itself.
    get_cluster(&sb)
        .env("EKSCTL_MODEL_SIGNAL", "9")
        .go()
        .killed_by(9);
}

#[test]
fn passthrough_is_exec_not_a_child_process() {
    let sb = Sandbox::new();
    let mut child = get_cluster(&sb)
        .env("EKSCTL_MODEL_SLEEP", "0.5")
        .command()
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(250));
    let children = std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", child.id()))
        .unwrap_or_default();
    assert!(child.wait().unwrap().success());
    assert_eq!(children.trim(), "", "the shim kept a child process");
}

#[test]
fn bypass_passes_intercepted_commands_through_silently() {
    let sb = Sandbox::new();
    let ran = sb
        .eksctl_run(["create", "cluster", "--name", "x"])
        .envs(BYPASS_OFFLINE)
        .go();
    ran.exits(0);
    assert_eq!(ran.stderr(), "");
    assert_eq!(
        sb.main_call()["argv"],
        serde_json::json!(["create", "cluster", "--name", "x"])
    );
}

#[test]
fn the_shim_alone_on_path_fails_fast_with_127() {
    let sb = Sandbox::new();
    let path = std::env::join_paths([sb.path("bin"), "/usr/bin".into(), "/bin".into()]).unwrap();
    sb.eksctl_run(["version"])
        .env("PATH", &path)
        .go_within(Duration::from_secs(5))
        .exits(127)
        .says_first("eksctl-shim: error: no real eksctl found")
        .says("EKSCTL_SHIM_REAL")
        .says(&sb.path("bin").display().to_string());
    assert!(sb.calls().is_empty());
}

#[test]
fn two_shims_on_path_still_reach_the_real_eksctl() {
    let sb = Sandbox::new();
    sb.copy_shim("bin2/eksctl");
    get_cluster(&sb)
        .env("PATH", path_with_bin2(&sb))
        .go()
        .exits(0);
    let call = sb.main_call();
    let chain = call["env"]["EKSCTL_SHIM_CHAIN"].as_str().unwrap();
    assert_eq!(chain.split(',').count(), 2, "both shims ran: {chain}");
}

#[test]
fn two_shims_and_no_real_eksctl_end_without_a_loop() {
    let sb = Sandbox::new();
    sb.copy_shim("bin2/eksctl");
    let path = std::env::join_paths([sb.path("bin"), sb.path("bin2"), "/usr/bin".into()]).unwrap();
    sb.eksctl_run(["version"])
        .env("PATH", &path)
        .go_within(Duration::from_secs(5))
        .exits(127);
}

/// `eksctl version` with EKSCTL_SHIM_REAL naming the sandbox's `real`.
fn version_with_real(sb: &Sandbox, real: &str) -> Run {
    sb.eksctl_run(["version"])
        .env("EKSCTL_SHIM_REAL", sb.path(real))
}

#[test]
fn real_pointing_at_the_shim_is_refused_with_126() {
    let sb = Sandbox::new();
    symlink(sb.path("bin/eksctl"), sb.path("link-to-shim")).unwrap();
    version_with_real(&sb, "link-to-shim")
        .go()
        .exits(126)
        .says("is this shim");
}

#[test]
fn real_override_is_used_and_checked() {
    let sb = Sandbox::new();
    sb.write_model(&sb.path("elsewhere/eksctl-0.170"));
    let path = std::env::join_paths([sb.path("bin"), "/usr/bin".into()]).unwrap();
    let ran = version_with_real(&sb, "elsewhere/eksctl-0.170")
        .env("PATH", &path)
        .go();
    ran.exits(0);
    assert_eq!(ran.stdout(), "0.230.0\n");

    version_with_real(&sb, "nope").go().exits(127);
    std::fs::write(sb.path("plain"), "not a program").unwrap();
    version_with_real(&sb, "plain")
        .go()
        .exits(126)
        .says("not an executable file");
}

#[test]
fn a_chain_too_deep_is_a_loop() {
    let sb = Sandbox::new();
    let chain = (1..=8)
        .map(|i| format!("9:{i}"))
        .collect::<Vec<_>>()
        .join(",");
    sb.eksctl_run(["version"])
        .env("EKSCTL_SHIM_CHAIN", chain)
        .go()
        .exits(126)
        .says("a loop");
}

#[test]
fn which_names_the_real_eksctl_and_why() {
    let sb = Sandbox::new();
    // The shim's own directory first on PATH, as install.sh sets it up.
    let ran = sb.shim_run(["which"]).go();
    ran.exits(0);
    assert_eq!(
        ran.stdout().trim(),
        sb.path("real/eksctl").display().to_string()
    );
    ran.says("passed over")
        .says(&sb.path("bin/eksctl").display().to_string());
}

#[test]
fn shim_cli_help_and_version() {
    let sb = Sandbox::new();
    sb.shim_run(["--help"]).go().exits(0).prints("which");
    // The commit and build date follow (tests/install.rs checks them).
    let version = sb.shim_run(["--version"]).go();
    assert!(
        version.stdout().starts_with(&format!(
            "eksctl-shim {} (commit ",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        version.stdout()
    );
    sb.shim_run(["--no-such-flag"]).go().exits(2);
}

#[test]
fn eksctl_starts_with_the_signal_dispositions_it_would_have_had() {
    let sb = Sandbox::new();
    get_cluster(&sb).go().exits(0);
    let ignored = sb.main_call()["sigign"].as_u64().unwrap();
    for (name, signal) in [
        ("SIGPIPE", libc::SIGPIPE),
        ("SIGINT", libc::SIGINT),
        ("SIGTERM", libc::SIGTERM),
    ] {
        assert_eq!(ignored & (1 << (signal - 1)), 0, "{name} ignored in eksctl");
    }
}

// ---- the installed pair: eksctl-shim-proxy as `eksctl`, eksctl-shim beside it ----

/// AWS where nothing answers (port 9), a short timeout, and the model offline.
fn no_aws(run: Run) -> Run {
    run.envs(&[
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ("AWS_REGION", "us-west-2"),
        ("AWS_ACCESS_KEY_ID", "x"),
        ("AWS_SECRET_ACCESS_KEY", "y"),
        ("EKSCTL_SHIM_TIMEOUT", "2"),
        ("EKSCTL_MODEL_OFFLINE", "1"),
    ])
}

#[test]
fn the_proxy_hands_checked_commands_to_the_full_shim_with_argv_and_env_intact() {
    let sb = Sandbox::new();
    // No AWS to ask: the full shim says so in one line and runs eksctl unchanged, which
    // only the full shim does (the proxy alone has no pre-flight to fail).
    let args = ["create", "nodegroup", "--cluster", "a b", "--name=ng-1"];
    no_aws(sb.eksctl_run(args))
        .go()
        .exits(0)
        .says("eksctl-shim:");
    let call = sb.main_call();
    assert_eq!(call["argv"], serde_json::json!(args));
    let env = call["env"].as_object().unwrap();
    assert!(!env.contains_key("EKSCTL_SHIM_FACE"), "{env:?}");
    // The chain names the full shim: eksctl was started by it, not by the proxy.
    let chain = env["EKSCTL_SHIM_CHAIN"].as_str().unwrap();
    assert_eq!(chain.split(',').count(), 1, "{chain}");
}

#[test]
fn the_proxy_under_its_own_name_still_checks_as_eksctl() {
    let sb = Sandbox::new();
    let args = ["create", "cluster", "--name", "x"];
    no_aws(sb.program_run(PROXY, args))
        .go()
        .exits(0)
        .says("eksctl-shim:");
    assert_eq!(sb.main_call()["argv"], serde_json::json!(args));
}

mod argv0;
mod proxy_pair;
