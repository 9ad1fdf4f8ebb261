//! `eksctl-shim plan` (issue 12): it prints what the `eksctl` face then does. The JSON
//! steps must equal what the model of eksctl receives through the face, for every kind of
//! plan; the fix can be kept without overwriting anything; and the command-line model
//! never judges refused a command eksctl accepts (checked against the model, offline, on
//! command lines generated from the flag table).

use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use eksctl_shim::invocation::{Intercepted, Invocation, flags};
use serde_json::{Value, json};

/// `eksctl-shim plan --output json -- ARGS`, as eksctl VERSION, against this moto.
fn plan(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Run {
    sb.shim_run(["plan", "--output", "json", "--"].iter().chain(args))
        .version(version)
        .aws(moto)
}

/// Runs a `plan`: its JSON document, and the run.
fn planned(plan: Run) -> (Value, Ran) {
    let ran = plan.go();
    let doc = serde_json::from_slice(&ran.out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", ran.stdout(), ran.stderr()));
    (doc, ran)
}

/// `eksctl ARGS` through the shim, as eksctl VERSION, against this moto.
fn face(sb: &Sandbox, moto: &Moto, version: &str, args: &[&str]) -> Run {
    sb.eksctl_run(args).version(version).aws(moto)
}

/// `run` fed `stdin`, when there is one.
fn feed(run: Run, stdin: Option<&str>) -> Run {
    match stdin {
        Some(text) => run.stdin(text.as_bytes()),
        None => run,
    }
}

/// The plan's argv of each step, and what eksctl received, compared word by word; the
/// plan's `null` (a private temporary config) must be where eksctl got a temporary path.
fn agree(doc: &Value, sb: &Sandbox) {
    let calls = sb.eksctl_calls();
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
        let (doc, ran) = planned(feed(plan(&sb, &moto, version, &args), stdin));
        ran.exits(0);
        assert_eq!(doc["decision"], decision, "{args:?}: {doc:#}");
        assert!(
            sb.last_call().is_none(),
            "plan runs nothing but `eksctl version`"
        );
        feed(face(&sb, &moto, version, &args), stdin).go().exits(0);
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
    let (doc, ran) = planned(plan(&sb, &moto, "0.170.0", &["get", "clusters"]));
    ran.exits(0);
    assert_eq!(doc["passthrough"], json!(true));
    assert_eq!(doc["command"], Value::Null);
    assert_eq!(doc["steps"][0]["argv"], json!(["get", "clusters"]));
    sb.shim_run(["plan", "--", "get", "clusters"])
        .go()
        .prints("passed through unchanged");

    let args = ["create", "nodegroup", "--cluster", "prod", "--name", "a"];
    let (doc, ran) = planned(plan(&sb, &moto, "0.170.0", &args).env("EKSCTL_SHIM_MODE", "strict"));
    ran.exits(3);
    assert_eq!(doc["decision"], "refuse");
    // The face ends as the plan said.
    face(&sb, &moto, "0.170.0", &args)
        .env("EKSCTL_SHIM_MODE", "strict")
        .go()
        .exits(3);
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
                flags::ValueKind::Bool => vec![
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
                    flags::ValueKind::Bool => syntaxes.push(vec![format!("-{s}")]),
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
            if f.kind != flags::ValueKind::Bool {
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

mod kept_configs_and_refusals;

#[test]
fn each_command_refuses_the_formats_it_cannot_write() {
    let sb = Sandbox::new();
    for (args, accepted) in [
        (
            &["plan", "-o", "junit", "--", "get", "clusters"][..],
            "text, json",
        ),
        (&["explain", "-o", "sarif", "-"][..], "text, json"),
        (
            &["check", "--cluster", "prod", "-o", "xml"][..],
            "text, json, junit, github, sarif",
        ),
    ] {
        sb.shim_run(args.iter().copied())
            .go()
            .exits(2)
            .says("invalid value")
            .says(&format!("[possible values: {accepted}]"));
    }
}
