//! `check --for`: which eksctl commands the gate checks the cluster for. Each target is
//! a checked command (`checks::scope_of`), modelled as the run it stands for would be
//! typed, so its checks meet the same subject the pre-flight would build.

use std::ffi::OsString;

use serde::Serialize;

use crate::checks::codes::Scope;
use crate::config::LoadedConfig;
use crate::invocation::{Intercepted, Invocation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// `create nodegroup` (and `create cluster`'s nodegroups).
    Nodegroup,
    /// `upgrade cluster --approve`.
    ClusterUpgrade,
    /// `create fargateprofile`.
    Fargateprofile,
    /// `create accessentry -f`: the config's `accessConfig.accessEntries`.
    Accessentry,
    /// `utils update-authentication-mode -f`: the config's `accessConfig.authenticationMode`.
    AuthMode,
    /// Every target above that can be checked here.
    All,
}

impl Target {
    /// Every target `all` stands for, in the order reports list them.
    const EVERY: &'static [Target] = &[
        Target::Nodegroup,
        Target::ClusterUpgrade,
        Target::Fargateprofile,
        Target::Accessentry,
        Target::AuthMode,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Target::Nodegroup => "nodegroup",
            Target::ClusterUpgrade => "cluster-upgrade",
            Target::Fargateprofile => "fargateprofile",
            Target::Accessentry => "accessentry",
            Target::AuthMode => "auth-mode",
            Target::All => "all",
        }
    }

    pub fn command(self) -> Intercepted {
        match self {
            Target::Nodegroup | Target::All => Intercepted::CreateNodegroup,
            Target::ClusterUpgrade => Intercepted::UpgradeCluster,
            Target::Fargateprofile => Intercepted::CreateFargateProfile,
            Target::Accessentry => Intercepted::CreateAccessEntry,
            Target::AuthMode => Intercepted::UpdateAuthenticationMode,
        }
    }

    pub fn scope(self) -> Scope {
        crate::checks::scope_of(self.command())
    }

    /// The command line the target stands for: the config file when it has a path, else
    /// the cluster by name (a config from stdin still reaches the checks as the model).
    /// `upgrade cluster` with --approve, as the real run would be typed: its checks say
    /// what fails after the control plane is upgraded (errors), not only what a plan
    /// would show (warnings).
    pub fn invocation(self, cluster: &str, loaded: Option<&LoadedConfig>) -> Invocation {
        let row = crate::command_spec::spec(self.command()).words();
        let words = [row.verb, row.nouns[0]];
        let mut args: Vec<OsString> = words.iter().map(OsString::from).collect();
        match loaded.and_then(|c| c.path.clone()) {
            Some(path) => args.extend(["--config-file".into(), path.into_os_string()]),
            // `upgrade cluster` names the cluster with --name; the others with --cluster.
            None if self == Target::ClusterUpgrade => {
                args.extend(["--name".into(), cluster.into()])
            }
            None => args.extend(["--cluster".into(), cluster.into()]),
        }
        if self == Target::ClusterUpgrade {
            args.push("--approve".into());
        }
        Invocation::parse(self.command(), args)
    }

    /// What the target needs from a config, when it can check nothing without it: the
    /// principals to give entries to, the mode to move to.
    fn needs(self, loaded: Option<&LoadedConfig>) -> Option<&'static str> {
        let access = loaded.and_then(|c| c.model.access_config.as_ref());
        match self {
            Target::Accessentry if access.is_none_or(|a| a.access_entries.is_empty()) => {
                Some("a config (-f) with accessConfig.accessEntries")
            }
            Target::AuthMode if access.is_none_or(|a| a.authentication_mode.is_none()) => {
                Some("a config (-f) with accessConfig.authenticationMode")
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The targets to check, each once, in `EVERY`'s order. None asked: `nodegroup` for one
/// cluster (the gate before a `create nodegroup`, as `check` has always been), `all` for
/// `--all` (the fleet's nightly audit: whatever would fail). `all` leaves out the
/// targets the config does not give what they need; a target asked by name that lacks
/// it is an error (its name, and what it needs).
pub fn resolve(
    asked: &[Target],
    fleet: bool,
    loaded: Option<&LoadedConfig>,
) -> Result<Vec<Target>, (Target, &'static str)> {
    let asked: &[Target] = match (asked.is_empty(), fleet) {
        (false, _) => asked,
        (true, true) => &[Target::All],
        (true, false) => &[Target::Nodegroup],
    };
    let mut out = vec![];
    for t in Target::EVERY {
        if asked.contains(t) {
            if let Some(what) = t.needs(loaded) {
                return Err((*t, what));
            }
            out.push(*t);
        } else if asked.contains(&Target::All) && t.needs(loaded).is_none() {
            out.push(*t);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> LoadedConfig {
        crate::config::parse(None, text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn the_default_is_nodegroup_for_one_cluster_and_all_for_the_fleet() {
        assert_eq!(resolve(&[], false, None).unwrap(), [Target::Nodegroup]);
        assert_eq!(
            resolve(&[], true, None).unwrap(),
            [
                Target::Nodegroup,
                Target::ClusterUpgrade,
                Target::Fargateprofile
            ]
        );
    }

    #[test]
    fn all_takes_the_config_targets_only_from_a_config_that_gives_them() {
        let cfg = config(
            "metadata: {name: prod}\naccessConfig:\n  authenticationMode: API\n  accessEntries:\n  - principalARN: arn:aws:iam::1:role/a\n",
        );
        assert_eq!(resolve(&[Target::All], false, Some(&cfg)).unwrap().len(), 5);
        assert_eq!(
            resolve(&[Target::AuthMode], false, None),
            Err((
                Target::AuthMode,
                "a config (-f) with accessConfig.authenticationMode"
            ))
        );
        assert_eq!(
            resolve(
                &[Target::ClusterUpgrade, Target::Nodegroup, Target::Nodegroup],
                false,
                None
            )
            .unwrap(),
            [Target::Nodegroup, Target::ClusterUpgrade]
        );
    }

    #[test]
    fn the_upgrade_is_modelled_applied() {
        let inv = Target::ClusterUpgrade.invocation("prod", None);
        assert_eq!(inv.command, Intercepted::UpgradeCluster);
        assert!(!inv.plan_mode);
        assert_eq!(
            Target::Fargateprofile
                .invocation("prod", None)
                .cluster
                .as_deref(),
            Some("prod")
        );
    }
}
