//! install.sh in a temporary HOME: install, use, reinstall, uninstall, and a real
//! eksctl that is never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

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
    sb.write_model(&real);
    let before = snapshot(&real);

    let out = install_sh(&sb, &["--binary", SHIM]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shim = sb.path("home/.local/bin/eksctl-shim");
    // `eksctl` is the small proxy, installed beside the program it hands checks to.
    let proxy = sb.path("home/.local/bin/eksctl-shim-proxy");
    let link_dir = sb.path("home/.local/share/eksctl-shim/bin");
    let link = link_dir.join("eksctl");
    assert_eq!(std::fs::read_link(&link).unwrap(), proxy);
    assert_eq!(
        std::fs::read(&proxy).unwrap(),
        std::fs::read(PROXY).unwrap()
    );
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
    assert_eq!(std::fs::read_link(&link).unwrap(), proxy);

    let gone = install_sh(&sb, &["--uninstall"]);
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(!shim.exists());
    assert!(!proxy.exists());
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
    sb.write_model(&link);
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

// ---- completions, man pages, version, and the release archive ----

/// Every file under `dir`, relative, sorted (symlinks included, directories not).
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() && !p.is_symlink() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

const INSTALLED: &[&str] = &[
    "bin/eksctl-shim",
    "bin/eksctl-shim-proxy",
    "share/bash-completion/completions/eksctl-shim",
    "share/eksctl-shim/bin/eksctl",
    "share/eksctl-shim/installed",
    "share/fish/vendor_completions.d/eksctl-shim.fish",
    "share/man/man1/eksctl-shim-check.1",
    "share/man/man1/eksctl-shim-doctor.1",
    "share/man/man1/eksctl-shim-explain.1",
    "share/man/man1/eksctl-shim-plan.1",
    "share/man/man1/eksctl-shim-sync-outputs.1",
    "share/man/man1/eksctl-shim-which.1",
    "share/man/man1/eksctl-shim.1",
    "share/zsh/site-functions/_eksctl-shim",
];

/// The completions load in their shells where those are installed, and name the commands.
fn check_completions(prefix: &Path) {
    let bash = prefix.join("share/bash-completion/completions/eksctl-shim");
    let text = std::fs::read_to_string(&bash).unwrap();
    assert!(
        text.contains("sync-outputs") && text.contains("--cluster"),
        "{text}"
    );
    let syntax = run(Command::new("bash").arg("-n").arg(&bash));
    assert!(syntax.status.success(), "{}", stderr(&syntax));
    let loaded = run(Command::new("bash").arg("-c").arg(format!(
        "source '{}' && complete -p eksctl-shim",
        bash.display()
    )));
    assert!(
        stdout(&loaded).contains("eksctl-shim"),
        "{}",
        stderr(&loaded)
    );
    let zsh =
        std::fs::read_to_string(prefix.join("share/zsh/site-functions/_eksctl-shim")).unwrap();
    assert!(zsh.starts_with("#compdef eksctl-shim"), "{zsh}");
    let fish =
        std::fs::read_to_string(prefix.join("share/fish/vendor_completions.d/eksctl-shim.fish"))
            .unwrap();
    assert!(fish.contains("complete -c eksctl-shim"), "{fish}");
    let man = std::fs::read_to_string(prefix.join("share/man/man1/eksctl-shim.1")).unwrap();
    assert!(man.contains(".TH eksctl-shim 1"), "{man}");
    assert!(man.contains("sync\\-outputs"), "{man}");
}

#[test]
fn install_writes_completions_and_man_pages_and_uninstall_removes_every_file_and_dir_it_made() {
    let sb = Sandbox::new();
    // A directory the user had before, with a page of their own: it stays.
    let theirs = sb.path("home/.local/share/man/man1/theirs.1");
    std::fs::create_dir_all(theirs.parent().unwrap()).unwrap();
    std::fs::write(&theirs, ".TH theirs 1\n").unwrap();

    let out = install_sh(&sb, &["--binary", SHIM]);
    assert!(out.status.success(), "{}", stderr(&out));
    let prefix = sb.path("home/.local");
    let mut want: Vec<String> = INSTALLED.iter().map(|s| s.to_string()).collect();
    want.push("share/man/man1/theirs.1".into());
    want.sort();
    assert_eq!(files_under(&prefix), want);
    check_completions(&prefix);
    assert!(stderr(&out).contains("completions for bash, zsh and fish, and 7 man pages"));

    let gone = install_sh(&sb, &["--uninstall"]);
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert_eq!(
        files_under(&prefix),
        vec!["share/man/man1/theirs.1".to_string()]
    );
    for made in [
        "bin",
        "share/bash-completion",
        "share/zsh",
        "share/fish",
        "share/eksctl-shim",
    ] {
        assert!(!prefix.join(made).exists(), "{made} was left behind");
    }
}

#[test]
fn a_reinstall_still_knows_the_directories_the_first_install_made() {
    let sb = Sandbox::new();
    for _ in 0..2 {
        let out = install_sh(&sb, &["--binary", SHIM]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let gone = install_sh(&sb, &["--uninstall"]);
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(
        !sb.path("home/.local").exists(),
        "{:?}",
        files_under(&sb.path("home"))
    );
}

#[test]
fn says_when_the_prefix_bin_is_not_on_path_and_adds_it_to_the_line() {
    let sb = Sandbox::new();
    let prefix = sb.path("opt");
    let out = install_sh(
        &sb,
        &["--binary", SHIM, "--prefix", prefix.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{} is not on PATH", prefix.join("bin").display())),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains(&format!(
        "export PATH=\"{}:{}:$PATH\"",
        prefix.join("share/eksctl-shim/bin").display(),
        prefix.join("bin").display()
    )));
    // On PATH (the default prefix in these tests): no note, the usual line.
    let home = install_sh(&sb, &["--binary", SHIM]);
    assert!(
        !stderr(&home).contains("is not on PATH"),
        "{}",
        stderr(&home)
    );
}

#[test]
fn version_names_the_commit_and_build_date() {
    let out = run(Command::new(SHIM).arg("--version"));
    assert!(out.status.success());
    let line = stdout(&out);
    let rest = line
        .strip_prefix(concat!(
            "eksctl-shim ",
            env!("CARGO_PKG_VERSION"),
            " (commit "
        ))
        .unwrap_or_else(|| panic!("{line}"));
    let (commit, date) = rest
        .trim_end()
        .trim_end_matches(')')
        .split_once(", built ")
        .unwrap();
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{line}"
    );
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-',
        "{line}"
    );
    assert_eq!(stdout(&run(Command::new(SHIM).arg("-V"))), line);
}

#[test]
fn version_verbose_names_the_real_eksctl_and_its_version() {
    let sb = Sandbox::new();
    let out = run(sb.command(SHIM).args(["--version", "--verbose"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("eksctl-shim "), "{text}");
    assert!(
        text.contains(&format!(
            "real eksctl: {} (the first eksctl on PATH",
            sb.path("real/eksctl").display()
        )),
        "{text}"
    );
    assert!(text.contains("eksctl version: 0.230.0\n"), "{text}");

    let none = run(sb
        .command(SHIM)
        .args(["--version", "--verbose"])
        .env("PATH", "/usr/bin:/bin"));
    assert!(none.status.success());
    assert!(
        stdout(&none).contains("real eksctl: none (no real eksctl found"),
        "{}",
        stdout(&none)
    );
    // --verbose alone is a usage error.
    assert_eq!(
        run(Command::new(SHIM).arg("--verbose")).status.code(),
        Some(2)
    );
}

mod archive_and_lone_binary;
mod prefix;
