//! What the JSON documents of `check`, `plan` and `explain` share: how a document is
//! written, its `schema` version, and the one finding object (`FindingJson`, in
//! `schemas/finding.schema.json`). Every key of a document is always there: what is not
//! known is `null`, what is empty is `[]`.

use std::borrow::Cow;

use serde::Serialize;

use crate::advice::Advice;
use crate::checks::{Finding, Severity};
use crate::config::LoadedConfig;

/// The version of every document: bumped on any change that is not an addition.
pub const SCHEMA: u32 = 2;

/// A document as written to stdout or a file: pretty-printed, through the JSON sink,
/// with a final newline.
pub fn document(doc: &impl Serialize) -> String {
    super::sink::json_document(&serde_json::to_string_pretty(doc).unwrap_or_default()) + "\n"
}

/// A finding, or an advice of `explain`, as every document says it.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    /// A check code (`subnet-drift`), or for `explain` the catalog's kind.
    pub code: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// The code's one-line description (docs/reference.md's tables).
    pub title: Cow<'a, str>,
    /// What is wrong (for `explain`: what happened).
    pub message: &'a str,
    /// What to do.
    pub remediation: &'a str,
    /// The commands `remediation` names, to paste as they are.
    pub commands: &'a [String],
    /// The AWS resources involved.
    pub resources: &'a [String],
    /// The config's nodegroup the finding is about.
    pub nodegroup: Option<&'a str>,
    /// Where it points, when it points somewhere.
    pub location: Option<Location>,
}

/// A file (the config the command read, or the log `explain` read) and a line in it.
#[derive(Debug, Serialize)]
pub struct Location {
    /// Relative to the working directory when under it; `null` for stdin.
    pub file: Option<String>,
    /// 1-based.
    pub line: Option<usize>,
    /// The line's text, when the finding quotes it (`explain`: the log line it was seen in).
    pub snippet: Option<String>,
}

impl<'a> FindingJson<'a> {
    /// A check's finding; `config`: the config the command read, which it points into.
    pub fn of_finding(f: &'a Finding, config: Option<&LoadedConfig>) -> FindingJson<'a> {
        let location = config.and_then(|c| {
            let (file, line) = (super::location::from_cwd(c), super::location::line(f, c));
            (file.is_some() || line.is_some()).then_some(Location {
                file,
                line,
                snippet: None,
            })
        });
        FindingJson {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            title: Cow::Borrowed(f.code.summary()),
            message: &f.message,
            remediation: &f.remediation,
            commands: &f.commands,
            resources: &f.resources,
            nodegroup: f.nodegroup.as_deref(),
            location,
        }
    }

    /// An advice of `explain`: a note (what a failure left behind, or information) is
    /// `info`, the rest `error`. `log`: the file read, `None` for stdin.
    pub fn of_advice(a: &'a Advice, log: Option<&str>) -> FindingJson<'a> {
        FindingJson {
            code: a.code,
            severity: if a.role == "note" {
                Severity::Info.as_str()
            } else {
                Severity::Error.as_str()
            },
            title: Cow::Borrowed(&a.title),
            message: &a.summary,
            remediation: &a.advice,
            commands: &[],
            resources: &[],
            nodegroup: None,
            location: Some(Location {
                file: log.map(str::to_string),
                line: Some(a.line),
                snippet: Some(a.evidence.clone()),
            }),
        }
    }
}
