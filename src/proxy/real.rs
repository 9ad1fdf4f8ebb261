//! The real eksctl to start: found once by the proxy (`locate`), carried as one value to
//! every stage that starts it.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::Command;

use super::chain::{self, Chain};
use super::identity::FileId;
use super::locate::{self, LocateError};
use super::pair::Pair;

#[derive(Debug, Clone)]
pub struct RealEksctl {
    pub path: PathBuf,
    /// The argv[0] eksctl gets: the user's own (`eksctl`), byte for byte.
    pub argv0: OsString,
    /// `EKSCTL_SHIM_CHAIN` for eksctl, so a shim it starts passes straight through.
    pub chain_marker: OsString,
}

impl RealEksctl {
    /// The real eksctl for this process (`locate`), and the chain this process is in.
    pub fn find(argv0: OsString) -> Result<(RealEksctl, Chain), LocateError> {
        Self::find_located(argv0).map(|(real, chain, _)| (real, chain))
    }

    /// As `find`, with how it was found (for `--version --verbose` and `which`).
    pub fn find_located(
        argv0: OsString,
    ) -> Result<(RealEksctl, Chain, locate::Located), LocateError> {
        let chain = Chain::from_env();
        let pair = Pair::of_current_exe();
        let me = pair.me;
        let found = locate::locate(&pair.ids(), &chain)?;
        let located = found.clone();
        // An unknown identity still counts towards the depth limit.
        let chain_marker = chain.extended_with(me.unwrap_or(FileId { dev: 0, ino: 0 }));
        Ok((
            RealEksctl {
                path: found.path,
                argv0,
                chain_marker,
            },
            chain,
            located,
        ))
    }

    /// A command that runs eksctl with `args` (argv[0] excluded).
    pub fn command(&self, args: &[OsString]) -> Command {
        let mut cmd = Command::new(&self.path);
        cmd.arg0(&self.argv0)
            .args(args)
            .env(chain::VAR, &self.chain_marker);
        cmd
    }

    /// Becomes eksctl (`exec`). Returns only on failure, with the exit code to use.
    pub fn exec(&self, args: &[OsString]) -> i32 {
        super::exec::replace_with(self.command(args), &self.path)
    }
}
