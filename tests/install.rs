//! install.sh in a temporary HOME: install, use, reinstall, uninstall, and a real
//! eksctl that is never touched.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const INSTALL_SH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/install.sh");

fn install_sh(sb: &Sandbox, args: &[&str]) -> std::process::Output {
    let path = std::env::join_paths([sb.path("home/.local/bin"), "/usr/bin".into(), "/bin".into()])
        .unwrap();
    run(sb
        .command("bash")
        .arg(INSTALL_SH)
        .args(args)
        .env("PATH", path))
}

fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    let meta = std::fs::metadata(path).unwrap();
    (std::fs::read(path).unwrap(), meta.modified().unwrap())
}

#[test]
fn install_use_reinstall_uninstall() {
    let sb = Sandbox::new();
    let real = sb.path("home/.local/bin/eksctl");
    sb.write_standin(&real);
    let before = snapshot(&real);

    let out = install_sh(&sb, &["--binary", SHIM]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shim = sb.path("home/.local/bin/eksctl-shim");
    let link_dir = sb.path("home/.local/share/eksctl-shim/bin");
    let link = link_dir.join("eksctl");
    assert_eq!(std::fs::read_link(&link).unwrap(), shim);
    assert!(stdout(&out).contains(&format!("export PATH=\"{}:$PATH\"", link_dir.display())));
    assert!(stdout(&out).contains("fish_add_path"));
    assert!(stderr(&out).contains(&format!("will run the real eksctl at {}", real.display())));

    // `eksctl version` through the symlink, PATH set as the printed line says.
    let path = std::env::join_paths([
        &link_dir,
        &sb.path("home/.local/bin"),
        Path::new("/usr/bin"),
    ])
    .unwrap();
    let version = run(Command::new("eksctl")
        .arg("version")
        .env_clear()
        .env("PATH", &path)
        .env("HOME", sb.path("home")));
    assert!(version.status.success(), "{}", stderr(&version));
    assert_eq!(stdout(&version), "0.230.0\n");

    let again = install_sh(&sb, &["--binary", SHIM]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(std::fs::read_link(&link).unwrap(), shim);

    let gone = install_sh(&sb, &["--uninstall"]);
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(!shim.exists());
    assert!(std::fs::symlink_metadata(&link).is_err());
    assert!(!sb.path("home/.local/share/eksctl-shim").exists());
    assert_eq!(snapshot(&real), before, "the real eksctl was touched");

    let twice = install_sh(&sb, &["--uninstall"]);
    assert!(twice.status.success());
}

#[test]
fn alias_mode_prints_an_alias_to_the_link() {
    let sb = Sandbox::new();
    let out = install_sh(&sb, &["--binary", SHIM, "--alias"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = sb.path("home/.local/share/eksctl-shim/bin/eksctl");
    assert!(stdout(&out).contains(&format!("alias eksctl='{}'", link.display())));
    assert!(stderr(&out).contains("no real eksctl on PATH yet"));
}

#[test]
fn a_foreign_file_in_the_way_is_left_alone() {
    let sb = Sandbox::new();
    let link = sb.path("home/.local/share/eksctl-shim/bin/eksctl");
    sb.write_standin(&link);
    let before = snapshot(&link);
    let out = install_sh(&sb, &["--binary", SHIM]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("left untouched"), "{}", stderr(&out));
    assert_eq!(snapshot(&link), before);
    assert!(!sb.path("home/.local/bin/eksctl-shim").exists());
}

#[test]
fn prefix_and_help() {
    let sb = Sandbox::new();
    let help = install_sh(&sb, &["--help"]);
    assert!(help.status.success());
    assert!(stdout(&help).contains("--uninstall"));
    let prefix = sb.path("opt");
    let out = install_sh(
        &sb,
        &["--binary", SHIM, "--prefix", prefix.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(prefix.join("bin/eksctl-shim").exists());
    let bad = install_sh(&sb, &["--frobnicate"]);
    assert_eq!(bad.status.code(), Some(1));
}
