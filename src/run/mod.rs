//! Running the plan: each step in order, stopping at the first failure; output streamed
//! through as it arrives; on failure, advice; after a "success", the stacks checked.
//! Rewritten configs live in a private temporary directory removed on every path out.

pub mod signals;
pub mod stream;
mod verify;

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::advice::{self, Analyzer};
use crate::plan::{CONFIG_PATH_SLOT, Plan, Step, render};
use crate::proxy::chain;
use crate::{exit_code, say};

pub use verify::RunContext;

pub struct Runner<'a> {
    pub real: &'a Path,
    pub argv0: &'a OsString,
    pub chain_marker: &'a OsString,
    /// Bytes read from stdin for `-f -`: eksctl gets them back on its stdin when it
    /// reads the user's config as given.
    pub stdin_bytes: Option<&'a [u8]>,
    /// How to name a rewritten config in messages (the user's file name, or stdin).
    pub config_name: &'a str,
    /// What the run is about, for advice and for checking the stacks afterwards.
    pub context: RunContext,
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
        let mut seen = Analyzer::new();
        for (i, step) in plan.steps.iter().enumerate() {
            if total > 1 {
                say::line(format!("running {}", step.label));
            }
            let (code, analyzer) = match self.run_step(step, dir.path(), i) {
                Ok(r) => r,
                Err(e) => {
                    say::error(
                        format!("could not run {}: {e}", self.real.display()),
                        "Check that the file is a working eksctl binary, or set EKSCTL_SHIM_REAL to one.",
                    );
                    return exit_code::NOT_EXECUTABLE;
                }
            };
            seen.merge(analyzer);
            if code != 0 {
                self.advise(&mut seen, code);
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
        if let Some(failed) = verify::failed_stacks(&self.context) {
            say::line(format!(
                "eksctl exited 0, but {} (eksctl skips a failed nodegroup stack silently)",
                failed
                    .iter()
                    .map(|(s, st)| format!("stack {s} is {st}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for (stack, status) in &failed {
                seen.stack_left(stack, status);
            }
            self.advise(&mut seen, 0);
            return exit_code::FAILED_BEHIND_SUCCESS;
        }
        0
    }

    /// Says what went wrong and what to do, from what eksctl printed and, when the
    /// cluster is known, the failed events of the stacks the run touched.
    fn advise(&self, seen: &mut Analyzer, code: i32) {
        if self.context.cluster.is_some() && code != exit_code::from_signal(libc::SIGINT) {
            for line in verify::failure_events(&self.context) {
                seen.feed(line.as_bytes());
            }
        }
        let advice = seen.advice(&self.context.advice_context());
        eprint!("{}", advice::render::text(&advice, seen.last_error()));
    }

    fn run_step(&self, step: &Step, dir: &Path, index: usize) -> std::io::Result<(i32, Analyzer)> {
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
        // On a terminal eksctl keeps stdout (and its colour, which it turns off on a
        // pipe); elsewhere the shim passes it through byte for byte and reads it too.
        let tee_stdout = unsafe { libc::isatty(libc::STDOUT_FILENO) } == 0;

        let mut cmd = Command::new(self.real);
        cmd.arg0(self.argv0)
            .args(&args)
            .env(chain::VAR, self.chain_marker)
            .stderr(Stdio::piped());
        if tee_stdout {
            cmd.stdout(Stdio::piped());
        }
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
        let err_reader = child
            .stderr
            .take()
            .map(|e| std::thread::spawn(move || stream::forward(e, std::io::stderr())));
        let out_reader = child
            .stdout
            .take()
            .map(|o| std::thread::spawn(move || stream::forward(o, std::io::stdout())));
        let status = child.wait();
        signals::child_ended();
        let mut analyzer = Analyzer::new();
        for reader in [out_reader, err_reader].into_iter().flatten() {
            if let Ok(a) = reader.join() {
                analyzer.merge(a);
            }
        }
        if let Some(w) = writer {
            let _ = w.join();
        }
        let status = status?;
        let code = status
            .code()
            .unwrap_or_else(|| exit_code::from_signal(status.signal().unwrap_or(0)));
        Ok((code, analyzer))
    }
}

/// A directory only the user can enter (0700); removed when dropped.
pub fn private_dir() -> std::io::Result<tempfile::TempDir> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix("eksctl-shim-")
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir()
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
