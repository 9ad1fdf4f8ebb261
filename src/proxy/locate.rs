//! Finding the real eksctl: `EKSCTL_SHIM_REAL` if set, else the first executable
//! `eksctl` on PATH that is not a shim of the running chain (by file identity, so a
//! symlink, a copy under another directory or a hard link are all told apart right).

use std::fmt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::chain::{Chain, MAX_DEPTH};
use super::identity::FileId;
use crate::exit_code;

pub const REAL_VAR: &str = "EKSCTL_SHIM_REAL";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    EnvVar,
    /// Found on PATH; the candidates passed over on the way, with the reason.
    Path {
        skipped: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone)]
pub struct Located {
    pub path: PathBuf,
    pub source: Source,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum LocateError {
    #[error("{REAL_VAR}={} does not exist", .0.display())]
    RealMissing(PathBuf),
    #[error("{REAL_VAR}={} is not an executable file", .0.display())]
    RealNotExecutable(PathBuf),
    #[error("{REAL_VAR}={} is this shim, not the real eksctl", .0.display())]
    RealIsShim(PathBuf),
    #[error("{}", not_on_path(.dirs, .skipped))]
    NotOnPath {
        dirs: Vec<PathBuf>,
        skipped: Vec<PathBuf>,
    },
    #[error("eksctl-shim started itself {depth} times in a row: a loop")]
    Loop { depth: usize },
}

fn not_on_path(dirs: &[PathBuf], skipped: &[PathBuf]) -> String {
    let mut s = format!(
        "no real eksctl found: searched the {} directories on PATH ({})",
        dirs.len(),
        join(dirs)
    );
    if !skipped.is_empty() {
        s.push_str(&format!(
            "; passed over {} (the shim itself)",
            join(skipped)
        ));
    }
    s
}

fn join(paths: &[PathBuf]) -> String {
    let v: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

impl crate::exit_code::Failure for LocateError {
    fn exit_code(&self) -> i32 {
        LocateError::exit_code(self)
    }

    fn remedy(&self) -> String {
        LocateError::remedy(self)
    }
}

impl LocateError {
    pub fn exit_code(&self) -> i32 {
        match self {
            LocateError::RealMissing(_) | LocateError::NotOnPath { .. } => exit_code::NOT_FOUND,
            LocateError::RealNotExecutable(_)
            | LocateError::RealIsShim(_)
            | LocateError::Loop { .. } => exit_code::NOT_EXECUTABLE,
        }
    }

    /// What the user can do about it.
    pub fn remedy(&self) -> String {
        let bypass =
            "To run eksctl without the shim's checks once it is found, set EKSCTL_SHIM_BYPASS=1.";
        match self {
            LocateError::RealMissing(_)
            | LocateError::RealNotExecutable(_)
            | LocateError::RealIsShim(_) => format!(
                "Set {REAL_VAR} to the path of the real eksctl binary (for example {REAL_VAR}=/usr/local/bin/eksctl), or unset it to search PATH."
            ),
            LocateError::NotOnPath { .. } => format!(
                "Install eksctl (https://eksctl.io/installation/) in a directory on PATH after the shim's, or set {REAL_VAR} to its path.\n{bypass}"
            ),
            LocateError::Loop { .. } => format!(
                "Two shims keep finding each other. Set {REAL_VAR} to the real eksctl, or remove the extra shim from PATH (`eksctl-shim which` shows what is found)."
            ),
        }
    }
}

/// `me` are the identities of the running shim (its binary and the other binary of its
/// installation, `pair.rs`); empty when they cannot be known (then only the chain is skipped).
pub fn locate(me: &[FileId], chain: &Chain) -> Result<Located, LocateError> {
    if chain.depth() >= MAX_DEPTH {
        return Err(LocateError::Loop {
            depth: chain.depth(),
        });
    }
    let is_shim = |id: Option<FileId>| id.is_some_and(|id| me.contains(&id) || chain.contains(id));

    if let Some(real) = std::env::var_os(REAL_VAR).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(real);
        return match std::fs::metadata(&path) {
            Err(_) => Err(LocateError::RealMissing(path)),
            Ok(_) if is_shim(FileId::of(&path)) => Err(LocateError::RealIsShim(path)),
            Ok(m) if !m.is_file() || m.permissions().mode() & 0o111 == 0 => {
                Err(LocateError::RealNotExecutable(path))
            }
            Ok(_) => Ok(Located {
                path,
                source: Source::EnvVar,
            }),
        };
    }

    let mut skipped = Vec::new();
    for candidate in which::which_all("eksctl").into_iter().flatten() {
        if is_shim(FileId::of(&candidate)) {
            skipped.push(candidate);
            continue;
        }
        return Ok(Located {
            path: candidate,
            source: Source::Path { skipped },
        });
    }
    Err(LocateError::NotOnPath {
        dirs: path_dirs(),
        skipped,
    })
}

fn path_dirs() -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default()
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::EnvVar => write!(f, "from {REAL_VAR}"),
            Source::Path { skipped } if skipped.is_empty() => {
                write!(f, "the first eksctl on PATH")
            }
            Source::Path { skipped } => write!(
                f,
                "the first eksctl on PATH that is not this shim (passed over {})",
                join(skipped)
            ),
        }
    }
}

/// For messages: a path as the user would type it.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}
