//! eksctl <= 0.176 `create fargateprofile`: for a profile without its own pod execution
//! role, `Manager.Create` loads the cluster from its stack (`LoadClusterIntoSpecFromStack`
//! → `UseFromClusterStack`, pkg/actions/fargate/create.go and pkg/eks/api.go @0.170.0,
//! @0.176.0), which describes every subnet of the Outputs by ID: one deleted subnet fails
//! the command ("couldn't load cluster into spec: ... InvalidSubnetID.NotFound"), though a
//! profile never uses those subnets. When the cluster stack has no
//! FargatePodExecutionRoleARN output, eksctl has made its role stack
//! (eksctl-<cluster>-fargate) by then. 0.177 on skips deleted subnets.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::upgrade_import as import;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    if !role_needed(subject) {
        return vec![];
    }
    let Some((stack, gone)) = import::gone_on_old_eksctl(facts) else {
        return vec![];
    };
    let (repair, commands) = import::repair_gone(stack, subject, facts);
    vec![
        Finding::new(
            Code::FargateSubnetGone,
            Severity::Error,
            format!(
                "{} `create fargateprofile` fails loading the cluster: the cluster stack {} names deleted subnets ({}), which this eksctl looks up (InvalidSubnetID.NotFound), though the profile never uses them",
                import::eksctl_words(facts),
                stack.name,
                gone.join(", ")
            ),
            format!(
                "{repair}; or give every profile its podExecutionRoleARN (-f), which skips loading the cluster."
            ),
        )
        .resources(gone)
        .commands(commands),
    ]
}

/// A profile without `podExecutionRoleARN`: always with flags; with `-f`, any
/// `fargateProfiles[]` entry without one.
fn role_needed(subject: &Subject) -> bool {
    match subject.config {
        None => true,
        Some(c) => c.fargate_profiles.iter().any(|fp| {
            fp.get("podExecutionRoleARN")
                .and_then(|v| v.as_str())
                .is_none_or(str::is_empty)
        }),
    }
}
