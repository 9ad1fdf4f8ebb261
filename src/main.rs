//! `eksctl-shim`: one binary, two faces chosen by the file name it was started as.
//! The work is in the library so tests and benches can reach every stage.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    std::process::exit(eksctl_shim::entry(args));
}
