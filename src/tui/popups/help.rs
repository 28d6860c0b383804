//! Help (`?`): every key of the screen (or popup) it was opened on, read
//! from the keymap, so it can never miss one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit};

#[derive(Debug, Clone)]
pub struct HelpState {
    /// The screen or popup whose keys are shown.
    pub ctx: Context,
    pub scroll: usize,
}

impl HelpState {
    pub fn new(ctx: Context) -> HelpState {
        HelpState { ctx, scroll: 0 }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &HelpState) {
    let th = app.theme;
    let lang = app.lang;
    let rows = keymap::help_rows(st.ctx, lang);
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    let w = area.width.saturating_sub(4).min(84);
    let h = (rows.len() as u16 + 4).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    crate::tui::widgets::clear(f, r, app.theme);
    let place = match st.ctx {
        Context::Screen(s) => text::screen(s, lang),
        Context::Popup(p) => text::popup(p, lang),
    };
    let room = usize::from(h.saturating_sub(3));
    let scroll = st.scroll.min(rows.len().saturating_sub(room));
    let more = if scroll + room < rows.len() {
        " ↓ … "
    } else {
        ""
    };
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} · {place} ", Msg::Help.get(lang)),
            th.title(),
        ))
        .title_bottom(Line::styled(more, th.key()).right_aligned());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let iw = usize::from(inner.width);
    let mut lines = vec![Line::styled(Msg::HelpIntro.get(lang), th.muted())];
    for (k, d) in rows.iter().skip(scroll).take(room) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<key_w$}", fit(k, key_w)), th.key()),
            Span::styled(fit(d, iw.saturating_sub(key_w + 1)), th.text()),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
