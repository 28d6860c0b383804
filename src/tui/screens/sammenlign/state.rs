//! Sammenlign's state: the case, question and tilsyn selected, the view,
//! and the table's row order.

use crate::tui::app::App;
use crate::tui::screens::panel::shown_round;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompareView {
    #[default]
    Table,
    HeatMap,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HeatBy {
    #[default]
    Spread,
    Mean,
}

#[derive(Debug, Clone, Default)]
pub struct SammenlignState {
    pub case: usize,
    /// The selected question (index into the form).
    pub question: usize,
    /// The selected tilsyn column.
    pub rater: usize,
    pub sort_spread: bool,
    pub view: CompareView,
    pub heat: HeatBy,
    /// The table's row order (question indices): form order, or the
    /// spread rows first. Recomputed by `reorder` after every action.
    pub order: Vec<usize>,
}

/// Puts the rows in order for the current case (after every action).
pub fn reorder(app: &mut App) {
    let nq = app.audit.form.questions.len();
    let mut order: Vec<usize> = (0..nq).collect();
    let st = &app.sammenlign;
    if st.sort_spread
        && let Some(rs) = shown_round(app).and_then(|r| app.stats.round(r))
    {
        let key = |q: usize| {
            rs.cell(st.case, q, nq)
                .and_then(|c| c.spread.as_ref())
                .map_or((false, 0, 0), |s| (s.flagged, s.range, s.far_from_median))
        };
        order.sort_by_key(|q| std::cmp::Reverse(key(*q)));
    }
    let nc = app.audit.cases.len();
    let nr = app.audit.config.tilsyn.len();
    let st = &mut app.sammenlign;
    st.order = order;
    st.case = st.case.min(nc.saturating_sub(1));
    st.question = st.question.min(nq.saturating_sub(1));
    st.rater = st.rater.min(nr.saturating_sub(1));
}

/// The selected row: in the table, the selected question's position in the
/// table's order; in the heat map, the selected cell as
/// `question × cases + case`.
pub fn selected_row(app: &App) -> usize {
    let st = &app.sammenlign;
    if st.view == CompareView::HeatMap {
        return st.question * app.audit.cases.len() + st.case;
    }
    st.order.iter().position(|q| *q == st.question).unwrap_or(0)
}

pub fn select_row(app: &mut App, row: usize) {
    let nc = app.audit.cases.len();
    if app.sammenlign.view == CompareView::HeatMap {
        if nc > 0 && row / nc < app.audit.form.questions.len() {
            app.sammenlign.question = row / nc;
            app.sammenlign.case = row % nc;
        }
    } else if let Some(q) = app.sammenlign.order.get(row) {
        app.sammenlign.question = *q;
    }
}
