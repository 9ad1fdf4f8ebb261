//! ClusterConfig files: load from a file or stdin, read the fields the checks need, and
//! write rewritten copies that keep every field the shim does not mean to change.

pub mod model;
pub mod rewrite;
pub mod select;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_yaml_ng::Value;

pub use model::ClusterConfig;

/// A loaded config: the exact bytes (to hand eksctl unchanged), the whole YAML tree (to
/// rewrite), and the typed view (to check).
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// `None` for stdin.
    pub path: Option<PathBuf>,
    pub raw: Vec<u8>,
    pub tree: Value,
    pub model: ClusterConfig,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", shown(.path))]
    Read {
        path: Option<PathBuf>,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", shown(.path))]
    Syntax {
        path: Option<PathBuf>,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {message}", shown(.path))]
    Shape {
        path: Option<PathBuf>,
        message: String,
    },
}

fn shown(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
}

/// Reads a config file.
pub fn load_file(path: &Path) -> Result<LoadedConfig, ConfigError> {
    let raw = std::fs::read(path).map_err(|source| ConfigError::Read {
        path: Some(path.into()),
        source,
    })?;
    parse(Some(path.to_path_buf()), raw)
}

/// Reads all of `input` (stdin for `-f -`). On a read error the bytes read so far are
/// returned with it, so that nothing the user piped in is lost.
pub fn read_all(mut input: impl Read) -> Result<Vec<u8>, (Vec<u8>, std::io::Error)> {
    let mut raw = Vec::new();
    match input.read_to_end(&mut raw) {
        Ok(_) => Ok(raw),
        Err(e) => Err((raw, e)),
    }
}

/// Parses config bytes. `path` is only for messages.
pub fn parse(path: Option<PathBuf>, raw: Vec<u8>) -> Result<LoadedConfig, ConfigError> {
    let text = std::str::from_utf8(&raw).map_err(|e| ConfigError::Shape {
        path: path.clone(),
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ),
    })?;
    let tree: Value = serde_yaml_ng::from_str(text).map_err(|e| match e.location() {
        Some(loc) => ConfigError::Syntax {
            path: path.clone(),
            line: loc.line(),
            column: loc.column(),
            message: e.to_string(),
        },
        None => ConfigError::Shape {
            path: path.clone(),
            message: e.to_string(),
        },
    })?;
    if !tree.is_mapping() {
        return Err(ConfigError::Shape {
            path,
            message: "a ClusterConfig must be a YAML mapping (apiVersion, kind, metadata, ...)"
                .into(),
        });
    }
    let model: ClusterConfig =
        serde_yaml_ng::from_value(tree.clone()).map_err(|e| ConfigError::Shape {
            path: path.clone(),
            message: e.to_string(),
        })?;
    Ok(LoadedConfig {
        path,
        raw,
        tree,
        model,
    })
}
