//! The `eksctl` face for `create nodegroup` / `create cluster`: a short sequence of
//! stages (`preflight::assess`, then `run`, then `advise`) and what is said between them.

use std::ffi::OsString;

use crate::config::{self, ConfigInput};
use crate::invocation::{ConfigSource, Intercepted, Invocation};
use crate::plan::fixes;
use crate::plan::render;
use crate::preflight::{self, Assessment, Decision};
use crate::proxy::real::RealEksctl;
use crate::run::{Outcome, RunContext, RunError, Runner, signals};
use crate::settings::Settings;
use crate::{advice, exit_code, say};

/// Returns the exit code (or dies of eksctl's signal). A panic in the pre-flight is a bug
/// of the shim's: in fix and warn mode eksctl runs unchanged; strict mode refuses.
pub fn run(command: Intercepted, args: &[OsString], real: &RealEksctl) -> i32 {
    // A reader that goes away (`eksctl create ... | head`) must not kill the shim while
    // eksctl is creating things: writes fail instead. eksctl gets the default back.
    // SAFETY: setting a disposition before any thread exists.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    crate::logging::install_panic_hook();
    crate::logging::init();
    crate::output::wrap::init();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => return exit_code::report(&e),
    };
    for w in &settings.warnings {
        say::warning(format!("{w}"));
    }
    let inv = Invocation::parse(command, args.to_vec());
    // `-f`'s bytes are read here, outside the part that may panic: stdin or a pipe read
    // once must reach eksctl whatever happens next.
    let input = inv.config.as_ref().map(config::read_input);
    let assessed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if std::env::var_os(crate::settings::INJECT_PANIC_VAR).is_some() {
            // For the test suite: proves a bug in the pre-flight fails open (or, in
            // strict mode, refuses).
            panic!("injected by EKSCTL_SHIM_INJECT_PANIC");
        }
        let a = preflight::assess(&settings, inv.clone(), input.as_ref(), real);
        crate::repair::maybe(&settings, a, input.as_ref(), real)
    }));
    let a = match assessed {
        Ok(a) => a,
        Err(_) => {
            return after_panic(
                &settings,
                &inv,
                input.as_ref().and_then(|r| r.as_ref().ok()),
                real,
            );
        }
    };
    say_assessment(&a, settings.quiet);
    if a.decision == Decision::Interrupted {
        // As a Go program would: the shell sees SIGINT and stops a loop.
        signals::die_of(libc::SIGINT);
    }
    if let Some(code) = a.decision.exit_code() {
        return code;
    }
    let context = run_context(&a, &settings);
    let stdin = stdin_bytes(a.input.as_ref());
    let runner = Runner {
        real,
        stdin_bytes: stdin,
        context: &context,
    };
    let started = std::time::Instant::now();
    let mut recap_due = false;
    let result = match runner.run(a.plan()) {
        // The rewrite needs a file and none can be written (an unusable TMPDIR).
        Err(RunError::TempDir(e)) if !a.plan().is_unchanged() => {
            if settings.mode == crate::settings::Mode::Strict {
                say::error(
                    format!("cannot write the rewritten config: {e}"),
                    "Set TMPDIR to a writable directory. EKSCTL_SHIM_MODE=strict does not run eksctl without the fix.",
                );
                return exit_code::COULD_NOT_CHECK;
            }
            say::warning(format!(
                "cannot write the rewritten config ({e}); running the command unchanged, without the change above (set TMPDIR to a writable directory)"
            ));
            runner.run(&fixes::unchanged(&a.inv, a.input.as_ref()))
        }
        result => {
            recap_due = recap_due_after(&a, started.elapsed(), settings.recap_after);
            result
        }
    };
    match result {
        Ok(outcome) => finish(&a, &context, outcome, recap_due),
        Err(e) => crate::exit_code::report(&e),
    }
}

/// Whether the run was long enough that the shim's change block has scrolled away.
fn recap_due_after(a: &Assessment, ran: std::time::Duration, after: std::time::Duration) -> bool {
    !a.plan().is_unchanged() && ran >= after
}

/// After a long eksctl run the shim's change block has scrolled away: one line repeats
/// what was changed and where to see it (the last line the shim says).
fn recap(a: &Assessment) {
    let plan = a.plan();
    let what: Vec<String> = plan.changes.iter().map(|c| c.what.clone()).collect();
    say::line(format!(
        "reminder: the shim changed this command before eksctl ran: {} (the change and the same by hand are printed above eksctl's output)",
        what.join("; ")
    ));
}

/// In a GitHub Actions job: the findings as annotations (at the nodegroup's line of the
/// config) on stderr, and a section of the job's summary.
fn tell_github(a: &Assessment) {
    use crate::output::github;
    if !github::detected() {
        return;
    }
    let account = a.facts.as_ref().and_then(|f| f.account.as_ref());
    let scope = match (&a.cluster, &a.region, account) {
        (Some(c), Some(r), Some(acc)) => format!("{c} ({r}, account {acc})"),
        (Some(c), Some(r), None) => format!("{c} ({r})"),
        (Some(c), None, _) => c.clone(),
        _ => "eksctl".to_string(),
    };
    if let Some(why) = &a.unchecked {
        say::annotations(&github::warning(
            &format!("eksctl-shim: {scope} not checked"),
            &why.to_string(),
        ));
        github::append_summary(&github::unchecked(&scope, &why.to_string()));
        return;
    }
    if !a.not_run.is_empty() {
        say::text(&github::warning(
            &format!("eksctl-shim: {scope} partly checked"),
            &a.not_run.to_string(),
        ));
    }
    let source = a.config.as_ref().and_then(github::Source::of);
    let findings = as_run(a);
    say::annotations(&github::annotations(&findings, &scope, source.as_ref()));
    let changes = crate::output::style::plain(&render::explain(
        a.plan(),
        &config_name(a),
        a.facts.as_ref(),
    ));
    github::append_summary(&github::summary(
        &scope,
        &findings,
        Some(&changes),
        (!a.not_run.is_empty())
            .then(|| a.not_run.to_string())
            .as_deref(),
    ));
}

/// The findings as this run leaves them: an error the rewrite removed is a warning that
/// says so (a CI annotation must not fail a review for what the shim fixed).
fn as_run(a: &Assessment) -> Vec<crate::checks::Finding> {
    let fixed = fixed(a);
    a.findings
        .iter()
        .cloned()
        .map(|mut f| {
            if fixed.contains(&f.code) && f.severity == crate::checks::Severity::Error {
                f.severity = crate::checks::Severity::Warning;
                f.message = format!("fixed by the shim for this run: {}", f.message);
            }
            f
        })
        .collect()
}

/// The codes of the findings the rewrite that runs removes: a fix planned, the plan
/// changed (eksctl accepted it), and the code not left standing.
/// No plan (an interrupted pre-flight): nothing is fixed.
fn fixed(a: &Assessment) -> Vec<crate::checks::Code> {
    let Some(planned) = &a.planned else {
        return vec![];
    };
    if planned.plan.is_unchanged() {
        return vec![];
    }
    a.findings
        .iter()
        .filter(|f| f.fix.is_some() && !planned.unfixed.contains(&f.code))
        .map(|f| f.code)
        .collect()
}

/// The findings the rewrite that runs fixes, each said as its change in the present
/// tense; the last one says what eksctl's `--dry-run` said of it and has the changed
/// command under it (issue 25: the change said once, the command on lines of its own).
fn fixed_lines(a: &Assessment) -> Vec<crate::output::findings::Fixed> {
    use crate::checks::Fix;
    let codes = fixed(a);
    let mut out: Vec<crate::output::findings::Fixed> = a
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| codes.contains(&f.code))
        .filter_map(|(at, f)| {
            let now = match f.fix.as_ref()? {
                Fix::PinSubnets {
                    nodegroup: Some(name),
                    ..
                } => format!("creating nodegroup {name:?} in subnets that exist"),
                Fix::PinSubnets {
                    nodegroup: None, ..
                } => "creating the nodegroup in subnets that exist".to_string(),
                Fix::Unmanaged => "adding --managed=false".to_string(),
                Fix::SplitCreateCluster { self_managed } => format!(
                    "creating the cluster first, then its self-managed nodegroups {}",
                    self_managed.join(", ")
                ),
            };
            Some(crate::output::findings::Fixed {
                at,
                now,
                after: String::new(),
            })
        })
        .collect();
    // Only when something is fixed: an interrupted pre-flight has no plan.
    if let Some(last) = out.last_mut() {
        let split = a.plan().steps.len() > 1;
        let accepted = a
            .judged
            .as_ref()
            .is_some_and(|j| j.verdict == crate::judge::Verdict::Accepted);
        last.now.push_str(match (accepted, split) {
            (true, true) => "; eksctl --dry-run accepts the command as written; by hand:",
            (true, false) => "; eksctl --dry-run accepts the changed command:",
            (false, true) => "; by hand:",
            (false, false) => "; the changed command:",
        });
        last.after = render::by_hand(a.plan(), &config_name(a), a.facts.as_ref());
    }
    out
}

const STRICT_UNCHECKED: &str = "EKSCTL_SHIM_MODE=strict refuses to run eksctl unchecked. Fix what is said above, or set EKSCTL_SHIM_MODE=fix to run it anyway.";

/// What the pre-flight found and decided, said once.
fn say_assessment(a: &Assessment, quiet: bool) {
    tell_github(a);
    if let Some(why) = &a.unchecked {
        match &a.decision {
            Decision::RefuseUnchecked(_) => say::error(why, STRICT_UNCHECKED),
            _ => say::warning(format!("{why}; passing the command to eksctl unchanged")),
        }
        return;
    }
    let fixed = fixed_lines(a);
    say::text(&crate::output::findings::preflight(&a.findings, &fixed));
    if let Decision::RefuseUnchecked(why) = &a.decision {
        say::error(format!("refusing to run eksctl: {why}"), STRICT_UNCHECKED);
        return;
    }
    if !a.not_run.is_empty() {
        say::warning(format!("{}; the other checks ran", a.not_run));
    }
    if let Some(planned) = &a.planned {
        for (code, why) in &planned.refused {
            say::warning(format!("cannot apply the fix for [{code}]: {why}"));
        }
    }
    // An accepted rewrite is said on the fixed findings' lines.
    if let Some(judged) = a
        .judged
        .as_ref()
        .filter(|j| fixed.is_empty() || j.verdict != crate::judge::Verdict::Accepted)
    {
        say::text(&crate::output::judgement::said(
            judged,
            &config_name(a),
            a.facts.as_ref(),
        ));
    }
    if let Decision::RefuseFindings(codes) = &a.decision {
        let codes: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        say::error(
            format!(
                "refusing to run eksctl: {} error-level finding(s) stand ({})",
                codes.len(),
                codes.join(", ")
            ),
            "Fix what the findings above say, or skip a check with EKSCTL_SHIM_SKIP=<code>, or set EKSCTL_SHIM_MODE=fix.",
        );
        return;
    }
    if a.decision == Decision::Interrupted {
        return;
    }
    let plan = a.plan();
    if fixed.is_empty() {
        say::text(&render::explain(plan, &config_name(a), a.facts.as_ref()));
    }
    if let Some(input) = &a.input {
        say::text(&render::config_changes(
            plan,
            &input.raw,
            &config_name(a),
            &a.inv.args,
        ));
    }
    crate::commands::plan::keep_from_env(plan, a.input.as_ref());
    if a.findings.is_empty() && plan.is_unchanged() && !quiet {
        quiet_all_clear(a);
    }
}

/// One short line on a terminal when all is well, so a person knows the shim ran.
fn quiet_all_clear(a: &Assessment) {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return;
    }
    if let (Some(cluster), Some(region)) = (&a.cluster, &a.region) {
        say::line(format!(
            "cluster {cluster} ({region}) checked, nothing to change"
        ));
    }
}

fn run_context(a: &Assessment, settings: &Settings) -> RunContext {
    let nodegroups = match (&a.config, a.cluster.as_ref()) {
        (Some(c), Some(cluster)) => {
            crate::checks::Subject::new(&a.inv, Some(&c.model), cluster.clone())
                .creating()
                .filter_map(|n| n.name.clone())
                .collect()
        }
        _ => a.inv.nodegroup_name.iter().cloned().collect(),
    };
    RunContext {
        cluster: a.cluster.clone(),
        region: a.region.clone(),
        profile: a.inv.profile.clone(),
        nodegroups,
        creates_cluster: a.inv.command == Intercepted::CreateCluster,
        dry_run: a.inv.dry_run,
        // Unchecked: AWS may be unreachable, so nothing is asked afterwards.
        checked: a.facts.is_some(),
        deadline: settings.deadline,
    }
}

/// After eksctl: advice on failure, the stacks eksctl left failed behind a zero exit,
/// and the shim ends as eksctl ended (by its signal, if it died of one).
fn finish(a: &Assessment, context: &RunContext, outcome: Outcome, recap_due: bool) -> i32 {
    let succeeded =
        outcome.code == 0 && outcome.signal.is_none() && outcome.failed_stacks.is_empty();
    if recap_due && !succeeded {
        recap(a);
    }
    let steps = &a.plan().steps;
    if let (Some(first), true) = (outcome.not_run.first(), steps.len() > 1) {
        let stopped = match outcome.signal {
            Some(s) if *first > 0 && outcome.code == exit_code::from_signal(s) => {
                format!("{} was interrupted", steps[first - 1].label)
            }
            _ if *first > 0 => format!("{} failed (exit {})", steps[first - 1].label, outcome.code),
            _ => "interrupted".to_string(),
        };
        say::line(format!("{stopped}; not run:"));
        for i in &outcome.not_run {
            say::line(format!(
                "  {}",
                render::command_line(&steps[*i].args, &config_name(a))
            ));
        }
    }
    if let Some(signal) = outcome.signal {
        // A cancelled run (Ctrl-C, a CI job stopped) is not a failure to explain.
        signals::die_of(signal);
    }
    // Compared on failure too: the control plane may be upgraded before the stack
    // update fails.
    let regained = crate::after_run_note::compares_subnets(a)
        .then(|| crate::run::cluster_now(context))
        .flatten()
        .and_then(|now| crate::after_run_note::after_upgrade(a, &now));
    if let Some(warning) = &regained {
        say::warning(warning);
    }
    if outcome.code != 0 {
        // A failure no kind names gets no line of the shim's: eksctl's own error is
        // right above, and "no advice" is no news (issue 25).
        let advice = outcome.seen.advice(&context.advice_context());
        // The pre-flight's error finding already said why and what to do.
        if let Some(code) = advice::predicted::as_predicted(&standing_errors(a), &advice) {
            say::line(format!("eksctl failed as predicted: see [{code}] above"));
        } else if !advice.is_empty() {
            say::text(&advice::render::text(&advice, outcome.seen.last_error()));
        }
        return outcome.code;
    }
    if !outcome.failed_stacks.is_empty() {
        say::line(format!(
            "eksctl exited 0, but {} (eksctl skips a failed nodegroup stack silently)",
            outcome
                .failed_stacks
                .iter()
                .map(|(s, st)| format!("stack {s} is {st}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let advice = outcome.seen.advice(&context.advice_context());
        if !advice.is_empty() {
            say::text(&advice::render::text(&advice, outcome.seen.last_error()));
        }
        return exit_code::FAILED_BEHIND_SUCCESS;
    }
    repair_hint(a);
    if let Some(note) = crate::after_run_note::after_success(a) {
        say::line(note);
    }
    if recap_due {
        recap(a);
    }
    0
}

/// The error findings the pre-flight reported that this run did not fix.
fn standing_errors(a: &Assessment) -> Vec<crate::checks::Code> {
    let fixed = fixed(a);
    a.findings
        .iter()
        .filter(|f| f.severity == crate::checks::Severity::Error && !fixed.contains(&f.code))
        .map(|f| f.code)
        .collect()
}

/// After a run a rewrite got past drift in the cluster stack's Outputs: the repair that
/// ends it, said once (the fixed finding's line said only the change).
fn repair_hint(a: &Assessment) {
    let settled = fixed(a);
    let settled: Vec<&crate::checks::Finding> = a
        .findings
        .iter()
        .filter(|f| settled.contains(&f.code) && crate::repair::settles(f.code))
        .collect();
    if a.inv.dry_run || settled.is_empty() {
        return;
    }
    let (Some(cluster), Some(facts)) = (&a.cluster, &a.facts) else {
        return;
    };
    // The deleted subnets the fixed findings named (their resources), each once: one
    // finding per nodegroup names the same subnets again.
    let mut seen = std::collections::HashSet::new();
    let gone: Vec<&str> = settled
        .iter()
        .flat_map(|f| f.resources.iter().map(String::as_str))
        .filter(|id| seen.insert(*id))
        .collect();
    say::line(format!(
        "the stack's Outputs still name deleted subnets ({}); to repair them for good (add --approve to make the change):",
        gone.join(", ")
    ));
    let words = crate::report::shim_command_words("sync-outputs", cluster, facts);
    say::text(&format!("{}\n", crate::output::wrap::command("  ", &words)));
}

/// The pre-flight panicked: strict mode refuses (it promises never to run unchecked);
/// otherwise eksctl runs as the user asked, with `-f`'s bytes handed on.
fn after_panic(
    settings: &Settings,
    inv: &Invocation,
    input: Option<&ConfigInput>,
    real: &RealEksctl,
) -> i32 {
    if settings.mode == crate::settings::Mode::Strict {
        say::error(
            "the pre-flight failed on a bug of the shim's (please report it)",
            "EKSCTL_SHIM_MODE=strict refuses to run eksctl unchecked. Set EKSCTL_SHIM_MODE=fix to run it anyway, or EKSCTL_SHIM_BYPASS=1 to skip the shim.",
        );
        return exit_code::PREFLIGHT_BUG;
    }
    say::warning(
        "the pre-flight failed on a bug of the shim's (please report it); running eksctl unchanged",
    );
    let plan = fixes::unchanged(inv, input);
    let context = RunContext::default();
    let runner = Runner {
        real,
        stdin_bytes: stdin_bytes(input),
        context: &context,
    };
    match runner.run(&plan) {
        Ok(outcome) => match outcome.signal {
            Some(signal) => signals::die_of(signal),
            None => outcome.code,
        },
        Err(e) => crate::exit_code::report(&e),
    }
}

fn stdin_bytes(input: Option<&ConfigInput>) -> Option<&[u8]> {
    input
        .filter(|i| i.source == ConfigSource::Stdin)
        .map(|i| i.raw.as_slice())
}

fn config_name(a: &Assessment) -> String {
    match &a.inv.config {
        Some(ConfigSource::File(p)) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Some(ConfigSource::Stdin) => "the config from stdin".into(),
        None => "config".into(),
    }
}
