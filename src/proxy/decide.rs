//! The passthrough decision, made by the same code in both binaries (the small
//! `eksctl-shim-proxy` and the full `eksctl-shim` started as `eksctl`): a bypass or a
//! nested shim passes everything through; otherwise the route table decides.

use std::ffi::OsString;

use super::chain::Chain;
use super::route::{self, Intercepted, Route};

pub const BYPASS_VAR: &str = "EKSCTL_SHIM_BYPASS";

/// The command to check, or `None` to pass `args` (argv[0] excluded) straight through.
pub fn intercepted(args: &[OsString], chain: &Chain) -> Option<Intercepted> {
    // A nested shim: another shim in front already ran its checks.
    if bypassed() || chain.is_nested() {
        return None;
    }
    match route::route(args) {
        Route::Intercept(command) => Some(command),
        Route::Passthrough => None,
    }
}

/// `EKSCTL_SHIM_BYPASS=1` (or true/yes): every command goes straight to eksctl.
pub fn bypassed() -> bool {
    std::env::var(BYPASS_VAR)
        .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
}
