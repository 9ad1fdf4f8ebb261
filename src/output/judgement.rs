//! What eksctl's own `--dry-run` said of a rewrite (`crate::judge`), said to a person:
//! one line, and the by-hand command of a rewrite that was not made. eksctl's words are
//! outside text: shown through `sink::text`.

use std::fmt::Write;

use crate::judge::{Judgement, Verdict};
use crate::output::sink::text;
use crate::output::style::{self, paint};

/// The lines said on stderr after the findings (each ends with a newline).
pub fn said(j: &Judgement, config_name: &str, facts: Option<&crate::facts::Facts>) -> String {
    let secs = j.took.as_secs_f64();
    let mut out = String::new();
    let warn = || paint(style::WARNING, "warning:");
    let _ = match &j.verdict {
        Verdict::Accepted => writeln!(
            out,
            "eksctl-shim: eksctl --dry-run accepts the command as written and as changed below ({secs:.1}s)"
        ),
        Verdict::Refused { said } => writeln!(
            out,
            "eksctl-shim: not changed: eksctl --dry-run refuses the command as written (\"{}\"); it runs as given, and eksctl says why",
            text(said)
        ),
        Verdict::NotNeeded => writeln!(
            out,
            "eksctl-shim: not changed: eksctl --dry-run accepts the command as written ({secs:.1}s), so the finding above does not stop it"
        ),
        Verdict::RewriteRefused { said } => writeln!(
            out,
            "eksctl-shim: {} not changed: eksctl --dry-run refuses the changed command (\"{}\"); it runs as given",
            warn(),
            text(said)
        ),
        Verdict::CouldNotAsk { why } => writeln!(
            out,
            "eksctl-shim: {} not changed: eksctl could not judge the change ({}); it runs as given",
            warn(),
            text(why)
        ),
        Verdict::Interrupted => Ok(()),
    };
    let by_hand = matches!(
        j.verdict,
        Verdict::CouldNotAsk { .. } | Verdict::RewriteRefused { .. }
    );
    // Wrapped to the terminal, as every line of the shim's (`wrap`).
    let mut out: String = out
        .lines()
        .map(|l| {
            let body = l.strip_prefix("eksctl-shim: ").unwrap_or(l);
            format!(
                "{}\n",
                super::wrap::paragraph("eksctl-shim: ", body, "eksctl-shim: ".len())
            )
        })
        .collect();
    if let (true, Some(plan)) = (by_hand, &j.withheld) {
        let _ = writeln!(out, "eksctl-shim: the change, to make by hand if it fits:");
        for step in &plan.steps {
            let words = crate::plan::render::command_words(
                &crate::plan::render::with_place(&step.args, facts),
                config_name,
            );
            let _ = writeln!(out, "{}", super::wrap::command("  ", &words));
        }
    }
    out
}
