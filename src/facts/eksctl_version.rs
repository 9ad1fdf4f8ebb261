//! Asking the real eksctl its version (`eksctl version`), as a child the deadline can kill.

use std::process::Stdio;

use super::version::EksctlVersion;
use crate::proxy::real::RealEksctl;

pub async fn ask(real: &RealEksctl) -> Option<EksctlVersion> {
    let out = real
        .version_command()
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .output()
        .await
        .ok()?;
    if !out.status.success() {
        return None;
    }
    EksctlVersion::parse(&String::from_utf8_lossy(&out.stdout))
}
