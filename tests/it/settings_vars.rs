//! Settings fail closed (issue 25): an `EKSCTL_SHIM_*` variable the shim does not know is
//! said once, with the variable probably meant, and so is a check code that does not
//! exist; the variables the shim, the tests and the scripts set themselves are never
//! warned about, because every one of them is in one table (`settings::vars::ALL`).

use eksctl_shim::settings::vars;

use crate::common::*;

const STRAY: &str = "is not a variable the shim reads";

#[test]
fn the_eksctl_face_names_a_misspelt_variable_once_and_runs_on() {
    let sb = Sandbox::new();
    let ran = sb
        .eksctl_run(["create", "nodegroup", "--cluster", "prod"])
        .env("EKSCTL_SHIM_MDOE", "strict")
        .aws_at(&closed_endpoint())
        .go();
    ran.says("EKSCTL_SHIM_MDOE is not a variable the shim reads, so it changes nothing; did you mean EKSCTL_SHIM_MODE?");
    assert_eq!(ran.stderr().matches(STRAY).count(), 1, "{}", ran.stderr());
    // The misspelt strict is not strict: fix mode runs eksctl on a cluster it cannot
    // check (strict would refuse with 3), and eksctl fails to reach AWS too (1).
    ran.exits(1);
    assert!(sb.last_call().is_some(), "eksctl must run");
}

#[test]
fn the_shims_own_commands_name_a_misspelt_variable() {
    let sb = Sandbox::new();
    sb.shim_run(["check", "--cluster", "prod"])
        .env("EKSCTL_SHIM_SKPI", "subnet-drift")
        .aws_at(&closed_endpoint())
        .go()
        .exits(4)
        .says("EKSCTL_SHIM_SKPI is not a variable the shim reads, so it changes nothing; did you mean EKSCTL_SHIM_SKIP?");
    sb.shim_run(["doctor"])
        .env("EKSCTL_SHIM_TIMOUT", "3")
        .aws_at(&closed_endpoint())
        .go()
        .exits(1)
        .prints("eksctl-shim: FAIL    setting: EKSCTL_SHIM_TIMOUT is not a variable the shim reads, so it changes nothing; did you mean EKSCTL_SHIM_TIMEOUT?");
}

#[test]
fn every_variable_the_shim_tests_and_scripts_set_passes_without_a_word() {
    let sb = Sandbox::new();
    // Every known name but those that change what the run does (bypass, a real eksctl
    // elsewhere, a chain that passes through, an injected panic, a face).
    let inert: Vec<(&str, &str)> = vars::ALL
        .iter()
        .map(|v| v.name)
        .filter(|n| {
            ![
                "EKSCTL_SHIM_BYPASS",
                "EKSCTL_SHIM_REAL",
                "EKSCTL_SHIM_CHAIN",
                "EKSCTL_SHIM_INJECT_PANIC",
                "EKSCTL_SHIM_FACE",
                "EKSCTL_SHIM_MODE",
                "EKSCTL_SHIM_SKIP",
                "EKSCTL_SHIM_TIMEOUT",
                "EKSCTL_SHIM_REPAIR",
                "EKSCTL_SHIM_KEEP_CONFIG",
                "EKSCTL_SHIM_RECAP_AFTER",
                "EKSCTL_SHIM_LOG",
            ]
            .contains(n)
        })
        .map(|n| (n, "1"))
        .collect();
    assert!(inert.iter().any(|(n, _)| *n == "EKSCTL_SHIM_JUDGING"));
    sb.eksctl_run(["create", "nodegroup", "--cluster", "prod"])
        .envs(&inert)
        .aws_at(&closed_endpoint())
        .go()
        // eksctl's own exit: it cannot reach AWS either.
        .exits(1)
        .never_says(STRAY);
}

#[test]
fn a_misspelt_skip_code_names_the_code_meant() {
    let sb = Sandbox::new();
    sb.eksctl_run(["create", "nodegroup", "--cluster", "prod"])
        .env("EKSCTL_SHIM_SKIP", "subnet-drfit")
        .aws_at(&closed_endpoint())
        .go()
        .exits(1)
        .says("EKSCTL_SHIM_SKIP: unknown check code \"subnet-drfit\"; did you mean subnet-drift?");
    sb.shim_run(["check", "--cluster", "prod", "--skip", "auth-flag-on-ap"])
        .aws_at(&closed_endpoint())
        .go()
        .exits(2)
        .says("did you mean auth-flag-on-api?");
}

/// The deliberate misspellings of these tests and the library's own.
const MISSPELT: &[&str] = &[
    "EKSCTL_SHIM_MDOE",
    "EKSCTL_SHIM_SKPI",
    "EKSCTL_SHIM_TIMOUT",
    "EKSCTL_SHIMMER",
    "EKSCTL_SHIM_XYZZY_FROBNICATE",
];

#[test]
fn every_eksctl_shim_variable_named_in_the_repository_is_in_the_table() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = regex::Regex::new(r"EKSCTL_SHIM_[A-Z0-9_]*[A-Z0-9]").unwrap();
    let mut missing = std::collections::BTreeSet::new();
    let mut files = vec![];
    for top in [
        "src",
        "tests",
        "scripts",
        "benches",
        "ci",
        ".ci",
        "fuzz",
        "build.rs",
        "install.sh",
        "action.yml",
        "docs",
        "README.md",
        "docs",
        "ARCHITECTURE.md",
        "CONTRIBUTING.md",
    ] {
        walk(&root.join(top), &mut files);
    }
    assert!(
        files.len() > 100,
        "the walk found too few files: {}",
        files.len()
    );
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for m in name.find_iter(&text) {
            let n = m.as_str();
            if !vars::is_known(n) && !MISSPELT.contains(&n) {
                missing.insert(format!("{n} ({})", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to src/settings/vars.rs (ALL), or the shim warns about them: {missing:#?}"
    );
}

fn walk(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for e in entries.flatten() {
                // Build output and the fuzzer's inputs, if any, are not the repository's.
                if !["target", "corpus", "artifacts"].contains(&&*e.file_name().to_string_lossy()) {
                    walk(&e.path(), out);
                }
            }
        }
        Err(_) if path.is_file() => out.push(path.to_path_buf()),
        Err(_) => {}
    }
}
