//! The plan said to a person, on stderr: each change and its reason, then the commands
//! that do the same by hand.

use std::fmt::Write;

use super::{Arg, Plan};
use crate::output::sink::text;

/// `config_name` is how to call a rewritten config in the command shown (for example
/// `cluster.yaml`); the slot is shown as `<cluster.yaml, changed as above>`. `facts`
/// gives the region and profile the run used, which each command shown names (the
/// region through its config when it reads one: eksctl refuses `--region` beside `-f`).
pub fn explain(plan: &Plan, config_name: &str, facts: Option<&crate::facts::Facts>) -> String {
    let mut out = String::new();
    if plan.is_unchanged() {
        return out;
    }
    let _ = writeln!(out, "eksctl-shim: changed this command before running it:");
    for (i, change) in plan.changes.iter().enumerate() {
        let _ = writeln!(out, "  {}. {}", i + 1, text(&change.what));
        let _ = writeln!(out, "     why: {}", text(&change.why));
    }
    let _ = writeln!(out, "eksctl-shim: the same by hand:");
    for step in &plan.steps {
        if plan.steps.len() > 1 {
            let _ = writeln!(out, "  # {}", text(&step.label));
        }
        let _ = writeln!(
            out,
            "  {}",
            command_line(&with_place(&step.args, facts), config_name)
        );
    }
    out
}

/// The commands that do what `plan` does, by hand, for the terminal (each step's label
/// as a shell comment): each to paste, wrapped between its arguments (`output::wrap`).
/// Said after the findings, whose `fixed` lines say the change.
pub fn by_hand(plan: &Plan, config_name: &str, facts: Option<&crate::facts::Facts>) -> String {
    let mut out = String::new();
    for step in &plan.steps {
        if plan.steps.len() > 1 {
            // A comment wrapped stays a comment.
            let label = crate::output::wrap::paragraph("  # ", &text(&step.label), 6);
            let _ = writeln!(out, "{}", label.replace("\n      ", "\n  #   "));
        }
        // The changed lines of the config follow when the plan keeps a rewritten copy
        // (`config_changes`).
        let slot = if plan.rewritten.is_some() {
            format!("<{}, changed as below>", text(config_name))
        } else {
            format!("<{}, changed>", text(config_name))
        };
        let words = slotted(&with_place(&step.args, facts), &slot);
        let _ = writeln!(out, "{}", crate::output::wrap::command("  ", &words));
    }
    out
}

/// `args` with `--region` and `--profile` where the run took them from elsewhere (the
/// environment, the AWS config), after the command's words (before its first flag, or a
/// `--` terminator): a pasted command acts on the same cluster, and the place is read
/// first. Rewrites exist for `create nodegroup` and `create cluster`, which take both
/// flags.
pub fn with_place(args: &[Arg], facts: Option<&crate::facts::Facts>) -> Vec<Arg> {
    let Some(facts) = facts else {
        return args.to_vec();
    };
    let words: Vec<std::ffi::OsString> = args
        .iter()
        .map(|a| match a {
            Arg::Word(w) => w.clone(),
            Arg::ConfigPath => "-".into(),
        })
        .collect();
    let split = crate::invocation::argv::split(&words);
    let given = |name: &str| split.flags.iter().any(|f| f.name == name);
    let mut place = vec![];
    if let (Some(region), false) = (&facts.region, given("config-file") || given("region")) {
        place.push(format!("--region={region}"));
    }
    if let (Some(profile), false) = (&facts.profile, given("profile")) {
        place.push(format!("--profile={profile}"));
    }
    let at = args
        .iter()
        .position(|a| match a {
            Arg::Word(w) => w.as_encoded_bytes().starts_with(b"-"),
            Arg::ConfigPath => true,
        })
        .unwrap_or(args.len());
    let mut out = args.to_vec();
    out.splice(at..at, place.into_iter().map(|w| Arg::Word(w.into())));
    out
}

/// The rewritten config's changed lines (short hunks), and the command that shows the
/// whole plan: said after `explain` on a normal run.
pub fn config_changes(
    plan: &Plan,
    original: &[u8],
    config_name: &str,
    args: &[std::ffi::OsString],
) -> String {
    let Some(rewritten) = &plan.rewritten else {
        return String::new();
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "eksctl-shim: the config as eksctl gets it (changed lines):"
    );
    for line in config_diff(original, rewritten, config_name, 1)
        .lines()
        .skip(2)
    {
        let _ = writeln!(out, "  {}", text(line));
    }
    let mut plan_cmd = String::from("eksctl-shim plan --");
    for a in args {
        plan_cmd.push(' ');
        plan_cmd.push_str(&quote(&a.to_string_lossy()));
    }
    let _ = writeln!(
        out,
        "eksctl-shim: the whole plan: `{plan_cmd}`; keep the fixed config with EKSCTL_SHIM_KEEP_CONFIG=<path>"
    );
    out
}

/// A unified diff of a rewritten config against the user's bytes, `context` lines
/// around each change; empty when they are the same.
pub fn config_diff(original: &[u8], rewritten: &[u8], name: &str, context: usize) -> String {
    let (a, b) = (
        String::from_utf8_lossy(original),
        String::from_utf8_lossy(rewritten),
    );
    if a == b {
        return String::new();
    }
    similar::TextDiff::from_lines(a.as_ref(), b.as_ref())
        .unified_diff()
        .context_radius(context)
        .header(name, &format!("{name} (as eksctl-shim runs it)"))
        .to_string()
}

/// `eksctl ARGS`, quoted for a POSIX shell.
pub fn command_line(args: &[Arg], config_name: &str) -> String {
    command_words(args, config_name).join(" ")
}

/// The words of `eksctl ARGS`, each quoted for a POSIX shell (the rewritten config's
/// slot is one word).
pub fn command_words(args: &[Arg], config_name: &str) -> Vec<String> {
    slotted(args, &format!("<{}, changed as above>", text(config_name)))
}

/// The words of `eksctl ARGS`, the rewritten config's slot shown as `slot`.
fn slotted(args: &[Arg], slot: &str) -> Vec<String> {
    let mut words = vec![String::from("eksctl")];
    for arg in args {
        words.push(match arg {
            Arg::Word(w) => quote(&w.to_string_lossy()),
            Arg::ConfigPath => slot.to_string(),
        });
    }
    words
}

/// POSIX shell quoting (`output::sink::shell`): safe to paste, on one line, plain words
/// left as they are.
pub fn quote(word: &str) -> String {
    crate::output::sink::shell(word)
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_is_safe_to_paste() {
        assert_eq!(quote("subnet-1"), "subnet-1");
        assert_eq!(
            quote("--subnet-ids=subnet-1,subnet-2"),
            "--subnet-ids=subnet-1,subnet-2"
        );
        assert_eq!(quote("my prod"), "'my prod'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("$(x)"), "'$(x)'");
        // That a shell reads back the word itself, whatever it holds: the property test
        // of `output::sink::shell`.
    }
}
