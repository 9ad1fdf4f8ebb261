//! The release archive round trip, and a binary installed without its proxy (helpers of `mod.rs`).

use super::*;

/// scripts/dist.sh, then install.sh --archive into a fresh prefix. dist.sh packages the
/// binary under test (a debug build: `cargo test` stays quick); EKSCTL_SHIM_DIST_BINARY
/// names another, such as the static release build.
#[test]
fn release_archive_round_trip() {
    let sb = Sandbox::new();
    let binary = std::env::var("EKSCTL_SHIM_DIST_BINARY").unwrap_or_else(|_| SHIM.to_string());
    let out_dir = sb.path("dist");
    let dist = run_within(
        Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/dist.sh"))
            .args(["--binary", &binary, "--out", out_dir.to_str().unwrap()])
            .stdin(std::process::Stdio::null()),
        std::time::Duration::from_secs(300),
    );
    assert!(dist.status.success(), "{}", stderr(&dist));
    let archive = PathBuf::from(stdout(&dist).trim());
    let name = archive.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with(concat!("eksctl-shim-", env!("CARGO_PKG_VERSION"), "-"))
            && name.ends_with(".tar.gz")
    );
    let sums = std::fs::read_to_string(archive.with_extension("gz.sha256")).unwrap();
    assert!(sums.ends_with(&format!("  {name}\n")), "{sums}");
    let listing = run(Command::new("tar").arg("-tzf").arg(&archive));
    let top = name.trim_end_matches(".tar.gz");
    for f in [
        "bin/eksctl-shim",
        "bin/eksctl-shim-proxy",
        "README.md",
        "LICENSE",
        "install.sh",
        "SHA256SUMS",
        "share/man/man1/eksctl-shim.1",
    ] {
        assert!(
            stdout(&listing).contains(&format!("{top}/{f}\n")),
            "{f} missing:\n{}",
            stdout(&listing)
        );
    }

    // Installed with the install.sh shipped beside it, into a prefix, without cargo.
    let install = out_dir.join("install.sh");
    let prefix = sb.path("prefix");
    let out = run(sb.command("bash").arg(&install).args([
        "--archive",
        archive.to_str().unwrap(),
        "--prefix",
        prefix.to_str().unwrap(),
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("checked the SHA-256"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files_under(&prefix), INSTALLED);
    check_completions(&prefix);
    assert_eq!(
        std::fs::read(prefix.join("bin/eksctl-shim")).unwrap(),
        std::fs::read(&binary).unwrap()
    );
    let proxy = Path::new(&binary).with_file_name("eksctl-shim-proxy");
    assert_eq!(
        std::fs::read(prefix.join("bin/eksctl-shim-proxy")).unwrap(),
        std::fs::read(proxy).unwrap()
    );
    let gone = run(sb.command("bash").arg(&install).args([
        "--uninstall",
        "--prefix",
        prefix.to_str().unwrap(),
    ]));
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(!prefix.exists(), "{:?}", files_under(&prefix));

    // A damaged archive, or one without its checksum, installs nothing.
    let damaged = sb.path("damaged.tar.gz");
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&damaged, bytes).unwrap();
    std::fs::copy(
        archive.with_extension("gz.sha256"),
        sb.path("damaged.tar.gz.sha256"),
    )
    .unwrap();
    let refused = run(sb.command("bash").arg(&install).args([
        "--archive",
        damaged.to_str().unwrap(),
        "--prefix",
        prefix.to_str().unwrap(),
    ]));
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("SHA-256 is"),
        "{}",
        stderr(&refused)
    );
    assert!(!prefix.exists());
    let bare = sb.path("bare.tar.gz");
    std::fs::copy(&archive, &bare).unwrap();
    let unchecked = run(sb.command("bash").arg(&install).args([
        "--archive",
        bare.to_str().unwrap(),
        "--prefix",
        prefix.to_str().unwrap(),
    ]));
    assert_eq!(unchecked.status.code(), Some(1));
    assert!(
        stderr(&unchecked).contains("--sha256"),
        "{}",
        stderr(&unchecked)
    );
    // ... unless the digest is given.
    let digest = sums.split_whitespace().next().unwrap();
    let given = run(sb.command("bash").arg(&install).args([
        "--archive",
        bare.to_str().unwrap(),
        "--sha256",
        digest,
        "--prefix",
        prefix.to_str().unwrap(),
    ]));
    assert!(given.status.success(), "{}", stderr(&given));
}

/// A binary without the proxy beside it (an older build, a lone copy) is still installed:
/// `eksctl` then links to eksctl-shim itself, and a later install with the proxy moves
/// the link over to it.
#[test]
fn a_binary_without_its_proxy_is_linked_as_eksctl_itself() {
    let sb = Sandbox::new();
    let lone = sb.path("lone/eksctl-shim");
    std::fs::create_dir_all(lone.parent().unwrap()).unwrap();
    std::fs::copy(SHIM, &lone).unwrap();
    let out = install_sh(&sb, &["--binary", lone.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no eksctl-shim-proxy beside"),
        "{}",
        stderr(&out)
    );
    let link = sb.path("home/.local/share/eksctl-shim/bin/eksctl");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        sb.path("home/.local/bin/eksctl-shim")
    );
    assert!(!sb.path("home/.local/bin/eksctl-shim-proxy").exists());

    let with_proxy = install_sh(&sb, &["--binary", SHIM]);
    assert!(with_proxy.status.success(), "{}", stderr(&with_proxy));
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        sb.path("home/.local/bin/eksctl-shim-proxy")
    );
    let gone = install_sh(&sb, &["--uninstall"]);
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(!sb.path("home/.local/bin/eksctl-shim-proxy").exists());
    assert!(!sb.path("home/.local/bin/eksctl-shim").exists());
}
