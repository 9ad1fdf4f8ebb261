//! Exit codes of the shim's own making. Everything else is eksctl's code, passed on
//! unchanged, or 128+N when eksctl died of signal N.

/// `eksctl-shim` used wrongly (clap's convention).
pub const USAGE: i32 = 2;
/// An error-level finding stands: `check` found one, or strict mode refused to run eksctl.
pub const FINDINGS: i32 = 3;
/// The cluster could not be checked (AWS unreachable, no credentials, deadline passed)
/// and the caller asked for certainty (`check`, or strict mode).
pub const COULD_NOT_CHECK: i32 = 4;
/// eksctl exited 0 but the stack it was creating ended in a failed state.
pub const FAILED_BEHIND_SUCCESS: i32 = 5;
/// Strict mode: the pre-flight failed on a bug of the shim's, and eksctl was not run.
pub const PREFLIGHT_BUG: i32 = 6;
/// A bug in the shim (a panic). Never expected; reported with a request to file it.
pub const INTERNAL: i32 = 70;
/// The real eksctl was found but cannot be run: not executable, the shim itself, a loop.
pub const NOT_EXECUTABLE: i32 = 126;
/// No real eksctl was found.
pub const NOT_FOUND: i32 = 127;
/// Interrupted (Ctrl-C) before eksctl started.
pub const INTERRUPTED: i32 = 130;

/// The shell's convention for a child killed by a signal.
pub fn from_signal(signal: i32) -> i32 {
    128 + signal
}

/// An error at the edge of a command: what went wrong (`Display`), the exit code it ends
/// with and what to do. Each command's error enum implements it; `report` says it once.
pub trait Failure: std::fmt::Display {
    fn exit_code(&self) -> i32;
    fn remedy(&self) -> String;
}

/// Says the failure in the shim's error form and returns its exit code.
pub fn report(failure: &dyn Failure) -> i32 {
    crate::say::error(failure, failure.remedy());
    failure.exit_code()
}
