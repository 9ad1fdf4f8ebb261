//! The two binaries of one installation, side by side in one directory:
//! `eksctl-shim` (everything) and `eksctl-shim-proxy` (the small `eksctl` that install.sh
//! puts on PATH: it passes commands through itself and hands the intercepted ones to
//! `eksctl-shim`). Each is "the shim" to the other: neither may be taken for the real
//! eksctl, and the proxy finds the full shim as the file beside its own.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::identity::FileId;

/// The full program, with the pre-flight and the `eksctl-shim` commands.
pub const FULL: &str = "eksctl-shim";
/// The passthrough binary, installed as `eksctl`.
pub const PROXY: &str = "eksctl-shim-proxy";

/// Set by the proxy on the full shim it starts: show the `eksctl` face whatever argv[0]
/// is called. The full shim takes it out of its environment before anything else.
pub const FACE_VAR: &str = "EKSCTL_SHIM_FACE";

/// The running binary and its partner beside it (when there is one).
#[derive(Debug, Clone, Default)]
pub struct Pair {
    pub me: Option<FileId>,
    /// The other binary of the pair, found beside the running one (links resolved).
    pub partner: Option<(PathBuf, FileId)>,
}

impl Pair {
    /// `/proc/self/exe` on Linux names the file itself, so the partner is looked for
    /// beside the binary, not beside a symlink to it.
    pub fn of_current_exe() -> Pair {
        let Ok(exe) = std::env::current_exe() else {
            return Pair::default();
        };
        Pair {
            me: FileId::of(&exe),
            partner: partner_of(&exe),
        }
    }

    /// Every identity that is this shim (for `locate`, which must pass over them all).
    pub fn ids(&self) -> Vec<FileId> {
        self.me
            .into_iter()
            .chain(self.partner.as_ref().map(|(_, id)| *id))
            .collect()
    }

    /// The full `eksctl-shim` beside the running proxy, to hand a command to: never this
    /// very file (an `eksctl-shim` that is a link to the proxy would exec the proxy for
    /// ever), and never from a process that was itself handed one (only a hand-over to
    /// itself can leave `FACE_VAR` in a proxy's environment: the full shim takes it out
    /// before anything else). Loop-proof by identity, as `locate` is for the passthrough.
    pub fn full(&self) -> Result<&Path, NoHandOver> {
        if std::env::var_os(FACE_VAR).is_some() {
            return Err(NoHandOver::HandedOverAlready);
        }
        let Some((path, id)) = self
            .partner
            .as_ref()
            .filter(|(p, _)| p.file_name().is_some_and(|n| n == FULL))
        else {
            return Err(NoHandOver::Missing);
        };
        if Some(*id) == self.me {
            return Err(NoHandOver::IsTheProxy(path.clone()));
        }
        Ok(path)
    }
}

/// Why the proxy keeps a checked command (and runs eksctl unchecked, saying so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoHandOver {
    Missing,
    /// `eksctl-shim` beside the proxy is the proxy itself (a link to it).
    IsTheProxy(PathBuf),
    /// This proxy was started by a hand-over (`FACE_VAR` is set).
    HandedOverAlready,
}

impl std::fmt::Display for NoHandOver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoHandOver::Missing => write!(f, "no {FULL} beside this {PROXY}"),
            NoHandOver::IsTheProxy(p) => write!(
                f,
                "{} is this {PROXY} itself (a link to it), not the full shim",
                p.display()
            ),
            NoHandOver::HandedOverAlready => write!(
                f,
                "this {PROXY} was started as the full shim ({FACE_VAR} is set), so {FULL} beside it is not the full shim"
            ),
        }
    }
}

/// The proxy's partner is the full shim; anything else's is the proxy.
fn partner_of(exe: &Path) -> Option<(PathBuf, FileId)> {
    let other = if exe.file_name().is_some_and(|n| n == PROXY) {
        FULL
    } else {
        PROXY
    };
    let path = exe.parent()?.join(other);
    let id = FileId::of(&path)?;
    Some((path, id))
}

/// Hands an intercepted command to the full shim by `exec`: the same argv, argv[0]
/// included (eksctl gets the user's own later), the same environment (no chain marker:
/// the full shim is not nested, it is this shim) and the same streams, unread.
/// Returns only when the exec failed.
pub fn hand_over(full: &Path, args: &[OsString]) -> std::io::Error {
    let (argv0, rest) = args.split_first().expect("argv[0] is present on Unix");
    Command::new(full)
        .arg0(argv0)
        .args(rest)
        .env(FACE_VAR, "eksctl")
        .exec()
}
