//! The shim's voice: every line it writes goes to stderr with its own prefix, so
//! stdout stays eksctl's (and a `--dry-run` YAML stays valid). Through `anstream`: the
//! styles in a message reach a terminal and are stripped anywhere else.

use std::io::Write;

use crate::output::style::{self, paint};

pub const PREFIX: &str = "eksctl-shim";

/// One line on stderr: `eksctl-shim: <msg>`. Write errors are ignored on purpose:
/// a closed stderr must never turn into a failure of the user's command.
pub fn line(msg: impl std::fmt::Display) {
    let _ = writeln!(anstream::stderr().lock(), "{PREFIX}: {msg}");
}

/// `eksctl-shim: warning: <msg>`.
pub fn warning(msg: impl std::fmt::Display) {
    line(format!("{} {msg}", paint(style::WARNING, "warning:")));
}

/// An error in Volta's form: what went wrong, a blank line, what to do.
pub fn error(what: impl std::fmt::Display, what_to_do: impl std::fmt::Display) {
    let _ = writeln!(
        anstream::stderr().lock(),
        "{PREFIX}: {} {what}\n\n{what_to_do}",
        paint(style::ERROR, "error:")
    );
}

/// A block of text already formatted (ends with a newline), on stderr; errors ignored.
pub fn text(block: &str) {
    if !block.is_empty() {
        let _ = anstream::stderr().lock().write_all(block.as_bytes());
    }
}
