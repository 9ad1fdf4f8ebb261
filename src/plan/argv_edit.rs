//! Edits of an argv that touch only the words they mean to: a flag set where it was
//! written (or appended before `--`), the config path swapped for the rewritten copy's.

use std::ffi::OsString;
use std::ops::Range;

use super::CONFIG_PATH_SLOT;
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
fn replace_flag(args: &[OsString], words: &Words, name: &str, new: Vec<OsString>) -> Vec<OsString> {
    let hits: Vec<&FlagUse> = words.flags.iter().filter(|f| f.name == name).collect();
    if hits.is_empty() {
        let at = words.terminator.unwrap_or(args.len());
        let mut out = args[..at].to_vec();
        out.extend(new);
        out.extend_from_slice(&args[at..]);
        return out;
    }
    let spans: Vec<Range<usize>> = hits.iter().map(|f| f.span.clone()).collect();
    let mut out = Vec::with_capacity(args.len() + new.len());
    let mut new = Some(new);
    let mut i = 0;
    while i < args.len() {
        let Some(span) = spans.iter().find(|s| s.start == i) else {
            out.push(args[i].clone());
            i += 1;
            continue;
        };
        for other in words
            .flags
            .iter()
            .filter(|f| f.span.start == span.start && f.name != name)
        {
            out.push(render(&other.name, &other.value));
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
        out = replace_flag(&out, &current, name, vec![render(name, value)]);
    }
    out
}

/// Points `--config-file` at the slot a rewritten copy's path will fill.
pub fn set_config_slot(args: &[OsString]) -> Vec<OsString> {
    let words = crate::invocation::argv::split(args);
    replace_flag(
        args,
        &words,
        "config-file",
        vec!["--config-file".into(), CONFIG_PATH_SLOT.into()],
    )
}

/// The flags of a `create cluster` that mean the same to `create nodegroup -f`, for the
/// second step of a split: logging, colour, AWS profile and CloudFormation options.
pub fn carried_to_nodegroup_step(words: &Words) -> Vec<OsString> {
    const CARRIED: &[&str] = &[
        "verbose",
        "color",
        "dumpLogs",
        "profile",
        "timeout",
        "cfn-role-arn",
        "cfn-disable-rollback",
    ];
    words
        .flags
        .iter()
        .filter(|f| CARRIED.contains(&f.name.as_str()))
        .map(|f| render(&f.name, &f.value))
        .collect()
}
