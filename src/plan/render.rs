//! The plan said to a person, on stderr: each change and its reason, then the commands
//! that do the same by hand.

use std::ffi::OsString;
use std::fmt::Write;

use super::{CONFIG_PATH_SLOT, Plan};

/// `config_name` is how to call a rewritten config in the command shown (for example
/// `cluster.yaml`); the slot is shown as `<cluster.yaml, changed as above>`.
pub fn explain(plan: &Plan, config_name: &str) -> String {
    let mut out = String::new();
    if plan.is_unchanged() {
        return out;
    }
    let _ = writeln!(out, "eksctl-shim: changed this command before running it:");
    for (i, change) in plan.changes.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, change.what);
        let _ = writeln!(out, "     why: {}", change.why);
    }
    let _ = writeln!(out, "eksctl-shim: the same by hand:");
    for step in &plan.steps {
        if plan.steps.len() > 1 {
            let _ = writeln!(out, "  # {}", step.label);
        }
        let _ = writeln!(out, "  {}", command_line(&step.args, config_name));
    }
    out
}

/// `eksctl ARGS`, quoted for a POSIX shell.
pub fn command_line(args: &[OsString], config_name: &str) -> String {
    let shown_slot = format!("<{config_name}, changed as above>");
    let mut line = String::from("eksctl");
    for arg in args {
        let text = arg.to_string_lossy();
        line.push(' ');
        if text == CONFIG_PATH_SLOT {
            line.push_str(&shown_slot);
        } else {
            line.push_str(&quote(&text));
        }
    }
    line
}

/// POSIX shell quoting: words of plain characters as they are, anything else in single
/// quotes (a `'` inside written as `'\''`).
pub fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=,:./@+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting() {
        assert_eq!(
            quote("--subnet-ids=subnet-1,subnet-2"),
            "--subnet-ids=subnet-1,subnet-2"
        );
        assert_eq!(quote("my prod"), "'my prod'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("$(x)"), "'$(x)'");
    }
}
