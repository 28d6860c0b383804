//! The confirm popup: asked before quitting with unsaved changes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::text::Msg;
use crate::tui::widgets::centered;

#[derive(Debug, Clone, Default)]
pub struct ConfirmState {}

pub fn draw(f: &mut Frame, area: Rect, app: &App, _st: &ConfirmState) {
    let th = app.theme;
    let lang = app.lang;
    let r = centered(area, 52, 7);
    f.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", Msg::Confirm.get(lang)),
            th.title(),
        ));
    let lines = vec![
        Line::styled(Msg::QuitUnsaved.get(lang), th.text()),
        Line::default(),
        Line::styled(Msg::YesNo.get(lang), th.key()),
    ];
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        r,
    );
}
