//! `eksctl-shim check` against moto: clean, drifted, CONFIG_MAP and missing clusters, every
//! output format, and `--all` over 200 clusters.

use std::process::Command;

use crate::common::moto::Moto;
use crate::common::run::{Ran, Run};
use crate::common::*;
use serde_json::{Value, json};

/// `eksctl-shim check ARGS` as eksctl 0.190.0, against this moto.
fn check(sb: &Sandbox, moto: &Moto, args: &[&str]) -> Run {
    sb.shim_run(["check"].iter().chain(args))
        .version("0.190.0")
        .aws(moto)
}

fn json_of(ran: &Ran) -> Value {
    serde_json::from_slice(&ran.out.stdout).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout()))
}

/// The one cluster of a JSON report, after checking the document's shape.
fn single(ran: &Ran) -> Value {
    let v = json_of(ran);
    assert_eq!(v["schema"], 2, "{v}");
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

    let clean = check(&sb, &moto, &["--cluster", "clean"]).go();
    clean.exits(0);
    assert_eq!(
        clean.stdout(),
        "clean (us-west-2, account 123456789012, eksctl 0.190.0): ok\n"
    );

    let out = check(&sb, &moto, &["--cluster", "drifted", "--output", "json"]).go();
    out.exits(3);
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

    let text = check(&sb, &moto, &["--cluster", "drifted"]).go().stdout();
    assert!(
        text.starts_with("drifted (us-west-2, account 123456789012, eksctl 0.190.0): 1 finding\n  error   [subnet-drift]"),
        "{text}"
    );

    let line = check(&sb, &moto, &["--cluster", "drifted", "--output", "github"])
        .go()
        .stdout();
    assert!(
        line.starts_with(
            "::error title=eksctl-shim [subnet-drift] drifted (us-west-2%2C account 123456789012)::"
        ),
        "{line}"
    );
    assert!(line.contains("%0AWhat to do: "), "{line}");
    assert_eq!(line.lines().count(), 1);

    let cm = check(&sb, &moto, &["--cluster", "cm", "-o", "json"]).go();
    cm.exits(0); // CONFIG_MAP needs nothing: no finding at all (issue 25)
    assert_eq!(single(&cm)["findings"], json!([]), "{}", cm.stdout());

    let missing = check(&sb, &moto, &["--cluster", "nope", "-o", "json"]).go();
    missing.exits(3);
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
    // Public subnets gone: private nodegroups do not care.
    check(&sb, &moto, &["-f", "private.yaml"]).go().exits(0);
    let public = check(&sb, &moto, &["-f", "public.yaml", "-o", "json"]).go();
    public.exits(3);
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
    let out = sb
        .shim_run(["check", "--cluster", "prod", "-o", "json"])
        .aws_at(&closed_endpoint())
        .go();
    out.exits(4);
    assert_eq!(single(&out)["status"], "unchecked");
    assert!(
        single(&out)["error"]
            .as_str()
            .unwrap()
            .contains("could not be reached"),
        "{}",
        out.stdout()
    );
    sb.shim_run(["check"]).go().exits(2); // usage
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
    )
    .go();
    out.exits(3); // one drifted cluster among them
    let v = json_of(&out);
    let clusters = v["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 201);
    let ok = clusters
        .iter()
        .filter(|c| c["findings"].as_array().unwrap().is_empty() && c["error"].is_null())
        .count();
    assert_eq!(ok, 200, "{}", out.stdout());
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
    let config = sb.path("infra/cluster.yaml");
    let annotations = check(
        &sb,
        &moto,
        &["--output", "github", "-f", config.to_str().unwrap()],
    )
    .env("GITHUB_ACTIONS", "true")
    .env("GITHUB_WORKSPACE", sb.path(""))
    .env("GITHUB_STEP_SUMMARY", &summary)
    .go()
    .exits(3)
    .stdout();
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
    let args = [
        "--all",
        "--region",
        "us-west-2",
        "--output",
        "junit",
        "--skip",
        "outposts-managed",
    ];
    let ran = check(&sb, &moto, &args).go();
    ran.exits(3);
    let report = sb.path("report.xml");
    std::fs::write(&report, &ran.out.stdout).unwrap();
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/junit.xsd");
    let validated = run(Command::new(python())
        .args(["-c", "import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2]); print('valid')", schema])
        .arg(&report));
    assert_eq!(
        stdout(&validated).trim(),
        "valid",
        "{}\n{}",
        stderr(&validated),
        ran.stdout()
    );
    let xml = ran.stdout();
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
        "outposts-managed skipped in both: {xml}"
    );
}

#[test]
fn json_has_one_shape_for_one_region_and_three() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    for region in ["us-west-2", "eu-west-1", "ap-south-1"] {
        moto.world(json!({"cluster": format!("c-{region}"), "region": region}));
    }
    // `--all` checks for every command by default; one cluster, for nodegroups.
    let args = [
        "--cluster",
        "c-eu-west-1",
        "--region",
        "eu-west-1",
        "--for",
        "all",
        "-o",
        "json",
    ];
    let one = check(&sb, &moto, &args).go();
    let one = single(one.exits(0));
    let args = [
        "--all",
        "-r",
        "us-west-2",
        "-r",
        "eu-west-1",
        "-r",
        "ap-south-1",
        "-o",
        "json",
    ];
    let three = check(&sb, &moto, &args).go();
    three.exits(0);
    let v = json_of(&three);
    assert_eq!(v["schema"], 2);
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

mod agreement;
mod gate;
mod sarif;
mod scopes;
mod stdin_and_skips;
