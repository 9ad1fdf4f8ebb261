//! The marker a shim puts on the eksctl it starts: the identities of every shim in the
//! chain so far. A shim that finds it is nested (another shim already ran its checks),
//! so it passes straight through, skips every shim named in it when it looks for the
//! real eksctl, and refuses to go on past `MAX_DEPTH` (a loop no identity check caught).

use std::ffi::OsString;

use super::identity::FileId;

pub const VAR: &str = "EKSCTL_SHIM_CHAIN";
/// rustup found 5 too low for its proxies; a chain of shims deeper than this is a loop.
pub const MAX_DEPTH: usize = 8;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Chain(Vec<FileId>);

impl Chain {
    pub fn from_env() -> Self {
        std::env::var_os(VAR)
            .map(|v| Self::parse(&v.to_string_lossy()))
            .unwrap_or_default()
    }

    /// `dev:ino,dev:ino`; entries that do not parse are dropped, not fatal.
    pub fn parse(value: &str) -> Self {
        Chain(value.split(',').filter_map(FileId::parse).collect())
    }

    pub fn is_nested(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn depth(&self) -> usize {
        self.0.len()
    }

    pub fn contains(&self, id: FileId) -> bool {
        self.0.contains(&id)
    }

    /// The value to hand the child: this chain plus the running shim.
    pub fn extended_with(&self, me: FileId) -> OsString {
        let mut parts: Vec<String> = self.0.iter().map(FileId::to_string).collect();
        parts.push(me.to_string());
        parts.join(",").into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let me = FileId { dev: 2049, ino: 77 };
        let chain = Chain::parse("1:2");
        let next = Chain::parse(&chain.extended_with(me).to_string_lossy());
        assert_eq!(next.depth(), 2);
        assert!(next.contains(me));
        assert!(next.is_nested());
    }

    #[test]
    fn garbage_is_ignored() {
        assert!(!Chain::parse("").is_nested());
        assert_eq!(Chain::parse("x,1:2,3").depth(), 1);
    }
}
