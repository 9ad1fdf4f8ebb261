//! The catalog of known eksctl failures: one entry per kind, one file per family.
//! Patterns match what is stable (error codes, fixed phrases), so the same failure in
//! other words around it, with other IDs or in another log format is still recognised.
//! `{name}` in advice is filled from the run (`cluster`, `region`, `nodegroup`) or from a
//! named group of the pattern that matched; unknown values show as `<name>`.

mod auth;
mod capacity;
mod cluster;
mod config;
mod credentials;
mod kubernetes;
mod network;
mod stack;

pub struct Kind {
    pub code: &'static str,
    pub summary: &'static str,
    /// Regexes; any one matching a line recognises the kind.
    pub patterns: &'static [&'static str],
    pub advice: &'static str,
    /// A catch-all, reported only when nothing more specific matched.
    pub generic: bool,
}

pub const fn kind(
    code: &'static str,
    summary: &'static str,
    patterns: &'static [&'static str],
    advice: &'static str,
) -> Kind {
    Kind {
        code,
        summary,
        patterns,
        advice,
        generic: false,
    }
}

pub const fn generic(
    code: &'static str,
    summary: &'static str,
    patterns: &'static [&'static str],
    advice: &'static str,
) -> Kind {
    Kind {
        code,
        summary,
        patterns,
        advice,
        generic: true,
    }
}

/// Every kind, specific families first.
pub fn all() -> impl Iterator<Item = &'static Kind> {
    [
        network::KINDS,
        stack::KINDS,
        cluster::KINDS,
        auth::KINDS,
        credentials::KINDS,
        kubernetes::KINDS,
        config::KINDS,
        capacity::KINDS,
    ]
    .into_iter()
    .flatten()
}
