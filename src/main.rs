//! `eksctl-shim`: one binary, two faces chosen by the file name it was started as.
//! The work is in the library so tests and benches can reach every stage.
//!
//! `no_main`: the C `main` below skips Rust's runtime start-up (stack-guard probing of
//! `/proc/self/maps`, a poll of fds 0-2, SIGPIPE set to ignored), which is most of what
//! a passthrough would otherwise cost over a plain `exec`. Arguments still come from
//! std (glibc hands them over before `main`), and `process::exit` flushes stdout. SIGPIPE
//! keeps the disposition the shim was started with, which is what eksctl should inherit.
#![no_main]

use std::os::raw::{c_char, c_int};

// SAFETY: the one symbol named `main` in this binary (`no_main`: std defines none), with
// the C signature the C runtime calls it with.
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    std::process::exit(eksctl_shim::entry(args));
}
