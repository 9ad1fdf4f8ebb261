//! Asking eksctl: each question is one eksctl run, all at once (they only read), under
//! one deadline. eksctl's stdout (the dry-run's config) is not the user's output and is
//! dropped; the end of its stderr is kept for its `Error:` line. Nothing here can hang:
//! eksctl is killed at the deadline, and a pipe some grandchild keeps open is not waited
//! for past it.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::answer::{Answer, Ended};
use super::question::Question;
use crate::proxy::real::RealEksctl;

/// How much of eksctl's stderr is kept (its `Error:` line is the last).
const STDERR_TAIL: usize = 64 * 1024;
const POLL: Duration = Duration::from_millis(10);
/// Set in the environment of every eksctl the shim asks (documented in ARCHITECTURE.md).
pub const JUDGING_VAR: &str = "EKSCTL_SHIM_JUDGING";

/// The answers, in the order of `questions`.
pub fn ask_all(
    real: &RealEksctl,
    profile: Option<&str>,
    questions: &[Question],
    deadline: Duration,
) -> Vec<Answer> {
    let until = Instant::now() + deadline;
    std::thread::scope(|s| {
        let asking: Vec<_> = questions
            .iter()
            .map(|q| s.spawn(move || ask(real, profile, q, until, deadline)))
            .collect();
        asking
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| Answer {
                    ended: Ended::Failed("the shim's asking thread panicked".into()),
                    stderr: vec![],
                })
            })
            .collect()
    })
}

fn ask(
    real: &RealEksctl,
    profile: Option<&str>,
    q: &Question,
    until: Instant,
    deadline: Duration,
) -> Answer {
    let mut cmd = real.command(&q.args);
    cmd.stdin(if q.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    // Says to whatever runs as eksctl (a wrapper, the test model) that the shim is asking.
    cmd.env(JUDGING_VAR, "1");
    // `--profile` is refused beside `--dry-run`; the SDK reads the same profile from here.
    if let Some(p) = profile {
        cmd.env("AWS_PROFILE", p);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Answer {
                ended: Ended::Failed(format!("{}: {e}", real.path.display())),
                stderr: vec![],
            };
        }
    };
    if let (Some(bytes), Some(mut pipe)) = (q.stdin.clone(), child.stdin.take()) {
        // A writer of its own: eksctl may stop reading (and the pipe fill) at any time.
        std::thread::spawn(move || {
            // An eksctl that exits without reading must make this write fail (EPIPE),
            // not kill the shim (`eksctl-shim plan` keeps SIGPIPE's default): the signal
            // is thread-directed, so blocking it in this thread alone is enough.
            // SAFETY: a signal mask of the calling thread, built from an empty set.
            unsafe {
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, libc::SIGPIPE);
                libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            }
            let _ = pipe.write_all(&bytes);
        });
    }
    let (tx, rx) = mpsc::channel();
    if let Some(mut err) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut tail: Vec<u8> = Vec::new();
            let mut buf = [0u8; 8192];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                tail.extend_from_slice(&buf[..n]);
                if tail.len() > 2 * STDERR_TAIL {
                    tail.drain(..tail.len() - STDERR_TAIL);
                }
            }
            let _ = tx.send(tail);
        });
    }
    let ended = loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                break match (status.code(), status.signal()) {
                    (Some(code), _) => Ended::Code(code),
                    (None, Some(sig)) => Ended::Signal(sig),
                    (None, None) => Ended::Failed("no exit status".into()),
                };
            }
            Ok(None) if Instant::now() >= until => {
                let _ = child.kill();
                let _ = child.wait();
                break Ended::TimedOut(deadline);
            }
            Ok(None) => std::thread::sleep(POLL),
            Err(e) => break Ended::Failed(format!("waiting for eksctl: {e}")),
        }
    };
    let grace = until.saturating_duration_since(Instant::now()) + Duration::from_millis(200);
    let mut stderr = rx.recv_timeout(grace).unwrap_or_default();
    if stderr.len() > STDERR_TAIL {
        stderr.drain(..stderr.len() - STDERR_TAIL);
    }
    Answer { ended, stderr }
}
