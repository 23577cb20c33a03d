//! Writing a file the user named (`export --output`, `--trend`, `stats
//! --svg`, `config init`): the one place that decides how, and the one rule
//! that keeps such a write off papers' own files.
//!
//! papers' own files (the cache index, its shards, fetch state and locks,
//! `state.json`) hold what the reader cannot get back; a page written over
//! one of them would lose it for good, so such a path is refused whatever
//! way it is spelt: `../`, a symlink or a hard link to it. The search index
//! could be rebuilt, but it is papers' to write all the same.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use crate::storage::atomic;
use crate::storage::cache::{CACHE_FILE, FETCH_STATE_FILE, LOCK_FILE, PACING_DIR, SHARD_DIR};
use crate::storage::huggingface::HF_FILE;
use crate::storage::search_index::SEARCH_DIR;
use crate::storage::state;

/// Where papers keeps its own files.
#[derive(Debug, Clone)]
pub struct OwnFiles {
    pub cache_dir: PathBuf,
    /// `None` when the system has no data directory (then there is no state
    /// file to protect).
    pub data_dir: Option<PathBuf>,
}

/// A path that names one of papers' own files: a usage error (exit 2).
#[derive(Debug)]
pub struct OwnFileRefused(pub String);

impl fmt::Display for OwnFileRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OwnFileRefused {}

/// Why writing an output file failed.
#[derive(Debug)]
pub enum OutputError {
    Refused(OwnFileRefused),
    Io(io::Error),
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Refused(refused) => refused.fmt(f),
            OutputError::Io(err) => err.fmt(f),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::Refused(refused) => Some(refused),
            OutputError::Io(err) => Some(err),
        }
    }
}

impl From<io::Error> for OutputError {
    fn from(err: io::Error) -> Self {
        OutputError::Io(err)
    }
}

/// Whether `path` is `-`: standard output.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses `path` when it is, or resolves to, one of papers' own files:
/// in the cache directory `papers.json`, its lock and temporary files, and
/// anything under `shards/`, `pacing/` and `search/`; in the data directory `state.json`, its lock
/// and temporary files; any `*.lock` in either; either directory itself.
/// An existing target is also compared by device and inode with every own
/// file, which catches hard links.
pub fn refuse_own_file(path: &Path, own: &OwnFiles) -> Result<(), OwnFileRefused> {
    let resolved = resolve(path);
    let cache_dir = resolve(&own.cache_dir);
    let data_dir = own.data_dir.as_deref().map(resolve);
    let refuse = |what: &str| {
        Err(OwnFileRefused(format!(
            "refusing to write to {}: it is papers' {what}; choose another path",
            path.display()
        )))
    };
    let name = resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = resolved.parent().unwrap_or(Path::new(""));
    if resolved == cache_dir || data_dir.as_deref() == Some(resolved.as_path()) {
        return refuse("own directory");
    }
    if resolved.starts_with(cache_dir.join(SHARD_DIR)) {
        return refuse("cache shard directory");
    }
    if resolved.starts_with(cache_dir.join(PACING_DIR)) {
        return refuse("request pacing directory");
    }
    if resolved.starts_with(cache_dir.join(SEARCH_DIR)) {
        return refuse("search index directory");
    }
    let own_name = |file: &str| name == file || name.starts_with(&format!(".{file}."));
    if parent == cache_dir {
        if own_name(CACHE_FILE) {
            return refuse("cache index");
        }
        if own_name(FETCH_STATE_FILE) {
            return refuse("cache fetch state");
        }
        if own_name(HF_FILE) {
            return refuse("Hugging Face signals file");
        }
        if name.ends_with(".lock") {
            return refuse("cache lock file");
        }
    }
    if data_dir.as_deref() == Some(parent) {
        if own_name(state::STATE_FILE) {
            return refuse("state file (stars, tags, seen marks)");
        }
        if name.ends_with(".lock") {
            return refuse("lock file");
        }
    }
    #[cfg(unix)]
    if let Ok(target) = fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        let same = |other: &Path| {
            fs::metadata(other).is_ok_and(|m| m.dev() == target.dev() && m.ino() == target.ino())
        };
        let mut candidates = vec![
            own.cache_dir.join(CACHE_FILE),
            own.cache_dir.join(LOCK_FILE),
            own.cache_dir.join(FETCH_STATE_FILE),
            own.cache_dir.join(HF_FILE),
        ];
        for dir in [SHARD_DIR, SEARCH_DIR] {
            if let Ok(entries) = fs::read_dir(own.cache_dir.join(dir)) {
                candidates.extend(entries.flatten().map(|entry| entry.path()));
            }
        }
        if let Some(data_dir) = &own.data_dir {
            candidates.push(data_dir.join(state::STATE_FILE));
            candidates.push(data_dir.join(state::LOCK_FILE));
        }
        if target.is_file() && candidates.iter().any(|own| same(own)) {
            return refuse("own file (a link to it)");
        }
    }
    Ok(())
}

/// Writes `bytes` to `path`, the one way every writing option does it:
/// `-` is standard output; papers' own files are refused; a device, FIFO
/// or other non-regular file is opened and written directly (renaming
/// over `/dev/stdout` would replace it); a symlink is written through, its
/// target replaced atomically and the link kept; a regular file is
/// replaced atomically and keeps its permissions; a new file gets the
/// usual permissions (0666 less the umask).
pub fn write_output(path: &Path, own: &OwnFiles, bytes: &[u8]) -> Result<(), OutputError> {
    if is_stdout(path) {
        let mut out = io::stdout().lock();
        out.write_all(bytes)?;
        return Ok(out.flush()?);
    }
    refuse_own_file(path, own).map_err(OutputError::Refused)?;
    let target = follow_symlinks(path);
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        ))?,
        Ok(meta) if !meta.is_file() => {
            let file = OpenOptions::new().write(true).open(&target)?;
            let mut out = BufWriter::new(file);
            out.write_all(bytes)?;
            Ok(out.flush()?)
        }
        Ok(meta) => Ok(atomic::replace_file_with(
            &target,
            Some(meta.permissions()),
            |out| out.write_all(bytes),
        )?),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(atomic::replace_file_with(
            &target,
            new_file_permissions(),
            |out| out.write_all(bytes),
        )?),
        Err(err) => Err(err)?,
    }
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // tempfile creates 0600; the mode passed at creation is masked by the
    // umask like any file's, but set_permissions is not, so apply it here.
    let umask = current_umask();
    Some(fs::Permissions::from_mode(0o666 & !umask))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

/// The process umask, read from /proc (Linux); 022 when unknown.
#[cfg(unix)]
fn current_umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Umask:"))
                .and_then(|value| u32::from_str_radix(value.trim(), 8).ok())
        })
        .unwrap_or(0o022)
}

/// `path` with every symlink in its last component followed (a dangling
/// link gives where it points, so the write creates its target).
fn follow_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A loop of links stops here and fails at the write.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// `path` made absolute with symlinks resolved as far as it exists; the
/// rest (a file not yet written) is appended with `.` and `..` folded.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    if let Ok(real) = fs::canonicalize(&absolute) {
        return real;
    }
    let followed = follow_symlinks(&absolute);
    if followed != absolute {
        return resolve(&followed);
    }
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolve(parent).join(name),
        _ => fold(&absolute),
    }
}

fn fold(path: &Path) -> PathBuf {
    let mut folded = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                folded.pop();
            }
            Component::CurDir => {}
            other => folded.push(other.as_os_str()),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(dir: &Path) -> OwnFiles {
        OwnFiles {
            cache_dir: dir.join("cache"),
            data_dir: Some(dir.join("data")),
        }
    }

    #[test]
    fn own_files_are_refused_however_spelt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let own = own(dir.path());
        fs::create_dir_all(dir.path().join("cache/shards")).expect("dirs");
        fs::create_dir_all(dir.path().join("data")).expect("dirs");
        fs::write(dir.path().join("data/state.json"), "{}").expect("state");
        for path in [
            "cache/papers.json",
            "cache/papers.json.lock",
            "cache/fetch-state.json",
            "cache/.fetch-state.json.Ab12Cd.tmp",
            "cache/shards/2026-11.g1.json",
            "cache/shards/new.json",
            "cache/huggingface.json",
            "cache/huggingface.json.lock",
            "cache/pacing/export.arxiv.org.lock",
            "cache/search",
            "cache/search/2026-11.g1.idx",
            "cache/search/new.md",
            "cache/../cache/papers.json",
            "cache/shards",
            "cache",
            "data/state.json",
            "data/state.json.lock",
            "data/.state.json.abc.tmp",
            "data/./state.json",
        ] {
            let refused = refuse_own_file(&dir.path().join(path), &own);
            assert!(refused.is_err(), "{path} must be refused");
        }
        for path in ["cache/page.md", "data/notes.md", "page.md"] {
            assert!(
                refuse_own_file(&dir.path().join(path), &own).is_ok(),
                "{path}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_to_own_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let own = own(dir.path());
        fs::create_dir_all(dir.path().join("data")).expect("dirs");
        let state = dir.path().join("data/state.json");
        fs::write(&state, "{}").expect("state");
        let soft = dir.path().join("soft.md");
        std::os::unix::fs::symlink(&state, &soft).expect("symlink");
        let hard = dir.path().join("hard.md");
        fs::hard_link(&state, &hard).expect("hard link");
        assert!(refuse_own_file(&soft, &own).is_err());
        assert!(refuse_own_file(&hard, &own).is_err());
        assert_eq!(fs::read_to_string(&state).expect("kept"), "{}");
        fs::create_dir_all(dir.path().join("cache/search")).expect("dirs");
        let segment = dir.path().join("cache/search/2026-11.g1.idx");
        fs::write(&segment, "segment").expect("segment");
        let linked = dir.path().join("segment.md");
        fs::hard_link(&segment, &linked).expect("hard link");
        assert!(refuse_own_file(&linked, &own).is_err());
    }
}
