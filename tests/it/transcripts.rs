//! What a person sees, end to end: the whole transcript (stdout, stderr, exit code) of
//! about ten scenarios, through the built binary in front of the model of eksctl,
//! against moto, kept as snapshots (`tests/it/snapshots/`). A change to any line a user
//! reads shows here as a diff to review (`INSTA_UPDATE=always` rewrites them, or
//! `cargo insta review`). What changes from run to run is named, not hidden: each AWS ID
//! the world made becomes `<its name>`, other IDs `<subnet>`-style, times `<time>`.
//! Every run has `COLUMNS=80`: the snapshots show the shim's lines as an 80-column
//! terminal shows them (wrapped with the real IDs, named after).

use std::fmt::Write;

use serde_json::{Value, json};

use crate::common::moto::Moto;
use crate::common::run::Ran;
use crate::common::*;

/// The transcript of `ran`, with what varies between runs named.
fn transcript(ran: &Ran, ids: &Value, sb: &Sandbox) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "exit: {:?}", ran.out.status.code());
    let _ = writeln!(out, "--- stdout");
    out.push_str(&ran.stdout());
    let _ = writeln!(out, "--- stderr");
    out.push_str(&ran.stderr());
    normalise(&out, ids, sb)
}

fn normalise(text: &str, ids: &Value, sb: &Sandbox) -> String {
    let mut text = text.replace(
        sb.path("").to_str().unwrap().trim_end_matches('/'),
        "<sandbox>",
    );
    // The world's IDs by name, longest first (no ID is a prefix of another's name).
    let mut named: Vec<(String, String)> = ids
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (v.to_string(), k.clone())))
                .filter(|(v, k)| !k.ends_with("region") && v.contains('-') && v.len() > 8)
                .collect()
        })
        .unwrap_or_default();
    named.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
    for (value, name) in named {
        text = text.replace(&value, &format!("<{name}>"));
    }
    let rules: &[(&str, &str)] = &[
        (
            r"\b(subnet|vpc|sg|rtb|igw|eni|nat|eipalloc)-[0-9a-f]{8,17}\b",
            "<$1>",
        ),
        (
            r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?Z?",
            "<time>",
        ),
        (r"\(\d+(\.\d+)? ?m?s\)", "(<took>)"),
        (r#""took_ms": ?\d+"#, r#""took_ms": 0"#),
        (r"127\.0\.0\.1:\d+", "127.0.0.1:<port>"),
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "<uuid>",
        ),
        (
            r"eksctl-shim-sync-outputs-\d+",
            "eksctl-shim-sync-outputs-<n>",
        ),
        (r"/tmp/\.tmp[A-Za-z0-9]+", "<tmp>"),
    ];
    for (pattern, with) in rules {
        text = regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&text, *with)
            .into_owned();
    }
    text
}

const DRIFTED: &[&str] = &["private-a", "private-b"];

/// `eksctl ARGS` through the shim as eksctl `version`, in a world of its own, with
/// `files` written into the sandbox and `env` set; its transcript.
fn proxy(
    world: Value,
    version: &str,
    args: &[&str],
    files: &[(&str, &str)],
    env: &[(&str, &str)],
) -> String {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(world);
    for (name, text) in files {
        std::fs::write(sb.path(name), text).unwrap();
    }
    let ran = sb
        .eksctl_run(args)
        .version(version)
        .aws(&moto)
        .env("COLUMNS", "80")
        .envs(env)
        .go();
    transcript(&ran, &ids, &sb)
}

fn drifted() -> Value {
    json!({"cluster": "prod", "moved": true, "delete": DRIFTED})
}

const PRIVATE_NG: &[&str] = &[
    "create",
    "nodegroup",
    "--cluster",
    "prod",
    "-n",
    "ng-1",
    "-P",
];

#[test]
fn a_clean_cluster() {
    let args = ["create", "nodegroup", "--cluster", "prod", "--name", "ng-1"];
    let t = proxy(json!({"cluster": "prod"}), "0.230.0", &args, &[], &[]);
    insta::assert_snapshot!("clean", t);
}

#[test]
fn drift_the_shim_fixes() {
    let t = proxy(drifted(), "0.180.0", PRIVATE_NG, &[], &[]);
    insta::assert_snapshot!("drift_fixed", t);
}

#[test]
fn drift_no_rewrite_fixes_in_strict_mode() {
    let strict = [("EKSCTL_SHIM_MODE", "strict")];
    let t = proxy(drifted(), "0.170.0", PRIVATE_NG, &[], &strict);
    insta::assert_snapshot!("drift_unfixable_strict", t);
}

const CONFIG_MAP_CLUSTER: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: fresh\n  region: us-west-2\naccessConfig:\n  authenticationMode: CONFIG_MAP\nnodeGroups:\n  - name: ng-1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n";

const CREATE_CLUSTER: &[&str] = &["create", "cluster", "-f", "cluster.yaml"];

#[test]
fn a_create_cluster_split_in_two() {
    let files = [("cluster.yaml", CONFIG_MAP_CLUSTER)];
    let t = proxy(
        json!({"cluster": "other"}),
        "0.170.0",
        CREATE_CLUSTER,
        &files,
        &[],
    );
    insta::assert_snapshot!("split", t);
}

/// A CONFIG_MAP cluster needs nothing for a self-managed nodegroup (eksctl writes
/// aws-auth itself): the shim says nothing at all (issue 25).
#[test]
fn a_config_map_cluster_needs_nothing() {
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "cm",
        "--name",
        "ng-1",
        "--managed=false",
    ];
    let world = json!({"cluster": "cm", "auth_mode": "CONFIG_MAP"});
    let t = proxy(world, "0.230.0", &args, &[], &[]);
    insta::assert_snapshot!("config_map", t);
}

#[test]
fn a_create_cluster_eksctl_refuses() {
    let refused = CONFIG_MAP_CLUSTER.replace("name: ng-1", "name: ng_1");
    let files = [("cluster.yaml", refused.as_str())];
    let t = proxy(
        json!({"cluster": "other"}),
        "0.170.0",
        CREATE_CLUSTER,
        &files,
        &[],
    );
    insta::assert_snapshot!("refused", t);
}

#[test]
fn a_cluster_the_shim_could_not_check() {
    let sb = Sandbox::new();
    let ran = sb
        .eksctl_run(["create", "nodegroup", "--cluster", "prod", "--name", "ng-1"])
        .version("0.230.0")
        .aws_at(&closed_endpoint())
        .env("COLUMNS", "80")
        // A refused connection fails within the SDK's three tries (about 3 s
        // of back-off at most); the deadline is well past that, so the reason
        // said is always the refused connection, never a race with the clock.
        .env("EKSCTL_SHIM_TIMEOUT", "30")
        .go();
    insta::assert_snapshot!("unchecked", transcript(&ran, &json!({}), &sb));
}

#[test]
fn a_failure_eksctl_makes_as_predicted() {
    let mut world = drifted();
    world["cluster_sg_output"] = json!(false);
    let t = proxy(world, "0.200.0", PRIVATE_NG, &[], &[]);
    insta::assert_snapshot!("failure_with_advice", t);
}

#[test]
fn plan_in_text_and_json() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(drifted());
    for (name, format) in [("plan_text", "text"), ("plan_json", "json")] {
        let ran = sb
            .shim_run([
                "plan",
                "--output",
                format,
                "--",
                "create",
                "nodegroup",
                "--cluster",
                "prod",
                "-n",
                "ng-1",
                "-P",
            ])
            .version("0.180.0")
            .aws(&moto)
            .env("COLUMNS", "80")
            .go();
        insta::assert_snapshot!(name, transcript(&ran, &ids, &sb));
    }
}

#[test]
fn check_all_in_text_and_json() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let mut ids = moto.world(drifted());
    let calm = moto.world(json!({"cluster": "calm"}));
    // Both worlds' IDs, the second's under names of their own.
    for (k, v) in calm.as_object().unwrap() {
        ids[format!("calm-{k}")] = v.clone();
    }
    for (name, format) in [("check_all_text", "text"), ("check_all_json", "json")] {
        let ran = sb
            .shim_run(["check", "--all", "--output", format])
            .version("0.180.0")
            .aws(&moto)
            .env("COLUMNS", "80")
            .go();
        insta::assert_snapshot!(name, transcript(&ran, &ids, &sb));
    }
}

#[test]
fn sync_outputs_plans_the_repair() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let ids = moto.world(drifted());
    let ran = sb
        .shim_run(["sync-outputs", "--cluster", "prod"])
        .aws(&moto)
        .env("COLUMNS", "80")
        .go();
    insta::assert_snapshot!("sync_outputs", transcript(&ran, &ids, &sb));
}
