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
    let stack_of = |arn: &String| {
        let name = stack_name(&subject.cluster, arn);
        known.stacks.iter().find(|s| s.name == name)
    };
    let mut out: Vec<Finding> = wanted
        .iter()
        .filter_map(|arn| stack_of(arn).map(|s| (arn, s)))
        .filter_map(|(arn, stack)| skipped(subject, facts, arn, stack, known))
        .collect();
    let clashing: Vec<&String> = wanted
        .iter()
        .filter(|arn| known.principals.contains(arn))
        .filter(|arn| stack_of(arn).is_none())
        .collect();
    out.extend(clashing.into_iter().map(|arn| {
            let place = crate::report::place_flags(facts);
            Finding::new(
                Code::AccessEntryExists,
                Severity::Error,
                format!(
                    "principal {arn} has an access entry on cluster {:?} already, not made by eksctl: the stack eksctl makes for it fails (409, AlreadyExists) and rolls back",
                    subject.cluster
                ),
                format!(
                    "Leave it out, or change the entry it has: `aws eks describe-access-entry --cluster-name {} --principal-arn {}{place}` shows it; to replace it, `aws eks delete-access-entry` it first. After a failed run, delete the stack eksctl left (`{}`) before running the command again: eksctl skips a principal whose stack exists.",
                    quote(&subject.cluster),
                    quote(arn),
                    delete_command(subject, facts, arn)
                ),
            )
            .resources([arn.clone()])
    }));
    out
}

/// `eksctl delete accessentry`: while eksctl's stack exists it deletes that stack alone
/// (never an entry eksctl did not make), lifting its termination protection first
/// (pkg/actions/accessentry/remover.go:42-88 @0.230.0).
fn delete_command(subject: &Subject, facts: &Facts, arn: &str) -> String {
    crate::report::eksctl_command(
        &format!(
            "delete accessentry --cluster {} --principal-arn {}",
            quote(&subject.cluster),
            quote(arn)
        ),
        facts,
    )
}

/// eksctl counts any stack that is not deleted as the principal's entry ("access entries
/// already up-to-date", pkg/ctl/create/access_entry.go:61-67 @0.167.0, @0.230.0;
/// `allNonDeletedStackStatuses`, pkg/cfn/manager/api.go:488-511 @0.230.0), and a failed
/// stack is left as it is (pkg/actions/accessentry/task.go:44-77 @0.230.0): a stack that
/// failed, or whose entry was deleted outside eksctl, makes eksctl skip the principal and
/// create nothing (audit v2 M1).
fn skipped(
    subject: &Subject,
    facts: &Facts,
    arn: &String,
    stack: &crate::facts::StackSummary,
    known: &crate::facts::AccessEntries,
) -> Option<Finding> {
    use aws_sdk_cloudformation::types::StackStatus;
    let complete = matches!(
        stack.status,
        StackStatus::CreateComplete | StackStatus::UpdateComplete
    );
    let has_entry = known.principals.contains(arn);
    let why = match (complete, has_entry) {
        (true, true) => return None,
        (true, false) => format!(
            "its stack {} exists, but EKS has no entry for it (deleted outside eksctl)",
            stack.name
        ),
        (false, _) => format!("its stack {} is {}", stack.name, stack.status),
    };
    let severity = if has_entry {
        Severity::Warning
    } else {
        Severity::Error
    };
    Some(
        Finding::new(
            Code::AccessEntrySkipped,
            severity,
            format!(
                "principal {arn}: {why}; eksctl counts the stack as the entry, says \"access entries already up-to-date\" and creates nothing{}",
                if has_entry {
                    ""
                } else {
                    ", so the principal gets no access"
                }
            ),
            format!(
                "Delete eksctl's stack first (`{}`: with the stack there it deletes the stack alone), then run the command again.",
                delete_command(subject, facts, arn)
            ),
        )
        .resources([arn.clone(), stack.name.clone()]),
    )
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
