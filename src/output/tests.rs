//! Snapshots of what a person and a CI system see. Text is snapshotted with styles
//! stripped (as on a pipe) and once with them (as on a terminal).

use crate::checks::{Code, Finding, Severity};
use crate::commands::check::{Report, Status};

fn drift() -> Finding {
    Finding::new(
        Code::SubnetDrift,
        Severity::Error,
        "nodegroup ng-2: eksctl 0.230.0 will fail: all private subnets from us-west-2a, us-west-2b that the cluster was created on have been deleted (subnet-0aa, subnet-0bb)",
        "Create the nodegroup in existing private subnets (subnet-0cc); the shim does this by pinning them. To repair the stack for good: eksctl-shim sync-outputs --cluster prod --region us-west-2",
    )
    .resources(["subnet-0aa", "subnet-0bb"])
    .about(Some(&"ng-2".to_string()))
    .commands([
        "eksctl-shim sync-outputs --cluster prod --region us-west-2".to_string(),
        "eksctl-shim sync-outputs --cluster prod --region us-west-2 --approve".to_string(),
    ])
}

fn info() -> Finding {
    Finding::new(
        Code::AliasSubnetKeys,
        Severity::Info,
        "eksctl 0.180.0 warns that vpc.subnets' alias keys do not match availabilityZones: a false alarm (#7785)",
        "The warning can be ignored.",
    )
}

fn report(cluster: &str, region: &str, status: Status, findings: Vec<Finding>) -> Report {
    Report {
        cluster: cluster.into(),
        region: Some(region.into()),
        account: Some("111122223333".into()),
        eksctl_version: Some("0.230.0".into()),
        status,
        findings,
        error: None,
        checked_for: vec![crate::commands::check::Target::Nodegroup],
        not_run: vec![],
    }
}

fn three_regions() -> Vec<Report> {
    let mut unchecked = report("*", "ap-south-1", Status::Unchecked, vec![]);
    unchecked.account = None;
    unchecked.error = Some("AWS denied access (AccessDeniedException) to EKS ListClusters".into());
    vec![
        report("prod", "us-west-2", Status::Failed, vec![drift(), info()]),
        report("stage", "eu-west-1", Status::Passed, vec![]),
        unchecked,
    ]
}

#[test]
fn preflight_findings_as_on_a_pipe() {
    let text = super::findings::preflight(&[drift(), info()], &[]);
    insta::assert_snapshot!(super::style::plain(&text));
}

#[test]
fn preflight_findings_as_on_a_terminal() {
    let text = super::findings::preflight(&[drift()], &[]);
    // The escapes made visible: red bold severity, dimmed code, bold "what to do:".
    insta::assert_snapshot!(text.replace('\x1b', "\\e"));
}

#[test]
fn check_text_three_regions() {
    let text = super::findings::check_text(&three_regions());
    insta::assert_snapshot!(super::style::plain(&text));
}

#[test]
fn check_json_one_shape_for_one_and_three_regions() {
    let one = super::report_json::render(&three_regions()[..1], None);
    let three = super::report_json::render(&three_regions(), None);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    let three: serde_json::Value = serde_json::from_str(&three).unwrap();
    assert_eq!(one["schema"], 2);
    assert_eq!(one["clusters"][0], three["clusters"][0]);
    insta::assert_json_snapshot!(three);
}

#[test]
fn junit_report() {
    let xml = super::junit::render(&three_regions(), &[Code::StackMissing], Severity::Error);
    insta::assert_snapshot!(xml);
}

#[test]
fn github_annotations_and_summary() {
    let findings = [drift(), info()];
    let text = super::github::annotations(&findings, "prod (us-west-2)", None);
    insta::assert_snapshot!("annotations", text);
    let md = super::github::summary(
        "prod (us-west-2)",
        &findings,
        Some("step 1: eksctl create nodegroup ...\n"),
        None,
    );
    insta::assert_snapshot!("summary", md);
    let not_run = crate::checks::NotRun {
        codes: vec![crate::checks::Code::SubnetDrift],
        reasons: vec!["EC2 DescribeSubnets: access denied (AccessDenied)".into()],
    };
    let partly = super::github::summary("prod (us-west-2)", &[], None, Some(&not_run.to_string()));
    assert!(!partly.contains("No findings.\n"), "{partly}");
    assert!(
        partly.contains("**Not fully checked**: checks not run: subnet-drift (EC2 DescribeSubnets: access denied (AccessDenied))"),
        "{partly}"
    );
}

#[test]
fn sarif_levels_follow_the_severity_information_is_a_note() {
    let doc = super::sarif::render(
        &[report(
            "prod",
            "us-west-2",
            Status::Failed,
            vec![drift(), info()],
        )],
        &[],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
    let levels: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["error", "note"], "{doc}");
}
