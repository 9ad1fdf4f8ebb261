//! The shim's lines fitted to the terminal (issue 25): wrapped at spaces with a hanging
//! indent, a command to paste broken only between its arguments with ` \`.
//!
//! The width is read once ([`init`]): the terminal's when stderr is one, else `COLUMNS`
//! when it is set, else none, and nothing is wrapped (a CI log keeps one line per
//! message). Until [`init`] runs (unit tests) nothing is wrapped either.
//!
//! Text is wrapped after it was escaped (`sink::text`) and styled (`style::paint`): a
//! style's sequence counts for nothing and is never split, nor is an escape `sink::text`
//! wrote (`\n`, `\u{1b}`). A word longer than a whole line is cut after a comma (a
//! list of IDs), else between characters;
//! a command's argument never is (a pasted command must stay the command), so an
//! argument longer than the terminal is the one thing wider than it. Every character
//! counts as one column.

use std::sync::OnceLock;

static WIDTH: OnceLock<Option<usize>> = OnceLock::new();

/// The fewest columns a wrapped line keeps after its indent.
const MIN_BODY: usize = 24;

/// Reads the width for this process (stderr's terminal, else `COLUMNS`).
pub fn init() {
    let _ = WIDTH.set(from_env());
}

/// The width lines are wrapped to; `None`: not wrapped.
pub fn width() -> Option<usize> {
    WIDTH.get().copied().flatten()
}

fn from_env() -> Option<usize> {
    use std::io::IsTerminal;
    let stderr = std::io::stderr();
    if stderr.is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stderr)
        && w > 0
    {
        return Some(usize::from(w));
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
}

/// The smallest pieces of shown text: a style sequence (no width), an escape of
/// `sink::text` (`\n`, `\u{1b}`, `\:`), or one character.
fn atoms(s: &str) -> Vec<(&str, usize)> {
    let mut out = vec![];
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let len = if c == '\u{1b}' && rest[1..].starts_with('[') {
            // CSI: parameters, then one final byte in @..~.
            rest[2..]
                .find(|c: char| ('@'..='~').contains(&c))
                .map_or(rest.len(), |i| i + 3)
        } else if c == '\\' && rest[1..].starts_with("u{") {
            rest.find('}').map_or(rest.len(), |i| i + 1)
        } else if c == '\\' && rest.len() > 1 {
            1 + rest[1..].chars().next().map_or(0, char::len_utf8)
        } else {
            c.len_utf8()
        };
        let (atom, tail) = rest.split_at(len);
        let shown = if atom.starts_with("\u{1b}[") {
            0
        } else {
            atom.chars().count()
        };
        out.push((atom, shown));
        rest = tail;
    }
    out
}

/// The columns `s` takes on a terminal (styles count for nothing).
pub fn shown_width(s: &str) -> usize {
    atoms(s).iter().map(|(_, w)| w).sum()
}

/// `lead` then `body`, wrapped to the width at spaces: the lines after the first start
/// with `hang` spaces. A span in backticks (a command in prose) is moved to a line of its
/// own rather than broken, and when it cannot fit one, broken between its words with
/// ` \`. No newline at the end.
pub fn paragraph(lead: &str, body: &str, hang: usize) -> String {
    paragraph_at(lead, body, hang, width())
}

/// [`paragraph`] at a given width (`None`: one line).
pub fn paragraph_at(lead: &str, body: &str, hang: usize, width: Option<usize>) -> String {
    let Some(width) = width else {
        return format!("{lead}{body}");
    };
    let width = width.max(hang + MIN_BODY);
    let indent = " ".repeat(hang);
    let mut out = String::from(lead);
    let mut col = shown_width(lead);
    let mut fresh = true; // nothing of `body` on this line yet
    let mut in_code = false;
    let owned = words_of(body);
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        // A span in backticks, taken whole when it fits a line.
        let opens = !in_code && word.starts_with('`') && !(word.len() > 1 && closes(&word[1..]));
        let mut starts_code = false;
        if opens {
            let end = (i + 1..words.len()).find(|&j| closes(words[j]));
            if let Some(end) = end {
                let span = words[i..=end].join(" ");
                let w = shown_width(&span);
                if col + usize::from(!fresh) + w <= width || hang + w <= width {
                    if !fresh && col + 1 + w > width {
                        out.push('\n');
                        out.push_str(&indent);
                        col = hang;
                        fresh = true;
                    }
                    if !fresh {
                        out.push(' ');
                        col += 1;
                    }
                    out.push_str(&span);
                    col += w;
                    fresh = false;
                    i = end + 1;
                    continue;
                }
                starts_code = true;
            }
        }
        let w = shown_width(word);
        // Inside a command, room for the ` \` that may follow.
        let reserve = if (in_code || starts_code) && !closes(word) {
            2
        } else {
            0
        };
        if fresh || col + 1 + w + reserve <= width {
            if !fresh {
                out.push(' ');
                col += 1;
            }
        } else if in_code {
            // Inside a command too long for a line: continued with ` \`.
            out.push_str(" \\\n");
            out.push_str(&indent);
            out.push_str("  ");
            col = hang + 2;
        } else {
            out.push('\n');
            out.push_str(&indent);
            col = hang;
        }
        if col + w > width && !in_code {
            // Longer than a line: cut after its commas (a list of IDs), else between
            // atoms.
            for piece in word.split_inclusive(',') {
                let pw = shown_width(piece);
                if col + pw > width && col > hang && hang + pw <= width {
                    out.push('\n');
                    out.push_str(&indent);
                    col = hang;
                }
                for (atom, aw) in atoms(piece) {
                    if col + aw > width && col > hang {
                        out.push('\n');
                        out.push_str(&indent);
                        col = hang;
                    }
                    out.push_str(atom);
                    col += aw;
                }
            }
        } else {
            out.push_str(word);
            col += w;
        }
        if starts_code {
            in_code = true;
        } else if in_code && closes(word) {
            in_code = false;
        }
        fresh = false;
        i += 1;
    }
    out
}

/// `body`'s words, split at spaces, except a space inside a quoted argument of a command
/// in backticks (`'my file.yaml'`, as `render::quote` writes it): such an argument is one
/// word, so a break never lands inside it (a ` \` there would be pasted into the
/// argument). Outside backticks an apostrophe is prose.
fn words_of(body: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let (mut in_code, mut quoted) = (false, false);
    for piece in body.split(' ') {
        match out.last_mut() {
            Some(last) if quoted => {
                last.push(' ');
                last.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
        let mut chars = piece.chars();
        while let Some(c) = chars.next() {
            match c {
                '`' if !quoted => in_code = !in_code,
                '\\' if in_code && !quoted => {
                    chars.next();
                }
                '\'' if in_code => quoted = !quoted,
                _ => {}
            }
        }
    }
    out
}

/// Whether a word ends a span in backticks (`` `x` ``, `` `x`, ``, `` `x`. ``).
fn closes(word: &str) -> bool {
    word.trim_end_matches(|c: char| ".,;:)".contains(c))
        .ends_with('`')
}

/// A command to paste, `words` already quoted for the shell: on one line when it fits,
/// else broken between words, each line but the last ending in ` \`, the lines after
/// the first starting with `indent` and two spaces more. No newline at the end.
pub fn command(indent: &str, words: &[String]) -> String {
    command_at(indent, words, width())
}

/// [`command`] at a given width (`None`: one line).
pub fn command_at(indent: &str, words: &[String], width: Option<usize>) -> String {
    let mut out = String::from(indent);
    let Some(width) = width else {
        out.push_str(&words.join(" "));
        return out;
    };
    let hang = format!("{indent}  ");
    let mut col = indent.chars().count();
    for (i, word) in words.iter().enumerate() {
        let w = shown_width(word);
        let last = i + 1 == words.len();
        // Room for the word, and for ` \` after it unless it is the last.
        let room = if last { width } else { width.saturating_sub(2) };
        if i > 0 && col + 1 + w > room {
            out.push_str(" \\\n");
            out.push_str(&hang);
            col = hang.len();
        } else if i > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(s: &str) -> usize {
        s.lines().map(shown_width).max().unwrap_or(0)
    }

    #[test]
    fn a_paragraph_wraps_at_spaces_with_a_hanging_indent() {
        let body = "all private subnets from vpc-0a1b2c3d4e5f60718 that the cluster was created on have been deleted";
        let p = paragraph_at("eksctl-shim: error   [subnet-drift] ", body, 21, Some(60));
        assert!(widest(&p) <= 60, "{p}");
        for line in p.lines().skip(1) {
            assert!(
                line.starts_with(&" ".repeat(21)) && !line[21..].starts_with(' '),
                "{p}"
            );
        }
        assert_eq!(
            p.split_whitespace().collect::<Vec<_>>().join(" "),
            format!("eksctl-shim: error [subnet-drift] {body}")
        );
        assert_eq!(paragraph_at("a: ", body, 3, None), format!("a: {body}"));
    }

    #[test]
    fn styles_count_for_nothing_and_escapes_are_never_split() {
        let styled = crate::output::style::paint(crate::output::style::ERROR, "error");
        assert_eq!(shown_width(&styled), 5);
        let body = format!(
            "{} x\\u{{1b}}]8;;\\u{{1b}}\\u{{1b}}\\u{{1b}}\\u{{1b}}\\u{{1b}}\\u{{1b}}y",
            "w ".repeat(5)
        );
        let p = paragraph_at("", &body, 2, Some(26));
        for line in p.lines() {
            assert!(shown_width(line) <= 26, "{p}");
            // Every `\u{` is closed on its own line.
            assert_eq!(
                line.matches("\\u{").count(),
                line.matches('}').count(),
                "{p}"
            );
        }
    }

    #[test]
    fn a_list_without_spaces_is_cut_after_its_commas() {
        let ids = "subnet-0a1b2c3d4e5f60718,subnet-0a1b2c3d4e5f60719,subnet-0a1b2c3d4e5f6071a";
        let p = paragraph_at("    new: ", ids, 9, Some(60));
        assert_eq!(p.lines().count(), 2, "{p}");
        assert!(p.lines().next().unwrap().ends_with(','), "{p}");
        assert!(widest(&p) <= 60, "{p}");
    }

    #[test]
    fn a_command_in_prose_goes_to_a_line_of_its_own() {
        let body = "Repair the stack: `eksctl-shim sync-outputs --cluster prod --region us-west-2` shows the change";
        let p = paragraph_at("", body, 2, Some(64));
        assert!(
            p.lines().any(|l| l
                .trim_start()
                .starts_with("`eksctl-shim sync-outputs --cluster prod --region us-west-2`")),
            "{p}"
        );
        // Too long for any line: broken between its words, with ` \`.
        let p = paragraph_at("", body, 2, Some(40));
        assert!(p.contains(" \\\n"), "{p}");
        assert!(widest(&p) <= 40, "{p}");
    }

    #[test]
    fn a_quoted_argument_of_a_command_in_prose_is_never_broken() {
        let body = "Run `eksctl create nodegroup --config-file 'my clusters/prod cluster.yaml' --include=it\\'s` now; the stack's Outputs stay";
        for width in [30, 40, 50, 60] {
            let p = paragraph_at("", body, 2, Some(width));
            assert!(
                p.contains("'my clusters/prod cluster.yaml'"),
                "{width}: {p}"
            );
            assert!(p.contains("it\\'s`"), "{width}: {p}");
        }
        // An apostrophe in prose opens nothing.
        let p = paragraph_at(
            "",
            "the stack's Outputs name a subnet that is gone",
            2,
            Some(30),
        );
        assert!(widest(&p) <= 30, "{p}");
    }

    #[test]
    fn a_command_breaks_only_between_arguments() {
        let words: Vec<String> = "eksctl create nodegroup --region=us-west-2 --cluster prod -n ng-1 -P --subnet-ids=subnet-0a1b2c3d4e5f60718,subnet-0a1b2c3d4e5f60719"
            .split(' ')
            .map(String::from)
            .collect();
        let c = command_at("  ", &words, Some(80));
        assert_eq!(c.lines().count(), 2, "{c}");
        assert!(widest(&c) <= 80, "{c}");
        assert!(c.lines().next().unwrap().ends_with(" \\"), "{c}");
        // What a shell reads back: the same words.
        assert_eq!(
            c.replace(" \\\n", " ")
                .split_whitespace()
                .collect::<Vec<_>>(),
            words
        );
        assert_eq!(
            command_at("  ", &words, None),
            format!("  {}", words.join(" "))
        );
        // An argument wider than the terminal stays whole.
        let c = command_at("", &words, Some(20));
        assert!(c.lines().any(|l| l.contains(&words[9])), "{c}");
    }
}
