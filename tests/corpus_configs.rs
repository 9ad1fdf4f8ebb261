//! Every example ClusterConfig from eksctl's repository (shared/corpus/eksctl-examples)
//! loads, its nodegroups are selected, and pinning subnets on each of them changes the
//! parsed tree at those nodegroups' `subnets` (and `availabilityZones`, which eksctl
//! refuses beside `subnets`) and nowhere else.

use std::path::PathBuf;

use eksctl_shim::config::{self, rewrite, select};
use serde_yaml_ng::Value;

fn corpus_dir() -> PathBuf {
    std::env::var_os("EKSCTL_SHIM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
        .join("eksctl-examples")
}

fn examples() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus is needed at {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        49,
        "expected eksctl's 49 examples in {}",
        dir.display()
    );
    files
}

/// The tree without `subnets` / `availabilityZones` of the given nodegroups.
fn strip(tree: &Value, touched: &[(select::Kind, usize)]) -> Value {
    let mut t = tree.clone();
    for (kind, i) in touched {
        let key = match kind {
            select::Kind::SelfManaged => "nodeGroups",
            select::Kind::Managed => "managedNodeGroups",
        };
        let ng = t[key][*i].as_mapping_mut().unwrap();
        ng.remove("subnets");
        ng.remove("availabilityZones");
    }
    t
}

#[test]
fn every_example_loads_selects_and_rewrites_only_subnets() {
    let mut nodegroups_seen = 0;
    for path in examples() {
        let loaded = config::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let raw_count = ["nodeGroups", "managedNodeGroups"]
            .iter()
            .map(|k| {
                loaded
                    .tree
                    .get(k)
                    .and_then(Value::as_sequence)
                    .map_or(0, Vec::len)
            })
            .sum::<usize>();
        let selected = select::select(&loaded.model, &[], &[]);
        assert_eq!(selected.len(), raw_count, "{}", path.display());
        nodegroups_seen += selected.len();

        let pins = vec![
            "subnet-0aaaaaaaaaaaaaaa1".to_string(),
            "subnet-0bbbbbbbbbbbbbbb2".to_string(),
        ];
        let touched: Vec<(select::Kind, usize)> =
            selected.iter().map(|s| (s.kind, s.index)).collect();
        let mut tree = loaded.tree.clone();
        for (kind, index) in &touched {
            assert!(rewrite::pin_subnets(&mut tree, *kind, *index, &pins));
        }
        let text = rewrite::to_yaml(&tree);
        let reparsed = config::parse(None, text.into_bytes()).unwrap();

        assert_eq!(
            strip(&reparsed.tree, &touched),
            strip(&loaded.tree, &touched),
            "{}",
            path.display()
        );
        for s in select::select(&reparsed.model, &[], &[]) {
            assert_eq!(
                s.nodegroup.subnets,
                pins,
                "{}: {}",
                path.display(),
                s.nodegroup.name
            );
            assert!(s.nodegroup.availability_zones.is_empty());
        }
    }
    assert!(
        nodegroups_seen > 60,
        "only {nodegroups_seen} nodegroups in the corpus"
    );
}

#[test]
fn untouched_configs_round_trip_to_the_same_tree() {
    for path in examples() {
        let loaded = config::load_file(&path).unwrap();
        let again = config::parse(None, rewrite::to_yaml(&loaded.tree).into_bytes()).unwrap();
        assert_eq!(again.tree, loaded.tree, "{}", path.display());
    }
}

#[test]
fn cluster_names_and_regions_are_read() {
    let loaded = config::load_file(&corpus_dir().join("01-simple-cluster.yaml")).unwrap();
    assert_eq!(loaded.model.metadata.name.as_deref(), Some("cluster-1"));
    assert_eq!(loaded.model.metadata.region.as_deref(), Some("eu-north-1"));
    let outposts = config::load_file(&corpus_dir().join("35-outposts.yaml")).unwrap();
    assert!(outposts.model.is_outposts());
    let access = config::load_file(&corpus_dir().join("40-access-entries.yaml")).unwrap();
    assert!(access.model.authentication_mode().is_some());
}
