//! `panel/.lock`: who has the panel open for writing. Created atomically
//! (never over another copy's lock), holding the process id, the host and
//! the time; removed when the store is dropped. A lock whose process is no
//! longer alive on this host (no `/proc/<pid>` on Linux) is stale and taken
//! over; a lock from another host is always respected, as we cannot tell.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::files::write_new;

pub const LOCK_FILE: &str = ".lock";

/// What a lock file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockInfo {
    pub pid: u32,
    pub host: String,
    /// Local time the lock was taken (YYYY-MM-DDTHH:MM:SS).
    pub since: String,
}

impl LockInfo {
    fn ours() -> Self {
        LockInfo {
            pid: std::process::id(),
            host: hostname(),
            since: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }
}

/// A held lock; dropping it removes the file (when it is still ours).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    info: LockInfo,
}

impl Lock {
    pub fn info(&self) -> &LockInfo {
        &self.info
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        if read(&self.path).as_ref() == Some(&self.info) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[derive(Debug)]
pub enum Acquired {
    Lock(Lock),
    /// Another live process holds it.
    Held(LockInfo),
}

/// Takes the lock in `panel_dir` (creating the folder), or says who has it.
pub fn acquire(panel_dir: &Path) -> io::Result<Acquired> {
    fs::create_dir_all(panel_dir)?;
    let path = panel_dir.join(LOCK_FILE);
    // Two tries: the second after removing a stale lock.
    for _ in 0..2 {
        let info = LockInfo::ours();
        let text = format!(
            "# auditpanel har panelet åbent for skrivning; slettes når appen lukker.\n{}",
            serde_saphyr::to_string(&info).map_err(io::Error::other)?
        );
        match write_new(&path, &text) {
            Ok(()) => return Ok(Acquired::Lock(Lock { path, info })),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match read(&path) {
                Some(other) if !is_stale(&other) => return Ok(Acquired::Held(other)),
                // Stale or unreadable (not written by us: ours are written atomically).
                _ => match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                },
            },
            Err(e) => return Err(e),
        }
    }
    // Someone else took it between our removal and our retry.
    match read(&path) {
        Some(other) => Ok(Acquired::Held(other)),
        None => Err(io::Error::other("låsen i panel/ kan ikke tages")),
    }
}

/// Reads a lock file; `None` when missing or not a lock.
pub fn read(path: &Path) -> Option<LockInfo> {
    let text = fs::read_to_string(path).ok()?;
    serde_saphyr::from_str(&text).ok()
}

/// Whether a lock was left by a process that no longer runs on this host.
pub fn is_stale(info: &LockInfo) -> bool {
    info.host == hostname() && !pid_alive(info.pid)
}

/// Whether a process runs on this host. Without `/proc` (not Linux) we
/// cannot tell and say yes, so a lock is never taken from a live copy.
pub fn pid_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

/// This machine's name, from the kernel or the environment.
pub fn hostname() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .map(|s| s.trim().to_string())
        .chain(std::env::var("HOSTNAME").ok())
        .chain(std::env::var("COMPUTERNAME").ok())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "ukendt".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_acquire_sees_the_first_and_drop_releases() {
        let dir = tempfile::tempdir().unwrap();
        let first = match acquire(dir.path()).unwrap() {
            Acquired::Lock(l) => l,
            Acquired::Held(_) => panic!("expected the lock"),
        };
        match acquire(dir.path()).unwrap() {
            Acquired::Held(info) => assert_eq!(&info, first.info()),
            Acquired::Lock(_) => panic!("expected Held"),
        }
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists());
        assert!(matches!(acquire(dir.path()).unwrap(), Acquired::Lock(_)));
    }

    #[test]
    fn stale_and_garbage_locks_are_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        fs::write(
            &path,
            format!("pid: 999999999\nhost: {}\nsince: x\n", hostname()),
        )
        .unwrap();
        assert!(matches!(acquire(dir.path()).unwrap(), Acquired::Lock(_)));
        fs::write(&path, "not: [a lock").unwrap();
        let l = acquire(dir.path()).unwrap();
        assert!(matches!(l, Acquired::Lock(_)));
    }

    #[test]
    fn a_lock_from_another_host_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        fs::write(&path, "pid: 999999999\nhost: a-different-host\nsince: x\n").unwrap();
        match acquire(dir.path()).unwrap() {
            Acquired::Held(info) => assert_eq!(info.host, "a-different-host"),
            Acquired::Lock(_) => panic!("took another host's lock"),
        }
    }
}
