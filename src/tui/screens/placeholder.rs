//! The Vurdering, Sammenlign and Konklusion tabs until the panel work fills
//! them: a framed, calm explanation of what the tab will hold.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::{App, Tab};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, wrap};

pub fn draw(f: &mut Frame, area: Rect, app: &App, tab: Tab) {
    let th = app.theme;
    let lang = app.lang;
    let block = Block::bordered()
        .border_style(th.border())
        .title(Line::styled(
            format!(" {} ", text::tab(tab, lang)),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width.saturating_sub(4).min(72);
    let mut lines = vec![
        Line::styled(Msg::NotReady.get(lang), th.warning()),
        Line::default(),
    ];
    for l in wrap(text::tab_coming(tab, lang), usize::from(w).max(1)) {
        lines.push(Line::styled(l, th.text()));
    }
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    f.render_widget(Paragraph::new(lines), centered(inner, w, h));
}
