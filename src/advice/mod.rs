//! Turning eksctl's failure into advice: lines go through `Analyzer` as they stream
//! past (memory stays bounded: one hit per kind is kept), then `Analyzer::advice` fills
//! the catalog's advice with the run's cluster, region and nodegroup.

pub mod catalog;
pub mod render;

use std::collections::BTreeMap;
use std::sync::OnceLock;

// Byte regexes with Unicode classes off: eksctl's stable phrases are ASCII, and the
// ASCII automata are a fraction of the size (the catalog compiled with Unicode classes
// added about 10 MB to the shim's peak memory: 27.6 MB against 18.0 MB measured).
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Serialize;

/// Lines longer than this are matched on their first part only.
const MAX_LINE: usize = 16 * 1024;

struct Compiled {
    kinds: Vec<&'static catalog::Kind>,
    set: RegexSet,
    /// Pattern index in `set` → (kind index, regex with its named groups).
    patterns: Vec<(usize, Regex)>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let kinds: Vec<_> = catalog::all().collect();
        let mut patterns = vec![];
        for (i, k) in kinds.iter().enumerate() {
            for p in k.patterns {
                patterns.push((
                    i,
                    RegexBuilder::new(p)
                        .unicode(false)
                        .build()
                        .unwrap_or_else(|e| panic!("catalog pattern of {}: {e}", k.code)),
                ));
            }
        }
        let set = RegexSetBuilder::new(patterns.iter().map(|(_, r)| r.as_str()))
            .unicode(false)
            .build()
            .expect("catalog patterns compile");
        Compiled {
            kinds,
            set,
            patterns,
        }
    })
}

/// The catalog's codes, summaries and advice templates, for the README and `--help`.
pub fn kinds() -> impl Iterator<Item = &'static catalog::Kind> {
    catalog::all()
}

#[derive(Debug, Clone, Default)]
pub struct Context {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub nodegroup: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub code: &'static str,
    pub summary: &'static str,
    pub advice: String,
    pub evidence: String,
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
        if self.skip_routine && is_routine_log_line(raw) {
            self.lines += 1;
            return;
        }
        let raw = strip_ansi(&raw[..raw.len().min(MAX_LINE)]);
        let text = String::from_utf8_lossy(&raw);
        let line = clean(&text);
        self.lines += 1;
        if line.starts_with("Error: ") {
            self.last_error = Some(line.to_string());
        }
        let c = compiled();
        let bytes = line.as_bytes();
        // Most lines match nothing: the one-pass test first, the per-pattern walk after.
        if !c.set.is_match(bytes) {
            return;
        }
        for p in c.set.matches(bytes).iter() {
            let (kind, regex) = &c.patterns[p];
            let order = self.lines;
            let hit = self.hits.entry(*kind).or_insert_with(|| Hit {
                order,
                evidence: line.to_string(),
                captures: BTreeMap::new(),
                count: 0,
            });
            hit.count += 1;
            if let Some(caps) = regex.captures(bytes) {
                for name in regex.capture_names().flatten() {
                    if let Some(m) = caps.name(name) {
                        hit.captures
                            .entry(name.to_string())
                            .or_insert_with(|| String::from_utf8_lossy(m.as_bytes()).into_owned());
                    }
                }
            }
        }
    }

    /// Feeds a whole text, line by line.
    pub fn feed_text(&mut self, text: &[u8]) {
        for line in text.split(|b| *b == b'\n') {
            self.feed(line);
        }
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
    }

    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }

    /// The advice for what was seen, in the order it was first seen; catch-all kinds only
    /// when nothing more specific matched.
    pub fn advice(&self, ctx: &Context) -> Vec<Advice> {
        let c = compiled();
        let any_specific = self.hits.keys().any(|k| !c.kinds[*k].generic);
        let mut hits: Vec<(&usize, &Hit)> = self
            .hits
            .iter()
            .filter(|(k, _)| !(any_specific && c.kinds[**k].generic))
            .collect();
        hits.sort_by_key(|(_, h)| h.order);
        hits.into_iter()
            .map(|(k, h)| {
                let kind = c.kinds[*k];
                Advice {
                    code: kind.code,
                    summary: kind.summary,
                    advice: fill(kind.advice, ctx, &h.captures),
                    evidence: h.evidence.clone(),
                }
            })
            .collect()
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

/// Without colour codes and surrounding blanks.
fn clean(line: &str) -> &str {
    line.trim_end_matches(['\r', '\n']).trim()
}

/// Fills `{name}` from the captures, then the context; unknown names stay visible as `<name>`.
fn fill(template: &str, ctx: &Context, captures: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        let value = captures.get(name).cloned().or_else(|| match name {
            "cluster" => ctx.cluster.clone(),
            "region" => ctx.region.clone(),
            "nodegroup" => ctx.nodegroup.clone(),
            _ => None,
        });
        match value {
            Some(v) => out.push_str(&v),
            None => {
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
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
