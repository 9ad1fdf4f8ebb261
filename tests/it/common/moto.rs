//! A moto server on loopback for one test, with the EKS patch of tests/aws/moto_server.py,
//! and the world builder tests/aws/world.py.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::python;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/aws");

pub struct Moto {
    pub port: u16,
    child: Child,
}

impl Moto {
    pub fn start() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(python())
            .arg(format!("{DIR}/moto_server.py"))
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto is needed: scripts/setup.sh installs it");
        let moto = Moto { port, child };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "moto did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        moto
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Builds a cluster as tests/aws/world.py describes; returns the IDs it made.
    pub fn world(&self, spec: serde_json::Value) -> serde_json::Value {
        let mut child = Command::new(python())
            .arg(format!("{DIR}/world.py"))
            .arg(self.endpoint())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(spec.to_string().as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "world.py failed for {spec}");
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Environment for a process that should talk to this server, as a user's would to AWS.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint()),
            ("AWS_ACCESS_KEY_ID", "testing".into()),
            ("AWS_SECRET_ACCESS_KEY", "testing".into()),
            ("AWS_REGION", "us-west-2".into()),
            ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ]
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
