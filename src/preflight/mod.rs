//! The pre-flight of an intercepted command, as stages with typed values:
//! `Invocation -> read -> gather -> Facts -> check -> Findings -> plan -> Planned ->
//! policy -> Decision`. Only `read` (the config's bytes) and `gather` (AWS, `eksctl
//! version`) have effects. The `eksctl` face runs the decision; `eksctl-shim plan`
//! prints it: both come from `assess`, so they cannot disagree.

pub mod policy;

use crate::checks::{self, Finding, Subject};
use crate::config::{self, ConfigInput, LoadedConfig};
use crate::facts::{Facts, aws, gather};
use crate::invocation::{ConfigSource, Invocation};
use crate::plan::fixes::{self, Planned};
use crate::proxy::real::RealEksctl;
use crate::settings::Settings;

pub use policy::Decision;

/// Everything the pre-flight learned and decided.
#[derive(Debug)]
pub struct Assessment {
    pub inv: Invocation,
    /// `-f`'s bytes, read once (stdin and pipes must be given back to eksctl).
    pub input: Option<ConfigInput>,
    pub config: Option<LoadedConfig>,
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub facts: Option<Facts>,
    pub findings: Vec<Finding>,
    /// Checks that did not run because a fact they read could not be read.
    pub not_run: checks::NotRun,
    pub planned: Option<Planned>,
    /// What eksctl's own `--dry-run` said of the rewrite, when one was planned.
    pub judged: Option<crate::judge::Judgement>,
    /// Why the command goes to eksctl unchecked, when it does.
    pub unchecked: Option<Unchecked>,
    pub decision: Decision,
}

/// Why an intercepted command was not checked: said in one line, never silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// The shim expects eksctl to refuse the command as given (and says why).
    EksctlRefuses(String),
    /// Flags the shim does not know: eksctl refuses them, or is newer than the shim.
    UnknownFlags(Vec<String>),
    NoClusterName,
    ConfigUnreadable(String),
    /// AWS could not be asked (with the reason, AWS error code included).
    CouldNotCheck {
        cluster: String,
        region: Option<String>,
        why: String,
    },
}

impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unchecked::EksctlRefuses(why) => {
                write!(f, "eksctl is expected to refuse this command ({why})")
            }
            Unchecked::UnknownFlags(names) => write!(
                f,
                "the shim does not know {} (eksctl refuses {}, or is newer than the shim)",
                names
                    .iter()
                    .map(|n| format!("--{n}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if names.len() == 1 { "it" } else { "them" }
            ),
            Unchecked::NoClusterName => {
                f.write_str("no cluster name was given (--cluster, a name, or metadata.name)")
            }
            Unchecked::ConfigUnreadable(why) => {
                write!(f, "the config could not be read as eksctl reads it ({why})")
            }
            Unchecked::CouldNotCheck {
                cluster,
                region,
                why,
            } => match region {
                Some(r) => write!(f, "could not check cluster {cluster:?} in {r} ({why})"),
                None => write!(f, "could not check cluster {cluster:?} ({why})"),
            },
        }
    }
}

/// Runs the pre-flight for `inv`, whose `-f` bytes were read (`config::read_input`).
/// Ctrl-C during it: `Interrupted`.
pub fn assess(
    settings: &Settings,
    inv: Invocation,
    input: Option<&Result<ConfigInput, config::ConfigError>>,
    real: &RealEksctl,
) -> Assessment {
    // One bound for the whole pre-flight (hostile run v2, B17: its local work once ran
    // minutes past the deadline): the AWS reads get the deadline (or what is left of the
    // bound, if less), and no local stage (the checks, the plan, eksctl's judgement) starts
    // once twice the deadline has passed. Twice, so that a pre-flight whose reads merely
    // took most of the deadline still ends in its checks; the local work is linear in the
    // config's size and takes far less, so only a runaway reaches the bound. A stage already
    // running finishes.
    let until = std::time::Instant::now() + 2 * settings.deadline;
    let mut a = Assessment {
        input: None,
        config: None,
        cluster: None,
        region: inv.region.clone(),
        facts: None,
        findings: vec![],
        not_run: checks::NotRun::default(),
        planned: None,
        judged: None,
        unchecked: None,
        decision: Decision::Run,
        inv,
    };
    // Even for a command eksctl refuses, `-f`'s bytes were read: a pipe read by the
    // shim must be handed on (`Decision::Run` with the unchanged plan does that).
    match input {
        Some(Ok(input)) => a.input = Some(input.clone()),
        Some(Err(e)) => return a.unchecked(settings, Unchecked::ConfigUnreadable(e.to_string())),
        None => {}
    }
    if !a.inv.unknown.is_empty() {
        let names = a.inv.unknown.clone();
        return a.unchecked(settings, Unchecked::UnknownFlags(names));
    }
    if let Some(why) = a.inv.refused.first().cloned() {
        return a.unchecked(settings, Unchecked::EksctlRefuses(why));
    }
    if let Some(input) = a.input.clone() {
        if let Some(e) = input.error {
            return a.unchecked(settings, Unchecked::ConfigUnreadable(e));
        }
        let path = match &input.source {
            ConfigSource::File(p) => Some(p.clone()),
            ConfigSource::Stdin => None,
        };
        match config::parse(path, input.raw) {
            Ok(c) => a.config = Some(c),
            Err(e) => return a.unchecked(settings, Unchecked::ConfigUnreadable(e.to_string())),
        }
        let model = &a.config.as_ref().expect("just set").model;
        if let Some(why) =
            config::eksctl_refuses::why(a.inv.command, model, &a.inv.include, &a.inv.exclude)
        {
            return a.unchecked(settings, Unchecked::EksctlRefuses(why));
        }
    }
    let model = a.config.as_ref().map(|c| &c.model);
    // With -f the file's metadata names the cluster and region: eksctl's loader sets
    // `ProviderConfig.Region = meta.Region` and reads `meta.Name`, whatever flags its
    // command lets through beside -f (pkg/ctl/cmdutils/configfile.go Load @0.230.0).
    a.cluster = model
        .and_then(|m| m.metadata.name.clone())
        .or_else(|| a.inv.cluster.clone());
    a.region = model
        .and_then(|m| m.metadata.region.clone())
        .or_else(|| a.inv.region.clone());
    let Some(cluster) = a.cluster.clone() else {
        return a.unchecked(settings, Unchecked::NoClusterName);
    };
    if let Some(why) = out_of_time(until, settings) {
        return a.could_not_check(settings, cluster, why);
    }
    let subject = Subject::new(&a.inv, model, cluster.clone());
    let want_template = subject.creating().any(|n| n.managed);
    // Their stacks are looked up by name (a stack left failed is a finding).
    let nodegroups: Vec<String> = subject.creating().filter_map(|n| n.name.clone()).collect();
    let facts = match gather_facts(
        settings,
        &a.inv,
        &cluster,
        a.region.as_deref(),
        (want_template, &nodegroups),
        real,
        until,
    ) {
        Gathered::Facts(f) => *f,
        Gathered::Interrupted => {
            a.decision = Decision::Interrupted;
            return a;
        }
        Gathered::CouldNotCheck(why) => return a.could_not_check(settings, cluster, why),
    };
    // A flag this eksctl does not have yet: it stops with `unknown flag`, so nothing is
    // checked or changed (the version is known only now).
    if let Some(v) = &facts.eksctl_version {
        if let Some(since) = crate::invocation::command_flags::command_since(a.inv.command)
            .filter(|since| !v.at_least(*since))
        {
            return a.unchecked(
                settings,
                Unchecked::EksctlRefuses(format!(
                    "unknown command: eksctl {v} does not have it; 0.{since}.0 added it"
                )),
            );
        }
        let too_new = crate::invocation::command_flags::SINCE
            .iter()
            .find(|(name, since)| !v.at_least(*since) && a.inv.has_flag(name));
        if let Some((name, since)) = too_new {
            return a.unchecked(
                settings,
                Unchecked::EksctlRefuses(format!(
                    "unknown flag: --{name} (eksctl {v} does not have it; 0.{since}.0 added it)"
                )),
            );
        }
    }
    tracing::debug!(
        version = ?facts.eksctl_version.as_ref().map(|v| v.to_string()),
        cluster_found = facts.cluster.is_some(),
        stack_found = facts.cluster_stack.is_some(),
        subnets = facts.vpc_subnets.as_ref().map(Vec::len),
        "facts gathered"
    );
    a.findings = checks::all(&subject, &facts, &settings.skip);
    a.not_run = checks::not_run(&subject, &facts, &settings.skip);
    if let Some(why) = out_of_time(until, settings) {
        return a.could_not_check(settings, cluster, why);
    }
    let planned = if settings.mode == crate::settings::Mode::Warn {
        Planned {
            plan: fixes::unchanged(&a.inv, a.input.as_ref()),
            unfixed: policy::errors(&a.findings),
            refused: vec![],
        }
    } else {
        fixes::plan(&a.inv, a.input.as_ref(), a.config.as_ref(), &a.findings)
    };
    a.region = a.region.clone().or_else(|| facts.region.clone());
    if let Some(why) = out_of_time(until, settings) {
        return a.could_not_check(settings, cluster, why);
    }
    // eksctl judges every rewrite before it runs; a clean cluster asks nothing.
    let planned = if planned.plan.is_unchanged() {
        planned
    } else {
        let mut judged = crate::judge::judge(
            real,
            &a.inv,
            a.input.as_ref(),
            &planned,
            &a.findings,
            crate::judge::deadline(settings.deadline),
        );
        let planned =
            crate::judge::settle(planned, &mut judged, &a.inv, a.input.as_ref(), &a.findings);
        let interrupted = judged.verdict == crate::judge::Verdict::Interrupted;
        a.judged = Some(judged);
        if interrupted {
            a.planned = Some(planned);
            a.facts = Some(facts);
            a.decision = Decision::Interrupted;
            return a;
        }
        planned
    };
    a.decision = policy::decide(settings.mode, &planned, &a.not_run);
    a.planned = Some(planned);
    a.facts = Some(facts);
    a
}

impl Assessment {
    fn unchecked(mut self, settings: &Settings, why: Unchecked) -> Assessment {
        self.decision = policy::unchecked(settings.mode, &why);
        self.planned = Some(Planned {
            plan: fixes::unchanged(&self.inv, self.input.as_ref()),
            unfixed: vec![],
            refused: vec![],
        });
        self.unchecked = Some(why);
        self
    }

    /// The pre-flight could not finish (an AWS read failed, or the deadline passed): the
    /// same verdict whichever it was, so fix mode runs the command as given and strict
    /// mode refuses.
    fn could_not_check(self, settings: &Settings, cluster: String, why: String) -> Assessment {
        let region = self
            .region
            .clone()
            .or_else(crate::facts::aws::region_from_env);
        self.unchecked(
            settings,
            Unchecked::CouldNotCheck {
                cluster,
                region,
                why,
            },
        )
    }

    /// The plan to run (the user's command as given when nothing was planned).
    pub fn plan(&self) -> &crate::plan::Plan {
        &self
            .planned
            .as_ref()
            .expect("every assessment has a plan")
            .plan
    }
}

/// Why the pre-flight stops here, when its deadline has passed.
fn out_of_time(until: std::time::Instant, settings: &Settings) -> Option<String> {
    (std::time::Instant::now() >= until).then(|| {
        format!(
            "the pre-flight did not finish within twice {:.1}s ({})",
            settings.deadline.as_secs_f64(),
            crate::settings::TIMEOUT_VAR
        )
    })
}

enum Gathered {
    Facts(Box<Facts>),
    CouldNotCheck(String),
    Interrupted,
}

/// Gathers the facts on a current-thread runtime under one deadline; Ctrl-C stops it at once.
fn gather_facts(
    settings: &Settings,
    inv: &Invocation,
    cluster: &str,
    region: Option<&str>,
    (want_template, nodegroups): (bool, &[String]),
    real: &RealEksctl,
    until: std::time::Instant,
) -> Gathered {
    let runtime = match aws::runtime() {
        Ok(rt) => rt,
        Err(e) => return Gathered::CouldNotCheck(format!("cannot start the async runtime: {e}")),
    };
    let deadline = settings.deadline;
    // The reads get the deadline, or what the local stages before them left of the bound.
    let left = until
        .saturating_duration_since(std::time::Instant::now())
        .min(deadline);
    // Ctrl-C is tokio's only while the gather runs: its disposition from before comes
    // back when this function returns.
    let _interrupt = crate::run::signals::InterruptScope::enter();
    // Erased when this function returns, before eksctl can write a line.
    let _spinner = crate::output::spinner::Spinner::after(
        crate::output::spinner::DELAY,
        format!(
            "checking cluster {cluster} in {}",
            region
                .map(str::to_string)
                .or_else(aws::region_from_env)
                .unwrap_or_else(|| "the profile's region".into())
        ),
        settings.quiet,
    );
    // Set once the clients know the region: the deadline's message names a region AWS
    // does not know as the cause, as a failed read does (`Clients::explain`).
    let unknown_region = std::cell::RefCell::new(None);
    runtime.block_on(async {
        let work = async {
            let clients = aws::clients(region, inv.profile.as_deref(), deadline).await;
            unknown_region.replace(clients.unknown_region.clone());
            let Some(resolved) = clients.region.clone() else {
                return Err(aws::no_region_message(inv.profile.as_deref()));
            };
            let reads = crate::command_spec::spec(inv.command).reads;
            let req = gather::Request {
                cluster,
                eksctl: Some(real),
                // The network and stacks (the VPC config's after-run note reads the
                // stack); `create cluster` and identity mappings need only the cluster.
                full: reads.network,
                want_template,
                nodegroups: Some(nodegroups),
                // The upgrade checks reason about the stack's rebuild.
                want_stack_template: crate::command_spec::spec(inv.command).upgrades_control_plane,
            };
            let mut facts = gather::gather(&clients, &req)
                .await
                .map_err(|e| format!("{e}. {}", e.remedy(inv.profile.as_deref())))?;
            if reads.access_entries && facts.cluster.is_some() {
                match gather::access_entries(&clients, cluster).await {
                    Ok(a) => facts.access_entries = Some(a),
                    Err(e) => facts
                        .gaps
                        .push(crate::facts::Gap::aws(crate::facts::Fact::AccessEntries, e)),
                }
            }
            facts.region = Some(resolved);
            facts.profile = inv.profile.clone();
            facts.account = match facts.cluster.as_ref() {
                Some(c) => c.account.clone(),
                // `create nodegroup` on a cluster that is not there fails anyway: one more
                // request to say which account was asked costs nothing that works.
                None if reads.account_when_missing => {
                    aws::caller_account(&clients).await.ok().flatten()
                }
                None => None,
            };
            Ok(facts)
        };
        tokio::select! {
            r = tokio::time::timeout(left, work) => match r {
                Ok(Ok(facts)) => Gathered::Facts(Box::new(facts)),
                Ok(Err(why)) => Gathered::CouldNotCheck(why),
                Err(_) => Gathered::CouldNotCheck(match unknown_region.take() {
                    Some(u) => format!("no answer from AWS: {u}. {}", u.remedy()),
                    None => format!("no answer from AWS within {:.1}s ({})", deadline.as_secs_f64(), crate::settings::TIMEOUT_VAR),
                }),
            },
            _ = tokio::signal::ctrl_c() => Gathered::Interrupted,
        }
    })
}
