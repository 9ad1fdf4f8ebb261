//! Advice said to a person (stderr); as JSON: `output::explain_json`.

use std::fmt::Write;

use super::Advice;
use crate::output::sink::text as shown;
use crate::output::wrap;

/// The column a wrapped line of advice goes on at: two in from its labels.
const CONTINUED: usize = crate::say::PREFIX.len() + 4;

pub fn text(advice: &[Advice], last_error: Option<&str>) -> String {
    let mut out = String::new();
    if advice.is_empty() {
        let _ = writeln!(
            out,
            "eksctl-shim: the shim does not recognise this failure; it has no advice for it."
        );
        if let Some(line) = last_error {
            let _ = writeln!(out, "eksctl-shim: eksctl's last error: {}", shown(line));
        }
        return out;
    }
    for a in advice {
        let head = if a.role == "note" {
            "note"
        } else {
            "what happened"
        };
        // The names in summary and advice were filled as data (`fill`); the evidence is a
        // line of eksctl's (or of a log), shown again as data.
        // Wrapped to the terminal (`output::wrap`): every part's lines after the first
        // start two columns in from the labels (`seen in:`, `what to do:`).
        let _ = writeln!(
            out,
            "{}",
            wrap::paragraph(
                "eksctl-shim: ",
                &format!("{head} [{}]: {}", a.code, shown(&a.summary)),
                CONTINUED
            )
        );
        let _ = writeln!(
            out,
            "{}",
            wrap::paragraph("             seen in: ", &shown(&a.evidence), CONTINUED)
        );
        let _ = writeln!(
            out,
            "{}",
            wrap::paragraph("             what to do: ", &shown(&a.advice), CONTINUED)
        );
    }
    out
}
