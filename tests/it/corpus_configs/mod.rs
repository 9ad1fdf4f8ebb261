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

mod expected;
use expected::EXPECTED;

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
    crate::common::note("corpus_configs", line);
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
fn pin_all(loaded: &LoadedConfig) -> Result<(String, Vec<(select::NodegroupKind, usize)>), String> {
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

mod fixtures;
