//! Every ClusterConfig of the test corpus (the repository's own fixtures in
//! tests/fixtures/configs, and eksctl's examples in ../shared/corpus when that folder is
//! there) loads, its nodegroups are selected, and pinning subnets on all of them gives a
//! copy that differs from the original only in the lines of `subnets` and
//! `availabilityZones` (which eksctl refuses beside `subnets`), and means exactly the
//! original plus that change.

use std::path::{Path, PathBuf};

use eksctl_shim::config::rewrite::{self, ConfigChange};
use eksctl_shim::config::{self, select};

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"));
    files.sort();
    files
}

fn corpus() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = yaml_files(&root.join("tests/fixtures/configs"));
    let external = std::env::var_os("EKSCTL_SHIM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus"))
        .join("eksctl-examples");
    let more = yaml_files(&external);
    if more.is_empty() {
        eprintln!("corpus_configs: no external corpus at {} (skipped)", external.display());
    }
    files.extend(more);
    files
}

/// Is every difference between the two texts a line of the intended change?
fn only_intended_lines(before: &str, after: &str) -> Result<(), String> {
    // A file without a final newline gains one before the added line: not a change.
    let terminated = |s: &str| if s.ends_with('\n') { s.to_string() } else { format!("{s}\n") };
    let (before, after) = (terminated(before), terminated(after));
    let diff = similar::TextDiff::from_lines(&before, &after);
    let mut zones_indent: Option<usize> = None;
    for change in diff.iter_all_changes() {
        let line = change.value();
        let indent = line.len() - line.trim_start().len();
        match change.tag() {
            similar::ChangeTag::Equal => zones_indent = None,
            similar::ChangeTag::Insert => {
                if !line.contains("subnets") {
                    return Err(format!("inserted line {line:?}"));
                }
            }
            similar::ChangeTag::Delete => {
                let in_zones_list = zones_indent.is_some_and(|z| indent >= z && line.trim_start().starts_with('-'));
                if line.contains("availabilityZones") || line.contains("subnets") {
                    zones_indent = Some(indent);
                } else if !in_zones_list {
                    return Err(format!("deleted line {line:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn pinning_every_nodegroup_changes_only_its_subnet_lines() {
    let mut nodegroups_seen = 0;
    let mut refused = vec![];
    for path in corpus() {
        let loaded = config::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let selected = select::select(&loaded.model, &[], &[]);
        nodegroups_seen += selected.len();
        if selected.is_empty() {
            continue;
        }
        let changes: Vec<ConfigChange> = selected
            .iter()
            .map(|s| ConfigChange::PinSubnets {
                kind: s.kind,
                index: s.index,
                subnets: vec!["subnet-0aaaaaaaaaaaaaaa1".into(), "subnet-0bbbbbbbbbbbbbbb2".into()],
            })
            .collect();
        let text = match rewrite::apply(&loaded, &changes) {
            Ok(t) => t,
            Err(e) => {
                // Refusing is safe (nothing is rewritten); it is listed below.
                refused.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let before = String::from_utf8(loaded.raw.clone()).unwrap();
        only_intended_lines(&before, &text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
        let back = config::parse(None, text.into_bytes()).unwrap();
        for s in select::select(&back.model, &[], &[]) {
            assert_eq!(s.nodegroup.subnets.len(), 2, "{}: {}", path.display(), s.nodegroup.name);
            assert!(s.nodegroup.availability_zones.is_empty());
        }
    }
    eprintln!("corpus_configs: {nodegroups_seen} nodegroups; refused: {refused:#?}");
    assert!(refused.len() * 10 <= corpus().len(), "too many refusals: {refused:#?}");
}

#[test]
fn the_split_removes_only_the_self_managed_nodegroups() {
    for path in corpus() {
        let loaded = config::load_file(&path).unwrap();
        if loaded.model.node_groups.is_empty() || loaded.model.managed_node_groups.is_empty() {
            continue;
        }
        match rewrite::apply(&loaded, &[ConfigChange::WithoutSelfManaged]) {
            Ok(text) => {
                let back = config::parse(None, text.into_bytes()).unwrap();
                assert!(back.model.node_groups.is_empty(), "{}", path.display());
                assert_eq!(back.model.managed_node_groups.len(), loaded.model.managed_node_groups.len());
            }
            Err(e) => eprintln!("{}: split refused: {e}", path.display()),
        }
    }
}

#[test]
fn a_diff_shows_only_the_intended_lines() {
    let before = "a: 1\nnodeGroups:\n- name: x # keep\n  availabilityZones:\n  - us-west-2a\n  - us-west-2b\n  labels: {k: \"yes\"}\n";
    let cfg = config::parse(None, before.as_bytes().to_vec()).unwrap();
    let change = ConfigChange::PinSubnets { kind: select::Kind::SelfManaged, index: 0, subnets: vec!["s-1".into()] };
    let after = rewrite::apply(&cfg, &[change]).unwrap();
    assert_eq!(after, "a: 1\nnodeGroups:\n- name: x # keep\n  labels: {k: \"yes\"}\n  subnets: [\"s-1\"]\n");
    only_intended_lines(before, &after).unwrap();
    assert!(only_intended_lines(before, &after.replace("keep", "gone")).is_err());
}
