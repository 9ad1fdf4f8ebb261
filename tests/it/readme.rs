//! The reference's tables of check codes and failure kinds (docs/reference.md) and the
//! table of checked commands (docs/usage.md) are written from the code. This test fails when they are stale; `EKSCTL_SHIM_UPDATE_README=1 cargo test --test it readme`
//! rewrites them.

use crate::common::replace_section;
use eksctl_shim::command_spec::{self, PlanMode};
use eksctl_shim::{advice, checks};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
const USAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/usage.md");

/// One row per intercepted command, from `command_spec` and the router's words.
fn commands_table() -> String {
    let mut s = String::from(
        "| command | checked before eksctl runs | what the shim may change | codes |\n|---|---|---|---|\n",
    );
    for spec in command_spec::all() {
        let row = spec.words();
        let words = row
            .nouns
            .iter()
            .map(|noun| format!("`{} {noun}`", row.verb))
            .collect::<Vec<_>>()
            .join(", ");
        let plan = match spec.plan_mode {
            PlanMode::None => "",
            PlanMode::Approve => " (a plan without `--approve`)",
            PlanMode::ApproveOrDryRun => " (a plan without `--approve`, or with `--dry-run`)",
        };
        let rewrites = match spec.rewrites {
            [] => "nothing (each finding gives the command to run)".to_string(),
            r => r.join("; "),
        };
        let codes = spec
            .codes()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        s.push_str(&format!(
            "| {words}{plan} | {} | {rewrites} | {codes} |\n",
            spec.summary
        ));
    }
    s
}

fn checks_table() -> String {
    let mut s = String::from("| code | what it finds |\n|---|---|\n");
    for code in checks::Code::ALL {
        s.push_str(&format!("| `{code}` | {} |\n", code.summary()));
    }
    s
}

fn catalog_table() -> String {
    let kinds: Vec<_> = advice::kinds().collect();
    let families = kinds
        .iter()
        .filter(|k| k.role == advice::catalog::Role::Family)
        .count();
    let mut s = format!(
        "{} kinds of failure (and notes) in {families} families; each family also has advice of \
         its own, under the family's name, for the failures no kind names.\n\n\
         | code | family | what happened |\n|---|---|---|\n",
        kinds.len() - families
    );
    for k in kinds {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            k.code,
            k.family.code(),
            k.general_summary().replace('|', "\\|")
        ));
    }
    s
}

#[test]
fn the_usage_table_of_commands_matches_the_code() {
    let text = std::fs::read_to_string(USAGE).unwrap();
    let want = replace_section(&text, "commands", &commands_table());
    if std::env::var_os("EKSCTL_SHIM_UPDATE_README").is_some() {
        std::fs::write(USAGE, &want).unwrap();
        return;
    }
    assert!(
        text == want,
        "docs/usage.md's table of commands is stale: run EKSCTL_SHIM_UPDATE_README=1 cargo test --test it readme"
    );
}

#[test]
fn readme_tables_match_the_code() {
    let text = std::fs::read_to_string(REFERENCE).unwrap();
    let want = replace_section(
        &replace_section(&text, "check-codes", &checks_table()),
        "advice-catalog",
        &catalog_table(),
    );
    if std::env::var_os("EKSCTL_SHIM_UPDATE_README").is_some() {
        std::fs::write(REFERENCE, &want).unwrap();
        return;
    }
    assert!(
        text == want,
        "docs/reference.md tables are stale: run EKSCTL_SHIM_UPDATE_README=1 cargo test --test it readme"
    );
}
