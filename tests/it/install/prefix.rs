//! install.sh takes its prefix only from `--prefix` or `EKSCTL_SHIM_PREFIX` (issue 25): a
//! PREFIX exported by Termux, conda or a build container names their tree, not where the
//! shim was asked to go, so it is ignored (and said to be).

use super::*;

#[test]
fn an_inherited_prefix_is_ignored_and_said_to_be() {
    let sb = Sandbox::new();
    let elsewhere = sb.path("conda-env");
    let out = run(sb
        .command("bash")
        .arg(INSTALL_SH)
        .args(["--binary", SHIM])
        .env("PATH", "/usr/bin:/bin")
        .env("PREFIX", &elsewhere));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(sb.path("home/.local/bin/eksctl-shim").exists());
    assert!(!elsewhere.exists(), "installed under the inherited PREFIX");
    assert!(
        stderr(&out).contains(&format!(
            "note: PREFIX={} is ignored; using {}",
            elsewhere.display(),
            sb.path("home/.local").display()
        )),
        "{}",
        stderr(&out)
    );
    // Uninstall reads the same prefix: the inherited one is not where it looks.
    let gone = run(sb
        .command("bash")
        .arg(INSTALL_SH)
        .arg("--uninstall")
        .env("PATH", "/usr/bin:/bin")
        .env("PREFIX", &elsewhere));
    assert!(gone.status.success(), "{}", stderr(&gone));
    assert!(!sb.path("home/.local/bin/eksctl-shim").exists());
}

#[test]
fn the_prefix_comes_from_eksctl_shim_prefix_and_the_flag_wins() {
    let sb = Sandbox::new();
    let chosen = sb.path("opt");
    let flagged = sb.path("flagged");
    let install = |args: &[&str]| {
        run(sb
            .command("bash")
            .arg(INSTALL_SH)
            .args(args)
            .env("PATH", "/usr/bin:/bin")
            .env("EKSCTL_SHIM_PREFIX", &chosen))
    };
    let out = install(&["--binary", SHIM]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(chosen.join("bin/eksctl-shim").exists());
    assert!(!sb.path("home/.local/bin/eksctl-shim").exists());
    assert!(!stderr(&out).contains("is ignored"), "{}", stderr(&out));

    let out = install(&["--binary", SHIM, "--prefix", flagged.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(flagged.join("bin/eksctl-shim").exists());

    let help = install(&["--help"]);
    assert!(
        stdout(&help).contains("a PREFIX\n                  in the environment is ignored"),
        "{}",
        stdout(&help)
    );
}
