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

    // CONFIG_MAP needs nothing on nodegroups: no finding, so no gate fails (that
    // information never fails the gate: `check::report`'s unit test).
    check(&sb, &moto, &["--cluster", "cm", "--fail-on", "warning"])
        .go()
        .exits(0)
        .never_says("error");
    check(&sb, &moto, &["--cluster", "cm", "--fail-on", "notice"])
        .go()
        .exits(2);
}

#[test]
fn output_file_takes_the_report_whole_and_stdout_stays_empty() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "drifted", "moved": true, "delete": ["private-a", "private-b"]}));
    let args = ["--cluster", "drifted", "-o", "json"];
    let on_stdout = check(&sb, &moto, &args).go();
    on_stdout.exits(3);

    let report = sb.path("reports/check.json");
    std::fs::create_dir_all(sb.path("reports")).unwrap();
    std::fs::write(&report, "an older report, longer than nothing").unwrap();
    let to_file = check(
        &sb,
        &moto,
        &[&args[..], &["--output-file", report.to_str().unwrap()]].concat(),
    )
    .go();
    to_file.exits(3);
    assert_eq!(to_file.stdout(), "");
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        on_stdout.stdout()
    );
    // The temporary file was renamed, not left beside it.
    assert_eq!(std::fs::read_dir(sb.path("reports")).unwrap().count(), 1);

    // Text in a file has no styles, whatever the terminal would get.
    let text = sb.path("reports/check.txt");
    check(
        &sb,
        &moto,
        &[
            "--cluster",
            "drifted",
            "--output-file",
            text.to_str().unwrap(),
        ],
    )
    .env("CLICOLOR_FORCE", "1")
    .go()
    .exits(3);
    let written = std::fs::read_to_string(&text).unwrap();
    assert!(written.starts_with("drifted (us-west-2"), "{written}");
    assert!(!written.contains('\x1b'), "{written:?}");
}

#[test]
fn output_file_never_writes_through_a_link_or_into_nowhere() {
    let (sb, moto) = (Sandbox::new(), Moto::start());
    moto.world(json!({"cluster": "clean"}));
    let target = sb.path("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = sb.path("report.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    check(
        &sb,
        &moto,
        &[
            "--cluster",
            "clean",
            "--output-file",
            link.to_str().unwrap(),
        ],
    )
    .go()
    .exits(2)
    .says("is a symbolic link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    let nowhere = sb.path("no-such-dir/report.json");
    let ran = check(
        &sb,
        &moto,
        &[
            "--cluster",
            "clean",
            "--output-file",
            nowhere.to_str().unwrap(),
        ],
    )
    .go();
    ran.exits(2);
    assert_eq!(ran.stdout(), "");
}
