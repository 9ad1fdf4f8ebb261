//! Every real eksctl error text in shared/corpus/eksctl-errors.jsonl is recognised as the
//! right kind with advice filled for the run, and so is the same failure reworded: other
//! IDs, names and timestamps, with and without log prefixes.

use std::path::PathBuf;

use eksctl_shim::advice::{Analyzer, Context};
use regex::Regex;

/// What each corpus entry is, by the catalog's code.
const EXPECTED: &[(&str, &str)] = &[
    ("E001", "subnet-not-found"),
    ("E003", "legacy-subnets-output"),
    ("E005", "not-enough-subnets-for-zones"),
    ("E007", "nodegroup-not-in-cluster-info"),
    ("E009", "stack-not-found"),
    ("E011", "stack-not-found"),
    ("E013", "cluster-not-found"),
    ("E015", "region-missing"),
    ("E017", "config-unknown-field"),
    ("E019", "elastic-ip-limit"),
    ("E021", "resource-not-ready"),
    ("E023", "stack-wait-timeout"),
    ("E025", "stack-missing-output"),
    ("E027", "export-not-found"),
    ("E029", "stack-delete-failed"),
    ("E031", "access-entry-policy-arn"),
    ("E033", "auth-mode-update-unsupported"),
    ("E035", "credentials-expired"),
    ("E037", "permission-denied"),
    ("E039", "permission-denied"),
    ("E041", "permission-denied"),
    ("E043", "credentials-invalid"),
    ("E045", "exec-plugin-api-version"),
    ("E047", "kubernetes-unauthorized"),
    ("E049", "kubernetes-unauthorized"),
    ("E051", "nodes-did-not-join"),
    ("E053", "control-plane-version-unknown"),
    ("E055", "ami-not-found"),
    ("E057", "zone-capacity"),
    ("E059", "instance-type-not-in-zone"),
    ("E061", "insufficient-subnets-for-zones"),
    ("E063", "throttled"),
    ("E065", "config-not-a-mapping"),
    ("E067", "service-account-policy-required"),
    ("E069", "addon-version-not-found"),
    ("C001", "update-auth-configmap-on-api"),
    ("C002", "access-entries-disabled"),
    ("C003", "access-entries-need-api-mode"),
    ("C004", "config-map-without-creator-admin"),
    ("C005", "subnet-removed-outside-eksctl"),
    ("C006", "outposts-managed-nodegroup"),
    ("C007", "flag-with-config-file"),
    ("C008", "filter-without-config-file"),
    ("C009", "unowned-cluster-needs-vpc"),
    ("C010", "subnet-not-in-cluster-vpc"),
    ("C011", "region-missing"),
    ("C012", "outposts-instance-store-auth"),
];

fn corpus() -> Vec<serde_json::Value> {
    let path = std::env::var_os("EKSCTL_SHIM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
        .join("eksctl-errors.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn ctx() -> Context {
    Context {
        cluster: Some("payments".into()),
        region: Some("ap-south-1".into()),
        nodegroup: Some("workers".into()),
    }
}

fn primary(text: &str) -> Option<(String, String)> {
    let mut a = Analyzer::new();
    a.feed_text(text.as_bytes());
    a.advice(&ctx())
        .into_iter()
        .next()
        .map(|a| (a.code.to_string(), a.advice))
}

#[test]
fn every_corpus_entry_is_recognised_with_filled_advice() {
    let entries = corpus();
    assert_eq!(
        entries.len(),
        EXPECTED.len(),
        "a corpus entry without an expectation"
    );
    for e in &entries {
        let id = e["id"].as_str().unwrap();
        let want = EXPECTED
            .iter()
            .find(|(i, _)| *i == id)
            .unwrap_or_else(|| panic!("no expectation for {id}"))
            .1;
        let (code, advice) =
            primary(e["text"].as_str().unwrap()).unwrap_or_else(|| panic!("{id} not recognised"));
        assert_eq!(code, want, "{id}");
        assert!(
            !advice.contains("<cluster>")
                && !advice.contains("<region>")
                && !advice.contains("<nodegroup>"),
            "{id}: {advice}"
        );
    }
}

/// The same failure in other words: new IDs, names, numbers and timestamps, and each of
/// the log forms eksctl's output takes (bare, eksctl's own prefix, a CI runner's prefix).
fn reworded(text: &str) -> Vec<String> {
    let swaps: &[(&str, &str)] = &[
        (
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?",
            "2031-07-04 23:59:59",
        ),
        (r"subnet-[0-9a-zA-Z]+", "subnet-0fedcba987654321f"),
        (r"vpc-[0-9a-zA-Z]+", "vpc-00aa11bb22cc33dd4"),
        (
            r"(?i)request ?id: [0-9a-zA-Z-]+",
            "RequestID: 4c1d7a2e-9f3b-4e2a-8d6c-1b2a3c4d5e6f",
        ),
        (r"\b\d{12}\b", "210987654321"),
        (
            r"(?:us|eu|ap|sa)-(?:east|west|north|south|northeast|southeast)-\d",
            "eu-central-1",
        ),
        (
            r#""(?:kungen-1|my-clstr|TestCluster|lzrs-op-local-cp|xxxxxxxxx|ng-1|eksworkshop\.yaml)""#,
            "\"team-blue-7\"",
        ),
        (
            r"eksctl-(?:abcd|helix|sandbox|managed-cluster1)-",
            "eksctl-team-blue-7-",
        ),
    ];
    let mut base = text.to_string();
    for (from, to) in swaps {
        base = Regex::new(from)
            .unwrap()
            .replace_all(&base, *to)
            .into_owned();
    }
    let bare = Regex::new(r"(?m)^(?:\d{4}-\d{2}-\d{2}[T ]\S+ )?(?:\[[^\]]{1,3}\]\s+)?")
        .unwrap()
        .replace_all(&base, "")
        .into_owned();
    vec![
        base.clone(),
        bare.clone(),
        bare.lines()
            .map(|l| format!("2031-07-04 23:59:59 [\u{2716}]  {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        bare.lines()
            .map(|l| format!("2031-07-04T23:59:59.1234567Z {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        format!("\x1b[31m{bare}\x1b[0m"),
    ]
}

#[test]
fn reworded_failures_are_still_recognised() {
    for e in corpus() {
        let id = e["id"].as_str().unwrap();
        let want = EXPECTED.iter().find(|(i, _)| *i == id).unwrap().1;
        for variant in reworded(e["text"].as_str().unwrap()) {
            let got = primary(&variant).map(|p| p.0);
            assert_eq!(got.as_deref(), Some(want), "{id}: {variant}");
        }
    }
}

#[test]
fn text_no_kind_knows_is_reported_as_unknown() {
    for text in [
        "Error: the flux capacitor is out of alignment",
        "2026-01-01 10:00:00 [\u{2139}]  building cluster stack \"eksctl-x-cluster\"",
        "",
    ] {
        assert_eq!(primary(text), None, "{text}");
    }
}
