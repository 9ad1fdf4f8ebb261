//! `check --for`: the gate checks the cluster for the commands named, and the codes of
//! the others are neither run nor listed.

use super::*;

/// An eksctl-made VPC whose private subnet in zone a was deleted and replaced (the
/// Outputs joined, a new zone c), as tests/it/upgrade_cluster.rs makes it: `upgrade
/// cluster` fails rebuilding the stack (`upgrade-too-few-zones`).
fn upgrade_fails(moto: &Moto) {
    moto.world(json!({
        "cluster": "prod", "join_outputs": true, "new_zone_c": true, "version": "1.29",
        "delete": ["stack-private-a"],
        "control_plane": ["stack-private-b", "new-private-a", "new-private-c", "stack-public-a", "stack-public-b"],
    }));
}

fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_upgrade_is_checked_when_asked_and_by_default_with_all() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    upgrade_fails(&moto);
    let plain = check(&sb, &moto, &["--cluster", "prod", "-o", "json"]).go();
    let plain_codes = codes(&single(&plain));
    assert!(
        !plain_codes.iter().any(|c| c.starts_with("upgrade-")),
        "{}",
        plain.stdout()
    );
    let plain_exit = plain.out.status.code();

    let upgrade = check(
        &sb,
        &moto,
        &[
            "--cluster",
            "prod",
            "--for",
            "cluster-upgrade",
            "-o",
            "json",
        ],
    )
    .go();
    upgrade.exits(3);
    let v = single(&upgrade);
    assert_eq!(v["checked_for"], json!(["cluster-upgrade"]));
    let found = codes(&v);
    assert!(
        found.contains(&"upgrade-too-few-zones".to_string()),
        "{found:?}"
    );
    // Only the upgrade's codes ran.
    assert!(
        found
            .iter()
            .all(|c| c.starts_with("upgrade-") || c == "control-plane-subnet-gone"),
        "{found:?}"
    );
    // Modelled as the real run, with --approve: the failure comes after the upgrade.
    assert!(
        upgrade
            .stdout()
            .contains("after it has upgraded the control plane, it fails"),
        "{}",
        upgrade.stdout()
    );

    let fleet = check(
        &sb,
        &moto,
        &["--all", "--region", "us-west-2", "-o", "json"],
    )
    .go();
    fleet.exits(3);
    let v = single(&fleet);
    assert_eq!(
        v["checked_for"],
        json!(["nodegroup", "cluster-upgrade", "fargateprofile"])
    );
    let all_codes = codes(&v);
    assert!(
        all_codes.contains(&"upgrade-too-few-zones".to_string()),
        "{all_codes:?}"
    );
    for c in &plain_codes {
        assert!(all_codes.contains(c), "{c} in {all_codes:?}");
    }

    // Narrowed back to nodegroups, --all is plain check over the fleet.
    let narrowed = check(
        &sb,
        &moto,
        &[
            "--all",
            "-r",
            "us-west-2",
            "--for",
            "nodegroup",
            "-o",
            "json",
        ],
    )
    .go();
    assert_eq!(narrowed.out.status.code(), plain_exit);
    assert_eq!(codes(&single(&narrowed)), plain_codes);
}

#[test]
fn a_clean_cluster_passes_every_target_and_junit_lists_only_the_codes_that_ran() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "clean", "join_outputs": true, "version": "1.29"}));
    let junit = check(
        &sb,
        &moto,
        &[
            "--cluster",
            "clean",
            "--for",
            "cluster-upgrade,fargateprofile",
            "-o",
            "junit",
            "--skip",
            "fargate-subnet-gone,subnet-drift",
        ],
    )
    .go();
    junit.exits(0);
    let xml = junit.stdout();
    for code in [
        "upgrade-too-few-zones",
        "upgrade-zone-resource",
        "control-plane-subnet-gone",
    ] {
        assert!(xml.contains(&format!("<testcase name=\"{code}\"")), "{xml}");
    }
    // Skipped and run: listed as skipped. Skipped and not run: not listed at all.
    assert!(
        xml.contains("<testcase name=\"fargate-subnet-gone\" classname=\"clean.us-west-2\">\n            <skipped/>"),
        "{xml}"
    );
    for code in ["subnet-drift", "stack-missing", "access-entry-exists"] {
        assert!(!xml.contains(&format!("\"{code}\"")), "{code}: {xml}");
    }
    assert_eq!(xml.matches("<testcase ").count(), 5, "{xml}");
}

#[test]
fn config_targets_need_the_config_and_read_it() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "prod"}));
    check(&sb, &moto, &["--cluster", "prod", "--for", "auth-mode"])
        .go()
        .exits(2)
        .says("--for auth-mode needs a config (-f) with accessConfig.authenticationMode");
    check(&sb, &moto, &["--cluster", "prod", "--for", "upgrades"])
        .go()
        .exits(2);
    // A move EKS never makes (API back to CONFIG_MAP), and a principal with an entry.
    std::fs::write(
        sb.path("access.yaml"),
        "metadata: {name: prod, region: us-west-2}\naccessConfig:\n  authenticationMode: CONFIG_MAP\n  accessEntries:\n  - principalARN: arn:aws:iam::123456789012:role/new\n",
    )
    .unwrap();
    let ran = check(
        &sb,
        &moto,
        &["-f", "access.yaml", "--for", "all", "-o", "json"],
    )
    .go();
    let v = single(&ran);
    assert_eq!(
        v["checked_for"],
        json!([
            "nodegroup",
            "cluster-upgrade",
            "fargateprofile",
            "accessentry",
            "auth-mode"
        ]),
        "{v}"
    );
    let found = codes(&v);
    assert!(found.contains(&"auth-mode-step".to_string()), "{found:?}");
    ran.exits(3);
}
