//! Bash completes the options of the shim's commands (issue 25): the script the built
//! binary writes is sourced in a bare bash, and the function it registers for
//! `eksctl-shim` is called as bash's programmable completion calls it, with COMP_WORDS,
//! COMP_CWORD, COMP_LINE and COMP_POINT set. clap_complete's own script completed nothing
//! past a subcommand for a hyphenated name (src/commands/completions.rs).

use std::process::Command;

use crate::common::*;

/// What bash's completion offers for `line` (completed at its end), one word a line.
fn complete(line: &str) -> Vec<String> {
    let sb = Sandbox::new();
    let script = sb.path("eksctl-shim.bash");
    let out = run(sb.command(SHIM).args(["completions", "bash"]));
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(&script, &out.stdout).unwrap();
    // The words as bash splits them for completion; a line ending in a space completes
    // an empty word.
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if line.ends_with(' ') {
        words.push("");
    }
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let driver = format!(
        r#"source "$1" || exit 10
spec=$(complete -p eksctl-shim) || exit 11
fn=$(sed -E 's/.*-F ([^ ]+).*/\1/' <<<"$spec")
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE={line:?}
COMP_POINT=${{#COMP_LINE}}
"$fn" eksctl-shim "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        words = quoted.join(" "),
    );
    let mut bash = Command::new("bash");
    bash.args(["--norc", "--noprofile", "-c", &driver, "bash"])
        .arg(&script)
        .env_clear()
        .env("PATH", "/usr/bin:/bin");
    let out = run(bash);
    assert!(
        out.status.success(),
        "bash: {:?}\n{}",
        out.status,
        stderr(&out)
    );
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn a_subcommands_options_complete() {
    let offered = complete("eksctl-shim check --ou");
    assert_eq!(offered, ["--output", "--output-file"]);
    let offered = complete("eksctl-shim sync-outputs --app");
    assert_eq!(offered, ["--approve"]);
    // The commands themselves still complete at the top.
    assert!(complete("eksctl-shim ch").contains(&"check".to_string()));
}

#[test]
fn skip_completes_check_codes() {
    let offered = complete("eksctl-shim check --skip subnet-");
    assert_eq!(offered, ["subnet-drift"]);
    let all = complete("eksctl-shim check --skip ");
    assert!(all.contains(&"auth-flag-on-api".to_string()), "{all:?}");
    assert_eq!(all.len(), eksctl_shim::checks::Code::ALL.len(), "{all:?}");
}
