//! The plan: what the shim will run instead of the user's command, and why. Every
//! rewrite goes through `Planner`, which refuses to build a combination eksctl refuses.

pub mod argv_edit;
pub mod render;

use std::ffi::OsString;

use serde_yaml_ng::Value;

use crate::config::{LoadedConfig, rewrite, select};
use crate::invocation::{ConfigSource, Intercepted, Invocation, flags};

/// Stands where the path of a rewritten config goes. It holds a NUL byte, which no
/// argument can contain, so it never collides with anything the user wrote.
pub const CONFIG_PATH_SLOT: &str = "\0eksctl-shim-config\0";

/// One eksctl run.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// argv without argv[0]; `CONFIG_PATH_SLOT` marks where a rewritten config's path goes.
    pub args: Vec<OsString>,
    /// The bytes of the config this step reads, when it is not the user's own file or
    /// stdin: written to a private temporary file whose path fills the slot.
    pub config: Option<Vec<u8>>,
    pub label: String,
}

/// A change the shim made, said to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub what: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub changes: Vec<Change>,
}

impl Plan {
    pub fn is_unchanged(&self) -> bool {
        self.changes.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("eksctl refuses --{0} together with --config-file")]
    RefusedWithConfigFile(String),
    #[error("eksctl refuses --update-auth-configmap together with --dry-run")]
    AuthFlagWithDryRun,
    #[error("no nodegroup named {0:?} in the config")]
    NoSuchNodegroup(String),
    #[error("subnets can only be pinned for `create nodegroup` or with a config file")]
    CannotPinSubnets,
    #[error(
        "the config would not read back the same once rewritten (unusual YAML: tags or odd keys); it is left as it is"
    )]
    NotRoundTrippable,
}

pub struct Planner<'a> {
    inv: &'a Invocation,
    config: Option<&'a LoadedConfig>,
    /// The config tree with the edits so far; `None` until the first edit.
    tree: Option<Value>,
    flag_edits: Vec<(String, Option<String>)>,
    split_self_managed: Option<Vec<String>>,
    changes: Vec<Change>,
}

impl<'a> Planner<'a> {
    pub fn new(inv: &'a Invocation, config: Option<&'a LoadedConfig>) -> Self {
        Planner {
            inv,
            config,
            tree: None,
            flag_edits: vec![],
            split_self_managed: None,
            changes: vec![],
        }
    }

    /// Sets `--name` (`value: None` for a boolean's `true`) on the user's command.
    pub fn set_flag(
        &mut self,
        name: &str,
        value: Option<&str>,
        change: Change,
    ) -> Result<(), PlanError> {
        if self.inv.config.is_some() && flags::refused_with_config_file(name) {
            return Err(PlanError::RefusedWithConfigFile(name.into()));
        }
        if name == "update-auth-configmap" && self.inv.dry_run {
            return Err(PlanError::AuthFlagWithDryRun);
        }
        self.flag_edits.retain(|(n, _)| n != name);
        self.flag_edits
            .push((name.into(), value.map(str::to_string)));
        self.changes.push(change);
        Ok(())
    }

    /// Creates `nodegroup` in `subnets`: in the config copy with `-f` (eksctl ignores
    /// `--subnet-ids` there), as `--subnet-ids` without it.
    pub fn pin_subnets(
        &mut self,
        nodegroup: &str,
        subnets: &[String],
        change: Change,
    ) -> Result<(), PlanError> {
        match self.config {
            Some(config) => {
                let found = select::select(&config.model, &[], &[])
                    .into_iter()
                    .find(|s| s.nodegroup.name == nodegroup)
                    .ok_or_else(|| PlanError::NoSuchNodegroup(nodegroup.into()))?;
                let mut tree = self.tree.clone().unwrap_or_else(|| config.tree.clone());
                if !rewrite::pin_subnets(&mut tree, found.kind, found.index, subnets) {
                    return Err(PlanError::NoSuchNodegroup(nodegroup.into()));
                }
                if rewrite::to_yaml_verified(&tree).is_none() {
                    return Err(PlanError::NotRoundTrippable);
                }
                self.tree = Some(tree);
                self.changes.push(change);
                Ok(())
            }
            None if self.inv.command == Intercepted::CreateNodegroup => {
                self.set_flag("subnet-ids", Some(&subnets.join(",")), change)
            }
            None => Err(PlanError::CannotPinSubnets),
        }
    }

    /// `create cluster` in two steps: the cluster without the self-managed nodegroups,
    /// then `create nodegroup -f ... --include=<them> --update-auth-configmap`.
    pub fn split_cluster_create(&mut self, self_managed: Vec<String>, change: Change) {
        self.split_self_managed = Some(self_managed);
        self.changes.push(change);
    }

    pub fn finish(self) -> Plan {
        let inv = self.inv;
        let edited_tree = self.tree.as_ref().map(|t| rewrite::to_yaml(t).into_bytes());
        let Some(self_managed) = self.split_self_managed.filter(|_| self.config.is_some()) else {
            let mut args = argv_edit::set_flags(&inv.args, &self.flag_edits);
            if edited_tree.is_some() {
                args = argv_edit::set_config_slot(&args);
            }
            let step = Step {
                args,
                config: edited_tree,
                label: "eksctl".into(),
            };
            return Plan {
                steps: vec![step],
                changes: self.changes,
            };
        };
        let config = self.config.expect("checked above");
        let tree = self.tree.as_ref().unwrap_or(&config.tree);

        let first_args =
            argv_edit::set_config_slot(&argv_edit::set_flags(&inv.args, &self.flag_edits));
        let first = Step {
            args: first_args,
            config: Some(rewrite::to_yaml(&rewrite::without_self_managed(tree)).into_bytes()),
            label: "step 1 of 2: the cluster without its self-managed nodegroups".into(),
        };
        // Step 2 reads the whole config: the user's own file when nothing was edited.
        let (second_config, second_path): (Option<Vec<u8>>, OsString) =
            match (&edited_tree, &inv.config) {
                (None, Some(ConfigSource::File(p))) => (None, p.clone().into_os_string()),
                (None, _) => (Some(config.raw.clone()), CONFIG_PATH_SLOT.into()),
                (Some(bytes), _) => (Some(bytes.clone()), CONFIG_PATH_SLOT.into()),
            };
        let mut second_args: Vec<OsString> = vec![
            "create".into(),
            "nodegroup".into(),
            "--config-file".into(),
            second_path,
        ];
        second_args.push(format!("--include={}", self_managed.join(",")).into());
        second_args.push("--update-auth-configmap".into());
        second_args.extend(argv_edit::carried_to_nodegroup_step(&inv.words));
        let second = Step {
            args: second_args,
            config: second_config,
            label: format!(
                "step 2 of 2: the self-managed nodegroups ({})",
                self_managed.join(", ")
            ),
        };
        Plan {
            steps: vec![first, second],
            changes: self.changes,
        }
    }
}

#[cfg(test)]
mod tests;
