//! Do no harm (issue 10, section 2): one regression test per way the shim used to turn a
//! working command into a failing one, or to create what the user did not ask for. Each
//! runs the built binary as `eksctl` in front of the model of eksctl
//! (tests/eksctl-model), against a cluster in moto; a rewrite passes only when the model,
//! which validates and reads the AWS state as eksctl does, accepts the rewritten command.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::moto::Moto;
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

    fn prepare(&self, cmd: &mut Command) {
        cmd.env("EKSCTL_STANDIN_VERSION", self.version);
        for (k, v) in self.moto.env() {
            cmd.env(k, v);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.sb.eksctl(args);
        self.prepare(&mut cmd);
        run(cmd)
    }

    /// A command line run by bash (for `<(...)` and pipes), with the sandbox's PATH.
    fn bash(&self, script: &str) -> Output {
        let mut cmd = self.sb.command("/bin/bash");
        cmd.args(["-c", script]);
        self.prepare(&mut cmd);
        run(cmd)
    }

    /// The calls eksctl received, `version` aside.
    fn calls(&self) -> Vec<Value> {
        self.sb
            .calls()
            .into_iter()
            .filter(|c| c["argv"][0] != "version")
            .collect()
    }

    /// The one call, which the model must have run to success.
    fn succeeded(&self, out: &Output) -> Value {
        let call = self.sb.main_call();
        assert_eq!(
            call["outcome"],
            "ok",
            "eksctl (model) failed: {}\nshim said:\n{}",
            call["error"],
            stderr(out)
        );
        assert!(out.status.success(), "{}", stderr(out));
        call
    }
}

fn argv(call: &Value) -> Vec<String> {
    call["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
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
        let out = c.bash("eksctl create nodegroup -f <(cat ng.yaml)");
        let call = c.succeeded(&out);
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
    let out = c.bash("cat ng.yaml | eksctl create nodegroup -f /dev/stdin");
    c.succeeded(&out);

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
    let out = c.run(&["create", "nodegroup", "-f", "ng.fifo"]);
    writer.join().unwrap();
    let call = c.succeeded(&out);
    assert_eq!(
        created(&call)[0].1,
        [c.id("new-private-a"), c.id("new-private-b")],
        "pinned, from the FIFO's bytes"
    );
}

const CONFIG_MAP_CLUSTER: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: fresh\n  region: us-west-2\naccessConfig:\n  authenticationMode: CONFIG_MAP\nnodeGroups:\n  - name: ng-1\n    instanceType: m5.large\nmanagedNodeGroups:\n  - name: mng-1\n";

#[test]
fn a_dry_run_of_create_cluster_is_never_split() {
    let c = Case::new(json!({"cluster": "other"}), "0.170.0");
    c.file("cluster.yaml", CONFIG_MAP_CLUSTER);
    let out = c.run(&["create", "cluster", "-f", "cluster.yaml", "--dry-run"]);
    assert_eq!(c.calls().len(), 1, "one eksctl run");
    c.succeeded(&out);
    assert!(
        stdout(&out).contains("nodeGroups:"),
        "the printed YAML keeps nodeGroups: {}",
        stdout(&out)
    );
}

#[test]
fn without_nodegroup_creates_no_nodegroup_even_when_split_would_apply() {
    let c = Case::new(json!({"cluster": "other"}), "0.170.0");
    c.file("cluster.yaml", CONFIG_MAP_CLUSTER);
    let out = c.run(&[
        "create",
        "cluster",
        "-f",
        "cluster.yaml",
        "--without-nodegroup",
        "--install-nvidia-plugin=false",
    ]);
    let call = c.succeeded(&out);
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
    let c = Case::new(json!({"cluster": "other"}), "0.170.0");
    c.file("cluster.yaml", CONFIG_MAP_CLUSTER);
    let out = c.run(&[
        "create",
        "cluster",
        "-f",
        "cluster.yaml",
        "--install-nvidia-plugin=false",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let calls = c.calls();
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
    let out = c.run(&[
        "create",
        "nodegroup",
        "-f",
        "two.yaml",
        "--include",
        "new-ng",
    ]);
    let call = c.succeeded(&out);
    let made = created(&call);
    assert_eq!(made.len(), 1, "only the included one is created: {made:?}");
    assert_eq!(made[0].0, "new-ng");
}

#[test]
fn quoted_yaml_1_1_words_keep_their_meaning_in_the_rewrite() {
    let c = Case::new(drifted(), "0.200.0");
    let text = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- name: ng-1 # keep me\n  privateNetworking: yes\n  labels: {spot: \"yes\", team: \"on\", nn: \"n\", big: \"1_000\", oct: \"010\"}\n";
    c.file("ng.yaml", text);
    let out = c.run(&["create", "nodegroup", "-f", "ng.yaml"]);
    let call = c.succeeded(&out);
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
    let out = c.run(&["create", "nodegroup", "-f", "ng.yaml"]);
    let call = c.succeeded(&out);
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
    let out = c.run(&["create", "nodegroup", "-f", "ng.yaml"]);
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
    assert!(
        stderr(&out).contains("passing the command to eksctl unchanged"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn node_zones_go_when_subnets_are_pinned_by_flag() {
    let c = Case::new(drifted(), "0.200.0");
    let out = c.run(&[
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--node-zones",
        "us-west-2a",
        "--name",
        "ng-z",
    ]);
    let call = c.succeeded(&out);
    let got = argv(&call);
    assert!(!got.iter().any(|a| a.contains("node-zones")), "{got:?}");
    assert_eq!(created(&call)[0].1, [c.id("new-private-a")]);
}

fn wait_for_eksctl(c: &Case) {
    let start = std::time::Instant::now();
    while c.calls().is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "eksctl was never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
}

mod more;
