//! `eksctl-shim check`: the pre-flight's facts and checks for creating nodegroups on a
//! cluster (or on every cluster of some regions), without creating anything. For CI gates.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::checks::subject::PlannedNodegroup;
use crate::checks::{self, Finding, Severity, Subject};
use crate::config::{self, LoadedConfig};
use crate::exit_code;
use crate::facts::{EksctlVersion, aws, eksctl_version, fleet, gather};
use crate::invocation::{Intercepted, Invocation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
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
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub cluster: String,
    pub region: Option<String>,
    pub eksctl_version: Option<String>,
    pub findings: Vec<Finding>,
    /// Why the cluster could not be checked, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

pub fn run(req: Request) -> i32 {
    let loaded = match &req.file {
        None => None,
        Some(p) => match config::load_file(p) {
            Ok(c) => Some(c),
            Err(e) => {
                crate::say::error(
                    e,
                    "Fix the config file, or check the cluster by name with --cluster.",
                );
                return exit_code::USAGE;
            }
        },
    };
    let cluster = req
        .cluster
        .clone()
        .or_else(|| loaded.as_ref().and_then(|c| c.model.metadata.name.clone()));
    if req.all == cluster.is_some() {
        crate::say::error(
            "say which cluster to check",
            "Give --cluster NAME (or -f with metadata.name), or --all for every cluster of the regions given.",
        );
        return exit_code::USAGE;
    }
    let mut regions = req.regions.clone();
    if regions.is_empty() {
        regions.extend(
            loaded
                .as_ref()
                .and_then(|c| c.model.metadata.region.clone()),
        );
    }
    let runtime = match crate::facts::aws::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            crate::say::error(
                format!("cannot start the async runtime: {e}"),
                "This is a bug; please report it.",
            );
            return exit_code::INTERNAL;
        }
    };
    let reports = runtime.block_on(async {
        let version = local_eksctl_version().await;
        let region_list: Vec<Option<String>> = if regions.is_empty() {
            vec![None]
        } else {
            regions.into_iter().map(Some).collect()
        };
        let mut reports = vec![];
        for region in region_list {
            let clients =
                aws::clients(region.as_deref(), req.profile.as_deref(), req.deadline).await;
            let work = async {
                match &cluster {
                    Some(name) => {
                        vec![
                            one(
                                &clients,
                                name,
                                loaded.as_ref(),
                                version.clone(),
                                &req.skip,
                                req.profile.as_deref(),
                            )
                            .await,
                        ]
                    }
                    None => all(&clients, version.clone(), &req.skip, req.profile.as_deref()).await,
                }
            };
            let region_name = clients.region.clone();
            match tokio::time::timeout(req.deadline * 3, work).await {
                Ok(r) => reports.extend(r),
                Err(_) => reports.push(Report {
                    cluster: cluster.clone().unwrap_or_else(|| "*".into()),
                    region: region_name,
                    eksctl_version: version.as_ref().map(|v| v.to_string()),
                    findings: vec![],
                    error: Some("no answer from AWS in time".into()),
                }),
            }
        }
        reports
    });
    print!("{}", render(&reports, req.format, cluster.is_some()));
    exit_for(&reports)
}

/// 3 when an error-level finding stands anywhere, else 4 when anything could not be
/// checked, else 0.
pub fn exit_for(reports: &[Report]) -> i32 {
    if reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity == Severity::Error)
    {
        exit_code::FINDINGS
    } else if reports.iter().any(|r| r.error.is_some()) {
        exit_code::COULD_NOT_CHECK
    } else {
        0
    }
}

async fn local_eksctl_version() -> Option<EksctlVersion> {
    let (real, _) = crate::proxy::real::RealEksctl::find("eksctl".into()).ok()?;
    eksctl_version::ask(&real).await
}

async fn one(
    clients: &aws::Clients,
    name: &str,
    loaded: Option<&LoadedConfig>,
    version: Option<EksctlVersion>,
    skip: &[crate::checks::Code],
    profile: Option<&str>,
) -> Report {
    let mut report = Report {
        cluster: name.to_string(),
        region: clients.region.clone(),
        eksctl_version: version.as_ref().map(|v| v.to_string()),
        findings: vec![],
        error: None,
    };
    if clients.region.is_none() {
        report.error = Some("no AWS region: give --region, or set AWS_REGION".into());
        return report;
    }
    let req = gather::Request {
        cluster: name,
        eksctl: None,
        full: true,
        want_template: true,
        want_stack_template: false,
    };
    match gather::gather(clients, &req).await {
        Ok(mut facts) => {
            facts.eksctl_version = version;
            facts.region = clients.region.clone();
            facts.profile = profile.map(str::to_string);
            report.findings = findings(name, loaded, &facts, skip);
        }
        Err(e) => report.error = Some(e.to_string()),
    }
    report
}

async fn all(
    clients: &aws::Clients,
    version: Option<EksctlVersion>,
    skip: &[crate::checks::Code],
    profile: Option<&str>,
) -> Vec<Report> {
    let region = clients.region.clone();
    let failed = |e: String| {
        vec![Report {
            cluster: "*".into(),
            region: region.clone(),
            eksctl_version: version.as_ref().map(|v| v.to_string()),
            findings: vec![],
            error: Some(e),
        }]
    };
    if region.is_none() {
        return failed("no AWS region: give --region, or set AWS_REGION".into());
    }
    let (names, snapshot) = tokio::join!(fleet::list_clusters(clients), fleet::snapshot(clients));
    let (names, snapshot) = match (names, snapshot) {
        (Ok(n), Ok(s)) => (n, s),
        (Err(e), _) | (_, Err(e)) => return failed(e.to_string()),
    };
    fleet::describe_all(clients, &names)
        .await
        .into_iter()
        .map(|(name, described)| {
            let mut report = Report {
                cluster: name.clone(),
                region: region.clone(),
                eksctl_version: version.as_ref().map(|v| v.to_string()),
                findings: vec![],
                error: None,
            };
            match described {
                Ok(cluster) => {
                    let mut facts = snapshot.facts_for(&name, cluster);
                    facts.eksctl_version = version.clone();
                    facts.region = region.clone();
                    facts.profile = profile.map(str::to_string);
                    report.findings = findings(&name, None, &facts, skip);
                }
                Err(e) => report.error = Some(e.to_string()),
            }
            report
        })
        .collect()
}

/// The checks for `create nodegroup` on the cluster: the config's nodegroups, or without
/// one the kinds a nodegroup can be (managed public, managed private, self-managed).
fn findings(
    name: &str,
    loaded: Option<&LoadedConfig>,
    facts: &crate::facts::Facts,
    skip: &[crate::checks::Code],
) -> Vec<Finding> {
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
    out
}

pub fn render(reports: &[Report], format: Format, single: bool) -> String {
    match format {
        Format::Json if single && reports.len() == 1 => {
            serde_json::to_string_pretty(&reports[0]).unwrap_or_default() + "\n"
        }
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({ "clusters": reports }))
                .unwrap_or_default()
                + "\n"
        }
        Format::Text => text(reports),
        Format::Github => github(reports),
    }
}

fn text(reports: &[Report]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let width = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| f.code.as_str().len())
        .max()
        .unwrap_or(0);
    for r in reports {
        let version = r
            .eksctl_version
            .as_deref()
            .map(|v| format!(", eksctl {v}"))
            .unwrap_or_default();
        let region = r.region.as_deref().unwrap_or("no region");
        match (&r.error, r.findings.len()) {
            (Some(e), _) => {
                let _ = writeln!(
                    out,
                    "{} ({region}{version}): could not check: {e}",
                    r.cluster
                );
            }
            (None, 0) => {
                let _ = writeln!(out, "{} ({region}{version}): ok", r.cluster);
            }
            (None, n) => {
                let _ = writeln!(
                    out,
                    "{} ({region}{version}): {n} finding{}",
                    r.cluster,
                    if n == 1 { "" } else { "s" }
                );
                for f in &r.findings {
                    let _ = writeln!(
                        out,
                        "  {:<7}  {:<width$}  {}",
                        f.severity.to_string(),
                        f.code,
                        f.message
                    );
                    let _ = writeln!(
                        out,
                        "  {:<7}  {:<width$}  what to do: {}",
                        "", "", f.remediation
                    );
                }
            }
        }
    }
    out
}

/// `::error title=...::message` lines (GitHub's workflow commands, escaped as it asks).
fn github(reports: &[Report]) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            out.push_str(&format!(
                "::error title={}::{}\n",
                prop(&format!("eksctl-shim: {} could not be checked", r.cluster)),
                data(e)
            ));
        }
        for f in &r.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let title = prop(&format!("eksctl-shim [{}] {}", f.code, r.cluster));
            out.push_str(&format!(
                "::{level} title={title}::{}\n",
                data(&format!("{}\nWhat to do: {}", f.message, f.remediation))
            ));
        }
    }
    out
}
