//! The `eksctl` face: pass through everything except the commands the shim checks.
//!
//! Every module declared here but this file is also compiled into `eksctl-shim-proxy`
//! (src/proxy_main.rs), the small `eksctl` install.sh installs: they may use only std,
//! libc, `which`, `thiserror`, `crate::exit_code` and `crate::say::{line, warning, error}`
//! (the proxy has its own uncoloured voice). `run` below is the full shim's own (it
//! reaches the pre-flight).

pub mod chain;
pub mod decide;
pub mod exec;
pub mod identity;
pub mod locate;
pub mod pair;
pub mod real;
pub mod route;

use std::ffi::OsString;

pub use decide::{BYPASS_VAR, bypassed};

/// Runs the proxy for the full argv. Passthrough never returns (exec).
pub fn run(args: Vec<OsString>) -> i32 {
    let (argv0, rest) = args.split_first().expect("argv[0] is present on Unix");
    let (real, chain) = match real::RealEksctl::find(argv0.clone()) {
        Ok(found) => found,
        Err(e) => {
            return crate::exit_code::report(&e);
        }
    };
    // Decided before any runtime, AWS configuration or CLI parser exists.
    if let Some(command) = decide::intercepted(rest, &chain) {
        return crate::intercept::run(command, rest, &real);
    }
    real.exec(rest)
}
