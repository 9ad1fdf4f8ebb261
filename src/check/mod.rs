//! `eksctl-shim check`: the pre-flight's facts and checks for creating nodegroups on a
//! cluster (or on every cluster of some regions), without creating anything. For CI gates.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::checks::subject::PlannedNodegroup;
use crate::checks::{self, Finding, Subject};
use crate::config::{self, LoadedConfig};
use crate::exit_code;
use crate::facts::{EksctlVersion, aws, eksctl_version, fleet, gather};
use crate::invocation::{Intercepted, Invocation};

mod report;
pub use report::{Report, Status, exit_for, scope, scope_with};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    /// `{"schema": 1, "clusters": [...]}` (`output::report_json`).
    Json,
    /// A JUnit XML report: one test case per cluster and check.
    Junit,
    /// GitHub Actions workflow annotations.
    Github,
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
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

impl exit_code::Failure for CheckError {
    fn exit_code(&self) -> i32 {
        match self {
            CheckError::Config(_) | CheckError::NoCluster => exit_code::USAGE,
            CheckError::Runtime(_) => exit_code::INTERNAL,
        }
    }

    fn remedy(&self) -> String {
        match self {
            CheckError::Config(_) => {
                "Fix the config file, or check the cluster by name with --cluster.".into()
            }
            CheckError::NoCluster => "Give --cluster NAME (or -f with metadata.name), or --all for every cluster of the regions given.".into(),
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
            };
            let work = async {
                match &cluster {
                    Some(name) => vec![one(&ctx, name, loaded.as_ref()).await],
                    None => all(&ctx).await,
                }
            };
            match tokio::time::timeout(req.deadline * 3, work).await {
                Ok(r) => reports.extend(r),
                Err(_) => reports.push(
                    Report::new(
                        cluster.as_deref().unwrap_or("*"),
                        clients.region.clone(),
                        version.as_ref(),
                    )
                    .unchecked(match &clients.unknown_region {
                        Some(u) => format!("no answer from AWS: {u}. {}", u.remedy()),
                        None => "no answer from AWS in time".into(),
                    }),
                ),
            }
        }
        reports
    });
    let source = loaded.as_ref().and_then(crate::output::github::Source::of);
    let rendered = match req.format {
        Format::Text => {
            crate::output::sink::lines(&crate::output::findings::check_text(&reports)).into_owned()
        }
        Format::Json => crate::output::report_json::render(&reports),
        Format::Junit => crate::output::junit::render(&reports, &req.skip),
        Format::Github => github(&reports, source.as_ref()),
    };
    let _ = anstream::stdout().lock().write_all(rendered.as_bytes());
    if crate::output::github::detected() {
        for r in &reports {
            crate::output::github::append_summary(&crate::output::github::summary(
                &scope(r),
                &r.findings,
                None,
            ));
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
}

impl Ctx<'_> {
    fn report(&self, cluster: &str) -> Report {
        Report::new(cluster, self.clients.region.clone(), self.version)
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
        want_stack_template: false,
    };
    match gather::gather(ctx.clients, &req).await {
        Ok(mut facts) => {
            ctx.complete(&mut facts);
            facts.account = match facts.cluster.as_ref().and_then(|c| c.account.clone()) {
                Some(a) => Some(a),
                // Not found: which account was asked is the first thing to check.
                None => aws::caller_account(ctx.clients).await.ok().flatten(),
            };
            let account = facts.account.clone();
            let (found, not_run) = findings(name, loaded, &facts, ctx.skip);
            Report {
                account,
                ..report.with_findings(found).with_not_run(not_run)
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
    fleet::describe_all(ctx.clients, &names)
        .await
        .into_iter()
        .map(|(name, described)| match described {
            Ok(cluster) => {
                let account = cluster.as_ref().and_then(|c| c.account.clone());
                let mut facts = snapshot.facts_for(&name, cluster);
                ctx.complete(&mut facts);
                facts.account = account.clone();
                let (found, not_run) = findings(&name, None, &facts, ctx.skip);
                Report {
                    account,
                    ..ctx.report(&name).with_findings(found).with_not_run(not_run)
                }
            }
            Err(e) => ctx.report(&name).unchecked(e.to_string()),
        })
        .collect()
}

/// The checks for `create nodegroup` on the cluster: the config's nodegroups, or without
/// one the kinds a nodegroup can be (managed public, managed private, self-managed); and
/// those that could not run for a fact that could not be read.
fn findings(
    name: &str,
    loaded: Option<&LoadedConfig>,
    facts: &crate::facts::Facts,
    skip: &[crate::checks::Code],
) -> (Vec<Finding>, crate::checks::NotRun) {
    let mut args: Vec<OsString> = vec!["create".into(), "nodegroup".into()];
    if let Some(path) = loaded.and_then(|c| c.path.clone()) {
        args.extend(["--config-file".into(), path.into_os_string()]);
    } else {
        args.extend(["--cluster".into(), name.into()]);
    }
    let inv = Invocation::parse(Intercepted::CreateNodegroup, args);
    let mut subject = Subject::new(&inv, loaded.map(|c| &c.model), name.to_string());
    if loaded.is_none() {
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
    let mut out: Vec<Finding> = vec![];
    for f in checks::all(&subject, facts, skip) {
        if !out
            .iter()
            .any(|o| o.code == f.code && o.message == f.message)
        {
            out.push(f);
        }
    }
    (out, checks::not_run(&subject, facts, skip))
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
