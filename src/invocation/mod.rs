//! Understanding an intercepted invocation exactly as eksctl would: which cluster, which
//! region and profile, which config file, which nodegroups, and which flags are set.

pub mod argv;
pub mod command_flags;
pub mod flags;
mod refusals;

use std::ffi::OsString;
use std::path::PathBuf;

pub use crate::proxy::route::Intercepted;
use argv::{FlagUse, Words};

/// `--update-auth-configmap` is three-state (`pkg/ctl/cmdutils/configfile.go`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthConfigMapFlag {
    /// Not given: access entry if the cluster has them, else aws-auth.
    Absent,
    /// `--update-auth-configmap` or `=true`: no access entry, the role goes into aws-auth.
    True,
    /// `=false`: neither.
    False,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    File(PathBuf),
    /// `-f -`: the whole of stdin is the config.
    Stdin,
}

#[derive(Debug, Clone)]
pub struct Invocation {
    pub command: Intercepted,
    /// argv without argv[0], exactly as received.
    pub args: Vec<OsString>,
    pub words: Words,
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub profile: Option<String>,
    /// `create nodegroup`: the nodegroup's name (`--name` or the positional argument).
    pub nodegroup_name: Option<String>,
    pub config: Option<ConfigSource>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub update_auth_configmap: AuthConfigMapFlag,
    pub subnet_ids: Vec<String>,
    /// `--managed`, true unless `--managed=false` (eksctl's default).
    pub managed: bool,
    pub private_networking: bool,
    pub dry_run: bool,
    pub without_nodegroup: bool,
    /// `upgrade|update cluster` or `utils update-cluster-vpc-config` without `--approve`:
    /// eksctl plans and changes nothing (`cmd.Plan`; the alias's `--dry-run` sets it,
    /// `--approve` wins). False for creates.
    pub plan_mode: bool,
    /// Reasons eksctl will refuse this invocation. When there are any, the shim changes
    /// nothing and lets eksctl say so in its own words.
    pub refused: Vec<String>,
    /// Flags the shim's table does not have (eksctl refuses them, or is newer).
    pub unknown: Vec<String>,
}

/// `validateMetadataWithoutConfigFile` (pkg/ctl/cmdutils/configfile.go:169-185@0.230.0,
/// :164-170@0.160.0), the loader of `create iamidentitymapping` and of
/// `utils update-cluster-vpc-config` without `-f`: a non-empty cluster name from the flag
/// beside a name argument is refused (`ErrClusterFlagAndArg`, cmdutils.go:223-231).
fn refuse_flag_and_argument(
    refused: &mut Vec<String>,
    flag: &Option<String>,
    argument: &Option<String>,
    with_config_file: bool,
) {
    if let (Some(flag), Some(argument), false) = (flag, argument, with_config_file) {
        if !flag.is_empty() {
            refused.push(format!(
                "--cluster={flag} and argument {argument} cannot be used at the same time"
            ));
        }
    }
}

impl Invocation {
    /// `args` excludes argv[0]; `command` is what the router decided.
    pub fn parse(command: Intercepted, args: Vec<OsString>) -> Invocation {
        let words = argv::split(&args);
        // Not in the shim's table: eksctl refuses it, or is newer than the table.
        let unknown: Vec<String> = words
            .flags
            .iter()
            .filter_map(|f| {
                let short = args
                    .get(f.span.start)
                    .and_then(|a| a.to_str())
                    .is_some_and(|a| !a.starts_with("--"));
                if !command_flags::is_known_for(command, &f.name) {
                    Some(f.name.clone())
                } else if short && !command_flags::has_shorthand(command, &f.name) {
                    flags::get(&f.name)
                        .and_then(|d| d.short)
                        .map(|c| format!("-{c}"))
                } else {
                    None
                }
            })
            .collect();
        let mut refused: Vec<String> = vec![];
        // pflag: `flag needs an argument: --x` for a value flag at the very end.
        refused.extend(
            words
                .flags
                .iter()
                .filter(|f| {
                    f.value.is_none() && !flags::is_boolean(&f.name) && flags::is_known(&f.name)
                })
                .map(|f| format!("flag needs an argument: --{}", f.name)),
        );
        let last = |name: &str| last_value(&words.flags, name);
        let list = |name: &str| list_values(&words.flags, name);
        let mut boolean =
            |name: &str, default: bool| match words.flags.iter().rev().find(|f| f.name == name) {
                None => (default, false),
                Some(f) => match &f.value {
                    None => (true, true),
                    Some(v) => match parse_bool(v) {
                        Some(b) => (b, true),
                        None => {
                            refused.push(format!("invalid argument {v:?} for --{name}"));
                            (default, true)
                        }
                    },
                },
            };

        // Help in a form the router does not see (`-Ph`, `--help=1`): cobra prints it
        // and runs nothing.
        let (help, _) = boolean("help", false);
        let (auth, auth_given) = boolean("update-auth-configmap", true);
        let update_auth_configmap = match (auth_given, auth) {
            (false, _) => AuthConfigMapFlag::Absent,
            (true, true) => AuthConfigMapFlag::True,
            (true, false) => AuthConfigMapFlag::False,
        };
        let (managed, _) = boolean("managed", true);
        let (private_networking, _) = boolean("node-private-networking", false);
        let (dry_run, dry_run_given) = boolean("dry-run", false);
        let (without_nodegroup, _) = boolean("without-nodegroup", false);
        let (approve, approve_given) = boolean("approve", false);
        if help {
            refused.push("help was asked for: eksctl prints it and does nothing".into());
        }
        let spec = crate::command_spec::spec(command);
        let upgrading = spec.upgrades_control_plane;
        let approvable = spec.plan_mode != crate::command_spec::PlanMode::None;
        // AddResourceCmd starts with Plan=true; AddApproveFlag's PreRun sets it to
        // !approve when --approve was given (pkg/ctl/cmdutils/cmdutils.go @0.230.0).
        let plan_mode = approvable
            && if approve_given {
                !approve
            } else if spec.plan_mode == crate::command_spec::PlanMode::ApproveOrDryRun
                && dry_run_given
            {
                dry_run
            } else {
                true
            };
        // `--dry-run` of `update cluster` is its plan mode, not create's dry run.
        let dry_run = dry_run && !upgrading;

        // The command words are the first two positionals; the rest name things.
        let names: Vec<String> = words
            .positionals
            .iter()
            .skip(2)
            .map(|(_, w)| w.clone())
            .collect();
        if names.len() > 1 {
            refused.push(format!("only one name may be given, got {names:?}"));
        }
        let positional = names.into_iter().next();
        let has_positional = positional.is_some();
        let name_flag = last("name");
        if name_flag.is_some() && positional.is_some() {
            refused.push("--name and a name argument cannot both be given".into());
        }
        let name = name_flag.or(positional.clone());

        let config = last("config-file").map(|p| {
            if p == "-" {
                ConfigSource::Stdin
            } else {
                ConfigSource::File(PathBuf::from(p))
            }
        });
        if config.is_some() {
            for f in &words.flags {
                if command_flags::refused_with_config_file(command, &f.name) {
                    refused.push(format!(
                        "cannot use --{} when --config-file/-f is set",
                        f.name
                    ));
                }
            }
            // `l.flagsIncompatibleWithConfigFile.Has("name") && l.NameArg != ""`
            // (pkg/ctl/cmdutils/configfile.go @0.230.0).
            let refuses_name = command_flags::refused_with_config_file(command, "name");
            if refuses_name && name.is_some() && !refused.iter().any(|r| r.contains("--name")) {
                refused.push("cannot use a name argument when --config-file/-f is set".into());
            }
        }
        let include = shared_list_values(&words.flags, &["include", "only"]);
        let exclude = list("exclude");
        if config.is_none() {
            for f in &words.flags {
                if command_flags::refused_without_config_file(command, &f.name) {
                    refused.push(format!(
                        "cannot use --{} unless a config file is specified via --config-file/-f",
                        f.name
                    ));
                }
            }
        }
        if spec.creates_nodegroups {
            refused.extend(refusals::of_create(&refusals::CreateCall {
                command,
                flags: &words.flags,
                with_config_file: config.is_some(),
                managed,
                dry_run,
            }));
        }

        let (cluster, nodegroup_name) = match command {
            Intercepted::CreateNodegroup => (last("cluster"), name),
            Intercepted::CreateCluster => (name, last("nodegroup-name")),
            Intercepted::UpgradeCluster | Intercepted::UpdateCluster => (name, None),
            // `--cluster` and its deprecated `--name` are one variable: the last written
            // wins (cmdutils.go:141-152 @0.230.0; audit v2 C1); else the name argument.
            Intercepted::CreateIamIdentityMapping => {
                let flag = last_value_of(&words.flags, &["cluster", "name"]);
                refuse_flag_and_argument(&mut refused, &flag, &positional, config.is_some());
                (flag.or(positional.clone()), None)
            }
            // `--cluster`, the deprecated `--name`, or the name argument.
            Intercepted::UpdateClusterVpcConfig => {
                refuse_flag_and_argument(
                    &mut refused,
                    &last("cluster"),
                    &positional,
                    config.is_some(),
                );
                (last("cluster").or(name), None)
            }
            // The name is the profile's; the cluster is `--cluster` only.
            Intercepted::CreateFargateProfile | Intercepted::CreateAccessEntry => {
                (last("cluster"), None)
            }
            // NewUtilsUpdateAuthenticationModeLoader: "name argument is not supported".
            Intercepted::UpdateAuthenticationMode => {
                if has_positional {
                    refused.push("name argument is not supported".into());
                }
                (last("cluster"), None)
            }
        };
        Invocation {
            command,
            region: last("region"),
            profile: last("profile"),
            subnet_ids: list("subnet-ids"),
            cluster,
            nodegroup_name,
            config,
            include,
            exclude,
            update_auth_configmap,
            managed,
            private_networking,
            dry_run,
            without_nodegroup,
            plan_mode,
            refused,
            unknown,
            words,
            args,
        }
    }

    pub fn has_flag(&self, name: &str) -> bool {
        self.words.flags.iter().any(|f| f.name == name)
    }

    /// A scalar flag's value as pflag leaves it: the last occurrence wins.
    pub fn value(&self, name: &str) -> Option<String> {
        last_value(&self.words.flags, name)
    }

    /// The same for a flag with two names (`--arn` and its older `--role`).
    pub fn value_of_any(&self, names: &[&str]) -> Option<String> {
        last_value_of(&self.words.flags, names)
    }

    /// A pflag `StringSlice` flag's values (`--node-zones a,b --node-zones c`).
    pub fn list(&self, name: &str) -> Vec<String> {
        list_values(&self.words.flags, name)
    }
}

/// pflag: the last occurrence of a scalar flag wins.
fn last_value(flags: &[FlagUse], name: &str) -> Option<String> {
    last_value_of(flags, &[name])
}

/// The same over flags bound to one variable: the last of any of them wins.
fn last_value_of(flags: &[FlagUse], names: &[&str]) -> Option<String> {
    flags
        .iter()
        .rev()
        .find(|f| names.contains(&f.name.as_str()))
        .and_then(|f| f.value.clone())
}

/// pflag `StringSlice`: comma-separated values; repeated flags append.
fn list_values(flags: &[FlagUse], name: &str) -> Vec<String> {
    flags
        .iter()
        .filter(|f| f.name == name)
        .filter_map(|f| f.value.as_deref())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Two pflag `StringSlice` flags bound to one variable (`--include` and its alias
/// `--only`, pkg/ctl/cmdutils/nodegroup_flags.go @0.230.0): each flag's first use
/// replaces what is there, its later uses append.
fn shared_list_values(flags: &[FlagUse], names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut seen: Vec<&str> = vec![];
    for f in flags.iter().filter(|f| names.contains(&f.name.as_str())) {
        if !seen.contains(&f.name.as_str()) {
            seen.push(f.name.as_str());
            out.clear();
        }
        out.extend(list_values(std::slice::from_ref(f), &f.name));
    }
    out
}

/// Go's `strconv.ParseBool`, which pflag uses.
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
