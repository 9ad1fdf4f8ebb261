//! The `eksctl` face: pass through everything except the commands the shim checks.

pub mod chain;
pub mod exec;
pub mod identity;
pub mod locate;
pub mod real;
pub mod route;

use std::ffi::OsString;

pub const BYPASS_VAR: &str = "EKSCTL_SHIM_BYPASS";

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
    if !bypassed() && !chain.is_nested() {
        if let route::Route::Intercept(command) = route::route(rest) {
            return crate::intercept::run(command, rest, &real);
        }
    }
    real.exec(rest)
}

/// `EKSCTL_SHIM_BYPASS=1` (or true/yes): every command goes straight to eksctl.
pub fn bypassed() -> bool {
    std::env::var(BYPASS_VAR)
        .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
}
