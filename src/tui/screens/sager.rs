//! Sager (cases): the list of institutions with their report's date and
//! episode count, and under it the selected report's summary. Enter opens
//! the report reader (`rapport`), `e` the episode table (`episoder`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{Cursor, fit, thousands, wrap};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default, Clone)]
pub struct SagerState {
    pub cursor: Cursor,
}

/// The list takes what its rows need (at most two thirds when a preview
/// fits), the summary preview the rest.
fn split(body: Rect, cases: usize) -> (Rect, Rect) {
    let want = u16::try_from(cases).unwrap_or(u16::MAX).saturating_add(3);
    let list_h = if body.height >= 16 {
        want.clamp(5, body.height * 2 / 3)
    } else {
        body.height
    };
    let [list, prev] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(0)]).areas(body);
    (list, prev)
}

/// Rows of the list that fit.
pub fn list_rows(body: Rect, cases: usize) -> usize {
    usize::from(split(body, cases).0.height.saturating_sub(3))
}

pub fn apply(app: &mut App, a: Action) {
    let n = app.audit.cases.len();
    let h = list_rows(app.body(), n);
    let c = &mut app.sager.cursor;
    match a {
        Action::Up => c.move_by(-1, n, h),
        Action::Down => c.move_by(1, n, h),
        Action::PageUp => c.move_by(-(h as isize), n, h),
        Action::PageDown => c.move_by(h as isize, n, h),
        Action::Home => c.home(),
        Action::End => c.end(n, h),
        Action::Open if n > 0 => {
            let sel = c.selected;
            app.open_report(sel);
        }
        _ => {}
    }
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let n = app.audit.cases.len();
    let (list, _) = split(body, n);
    let first = list.y + 2;
    let rows = list_rows(body, n);
    if y < first || usize::from(y - first) >= rows {
        return None;
    }
    let i = app.sager.cursor.offset_for(rows) + usize::from(y - first);
    (i < app.audit.cases.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let n = app.audit.cases.len();
    let (list, preview) = split(area, n);
    let rows_h = list_rows(area, n);
    let offset = app.sager.cursor.offset_for(rows_h);
    let name_w = usize::from(list.width / 3).clamp(8, 40);
    // An audit without episode files has no episode column.
    let magt = app.audit.has_episodes();
    let header = [
        Msg::Institution.get(lang).to_string(),
        Msg::Tilsyn.get(lang).to_string(),
        if magt {
            Msg::Episodes.get(lang).to_string()
        } else {
            String::new()
        },
        Msg::Report.get(lang).to_string(),
    ];
    let cells: Vec<(usize, [String; 4])> = app
        .audit
        .cases
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .map(|(i, c)| {
            let tilsyn = app
                .audit
                .tilsyn(&c.tilsyn)
                .map(|t| short_tilsyn(&t.name))
                .unwrap_or(&c.tilsyn);
            let visit = if c.report.announced {
                Msg::Announced.get(lang)
            } else {
                Msg::Unannounced.get(lang)
            };
            let row = [
                fit(&c.name, name_w),
                tilsyn.to_string(),
                if magt {
                    thousands(c.episodes.len() as u64)
                } else {
                    String::new()
                },
                format!("{} ({visit})", c.report.date.format("%Y-%m-%d")),
            ];
            (i, row)
        })
        .collect();
    // Each column as wide as its widest cell; the last takes what is left.
    let widths: Vec<Constraint> = (0..4)
        .map(|col| {
            let w = std::iter::once(&header[col])
                .chain(cells.iter().map(|(_, r)| &r[col]))
                .map(|c| c.width())
                .max()
                .unwrap_or(1);
            if col == 3 {
                Constraint::Fill(1)
            } else {
                Constraint::Length(w as u16)
            }
        })
        .collect();
    let rows: Vec<Row> = cells
        .into_iter()
        .map(|(i, r)| {
            if i == app.sager.cursor.selected {
                Row::new(r).style(th.selected())
            } else {
                Row::new(r).style(th.text())
            }
        })
        .collect();
    let header = Row::new(header).style(th.header());
    let title = format!(" {} ({}) ", Msg::Cases.get(lang), app.audit.cases.len());
    f.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(2)
            .block(
                Block::bordered()
                    .border_style(th.border())
                    .title(Span::styled(title, th.title())),
            ),
        list,
    );
    if app.audit.cases.is_empty() {
        if list.height > 3 {
            let r = Rect {
                x: list.x + 2,
                y: list.y + 2,
                width: list.width.saturating_sub(4),
                height: 1,
            };
            f.render_widget(Paragraph::new(Msg::NoCases.get(lang)).style(th.muted()), r);
        }
        return;
    }
    if preview.height < 3 {
        return;
    }
    let Some(c) = app.audit.cases.get(app.sager.cursor.selected) else {
        return;
    };
    let w = usize::from(preview.width.saturating_sub(2)).max(1);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}  ", c.name), th.title()),
        Span::styled(
            format!("{} · {}", text::institution_kind(c.kind, lang), c.operator),
            th.muted(),
        ),
    ])];
    for l in wrap(&app.shown(&c.report.summary), w) {
        lines.push(Line::styled(l, th.text()));
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(th.border()).title(
            Span::styled(format!(" {} ", Msg::Summary.get(lang)), th.title()),
        )),
        preview,
    );
}
