//! The shim's voice: every line it writes goes to stderr with its own prefix, so
//! stdout stays eksctl's (and a `--dry-run` YAML stays valid). Through `anstream`: the
//! styles in a message reach a terminal and are stripped anywhere else.
//!
//! A message may hold text from outside (a name, an AWS answer): `line`, `warning` and
//! `error` show it through `output::sink::text` (one line, no control character, no CI
//! command), and `text` keeps every line of a block from being a CI command
//! (`output::sink::lines`). Only `annotations` writes as given.

use std::io::Write;

use crate::output::sink;
use crate::output::style::{self, paint};

pub const PREFIX: &str = "eksctl-shim";

/// One line on stderr: `eksctl-shim: <msg>`. Write errors are ignored on purpose:
/// a closed stderr must never turn into a failure of the user's command.
pub fn line(msg: impl std::fmt::Display) {
    let _ = writeln!(
        anstream::stderr().lock(),
        "{PREFIX}: {}",
        sink::text(&msg.to_string())
    );
}

/// `eksctl-shim: warning: <msg>`.
pub fn warning(msg: impl std::fmt::Display) {
    let _ = writeln!(
        anstream::stderr().lock(),
        "{PREFIX}: {} {}",
        paint(style::WARNING, "warning:"),
        sink::text(&msg.to_string())
    );
}

/// An error in Volta's form: what went wrong, a blank line, what to do (its lines kept,
/// each shown through `sink::text`).
pub fn error(what: impl std::fmt::Display, what_to_do: impl std::fmt::Display) {
    let what_to_do = what_to_do.to_string();
    let what_to_do: Vec<_> = what_to_do.split('\n').map(sink::text).collect();
    let _ = writeln!(
        anstream::stderr().lock(),
        "{PREFIX}: {} {}\n\n{}",
        paint(style::ERROR, "error:"),
        sink::text(&what.to_string()),
        what_to_do.join("\n")
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
