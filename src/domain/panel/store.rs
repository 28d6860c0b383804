//! `PanelStore`: the panel's files in memory, with one way to change them
//! (`apply`), undo and redo. Every change is written to its file at once,
//! atomically, so killing the app loses at most the change in flight.
//!
//! Many copies may work on one audit at once, each writing as one `Role`:
//! the facilitator owns `session.yaml`, `topics.yaml` and
//! `conclusions.yaml`; a rater (tilsyn) owns only `scores/<id>.yaml`. Each
//! copy holds the OS lock of what it owns (`lock`). Before writing a file
//! the store compares it on disk with what it last read or wrote; when
//! another writer changed it, the store reads it again and applies its one
//! change on top (a score file cell by cell), or refuses with a message
//! when the change no longer means the same; nothing on either side is
//! lost. `reload` takes in what others wrote (the app calls it when the
//! `watch::PanelWatcher` says something changed).
//!
//! The store is read-only when another copy writes as the same role, when
//! a file in `panel/` is damaged (it is never overwritten), or on request.

use std::path::Path;

use super::change::{Change, FileId, PanelError, ReadOnlyReason, Snapshot, apply_to, reapplies};
use super::files::{self, PanelContext, Prints};
use super::history::{History, Label, Step};
use super::lock::{self, Acquired, Lock, LockInfo};
use super::model::*;
use crate::domain::diag::{Diagnostic, Diagnostics};
use crate::domain::model::Audit;
use crate::domain::read;

/// Whether changes are saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenMode {
    ReadWrite,
    ReadOnly { reason: ReadOnlyReason },
}

/// How to open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Never write (and take no lock), e.g. `--read-only`.
    pub read_only: bool,
    /// Who writes: the facilitator (default) or one tilsyn (`--rater ID`).
    pub role: Role,
    /// Take no owner's lock and ignore the others' (as two machines on a
    /// synced folder, which cannot see each other's locks): for tests of
    /// the merge and for tools; the app never sets it.
    pub ignore_locks: bool,
}

impl OpenOptions {
    /// Read-only, as the facilitator would see it.
    pub fn read_only() -> Self {
        OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        }
    }

    /// Writing as one tilsyn.
    pub fn rater(id: &str) -> Self {
        OpenOptions {
            role: Role::Rater(id.to_string()),
            ..OpenOptions::default()
        }
    }
}

/// Whether `id` is a tilsyn of the audit (for `--rater ID`); the error is a
/// Danish sentence listing the audit's tilsyn.
pub fn validate_rater(audit: &Audit, id: &str) -> Result<(), String> {
    let raters = &audit.config.tilsyn;
    if raters.iter().any(|t| t.id == id) {
        return Ok(());
    }
    let list = raters
        .iter()
        .map(|t| format!("{} ({})", t.id, t.name))
        .collect::<Vec<_>>()
        .join(", ");
    if list.is_empty() {
        return Err(format!(
            "ukendt tilsyn '{id}': audit.yaml nævner ingen tilsyn; skriv dem under 'tilsyn:'"
        ));
    }
    Err(format!(
        "ukendt tilsyn '{id}'; auditten har disse tilsyn: {list}. Start med --rater og et af id'erne"
    ))
}

/// What `PanelStore::reload` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reloaded {
    /// Files another writer changed; their new content is now in the store.
    pub changed: Vec<FileId>,
    /// Problems of files that changed on disk and cannot be read; the store
    /// keeps what it had and never writes over them.
    pub damaged: Vec<Diagnostic>,
    /// Conflict copies made by sync tools (`panel/…` paths).
    pub conflict_copies: Vec<String>,
}

/// A temporary file this old is left over (a write takes milliseconds).
pub const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(60);

/// One row for the agreement statistics: (case, question, rater, value);
/// `None` when unscored or "kan ikke vurderes".
pub type RatingRow = (String, String, String, Option<u8>);

#[derive(Debug)]
pub struct PanelStore {
    ctx: PanelContext,
    data: PanelData,
    mode: OpenMode,
    role: Role,
    ignore_locks: bool,
    history: History,
    diagnostics: Vec<Diagnostic>,
    /// What each file was when last read or written by this store.
    prints: Prints,
    blocked: Vec<String>,
    // Dropped last: the lock goes when the store goes.
    _lock: Option<Lock>,
}

impl PanelStore {
    /// Opens the panel of the audit in `audit_root` for writing when it can.
    /// The diagnostics are the panel files' problems (also kept in the store).
    pub fn open(audit_root: &Path, audit: &Audit) -> (PanelStore, Vec<Diagnostic>) {
        Self::open_with(audit_root, audit, OpenOptions::default())
    }

    pub fn open_with(
        audit_root: &Path,
        audit: &Audit,
        options: OpenOptions,
    ) -> (PanelStore, Vec<Diagnostic>) {
        let ctx = PanelContext::new(audit_root, audit);
        let mut diags = Diagnostics::new(audit_root);
        let (data, prints) = files::load_panel_printed(&ctx, &mut diags);
        let role = options.role.clone();
        // A damaged file is never written. The facilitator may write most
        // files, so any error makes it read-only; a tilsyn writes only its
        // own score file, so only errors there or in the session (which
        // says the round) stop it: one person's broken file does not stop
        // the other tilsyn's laptops.
        let damaged = match &role {
            Role::Facilitator => diags.has_errors(),
            Role::Rater(me) => {
                let own = [
                    diags.rel(&ctx.scores_path(me)),
                    diags.rel(&ctx.session_path()),
                ];
                diags
                    .items
                    .iter()
                    .any(|d| d.is_error() && own.contains(&d.file))
            }
        };
        let unknown_rater = role.rater().and_then(|r| validate_rater(audit, r).err());
        // A message may quote a value from a panel file (an unknown case or
        // question id); nothing identifying leaves here in full.
        let blocked = &audit.config.anonymity.blocked_names;
        let mut diagnostics = diags.into_sorted();
        for d in &mut diagnostics {
            d.message = crate::domain::anonymity::redact(&d.message, blocked);
        }
        let (mode, lock) = if let Some(message) = unknown_rater {
            (ReadOnlyReason::Unwritable { message }.into(), None)
        } else if damaged {
            (ReadOnlyReason::Damaged.into(), None)
        } else if options.read_only {
            (ReadOnlyReason::Requested.into(), None)
        } else if options.ignore_locks {
            clean_up(&ctx);
            (OpenMode::ReadWrite, None)
        } else {
            match lock::acquire(&ctx.panel_dir(), role.id()) {
                Ok(Acquired::Lock(l)) => {
                    clean_up(&ctx);
                    (OpenMode::ReadWrite, Some(l))
                }
                Ok(Acquired::Held(o)) => {
                    let o = o.unwrap_or_else(|| LockInfo {
                        pid: 0,
                        host: "ukendt".into(),
                        since: String::new(),
                        role: role.id().to_string(),
                    });
                    (
                        ReadOnlyReason::OpenElsewhere {
                            pid: o.pid,
                            host: o.host,
                            since: o.since,
                            role: role.id().to_string(),
                        }
                        .into(),
                        None,
                    )
                }
                Err(e) => (
                    ReadOnlyReason::Unwritable {
                        message: e.to_string(),
                    }
                    .into(),
                    None,
                ),
            }
        };
        let store = PanelStore {
            ctx,
            data,
            mode,
            role,
            ignore_locks: options.ignore_locks,
            history: History::default(),
            diagnostics: diagnostics.clone(),
            prints,
            blocked: blocked.clone(),
            _lock: lock,
        };
        (store, diagnostics)
    }

    /// Who this store writes as.
    pub fn role(&self) -> &Role {
        &self.role
    }

    // ------------------------------------------------------------ state

    pub fn mode(&self) -> &OpenMode {
        &self.mode
    }

    pub fn is_read_only(&self) -> bool {
        self.mode != OpenMode::ReadWrite
    }

    /// The panel files' problems found when opening.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn data(&self) -> &PanelData {
        &self.data
    }

    pub fn context(&self) -> &PanelContext {
        &self.ctx
    }

    // ------------------------------------------------------------ scores

    pub fn current_round(&self) -> u32 {
        self.data.session.current_round
    }

    pub fn session(&self) -> &Session {
        &self.data.session
    }

    pub fn is_revealed(&self, round: u32) -> bool {
        self.data.session.is_revealed(round)
    }

    /// Whether `viewer` (a rater, or `None` for the facilitator's shared
    /// screen) may see `rater`'s scores of `round`: always its own, the
    /// others' only once the round is revealed.
    pub fn visible(&self, round: u32, viewer: Option<&str>, rater: &str) -> bool {
        self.is_revealed(round) || viewer == Some(rater)
    }

    pub fn rater_scores(&self, rater: &str) -> Option<&RaterScores> {
        self.data.scores.get(rater)
    }

    pub fn entry(
        &self,
        round: u32,
        rater: &str,
        case: &str,
        question: &str,
    ) -> Option<&ScoreEntry> {
        self.data.scores.get(rater)?.entry(round, case, question)
    }

    /// The effective value (see `PanelData::value`): in round 2 and later
    /// a cell the rater has not scored again keeps its earlier value.
    pub fn value(&self, round: u32, rater: &str, case: &str, question: &str) -> Option<ScoreValue> {
        self.data.value(round, rater, case, question)
    }

    /// The value the rater entered in this very round (not carried).
    pub fn own_value(
        &self,
        round: u32,
        rater: &str,
        case: &str,
        question: &str,
    ) -> Option<ScoreValue> {
        self.entry(round, rater, case, question)?.value
    }

    /// Whether (case, question) is scored in `round` (a round limited to
    /// the cells with spread leaves the rest as they were).
    pub fn in_scope(&self, round: u32, case: &str, question: &str) -> bool {
        self.data.session.in_scope(round, case, question)
    }

    /// The values changed after their round was revealed, rater by rater
    /// in the audit's order, oldest first.
    pub fn revisions(&self, round: u32) -> Vec<(&str, &Revision)> {
        self.ctx
            .raters
            .iter()
            .filter_map(|t| self.data.scores.get(&t.id))
            .flat_map(|s| {
                s.revisions
                    .iter()
                    .filter(move |r| r.round == round)
                    .map(move |r| (s.rater.as_str(), r))
            })
            .collect()
    }

    /// Every (case, question, rater) of the audit for `round`, in the order
    /// cases × questions × tilsyn, for the agreement statistics.
    pub fn ratings(&self, round: u32) -> Vec<RatingRow> {
        let mut rows = Vec::new();
        for (case, q) in self.ctx.cells() {
            for t in &self.ctx.raters {
                let v = self
                    .value(round, &t.id, case, &q.id)
                    .and_then(ScoreValue::number);
                rows.push((case.to_string(), q.id.clone(), t.id.clone(), v));
            }
        }
        rows
    }

    /// How far `rater` has come in `round`, for one case or all: every cell,
    /// with the values in effect (carried from the round before).
    pub fn progress(&self, round: u32, rater: &str, case: Option<&str>) -> Progress {
        self.count_progress(round, rater, case, false)
    }

    /// How far `rater` has come with the work of `round`, for one case or
    /// all, as the app shows it to the room. A round of
    /// the spread cells counts only its cells, and only what the tilsyn has
    /// scored in that round (each of them carries a value from the round
    /// before, which would make the round look done before it starts).
    pub fn round_progress(&self, round: u32, rater: &str, case: Option<&str>) -> Progress {
        let limited = self.data.session.scope(round).is_some();
        self.count_progress(round, rater, case, limited)
    }

    /// Counts the cells of `case` (or all); `limited`: only the round's
    /// cells, and only values entered in the round.
    fn count_progress(
        &self,
        round: u32,
        rater: &str,
        case: Option<&str>,
        limited: bool,
    ) -> Progress {
        let mut p = Progress::default();
        for (c, q) in self.ctx.cells() {
            if case.is_some_and(|x| x != c) || (limited && !self.in_scope(round, c, &q.id)) {
                continue;
            }
            p.total += 1;
            let value = if limited {
                self.own_value(round, rater, c, &q.id)
            } else {
                self.value(round, rater, c, &q.id)
            };
            match value {
                Some(ScoreValue::Score(_)) => p.scored += 1,
                Some(ScoreValue::NotAssessable) => p.not_assessable += 1,
                None => {}
            }
        }
        p
    }

    /// The next cell of the round that the rater has not scored in this
    /// round, after `after` (case, question), going round to the start;
    /// `None` when everything has a value. In a limited round only its cells
    /// count; in round 2 and later a carried value does not count as scored.
    pub fn next_unscored(
        &self,
        round: u32,
        rater: &str,
        after: Option<(&str, &str)>,
    ) -> Option<(String, String)> {
        let cells: Vec<(&str, &str)> = self.ctx.cells().map(|(c, q)| (c, q.id.as_str())).collect();
        let start = after
            .and_then(|a| cells.iter().position(|c| *c == a))
            .map_or(0, |i| i + 1);
        (0..cells.len())
            .map(|k| cells[(start + k) % cells.len()])
            .find(|(c, q)| {
                self.in_scope(round, c, q) && self.own_value(round, rater, c, q).is_none()
            })
            .map(|(c, q)| (c.to_string(), q.to_string()))
    }

    // ------------------------------------------------------------ topics, conclusions

    pub fn topics(&self) -> &[Topic] {
        &self.data.topics.topics
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics().iter().find(|t| t.id == id)
    }

    /// The prioritised topics, in list order (the report's discussion sections).
    pub fn prioritised(&self) -> impl Iterator<Item = &Topic> {
        self.topics().iter().filter(|t| t.prioritised)
    }

    pub fn conclusions(&self) -> &Conclusions {
        &self.data.conclusions
    }

    pub fn verdict(&self, hypothesis: &str) -> Option<&VerdictEntry> {
        self.data.conclusions.verdict(hypothesis)
    }

    // ------------------------------------------------------------ changing

    /// Applies one change and writes its file. On error nothing changed on
    /// disk; in memory at most the file was read again because another
    /// writer had changed it.
    pub fn apply(&mut self, change: Change) -> Result<(), PanelError> {
        let file = change.file();
        self.can_write(&file)?;
        let _borrowed = self.borrow_lock(&file)?;
        let _guard = self.write_guard(&file)?;
        if file != FileId::Session {
            // The round and what is revealed decide what may be scored.
            let _ = self.sync(&FileId::Session);
        }
        if let Change::StartNextRound { .. } = change {
            // The spread is the tilsyn's scores as they are on disk now.
            for t in self.ctx.raters.clone() {
                let _ = self.sync(&FileId::Scores(t.id));
            }
        }
        if let Some(mine) = self.sync(&file)?
            && !reapplies(&change, &mine, &self.data)
        {
            return Err(PanelError::Conflict {
                file: file.rel_path(),
                change: change.describe(),
            });
        }
        let label = Label::of(&change);
        let cell = change.value_cell();
        let old = cell
            .as_ref()
            .map(|(r, t, c, q)| self.data.value(*r, t, c, q));
        let before = Snapshot::take(&self.data, &file);
        if let Err(e) = apply_to(&self.ctx, &mut self.data, change) {
            before.restore(&mut self.data);
            return Err(e);
        }
        if let (Some((round, rater, case, question)), Some(old)) = (cell, old) {
            self.record_revision(round, &rater, &case, &question, old);
        }
        let after = Snapshot::take(&self.data, &file);
        if after == before {
            return Ok(());
        }
        if let Err(e) = self.write(&file) {
            before.restore(&mut self.data);
            return Err(e);
        }
        self.history.push(Step {
            label,
            before,
            after,
        });
        Ok(())
    }

    /// After a value changed in a revealed round: who, when, old and new,
    /// in the rater's file.
    fn record_revision(
        &mut self,
        round: u32,
        rater: &str,
        case: &str,
        question: &str,
        old: Option<ScoreValue>,
    ) {
        let new = self.data.value(round, rater, case, question);
        if old == new || !self.is_revealed(round) {
            return;
        }
        let who = self.role.id().to_string();
        if let Some(s) = self.data.scores.get_mut(rater) {
            s.revisions.push(Revision {
                round,
                case: case.to_string(),
                question: question.to_string(),
                who,
                when: lock::now(),
                old,
                new,
            });
        }
    }

    /// Whether this store may write `file` now, and if not, why (Danish):
    /// read-only; a rater writes only its own score file; the facilitator
    /// writes the session files, and a tilsyn's scores only while no copy
    /// scores as that tilsyn.
    pub fn can_write(&self, file: &FileId) -> Result<(), PanelError> {
        self.writable()?;
        match (&self.role, file) {
            (Role::Rater(me), FileId::Scores(r)) if me == r => Ok(()),
            (Role::Rater(me), FileId::Scores(_)) => Err(PanelError::NotYours {
                role: format!("tilsyn '{me}'"),
                file: file.rel_path(),
                why: "et tilsyn skriver kun sine egne scorer",
            }),
            (Role::Rater(me), _) => Err(PanelError::NotYours {
                role: format!("tilsyn '{me}'"),
                file: file.rel_path(),
                why: "runder, emner og konklusioner skrives af facilitator",
            }),
            (Role::Facilitator, FileId::Scores(_)) if self.ignore_locks => Ok(()),
            (Role::Facilitator, FileId::Scores(r)) => {
                match lock::holder_settled(&self.ctx.panel_dir(), r) {
                    Some(h) => Err(PanelError::OwnedElsewhere {
                        rater: r.clone(),
                        host: h.host,
                        since: h.since,
                    }),
                    None => Ok(()),
                }
            }
            (Role::Facilitator, _) => Ok(()),
        }
    }

    /// The facilitator writing a tilsyn's scores holds that tilsyn's lock
    /// for the write, so a copy opening as the tilsyn meanwhile waits or
    /// opens read-only rather than writing at the same moment.
    fn borrow_lock(&self, file: &FileId) -> Result<Option<Lock>, PanelError> {
        let (Role::Facilitator, FileId::Scores(r)) = (&self.role, file) else {
            return Ok(None);
        };
        if self.ignore_locks {
            return Ok(None);
        }
        let dir = self.ctx.panel_dir();
        match lock::acquire(&dir, r) {
            Ok(Acquired::Lock(l)) => Ok(Some(l)),
            Ok(Acquired::Held(h)) => {
                let h = h.unwrap_or_else(|| LockInfo {
                    pid: 0,
                    host: "ukendt".into(),
                    since: String::new(),
                    role: r.clone(),
                });
                Err(PanelError::OwnedElsewhere {
                    rater: r.clone(),
                    host: h.host,
                    since: h.since,
                })
            }
            Err(source) => Err(PanelError::Io {
                path: lock::locks_dir(&dir),
                source,
            }),
        }
    }

    /// The guard of one file for its compare-and-write (see `lock::write_guard`).
    fn write_guard(&self, file: &FileId) -> Result<lock::WriteGuard, PanelError> {
        let name = match file {
            FileId::Scores(r) => format!("scores-{r}"),
            FileId::Topics => "topics".into(),
            FileId::Conclusions => "conclusions".into(),
            FileId::Session => "session".into(),
        };
        let dir = self.ctx.panel_dir();
        lock::write_guard(&dir, &name).map_err(|source| PanelError::Io {
            path: lock::locks_dir(&dir),
            source,
        })
    }

    /// When `file` on disk is not what this store last read or wrote, reads
    /// it again and takes it in; returns what the store had before (`None`
    /// when nothing changed). A damaged file is an error and changes nothing.
    fn sync(&mut self, file: &FileId) -> Result<Option<Snapshot>, PanelError> {
        let path = self.ctx.path_of(file);
        let known = self.prints.get(&path).copied().flatten();
        if files::print_now(&path) == known {
            return Ok(None);
        }
        let mut d = Diagnostics::new(&self.ctx.root);
        let (snap, print) = files::load_one(&self.ctx, file, self.current_round(), &mut d);
        let Some(snap) = snap else {
            let message = d
                .into_sorted()
                .into_iter()
                .find(Diagnostic::is_error)
                .map(|e| crate::domain::anonymity::redact(&e.to_string(), &self.blocked))
                .unwrap_or_default();
            return Err(PanelError::DamagedOnDisk {
                file: file.rel_path(),
                message,
            });
        };
        let mine = Snapshot::take(&self.data, file);
        snap.restore(&mut self.data);
        self.prints.insert(path, print);
        Ok(Some(mine))
    }

    /// Takes in what other writers changed on disk since this store last
    /// read or wrote each file (the session first, then topics, conclusions
    /// and every tilsyn's scores). A file that cannot be read is reported
    /// and the store keeps what it had.
    pub fn reload(&mut self) -> Reloaded {
        let mut out = Reloaded::default();
        let mut files = vec![FileId::Session, FileId::Topics, FileId::Conclusions];
        files.extend(self.ctx.raters.iter().map(|t| FileId::Scores(t.id.clone())));
        for file in files {
            let before = Snapshot::take(&self.data, &file);
            match self.sync(&file) {
                Ok(None) => {}
                Ok(Some(_)) => {
                    if Snapshot::take(&self.data, &file) != before {
                        out.changed.push(file);
                    }
                }
                Err(_) => {
                    let mut d = Diagnostics::new(&self.ctx.root);
                    let _ = files::load_one(&self.ctx, &file, self.current_round(), &mut d);
                    for mut e in d.into_sorted() {
                        e.message = crate::domain::anonymity::redact(&e.message, &self.blocked);
                        out.damaged.push(e);
                    }
                }
            }
        }
        out.conflict_copies = files::stray_files(&self.ctx).conflict_copies();
        out
    }

    /// Who holds each lock now: the facilitator first, then each tilsyn in
    /// the audit's order (`None`: nobody; this store's own lock included).
    pub fn lock_holders(&self) -> Vec<(Role, Option<LockInfo>)> {
        let dir = self.ctx.panel_dir();
        std::iter::once(Role::Facilitator)
            .chain(self.ctx.raters.iter().map(|t| Role::Rater(t.id.clone())))
            .map(|role| {
                let h = lock::holder(&dir, role.id());
                (role, h)
            })
            .collect()
    }

    /// The current round: per tilsyn how far it is and who scores as it
    /// now, whether the round is revealed, the changes after reveals and
    /// the files that are not data (what `auditpanel status` prints).
    pub fn round_status(&self) -> RoundStatus {
        let round = self.current_round();
        let dir = self.ctx.panel_dir();
        let scope = self.data.session.scope(round);
        let raters = self
            .ctx
            .raters
            .iter()
            .map(|t| {
                let p = self.progress(round, &t.id, None);
                RaterStatus {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    scored: p.done(),
                    not_assessable: p.not_assessable,
                    cells: p.total,
                    in_scope: scope.map(<[ScopeCell]>::len),
                    rescored: scope.map(|cells| {
                        cells
                            .iter()
                            .filter(|c| {
                                self.own_value(round, &t.id, &c.case, &c.question).is_some()
                            })
                            .count()
                    }),
                    holder: lock::holder(&dir, &t.id),
                }
            })
            .collect();
        let strays = files::stray_files(&self.ctx);
        let rel = |p: &Path| {
            p.strip_prefix(&self.ctx.root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        };
        RoundStatus {
            round,
            revealed: self.is_revealed(round),
            raters,
            facilitator: lock::holder(&dir, lock::FACILITATOR),
            revisions: self.data.scores.values().map(|s| s.revisions.len()).sum(),
            conflict_copies: strays.conflict_copies(),
            temp_files: strays.temp_files.iter().map(|p| rel(p)).collect(),
        }
    }

    /// Undoes the last change (and writes its file); returns what was
    /// undone, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<Label>, PanelError> {
        self.writable()?;
        let Some(step) = self.history.pop_undo() else {
            return Ok(None);
        };
        match self.put_back(&step.before, &step.after, &step.label.da) {
            Ok(()) => {
                let label = step.label.clone();
                self.history.undone(step);
                Ok(Some(label))
            }
            Err(e) => {
                self.history.redone(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone change; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<Label>, PanelError> {
        self.writable()?;
        let Some(step) = self.history.pop_redo() else {
            return Ok(None);
        };
        match self.put_back(&step.after, &step.before, &step.label.da) {
            Ok(()) => {
                let label = step.label.clone();
                self.history.redone(step);
                Ok(Some(label))
            }
            Err(e) => {
                self.history.undone(step);
                Err(e)
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Puts `target` back where this store's last change left `current`.
    /// Scores go back cell by cell onto what is on disk now (another
    /// writer's cells stay, a change in a revealed round is recorded);
    /// other files only when nobody else changed them since.
    fn put_back(
        &mut self,
        target: &Snapshot,
        current: &Snapshot,
        label: &str,
    ) -> Result<(), PanelError> {
        let file = target.file();
        self.can_write(&file)?;
        let _borrowed = self.borrow_lock(&file)?;
        let _guard = self.write_guard(&file)?;
        let changed = self.sync(&file)?.is_some();
        let before = Snapshot::take(&self.data, &file);
        match (target, current) {
            (Snapshot::Scores(t), Snapshot::Scores(c)) => {
                let rater = t.rater.clone();
                let rounds: std::collections::BTreeSet<u32> =
                    t.rounds.keys().chain(c.rounds.keys()).copied().collect();
                for round in rounds {
                    let empty = std::collections::BTreeMap::new();
                    let tc = t.rounds.get(&round).unwrap_or(&empty);
                    let cc = c.rounds.get(&round).unwrap_or(&empty);
                    let keys: std::collections::BTreeSet<&Cell> =
                        tc.keys().chain(cc.keys()).collect();
                    for key in keys {
                        let te = tc.get(key).cloned().unwrap_or_default();
                        if Some(&te) == cc.get(key) || (te.is_empty() && !cc.contains_key(key)) {
                            continue;
                        }
                        let old = self.data.value(round, &rater, &key.0, &key.1);
                        self.data
                            .scores
                            .entry(rater.clone())
                            .or_insert_with(|| RaterScores::new(&rater))
                            .rounds
                            .entry(round)
                            .or_default()
                            .insert(key.clone(), te);
                        self.record_revision(round, &rater, &key.0, &key.1, old);
                    }
                }
            }
            _ => {
                if changed && before != *current {
                    return Err(PanelError::Conflict {
                        file: file.rel_path(),
                        change: format!("fortryd: {label}"),
                    });
                }
                target.clone().restore(&mut self.data);
            }
        }
        if let Err(e) = self.write(&file) {
            before.restore(&mut self.data);
            return Err(e);
        }
        Ok(())
    }

    fn writable(&self) -> Result<(), PanelError> {
        match &self.mode {
            OpenMode::ReadWrite => Ok(()),
            OpenMode::ReadOnly { reason } => Err(PanelError::ReadOnly(reason.clone())),
        }
    }

    fn write(&mut self, file: &FileId) -> Result<(), PanelError> {
        let ctx = &self.ctx;
        let text = match file {
            FileId::Scores(rater) => {
                let empty = RaterScores::new(rater);
                let s = self.data.scores.get(rater).unwrap_or(&empty);
                files::render_scores(ctx, s, self.data.session.current_round).map(|new| {
                    // Comments a person wrote above an entry stay there.
                    match read::read_string(&ctx.scores_path(rater), read::Kind::Panel) {
                        Ok(old) => files::keep_hand_comments(&old, &new),
                        Err(_) => new,
                    }
                })
            }
            FileId::Topics => files::render_topics(ctx, &self.data.topics),
            FileId::Conclusions => files::render_conclusions(ctx, &self.data.conclusions),
            FileId::Session => files::render_session(ctx, &self.data.session),
        };
        let path = ctx.path_of(file);
        let text = text.map_err(PanelError::Serialize)?;
        files::write_atomic(&path, &text).map_err(|source| PanelError::Io {
            path: path.clone(),
            source,
        })?;
        self.prints.insert(path, Some(files::print_text(&text)));
        Ok(())
    }
}

/// What a writer tidies when it opens: our own temporary files left by an
/// interrupted write (by their exact name pattern only, and only when older
/// than `STALE_TEMP`: a younger one may be another writer's write in
/// flight), and the PID lock of earlier versions.
fn clean_up(ctx: &PanelContext) {
    for path in files::stray_files(ctx).temp_files {
        let old = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= STALE_TEMP);
        if old {
            let _ = std::fs::remove_file(path);
        }
    }
    lock::remove_old_lock(&ctx.panel_dir());
}

impl From<ReadOnlyReason> for OpenMode {
    fn from(reason: ReadOnlyReason) -> Self {
        OpenMode::ReadOnly { reason }
    }
}
