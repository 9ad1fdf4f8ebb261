//! The `upgrade cluster` checks on hand-built facts: versions, plan mode, Outposts, the
//! stack's VPC, and `update cluster` named as typed.

use std::ffi::OsString;

use super::*;
use crate::facts::template::StackTemplate;
use crate::facts::{ClusterFacts, EksctlVersion, Facts, StackFacts, SubnetFacts, SubnetKind};
use crate::invocation::{Intercepted, Invocation};

fn inv(kind: Intercepted, line: &str) -> Invocation {
    Invocation::parse(kind, line.split_whitespace().map(OsString::from).collect())
}

fn subnet(id: &str, zone: &str) -> SubnetFacts {
    SubnetFacts {
        id: id.into(),
        vpc_id: "vpc-1".into(),
        zone: zone.into(),
        available_ips: 250,
        kind: SubnetKind::Private,
        map_public_ip: false,
        own_route_table: true,
    }
}

/// Outputs p-a,p-b (private) and u-a,u-b (public) in zones a and b; `live` subnets exist
/// and are the control plane's.
fn facts(version: &str, live: &[(&str, &str)]) -> Facts {
    let mut outputs = std::collections::BTreeMap::new();
    outputs.insert("SubnetsPrivate".into(), "subnet-p-a,subnet-p-b".into());
    outputs.insert("SubnetsPublic".into(), "subnet-u-a,subnet-u-b".into());
    Facts {
        region: Some("eu-west-1".into()),
        eksctl_version: EksctlVersion::parse(version),
        cluster: Some(ClusterFacts {
            name: "prod".into(),
            status: Some("ACTIVE".into()),
            subnet_ids: live.iter().map(|(id, _)| id.to_string()).collect(),
            ..Default::default()
        }),
        cluster_stack: Some(StackFacts {
            name: "eksctl-prod-cluster".into(),
            status: Some("CREATE_COMPLETE".into()),
            outputs,
        }),
        vpc_subnets: Some(live.iter().map(|(id, z)| subnet(id, z)).collect()),
        ..Default::default()
    }
}

const ALL: &[(&str, &str)] = &[
    ("subnet-p-a", "eu-west-1a"),
    ("subnet-p-b", "eu-west-1b"),
    ("subnet-u-a", "eu-west-1a"),
    ("subnet-u-b", "eu-west-1b"),
];
const P_A_GONE: &[(&str, &str)] = &[
    ("subnet-p-b", "eu-west-1b"),
    ("subnet-u-a", "eu-west-1a"),
    ("subnet-u-b", "eu-west-1b"),
];

fn run(line: &str, facts: &Facts) -> Vec<Finding> {
    let kind = if line.starts_with("update") {
        Intercepted::UpdateCluster
    } else {
        Intercepted::UpgradeCluster
    };
    let i = inv(kind, line);
    all(&Subject::new(&i, None, "prod".into()), facts, &[])
}

fn codes(f: &[Finding]) -> Vec<(&'static str, Severity)> {
    f.iter().map(|f| (f.code.as_str(), f.severity)).collect()
}

#[test]
fn a_clean_cluster_has_no_finding() {
    let mut f = facts("0.200.0", ALL);
    f.cluster_template = StackTemplate::parse(
        r#"{"Resources":{"VPC":{},"SubnetPrivateEUWEST1A":{},"SubnetPrivateEUWEST1B":{},"SubnetPublicEUWEST1A":{},"SubnetPublicEUWEST1B":{}}}"#,
    );
    assert!(run("upgrade cluster --name prod --approve", &f).is_empty());
}

#[test]
fn a_deleted_output_subnet_by_version() {
    let old = run("upgrade cluster --name prod", &facts("0.176.0", P_A_GONE));
    assert_eq!(codes(&old), [("upgrade-subnet-gone", Severity::Error)]);
    assert!(
        old[0]
            .remediation
            .contains("eksctl-shim sync-outputs --cluster prod --region eu-west-1")
    );
    // The commands the remediation names, to paste.
    assert_eq!(
        old[0].commands,
        [
            "eksctl-shim sync-outputs --cluster prod --region eu-west-1",
            "eksctl-shim sync-outputs --cluster prod --region eu-west-1 --approve"
        ]
    );
    // 0.177 skips it; the private kind is then in one zone.
    let new = run("upgrade cluster --name prod", &facts("0.177.0", P_A_GONE));
    assert_eq!(codes(&new), [("upgrade-too-few-zones", Severity::Error)]);
    assert!(
        new[0].message.contains("its plan fails"),
        "{}",
        new[0].message
    );
    let approved = run("update cluster prod --approve", &facts("0.230.0", P_A_GONE));
    assert!(
        approved[0]
            .message
            .contains("eksctl 0.230.0 `update cluster`")
    );
    assert!(
        approved[0]
            .message
            .contains("after it has upgraded the control plane")
    );
    // An unknown version counts as the newest.
    let unknown = run("upgrade cluster --name prod", &facts("", P_A_GONE));
    assert_eq!(
        codes(&unknown),
        [("upgrade-too-few-zones", Severity::Error)]
    );
}

#[test]
fn an_outposts_control_plane_needs_one_subnet_only() {
    let mut f = facts("0.200.0", P_A_GONE);
    f.cluster.as_mut().unwrap().on_outposts = true;
    assert!(run("upgrade cluster --name prod --approve", &f).is_empty());
}

#[test]
fn a_zone_without_a_subnet_resource_only_on_a_stack_that_made_its_vpc() {
    let mut f = facts("0.200.0", ALL);
    f.cluster_template = StackTemplate::parse(
        r#"{"Resources":{"VPC":{},"SubnetPrivateEUWEST1A":{},"SubnetPublicEUWEST1A":{},"SubnetPublicEUWEST1B":{}}}"#,
    );
    let plan = run("upgrade cluster --name prod", &f);
    assert_eq!(codes(&plan), [("upgrade-zone-resource", Severity::Warning)]);
    assert_eq!(plan[0].resources, ["subnet-p-b"]);
    let approved = run("upgrade cluster --name prod --approve", &f);
    assert_eq!(
        codes(&approved),
        [("upgrade-zone-resource", Severity::Error)]
    );
    f.cluster_template = StackTemplate::parse(r#"{"Resources":{"ControlPlane":{}}}"#);
    assert!(run("upgrade cluster --name prod --approve", &f).is_empty());
}

#[test]
fn a_deleted_control_plane_subnet() {
    let mut f = facts("0.200.0", ALL);
    f.cluster
        .as_mut()
        .unwrap()
        .subnet_ids
        .push("subnet-gone".into());
    let found = run("upgrade cluster --name prod --approve", &f);
    assert_eq!(
        codes(&found),
        [("control-plane-subnet-gone", Severity::Error)]
    );
    assert!(found[0].remediation.contains(
        "eksctl utils update-cluster-vpc-config --cluster prod --control-plane-subnet-ids subnet-p-a,subnet-p-b,subnet-u-a,subnet-u-b --region eu-west-1"
    ));
    let plan = run("upgrade cluster --name prod", &f);
    assert_eq!(
        codes(&plan),
        [("control-plane-subnet-gone", Severity::Warning)]
    );
    // At the version asked for, eksctl updates the stack only: EKS is not asked (L4).
    f.cluster.as_mut().unwrap().version = Some("1.30".into());
    let same = run("upgrade cluster --name prod --version 1.30 --approve", &f);
    assert_eq!(
        codes(&same),
        [("control-plane-subnet-gone", Severity::Warning)]
    );
    assert!(same[0].message.contains("this command asks for none"));
    let next = run("upgrade cluster --name prod --version 1.31 --approve", &f);
    assert_eq!(
        codes(&next),
        [("control-plane-subnet-gone", Severity::Error)]
    );
}

#[test]
fn update_cluster_dry_run_and_approve_decide_plan_mode_as_eksctl_does() {
    let mode = |line: &str| inv(Intercepted::UpdateCluster, line).plan_mode;
    assert!(mode("update cluster prod"));
    assert!(!mode("update cluster prod --dry-run=false"));
    assert!(!mode("update cluster prod --dry-run --approve"));
    assert!(mode("update cluster prod --approve=false"));
    assert!(
        !inv(
            Intercepted::UpgradeCluster,
            "upgrade cluster prod --approve"
        )
        .plan_mode
    );
    // The create commands know nothing of --approve.
    assert_eq!(
        inv(Intercepted::CreateNodegroup, "create ng -c prod --approve").unknown,
        ["approve"]
    );
}
