//! GitHub Actions: workflow-command annotations (`::error file=…,line=…,title=…::…`)
//! and a Markdown summary appended to `$GITHUB_STEP_SUMMARY`. The runner reads workflow
//! commands from stdout and stderr alike, so the `eksctl` face writes them to stderr and
//! stdout stays eksctl's.

use std::fmt::Write;
use std::path::Path;

use super::sink::{self, text};
use crate::checks::{Finding, Severity};
use crate::config::LoadedConfig;

/// Whether this process runs in a GitHub Actions job.
pub fn detected() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// Where findings point: the config the command used, as GitHub names files (relative to
/// the workspace when it lies inside it).
pub struct Source<'a> {
    pub file: String,
    pub config: &'a LoadedConfig,
}

impl<'a> Source<'a> {
    pub fn of(config: &'a LoadedConfig) -> Option<Source<'a>> {
        let path = config.path.as_deref()?;
        let workspace = std::env::var_os("GITHUB_WORKSPACE");
        let shown = super::location::under(path, workspace.as_deref().map(Path::new));
        Some(Source {
            file: shown.display().to_string(),
            config,
        })
    }
}

/// One annotation per finding; `scope` (a cluster and region) starts each title.
pub fn annotations(findings: &[Finding], scope: &str, source: Option<&Source>) -> String {
    let mut out = String::new();
    for f in findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![];
        if let Some(src) = source {
            props.push(format!("file={}", property(&text(&src.file))));
            if let Some(line) = super::location::line(f, src.config) {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            property(&format!("eksctl-shim [{}] {}", f.code, text(scope)))
        ));
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            props.join(","),
            data(&format!(
                "{}\nWhat to do: {}",
                text(&f.message),
                text(&f.remediation)
            ))
        );
    }
    out
}

/// An annotation for something that is not a finding (a cluster that could not be checked).
pub fn error(title: &str, message: &str) -> String {
    format!(
        "::error title={}::{}\n",
        property(&text(title)),
        data(&text(message))
    )
}

pub fn warning(title: &str, message: &str) -> String {
    format!(
        "::warning title={}::{}\n",
        property(&text(title)),
        data(&text(message))
    )
}

/// The summary section of a command that went to eksctl unchecked.
pub fn unchecked(heading: &str, why: &str) -> String {
    format!(
        "### eksctl-shim: {}\n\nNot checked: {}. The command ran as given.\n\n",
        cell(heading),
        cell(why)
    )
}

/// A Markdown section: a heading, the findings as a table (or that there are none), and
/// the changes the shim made, if any. For a cluster some checks could not run on
/// (`not_run` says which, and the reads that failed) that comes first, and "no findings"
/// is never said of what was not looked at (hostile run v2, B1).
pub fn summary(
    heading: &str,
    findings: &[Finding],
    changes: Option<&str>,
    not_run: Option<&str>,
) -> String {
    let mut out = format!("### eksctl-shim: {}\n\n", cell(heading));
    if let Some(not_run) = not_run {
        let _ = writeln!(out, "**Not fully checked**: {}\n", cell(not_run));
    }
    if findings.is_empty() && not_run.is_none() {
        out.push_str("No findings.\n\n");
    } else if findings.is_empty() {
        out.push_str("No findings among the checks that ran.\n\n");
    } else {
        out.push_str("| Severity | Code | Finding | What to do |\n|---|---|---|---|\n");
        for f in findings {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                f.severity,
                f.code,
                cell(&f.message),
                cell(&f.remediation)
            );
        }
        out.push('\n');
    }
    if let Some(changes) = changes.filter(|c| !c.trim().is_empty()) {
        let _ = write!(
            out,
            "What the shim changed:\n\n{}\n",
            sink::markdown_block("text", changes.trim_end())
        );
    }
    out
}

/// Appends to `$GITHUB_STEP_SUMMARY` when it is set; a failure is a warning, never an error
/// of the user's command.
pub fn append_summary(markdown: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, markdown.as_bytes()));
    if let Err(e) = written {
        crate::say::warning(format!(
            "cannot append to GITHUB_STEP_SUMMARY ({}): {e}",
            Path::new(&path).display()
        ));
    }
}

/// A message (its outside parts already through `sink::text`), escaped as the runner
/// unescapes it.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`, `title=`): also `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A table cell (or a heading's text): `sink::markdown_cell`.
fn cell(s: &str) -> String {
    sink::markdown_cell(s)
}
