//! `eksctl create iamidentitymapping` writes the aws-auth ConfigMap whatever the
//! cluster's authentication mode (pkg/ctl/create/iamidentitymapping.go and
//! pkg/actions/iamidentitymapping/create.go @0.165.0, @0.170.0, @0.230.0 never read it).
//! A cluster in mode `API` does not read aws-auth: the command succeeds and the
//! principal gets no access. The same principal needs an access entry instead.

use super::codes::Code;
use super::finding::{Finding, Severity};
use super::subject::Subject;
use crate::facts::Facts;
use crate::plan::render::quote;

pub fn check(subject: &Subject, facts: &Facts) -> Vec<Finding> {
    let Some(cluster) = &facts.cluster else {
        return vec![];
    };
    if cluster.authentication_mode.as_deref() != Some("API") {
        return vec![];
    }
    let inv = subject.inv;
    let arn = inv.value_of_any(&["arn", "role"]);
    let mut rest = format!(
        "create accessentry --cluster {} --principal-arn {}",
        quote(&subject.cluster),
        arn.as_deref().map_or_else(|| "<arn>".to_string(), quote)
    );
    let groups = inv.list("group");
    if !groups.is_empty() {
        rest.push_str(&format!(
            " --kubernetes-groups {}",
            quote(&groups.join(","))
        ));
    }
    if let Some(user) = inv.value("username") {
        rest.push_str(&format!(" --kubernetes-username {}", quote(&user)));
    }
    // `create accessentry` arrived in eksctl 0.167.0 (pkg/ctl/create/access_entry.go is
    // absent at 0.165.0 and 0.166.0; audit v2 L7): an older eksctl is told to upgrade.
    let old = facts.eksctl_version.as_ref().filter(|v| !v.at_least(167));
    let remediation = match old {
        None => format!(
            "Give the principal an access entry instead: `{}` (EKS refuses groups that start with `system:` there; use an access policy for admin access).",
            crate::report::eksctl_command(&rest, facts)
        ),
        Some(v) => format!(
            "Give the principal an access entry instead. eksctl {v} has no `create accessentry` (it arrived in 0.167.0): upgrade eksctl, then `{}`; or use `aws eks create-access-entry --cluster-name {} --principal-arn {}`.",
            crate::report::eksctl_command(&rest, facts),
            quote(&subject.cluster),
            arn.as_deref().map_or_else(|| "<arn>".to_string(), quote)
        ),
    };
    vec![
        Finding::new(
            Code::IdentityMappingOnApi,
            Severity::Warning,
            format!(
                "cluster {:?} uses authentication mode API, which ignores aws-auth: eksctl will write the mapping into aws-auth and succeed, and it will have no effect",
                subject.cluster
            ),
            remediation,
        )
        .resources([subject.cluster.clone()]),
    ]
}
