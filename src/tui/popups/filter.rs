//! The episode filter: four rows (type, child, month, rule finding), each
//! stepping through the values present in the case; the table behind it
//! follows at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;
use crate::tui::app::PopupKind;
use crate::tui::keymap::{self, Context};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit};

#[derive(Debug, Clone)]
pub struct FilterState {
    /// The case whose table is filtered.
    pub case: usize,
    /// The row being changed (0 type, 1 child, 2 month, 3 rule finding).
    pub row: usize,
}

impl FilterState {
    pub fn new(case: usize) -> FilterState {
        FilterState { case, row: 0 }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &FilterState) {
    let th = app.theme;
    let lang = app.lang;
    let Some(t) = app.episode_tables.get(&st.case) else {
        return;
    };
    let r = centered(area, 56, 8);
    crate::tui::widgets::clear(f, r, app.theme);
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", text::popup(PopupKind::Filter, lang)),
            th.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                text::shown_of(t.view.len(), app.audit.cases[st.case].episodes.len(), lang)
            ),
            th.muted(),
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let labels = [Msg::Type, Msg::Child, Msg::Month, Msg::Findings];
    let iw = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, m) in labels.iter().enumerate() {
        let value = t.filter_label(i, lang);
        let sel = i == st.row;
        let style = if sel { th.selected() } else { th.text() };
        let label = format!(" {:<12}", m.get(lang));
        let v = format!("‹ {} ›", fit(&value, iw.saturating_sub(18)));
        let pad = iw.saturating_sub(label.chars().count() + v.chars().count() + 1);
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::styled(format!("{}{v} ", " ".repeat(pad)), style),
        ]));
    }
    let keys: Vec<String> = keymap::status_keys(Context::Popup(PopupKind::Filter), lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    lines.push(Line::styled(
        fit(&format!(" {}", keys.join(" · ")), iw),
        th.muted(),
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
