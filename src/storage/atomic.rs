//! Replacing a file so that readers see the old or the new content, never a
//! mix: write a temporary file beside it, fsync, rename over the target.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes `path` through `fill`, atomically. The temporary file lives in the
/// same directory so the rename never crosses file systems.
pub fn replace_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace_file_with(path, None, fill)
}

/// Like [`replace_file`], giving the new file `permissions` (the temporary
/// file is private until then, so a half-written file is never readable).
pub fn replace_file_with(
    path: &Path,
    permissions: Option<std::fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Like `mkdir -p`: `export --trend imgs/trend.svg` should just work.
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut writer = BufWriter::new(temp.as_file_mut());
        fill(&mut writer)?;
        writer.flush()?;
    }
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    // Make the rename durable; the data is already safe if this fails.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the temporary files [`replace_file`] left for `name` in `dir`
/// when a writer was killed mid-write (`.NAME.XXXXXX.tmp`). Only for a
/// writer holding the lock that guards `name`, so no write is in flight.
/// Failing to remove one is harmless.
pub fn sweep_temp_files(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let file = entry.file_name();
            let file = file.to_string_lossy();
            if is_temp_file_of(&file, &prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether `file` is one of [`replace_file`]'s temporary names for the
/// target whose `.NAME.` prefix is given.
pub fn is_temp_file_of(file: &str, prefix: &str) -> bool {
    file.starts_with(prefix) && file.ends_with(".tmp")
}

/// Why [`lock_exclusive`] failed.
#[derive(Debug)]
pub enum LockError {
    /// Creating, opening or locking the file failed.
    Io(io::Error),
    /// Another process held the lock for the whole wait.
    Busy,
}

/// Opens (creating it) `path` and takes an exclusive lock on it, polling for
/// up to `wait` while another process holds it. The lock lasts as long as
/// the returned file. The lock lives in its own file because the data files
/// are replaced on every write and could not carry it.
pub fn lock_exclusive(path: &Path, wait: std::time::Duration) -> Result<File, LockError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(LockError::Io)?;
    let waiting_since = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if waiting_since.elapsed() < wait => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(LockError::Busy),
            Err(std::fs::TryLockError::Error(err)) => return Err(LockError::Io(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.md");
        std::fs::write(&target, "old").expect("seed");
        replace_file(&target, |w: &mut dyn Write| w.write_all(b"new")).expect("replace");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    #[test]
    fn creates_missing_parent_directories() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("imgs/deeper/trend.svg");
        replace_file(&target, |w: &mut dyn Write| w.write_all(b"<svg/>")).expect("write");
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "<svg/>");
    }

    #[test]
    fn a_failing_writer_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.md");
        std::fs::write(&target, "old").expect("seed");
        let result = replace_file(&target, |_| Err(io::Error::other("disk full")));
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
