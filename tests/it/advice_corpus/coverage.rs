//! The share of eksctl's create-path messages the advice recognises, written into the
//! docs/reference.md between `<!-- advice-coverage:start -->` and `<!-- advice-coverage:end -->`.

use std::collections::BTreeMap;

use super::messages::{Message, is_failure};

#[derive(Default)]
pub struct Share {
    pub failures: usize,
    pub failure_kind: usize,
    pub failure_family: usize,
    pub failure_wrapper: usize,
    pub failure_none: usize,
    pub other: usize,
    pub other_kind: usize,
    pub other_none: usize,
    pub by_family: BTreeMap<String, usize>,
    /// Family messages by why they are left to the family.
    pub by_why: BTreeMap<&'static str, usize>,
    pub releases: String,
    pub files: usize,
}

pub fn share(messages: &[Message]) -> Share {
    let mut s = Share::default();
    let mut files = std::collections::BTreeSet::new();
    for m in messages {
        files.extend(m.file.split(',').map(str::to_string));
        let (class, family) = m.expect.split_once(':').unwrap_or((m.expect.as_str(), ""));
        if is_failure(m) {
            s.failures += 1;
            match class {
                "kind" => s.failure_kind += 1,
                "family" => {
                    s.failure_family += 1;
                    *s.by_family.entry(family.to_string()).or_default() += 1;
                    *s.by_why.entry(why_class(&m.why)).or_default() += 1;
                }
                "wrapper" => s.failure_wrapper += 1,
                _ => s.failure_none += 1,
            }
        } else {
            s.other += 1;
            match class {
                "kind" => s.other_kind += 1,
                _ => s.other_none += 1,
            }
        }
    }
    s.files = files.len();
    s.releases = "0.165.0 to 0.230.0 (66 releases)".into();
    s
}

fn why_class(why: &str) -> &'static str {
    if why.starts_with("context") {
        "context around a wrapped error (whose own kind comes first)"
    } else if why.starts_with("a validation") {
        "a validation naming the field or flag and the rule"
    } else if why.starts_with("states its own remedy") {
        "a message that states its own remedy"
    } else if why.starts_with("eksctl's own check") {
        "eksctl's own consistency checks (a bug or an unexpected answer)"
    } else {
        "a resource and what eksctl found of it, no cause to add"
    }
}

fn pct(n: usize, of: usize) -> String {
    format!("{:.1}%", 100.0 * n as f64 / of.max(1) as f64)
}

/// The reference's section.
pub fn section(s: &Share) -> String {
    let counted = s.failures - s.failure_wrapper;
    let recognised = s.failure_kind + s.failure_family;
    let families = s
        .by_family
        .iter()
        .map(|(f, n)| format!("{f} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let whys = s
        .by_why
        .iter()
        .map(|(w, n)| format!("| {w} | {n} |\n"))
        .collect::<String>();
    format!(
        "{total} distinct messages on the create paths of eksctl {releases}, in {files} source \
         files: {failures} errors and `[✖]` lines, {other} warnings and notices. {fw} errors only \
         wrap another message (`%s: %w`), which decides; of the other {counted}:\n\n\
         | errors and `[✖]` lines | messages | share |\n|---|---|---|\n\
         | recognised by a specific kind | {fk} | {fkp} |\n\
         | left to a family's general advice | {ff} | {ffp} |\n\
         | **recognised, kind or family** | **{rec}** | **{recp}** |\n\
         | eksctl internal errors, no advice | {fnone} | {fnonep} |\n\n\
         By family: {families}. Why those are left to their family:\n\n\
         | left to the family because it is | messages |\n|---|---|\n{whys}\n\
         Of the {other} warnings and notices, {ok} are recognised by a kind (the drift warning \
         in both wordings, the ends of a failed create, a kubeconfig not written, nodes not \
         waited for) and {on} are information that needs no advice.\n",
        total = s.failures + s.other,
        releases = s.releases,
        files = s.files,
        failures = s.failures,
        other = s.other,
        fw = s.failure_wrapper,
        fk = s.failure_kind,
        fkp = pct(s.failure_kind, counted),
        ff = s.failure_family,
        ffp = pct(s.failure_family, counted),
        rec = recognised,
        recp = pct(recognised, counted),
        fnone = s.failure_none,
        fnonep = pct(s.failure_none, counted),
        ok = s.other_kind,
        on = s.other_none,
    )
}
