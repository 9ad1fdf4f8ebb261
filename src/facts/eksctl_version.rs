//! Asking the real eksctl its version (`eksctl version`), as a child the deadline can kill.

use std::ffi::OsString;
use std::path::Path;
use std::process::Stdio;

use super::version::EksctlVersion;
use crate::proxy::chain;

pub async fn ask(real: &Path, chain_marker: &OsString) -> Option<EksctlVersion> {
    let out = tokio::process::Command::new(real)
        .arg("version")
        .env(chain::VAR, chain_marker)
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
