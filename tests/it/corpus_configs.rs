//! ClusterConfigs through the shim's loader, selection and rewrite.
//!
//! The project's own fixtures (`tests/fixtures/configs`, always): each loads, reads as the
//! `EXPECTED` table says, and pinning subnets on every nodegroup changes only the lines of
//! those nodegroups' `subnets` (and `availabilityZones`, which eksctl refuses beside
//! `subnets`), line by line, and means the original plus that, as the shim reads YAML
//! (1.1, like eksctl) and as PyYAML adjusted to go-yaml v2 reads it.
//!
//! eksctl's own example configs (`../shared/corpus/eksctl-examples`, or
//! `$EKSCTL_SHIM_CORPUS/eksctl-examples`): the same rewrite checks, when the folder is
//! there; one line says they were skipped when it is not.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use eksctl_shim::config::rewrite::{self, ConfigChange};
use eksctl_shim::config::{self, LoadedConfig, select};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/configs");

const PINS: [&str; 2] = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"];

/// Fixtures that show a shim bug someone is fixing: (file, check, what). Their failures in
/// that check are printed, not fatal; every other check still holds them to account.
/// (Issue 10's F5, F7 and F10 were here; all three pass now.)
const KNOWN_BUGS: &[(&str, &str, &str)] = &[];

/// What each fixture says, as eksctl reads it.
struct Expected {
    file: &'static str,
    name: &'static str,
    region: &'static str,
    self_managed: &'static [&'static str],
    managed: &'static [&'static str],
    /// Nodegroups with `privateNetworking: true` (own or merged).
    private: &'static [&'static str],
    /// Keys of `vpc.subnets.private`, sorted.
    private_subnet_keys: &'static [&'static str],
    outposts: bool,
    auth_mode: Option<&'static str>,
}

const fn ex(
    file: &'static str,
    name: &'static str,
    region: &'static str,
    self_managed: &'static [&'static str],
    managed: &'static [&'static str],
) -> Expected {
    Expected {
        file,
        name,
        region,
        self_managed,
        managed,
        private: &[],
        private_subnet_keys: &[],
        outposts: false,
        auth_mode: None,
    }
}

const EXPECTED: &[Expected] = &[
    ex(
        "01-minimal.yaml",
        "minimal",
        "eu-north-1",
        &[],
        &["default"],
    ),
    Expected {
        private: &["batch-private", "app", "app-zonal"],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        ..ex(
            "02-existing-vpc.yaml",
            "payments",
            "eu-west-1",
            &["batch-private", "edge-public"],
            &["app", "app-zonal"],
        )
    },
    Expected {
        private: &["by-alias", "by-zone", "anywhere-private"],
        private_subnet_keys: &["private-one", "private-two"],
        ..ex(
            "03-alias-subnet-keys.yaml",
            "alias-keys",
            "us-east-2",
            &["ingress"],
            &["by-alias", "by-zone", "anywhere-private"],
        )
    },
    Expected {
        private: &["workers", "pinned"],
        private_subnet_keys: &["1", "2", "3"],
        ..ex(
            "04-integer-subnet-keys.yaml",
            "integer-keys",
            "ap-southeast-2",
            &[],
            &["workers", "pinned"],
        )
    },
    Expected {
        private: &["general"],
        ..ex(
            "05-self-managed-options.yaml",
            "self-managed",
            "us-west-2",
            &["general", "arm"],
            &[],
        )
    },
    ex(
        "06-windows.yaml",
        "windows-mixed",
        "us-west-2",
        &["windows-core"],
        &["windows-full", "linux"],
    ),
    ex(
        "07-bottlerocket.yaml",
        "bottlerocket",
        "eu-central-1",
        &["br-self"],
        &["br-managed"],
    ),
    ex(
        "08-local-zones.yaml",
        "edge",
        "us-west-2",
        &["lax", "lax-both"],
        &["regional"],
    ),
    Expected {
        private: &["line-1"],
        private_subnet_keys: &["outpost-private-a"],
        outposts: true,
        ..ex(
            "09-outposts-local-cluster.yaml",
            "factory-floor",
            "us-west-2",
            &["line-1"],
            &[],
        )
    },
    Expected {
        private: &["on-rack"],
        ..ex(
            "10-outposts-extended.yaml",
            "extended",
            "us-west-2",
            &["on-rack"],
            &["in-region"],
        )
    },
    ex(
        "11-spot.yaml",
        "spot",
        "us-east-1",
        &["spot-mixed"],
        &["spot-managed", "on-demand"],
    ),
    ex(
        "12-launch-template.yaml",
        "templated",
        "eu-west-2",
        &[],
        &["from-template", "template-default-version"],
    ),
    ex(
        "13-taints.yaml",
        "tainted",
        "us-west-2",
        &["gpu", "batch-map-form"],
        &["ingress"],
    ),
    ex(
        "14-iam.yaml",
        "iam-heavy",
        "ca-central-1",
        &["existing-role", "addon-policies"],
        &["managed-role"],
    ),
    ex("15-addons.yaml", "addons", "eu-west-3", &[], &["workers"]),
    ex(
        "16-fargate.yaml",
        "fargate",
        "ap-northeast-1",
        &[],
        &["system"],
    ),
    ex(
        "17-karpenter.yaml",
        "karpenter",
        "us-west-2",
        &[],
        &["karpenter-controllers"],
    ),
    Expected {
        private: &["v6-workers"],
        ..ex("18-ipv6.yaml", "ipv6", "us-east-1", &[], &["v6-workers"])
    },
    Expected {
        private: &["json-self", "json-managed"],
        private_subnet_keys: &["sa-east-1a", "sa-east-1b"],
        ..ex(
            "19-json-form.json",
            "json-form",
            "sa-east-1",
            &["json-self"],
            &["json-managed"],
        )
    },
    Expected {
        private: &[
            "workers-a",
            "workers-b",
            "workers-c",
            "managed-a",
            "managed-b",
        ],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b"],
        ..ex(
            "20-anchors-merge-keys.yaml",
            "anchors",
            "eu-west-1",
            &["workers-a", "workers-b", "workers-c"],
            &["managed-a", "managed-b"],
        )
    },
    Expected {
        private: &["labelled"],
        ..ex(
            "21-yaml11-quoted-words.yaml",
            "quoted-words",
            "us-west-2",
            &["self-labelled"],
            &["labelled"],
        )
    },
    Expected {
        private: &["flow-ng", "managed-flow"],
        ..ex(
            "22-comments-flow-style.yaml",
            "flow-style",
            "eu-south-1",
            &["flow-ng", "block-ng"],
            &["managed-flow"],
        )
    },
    Expected {
        auth_mode: Some("CONFIG_MAP"),
        ..ex(
            "23-access-config-map.yaml",
            "legacy-auth",
            "us-west-2",
            &["self-managed"],
            &["managed"],
        )
    },
    Expected {
        auth_mode: Some("API"),
        ..ex(
            "24-access-entries.yaml",
            "access-entries",
            "eu-central-1",
            &[],
            &["workers"],
        )
    },
    Expected {
        private: &["private-self", "private-managed"],
        private_subnet_keys: &["eu-west-1a", "eu-west-1b", "eu-west-1c"],
        ..ex(
            "25-private-cluster.yaml",
            "private",
            "eu-west-1",
            &["private-self"],
            &["private-managed"],
        )
    },
    ex(
        "26-instance-selector.yaml",
        "selector",
        "us-east-2",
        &["selected-self"],
        &["selected-managed"],
    ),
    Expected {
        private: &[
            "cpu-system",
            "cpu-notebooks",
            "cpu-pipelines",
            "gpu-training-a10g",
            "gpu-training-v100",
            "gpu-inference-t4",
            "cpu-spot-batch",
            "managed-core",
            "managed-web",
            "managed-spot-etl",
            "managed-gpu-dev",
            "managed-spot-gpu",
        ],
        private_subnet_keys: &["us-west-2a", "us-west-2b", "us-west-2c"],
        ..ex(
            "27-ml-platform-large.yaml",
            "ml-platform",
            "us-west-2",
            &[
                "cpu-system",
                "cpu-notebooks",
                "cpu-pipelines",
                "gpu-training-a10g",
                "gpu-training-v100",
                "gpu-inference-t4",
                "cpu-spot-batch",
            ],
            &[
                "managed-core",
                "managed-web",
                "managed-spot-etl",
                "managed-gpu-dev",
                "managed-spot-gpu",
            ],
        )
    },
];

/// Config files (`.yaml`, `.json`) in `dir`, sorted; `None` when the folder is not there.
fn configs_in(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "json"))
        .collect();
    files.sort();
    Some(files)
}

fn fixtures() -> Vec<PathBuf> {
    configs_in(Path::new(FIXTURES)).expect("tests/fixtures/configs is part of the repository")
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

/// A line on the test's stderr that cargo's capture does not hide.
fn note(line: &str) {
    let _ = writeln!(std::io::stderr(), "corpus_configs: {line}");
}

fn known_bug(file: &str, check: &str) -> Option<&'static str> {
    KNOWN_BUGS
        .iter()
        .find(|(f, c, _)| *f == file && (*c == check || *c == "*"))
        .map(|(_, _, why)| *why)
}

/// Runs `check` on every file; failures of known bugs are noted, the rest fail the test.
fn each(files: &[PathBuf], check_name: &str, check: impl Fn(&Path) -> Result<(), String>) {
    let mut failures = Vec::new();
    for path in files {
        let name = file_name(path);
        let result = check(path);
        match (result, known_bug(name, check_name)) {
            (Ok(()), None) => {}
            (Ok(()), Some(why)) => note(&format!(
                "{name} passes `{check_name}` now; remove it from KNOWN_BUGS ({why})"
            )),
            (Err(e), Some(why)) => note(&format!(
                "{name}: known bug, skipped in `{check_name}`: {why} ({e})"
            )),
            (Err(e), None) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{check_name}:\n{}",
        failures.join("\n")
    );
}

fn load(path: &Path) -> Result<LoadedConfig, String> {
    config::load_file(path).map_err(|e| format!("does not load: {e}"))
}

/// Pins [`PINS`] on every nodegroup, as the planner does; the copy's text.
fn pin_all(loaded: &LoadedConfig) -> Result<(String, Vec<(select::Kind, usize)>), String> {
    let selected = select::select(&loaded.model, &[], &[]);
    let raw_count: usize = ["nodeGroups", "managedNodeGroups"]
        .iter()
        .map(|k| {
            loaded
                .meaning
                .get(k)
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
        .sum();
    if selected.len() != raw_count {
        return Err(format!(
            "{} nodegroups selected of {raw_count}",
            selected.len()
        ));
    }
    let touched: Vec<_> = selected.iter().map(|s| (s.kind, s.index)).collect();
    let changes: Vec<ConfigChange> = touched
        .iter()
        .map(|(kind, index)| ConfigChange::PinSubnets {
            kind: *kind,
            index: *index,
            subnets: PINS.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
    let text = rewrite::apply(loaded, &changes).map_err(|e| e.to_string())?;
    Ok((text, touched))
}

/// Is every difference between the two texts a line of the intended change? A block
/// mapping gains a `subnets` line and loses its `availabilityZones` lines; a flow mapping
/// (or JSON) is edited inside its line, which must then differ by just those entries.
fn only_intended_lines(before: &str, after: &str) -> Result<(), String> {
    // A file without a final newline gains one before the added line: not a change.
    let terminated = |s: &str| {
        if s.ends_with('\n') {
            s.to_string()
        } else {
            format!("{s}\n")
        }
    };
    let (before, after) = (terminated(before), terminated(after));
    let entry = |key: &str| regex::Regex::new(&format!(r#",? ?"?{key}"?: \[[^\]]*\]"#)).unwrap();
    let (zones, subnets) = (entry("availabilityZones"), entry("subnets"));
    let diff = similar::TextDiff::from_lines(&before, &after);
    for op in diff.ops() {
        let mut removed_indent: Option<usize> = None;
        let inserted: Vec<String> = diff
            .iter_changes(op)
            .filter(|c| c.tag() == similar::ChangeTag::Insert)
            .map(|c| c.value().to_string())
            .collect();
        let same_line = |deleted: &str| {
            let without = zones.replace_all(deleted, "");
            inserted
                .iter()
                .any(|i| subnets.replace_all(i, "") == without)
        };
        for change in diff.iter_changes(op) {
            let line = change.value();
            let indent = line.len() - line.trim_start().len();
            match change.tag() {
                similar::ChangeTag::Equal => {}
                similar::ChangeTag::Insert => {
                    if !line.contains("subnets") {
                        return Err(format!("inserted line {line:?}"));
                    }
                }
                similar::ChangeTag::Delete => {
                    let in_removed_list = removed_indent
                        .is_some_and(|z| indent >= z && line.trim_start().starts_with('-'));
                    let key = line.trim_start().trim_start_matches('"');
                    if key.starts_with("availabilityZones") || key.starts_with("subnets") {
                        removed_indent = Some(indent);
                    } else if !in_removed_list && !same_line(line) {
                        return Err(format!("deleted line {line:?}"));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Pinning changes only the lines of the pinned nodegroups' subnets and zones, and the
/// copy means the original plus that (rewrite::apply verifies the meaning itself).
fn rewrites_only_subnets(path: &Path) -> Result<(), String> {
    let loaded = load(path)?;
    let (text, _) = pin_all(&loaded)?;
    only_intended_lines(&String::from_utf8_lossy(&loaded.raw), &text)?;
    let reparsed = config::parse(None, text.into_bytes()).map_err(|e| e.to_string())?;
    for s in select::select(&reparsed.model, &[], &[]) {
        if s.nodegroup.subnets != PINS || !s.nodegroup.availability_zones.is_empty() {
            return Err(format!("{} is not pinned in the copy", s.nodegroup.name));
        }
    }
    Ok(())
}

/// With no change, the "copy" is the user's file byte for byte.
fn round_trips(path: &Path) -> Result<(), String> {
    let loaded = load(path)?;
    let again = rewrite::apply(&loaded, &[]).map_err(|e| e.to_string())?;
    if again.as_bytes() != loaded.raw.as_slice() {
        return Err("an untouched config is not given back byte for byte".into());
    }
    Ok(())
}

#[test]
fn a_diff_shows_only_the_intended_lines() {
    let before = "a: 1\nnodeGroups:\n- name: x # keep\n  availabilityZones:\n  - us-west-2a\n  - us-west-2b\n  labels: {k: \"yes\"}\n";
    let cfg = config::parse(None, before.as_bytes().to_vec()).unwrap();
    let change = ConfigChange::PinSubnets {
        kind: select::Kind::SelfManaged,
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

/// Reads an original and its copy as eksctl does and compares them less the pinned
/// nodegroups' subnets and zones. eksctl reads YAML with go-yaml v2 (through
/// sigs.k8s.io/yaml): YAML 1.1 booleans `y|yes|on|n|no|off` in any of their cases, merge
/// keys applied, mapping keys made strings, but timestamps kept as strings and no base-60
/// numbers. PyYAML reads YAML 1.1; the loader below is adjusted to those differences.
const YAML_1_1_CHECK: &str = r#"
import json, re, sys, yaml
class Loader(yaml.SafeLoader): pass
Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))
Loader.add_constructor("tag:yaml.org,2002:bool", lambda l, n: n.value.lower() in ("y", "yes", "true", "on"))
Loader.add_constructor("tag:yaml.org,2002:int", lambda l, n: n.value if ":" in n.value else yaml.SafeLoader.construct_yaml_int(l, n))
Loader.add_constructor("tag:yaml.org,2002:float", lambda l, n: n.value if ":" in n.value else yaml.SafeLoader.construct_yaml_float(l, n))
def load(text): return strings(yaml.load(text, Loader=Loader))
def strings(v):
    if isinstance(v, dict): return {str(k): strings(x) for k, x in v.items()}
    if isinstance(v, list): return [strings(x) for x in v]
    return v
def strip(doc):
    for key in ("nodeGroups", "managedNodeGroups"):
        for ng in doc.get(key) or []:
            ng.pop("subnets", None); ng.pop("availabilityZones", None)
    return doc
def diff(a, b, at="$"):
    if type(a) != type(b) or not isinstance(a, (dict, list)):
        return None if a == b else f"{at}: {a!r} became {b!r}"
    if isinstance(a, list):
        if len(a) != len(b): return f"{at}: {len(a)} items became {len(b)}"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := diff(x, y, f"{at}[{i}]"))), None)
    if a.keys() != b.keys(): return f"{at}: keys {sorted(a)} became {sorted(b)}"
    return next((d for k in a if (d := diff(a[k], b[k], f"{at}.{k}"))), None)
out = {}
for case in json.load(sys.stdin):
    orig = load(open(case["file"], encoding="utf-8").read())
    copy = load(case["copy"])
    problem = None
    for key in ("nodeGroups", "managedNodeGroups"):
        for ng in copy.get(key) or []:
            if ng.get("subnets") != case["pins"] or "availabilityZones" in ng:
                problem = problem or f"{ng.get('name')}: subnets {ng.get('subnets')!r}, availabilityZones {ng.get('availabilityZones')!r}"
    out[case["file"]] = problem or diff(strip(orig), strip(copy))
json.dump(out, sys.stdout)
"#;

/// `{file: problem or null}` for every (file, copy) given, from [`YAML_1_1_CHECK`].
fn read_as_eksctl(cases: &[(PathBuf, String)]) -> serde_json::Map<String, serde_json::Value> {
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|(file, copy)| serde_json::json!({"file": file, "copy": copy, "pins": PINS}))
        .collect();
    let mut child = Command::new("python3")
        .args(["-c", YAML_1_1_CHECK])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is needed (run scripts/setup.sh; scripts/test.sh puts its venv on PATH)");
    serde_json::to_writer(child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the YAML 1.1 reader failed (PyYAML comes with the venv of scripts/setup.sh)"
    );
    serde_json::from_slice(&out.stdout).unwrap()
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

// ---- eksctl's example configs, when ../shared/corpus is beside the repository ----

fn external_corpus() -> Option<Vec<PathBuf>> {
    let dir = std::env::var_os("EKSCTL_SHIM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
        .join("eksctl-examples");
    let files = configs_in(&dir);
    match &files {
        None => note(&format!(
            "skipped eksctl's example configs: {} not found",
            dir.display()
        )),
        Some(files) => assert_eq!(
            files.len(),
            49,
            "expected eksctl's 49 examples in {}",
            dir.display()
        ),
    }
    files
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
