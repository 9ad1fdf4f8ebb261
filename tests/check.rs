//! `eksctl-shim check` against moto: clean, drifted, CONFIG_MAP and missing clusters, every
//! output format, and `--all` over 200 clusters.

mod common;

use std::process::{Command, Output};

use common::moto::Moto;
use common::*;
use serde_json::{Value, json};

fn check(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Output {
    let mut cmd: Command = sb.command(SHIM);
    cmd.arg("check")
        .args(args)
        .env("EKSCTL_STANDIN_VERSION", "0.190.0");
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    run(cmd)
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn one_cluster_in_every_state_and_format() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "clean"}));
    let drifted = moto
        .world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    moto.world(json!({"cluster": "cm", "auth_mode": "CONFIG_MAP"}));

    let clean = check(&sb, &moto, &["--cluster", "clean"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(stdout(&clean), "clean (us-west-2, eksctl 0.190.0): ok\n");

    let out = check(&sb, &moto, &["--cluster", "drifted", "--output", "json"]);
    assert_eq!(out.status.code(), Some(3));
    let v = json_of(&out);
    assert_eq!(
        (
            v["cluster"].as_str(),
            v["region"].as_str(),
            v["eksctl_version"].as_str()
        ),
        (Some("drifted"), Some("us-west-2"), Some("0.190.0"))
    );
    let drift = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "subnet-drift")
        .unwrap();
    assert_eq!(drift["severity"], "error");
    let resources: Vec<&str> = drift["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        resources.contains(&drifted["private-a"].as_str().unwrap())
            && resources.contains(&drifted["private-b"].as_str().unwrap())
    );
    for key in ["code", "severity", "message", "remediation", "resources"] {
        assert!(drift.get(key).is_some(), "{key}");
    }

    let text = check(&sb, &moto, &["--cluster", "drifted"]);
    assert!(
        stdout(&text)
            .starts_with("drifted (us-west-2, eksctl 0.190.0): 1 finding\n  error    subnet-drift"),
        "{}",
        stdout(&text)
    );

    let gh = check(&sb, &moto, &["--cluster", "drifted", "--output", "github"]);
    let line = stdout(&gh);
    assert!(
        line.starts_with("::error title=eksctl-shim [subnet-drift] drifted::"),
        "{line}"
    );
    assert!(line.contains("%0AWhat to do: "), "{line}");
    assert_eq!(line.lines().count(), 1);

    let cm = check(&sb, &moto, &["--cluster", "cm", "-o", "json"]);
    assert_eq!(cm.status.code(), Some(0), "info only");
    assert_eq!(json_of(&cm)["findings"][0]["code"], "auth-configmap");

    let missing = check(&sb, &moto, &["--cluster", "nope", "-o", "json"]);
    assert_eq!(missing.status.code(), Some(3));
    assert_eq!(
        json_of(&missing)["findings"][0]["code"],
        "cluster-not-found"
    );
}

#[test]
fn a_config_file_names_cluster_region_and_nodegroups() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["public-a", "public-b"]}));
    std::fs::write(sb.path("private.yaml"), "metadata: {name: drifted, region: us-west-2}\nnodeGroups:\n- name: ng-private\n  privateNetworking: true\n").unwrap();
    std::fs::write(
        sb.path("public.yaml"),
        "metadata: {name: drifted, region: us-west-2}\nnodeGroups:\n- name: ng-public\n",
    )
    .unwrap();
    assert_eq!(
        check(&sb, &moto, &["-f", "private.yaml"]).status.code(),
        Some(0),
        "public subnets gone: private nodegroups do not care"
    );
    let public = check(&sb, &moto, &["-f", "public.yaml", "-o", "json"]);
    assert_eq!(public.status.code(), Some(3));
    let v = json_of(&public);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["message"]
                .as_str()
                .unwrap()
                .contains("nodegroup \"ng-public\"")),
        "{v}"
    );
}

#[test]
fn could_not_check_is_its_own_exit_code() {
    let sb = Sandbox::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = run(sb
        .command(SHIM)
        .args(["check", "--cluster", "prod", "-o", "json"])
        .env("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{closed}"))
        .env("AWS_ACCESS_KEY_ID", "t")
        .env("AWS_SECRET_ACCESS_KEY", "t")
        .env("AWS_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true"));
    assert_eq!(out.status.code(), Some(4));
    assert!(
        json_of(&out)["error"]
            .as_str()
            .unwrap()
            .contains("could not be reached"),
        "{}",
        stdout(&out)
    );
    let usage = run(sb.command(SHIM).args(["check"]));
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn all_clusters_of_a_region_in_one_report() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    let fleet = moto.world(json!({"cluster": "fleet", "count": 200}));
    moto.world(
        json!({"cluster": "zz-drifted", "moved": true, "delete": ["private-a", "private-b"]}),
    );
    let out = check(
        &sb,
        &moto,
        &["--all", "--region", "us-west-2", "-o", "json"],
    );
    assert_eq!(out.status.code(), Some(3), "one drifted cluster among them");
    let v = json_of(&out);
    let clusters = v["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 201);
    let ok = clusters
        .iter()
        .filter(|c| c["findings"].as_array().unwrap().is_empty() && c.get("error").is_none())
        .count();
    assert_eq!(ok, 200, "{}", stdout(&out));
    let names: Vec<&str> = clusters
        .iter()
        .map(|c| c["cluster"].as_str().unwrap())
        .collect();
    assert!(
        fleet["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .all(|n| names.contains(&n.as_str().unwrap()))
    );
    let drifted = clusters
        .iter()
        .find(|c| c["cluster"] == "zz-drifted")
        .unwrap();
    assert_eq!(drifted["findings"][0]["code"], "subnet-drift");
}
