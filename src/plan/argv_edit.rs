//! Edits of an argv that touch only the words they mean to: a flag set where it was
//! written (or appended before `--`), the config path swapped for the rewritten copy's.

use std::ffi::OsString;
use std::ops::Range;

use super::Arg;
use crate::invocation::argv::{FlagUse, Words};

fn render(name: &str, value: &Option<String>) -> OsString {
    match value {
        None => format!("--{name}").into(),
        Some(v) => format!("--{name}={v}").into(),
    }
}

/// Replaces every word of the spans where `name` occurs: the first becomes `new`, the
/// others vanish; other flags that shared a span (`-Pd`) are written out on their own.
/// Without an occurrence, `new` goes before a `--`, or at the end.
fn replace_flag(args: &[OsString], words: &Words, name: &str, new: Vec<Arg>) -> Vec<Arg> {
    let hits: Vec<&FlagUse> = words.flags.iter().filter(|f| f.name == name).collect();
    if hits.is_empty() {
        let at = words.terminator.unwrap_or(args.len());
        let mut out = words_of(&args[..at]);
        out.extend(new);
        out.extend(words_of(&args[at..]));
        return out;
    }
    let spans: Vec<Range<usize>> = hits.iter().map(|f| f.span.clone()).collect();
    let mut out = Vec::with_capacity(args.len() + new.len());
    let mut new = Some(new);
    let mut i = 0;
    while i < args.len() {
        let Some(span) = spans.iter().find(|s| s.start == i) else {
            out.push(Arg::Word(args[i].clone()));
            i += 1;
            continue;
        };
        for other in words
            .flags
            .iter()
            .filter(|f| f.span.start == span.start && f.name != name)
        {
            out.push(Arg::Word(render(&other.name, &other.value)));
        }
        if let Some(new) = new.take() {
            out.extend(new);
        }
        i = span.end;
    }
    out
}

/// Applies flag edits in order, each to the result of the last.
pub fn set_flags(args: &[OsString], edits: &[(String, Option<String>)]) -> Vec<OsString> {
    let mut out = args.to_vec();
    for (name, value) in edits {
        let current = crate::invocation::argv::split(&out);
        out = plain(replace_flag(
            &out,
            &current,
            name,
            vec![Arg::Word(render(name, value))],
        ));
    }
    out
}

/// Removes every occurrence of each flag in `names` (other flags sharing a shorthand
/// group are written out on their own).
pub fn remove_flags(args: &[OsString], names: &[String]) -> Vec<OsString> {
    let mut out = args.to_vec();
    for name in names {
        let current = crate::invocation::argv::split(&out);
        if current.flags.iter().any(|f| &f.name == name) {
            out = plain(replace_flag(&out, &current, name, vec![]));
        }
    }
    out
}

/// Points `--config-file` at the config the step reads (`Arg::ConfigPath`).
pub fn with_config_path(args: &[OsString]) -> Vec<Arg> {
    let words = crate::invocation::argv::split(args);
    let new = vec![Arg::Word("--config-file".into()), Arg::ConfigPath];
    replace_flag(args, &words, "config-file", new)
}

fn words_of(args: &[OsString]) -> Vec<Arg> {
    args.iter().cloned().map(Arg::Word).collect()
}

/// Back to plain words: only called on edits that insert no `Arg::ConfigPath`.
fn plain(args: Vec<Arg>) -> Vec<OsString> {
    args.into_iter()
        .filter_map(|a| match a {
            Arg::Word(w) => Some(w),
            Arg::ConfigPath => None,
        })
        .collect()
}

/// The flags of a `create cluster` that mean the same to `create nodegroup -f`, for the
/// second step of a split: logging, colour, AWS profile, CloudFormation and add-on options.
pub fn carried_to_nodegroup_step(words: &Words) -> Vec<OsString> {
    use crate::invocation::flags::{self, CARRIED};
    words
        .flags
        .iter()
        .filter(|f| flags::get(&f.name).is_some_and(|d| d.has(CARRIED)))
        .map(|f| render(&f.name, &f.value))
        .collect()
}
