//! Running the plan: each step in order, stopping at the first failure; rewritten configs
//! in a private temporary directory that is removed on every path out of here.

pub mod signals;

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::plan::{CONFIG_PATH_SLOT, Plan, Step, render};
use crate::proxy::chain;
use crate::{exit_code, say};

pub struct Runner<'a> {
    pub real: &'a Path,
    pub argv0: &'a OsString,
    pub chain_marker: &'a OsString,
    /// Bytes read from stdin for `-f -`: eksctl gets them back on its stdin when it
    /// reads the user's config as given.
    pub stdin_bytes: Option<&'a [u8]>,
    /// How to name a rewritten config in messages (the user's file name, or stdin).
    pub config_name: &'a str,
}

impl Runner<'_> {
    /// Runs every step; returns the exit code for the shim.
    pub fn run(&self, plan: &Plan) -> i32 {
        let dir = match private_dir() {
            Ok(d) => d,
            Err(e) => {
                say::error(
                    format!("cannot create a private temporary directory: {e}"),
                    "Set TMPDIR to a writable directory.",
                );
                return exit_code::INTERNAL;
            }
        };
        let total = plan.steps.len();
        for (i, step) in plan.steps.iter().enumerate() {
            if total > 1 {
                say::line(format!("running {}", step.label));
            }
            let code = match self.run_step(step, dir.path(), i) {
                Ok(code) => code,
                Err(e) => {
                    say::error(
                        format!("could not run {}: {e}", self.real.display()),
                        "Check that the file is a working eksctl binary, or set EKSCTL_SHIM_REAL to one.",
                    );
                    exit_code::NOT_EXECUTABLE
                }
            };
            if code != 0 {
                if i + 1 < total {
                    say::line(format!("{} failed (exit {code}); not run:", step.label));
                    for rest in &plan.steps[i + 1..] {
                        say::line(format!(
                            "  {}",
                            render::command_line(&rest.args, self.config_name)
                        ));
                    }
                }
                return code;
            }
        }
        0
    }

    fn run_step(&self, step: &Step, dir: &Path, index: usize) -> std::io::Result<i32> {
        let config_path = match &step.config {
            Some(bytes) => Some(write_private(dir, index, bytes)?),
            None => None,
        };
        let args: Vec<OsString> = step
            .args
            .iter()
            .map(|a| match (&config_path, a.to_str()) {
                (Some(p), Some(CONFIG_PATH_SLOT)) => p.clone().into_os_string(),
                _ => a.clone(),
            })
            .collect();
        let feed = if step.config.is_none() {
            self.stdin_bytes
        } else {
            None
        };

        let mut cmd = Command::new(self.real);
        cmd.arg0(self.argv0)
            .args(&args)
            .env(chain::VAR, self.chain_marker);
        if feed.is_some() {
            cmd.stdin(Stdio::piped());
        }
        signals::shield();
        unsafe { cmd.pre_exec(signals::restore_defaults_in_child) };
        let mut child = cmd.spawn()?;
        signals::child_started(child.id());
        let writer = feed.map(|bytes| {
            let mut stdin = child.stdin.take().expect("piped");
            let bytes = bytes.to_vec();
            // A thread, so a child that does not read all of stdin cannot block the wait.
            std::thread::spawn(move || {
                let _ = stdin.write_all(&bytes);
            })
        });
        let status = child.wait();
        signals::child_ended();
        if let Some(w) = writer {
            let _ = w.join();
        }
        let status = status?;
        Ok(status
            .code()
            .unwrap_or_else(|| exit_code::from_signal(status.signal().unwrap_or(0))))
    }
}

/// A directory only the user can enter (0700); removed when dropped.
pub fn private_dir() -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new().prefix("eksctl-shim-").tempdir()
}

/// A file only the user can read (0600), created new, never following a link.
fn write_private(dir: &Path, index: usize, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let path = dir.join(format!("config-{}.yaml", index + 1));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(path)
}
