//! Problems in the files: everything `auditpanel check` reports (structure,
//! anonymity, episode rules), from the same domain function
//! (`check::check_loaded`), so the count is the same. `file:line:column`
//! first so the facilitator can find the place, errors before warnings,
//! each in check's order (by file and place); a rule or anonymity finding
//! ends with its rule id, and Enter on a rule finding opens the episode. Shown when the app opens with errors; the app works with what
//! could be loaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::domain::check::{CheckOutcome, check_loaded};
use crate::domain::diag::{Diagnostic, STRUCTURE, Severity};
use crate::domain::model::Audit;
use crate::domain::rules::Rule;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::popups::finder::Found;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{Cursor, wrap};

#[derive(Debug, Default)]
pub struct ProblemsState {
    pub cursor: Cursor,
    /// What `check` reports, sorted (until a background check is done:
    /// what loading found).
    pub list: Vec<Diagnostic>,
    errors: usize,
    /// A check still running on another thread (a large audit).
    pending: Option<Receiver<CheckOutcome>>,
    /// The files the anonymisation assistant wrote, last on top (`u`).
    pub undo: Vec<crate::domain::anonymise::Written>,
}

/// Up to this many episodes the app checks before its first frame; above,
/// `check` runs on another thread and the list fills in when it is done, so
/// a national export still opens at once.
const CHECK_AT_ONCE: usize = 50_000;

impl ProblemsState {
    /// The list as shown: errors first, then warnings, each in `check`'s
    /// order (by file and place).
    pub fn new(mut list: Vec<Diagnostic>) -> Self {
        list.sort_by_key(|d| d.severity);
        let errors = list.iter().filter(|d| d.is_error()).count();
        ProblemsState {
            cursor: Cursor::default(),
            list,
            errors,
            pending: None,
            undo: Vec::new(),
        }
    }

    /// The problems of a freshly opened audit: `check_loaded` at once for
    /// an audit of ordinary size (or one built in memory), else on another
    /// thread, sharing the audit the app holds (nothing is read twice, and
    /// a national audit's episodes are not held twice).
    pub fn start(audit: &Arc<Audit>) -> Self {
        if audit.episode_count() <= CHECK_AT_ONCE || audit.root.as_os_str().is_empty() {
            return ProblemsState::new(check_loaded(audit).diagnostics);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = Arc::clone(audit);
        std::thread::spawn(move || {
            let _ = tx.send(check_loaded(&shared));
        });
        ProblemsState {
            pending: Some(rx),
            ..ProblemsState::new(audit.diagnostics.clone())
        }
    }

    /// Whether a background check is still running.
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Takes the background check's result when it is there.
    pub fn poll(&mut self) {
        let Some(rx) = &self.pending else {
            return;
        };
        match rx.try_recv() {
            Ok(outcome) => *self = ProblemsState::new(outcome.diagnostics),
            Err(TryRecvError::Empty) => {}
            // The check stopped: keep what loading found.
            Err(TryRecvError::Disconnected) => self.pending = None,
        }
    }

    /// Adds problems found after opening (a reload found a damaged file or
    /// a sync tool's conflict copy); returns how many were new.
    pub fn add(&mut self, found: Vec<Diagnostic>) -> usize {
        let mut list = std::mem::take(&mut self.list);
        let before = list.len();
        for d in found {
            if !list.contains(&d) {
                list.push(d);
            }
        }
        let new = list.len() - before;
        let cursor = std::mem::take(&mut self.cursor);
        let pending = self.pending.take();
        let undo = std::mem::take(&mut self.undo);
        *self = ProblemsState::new(list);
        self.cursor = cursor;
        self.pending = pending;
        self.undo = undo;
        new
    }

    /// Errors and warnings in the list.
    pub fn counts(&self) -> (usize, usize) {
        (self.errors, self.list.len() - self.errors)
    }
}

fn rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(4)).max(1)
}

pub fn apply(app: &mut App, a: Action) {
    let n = app.problems.list.len();
    let h = rows(app.body());
    let c = &mut app.problems.cursor;
    match a {
        Action::Up => c.move_by(-1, n, h),
        Action::Down => c.move_by(1, n, h),
        Action::PageUp => c.move_by(-(h as isize), n, h),
        Action::PageDown => c.move_by(h as isize, n, h),
        Action::Home => c.home(),
        Action::End => c.end(n, h),
        Action::Open => {
            let found = app
                .problems
                .list
                .get(app.problems.cursor.selected)
                .and_then(|d| episode_of(app, d));
            if let Some(found) = found {
                app.jump(found);
                // The episode screen shows the findings of the episode it opens on.
                super::episode::refresh(app);
            }
        }
        Action::Anonymise => super::anonymise::propose(app),
        Action::Undo => super::anonymise::undo(app),
        _ => {}
    }
}

/// The episode a rule finding is about: the case whose episodes file it
/// names and the episode at its place.
pub fn episode_of(app: &App, d: &Diagnostic) -> Option<Found> {
    Rule::from_id(d.rule)?;
    app.audit.cases.iter().enumerate().find_map(|(case, c)| {
        let file = c.episodes_file.as_ref()?;
        let rel = file.strip_prefix(&app.audit.root).unwrap_or(file);
        if rel != d.file {
            return None;
        }
        let episode = c.episodes.iter().position(|e| e.pos == d.pos)?;
        Some(Found::Episode { case, episode })
    })
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let first = body.y + 3;
    if y < first {
        return None;
    }
    // Rows wrap, so a click picks by the first line of each: approximate by
    // counting one line per problem from the offset.
    let i = app.problems.cursor.offset_for(rows(body)) + usize::from(y - first);
    (i < app.problems.list.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let (errors, warnings) = app.problem_counts();
    let mut lines = vec![
        Line::styled(Msg::ProblemsIntro.get(lang), th.muted()),
        Line::default(),
    ];
    if app.problems.list.is_empty() {
        lines.push(Line::styled(Msg::NoProblems.get(lang), th.ok()));
    }
    let h = rows(area);
    let offset = app.problems.cursor.offset_for(h);
    let w = usize::from(area.width.saturating_sub(4)).max(1);
    for (i, d) in app.problems.list.iter().enumerate().skip(offset).take(h) {
        let style = if i == app.problems.cursor.selected {
            th.selected()
        } else if d.severity == Severity::Error {
            th.error()
        } else {
            th.warning()
        };
        // The path too goes through the anonymity gate: a finding added
        // after opening (a reload's conflict copy or damaged file) names a
        // file `check` never masked.
        let place = d.place();
        let place = app.shown(&place);
        let word = match d.severity {
            Severity::Error => Msg::ErrorWord,
            Severity::Warning => Msg::WarningWord,
        };
        let head = format!("{place}  {}: ", word.get(lang));
        let body = app.shown(&d.message);
        // The rule id of an episode rule or an anonymity finding, after it.
        let id = if d.rule == STRUCTURE {
            String::new()
        } else {
            format!(" [{}]", d.rule)
        };
        for (j, l) in wrap(&format!("{head}{body}{id}"), w)
            .into_iter()
            .enumerate()
        {
            let l = if j == 0 { l } else { format!("    {l}") };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    let title = format!(
        " {} · {} ",
        Msg::Problems.get(lang),
        text::problem_count(errors, warnings, lang)
    );
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title())),
        ),
        area,
    );
}
