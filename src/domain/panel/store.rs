//! `PanelStore`: the panel's files in memory, with one way to change them
//! (`apply`), undo and redo. Every change is written to its file at once,
//! atomically, so killing the app loses at most the change in flight. The
//! store is read-only when another copy has the audit open, when a file in
//! `panel/` is damaged (it is never overwritten), or on request.

use std::path::Path;

use super::change::{Change, FileId, PanelError, ReadOnlyReason, Snapshot, apply_to};
use super::files::{self, PanelContext};
use super::history::{History, Step};
use super::lock::{self, Acquired, Lock};
use super::model::*;
use crate::domain::diag::{Diagnostic, Diagnostics};
use crate::domain::model::Audit;

/// Whether changes are saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenMode {
    ReadWrite,
    ReadOnly { reason: ReadOnlyReason },
}

/// How to open.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Never write (and take no lock), e.g. `--read-only`.
    pub read_only: bool,
}

/// One row for the agreement statistics: (case, question, rater, value);
/// `None` when unscored or "kan ikke vurderes".
pub type RatingRow = (String, String, String, Option<u8>);

#[derive(Debug)]
pub struct PanelStore {
    ctx: PanelContext,
    data: PanelData,
    mode: OpenMode,
    history: History,
    diagnostics: Vec<Diagnostic>,
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
        let data = files::load_panel(&ctx, &mut diags);
        let damaged = diags.has_errors();
        // A message may quote a value from a panel file (an unknown case or
        // question id); nothing identifying leaves here in full.
        let blocked = &audit.config.anonymity.blocked_names;
        let mut diagnostics = diags.into_sorted();
        for d in &mut diagnostics {
            d.message = crate::domain::anonymity::redact(&d.message, blocked);
        }
        let (mode, lock) = if damaged {
            (ReadOnlyReason::Damaged.into(), None)
        } else if options.read_only {
            (ReadOnlyReason::Requested.into(), None)
        } else {
            match lock::acquire(&ctx.panel_dir()) {
                Ok(Acquired::Lock(l)) => (OpenMode::ReadWrite, Some(l)),
                Ok(Acquired::Held(o)) => (
                    ReadOnlyReason::OpenElsewhere {
                        pid: o.pid,
                        host: o.host,
                        since: o.since,
                    }
                    .into(),
                    None,
                ),
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
            history: History::default(),
            diagnostics: diagnostics.clone(),
            _lock: lock,
        };
        (store, diagnostics)
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

    pub fn value(&self, round: u32, rater: &str, case: &str, question: &str) -> Option<ScoreValue> {
        self.entry(round, rater, case, question)?.value
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

    /// How far `rater` has come in `round`, for one case or all.
    pub fn progress(&self, round: u32, rater: &str, case: Option<&str>) -> Progress {
        let mut p = Progress::default();
        for (c, q) in self.ctx.cells() {
            if case.is_some_and(|x| x != c) {
                continue;
            }
            p.total += 1;
            match self.value(round, rater, c, &q.id) {
                Some(ScoreValue::Score(_)) => p.scored += 1,
                Some(ScoreValue::NotAssessable) => p.not_assessable += 1,
                None => {}
            }
        }
        p
    }

    /// The next cell without a value after `after` (case, question), going
    /// round to the start; `None` when everything has a value.
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
            .find(|(c, q)| self.value(round, rater, c, q).is_none())
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

    /// Applies one change and writes its file. On error nothing changed,
    /// in memory or on disk.
    pub fn apply(&mut self, change: Change) -> Result<(), PanelError> {
        self.writable()?;
        let file = change.file();
        let label = change.describe();
        let before = Snapshot::take(&self.data, &file);
        if let Err(e) = apply_to(&self.ctx, &mut self.data, change) {
            before.restore(&mut self.data);
            return Err(e);
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

    /// Undoes the last change (and writes its file); returns what was
    /// undone, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, PanelError> {
        self.writable()?;
        let Some(step) = self.history.pop_undo() else {
            return Ok(None);
        };
        match self.put_back(&step.before, &step.after) {
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
    pub fn redo(&mut self) -> Result<Option<String>, PanelError> {
        self.writable()?;
        let Some(step) = self.history.pop_redo() else {
            return Ok(None);
        };
        match self.put_back(&step.after, &step.before) {
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

    fn put_back(&mut self, target: &Snapshot, current: &Snapshot) -> Result<(), PanelError> {
        let file = target.file();
        target.clone().restore(&mut self.data);
        if let Err(e) = self.write(&file) {
            current.clone().restore(&mut self.data);
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

    fn write(&self, file: &FileId) -> Result<(), PanelError> {
        let ctx = &self.ctx;
        let (path, text) = match file {
            FileId::Scores(rater) => {
                let empty = RaterScores::new(rater);
                let s = self.data.scores.get(rater).unwrap_or(&empty);
                (
                    ctx.scores_path(rater),
                    files::render_scores(ctx, s, self.data.session.current_round),
                )
            }
            FileId::Topics => (
                ctx.topics_path(),
                files::render_topics(ctx, &self.data.topics),
            ),
            FileId::Conclusions => (
                ctx.conclusions_path(),
                files::render_conclusions(ctx, &self.data.conclusions),
            ),
            FileId::Session => (
                ctx.session_path(),
                files::render_session(ctx, &self.data.session),
            ),
        };
        let text = text.map_err(PanelError::Serialize)?;
        files::write_atomic(&path, &text).map_err(|source| PanelError::Io { path, source })
    }
}

impl From<ReadOnlyReason> for OpenMode {
    fn from(reason: ReadOnlyReason) -> Self {
        OpenMode::ReadOnly { reason }
    }
}
