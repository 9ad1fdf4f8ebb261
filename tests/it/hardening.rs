//! Nothing lost, nothing leaked, nothing left behind: bad input, a bug in the shim,
//! signals with a rewritten config on disk, 20 shims at once, and fake credentials.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

fn with_moto(cmd: &mut Command, moto: &Moto) {
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
}

/// Runs with stdin bytes and a private TMPDIR; returns the output.
fn piped(sb: &Sandbox, mut cmd: Command, input: &[u8]) -> Output {
    cmd.env("TMPDIR", sb.path("tmp"));
    std::fs::create_dir_all(sb.path("tmp")).unwrap();
    run_with_stdin(cmd, input)
}

fn tmp_is_empty(sb: &Sandbox) -> bool {
    std::fs::read_dir(sb.path("tmp"))
        .map(|d| d.count() == 0)
        .unwrap_or(true)
}

#[test]
fn a_bug_in_the_preflight_fails_open() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let mut cmd = sb.eksctl(["create", "ng", "--cluster", "prod"]);
    with_moto(&mut cmd, &moto);
    cmd.env("EKSCTL_SHIM_INJECT_PANIC", "1");
    let out = run(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sb.main_call()["argv"],
        json!(["create", "ng", "--cluster", "prod"])
    );
    let err = stderr(&out);
    assert!(
        err.contains("internal error (a bug, please report it)")
            && err.contains("running eksctl unchanged"),
        "{err}"
    );
    assert!(!err.contains("RUST_BACKTRACE"), "{err}");
}

#[test]
fn a_bug_with_a_config_on_stdin_still_gives_eksctl_every_byte() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let yaml = b"apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nnodeGroups: [{name: a}]\n";
    let mut cmd = sb.eksctl(["create", "ng", "-f", "-"]);
    with_moto(&mut cmd, &moto);
    cmd.env("EKSCTL_SHIM_INJECT_PANIC", "1");
    let out = piped(&sb, cmd, yaml);
    assert!(out.status.success());
    // The injected panic comes before stdin is read; the bytes reach eksctl all the same.
    assert_eq!(hex(sb.main_call()["stdin_hex"].as_str().unwrap()), yaml);
}

#[test]
fn bad_configs_go_to_eksctl_untouched_with_a_located_warning() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    std::fs::write(
        sb.path("bad.yaml"),
        "metadata:\n  name: prod\n nodeGroups: [\n",
    )
    .unwrap();
    std::fs::create_dir_all(sb.path("adir")).unwrap();
    for (args, want) in [
        (vec!["create", "ng", "-f", "bad.yaml"], "bad.yaml:3:"),
        (vec!["create", "ng", "-f", "adir"], "cannot read adir"),
        (
            vec!["create", "ng", "-f", "missing.yaml"],
            "cannot read missing.yaml",
        ),
    ] {
        let sb2 = Sandbox::new();
        for f in ["bad.yaml"] {
            std::fs::copy(sb.path(f), sb2.path(f)).unwrap();
        }
        std::fs::create_dir_all(sb2.path("adir")).unwrap();
        let mut cmd = sb2.eksctl(&args);
        with_moto(&mut cmd, &moto);
        let out = run(cmd);
        assert_eq!(sb2.main_call()["argv"], json!(args), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            err.contains("passing the command to eksctl unchanged"),
            "{err}"
        );
    }
}

#[test]
fn binary_or_huge_stdin_reaches_eksctl_byte_for_byte() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    let binary: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    let mut huge = b"apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nnodeGroups:\n".to_vec();
    for i in 0..60_000 {
        huge.extend_from_slice(format!("- name: ng-{i}\n  labels: {{team: t{i}}}\n").as_bytes());
    }
    for (input, is_yaml) in [(binary, false), (huge, true)] {
        let sb2 = Sandbox::new();
        let mut cmd = sb2.eksctl(["create", "ng", "-f", "-"]);
        with_moto(&mut cmd, &moto);
        // What is tested is the bytes reaching eksctl: the model reads and decodes them
        // but does not go on to create 60 000 nodegroups in the emulator.
        cmd.env("EKSCTL_MODEL_OFFLINE", "1");
        let out = piped(&sb2, cmd, &input);
        if is_yaml {
            assert!(out.status.success(), "{}", stderr(&out));
        } else {
            // eksctl refuses a config that is not YAML
            assert!(
                stderr(&out).contains("error converting YAML to JSON"),
                "{}",
                stderr(&out)
            );
        }
        let got = hex(sb2.main_call()["stdin_hex"].as_str().unwrap());
        assert!(got == input, "{} bytes in, {} out", input.len(), got.len());
        assert!(tmp_is_empty(&sb2));
    }
    drop(sb);
}

#[test]
fn unknown_and_conflicting_flags_go_to_eksctl_untouched() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "auth_mode": "CONFIG_MAP", "moved": true, "delete": ["private-a", "private-b"]}));
    for args in [
        vec![
            "create",
            "ng",
            "--cluster",
            "prod",
            "--frobnicate",
            "-P",
            "--managed=false",
        ],
        vec!["create", "ng", "--cluster", "prod", "--include", "x", "-P"],
        vec!["create", "ng", "--cluster", "prod", "a", "b"],
    ] {
        let sb2 = Sandbox::new();
        let mut cmd = sb2.eksctl(&args);
        with_moto(&mut cmd, &moto);
        let _ = run(cmd);
        assert_eq!(sb2.main_call()["argv"], json!(args));
    }
    drop(sb);
}

#[test]
fn sigterm_with_a_rewritten_config_on_disk_leaves_nothing_behind() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    std::fs::write(sb.path("c.yaml"), "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nnodeGroups:\n- name: a\n  privateNetworking: true\n").unwrap();
    std::fs::create_dir_all(sb.path("tmp")).unwrap();
    let mut cmd = sb.eksctl(["create", "ng", "-f", "c.yaml"]);
    with_moto(&mut cmd, &moto);
    cmd.env("TMPDIR", sb.path("tmp"))
        .env("EKSCTL_MODEL_SLEEP", "30")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let start = std::time::Instant::now();
    while sb.last_call().is_none() {
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(20));
    }
    let config = sb.main_call()["config_path"].as_str().unwrap().to_string();
    assert!(
        config.starts_with(sb.path("tmp").to_str().unwrap()),
        "{config}"
    );
    let dir_mode = std::fs::metadata(std::path::Path::new(&config).parent().unwrap()).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&dir_mode.permissions()) & 0o777,
        0o700
    );
    assert_eq!(sb.main_call()["config_mode"], "0o600");
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGTERM)
    );
    assert!(
        tmp_is_empty(&sb),
        "temporary files left: {:?}",
        std::fs::read_dir(sb.path("tmp"))
            .unwrap()
            .collect::<Vec<_>>()
    );
}

#[test]
fn twenty_shims_at_once_do_not_interfere() {
    let moto = Moto::start();
    let ids =
        moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    let want = format!(
        "--subnet-ids={},{}",
        ids["new-private-a"].as_str().unwrap(),
        ids["new-private-b"].as_str().unwrap()
    );
    let sandboxes: Vec<Sandbox> = (0..20).map(|_| Sandbox::new()).collect();
    let children: Vec<_> = sandboxes
        .iter()
        .enumerate()
        .map(|(i, sb)| {
            let name = format!("ng-{i}");
            let mut cmd = sb.eksctl([
                "create",
                "ng",
                "--cluster",
                "prod",
                "-n",
                name.as_str(),
                "-P",
            ]);
            with_moto(&mut cmd, &moto);
            std::fs::create_dir_all(sb.path("tmp")).unwrap();
            // Twenty pre-flights and forty --dry-run questions at once on a small
            // machine: the deadline is not what this test is about.
            cmd.env("TMPDIR", sb.path("tmp"))
                .env("EKSCTL_MODEL_VERSION", "0.200.0")
                .env("EKSCTL_SHIM_TIMEOUT", "120")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for (i, (child, sb)) in children.into_iter().zip(&sandboxes).enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{i}: {}", stderr(&out));
        let argv = sb.main_call()["argv"].clone();
        assert_eq!(
            argv,
            json!([
                "create",
                "ng",
                "--cluster",
                "prod",
                "-n",
                format!("ng-{i}"),
                "-P",
                want
            ]),
            "{i}"
        );
        assert!(tmp_is_empty(sb));
    }
}

#[test]
fn credentials_never_appear_in_output_logs_or_files() {
    const KEY: &str = "AKIAFAKEKEYDONOTLEAK1";
    const SECRET: &str = "fakeSecretDoNotLeak/0123456789abcdefABCDEF";
    const TOKEN: &str = "FAKESESSIONTOKENdoNotLeakXYZ0123456789";
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"], "auth_mode": "CONFIG_MAP"}));
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for level in ["error", "info", "debug", "trace"] {
        for endpoint in [moto.endpoint(), format!("http://127.0.0.1:{closed}")] {
            let sb = Sandbox::new();
            std::fs::write(sb.path("c.yaml"), "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nnodeGroups:\n- name: a\n  privateNetworking: true\n").unwrap();
            let mut cmd = sb.eksctl(["create", "ng", "-f", "c.yaml"]);
            cmd.env("AWS_ENDPOINT_URL", &endpoint)
                .env("AWS_ACCESS_KEY_ID", KEY)
                .env("AWS_SECRET_ACCESS_KEY", SECRET)
                .env("AWS_SESSION_TOKEN", TOKEN)
                .env("AWS_REGION", "us-west-2")
                .env("AWS_EC2_METADATA_DISABLED", "true")
                .env("EKSCTL_SHIM_LOG", level)
                .env("EKSCTL_MODEL_FAIL", "subnet-gone");
            let out = run(cmd);
            let config = sb.main_call()["config"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            for (what, text) in [
                ("stdout", stdout(&out)),
                ("stderr", stderr(&out)),
                ("config", config),
            ] {
                for secret in [KEY, SECRET, TOKEN] {
                    assert!(
                        !text.contains(secret),
                        "{secret} in {what} at {level} against {endpoint}"
                    );
                }
            }
            if level == "debug" && endpoint == moto.endpoint() {
                assert!(
                    stderr(&out).contains("facts gathered"),
                    "debug logs are on: {}",
                    stderr(&out)
                );
            }
        }
    }
}
