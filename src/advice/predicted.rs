//! A failure the pre-flight foresaw: an error finding stood, eksctl ran (fix or warn
//! mode) and failed, and the advice matched is what that finding's failure looks like.
//! Then the finding above already says why and what to do, and the shim says one line
//! that points at it instead of a second explanation (issue 25). Decided from the shim's
//! own data, the codes of the findings and the catalog's kinds and families, never from
//! the wording of either.

use super::Advice;
use crate::checks::Code;

/// The catalog kinds, or families, eksctl's failure is read as when the finding of
/// `code` holds; empty for a finding whose failure the catalog does not tell apart.
fn shows_as(code: Code) -> &'static [&'static str] {
    match code {
        // eksctl <= 0.176 looks every Output subnet up; 0.177 and later stop at the
        // nodegroup's kind (src/checks/subnet_drift.rs).
        Code::SubnetDrift | Code::UpgradeSubnetGone | Code::FargateSubnetGone => {
            &["subnet-not-found", "subnets-all-deleted"]
        }
        Code::NamedSubnetGone | Code::ConfigSubnetGone => {
            &["subnet-id-unknown", "subnet-not-found"]
        }
        // The cluster stack's update fails: a stack failure, whichever resource eksctl's
        // words name (src/checks/stack_update.rs).
        Code::StackUpdateDrift | Code::StackUpdateRebuild => &["stack", "subnet-not-found"],
        Code::UpgradeTooFewZones => &["stack-subnets-too-few-zones", "stack"],
        Code::UpgradeZoneResource => &["stack"],
        Code::ClusterNotFound => &["cluster-not-found"],
        Code::ClusterExists => &["cluster-already-exists", "stack-already-exists"],
        Code::SharedSgMissing => &["shared-node-sg-missing", "stack-missing-output"],
        Code::StackVpcGone => &["vpc-not-found"],
        Code::StackSgGone => &["security-group-not-found"],
        Code::AuthFlagOnApi => &["update-auth-configmap-on-api"],
        Code::AuthAccessEntry => &["access-entry-on-config-map"],
        Code::OutpostsManaged => &["outposts-managed-nodegroup"],
        Code::AccessEntryExists => &["access-entry-exists"],
        Code::AuthModeStep => &["auth-mode-rejected", "auth-mode-update-unsupported"],
        _ => &[],
    }
}

/// The error finding (of `standing`, the error findings the pre-flight reported that
/// the run did not fix) whose failure `advice` is, when every cause or catch-all matched
/// is one it foresaw; `None` (the full advice is said) otherwise, or when no cause was
/// matched at all.
pub fn as_predicted(standing: &[Code], advice: &[Advice]) -> Option<Code> {
    let causes: Vec<&Advice> = advice.iter().filter(|a| a.role != "note").collect();
    if causes.is_empty() {
        return None;
    }
    standing.iter().copied().find(|&code| {
        let seen = shows_as(code);
        causes
            .iter()
            .all(|a| seen.contains(&a.code) || seen.contains(&a.family))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advice(code: &'static str, family: &'static str, role: &'static str) -> Advice {
        Advice {
            code,
            family,
            role,
            title: String::new(),
            summary: String::new(),
            advice: String::new(),
            evidence: String::new(),
            line: 1,
        }
    }

    #[test]
    fn every_name_a_finding_foresees_is_a_kind_or_family_of_the_catalog() {
        let known: Vec<&str> = crate::advice::kinds()
            .flat_map(|k| [k.code, k.family.code()])
            .collect();
        for code in Code::ALL {
            for name in shows_as(*code) {
                assert!(
                    known.contains(name),
                    "{code} foresees {name:?}, which the catalog has not"
                );
            }
        }
    }

    #[test]
    fn a_failure_is_predicted_only_by_a_finding_that_foresaw_each_cause() {
        let stack = advice("stack", "stack", "generic");
        let note = advice("nodegroup-stack-left", "stack", "note");
        let quota = advice("vcpu-limit", "quota", "cause");
        assert_eq!(
            as_predicted(&[Code::StackUpdateDrift], &[stack.clone(), note.clone()]),
            Some(Code::StackUpdateDrift)
        );
        // A cause the finding did not foresee: the full advice.
        assert_eq!(
            as_predicted(&[Code::StackUpdateDrift], &[stack.clone(), quota]),
            None
        );
        // No error finding stood, or only notes were matched.
        assert_eq!(as_predicted(&[], &[stack]), None);
        assert_eq!(as_predicted(&[Code::StackUpdateDrift], &[note]), None);
        // A finding whose failure the catalog does not tell apart predicts nothing.
        let any = advice("eks-limit", "quota", "cause");
        assert_eq!(as_predicted(&[Code::ClusterNotActive], &[any]), None);
    }
}
