//! The CI recipes in ci/ run as the README says (issue 14): every `run:` step of the
//! GitHub Actions workflow and every script line of the GitLab jobs, in order, in a
//! fresh HOME, with the shim installed from a release archive by the recipe's own steps,
//! the model of eksctl behind it and moto as AWS. What GitHub's runner does around a
//! step (GITHUB_PATH, GITHUB_STEP_SUMMARY, `uses:` actions) is emulated or skipped; the
//! archive is fetched from a file:// URL.

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

fn recipe(name: &str) -> serde_yaml_ng::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ci").join(name);
    serde_yaml_ng::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A release archive of the binary under test (scripts/dist.sh), as a file:// URL.
fn archive_url(sb: &Sandbox) -> String {
    let dist = run_within(
        Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/dist.sh"))
            .args(["--binary", SHIM, "--out"])
            .arg(sb.path("dist")),
        std::time::Duration::from_secs(300),
    );
    assert!(dist.status.success(), "{}", stderr(&dist));
    format!("file://{}", stdout(&dist).trim())
}

/// A job's steps, run one after another as a runner would: bash -e, the job's env, PATH
/// extended by what a step wrote to GITHUB_PATH. Returns each step's name and output;
/// stops at the first failure.
struct Job<'a> {
    sb: &'a Sandbox,
    moto: &'a Moto,
    env: Vec<(String, String)>,
    path: Vec<PathBuf>,
}

impl Job<'_> {
    fn step(&mut self, script: &str) -> Output {
        let work = self.sb.path("work");
        let mut cmd = Command::new("bash");
        cmd.args(["-e", "-o", "pipefail", "-c", script])
            .env_clear()
            .current_dir(&work)
            .env("HOME", self.sb.path("home"))
            .env("EKSCTL_STANDIN_RECORD", self.sb.path("record"))
            .env("EKSCTL_STANDIN_VERSION", "0.230.0");
        let mut path: Vec<PathBuf> = self.path.clone();
        path.extend(std::env::split_paths(&self.sb.default_path()));
        cmd.env("PATH", std::env::join_paths(path).unwrap());
        for (k, v) in self.moto.env() {
            cmd.env(k, v);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let out = run_within(cmd, std::time::Duration::from_secs(300));
        if let Ok(added) = std::fs::read_to_string(self.sb.path("github_path")) {
            self.path = added.lines().rev().map(PathBuf::from).collect();
        }
        out
    }
}

fn job<'a>(sb: &'a Sandbox, moto: &'a Moto, vars: &serde_yaml_ng::Value) -> Job<'a> {
    std::fs::create_dir_all(sb.path("work")).unwrap();
    std::fs::write(sb.path("work/cluster.yaml"), CLUSTER_YAML).unwrap();
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
    for (k, v) in env.iter_mut() {
        if k == "EKSCTL_SHIM_ARCHIVE_URL" {
            *v = archive_url(sb);
        }
    }
    Job {
        sb,
        moto,
        env,
        path: vec![],
    }
}

/// Runs the GitHub workflow's steps on a cluster; returns the outputs of the steps run
/// and the step summary.
fn github(drifted: bool) -> (Vec<(String, Output)>, String, Sandbox) {
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
    job.env.extend([
        ("GITHUB_ACTIONS".into(), "true".into()),
        (
            "GITHUB_PATH".into(),
            sb.path("github_path").display().to_string(),
        ),
        (
            "GITHUB_STEP_SUMMARY".into(),
            sb.path("summary.md").display().to_string(),
        ),
        (
            "GITHUB_WORKSPACE".into(),
            sb.path("work").display().to_string(),
        ),
    ]);
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
    (ran, summary, sb)
}

#[test]
fn github_workflow_on_a_clean_cluster_creates_the_nodegroup() {
    let (ran, summary, sb) = github(false);
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
        doctor.contains("ok   `eksctl` on PATH is this shim"),
        "{doctor}"
    );
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
    let (ran, summary, sb) = github(true);
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
    let mut job = job(&sb, &moto, &pipeline["variables"]);
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
        // One shell per job, as GitLab's runner does.
        let out = job.step(&lines(key).join("\n"));
        assert!(
            out.status.success(),
            "{key}: {}{}",
            stdout(&out),
            stderr(&out)
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
