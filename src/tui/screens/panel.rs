//! What the three panel screens (Vurdering, Sammenlign, Konklusion) share:
//! opening `panel/` with the app, changing it one `Change` at a time with
//! undo and redo, the note in the status bar ("Fortrudt: …"), the answers
//! to the confirm popup, the results of the editor and dissent popups, and
//! the statistics (progress, spreads, means, agreement) recomputed when the
//! scores change, never in draw.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::domain::agreement::{
    AgreementReport, BootstrapOptions, Level, Rating, Spread, Structure, audit_report, spread,
};
use crate::domain::diag::Diagnostics;
use crate::domain::model::Audit;
use crate::domain::panel::{
    AgreementSnapshot, Change, FollowUpItem, OpenMode, OpenOptions, PanelStore, Progress,
    ReadOnlyReason, RoundAgreement, ScoreValue, previous_followup,
};

use crate::tui::action::Action;
use crate::tui::app::{App, Popup, ScreenKind};
use crate::tui::popups::confirm::{Ask, ConfirmState};
use crate::tui::popups::editor::{self, EditorState};
use crate::tui::popups::finder::FinderIndex;
use crate::tui::text::{self, Msg};

// ------------------------------------------------------------------ opening

/// Opens the panel's files of a loaded audit; their problems (and those of
/// last year's follow-up plan) join the audit's, so the problem screen
/// lists them with file, line and column.
pub fn open_panel(
    audit: &mut Audit,
    options: OpenOptions,
) -> (PanelStore, Option<(PathBuf, Vec<FollowUpItem>)>) {
    // An audit built in memory has no folder: never write beside the program.
    let options = if audit.root.as_os_str().is_empty() {
        OpenOptions::read_only()
    } else {
        options
    };
    let root = audit.root.clone();
    let (store, diags) = PanelStore::open_with(&root, audit, options);
    audit.diagnostics.extend(diags);
    let mut d = Diagnostics::new(&root);
    let previous = previous_followup(audit, &mut d);
    audit.diagnostics.extend(d.into_sorted());
    (store, previous)
}

/// Right after the app is built: ask when another copy has the audit open,
/// and compute the first statistics.
pub fn after_open(app: &mut App) {
    if let OpenMode::ReadOnly {
        reason: ReadOnlyReason::OpenElsewhere { .. },
    } = app.panel.mode()
    {
        app.popup = Some(Popup::Confirm(ConfirmState {
            ask: Ask::OpenReadOnly,
        }));
    }
    refresh(app);
}

// ------------------------------------------------------------------ notes

/// A message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub error: bool,
}

impl Note {
    pub fn info(text: impl Into<String>) -> Note {
        Note {
            text: text.into(),
            error: false,
        }
    }

    pub fn error(text: impl Into<String>) -> Note {
        Note {
            text: text.into(),
            error: true,
        }
    }
}

// ------------------------------------------------------------------ changing

/// Whether a change touches the scores or the rounds (then the statistics
/// are recomputed).
fn touches_scores(c: &Change) -> bool {
    matches!(
        c,
        Change::SetScore { .. }
            | Change::SetNotAssessable { .. }
            | Change::ClearScore { .. }
            | Change::SetComment { .. }
            | Change::StartNextRound { .. }
            | Change::Reveal { .. }
            | Change::Conceal { .. }
    )
}

impl App {
    /// Applies one change to the panel's files (written at once). On
    /// refusal (read-only, off the scale, …) the note says why and
    /// nothing changed.
    pub fn change(&mut self, c: Change) -> bool {
        match self.try_change(c) {
            Ok(()) => true,
            Err(e) => {
                self.note = Some(Note::error(e));
                false
            }
        }
    }

    /// As `change`, giving the reason instead of showing it.
    pub fn try_change(&mut self, c: Change) -> Result<(), String> {
        let scores = touches_scores(&c);
        self.panel.apply(c).map_err(|e| match e {
            crate::domain::panel::PanelError::ReadOnly(reason) => text::refused(&reason, self.lang),
            e => e.to_string(),
        })?;
        if scores {
            self.stats.scores_changed();
        }
        // The finder searches comments, discussions and guidance too.
        self.rebuild_finder();
        Ok(())
    }

    /// Whether the panel may be changed; when not, the note says why.
    pub fn writable(&mut self) -> bool {
        match self.panel.mode() {
            OpenMode::ReadWrite => true,
            OpenMode::ReadOnly { reason } => {
                self.note = Some(Note::error(text::refused(reason, self.lang)));
                false
            }
        }
    }

    pub fn undo(&mut self) {
        let r = self.panel.undo();
        self.after_history(r, Msg::Undone, Msg::NothingToUndo);
    }

    pub fn redo(&mut self) {
        let r = self.panel.redo();
        self.after_history(r, Msg::Redone, Msg::NothingToRedo);
    }

    fn after_history(
        &mut self,
        r: Result<Option<crate::domain::panel::Label>, crate::domain::panel::PanelError>,
        done: Msg,
        nothing: Msg,
    ) {
        match r {
            Ok(Some(label)) => {
                self.stats.scores_changed();
                self.rebuild_finder();
                let label = label.get(self.lang == crate::tui::text::Lang::En);
                self.note = Some(Note::info(format!("{}: {label}", done.get(self.lang))));
            }
            Ok(None) => self.note = Some(Note::info(nothing.get(self.lang))),
            Err(e) => self.note = Some(Note::error(e.to_string())),
        }
    }

    fn rebuild_finder(&mut self) {
        self.finder_index = FinderIndex::build(&self.audit, &self.panel);
    }

    /// Opens the editor, unless the panel is read-only.
    pub fn open_editor(&mut self, e: EditorState) {
        if self.writable() {
            self.popup = Some(Popup::Editor(Box::new(e)));
        }
    }

    /// Asks before doing something (unless read-only: then says why).
    pub fn confirm(&mut self, ask: Ask) {
        if self.writable() {
            self.popup = Some(Popup::Confirm(ConfirmState { ask }));
        }
    }
}

/// After every action: follow the finder's jumps, keep the statistics up
/// to date for the screen shown, and keep selections inside their lists.
pub fn refresh(app: &mut App) {
    if let Some(q) = app.focus_question.take() {
        app.vurdering.question = q.min(app.audit.form.questions.len().saturating_sub(1));
    }
    if let Some(t) = app.focus_topic.take() {
        super::konklusion::focus_topic(app, t);
    }
    app.stats.update_cells(&app.audit, &app.panel);
    let kind = app.screen().kind();
    if app.projector || matches!(kind, ScreenKind::Sammenlign | ScreenKind::Konklusion) {
        app.stats.update_agreement(&app.audit, &app.panel);
    }
    super::sammenlign::reorder(app);
    super::konklusion::clamp(app);
}

/// The answer to a confirm popup.
pub fn answer(app: &mut App, ask: Ask, yes: bool) {
    let lang = app.lang;
    match ask {
        Ask::Quit => app.should_quit = yes,
        Ask::QuitWithEditor(e) => {
            if yes {
                // Save first; when the text cannot be saved, the editor stays.
                if save_editor(app, *e) {
                    app.should_quit = true;
                }
            } else {
                app.popup = Some(Popup::Editor(e));
            }
        }
        Ask::OpenReadOnly => {
            if !yes {
                app.should_quit = true;
            }
        }
        _ if !yes => {}
        Ask::Anonymise(p) => super::anonymise::apply(app, &p),
        Ask::Reveal(round) => {
            if app.change(Change::Reveal { round }) {
                app.note = Some(Note::info(text::revealed(round, lang)));
            }
        }
        Ask::Conceal(round) => {
            if app.change(Change::Conceal { round }) {
                app.note = Some(Note::info(text::concealed(round, lang)));
            }
        }
        Ask::ShareScreen(round) => {
            app.vurdering.shared_round = Some(round);
            app.note = Some(Note::error(Msg::NotBlind.get(lang)));
        }
        Ask::ChangeRevealed { change, .. } => {
            super::vurdering::apply_score(app, *change);
        }
        Ask::NextRound => next_round(app, crate::domain::panel::RoundScope::All),
        Ask::DeleteTopic(id) => {
            app.change(Change::DeleteTopic { id });
        }
        Ask::DeleteConsensus { topic, index } => {
            app.change(Change::DeleteConsensus { topic, index });
        }
        Ask::DeleteGuidance(index) => {
            app.change(Change::DeleteGuidance { index });
        }
        Ask::DeleteFollowUp(index) => {
            app.change(Change::DeleteFollowUp { index });
        }
    }
}

/// Starts the next round for every cell or only the cells with spread.
pub fn next_round(app: &mut App, scope: crate::domain::panel::RoundScope) {
    if app.change(Change::StartNextRound { scope }) {
        let r = app.panel.current_round();
        app.note = Some(Note::info(text::round_started(r, app.lang)));
    }
}

/// Actions while the editor or the export preview is open.
pub fn apply_popup(app: &mut App, a: Action) {
    match app.popup.take() {
        Some(Popup::Editor(mut e)) => match a {
            Action::Save => {
                save_editor(app, *e);
            }
            Action::Cancel => {
                if e.modified() {
                    app.note = Some(Note::info(Msg::Discarded.get(app.lang)));
                }
            }
            Action::NextField => {
                e.focus_by(1);
                app.popup = Some(Popup::Editor(e));
            }
            Action::PrevField => {
                e.focus_by(-1);
                app.popup = Some(Popup::Editor(e));
            }
            Action::Interrupt => {
                app.popup = Some(Popup::Editor(e));
                app.ask_quit();
            }
            _ => app.popup = Some(Popup::Editor(e)),
        },
        Some(Popup::Preview(p)) => super::eksport::apply(app, *p, a),
        other => app.popup = other,
    }
}

/// Applies what the editor holds; `false` (and the editor open again with
/// the reason) when it cannot be saved.
pub fn save_editor(app: &mut App, mut e: EditorState) -> bool {
    // Nothing typed: nothing to save (a new item is not added either).
    if !e.modified() {
        return true;
    }
    let change = match editor::to_change(&e, app.lang) {
        Ok(Some(c)) => c,
        Ok(None) => return true,
        Err(msg) => {
            e.error = Some(msg);
            app.popup = Some(Popup::Editor(Box::new(e)));
            return false;
        }
    };
    match app.try_change(change) {
        Ok(()) => {
            // Nothing opens by itself after a save: who dissented is asked
            // for with its own key, when the facilitator wants it.
            super::konklusion::after_save(app, &e.target);
            true
        }
        Err(msg) => {
            e.error = Some(msg);
            app.popup = Some(Popup::Editor(Box::new(e)));
            false
        }
    }
}

// ------------------------------------------------------------------ statistics

/// One case × question of one round: every rater's value, which have a
/// comment, the spread and the panel's mean.
#[derive(Debug, Clone, Default)]
pub struct CellStats {
    /// Per rater (audit order).
    pub values: Vec<Option<ScoreValue>>,
    pub comments: Vec<bool>,
    pub spread: Option<Spread>,
    pub mean: Option<f64>,
}

/// Everything computed from one round's scores.
#[derive(Debug, Clone, Default)]
pub struct RoundStats {
    pub round: u32,
    pub revealed: bool,
    /// `[case * questions + question]`.
    pub cells: Vec<CellStats>,
    /// Each rater's mean over a case's questions: `[case * raters + rater]`.
    pub rater_case_mean: Vec<Option<f64>>,
    /// Each rater's mean over every case.
    pub rater_mean: Vec<Option<f64>>,
    /// The panel's mean per case.
    pub case_mean: Vec<Option<f64>>,
    /// Cells with spread (flagged).
    pub flagged: usize,
    /// Whether any rater scored anything.
    pub any: bool,
    /// Krippendorff's alpha per question, theme, hypothesis and overall
    /// (only for revealed rounds; computed when a screen shows it).
    pub agreement: Option<AgreementReport>,
}

impl RoundStats {
    pub fn cell(&self, case: usize, question: usize, questions: usize) -> Option<&CellStats> {
        self.cells.get(case * questions + question)
    }
}

/// The cache of statistics; `version` moves at every change of the
/// scores, and each part is recomputed when it is behind.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub version: u64,
    cells_at: Option<u64>,
    agreement_at: Option<u64>,
    /// Index `round - 1`.
    pub rounds: Vec<RoundStats>,
    /// The current round's progress: `[rater][case]`.
    pub progress: Vec<Vec<Progress>>,
    /// The current round's progress per rater over every case.
    pub progress_total: Vec<Progress>,
    /// How long the last agreement computation took.
    pub agreement_time: Duration,
}

impl Stats {
    pub fn scores_changed(&mut self) {
        self.version += 1;
    }

    pub fn round(&self, round: u32) -> Option<&RoundStats> {
        self.rounds
            .get(usize::try_from(round).ok()?.checked_sub(1)?)
    }

    /// Values, spreads, means and progress: cheap, after every change.
    pub fn update_cells(&mut self, audit: &Audit, panel: &PanelStore) {
        if self.cells_at == Some(self.version) {
            return;
        }
        let raters: Vec<&str> = audit.config.tilsyn.iter().map(|t| t.id.as_str()).collect();
        let nq = audit.form.questions.len();
        let current = panel.current_round();
        let mut rounds = Vec::new();
        for round in 1..=current {
            let mut rs = RoundStats {
                round,
                revealed: panel.is_revealed(round),
                ..RoundStats::default()
            };
            let mut sums = vec![(0.0, 0u32); raters.len()];
            for case in &audit.cases {
                let mut case_sums = vec![(0.0, 0u32); raters.len()];
                let mut all = (0.0, 0u32);
                for q in &audit.form.questions {
                    let mut cell = CellStats::default();
                    let mut nums = Vec::new();
                    for (r, rater) in raters.iter().enumerate() {
                        let entry = panel.entry(round, rater, &case.id, &q.id);
                        // The value in effect in this round: a cell not
                        // scored again (outside a round of the spread
                        // cells, or left as it was) keeps the round before,
                        // as agreement and the report count it.
                        let value = panel.value(round, rater, &case.id, &q.id);
                        cell.values.push(value);
                        cell.comments
                            .push(entry.is_some_and(|e| !e.comment.trim().is_empty()));
                        if let Some(v) = value.and_then(ScoreValue::number) {
                            nums.push(v);
                            case_sums[r].0 += f64::from(v);
                            case_sums[r].1 += 1;
                            all.0 += f64::from(v);
                            all.1 += 1;
                        }
                    }
                    cell.spread = spread(&nums);
                    cell.mean = mean_of(&nums);
                    if cell.spread.as_ref().is_some_and(|s| s.flagged) {
                        rs.flagged += 1;
                    }
                    rs.any |= cell.values.iter().any(Option::is_some);
                    rs.cells.push(cell);
                }
                for (r, (s, n)) in case_sums.iter().enumerate() {
                    rs.rater_case_mean.push((*n > 0).then(|| s / f64::from(*n)));
                    sums[r].0 += s;
                    sums[r].1 += n;
                }
                rs.case_mean
                    .push((all.1 > 0).then(|| all.0 / f64::from(all.1)));
            }
            rs.rater_mean = sums
                .iter()
                .map(|(s, n)| (*n > 0).then(|| s / f64::from(*n)))
                .collect();
            debug_assert_eq!(rs.cells.len(), audit.cases.len() * nq);
            // Keep the agreement of a round whose scores did not change.
            if let Some(old) = self.rounds.get(round as usize - 1)
                && old.revealed == rs.revealed
                && same_values(old, &rs)
            {
                rs.agreement = old.agreement.clone();
            }
            rounds.push(rs);
        }
        self.rounds = rounds;
        self.progress = raters
            .iter()
            .map(|r| {
                audit
                    .cases
                    .iter()
                    .map(|c| panel.round_progress(current, r, Some(&c.id)))
                    .collect()
            })
            .collect();
        self.progress_total = raters
            .iter()
            .map(|r| panel.round_progress(current, r, None))
            .collect();
        self.cells_at = Some(self.version);
    }

    /// Krippendorff's alpha with its bootstrap interval for every revealed
    /// round that has scores (the expensive part: only when shown).
    pub fn update_agreement(&mut self, audit: &Audit, panel: &PanelStore) {
        self.update_cells(audit, panel);
        if self.agreement_at == Some(self.version) {
            return;
        }
        let start = Instant::now();
        let structure = Structure::from_audit(audit);
        for rs in &mut self.rounds {
            if !rs.revealed || !rs.any {
                rs.agreement = None;
                continue;
            }
            if rs.agreement.is_some() {
                continue;
            }
            let ratings: Vec<Rating> = panel
                .ratings(rs.round)
                .into_iter()
                .map(Rating::from)
                .collect();
            rs.agreement = Some(audit_report(
                &structure,
                &ratings,
                Level::Ordinal,
                &BootstrapOptions::default(),
            ));
        }
        self.agreement_time = start.elapsed();
        self.agreement_at = Some(self.version);
    }

    /// The figures a verdict on hypothesis number `h` rests on, for every
    /// revealed round.
    pub fn snapshot(&self, h: usize) -> Option<AgreementSnapshot> {
        let rounds: Vec<RoundAgreement> = self
            .rounds
            .iter()
            .filter_map(|rs| {
                let g = rs.agreement.as_ref()?.hypotheses.get(h)?;
                let a = &g.agreement;
                Some(RoundAgreement {
                    round: rs.round,
                    alpha: a.alpha,
                    ci_low: a.ci.as_ref().map(|c| c.lower),
                    ci_high: a.ci.as_ref().map(|c| c.upper),
                    values: u32::try_from(a.pairable_values).ok(),
                })
            })
            .collect();
        (!rounds.is_empty()).then(|| AgreementSnapshot {
            level: "ordinal".into(),
            rounds,
        })
    }
}

fn same_values(a: &RoundStats, b: &RoundStats) -> bool {
    a.cells.len() == b.cells.len()
        && a.cells
            .iter()
            .zip(&b.cells)
            .all(|(x, y)| x.values == y.values)
}

fn mean_of(v: &[u8]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len() as f64)
}

/// The round whose scores Sammenlign shows: the current one once revealed,
/// else the last revealed one before it.
pub fn shown_round(app: &App) -> Option<u32> {
    (1..=app.panel.current_round())
        .rev()
        .find(|r| app.panel.is_revealed(*r))
}
