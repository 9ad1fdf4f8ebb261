//! `eksctl-shim doctor`: is the shim in front of eksctl, which eksctl it runs, which AWS
//! identity, region and endpoints it would use, and the settings in force. Exit 0 when
//! all is well, 1 when something needs attention (each said with what to do).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::facts::aws;
use crate::output::sink;
use crate::proxy::identity::FileId;
use crate::proxy::pair::Pair;
use crate::proxy::real::RealEksctl;
use crate::settings::Settings;

/// One line of the report: good or not, what, and what to do when not.
struct Line {
    ok: bool,
    what: String,
    fix: Option<String>,
}

fn ok(what: impl Into<String>) -> Line {
    Line {
        ok: true,
        what: what.into(),
        fix: None,
    }
}

fn bad(what: impl Into<String>, fix: impl Into<String>) -> Line {
    Line {
        ok: false,
        what: what.into(),
        fix: Some(fix.into()),
    }
}

pub fn run(region: Option<String>, profile: Option<String>) -> i32 {
    let settings = Settings::from_env_but_mode();
    let mut lines = vec![];
    lines.extend(path_lines());
    lines.extend(eksctl_lines());
    lines.extend(aws_lines(region, profile, settings.deadline));
    lines.extend(settings_lines(&settings));
    let problems = lines.iter().filter(|l| !l.ok).count();
    let out = report(&lines, problems);
    let _ = std::io::Write::write_all(&mut anstream::stdout().lock(), out.as_bytes());
    if problems == 0 { 0 } else { 1 }
}

/// The report in the pre-flight's layout (`output::findings`): the shim's prefix, a label
/// column (`ok` in green, `FAIL` in red), what to do under it, wrapped to the terminal;
/// the verdict last, what a person looks for first.
fn report(lines: &[Line], problems: usize) -> String {
    use crate::output::style::{self, paint};
    use crate::output::wrap;
    use crate::say::{HANG, PREFIX};
    let mut out = String::new();
    for l in lines {
        let label = if l.ok {
            paint(style::OK, format!("{:<7}", "ok"))
        } else {
            paint(style::ERROR, format!("{:<7}", "FAIL"))
        };
        // Paths, names and AWS answers: shown as data (`output::sink`).
        out.push_str(&wrap::paragraph(
            &format!("{PREFIX}: {label} "),
            &sink::text(&l.what),
            HANG,
        ));
        out.push('\n');
        if let Some(fix) = &l.fix {
            out.push_str(&wrap::paragraph(
                &format!(
                    "{}{} ",
                    " ".repeat(HANG),
                    paint(style::HEADING, "what to do:")
                ),
                &sink::text(fix),
                HANG + 2,
            ));
            out.push('\n');
        }
    }
    let verdict = match problems {
        0 => paint(
            style::OK,
            "ready: `eksctl` is the shim, and it can check clusters",
        ),
        1 => paint(
            style::ERROR,
            "1 problem above (FAIL): the shim may not check as it should",
        ),
        n => paint(
            style::ERROR,
            format!("{n} problems above (FAIL): the shim may not check as it should"),
        ),
    };
    out.push_str(&wrap::paragraph(
        &format!("{PREFIX}: verdict: "),
        &verdict,
        HANG,
    ));
    out.push('\n');
    sink::lines(&out).into_owned()
}

/// Every executable named `name` on PATH, in order.
fn on_path(name: &str) -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .filter(|f| is_executable(f))
                .collect()
        })
        .unwrap_or_default()
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Version managers put shims of their own on PATH; say whose an `eksctl` is.
fn manager(p: &Path) -> Option<&'static str> {
    let s = p.to_string_lossy();
    [
        ("mise", "mise"),
        (".asdf/", "asdf"),
        ("homebrew", "Homebrew"),
        ("linuxbrew", "Homebrew"),
        ("/nix/", "Nix"),
        ("aqua", "aqua"),
    ]
    .iter()
    .find(|(needle, _)| s.contains(needle))
    .map(|(_, name)| *name)
}

fn path_lines() -> Vec<Line> {
    // The shim is either binary of the installation: install.sh puts the small
    // `eksctl-shim-proxy` on PATH as `eksctl` (proxy/pair.rs).
    let me = Pair::of_current_exe().ids();
    let is_me = |p: &Path| FileId::of(p).is_some_and(|id| me.contains(&id));
    let mut out = vec![];
    let eksctls = on_path("eksctl");
    match eksctls.first() {
        Some(first) if is_me(first) => out.push(ok(format!(
            "`eksctl` on PATH is this shim ({})",
            first.display()
        ))),
        Some(first) => {
            let whose = manager(first)
                .map(|m| format!(", put there by {m}"))
                .unwrap_or_default();
            let shim_later = eksctls.iter().find(|p| is_me(p));
            out.push(bad(
                format!("`eksctl` on PATH is {}{whose}, not the shim{}", first.display(),
                    shim_later.map(|p| format!(" (the shim is later on PATH, at {})", p.display())).unwrap_or_default()),
                "Put the shim's directory before it on PATH (install.sh uses ~/.local/bin), or install the shim as `eksctl` there.",
            ));
        }
        None => out.push(bad(
            "no `eksctl` on PATH",
            "Run install.sh, which links the shim as `eksctl` in ~/.local/bin.",
        )),
    }
    match on_path("eksctl-shim").first() {
        Some(p) => out.push(ok(format!("`eksctl-shim` on PATH: {}", p.display()))),
        None => out.push(bad(
            "no `eksctl-shim` on PATH",
            "Add the shim's directory (install.sh uses ~/.local/bin) to PATH.",
        )),
    }
    out
}

fn eksctl_lines() -> Vec<Line> {
    let real = match RealEksctl::find("eksctl".into()) {
        Ok((real, _)) => real,
        Err(e) => return vec![bad(e.to_string(), e.remedy())],
    };
    let version = aws::runtime().ok().and_then(|rt| {
        rt.block_on(async {
            tokio::time::timeout(
                Duration::from_secs(10),
                crate::facts::eksctl_version::ask(&real),
            )
            .await
            .ok()
            .flatten()
        })
    });
    let whose = manager(&real.path)
        .map(|m| format!(" ({m})"))
        .unwrap_or_default();
    match version {
        Some(v) => vec![ok(format!(
            "real eksctl: {}{whose}, version {v}",
            real.path.display()
        ))],
        None => vec![bad(
            format!(
                "real eksctl: {}{whose}, but `eksctl version` did not answer",
                real.path.display()
            ),
            "Check that it is a working eksctl binary, or set EKSCTL_SHIM_REAL to one.",
        )],
    }
}

fn aws_lines(region: Option<String>, profile: Option<String>, deadline: Duration) -> Vec<Line> {
    let Ok(rt) = aws::runtime() else {
        return vec![bad(
            "cannot start the async runtime",
            "Report this as a bug.",
        )];
    };
    rt.block_on(async {
        let clients = aws::clients(region.as_deref(), profile.as_deref(), deadline).await;
        let Some(region) = clients.region.clone() else {
            return vec![match &clients.missing_profile {
                Some(missing) => bad(missing.to_string(), missing.remedy()),
                None => bad(
                    aws::no_region_message(profile.as_deref()),
                    "Give --region, or set AWS_REGION.",
                ),
            }];
        };
        // Without userinfo: an endpoint URL may carry a password (B18).
        let endpoint = |var: &str, svc: &str| {
            let url = std::env::var(var)
                .ok()
                .or_else(|| std::env::var(format!("AWS_ENDPOINT_URL_{}", svc.to_uppercase())).ok())
                .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok())
                .unwrap_or_else(|| format!("https://{svc}.{region}.amazonaws.com"));
            sink::url(&url).into_owned()
        };
        let mut out = vec![ok(format!(
            "AWS region {region}{}; endpoints: EKS {}, CloudFormation {}, EC2 {}",
            profile
                .as_ref()
                .map(|p| format!(", profile {p}"))
                .unwrap_or_default(),
            endpoint(aws::EKS_ENDPOINT_VAR, "eks"),
            endpoint(aws::CLOUDFORMATION_ENDPOINT_VAR, "cloudformation"),
            endpoint(aws::EC2_ENDPOINT_VAR, "ec2"),
        ))];
        match tokio::time::timeout(deadline, clients.sts.get_caller_identity().send()).await {
            Ok(Ok(who)) => out.push(ok(format!(
                "AWS identity: {} (account {})",
                who.arn().unwrap_or("?"),
                who.account().unwrap_or("?")
            ))),
            Ok(Err(e)) => {
                let e = clients.explain(crate::facts::aws_error::classify(
                    "STS GetCallerIdentity",
                    &e,
                ));
                out.push(bad(
                    format!("AWS identity unknown: {e}"),
                    e.remedy(profile.as_deref()),
                ));
            }
            Err(_) => out.push(match &clients.unknown_region {
                Some(u) => bad(format!("no answer from STS: {u}"), u.remedy()),
                None => bad(
                    format!("no answer from STS within {:.0}s", deadline.as_secs_f64()),
                    "Check the network, a proxy or VPN, and the endpoint above.",
                ),
            }),
        }
        out
    })
}

fn settings_lines(settings: &Settings) -> Vec<Line> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mode = Settings::from_env();
    use crate::settings::Mode;
    // In words, as a person reads them: what each setting makes the shim do.
    let mode_words = match mode.as_ref().map(|s| s.mode) {
        Ok(Mode::Fix) => "fix (rewrites what eksctl accepts, runs eksctl)",
        Ok(Mode::Warn) => "warn (says what it finds, changes nothing)",
        Ok(Mode::Strict) => "strict (refuses a command that would fail or was not checked)",
        Err(_) => "invalid",
    };
    let skip: Vec<&str> = settings.skip.iter().map(|c| c.as_str()).collect();
    let skip_words = if skip.is_empty() {
        "no check skipped".to_string()
    } else {
        format!("skipped: {}", skip.join(", "))
    };
    let mut out = vec![ok(format!(
        "settings: mode {mode_words}; {skip_words}; AWS reads wait at most {} s; bypass {}; rewritten configs {}",
        settings.deadline.as_secs_f64(),
        if var(crate::proxy::BYPASS_VAR).is_some() {
            "on (EKSCTL_SHIM_BYPASS: nothing is checked)"
        } else {
            "off"
        },
        match var(crate::settings::KEEP_CONFIG_VAR) {
            Some(path) => format!("kept at {path}"),
            None => "not kept".into(),
        },
    ))];
    if let Err(e) = mode {
        use crate::exit_code::Failure;
        out.push(bad(format!("setting: {e}"), e.remedy()));
    }
    for w in &settings.warnings {
        out.push(bad(
            format!("setting: {w}"),
            "Fix the variable, or unset it.",
        ));
    }
    out
}
