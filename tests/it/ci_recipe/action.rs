//! The composite action (action.yml): its `run:` steps, run as GitHub's runner runs a
//! composite action's (bash, the step's `env:` with `${{ inputs.* }}` filled in from the
//! inputs or their defaults, GITHUB_ACTION_PATH at the repository), on a runner's PATH
//! with no eksctl and the downloads served locally.

use std::process::Output;

use super::*;

/// The inputs a workflow gives, beside the defaults.
struct Inputs {
    shim_sha256: String,
    eksctl_sha256: String,
    mode: &'static str,
}

struct Ran<'a> {
    job: Job<'a>,
    out: Output,
}

/// Runs the action's steps in a fresh job; stops at the first that fails.
fn run_action<'a>(
    sb: &'a Sandbox,
    moto: &'a Moto,
    served: &Downloads,
    inputs: impl FnOnce(&Downloads) -> Inputs,
) -> Ran<'a> {
    checkout(sb);
    let inputs = inputs(served);
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let mut given: Vec<(String, String)> = action["inputs"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| {
            v["default"]
                .as_str()
                .map(|d| (k.as_str().unwrap().to_string(), d.to_string()))
        })
        .collect();
    let eksctl_default = given
        .iter()
        .find(|(k, _)| k == "eksctl-releases-url")
        .map(|(_, v)| v.clone());
    assert_eq!(
        eksctl_default.as_deref(),
        Some("https://github.com/eksctl-io/eksctl/releases/download"),
        "by default, eksctl comes from its GitHub releases"
    );
    given.retain(|(k, _)| k != "eksctl-releases-url" && k != "mode");
    given.extend([
        ("shim-archive-url".into(), served.shim_url.clone()),
        ("shim-sha256".into(), inputs.shim_sha256),
        ("eksctl-version".into(), EKSCTL_VERSION.into()),
        ("eksctl-sha256".into(), inputs.eksctl_sha256),
        ("eksctl-releases-url".into(), served.releases_url.clone()),
        ("mode".into(), inputs.mode.into()),
    ]);
    for (name, spec) in action["inputs"].as_mapping().unwrap() {
        let name = name.as_str().unwrap();
        if spec["required"].as_bool() == Some(true) {
            assert!(
                given.iter().any(|(k, _)| k == name),
                "required input {name} not given"
            );
        }
    }
    let expr = regex::Regex::new(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}").unwrap();
    let mut job = Job {
        sb,
        moto,
        env: vec![("GITHUB_ACTION_PATH".into(), ROOT.into())],
        path: vec![],
    };
    job.on_github();
    let before = job.step("! command -v eksctl");
    assert!(
        before.status.success(),
        "the runner has no eksctl: {}",
        stdout(&before)
    );
    let mut last = None;
    for step in action["runs"]["steps"].as_sequence().unwrap() {
        let script = step["run"]
            .as_str()
            .expect("every step of the action is a run: step");
        assert_eq!(
            step["shell"].as_str(),
            Some("bash"),
            "a composite step names its shell"
        );
        assert!(
            !script.contains("${{"),
            "inputs reach the script through env:, never pasted in"
        );
        let mut step_env = vec![];
        if let Some(env) = step["env"].as_mapping() {
            for (k, v) in env {
                let v = expr.replace_all(v.as_str().unwrap(), |c: &regex::Captures| {
                    given
                        .iter()
                        .find(|(k, _)| *k == c[1])
                        .unwrap_or_else(|| panic!("no input {}", &c[1]))
                        .1
                        .clone()
                });
                assert!(
                    !v.contains("${{"),
                    "an expression the test does not know: {v}"
                );
                step_env.push((k.as_str().unwrap().to_string(), v.into_owned()));
            }
        }
        let out = job.step_with(script, &step_env);
        let failed = !out.status.success();
        last = Some(out);
        if failed {
            break;
        }
    }
    Ran {
        job,
        out: last.unwrap(),
    }
}

fn prefix(sb: &Sandbox, rel: &str) -> String {
    sb.path("runner_temp/eksctl-shim")
        .join(rel)
        .display()
        .to_string()
}

#[test]
fn the_action_installs_the_shim_in_front_of_the_pinned_eksctl_and_sets_the_mode() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let Ran { mut job, out } = run_action(&sb, &moto, &served, |d| Inputs {
        shim_sha256: d.shim_sha256.clone(),
        eksctl_sha256: d.eksctl_sha256.clone(),
        mode: "warn",
    });
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let (eksctl, real) = job.which_eksctl();
    assert_eq!(eksctl, prefix(&sb, "share/eksctl-shim/bin/eksctl"));
    assert_eq!(real, prefix(&sb, "bin/eksctl"));
    // The installed eksctl is the one in the pinned release: the model, by its version.
    let version = job.step("eksctl version");
    assert_eq!(
        stdout(&version).trim(),
        EKSCTL_VERSION,
        "{}",
        stderr(&version)
    );
    // The mode reaches the later steps; the shim runs the user's command on moto.
    let mode = job.step(r#"printf '%s' "$EKSCTL_SHIM_MODE""#);
    assert_eq!(stdout(&mode), "warn");
    let create = job.step("eksctl create nodegroup -f cluster.yaml");
    assert!(
        create.status.success(),
        "{}{}",
        stdout(&create),
        stderr(&create)
    );
    assert_eq!(sb.main_call()["outcome"], "ok", "{}", sb.main_call());
    // Nothing was left in the workspace: the archives were opened in a temporary directory.
    assert_eq!(
        tree(&sb.path("work")),
        ["ci", "ci/install-pinned.sh", "cluster.yaml"]
    );
}

/// A failed action step: nothing installed, no PATH or env for later steps, nothing
/// extracted anywhere the job can see.
fn assert_nothing_installed(ran: &Ran, says: &str) {
    let sb = ran.job.sb;
    assert!(!ran.out.status.success(), "{}", stderr(&ran.out));
    assert!(stderr(&ran.out).contains(says), "{}", stderr(&ran.out));
    assert_eq!(tree(&sb.path("runner_temp")), Vec::<String>::new());
    assert_eq!(tree(&sb.path("home")), Vec::<String>::new());
    assert_eq!(
        tree(&sb.path("work")),
        ["ci", "ci/install-pinned.sh", "cluster.yaml"]
    );
    assert!(!sb.path("github_path").exists(), "PATH was extended");
    assert!(
        !sb.path("github_env").exists(),
        "the job's env was extended"
    );
}

#[test]
fn a_wrong_shim_sha256_stops_the_action_before_anything_is_extracted() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let ran = run_action(&sb, &moto, &served, |d| Inputs {
        shim_sha256: wrong(&d.shim_sha256),
        eksctl_sha256: d.eksctl_sha256.clone(),
        mode: "strict",
    });
    assert_nothing_installed(
        &ran,
        &format!(
            "pinned {}; nothing was installed",
            wrong(&served.shim_sha256)
        ),
    );
}

#[test]
fn a_wrong_eksctl_sha256_stops_the_action_before_anything_is_extracted() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let ran = run_action(&sb, &moto, &served, |d| Inputs {
        shim_sha256: d.shim_sha256.clone(),
        eksctl_sha256: wrong(&d.eksctl_sha256),
        mode: "strict",
    });
    assert_nothing_installed(
        &ran,
        &format!(
            "is not what eksctl {EKSCTL_VERSION} publishes for eksctl_Linux_amd64.tar.gz ({})",
            served.eksctl_sha256
        ),
    );
}

#[test]
fn an_unknown_mode_stops_the_action_before_any_download() {
    let moto = moto_with_prod();
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let ran = run_action(&sb, &moto, &served, |d| Inputs {
        shim_sha256: d.shim_sha256.clone(),
        eksctl_sha256: d.eksctl_sha256.clone(),
        mode: "strcit\n::warning::x",
    });
    assert!(!ran.out.status.success());
    assert!(
        stdout(&ran.out).contains(
            "::error title=eksctl-shim::mode must be fix, warn or strict, not 'strcit???warning??x'"
        ),
        "{}",
        stdout(&ran.out)
    );
    // One line: the newline in the input started no workflow command of its own.
    assert_eq!(stdout(&ran.out).lines().count(), 1, "{}", stdout(&ran.out));
    assert!(
        !stderr(&ran.out).contains("downloading"),
        "{}",
        stderr(&ran.out)
    );
    assert_eq!(tree(&sb.path("runner_temp")), Vec::<String>::new());
}
