//! A run of the shim, built in one expression: what it runs as (`eksctl` or
//! `eksctl-shim`), the eksctl version the model reports, the AWS it talks to, the
//! environment, stdin; then the output, with the assertions every test makes.
//!
//! ```ignore
//! let ran = sb.eksctl_run(["create", "ng", "--cluster", "prod"])
//!     .version("0.230.0").aws(&moto).env("EKSCTL_SHIM_MODE", "strict").go();
//! ran.exits(3).says("refusing to run eksctl");
//! ```

use std::ffi::OsStr;
use std::process::{Command, Output};
use std::time::Duration;

use super::moto::Moto;
use super::{Sandbox, run, run_with_stdin, run_within, stderr, stdout};

pub struct Run {
    cmd: Command,
    stdin: Option<Vec<u8>>,
}

impl Sandbox {
    /// `eksctl ARGS` through the shim.
    pub fn eksctl_run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Run {
            cmd: self.eksctl(args),
            stdin: None,
        }
    }

    /// `eksctl-shim ARGS`.
    pub fn shim_run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command(super::SHIM);
        cmd.args(args);
        Run { cmd, stdin: None }
    }

    /// `eksctl create nodegroup` of a private nodegroup on `cluster` as eksctl 0.170.0
    /// (which looks every Output subnet up) with `EKSCTL_SHIM_REPAIR=outputs`: on a
    /// drifted cluster the shim repairs the stack's Outputs before eksctl runs.
    pub fn repair_run(&self, cluster: &str, moto: &Moto) -> Run {
        self.eksctl_run([
            "create",
            "nodegroup",
            "--cluster",
            cluster,
            "--name",
            "n1",
            "--node-private-networking",
        ])
        .version("0.170.0")
        .aws(moto)
        .env("EKSCTL_SHIM_REPAIR", "outputs")
    }

    /// `PROGRAM ARGS` (another face, a copy, a script) with the sandbox's clean environment.
    pub fn program_run<I, S>(&self, program: impl AsRef<OsStr>, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command(program);
        cmd.args(args);
        Run { cmd, stdin: None }
    }
}

impl Run {
    /// The version the model of eksctl reports (and behaves as).
    pub fn version(self, v: &str) -> Run {
        self.env("EKSCTL_MODEL_VERSION", v)
    }

    /// Talk to this moto, in us-west-2, with test credentials.
    pub fn aws(mut self, moto: &Moto) -> Run {
        for (k, v) in moto.env() {
            self.cmd.env(k, v);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    pub fn envs(mut self, vars: &[(&str, &str)]) -> Run {
        for (k, v) in vars {
            self.cmd.env(k, v);
        }
        self
    }

    pub fn stdin(mut self, bytes: &[u8]) -> Run {
        self.stdin = Some(bytes.to_vec());
        self
    }

    /// The command as built, for a test that runs it its own way (on a terminal).
    pub fn command(self) -> Command {
        self.cmd
    }

    pub fn go(self) -> Ran {
        let out = match self.stdin {
            Some(bytes) => run_with_stdin(self.cmd, &bytes),
            None => run(self.cmd),
        };
        Ran { out }
    }

    /// Talk to AWS at `endpoint` (closed, or silent) as `aws` does to moto.
    pub fn aws_at(self, endpoint: &str) -> Run {
        self.envs(&[
            ("AWS_ENDPOINT_URL", endpoint),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_REGION", "us-west-2"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ])
    }

    /// As `go`, failing the test when the run outlives `limit` (no stdin).
    pub fn go_within(self, limit: Duration) -> Ran {
        assert!(self.stdin.is_none(), "go_within feeds no stdin");
        Ran {
            out: run_within(self.cmd, limit),
        }
    }
}

pub struct Ran {
    pub out: Output,
}

impl Ran {
    pub fn stderr(&self) -> String {
        stderr(&self.out)
    }

    pub fn stdout(&self) -> String {
        stdout(&self.out)
    }

    /// The lines the shim wrote (eksctl's own lines left out).
    pub fn shim_lines(&self) -> Vec<String> {
        self.stderr()
            .lines()
            .filter(|l| l.starts_with("eksctl-shim:"))
            .map(str::to_string)
            .collect()
    }

    /// Asserts the shim said nothing: the run went through untouched.
    pub fn silent_shim(&self) -> &Ran {
        self.never_says("eksctl-shim:")
    }

    /// Asserts the exit code, showing stderr when it is another.
    pub fn exits(&self, code: i32) -> &Ran {
        assert_eq!(self.out.status.code(), Some(code), "{}", self.stderr());
        self
    }

    /// Asserts `text` (the stream `name`) holds `needle`, or does not.
    fn holds(&self, name: &str, text: &str, needle: &str, wanted: bool) -> &Ran {
        let what = if wanted { "expected" } else { "unexpected" };
        assert_eq!(
            text.contains(needle),
            wanted,
            "{what} {needle:?} on {name}:\n{text}"
        );
        self
    }

    /// Asserts stderr holds `needle`.
    pub fn says(&self, needle: &str) -> &Ran {
        self.holds("stderr", &self.stderr(), needle, true)
    }

    /// Asserts stdout holds `needle`.
    pub fn prints(&self, needle: &str) -> &Ran {
        self.holds("stdout", &self.stdout(), needle, true)
    }

    /// Asserts stderr does not hold `needle`.
    pub fn never_says(&self, needle: &str) -> &Ran {
        self.holds("stderr", &self.stderr(), needle, false)
    }

    /// Asserts stdout does not hold `needle`.
    pub fn never_prints(&self, needle: &str) -> &Ran {
        self.holds("stdout", &self.stdout(), needle, false)
    }

    /// Asserts stderr begins with `prefix`.
    pub fn says_first(&self, prefix: &str) -> &Ran {
        let err = self.stderr();
        assert!(
            err.starts_with(prefix),
            "expected {prefix:?} first in:\n{err}"
        );
        self
    }

    /// Asserts the run died of `signal`.
    pub fn killed_by(&self, signal: i32) -> &Ran {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(self.out.status.signal(), Some(signal), "{}", self.stderr());
        self
    }
}
