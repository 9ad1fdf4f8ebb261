//! How `check` gates: `--fail-on` (which findings fail it), `--output-file` (where the
//! report goes).

use super::*;

#[test]
fn fail_on_warning_fails_the_gate_on_a_warning_and_never_on_information() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "cm", "auth_mode": "CONFIG_MAP"}));
    // Asking for the mode the cluster is in: EKS refuses it (a warning, inferred).
    std::fs::write(
        sb.path("same-mode.yaml"),
        "metadata: {name: cm, region: us-west-2}\naccessConfig:\n  authenticationMode: CONFIG_MAP\n",
    )
    .unwrap();
    let args = ["-f", "same-mode.yaml", "--for", "auth-mode", "-o", "json"];
    let by_default = check(&sb, &moto, &args).go();
    by_default.exits(0);
    let v = single(&by_default);
    assert_eq!(v["status"], "passed");
    assert_eq!(v["findings"][0]["severity"], "warning", "{v}");

    let strict = check(&sb, &moto, &[&args[..], &["--fail-on", "warning"]].concat()).go();
    strict.exits(3);
    assert_eq!(single(&strict)["status"], "failed");
    let junit = check(
        &sb,
        &moto,
        &[
            "-f",
            "same-mode.yaml",
            "--for",
            "auth-mode",
            "-o",
            "junit",
            "--fail-on",
            "warning",
        ],
    )
    .go();
    junit.exits(3);
    assert!(
        junit.stdout().contains("<failure message=")
            && junit.stdout().contains("type=\"auth-mode-step\""),
        "{}",
        junit.stdout()
    );

    // CONFIG_MAP's note on nodegroups is information: no gate fails on it.
    check(&sb, &moto, &["--cluster", "cm", "--fail-on", "warning"])
        .go()
        .exits(0)
        .never_says("error");
    check(&sb, &moto, &["--cluster", "cm", "--fail-on", "notice"])
        .go()
        .exits(2);
}
