//! Asking the real eksctl its version (`eksctl version`), as a child the deadline can kill.

use std::process::Stdio;

use super::version::EksctlVersion;
use crate::proxy::real::RealEksctl;

pub async fn ask(real: &RealEksctl) -> Option<EksctlVersion> {
    // A child the caller's deadline can kill, marked as every eksctl the shim starts.
    let out = tokio::process::Command::new(&real.path)
        .arg("version")
        .env(crate::proxy::chain::VAR, &real.chain_marker)
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
