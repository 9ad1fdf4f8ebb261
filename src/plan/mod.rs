//! The plan: what the shim will run instead of the user's command, and why. Every
//! rewrite goes through `Planner`, which refuses to build a combination eksctl refuses
//! and verifies every rewritten config (`config::rewrite`).

pub mod argv_edit;
pub mod fixes;
pub mod render;

use std::ffi::OsString;

use crate::config::rewrite::{self, ConfigChange, RewriteError};
use crate::config::{ConfigInput, LoadedConfig, select};
use crate::invocation::{ConfigSource, Intercepted, Invocation, flags};

/// One word of an eksctl command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Word(OsString),
    /// The path of the config this step reads (`Step::config`), known only when it runs.
    ConfigPath,
}

/// One eksctl run.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// argv without argv[0].
    pub args: Vec<Arg>,
    /// The bytes of the config this step reads when it is not the user's own file or
    /// stdin: a private temporary file whose path is `Arg::ConfigPath`, or, with
    /// `config_fd`, a fresh pipe.
    pub config: Option<Vec<u8>>,
    /// The descriptor of eksctl's the user's path names (`/dev/stdin`, `/dev/fd/N`), when
    /// the shim read that pipe and hands the same bytes back on a new pipe there: the
    /// argv stays as given and no file is written (an unusable TMPDIR cannot fail it).
    pub config_fd: Option<i32>,
    pub label: String,
}

impl Step {
    /// The argv with `path` for the config.
    pub fn argv(&self, path: &std::path::Path) -> Vec<OsString> {
        self.args
            .iter()
            .map(|a| match a {
                Arg::Word(w) => w.clone(),
                Arg::ConfigPath => path.as_os_str().to_owned(),
            })
            .collect()
    }
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
    /// The user's config with the fixes in it, when the shim edited it: the file to keep
    /// (`EKSCTL_SHIM_KEEP_CONFIG`, `plan --write`) and commit.
    pub rewritten: Option<Vec<u8>>,
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
    #[error("eksctl refuses --{0} together with --dry-run")]
    RefusedWithDryRun(String),
    #[error("no nodegroup named {0:?} in the config")]
    NoSuchNodegroup(String),
    #[error("subnets can only be pinned for `create nodegroup` or with a config file")]
    CannotPinSubnets,
    #[error("the config is left as it is: {0}")]
    Rewrite(#[from] RewriteError),
}

pub struct Planner<'a> {
    inv: &'a Invocation,
    input: Option<&'a ConfigInput>,
    config: Option<&'a LoadedConfig>,
    config_changes: Vec<ConfigChange>,
    /// The verified text of the config with `config_changes`, once there is one.
    edited: Option<String>,
    flag_edits: Vec<(String, Option<String>)>,
    removed_flags: Vec<String>,
    split: Option<(Vec<String>, String)>,
    changes: Vec<Change>,
}

impl<'a> Planner<'a> {
    pub fn new(
        inv: &'a Invocation,
        input: Option<&'a ConfigInput>,
        config: Option<&'a LoadedConfig>,
    ) -> Self {
        Planner {
            inv,
            input,
            config,
            config_changes: vec![],
            edited: None,
            flag_edits: vec![],
            removed_flags: vec![],
            split: None,
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
        if self.inv.dry_run && flags::refused_with_dry_run(name) {
            return Err(PlanError::RefusedWithDryRun(name.into()));
        }
        self.flag_edits.retain(|(n, _)| n != name);
        self.flag_edits
            .push((name.into(), value.map(str::to_string)));
        self.changes.push(change);
        Ok(())
    }

    /// Creates `nodegroup` (`None`: the one nodegroup of a command without `-f`) in
    /// `subnets`: in the config copy with `-f` (eksctl ignores `--subnet-ids` there), as
    /// `--subnet-ids` without it, dropping `--node-zones` (eksctl refuses both together).
    pub fn pin_subnets(
        &mut self,
        nodegroup: Option<&str>,
        subnets: &[String],
        change: Change,
    ) -> Result<(), PlanError> {
        match (self.config, nodegroup) {
            (Some(config), Some(name)) => {
                let found = select::select(&config.model, &[], &[])
                    .into_iter()
                    .find(|s| s.nodegroup.name == name)
                    .ok_or_else(|| PlanError::NoSuchNodegroup(name.into()))?;
                let mut changes = self.config_changes.clone();
                changes.push(ConfigChange::PinSubnets {
                    kind: found.kind,
                    index: found.index,
                    subnets: subnets.to_vec(),
                });
                self.edited = Some(rewrite::apply(config, &changes)?);
                self.config_changes = changes;
                self.changes.push(change);
                Ok(())
            }
            (None, _)
                if self.inv.config.is_none()
                    && self.inv.command == Intercepted::CreateNodegroup =>
            {
                self.set_flag("subnet-ids", Some(&subnets.join(",")), change)?;
                self.removed_flags.push("node-zones".into());
                Ok(())
            }
            _ => Err(PlanError::CannotPinSubnets),
        }
    }

    /// `pin_subnets` for several nodegroups of the config at once, all or none: one
    /// rewrite and one verification for all of them, where a call per nodegroup rewrites
    /// and verifies the whole config again each time (N nodegroups: N squared, hostile run
    /// v2 B17). On an error nothing is applied; the caller then pins them one by one, to
    /// learn which one is refused.
    pub fn pin_subnets_all(
        &mut self,
        pins: Vec<(&str, &[String], Change)>,
    ) -> Result<(), PlanError> {
        let config = self.config.ok_or(PlanError::CannotPinSubnets)?;
        // Each name's first nodegroup, as `pin_subnets` finds it (`select` lists the
        // self-managed ones first).
        let mut found = std::collections::HashMap::new();
        for s in select::select(&config.model, &[], &[]) {
            found
                .entry(s.nodegroup.name.as_str())
                .or_insert((s.kind, s.index));
        }
        let mut changes = self.config_changes.clone();
        for (name, subnets, _) in &pins {
            let (kind, index) = *found
                .get(name)
                .ok_or_else(|| PlanError::NoSuchNodegroup((*name).into()))?;
            changes.push(ConfigChange::PinSubnets {
                kind,
                index,
                subnets: subnets.to_vec(),
            });
        }
        self.edited = Some(rewrite::apply(config, &changes)?);
        self.config_changes = changes;
        self.changes
            .extend(pins.into_iter().map(|(_, _, change)| change));
        Ok(())
    }

    /// `create cluster` in two steps: the cluster without the self-managed nodegroups,
    /// then `create nodegroup -f ... --include=<them>`.
    pub fn split_cluster_create(
        &mut self,
        self_managed: Vec<String>,
        change: Change,
    ) -> Result<(), PlanError> {
        let config = self.config.ok_or(PlanError::CannotPinSubnets)?;
        let mut changes = self.config_changes.clone();
        changes.push(ConfigChange::WithoutSelfManaged);
        let first = rewrite::apply(config, &changes)?;
        self.split = Some((self_managed, first));
        self.changes.push(change);
        Ok(())
    }

    pub fn finish(self) -> Plan {
        let inv = self.inv;
        let mut words = argv_edit::remove_flags(&inv.args, &self.removed_flags);
        words = argv_edit::set_flags(&words, &self.flag_edits);
        // The whole config for the step that reads it: the edited text, else stdin's or a
        // pipe's bytes (which eksctl can no longer read itself), else the user's file.
        let whole: Option<Vec<u8>> = match (&self.edited, self.input) {
            (Some(text), _) => Some(text.clone().into_bytes()),
            (None, Some(input))
                if input.consumed && matches!(input.source, ConfigSource::File(_)) =>
            {
                Some(input.raw.clone())
            }
            _ => None,
        };
        let Some((self_managed, first_text)) = self.split else {
            // A pipe handed on unedited goes back where the user's path points.
            let config_fd = match (&self.edited, &inv.config) {
                (None, Some(ConfigSource::File(path))) if whole.is_some() => {
                    crate::config::pipe_fd(path)
                }
                _ => None,
            };
            let args = match (&whole, config_fd) {
                (Some(_), None) => argv_edit::with_config_path(&words),
                _ => words.into_iter().map(Arg::Word).collect(),
            };
            let step = Step {
                args,
                config: whole,
                config_fd,
                label: "eksctl".into(),
            };
            return Plan {
                steps: vec![step],
                changes: self.changes,
                rewritten: self.edited.map(String::into_bytes),
            };
        };
        let first = Step {
            args: argv_edit::with_config_path(&words),
            config: Some(first_text.into_bytes()),
            config_fd: None,
            label: "step 1 of 2: the cluster without its self-managed nodegroups".into(),
        };
        let (second_config, second_path) = match (whole, &inv.config) {
            (None, Some(ConfigSource::File(p))) => (None, Arg::Word(p.clone().into_os_string())),
            (None, _) => (self.input.map(|i| i.raw.clone()), Arg::ConfigPath),
            (Some(bytes), _) => (Some(bytes), Arg::ConfigPath),
        };
        let mut second_args: Vec<Arg> = ["create", "nodegroup", "--config-file"]
            .into_iter()
            .map(|w| Arg::Word(w.into()))
            .collect();
        second_args.push(second_path);
        second_args.push(Arg::Word(
            format!("--include={}", self_managed.join(",")).into(),
        ));
        second_args.extend(
            argv_edit::carried_to_nodegroup_step(&inv.words)
                .into_iter()
                .map(Arg::Word),
        );
        let second = Step {
            args: second_args,
            config: second_config,
            config_fd: None,
            label: format!(
                "step 2 of 2: the self-managed nodegroups ({})",
                self_managed.join(", ")
            ),
        };
        Plan {
            steps: vec![first, second],
            changes: self.changes,
            rewritten: self.edited.map(String::into_bytes),
        }
    }
}

#[cfg(test)]
mod tests;
