//! Running the plan: each step in order, stopping at the first failure or signal; output
//! streamed through as it arrives and read by the analyzer. Rewritten configs live in a
//! private temporary directory removed before `run` returns, on every path. The result
//! is an `Outcome`; advice is a separate, pure stage (`advise`).

pub mod signals;
pub mod stream;
mod verify;

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::advice::Analyzer;
use crate::plan::{Plan, Step};
use crate::proxy::real::RealEksctl;
use crate::{exit_code, say};

pub use verify::{RunContext, cluster_now};

/// How the run ended.
#[derive(Debug)]
pub struct Outcome {
    /// eksctl's exit code (128+N for a signal death).
    pub code: i32,
    /// eksctl died of this signal, or one reached the shim between steps.
    pub signal: Option<i32>,
    /// What the analyzer saw in eksctl's output and in the failed stacks' events.
    pub seen: Analyzer,
    /// The steps not run because an earlier one failed or was interrupted.
    pub not_run: Vec<usize>,
    /// eksctl exited 0 but these stacks (name, status) ended failed (eksctl #8712).
    pub failed_stacks: Vec<(String, aws_sdk_cloudformation::types::StackStatus)>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("cannot create a private temporary directory: {0}")]
    TempDir(std::io::Error),
    #[error("could not run {path}: {source}")]
    Spawn {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl crate::exit_code::Failure for RunError {
    fn exit_code(&self) -> i32 {
        RunError::exit_code(self)
    }

    fn remedy(&self) -> String {
        RunError::remedy(self).to_string()
    }
}

impl RunError {
    pub fn exit_code(&self) -> i32 {
        match self {
            RunError::TempDir(_) => exit_code::INTERNAL,
            RunError::Spawn { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                exit_code::NOT_FOUND
            }
            RunError::Spawn { .. } => exit_code::NOT_EXECUTABLE,
        }
    }

    pub fn remedy(&self) -> &'static str {
        match self {
            RunError::TempDir(_) => "Set TMPDIR to a writable directory.",
            RunError::Spawn { .. } => {
                "Check that the file is a working eksctl binary, or set EKSCTL_SHIM_REAL to one."
            }
        }
    }
}

pub struct Runner<'a> {
    pub real: &'a RealEksctl,
    /// Bytes read from stdin for `-f -`: eksctl gets them back on its stdin when it
    /// reads the user's config as given.
    pub stdin_bytes: Option<&'a [u8]>,
    /// What the run is about, for checking the stacks afterwards.
    pub context: &'a RunContext,
}

impl Runner<'_> {
    pub fn run(&self, plan: &Plan) -> Result<Outcome, RunError> {
        let (mut outcome, ran) = {
            // Only a step with a config to write needs the directory: an unusable TMPDIR
            // (a read-only root file system) must not fail a command that writes none.
            let dir = match plan
                .steps
                .iter()
                .any(|s| s.config.is_some() && s.config_fd.is_none())
            {
                true => Some(private_dir().map_err(RunError::TempDir)?),
                false => None,
            };
            self.steps(plan, dir.as_ref().map(tempfile::TempDir::path))?
            // the directory and the rewritten configs go here, before any lookup
        };
        if outcome.code != 0 && outcome.signal.is_none() {
            for line in verify::failure_events(self.context) {
                outcome.seen.feed(line.as_bytes());
            }
        } else if outcome.code == 0 && ran == plan.steps.len() {
            outcome.failed_stacks = verify::failed_stacks(self.context).unwrap_or_default();
            if !outcome.failed_stacks.is_empty() {
                for line in verify::failure_events(self.context) {
                    outcome.seen.feed(line.as_bytes());
                }
                for (stack, status) in &outcome.failed_stacks {
                    outcome.seen.stack_left(stack, status.as_str());
                }
            }
        }
        Ok(outcome)
    }

    /// Runs the steps while shielded; returns the outcome and how many steps ran.
    fn steps(&self, plan: &Plan, dir: Option<&Path>) -> Result<(Outcome, usize), RunError> {
        let shield = signals::Shield::raise();
        let total = plan.steps.len();
        let mut outcome = Outcome {
            code: 0,
            signal: None,
            seen: Analyzer::new(),
            not_run: vec![],
            failed_stacks: vec![],
        };
        let mut ran = 0;
        for (i, step) in plan.steps.iter().enumerate() {
            if let Some(signal) = shield.caught() {
                // A signal between steps stops the next one.
                outcome.signal = Some(signal);
                outcome.code = exit_code::from_signal(signal);
                outcome.not_run = (i..total).collect();
                break;
            }
            if total > 1 {
                say::line(format!("running {}", step.label));
            }
            let (status, analyzer) = self.step(step, dir, i, &shield)?;
            ran += 1;
            outcome.seen.merge(analyzer);
            outcome.signal = status.signal();
            outcome.code = status
                .code()
                .unwrap_or_else(|| exit_code::from_signal(status.signal().unwrap_or(0)));
            if outcome.code != 0 {
                outcome.not_run = (i + 1..total).collect();
                break;
            }
        }
        Ok((outcome, ran))
    }

    fn step(
        &self,
        step: &Step,
        dir: Option<&Path>,
        index: usize,
        shield: &signals::Shield,
    ) -> Result<(std::process::ExitStatus, Analyzer), RunError> {
        let spawn_error = |source| RunError::Spawn {
            path: self.real.path.clone(),
            source,
        };
        let config_path = match (&step.config, dir) {
            (Some(_), _) if step.config_fd.is_some() => PathBuf::new(),
            (Some(bytes), Some(dir)) => {
                write_private(dir, index, bytes).map_err(RunError::TempDir)?
            }
            (Some(_), None) => {
                return Err(RunError::TempDir(std::io::Error::other(
                    "no private directory was made for this step's config",
                )));
            }
            (None, _) => PathBuf::new(),
        };
        let args = step.argv(&config_path);
        let feed = match (&step.config, step.config_fd) {
            (None, _) => self.stdin_bytes,
            (Some(bytes), Some(0)) => Some(bytes.as_slice()),
            (Some(_), _) => None,
        };
        let streams = stream::Streams::for_child();
        let mut cmd = self.real.command(&args);
        streams.attach(&mut cmd);
        if feed.is_some() {
            cmd.stdin(Stdio::piped());
        }
        // SAFETY: child_setup only makes async-signal-safe calls.
        unsafe { cmd.pre_exec(signals::child_setup) };
        // A pipe at the descriptor the user's path names (`-f <(...)`): both ends are
        // close-on-exec, and dup2 gives eksctl the read end at `fd`, without the flag.
        let refeed = match (&step.config, step.config_fd) {
            (Some(bytes), Some(fd)) if fd != 0 => {
                let (reader, writer) = std::io::pipe().map_err(spawn_error)?;
                let from = std::os::fd::AsRawFd::as_raw_fd(&reader);
                // SAFETY: dup2 is async-signal-safe.
                unsafe {
                    cmd.pre_exec(move || {
                        if libc::dup2(from, fd) < 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                        Ok(())
                    })
                };
                Some((reader, writer, bytes.clone()))
            }
            _ => None,
        };
        let mut child = cmd.spawn().map_err(spawn_error)?;
        // The command holds copies of a merged pipe's write end: they must close.
        drop(cmd);
        shield.child_started(child.id());
        let writer = feed
            .map(|bytes| {
                let mut stdin = child.stdin.take().expect("piped");
                let bytes = bytes.to_vec();
                // A thread, so a child that does not read all of stdin cannot block the wait.
                std::thread::spawn(move || {
                    let _ = stdin.write_all(&bytes);
                })
            })
            .or_else(|| {
                refeed.map(|(reader, mut writer, bytes)| {
                    // eksctl has its copy: the read end here must close, or eksctl never
                    // sees the end of the config.
                    drop(reader);
                    std::thread::spawn(move || {
                        let _ = writer.write_all(&bytes);
                    })
                })
            });
        let readers = streams.forward(&mut child);
        let status = child.wait();
        shield.child_ended();
        let mut analyzer = Analyzer::new();
        for reader in readers {
            if let Ok(a) = reader.join() {
                analyzer.merge(a);
            }
        }
        if let Some(w) = writer {
            let _ = w.join();
        }
        Ok((status.map_err(spawn_error)?, analyzer))
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
