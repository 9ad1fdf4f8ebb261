//! The shim's settings, all from the environment (the `eksctl` face takes no flags of
//! its own: every flag belongs to eksctl).

pub mod vars;

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Apply safe rewrites and say so (default).
    Fix,
    /// Report findings, change nothing.
    Warn,
    /// Apply safe rewrites; refuse to run while an error-level finding stands unfixed,
    /// or when the cluster could not be checked.
    Strict,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub mode: Mode,
    pub skip: Vec<crate::checks::Code>,
    pub deadline: Duration,
    /// `EKSCTL_SHIM_REPAIR=outputs`: repair the cluster stack's subnet Outputs
    /// (`sync-outputs --approve`) before eksctl when drift no rewrite fixes stands.
    pub repair_outputs: bool,
    /// `EKSCTL_SHIM_QUIET` (anything but `0`): no "nothing to change" line and no
    /// spinner, even on a terminal.
    pub quiet: bool,
    /// `EKSCTL_SHIM_RECAP_AFTER` seconds: how long an eksctl run the shim changed must
    /// last before a closing reminder of the change (default 60).
    pub recap_after: Duration,
    /// Problems with the settings themselves, said once as warnings.
    pub warnings: Vec<String>,
}

pub const MODE_VAR: &str = "EKSCTL_SHIM_MODE";
pub const SKIP_VAR: &str = "EKSCTL_SHIM_SKIP";
pub const TIMEOUT_VAR: &str = "EKSCTL_SHIM_TIMEOUT";
pub const REPAIR_VAR: &str = "EKSCTL_SHIM_REPAIR";
pub const QUIET_VAR: &str = "EKSCTL_SHIM_QUIET";
pub const RECAP_AFTER_VAR: &str = "EKSCTL_SHIM_RECAP_AFTER";
/// Read by `plan_command::keep_from_env` and shown by `doctor`.
pub const KEEP_CONFIG_VAR: &str = "EKSCTL_SHIM_KEEP_CONFIG";
/// For the test suite: read by `intercept`.
pub const INJECT_PANIC_VAR: &str = "EKSCTL_SHIM_INJECT_PANIC";
pub const DEFAULT_RECAP_AFTER: Duration = Duration::from_secs(60);
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(10);

/// A mode the shim cannot read: never guessed (a misspelt `strict` that fell back to
/// `fix` would run eksctl unchecked without a word), so every command refuses it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{MODE_VAR}={0:?} is not a mode: the valid values are fix, warn and strict")]
pub struct ModeError(pub String);

impl crate::exit_code::Failure for ModeError {
    fn exit_code(&self) -> i32 {
        crate::exit_code::USAGE
    }

    fn remedy(&self) -> String {
        format!(
            "Set {MODE_VAR} to fix, warn or strict (or unset it for fix); the shim does not guess which was meant."
        )
    }
}

impl Settings {
    /// The settings of this process's environment. A value that is not UTF-8 is read with
    /// its bad bytes as U+FFFD, so it is never a valid value and never silently unset: an
    /// unknown mode is an error, anything else a warning.
    /// An `EKSCTL_SHIM_*` variable the shim does not know is a warning too (`vars`).
    pub fn from_env() -> Result<Settings, ModeError> {
        Self::from_lookup(env).map(with_strays)
    }

    /// Runs `command` with the settings of the environment, their warnings said first, or
    /// refuses (exit 2) a mode that cannot be read.
    pub fn with_env(command: impl FnOnce(Settings) -> i32) -> i32 {
        match Self::from_env() {
            Ok(settings) => {
                for w in &settings.warnings {
                    crate::say::warning(w.clone());
                }
                command(settings)
            }
            Err(e) => crate::exit_code::report(&e),
        }
    }

    /// As `from_env`, with `EKSCTL_SHIM_MODE` left out (`doctor` reports it on its own).
    pub fn from_env_but_mode() -> Settings {
        Self::from_lookup(|k| if k == MODE_VAR { None } else { env(k) })
            .map(with_strays)
            .unwrap_or_else(|_| unreachable!("the mode was left out"))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, ModeError> {
        let mut warnings = vec![];
        let mode = match get(MODE_VAR)
            .as_deref()
            .map(str::trim)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("") | Some("fix") => Mode::Fix,
            Some("warn") => Mode::Warn,
            Some("strict") => Mode::Strict,
            Some(other) => return Err(ModeError(other.to_string())),
        };
        let mut skip = vec![];
        for word in get(SKIP_VAR).unwrap_or_default().split(',').map(str::trim) {
            match word.parse::<crate::checks::Code>() {
                Ok(code) => skip.push(code),
                Err(_) if word.is_empty() || crate::checks::codes::RETIRED.contains(&word) => {}
                Err(why) => warnings.push(format!("{SKIP_VAR}: {why}")),
            }
        }
        let deadline = match get(TIMEOUT_VAR) {
            None => DEFAULT_DEADLINE,
            Some(v) => match v.trim().parse::<f64>() {
                Ok(s) if s.is_finite() && s > 0.0 && s <= 3600.0 => Duration::from_secs_f64(s),
                _ => {
                    warnings.push(format!(
                        "{TIMEOUT_VAR}={v:?} is not a number of seconds; using 10"
                    ));
                    DEFAULT_DEADLINE
                }
            },
        };
        let repair_outputs = match get(REPAIR_VAR).as_deref().map(str::trim) {
            None | Some("") => false,
            Some("outputs") => true,
            Some(other) => {
                warnings.push(format!(
                    "{REPAIR_VAR}={other:?} is not a repair the shim knows (only \"outputs\"); repairing nothing"
                ));
                false
            }
        };
        let quiet = get(QUIET_VAR).is_some_and(|v| v != "0");
        let recap_after = match get(RECAP_AFTER_VAR) {
            None => DEFAULT_RECAP_AFTER,
            Some(v) => match v.trim().parse::<u64>() {
                Ok(s) => Duration::from_secs(s),
                Err(_) => {
                    warnings.push(format!(
                        "{RECAP_AFTER_VAR}={v:?} is not a whole number of seconds; using 60"
                    ));
                    DEFAULT_RECAP_AFTER
                }
            },
        };
        Ok(Settings {
            mode,
            skip,
            deadline,
            repair_outputs,
            quiet,
            recap_after,
            warnings,
        })
    }
}

/// `settings` with a warning first for each unknown `EKSCTL_SHIM_*` variable set.
fn with_strays(mut settings: Settings) -> Settings {
    let strays = vars::unknown(std::env::vars_os().map(|(name, _)| name));
    settings.warnings.splice(0..0, strays);
    settings
}

/// A variable's value, its bytes that are not UTF-8 as U+FFFD (never "unset").
fn env(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Settings {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
            .unwrap()
    }

    #[test]
    fn defaults() {
        let s = with(&[]);
        assert_eq!(
            (s.mode, s.deadline, s.skip.len(), s.warnings.len()),
            (Mode::Fix, DEFAULT_DEADLINE, 0, 0)
        );
    }

    #[test]
    fn values_and_bad_values() {
        let s = with(&[
            (MODE_VAR, "STRICT"),
            (SKIP_VAR, "subnet-drift, auth-flag-on-api"),
            (TIMEOUT_VAR, "2.5"),
        ]);
        assert_eq!(s.mode, Mode::Strict);
        assert_eq!(
            s.skip,
            [
                crate::checks::Code::SubnetDrift,
                crate::checks::Code::AuthFlagOnApi
            ]
        );
        assert_eq!(s.deadline, Duration::from_millis(2500));
        // A retired code skips nothing, and says nothing.
        let retired = with(&[(SKIP_VAR, "auth-configmap")]);
        assert_eq!((retired.skip.len(), retired.warnings.len()), (0, 0));
        let bad = with(&[(TIMEOUT_VAR, "-1"), (SKIP_VAR, "subnet-drfit")]);
        assert_eq!(bad.mode, Mode::Fix);
        assert_eq!(bad.warnings.len(), 2);
        assert!(
            bad.warnings[0].contains("did you mean subnet-drift? valid codes: cluster-not-found"),
            "{:?}",
            bad.warnings
        );
    }

    #[test]
    fn an_unknown_mode_is_an_error_never_fix() {
        for value in ["stirct", "yolo", "strict\u{fffd}", "strict,fix"] {
            let err =
                Settings::from_lookup(|k| (k == MODE_VAR).then(|| value.to_string())).unwrap_err();
            assert!(
                err.to_string()
                    .contains("the valid values are fix, warn and strict"),
                "{err}"
            );
        }
    }
}
