//! Oversigt (overview): the audit's title, the fictitious marker,
//! background and hypotheses above a table of the institutions with
//! totals and the range across them. State: the table's cursor and the
//! text's scroll; `Summary` is computed once at load.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

use crate::domain::magtprofil::Comparison;
use crate::domain::model::Audit;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{Cursor, fit, thousands, wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Default, Clone)]
pub struct OversigtState {
    pub cursor: Cursor,
    /// First line of the text above the table.
    pub text_scroll: usize,
}

/// Totals and ranges over the institutions, computed when the audit loads.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub places: u64,
    pub episodes: u64,
    /// Weighted by places: episodes per place per year over all institutions.
    pub rate: Option<f64>,
    pub places_range: Option<(u32, u32)>,
    pub episodes_range: Option<(usize, usize)>,
    pub rate_range: Option<(f64, f64)>,
}

impl Summary {
    pub fn compute(
        audit: &Audit,
        comparison: &Comparison,
        profile_of: &[Option<usize>],
    ) -> Summary {
        let rate = |i: usize| {
            profile_of
                .get(i)
                .copied()
                .flatten()
                .and_then(|p| comparison.profiles.get(p))
                .and_then(|p| p.rate_per_place)
        };
        let places: u64 = audit.cases.iter().map(|c| u64::from(c.places)).sum();
        let episodes = audit.episode_count() as u64;
        let mut weighted = 0.0;
        let mut weight = 0.0;
        let mut rate_range: Option<(f64, f64)> = None;
        for (i, c) in audit.cases.iter().enumerate() {
            if let Some(r) = rate(i) {
                weighted += r * f64::from(c.places);
                weight += f64::from(c.places);
                rate_range = Some(match rate_range {
                    None => (r, r),
                    Some((lo, hi)) => (lo.min(r), hi.max(r)),
                });
            }
        }
        let minmax = |it: &mut dyn Iterator<Item = usize>| {
            it.fold(None, |acc: Option<(usize, usize)>, v| {
                Some(match acc {
                    None => (v, v),
                    Some((lo, hi)) => (lo.min(v), hi.max(v)),
                })
            })
        };
        Summary {
            places,
            episodes,
            rate: (weight > 0.0).then(|| weighted / weight),
            places_range: minmax(&mut audit.cases.iter().map(|c| c.places as usize))
                .map(|(a, b)| (a as u32, b as u32)),
            episodes_range: minmax(&mut audit.cases.iter().map(|c| c.episodes.len())),
            rate_range,
        }
    }
}

/// Rows of the table that fit (without header and the two summary lines).
pub fn table_rows(app: &App, body: Rect) -> usize {
    let (_, table) = split(app, body);
    usize::from(table.height.saturating_sub(5))
}

/// The text on top (as tall as it is, up to what the table leaves), the
/// table right under it.
fn split(app: &App, body: Rect) -> (Rect, Rect) {
    let want = u16::try_from(app.audit.cases.len())
        .unwrap_or(u16::MAX)
        .saturating_add(5);
    let max = (body.height * 3 / 5).max(6);
    let table_h = want.min(max).min(body.height);
    let text_len = u16::try_from(text_lines(app, body.width).0.len()).unwrap_or(u16::MAX);
    let text_h = text_len
        .saturating_add(1)
        .min(body.height.saturating_sub(table_h));
    let [top, bottom, _] = Layout::vertical([
        Constraint::Length(text_h),
        Constraint::Length(table_h),
        Constraint::Min(0),
    ])
    .areas(body);
    (top, bottom)
}

/// The text above the table, wrapped to `width`; also the line where the
/// hypotheses begin.
fn text_lines(app: &App, width: u16) -> (Vec<Line<'static>>, usize) {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width.saturating_sub(2)).max(1);
    let cfg = &app.audit.config;
    let mut lines = Vec::new();
    let mut title = vec![Span::styled(
        text::audit_label(&cfg.id, &cfg.title, lang),
        th.title(),
    )];
    if cfg.fictitious {
        title.push(Span::raw("  "));
        title.push(Span::styled(Msg::Fictitious.get(lang), th.fictitious()));
    }
    lines.push(Line::from(title));
    // The panel's round, revealed or not; in a blind round how far each
    // tilsyn is (counts only).
    if !cfg.tilsyn.is_empty() && !app.audit.form.questions.is_empty() {
        let round = app.panel.current_round();
        let revealed = app.panel.is_revealed(round);
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", Msg::Panel.get(lang)), th.header()),
            Span::styled(text::round_state(round, revealed, lang), th.key()),
        ]));
        if !revealed {
            lines.extend(super::progress::lines(app, w));
        }
    }
    if !cfg.background.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::Background.get(lang),
            th.header(),
        )));
        for l in wrap(&app.shown(&cfg.background), w) {
            lines.push(Line::styled(l, th.text()));
        }
    }
    let hyp_line = lines.len();
    if !app.audit.hypotheses.is_empty() {
        lines.push(Line::from(Span::styled(
            Msg::Hypotheses.get(lang),
            th.header(),
        )));
        for h in &app.audit.hypotheses {
            let label = format!("{}  ", h.id.to_uppercase());
            let indent = label.chars().count();
            for (i, l) in wrap(&app.shown(&h.text), w.saturating_sub(indent).max(1))
                .into_iter()
                .enumerate()
            {
                let head = if i == 0 {
                    label.clone()
                } else {
                    " ".repeat(indent)
                };
                lines.push(Line::from(vec![
                    Span::styled(head, th.key()),
                    Span::styled(l, th.text()),
                ]));
            }
        }
    }
    (lines, hyp_line)
}

/// The line of the hypotheses heading (for the finder's jump).
pub fn hypotheses_line(app: &App) -> usize {
    text_lines(app, app.body().width).1
}

fn text_height(app: &App) -> usize {
    let (top, _) = split(app, app.body());
    usize::from(top.height.saturating_sub(1))
}

pub fn apply(app: &mut App, a: Action) {
    let n = app.audit.cases.len();
    let h = table_rows(app, app.body());
    let text_len = text_lines(app, app.body().width).0.len();
    let page = text_height(app).max(1);
    let max_scroll = text_len.saturating_sub(page);
    match a {
        Action::Up => app.oversigt.cursor.move_by(-1, n, h),
        Action::Down => app.oversigt.cursor.move_by(1, n, h),
        Action::Home => app.oversigt.cursor.home(),
        Action::End => app.oversigt.cursor.end(n, h),
        Action::PageUp => app.oversigt.text_scroll = app.oversigt.text_scroll.saturating_sub(page),
        Action::PageDown => {
            app.oversigt.text_scroll = (app.oversigt.text_scroll + page).min(max_scroll)
        }
        Action::Open if n > 0 => app.open_report(app.oversigt.cursor.selected),
        _ => {}
    }
}

/// Which institution row is at screen row `y`.
pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let (_, table) = split(app, body);
    let first = table.y + 2; // border + header
    let rows = table_rows(app, body);
    if y < first || usize::from(y - first) >= rows {
        return None;
    }
    let i = app.oversigt.cursor.offset_for(rows) + usize::from(y - first);
    (i < app.audit.cases.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let (top, bottom) = split(app, area);
    let (lines, _) = text_lines(app, top.width);
    let scroll = app.oversigt.text_scroll.min(lines.len().saturating_sub(1));
    let total = lines.len();
    let room = usize::from(top.height);
    let mut visible: Vec<Line> = lines.into_iter().skip(scroll).take(room).collect();
    // Say that there is more, and how to get to it.
    if scroll + room < total && room > 1 {
        visible.truncate(room - 1);
        visible.push(Line::styled(Msg::MoreBelow.get(lang), th.key()));
    } else if scroll > 0 && total > 0 && room > 1 {
        visible.truncate(room - 1);
        visible.push(Line::styled(Msg::MoreAbove.get(lang), th.key()));
    }
    f.render_widget(
        Paragraph::new(visible).block(Block::new().borders(Borders::NONE)),
        Rect {
            x: top.x + 1,
            width: top.width.saturating_sub(2),
            ..top
        },
    );

    let rows_h = table_rows(app, area);
    let offset = app.oversigt.cursor.offset_for(rows_h);
    let lang_da = lang == text::Lang::Da;
    let rate_str = |r: Option<f64>| {
        r.map_or("–".to_string(), |r| {
            crate::tui::widgets::decimal(r, 1, lang_da)
        })
    };
    // The institution kind only where there is room for it.
    let wide = bottom.width >= 100;
    // An audit without episode files has no episode or rate columns.
    let magt = app.audit.has_episodes();
    let name_w = usize::from(bottom.width / 3).clamp(8, 40);
    // Every row's cells first, so each column is as wide as its content.
    let mut cells: Vec<([String; 7], Style)> = Vec::new();
    cells.push((
        [
            Msg::Institution.get(lang).to_string(),
            Msg::Kind.get(lang).to_string(),
            Msg::Tilsyn.get(lang).to_string(),
            Msg::Places.get(lang).to_string(),
            Msg::Episodes.get(lang).to_string(),
            Msg::Rate.get(lang).to_string(),
            Msg::ReportDate.get(lang).to_string(),
        ],
        th.header(),
    ));
    for (i, c) in app.audit.cases.iter().enumerate().skip(offset).take(rows_h) {
        let rate = app
            .profile_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|p| app.comparison.profiles.get(p))
            .and_then(|p| p.rate_per_place);
        let tilsyn = app
            .audit
            .tilsyn(&c.tilsyn)
            .map(|t| short_tilsyn(&t.name))
            .unwrap_or(&c.tilsyn)
            .to_string();
        let style = if i == app.oversigt.cursor.selected {
            th.selected()
        } else {
            th.text()
        };
        cells.push((
            [
                fit(&c.name, name_w),
                text::institution_kind(c.kind, lang).to_string(),
                tilsyn,
                c.places.to_string(),
                thousands(c.episodes.len() as u64),
                rate_str(rate),
                c.report.date.format("%Y-%m-%d").to_string(),
            ],
            style,
        ));
    }
    let s = &app.summary;
    let range =
        |r: Option<(String, String)>| r.map_or("–".to_string(), |(a, b)| format!("{a}–{b}"));
    cells.push((
        [
            Msg::Total.get(lang).to_string(),
            String::new(),
            String::new(),
            thousands(s.places),
            thousands(s.episodes),
            rate_str(s.rate),
            String::new(),
        ],
        th.title(),
    ));
    cells.push((
        [
            Msg::Range.get(lang).to_string(),
            String::new(),
            String::new(),
            range(s.places_range.map(|(a, b)| (a.to_string(), b.to_string()))),
            range(
                s.episodes_range
                    .map(|(a, b)| (thousands(a as u64), thousands(b as u64))),
            ),
            range(
                s.rate_range
                    .map(|(a, b)| (rate_str(Some(a)), rate_str(Some(b)))),
            ),
            String::new(),
        ],
        th.muted(),
    ));
    let shown = |i: usize| (wide || i != 1) && (magt || !(4..=5).contains(&i));
    // Each column as wide as its widest cell; the last takes what is left.
    let widths: Vec<Constraint> = (0..7)
        .filter(|i| shown(*i))
        .map(|i| {
            let w = cells.iter().map(|(c, _)| c[i].width()).max().unwrap_or(1);
            if i == 6 {
                Constraint::Fill(1)
            } else {
                Constraint::Length(w as u16)
            }
        })
        .collect();
    let mut rows: Vec<Row> = cells
        .into_iter()
        .map(|(c, style)| {
            let cells: Vec<Line> = c
                .into_iter()
                .enumerate()
                .filter(|(i, _)| shown(*i))
                .map(|(i, c)| {
                    if (3..=5).contains(&i) {
                        Line::from(c).right_aligned()
                    } else {
                        Line::from(c)
                    }
                })
                .collect();
            Row::new(cells).style(style)
        })
        .collect();
    let header = rows.remove(0);
    let title = format!(
        " {} ({}) ",
        Msg::Institutions.get(lang),
        app.audit.cases.len()
    );
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title())),
        );
    f.render_widget(table, bottom);
    if app.audit.cases.is_empty() && bottom.height > 3 {
        let inner = Rect {
            x: bottom.x + 2,
            y: bottom.y + 2,
            width: bottom.width.saturating_sub(4),
            height: 1,
        };
        f.render_widget(
            Paragraph::new(Msg::NoCases.get(lang)).style(th.muted()),
            inner,
        );
    }
}

/// "Socialtilsyn Øst" → "Øst" where the column is narrow.
pub fn short_tilsyn(name: &str) -> &str {
    name.strip_prefix("Socialtilsyn ").unwrap_or(name)
}

/// A tilsyn's name for a column `width` wide: the short name when it fits,
/// else its first letters and a full stop ("Hoved." for Hovedstaden), never
/// a cut "…" that hides which one it is.
pub fn tilsyn_column(name: &str, width: usize) -> String {
    let short = short_tilsyn(name);
    if short.width() <= width || width < 2 {
        return fit(short, width);
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in short.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw > width - 1 {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('.');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilsyn_columns_abbreviate_without_hiding_the_name() {
        assert_eq!(tilsyn_column("Socialtilsyn Nord", 6), "Nord");
        assert_eq!(tilsyn_column("Socialtilsyn Øst", 3), "Øst");
        assert_eq!(tilsyn_column("Socialtilsyn Hovedstaden", 6), "Hoved.");
        assert_eq!(tilsyn_column("Socialtilsyn Hovedstaden", 11), "Hovedstaden");
        assert_eq!(tilsyn_column("Socialtilsyn Hovedstaden", 1), "…");
    }
}
