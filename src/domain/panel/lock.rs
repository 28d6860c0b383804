//! Who writes which file of `panel/`: one lock per owner, taken with the
//! operating system's file locks (`std::fs::File::try_lock`: `flock` on
//! Linux and macOS, `LockFileEx` on Windows).
//!
//! ```text
//! panel/.locks/facilitator.lock   held by the facilitator's copy (session, topics, conclusions)
//! panel/.locks/<tilsyn>.lock      held by the copy scoring as that tilsyn (panel/scores/<tilsyn>.yaml)
//! panel/.locks/<name>.info        who holds it: host, process, since, role (for display only)
//! ```
//!
//! The lock file is opened and locked for as long as the store lives; the
//! operating system frees the lock when the process ends in any way (quit,
//! crash, kill), so there is no stale lock to take over and no race between
//! two copies taking over one. The lock files are never deleted: deleting a
//! file another process has open and locked would let a third process lock
//! a fresh file of the same name while the first still writes.
//!
//! The holder's details live in a sidecar `<name>.info`, written atomically
//! after the lock is taken and removed when it is released, because on
//! Windows an exclusive lock also blocks reading the locked file itself.
//! The sidecar is only ever shown to people; whether a lock is held is
//! always asked of the operating system. A sidecar left by a killed process
//! is ignored (its lock is free) and replaced by the next holder.
//!
//! On a synced folder (OneDrive, Dropbox, Syncthing) two machines do not
//! see each other's locks; one writer per file keeps that safe, and the
//! store's merge-on-write covers the rest.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::write_atomic;
use crate::domain::read;

/// The folder of the lock files, inside `panel/`.
pub const LOCKS_DIR: &str = ".locks";
/// The lock file name of the facilitator (the session files' owner).
pub const FACILITATOR: &str = "facilitator";
/// The single lock file of earlier versions (a PID file); ignored.
pub const OLD_LOCK_FILE: &str = ".lock";

/// What a holder says about itself (the `.info` sidecar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    /// Local time the lock was taken (YYYY-MM-DDTHH:MM:SS).
    pub since: String,
    /// `facilitator` or the tilsyn id the holder scores as.
    #[serde(default)]
    pub role: String,
}

impl LockInfo {
    fn ours(role: &str) -> Self {
        LockInfo {
            pid: std::process::id(),
            host: hostname(),
            since: now(),
            role: role.to_string(),
        }
    }
}

/// Local time as the panel's files write it.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A held lock; dropping it removes the sidecar and closes the file, which
/// releases the lock.
#[derive(Debug)]
pub struct Lock {
    // Held open: the lock lives as long as this handle.
    _file: fs::File,
    info_path: PathBuf,
    info: LockInfo,
}

impl Lock {
    pub fn info(&self) -> &LockInfo {
        &self.info
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only while still locked: nobody else can have written it.
        let _ = fs::remove_file(&self.info_path);
    }
}

#[derive(Debug)]
pub enum Acquired {
    Lock(Lock),
    /// Another process (or another store in this one) holds it; its sidecar
    /// when readable (it may not be written yet).
    Held(Option<LockInfo>),
}

/// `panel/.locks/`.
pub fn locks_dir(panel_dir: &Path) -> PathBuf {
    panel_dir.join(LOCKS_DIR)
}

fn lock_path(panel_dir: &Path, name: &str) -> PathBuf {
    locks_dir(panel_dir).join(format!("{name}.lock"))
}

fn info_path(panel_dir: &Path, name: &str) -> PathBuf {
    locks_dir(panel_dir).join(format!("{name}.info"))
}

fn open_lock_file(panel_dir: &Path, name: &str) -> io::Result<fs::File> {
    fs::create_dir_all(locks_dir(panel_dir))?;
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(panel_dir, name))
}

/// How long a lock that is held only for a moment is waited for before it
/// counts as held: another copy probing it (`holder`), or, on Unix, a child
/// process another thread of this program is starting, which holds a copy
/// of every open file until it executes (seen under load in the test
/// suite, where one process spawns many). A copy that really has the lock
/// holds it for its whole session, so waiting this long changes nothing
/// but the rare false "held".
const SETTLE: std::time::Duration = std::time::Duration::from_millis(500);

/// Takes the lock `name` (`facilitator` or a tilsyn id) in `panel_dir`,
/// or says who has it, after retrying for `SETTLE`.
pub fn acquire(panel_dir: &Path, name: &str) -> io::Result<Acquired> {
    let file = open_lock_file(panel_dir, name)?;
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        match file.try_lock() {
            Ok(()) => {
                let info = LockInfo::ours(name);
                let info_path = info_path(panel_dir, name);
                // Only for display: the lock is held whether or not this
                // succeeds (on Windows a reader may hold the old sidecar open).
                if let Ok(text) = serde_saphyr::to_string(&info) {
                    let _ = write_atomic(
                        &info_path,
                        &format!(
                            "# auditpanel: hvem der skriver; slettes når appen lukker.\n{text}"
                        ),
                    );
                }
                return Ok(Acquired::Lock(Lock {
                    _file: file,
                    info_path,
                    info,
                }));
            }
            Err(fs::TryLockError::WouldBlock) => {
                if std::time::Instant::now() >= deadline {
                    return Ok(Acquired::Held(read_info(panel_dir, name)));
                }
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Held while one file is compared with what is on disk and written, so
/// two writers on this machine (or on a share whose server honours locks)
/// never interleave their check and their write. Blocks until free; the
/// write it guards takes milliseconds. Released when dropped.
#[derive(Debug)]
pub struct WriteGuard {
    _file: fs::File,
}

/// Takes the write guard of one file (`name`: e.g. `scores-nord`).
pub fn write_guard(panel_dir: &Path, name: &str) -> io::Result<WriteGuard> {
    let file = open_lock_file(panel_dir, &format!("write-{name}"))?;
    file.lock()?;
    Ok(WriteGuard { _file: file })
}

/// Who holds the lock `name` now: `None` when nobody does. Asks the
/// operating system (a lock held by this process through another store
/// counts as held), then reads the sidecar for the details; a holder that
/// has not written its sidecar yet shows as an unknown process.
pub fn holder(panel_dir: &Path, name: &str) -> Option<LockInfo> {
    holder_within(panel_dir, name, std::time::Duration::ZERO)
}

/// `holder`, but a lock seen held is looked at again for up to `SETTLE`
/// before it counts: for a decision to refuse a write, where a lock held
/// for a moment must not count (see `SETTLE`). `holder` itself answers at
/// once, for displays that ask every second.
pub fn holder_settled(panel_dir: &Path, name: &str) -> Option<LockInfo> {
    holder_within(panel_dir, name, SETTLE)
}

fn holder_within(panel_dir: &Path, name: &str, wait: std::time::Duration) -> Option<LockInfo> {
    let deadline = std::time::Instant::now() + wait;
    loop {
        let seen = holder_now(panel_dir, name);
        if seen.is_none() || std::time::Instant::now() >= deadline {
            return seen;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

fn holder_now(panel_dir: &Path, name: &str) -> Option<LockInfo> {
    let path = lock_path(panel_dir, name);
    // Opening read-only never creates a lock file just to look; only a
    // regular file is opened (a named pipe would block the open).
    if !fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let file = fs::File::open(&path).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(fs::TryLockError::WouldBlock) => Some(read_info(panel_dir, name).unwrap_or(LockInfo {
            pid: 0,
            host: "ukendt".into(),
            since: String::new(),
            role: name.to_string(),
        })),
        Err(fs::TryLockError::Error(_)) => None,
    }
}

/// Reads a sidecar; `None` when missing or not ours.
pub fn read_info(panel_dir: &Path, name: &str) -> Option<LockInfo> {
    let text = read::read_string(&info_path(panel_dir, name), read::Kind::Config).ok()?;
    serde_saphyr::from_str(&text).ok()
}

/// Removes the PID file `panel/.lock` of earlier versions when it is one
/// of this machine (it is never consulted: the OS locks replace it). A
/// file that is not such a lock is left alone.
pub fn remove_old_lock(panel_dir: &Path) {
    #[derive(Deserialize)]
    struct Old {
        #[allow(dead_code)]
        pid: u32,
        host: String,
        #[allow(dead_code)]
        since: String,
    }
    let path = panel_dir.join(OLD_LOCK_FILE);
    let Ok(text) = read::read_string(&path, read::Kind::Config) else {
        return;
    };
    if let Ok(old) = serde_saphyr::from_str::<Old>(&text)
        && old.host == hostname()
    {
        let _ = fs::remove_file(path);
    }
}

/// This machine's name, from the environment (Windows: `COMPUTERNAME`),
/// else `/etc/hostname` where there is one, else "ukendt".
pub fn hostname() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .into_iter()
        .chain(std::env::var("HOSTNAME").ok())
        .chain(fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "ukendt".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(dir: &Path, name: &str) -> Lock {
        match acquire(dir, name).unwrap() {
            Acquired::Lock(l) => l,
            Acquired::Held(_) => panic!("expected the lock"),
        }
    }

    #[test]
    fn second_acquire_sees_the_first_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let first = take(dir.path(), "nord");
        assert_eq!(first.info().role, "nord");
        match acquire(dir.path(), "nord").unwrap() {
            Acquired::Held(info) => assert_eq!(info.as_ref(), Some(first.info())),
            Acquired::Lock(_) => panic!("expected Held"),
        }
        assert_eq!(holder(dir.path(), "nord").as_ref(), Some(first.info()));
        drop(first);
        assert!(!dir.path().join(".locks/nord.info").exists());
        assert!(
            dir.path().join(".locks/nord.lock").exists(),
            "never deleted"
        );
        assert_eq!(holder(dir.path(), "nord"), None);
        let _again = take(dir.path(), "nord");
    }

    #[test]
    fn different_owners_never_block_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let _f = take(dir.path(), FACILITATOR);
        let _n = take(dir.path(), "nord");
        let _s = take(dir.path(), "syd");
        assert_eq!(holder(dir.path(), "oest"), None);
        assert_eq!(holder(dir.path(), "syd").unwrap().role, "syd");
    }

    #[test]
    fn a_left_over_sidecar_without_a_lock_is_nobody() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".locks")).unwrap();
        fs::write(dir.path().join(".locks/nord.lock"), "").unwrap();
        fs::write(
            dir.path().join(".locks/nord.info"),
            "pid: 1\nhost: gammel\nsince: x\nrole: nord\n",
        )
        .unwrap();
        assert_eq!(holder(dir.path(), "nord"), None);
        let l = take(dir.path(), "nord");
        assert_eq!(l.info().pid, std::process::id());
    }

    #[test]
    fn the_old_pid_lock_is_removed_only_when_it_is_one_of_ours() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(OLD_LOCK_FILE);
        fs::write(&old, "pid: 1\nhost: en-anden-maskine\nsince: x\n").unwrap();
        remove_old_lock(dir.path());
        assert!(old.exists());
        fs::write(&old, format!("pid: 1\nhost: {}\nsince: x\n", hostname())).unwrap();
        remove_old_lock(dir.path());
        assert!(!old.exists());
    }
}
