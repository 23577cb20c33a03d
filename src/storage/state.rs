//! The reader's own state: stars, tags, dismissals and what they have seen.
//!
//! Kept apart from the cache on purpose. The cache is rebuildable from arXiv
//! and lives in the cache directory, which cleaners may wipe; this cannot be
//! rebuilt, so it lives in the data directory (`~/.local/share/papers` on
//! Linux), and no fetch, merge or migration ever writes it. Written like the
//! cache: under a lock, to a temporary file renamed into place.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::CachedPaper;
use crate::storage::atomic::LockError;

/// What can go wrong with `state.json` (the reader's marks): its own type,
/// so a damaged state file is never mistaken for a damaged cache; both exit
/// with code 3.
#[derive(Debug)]
pub struct StateError(String);

impl StateError {
    fn new(message: impl Into<String>) -> Self {
        StateError(message.into())
    }
}

impl std::fmt::Display for StateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StateError {}

pub const STATE_FILE: &str = "state.json";
pub const LOCK_FILE: &str = "state.json.lock";
const SCHEMA_VERSION: u32 = 1;
const LOCK_WAIT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserState {
    pub schema_version: u32,
    /// Starred, tagged or dismissed papers by versionless id.
    #[serde(default)]
    pub marks: BTreeMap<String, Mark>,
    #[serde(default)]
    pub seen: Seen,
}

/// What the reader attached to one paper. Dropped when it holds nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// When it was starred; `None` for a paper only tagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// When the reader said "not interested" (`papers dismiss`). Absent in
    /// files written before dismissals existed, which therefore still load.
    /// A star and a dismissal exclude each other: the latest one wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissed: Option<DateTime<Utc>>,
}

/// Which papers the reader has seen: all first stored up to `until`, plus
/// those marked one by one since. A watermark rather than a list of ids, so
/// `seen --all` over 100,000 papers stays a few bytes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub until: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub ids: BTreeSet<String>,
}

impl Seen {
    pub fn has_seen(&self, paper: &CachedPaper) -> bool {
        self.until.is_some_and(|until| paper.first_seen <= until)
            || self.ids.contains(&paper.paper.id)
    }

    /// Everything first stored up to `until`, the newest paper in the
    /// cache, is seen: ids marked one by one are covered and forgotten.
    pub fn mark_all(&mut self, until: DateTime<Utc>) {
        if self.until.is_none_or(|old| old < until) {
            self.until = Some(until);
        }
        self.ids.clear();
    }
}

impl UserState {
    pub fn is_starred(&self, id: &str) -> bool {
        self.marks
            .get(id)
            .is_some_and(|mark| mark.starred.is_some())
    }

    pub fn starred_ids(&self) -> BTreeSet<String> {
        self.marks
            .iter()
            .filter(|(_, mark)| mark.starred.is_some())
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub fn is_dismissed(&self, id: &str) -> bool {
        self.marks
            .get(id)
            .is_some_and(|mark| mark.dismissed.is_some())
    }

    pub fn dismissed_ids(&self) -> BTreeSet<String> {
        self.marks
            .iter()
            .filter(|(_, mark)| mark.dismissed.is_some())
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Dismisses `id` (keeping the first dismissal's time); says whether it
    /// was newly dismissed. The latest mark wins, so a star is removed
    /// (tags stay: they file the paper, they do not rate it).
    pub fn dismiss(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        let mark = self.marks.entry(id.to_owned()).or_default();
        mark.starred = None;
        let newly = mark.dismissed.is_none();
        mark.dismissed.get_or_insert(now);
        newly
    }

    /// Removes the dismissal; says whether there was one.
    pub fn undismiss(&mut self, id: &str) -> bool {
        let had = self
            .marks
            .get_mut(id)
            .and_then(|mark| mark.dismissed.take())
            .is_some();
        self.drop_empty(id);
        had
    }

    pub fn tagged_ids(&self, tag: &str) -> BTreeSet<String> {
        self.marks
            .iter()
            .filter(|(_, mark)| mark.tags.contains(tag))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Stars `id` (keeping the first star's time) and adds `tags`. The
    /// latest mark wins: a dismissal is lifted.
    pub fn star(&mut self, id: &str, tags: &[String], now: DateTime<Utc>) {
        let mark = self.marks.entry(id.to_owned()).or_default();
        mark.dismissed = None;
        mark.starred.get_or_insert(now);
        mark.tags.extend(tags.iter().cloned());
    }

    /// Removes the star, keeping tags; says whether there was one.
    pub fn unstar(&mut self, id: &str) -> bool {
        let had = self
            .marks
            .get_mut(id)
            .and_then(|mark| mark.starred.take())
            .is_some();
        self.drop_empty(id);
        had
    }

    pub fn tag(&mut self, id: &str, tags: &[String]) {
        let mark = self.marks.entry(id.to_owned()).or_default();
        mark.tags.extend(tags.iter().cloned());
    }

    /// Removes `tags`; says which of them the paper had.
    pub fn untag(&mut self, id: &str, tags: &[String]) -> Vec<String> {
        let removed = match self.marks.get_mut(id) {
            Some(mark) => tags
                .iter()
                .filter(|tag| mark.tags.remove(*tag))
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        self.drop_empty(id);
        removed
    }

    fn drop_empty(&mut self, id: &str) {
        if self.marks.get(id).is_some_and(|mark| {
            mark.starred.is_none() && mark.tags.is_empty() && mark.dismissed.is_none()
        }) {
            self.marks.remove(id);
        }
    }
}

/// Where the state lives, and the only code that reads or writes it.
#[derive(Debug, Clone)]
pub struct StateStore {
    dir: PathBuf,
}

impl StateStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        StateStore { dir: dir.into() }
    }

    /// `$PAPERS_DATA_DIR`, else the platform data dir.
    pub fn resolve() -> Result<Self, StateError> {
        if let Some(dir) = std::env::var_os("PAPERS_DATA_DIR").filter(|d| !d.is_empty()) {
            return Ok(StateStore::new(dir));
        }
        dirs::data_dir()
            .map(|dir| StateStore::new(dir.join("papers")))
            .ok_or_else(|| StateError::new("no data directory on this system: set PAPERS_DATA_DIR"))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// The state; a missing file is an empty state, a bad one an error that
    /// leaves it untouched.
    pub fn load(&self) -> Result<UserState, StateError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(UserState {
                    schema_version: SCHEMA_VERSION,
                    ..UserState::default()
                });
            }
            Err(err) => {
                return Err(StateError::new(format!(
                    "cannot read {}: {err}",
                    path.display()
                )));
            }
        };
        let state: UserState = serde_json::from_slice(&bytes).map_err(|err| {
            StateError::new(format!(
                "{} is not valid (line {}, column {}); it was left untouched: fix or move it aside",
                path.display(),
                err.line(),
                err.column()
            ))
        })?;
        if state.schema_version > SCHEMA_VERSION {
            return Err(StateError::new(format!(
                "{} has schema version {}, newer than this papers understands ({SCHEMA_VERSION}); upgrade papers",
                path.display(),
                state.schema_version
            )));
        }
        Ok(state)
    }

    /// Runs `change` on the freshest state under the lock and writes it
    /// atomically.
    pub fn update<R>(&self, change: impl FnOnce(&mut UserState) -> R) -> Result<R, StateError> {
        let _lock = self.lock()?;
        // What killed writers (`tag` under SIGKILL) left goes first.
        crate::storage::atomic::sweep_temp_files(&self.dir, STATE_FILE);
        let mut state = self.load()?;
        let result = change(&mut state);
        state.schema_version = SCHEMA_VERSION;
        let path = self.path();
        crate::storage::atomic::replace_file(&path, |writer| {
            serde_json::to_writer_pretty(&mut *writer, &state).map_err(io::Error::other)?;
            writer.write_all(b"\n")
        })
        .map_err(|err| StateError::new(format!("cannot write {}: {err}", path.display())))?;
        Ok(result)
    }

    fn lock(&self) -> Result<File, StateError> {
        let fail = |action: &str, path: &Path, err: io::Error| {
            StateError::new(format!("cannot {action} {}: {err}", path.display()))
        };
        fs::create_dir_all(&self.dir).map_err(|err| fail("create", &self.dir, err))?;
        let lock_path = self.dir.join(LOCK_FILE);
        crate::storage::atomic::lock_exclusive(&lock_path, LOCK_WAIT).map_err(|err| match err {
            LockError::Io(err) => fail("lock", &lock_path, err),
            LockError::Busy => StateError::new(format!(
                "another papers process holds {}; try again when it finishes",
                lock_path.display()
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::cache::tests::at;

    #[test]
    fn stars_and_tags_come_and_go_independently() {
        let mut state = UserState::default();
        state.star("2611.00001", &["read".to_owned()], at(1));
        state.star("2611.00001", &["cite".to_owned()], at(2));
        let mark = &state.marks["2611.00001"];
        assert_eq!(mark.starred, Some(at(1)), "the first star's time is kept");
        assert_eq!(mark.tags.iter().collect::<Vec<_>>(), ["cite", "read"]);
        assert!(state.unstar("2611.00001"));
        assert!(!state.is_starred("2611.00001"));
        assert_eq!(state.tagged_ids("read").len(), 1, "tags outlive the star");
        assert_eq!(
            state.untag("2611.00001", &["read".into(), "nope".into()]),
            ["read"]
        );
        assert_eq!(state.untag("2611.00001", &["cite".into()]), ["cite"]);
        assert!(state.marks.is_empty(), "an empty mark is dropped");
        assert!(!state.unstar("2611.00001"));
    }

    #[test]
    fn seen_is_a_watermark_plus_ids() {
        let mut paper = crate::storage::cache::Cache::default();
        paper.merge(
            "npu",
            vec![crate::storage::cache::tests::paper("2611.00003", 1, 1)],
            at(4),
        );
        let held = &paper.papers["2611.00003"];
        let mut seen = Seen::default();
        assert!(!seen.has_seen(held));
        seen.ids.insert("2611.00003".into());
        assert!(seen.has_seen(held), "marked by id");
        seen.mark_all(at(5));
        assert_eq!(seen.until, Some(at(5)));
        assert!(seen.ids.is_empty(), "covered ids forgotten");
        assert!(seen.has_seen(held), "covered by the watermark");
        // A watermark never moves back.
        seen.mark_all(at(2));
        assert_eq!(seen.until, Some(at(5)));
    }

    #[test]
    fn a_corrupt_state_file_is_reported_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path());
        fs::write(store.path(), b"{\"marks\": [").expect("write");
        let err = store
            .update(|state| state.star("x", &[], at(1)))
            .expect_err("corrupt");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(fs::read(store.path()).expect("kept"), b"{\"marks\": [");
    }

    #[test]
    fn the_latest_of_star_and_dismiss_wins() {
        let mut state = UserState::default();
        state.star("2611.00001", &["read".to_owned()], at(1));
        assert!(state.dismiss("2611.00001", at(2)));
        assert!(!state.is_starred("2611.00001"), "dismissing lifts the star");
        assert!(state.is_dismissed("2611.00001"));
        assert_eq!(state.tagged_ids("read").len(), 1, "tags stay");
        assert!(!state.dismiss("2611.00001", at(3)), "already dismissed");
        assert_eq!(state.marks["2611.00001"].dismissed, Some(at(2)));
        state.star("2611.00001", &[], at(4));
        assert!(
            !state.is_dismissed("2611.00001"),
            "starring lifts the dismissal"
        );
        state.dismiss("2611.00002", at(5));
        assert!(state.undismiss("2611.00002"));
        assert!(!state.undismiss("2611.00002"));
        assert!(
            !state.marks.contains_key("2611.00002"),
            "an empty mark is dropped"
        );
    }

    #[test]
    fn a_state_file_from_before_dismissals_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path());
        fs::write(
            store.path(),
            br#"{"schema_version": 1, "marks": {"2611.00001": {"starred": "2026-11-01T12:00:00Z", "tags": ["npu"]}}, "seen": {"until": null}}"#,
        )
        .expect("write");
        let state = store.load().expect("an old file loads");
        assert!(state.is_starred("2611.00001"));
        assert!(!state.is_dismissed("2611.00001"));
        store
            .update(|state| state.dismiss("2611.00002", at(2)))
            .expect("write");
        let text = fs::read_to_string(store.path()).expect("read");
        assert_eq!(text.matches("dismissed").count(), 1, "{text}");
    }

    #[test]
    fn state_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path());
        store
            .update(|state| state.star("2611.00001", &["npu".into()], at(1)))
            .expect("write");
        let state = store.load().expect("read");
        assert!(state.is_starred("2611.00001"));
        assert_eq!(state.schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn an_update_sweeps_temp_files_killed_writers_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path());
        let stale = dir.path().join(".state.json.Ab12Cd.tmp");
        fs::write(&stale, b"{\"schema_ver").expect("stale temp");
        let other = dir.path().join(".notes.md.Ab12Cd.tmp");
        fs::write(&other, b"not ours").expect("other temp");
        store
            .update(|state| state.tag("2611.00001", &["x".to_owned()]))
            .expect("update");
        assert!(!stale.exists(), "stale temp swept");
        assert!(other.exists(), "other files left alone");
    }
}
