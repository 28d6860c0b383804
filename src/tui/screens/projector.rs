//! The projector view (`P`): the whole window for the room, with figures
//! large enough to read from the back of a meeting room. Before the round
//! is revealed it shows each tilsyn's progress (cells scored of cells, never
//! a value); once revealed, the side-by-side summary: alpha with its label,
//! the number of cells with spread (◆) and each tilsyn's mean. Large
//! figures are drawn with a small block font of our own (3 rows high);
//! when the window is too low for them the same figures come in plain text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{bar, fit};

/// Rows of one large figure.
pub const BIG_ROWS: usize = 3;

/// One glyph of the block font: three rows of equal width.
fn glyph(c: char) -> [&'static str; 3] {
    match c {
        '0' => ["█▀█", "█ █", "▀▀▀"],
        '1' => ["▀█ ", " █ ", "▀▀▀"],
        '2' => ["▀▀█", "█▀▀", "▀▀▀"],
        '3' => ["▀▀█", " ▀█", "▀▀▀"],
        '4' => ["█ █", "▀▀█", "  ▀"],
        '5' => ["█▀▀", "▀▀█", "▀▀▀"],
        '6' => ["█▀▀", "█▀█", "▀▀▀"],
        '7' => ["▀▀█", "  █", "  ▀"],
        '8' => ["█▀█", "█▀█", "▀▀▀"],
        '9' => ["█▀█", "▀▀█", "▀▀▀"],
        '/' => ["  █", " █ ", "█  "],
        ',' | '.' => ["  ", "  ", "█ "],
        '-' | '–' => ["   ", "▀▀▀", "   "],
        _ => ["  ", "  ", "  "],
    }
}

/// A figure ("41/88", "0,62", "–") in the block font: three lines, one
/// column between glyphs.
pub fn big(figure: &str) -> [String; 3] {
    let mut rows = [String::new(), String::new(), String::new()];
    for (i, c) in figure.chars().enumerate() {
        let g = glyph(c);
        for (r, row) in rows.iter_mut().enumerate() {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(g[r]);
        }
    }
    rows
}

/// One line of the view: a label, a large figure and a note beside it.
struct Row {
    label: String,
    figure: String,
    note: String,
    style: Style,
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    f.render_widget(Block::new().style(th.base()), area);
    let round = app.panel.current_round();
    let revealed = app.panel.is_revealed(round);
    let w = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let head = format!(
        " {} · {} ",
        text::round_state(round, revealed, lang),
        text::audit_label(&app.audit.config.id, &app.audit.config.title, lang),
    );
    lines.push(Line::styled(fit(&head, w), th.title()));
    let rows = if revealed {
        summary_rows(app, round)
    } else {
        progress_rows(app)
    };
    let sub = if revealed {
        Msg::ProjectorSummary.get(lang)
    } else {
        Msg::ProjectorProgress.get(lang)
    };
    lines.push(Line::styled(fit(&format!(" {sub}"), w), th.muted()));
    let label_w = rows.iter().map(|r| r.label.width()).max().unwrap_or(0) + 2;
    let fig_w = rows
        .iter()
        .map(|r| big(&r.figure)[0].width())
        .max()
        .unwrap_or(0)
        + 3;
    // Large figures with a blank line between them, or without when the
    // window is low; plain text when even that does not fit.
    let room = usize::from(area.height).saturating_sub(lines.len() + 1);
    let wide = label_w + fig_w + 10 <= w;
    let gap = usize::from(rows.len() * (BIG_ROWS + 1) <= room);
    let large = wide && rows.len() * (BIG_ROWS + gap) <= room;
    for r in &rows {
        if large {
            if gap == 1 {
                lines.push(Line::default());
            }
            let g = big(&r.figure);
            for (i, gl) in g.iter().enumerate() {
                let label = if i == 1 { r.label.as_str() } else { "" };
                let note = if i == 1 { r.note.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {label:<lw$}", lw = label_w - 1), th.title()),
                    Span::styled(format!("{gl:<fig_w$}"), r.style),
                    Span::styled(fit(note, w.saturating_sub(label_w + fig_w)), th.text()),
                ]));
            }
        } else {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:<lw$}", r.label, lw = label_w - 1), th.title()),
                Span::styled(format!("{:<8}", r.figure), r.style),
                Span::styled(fit(&r.note, w.saturating_sub(label_w + 8)), th.text()),
            ]));
        }
    }
    lines.truncate(usize::from(area.height).saturating_sub(1));
    f.render_widget(Paragraph::new(lines).style(th.base()), area);
    let hint = Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1);
    f.render_widget(
        Paragraph::new(Line::styled(
            fit(&format!(" {}", Msg::ProjectorHint.get(lang)), w),
            th.muted(),
        ))
        .style(th.base()),
        hint,
    );
}

/// Before the reveal: per tilsyn, cells scored of cells and a bar.
fn progress_rows(app: &App) -> Vec<Row> {
    let th = app.theme;
    crate::tui::screens::progress::shown_raters(app)
        .into_iter()
        .filter_map(|i| Some((i, app.audit.config.tilsyn.get(i)?)))
        .map(|(i, t)| {
            let p = app.stats.progress_total.get(i).copied().unwrap_or_default();
            let done = p.done();
            let pct = (done * 100).checked_div(p.total).unwrap_or(0);
            let filled = bar(done as f64, p.total.max(1) as f64, 20);
            let pad = 20usize.saturating_sub(filled.width());
            Row {
                label: short_tilsyn(&t.name).to_string(),
                figure: format!("{done}/{}", p.total),
                note: format!("{filled}{} {pct} %", "░".repeat(pad)),
                style: if p.total > 0 && done == p.total {
                    th.ok()
                } else {
                    th.key()
                },
            }
        })
        .collect()
}

/// After the reveal: alpha with its label, the cells with spread, and each
/// tilsyn's mean.
fn summary_rows(app: &App, round: u32) -> Vec<Row> {
    let th = app.theme;
    let lang = app.lang;
    let Some(rs) = app.stats.round(round) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let alpha = rs.agreement.as_ref().map(|a| &a.overall.agreement);
    let (figure, note) = match alpha.and_then(|a| a.alpha.map(|v| (v, a))) {
        Some((v, a)) => (
            text::decimal(v, 2, lang),
            a.reliability()
                .map_or(String::new(), |r| text::reliability(r, lang).to_string()),
        ),
        None => ("–".to_string(), String::new()),
    };
    rows.push(Row {
        label: "α".into(),
        figure,
        note,
        style: th.key(),
    });
    rows.push(Row {
        label: "◆".into(),
        figure: rs.flagged.to_string(),
        note: text::flagged_cells(rs.flagged, rs.cells.len(), lang),
        style: th.warning(),
    });
    for (i, t) in app.audit.config.tilsyn.iter().enumerate() {
        let mean = rs.rater_mean.get(i).copied().flatten();
        rows.push(Row {
            label: short_tilsyn(&t.name).to_string(),
            figure: mean.map_or("–".into(), |m| text::decimal(m, 1, lang)),
            note: Msg::ProjectorMean.get(lang).to_string(),
            style: th.bar(),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_figures_are_three_rows_of_equal_width() {
        let g = big("41/88");
        assert_eq!(g[0], "█ █ ▀█    █ █▀█ █▀█");
        assert_eq!(g[1], "▀▀█  █   █  █▀█ █▀█");
        assert_eq!(g[2], "  ▀ ▀▀▀ █   ▀▀▀ ▀▀▀");
        assert_eq!(big("3,4")[2], "▀▀▀ █    ▀");
    }
}
