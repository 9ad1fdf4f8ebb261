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

use super::moto::Moto;
use super::{Sandbox, run, run_with_stdin, stderr, stdout};

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
}

impl Run {
    /// The version the model of eksctl reports (and behaves as).
    pub fn version(self, v: &str) -> Run {
        self.env("EKSCTL_STANDIN_VERSION", v)
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

    /// Asserts stderr holds `needle`.
    pub fn says(&self, needle: &str) -> &Ran {
        let err = self.stderr();
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
        self
    }

    /// Asserts stdout holds `needle`.
    pub fn prints(&self, needle: &str) -> &Ran {
        let out = self.stdout();
        assert!(
            out.contains(needle),
            "expected {needle:?} on stdout:\n{out}"
        );
        self
    }

    /// Asserts stderr does not hold `needle`.
    pub fn never_says(&self, needle: &str) -> &Ran {
        let err = self.stderr();
        assert!(!err.contains(needle), "unexpected {needle:?} in:\n{err}");
        self
    }
}
