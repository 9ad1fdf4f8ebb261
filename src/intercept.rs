//! The pre-flight for `create nodegroup` / `create cluster`: understand the invocation,
//! learn what is really there, check, fix what can be fixed safely, say so, run eksctl.

use std::ffi::OsString;
use std::path::Path;

use crate::checks::{self, Finding, Fix, Severity, Subject};
use crate::config::{self, LoadedConfig};
use crate::facts::{Facts, aws, gather};
use crate::invocation::{ConfigSource, Intercepted, Invocation};
use crate::plan::{Change, Plan, Planner, Step, render};
use crate::run::{RunContext, Runner};
use crate::settings::{Mode, Settings};
use crate::{exit_code, report, say};

pub struct Target<'a> {
    pub real: &'a Path,
    pub argv0: &'a OsString,
    pub chain_marker: &'a OsString,
}

/// What to do after the pre-flight.
enum Decision {
    /// Run this plan.
    Run {
        plan: Plan,
        context: RunContext,
        config_name: String,
    },
    /// Run the user's command as given.
    Unchanged,
    /// Stop with this exit code, eksctl not run.
    Exit(i32),
}

/// Returns the exit code. A panic in the pre-flight is a bug of the shim's, never a reason
/// for the user's command to fail: it is said, and eksctl runs unchanged.
pub fn run(command: Intercepted, args: &[OsString], target: &Target) -> i32 {
    // A reader that goes away (`eksctl create ... | head`) must not kill the shim while
    // eksctl is creating things: writes fail instead, and the forwarder keeps reading.
    // The child gets the default back (run::signals).
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    crate::logging::install_panic_hook();
    crate::logging::init();
    let mut stdin_bytes: Option<Vec<u8>> = None;
    let decided = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        decide(command, args, target, &mut stdin_bytes)
    }));
    let decision = decided.unwrap_or_else(|_| {
        say::line("warning: the pre-flight failed on a bug of the shim's (please report it); running eksctl unchanged");
        Decision::Unchanged
    });
    match decision {
        Decision::Exit(code) => code,
        Decision::Unchanged => unchanged(args, target, stdin_bytes.as_deref()),
        Decision::Run {
            plan,
            context,
            config_name,
        } => runner(target, stdin_bytes.as_deref(), &config_name, context).run(&plan),
    }
}

/// Everything before eksctl runs: read, gather, check, plan, say. Starts no process but
/// `eksctl version`. Bytes read from stdin are left in `stdin_bytes` as soon as read.
fn decide(
    command: Intercepted,
    args: &[OsString],
    target: &Target,
    stdin_bytes: &mut Option<Vec<u8>>,
) -> Decision {
    let settings = Settings::from_env();
    tracing::debug!(mode = ?settings.mode, skip = ?settings.skip, deadline = ?settings.deadline, "settings");
    if std::env::var_os("EKSCTL_SHIM_INJECT_PANIC").is_some() {
        // For the test suite: proves a bug in the pre-flight fails open.
        panic!("injected by EKSCTL_SHIM_INJECT_PANIC");
    }
    for w in &settings.warnings {
        say::line(format!("warning: {w}"));
    }
    let inv = Invocation::parse(command, args.to_vec());
    if !inv.refused.is_empty() {
        // eksctl will refuse it and say why in its own words.
        return Decision::Unchanged;
    }

    // The config, read once. With `-f -` stdin is consumed here and given back to eksctl.
    let loaded: Option<LoadedConfig> = match &inv.config {
        None => None,
        Some(ConfigSource::File(path)) => match config::load_file(path) {
            Ok(c) => Some(c),
            Err(e) => {
                say::line(format!(
                    "warning: {e}; passing the command to eksctl unchanged"
                ));
                return Decision::Unchanged;
            }
        },
        Some(ConfigSource::Stdin) => {
            let (raw, read_error) = match config::read_all(std::io::stdin().lock()) {
                Ok(raw) => (raw, None),
                Err((raw, e)) => (raw, Some(e)),
            };
            *stdin_bytes = Some(raw.clone());
            match (read_error, config::parse(None, raw)) {
                (None, Ok(c)) => Some(c),
                (Some(e), _) => {
                    say::line(format!(
                        "warning: cannot read the config from stdin: {e}; passing the command to eksctl unchanged"
                    ));
                    return Decision::Unchanged;
                }
                (None, Err(e)) => {
                    say::line(format!(
                        "warning: {e}; passing the command to eksctl unchanged"
                    ));
                    return Decision::Unchanged;
                }
            }
        }
    };
    let model = loaded.as_ref().map(|c| &c.model);
    let Some(cluster) = inv
        .cluster
        .clone()
        .or_else(|| model.and_then(|m| m.metadata.name.clone()))
    else {
        // No name: `create cluster` will generate one; `create nodegroup` will be refused.
        return Decision::Unchanged;
    };
    let region = inv
        .region
        .clone()
        .or_else(|| model.and_then(|m| m.metadata.region.clone()));

    let (facts, facts_region) = match preflight(
        &settings,
        &inv,
        &cluster,
        region.as_deref(),
        target,
    ) {
        Preflight::Facts(f, resolved_region) => (f, resolved_region),
        Preflight::Interrupted => return Decision::Exit(exit_code::INTERRUPTED),
        Preflight::CouldNotCheck(why) => {
            if settings.mode == Mode::Strict {
                say::error(
                    format!("could not check cluster {cluster:?}: {why}"),
                    "EKSCTL_SHIM_MODE=strict refuses to run eksctl unchecked. Fix access to AWS, or set EKSCTL_SHIM_MODE=fix to run it anyway.",
                );
                return Decision::Exit(exit_code::COULD_NOT_CHECK);
            }
            say::line(format!(
                "warning: could not check cluster {cluster:?} ({why}); running eksctl unchanged"
            ));
            return Decision::Unchanged;
        }
    };
    for gap in &facts.gaps {
        say::line(format!(
            "warning: {gap}; the checks that need it were skipped"
        ));
    }

    tracing::debug!(
        version = ?facts.eksctl_version.as_ref().map(|v| v.to_string()),
        cluster_found = facts.cluster.is_some(),
        stack_found = facts.cluster_stack.is_some(),
        subnets = facts.vpc_subnets.as_ref().map(Vec::len),
        nodegroup_stacks = facts.nodegroup_stacks.len(),
        "facts gathered"
    );
    let subject = Subject::new(&inv, model, cluster.clone());
    let findings = checks::all(&subject, &facts, &settings.skip);
    eprint!("{}", report::text(&findings));

    let (plan, unfixed) = if settings.mode == Mode::Warn {
        (unchanged_plan(&inv), errors(&findings))
    } else {
        plan_fixes(&inv, loaded.as_ref(), &findings)
    };
    if settings.mode == Mode::Strict && !unfixed.is_empty() {
        say::error(
            format!(
                "refusing to run eksctl: {} error-level finding(s) stand ({})",
                unfixed.len(),
                unfixed.join(", ")
            ),
            "Fix what the findings above say, or skip a check with EKSCTL_SHIM_SKIP=<code>, or set EKSCTL_SHIM_MODE=fix.",
        );
        return Decision::Exit(exit_code::FINDINGS);
    }
    let config_name = config_name(&inv);
    eprint!("{}", render::explain(&plan, &config_name));
    let context = RunContext {
        cluster: Some(cluster.clone()),
        region: region.or(facts_region),
        profile: inv.profile.clone(),
        nodegroups: subject
            .nodegroups
            .iter()
            .filter_map(|n| n.name.clone())
            .collect(),
        creates_cluster: inv.command == Intercepted::CreateCluster,
        dry_run: inv.dry_run,
        deadline: settings.deadline,
    };
    Decision::Run {
        plan,
        context,
        config_name,
    }
}

enum Preflight {
    /// The facts, and the region the AWS configuration resolved to.
    Facts(Facts, Option<String>),
    CouldNotCheck(String),
    Interrupted,
}

/// Gathers the facts on a current-thread runtime under one deadline; Ctrl-C stops it at once.
fn preflight(
    settings: &Settings,
    inv: &Invocation,
    cluster: &str,
    region: Option<&str>,
    target: &Target,
) -> Preflight {
    let runtime = match crate::facts::aws::runtime() {
        Ok(rt) => rt,
        Err(e) => return Preflight::CouldNotCheck(format!("cannot start the async runtime: {e}")),
    };
    let deadline = settings.deadline;
    runtime.block_on(async {
        let work = async {
            let clients = aws::clients(region, inv.profile.as_deref(), deadline).await;
            if clients.region.is_none() {
                return Err("no AWS region: set --region, metadata.region or AWS_REGION".to_string());
            }
            let req = gather::Request {
                cluster,
                eksctl: Some((target.real, target.chain_marker)),
                full: inv.command == Intercepted::CreateNodegroup,
            };
            let facts = gather::gather(&clients, &req).await.map_err(|e| e.to_string())?;
            Ok((facts, clients.region.clone()))
        };
        tokio::select! {
            r = tokio::time::timeout(deadline, work) => match r {
                Ok(Ok((facts, region))) => Preflight::Facts(facts, region),
                Ok(Err(why)) => Preflight::CouldNotCheck(why),
                Err(_) => Preflight::CouldNotCheck(format!("no answer from AWS within {:.1}s ({})", deadline.as_secs_f64(), crate::settings::TIMEOUT_VAR)),
            },
            _ = tokio::signal::ctrl_c() => Preflight::Interrupted,
        }
    })
}

fn errors(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code.to_string())
        .collect()
}

fn unchanged_plan(inv: &Invocation) -> Plan {
    Planner::new(inv, None).finish()
}

/// Applies every finding's fix; returns the plan and the codes of error-level findings
/// that stand (no fix, or a fix eksctl would refuse).
fn plan_fixes(
    inv: &Invocation,
    config: Option<&LoadedConfig>,
    findings: &[Finding],
) -> (Plan, Vec<String>) {
    let mut planner = Planner::new(inv, config);
    let mut unfixed = vec![];
    for f in findings {
        let applied = match &f.fix {
            None => Err(None),
            Some(fix) => apply(&mut planner, fix, f).map_err(Some),
        };
        if let Err(why) = applied {
            if let Some(why) = why {
                say::line(format!(
                    "warning: cannot apply the fix for [{}]: {why}",
                    f.code
                ));
            }
            if f.severity == Severity::Error {
                unfixed.push(f.code.to_string());
            }
        }
    }
    (planner.finish(), unfixed)
}

fn apply(planner: &mut Planner, fix: &Fix, f: &Finding) -> Result<(), crate::plan::PlanError> {
    let why = format!("[{}] above", f.code);
    match fix {
        Fix::UpdateAuthConfigMap => planner.set_flag(
            "update-auth-configmap",
            None,
            Change {
                what: "added --update-auth-configmap".into(),
                why,
            },
        ),
        Fix::Unmanaged => planner.set_flag(
            "managed",
            Some("false"),
            Change {
                what: "added --managed=false".into(),
                why,
            },
        ),
        Fix::PinSubnets { nodegroup, subnets } => {
            let what = if nodegroup.is_empty() {
                format!("created the nodegroup in subnets {}", subnets.join(", "))
            } else {
                format!(
                    "created nodegroup {nodegroup:?} in subnets {}",
                    subnets.join(", ")
                )
            };
            planner.pin_subnets(nodegroup, subnets, Change { what, why })
        }
        Fix::SplitCreateCluster { self_managed } => {
            let what = format!(
                "split into two steps: the cluster, then the self-managed nodegroups {}",
                self_managed.join(", ")
            );
            planner.split_cluster_create(self_managed.clone(), Change { what, why });
            Ok(())
        }
    }
}

fn config_name(inv: &Invocation) -> String {
    match &inv.config {
        Some(ConfigSource::File(p)) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Some(ConfigSource::Stdin) => "the config from stdin".into(),
        None => "config".into(),
    }
}

/// The user's command as given, run and advised on from its output alone (no AWS
/// afterwards: the cluster is unknown, or AWS could not be asked). Stdin bytes already
/// read go back to eksctl.
fn unchanged(args: &[OsString], target: &Target, stdin_bytes: Option<&[u8]>) -> i32 {
    let plan = Plan {
        steps: vec![Step {
            args: args.to_vec(),
            config: None,
            label: "eksctl".into(),
        }],
        changes: vec![],
    };
    runner(target, stdin_bytes, "config", RunContext::default()).run(&plan)
}

fn runner<'a>(
    target: &'a Target,
    stdin_bytes: Option<&'a [u8]>,
    config_name: &'a str,
    context: RunContext,
) -> Runner<'a> {
    Runner {
        real: target.real,
        argv0: target.argv0,
        chain_marker: target.chain_marker,
        stdin_bytes,
        config_name,
        context,
    }
}
