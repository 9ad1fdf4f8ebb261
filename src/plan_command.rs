//! `eksctl-shim plan -- <eksctl arguments>`: the pre-flight the `eksctl` face would run
//! for those arguments (`preflight::assess`, same settings and planner), printed instead
//! of run. Nothing is written but output (and `--write`'s file); eksctl is asked only
//! its version. Exit codes are those the `eksctl` face would end with before eksctl.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::checks::Subject;
use crate::config::ConfigInput;
use crate::invocation::ConfigSource;
use crate::output::sink;
use crate::plan::{Arg, Plan, render};
use crate::preflight::{self, Assessment, Decision, Unchecked};
use crate::proxy::real::RealEksctl;
use crate::proxy::route::{self, Intercepted, Route};
use crate::settings::Settings;
use crate::{config, exit_code, say};

/// The JSON document's version: bumped on any change that is not an addition.
pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

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
        print(&req, passthrough(&req.args), &[]);
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
    print(
        &req,
        document(&a, command, req.write.as_deref()),
        &a.findings,
    );
    a.decision.exit_code().unwrap_or(0)
}

/// `findings`: the text's, in the pre-flight's layout (`output::findings`), from the
/// values themselves.
fn print(req: &Request, doc: Value, findings: &[crate::checks::Finding]) {
    match req.format {
        Format::Json => {
            let json = sink::json_document(&serde_json::to_string_pretty(&doc).unwrap_or_default());
            let _ = std::io::stdout().lock().write_all((json + "\n").as_bytes());
        }
        // Styled as the pre-flight is: anstream keeps them on a terminal only.
        Format::Text => {
            let text = sink::lines(&text(&doc, findings)).into_owned();
            let _ = anstream::stdout().lock().write_all(text.as_bytes());
        }
    }
}

fn passthrough(args: &[OsString]) -> Value {
    json!({
        "schema": SCHEMA,
        "command": null,
        "eksctl_refuses": null,
        "decision": "unchanged",
        "passthrough": true,
        "findings": [],
        "steps": [{"argv": words(args), "config": null, "config_diff": null}],
    })
}

fn words(args: &[OsString]) -> Vec<String> {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// The plan as a JSON document (schema in docs/usage.md). A rewritten config's path is
/// `--write`'s path, or `null` (a private temporary file, made when the step runs).
fn document(a: &Assessment, command: Intercepted, written: Option<&Path>) -> Value {
    let plan = a.plan();
    let original: Option<&[u8]> = a.input.as_ref().map(|i| i.raw.as_slice());
    let name = config_name(a);
    let steps: Vec<Value> = plan
        .steps
        .iter()
        .map(|s| {
            let argv: Vec<Value> = s
                .args
                .iter()
                .map(|arg| match arg {
                    Arg::Word(w) => json!(w.to_string_lossy()),
                    Arg::ConfigPath => {
                        written.map_or(Value::Null, |p| json!(p.display().to_string()))
                    }
                })
                .collect();
            let config = s
                .config
                .as_ref()
                .map(|c| String::from_utf8_lossy(c).into_owned());
            let diff = match (&s.config, original) {
                (Some(c), Some(o)) => Some(render::config_diff(o, c, &name, 3)),
                _ => None,
            };
            json!({"argv": argv, "config": config, "config_diff": diff, "label": s.label})
        })
        .collect();
    let nodegroups: Vec<Value> = match &a.cluster {
        Some(cluster) => Subject::new(&a.inv, a.config.as_ref().map(|c| &c.model), cluster.clone())
            .nodegroups
            .iter()
            .map(|n| {
                json!({"name": n.name, "managed": n.managed, "private": n.private,
                       "subnets": n.subnets, "zones": n.zones, "created": n.selected})
            })
            .collect(),
        None => vec![],
    };
    let findings: Vec<Value> = a
        .findings
        .iter()
        .map(|f| {
            json!({"code": f.code, "severity": f.severity, "message": f.message,
                   "remedy": f.remediation, "resources": f.resources})
        })
        .collect();
    let decision = match &a.decision {
        Decision::Run if plan.is_unchanged() => "unchanged",
        d => d.word(),
    };
    let refuses = match &a.unchecked {
        Some(Unchecked::EksctlRefuses(why)) => json!(why),
        _ => Value::Null,
    };
    json!({
        "schema": SCHEMA,
        "command": match command {
            Intercepted::CreateNodegroup => "create nodegroup",
            Intercepted::CreateCluster => "create cluster",
            Intercepted::UpgradeCluster => "upgrade cluster",
            Intercepted::UpdateCluster => "update cluster",
            Intercepted::CreateIamIdentityMapping => "create iamidentitymapping",
            Intercepted::UpdateClusterVpcConfig => "utils update-cluster-vpc-config",
            Intercepted::UpdateAuthenticationMode => "utils update-authentication-mode",
            Intercepted::CreateFargateProfile => "create fargateprofile",
            Intercepted::CreateAccessEntry => "create accessentry",
        },
        "eksctl_refuses": refuses,
        "unchecked": a.unchecked.as_ref().map(|u| u.to_string()),
        "not_run": (!a.not_run.is_empty()).then(|| a.not_run.to_string()),
        "cluster": a.cluster,
        "region": a.region,
        // Where it would come from, in words, when none was resolved (`region` is null).
        "region_source": a.region.is_none().then(|| crate::facts::region_source::describe(a.inv.profile.as_deref()).to_string()),
        "profile": a.inv.profile,
        "eksctl_version": a.facts.as_ref().and_then(|f| f.eksctl_version.as_ref()).map(|v| v.to_string()),
        "nodegroups": nodegroups,
        "findings": findings,
        "changes": plan.changes.iter().map(|c| json!({"what": c.what, "why": c.why})).collect::<Vec<_>>(),
        "decision": decision,
        "gate": a.judged,
        "steps": steps,
    })
}

fn text(doc: &Value, findings: &[crate::checks::Finding]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // Every string of the document may come from outside (names, paths, AWS answers).
    let s = |v: &Value| sink::text(v.as_str().unwrap_or("?")).into_owned();
    let or = |v: &Value, none: &str| sink::text(v.as_str().unwrap_or(none)).into_owned();
    if doc["passthrough"] == true {
        let argv: Vec<String> = doc["steps"][0]["argv"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect();
        let _ = writeln!(out, "passed through unchanged: eksctl {}", quoted(&argv));
        return out;
    }
    let _ = writeln!(
        out,
        "{} for cluster {} {}{} (eksctl {})",
        s(&doc["command"]),
        or(&doc["cluster"], "<none>"),
        match doc["region"].as_str() {
            Some(r) => format!("in {}", sink::text(r)),
            None => or(&doc["region_source"], "with no region"),
        },
        doc["profile"]
            .as_str()
            .map(|p| format!(", profile {}", sink::text(p)))
            .unwrap_or_default(),
        or(&doc["eksctl_version"], "version unknown"),
    );
    if let Some(why) = doc["unchecked"].as_str() {
        let _ = writeln!(out, "not checked: {}", sink::text(why));
    }
    if let Some(why) = doc["not_run"].as_str() {
        let _ = writeln!(out, "partly checked: {why}");
    }
    for n in doc["nodegroups"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "  nodegroup {} ({}, {}){}",
            or(&n["name"], "<generated name>"),
            if n["managed"] == true {
                "managed"
            } else {
                "self-managed"
            },
            if n["private"] == true {
                "private"
            } else {
                "public"
            },
            if n["created"] == true {
                ""
            } else {
                ", not created by this command"
            },
        );
    }
    out.push_str(&crate::output::findings::preflight(findings, &[]));
    if let Some(gate) = doc["gate"].as_object() {
        let _ = writeln!(
            out,
            "eksctl --dry-run: {} ({} ms){}",
            gate["verdict"].as_str().unwrap_or("?"),
            gate["took_ms"],
            gate.get("said")
                .or_else(|| gate.get("why"))
                .and_then(Value::as_str)
                .map(|w| format!(": {w:?}"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(out, "decision: {}", s(&doc["decision"]));
    for step in doc["steps"].as_array().into_iter().flatten() {
        let argv: Vec<String> = step["argv"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|w| {
                w.as_str()
                    .map_or_else(|| "<rewritten config>".to_string(), str::to_string)
            })
            .collect();
        let mut words = vec!["eksctl".to_string()];
        words.extend(argv.iter().map(|w| render::quote(w)));
        let _ = writeln!(
            out,
            "# {}\n{}",
            s(&step["label"]),
            crate::output::wrap::command("", &words)
        );
        if let Some(diff) = step["config_diff"].as_str().filter(|d| !d.is_empty()) {
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
