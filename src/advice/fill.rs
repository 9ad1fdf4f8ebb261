//! Advice templates filled with the run's names.
//!
//! `{name}`: a named group of the pattern that matched, else the run's context (cluster,
//! region, nodegroup, profile), else what the log itself said; unknown stays visible as
//! `<name>`. `{--profile}`: ` --profile <p>` when the run had a profile, else nothing.
//! `[[ ... ]]`: said only when every name inside is known.

use std::collections::BTreeMap;

use super::Context;

pub struct Names<'a> {
    pub captures: &'a BTreeMap<String, String>,
    pub context: &'a Context,
    pub log: &'a BTreeMap<String, String>,
}

impl Names<'_> {
    fn get(&self, name: &str) -> Option<String> {
        if name == "--profile" {
            return Some(
                self.context
                    .profile
                    .as_ref()
                    .map(|p| format!(" --profile {p}"))
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
        self.captures
            .get(name)
            .or(ctx)
            .or_else(|| self.log.get(name))
            .cloned()
    }
}

pub fn fill(template: &str, names: &Names) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find("[[") {
        out.push_str(&fill_plain(&rest[..start], names).0);
        let after = &rest[start + 2..];
        let Some(end) = after.find("]]") else {
            rest = after;
            continue;
        };
        let (segment, complete) = fill_plain(&after[..end], names);
        if complete {
            out.push_str(&segment);
        }
        rest = &after[end + 2..];
    }
    out.push_str(&fill_plain(rest, names).0);
    out
}

/// The text with its names filled, and whether every name was known.
fn fill_plain(template: &str, names: &Names) -> (String, bool) {
    let mut out = String::with_capacity(template.len() + 32);
    let mut complete = true;
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return (out, complete);
        };
        let name = &after[..end];
        match names.get(name) {
            Some(v) => out.push_str(&v),
            None => {
                complete = false;
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    (out, complete)
}
