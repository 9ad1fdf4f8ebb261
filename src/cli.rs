//! The `eksctl-shim` face: the shim's own commands, for people and CI.

use std::ffi::OsString;

use clap::{Parser, Subcommand};

use crate::proxy::{chain::Chain, identity::FileId, locate};

#[derive(Debug, Parser)]
#[command(
    name = "eksctl-shim",
    version,
    about = "A transparent proxy for eksctl that catches stack drift and auth-mode traps before eksctl fails",
    long_about = "eksctl-shim stands in for eksctl. Installed as `eksctl` (a symlink named eksctl that \
comes first on PATH), it passes every command straight to the real eksctl, except \
`create nodegroup` and `create cluster`, which it checks against the cluster's real state \
in AWS first.\n\nRun as `eksctl-shim`, it offers the commands below.",
    after_help = "Environment: EKSCTL_SHIM_REAL (path of the real eksctl), EKSCTL_SHIM_BYPASS=1 (no checks). \
See the README for every variable and exit code."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the path of the real eksctl the shim would run (stdout), and why (stderr)
    Which,
}

pub fn run(args: Vec<OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => crate::exit_code::USAGE,
            };
        }
    };
    match cli.command {
        Command::Which => which(),
    }
}

fn which() -> i32 {
    match locate::locate(FileId::of_current_exe(), &Chain::from_env()) {
        Ok(found) => {
            println!("{}", found.path.display());
            crate::say::line(format!("{} is {found}", found.path.display()));
            0
        }
        Err(e) => {
            crate::say::error(&e, e.remedy());
            e.exit_code()
        }
    }
}
