//! Which face the binary shows, chosen by the file name in argv[0] (as rustup does):
//! started as `eksctl` it is the proxy, otherwise it is the `eksctl-shim` CLI.

use std::ffi::OsString;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Eksctl,
    Shim,
}

pub fn of_argv0(argv0: Option<&OsString>) -> Face {
    let name = argv0.and_then(|a| Path::new(a).file_name());
    match name.and_then(|n| n.to_str()) {
        Some("eksctl") | Some("eksctl.exe") => Face::Eksctl,
        _ => Face::Shim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eksctl_by_bare_name_or_path() {
        assert_eq!(of_argv0(Some(&"eksctl".into())), Face::Eksctl);
        assert_eq!(
            of_argv0(Some(&"/home/u/.local/bin/eksctl".into())),
            Face::Eksctl
        );
    }

    #[test]
    fn anything_else_is_the_shim_cli() {
        assert_eq!(of_argv0(Some(&"eksctl-shim".into())), Face::Shim);
        assert_eq!(of_argv0(Some(&"/usr/bin/eksctl2".into())), Face::Shim);
        assert_eq!(of_argv0(None), Face::Shim);
    }
}
