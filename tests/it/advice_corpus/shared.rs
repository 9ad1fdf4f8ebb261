//! An extra suite: the real eksctl error texts of `shared/corpus/eksctl-errors.jsonl`
//! beside the repository (or `EKSCTL_SHIM_CORPUS`), each recognised as the right kind with
//! filled advice, also reworded. Without the folder it says so in one line and passes: a
//! plain clone relies on the in-repo fixtures.

use std::path::PathBuf;

use super::fixtures::reworded;
use super::messages::{analyse, outcome};

/// What each corpus entry is, by the catalog's code.
const EXPECTED: &[(&str, &str)] = &[
    ("E001", "subnet-not-found"),
    ("E003", "stack-subnets-too-few-zones"),
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

fn corpus() -> Option<Vec<serde_json::Value>> {
    let dir = std::env::var_os("EKSCTL_SHIM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let path = dir.join("eksctl-errors.jsonl");
    if !dir.is_dir() {
        crate::common::note(
            "advice_corpus",
            &format!(
                "skipped the shared corpus of eksctl errors: {} not found",
                dir.display()
            ),
        );
        return None;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

pub fn every_corpus_entry_is_recognised() {
    let Some(entries) = corpus() else { return };
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
        let text = e["text"].as_str().unwrap();
        let advice = analyse(text);
        assert_eq!(outcome(&advice), format!("kind:{want}"), "{id}");
        for a in &advice {
            assert!(
                !a.advice.contains("<cluster>") && !a.advice.contains("<region>"),
                "{id}: {}",
                a.advice
            );
        }
        for (i, variant) in reworded(text, true).iter().enumerate() {
            let advice = analyse(variant);
            if i == 1 {
                // Every line marked as an error: an information line may now also get
                // the family of its words; the kind must still be said.
                assert!(advice.iter().any(|a| a.code == want), "{id}: {variant}");
            } else {
                assert_eq!(outcome(&advice), format!("kind:{want}"), "{id}: {variant}");
            }
        }
    }
}
