//! Findings as a person reads them: one layout for the pre-flight (on stderr, after
//! `eksctl-shim: `) and for `check` (on stdout, under each cluster).
//!
//! ```text
//! <lead>error   [subnet-drift] the stack's Outputs name deleted subnets ...
//! <    >        what to do: eksctl-shim sync-outputs --cluster prod --region eu-west-1
//! ```

use std::fmt::Write;

use super::sink::text;
use super::style::{self, paint};
use super::wrap;
use crate::checks::Finding;

/// One block per finding: `<lead><severity> [<code>] <message>`, then the remedy,
/// aligned under the message.
pub fn block(findings: &[Finding], lead: &str) -> String {
    labelled(findings, lead, &[])
}

/// A finding the shim fixed for this run (the `at`-th), and what to say instead of its
/// message: the change, in the present tense (issue 25); `after`, lines said right
/// under it (the changed command).
pub struct Fixed {
    pub at: usize,
    pub now: String,
    pub after: String,
}

/// The same, with the findings of `fixed` codes labelled `fixed` (in green) and said as
/// the change that fixes them, on the finding's line: a problem the shim fixed for this
/// run is not shown as an error, nor said twice (issue 25). Wrapped to the terminal
/// (`wrap`), the lines after the first under the code.
fn labelled(findings: &[Finding], lead: &str, fixed: &[Fixed]) -> String {
    let mut out = String::new();
    let hang = lead.chars().count() + 8;
    let indent = " ".repeat(hang);
    for (i, f) in findings.iter().enumerate() {
        let now = fixed.iter().find(|x| x.at == i);
        let label = if now.is_some() {
            paint(style::OK, format!("{:<7}", "fixed"))
        } else {
            paint(
                style::severity(f.severity),
                format!("{:<7}", f.severity.to_string()),
            )
        };
        let head = format!(
            "{lead}{} {} ",
            label,
            paint(style::CODE, format!("[{}]", f.code))
        );
        let message = now.map_or(&f.message, |x| &x.now);
        let _ = writeln!(out, "{}", wrap::paragraph(&head, &text(message), hang));
        if !f.remediation.is_empty() && now.is_none() {
            let _ = writeln!(
                out,
                "{}",
                wrap::paragraph(
                    &format!("{indent}{} ", paint(style::HEADING, "what to do:")),
                    &text(&f.remediation),
                    hang + 2
                )
            );
        }
        if let Some(x) = now {
            out.push_str(&x.after);
        }
    }
    out
}

/// The pre-flight's findings, each line after the shim's prefix; those the rewrite that
/// runs removes said as fixed.
pub fn preflight(findings: &[Finding], fixed: &[Fixed]) -> String {
    labelled(findings, &format!("{}: ", crate::say::PREFIX), fixed)
}

/// `check`'s text: a line per cluster (`ok`, the number of findings, or why it could not
/// be checked), its findings under it in the pre-flight's layout.
pub fn check_text(reports: &[crate::commands::check::Report]) -> String {
    use crate::commands::check::Status;
    let mut out = String::new();
    for r in reports {
        let version = r.eksctl_version.as_ref().map(|v| format!("eksctl {v}"));
        let head = paint(
            style::HEADING,
            text(&crate::commands::check::scope_with(r, version)),
        );
        let n = r.findings.len();
        let counted = format!("{n} finding{}", if n == 1 { "" } else { "s" });
        // Not checked at all, or partly (checks that did not run beside findings).
        match (r.status, &r.error, n) {
            (Status::Unchecked, None, _) => {
                let _ = writeln!(
                    out,
                    "{head}: {} unknown",
                    paint(style::ERROR, "could not check:")
                );
            }
            (_, Some(why), 0) => {
                let why = text(why);
                let _ = writeln!(
                    out,
                    "{head}: {} {why}",
                    paint(style::ERROR, "could not check:")
                );
            }
            (_, Some(why), _) => {
                let why = text(why);
                let _ = writeln!(
                    out,
                    "{head}: {counted}; {} {why}",
                    paint(style::ERROR, "could not check:")
                );
            }
            (_, None, 0) => {
                let _ = writeln!(out, "{head}: {}", paint(style::OK, "ok"));
            }
            (_, None, _) => {
                let _ = writeln!(out, "{head}: {counted}");
            }
        }
        out.push_str(&block(&r.findings, "  "));
    }
    out
}
