//! eksctl-shim: a transparent proxy for eksctl that catches stack drift and
//! auth-mode traps before eksctl fails on them.
//!
//! Data flows one way: argv ─route─▶ passthrough (exec) or intercept ─parse─▶
//! Invocation ─gather─▶ Facts ─check─▶ Findings ─plan─▶ Plan ─run─▶ Outcome ─advise─▶ exit.
//! Only `gather` and `run` have effects; the other stages are pure functions.

pub mod advice;
pub mod check;
pub mod checks;
pub mod config;
pub mod exit_code;
pub mod face;
pub mod facts;
pub mod intercept;
pub mod invocation;
pub mod logging;
pub mod plan;
pub mod proxy;
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
    match face::of_argv0(args.first()) {
        face::Face::Eksctl => proxy::run(args),
        face::Face::Shim => cli::run(args),
    }
}
