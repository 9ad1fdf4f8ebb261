//! `eksctl-shim check` against moto: clean, drifted, CONFIG_MAP and missing clusters, every
//! output format, and `--all` over 200 clusters.

use std::process::{Command, Output};

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::{Value, json};

fn check(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Output {
    sb.shim_run(["check"].iter().chain(args))
        .version("0.190.0")
        .aws(moto)
        .go()
        .out
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// The one cluster of a JSON report, after checking the document's shape.
fn single(out: &Output) -> Value {
    let v = json_of(out);
    assert_eq!(v["schema"], 1, "{v}");
    let clusters = v["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 1, "{v}");
    clusters[0].clone()
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
    assert_eq!(
        stdout(&clean),
        "clean (us-west-2, account 123456789012, eksctl 0.190.0): ok\n"
    );

    let out = check(&sb, &moto, &["--cluster", "drifted", "--output", "json"]);
    assert_eq!(out.status.code(), Some(3));
    let v = single(&out);
    assert_eq!(v["status"], "failed");
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
            .starts_with("drifted (us-west-2, account 123456789012, eksctl 0.190.0): 1 finding\n  error   [subnet-drift]"),
        "{}",
        stdout(&text)
    );

    let gh = check(&sb, &moto, &["--cluster", "drifted", "--output", "github"]);
    let line = stdout(&gh);
    assert!(
        line.starts_with(
            "::error title=eksctl-shim [subnet-drift] drifted (us-west-2%2C account 123456789012)::"
        ),
        "{line}"
    );
    assert!(line.contains("%0AWhat to do: "), "{line}");
    assert_eq!(line.lines().count(), 1);

    let cm = check(&sb, &moto, &["--cluster", "cm", "-o", "json"]);
    assert_eq!(cm.status.code(), Some(0), "info only");
    assert_eq!(single(&cm)["findings"][0]["code"], "auth-configmap");

    let missing = check(&sb, &moto, &["--cluster", "nope", "-o", "json"]);
    assert_eq!(missing.status.code(), Some(3));
    let missing = single(&missing);
    assert_eq!(missing["findings"][0]["code"], "cluster-not-found");
    // No ARN to read it from: the account asked is the first thing to check.
    assert_eq!(missing["account"], "123456789012");
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
    let v = single(&public);
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
    assert_eq!(single(&out)["status"], "unchecked");
    assert!(
        single(&out)["error"]
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

const THREE_NODEGROUPS: &str = "\
# several nodegroups: each finding points at its own
metadata:
  name: drifted
  region: us-west-2
nodeGroups:
  - name: ng-private
    privateNetworking: true
  - name: ng-public-1
    instanceType: m5.large
managedNodeGroups:
  - name: ng-public-2
";

#[test]
fn github_annotations_point_at_each_nodegroup_and_fill_the_step_summary() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["public-a", "public-b"]}));
    std::fs::create_dir_all(sb.path("infra")).unwrap();
    std::fs::write(sb.path("infra/cluster.yaml"), THREE_NODEGROUPS).unwrap();
    let summary = sb.path("summary.md");
    let mut cmd: Command = sb.command(SHIM);
    cmd.args(["check", "--output", "github", "-f"])
        .arg(sb.path("infra/cluster.yaml"))
        .env("EKSCTL_STANDIN_VERSION", "0.190.0")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", sb.path(""))
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (k, v) in moto.env() {
        cmd.env(k, v);
    }
    let out = run(cmd);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let annotations = stdout(&out);
    let line_of = |ng: &str| {
        THREE_NODEGROUPS
            .lines()
            .position(|l| l.trim() == format!("- name: {ng}"))
            .unwrap()
            + 1
    };
    for ng in ["ng-public-1", "ng-public-2"] {
        let expected = format!("::error file=infra/cluster.yaml,line={},", line_of(ng));
        assert!(
            annotations
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(&format!("\"{ng}\""))),
            "{ng} at line {}: {annotations}",
            line_of(ng)
        );
    }
    assert!(!annotations.contains("ng-private"), "{annotations}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("### eksctl-shim: drifted (us-west-2, account 123456789012)\n"),
        "{md}"
    );
    assert_eq!(md.matches("| error | `subnet-drift` |").count(), 2, "{md}");
}

#[test]
fn junit_report_validates_against_the_schema() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    moto.world(json!({"cluster": "clean"}));
    let out = check(
        &sb,
        &moto,
        &[
            "--all",
            "--region",
            "us-west-2",
            "--output",
            "junit",
            "--skip",
            "auth-configmap",
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = sb.path("report.xml");
    std::fs::write(&report, &out.stdout).unwrap();
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/junit.xsd");
    let validated = run(Command::new(python())
        .args(["-c", "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('valid')", schema])
        .arg(&report));
    assert_eq!(
        stdout(&validated).trim(),
        "valid",
        "{}\n{}",
        stderr(&validated),
        stdout(&out)
    );
    let xml = stdout(&out);
    assert_eq!(xml.matches("<testsuite ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
    assert!(
        xml.contains(
            "<testcase name=\"subnet-drift\" classname=\"drifted.us-west-2\">\n            <failure"
        ),
        "{xml}"
    );
    assert_eq!(
        xml.matches("<skipped/>").count(),
        2,
        "auth-configmap skipped in both: {xml}"
    );
}

#[test]
fn json_has_one_shape_for_one_region_and_three() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    for region in ["us-west-2", "eu-west-1", "ap-south-1"] {
        moto.world(json!({"cluster": format!("c-{region}"), "region": region}));
    }
    let one = check(
        &sb,
        &moto,
        &[
            "--cluster",
            "c-eu-west-1",
            "--region",
            "eu-west-1",
            "-o",
            "json",
        ],
    );
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let one = single(&one);
    let three = check(
        &sb,
        &moto,
        &[
            "--all",
            "-r",
            "us-west-2",
            "-r",
            "eu-west-1",
            "-r",
            "ap-south-1",
            "-o",
            "json",
        ],
    );
    assert_eq!(three.status.code(), Some(0), "{}", stderr(&three));
    let v = json_of(&three);
    assert_eq!(v["schema"], 1);
    let clusters = v["clusters"].as_array().unwrap();
    let places: Vec<(&str, &str)> = clusters
        .iter()
        .map(|c| {
            (
                c["cluster"].as_str().unwrap(),
                c["region"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("c-us-west-2", "us-west-2"),
            ("c-eu-west-1", "eu-west-1"),
            ("c-ap-south-1", "ap-south-1")
        ]
    );
    assert_eq!(clusters[1], one, "the same cluster, the same object");
}

mod more;
