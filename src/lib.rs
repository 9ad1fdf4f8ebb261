//! eksctl-shim: a transparent proxy for eksctl that catches stack drift and
//! auth-mode traps before eksctl fails on them.
//!
//! Data flows one way:
//!
//! ```text
//! argv ─route─▶ passthrough (RealEksctl::exec) or intercept:
//!   Invocation ─read─▶ ConfigInput ─gather─▶ Facts ─check─▶ Findings ─plan─▶ Planned
//!   ─policy─▶ Decision ─run─▶ Outcome ─advise─▶ exit
//! ```
//!
//! `proxy::route` decides; `preflight::assess` runs read, gather, check, plan and policy
//! (`eksctl-shim plan` prints its result); `intercept` is the driver; `run` returns an
//! `Outcome`; `advice` reads it. Only read, gather and run have effects.

pub mod advice;
pub mod after_run_note;
pub mod check;
pub mod checks;
pub mod config;
pub mod doctor;
pub mod exit_code;
pub mod face;
pub mod facts;
pub mod intercept;
pub mod invocation;
pub mod logging;
pub mod plan;
pub mod plan_command;
pub mod preflight;
pub mod proxy;
pub mod repair;
pub mod report;
pub mod run;
pub mod say;
pub mod settings;
pub mod sync_outputs;

mod cli;

use std::ffi::OsString;

/// Runs the program for `args` (argv, argv[0] included) and returns the exit code.
/// On the passthrough path this does not return: the process becomes eksctl.
pub fn entry(args: Vec<OsString>) -> i32 {
    reopen_closed_std_fds();
    match face::of_argv0(args.first()) {
        face::Face::Eksctl => proxy::run(args),
        face::Face::Shim => cli::run(args),
    }
}

/// A descriptor 0-2 closed at start would be taken by the next file the shim opens (a
/// rewritten config could become eksctl's stdout): open /dev/null in its place first.
fn reopen_closed_std_fds() {
    for fd in 0..=2 {
        // SAFETY: fcntl(F_GETFD) only asks; open(2) with a static C string.
        unsafe {
            if libc::fcntl(fd, libc::F_GETFD) == -1 {
                let flags = if fd == 0 {
                    libc::O_RDONLY
                } else {
                    libc::O_WRONLY
                };
                libc::open(c"/dev/null".as_ptr(), flags);
            }
        }
    }
}
