//! `eksctl-shim plan -- <eksctl arguments>`: the pre-flight the `eksctl` face would run
//! for those arguments (`preflight::assess`, same settings and planner), printed instead
//! of run. Nothing is written but output (and `--write`'s file); eksctl is asked only
//! its version. Exit codes are those the `eksctl` face would end with before eksctl.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::checks::subject::PlannedNodegroup;
use crate::checks::{Finding, Subject};
use crate::config::{ConfigInput, LoadedConfig};
use crate::invocation::ConfigSource;
use crate::judge::{Judgement, Verdict};
use crate::output::format::Format;
use crate::output::sink;
use crate::plan::{Arg, Change, Plan, render};
use crate::preflight::{self, Assessment, Decision, Unchecked};
use crate::proxy::real::RealEksctl;
use crate::proxy::route::{self, Intercepted, Route};
use crate::settings::Settings;
use crate::{config, exit_code, say};

pub struct Request {
    pub args: Vec<OsString>,
    pub format: Format,
    pub write: Option<PathBuf>,
    pub force: bool,
}

pub fn run(req: Request) -> i32 {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return exit_code::report(&e),
    };
    for w in &settings.warnings {
        say::warning(format!("{w}"));
    }
    let Route::Intercept(command) = route::route(&req.args) else {
        print(&req, &Shown::passthrough(&req.args));
        return 0;
    };
    let real = match RealEksctl::find("eksctl".into()) {
        Ok((real, _)) => real,
        Err(e) => {
            return crate::exit_code::report(&e);
        }
    };
    let inv = crate::invocation::Invocation::parse(command, req.args.clone());
    let input = inv.config.as_ref().map(config::read_input);
    let a = preflight::assess(&settings, inv, input.as_ref(), &real);
    if a.decision == Decision::Interrupted {
        return exit_code::INTERRUPTED;
    }
    if let Some(path) = &req.write {
        if let Err(e) = keep(a.plan(), a.input.as_ref(), path, req.force) {
            say::error(
                &e,
                "Choose another path, or add --force to replace a file that is not your config.",
            );
            return exit_code::USAGE;
        }
    }
    print(&req, &Shown::of(&a, command, req.write.as_deref()));
    a.decision.exit_code().unwrap_or(0)
}

fn print(req: &Request, shown: &Shown) {
    let text = match req.format {
        Format::Json => crate::output::plan_json::render(shown),
        Format::Text => {
            // Styled as the pre-flight is: anstream keeps the colours on a terminal only.
            let text = sink::lines(&text(shown)).into_owned();
            let _ = anstream::stdout().lock().write_all(text.as_bytes());
            return;
        }
        other => unreachable!("--output {other:?}: clap accepts only Format::PLAN"),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// What `plan` shows, whatever the format: the text (`text`) and the JSON document
/// (`output::plan_json`) are both written from it.
pub struct Shown<'a> {
    /// The command is not one the shim checks: it goes to eksctl as given.
    pub passthrough: bool,
    /// The intercepted command's words (`create nodegroup`).
    pub command: Option<String>,
    /// Why the shim expects eksctl to refuse the command, when it does.
    pub eksctl_refuses: Option<&'a str>,
    /// Why the command goes to eksctl unchecked, when it does.
    pub unchecked: Option<String>,
    /// The checks that did not run, and why.
    pub not_run: Option<String>,
    pub cluster: Option<&'a str>,
    pub region: Option<&'a str>,
    /// Where the region would come from, in words, when none was resolved.
    pub region_source: Option<String>,
    pub profile: Option<&'a str>,
    pub eksctl_version: Option<String>,
    pub nodegroups: Vec<PlannedNodegroup>,
    pub findings: &'a [Finding],
    /// The config the findings point into (`output::location`).
    pub config: Option<&'a LoadedConfig>,
    pub changes: &'a [Change],
    /// `unchanged`, `run`, `refuse` (`Decision::word`).
    pub decision: &'static str,
    pub gate: Option<&'a Judgement>,
    pub steps: Vec<ShownStep>,
}

/// One eksctl run of the plan.
pub struct ShownStep {
    /// `None`: the rewritten config's path, not known yet (no `--write`).
    pub argv: Vec<Option<String>>,
    /// The config the step reads when it is not the user's own.
    pub config: Option<String>,
    pub config_diff: Option<String>,
    pub label: String,
}

/// The label of the one step of a command run as given.
const AS_GIVEN: &str = "eksctl";

impl<'a> Shown<'a> {
    fn passthrough(args: &[OsString]) -> Shown<'a> {
        Shown {
            passthrough: true,
            command: None,
            eksctl_refuses: None,
            unchecked: None,
            not_run: None,
            cluster: None,
            region: None,
            region_source: None,
            profile: None,
            eksctl_version: None,
            nodegroups: vec![],
            findings: &[],
            config: None,
            changes: &[],
            decision: "unchanged",
            gate: None,
            steps: vec![ShownStep {
                argv: args
                    .iter()
                    .map(|a| Some(a.to_string_lossy().into_owned()))
                    .collect(),
                config: None,
                config_diff: None,
                label: AS_GIVEN.into(),
            }],
        }
    }

    /// The assessment as shown. A rewritten config's path is `--write`'s path, or `None`
    /// (a private temporary file, made when the step runs).
    fn of(a: &'a Assessment, command: Intercepted, written: Option<&Path>) -> Shown<'a> {
        let plan = a.plan();
        let original: Option<&[u8]> = a.input.as_ref().map(|i| i.raw.as_slice());
        let name = config_name(a);
        let steps = plan
            .steps
            .iter()
            .map(|s| ShownStep {
                argv: s
                    .args
                    .iter()
                    .map(|arg| match arg {
                        Arg::Word(w) => Some(w.to_string_lossy().into_owned()),
                        Arg::ConfigPath => written.map(|p| p.display().to_string()),
                    })
                    .collect(),
                config: s
                    .config
                    .as_ref()
                    .map(|c| String::from_utf8_lossy(c).into_owned()),
                config_diff: match (&s.config, original) {
                    (Some(c), Some(o)) => Some(render::config_diff(o, c, &name, 3)),
                    _ => None,
                },
                label: s.label.clone(),
            })
            .collect();
        let nodegroups = match &a.cluster {
            Some(cluster) => {
                Subject::new(&a.inv, a.config.as_ref().map(|c| &c.model), cluster.clone())
                    .nodegroups
            }
            None => vec![],
        };
        Shown {
            passthrough: false,
            command: Some(crate::command_spec::spec(command).words().words()),
            eksctl_refuses: match &a.unchecked {
                Some(Unchecked::EksctlRefuses(why)) => Some(why),
                _ => None,
            },
            unchecked: a.unchecked.as_ref().map(|u| u.to_string()),
            not_run: (!a.not_run.is_empty()).then(|| a.not_run.to_string()),
            cluster: a.cluster.as_deref(),
            region: a.region.as_deref(),
            region_source: a.region.is_none().then(|| {
                crate::facts::region_source::describe(a.inv.profile.as_deref()).to_string()
            }),
            profile: a.inv.profile.as_deref(),
            eksctl_version: a
                .facts
                .as_ref()
                .and_then(|f| f.eksctl_version.as_ref())
                .map(|v| v.to_string()),
            nodegroups,
            findings: &a.findings,
            config: a.config.as_ref(),
            changes: &plan.changes,
            decision: match &a.decision {
                Decision::Run if plan.is_unchanged() => "unchanged",
                d => d.word(),
            },
            gate: a.judged.as_ref(),
            steps,
        }
    }
}

fn text(p: &Shown) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // Every string shown may come from outside (names, paths, AWS answers).
    let s = |v: &str| sink::text(v).into_owned();
    let or = |v: Option<&str>, none: &str| sink::text(v.unwrap_or(none)).into_owned();
    if p.passthrough {
        let argv: Vec<String> = p
            .steps
            .first()
            .into_iter()
            .flat_map(|step| &step.argv)
            .map(|w| s(w.as_deref().unwrap_or("?")))
            .collect();
        let _ = writeln!(out, "passed through unchanged: eksctl {}", quoted(&argv));
        return out;
    }
    let _ = writeln!(
        out,
        "{} for cluster {} {}{} (eksctl {})",
        or(p.command.as_deref(), "?"),
        or(p.cluster, "<none>"),
        match p.region {
            Some(r) => format!("in {}", sink::text(r)),
            None => or(p.region_source.as_deref(), "with no region"),
        },
        p.profile
            .map(|profile| format!(", profile {}", sink::text(profile)))
            .unwrap_or_default(),
        or(p.eksctl_version.as_deref(), "version unknown"),
    );
    if let Some(why) = &p.unchecked {
        let _ = writeln!(out, "not checked: {}", sink::text(why));
    }
    if let Some(why) = &p.not_run {
        let _ = writeln!(out, "partly checked: {why}");
    }
    for n in &p.nodegroups {
        let _ = writeln!(
            out,
            "  nodegroup {} ({}, {}){}",
            or(n.name.as_deref(), "<generated name>"),
            if n.managed { "managed" } else { "self-managed" },
            if n.private { "private" } else { "public" },
            if n.selected {
                ""
            } else {
                ", not created by this command"
            },
        );
    }
    // In the pre-flight's layout (`output::findings`), from the findings themselves.
    out.push_str(&crate::output::findings::preflight(p.findings, &[]));
    if let Some(gate) = p.gate {
        let said = match &gate.verdict {
            Verdict::Refused { said } | Verdict::RewriteRefused { said } => Some(said),
            Verdict::CouldNotAsk { why } => Some(why),
            _ => None,
        };
        let _ = writeln!(
            out,
            "eksctl --dry-run: {} ({} ms){}",
            gate.verdict.word(),
            gate.took.as_millis(),
            said.map(|w| format!(": {w:?}")).unwrap_or_default()
        );
    }
    let _ = writeln!(out, "decision: {}", s(p.decision));
    for step in &p.steps {
        let argv: Vec<String> = step
            .argv
            .iter()
            .map(|w| {
                w.clone()
                    .unwrap_or_else(|| "<rewritten config>".to_string())
            })
            .collect();
        let mut words = vec!["eksctl".to_string()];
        words.extend(argv.iter().map(|w| render::quote(w)));
        let _ = writeln!(
            out,
            "# {}\n{}",
            s(&step.label),
            crate::output::wrap::command("", &words)
        );
        if let Some(diff) = step.config_diff.as_deref().filter(|d| !d.is_empty()) {
            for line in diff.lines() {
                let _ = writeln!(out, "{}", sink::text(line));
            }
        }
    }
    out
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| render::quote(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn config_name(a: &Assessment) -> String {
    match &a.inv.config {
        Some(ConfigSource::File(p)) => p.display().to_string(),
        _ => "stdin".into(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    #[error("{0} is the config the command reads: the shim never writes over it")]
    UsersOwnFile(PathBuf),
    #[error("{0} already exists")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

const OWN_FILE: &str = "the config the command reads";

/// Writes the rewritten config to `path` (nothing to write: nothing is written). Never
/// over the user's own config; over another existing file only with `force`.
pub fn keep(
    plan: &Plan,
    input: Option<&ConfigInput>,
    path: &Path,
    force: bool,
) -> Result<bool, KeepError> {
    let Some(bytes) = &plan.rewritten else {
        return Ok(false);
    };
    // The config by identity (device and inode): a symlink, a hard link or a bind mount
    // of it is the config. Compared again on the file opened, before a byte changes.
    use crate::proxy::identity::FileId;
    let own = match input.map(|i| &i.source) {
        Some(ConfigSource::File(own)) => Some((own, FileId::of(own))),
        _ => None,
    };
    let is_own =
        |id: Option<FileId>| own.is_some_and(|(p, o)| o.zip(id).map_or(p == path, |(a, b)| a == b));
    if is_own(FileId::of(path)) {
        return Err(KeepError::UsersOwnFile(path.into()));
    }
    let mut open = std::fs::OpenOptions::new();
    open.write(true);
    if force {
        // Not truncated on open: a FIFO must not block (O_NONBLOCK), and what was opened
        // is checked first.
        use std::os::unix::fs::OpenOptionsExt;
        open.create(true).custom_flags(libc::O_NONBLOCK);
    } else {
        open.create_new(true);
    }
    let result = open.open(path).and_then(|mut f| {
        use std::os::unix::fs::MetadataExt;
        let meta = f.metadata()?;
        let id = FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        };
        if is_own(Some(id)) {
            return Err(std::io::Error::other(OWN_FILE));
        }
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        f.set_len(0)?;
        f.write_all(bytes)
    });
    if result
        .as_ref()
        .is_err_and(|e| e.get_ref().is_some_and(|i| i.to_string() == OWN_FILE))
    {
        return Err(KeepError::UsersOwnFile(path.into()));
    }
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(KeepError::Exists(path.into()))
        }
        Err(source) => Err(KeepError::Write {
            path: path.into(),
            source,
        }),
    }
}

/// `EKSCTL_SHIM_KEEP_CONFIG=PATH` on a normal run: keep the fix, say where (or why not).
pub fn keep_from_env(plan: &Plan, input: Option<&ConfigInput>) {
    let Some(path) = std::env::var_os(crate::settings::KEEP_CONFIG_VAR).filter(|p| !p.is_empty())
    else {
        return;
    };
    let path = PathBuf::from(path);
    match keep(plan, input, &path, false) {
        Ok(true) => say::line(format!("kept the fixed config in {}", path.display())),
        Ok(false) => {}
        Err(e) => say::warning(format!(
            "EKSCTL_SHIM_KEEP_CONFIG: {e}; the fixed config was not kept"
        )),
    }
}
