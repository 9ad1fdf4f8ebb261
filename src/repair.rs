//! `EKSCTL_SHIM_REPAIR=outputs`: when the command would fail on drift in the cluster
//! stack's subnet Outputs that no rewrite of the command fixes (eksctl <= 0.176 looks
//! every Output subnet up; the stack update of #7720; `upgrade cluster`'s rebuild), the
//! shim runs `sync-outputs --approve` first, with all its refusals and its read-back,
//! says what it changed, and checks again before eksctl runs. Off by default: it changes
//! the stack. Whatever the repair does not settle stands as before (strict refuses).

use std::ffi::OsString;

use crate::checks::Code;
use crate::commands::sync_outputs::{self, Report};
use crate::config::{self, ConfigInput};
use crate::preflight::{self, Assessment};
use crate::proxy::real::RealEksctl;
use crate::settings::Settings;

/// The findings a repair of the Outputs can settle.
const REPAIRABLE: &[Code] = &[
    Code::SubnetDrift,
    Code::StackUpdateDrift,
    Code::StackUpdateRebuild,
    Code::UpgradeSubnetGone,
    Code::UpgradeTooFewZones,
    Code::UpgradeZoneResource,
    Code::FargateSubnetGone,
];

/// Whether a repair of the Outputs settles the finding of `code`.
pub fn settles(code: Code) -> bool {
    REPAIRABLE.contains(&code)
}

/// The error findings left unfixed that a repair of the Outputs can settle.
pub fn wanted(a: &Assessment) -> Vec<Code> {
    let Some(planned) = &a.planned else {
        return vec![];
    };
    let mut codes: Vec<Code> = planned
        .unfixed
        .iter()
        .copied()
        .filter(|c| REPAIRABLE.contains(c))
        .collect();
    codes.dedup();
    codes
}

/// Repairs when asked and needed, and returns the assessment to act on: a fresh one
/// after a repair that changed the stack, else the one given.
pub fn maybe(
    settings: &Settings,
    a: Assessment,
    input: Option<&Result<ConfigInput, config::ConfigError>>,
    real: &RealEksctl,
) -> Assessment {
    let codes = wanted(&a);
    if !settings.repair_outputs || codes.is_empty() {
        return a;
    }
    let (Some(cluster), Some(facts)) = (a.cluster.clone(), a.facts.as_ref()) else {
        return a;
    };
    // A plan (`upgrade cluster` without `--approve`) or a `--dry-run` changes nothing:
    // neither does the shim before it (audit v2 H4, hostile run B5).
    if a.inv.plan_mode || a.inv.dry_run {
        crate::say::line(format!(
            "{}=outputs: this command changes nothing, so the stack is left as it is; before a command that changes the cluster, the shim would first run `{} --approve`",
            crate::settings::REPAIR_VAR,
            crate::report::shim_command("sync-outputs", &cluster, facts)
        ));
        return a;
    }
    if settings.mode == crate::settings::Mode::Warn {
        crate::say::warning(format!(
            "{}=outputs is not acted on in warn mode, which changes nothing",
            crate::settings::REPAIR_VAR
        ));
        return a;
    }
    // What was found, before the stack is changed because of it.
    crate::say::text(&crate::output::findings::preflight(&a.findings, &[]));
    let names: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
    crate::say::line(format!(
        "{} stands, and no rewrite of the command fixes it; repairing the stack's subnet Outputs first ({}=outputs)",
        names.join(", "),
        crate::settings::REPAIR_VAR
    ));
    let code = sync_outputs::run(sync_outputs::Request {
        cluster,
        region: facts.region.clone(),
        profile: facts.profile.clone(),
        approve: true,
        deadline: settings.deadline,
        // The user's command waits on it: a tenth of sync-outputs' own bound (30 s by
        // default), then it goes on as without the repair.
        wait: crate::commands::sync_outputs::wait_for(settings.deadline) / 10,
        report: Report::Stderr,
    });
    if code != 0 {
        crate::say::warning(format!(
            "the repair did not complete (sync-outputs exit {code}); going on as without {}",
            crate::settings::REPAIR_VAR
        ));
        return a;
    }
    let args: Vec<OsString> = a.inv.args.clone();
    let inv = crate::invocation::Invocation::parse(a.inv.command, args);
    preflight::assess(settings, inv, input, real)
}
