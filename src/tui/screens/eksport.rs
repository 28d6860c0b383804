//! Eksport: the report as markdown in a scrollable preview over Konklusion
//! (`x`), and `w` to write it to `<audit>/rapport-<id>.md` atomically. When
//! the anonymity scan refuses the report, the preview is not opened and the
//! status bar says why.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::action::Action;
use crate::tui::app::{App, Popup, PopupKind};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::panel::Note;
use crate::tui::text;
use crate::tui::widgets::{fit, wrap};

#[derive(Debug, Clone)]
pub struct PreviewState {
    /// The report as it will be written.
    pub markdown: String,
    pub path: PathBuf,
    pub scroll: usize,
    /// The width the lines were wrapped at, and the lines.
    pub lines: Vec<String>,
}

/// The report's markdown, or why it cannot be made.
fn report(app: &App) -> Result<String, String> {
    crate::domain::export::report(&app.audit, app.panel.data()).map_err(|e| e.to_string())
}

/// `x` on Konklusion: builds the report and opens the preview.
pub fn open(app: &mut App) {
    // A rater sees the report (with every tilsyn's scores) only once the
    // round is revealed.
    let round = app.panel.current_round();
    if app.rater.is_some() && !app.panel.is_revealed(round) {
        app.note = Some(Note::info(crate::tui::text::Msg::AwaitReveal.get(app.lang)));
        return;
    }
    match report(app) {
        Ok(markdown) => {
            let path = app
                .audit
                .root
                .join(format!("rapport-{}.md", file_id(&app.audit.config.id)));
            let width = usize::from(app.size.width.saturating_sub(2)).max(20);
            let lines = markdown.lines().flat_map(|l| wrap(l, width)).collect();
            app.popup = Some(Popup::Preview(Box::new(PreviewState {
                markdown,
                path,
                scroll: 0,
                lines,
            })));
        }
        Err(why) => app.note = Some(Note::error(why)),
    }
}

/// "18.1" stays; anything but letters, digits, '.', '-' and '_' becomes '-'.
fn file_id(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "audit".into() } else { s }
}

fn page(app: &App) -> usize {
    usize::from(app.size.height.saturating_sub(6)).max(1)
}

pub fn apply(app: &mut App, mut p: PreviewState, a: Action) {
    let max = p.lines.len().saturating_sub(page(app));
    match a {
        Action::Up => p.scroll = p.scroll.saturating_sub(1),
        Action::Down => p.scroll = (p.scroll + 1).min(max),
        Action::PageUp => p.scroll = p.scroll.saturating_sub(page(app)),
        Action::PageDown => p.scroll = (p.scroll + page(app)).min(max),
        Action::Home => p.scroll = 0,
        Action::End => p.scroll = max,
        Action::Save => {
            match crate::domain::panel::files::write_atomic(&p.path, &p.markdown) {
                Ok(()) => {
                    app.note = Some(Note::info(text::written(
                        &p.path.display().to_string(),
                        app.lang,
                    )))
                }
                Err(e) => app.note = Some(Note::error(format!("{}: {e}", p.path.display()))),
            }
            return;
        }
        Action::Back => return,
        Action::Interrupt => {
            app.ask_quit();
            return;
        }
        _ => {}
    }
    app.popup = Some(Popup::Preview(Box::new(p)));
}

pub fn draw_preview(f: &mut Frame, area: Rect, app: &App, p: &PreviewState) {
    let th = app.theme;
    let lang = app.lang;
    // Over the whole body, between the tab bar and the status bar.
    let r = Rect {
        x: area.x,
        y: area.y + 1,
        width: area.width,
        height: area.height.saturating_sub(2),
    };
    crate::tui::widgets::clear(f, r, app.theme);
    let keys: Vec<String> = keymap::status_keys(Context::Popup(PopupKind::Preview), lang)
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(
                " {} · {} ",
                text::popup(PopupKind::Preview, lang),
                p.path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned())
            ),
            th.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                fit(&keys.join(" · "), usize::from(r.width.saturating_sub(4)))
            ),
            th.key(),
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(p.scroll)
        .take(usize::from(inner.height))
        .map(|l| {
            let style = if l.starts_with('#') {
                th.title()
            } else {
                th.text()
            };
            Line::styled(fit(&app.shown(l), w), style)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
