//! `eksctl-shim plan` (issue 12): it prints what the `eksctl` face then does. The JSON
//! steps must equal what the model of eksctl receives through the face, for every kind of
//! plan; the fix can be kept without overwriting anything; and the command-line model
//! never judges refused a command eksctl accepts (checked against the model, offline, on
//! command lines generated from the flag table).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::common::moto::Moto;
use crate::common::*;
use eksctl_shim::invocation::{Intercepted, Invocation, flags};
use serde_json::{Value, json};

fn with_env(cmd: &mut Command, moto: &Moto, version: &str, extra: &[(&str, &str)]) {
    cmd.env("EKSCTL_STANDIN_VERSION", version);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    for (k, v) in extra {
        cmd.env(k, v);
    }
}

fn plan(
    sb: &Sandbox,
    moto: &Moto,
    version: &str,
    args: &[&str],
    stdin: Option<&str>,
    extra: &[(&str, &str)],
) -> (Value, Output) {
    let mut cmd = sb.command(SHIM);
    cmd.args(["plan", "--output", "json", "--"]).args(args);
    with_env(&mut cmd, moto, version, extra);
    let out = feed(cmd, stdin);
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    (doc, out)
}

fn face(
    sb: &Sandbox,
    moto: &Moto,
    version: &str,
    args: &[&str],
    stdin: Option<&str>,
    extra: &[(&str, &str)],
) -> Output {
    let mut cmd = sb.eksctl(args);
    with_env(&mut cmd, moto, version, extra);
    feed(cmd, stdin)
}

fn feed(mut cmd: Command, stdin: Option<&str>) -> Output {
    match stdin {
        None => run(cmd),
        Some(text) => {
            let mut child = cmd
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
            child.wait_with_output().unwrap()
        }
    }
}

/// The plan's argv of each step, and what eksctl received, compared word by word; the
/// plan's `null` (a private temporary config) must be where eksctl got a temporary path.
fn agree(doc: &Value, sb: &Sandbox) {
    let calls: Vec<Value> = sb
        .calls()
        .into_iter()
        .filter(|c| c["argv"][0] != "version")
        .collect();
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), calls.len(), "{doc:#}\n{calls:#?}");
    for (step, call) in steps.iter().zip(&calls) {
        let planned = step["argv"].as_array().unwrap();
        let got = call["argv"].as_array().unwrap();
        assert_eq!(planned.len(), got.len(), "{planned:?} vs {got:?}");
        for (p, g) in planned.iter().zip(got) {
            match p {
                Value::Null => assert!(g.as_str().unwrap().contains("eksctl-shim-"), "{g}"),
                _ => assert_eq!(p, g),
            }
        }
        if let Some(config) = step["config"].as_str() {
            assert_eq!(
                call["config"].as_str(),
                Some(config),
                "the config eksctl read is the planned one"
            );
        }
        assert_eq!(call["outcome"], "ok", "{}", call["error"]);
    }
}

const NG: &str = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: prod, region: us-west-2}\nmanagedNodeGroups:\n- name: ng-1 # the first\n  privateNetworking: true\n";

#[test]
fn plan_and_run_agree_on_every_kind_of_plan() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "moved": true, "delete": ["private-a", "private-b"]}));
    moto.world(json!({"cluster": "clean"}));
    let cluster_cfg = "apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: {name: fresh, region: us-west-2}\naccessConfig: {authenticationMode: CONFIG_MAP}\nnodeGroups:\n- name: ng-1\nmanagedNodeGroups:\n- name: mng-1\n";
    let cases: Vec<(&str, Vec<&str>, Option<&str>, &str)> = vec![
        (
            "0.200.0",
            vec![
                "create",
                "nodegroup",
                "--cluster",
                "prod",
                "-P",
                "--name",
                "a",
            ],
            None,
            "run",
        ),
        (
            "0.200.0",
            vec!["create", "nodegroup", "-f", "ng.yaml"],
            None,
            "run",
        ),
        (
            "0.200.0",
            vec!["create", "nodegroup", "-f", "-"],
            Some(NG),
            "run",
        ),
        (
            "0.170.0",
            vec!["create", "cluster", "-f", "cluster.yaml"],
            None,
            "run",
        ),
        (
            "0.230.0",
            vec!["create", "nodegroup", "--cluster", "clean", "--name", "b"],
            None,
            "unchanged",
        ),
    ];
    for (version, args, stdin, decision) in cases {
        let sb = Sandbox::new();
        std::fs::write(sb.path("ng.yaml"), NG).unwrap();
        std::fs::write(sb.path("cluster.yaml"), cluster_cfg).unwrap();
        let (doc, out) = plan(&sb, &moto, version, &args, stdin, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(doc["decision"], decision, "{args:?}: {doc:#}");
        assert!(
            sb.calls().iter().all(|c| c["argv"][0] == "version"),
            "plan runs nothing but `eksctl version`"
        );
        let out = face(&sb, &moto, version, &args, stdin, &[]);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        agree(&doc, &sb);
        if let Some(diff) = doc["steps"][0]["config_diff"]
            .as_str()
            .filter(|_| args.contains(&"ng.yaml"))
        {
            let changed: Vec<&str> = diff
                .lines()
                .filter(|l| {
                    (l.starts_with('+') || l.starts_with('-'))
                        && !l.starts_with("+++")
                        && !l.starts_with("---")
                })
                .collect();
            assert_eq!(changed.len(), 1, "one added line: {diff}");
            assert!(changed[0].starts_with("+  subnets: [\""), "{diff}");
        }
    }
}

#[test]
fn a_passthrough_and_strict_mode() {
    let moto = Moto::start();
    moto.world(json!({"cluster": "prod", "delete": ["public-a"], "cluster_sg_output": false}));
    let sb = Sandbox::new();
    let (doc, out) = plan(&sb, &moto, "0.170.0", &["get", "clusters"], None, &[]);
    assert_eq!(
        (
            out.status.code(),
            doc["passthrough"].clone(),
            doc["command"].clone()
        ),
        (Some(0), json!(true), Value::Null)
    );
    assert_eq!(doc["steps"][0]["argv"], json!(["get", "clusters"]));
    let mut text = sb.command(SHIM);
    text.args(["plan", "--", "get", "clusters"]);
    assert!(stdout(&run(text)).contains("passed through unchanged"));

    let args = ["create", "nodegroup", "--cluster", "prod", "--name", "a"];
    let (doc, out) = plan(
        &sb,
        &moto,
        "0.170.0",
        &args,
        None,
        &[("EKSCTL_SHIM_MODE", "strict")],
    );
    assert_eq!(out.status.code(), Some(3), "{doc:#}");
    assert_eq!(doc["decision"], "refuse");
    let out = face(
        &sb,
        &moto,
        "0.170.0",
        &args,
        None,
        &[("EKSCTL_SHIM_MODE", "strict")],
    );
    assert_eq!(out.status.code(), Some(3), "the face ends as the plan said");
}

fn name_of(command: Intercepted) -> Vec<String> {
    match command {
        Intercepted::CreateNodegroup
        | Intercepted::CreateIamIdentityMapping
        | Intercepted::UpdateClusterVpcConfig
        | Intercepted::UpdateAuthenticationMode
        | Intercepted::CreateFargateProfile
        | Intercepted::CreateAccessEntry => vec!["--cluster".to_string(), "prod".into()],
        Intercepted::CreateCluster | Intercepted::UpgradeCluster | Intercepted::UpdateCluster => {
            vec!["--name".to_string(), "prod".into()]
        }
    }
}

/// Command lines from the flag table: each flag in each syntax pflag accepts, before and
/// after the command words, with and without `-f`.
fn generated() -> Vec<(Intercepted, Vec<String>)> {
    let mut out = vec![];
    let value = |long: &str| match long {
        "nodes"
        | "nodes-min"
        | "nodes-max"
        | "max-pods-per-node"
        | "node-volume-size"
        | "verbose"
        | "nodegroup-parallelism" => "2",
        "timeout" => "30m",
        "color" => "false",
        "config-file" => "c.yaml",
        "version" => "1.32",
        "region" => "us-west-2",
        "instance-types" | "node-type" => "m5.large",
        _ => "x",
    };
    for f in flags::FLAGS {
        if matches!(
            f.long,
            "help"
                | "config-file"
                | "dumpLogs"
                | "cluster"
                | "name"
                | "include"
                | "exclude"
                | "only"
        ) {
            continue;
        }
        for (command, words) in [
            (Intercepted::CreateNodegroup, ["create", "nodegroup"]),
            (Intercepted::CreateCluster, ["create", "cluster"]),
        ] {
            let v = value(f.long);
            let mut syntaxes: Vec<Vec<String>> = match f.kind {
                flags::Kind::Bool => vec![
                    vec![format!("--{}", f.long)],
                    vec![format!("--{}=false", f.long)],
                ],
                _ => vec![
                    vec![format!("--{}", f.long), v.into()],
                    vec![format!("--{}={v}", f.long)],
                ],
            };
            if let Some(s) = f.short {
                match f.kind {
                    flags::Kind::Bool => syntaxes.push(vec![format!("-{s}")]),
                    _ => syntaxes.push(vec![format!("-{s}{v}")]),
                }
            }
            let name = name_of(command);
            // With a config file (flags eksctl refuses beside -f), and a value flag left
            // without its value at the very end.
            let mut with_file: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            with_file.extend(["-f".to_string(), "c.yaml".into()]);
            with_file.extend(syntaxes[0].clone());
            out.push((command, with_file));
            if f.kind != flags::Kind::Bool {
                let mut dangling: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                dangling.extend(name_of(command));
                dangling.push(format!("--{}", f.long));
                out.push((command, dangling));
            }
            for (i, syntax) in syntaxes.into_iter().enumerate() {
                let mut args: Vec<String> = vec![];
                if i == 0 {
                    args.extend(syntax.clone());
                    args.extend(words.iter().map(|w| w.to_string()));
                } else {
                    args.extend(words.iter().map(|w| w.to_string()));
                    args.extend(syntax.clone());
                }
                args.extend(name.clone());
                out.push((command, args));
            }
        }
    }
    out
}

mod more;
