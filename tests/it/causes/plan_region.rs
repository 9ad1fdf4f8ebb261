//! `plan`'s header says where the region would come from, or that none is set, in words:
//! never `<no region>`.

use crate::common::*;

fn plan(sb: &Sandbox) -> run::Run {
    sb.shim_run(["plan", "--", "create", "nodegroup", "--cluster", "x"])
        .version("0.230.0")
        .envs(&[
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("EKSCTL_SHIM_TIMEOUT", "3"),
            ("EKSCTL_MODEL_OFFLINE", "1"),
        ])
}

#[test]
fn with_no_region_anywhere_the_header_says_none_is_set() {
    let sb = Sandbox::new();
    let ran = plan(&sb).go();
    let out = ran.stdout();
    assert!(!out.contains("<no region>"), "{out}");
    assert!(
        out.contains("create nodegroup for cluster x with no region (none is set: no --region, metadata.region, AWS_REGION, or region in the default profile)"),
        "{out}"
    );
}

#[test]
fn a_profile_region_is_said_with_its_profile() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("home/.aws")).unwrap();
    std::fs::write(
        sb.path("home/.aws/config"),
        "[profile a]\nregion = eu-west-1\n",
    )
    .unwrap();
    let ran = plan(&sb).env("AWS_PROFILE", "a").go();
    let out = ran.stdout();
    assert!(
        out.contains("cluster x in eu-west-1 (from profile a)"),
        "{out}"
    );
}

#[test]
fn json_says_it_too() {
    let sb = Sandbox::new();
    let ran = sb
        .shim_run([
            "plan",
            "--output",
            "json",
            "--",
            "create",
            "nodegroup",
            "--cluster",
            "x",
        ])
        .version("0.230.0")
        .envs(&[
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("EKSCTL_MODEL_OFFLINE", "1"),
        ])
        .go();
    let doc: serde_json::Value = serde_json::from_str(&ran.stdout()).unwrap();
    assert_eq!(doc["region"], serde_json::Value::Null);
    assert!(
        doc["region_source"]
            .as_str()
            .unwrap()
            .starts_with("with no region (none is set"),
        "{doc}"
    );
}
