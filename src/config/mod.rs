//! ClusterConfig files: read once, understood as eksctl understands them (`yaml`), and
//! rewritten by editing their text (`rewrite`), never by re-emitting YAML.

pub mod eksctl_refuses;
pub mod filter_glob;
pub mod model;
pub mod rewrite;
pub mod select;
pub mod yaml;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use model::ClusterConfig;

use crate::invocation::ConfigSource;

/// The bytes of `-f`, read once. eksctl reads `-f PATH` itself, so a regular file is left
/// for it to read again; stdin (`-f -`) and a path that is a pipe (`-f <(...)`,
/// `/dev/stdin`, a FIFO) cannot be read twice: `consumed` says eksctl must be handed
/// these very bytes (pkg/eks/api.go `readConfig`, os.ReadFile, @0.230.0).
#[derive(Debug, Clone)]
pub struct ConfigInput {
    pub source: ConfigSource,
    pub raw: Vec<u8>,
    pub consumed: bool,
    /// A read that failed part-way: `raw` holds what was read.
    pub error: Option<String>,
}

/// A loaded config: the exact bytes, the document with positions (to edit), its meaning
/// to eksctl (to verify edits) and the typed view (to check).
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// `None` for stdin.
    pub path: Option<PathBuf>,
    pub raw: Vec<u8>,
    pub doc: yaml::Doc,
    pub meaning: serde_json::Value,
    pub model: ClusterConfig,
}

impl LoadedConfig {
    /// The 1-based line where the nodegroup `name` starts in the text (its entry in
    /// `nodeGroups` or `managedNodeGroups`), for annotations that point at it.
    pub fn nodegroup_line(&self, name: &str) -> Option<usize> {
        let (kind, index) = self
            .model
            .node_groups
            .iter()
            .position(|ng| ng.name == name)
            .map(|i| (select::NodegroupKind::SelfManaged, i))
            .or_else(|| {
                self.model
                    .managed_node_groups
                    .iter()
                    .position(|ng| ng.name == name)
                    .map(|i| (select::NodegroupKind::Managed, i))
            })?;
        let list = self.doc.deref(self.doc.root.get(rewrite::list_key(kind))?);
        let entry = list.items().get(index)?;
        self.doc.text.get(..entry.start)?;
        Some(self.doc.line_of(entry.start))
    }
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

/// Reads `-f`'s bytes once. A regular file that cannot be read is an error (eksctl will
/// say so itself); a stream is read to its end whatever happens, nothing lost.
pub fn read_input(source: &ConfigSource) -> Result<ConfigInput, ConfigError> {
    match source {
        ConfigSource::Stdin => Ok(stream(source.clone(), std::io::stdin().lock())),
        ConfigSource::File(path) => {
            let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
            if meta.is_file() {
                let raw = std::fs::read(path).map_err(|e| read_error(path, e))?;
                return Ok(ConfigInput {
                    source: source.clone(),
                    raw,
                    consumed: false,
                    error: None,
                });
            }
            if meta.is_dir() {
                return Err(read_error(path, std::io::Error::other("is a directory")));
            }
            let file = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
            Ok(stream(source.clone(), file))
        }
    }
}

/// The descriptor a path names in the process that opens it: `/dev/stdin` is 0,
/// `/dev/fd/N` and `/proc/self/fd/N` are N (a process substitution, `-f <(...)`, is
/// `/dev/fd/63`). eksctl opens the path itself, so a pipe the shim read can be handed
/// back to it on a new pipe at that descriptor, its argv unchanged. Never stdout or
/// stderr: those stay eksctl's own streams.
pub fn pipe_fd(path: &Path) -> Option<i32> {
    let text = path.to_str()?;
    if text == "/dev/stdin" {
        return Some(0);
    }
    let n: i32 = text
        .strip_prefix("/dev/fd/")
        .or_else(|| text.strip_prefix("/proc/self/fd/"))?
        .parse()
        .ok()?;
    (n == 0 || n > 2).then_some(n)
}

fn read_error(path: &Path, source: std::io::Error) -> ConfigError {
    ConfigError::Read {
        path: Some(path.into()),
        source,
    }
}

fn stream(source: ConfigSource, input: impl Read) -> ConfigInput {
    let (raw, error) = match read_all(input) {
        Ok(raw) => (raw, None),
        Err((raw, e)) => (raw, Some(e.to_string())),
    };
    ConfigInput {
        source,
        raw,
        consumed: true,
        error,
    }
}

/// Reads a config file (tests, `check -f`).
pub fn load_file(path: &Path) -> Result<LoadedConfig, ConfigError> {
    let raw = std::fs::read(path).map_err(|e| read_error(path, e))?;
    parse(Some(path.to_path_buf()), raw)
}

/// Reads all of `input`. On a read error the bytes read so far are returned with it, so
/// that nothing the user piped in is lost.
pub fn read_all(mut input: impl Read) -> Result<Vec<u8>, (Vec<u8>, std::io::Error)> {
    let mut raw = Vec::new();
    match input.read_to_end(&mut raw) {
        Ok(_) => Ok(raw),
        Err(e) => Err((raw, e)),
    }
}

/// Parses config bytes. `path` is only for messages.
pub fn parse(path: Option<PathBuf>, raw: Vec<u8>) -> Result<LoadedConfig, ConfigError> {
    let shape = |message: String| ConfigError::Shape {
        path: path.clone(),
        message,
    };
    let text = std::str::from_utf8(&raw).map_err(|e| {
        shape(format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let doc = yaml::Doc::parse(text).map_err(|e| ConfigError::Syntax {
        path: path.clone(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    let meaning = doc.meaning().map_err(|e| shape(e.to_string()))?;
    if !meaning.is_object() {
        return Err(shape(
            "a ClusterConfig must be a YAML mapping (apiVersion, kind, metadata, ...)".into(),
        ));
    }
    let model: ClusterConfig =
        serde_json::from_value(meaning.clone()).map_err(|e| shape(e.to_string()))?;
    Ok(LoadedConfig {
        path,
        raw,
        doc,
        meaning,
        model,
    })
}
