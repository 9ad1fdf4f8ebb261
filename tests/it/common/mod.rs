//! Test harness: a sandbox directory with the built shim installed as `eksctl`, the
//! model of eksctl (tests/eksctl-model, run from the repository) as the "real" one, and
//! helpers to run them and read what the model received and did.
#![allow(dead_code)]

use std::borrow::BorrowMut;
use std::ffi::OsString;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const SHIM: &str = env!("CARGO_BIN_EXE_eksctl-shim");
/// The small `eksctl` install.sh puts on PATH; it hands the checked commands to `SHIM`,
/// the file beside it.
pub const PROXY: &str = env!("CARGO_BIN_EXE_eksctl-shim-proxy");
/// The model of eksctl (tests/eksctl-model/README.md), run in place.
pub const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eksctl-model/eksctl.py");

/// The Python interpreter's real path, so the model starts without pyenv's wrappers.
pub fn python() -> &'static str {
    static PY: OnceLock<String> = OnceLock::new();
    PY.get_or_init(|| {
        let out = Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .expect("python3 is needed by the tests (the model eksctl is a Python script)");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    })
}

/// Where the model builds its YAML helper: the invoking user's cache, not a sandbox HOME.
pub fn model_cache() -> &'static str {
    static CACHE: OnceLock<String> = OnceLock::new();
    CACHE.get_or_init(|| {
        std::env::var("EKSCTL_MODEL_CACHE").unwrap_or_else(|_| {
            format!(
                "{}/.cache/eksctl-shim",
                std::env::var("HOME").unwrap_or_else(|_| "/tmp".into())
            )
        })
    })
}

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// `bin/eksctl` → the shim as install.sh installs it (`eksctl-shim-proxy`, with
    /// `eksctl-shim` beside it), `real/eksctl` = the model; PATH is bin:real:/usr/bin:/bin.
    pub fn new() -> Self {
        Self::with_eksctl(PROXY)
    }

    /// As `new`, with `bin/eksctl` → `program` (`SHIM`: the full shim as `eksctl`, as a
    /// hand-made link to a cargo-installed one).
    pub fn with_eksctl(program: &str) -> Self {
        let sb = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(sb.path("bin")).unwrap();
        std::fs::create_dir_all(sb.path("home")).unwrap();
        symlink(program, sb.path("bin/eksctl")).unwrap();
        sb.write_model(&sb.path("real/eksctl"));
        sb
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The model at `at`: a POSIX sh wrapper that notes which signals the process was
    /// started with ignored (Python ignores SIGPIPE itself as it starts), then runs the
    /// model from the repository with the same argv. EKSCTL_MODEL_CACHE (where the
    /// model's YAML helper is built) survives the tests' clean environment; the model
    /// drops both variables before recording the environment it was given.
    pub fn write_model(&self, at: &Path) {
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        let wrapper = format!(
            "#!/bin/sh\nEKSCTL_MODEL_SIGIGN=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status) EKSCTL_MODEL_CACHE='{}' exec '{}' '{}' \"$@\"\n",
            model_cache(),
            python(),
            MODEL
        );
        std::fs::write(at, wrapper).unwrap();
        std::fs::set_permissions(at, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// Copies the shim binary (a different file, same program) to `rel`.
    pub fn copy_shim(&self, rel: &str) -> PathBuf {
        let to = self.path(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(SHIM, &to).unwrap();
        to
    }

    pub fn default_path(&self) -> OsString {
        std::env::join_paths([
            self.path("bin"),
            self.path("real"),
            "/usr/bin".into(),
            "/bin".into(),
        ])
        .unwrap()
    }

    /// A command for `program` with a clean, known environment.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", self.default_path())
            .env("HOME", self.path("home"))
            .env("EKSCTL_MODEL_RECORD", self.path("record"))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    /// `eksctl ARGS` through the shim.
    pub fn eksctl<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = self.command(self.path("bin/eksctl"));
        cmd.args(args);
        cmd
    }

    /// Every call the model recorded, in order.
    pub fn calls(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(self.path("record/calls.jsonl")) {
            Ok(text) => text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
            Err(_) => vec![],
        }
    }

    /// The last call that was not `eksctl version` nor the shim asking, if eksctl ran.
    pub fn last_call(&self) -> Option<serde_json::Value> {
        self.eksctl_calls().pop()
    }

    /// The one call that was not `eksctl version` nor the shim asking.
    pub fn main_call(&self) -> serde_json::Value {
        let calls = self.eksctl_calls();
        assert_eq!(calls.len(), 1, "expected one eksctl call, got {calls:#?}");
        calls.into_iter().next().unwrap()
    }

    /// Every call that was not `eksctl version` nor the shim asking, in order: the runs
    /// the user's command became.
    pub fn eksctl_calls(&self) -> Vec<serde_json::Value> {
        self.calls()
            .into_iter()
            .filter(|c| c["argv"][0] != "version" && !is_judging(c))
            .collect()
    }

    /// The `--dry-run`s the shim asked before a rewrite, in order.
    pub fn judging_calls(&self) -> Vec<serde_json::Value> {
        self.calls().into_iter().filter(is_judging).collect()
    }

    /// Waits (at most 30 s, else fails) for eksctl to be started, then 300 ms more.
    pub fn await_eksctl(&self) {
        let start = Instant::now();
        while self.last_call().is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "eksctl was never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// A call the shim made to ask eksctl's `--dry-run` about a rewrite (src/judge).
pub fn is_judging(call: &serde_json::Value) -> bool {
    call["env"].get("EKSCTL_SHIM_JUDGING").is_some()
}

/// The argv a recorded call received, as raw bytes.
pub fn argv_bytes(call: &serde_json::Value) -> Vec<Vec<u8>> {
    call["argv_hex"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| hex(h.as_str().unwrap()))
        .collect()
}

pub fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The argv a recorded call received, as strings.
pub fn argv(call: &serde_json::Value) -> Vec<String> {
    call["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

/// An endpoint on loopback where nothing listens (a port bound, then let go).
pub fn closed_endpoint() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}")
}

/// A moto with cluster `prod` as eksctl made it: the world most tests start from.
pub fn moto_with_prod() -> moto::Moto {
    let moto = moto::Moto::start();
    moto.world(serde_json::json!({"cluster": "prod"}));
    moto
}

/// Runs with a hang guard: a run that outlives `limit` is killed and the test fails.
/// Both pipes are read while it runs, so an output larger than a pipe's buffer (`check
/// --all` over 200 clusters) does not block it.
pub fn run_within(mut cmd: impl BorrowMut<Command>, limit: Duration) -> Output {
    let cmd = cmd.borrow_mut();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = vec![];
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: stdout.join().unwrap(),
                stderr: stderr.join().unwrap(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn run(cmd: impl BorrowMut<Command>) -> Output {
    run_within(cmd, Duration::from_secs(60))
}

/// Runs with `input` on stdin (written from a thread, so a large input cannot deadlock).
pub fn run_with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
/// One line on the test run's own stderr (not captured by the harness), said once per
/// run however many tests say it: what a suite skipped, and why.
pub fn note(area: &str, line: &str) {
    use std::io::Write;
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let text = format!("{area}: {line}");
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !said.contains(&text) {
        let _ = writeln!(std::io::stderr(), "{text}");
        said.push(text);
    }
}

pub mod aws_proxy;
pub mod fake_aws;
pub mod moto;
pub mod run;

/// `text` with the README section between `<!-- NAME:start -->` and `<!-- NAME:end -->`
/// replaced by `body` (the sections the tests generate and compare).
pub fn replace_section(text: &str, name: &str, body: &str) -> String {
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let i = text
        .find(&start)
        .unwrap_or_else(|| panic!("README has no {start}"))
        + start.len();
    let j = text[i..]
        .find(&end)
        .unwrap_or_else(|| panic!("README has no {end}"))
        + i;
    format!("{}{}{}", &text[..i], body, &text[j..])
}

/// Waits until something listens on loopback `port` (a server the test started).
pub fn wait_for_port(port: u16, what: &str, limit: Duration) {
    let start = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < limit,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
