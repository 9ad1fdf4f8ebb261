//! Turning eksctl's failure into advice: lines go through `Analyzer` as they stream
//! past (memory stays bounded: one hit per kind is kept, and a few names the log says),
//! then `Analyzer::advice` fills the catalog's advice with the run's cluster, region,
//! nodegroup and profile, falling back on the names the log itself gave.
//!
//! What is said, in order: the causes recognised; if none, the catch-alls of their
//! families; if none, the general advice of the families whose vocabulary the failure
//! lines use; then, always, notes on what the failure left behind.

pub mod catalog;
mod fill;
mod matcher;
pub mod predicted;
mod read;
pub mod render;

use std::collections::BTreeMap;

use catalog::Role;
pub use read::MAX_LINE;

/// The catalog's codes, summaries and advice templates, for docs/reference.md and `--help`.
pub fn kinds() -> impl Iterator<Item = &'static catalog::FailureKind> {
    catalog::all()
}

/// The codes of the catalog's kinds that recognise `line` (one line of eksctl's output).
pub fn kinds_in(line: &[u8]) -> Vec<&'static str> {
    let compiled = matcher::compiled();
    compiled
        .match_line(line)
        .map(|m| {
            m.kinds
                .iter()
                .map(|(k, _)| compiled.kinds[*k].code)
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone, Default)]
pub struct Context {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub nodegroup: Option<String>,
    /// The AWS profile the run used (`--profile`): repeated in the commands advised.
    pub profile: Option<String>,
}

#[derive(Debug, Clone)]
struct Hit {
    order: usize,
    evidence: String,
    captures: BTreeMap<String, String>,
    count: usize,
}

#[derive(Debug, Default)]
pub struct Analyzer {
    /// Skip eksctl's own info, success and debug lines (live output: most of it, and
    /// never where a failure is said).
    skip_routine: bool,
    hits: BTreeMap<usize, Hit>,
    lines: usize,
    /// The last `Error: ...` line eksctl printed, said when nothing is recognised.
    last_error: Option<String>,
    /// Names the log said (cluster, region, stack): the first of each.
    said: BTreeMap<String, String>,
}

/// Written as JSON by `output::explain_json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub code: &'static str,
    /// The kind's one-line description, with nothing of a run in it (docs/reference.md).
    pub title: String,
    /// The family of the kind (`network`, `stack`, `credentials`, `quota`, `config`,
    /// `kubernetes-access`, `cluster`); a family's own advice has the family as its code.
    pub family: &'static str,
    /// `cause`, `generic` (a catch-all), `family` (the family's general advice) or `note`
    /// (what the failure left behind, or information).
    pub role: &'static str,
    pub summary: String,
    pub advice: String,
    pub evidence: String,
    /// The 1-based line of the input the evidence was first seen at.
    pub line: usize,
}

impl Analyzer {
    /// Reads every line: for saved logs (`explain`), whatever their format.
    pub fn new() -> Self {
        Self::default()
    }

    /// For eksctl's live output: its `[ℹ]`, `[✔]` and `[▶]` lines are passed over unread
    /// (a failure is said in `[✖]`, `[!]` and `Error:` lines, and in stack events).
    pub fn for_live_output() -> Self {
        Analyzer {
            skip_routine: true,
            ..Self::default()
        }
    }

    /// Feeds one line (without its newline); invalid UTF-8 is read lossily.
    pub fn feed(&mut self, raw: &[u8]) {
        self.lines += 1;
        if self.skip_routine && is_routine_log_line(raw) {
            return;
        }
        let raw = strip_ansi(&raw[..raw.len().min(MAX_LINE)]);
        let line = raw.trim_ascii();
        if let Some(at) = error_line_start(line) {
            let last = self.last_error.get_or_insert_with(String::new);
            last.clear();
            last.push_str(&String::from_utf8_lossy(&line[at..]));
        }
        let Some(m) = matcher::compiled().match_line(line) else {
            return;
        };
        for r in m.facts {
            learn(&mut self.said, r, line);
        }
        let order = self.lines;
        let found = m.kinds.iter().map(|(k, r)| (*k, Some(*r)));
        for (kind, regex) in found.chain(m.family.map(|f| (f, None))) {
            let hit = self.hits.entry(kind).or_insert_with(|| Hit {
                order,
                evidence: String::from_utf8_lossy(line).into_owned(),
                captures: BTreeMap::new(),
                count: 0,
            });
            hit.count += 1;
            if let Some(r) = regex {
                learn(&mut hit.captures, r, line);
            }
        }
    }

    /// Feeds a whole text, line by line.
    pub fn feed_text(&mut self, text: &[u8]) {
        for line in text.split(|b| *b == b'\n') {
            self.feed(line);
        }
    }

    /// Feeds everything a reader gives, line by line, holding one buffer and at most
    /// `MAX_LINE` bytes of a line whatever the input (a 1 GB line included).
    pub fn feed_reader(&mut self, from: impl std::io::Read) -> std::io::Result<()> {
        read::lines(from, |line| self.feed(line))
    }

    /// A stack the run left in a failed state, found by asking CloudFormation after eksctl
    /// exited (eksctl can skip one silently): said as a note, with the command that
    /// deletes it.
    pub fn stack_left(&mut self, stack: &str, status: &str) {
        self.feed(format!("CloudFormation stack \"{stack}\" is in {status}").as_bytes());
    }

    pub fn merge(&mut self, other: Analyzer) {
        let offset = self.lines;
        for (kind, mut hit) in other.hits {
            hit.order += offset;
            self.hits
                .entry(kind)
                .and_modify(|h| h.count += hit.count)
                .or_insert(hit);
        }
        self.lines += other.lines;
        if other.last_error.is_some() {
            self.last_error = other.last_error;
        }
        for (name, value) in other.said {
            self.said.entry(name).or_insert(value);
        }
    }

    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// The advice for what was seen: the causes in the order first seen, else the
    /// catch-alls, else the families' general advice; then the notes.
    pub fn advice(&self, ctx: &Context) -> Vec<Advice> {
        let c = matcher::compiled();
        let role = |k: &usize| c.kinds[*k].role;
        let has = |r: Role| self.hits.keys().any(|k| role(k) == r);
        let lead = [Role::Cause, Role::Generic, Role::Family]
            .into_iter()
            .find(|r| has(*r));
        let seen = |code: &str| self.hits.keys().any(|k| c.kinds[*k].code == code);
        let superseded = |k: &usize| {
            catalog::SUPERSEDES
                .iter()
                .any(|(a, b)| *b == c.kinds[*k].code && seen(a))
        };
        let mut chosen: Vec<(&usize, &Hit)> = self
            .hits
            .iter()
            .filter(|(k, _)| Some(role(k)) == lead || role(k) == Role::Note)
            .filter(|(k, _)| !superseded(k))
            .collect();
        chosen.sort_by_key(|(k, h)| (role(k) == Role::Note, h.order));
        chosen
            .into_iter()
            .map(|(k, h)| {
                let kind = c.kinds[*k];
                let names = fill::Names {
                    captures: &h.captures,
                    context: ctx,
                    log: &self.said,
                };
                Advice {
                    code: kind.code,
                    title: kind.general_summary(),
                    family: kind.family.code(),
                    role: role_name(kind.role),
                    summary: fill::fill(kind.summary, &names),
                    advice: fill::fill(kind.advice, &names),
                    evidence: h.evidence.clone(),
                    line: h.order,
                }
            })
            .collect()
    }
}

/// Keeps the first value of each named group of `r` in `line`; a regex whose every
/// name is known already is not run again (a long log repeats the same lines).
fn learn(known: &mut BTreeMap<String, String>, r: &regex::bytes::Regex, line: &[u8]) {
    if r.capture_names().flatten().all(|n| known.contains_key(n)) {
        return;
    }
    let Some(caps) = r.captures(line) else {
        return;
    };
    for name in r.capture_names().flatten() {
        if let Some(v) = caps.name(name) {
            known
                .entry(name.to_string())
                .or_insert_with(|| String::from_utf8_lossy(v.as_bytes()).into_owned());
        }
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Cause => "cause",
        Role::Generic => "generic",
        Role::Family => "family",
        Role::Note => "note",
    }
}

/// `2006-01-02 15:04:05 [ℹ]  ...` (and `[✔]`, `[▶]`): eksctl's uncoloured info, success
/// and debug lines.
fn is_routine_log_line(raw: &[u8]) -> bool {
    const ICONS: [&[u8]; 3] = [
        "[\u{2139}]".as_bytes(),
        "[\u{2714}]".as_bytes(),
        "[\u{25b6}]".as_bytes(),
    ];
    raw.len() > 25
        && raw[4] == b'-'
        && raw[7] == b'-'
        && raw[10] == b' '
        && raw[13] == b':'
        && raw[16] == b':'
        && raw[19] == b' '
        && ICONS.iter().any(|icon| raw[20..].starts_with(icon))
}

/// Where `Error: ` starts: at the line's start, or after a CI runner's timestamp
/// (`2024-05-01T10:00:00.1234567Z Error: ...`).
fn error_line_start(line: &[u8]) -> Option<usize> {
    const ERROR: &[u8] = b"Error: ";
    if line.starts_with(ERROR) {
        return Some(0);
    }
    let first = line.iter().position(|b| *b == b' ')?;
    let stamp = &line[..first];
    let is_stamp = stamp.first().is_some_and(u8::is_ascii_digit)
        && stamp.contains(&b':')
        && stamp.contains(&b'T');
    (is_stamp && line[first + 1..].starts_with(ERROR)).then_some(first + 1)
}

/// Removes ANSI colour sequences (eksctl colours its log lines on a terminal).
pub fn strip_ansi(line: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !line.contains(&0x1b) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = Vec::with_capacity(line.len());
    let mut i = 0;
    while i < line.len() {
        if line[i] == 0x1b && line.get(i + 1) == Some(&b'[') {
            i += 2;
            while i < line.len() && !(0x40..=0x7e).contains(&line[i]) {
                i += 1;
            }
            i += 1;
        } else {
            out.push(line[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests;
