//! Which tilsyn did not agree with a consensus statement: the five tilsyn
//! with a check box each (Space toggles, Enter saves, Esc leaves it as it was).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::domain::model::Audit;
use crate::tui::app::{App, PopupKind};
use crate::tui::keymap::{self, Context};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit};

#[derive(Debug, Clone)]
pub struct DissentState {
    pub topic: String,
    pub index: usize,
    /// The statement's text (kept as it is).
    pub text: String,
    /// Per tilsyn (audit order): dissented?
    pub chosen: Vec<bool>,
    pub row: usize,
}

impl DissentState {
    pub fn new(
        audit: &Audit,
        topic: String,
        index: usize,
        text: String,
        dissent: &[String],
    ) -> Self {
        DissentState {
            chosen: audit
                .config
                .tilsyn
                .iter()
                .map(|t| dissent.contains(&t.id))
                .collect(),
            topic,
            index,
            text,
            row: 0,
        }
    }

    /// The chosen tilsyn ids, in audit order.
    pub fn dissent(&self, audit: &Audit) -> Vec<String> {
        audit
            .config
            .tilsyn
            .iter()
            .zip(&self.chosen)
            .filter(|(_, c)| **c)
            .map(|(t, _)| t.id.clone())
            .collect()
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &DissentState) {
    let th = app.theme;
    let lang = app.lang;
    let n = st.chosen.len() as u16;
    let w = area.width.saturating_sub(4).min(60);
    let r = centered(area, w, n + 5);
    f.render_widget(Clear, r);
    let keys: Vec<String> = keymap::status_keys(Context::Popup(PopupKind::Dissent), lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", text::popup(PopupKind::Dissent, lang)),
            th.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                fit(&keys.join(" · "), usize::from(w.saturating_sub(4)))
            ),
            th.key(),
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let iw = usize::from(inner.width);
    let mut lines = vec![
        Line::styled(fit(&app.shown(&st.text), iw), th.muted()),
        Line::styled(fit(Msg::DissentIntro.get(lang), iw), th.text()),
    ];
    for (i, t) in app.audit.config.tilsyn.iter().enumerate() {
        let mark = if st.chosen.get(i).copied().unwrap_or(false) {
            "[x]"
        } else {
            "[ ]"
        };
        let style = if i == st.row {
            th.selected()
        } else {
            th.text()
        };
        lines.push(Line::styled(
            format!(" {mark} {:<w$}", t.name, w = iw.saturating_sub(6)),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
