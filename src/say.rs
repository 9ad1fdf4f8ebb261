//! The shim's voice: every line it writes goes to stderr with its own prefix, so
//! stdout stays eksctl's (and a `--dry-run` YAML stays valid). Through `anstream`: the
//! styles in a message reach a terminal and are stripped anywhere else.
//!
//! A message may hold text from outside (a name, an AWS answer): `line`, `warning` and
//! `error` show it through `output::sink::text` (one line, no control character, no CI
//! command), and `text` keeps every line of a block from being a CI command
//! (`output::sink::lines`). Only `annotations` writes as given. Lines are wrapped to the
//! terminal (`output::wrap`), then guarded again: a wrapped line may start anywhere.

use std::io::Write;

use crate::output::style::{self, paint};
use crate::output::{sink, wrap};

pub const PREFIX: &str = "eksctl-shim";

/// Where the text of the shim's lines goes on after the first, wrapped: the column of a
/// finding's code, after `eksctl-shim: ` and the label (`output::findings`).
pub const HANG: usize = PREFIX.len() + 2 + 8;

/// One line on stderr: `eksctl-shim: <msg>`. Write errors are ignored on purpose:
/// a closed stderr must never turn into a failure of the user's command.
pub fn line(msg: impl std::fmt::Display) {
    after(&format!("{PREFIX}: "), &msg.to_string());
}

/// `eksctl-shim: warning: <msg>`.
pub fn warning(msg: impl std::fmt::Display) {
    after(
        &format!("{PREFIX}: {} ", paint(style::WARNING, "warning:")),
        &msg.to_string(),
    );
}

/// `lead` then `msg` (shown as data), its wrapped lines under the message's first word.
fn after(lead: &str, msg: &str) {
    let _ = writeln!(
        anstream::stderr().lock(),
        "{}",
        sink::lines(&wrap::paragraph(
            lead,
            &sink::text(msg),
            wrap::shown_width(lead)
        ))
    );
}

/// An error in Volta's form: what went wrong, a blank line, what to do (its lines kept,
/// each shown through `sink::text`).
pub fn error(what: impl std::fmt::Display, what_to_do: impl std::fmt::Display) {
    let what_to_do = what_to_do.to_string();
    let what_to_do: Vec<_> = what_to_do
        .split('\n')
        .map(|l| wrap::paragraph("", &sink::text(l), 2))
        .collect();
    let lead = format!("{PREFIX}: {} ", paint(style::ERROR, "error:"));
    let _ = writeln!(
        anstream::stderr().lock(),
        "{}",
        sink::lines(&format!(
            "{}\n\n{}",
            wrap::paragraph(
                &lead,
                &sink::text(&what.to_string()),
                wrap::shown_width(&lead)
            ),
            what_to_do.join("\n")
        ))
    );
}

/// A block of the shim's text already formatted (ends with a newline; outside values in
/// it already shown through `sink::text`), on stderr; errors ignored.
pub fn text(block: &str) {
    if !block.is_empty() {
        let _ = anstream::stderr()
            .lock()
            .write_all(sink::lines(block).as_bytes());
    }
}

/// GitHub workflow commands the shim made (`output::github`, which escapes what goes
/// into them): the one block written as it is.
pub fn annotations(block: &str) {
    if !block.is_empty() {
        let _ = anstream::stderr().lock().write_all(block.as_bytes());
    }
}
