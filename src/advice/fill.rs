//! Advice templates filled with the run's names.
//!
//! `{name}`: a named group of the pattern that matched, else the run's context (cluster,
//! region, nodegroup, profile), else what the log itself said; unknown stays visible as
//! `<name>`. `{--profile}`: ` --profile <p>` when the run had a profile, else nothing.
//! `[[ ... ]]`: said only when every name inside is known.
//!
//! Names are data (issue 23, B9/B19): a name read from a log that AWS would not accept
//! for what it names (cluster, nodegroup, region, stack) is not used at all; every value
//! inside a backticked command is quoted for a shell (`output::sink::shell`), every
//! other one shown through `output::sink::text`, so advice is safe to paste.

use std::collections::BTreeMap;

use super::Context;
use crate::output::sink;

pub struct Names<'a> {
    pub captures: &'a BTreeMap<String, String>,
    pub context: &'a Context,
    pub log: &'a BTreeMap<String, String>,
}

impl Names<'_> {
    /// The name's value (`{--profile}`: the whole flag, already quoted), unquoted.
    fn get(&self, name: &str) -> Option<String> {
        if name == "--profile" {
            return Some(
                self.context
                    .profile
                    .as_ref()
                    .map(|p| format!(" --profile {}", sink::shell(p)))
                    .unwrap_or_default(),
            );
        }
        let ctx = match name {
            "cluster" => self.context.cluster.as_ref(),
            "region" => self.context.region.as_ref(),
            "nodegroup" => self.context.nodegroup.as_ref(),
            "profile" => self.context.profile.as_ref(),
            _ => None,
        };
        let learnt = |from: &BTreeMap<String, String>| {
            from.get(name).filter(|v| plausible(name, v)).cloned()
        };
        learnt(self.captures)
            .or_else(|| ctx.cloned())
            .or_else(|| learnt(self.log))
    }
}

/// Whether a name read from a log could be what AWS calls `name`: cluster and stack
/// names (`[A-Za-z][-A-Za-z0-9]*`, at most 128), nodegroup names (also digits first,
/// `_` and `.`), regions (`us-west-2`). Other names are not checked, only quoted.
fn plausible(name: &str, value: &str) -> bool {
    let word = |first: fn(char) -> bool, rest: fn(char) -> bool| {
        let mut chars = value.chars();
        value.len() <= 128 && chars.next().is_some_and(first) && chars.all(rest)
    };
    match name {
        "cluster" | "stack" => word(
            |c| c.is_ascii_alphabetic(),
            |c| c.is_ascii_alphanumeric() || c == '-',
        ),
        "nodegroup" => word(
            |c| c.is_ascii_alphanumeric(),
            |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'),
        ),
        "region" => {
            let parts: Vec<&str> = value.split('-').collect();
            parts.len() >= 3
                && parts[0].len() == 2
                && parts[..parts.len() - 1]
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
                && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
                && !parts[parts.len() - 1].is_empty()
        }
        _ => true,
    }
}

pub fn fill(template: &str, names: &Names) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    // Whether the text so far has opened a backticked command (the template's own
    // backticks; filled values never hold one).
    let mut code = false;
    while let Some(start) = rest.find("[[") {
        out.push_str(&fill_plain(&rest[..start], names, &mut code).0);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            rest = after;
            continue;
        };
        let before = code;
        let (segment, complete) = fill_plain(&after[..end], names, &mut code);
        if complete {
            out.push_str(&segment);
        } else {
            // Dropped, with its backticks.
            code = before;
        }
        rest = &after[end + 2..];
    }
    out.push_str(&fill_plain(rest, names, &mut code).0);
    out
}

/// The text with its names filled, and whether every name was known. `code`: inside a
/// backticked command at the start; updated to the end.
fn fill_plain(template: &str, names: &Names, code: &mut bool) -> (String, bool) {
    let mut out = String::with_capacity(template.len() + 32);
    let mut complete = true;
    let mut rest = template;
    let literal = |out: &mut String, text: &str, code: &mut bool| {
        *code ^= text.matches('`').count() % 2 == 1;
        out.push_str(text);
    };
    while let Some(start) = rest.find('{') {
        literal(&mut out, &rest[..start], code);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            literal(&mut out, &rest[start..], code);
            return (out, complete);
        };
        let name = &after[..end];
        match names.get(name) {
            Some(v) if name == "--profile" => out.push_str(&v),
            Some(v) if *code => out.push_str(&sink::shell(&v)),
            Some(v) => out.push_str(&sink::text(&v)),
            None => {
                complete = false;
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
        }
        rest = &after[end + 1..];
    }
    literal(&mut out, rest, code);
    (out, complete)
}
