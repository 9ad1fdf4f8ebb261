//! Advice said to a person (stderr) or a machine (JSON).

use std::fmt::Write;

use super::Advice;

pub fn text(advice: &[Advice], last_error: Option<&str>) -> String {
    let mut out = String::new();
    if advice.is_empty() {
        let _ = writeln!(
            out,
            "eksctl-shim: the shim does not recognise this failure; it has no advice for it."
        );
        if let Some(line) = last_error {
            let _ = writeln!(out, "eksctl-shim: eksctl's last error: {line}");
        }
        return out;
    }
    for a in advice {
        let head = if a.role == "note" {
            "note"
        } else {
            "what happened"
        };
        let _ = writeln!(out, "eksctl-shim: {head} [{}]: {}", a.code, a.summary);
        let _ = writeln!(out, "             seen in: {}", a.evidence);
        let _ = writeln!(out, "             what to do: {}", a.advice);
    }
    out
}

pub fn json(advice: &[Advice]) -> String {
    serde_json::json!({ "advice": advice }).to_string()
}
