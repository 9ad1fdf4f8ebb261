//! A file's identity: device and inode after following links. Two paths name the
//! same program exactly when their identities match, whatever their names.

use std::fmt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    pub fn of(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().map(|m| FileId {
            dev: m.dev(),
            ino: m.ino(),
        })
    }

    /// The running binary (`/proc/self/exe` on Linux, so links are already resolved).
    pub fn of_current_exe() -> Option<FileId> {
        std::env::current_exe().ok().and_then(|p| Self::of(&p))
    }

    pub fn parse(s: &str) -> Option<FileId> {
        let (dev, ino) = s.split_once(':')?;
        Some(FileId {
            dev: dev.parse().ok()?,
            ino: ino.parse().ok()?,
        })
    }
}

impl fmt::Display for FileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.dev, self.ino)
    }
}
