//! eksctl <= 0.176 `upgrade cluster` / `update cluster` on a stack whose subnet Outputs
//! name deleted subnets: `UseFromClusterStack` describes them by ID first thing
//! (pkg/vpc/vpc.go `ImportSubnetsFromIDList` @0.170.0, @0.176.0), so the command fails
//! with InvalidSubnetID.NotFound before it changes anything, plan mode included, and no
//! flag gets past it. >= 0.177 skips them (see `upgrade_zones` for what follows).

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use super::upgrade_import as import;
use crate::facts::Facts;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some((stack, gone)) = import::gone_on_old_eksctl(facts) else {
        return vec![];
    };
    let (repair, commands) = import::repair_gone(stack, subject, facts);
    vec![
        Finding::new(
            Code::UpgradeSubnetGone,
            Severity::Error,
            format!(
                "{} `{}` fails before it changes anything (with or without --approve): the cluster stack {} names deleted subnets ({}), and this eksctl looks each one up (InvalidSubnetID.NotFound)",
                import::eksctl_words(facts),
                import::command_words(subject),
                stack.name,
                gone.join(", ")
            ),
            format!("{repair}."),
        )
        .resources(gone)
        .commands(commands),
    ]
}
