//! The `eksctl-shim` face: the shim's own commands, for people and CI.

use std::ffi::OsString;

use clap::{ArgAction, CommandFactory, Parser, Subcommand};

use crate::output::format::Format;
use crate::proxy::{chain::Chain, locate, pair::Pair};

/// `eksctl-shim 0.1.0 (commit 1a2b3c4d5e6f, built 2026-05-02)`; build.rs supplies the
/// commit ("unknown" outside git) and the date.
pub const VERSION_LINE: &str = concat!(
    "eksctl-shim ",
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("EKSCTL_SHIM_COMMIT_SHORT"),
    ", built ",
    env!("EKSCTL_SHIM_BUILD_DATE"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "eksctl-shim",
    version,
    // Our own -V/--version: it prints the commit and build date, and takes --verbose.
    disable_version_flag = true,
    about = "A transparent proxy for eksctl that catches stack drift and auth-mode traps before eksctl fails",
    long_about = format!("eksctl-shim stands in for eksctl. Installed as `eksctl` (a symlink named eksctl that \
comes first on PATH), it passes every command straight to the real eksctl, except \
these, which it checks against the cluster's real state in AWS first: {}.\n\nRun as \
`eksctl-shim`, it offers the commands below.", crate::proxy::route::intercepted_words()),
    after_help = "Environment: EKSCTL_SHIM_REAL (path of the real eksctl), EKSCTL_SHIM_BYPASS=1 (no checks). \
See docs/reference.md for every variable and exit code."
)]
struct Cli {
    /// Print the version, the commit and the build date
    #[arg(short = 'V', long, action = ArgAction::SetTrue)]
    version: bool,
    /// With --version: also the real eksctl the shim would run, and that eksctl's version
    #[arg(long, requires = "version")]
    verbose: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the path of the real eksctl the shim would run (stdout), and why (stderr)
    Which,
    /// Explain a saved eksctl log: what happened and what to do
    ///
    /// Reads the log (a file, or stdin with `-` or no FILE), recognises known eksctl
    /// failures by their error codes and fixed phrases, and prints advice with the
    /// cluster, region and nodegroup filled in where given. Exit 0 when something was
    /// recognised, 1 when nothing was, 2 when the log cannot be read.
    #[command(
        after_help = "Example, as a CI step after a failed job:\n  eksctl create nodegroup -f ng.yaml 2>&1 | tee eksctl.log\n  eksctl-shim explain eksctl.log --cluster prod --region eu-west-1"
    )]
    Explain(ExplainArgs),
    /// Check a cluster (or every cluster of some regions) before eksctl commands run on it
    ///
    /// Reads the cluster's real state from EKS, CloudFormation and EC2 and runs the
    /// pre-flight's checks of the commands named by --for (`create nodegroup` by default
    /// for one cluster, every checked command with --all), without changing anything.
    /// Exit 0 when no error-level finding stands, 3 when one does, 4 when a cluster could
    /// not be checked. docs/ci.md has the details.
    #[command(
        after_help = "Examples:\n  eksctl-shim check --cluster prod --region eu-west-1\n  eksctl-shim check -f cluster.yaml --output github\n  eksctl-shim check --all --region eu-west-1 --region us-east-1 --output json\n  eksctl-shim check --cluster prod --region eu-west-1 --for nodegroup,cluster-upgrade\n  eksctl-shim check --cluster prod --region eu-west-1 --output junit > eksctl-shim.xml\n  eksctl-shim check -f - --skip stack-missing < cluster.yaml\n\nIn GitHub Actions (GITHUB_ACTIONS=true) findings also go to $GITHUB_STEP_SUMMARY."
    )]
    Check(CheckArgs),
    /// Bring the cluster stack's subnet Outputs in line with the cluster's real network
    ///
    /// Shows the plan (old and new value of each Output) and changes nothing without
    /// --approve. Changes Outputs only: subnet resources in the template stay. Refuses when
    /// an Output's export is imported by another stack, when the stack is not in a stable
    /// state, or when the change set would touch anything but Outputs. Exit 0 in sync,
    /// planned or applied; 3 refused; 4 the cluster could not be read; 1 the update failed.
    SyncOutputs(SyncArgs),
    /// Check the installation: the shim in front of eksctl, the real eksctl and its
    /// version, the AWS identity, region and endpoints, the settings in force
    ///
    /// Exit 0 when all is well, 1 when something needs attention (each line says what).
    Doctor(DoctorArgs),
    /// Show what the shim would do with an eksctl command, without running it
    ///
    /// Runs the pre-flight the `eksctl` face runs for these arguments (same settings,
    /// checks and rewrites), then prints what it understood, the findings, and every
    /// step it would run, with a diff of each rewritten config. Only `eksctl version` is
    /// run. Exit 0 when it would run eksctl (changed or not), 3 when strict mode would
    /// refuse, 4 when the cluster could not be checked and strict mode is on.
    #[command(
        after_help = "Examples:\n  eksctl-shim plan -- create nodegroup -f ng.yaml\n  eksctl-shim plan --output json -- create ng --cluster prod --region eu-west-1 -P\n  eksctl-shim plan --write ng.fixed.yaml -- create ng -f ng.yaml"
    )]
    Plan(PlanArgs),
    /// Print shell completions for eksctl-shim on stdout (for install.sh and packagers)
    #[command(hide = true)]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page on stdout, or with --dir write one page per command there
    #[command(hide = true)]
    Man {
        /// Write eksctl-shim.1 and eksctl-shim-<command>.1 into this directory
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
struct DoctorArgs {
    /// AWS region to check with (default: AWS_REGION, then the profile's)
    #[arg(long, short = 'r')]
    region: Option<String>,
    /// AWS profile (default: AWS_PROFILE, then the default chain)
    #[arg(long, short = 'p')]
    profile: Option<String>,
}

#[derive(Debug, clap::Args)]
struct PlanArgs {
    /// text (for people) or json (schema 2, in docs/json.md)
    #[arg(long, short = 'o', default_value = "text", value_parser = Format::parser(Format::PLAN))]
    output: Format,
    /// Write the rewritten config here (never over the command's own config)
    #[arg(long, value_name = "PATH")]
    write: Option<std::path::PathBuf>,
    /// With --write: replace an existing file
    #[arg(long, requires = "write")]
    force: bool,
    /// The eksctl command line, after `--` (for example: create nodegroup -f ng.yaml)
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
    args: Vec<OsString>,
}

#[derive(Debug, clap::Args)]
struct SyncArgs {
    /// The cluster whose stack (eksctl-<cluster>-cluster) to sync
    #[arg(long, short = 'c')]
    cluster: String,
    /// AWS region (default: AWS_REGION, then the profile's)
    #[arg(long, short = 'r')]
    region: Option<String>,
    /// AWS profile
    #[arg(long, short = 'p')]
    profile: Option<String>,
    /// Apply the plan (without it nothing is changed)
    #[arg(long)]
    approve: bool,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The cluster to check
    #[arg(long, short = 'c', conflicts_with = "all")]
    cluster: Option<String>,
    /// Every cluster in the regions given (or the default region)
    #[arg(long)]
    all: bool,
    /// AWS region; repeat with --all for several
    #[arg(long, short = 'r')]
    region: Vec<String>,
    /// AWS profile (default: AWS_PROFILE, then the default chain)
    #[arg(long, short = 'p')]
    profile: Option<String>,
    /// A ClusterConfig (`-` for stdin): check the nodegroups it defines (cluster and
    /// region from metadata)
    #[arg(long = "config-file", short = 'f', conflicts_with = "all")]
    file: Option<std::path::PathBuf>,
    /// text, json (schema 2), junit (XML), github (workflow annotations) or sarif (SARIF 2.1.0)
    #[arg(long, short = 'o', default_value = "text", value_parser = Format::parser(Format::CHECK))]
    output: Format,
    /// Skip a check by its code (repeat, or comma-separated; added to EKSCTL_SHIM_SKIP)
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = CodeParser, hide_possible_values = true)]
    skip: Vec<Option<crate::checks::Code>>,
    /// The commands to check the cluster for (repeat, or comma-separated): nodegroup,
    /// cluster-upgrade, fargateprofile, accessentry, auth-mode, or all. Default: nodegroup
    /// for one cluster, all with --all
    #[arg(
        long = "for",
        value_name = "COMMAND",
        value_enum,
        value_delimiter = ',',
        hide_possible_values = true
    )]
    for_: Vec<crate::commands::check::Target>,
    /// The least severe finding that fails the check (exit 3): error, or warning
    #[arg(long, value_name = "SEVERITY", value_enum, default_value_t = crate::commands::check::FailOn::Error)]
    fail_on: crate::commands::check::FailOn,
    /// Write the report to this file (replaced whole) instead of stdout
    #[arg(long, value_name = "PATH")]
    output_file: Option<std::path::PathBuf>,
}

/// `--skip`'s values: read as `EKSCTL_SHIM_SKIP`'s are (an unknown code names the code
/// probably meant; a retired one skips nothing, `None`), and offered to the shells'
/// completions. The list stays out of
/// `--help` (thirty codes; docs/reference.md has the table).
#[derive(Clone)]
struct CodeParser;

impl clap::builder::TypedValueParser for CodeParser {
    type Value = Option<crate::checks::Code>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        // A function parser words the error as clap words every invalid value.
        let parse = |s: &str| match s.parse::<crate::checks::Code>() {
            Ok(code) => Ok(Some(code)),
            Err(_) if crate::checks::codes::RETIRED.contains(&s) => Ok(None),
            Err(why) => Err(why),
        };
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        // Names only: the summaries hold quotes and backticks that each shell's script
        // would have to escape (fish's, untested here, is the doubtful one).
        Some(Box::new(
            crate::checks::Code::ALL
                .iter()
                .map(|c| clap::builder::PossibleValue::new(c.as_str())),
        ))
    }
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The log file; `-` or nothing reads stdin
    file: Option<std::path::PathBuf>,
    /// text (for people) or json (schema 2, in docs/json.md): {"schema":2,"findings":[...]}
    #[arg(long, short = 'o', default_value = "text", value_parser = Format::parser(Format::EXPLAIN))]
    output: Format,
    /// The cluster, to fill into the commands advised
    #[arg(long, short = 'c')]
    cluster: Option<String>,
    /// The region, to fill into the commands advised
    #[arg(long, short = 'r')]
    region: Option<String>,
    /// The nodegroup, to fill into the commands advised
    #[arg(long, short = 'n')]
    nodegroup: Option<String>,
    /// The AWS profile, to repeat in the commands advised
    #[arg(long, short = 'p')]
    profile: Option<String>,
}

pub fn run(args: Vec<OsString>) -> i32 {
    crate::logging::install_panic_hook();
    crate::logging::init();
    crate::output::wrap::init();
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
    if cli.version {
        println!("{VERSION_LINE}");
        if cli.verbose {
            print!("{}", verbose_version());
        }
        return 0;
    }
    let Some(command) = cli.command else {
        let _ = Cli::command().write_help(&mut std::io::stderr());
        return crate::exit_code::USAGE;
    };
    match command {
        Command::Completions { shell } => {
            // A closed stdout (`| head -0`) is the reader's choice, not an error to report.
            let _ = crate::commands::completions::write(
                shell,
                &mut Cli::command(),
                &mut std::io::stdout(),
            );
            0
        }
        Command::Man { dir } => man(dir.as_deref()),
        Command::Which => which(),
        Command::Doctor(args) => crate::commands::doctor::run(args.region, args.profile),
        Command::Plan(args) => crate::commands::plan::run(crate::commands::plan::Request {
            args: args.args,
            format: args.output,
            write: args.write,
            force: args.force,
        }),
        Command::Explain(args) => {
            crate::commands::explain::run(crate::commands::explain::Request {
                file: args.file,
                format: args.output,
                context: crate::advice::Context {
                    cluster: args.cluster,
                    region: args.region,
                    nodegroup: args.nodegroup,
                    profile: args.profile,
                },
            })
        }
        Command::SyncOutputs(args) => crate::settings::Settings::with_env(|settings| {
            crate::commands::sync_outputs::run(crate::commands::sync_outputs::Request {
                cluster: args.cluster,
                region: args.region,
                profile: args.profile,
                approve: args.approve,
                deadline: settings.deadline,
                wait: crate::commands::sync_outputs::wait_for(settings.deadline),
                report: crate::commands::sync_outputs::Report::Stdout,
            })
        }),
        Command::Check(args) => crate::settings::Settings::with_env(|settings| {
            crate::commands::check::run(crate::commands::check::Request {
                cluster: args.cluster,
                all: args.all,
                regions: args.region,
                profile: args.profile,
                file: args.file,
                format: args.output,
                deadline: settings.deadline,
                skip: settings
                    .skip
                    .into_iter()
                    .chain(args.skip.into_iter().flatten())
                    .collect(),
                targets: args.for_,
                fail_on: args.fail_on,
                output_file: args.output_file,
                quiet: settings.quiet,
            })
        }),
    }
}

/// The lines `--version --verbose` adds: the build, the real eksctl (found as the proxy
/// finds it) and its version (asked as the pre-flight asks it, under the same deadline).
fn verbose_version() -> String {
    let mut out = format!(
        "commit: {}\nbuilt: {} ({}, {} profile)\n",
        env!("EKSCTL_SHIM_COMMIT"),
        env!("EKSCTL_SHIM_BUILD_DATE"),
        env!("EKSCTL_SHIM_TARGET"),
        env!("EKSCTL_SHIM_PROFILE"),
    );
    match crate::proxy::real::RealEksctl::find_located("eksctl".into()) {
        Err(e) => out.push_str(&format!(
            "real eksctl: none ({e})\neksctl version: unknown\n"
        )),
        Ok((real, _, located)) => {
            out.push_str(&format!(
                "real eksctl: {} ({located})\n",
                located.path.display()
            ));
            let deadline = crate::settings::Settings::from_env_but_mode().deadline;
            let version = crate::facts::aws::runtime().ok().and_then(|rt| {
                rt.block_on(async {
                    tokio::time::timeout(deadline, crate::facts::eksctl_version::ask(&real))
                        .await
                        .ok()
                        .flatten()
                })
            });
            match version {
                Some(v) => out.push_str(&format!("eksctl version: {v}\n")),
                None => out.push_str(&format!(
                    "eksctl version: unknown (`{} version` failed, printed no version, or took over {}s)\n",
                    real.path.display(),
                    deadline.as_secs_f32()
                )),
            }
        }
    }
    out
}

/// The man page on stdout, or every page (one per command) into `dir`.
fn man(dir: Option<&std::path::Path>) -> i32 {
    let written = match dir {
        None => clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()),
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir)),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            crate::say::error(
                format!("cannot write the man pages: {e}"),
                "Give a directory that can be created and written to.",
            );
            crate::exit_code::USAGE
        }
    }
}

fn which() -> i32 {
    match locate::locate(&Pair::of_current_exe().ids(), &Chain::from_env()) {
        Ok(found) => {
            println!("{}", found.path.display());
            crate::say::line(format!("{} is {found}", found.path.display()));
            0
        }
        Err(e) => crate::exit_code::report(&e),
    }
}
