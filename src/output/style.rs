//! The few styles the shim uses. Text is styled unconditionally here; the stream it is
//! written to (`anstream`) strips the styles when it is not a terminal, when `NO_COLOR`
//! is set, or keeps them when `CLICOLOR_FORCE` is, so no caller decides about colour.

use anstyle::{AnsiColor, Style};

use crate::checks::Severity;

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const INFO: Style = AnsiColor::Cyan.on_default();
/// Check codes and other identifiers a person may search for.
pub const CODE: Style = Style::new().dimmed();
/// Headings: a cluster's name in `check`, "what to do".
pub const HEADING: Style = Style::new().bold();
pub const OK: Style = AnsiColor::Green.on_default();

pub fn severity(s: Severity) -> Style {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// `text` between the style's start and reset sequences.
pub fn paint(style: Style, text: impl std::fmt::Display) -> String {
    format!("{style}{text}{style:#}")
}

/// The same text without styles (for files and formats that are not a terminal).
pub fn plain(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}
