//! Magtprofil: one institution's use of force (by month — as counts or as
//! the control chart of rates —, weekday, hour and type; compliance, rule
//! counts, trend, funnel position and its own targets), the comparison of
//! all institutions by every figure (sortable), and the funnel plot. A
//! period filter (`p`) recomputes the whole profile; Enter picks a bar or
//! a count and opens the episodes behind it. The numbers come from
//! `domain::magtprofil` (computed at load or when the period changes, never
//! in draw); the files here lay them out:
//! - `mod.rs`: state and input;
//! - `institution.rs`, `comparison.rs`, `funnel.rs`: drawing the views;
//! - `period.rs`: the period chooser; `words.rs`: the screen's texts.

mod comparison;
mod funnel;
mod institution;
pub mod period;
pub mod words;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::drill::{self, DrillBy};
use crate::domain::holidays::Holidays;
use crate::domain::magtprofil::{self, Comparison, Profile, ProfileOptions};
use crate::domain::model::InterventionType;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen, Tab};
use crate::tui::widgets::Cursor;

pub use comparison::{SortBy, compute_order};
pub use period::PeriodEdit;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MagtView {
    #[default]
    Institution,
    Comparison,
    Funnel,
}

/// The charts of the institution view a bar can be picked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Month,
    Weekday,
    Hour,
    Type,
    /// The rule counts and targets in the side panel.
    Side,
}

impl Chart {
    const ALL: [Chart; 5] = [
        Chart::Month,
        Chart::Weekday,
        Chart::Hour,
        Chart::Type,
        Chart::Side,
    ];
}

/// A picked bar or count (Enter shows its episodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    pub chart: Chart,
    pub index: usize,
}

#[derive(Debug, Clone, Default)]
pub struct MagtprofilState {
    /// The chosen institution (index into `audit.cases`).
    pub case: usize,
    pub view: MagtView,
    /// The institution view's month chart: counts (false) or the control
    /// chart of rates (`t`).
    pub rates: bool,
    /// The funnel as counts against the expected count (`t`) instead of
    /// rates against place-years.
    pub funnel_counts: bool,
    /// Row in the comparison.
    pub cursor: Cursor,
    /// The comparison's sort column and its row order (profile indices),
    /// kept in step with the comparison (`resort`), never sorted in draw.
    pub sort: SortBy,
    pub order: Vec<usize>,
    /// First line shown of the side panel (it scrolls when cut).
    pub side_scroll: usize,
    /// A bar picked for drill-down (Enter started picking).
    pub pick: Option<Pick>,
    /// The period filter in force (`None`: the whole months of the data).
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// The period chooser, while open.
    pub period_edit: Option<PeriodEdit>,
    /// The tab `m` came from (Esc goes back there).
    pub came_from: Option<Tab>,
}

impl MagtprofilState {
    /// Sorts the comparison's rows again (after a new comparison or sort).
    pub fn resort(&mut self, c: &Comparison) {
        self.order = compute_order(c, self.sort);
    }
}

fn comparison_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(5))
}

/// The profile of case `case`, if computed.
pub fn profile(app: &App, case: usize) -> Option<&Profile> {
    app.profile_of
        .get(case)
        .copied()
        .flatten()
        .and_then(|p| app.comparison.profiles.get(p))
}

/// How many items a chart of the current institution has to pick from.
fn chart_len(app: &App, chart: Chart) -> usize {
    let Some(p) = profile(app, app.magtprofil.case) else {
        return 0;
    };
    match chart {
        Chart::Month => p.by_month.len(),
        Chart::Weekday => 7,
        Chart::Hour => 24,
        Chart::Type => InterventionType::ALL.len(),
        Chart::Side => institution::side_drills(p, app.lang).len(),
    }
}

/// What a pick counts, for the drill-down.
fn drill_of(app: &App, pick: Pick) -> Option<(DrillBy, String)> {
    let p = profile(app, app.magtprofil.case)?;
    let lang = app.lang;
    Some(match pick.chart {
        Chart::Month => {
            let key = p.by_month.keys().nth(pick.index)?;
            let (y, m) = key.split_once('-')?;
            let (y, m): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
            (
                DrillBy::Month(y * 12 + m - 1),
                format!("{} {key}", words::W::Month.get(lang)),
            )
        }
        Chart::Weekday => (
            DrillBy::Weekday(pick.index as u32),
            words::weekday(pick.index, lang).to_string(),
        ),
        Chart::Hour => (
            DrillBy::Hour(pick.index as u32),
            format!("{} {:02}", words::W::Hour.get(lang), pick.index),
        ),
        Chart::Type => {
            let t = *InterventionType::ALL.get(pick.index)?;
            (
                DrillBy::Type(t),
                crate::tui::text::intervention(t, lang).to_string(),
            )
        }
        Chart::Side => institution::side_drills(p, lang)
            .into_iter()
            .nth(pick.index)?,
    })
}

/// Opens the episode table of the current institution filtered to exactly
/// the picked episodes, on this tab (Esc comes back here).
fn open_drill(app: &mut App, pick: Pick) {
    let Some((by, label)) = drill_of(app, pick) else {
        return;
    };
    let case = app.magtprofil.case;
    let Some(p) = profile(app, case) else {
        return;
    };
    let (from, to) = (p.from, p.to);
    let holidays = Holidays::from_config(&app.audit.config.holidays);
    let mask = drill::select(by, from, to, &app.audit.cases[case], &holidays);
    app.ensure_table(case);
    let h = super::episoder::table_rows(app.body());
    if let Some(t) = app.episode_tables.get_mut(&case) {
        t.set_exact(
            Some(super::episoder::Exact {
                label: format!("{}: {label}", words::W::Magtprofil.get(app.lang)),
                mask,
            }),
            &app.audit.cases[case],
            h,
        );
    }
    app.push(Screen::Episoder { case });
}

/// Esc on the Magtprofil tab, before the stack is popped: true when it was
/// handled here (closing the chooser or the pick, leaving a drill-down,
/// going back to the tab `m` came from, or back to the institution view).
pub fn on_back(app: &mut App) -> bool {
    if app.tab != Tab::Magtprofil {
        return false;
    }
    match app.screen() {
        Screen::Episoder { case } => {
            // Leaving a drill-down: the table is the case's own again.
            if let Some(t) = app.episode_tables.get_mut(&case) {
                t.set_exact(None, &app.audit.cases[case], usize::MAX);
            }
            false
        }
        Screen::Magtprofil => {
            let st = &mut app.magtprofil;
            if st.period_edit.is_some() {
                st.period_edit = None;
            } else if st.pick.is_some() {
                st.pick = None;
            } else if let Some(tab) = st.came_from.take() {
                app.tab = tab;
            } else if st.view != MagtView::Institution {
                st.view = MagtView::Institution;
            } else {
                return false;
            }
            true
        }
        _ => false,
    }
}

/// Whether Esc does something on the Magtprofil screen (status bar).
pub fn back_acts(app: &App) -> bool {
    let st = &app.magtprofil;
    st.period_edit.is_some()
        || st.pick.is_some()
        || st.came_from.is_some()
        || st.view != MagtView::Institution
}

/// Recomputes the whole profile for the period (or the data's own months).
pub fn set_period(app: &mut App, period: Option<(NaiveDate, NaiveDate)>) {
    let options = ProfileOptions {
        from: period.map(|p| p.0),
        to: period.map(|p| p.1),
        holidays: app.audit.config.holidays.clone(),
    };
    let comparison = magtprofil::compare(&app.audit, &options, None);
    app.magtprofil.period = period;
    app.magtprofil.pick = None;
    app.magtprofil.side_scroll = 0;
    app.set_comparison(comparison);
}

pub fn apply(app: &mut App, a: Action) {
    if app.magtprofil.period_edit.is_some() {
        period::apply(app, a);
        return;
    }
    if let Some(pick) = app.magtprofil.pick {
        apply_pick(app, pick, a);
        return;
    }
    let n_cases = app.audit.cases.len();
    let n = app.comparison.profiles.len();
    let h = comparison_rows(app.body());
    let st = &mut app.magtprofil;
    match (st.view, a) {
        (_, Action::ToggleView) => {
            st.view = match st.view {
                MagtView::Institution => MagtView::Comparison,
                MagtView::Comparison => MagtView::Funnel,
                MagtView::Funnel => MagtView::Institution,
            }
        }
        (MagtView::Comparison, Action::ToggleRate) => {
            // Counts ↔ rates: sort by episodes or by the rate per place.
            st.sort = if st.sort == SortBy::Rate {
                SortBy::Episodes
            } else {
                SortBy::Rate
            };
            st.resort(&app.comparison);
        }
        (MagtView::Funnel, Action::ToggleRate) => st.funnel_counts = !st.funnel_counts,
        (MagtView::Institution, Action::ToggleRate) => st.rates = !st.rates,
        (MagtView::Comparison, Action::SortNext) => {
            st.sort = st.sort.next();
            st.resort(&app.comparison);
        }
        (_, Action::Filter) => {
            let edit = PeriodEdit::new(app);
            app.magtprofil.period_edit = Some(edit);
        }
        (_, Action::ClearFilter) if st.period.is_some() => set_period(app, None),
        (MagtView::Institution, Action::Left) if n_cases > 0 => {
            st.case = (st.case + n_cases - 1) % n_cases;
            st.side_scroll = 0;
        }
        (MagtView::Institution, Action::Right) if n_cases > 0 => {
            st.case = (st.case + 1) % n_cases;
            st.side_scroll = 0;
        }
        (MagtView::Institution, Action::Up) => st.side_scroll = st.side_scroll.saturating_sub(1),
        (MagtView::Institution, Action::Down) => {
            let most = institution::side_overflow(app);
            let st = &mut app.magtprofil;
            st.side_scroll = (st.side_scroll + 1).min(most);
        }
        (MagtView::Institution, Action::Open) => {
            st.pick = Some(Pick {
                chart: Chart::Month,
                index: 0,
            });
        }
        (MagtView::Comparison, Action::Up) => st.cursor.move_by(-1, n, h),
        (MagtView::Comparison, Action::Down) => st.cursor.move_by(1, n, h),
        (MagtView::Comparison, Action::PageUp) => st.cursor.move_by(-(h as isize), n, h),
        (MagtView::Comparison, Action::PageDown) => st.cursor.move_by(h as isize, n, h),
        (MagtView::Comparison, Action::Home) => st.cursor.home(),
        (MagtView::Comparison, Action::End) => st.cursor.end(n, h),
        (MagtView::Comparison, Action::Open) => {
            let chosen = app
                .magtprofil
                .order
                .get(app.magtprofil.cursor.selected)
                .and_then(|p| app.comparison.profiles.get(*p))
                .and_then(|p| app.audit.cases.iter().position(|c| c.id == p.id));
            if let Some(case) = chosen {
                app.magtprofil.case = case;
                app.magtprofil.view = MagtView::Institution;
            }
        }
        _ => {}
    }
}

/// Keys while a bar is picked: ←/→ along the chart, ↑/↓ to the chart
/// above/below, Enter opens the episodes (Esc is `on_back`).
fn apply_pick(app: &mut App, pick: Pick, a: Action) {
    let len = chart_len(app, pick.chart);
    let step_chart = |d: isize| {
        let i = Chart::ALL
            .iter()
            .position(|c| *c == pick.chart)
            .unwrap_or(0) as isize;
        Chart::ALL[(i + d).rem_euclid(Chart::ALL.len() as isize) as usize]
    };
    let next = match a {
        Action::Left if len > 0 => Some(Pick {
            index: (pick.index + len - 1) % len,
            ..pick
        }),
        Action::Right if len > 0 => Some(Pick {
            index: (pick.index + 1) % len,
            ..pick
        }),
        Action::Up | Action::Down => {
            let chart = step_chart(if a == Action::Up { -1 } else { 1 });
            let len = chart_len(app, chart);
            Some(Pick {
                chart,
                index: pick.index.min(len.saturating_sub(1)),
            })
        }
        Action::Home => Some(Pick { index: 0, ..pick }),
        Action::End => Some(Pick {
            index: len.saturating_sub(1),
            ..pick
        }),
        Action::Open => {
            open_drill(app, pick);
            return;
        }
        Action::ToggleView | Action::Filter => {
            app.magtprofil.pick = None;
            apply(app, a);
            return;
        }
        _ => None,
    };
    if let Some(p) = next {
        app.magtprofil.pick = Some(p);
    }
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    if app.magtprofil.view != MagtView::Comparison {
        return None;
    }
    let first = body.y + 2;
    let rows = comparison_rows(body);
    if y < first || usize::from(y - first) >= rows {
        return None;
    }
    let i = app.magtprofil.cursor.offset_for(rows) + usize::from(y - first);
    (i < app.comparison.profiles.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    // An audit on another theme (no episode files) says so once.
    if !app.audit.has_episodes() {
        f.render_widget(
            ratatui::widgets::Paragraph::new(crate::tui::text::Msg::NoEpisodeFiles.get(app.lang))
                .style(app.theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    match app.magtprofil.view {
        MagtView::Institution => institution::draw(f, area, app),
        MagtView::Comparison => comparison::draw(f, area, app),
        MagtView::Funnel => funnel::draw(f, area, app),
    }
    if let Some(edit) = &app.magtprofil.period_edit {
        period::draw(f, area, app, edit);
    }
}
