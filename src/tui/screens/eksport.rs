//! Eksport: the report in a scrollable preview over Konklusion (`x`),
//! drawn from the same document model the markdown and Word writers render
//! (headings styled, paragraphs wrapped to the width with the panel's line
//! breaks, lists, tables with borders), and `w` to write the markdown to
//! `<audit>/rapport-<id>.md` atomically. When the anonymity scan refuses
//! the report, the preview is not opened and the status bar says why.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::export::document::{Align, Block as DocBlock, Document};
use crate::tui::action::Action;
use crate::tui::app::{App, Popup, PopupKind};
use crate::tui::keymap::{self, Context};
use crate::tui::screens::panel::Note;
use crate::tui::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, wrap};

#[derive(Debug, Clone)]
pub struct PreviewState {
    /// The report as it will be written.
    pub markdown: String,
    pub path: PathBuf,
    pub scroll: usize,
    /// The report drawn at the width of the preview (computed when it
    /// opens, so drawing only reads).
    pub lines: Vec<Line<'static>>,
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
    let doc = crate::domain::export::document(&app.audit, app.panel.data());
    match doc {
        Ok(doc) => {
            let path = app
                .audit
                .root
                .join(format!("rapport-{}.md", file_id(&app.audit.config.id)));
            // Inside the popup's frame, one column of margin each side.
            let width = usize::from(app.size.width.saturating_sub(4)).max(20);
            let shown = |s: &str| app.shown(s).into_owned();
            let lines = render(&doc, width, app.theme, &shown);
            app.popup = Some(Popup::Preview(Box::new(PreviewState {
                markdown: crate::domain::export::markdown::render(&doc),
                path,
                scroll: 0,
                lines,
            })));
        }
        Err(why) => app.note = Some(Note::error(why.to_string())),
    }
}

/// The document as lines of at most `width` columns: the title and
/// Overskrift 1 underlined, paragraphs wrapped (a line break the panel
/// wrote stays one), bullets and numbers with a hanging indent, tables
/// boxed with their columns fitted to the width (a cell too wide wraps).
/// `shown` masks anything that could identify a child.
pub fn render(
    doc: &Document,
    width: usize,
    th: Theme,
    shown: &dyn Fn(&str) -> String,
) -> Vec<Line<'static>> {
    let width = width.max(10);
    let mut out: Vec<Line<'static>> = Vec::new();
    for block in &doc.blocks {
        if !out.is_empty() {
            out.push(Line::default());
        }
        match block {
            DocBlock::Heading { level, text } => {
                let style = match level {
                    1 | 2 => th.header().add_modifier(Modifier::BOLD),
                    _ => th.title(),
                };
                let lines = wrap(&shown(text), width);
                let w = lines.iter().map(|l| l.width()).max().unwrap_or(0);
                for l in lines {
                    out.push(Line::styled(l, style));
                }
                match level {
                    1 => out.push(Line::styled("═".repeat(w), th.border())),
                    2 => out.push(Line::styled("─".repeat(w), th.border())),
                    _ => {}
                }
            }
            DocBlock::Para(lines) => {
                for l in lines {
                    for w in wrap(&shown(l), width) {
                        out.push(Line::styled(w, th.text()));
                    }
                }
            }
            DocBlock::Note(text) => {
                for w in wrap(&shown(text), width) {
                    out.push(Line::styled(w, th.muted().add_modifier(Modifier::ITALIC)));
                }
            }
            // The preview shows a picture's alt text, not the picture.
            DocBlock::Image { alt, .. } => {
                for w in wrap(&format!("[{}]", shown(alt)), width) {
                    out.push(Line::styled(w, th.muted().add_modifier(Modifier::ITALIC)));
                }
            }
            DocBlock::Bullets(items) => {
                for i in items {
                    hanging(&mut out, "• ", &shown(i), width, th.text());
                }
            }
            DocBlock::BulletsNested(items) => {
                for (i, subs) in items {
                    hanging(&mut out, "• ", &shown(i), width, th.text());
                    for s in subs {
                        hanging(&mut out, "    – ", &shown(s), width, th.text());
                    }
                }
            }
            DocBlock::Numbered(items) => {
                for (n, i) in items.iter().enumerate() {
                    hanging(
                        &mut out,
                        &format!("{}. ", n + 1),
                        &shown(i),
                        width,
                        th.text(),
                    );
                }
            }
            DocBlock::Table {
                header,
                align,
                rows,
            } => {
                let header: Vec<String> = header.iter().map(|h| shown(h)).collect();
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| shown(c)).collect())
                    .collect();
                table(&mut out, &header, align, &rows, width, th);
            }
        }
    }
    out
}

/// A list item: the marker, then the text wrapped under itself.
fn hanging(out: &mut Vec<Line<'static>>, marker: &str, text: &str, width: usize, style: Style) {
    let indent = marker.width();
    for (i, l) in wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
    {
        let head = if i == 0 {
            marker.to_string()
        } else {
            " ".repeat(indent)
        };
        out.push(Line::styled(format!("{head}{l}"), style));
    }
}

/// Column widths that fit `width` with the borders: each column's widest
/// cell when that fits; otherwise every column gets its longest word (so
/// words are not cut) and the room left goes to the columns with longer
/// text, in proportion; only when even the words do not fit does the
/// widest column give up columns (never below 3).
pub fn column_widths(header: &[String], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let cols = header.len();
    let cells =
        |i: usize| std::iter::once(&header[i]).chain(rows.iter().filter_map(move |r| r.get(i)));
    let natural: Vec<usize> = (0..cols)
        .map(|i| cells(i).map(|c| c.width()).max().unwrap_or(0).max(1))
        .collect();
    // "│ a │ b │": 3 per column and 1.
    let budget = width.saturating_sub(3 * cols + 1);
    if natural.iter().sum::<usize>() <= budget {
        return natural;
    }
    let mut w: Vec<usize> = (0..cols)
        .map(|i| {
            cells(i)
                .flat_map(|c| c.split_whitespace())
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(1)
                .clamp(1, natural[i])
        })
        .collect();
    let min_sum: usize = w.iter().sum();
    if min_sum < budget {
        let extra: Vec<usize> = natural.iter().zip(&w).map(|(n, m)| n - m).collect();
        let extra_sum: usize = extra.iter().sum::<usize>().max(1);
        let room = budget - min_sum;
        for (wi, e) in w.iter_mut().zip(&extra) {
            *wi += e * room / extra_sum;
        }
    }
    while w.iter().sum::<usize>() > budget {
        let Some((i, &max)) = w
            .iter()
            .enumerate()
            .max_by_key(|(i, v)| (**v, usize::MAX - i))
        else {
            break;
        };
        if max <= 3 {
            break;
        }
        w[i] -= 1;
    }
    w
}

fn table(
    out: &mut Vec<Line<'static>>,
    header: &[String],
    align: &[Align],
    rows: &[Vec<String>],
    width: usize,
    th: Theme,
) {
    let widths = column_widths(header, rows, width);
    let rule = |l: &str, m: &str, r: &str| {
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{l}{}{r}", parts.join(m))
    };
    out.push(Line::styled(rule("┌", "┬", "┐"), th.border()));
    row_lines(out, header, align, &widths, th.header(), th);
    out.push(Line::styled(rule("├", "┼", "┤"), th.border()));
    for r in rows {
        row_lines(out, r, align, &widths, th.text(), th);
    }
    out.push(Line::styled(rule("└", "┴", "┘"), th.border()));
}

/// One table row, as many lines as its tallest wrapped cell.
fn row_lines(
    out: &mut Vec<Line<'static>>,
    cells: &[String],
    align: &[Align],
    widths: &[usize],
    style: Style,
    th: Theme,
) {
    let wrapped: Vec<Vec<String>> = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| wrap(cells.get(i).map_or("", String::as_str), w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for k in 0..height {
        let mut spans = vec![Span::styled("│", th.border())];
        for (i, &w) in widths.iter().enumerate() {
            let c = wrapped[i].get(k).map_or("", String::as_str);
            let c = fit(c, w);
            let pad = " ".repeat(w.saturating_sub(c.width()));
            let cell = if align.get(i) == Some(&Align::Right) {
                format!(" {pad}{c} ")
            } else {
                format!(" {c}{pad} ")
            };
            spans.push(Span::styled(cell, style));
            spans.push(Span::styled("│", th.border()));
        }
        out.push(Line::from(spans));
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

/// The lines the preview shows: the window less the tab bar, the status
/// bar and the frame.
fn page(app: &App) -> usize {
    usize::from(app.size.height.saturating_sub(4)).max(1)
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
    let framed = block.inner(r);
    f.render_widget(block, r);
    let inner = framed.inner(ratatui::layout::Margin {
        horizontal: 1,
        vertical: 0,
    });
    let lines: Vec<Line> = p
        .lines
        .iter()
        .skip(p.scroll)
        .take(usize::from(inner.height))
        .cloned()
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}
