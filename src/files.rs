//! Files the user keeps (backups, exports, plans, CSVs), written all or
//! nothing and on disk before groupctl says they are written: the content goes
//! to a temporary file beside the target, is fsynced, and is then renamed to
//! the target's name (and the directory fsynced). A crash, a full disk or a
//! killed process never leaves half a file under that name, and an
//! interruption (Ctrl-C) removes the temporary file (`interrupt`).
//!
//! Written where the user points: a symbolic link is followed and the file it
//! names is written (the link stays a link); a FIFO or a device is written to
//! as a stream (`/dev/stdout`, a pipe's reader, `/dev/null`); a directory or a
//! socket is refused. Nothing that is not a regular file is ever replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    /// Fail with `AlreadyExists` instead (backups never overwrite each other).
    Keep,
}

/// Write `contents` to `path` atomically and durably (see the module comment
/// for links, FIFOs, devices and directories).
pub fn write_atomic(path: &Path, contents: &[u8], existing: Existing) -> std::io::Result<()> {
    let path = follow_links(path)?;
    if let Ok(meta) = std::fs::metadata(&path) {
        let kind = meta.file_type();
        if kind.is_dir() {
            return Err(other(format!("{} is a directory", path.display())));
        }
        if is_stream(&kind) {
            if existing == Existing::Keep {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{} exists", path.display()),
                ));
            }
            let mut f = std::fs::OpenOptions::new().write(true).open(&path)?;
            f.write_all(contents)?;
            return f.flush();
        }
        if !kind.is_file() {
            return Err(other(format!(
                "{} is not a regular file, a FIFO or a device",
                path.display()
            )));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".groupctl-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let _tracked = crate::interrupt::track_temp(tmp.path());
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    match existing {
        Existing::Replace => tmp.persist(&path).map_err(|e| e.error)?,
        Existing::Keep => tmp.persist_noclobber(&path).map_err(|e| e.error)?,
    };
    sync_dir(dir)
}

/// An exclusive lock on a file (flock): held until dropped, released by the
/// kernel when the process ends, however it ends. The holder's pid is
/// written in the file so that another process can name it.
pub struct Lock {
    _file: std::fs::File,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it (its pid, when it wrote one).
    Held {
        pid: Option<u32>,
    },
    Io(std::io::Error),
}

/// Take the lock at `path` (created if missing) without waiting.
#[cfg(unix)]
pub fn try_lock(path: &Path) -> Result<Lock, LockError> {
    use rustix::fs::{flock, FlockOperation};
    use std::io::{Read, Seek};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(LockError::Io)?;
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        let mut text = String::new();
        let _ = file.read_to_string(&mut text);
        return Err(LockError::Held {
            pid: text.trim().parse().ok(),
        });
    }
    file.set_len(0).map_err(LockError::Io)?;
    file.rewind().map_err(LockError::Io)?;
    write!(file, "{}", std::process::id()).map_err(LockError::Io)?;
    file.flush().map_err(LockError::Io)?;
    Ok(Lock { _file: file })
}

#[cfg(not(unix))]
pub fn try_lock(path: &Path) -> Result<Lock, LockError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(LockError::Io)?;
    Ok(Lock { _file: file })
}

fn other(message: String) -> std::io::Error {
    std::io::Error::other(message)
}

/// The path a chain of symbolic links ends at (which need not exist yet).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

#[cfg(unix)]
fn is_stream(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_char_device() || kind.is_block_device()
}

#[cfg(not(unix))]
fn is_stream(_kind: &std::fs::FileType) -> bool {
    false
}

/// The rename itself is durable only once the directory is synced.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_or_keeps_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        write_atomic(&path, b"one", Existing::Replace).unwrap();
        write_atomic(&path, b"two", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let e = write_atomic(&path, b"three", Existing::Keep).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["plan.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        write_atomic(&link, b"new", Existing::Replace).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // A dangling link: the file it names is created.
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink(dir.path().join("sub-missing.csv"), &dangling).unwrap();
        write_atomic(&dangling, b"x", Existing::Replace).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("sub-missing.csv")).unwrap(),
            b"x"
        );
        assert!(std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink());
        // A loop is an error, not a hang.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(write_atomic(&a, b"x", Existing::Replace).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_streamed_to_its_reader() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"topic,0,5\n", Existing::Replace).unwrap();
        assert_eq!(reader.join().unwrap(), b"topic,0,5\n");
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_written_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        write_atomic(Path::new("/dev/null"), b"x", Existing::Replace).unwrap();
        let full = Path::new("/dev/full");
        if full.exists() {
            let e = write_atomic(full, b"x", Existing::Replace).unwrap_err();
            assert_eq!(e.raw_os_error(), Some(28), "ENOSPC: {e}");
            assert!(std::fs::symlink_metadata(full)
                .unwrap()
                .file_type()
                .is_char_device());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_is_held_until_dropped_and_names_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.lock");
        let held = try_lock(&path).unwrap();
        match try_lock(&path) {
            Err(LockError::Held { pid }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("taken twice: {:?}", other.is_ok()),
        }
        drop(held);
        assert!(try_lock(&path).is_ok());
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(dir.path(), b"x", Existing::Replace).unwrap_err();
        assert!(e.to_string().contains("is a directory"), "{e}");
        assert!(dir.path().is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_directory_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/x.csv");
        assert!(write_atomic(&path, b"x", Existing::Replace).is_err());
        assert!(!path.exists());
    }
}
