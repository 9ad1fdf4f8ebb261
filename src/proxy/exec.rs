//! Handing over to the real eksctl: `exec` on Unix, so the process *becomes* eksctl:
//! same pid, same argv (argv[0] included, as raw bytes), same environment plus the
//! chain marker, the same stdin/stdout/stderr, and eksctl's own exit status.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use crate::exit_code;

/// Replaces this process with eksctl. Returns only on failure, with the exit code to use.
pub fn replace_with(mut cmd: Command, real: &Path) -> i32 {
    let err = cmd.exec();
    let code = match err.raw_os_error() {
        Some(libc::ENOENT) => exit_code::NOT_FOUND,
        _ => exit_code::NOT_EXECUTABLE,
    };
    crate::say::error(
        format!("could not run {}: {err}", real.display()),
        "Check that the file is a working eksctl binary, or set EKSCTL_SHIM_REAL to one.",
    );
    code
}
