//! `check --output-file PATH`: the report written to a file, whole or not at all. It is
//! written to a new file beside PATH (same directory, so the same file system) and renamed
//! over PATH: a reader (a CI step uploading it, a second gate) never sees half a report,
//! and a failed write leaves what was there. A symbolic link at PATH is refused: writing
//! through it would change a file elsewhere, and replacing it would silently undo a link
//! the user made.

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} is a symbolic link; the report is written only to a file's own path", .0.display())]
    Symlink(PathBuf),
    #[error("{} exists and is not a regular file", .0.display())]
    NotAFile(PathBuf),
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Whether PATH can take the report, asked before anything is checked (a gate that
/// would only find out after minutes of AWS calls wastes them).
pub fn usable(path: &Path) -> Result<(), FileError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(FileError::Symlink(path.into())),
        Ok(m) if !m.is_file() => Err(FileError::NotAFile(path.into())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = directory(path);
            match std::fs::metadata(dir) {
                Ok(m) if m.is_dir() => Ok(()),
                Ok(_) => Err(FileError::Write {
                    path: path.into(),
                    source: std::io::Error::other(format!("{} is not a directory", dir.display())),
                }),
                Err(source) => Err(FileError::Write {
                    path: path.into(),
                    source,
                }),
            }
        }
        Err(source) => Err(FileError::Write {
            path: path.into(),
            source,
        }),
    }
}

/// The directory PATH is in (`.` for a bare file name).
fn directory(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a new file in PATH's directory, flushed to disk, then renames it
/// over PATH (`rename(2)` replaces the directory entry and never follows a link).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    usable(path)?;
    let failed = |source| FileError::Write {
        path: path.into(),
        source,
    };
    use std::os::unix::fs::PermissionsExt;
    // 0644 less the umask, as a report written by a shell's redirection would be;
    // tempfile's own default (0600) would hide it from a CI step running as another user.
    let mut tmp = tempfile::Builder::new()
        .prefix(".eksctl-shim-report-")
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(directory(path))
        .map_err(failed)?;
    tmp.write_all(bytes).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_refuses_links_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.xml");
        std::fs::write(&report, "old").unwrap();
        write_atomic(&report, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "new");
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.xml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write_atomic(&link, b"x"),
            Err(FileError::Symlink(_))
        ));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );

        assert!(matches!(
            write_atomic(dir.path(), b"x"),
            Err(FileError::NotAFile(_))
        ));
        assert!(matches!(
            usable(&dir.path().join("no-such-dir/report.xml")),
            Err(FileError::Write { .. })
        ));
    }
}
