//! How a string the shim did not write is shown, one function per sink. "Outside" text
//! is anything AWS answered (stack Outputs, status reasons, tags), anything from the
//! user's files and argv (config names and comments, file names), eksctl's lines and the
//! names read from a log. It is data: it must never become a line, a control sequence, a
//! workflow command, Markdown or XML structure, or shell syntax.
//!
//! | sink | function | what it guarantees |
//! |---|---|---|
//! | terminal, plain log, CI log | [`text`] | one line; no control, bidi or invisible character; no workflow command |
//! | the shim's own lines | [`lines`] | no line a CI runner reads as a command (defence in depth) |
//! | Markdown (`$GITHUB_STEP_SUMMARY`) | [`markdown_cell`], [`markdown_block`] | a cell stays a cell, a block stays a block |
//! | XML (JUnit) | [`xml`], [`xml_document`] | XML 1.0 characters only; no command in the log |
//! | JSON | [`json_document`] | what serde wrote, with the few characters it leaves raw escaped |
//! | shell (a command to paste) | [`shell`] | one word when pasted, on one line |
//! | a URL | [`url`] | no userinfo (a password) |
//!
//! A terminal, a plain log and a CI log get the same rule: a log is read on a terminal
//! sooner or later, and a CI runner reads workflow commands from any process's output,
//! whether or not the shim knows it runs in CI (a container started by a step does not
//! see `GITHUB_ACTIONS`). The shim's styles are added after escaping, so they stay.
//! eksctl's own output is not shown through here: it passes through byte for byte.

use std::borrow::Cow;
use std::fmt::Write;

/// A character shown as an escape in every text sink: C0 and C1 controls, DEL, the line
/// and paragraph separators, bidi controls (they reorder what is shown), invisible
/// characters (a runner's culture-sensitive `IndexOf("##[")` skips them), and Unicode
/// non-characters.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{feff}'
        | '\u{fdd0}'..='\u{fdef}')
        || (c as u32) & 0xfffe == 0xfffe
}

/// Terminal, plain log and CI log: the value on one line, as Rust's `{:?}` writes
/// characters (`\n`, `\u{1b}`), every character of [`is_hidden`] escaped, and no CI
/// command in it: `##[`, `##vso[`, `##teamcity[` (found anywhere in a line by GitHub's,
/// Azure's and TeamCity's runners) get a `\` after the `##`, and a value that starts
/// (after blanks) with `::` gets a `\` before it, for it may start a line. Backslashes
/// are not doubled: the result is for reading, and escaping it again changes nothing.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) && !s.contains("##") && !starts_a_command(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(guard_line(&out, Break::Backslash).into_owned())
}

/// Whether a line is one a GitHub runner reads as a workflow command: `::` first after
/// the blanks it trims (.NET's `TrimStart`: Unicode white space).
fn starts_a_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
}

/// How a CI command is broken: a `\\` put in (text), or a character written as a
/// character reference (XML, where it reads back as the same character).
#[derive(Clone, Copy, PartialEq)]
enum Break {
    Backslash,
    CharRef,
}

/// The CI-command rules of [`text`] alone, for one line of the shim's own text that may
/// hold styles: each `##` that opens a runner's command, and a leading `::`, broken.
fn guard_line(line: &str, how: Break) -> Cow<'_, str> {
    let opens = |rest: &str| {
        let tail = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        tail.starts_with('[')
            && matches!(
                rest[..rest.len() - tail.len()]
                    .to_ascii_lowercase()
                    .as_str(),
                "" | "vso" | "teamcity"
            )
    };
    // Every `##` that opens a command, overlapping ones included (`###[`).
    let opening: Vec<usize> = line
        .match_indices('#')
        .map(|(i, _)| i)
        .filter(|&i| line[i + 1..].starts_with('#') && opens(&line[i + 2..]))
        .collect();
    if opening.is_empty() && !starts_a_command(line) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut done = 0;
    if starts_a_command(line) {
        let blanks = line.len() - line.trim_start().len();
        out.push_str(&line[..blanks]);
        out.push_str(if how == Break::Backslash {
            "\\:"
        } else {
            "&#58;"
        });
        done = blanks + 1;
    }
    for i in opening {
        // The second `#` of the pair: kept and followed by `\`, or written as a reference.
        out.push_str(&line[done..i + 1]);
        out.push_str(if how == Break::Backslash {
            "#\\"
        } else {
            "&#35;"
        });
        done = i + 2;
    }
    let rest = &line[done..];
    out.push_str(rest);
    Cow::Owned(out)
}

/// A block of the shim's own lines (already formatted, styles and all; outside values in
/// it went through [`text`]): every line kept, none that a CI runner reads as a command.
/// The shim's annotations are the one thing written without it (`say::annotations`).
pub fn lines(block: &str) -> Cow<'_, str> {
    guard_lines(block, Break::Backslash)
}

fn guard_lines(block: &str, how: Break) -> Cow<'_, str> {
    // A runner splits lines at CR as well as LF.
    let is_end = |c: char| c == '\n' || c == '\r';
    if !block.split(is_end).any(|l| guard_line(l, how) != l) {
        return Cow::Borrowed(block);
    }
    let mut out = String::with_capacity(block.len() + 16);
    let mut rest = block;
    loop {
        let end = rest.find(is_end).unwrap_or(rest.len());
        out.push_str(&guard_line(&rest[..end], how));
        let Some(c) = rest[end..].chars().next() else {
            break;
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    Cow::Owned(out)
}

/// A Markdown table cell (and a heading): [`text`], then every character Markdown or
/// HTML gives a meaning to is escaped, so a value cannot end the row (a CR is a line end
/// to CommonMark), add a column, a heading, a link, an image or HTML. The shim's own line
/// breaks in `s` become `<br>`.
pub fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in text(line).chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '!' | '~' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A fenced Markdown code block of the shim's text (`info`: the language): each line
/// through [`text`], and a fence longer than any run of backticks in it, so nothing
/// inside can close it (CommonMark: a closing fence is at least as long as the opening).
pub fn markdown_block(info: &str, body: &str) -> String {
    let shown: Vec<Cow<str>> = body.lines().map(text).collect();
    let longest = shown
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{info}\n{}\n{fence}\n", shown.join("\n"))
}

/// A string for an XML document (JUnit): only XML 1.0 `Char`s, the rest replaced by
/// U+FFFD (quick-junit escapes markup and drops C0 controls, but keeps U+FFFE/U+FFFF).
pub fn xml(s: &str) -> Cow<'_, str> {
    let is_char = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    if s.chars().all(is_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_char(c) { c } else { '\u{fffd}' })
            .collect(),
    )
}

/// A whole XML document as written: the CI-command rules of [`lines`] as character
/// references (`#` and `:` appear only in text and attribute values, where a reference
/// means the same character), so the document parses to the same values.
pub fn xml_document(doc: &str) -> Cow<'_, str> {
    guard_lines(doc, Break::CharRef)
}

/// A JSON document serde wrote: the same values, with what serde leaves raw and a
/// terminal or a runner acts on written as `\uXXXX` (DEL, C1 controls, bidi, invisible
/// and separator characters), and `##` as `#\u0023`. Outside strings JSON has none of
/// these characters (its blanks between values are C0, which serde escapes inside
/// strings), so only strings change, and only in how they are written.
pub fn json_document(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some((i, c)) = rest
        .char_indices()
        .find(|(i, c)| (is_hidden(*c) && *c > '\u{1f}') || rest[*i..].starts_with("##"))
    {
        out.push_str(&rest[..i]);
        if c == '#' {
            out.push_str("#\\u0023");
            rest = &rest[i + 2..];
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
            rest = &rest[i + c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// A word of a command to paste into a POSIX shell: as `render::quote` writes it
/// (shell-escape: plain words stay plain, others in single quotes) when that is one line
/// of visible text without a backtick; otherwise in `$'...'` with escapes (bash, zsh, ksh, busybox and
/// POSIX.1-2024 `sh`), so the command stays on one line and shows what it holds. A `##`
/// is split across quotes (`'#''#'`), which the shell joins back. The shell reads the
/// result back as exactly `word`.
pub fn shell(word: &str) -> String {
    // A backtick too: the shim's prose puts commands between backticks.
    if word.chars().any(|c| is_hidden(c) || c == '`') {
        let mut out = String::from("$'");
        for b in word.bytes() {
            match b {
                b'\\' => out.push_str("\\\\"),
                b'\'' => out.push_str("\\'"),
                b'\n' => out.push_str("\\n"),
                b'\t' => out.push_str("\\t"),
                b'\r' => out.push_str("\\r"),
                b'#' if out.ends_with('#') => out.push_str("\\x23"),
                b'`' => out.push_str("\\x60"),
                0x20..=0x7e => out.push(b as char),
                b => {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
        }
        out.push('\'');
        return out;
    }
    let quoted = shell_escape::unix::escape(word.into());
    if !quoted.contains("##") && !quoted.starts_with("::") {
        return quoted.into_owned();
    }
    // Single quotes around each part; `'\''` for a quote inside.
    let mut out = String::from("'");
    for c in word.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            '#' if out.ends_with('#') => out.push_str("''#"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A URL without its userinfo (`http://user:pass@host` → `http://***@host`), then as
/// [`text`]; what is not a URL with an authority is only [`text`]-escaped.
pub fn url(s: &str) -> Cow<'_, str> {
    let Some(scheme_end) = s.find("://") else {
        return text(s);
    };
    let authority_start = scheme_end + 3;
    let authority_end = s[authority_start..]
        .find(['/', '?', '#'])
        .map_or(s.len(), |i| authority_start + i);
    match s[authority_start..authority_end].rfind('@') {
        Some(at) => Cow::Owned(
            text(&format!(
                "{}***{}",
                &s[..authority_start],
                &s[authority_start + at..]
            ))
            .into_owned(),
        ),
        None => text(s),
    }
}

#[cfg(test)]
#[path = "sink_tests.rs"]
mod tests;
