//! Pacing shared by every `papers` process: one small lock file per host
//! holding when the last request to it finished. A request takes the lock,
//! waits until `delay` has passed since that time, is sent and answered
//! under the lock, and stamps the time it finished. So requests to a host
//! are one at a time and `delay` apart whichever process sends them, as
//! arXiv's terms count all of a user's processes together.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use super::Clock;

pub(super) struct SharedPacing {
    path: PathBuf,
}

/// The host's turn: held while the request runs; dropping it unlocks.
pub(super) struct Turn {
    file: File,
}

impl SharedPacing {
    /// `<dir>/<host>.lock`; the host is reduced to characters safe in a
    /// file name.
    pub(super) fn new(dir: &Path, host: &str) -> SharedPacing {
        let name: String = host
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        SharedPacing {
            path: dir.join(format!("{name}.lock")),
        }
    }

    /// Waits for the host's turn. `None` when the lock file cannot be used
    /// (read-only cache, odd file system): pacing then falls back to this
    /// process alone rather than failing the fetch.
    pub(super) fn take_turn(&self, delay: Duration, clock: &dyn Clock) -> Option<Turn> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).ok()?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&self.path)
            .ok()?;
        file.lock().ok()?;
        let mut text = String::new();
        // A torn or foreign stamp counts as none.
        let last = file
            .read_to_string(&mut text)
            .ok()
            .and_then(|_| text.trim().parse::<u64>().ok())
            .map(|nanos| UNIX_EPOCH + Duration::from_nanos(nanos));
        if let Some(last) = last {
            let since = clock.wall().duration_since(last).unwrap_or_default();
            // A stamp in the future (clock changed) waits at most one delay.
            let remaining = delay.saturating_sub(since).min(delay);
            if !remaining.is_zero() {
                clock.sleep(remaining);
            }
        }
        Some(Turn { file })
    }
}

impl Turn {
    /// Stamps when the request finished, then unlocks.
    pub(super) fn finish(mut self, clock: &dyn Clock) {
        let nanos = clock
            .wall()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        // Best effort: a lost stamp only lets the next request go sooner.
        let _ = self.file.set_len(0);
        let _ = self.file.seek(SeekFrom::Start(0));
        let _ = write!(self.file, "{nanos}");
        let _ = self.file.flush();
    }
}
