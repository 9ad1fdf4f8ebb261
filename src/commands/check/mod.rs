//! `eksctl-shim check`: the pre-flight's facts and checks for the commands asked with
//! `--for` (creating nodegroups by default) on a cluster, or on every cluster of some
//! regions, without changing anything. For CI gates.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::checks::subject::PlannedNodegroup;
use crate::checks::{self, Finding, Subject};
use crate::config::{self, LoadedConfig};
use crate::exit_code;
use crate::facts::{EksctlVersion, aws, eksctl_version, fleet, gather};
use crate::invocation::{Intercepted, Invocation};
use crate::output::format::Format;

mod report;
mod scopes;
pub use report::{Report, Status, exit_for, scope, scope_with};
pub use scopes::Target;

/// The least severe finding that fails the gate (exit 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Warnings and errors.
    Warning,
    /// Errors only (eksctl will fail, or do harm).
    Error,
}

impl FailOn {
    pub fn threshold(self) -> crate::checks::Severity {
        match self {
            FailOn::Warning => crate::checks::Severity::Warning,
            FailOn::Error => crate::checks::Severity::Error,
        }
    }
}

pub struct Request {
    pub cluster: Option<String>,
    pub all: bool,
    pub regions: Vec<String>,
    pub profile: Option<String>,
    pub file: Option<PathBuf>,
    pub format: Format,
    pub deadline: Duration,
    pub skip: Vec<crate::checks::Code>,
    /// The commands to check for (`--for`); empty: the default (`scopes::resolve`).
    pub targets: Vec<Target>,
    pub fail_on: FailOn,
    /// Write the report here instead of stdout (`output::file`).
    pub output_file: Option<PathBuf>,
    /// No spinner (`Settings::quiet`).
    pub quiet: bool,
}

fn load(path: &std::path::Path) -> Result<LoadedConfig, config::ConfigError> {
    if path.as_os_str() != "-" {
        return config::load_file(path);
    }
    match config::read_all(std::io::stdin().lock()) {
        Ok(raw) => config::parse(None, raw),
        Err((_, source)) => Err(config::ConfigError::Read { path: None, source }),
    }
}

/// Why `check` did not check anything.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("say which cluster to check")]
    NoCluster,
    #[error("--for {0} needs {1}")]
    NeedsConfig(Target, &'static str),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error("--output-file: {0}")]
    OutputFile(#[from] crate::output::file::FileError),
}

impl exit_code::Failure for CheckError {
    fn exit_code(&self) -> i32 {
        match self {
            CheckError::Config(_)
            | CheckError::NoCluster
            | CheckError::NeedsConfig(..)
            | CheckError::OutputFile(_) => exit_code::USAGE,
            CheckError::Runtime(_) => exit_code::INTERNAL,
        }
    }

    fn remedy(&self) -> String {
        match self {
            CheckError::Config(_) => {
                "Fix the config file, or check the cluster by name with --cluster.".into()
            }
            CheckError::NoCluster => "Give --cluster NAME (or -f with metadata.name), or --all for every cluster of the regions given.".into(),
            CheckError::NeedsConfig(..) => "Give -f with the config the command would run with, or leave this target out of --for.".into(),
            CheckError::OutputFile(_) => "Give the path of a file (new, or to replace) in a directory that exists and can be written to.".into(),
            CheckError::Runtime(_) => "This is a bug; please report it.".into(),
        }
    }
}

pub fn run(req: Request) -> i32 {
    match check(&req) {
        Ok(code) => code,
        Err(e) => exit_code::report(&e),
    }
}

/// The reports, printed in the format asked; the exit code they call for.
fn check(req: &Request) -> Result<i32, CheckError> {
    let loaded = req.file.as_deref().map(load).transpose()?;
    let cluster = req
        .cluster
        .clone()
        .or_else(|| loaded.as_ref().and_then(|c| c.model.metadata.name.clone()));
    if req.all == cluster.is_some() {
        return Err(CheckError::NoCluster);
    }
    if let Some(path) = &req.output_file {
        crate::output::file::usable(path)?;
    }
    let targets = scopes::resolve(&req.targets, req.all, loaded.as_ref())
        .map_err(|(t, what)| CheckError::NeedsConfig(t, what))?;
    let mut regions = req.regions.clone();
    if regions.is_empty() {
        regions.extend(
            loaded
                .as_ref()
                .and_then(|c| c.model.metadata.region.clone()),
        );
    }
    let runtime = crate::facts::aws::runtime().map_err(CheckError::Runtime)?;
    let reports = runtime.block_on(async {
        let version = local_eksctl_version().await;
        let region_list: Vec<Option<String>> = if regions.is_empty() {
            vec![None]
        } else {
            regions.into_iter().map(Some).collect()
        };
        let mut reports = vec![];
        for region in region_list {
            let _spinner = crate::output::spinner::Spinner::after(
                crate::output::spinner::DELAY,
                format!(
                    "checking {} in {}",
                    cluster.as_deref().unwrap_or("every cluster"),
                    region.as_deref().unwrap_or("the default region")
                ),
                req.quiet,
            );
            let clients =
                aws::clients(region.as_deref(), req.profile.as_deref(), req.deadline).await;
            let ctx = Ctx {
                clients: &clients,
                version: version.as_ref(),
                skip: &req.skip,
                profile: req.profile.as_deref(),
                targets: &targets,
                fail_on: req.fail_on.threshold(),
            };
            let work = async {
                match &cluster {
                    Some(name) => vec![one(&ctx, name, loaded.as_ref()).await],
                    None => all(&ctx).await,
                }
            };
            match tokio::time::timeout(req.deadline * 3, work).await {
                Ok(r) => reports.extend(r),
                Err(_) => reports.push(ctx.report(cluster.as_deref().unwrap_or("*")).unchecked(
                    match &clients.unknown_region {
                        Some(u) => format!("no answer from AWS: {u}. {}", u.remedy()),
                        None => "no answer from AWS in time".into(),
                    },
                )),
            }
        }
        reports
    });
    let source = loaded.as_ref().and_then(crate::output::github::Source::of);
    let rendered = match req.format {
        Format::Text => {
            crate::output::sink::lines(&crate::output::findings::check_text(&reports)).into_owned()
        }
        Format::Json => crate::output::report_json::render(&reports, loaded.as_ref()),
        Format::Junit => crate::output::junit::render(&reports, &req.skip, req.fail_on.threshold()),
        Format::Github => github(&reports, source.as_ref()),
        Format::Sarif => crate::output::sarif::render(
            &reports,
            &req.skip,
            loaded
                .as_ref()
                .and_then(crate::output::sarif::Source::of)
                .as_ref(),
        ),
    };
    match &req.output_file {
        // A file is no terminal: the text without its styles.
        Some(path) => crate::output::file::write_atomic(
            path,
            crate::output::style::plain(&rendered).as_bytes(),
        )?,
        None => {
            let _ = anstream::stdout().lock().write_all(rendered.as_bytes());
        }
    }
    if crate::output::github::detected() {
        for r in &reports {
            // A cluster not fully checked says which checks did not run and why, beside
            // what the others found.
            let markdown =
                crate::output::github::summary(&scope(r), &r.findings, None, r.error.as_deref());
            crate::output::github::append_summary(&markdown);
        }
    }
    Ok(exit_for(&reports))
}

async fn local_eksctl_version() -> Option<EksctlVersion> {
    let (real, _) = crate::proxy::real::RealEksctl::find("eksctl".into()).ok()?;
    eksctl_version::ask(&real).await
}

/// What every cluster of one region is checked with.
struct Ctx<'a> {
    clients: &'a aws::Clients,
    version: Option<&'a EksctlVersion>,
    skip: &'a [crate::checks::Code],
    profile: Option<&'a str>,
    targets: &'a [Target],
    fail_on: crate::checks::Severity,
}

impl Ctx<'_> {
    fn report(&self, cluster: &str) -> Report {
        Report::new(
            cluster,
            self.clients.region.clone(),
            self.version,
            self.targets,
        )
    }

    fn wants(&self, target: Target) -> bool {
        self.targets.contains(&target)
    }

    fn complete(&self, facts: &mut crate::facts::Facts) {
        facts.eksctl_version = self.version.cloned();
        facts.region = self.clients.region.clone();
        facts.profile = self.profile.map(str::to_string);
    }
}

async fn one(ctx: &Ctx<'_>, name: &str, loaded: Option<&LoadedConfig>) -> Report {
    let report = ctx.report(name);
    if ctx.clients.region.is_none() {
        return report.unchecked(aws::no_region_message(ctx.profile));
    }
    let req = gather::Request {
        cluster: name,
        eksctl: None,
        full: true,
        want_template: true,
        nodegroups: None,
        // The upgrade's stack rebuild is read from the template.
        want_stack_template: ctx.wants(Target::ClusterUpgrade),
    };
    match gather::gather(ctx.clients, &req).await {
        Ok(mut facts) => {
            ctx.complete(&mut facts);
            if ctx.wants(Target::Accessentry) && facts.cluster.is_some() {
                match gather::access_entries(ctx.clients, name).await {
                    Ok(a) => facts.access_entries = Some(a),
                    Err(e) => facts
                        .gaps
                        .push(crate::facts::Gap::aws(crate::facts::Fact::AccessEntries, e)),
                }
            }
            facts.account = match facts.cluster.as_ref().and_then(|c| c.account.clone()) {
                Some(a) => Some(a),
                // Not found: which account was asked is the first thing to check.
                None => aws::caller_account(ctx.clients).await.ok().flatten(),
            };
            let account = facts.account.clone();
            let (found, not_run) = findings(name, loaded, &facts, ctx);
            Report {
                account,
                ..report
                    .with_findings(found, ctx.fail_on)
                    .with_not_run(not_run)
            }
        }
        Err(e) => report.unchecked(format!("{e}. {}", e.remedy(ctx.profile))),
    }
}

async fn all(ctx: &Ctx<'_>) -> Vec<Report> {
    if ctx.clients.region.is_none() {
        return vec![
            ctx.report("*")
                .unchecked(aws::no_region_message(ctx.profile)),
        ];
    }
    let (names, snapshot) = tokio::join!(
        fleet::list_clusters(ctx.clients),
        fleet::snapshot(ctx.clients)
    );
    let (names, snapshot) = match (names, snapshot) {
        (Ok(n), Ok(s)) => (n, s),
        (Err(e), _) | (_, Err(e)) => {
            let e = ctx.clients.explain(e);
            return vec![
                ctx.report("*")
                    .unchecked(format!("{e}. {}", e.remedy(ctx.profile))),
            ];
        }
    };
    let mut described: Vec<(String, Result<crate::facts::Facts, String>)> =
        fleet::describe_all(ctx.clients, &names)
            .await
            .into_iter()
            .map(|(name, described)| {
                let facts = described
                    .map(|cluster| snapshot.facts_for(&name, cluster))
                    .map_err(|e| e.to_string());
                (name, facts)
            })
            .collect();
    if ctx.wants(Target::ClusterUpgrade) {
        add_templates(ctx, &mut described).await;
    }
    described
        .into_iter()
        .map(|(name, facts)| match facts {
            Ok(mut facts) => {
                let account = facts.cluster.as_ref().and_then(|c| c.account.clone());
                ctx.complete(&mut facts);
                facts.account = account.clone();
                let (found, not_run) = findings(&name, None, &facts, ctx);
                Report {
                    account,
                    ..ctx
                        .report(&name)
                        .with_findings(found, ctx.fail_on)
                        .with_not_run(not_run)
                }
            }
            Err(e) => ctx.report(&name).unchecked(e),
        })
        .collect()
}

/// The cluster stacks' templates, for the clusters found with a stack; a failed read is
/// the gap that stops the upgrade's rebuild checks of that cluster alone.
async fn add_templates(
    ctx: &Ctx<'_>,
    described: &mut [(String, Result<crate::facts::Facts, String>)],
) {
    let with_stack: Vec<(usize, String)> = described
        .iter()
        .enumerate()
        .filter_map(|(i, (_, f))| {
            let f = f.as_ref().ok().filter(|f| f.cluster.is_some())?;
            Some((i, f.cluster_stack.as_ref()?.name.clone()))
        })
        .collect();
    let stacks: Vec<String> = with_stack.iter().map(|(_, s)| s.clone()).collect();
    let templates = fleet::templates(ctx.clients, &stacks).await;
    for ((i, _), template) in with_stack.into_iter().zip(templates) {
        if let Ok(facts) = &mut described[i].1 {
            match template {
                Ok(t) => facts.cluster_template = Some(t),
                Err(gap) => facts.gaps.push(gap),
            }
        }
    }
}

/// The checks of each target on the cluster, each finding once; and those that could not
/// run for a fact that could not be read.
fn findings(
    name: &str,
    loaded: Option<&LoadedConfig>,
    facts: &crate::facts::Facts,
    ctx: &Ctx<'_>,
) -> (Vec<Finding>, crate::checks::NotRun) {
    let mut out: Vec<Finding> = vec![];
    let mut not_run = crate::checks::NotRun::default();
    for target in ctx.targets {
        let inv = target.invocation(name, loaded);
        let (found, missed) = target_findings(&inv, name, loaded, facts, ctx.skip);
        for f in found {
            if !out
                .iter()
                .any(|o| o.code == f.code && o.message == f.message)
            {
                out.push(f);
            }
        }
        not_run.merge(missed);
    }
    (out, not_run)
}

/// One target's checks. For `create nodegroup`: the config's nodegroups, or without one
/// the kinds a nodegroup can be (managed public, managed private, self-managed).
fn target_findings(
    inv: &Invocation,
    name: &str,
    loaded: Option<&LoadedConfig>,
    facts: &crate::facts::Facts,
    skip: &[crate::checks::Code],
) -> (Vec<Finding>, crate::checks::NotRun) {
    let mut subject = Subject::new(inv, loaded.map(|c| &c.model), name.to_string());
    if loaded.is_none() && inv.command == Intercepted::CreateNodegroup {
        let ng = |managed, private| PlannedNodegroup {
            name: None,
            managed,
            private,
            subnets: vec![],
            zones: vec![],
            local_zones: false,
            on_outpost: false,
            efa: false,
            selected: true,
        };
        subject.nodegroups = vec![ng(true, false), ng(true, true), ng(false, false)];
    }
    (
        checks::all(&subject, facts, skip),
        checks::not_run(&subject, facts, skip),
    )
}

/// Annotations for every report; findings point at the config's nodegroups when one was read.
fn github(reports: &[Report], source: Option<&crate::output::github::Source>) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            out.push_str(&crate::output::github::error(
                &format!("eksctl-shim: {} could not be checked", scope(r)),
                e,
            ));
        }
        out.push_str(&crate::output::github::annotations(
            &r.findings,
            &scope(r),
            source,
        ));
    }
    out
}
