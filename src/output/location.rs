//! Where a finding points: the line of its nodegroup in the config the command read, and
//! that config's path as each consumer names files. The GitHub annotations, SARIF and the
//! JSON documents read it here, so they point at the same line.

use std::path::Path;

use crate::checks::Finding;
use crate::config::LoadedConfig;

/// The 1-based line where the finding's nodegroup starts in `config`, when the finding is
/// about one and the config defines it.
pub fn line(f: &Finding, config: &LoadedConfig) -> Option<usize> {
    f.nodegroup
        .as_deref()
        .and_then(|ng| config.nodegroup_line(ng))
}

/// `path` relative to `base` when it lies under it, else as it is.
pub fn under<'p>(path: &'p Path, base: Option<&Path>) -> &'p Path {
    base.and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path)
}

/// The config's path relative to the working directory when under it (as SARIF and the
/// JSON documents name it); `None` for a config read from stdin.
pub fn from_cwd(config: &LoadedConfig) -> Option<String> {
    let path = config.path.as_deref()?;
    let cwd = std::env::current_dir().ok();
    Some(under(path, cwd.as_deref()).to_string_lossy().into_owned())
}
