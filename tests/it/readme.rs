//! The reference's tables of check codes and failure kinds (docs/reference.md) are
//! written from the code. This test fails when they are stale; `EKSCTL_SHIM_UPDATE_README=1 cargo test --test it readme`
//! rewrites them.

use crate::common::replace_section;
use eksctl_shim::{advice, checks};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");

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
