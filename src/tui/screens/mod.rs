//! One file per screen: its state, how actions change it, and how it is
//! drawn. This module dispatches by `Screen`.

pub mod anonymise;
pub mod eksport;
pub mod episode;
pub mod episoder;
pub mod finder_jump;
pub mod konklusion;
pub mod magtprofil;
pub mod oversigt;
pub mod panel;
pub mod problems;
pub mod progress;
pub mod projector;
pub mod rapport;
pub mod sager;
pub mod sammenlign;
pub mod vurdering;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::{App, Screen};

/// Screen-specific actions (the app handles tabs, popups and quitting).
pub fn apply(app: &mut App, a: Action) {
    match app.screen() {
        Screen::Oversigt => oversigt::apply(app, a),
        Screen::Sager => sager::apply(app, a),
        Screen::Rapport { .. } => rapport::apply(app, a),
        Screen::Episoder { .. } => episoder::apply(app, a),
        Screen::Episode { .. } => episode::apply(app, a),
        Screen::Magtprofil => magtprofil::apply(app, a),
        Screen::Problemer => problems::apply(app, a),
        Screen::Vurdering => vurdering::apply(app, a),
        Screen::Sammenlign => sammenlign::apply(app, a),
        Screen::Konklusion => konklusion::apply(app, a),
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    match app.screen() {
        Screen::Oversigt => oversigt::draw(f, area, app),
        Screen::Sager => sager::draw(f, area, app),
        Screen::Rapport { case } => rapport::draw(f, area, app, case),
        Screen::Episoder { case } => episoder::draw(f, area, app, case),
        Screen::Episode { case } => episode::draw(f, area, app, case),
        Screen::Magtprofil => magtprofil::draw(f, area, app),
        Screen::Problemer => problems::draw(f, area, app),
        Screen::Vurdering => vurdering::draw(f, area, app),
        Screen::Sammenlign => sammenlign::draw(f, area, app),
        Screen::Konklusion => konklusion::draw(f, area, app),
    }
}

/// Whether `action` does something on the current screen in its current
/// view (the status bar shows only such keys; the help lists them all).
pub fn acts(app: &App, action: Action) -> bool {
    match (app.screen(), action) {
        (Screen::Magtprofil, Action::Back) => magtprofil::back_acts(app),
        (_, Action::Back) => app.stacks[app.tab.index()].len() > 1,
        (Screen::Magtprofil, Action::Left | Action::Right) => {
            app.magtprofil.view == magtprofil::MagtView::Institution
        }
        (Screen::Magtprofil, Action::Open) => app.magtprofil.view != magtprofil::MagtView::Funnel,
        (Screen::Magtprofil, Action::SortNext) => {
            app.magtprofil.view == magtprofil::MagtView::Comparison
        }
        (Screen::Magtprofil, Action::ClearFilter) => app.magtprofil.period.is_some(),
        // A rater scores for its own tilsyn only and never reveals.
        (Screen::Vurdering | Screen::Sammenlign, Action::NextRater | Action::PrevRater)
            if app.screen() == Screen::Vurdering =>
        {
            app.rater.is_none()
        }
        (Screen::Sammenlign, Action::Reveal | Action::NextRound) => app.rater.is_none(),
        (Screen::Problemer, Action::Anonymise | Action::Undo) => app.rater.is_none(),
        // The blind board: only `t` (enter scores here, after a question).
        (
            Screen::Vurdering,
            Action::Score(_)
            | Action::NotAssessable
            | Action::ClearScore
            | Action::Edit
            | Action::NextUnscored
            | Action::Left
            | Action::Undo,
        ) => vurdering::mode(app) != vurdering::Mode::Board,
        _ => true,
    }
}

/// The list row (or heat map cell, see `sammenlign::selected_row`) under a
/// mouse click, on screens with a list.
pub fn row_at(app: &App, body: Rect, x: u16, y: u16) -> Option<usize> {
    match app.screen() {
        Screen::Oversigt => oversigt::row_at(app, body, y),
        Screen::Sager => sager::row_at(app, body, y),
        Screen::Episoder { .. } => episoder::row_at(app, body, y),
        Screen::Magtprofil => magtprofil::row_at(app, body, y),
        Screen::Problemer => problems::row_at(app, body, y),
        Screen::Vurdering => vurdering::row_at(app, body, y),
        Screen::Sammenlign
            if app.sammenlign.view == sammenlign::CompareView::Table
                && panel::shown_round(app).is_some() =>
        {
            sammenlign::row_at(app, body, y)
        }
        Screen::Sammenlign
            if app.sammenlign.view == sammenlign::CompareView::HeatMap
                && panel::shown_round(app).is_some() =>
        {
            sammenlign::heat_at(app, body, x, y)
        }
        Screen::Konklusion => konklusion::row_at(app, body, y),
        _ => None,
    }
}

/// The selected row of the current screen's list, and whether it has one.
pub fn selection(app: &App) -> (Option<usize>, bool) {
    match app.screen() {
        Screen::Oversigt => (Some(app.oversigt.cursor.selected), true),
        Screen::Sager => (Some(app.sager.cursor.selected), true),
        Screen::Episoder { case } => (
            app.episode_tables.get(&case).map(|t| t.cursor.selected),
            true,
        ),
        Screen::Magtprofil => (Some(app.magtprofil.cursor.selected), true),
        Screen::Problemer => (Some(app.problems.cursor.selected), true),
        Screen::Vurdering => (Some(app.vurdering.question), true),
        Screen::Sammenlign => (Some(sammenlign::selected_row(app)), true),
        Screen::Konklusion => (Some(konklusion::selected(app)), true),
        _ => (None, false),
    }
}

/// Selects a row after a click.
pub fn select_row(app: &mut App, row: usize) {
    let body = app.body();
    match app.screen() {
        Screen::Oversigt => {
            let h = oversigt::table_rows(app, body);
            app.oversigt.cursor.select(row, app.audit.cases.len(), h)
        }
        Screen::Sager => app.sager.cursor.select(
            row,
            app.audit.cases.len(),
            sager::list_rows(body, app.audit.cases.len()),
        ),
        Screen::Episoder { case } => {
            if let Some(t) = app.episode_tables.get_mut(&case) {
                let n = t.view.len();
                t.cursor.select(row, n, episoder::table_rows(body));
            }
        }
        Screen::Magtprofil => {
            let n = app.comparison.profiles.len();
            app.magtprofil
                .cursor
                .select(row, n, usize::from(body.height.saturating_sub(5)))
        }
        Screen::Problemer => {
            let n = app.problems.list.len();
            app.problems
                .cursor
                .select(row, n, usize::from(body.height.saturating_sub(4)))
        }
        Screen::Vurdering => app.vurdering.question = row,
        Screen::Sammenlign => sammenlign::select_row(app, row),
        Screen::Konklusion => konklusion::select_row(app, row),
        _ => {}
    }
}
