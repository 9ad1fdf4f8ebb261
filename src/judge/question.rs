//! The questions put to eksctl before a rewrite, as pure values: the user's command with
//! `--dry-run`, and (for a one-step rewrite) the rewritten command with `--dry-run`, each
//! with the answer that lets the rewrite run.

use std::ffi::OsString;

use crate::checks::Fix;
use crate::config::ConfigInput;
use crate::invocation::argv;
use crate::invocation::command_flags::refused_with_dry_run;
use crate::invocation::{ConfigSource, Invocation};
use crate::plan::{Arg, Plan, argv_edit};

/// The answer a question needs for the rewrite to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// eksctl accepts it (exit 0).
    Accepted,
    /// eksctl gets past its validation and stops only where the rewrite helps: on an
    /// `Error:` line the advice catalog recognises as one of these kinds. Exit 0 means
    /// the rewrite is not needed.
    FailsOnlyOn(Vec<&'static str>),
    /// eksctl parses every flag's value and stops only on `validateDryRunOptions`'s refusal
    /// of one of these flags beside `--dry-run` (or accepts them: a version that does not
    /// refuse them).
    RefusedOnlyBesideDryRun(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub about: &'static str,
    /// eksctl's argv without argv[0].
    pub args: Vec<OsString>,
    /// The config on eksctl's stdin (`--config-file -`), when eksctl cannot read it itself.
    pub stdin: Option<Vec<u8>>,
    pub expect: Expect,
}

/// The catalog kinds (src/advice/catalog) of eksctl's words for the failure a fix
/// removes; `None`: the command as written must be accepted as it is.
fn fixes_failure(fix: &Fix) -> Option<&'static str> {
    match fix {
        // validateSubnetsAvailability (pkg/actions/nodegroup/create.go @0.177.0..@0.230.0),
        // after every validation and before the dry-run's print; pins exist only there.
        Fix::PinSubnets { .. } => Some("subnets-all-deleted"),
        // nodegroup.Manager.Create's first check, after the loader's validations
        // (pkg/actions/nodegroup/create.go:54-61 @0.170.0, :57-61 @0.230.0).
        Fix::Unmanaged => Some("outposts-managed-nodegroup"),
        // The dry-run of the whole file creates nothing and passes only what eksctl
        // accepts; the access-entry failure of 0.167-0.175 comes later, in the stacks.
        Fix::SplitCreateCluster { .. } => None,
    }
}

/// Whether the rewritten command can be asked on its own: a one-step rewrite. The
/// second step of a split needs the cluster the first creates.
fn rewrite_can_be_asked(fix: &Fix) -> bool {
    !matches!(fix, Fix::SplitCreateCluster { .. })
}

/// The questions for `plan` (a changed plan made of `fixes`).
pub fn questions(
    inv: &Invocation,
    input: Option<&ConfigInput>,
    plan: &Plan,
    fixes: &[&Fix],
) -> Result<Vec<Question>, String> {
    if fixes.is_empty() {
        return Err("the rewrite names no fix to judge".into());
    }
    let kinds: Vec<&'static str> = fixes.iter().filter_map(|f| fixes_failure(f)).collect();
    let expect = if kinds.len() == fixes.len() {
        Expect::FailsOnlyOn(kinds)
    } else if kinds.is_empty() {
        Expect::Accepted
    } else {
        return Err("the rewrite mixes fixes that eksctl judges differently".into());
    };
    let reads_stdin = input.is_some_and(|i| i.consumed || i.source == ConfigSource::Stdin);
    let as_written = if reads_stdin {
        with_config(argv_edit::with_config_path(&inv.args))
    } else {
        inv.args.clone()
    };
    let stdin = reads_stdin.then(|| input.map(|i| i.raw.clone())).flatten();
    let mut out = vec![Question {
        about: "as written",
        args: dry_run(inv, &as_written),
        stdin: stdin.clone(),
        expect,
    }];
    // The flags left out of that question are still parsed by pflag before any rule of
    // eksctl's runs (`--timeout 30`: "time: missing unit in duration"): asked with them
    // kept, eksctl must stop only on their refusal beside `--dry-run`.
    // `--profile` is a string (any value parses) and reaches the first question as
    // `AWS_PROFILE`: nothing about it is left to ask.
    let left_out: Vec<String> = refused_beside_dry_run(inv, &as_written)
        .into_iter()
        .filter(|f| f != "profile")
        .collect();
    if !left_out.is_empty() {
        out.push(Question {
            about: "flag values as written",
            args: argv_edit::set_flags(
                &argv_edit::remove_flags(&as_written, &["profile".to_string()]),
                &[("dry-run".to_string(), None)],
            ),
            stdin,
            expect: Expect::RefusedOnlyBesideDryRun(left_out),
        });
    }
    if fixes.iter().all(|f| rewrite_can_be_asked(f)) {
        let [step] = plan.steps.as_slice() else {
            return Err("a rewrite of several steps cannot be asked as one command".into());
        };
        let reads_copy = step.args.contains(&Arg::ConfigPath);
        let args = with_config(step.args.clone());
        out.push(Question {
            about: "as rewritten",
            args: dry_run(inv, &args),
            stdin: if reads_copy {
                step.config.clone()
            } else {
                None
            },
            expect: Expect::Accepted,
        });
    }
    Ok(out)
}

/// The config path of a step read from stdin.
fn with_config(args: Vec<Arg>) -> Vec<OsString> {
    args.into_iter()
        .map(|a| match a {
            Arg::Word(w) => w,
            Arg::ConfigPath => "-".into(),
        })
        .collect()
}

/// The flags of `args` eksctl refuses beside `--dry-run` (`validateDryRunOptions`,
/// pkg/ctl/cmdutils/configfile.go:478-487@0.230.0, :418-427@0.167.0).
fn refused_beside_dry_run(inv: &Invocation, args: &[OsString]) -> Vec<String> {
    let mut names: Vec<String> = argv::split(args)
        .flags
        .iter()
        .filter(|f| refused_with_dry_run(inv.command, &f.name))
        .map(|f| f.name.clone())
        .collect();
    names.dedup();
    names
}

/// `args` with `--dry-run`, without the flags eksctl refuses beside it (checked by eksctl
/// only after every other loader rule, so leaving them out changes no other rule's
/// answer; their values are asked apart, see `questions`).
fn dry_run(inv: &Invocation, args: &[OsString]) -> Vec<OsString> {
    let kept = argv_edit::remove_flags(args, &refused_beside_dry_run(inv, args));
    argv_edit::set_flags(&kept, &[("dry-run".to_string(), None)])
}
