//! Help (`?`): every key of the screen (or popup) it was opened on, read
//! from the keymap, so it can never miss one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit, wrap};
use unicode_width::UnicodeWidthStr;

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

/// The help's lines for an inner width `iw`: each key with what it does,
/// the description wrapped at word boundaries under itself (never cut).
fn help_lines(rows: &[(String, String)], iw: usize) -> Vec<(String, String)> {
    let key_w = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(4) + 2;
    // Keys wider than half the box are cut so the text keeps room.
    let key_w = key_w.min((iw / 2).max(6));
    let text_w = iw.saturating_sub(key_w + 1).max(8);
    let mut out = Vec::new();
    for (k, d) in rows {
        for (i, part) in wrap(d, text_w).into_iter().enumerate() {
            let key = if i == 0 { fit(k, key_w) } else { String::new() };
            out.push((format!(" {key:<key_w$}"), part));
        }
    }
    out
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &HelpState) {
    let th = app.theme;
    let lang = app.lang;
    let rows = keymap::help_rows(st.ctx, lang);
    let w = area.width.saturating_sub(4).min(84);
    let lines_all = help_lines(&rows, usize::from(w.saturating_sub(2)));
    let h = (lines_all.len() as u16 + 4).min(area.height.saturating_sub(2));
    let r = centered(area, w, h);
    crate::tui::widgets::clear(f, r, app.theme);
    let place = match st.ctx {
        Context::Screen(s) => text::screen(s, lang),
        Context::Popup(p) => text::popup(p, lang),
    };
    let room = usize::from(h.saturating_sub(3));
    let scroll = st.scroll.min(lines_all.len().saturating_sub(room));
    let more = if scroll + room < lines_all.len() {
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
    let mut lines = vec![Line::styled(fit(Msg::HelpIntro.get(lang), iw), th.muted())];
    for (k, d) in lines_all.into_iter().skip(scroll).take(room) {
        lines.push(Line::from(vec![
            Span::styled(k, th.key()),
            Span::styled(d, th.text()),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_wrap_at_words_under_themselves() {
        let rows = vec![
            ("a".to_string(), "one two three four five six".to_string()),
            ("Ctrl-B".to_string(), "short".to_string()),
        ];
        let lines = help_lines(&rows, 22);
        let joined: Vec<String> = lines.iter().map(|(k, d)| format!("{k}{d}")).collect();
        assert_eq!(
            joined,
            vec![
                " a       one two three",
                "         four five six",
                " Ctrl-B  short",
            ]
        );
        assert!(joined.iter().all(|l| l.width() <= 22), "{joined:?}");
    }
}
