//! The `eksctl` face: pass through everything except the commands the shim checks.

pub mod chain;
pub mod exec;
pub mod identity;
pub mod locate;
pub mod route;

use std::ffi::OsString;

use chain::Chain;
use identity::FileId;

pub const BYPASS_VAR: &str = "EKSCTL_SHIM_BYPASS";

/// Runs the proxy for the full argv. Passthrough never returns (exec).
pub fn run(args: Vec<OsString>) -> i32 {
    let chain = Chain::from_env();
    let me = FileId::of_current_exe();
    let real = match locate::locate(me, &chain) {
        Ok(real) => real,
        Err(e) => {
            crate::say::error(&e, e.remedy());
            return e.exit_code();
        }
    };
    let (argv0, rest) = args.split_first().expect("argv[0] is present on Unix");
    // An unknown identity still counts towards the depth limit.
    let marker = chain.extended_with(me.unwrap_or(FileId { dev: 0, ino: 0 }));

    // Decided before any runtime, AWS configuration or CLI parser exists.
    if !bypassed() && !chain.is_nested() {
        if let route::Route::Intercept(command) = route::route(rest) {
            let target = crate::intercept::Target {
                real: &real.path,
                argv0,
                chain_marker: &marker,
            };
            return crate::intercept::run(command, rest, &target);
        }
    }
    let cmd = exec::command(&real.path, argv0, rest, &marker);
    exec::replace_with(cmd, &real.path)
}

/// `EKSCTL_SHIM_BYPASS=1` (or true/yes): every command goes straight to eksctl.
pub fn bypassed() -> bool {
    std::env::var(BYPASS_VAR)
        .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
}
