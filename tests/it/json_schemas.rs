//! The JSON documents of `check`, `plan` and `explain` (schema 2) are valid against their
//! JSON Schemas in `schemas/` (jsonschema, draft 2020-12, from the venv scripts/setup.sh
//! makes), for real outputs of the built binary against moto; and the schemas refuse a
//! document in an old dialect (`remedy`), so the validation can fail.

use std::path::Path;
use std::process::Command;

use crate::common::moto::Moto;
use crate::common::*;
use serde_json::{Value, json};

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas");

/// Validates `doc` against `schemas/<name>.schema.json` (the finding's schema beside it):
/// `Ok` when valid, else jsonschema's message.
fn validate(sb: &Sandbox, name: &str, doc: &[u8]) -> Result<(), String> {
    let file = sb.path(&format!("{name}.json"));
    std::fs::write(&file, doc).unwrap();
    let script = "import sys, json, glob, os, jsonschema\n\
from referencing import Registry, Resource\n\
dir, name, doc = sys.argv[1:4]\n\
schemas = [json.load(open(p)) for p in glob.glob(os.path.join(dir, '*.schema.json'))]\n\
for s in schemas: jsonschema.Draft202012Validator.check_schema(s)\n\
registry = Registry().with_resources([(s['$id'], Resource.from_contents(s)) for s in schemas])\n\
schema = json.load(open(os.path.join(dir, name + '.schema.json')))\n\
errors = list(jsonschema.Draft202012Validator(schema, registry=registry).iter_errors(json.load(open(doc))))\n\
print('valid' if not errors else '\\n'.join(e.message + ' at ' + e.json_path for e in errors))";
    let out = run(Command::new(python())
        .args(["-c", script, SCHEMAS, name])
        .arg(&file));
    match stdout(&out).trim() {
        "valid" => Ok(()),
        "" => panic!("the validator failed: {}", stderr(&out)),
        errors => Err(errors.to_string()),
    }
}

fn assert_valid(sb: &Sandbox, name: &str, doc: &[u8]) {
    if let Err(e) = validate(sb, name, doc) {
        panic!("{name}: {e}\n{}", String::from_utf8_lossy(doc));
    }
}

const CONFIG: &str = "\
metadata:
  name: drifted
  region: us-west-2
managedNodeGroups:
  - name: ng-private
    privateNetworking: true
";

#[test]
fn check_plan_and_explain_write_documents_their_schemas_accept() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    moto.world(json!({"cluster": "clean"}));
    std::fs::write(sb.path("cluster.yaml"), CONFIG).unwrap();

    // check: a config (findings located at its nodegroup's line), and every cluster.
    let ran = sb
        .shim_run(["check", "-f", "cluster.yaml", "-o", "json"])
        .version("0.190.0")
        .aws(&moto)
        .go();
    ran.exits(3);
    assert_valid(&sb, "check", &ran.out.stdout);
    let v: Value = serde_json::from_slice(&ran.out.stdout).unwrap();
    let drift = v["clusters"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "subnet-drift")
        .cloned()
        .unwrap();
    assert_eq!(drift["location"]["file"], "cluster.yaml", "{drift}");
    assert_eq!(drift["location"]["line"], 5, "{drift}");
    assert_eq!(
        drift["title"],
        "subnets in the stack's Outputs were deleted outside eksctl"
    );
    assert_eq!(
        drift["commands"],
        json!([
            "eksctl-shim sync-outputs --cluster drifted --region us-west-2",
            "eksctl-shim sync-outputs --cluster drifted --region us-west-2 --approve"
        ])
    );
    let all = sb
        .shim_run(["check", "--all", "--region", "us-west-2", "-o", "json"])
        .version("0.190.0")
        .aws(&moto)
        .go();
    assert_valid(&sb, "check", &all.out.stdout);

    // plan: a rewrite with its gate, and a passthrough.
    let plan = sb
        .shim_run([
            "plan",
            "-o",
            "json",
            "--",
            "create",
            "nodegroup",
            "-f",
            "cluster.yaml",
        ])
        .version("0.190.0")
        .aws(&moto)
        .go();
    assert_valid(&sb, "plan", &plan.out.stdout);
    let v: Value = serde_json::from_slice(&plan.out.stdout).unwrap();
    assert_eq!(v["findings"][0]["location"]["line"], 5, "{v}");
    let through = sb
        .shim_run(["plan", "-o", "json", "--", "get", "clusters"])
        .version("0.190.0")
        .aws(&moto)
        .go();
    assert_valid(&sb, "plan", &through.out.stdout);

    // explain: a failure and a note.
    let log = "2026-03-01 10:00:00 [\u{2139}]  building nodegroup stack\n\
               Error: failed to create nodegroups for cluster \"prod\"\n\
               waiting for CloudFormation stack \"eksctl-prod-nodegroup-ng\": ResourceNotReady: failed waiting for successful resource state\n";
    std::fs::write(sb.path("eksctl.log"), log).unwrap();
    let explained = sb.shim_run(["explain", "eksctl.log", "-o", "json"]).go();
    assert_valid(&sb, "explain", &explained.out.stdout);
    let v: Value = serde_json::from_slice(&explained.out.stdout).unwrap();
    assert!(!v["findings"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn the_schemas_refuse_the_old_dialects() {
    let sb = Sandbox::new();
    let finding = json!({
        "code": "subnet-drift", "severity": "error", "title": "t", "message": "m",
        "remediation": "r", "commands": [], "resources": [], "nodegroup": null, "location": null,
    });
    let check = |f: &Value, schema: u32| {
        serde_json::to_vec(&json!({"schema": schema, "clusters": [{
            "cluster": "prod", "region": "us-west-2", "account": null, "eksctl_version": null,
            "status": "failed", "findings": [f], "error": null, "checked_for": ["nodegroup"],
            "not_run": [],
        }]}))
        .unwrap()
    };
    assert_valid(&sb, "check", &check(&finding, 2));
    // Schema 1's plan finding: `remedy` for `remediation`.
    let mut remedy = finding.clone();
    let text = remedy
        .as_object_mut()
        .unwrap()
        .remove("remediation")
        .unwrap();
    remedy["remedy"] = text;
    let refused = validate(&sb, "check", &check(&remedy, 2)).unwrap_err();
    assert!(refused.contains("remedy"), "{refused}");
    // A schema 1 document.
    assert!(validate(&sb, "check", &check(&finding, 1)).is_err());
    // Schema 1's explain: `{"advice": [...]}`.
    let advice = json!({"advice": [{"code": "x", "family": "stack", "role": "cause",
        "summary": "s", "advice": "a", "evidence": "e"}]});
    assert!(validate(&sb, "explain", &serde_json::to_vec(&advice).unwrap()).is_err());
    assert!(Path::new(SCHEMAS).join("finding.schema.json").is_file());
}
