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
//! `proxy::route` decides (in the small `eksctl-shim-proxy` binary too, which compiles
//! `proxy/`); `preflight::assess` runs read, gather, check, plan and policy (`eksctl-shim
//! plan` prints its result); `intercept` is the driver; `run` returns an `Outcome`;
//! `advice` reads it; `output` renders findings for people and CI. Only read, gather and
//! run have effects (and `repair`, when `EKSCTL_SHIM_REPAIR=outputs` asks for it).
//!
//! The library exposes what the tests, benchmarks and fuzz targets use; the rest is
//! private to the crate.

pub mod advice;
mod after_run_note;
pub mod checks;
pub mod command_spec;
mod commands;
pub mod config;
mod exit_code;
mod face;
mod facts;
mod intercept;
pub mod invocation;
mod judge;
mod logging;
mod output;
pub mod plan;
mod preflight;
pub mod proxy;
mod repair;
mod report;
mod run;
mod say;
pub mod settings;
mod spelling;

mod cli;

use std::ffi::OsString;

/// Runs the program for `args` (argv, argv[0] included) and returns the exit code.
/// On the passthrough path this does not return: the process becomes eksctl.
pub fn entry(args: Vec<OsString>) -> i32 {
    reopen_closed_std_fds();
    match handed_over_face().unwrap_or_else(|| face::of_argv0(args.first())) {
        face::Face::Eksctl => proxy::run(args),
        face::Face::Shim => cli::run(args),
    }
}

/// The face `eksctl-shim-proxy` asked for when it handed over an intercepted command
/// (`proxy::pair`), taken out of the environment so that nothing the shim starts sees it.
fn handed_over_face() -> Option<face::Face> {
    let asked = std::env::var_os(proxy::pair::FACE_VAR)?;
    // SAFETY: called from `main` before any thread exists.
    unsafe { std::env::remove_var(proxy::pair::FACE_VAR) };
    (asked == "eksctl").then_some(face::Face::Eksctl)
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
