//! What eksctl refuses in a `-f` config before doing any work, so the shim hands the
//! command on unchanged instead of rewriting a file eksctl would not take: a rewrite
//! must never turn a refused command into one that creates something.

use super::filter_glob::Glob;
use super::model::ClusterConfig;
use crate::proxy::route::Intercepted;

/// eksctl's reason, in its words, or `None`.
pub fn why(
    command: Intercepted,
    config: &ClusterConfig,
    include: &[String],
    exclude: &[String],
) -> Option<String> {
    // commonClusterConfigLoader.Load, every intercepted command's loader
    // (pkg/ctl/cmdutils/configfile.go @0.170.0:150, @0.230.0:152).
    if config.metadata.region.as_deref().is_none_or(str::is_empty) {
        return Some("metadata.region must be set".into());
    }
    if !crate::command_spec::spec(command).creates_nodegroups {
        return None;
    }
    // ValidateNodeGroup: "only one of subnets or availabilityZones" (pkg/apis/eksctl.io/
    // v1alpha5/validation.go @0.170.0:604, @0.230.0:795).
    let both = config
        .node_groups
        .iter()
        .map(|ng| ("nodeGroups", ng))
        .chain(
            config
                .managed_node_groups
                .iter()
                .map(|ng| ("managedNodeGroups", ng)),
        )
        .find(|(_, ng)| !ng.subnets.is_empty() && !ng.availability_zones.is_empty());
    if let Some((key, ng)) = both {
        return Some(format!(
            "only one of {key}[{}].subnets or availabilityZones should be set",
            ng.name
        ));
    }
    // Filter.AppendGlobs: a glob that does not compile, and include globs matching no
    // nodegroup (pkg/ctl/cmdutils/filter/filter.go @0.170.0:167-199, @0.230.0:161-198).
    if let Some(bad) = include
        .iter()
        .chain(exclude)
        .find(|g| Glob::new(g).is_err())
    {
        return Some(format!("parsing glob filter {bad:?}"));
    }
    if !include.is_empty() {
        let names: Vec<&str> = config
            .node_groups
            .iter()
            .chain(&config.managed_node_groups)
            .map(|ng| ng.name.as_str())
            .collect();
        let matched = include.iter().any(|g| {
            let p = Glob::new(g).expect("checked above");
            names.iter().any(|n| p.matches(n))
        });
        if !matched {
            return Some(format!(
                "no nodegroups match include glob filter specification: {:?}",
                include.join(",")
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(yaml: &str) -> ClusterConfig {
        crate::config::parse(None, yaml.as_bytes().to_vec())
            .unwrap()
            .model
    }

    #[test]
    fn what_eksctl_refuses_in_a_file() {
        let ng = Intercepted::CreateNodegroup;
        let no_region = config("metadata: {name: prod}\nmanagedNodeGroups: [{name: ng-1}]\n");
        assert_eq!(
            why(ng, &no_region, &[], &[]).as_deref(),
            Some("metadata.region must be set")
        );
        let both = config(
            "metadata: {name: prod, region: eu-west-1}\nnodeGroups:\n- {name: ng-1, subnets: [s-1], availabilityZones: [eu-west-1a]}\n",
        );
        assert!(why(ng, &both, &[], &[]).unwrap().contains("only one of"));
        let ok = config(
            "metadata: {name: prod, region: eu-west-1}\nmanagedNodeGroups: [{name: ng-1}, {name: ng-2}]\n",
        );
        assert_eq!(why(ng, &ok, &[], &[]), None);
        assert_eq!(why(ng, &ok, &["ng-*".into()], &["ng-2".into()]), None);
        assert!(
            why(ng, &ok, &["web-*".into()], &[])
                .unwrap()
                .contains("no nodegroups match")
        );
        assert!(
            why(ng, &ok, &["[".into()], &[])
                .unwrap()
                .contains("parsing glob")
        );
        // gobwas/glob, not Rust's glob (audit v2 M2): alternatives, `**` and escapes
        // compile and match as eksctl compiles them.
        assert_eq!(why(ng, &ok, &["ng-{1,2}".into()], &[]), None);
        assert_eq!(why(ng, &ok, &[], &["tmp**".into()]), None);
        assert_eq!(why(ng, &ok, &[r"ng-\1".into()], &[]), None);
    }
}
