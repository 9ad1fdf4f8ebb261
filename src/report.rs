//! Findings said to a person: short, aligned, on stderr.

use std::fmt::Write;

use crate::checks::{Finding, Severity};

/// One block per finding: `eksctl-shim: error [code] message`, then `  what to do: ...`.
pub fn text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "eksctl-shim: {:<7} [{}] {}",
            f.severity.to_string(),
            f.code,
            f.message
        );
        if !f.remediation.is_empty() {
            let _ = writeln!(out, "             what to do: {}", f.remediation);
        }
    }
    out
}

pub fn worst(findings: &[Finding]) -> Option<Severity> {
    findings.iter().map(|f| f.severity).max()
}
