//! The eksctl model's own tests (tests/eksctl-model/test_model.py, test_create_against_aws.py,
//! test_existing_cluster.py; helpers in harness.py): the model the other
//! integration tests run as the real eksctl refuses what eksctl refuses and fails where
//! eksctl fails, by version and AWS state. Runs them with Python's unittest against a
//! moto server the Python side starts, and fails if any of them fails.

use std::process::Command;

#[test]
fn the_eksctl_model_behaves_as_eksctl_s_source_says() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eksctl-model");
    let out = Command::new(crate::common::python())
        .args([
            "-m",
            "unittest",
            "-v",
            "test_model",
            "test_create_against_aws",
            "test_existing_cluster",
        ])
        .current_dir(dir)
        .env("EKSCTL_MODEL_CACHE", crate::common::model_cache())
        .output()
        .expect("python3 runs the model's tests");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the eksctl model's tests failed:\n{report}"
    );
    assert!(report.contains("\nOK"), "{report}");
}
