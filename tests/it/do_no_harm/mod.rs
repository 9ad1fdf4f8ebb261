//! Do no harm (issue 10, section 2): one regression test per way the shim used to turn a
//! working command into a failing one, or to create what the user did not ask for. Each
//! runs the built binary as `eksctl` in front of the model of eksctl
//! (tests/eksctl-model), against a cluster in moto; a rewrite passes only when the model,
//! which validates and reads the AWS state as eksctl does, accepts the rewritten command.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use serde_json::{Value, json};

/// One run: a world, an eksctl version, a command line, and what it is fed.
struct Case {
    sb: Sandbox,
    moto: Moto,
    ids: Value,
    version: &'static str,
    env: Vec<(String, String)>,
}

impl Case {
    fn new(world: Value, version: &'static str) -> Case {
        let moto = Moto::start();
        let ids = moto.world(world);
        Case {
            sb: Sandbox::new(),
            moto,
            ids,
            version,
            env: vec![],
        }
    }

    fn id(&self, key: &str) -> String {
        self.ids[key]
            .as_str()
            .unwrap_or_else(|| panic!("no {key} in {}", self.ids))
            .to_string()
    }

    fn file(&self, name: &str, text: &str) {
        std::fs::write(self.sb.path(name), text).unwrap();
    }

    fn env(mut self, k: &str, v: &str) -> Case {
        self.env.push((k.into(), v.into()));
        self
    }

    /// `run` as this case's eksctl version, against its moto, with its environment.
    fn prepare(&self, run: Run) -> Run {
        let mut run = run.version(self.version).aws(&self.moto);
        for (k, v) in &self.env {
            run = run.env(k, v);
        }
        run
    }

    /// `eksctl ARGS` through the shim, not yet run.
    fn eksctl(&self, args: &[&str]) -> Run {
        self.prepare(self.sb.eksctl_run(args))
    }

    fn run(&self, args: &[&str]) -> Ran {
        self.eksctl(args).go()
    }

    /// A command line run by bash (for `<(...)` and pipes), with the sandbox's PATH.
    fn bash(&self, script: &str) -> Ran {
        self.prepare(self.sb.program_run("/bin/bash", ["-c", script]))
            .go()
    }

    /// The one call, which the model must have run to success.
    fn succeeded(&self, ran: &Ran) -> Value {
        let call = self.sb.main_call();
        assert_eq!(
            call["outcome"],
            "ok",
            "eksctl (model) failed: {}\nshim said:\n{}",
            call["error"],
            ran.stderr()
        );
        ran.exits(0);
        call
    }
}

fn created(call: &Value) -> Vec<(String, Vec<String>)> {
    call["created"]["nodegroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let subnets = n["subnets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            (n["name"].as_str().unwrap().to_string(), subnets)
        })
        .collect()
}

const ALL_PRIVATE_GONE: &[&str] = &["private-a", "private-b"];

fn drifted() -> Value {
    json!({"cluster": "prod", "moved": true, "delete": ALL_PRIVATE_GONE})
}

const PRIVATE_NG: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: prod\n  region: us-west-2\nmanagedNodeGroups:\n  - name: ng-1\n    privateNetworking: true\n";

#[test]
fn a_config_from_process_substitution_reaches_eksctl_whole() {
    for (version, world) in [
        ("0.230.0", json!({"cluster": "prod"})),
        ("0.180.0", drifted()),
    ] {
        let c = Case::new(world, version);
        c.file("ng.yaml", PRIVATE_NG);
        let call = c.succeeded(&c.bash("eksctl create nodegroup -f <(cat ng.yaml)"));
        assert_eq!(
            call["config_json"]["managedNodeGroups"][0]["name"], "ng-1",
            "{version}"
        );
    }
}

#[test]
fn a_config_from_dev_stdin_and_from_a_fifo_reaches_eksctl_whole() {
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0");
    c.file("ng.yaml", PRIVATE_NG);
    c.succeeded(&c.bash("cat ng.yaml | eksctl create nodegroup -f /dev/stdin"));

    let c = Case::new(drifted(), "0.200.0");
    let fifo = c.sb.path("ng.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        f.write_all(PRIVATE_NG.as_bytes()).unwrap();
    });
    let ran = c.run(&["create", "nodegroup", "-f", "ng.fifo"]);
    writer.join().unwrap();
    let call = c.succeeded(&ran);
    assert_eq!(
        created(&call)[0].1,
        [c.id("new-private-a"), c.id("new-private-b")],
        "pinned, from the FIFO's bytes"
    );
}

const CONFIG_MAP_CLUSTER: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: fresh\n  region: us-west-2\naccessConfig:\n  authenticationMode: CONFIG_MAP\nnodeGroups:\n  - name: ng-1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n";

/// `eksctl create cluster -f cluster.yaml EXTRA` as eksctl 0.170 (where the shim splits a
/// CONFIG_MAP cluster's creation), cluster.yaml a new cluster with both kinds of nodegroup.
fn create_config_map_cluster(extra: &[&str]) -> (Case, Ran) {
    let c = Case::new(json!({"cluster": "other"}), "0.170.0");
    c.file("cluster.yaml", CONFIG_MAP_CLUSTER);
    let mut args = vec!["create", "cluster", "-f", "cluster.yaml"];
    args.extend_from_slice(extra);
    let ran = c.run(&args);
    (c, ran)
}

#[test]
fn a_dry_run_of_create_cluster_is_never_split() {
    let (c, ran) = create_config_map_cluster(&["--dry-run"]);
    assert_eq!(c.sb.eksctl_calls().len(), 1, "one eksctl run");
    c.succeeded(&ran);
    // The printed YAML keeps nodeGroups.
    ran.prints("nodeGroups:");
}

#[test]
fn without_nodegroup_creates_no_nodegroup_even_when_split_would_apply() {
    let (c, ran) =
        create_config_map_cluster(&["--without-nodegroup", "--install-nvidia-plugin=false"]);
    let call = c.succeeded(&ran);
    assert!(created(&call).is_empty(), "{:?}", created(&call));
    assert_eq!(
        argv(&call),
        [
            "create",
            "cluster",
            "-f",
            "cluster.yaml",
            "--without-nodegroup",
            "--install-nvidia-plugin=false"
        ]
    );
}

#[test]
fn the_split_carries_the_add_on_flags_to_step_two() {
    let (c, ran) = create_config_map_cluster(&["--install-nvidia-plugin=false"]);
    ran.exits(0);
    let calls = c.sb.eksctl_calls();
    assert_eq!(calls.len(), 2);
    for call in &calls {
        assert_eq!(call["outcome"], "ok", "{}", call["error"]);
    }
    assert!(
        argv(&calls[1]).contains(&"--install-nvidia-plugin=false".to_string()),
        "{:?}",
        argv(&calls[1])
    );
    let made: Vec<String> = calls.iter().flat_map(created).map(|(n, _)| n).collect();
    assert_eq!(made, ["mng-1", "ng-1"]);
}

#[test]
fn include_pins_every_nodegroup_of_the_file() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("two.yaml", "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- {name: old-ng, privateNetworking: true}\n- {name: new-ng, privateNetworking: true}\n");
    let args = [
        "create",
        "nodegroup",
        "-f",
        "two.yaml",
        "--include",
        "new-ng",
    ];
    let call = c.succeeded(&c.run(&args));
    let made = created(&call);
    assert_eq!(made.len(), 1, "only the included one is created: {made:?}");
    assert_eq!(made[0].0, "new-ng");
}

#[test]
fn quoted_yaml_1_1_words_keep_their_meaning_in_the_rewrite() {
    let c = Case::new(drifted(), "0.200.0");
    let text = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- name: ng-1 # keep me\n  privateNetworking: yes\n  labels: {spot: \"yes\", team: \"on\", nn: \"n\", big: \"1_000\", oct: \"010\"}\n";
    c.file("ng.yaml", text);
    let call = c.succeeded(&c.run(&["create", "nodegroup", "-f", "ng.yaml"]));
    assert_eq!(
        call["config_json"]["managedNodeGroups"][0]["labels"],
        json!({"spot": "yes", "team": "on", "nn": "n", "big": "1_000", "oct": "010"})
    );
    let copy = call["config"].as_str().unwrap();
    let subnets = format!(
        "  subnets: [\"{}\", \"{}\"]\n",
        c.id("new-private-a"),
        c.id("new-private-b")
    );
    assert_eq!(
        copy,
        format!("{text}{subnets}"),
        "only the subnets line is new"
    );
}

#[test]
fn merge_keys_are_read_and_kept_as_eksctl_reads_them() {
    let c = Case::new(drifted(), "0.200.0");
    let text = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- name: ng-a\n  privateNetworking: true\n  labels: &common {team: data, spot: \"no\"}\n- name: ng-b\n  privateNetworking: true\n  labels: {<<: *common, tier: \"on\"}\n";
    c.file("ng.yaml", text);
    let call = c.succeeded(&c.run(&["create", "nodegroup", "-f", "ng.yaml"]));
    let private = [c.id("new-private-a"), c.id("new-private-b")];
    for (name, subnets) in created(&call) {
        assert_eq!(subnets, private, "{name}");
    }
    assert_eq!(
        call["config_json"]["managedNodeGroups"][1]["labels"],
        json!({"team": "data", "spot": "no", "tier": "on"})
    );
}

#[test]
fn a_config_eksctl_refuses_for_a_key_merged_twice_is_passed_on_untouched() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- &base {name: ng-a, privateNetworking: true}\n- {<<: *base, name: ng-b}\n");
    let ran = c.run(&["create", "nodegroup", "-f", "ng.yaml"]);
    let call = c.sb.main_call();
    assert_eq!(argv(&call), ["create", "nodegroup", "-f", "ng.yaml"]);
    assert!(
        call["error"]
            .as_str()
            .unwrap_or_default()
            .contains("already set in map"),
        "{}",
        call["error"]
    );
    ran.says("passing the command to eksctl unchanged");
}

#[test]
fn node_zones_go_when_subnets_are_pinned_by_flag() {
    let c = Case::new(drifted(), "0.200.0");
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--node-zones",
        "us-west-2a",
        "--name",
        "ng-z",
    ];
    let call = c.succeeded(&c.run(&args));
    let got = argv(&call);
    assert!(!got.iter().any(|a| a.contains("node-zones")), "{got:?}");
    assert_eq!(created(&call)[0].1, [c.id("new-private-a")]);
}

/// `eksctl create nodegroup --cluster prod` on a clean cluster, eksctl sleeping 30 s,
/// its output to `stdio`: returned once eksctl has started.
fn sleeping_eksctl(stdio: fn() -> Stdio) -> (Case, std::process::Child) {
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0").env("EKSCTL_MODEL_SLEEP", "30");
    let child = c
        .eksctl(&["create", "nodegroup", "--cluster", "prod"])
        .command()
        .stdout(stdio())
        .stderr(stdio())
        .spawn()
        .unwrap();
    c.sb.await_eksctl();
    (c, child)
}

mod refused_and_unfixable;
mod signals_and_streams;

mod eksctl_judges;
