//! An unusable TMPDIR (missing, a file, a read-only root file system) is never the reason
//! a command fails (issue 23, B4): nothing is written when nothing is rewritten; when a
//! rewrite needs a file and none can be written, the shim says so and runs the command
//! unchanged (strict mode refuses with 4: it does not run eksctl without the fix).

use serde_json::json;

use crate::common::moto::Moto;
use crate::common::*;

const CONFIG: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nnodeGroups:\n- name: a\n  privateNetworking: true\n";

#[test]
fn a_command_with_nothing_to_rewrite_runs_whatever_tmpdir_is() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    std::fs::write(sb.path("a-file"), "").unwrap();
    for tmpdir in ["/nonexistent", "/proc", sb.path("a-file").to_str().unwrap()] {
        sb.eksctl_run(["create", "nodegroup", "--cluster", "prod", "--name", "ng1"])
            .aws(&moto)
            .env("TMPDIR", tmpdir)
            .go()
            .exits(0)
            .never_says("temporary");
        assert_eq!(argv(&sb.last_call().unwrap())[..2], ["create", "nodegroup"]);
    }
}

#[test]
fn a_rewrite_that_cannot_be_written_runs_the_command_unchanged_and_says_so() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    std::fs::write(sb.path("c.yaml"), CONFIG).unwrap();
    let ran = sb
        .eksctl_run(["create", "ng", "-f", "c.yaml"])
        .aws(&moto)
        .env("TMPDIR", "/nonexistent")
        .go();
    // eksctl (the model) judged the pin first and accepts it; unwritten, the command runs
    // as given and fails on the drift, as the finding said.
    ran.exits(1)
        .says("cannot write the rewritten config (")
        .says("running the command unchanged");
    let call = sb.main_call();
    assert_eq!(
        argv(&call),
        ["create", "ng", "-f", "c.yaml"],
        "as the user gave it"
    );

    let strict = Sandbox::new();
    std::fs::write(strict.path("c.yaml"), CONFIG).unwrap();
    strict
        .eksctl_run(["create", "ng", "-f", "c.yaml"])
        .aws(&moto)
        .envs(&[("TMPDIR", "/nonexistent"), ("EKSCTL_SHIM_MODE", "strict")])
        .go()
        .exits(4)
        .says("cannot write the rewritten config");
    assert_eq!(strict.last_call(), None, "eksctl must not run");
}

/// A config from a pipe the shim read (`-f <(...)`, `-f /dev/stdin`) is handed back on a
/// new pipe at the descriptor the path names: eksctl gets the same argv and the same
/// bytes, and no file is written, so an unusable TMPDIR changes nothing.
#[test]
fn a_piped_config_with_nothing_to_rewrite_needs_no_temporary_file() {
    let (sb, moto) = (Sandbox::new(), moto_with_prod());
    std::fs::write(sb.path("c.yaml"), CONFIG).unwrap();
    for (script, path) in [
        ("eksctl create ng -f <(cat c.yaml)", "/dev/fd/63"),
        ("cat c.yaml | eksctl create ng -f /dev/stdin", "/dev/stdin"),
    ] {
        sb.program_run("/bin/bash", ["-c", script])
            .aws(&moto)
            .env("TMPDIR", "/nonexistent")
            .go()
            .exits(0)
            .never_says("temporary");
        let call = sb.last_call().unwrap();
        assert_eq!(argv(&call), ["create", "ng", "-f", path], "{script}");
        assert_eq!(call["outcome"], "ok", "{script}: {call}");
        assert_eq!(call["config"], CONFIG, "{script}: the same bytes");
    }
}
