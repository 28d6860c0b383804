//! `PanelWatcher`: notices when another copy of the app (or a person with
//! an editor, or a sync tool) changes a file in `panel/`, so the app can
//! call `PanelStore::reload` and show it within two seconds.
//!
//! Two watchers run side by side (the `notify` crate): the system's own
//! change events (inotify, FSEvents, ReadDirectoryChangesW), which are
//! immediate, and a poll watcher that compares the files' contents every
//! `POLL_INTERVAL`, because change events do not arrive over network
//! shares and from many sync tools (OneDrive, Dropbox, Syncthing write
//! behind the system's back). Either one sets a flag the app reads in its
//! event loop with `changed()`; reading costs nothing and never blocks.
//! When the native watcher cannot be set up, polling alone still holds the
//! two seconds.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use notify::{Config, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::files::{PANEL_DIR, is_our_temp};
use super::lock::LOCKS_DIR;

/// How often the poll watcher looks (well inside the two seconds).
pub const POLL_INTERVAL: Duration = Duration::from_millis(750);

/// Watches `panel/` of one audit.
pub struct PanelWatcher {
    flag: Arc<AtomicBool>,
    root: PathBuf,
    native: Option<RecommendedWatcher>,
    poll: Option<PollWatcher>,
    /// Whether `panel/` itself is watched (it may not exist yet: then the
    /// audit folder is, until it appears).
    on_panel: bool,
}

impl std::fmt::Debug for PanelWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PanelWatcher")
            .field("root", &self.root)
            .field("native", &self.native.is_some())
            .field("poll", &self.poll.is_some())
            .field("on_panel", &self.on_panel)
            .finish()
    }
}

/// Whether an event path is worth a reload: not a lock sidecar and not one
/// of our temporary files (they come and go with every write).
fn relevant(path: &Path) -> bool {
    if path.components().any(|c| c.as_os_str() == LOCKS_DIR) {
        return false;
    }
    !path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_our_temp)
}

impl PanelWatcher {
    /// Starts watching the `panel/` folder of the audit in `audit_root`.
    /// Fails only when neither watcher can be set up (the folder is gone).
    pub fn new(audit_root: &Path) -> notify::Result<PanelWatcher> {
        let flag = Arc::new(AtomicBool::new(false));
        let handler = |flag: Arc<AtomicBool>| {
            move |res: notify::Result<notify::Event>| {
                // An error (a watch lost, an overflow) may hide a change.
                if res.map_or(true, |e| e.paths.iter().any(|p| relevant(p))) {
                    flag.store(true, Ordering::SeqCst);
                }
            }
        };
        let native = notify::recommended_watcher(handler(flag.clone())).ok();
        let poll = PollWatcher::new(
            handler(flag.clone()),
            Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true),
        )
        .ok();
        let mut w = PanelWatcher {
            flag,
            root: audit_root.to_path_buf(),
            native,
            poll,
            on_panel: false,
        };
        w.attach()?;
        Ok(w)
    }

    /// Watches `panel/` when it exists, else the audit folder (not its
    /// subfolders) to see `panel/` appear.
    fn attach(&mut self) -> notify::Result<()> {
        let panel = self.root.join(PANEL_DIR);
        let (path, mode) = if panel.is_dir() {
            (panel, RecursiveMode::Recursive)
        } else {
            (self.root.clone(), RecursiveMode::NonRecursive)
        };
        let mut ok = false;
        let mut last_err = None;
        if let Some(n) = &mut self.native {
            match n.watch(&path, mode) {
                Ok(()) => ok = true,
                Err(e) => {
                    // Native events do not work here: polling carries on.
                    self.native = None;
                    last_err = Some(e);
                }
            }
        }
        if let Some(p) = &mut self.poll {
            match p.watch(&path, mode) {
                Ok(()) => ok = true,
                Err(e) => last_err = Some(e),
            }
        }
        if !ok {
            return Err(last_err.unwrap_or_else(|| notify::Error::generic("ingen overvågning")));
        }
        self.on_panel = mode == RecursiveMode::Recursive;
        Ok(())
    }

    /// Whether anything in `panel/` changed since the last call (and then
    /// forgets it). Never blocks.
    pub fn changed(&mut self) -> bool {
        let hit = self.flag.swap(false, Ordering::SeqCst);
        if hit && !self.on_panel && self.root.join(PANEL_DIR).is_dir() {
            let root = self.root.clone();
            if let Some(n) = &mut self.native {
                let _ = n.unwatch(&root);
            }
            if let Some(p) = &mut self.poll {
                let _ = p.unwatch(&root);
            }
            let _ = self.attach();
        }
        hit
    }

    /// Whether the system's change events are in use (else polling only).
    pub fn is_native(&self) -> bool {
        self.native.is_some()
    }

    /// Whether the poll watcher runs.
    pub fn is_polling(&self) -> bool {
        self.poll.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// Waits (at most `limit`) until the watcher reports a change.
    fn seen(w: &mut PanelWatcher, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if w.changed() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn a_change_in_panel_is_seen_within_two_seconds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("panel/scores")).unwrap();
        let mut w = PanelWatcher::new(dir.path()).unwrap();
        assert!(w.is_polling());
        std::thread::sleep(Duration::from_millis(100));
        let _ = w.changed();
        std::fs::write(dir.path().join("panel/scores/nord.yaml"), "rater: nord\n").unwrap();
        assert!(seen(&mut w, Duration::from_secs(10)));
    }

    #[test]
    fn polling_alone_sees_a_change_within_two_seconds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("panel")).unwrap();
        let mut w = PanelWatcher::new(dir.path()).unwrap();
        // As on a network share: no native events.
        w.native = None;
        std::thread::sleep(Duration::from_millis(100));
        let _ = w.changed();
        std::fs::write(dir.path().join("panel/session.yaml"), "current_round: 2\n").unwrap();
        assert!(seen(&mut w, Duration::from_secs(10)));
    }

    #[test]
    fn lock_sidecars_and_temp_files_are_not_changes() {
        assert!(!relevant(Path::new("/a/panel/.locks/nord.info")));
        assert!(!relevant(Path::new("/a/panel/scores/.auditpanel-x1.tmp")));
        assert!(relevant(Path::new("/a/panel/scores/nord.yaml")));
    }
}
