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

#[test]
fn public_nodegroups_are_not_pinned_to_subnets_eksctl_refuses() {
    // The public subnets are gone and the control plane has none: nothing fits.
    let c = Case::new(
        json!({"cluster": "prod", "moved": true, "delete": ["public-a", "public-b"]}),
        "0.200.0",
    );
    let out = c.run(&["create", "nodegroup", "--cluster", "prod", "--name", "pub"]);
    assert_eq!(
        argv(&c.sb.main_call()),
        ["create", "nodegroup", "--cluster", "prod", "--name", "pub"]
    );
    assert!(
        stderr(&out).contains("No existing public subnet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_7720_stack_update_is_an_error_strict_mode_refuses() {
    let c = Case::new(json!({"cluster": "prod", "moved": true, "delete": ALL_PRIVATE_GONE, "cluster_sg_output": false}), "0.200.0")
        .env("EKSCTL_SHIM_MODE", "strict");
    let out = c.run(&[
        "create",
        "nodegroup",
        "--cluster",
        "prod",
        "-P",
        "--name",
        "ng-1",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(c.calls().is_empty(), "eksctl was not run");
    assert!(
        stderr(&out).contains("[stack-update-drift]"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("--region us-west-2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn alias_keys_are_pinned_on_0_180_only_for_nodegroups_with_zones() {
    let c = Case::new(json!({"cluster": "prod"}), "0.180.0");
    let cfg = |zones: &str| {
        format!(
            "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: prod, region: us-west-2}}\nvpc:\n  id: {}\n  subnets:\n    private:\n      1: {{id: {}}}\n      2: {{id: {}}}\nmanagedNodeGroups:\n- name: ng-1\n  privateNetworking: true\n{zones}",
            c.id("vpc"),
            c.id("private-a"),
            c.id("private-b")
        )
    };
    c.file("zoned.yaml", &cfg("  availabilityZones: [us-west-2a]\n"));
    let out = c.run(&["create", "nodegroup", "-f", "zoned.yaml"]);
    let call = c.succeeded(&out);
    assert_eq!(created(&call)[0].1, [c.id("private-a")]);

    let c2 = Case::new(json!({"cluster": "prod"}), "0.180.0");
    let text = cfg("")
        .replace(&c.id("vpc"), &c2.id("vpc"))
        .replace(&c.id("private-a"), &c2.id("private-a"))
        .replace(&c.id("private-b"), &c2.id("private-b"));
    c2.file("plain.yaml", &text);
    let out = c2.run(&["create", "nodegroup", "-f", "plain.yaml"]);
    let call = c2.succeeded(&out);
    assert_eq!(
        argv(&call),
        ["create", "nodegroup", "-f", "plain.yaml"],
        "no false alarm without zones"
    );
}

#[test]
fn config_map_nodegroups_run_as_given() {
    let c = Case::new(
        json!({"cluster": "cm", "auth_mode": "CONFIG_MAP"}),
        "0.230.0",
    );
    let out = c.run(&[
        "create",
        "nodegroup",
        "--cluster",
        "cm",
        "--managed=false",
        "--name",
        "ng-1",
    ]);
    let call = c.succeeded(&out);
    assert_eq!(
        argv(&call),
        [
            "create",
            "nodegroup",
            "--cluster",
            "cm",
            "--managed=false",
            "--name",
            "ng-1"
        ]
    );
}

#[test]
fn managed_only_flags_on_outposts_are_not_rewritten() {
    let c = Case::new(
        json!({"cluster": "op", "outposts": true, "auth_mode": "CONFIG_MAP"}),
        "0.230.0",
    );
    let args = [
        "create",
        "nodegroup",
        "--cluster",
        "op",
        "--spot",
        "--name",
        "ng-1",
    ];
    let out = c.run(&args);
    assert_eq!(argv(&c.sb.main_call()), args);
    assert!(
        stderr(&out).contains("[outposts-managed]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_command_eksctl_refuses_is_never_rewritten() {
    let c = Case::new(drifted(), "0.200.0");
    // `--nodes` with no value: appending `--subnet-ids=...` would become its value.
    let args = ["create", "nodegroup", "--cluster", "prod", "-P", "--nodes"];
    let out = c.run(&args);
    assert_eq!(argv(&c.sb.main_call()), args);
    assert!(
        stderr(&out).contains("flag needs an argument: --nodes"),
        "{}",
        stderr(&out)
    );
    assert_eq!(c.sb.main_call()["outcome"], "refused");
}

#[test]
fn deleted_subnets_in_the_configs_vpc_subnets_are_reported() {
    let c = Case::new(
        json!({"cluster": "prod", "delete": ["private-a"]}),
        "0.200.0",
    );
    c.file("ng.yaml", &format!("apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {{name: prod, region: us-west-2}}\nvpc:\n  subnets:\n    private:\n      us-west-2a: {{id: {}}}\nmanagedNodeGroups:\n- {{name: ng-1, privateNetworking: true}}\n", c.id("private-a")));
    let out = c.run(&["create", "nodegroup", "-f", "ng.yaml"]);
    assert!(
        stderr(&out).contains("[config-subnet-gone]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn eksctl_killed_by_usr1_takes_the_shim_with_it_and_leaves_no_orphan() {
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0").env("EKSCTL_STANDIN_SLEEP", "30");
    let mut cmd = c.sb.eksctl(["create", "nodegroup", "--cluster", "prod"]);
    c.prepare(&mut cmd);
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_eksctl(&c);
    for signal in [libc::SIGUSR1] {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
    }
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGUSR1));
    let pid = c.sb.main_call()["pid"].as_u64();
    if let Some(pid) = pid {
        // SAFETY: probing a pid with signal 0.
        assert_ne!(
            unsafe { libc::kill(pid as i32, 0) },
            0,
            "eksctl still running"
        );
    }
}

#[test]
fn sigint_to_the_shims_pid_alone_reaches_eksctl() {
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0").env("EKSCTL_STANDIN_SLEEP", "30");
    let mut cmd = c.sb.eksctl(["create", "nodegroup", "--cluster", "prod"]);
    c.prepare(&mut cmd);
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_eksctl(&c);
    let start = std::time::Instant::now();
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "eksctl did not get it"
    );
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{}", stderr(&out));
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

#[test]
fn a_stderr_that_goes_away_loses_nothing() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    std::fs::create_dir_all(c.sb.path("tmp")).unwrap();
    let out = c.bash("TMPDIR=$PWD/tmp eksctl create nodegroup -f ng.yaml 2>&1 >/dev/null | head -c 1 >/dev/null; echo \"exit ${PIPESTATUS[0]}\"");
    assert_eq!(stdout(&out).trim(), "exit 0", "{}", stderr(&out));
    let call = c.sb.main_call();
    assert_eq!(
        call["outcome"], "ok",
        "the fix still ran: {}",
        call["error"]
    );
    assert!(
        std::fs::read_dir(c.sb.path("tmp"))
            .unwrap()
            .next()
            .is_none(),
        "no temporary file left"
    );
}

#[test]
fn closed_standard_descriptors_do_not_become_the_config() {
    let c = Case::new(drifted(), "0.200.0");
    c.file("ng.yaml", PRIVATE_NG);
    let out = c.bash("eksctl create nodegroup -f ng.yaml >&- 2>/dev/null; echo \"exit $?\" >&2");
    assert!(stderr(&out).contains("exit 0"), "{}", stderr(&out));
    let call = c.sb.main_call();
    assert_eq!(call["outcome"], "ok", "{}", call["error"]);
}

/// With `2>&1` eksctl gets one pipe for both streams, so its lines keep their order, every
/// time: 25 runs of 400 lines alternating between stdout and stderr, each flushed at once,
/// all of them present and in order.
#[test]
fn stdout_and_stderr_on_one_file_keep_eksctls_order() {
    const RUNS: usize = 25;
    const LINES: u32 = 400;
    let c = Case::new(json!({"cluster": "prod"}), "0.230.0")
        .env("EKSCTL_STANDIN_INTERLEAVE", &LINES.to_string());
    for run in 0..RUNS {
        let out = c.bash("eksctl create nodegroup --cluster prod > log 2>&1; cat log");
        let text = stdout(&out);
        let order: Vec<u32> = text
            .lines()
            .filter_map(|l| l.strip_prefix("order-"))
            .filter_map(|rest| rest.split_whitespace().next()?.parse().ok())
            .collect();
        assert_eq!(order, (0..LINES).collect::<Vec<_>>(), "run {run}:\n{text}");
        std::fs::remove_file(c.sb.path("record/calls.jsonl")).ok();
    }
}
