//! The fixtures: each has an expectation, reads as expected, is rewritten only in its subnets, round-trips untouched, and reads the same under YAML 1.1; eksctl's example configs when present.

use super::*;

#[test]
fn a_diff_shows_only_the_intended_lines() {
    let before = "a: 1\nnodeGroups:\n- name: x # keep\n  availabilityZones:\n  - us-west-2a\n  - us-west-2b\n  labels: {k: \"yes\"}\n";
    let cfg = config::parse(None, before.as_bytes().to_vec()).unwrap();
    let change = ConfigChange::PinSubnets {
        kind: select::NodegroupKind::SelfManaged,
        index: 0,
        subnets: vec!["s-1".into()],
    };
    let after = rewrite::apply(&cfg, &[change]).unwrap();
    assert_eq!(
        after,
        "a: 1\nnodeGroups:\n- name: x # keep\n  labels: {k: \"yes\"}\n  subnets: [\"s-1\"]\n"
    );
    only_intended_lines(before, &after).unwrap();
    assert!(only_intended_lines(before, &after.replace("keep", "gone")).is_err());
}

#[test]
fn the_split_removes_only_the_self_managed_nodegroups() {
    for path in fixtures().iter().chain(external_corpus().iter().flatten()) {
        let loaded = load(path).unwrap();
        if loaded.model.node_groups.is_empty() || loaded.model.managed_node_groups.is_empty() {
            continue;
        }
        match rewrite::apply(&loaded, &[ConfigChange::WithoutSelfManaged]) {
            Ok(text) => {
                let back = config::parse(None, text.into_bytes()).unwrap();
                assert!(back.model.node_groups.is_empty(), "{}", path.display());
                assert_eq!(
                    back.model.managed_node_groups.len(),
                    loaded.model.managed_node_groups.len()
                );
            }
            Err(e) => note(&format!("{}: split refused: {e}", path.display())),
        }
    }
}

#[test]
fn every_fixture_has_an_expectation() {
    let on_disk: Vec<String> = fixtures()
        .iter()
        .map(|p| file_name(p).to_string())
        .collect();
    let listed: Vec<String> = EXPECTED.iter().map(|e| e.file.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "tests/fixtures/configs and EXPECTED differ"
    );
}

#[test]
fn fixtures_read_as_expected() {
    each(&fixtures(), "expected", |path| {
        let want = EXPECTED
            .iter()
            .find(|e| e.file == file_name(path))
            .ok_or("not in EXPECTED")?;
        let got = load(path)?.model;
        let names = |ngs: &[eksctl_shim::config::model::NodeGroup]| -> Vec<String> {
            ngs.iter().map(|n| n.name.clone()).collect()
        };
        let mut private: Vec<String> = got
            .node_groups
            .iter()
            .chain(&got.managed_node_groups)
            .filter(|n| n.private_networking)
            .map(|n| n.name.clone())
            .collect();
        let mut want_private: Vec<String> = want.private.iter().map(|s| s.to_string()).collect();
        private.sort();
        want_private.sort();
        let keys: Vec<String> = got
            .vpc
            .as_ref()
            .and_then(|v| v.subnets.as_ref())
            .map(|s| s.private.keys().cloned().collect())
            .unwrap_or_default();
        let checks = [
            ("name", got.metadata.name.as_deref() == Some(want.name)),
            (
                "region",
                got.metadata.region.as_deref() == Some(want.region),
            ),
            ("nodeGroups", names(&got.node_groups) == want.self_managed),
            (
                "managedNodeGroups",
                names(&got.managed_node_groups) == want.managed,
            ),
            ("privateNetworking", private == want_private),
            ("vpc.subnets.private keys", keys == want.private_subnet_keys),
            ("outposts", got.is_outposts() == want.outposts),
            (
                "authenticationMode",
                got.authentication_mode() == want.auth_mode,
            ),
        ];
        let wrong: Vec<&str> = checks
            .iter()
            .filter(|(_, ok)| !ok)
            .map(|(f, _)| *f)
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(format!("reads wrong: {}", wrong.join(", ")))
        }
    });
}

#[test]
fn fixtures_rewrite_only_subnets() {
    each(&fixtures(), "rewrite", rewrites_only_subnets);
}

#[test]
fn fixtures_round_trip_untouched() {
    each(&fixtures(), "round-trip", round_trips);
}

#[test]
fn fixture_rewrites_read_the_same_under_yaml_1_1() {
    let files = fixtures();
    let mut cases = Vec::new();
    let mut unloadable = Vec::new();
    for path in &files {
        match load(path).and_then(|l| pin_all(&l)) {
            Ok((copy, _)) => cases.push((path.clone(), copy)),
            Err(e) => unloadable.push((path.clone(), e)),
        }
    }
    let results = read_as_eksctl(&cases);
    each(&files, "yaml-1.1", |path| {
        if let Some((_, e)) = unloadable.iter().find(|(p, _)| p == path) {
            return Err(e.clone());
        }
        match &results[path.to_str().unwrap()] {
            serde_json::Value::Null => Ok(()),
            problem => Err(format!(
                "eksctl would read the copy differently: {}",
                problem.as_str().unwrap_or_default()
            )),
        }
    });
}

#[test]
fn external_examples() {
    let Some(files) = external_corpus() else {
        return;
    };
    each(&files, "rewrite", rewrites_only_subnets);
    each(&files, "round-trip", round_trips);
    let nodegroups: usize = files
        .iter()
        .map(|p| select::select(&load(p).unwrap().model, &[], &[]).len())
        .sum();
    assert!(
        nodegroups > 60,
        "only {nodegroups} nodegroups in the corpus"
    );
    let cases: Vec<(PathBuf, String)> = files
        .iter()
        .map(|p| (p.clone(), pin_all(&load(p).unwrap()).unwrap().0))
        .collect();
    let results = read_as_eksctl(&cases);
    each(&files, "yaml-1.1", |path| {
        match &results[path.to_str().unwrap()] {
            serde_json::Value::Null => Ok(()),
            problem => Err(problem.to_string()),
        }
    });
}
