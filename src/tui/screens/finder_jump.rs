//! Where the finder's text hits lead, and the tab rule: a question or a
//! comment found on Sammenlign opens on Sammenlign (where digits do not
//! score), found anywhere else on Vurdering.

use crate::tui::app::{App, Tab};
use crate::tui::popups::finder::Found;

/// Goes to `found` when it is one of the finder's text hits or a question
/// (returns true); anything else is left to `App::jump_from`.
pub fn jump(app: &mut App, found: Found, from: Option<Tab>) -> bool {
    let on_compare = from == Some(Tab::Sammenlign);
    match found {
        Found::Question(q) if on_compare => {
            app.sammenlign.question = q;
            app.go_tab(Tab::Sammenlign);
        }
        Found::Question(_) => return false,
        Found::Report { case, .. } => app.open_report(case),
        Found::Comment {
            rater,
            case,
            question,
            ..
        } => {
            if on_compare || from != Some(Tab::Vurdering) {
                app.sammenlign.case = case;
                app.sammenlign.question = question;
                app.sammenlign.rater = rater;
                app.go_tab(Tab::Sammenlign);
            } else {
                if app.rater.is_none() {
                    app.vurdering.rater = rater;
                }
                app.vurdering.case = case;
                app.vurdering.question = question;
                app.go_tab(Tab::Vurdering);
            }
        }
        Found::Discussion(t) => {
            super::konklusion::focus_discussion(app, t, None);
            app.go_tab(Tab::Konklusion);
        }
        Found::Consensus { topic, index } => {
            super::konklusion::focus_discussion(app, topic, Some(index));
            app.go_tab(Tab::Konklusion);
        }
        Found::Guidance(i) => {
            super::konklusion::focus_guidance(app, i);
            app.go_tab(Tab::Konklusion);
        }
        _ => return false,
    }
    true
}
