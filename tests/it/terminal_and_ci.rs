//! On a terminal and in CI (issue 14): colour only on a terminal (NO_COLOR and
//! CLICOLOR_FORCE respected), the spinner of a slow pre-flight erased before anything
//! else is written, the closing reminder after a long run, and GitHub annotations and
//! the step summary for an intercepted run. The built binary as `eksctl` in front of the
//! model of eksctl, against moto; a pseudo-terminal where a terminal is needed.

use std::process::{Command, Output};

use crate::common::fake_aws::{FakeAws, Fault};
use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

const ESC: &str = "\x1b[";

/// The same command with stdout and stderr on a pseudo-terminal (tests/support/pty_run.py);
/// the output is both streams as the terminal got them.
fn on_terminal(cmd: &Command) -> Output {
    let mut pty = Command::new(python());
    pty.arg(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/pty_run.py"
    ))
    .arg(cmd.get_program())
    .args(cmd.get_args())
    .env_clear()
    // A terminal says what it is; without TERM colour libraries assume the worst.
    .env("TERM", "xterm-256color");
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            pty.env(k, v);
        }
    }
    if let Some(dir) = cmd.get_current_dir() {
        pty.current_dir(dir);
    }
    run(pty)
}

#[test]
fn colour_on_a_terminal_only_and_as_the_variables_say() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let check = |env: &[(&str, &str)]| {
        sb.shim_run(["check", "--cluster", "drifted"])
            .aws(&moto)
            .envs(env)
            .command()
    };
    let pty = on_terminal(&check(&[]));
    assert_eq!(pty.status.code(), Some(3));
    let shown = stdout(&pty);
    assert!(
        shown.contains("\x1b[1m\x1b[31merror"),
        "red on a terminal: {shown:?}"
    );

    let no_color = on_terminal(&check(&[("NO_COLOR", "1")]));
    assert!(!stdout(&no_color).contains(ESC), "{:?}", stdout(&no_color));
    assert!(stdout(&no_color).contains("error   [subnet-drift]"));

    let piped = run(check(&[]));
    assert!(!stdout(&piped).contains(ESC), "{:?}", stdout(&piped));
    let forced = run(check(&[("CLICOLOR_FORCE", "1")]));
    assert!(stdout(&forced).contains(ESC), "{:?}", stdout(&forced));

    // The eksctl face: the pre-flight's findings on stderr, the same rules.
    let create = |env: &[(&str, &str)]| {
        sb.eksctl_run(["create", "nodegroup", "--cluster", "drifted", "-P"])
            .version("0.230.0")
            .aws(&moto)
            .envs(env)
            .command()
    };
    // The pin runs (eksctl accepts it): the problem is labelled fixed, in green, never a
    // red error (issue 25).
    let pty = on_terminal(&create(&[]));
    assert!(stdout(&pty).contains("\x1b[32mfixed"), "{:?}", stdout(&pty));
    assert!(
        !stdout(&pty).contains("\x1b[1m\x1b[31merror"),
        "{:?}",
        stdout(&pty)
    );
    let piped = run(create(&[]));
    assert!(
        stderr(&piped).contains("fixed   [subnet-drift]"),
        "{}",
        stderr(&piped)
    );
    assert!(!stderr(&piped).contains(ESC), "{:?}", stderr(&piped));
}

#[test]
fn a_slow_preflight_shows_a_spinner_on_a_terminal_and_erases_it() {
    let fake = FakeAws::start(Fault::Silent);
    let sb = Sandbox::new();
    let slow = |quiet: bool| {
        let mut cmd = sb.eksctl(["create", "nodegroup", "--cluster", "prod", "-P"]);
        cmd.env("AWS_ENDPOINT_URL", fake.endpoint())
            .env("AWS_REGION", "us-west-2")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("EKSCTL_SHIM_TIMEOUT", "2")
            .env("EKSCTL_MODEL_OFFLINE", "1");
        if quiet {
            cmd.env("EKSCTL_SHIM_QUIET", "1");
        }
        cmd
    };
    let out = on_terminal(&slow(false));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let shown = stdout(&out);
    let spun = shown
        .rfind("checking cluster prod in us-west-2")
        .unwrap_or_else(|| panic!("no spinner: {shown:?}"));
    // indicatif erases its line (`\r` and erase-line) when the pre-flight ends; the
    // shim's next line comes after that, and no frame after it.
    let erased = shown[spun..]
        .find("\r\x1b[2K")
        .map(|i| spun + i)
        .unwrap_or_else(|| panic!("spinner not erased: {shown:?}"));
    let warning = shown
        .find("could not check cluster \"prod\"")
        .unwrap_or_else(|| panic!("{shown:?}"));
    assert!(warning > erased, "{shown:?}");
    assert!(!shown[erased..].contains("checking cluster"), "{shown:?}");

    let quiet = on_terminal(&slow(true));
    assert!(
        !stdout(&quiet).contains("checking cluster"),
        "{:?}",
        stdout(&quiet)
    );
    let piped = run(slow(false));
    assert!(
        !stderr(&piped).contains("checking cluster"),
        "{}",
        stderr(&piped)
    );
}

const TWO_PRIVATE: &str = "\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: drifted
  region: us-west-2
nodeGroups:
  - name: ng-a
    privateNetworking: true
managedNodeGroups:
  - name: ng-b
    privateNetworking: true
";

/// `eksctl create nodegroup -f infra/cluster.yaml` on a cluster whose private subnets
/// were replaced: the shim pins the new ones.
fn drifted_create(sb: &Sandbox, moto: &Moto, env: &[(&str, &str)]) -> Command {
    std::fs::create_dir_all(sb.path("infra")).unwrap();
    std::fs::write(sb.path("infra/cluster.yaml"), TWO_PRIVATE).unwrap();
    sb.eksctl_run(["create", "nodegroup", "-f", "infra/cluster.yaml"])
        .version("0.230.0")
        .aws(moto)
        .envs(env)
        .command()
}

#[test]
fn a_long_run_ends_with_a_reminder_of_what_the_shim_changed() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let long = run(drifted_create(
        &sb,
        &moto,
        &[("EKSCTL_SHIM_RECAP_AFTER", "0")],
    ));
    assert_eq!(
        long.status.code(),
        Some(0),
        "{}\n{}",
        stderr(&long),
        sb.main_call()
    );
    let err = stderr(&long);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(
            "eksctl-shim: reminder: the shim changed this command before eksctl ran: "
        ),
        "{err}"
    );
    assert!(last.contains("ng-a") && last.contains("ng-b"), "{last}");

    let sb = Sandbox::new();
    let short = run(drifted_create(&sb, &moto, &[]));
    assert_eq!(short.status.code(), Some(0), "{}", stderr(&short));
    assert!(!stderr(&short).contains("reminder"), "{}", stderr(&short));
}

#[test]
fn github_annotations_and_summary_for_an_intercepted_run() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let sb = Sandbox::new();
    let summary = sb.path("summary.md");
    let summary_str = summary.to_string_lossy().into_owned();
    let out = run(drifted_create(
        &sb,
        &moto,
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_STEP_SUMMARY", &summary_str),
        ],
    ));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stdout(&out).contains("::"),
        "stdout stays eksctl's: {}",
        stdout(&out)
    );
    let err = stderr(&out);
    for (ng, line) in [("ng-a", 7), ("ng-b", 10)] {
        let start = format!(
            "::warning file=infra/cluster.yaml,line={line},title=eksctl-shim [subnet-drift] drifted (us-west-2%2C account 123456789012)::fixed by the shim for this run: nodegroup \"{ng}\""
        );
        assert!(err.lines().any(|l| l.starts_with(&start)), "{start}\n{err}");
    }
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("### eksctl-shim: drifted (us-west-2, account 123456789012)\n"),
        "{md}"
    );
    assert!(md.contains("What the shim changed:"), "{md}");
    assert!(md.contains("eksctl create nodegroup"), "{md}");
    // The model accepted the rewritten command: both nodegroups were created.
    assert_eq!(sb.main_call()["outcome"], "ok", "{}", sb.main_call());

    // Not in GitHub Actions: no workflow commands, no summary.
    let sb = Sandbox::new();
    let plain = run(drifted_create(
        &sb,
        &moto,
        &[("GITHUB_STEP_SUMMARY", &summary_str)],
    ));
    assert!(!stderr(&plain).contains("::warning"), "{}", stderr(&plain));
}
