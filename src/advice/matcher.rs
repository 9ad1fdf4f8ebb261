//! The catalog compiled once: one set for the kinds (tried on every line read), one for
//! the families' vocabulary (tried only on failure lines no kind explained), and the
//! patterns that learn names from the log.

use std::sync::OnceLock;

// Byte regexes with Unicode classes off: eksctl's stable phrases are ASCII, and the
// ASCII automata are a fraction of the size (the catalog compiled with Unicode classes
// added about 10 MB to the shim's peak memory: 27.6 MB against 18.0 MB measured).
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::catalog::{self, FailureKind, Role};

/// What a pattern of the first set stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Index into `Compiled::kinds`.
    Kind(usize),
    /// A name the log says (cluster, region, stack), learnt from its named groups.
    Fact,
    /// The line says something failed: `Error: `, `[✖]`, a failed stack event.
    Failure,
}

/// Names eksctl prints on its way, in lines that say nothing about a failure, or in the
/// failure's own lines.
const FACTS: &[&str] = &[
    r"using region (?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)",
    r#"creating EKS cluster "(?P<cluster>[^"]+)" in "(?P<region>[^"]+)" region"#,
    r#"failed to create (?:cluster|nodegroups for cluster) "(?P<cluster>[^"]+)""#,
    r"to cleanup resources, run 'eksctl delete \w+ --region=(?P<region>[^\s']+) --(?:name|cluster)=(?P<cluster>[^\s']+)",
    r#"while waiting for CloudFormation stack "(?P<stack>[^"]+)""#,
    r#"waiting for CloudFormation stack "(?P<stack>[^"]+)": (?:waiter state transitioned to Failure|ResourceNotReady)"#,
    r"https://[a-z0-9-]+(?:-fips)?\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com",
];

/// `Error: ` (cobra's final line, or one wrapped inside another), `[✖]` (eksctl's error
/// icon), a failed stack event or stack status.
const FAILURE: &str = r#"(?:^|\s)Error: |\[\xE2\x9C\x96\]|\b[A-Z]+_FAILED\b|unexpected status ""#;

pub struct Compiled {
    pub kinds: Vec<&'static FailureKind>,
    set: RegexSet,
    /// Pattern index in `set` → what it stands for, and the regex with its named groups.
    patterns: Vec<(Target, Regex)>,
    families: RegexSet,
    /// Pattern index in `families` → kind index (a family's own entry).
    family_of: Vec<usize>,
}

fn build(p: &str) -> Regex {
    RegexBuilder::new(p)
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("advice pattern {p}: {e}"))
}

fn set(patterns: impl IntoIterator<Item = String>) -> RegexSet {
    RegexSetBuilder::new(patterns)
        .unicode(false)
        .build()
        .expect("advice patterns compile")
}

pub fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let kinds: Vec<_> = catalog::all().collect();
        let mut patterns = vec![];
        let mut family_patterns = vec![];
        let mut family_of = vec![];
        for (i, k) in kinds.iter().enumerate() {
            for p in k.patterns {
                if k.role == Role::Family {
                    family_patterns.push(p.to_string());
                    family_of.push(i);
                } else {
                    patterns.push((Target::Kind(i), build(p)));
                }
            }
        }
        patterns.extend(FACTS.iter().map(|p| (Target::Fact, build(p))));
        patterns.push((Target::Failure, build(FAILURE)));
        Compiled {
            set: set(patterns.iter().map(|(_, r)| r.as_str().to_string())),
            families: set(family_patterns),
            kinds,
            patterns,
            family_of,
        }
    })
}

/// What one line says.
#[derive(Debug, Default)]
pub struct LineMatch {
    /// Kinds recognised, each with the regex that did it.
    pub kinds: Vec<(usize, &'static Regex)>,
    pub facts: Vec<&'static Regex>,
    /// The family that takes a failure line no cause or catch-all explained.
    pub family: Option<usize>,
}

impl Compiled {
    /// Most lines match nothing: the one-pass test first, the per-pattern walk after.
    pub fn match_line(&'static self, line: &[u8]) -> Option<LineMatch> {
        if !self.set.is_match(line) {
            return None;
        }
        let mut m = LineMatch::default();
        let mut failure = false;
        for p in self.set.matches(line).iter() {
            match &self.patterns[p] {
                (Target::Kind(k), r) => m.kinds.push((*k, r)),
                (Target::Fact, r) => m.facts.push(r),
                (Target::Failure, _) => failure = true,
            }
        }
        let explained = m
            .kinds
            .iter()
            .any(|(k, _)| matches!(self.kinds[*k].role, Role::Cause | Role::Generic));
        if failure && !explained {
            m.family = self
                .families
                .matches(line)
                .iter()
                .map(|p| self.family_of[p])
                .min();
        }
        Some(m)
    }
}
