//! `eksctl create accessentry`: each entry is a stack of its own,
//! `eksctl-<cluster>-accessentry-<base32(sha1(principal ARN))>` (pkg/actions/accessentry
//! /creator.go `MakeStackName` @0.167.0, @0.170.0, @0.230.0). Entries whose stack exists
//! are left out (`FilterOutExistingStacks`, pkg/ctl/cmdutils/filter/access_entry_filter.go);
//! for the others the stack's AWS::EKS::AccessEntry fails when EKS has an entry for the
//! principal already (made in the console, the API, or by `create cluster`): 409, the
//! stack rolls back, and eksctl says "failed to create access entry for principal ARN".

use sha1::{Digest, Sha1};

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;
use crate::plan::render::quote;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(known) = &facts.access_entries else {
        return vec![];
    };
    let wanted: Vec<String> = match subject.config {
        Some(c) => c
            .access_config
            .as_ref()
            .map(|a| {
                a.access_entries
                    .iter()
                    .filter_map(|e| e.principal_arn.clone())
                    .collect()
            })
            .unwrap_or_default(),
        None => subject.inv.value("principal-arn").into_iter().collect(),
    };
    let clashing: Vec<&String> = wanted
        .iter()
        .filter(|arn| known.principals.contains(arn))
        .filter(|arn| !known.stacks.contains(&stack_name(&subject.cluster, arn)))
        .collect();
    clashing
        .into_iter()
        .map(|arn| {
            let place = crate::report::place_flags(facts);
            Finding::new(
                Code::AccessEntryExists,
                Severity::Error,
                format!(
                    "principal {arn} has an access entry on cluster {:?} already, not made by eksctl: the stack eksctl makes for it fails (409, AlreadyExists) and rolls back",
                    subject.cluster
                ),
                format!(
                    "Leave it out, or change the entry it has: `aws eks describe-access-entry --cluster-name {} --principal-arn {}{place}` shows it; to replace it, `aws eks delete-access-entry` it first.",
                    quote(&subject.cluster),
                    quote(arn)
                ),
            )
            .resources([arn.clone()])
        })
        .collect()
}

/// `MakeStackName`: SHA-1 of the ARN in base32 (RFC 4648 alphabet, no padding).
pub fn stack_name(cluster: &str, arn: &str) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let digest = Sha1::digest(arn.as_bytes());
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in digest {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    format!("eksctl-{cluster}-accessentry-{out}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stack_name_is_eksctl_s() {
        // pkg/ctl/cmdutils/filter/access_entry_filter_test.go @0.230.0
        assert_eq!(
            super::stack_name("web", "arn:aws:iam::012345689:role/AdministratorAccess"),
            "eksctl-web-accessentry-WMWIOJ7RIE7SKMRBEO5HI6YVVUKNBV4I"
        );
        assert_eq!(
            super::stack_name("staging", "arn:aws:iam::012345689:role/Viewer"),
            "eksctl-staging-accessentry-ZPCUBSOXPMTW5RRIV4YCDOYWDKIO4CMV"
        );
    }
}
