//! tests/aws/latency_proxy.py between the shim and moto (no delay): it logs every request
//! the shim makes, and breaks the operations a test names (`faults`) the way AWS breaks
//! them, so one read can fail while the others succeed. The model of eksctl talks to moto
//! directly (`AWS_ENDPOINT_URL`); the shim honours eksctl's `AWS_<SERVICE>_ENDPOINT`
//! variables first, which name the proxy.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::moto::Moto;
use super::run::Run;
use super::{Sandbox, python, wait_for_port};

pub struct AwsProxy {
    child: Child,
    port: u16,
    log: PathBuf,
    rules: PathBuf,
}

impl AwsProxy {
    pub fn start(moto: &Moto, sb: &Sandbox) -> AwsProxy {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = sb.path("requests.jsonl");
        let rules = sb.path("faults.json");
        std::fs::write(&rules, "{}").unwrap();
        let child = Command::new(python())
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/aws/latency_proxy.py"
            ))
            .args([moto.endpoint(), port.to_string(), "0".into()])
            .arg(&log)
            .arg(&rules)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_port(port, "the AWS proxy", Duration::from_secs(30));
        AwsProxy {
            child,
            port,
            log,
            rules,
        }
    }

    /// From now on, these operations fail so: `{"DescribeSubnets": "throttle"}` (the
    /// faults are listed in tests/aws/latency_proxy.py).
    pub fn faults(&self, rules: Value) {
        std::fs::write(&self.rules, rules.to_string()).unwrap();
    }

    /// Every request so far, then forgets them.
    pub fn take(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        std::fs::write(&self.log, "").unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// `run` with eksctl's endpoint variables of the services the shim asks at the proxy.
    pub fn point(&self, mut run: Run) -> Run {
        let url = format!("http://127.0.0.1:{}", self.port);
        for var in [
            "AWS_EKS_ENDPOINT",
            "AWS_CLOUDFORMATION_ENDPOINT",
            "AWS_EC2_ENDPOINT",
        ] {
            run = run.env(var, &url);
        }
        run
    }
}

impl Drop for AwsProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
