//! Sammenlign's input: what an action does.

use super::state::{CompareView, HeatBy};
use crate::tui::action::Action;
use crate::tui::app::{App, Tab};
use crate::tui::popups::confirm::Ask;
use crate::tui::text::Msg;

pub fn apply(app: &mut App, a: Action) {
    let nq = app.audit.form.questions.len();
    let nc = app.audit.cases.len();
    let nr = app.audit.config.tilsyn.len();
    if nq == 0 || nc == 0 || nr == 0 {
        return;
    }
    let heat = app.sammenlign.view == CompareView::HeatMap;
    let st = &mut app.sammenlign;
    let pos = st.order.iter().position(|q| *q == st.question).unwrap_or(0);
    let step = |d: isize| -> usize {
        if heat {
            st.question.saturating_add_signed(d).min(nq - 1)
        } else {
            let p = pos
                .saturating_add_signed(d)
                .min(st.order.len().saturating_sub(1));
            st.order.get(p).copied().unwrap_or(0)
        }
    };
    match a {
        Action::Up => st.question = step(-1),
        Action::Down => st.question = step(1),
        Action::PageUp => st.question = step(-10),
        Action::PageDown => st.question = step(10),
        Action::Home => st.question = step(-(nq as isize)),
        Action::End => st.question = step(nq as isize),
        Action::Left => st.case = (st.case + nc - 1) % nc,
        Action::Right => st.case = (st.case + 1) % nc,
        Action::NextRater => st.rater = (st.rater + 1) % nr,
        Action::PrevRater => st.rater = (st.rater + nr - 1) % nr,
        Action::SortSpread => st.sort_spread = !st.sort_spread,
        Action::ToggleView => {
            st.view = match st.view {
                CompareView::Table => CompareView::HeatMap,
                CompareView::HeatMap => CompareView::Table,
            }
        }
        Action::ToggleHeat => {
            st.heat = match st.heat {
                HeatBy::Spread => HeatBy::Mean,
                HeatBy::Mean => HeatBy::Spread,
            }
        }
        Action::Open => {
            if heat {
                st.view = CompareView::Table;
            } else {
                // To the selected tilsyn's score on Vurdering.
                app.vurdering.rater = st.rater;
                app.vurdering.case = st.case;
                app.vurdering.question = st.question;
                app.go_tab(Tab::Vurdering);
            }
        }
        Action::Reveal | Action::NextRound if app.rater.is_some() => {
            app.note = Some(crate::tui::screens::panel::Note::info(
                Msg::RaterOnly.get(app.lang),
            ));
        }
        Action::Reveal => {
            let round = app.panel.current_round();
            if app.panel.is_revealed(round) {
                app.confirm(Ask::Conceal(round));
            } else {
                app.confirm(Ask::Reveal(round));
            }
        }
        Action::NextRound => app.confirm(Ask::NextRound),
        Action::Undo => app.undo(),
        Action::Redo => app.redo(),
        _ => {}
    }
}
