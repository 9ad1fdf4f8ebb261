//! A moto server on loopback for one test, with the EKS patch of tests/aws/moto_server.py,
//! and the world builder tests/aws/world.py.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

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
        super::wait_for_port(port, "moto", Duration::from_secs(60));
        moto
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Builds a cluster as tests/aws/world.py describes; returns the IDs it made.
    pub fn world(&self, spec: serde_json::Value) -> serde_json::Value {
        let mut cmd = Command::new(python());
        cmd.arg(format!("{DIR}/world.py")).arg(self.endpoint());
        let out = super::run_with_stdin(cmd, spec.to_string().as_bytes());
        assert!(
            out.status.success(),
            "world.py failed for {spec}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Runs Python `code` against this server, with `json` imported and boto3 clients
    /// `eks`, `cfn` and `ec2` bound to it; returns what the code printed.
    pub fn py(&self, code: &str) -> String {
        let prelude = format!(
            "import boto3, json\n\
             kw = dict(endpoint_url='{}', region_name='us-west-2', aws_access_key_id='t', aws_secret_access_key='t')\n\
             eks, cfn, ec2 = (boto3.client(s, **kw) for s in ('eks', 'cloudformation', 'ec2'))\n",
            self.endpoint()
        );
        let out = Command::new(python())
            .args(["-c", &(prelude + code)])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "python failed: {err}\n{code}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A stack's Outputs, by key.
    pub fn outputs(&self, stack: &str) -> serde_json::Value {
        let printed = self.py(&format!(
            "print(json.dumps({{x['OutputKey']: x['OutputValue'] for x in cfn.describe_stacks(StackName='{stack}')['Stacks'][0].get('Outputs', [])}}))"
        ));
        serde_json::from_str(&printed).unwrap()
    }

    /// A stack's template, as JSON.
    pub fn template(&self, stack: &str) -> serde_json::Value {
        let printed = self.py(&format!(
            "t = cfn.get_template(StackName='{stack}')['TemplateBody']\nprint(json.dumps(t if isinstance(t, dict) else json.loads(t)))"
        ));
        serde_json::from_str(&printed).unwrap()
    }

    /// The cluster as EKS DescribeCluster answers.
    pub fn cluster(&self, name: &str) -> serde_json::Value {
        let printed = self.py(&format!(
            "print(json.dumps(eks.describe_cluster(name='{name}')['cluster'], default=str))"
        ));
        serde_json::from_str(&printed).unwrap()
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
