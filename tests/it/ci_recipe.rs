//! The CI recipes in ci/ run as the README says (issue 14): every `run:` step of the
//! GitHub Actions workflow and every script line of the GitLab jobs, in order, in a
//! fresh HOME, on a runner's PATH with no eksctl (issue 25), with a pinned eksctl and the
//! shim in front of it installed by the recipe's own steps (ci/install-pinned.sh), the
//! model of eksctl as that eksctl and moto as AWS. What GitHub's runner does around a
//! step (GITHUB_PATH, GITHUB_ENV, GITHUB_STEP_SUMMARY, `uses:` actions) is emulated or
//! skipped; the downloads come from file:// URLs: the shim's release archive
//! (scripts/dist.sh) and an eksctl release laid out as GitHub's (`vVERSION/` with
//! eksctl_Linux_amd64.tar.gz, holding the model, and eksctl_checksums.txt).
//! `action` runs the composite action (action.yml), `script` ci/install-pinned.sh alone.

mod action;
mod script;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::json;

const CLUSTER_YAML: &str = "\
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: prod
  region: us-west-2
managedNodeGroups:
  - name: workers
    privateNetworking: true
";

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The eksctl release the tests pin: the version the model answers `eksctl version` with.
const EKSCTL_VERSION: &str = "0.230.0";
/// What a runner has on PATH before the job: system tools, no eksctl.
const RUNNER_PATH: &str = "/usr/bin:/bin";

/// A YAML file of the repository (a recipe, action.yml), parsed.
fn yaml(rel: &str) -> serde_yaml_ng::Value {
    serde_yaml_ng::from_str(&std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap()).unwrap()
}

fn recipe(name: &str) -> serde_yaml_ng::Value {
    yaml(&format!("ci/{name}"))
}

fn sha256_of(file: &Path) -> String {
    let out = run(Command::new("sha256sum").arg(file));
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).split_whitespace().next().unwrap().to_string()
}

/// What the install downloads, served from file:// URLs, and the SHA-256 values to pin.
struct Downloads {
    /// The release archive of the binary under test (scripts/dist.sh).
    shim_url: String,
    shim_sha256: String,
    /// The base of the eksctl releases: `vVERSION/eksctl_Linux_amd64.tar.gz` (holding the
    /// model as `eksctl`) and `vVERSION/eksctl_checksums.txt`, as GitHub's are laid out.
    releases_url: String,
    eksctl_sha256: String,
    /// The eksctl archive itself (a test replaces it to damage the download).
    eksctl_archive: PathBuf,
}

impl Downloads {
    fn serve(sb: &Sandbox, version: &str) -> Downloads {
        let dist = run_within(
            Command::new("bash")
                .arg(format!("{ROOT}/scripts/dist.sh"))
                .args(["--binary", SHIM, "--out"])
                .arg(sb.path("dist")),
            std::time::Duration::from_secs(300),
        );
        assert!(dist.status.success(), "{}", stderr(&dist));
        let archive = PathBuf::from(stdout(&dist).trim());
        let release = sb.path(&format!("releases/v{version}"));
        std::fs::create_dir_all(&release).unwrap();
        sb.write_model(&sb.path("eksctl-build/eksctl"));
        let eksctl_archive = release.join("eksctl_Linux_amd64.tar.gz");
        let tar = run(Command::new("tar")
            .arg("-czf")
            .arg(&eksctl_archive)
            .arg("-C")
            .arg(sb.path("eksctl-build"))
            .arg("eksctl"));
        assert!(tar.status.success(), "{}", stderr(&tar));
        let eksctl_sha256 = sha256_of(&eksctl_archive);
        // As eksctl publishes them: one line per platform's archive.
        std::fs::write(
            release.join("eksctl_checksums.txt"),
            format!(
                "{}  eksctl_Darwin_arm64.tar.gz\n{eksctl_sha256}  eksctl_Linux_amd64.tar.gz\n",
                "0".repeat(64)
            ),
        )
        .unwrap();
        Downloads {
            shim_url: format!("file://{}", archive.display()),
            shim_sha256: sha256_of(&archive),
            releases_url: format!("file://{}", sb.path("releases").display()),
            eksctl_sha256,
            eksctl_archive,
        }
    }
}

/// A SHA-256 that is not the file's.
fn wrong(sha256: &str) -> String {
    let first = if sha256.starts_with('0') { "1" } else { "0" };
    format!("{first}{}", &sha256[1..])
}

/// The files under `dir`, relative, sorted (empty if it does not exist).
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            out.push(e.path().strip_prefix(root).unwrap().display().to_string());
            if e.file_type().unwrap().is_dir() {
                walk(root, &e.path(), out);
            }
        }
    }
    let mut out = vec![];
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A job's steps, run one after another as a runner would: bash -e, the job's env, a
/// runner's PATH (no eksctl) extended by what a step wrote to GITHUB_PATH, the job's env
/// extended by what a step wrote to GITHUB_ENV.
struct Job<'a> {
    sb: &'a Sandbox,
    moto: &'a Moto,
    env: Vec<(String, String)>,
    path: Vec<PathBuf>,
}

impl Job<'_> {
    fn step(&mut self, script: &str) -> Output {
        self.step_with(script, &[])
    }

    /// A step with environment of its own (a step's `env:`) on top of the job's.
    fn step_with(&mut self, script: &str, step_env: &[(String, String)]) -> Output {
        let work = self.sb.path("work");
        let mut cmd = Command::new("bash");
        cmd.args(["-e", "-o", "pipefail", "-c", script])
            .env_clear()
            .current_dir(&work)
            .env("HOME", self.sb.path("home"))
            .env("EKSCTL_MODEL_RECORD", self.sb.path("record"))
            .env("EKSCTL_MODEL_VERSION", EKSCTL_VERSION);
        let mut path: Vec<PathBuf> = self.path.clone();
        path.extend(std::env::split_paths(RUNNER_PATH));
        cmd.env("PATH", std::env::join_paths(path).unwrap());
        for (k, v) in self.moto.env() {
            cmd.env(k, v);
        }
        for (k, v) in self.env.iter().chain(step_env) {
            cmd.env(k, v);
        }
        let out = run_within(cmd, std::time::Duration::from_secs(300));
        if let Ok(added) = std::fs::read_to_string(self.sb.path("github_path")) {
            self.path = added.lines().rev().map(PathBuf::from).collect();
        }
        if let Ok(set) = std::fs::read_to_string(self.sb.path("github_env")) {
            for line in set.lines() {
                let (k, v) = line
                    .split_once('=')
                    .expect("GITHUB_ENV lines are NAME=VALUE");
                self.env.retain(|(name, _)| name != k);
                self.env.push((k.to_string(), v.to_string()));
            }
            std::fs::remove_file(self.sb.path("github_env")).unwrap();
        }
        out
    }

    /// The emulation of GitHub's runner around the steps.
    fn on_github(&mut self) {
        let sb = self.sb;
        self.env.extend([
            ("GITHUB_ACTIONS".into(), "true".into()),
            (
                "GITHUB_PATH".into(),
                sb.path("github_path").display().to_string(),
            ),
            (
                "GITHUB_ENV".into(),
                sb.path("github_env").display().to_string(),
            ),
            (
                "GITHUB_STEP_SUMMARY".into(),
                sb.path("summary.md").display().to_string(),
            ),
            (
                "GITHUB_WORKSPACE".into(),
                sb.path("work").display().to_string(),
            ),
            (
                "RUNNER_TEMP".into(),
                sb.path("runner_temp").display().to_string(),
            ),
        ]);
        std::fs::create_dir_all(sb.path("runner_temp")).unwrap();
    }

    /// The path of `eksctl` on the job's PATH, and the real eksctl the shim there runs.
    fn which_eksctl(&mut self) -> (String, String) {
        let out = self.step("command -v eksctl && eksctl-shim which");
        assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
        let text = stdout(&out);
        let mut lines = text.lines().map(str::to_string);
        (lines.next().unwrap(), lines.next().unwrap())
    }
}

/// The user's repository as a checkout leaves it: cluster.yaml and the copy of
/// ci/install-pinned.sh the recipes call.
fn checkout(sb: &Sandbox) {
    std::fs::create_dir_all(sb.path("work/ci")).unwrap();
    std::fs::write(sb.path("work/cluster.yaml"), CLUSTER_YAML).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("ci/install-pinned.sh"),
        sb.path("work/ci/install-pinned.sh"),
    )
    .unwrap();
}

/// A job with a recipe's variables, the placeholders (archive URL, pinned SHA-256 values)
/// filled in as a user would, with the emulator's region, and the eksctl releases served
/// locally.
fn job<'a>(sb: &'a Sandbox, moto: &'a Moto, vars: &serde_yaml_ng::Value) -> Job<'a> {
    checkout(sb);
    let mut env: Vec<(String, String)> = vars
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().unwrap().to_string(),
                v.as_str().unwrap().to_string(),
            )
        })
        // The emulator's region, not the recipe's example.
        .filter(|(k, _)| k != "AWS_REGION")
        .collect();
    let version = env
        .iter()
        .find(|(k, _)| k == "EKSCTL_VERSION")
        .expect("the recipe pins EKSCTL_VERSION")
        .1
        .clone();
    let served = Downloads::serve(sb, &version);
    for (k, v) in env.iter_mut() {
        match k.as_str() {
            "EKSCTL_SHIM_ARCHIVE_URL" => *v = served.shim_url.clone(),
            "EKSCTL_SHIM_ARCHIVE_SHA256" | "EKSCTL_SHA256" => {
                assert!(
                    v.starts_with("REPLACE-"),
                    "{k}: a placeholder in the recipe, not {v}"
                );
                *v = if k == "EKSCTL_SHA256" {
                    served.eksctl_sha256.clone()
                } else {
                    served.shim_sha256.clone()
                };
            }
            _ => {}
        }
    }
    env.push(("EKSCTL_RELEASES_URL".into(), served.releases_url));
    Job {
        sb,
        moto,
        env,
        path: vec![],
    }
}

/// Where the recipes install: the prefix given to ci/install-pinned.sh.
fn local(sb: &Sandbox, rel: &str) -> String {
    sb.path("home/.local").join(rel).display().to_string()
}

/// Runs the GitHub workflow's steps on a cluster; returns the outputs of the steps run
/// and the step summary.
/// Also returns `eksctl` on the job's PATH at the end, and the real eksctl the shim runs.
fn github(drifted: bool) -> (Vec<(String, Output)>, String, (String, String), Sandbox) {
    let moto = Moto::start();
    let mut world = json!({"cluster": "prod"});
    if drifted {
        world = json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]});
    }
    moto.world(world);
    let sb = Sandbox::new();
    let workflow = recipe("github-actions.yml");
    let eksctl_job = &workflow["jobs"]["eksctl"];
    let mut job = job(&sb, &moto, &eksctl_job["env"]);
    job.on_github();
    let before = job.step("! command -v eksctl");
    assert!(
        before.status.success(),
        "the runner has no eksctl: {}",
        stdout(&before)
    );
    let mut ran = vec![];
    for step in eksctl_job["steps"].as_sequence().unwrap() {
        let Some(script) = step["run"].as_str() else {
            continue; // `uses:` steps belong to GitHub
        };
        // The run emulates a push to main.
        if let Some(cond) = step["if"].as_str() {
            assert_eq!(
                cond, "github.event_name == 'push'",
                "an `if:` the test does not know"
            );
        }
        let name = step["name"].as_str().unwrap_or(script).to_string();
        let out = job.step(script);
        let failed = !out.status.success();
        ran.push((name, out));
        if failed {
            break;
        }
    }
    let summary = std::fs::read_to_string(sb.path("summary.md")).unwrap_or_default();
    let which = job.which_eksctl();
    drop(job);
    (ran, summary, which, sb)
}

#[test]
fn github_workflow_on_a_clean_cluster_creates_the_nodegroup() {
    let (ran, summary, (eksctl, real), sb) = github(false);
    for (name, out) in &ran {
        assert!(
            out.status.success(),
            "step {name:?} failed: {}{}",
            stdout(out),
            stderr(out)
        );
    }
    assert_eq!(ran.len(), 5, "every run: step ran");
    // Doctor passed (exit 0, above) and found the installed shim first on PATH.
    let doctor = stdout(&ran[1].1);
    assert!(
        doctor.contains("eksctl-shim: ok      `eksctl` on PATH is this shim"),
        "{doctor}"
    );
    // `eksctl` is the shim the install step put first on PATH, in front of the pinned
    // eksctl it installed (the model, from the served release).
    assert_eq!(eksctl, local(&sb, "share/eksctl-shim/bin/eksctl"));
    assert_eq!(real, local(&sb, "bin/eksctl"));
    let create = sb.main_call();
    assert_eq!(create["argv"][0], "create", "{create}");
    assert_eq!(create["outcome"], "ok", "{create}");
    assert!(
        summary.contains("### eksctl-shim: prod (us-west-2"),
        "{summary}"
    );
}

#[test]
fn github_workflow_stops_at_the_gate_on_drift_with_an_annotation() {
    let (ran, summary, _, sb) = github(true);
    let (name, gate) = ran.last().unwrap();
    assert!(name.starts_with("Drift gate"), "stopped at {name}");
    assert_eq!(gate.status.code(), Some(3), "{}", stderr(gate));
    let annotation = stdout(gate);
    assert!(
        annotation
            .starts_with("::error file=cluster.yaml,line=7,title=eksctl-shim [subnet-drift] prod"),
        "{annotation}"
    );
    assert!(summary.contains("| error | `subnet-drift` |"), "{summary}");
    assert!(
        sb.calls().iter().all(|c| c["argv"][0] != "create"),
        "nothing created"
    );
}

#[test]
fn gitlab_jobs_write_a_junit_report_and_create_the_nodegroup() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod"}));
    let sb = Sandbox::new();
    let pipeline = recipe("gitlab-ci.yml");
    // An image with what the install needs, pinned by a tag (not `latest`).
    let image = pipeline[".eksctl-shim"]["image"].as_str().unwrap();
    let (_, tag) = image.split_once(':').expect("the image is pinned by a tag");
    assert!(!tag.is_empty() && tag != "latest", "{image}");
    let mut job = job(&sb, &moto, &pipeline["variables"]);
    let before = job.step("! command -v eksctl");
    assert!(
        before.status.success(),
        "the runner has no eksctl: {}",
        stdout(&before)
    );
    let lines = |key: &str| -> Vec<String> {
        let mut all: Vec<String> = vec![];
        for part in ["before_script", "script"] {
            let seq = if part == "before_script" {
                &pipeline[".eksctl-shim"][part]
            } else {
                &pipeline[key][part]
            };
            all.extend(
                seq.as_sequence()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap().to_string()),
            );
        }
        all
    };
    for key in ["eksctl-check", "eksctl-create"] {
        // One shell per job, as GitLab's runner does; at its end, `eksctl` is the shim in
        // front of the pinned eksctl.
        let mut script = lines(key);
        script.push("command -v eksctl; eksctl-shim which".into());
        let out = job.step(&script.join("\n"));
        assert!(
            out.status.success(),
            "{key}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        let text = stdout(&out);
        let tail: Vec<&str> = text.lines().rev().take(2).collect();
        assert_eq!(
            tail,
            [
                local(&sb, "bin/eksctl"),
                local(&sb, "share/eksctl-shim/bin/eksctl")
            ],
            "{text}"
        );
    }
    let report = std::fs::read_to_string(sb.path("work/eksctl-shim.xml")).unwrap();
    assert!(
        report.contains("<testsuite name=\"prod (us-west-2"),
        "{report}"
    );
    assert!(!report.contains("<failure"), "{report}");
    assert_eq!(sb.main_call()["outcome"], "ok", "{}", sb.main_call());
}
