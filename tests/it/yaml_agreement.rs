//! The shim reads configs with its own YAML 1.1 model (src/config/yaml). It must agree
//! with the libraries eksctl reads them with (sigs.k8s.io/yaml over go-yaml v2), run here
//! through the eksctl model's Go helper (tests/eksctl-model/yamlhelper, built by
//! scripts/setup.sh from Debian's packages of those libraries), on every YAML case the
//! do-no-harm issue names: a config the shim reads must mean to it what it means to
//! eksctl, and one eksctl refuses the shim must not read either.

use std::process::Command;

use eksctl_shim::config::yaml::Doc;
use serde_json::Value;

const CASES: &[&str] = &[
    "v: yes",
    "v: Yes",
    "v: YES",
    "v: on",
    "v: On",
    "v: ON",
    "v: y",
    "v: Y",
    "v: no",
    "v: off",
    "v: n",
    "v: N",
    "v: true",
    "v: False",
    "v: \"yes\"",
    "v: 'on'",
    "v: \"n\"",
    "v: \"off\"",
    "v: 010",
    "v: 0o10",
    "v: 0x1F",
    "v: 0b101",
    "v: 1_000",
    "v: \"1_000\"",
    "v: \"010\"",
    "v: -12",
    "v: +12",
    "v: 1.5",
    "v: 1e3",
    "v: 08",
    "v: .5",
    "v: ~",
    "v: null",
    "v:",
    "v: 2001-12-14",
    "v: 1.32",
    "v: \"1.32\"",
    "v: subnet-0abc",
    "v: !!str yes",
    "v: |\n  yes\n",
    "v: >\n  a\n  b\n",
    "1: a\n2: b",
    "true: x",
    "yes: x",
    "a: 1\na: 2",
    "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2",
    "base: &b {x: 1}\nm: {<<: [*b], y: 2}",
    "base: &b {x: 1}\nm: {<<: *b, x: 2}",
    "base: &b {x: 1}\nm: {x: 2, <<: *b}",
    "l: [a, &x b, *x]",
    "---\na: 1\n---\nb: 2",
    "labels: {spot: \"yes\", team: on}",
];

fn helper() -> Option<String> {
    let path = format!("{}/eksctl-model-yaml", crate::common::model_cache());
    std::path::Path::new(&path).exists().then_some(path)
}

/// What eksctl's libraries make of `text`: the JSON, or None when they refuse it.
fn eksctl_reads(helper: &str, text: &str) -> Option<Value> {
    let mut cmd = Command::new(helper);
    cmd.arg("yaml2json");
    let out = crate::common::run_with_stdin(cmd, text.as_bytes());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    if !r["strict_error"].is_null() || !r["error"].is_null() {
        return None;
    }
    Some(r["json"].clone())
}

#[test]
fn the_shims_reader_agrees_with_eksctls_yaml_libraries() {
    let Some(helper) = helper() else {
        panic!("the eksctl model's YAML helper is not built: run scripts/setup.sh");
    };
    let mut disagree = vec![];
    for case in CASES {
        let text = format!("{case}\n");
        let theirs = eksctl_reads(&helper, &text);
        let ours = Doc::parse(&text).ok().and_then(|d| d.meaning().ok());
        // Numbers compare by value: 8 and 8.0 are one JSON number to eksctl's decoder.
        let same = match (&theirs, &ours) {
            (Some(a), Some(b)) => normalise(a) == normalise(b),
            (None, None) => true,
            _ => false,
        };
        if !same {
            disagree.push(format!("{case:?}: eksctl {theirs:?}, shim {ours:?}"));
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
}

fn normalise(v: &Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map_or(v.clone(), |f| serde_json::json!(f)),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        _ => v.clone(),
    }
}
