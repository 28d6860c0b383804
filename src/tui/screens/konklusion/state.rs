//! Konklusion's state: the sections, the cursor per section, and keeping
//! the cursors inside their lists.

use crate::domain::panel::Topic;
use crate::tui::app::App;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Emner,
    Droeftelse,
    Hypoteser,
    Vejledning,
    Opfoelgning,
    SidsteAar,
}

impl Section {
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Default)]
pub struct KonklusionState {
    pub section: Section,
    /// The selected item per section.
    pub cursor: [usize; 6],
}

/// The sections shown: last year's plan only when an earlier audit is named.
pub fn sections(app: &App) -> Vec<Section> {
    let mut s = vec![
        Section::Emner,
        Section::Droeftelse,
        Section::Hypoteser,
        Section::Vejledning,
        Section::Opfoelgning,
    ];
    if app.audit.config.previous_audit.is_some() {
        s.push(Section::SidsteAar);
    }
    s
}

/// A row of the Drøftelse section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DRow {
    /// A prioritised topic (index into the topics) and its notes.
    Topic(usize),
    /// One of its consensus statements.
    Consensus(usize, usize),
}

pub(super) fn drows(topics: &[Topic]) -> Vec<DRow> {
    let mut rows = Vec::new();
    for (i, t) in topics.iter().enumerate().filter(|(_, t)| t.prioritised) {
        rows.push(DRow::Topic(i));
        rows.extend((0..t.consensus.len()).map(|c| DRow::Consensus(i, c)));
    }
    rows
}

pub(super) fn len_of(app: &App, s: Section) -> usize {
    match s {
        Section::Emner => app.panel.topics().len(),
        Section::Droeftelse => drows(app.panel.topics()).len(),
        Section::Hypoteser => app.audit.hypotheses.len(),
        Section::Vejledning => app.panel.conclusions().guidance.len(),
        Section::Opfoelgning => app.panel.conclusions().followup.len(),
        Section::SidsteAar => app.previous_plan.as_ref().map_or(0, |(_, v)| v.len()),
    }
}

/// Keeps every cursor inside its list (after deletions, undo, reload).
pub fn clamp(app: &mut App) {
    for s in [
        Section::Emner,
        Section::Droeftelse,
        Section::Hypoteser,
        Section::Vejledning,
        Section::Opfoelgning,
        Section::SidsteAar,
    ] {
        let n = len_of(app, s);
        let c = &mut app.konklusion.cursor[s.index()];
        *c = (*c).min(n.saturating_sub(1));
    }
    if !sections(app).contains(&app.konklusion.section) {
        app.konklusion.section = Section::Emner;
    }
}

/// The finder jumped to topic `t`'s discussion (`consensus`: one of its
/// consensus points); a topic not prioritised has no discussion row, so
/// the topic is shown under Emner.
pub fn focus_discussion(app: &mut App, t: usize, consensus: Option<usize>) {
    let want = match consensus {
        Some(c) => DRow::Consensus(t, c),
        None => DRow::Topic(t),
    };
    match drows(app.panel.topics()).iter().position(|r| *r == want) {
        Some(row) => {
            app.konklusion.section = Section::Droeftelse;
            app.konklusion.cursor[Section::Droeftelse.index()] = row;
        }
        None => focus_topic(app, t),
    }
}

/// The finder jumped to faglig vejledning item `i`.
pub fn focus_guidance(app: &mut App, i: usize) {
    app.konklusion.section = Section::Vejledning;
    app.konklusion.cursor[Section::Vejledning.index()] = i;
}

/// The finder jumped to topic `t`.
pub fn focus_topic(app: &mut App, t: usize) {
    app.konklusion.section = Section::Emner;
    app.konklusion.cursor[Section::Emner.index()] = t;
}

/// The selected item of the current section.
pub fn selected(app: &App) -> usize {
    app.konklusion.cursor[app.konklusion.section.index()]
}

/// Selects item `row` of the current section after a click.
pub fn select_row(app: &mut App, row: usize) {
    let sec = app.konklusion.section;
    if row < len_of(app, sec) {
        app.konklusion.cursor[sec.index()] = row;
    }
}
