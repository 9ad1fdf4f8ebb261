//! Which facts each check reads, so that a fact that could not be read (`facts::Gap`)
//! turns the checks reading it into "not run", said and decided on, instead of a silent
//! pass (or a false finding: a failed DescribeStacks is not `stack-missing`).

use super::Code;
use super::codes::Scope;
use crate::facts::{Fact, Facts, Gap};

/// The facts a code's check reads beyond the cluster itself (without the cluster nothing
/// is checked at all). An exhaustive match: a new code must say what it reads.
pub fn needs(code: Code) -> &'static [Fact] {
    use Fact::*;
    match code {
        Code::ClusterNotFound
        | Code::ClusterNotActive
        | Code::ClusterExists
        | Code::AuthFlagOnApi
        | Code::AuthApiOldEksctl
        | Code::AuthAccessEntry
        | Code::OutpostsManaged
        | Code::IdentityMappingOnApi
        | Code::EndpointAccessReset
        | Code::AuthModeStep
        | Code::AuthModeToApi => &[],
        Code::StackMissing | Code::SharedSgMissing => &[ClusterStack],
        Code::FailedNodegroupStack => &[NodegroupStacks],
        Code::StackVpcGone => &[ClusterStack, StackVpc],
        Code::StackSgGone => &[ClusterStack, SecurityGroups],
        Code::SubnetDrift
        | Code::NamedSubnetGone
        | Code::ConfigSubnetGone
        | Code::AliasSubnetKeys
        | Code::FargateSubnetGone
        | Code::UpgradeSubnetGone => &[ClusterStack, VpcSubnets],
        Code::StackUpdateDrift | Code::StackUpdateRebuild => {
            &[ClusterStack, VpcSubnets, StackTemplate]
        }
        Code::UpgradeTooFewZones | Code::UpgradeZoneResource => {
            &[ClusterStack, VpcSubnets, StackTemplate]
        }
        Code::ControlPlaneSubnetGone => &[VpcSubnets],
        Code::AccessEntryExists | Code::AccessEntrySkipped => &[AccessEntries],
    }
}

/// The checks of a command that did not run, and the gaps that stopped them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotRun {
    pub codes: Vec<Code>,
    /// Each failed read, once: `EC2 DescribeSubnets: throttled (RequestLimitExceeded)`.
    pub reasons: Vec<String>,
}

impl NotRun {
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn contains(&self, code: Code) -> bool {
        self.codes.contains(&code)
    }

    /// Another command's checks not run (`check --for` several), each code and each
    /// failed read said once.
    pub fn merge(&mut self, other: NotRun) {
        for c in other.codes {
            if !self.codes.contains(&c) {
                self.codes.push(c);
            }
        }
        for r in other.reasons {
            if !self.reasons.contains(&r) {
                self.reasons.push(r);
            }
        }
    }
}

impl std::fmt::Display for NotRun {
    /// `checks not run: subnet-drift, stack-missing (CloudFormation DescribeStacks: access denied (AccessDenied))`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codes: Vec<&str> = self.codes.iter().map(|c| c.as_str()).collect();
        write!(
            f,
            "checks not run: {} ({})",
            codes.join(", "),
            self.reasons.join("; ")
        )
    }
}

/// The checks of `scope`, less those skipped, that read a fact in `facts.gaps`.
pub fn not_run(scope: Scope, facts: &Facts, skip: &[Code]) -> NotRun {
    let mut out = NotRun::default();
    let mut seen: Vec<&Gap> = vec![];
    for code in Code::ALL
        .iter()
        .filter(|c| c.scope() == scope && !skip.contains(c))
    {
        let gaps: Vec<&Gap> = needs(*code)
            .iter()
            .filter_map(|fact| facts.gap(*fact))
            .collect();
        if gaps.is_empty() {
            continue;
        }
        out.codes.push(*code);
        for g in gaps {
            if !seen.iter().any(|s| s.fact == g.fact) {
                seen.push(g);
            }
        }
    }
    seen.sort_by_key(|g| g.fact);
    out.reasons = seen.iter().map(|g| g.to_string()).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::aws_error::{AwsError, AwsErrorKind};

    fn denied(operation: &'static str) -> AwsError {
        AwsError {
            kind: AwsErrorKind::AccessDenied,
            code: Some("AccessDenied".into()),
            operation,
            status: Some(403),
            detail: String::new(),
            cause: None,
        }
    }

    #[test]
    fn a_failed_stack_read_stops_every_check_of_the_stack_and_names_the_read() {
        let facts = Facts {
            gaps: vec![Gap::aws(
                Fact::ClusterStack,
                denied("CloudFormation DescribeStacks"),
            )],
            ..Default::default()
        };
        let not_run = not_run(Scope::Create, &facts, &[]);
        for code in [
            Code::StackMissing,
            Code::SubnetDrift,
            Code::StackUpdateDrift,
        ] {
            assert!(not_run.contains(code), "{not_run}");
        }
        assert!(!not_run.contains(Code::ClusterNotFound), "{not_run}");
        assert_eq!(
            not_run.reasons,
            ["CloudFormation DescribeStacks: access denied (AccessDenied)"]
        );
    }

    #[test]
    fn skipped_checks_and_other_commands_checks_are_not_listed() {
        let facts = Facts {
            gaps: vec![Gap::unknown(Fact::VpcSubnets, "no VPC")],
            ..Default::default()
        };
        let said = not_run(Scope::Create, &facts, &[Code::SubnetDrift]);
        assert!(!said.contains(Code::SubnetDrift));
        assert!(!said.contains(Code::ControlPlaneSubnetGone));
        assert!(said.contains(Code::NamedSubnetGone));
        assert!(not_run(Scope::Create, &Facts::default(), &[]).is_empty());
    }
}
