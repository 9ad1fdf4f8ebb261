//! The catalog of known eksctl failures: one file per family of advice, one entry per kind.
//! Patterns match what is stable (error codes, fixed phrases), so the same failure in
//! other words around it, with other IDs or in another log format is still recognised.
//!
//! Every kind belongs to a family. When no kind recognises a failure line (an `Error:`
//! line, a `[✖]` line, a failed stack event), the family's own entry still gives the
//! family's general advice: what to look at, with the run's names filled in.
//!
//! `{name}` in advice is filled from a named group of the pattern that matched, then from
//! the run (`cluster`, `region`, `nodegroup`), then from what the log itself said; unknown
//! values show as `<name>`. `{--profile}` becomes ` --profile <p>` when the run had one.

mod access;
mod aws_codes;
mod cluster;
mod config;
mod credentials;
mod families;
mod kubernetes;
mod network;
mod notes;
mod quota;
mod stack;

/// What a kind says about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A specific cause.
    Cause,
    /// A catch-all within its family: reported only when no cause was recognised.
    Generic,
    /// The family's general advice: only for failure lines, and only when no cause and no
    /// catch-all was recognised.
    Family,
    /// What the failure left behind (a stack to delete), or information; reported after
    /// the causes, and never hides them or the family's advice.
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Network,
    Stack,
    Credentials,
    Quota,
    Config,
    KubernetesAccess,
    Cluster,
}

impl Family {
    pub const ALL: [Family; 7] = [
        Family::Network,
        Family::Stack,
        Family::Credentials,
        Family::Quota,
        Family::Config,
        Family::KubernetesAccess,
        Family::Cluster,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Family::Network => "network",
            Family::Stack => "stack",
            Family::Credentials => "credentials",
            Family::Quota => "quota",
            Family::Config => "config",
            Family::KubernetesAccess => "kubernetes-access",
            Family::Cluster => "cluster",
        }
    }
}

pub struct FailureKind {
    pub code: &'static str,
    /// What happened, in a few words; `[[ in {region}]]` is said when the run's region
    /// is known (the template rules of `advice::fill`).
    pub summary: &'static str,
    /// Regexes; any one matching a line recognises the kind.
    pub patterns: &'static [&'static str],
    pub advice: &'static str,
    pub family: Family,
    pub role: Role,
}

impl FailureKind {
    /// A catch-all (or a family's own entry), reported only when nothing more specific matched.
    pub fn is_generic(&self) -> bool {
        matches!(self.role, Role::Generic | Role::Family)
    }

    /// The summary with nothing of a run in it (for tables of the catalog).
    pub fn general_summary(&self) -> String {
        let none = std::collections::BTreeMap::new();
        super::fill::fill(
            self.summary,
            &super::fill::Names {
                captures: &none,
                context: &super::Context::default(),
                log: &none,
            },
        )
    }
}

pub const fn kind(
    family: Family,
    code: &'static str,
    summary: &'static str,
    patterns: &'static [&'static str],
    advice: &'static str,
) -> FailureKind {
    FailureKind {
        code,
        summary,
        patterns,
        advice,
        family,
        role: Role::Cause,
    }
}

impl FailureKind {
    /// A catch-all of its family: said only when no cause matched.
    pub const fn generic(self) -> FailureKind {
        FailureKind {
            role: Role::Generic,
            ..self
        }
    }

    /// What a failure left behind, or information: said beside the cause.
    pub const fn note(self) -> FailureKind {
        FailureKind {
            role: Role::Note,
            ..self
        }
    }
}

/// Pairs (a, b): when both are seen, only a is said (b says less, or the same again).
pub const SUPERSEDES: &[(&str, &str)] = &[
    // `eksctl delete cluster` also deletes the nodegroup stacks of a half-made cluster.
    ("cluster-left-half-made", "nodegroup-stack-left"),
    ("auth-mode-rejected", "invalid-parameter"),
    // A failed stack event whose reason names an AWS code: the code says more.
    ("access-denied", "stack-resource-failed"),
    ("quota-exceeded", "stack-resource-failed"),
    ("invalid-parameter", "stack-resource-failed"),
    ("auth-mode-rejected", "stack-resource-failed"),
    ("aws-resource-not-found", "stack-resource-failed"),
    ("cloudformation-validation-error", "stack-resource-failed"),
    ("eks-resource-in-use", "stack-resource-failed"),
    ("eks-resource-not-found", "stack-resource-failed"),
];

/// Every kind, specific families first, then the notes, then the families' own entries.
pub fn all() -> impl Iterator<Item = &'static FailureKind> {
    [
        network::KINDS,
        stack::KINDS,
        cluster::KINDS,
        access::KINDS,
        kubernetes::KINDS,
        credentials::KINDS,
        config::KINDS,
        quota::KINDS,
        aws_codes::KINDS,
        notes::KINDS,
        families::KINDS,
    ]
    .into_iter()
    .flatten()
}
