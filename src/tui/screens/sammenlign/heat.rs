//! Sammenlign's heat map: all cases × questions, shaded by spread or mean,
//! and the cell under a click.

use super::draw::clip_line;
use super::state::HeatBy;
use crate::tui::app::{App, Tab};
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::screens::panel::CellStats;
use crate::tui::screens::vurdering::value_short;
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::{fit, visible_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The heat map: questions × cases, each cell shaded (and coloured) by the
/// spread of the scores or by the panel's mean.
/// Where the heat map's cells lie inside its frame: the question column's
/// width, each case column's width, how many question rows show and the
/// first one shown. Drawing and clicks both use it.
struct HeatGeom {
    id_w: usize,
    cw: usize,
    rows: usize,
    offset: usize,
}

fn heat_geom(app: &App, inner: Rect) -> HeatGeom {
    let id_w = app
        .audit
        .form
        .questions
        .iter()
        .map(|q| q.id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 8)
        .max(Msg::MeanShort.get(app.lang).width());
    let nc = app.audit.cases.len();
    let cw = (usize::from(inner.width).saturating_sub(id_w + 1) / nc.max(1)).clamp(4, 14);
    let rows = usize::from(inner.height.saturating_sub(4)).max(1);
    let offset = visible_offset(0, app.sammenlign.question, rows);
    HeatGeom {
        id_w,
        cw,
        rows,
        offset,
    }
}

/// The heat map cell under a click, as `question × cases + case` (see
/// `selected_row`).
pub fn heat_at(app: &App, body: Rect, x: u16, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(body);
    let g = heat_geom(app, inner);
    let nq = app.audit.form.questions.len();
    let nc = app.audit.cases.len();
    let first = inner.y + 1;
    let left = usize::from(inner.x) + g.id_w + 1;
    if y < first || usize::from(x) < left || x >= inner.right() {
        return None;
    }
    let r = usize::from(y - first);
    let q = g.offset + r;
    let c = (usize::from(x) - left) / g.cw;
    (r < g.rows && q < nq && c < nc).then_some(q * nc + c)
}

pub(super) fn draw_heat(f: &mut Frame, area: Rect, app: &App, shown: u32, current: u32) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.sammenlign;
    let nq = app.audit.form.questions.len();
    let Some(rs) = app.stats.round(shown) else {
        return;
    };
    let by = match st.heat {
        HeatBy::Spread => Msg::HeatBySpread,
        HeatBy::Mean => Msg::HeatByMean,
    };
    let mut block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(
                " {} · {} · {} ",
                text::tab(Tab::Sammenlign, lang),
                by.get(lang),
                text::round_state(shown, true, lang)
            ),
            th.title(),
        ));
    if shown < current {
        block = block.title_bottom(Line::styled(
            format!(" {} ", text::hidden_short(current, lang)),
            th.warning(),
        ));
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let iw = usize::from(inner.width);
    let HeatGeom {
        id_w,
        cw,
        rows,
        offset,
    } = heat_geom(app, inner);
    let nc = app.audit.cases.len();
    let mut lines = Vec::new();
    let mut h = format!("{:<w$} ", Msg::QuestionShort.get(lang), w = id_w);
    for (i, c) in app.audit.cases.iter().enumerate() {
        let name = fit(&c.name, cw - 1);
        let cell = format!("{name:<w$} ", w = cw - 1);
        h.push_str(&cell);
        let _ = i;
    }
    lines.push(Line::styled(fit(&h, iw), th.header()));
    for (q, question) in app
        .audit
        .form
        .questions
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
    {
        let mut spans = vec![Span::styled(
            format!("{:<w$} ", question.id, w = id_w),
            if q == st.question {
                th.title()
            } else {
                th.text()
            },
        )];
        for c in 0..nc {
            let cell = rs.cell(c, q, nq);
            let (txt, level) = heat_cell(cell, st.heat, &app.audit.form.scale, lang);
            let style = if q == st.question && c == st.case {
                th.selected()
            } else {
                th.heat(level)
            };
            spans.push(Span::styled(format!("{txt:<w$}", w = cw - 1), style));
            spans.push(Span::raw(" "));
        }
        let mut line = Line::from(spans);
        clip_line(&mut line, iw);
        lines.push(line);
    }
    // The panel's mean per case.
    let mut m = format!("{:<w$} ", Msg::MeanShort.get(lang), w = id_w);
    for c in 0..nc {
        let v = rs.case_mean.get(c).copied().flatten();
        m.push_str(&format!(
            "{:<w$} ",
            v.map_or("–".into(), |v| text::decimal(v, 1, lang)),
            w = cw - 1
        ));
    }
    lines.push(Line::styled(fit(&m, iw), th.title()));
    lines.push(Line::styled(fit(&legend(st.heat, lang), iw), th.muted()));
    // The selected cell, every tilsyn's value.
    if let Some(cell) = rs.cell(st.case, st.question, nq) {
        let mut s = format!(
            "{} · {}: ",
            app.audit.cases[st.case].name, app.audit.form.questions[st.question].id
        );
        for (r, t) in app.audit.config.tilsyn.iter().enumerate() {
            if r > 0 {
                s.push_str("  ");
            }
            s.push_str(&format!(
                "{} {}",
                short_tilsyn(&t.name),
                value_short(cell.values.get(r).copied().flatten())
            ));
        }
        lines.push(Line::styled(fit(&s, iw), th.text()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Shade glyphs from calm to hot: they carry the heat map without colour.
const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];

/// A heat map cell's text and heat level (0–4).
fn heat_cell(
    cell: Option<&CellStats>,
    by: HeatBy,
    scale: &crate::domain::model::Scale,
    lang: Lang,
) -> (String, u8) {
    let Some(cell) = cell else {
        return (String::new(), 0);
    };
    match by {
        HeatBy::Spread => match &cell.spread {
            Some(s) => {
                let level = s.range.min(4);
                (format!("{}{}", SHADES[usize::from(level)], s.range), level)
            }
            None => (" ".into(), 0),
        },
        HeatBy::Mean => match cell.mean {
            Some(m) => {
                // Low means are hot: the tilsyn assessed little of it.
                let span = f64::from(scale.max.saturating_sub(scale.min).max(1));
                let t = ((f64::from(scale.max) - m) / span * 4.0)
                    .round()
                    .clamp(0.0, 4.0) as u8;
                (
                    format!("{}{}", SHADES[usize::from(t)], text::decimal(m, 1, lang)),
                    t,
                )
            }
            None => (" ".into(), 0),
        },
    }
}

fn legend(by: HeatBy, lang: Lang) -> String {
    match by {
        HeatBy::Spread => format!("{}: ·0 ░1 ▒2 ▓3 █4+", Msg::LegendSpread.get(lang)),
        HeatBy::Mean => format!("{}: ·5 ░4 ▒3 ▓2 █1", Msg::LegendMean.get(lang)),
    }
}
