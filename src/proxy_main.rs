//! `eksctl-shim-proxy`: the small `eksctl` that install.sh puts on PATH. It makes the
//! passthrough decision and execs the real eksctl itself, and hands the commands the shim
//! checks to the full `eksctl-shim` beside it (exec, argv and streams untouched).
//!
//! Why a second binary: every `eksctl` call pays for starting the binary named `eksctl`.
//! The full shim is a 16 MB position-independent executable whose start-up relocations
//! cost about half a millisecond more than a C program that only execs; this one links
//! nothing but std, libc and `which`. It compiles the very files of `src/proxy/` that the
//! full shim uses (the route table, the lookup, the chain marker), so both binaries decide
//! the same way; those files may therefore use only std, libc, `which`, `thiserror`,
//! `crate::exit_code` and `crate::say::{line, warning, error}` (this crate fails to build
//! otherwise).
//!
//! `no_main` for the reason given in src/main.rs: no Rust runtime start-up (which would
//! also reopen closed descriptors 0-2 on /dev/null, which eksctl must not inherit).
#![no_main]
// Only part of the shared modules is used here; the full shim uses the rest.
#![allow(dead_code)]

mod exit_code;
mod proxy {
    pub mod chain;
    pub mod decide;
    pub mod exec;
    pub mod identity;
    pub mod locate;
    pub mod pair;
    pub mod real;
    pub mod route;
}

use std::ffi::OsString;
use std::os::raw::{c_char, c_int};

/// The proxy's voice: the words and prefix of src/say.rs without its colour (which would
/// bring in the output module). The proxy speaks only when something is wrong.
mod say {
    use std::io::Write;

    pub const PREFIX: &str = "eksctl-shim";

    pub fn line(msg: impl std::fmt::Display) {
        let _ = writeln!(std::io::stderr().lock(), "{PREFIX}: {msg}");
    }

    pub fn warning(msg: impl std::fmt::Display) {
        line(format!("warning: {msg}"));
    }

    pub fn error(what: impl std::fmt::Display, what_to_do: impl std::fmt::Display) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{PREFIX}: error: {what}\n\n{what_to_do}"
        );
    }
}

use proxy::{decide, pair::Pair, real::RealEksctl};

// SAFETY: the one symbol named `main` in this binary (`no_main`: std defines none), with
// the C signature the C runtime calls it with.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    let args: Vec<OsString> = std::env::args_os().collect();
    std::process::exit(run(args));
}

fn run(args: Vec<OsString>) -> i32 {
    let (argv0, rest) = args.split_first().expect("argv[0] is present on Unix");
    // Found first, as the full shim does: no real eksctl is the same error either way.
    let (real, chain) = match RealEksctl::find(argv0.clone()) {
        Ok(found) => found,
        Err(e) => return exit_code::report(&e),
    };
    if decide::intercepted(rest, &chain).is_some() {
        match Pair::of_current_exe().full() {
            Ok(full) => {
                let err = proxy::pair::hand_over(full, &args);
                say::warning(format!(
                    "cannot start {}: {err}; eksctl runs unchecked",
                    full.display()
                ));
            }
            Err(why) => say::warning(format!(
                "{why}, so nothing is checked; eksctl runs unchanged (reinstall with install.sh)"
            )),
        }
    }
    // Only a hand-over to itself can have set it; eksctl must not see it.
    // SAFETY: single-threaded (`main` started no thread), before the exec.
    unsafe { std::env::remove_var(proxy::pair::FACE_VAR) };
    real.exec(rest)
}
