//! ci/install-pinned.sh on its own, as the recipes and the action call it: the settings
//! from the environment, a runner's PATH with no eksctl, the downloads served locally.

use std::process::Output;

use super::*;

/// Runs the script with `settings` (the four pins, the mirror) and a prefix in the
/// sandbox; `mutate` changes the settings first.
fn install(
    sb: &Sandbox,
    served: &Downloads,
    mutate: impl FnOnce(&mut Vec<(&str, String)>),
) -> Output {
    let mut settings = vec![
        ("EKSCTL_SHIM_ARCHIVE_URL", served.shim_url.clone()),
        ("EKSCTL_SHIM_ARCHIVE_SHA256", served.shim_sha256.clone()),
        ("EKSCTL_VERSION", EKSCTL_VERSION.to_string()),
        ("EKSCTL_SHA256", served.eksctl_sha256.clone()),
        ("EKSCTL_RELEASES_URL", served.releases_url.clone()),
    ];
    mutate(&mut settings);
    let mut cmd = Command::new("bash");
    cmd.arg(format!("{ROOT}/ci/install-pinned.sh"))
        .arg("--prefix")
        .arg(sb.path("prefix"))
        .env_clear()
        .env("HOME", sb.path("home"))
        .env("PATH", RUNNER_PATH)
        .env("EKSCTL_MODEL_RECORD", sb.path("record"))
        .env("EKSCTL_MODEL_VERSION", EKSCTL_VERSION)
        .current_dir(sb.path("home"))
        .envs(settings);
    run_within(cmd, std::time::Duration::from_secs(120))
}

fn fails_with_nothing_installed(sb: &Sandbox, out: &Output, says: &str) {
    assert!(!out.status.success(), "{}", stderr(out));
    assert!(stderr(out).contains(says), "{}", stderr(out));
    assert_eq!(
        tree(&sb.path("prefix")),
        Vec::<String>::new(),
        "nothing under the prefix"
    );
    assert_eq!(
        tree(&sb.path("home")),
        Vec::<String>::new(),
        "nothing in the directory it ran in"
    );
}

#[test]
fn the_script_installs_the_shim_in_front_of_the_pinned_eksctl() {
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let out = install(&sb, &served, |_| {});
    assert!(out.status.success(), "{}", stderr(&out));
    // Its stdout is empty (install.sh's advice goes to stderr); it says what it checked.
    assert_eq!(stdout(&out), "");
    let said = stderr(&out);
    let prefix = sb.path("prefix");
    assert!(
        said.contains(&format!(
            "install-pinned: eksctl is the shim ({}), in front of eksctl {EKSCTL_VERSION} ({})",
            prefix.join("share/eksctl-shim/bin/eksctl").display(),
            prefix.join("bin/eksctl").display()
        )),
        "{said}"
    );
    // The installed eksctl is the archive's program, byte for byte.
    let installed = std::fs::read(prefix.join("bin/eksctl")).unwrap();
    let built = std::fs::read(sb.path("eksctl-build/eksctl")).unwrap();
    assert_eq!(installed, built);
    // Run again (a cached runner, a retried job): the same end, in place.
    let again = install(&sb, &served, |_| {});
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        tree(&sb.path("home")),
        Vec::<String>::new(),
        "nothing in the directory it ran in"
    );
}

#[test]
fn a_wrong_shim_sha256_stops_the_script_before_anything_is_extracted() {
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let out = install(&sb, &served, |s| s[1].1 = wrong(&served.shim_sha256));
    fails_with_nothing_installed(&sb, &out, "nothing was installed");
    // It stopped at the shim's archive: eksctl's was not even fetched.
    assert!(
        !stderr(&out).contains("eksctl_Linux_amd64"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_damaged_eksctl_download_stops_the_script_before_anything_is_extracted() {
    // The pin is the published checksum, but the archive served is not the release's.
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let mut bytes = std::fs::read(&served.eksctl_archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&served.eksctl_archive, bytes).unwrap();
    let out = install(&sb, &served, |_| {});
    fails_with_nothing_installed(
        &sb,
        &out,
        &format!("pinned {}; nothing was installed", served.eksctl_sha256),
    );
    assert!(
        stderr(&out).contains("eksctl_Linux_amd64.tar.gz: FAILED"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_pin_that_is_not_the_published_checksum_stops_the_script() {
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let out = install(&sb, &served, |s| {
        s[3].1 = wrong(&served.eksctl_sha256).to_uppercase()
    });
    fails_with_nothing_installed(
        &sb,
        &out,
        "pin the published value, for the version you install",
    );
}

#[test]
fn a_missing_or_malformed_setting_stops_the_script_before_any_download() {
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let out = install(&sb, &served, |s| s.retain(|(k, _)| *k != "EKSCTL_SHA256"));
    fails_with_nothing_installed(&sb, &out, "EKSCTL_SHA256 is not set");
    assert!(!stderr(&out).contains("downloading"), "{}", stderr(&out));
    let out = install(&sb, &served, |s| {
        s[1].1 = "REPLACE-with-the-archive-sha256".into()
    });
    fails_with_nothing_installed(
        &sb,
        &out,
        "EKSCTL_SHIM_ARCHIVE_SHA256 is not a SHA-256 (64 hex digits): REPLACE-with-the-archive-sha256",
    );
    assert!(!stderr(&out).contains("downloading"), "{}", stderr(&out));
}

#[test]
fn a_missing_eksctl_release_stops_the_script() {
    let sb = Sandbox::new();
    let served = Downloads::serve(&sb, EKSCTL_VERSION);
    let out = install(&sb, &served, |s| s[2].1 = "0.229.0".into());
    fails_with_nothing_installed(&sb, &out, "could not download");
    assert!(
        stderr(&out).contains("/v0.229.0/eksctl_checksums.txt"),
        "{}",
        stderr(&out)
    );
}
