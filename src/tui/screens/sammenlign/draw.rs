//! Sammenlign's drawing: the table of scores, the agreement and Friedman
//! lines, the selected cell's detail, and the row under a click.

use super::heat::draw_heat;
use super::state::{CompareView, selected_row};
use crate::domain::agreement::Agreement;
use crate::tui::app::{App, Tab};
use crate::tui::screens::oversigt::{short_tilsyn, tilsyn_column};
use crate::tui::screens::panel::{CellStats, RoundStats, shown_round};
use crate::tui::screens::vurdering::value_short;
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::{fit, visible_offset, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

struct Areas {
    top: Rect,
    detail: Rect,
}

fn areas(area: Rect, questions: usize) -> Areas {
    let want = questions as u16 + 5;
    let top_h = want
        .min(area.height.saturating_sub(6))
        .max(4.min(area.height));
    let [top, detail] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(area);
    Areas { top, detail }
}

fn table_rows(top: Rect) -> usize {
    usize::from(top.height.saturating_sub(5)).max(1)
}

/// The row under a click (table view): selects its question.
pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let a = areas(body, app.audit.form.questions.len());
    let first = a.top.y + 3;
    if y < first {
        return None;
    }
    let rows = table_rows(a.top);
    let st = &app.sammenlign;
    let pos = st.order.iter().position(|q| *q == st.question).unwrap_or(0);
    let i = visible_offset(0, pos, rows) + usize::from(y - first);
    (i < st.order.len().min(rows + visible_offset(0, pos, rows))).then_some(i)
}

/// "0,618" / "–": three decimals, as everywhere an alpha is printed.
fn alpha_text(a: Option<f64>, lang: Lang) -> String {
    a.map_or("–".into(), |v| text::decimal(v, 3, lang))
}

/// "0,618 [0,410–0,780] foreløbig", "0,812 for få data (8 parbare enheder, n = 40)"
/// or the reason alpha is undefined. Estimate and limits with the same
/// three decimals; the label follows the lower limit.
pub fn agreement_text(a: &Agreement, lang: Lang) -> String {
    match a.alpha {
        Some(v) => {
            let rest = match (&a.ci, a.no_interval) {
                (Some(c), _) => {
                    let label = a.reliability().map_or("", |r| text::reliability(r, lang));
                    format!(
                        " [{}–{}] {label}",
                        text::decimal(c.lower, 3, lang),
                        text::decimal(c.upper, 3, lang)
                    )
                }
                (None, Some(why)) => format!(" {}", text::no_interval(why, lang)),
                (None, None) => String::new(),
            };
            format!("{}{rest}", text::decimal(v, 3, lang))
        }
        None => a.undefined.map_or("–".into(), |u| {
            format!("– ({})", text::undefined(u, lang))
        }),
    }
}

/// The report's score on the question's kvalitetsmodel theme.
pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let nq = app.audit.form.questions.len();
    if nq == 0 || app.audit.cases.is_empty() || app.audit.config.tilsyn.is_empty() {
        let block = Block::bordered()
            .border_style(th.border())
            .title(Span::styled(
                format!(" {} ", text::tab(Tab::Sammenlign, lang)),
                th.title(),
            ));
        f.render_widget(
            Paragraph::new(Line::styled(Msg::NoForm.get(lang), th.warning())).block(block),
            area,
        );
        return;
    }
    let current = app.panel.current_round();
    let Some(shown) = shown_round(app) else {
        draw_hidden(f, area, app, current);
        return;
    };
    match app.sammenlign.view {
        CompareView::Table => draw_table(f, area, app, shown, current),
        CompareView::HeatMap => draw_heat(f, area, app, shown, current),
    }
}

/// The round is blind: say so, offer to reveal, show only how far each
/// tilsyn has come (counts, never values).
fn draw_hidden(f: &mut Frame, area: Rect, app: &App, round: u32) {
    let th = app.theme;
    let lang = app.lang;
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(
                " {} · {} ",
                text::tab(Tab::Sammenlign, lang),
                text::round_state(round, false, lang)
            ),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width).max(1);
    let mut lines: Vec<Line> = Vec::new();
    if app.rater.is_some() {
        for l in wrap(Msg::AwaitReveal.get(lang), w) {
            lines.push(Line::styled(l, th.warning()));
        }
    } else {
        for l in wrap(&text::hidden(round, lang), w) {
            lines.push(Line::styled(l, th.warning()));
        }
        lines.push(Line::default());
        for l in wrap(Msg::RevealHint.get(lang), w) {
            lines.push(Line::styled(l, th.key()));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(Msg::ProgressOfRaters.get(lang), w),
        th.header(),
    ));
    lines.extend(crate::tui::screens::progress::lines(app, w));
    f.render_widget(Paragraph::new(lines), inner);
}

/// Column widths of the table for an inner width.
struct Cols {
    id: usize,
    rater: usize,
    mean: usize,
    report: usize,
    spread: usize,
}

fn cols(iw: usize, id: usize) -> Cols {
    if iw >= 110 {
        Cols {
            id,
            rater: 12,
            mean: 7,
            report: 10,
            spread: 8,
        }
    } else {
        Cols {
            id,
            rater: 7,
            mean: 6,
            report: 8,
            spread: 5,
        }
    }
}

/// A score cell: "4", "3→4" in round 2 when it moved, "✎" with a comment.
pub(super) fn score_cell(cell: Option<&CellStats>, prev: Option<&CellStats>, r: usize) -> String {
    let v = cell.and_then(|c| c.values.get(r).copied().flatten());
    let p = prev.and_then(|c| c.values.get(r).copied().flatten());
    let mut s = match (p, v) {
        (Some(p), Some(v)) if p != v => {
            format!("{}→{}", value_short(Some(p)), value_short(Some(v)))
        }
        _ => value_short(v),
    };
    if cell.is_some_and(|c| c.comments.get(r).copied().unwrap_or(false)) {
        s.push('✎');
    }
    s
}

/// Right-aligned in `w` columns, with at least one space before it.
fn right(s: &str, w: usize) -> String {
    let s = fit(s, w.saturating_sub(1));
    format!("{}{s}", " ".repeat(w.saturating_sub(s.width())))
}

fn draw_table(f: &mut Frame, area: Rect, app: &App, shown: u32, current: u32) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.sammenlign;
    let nq = app.audit.form.questions.len();
    let case = &app.audit.cases[st.case];
    let a = areas(area, nq);
    let Some(rs) = app.stats.round(shown) else {
        return;
    };
    let prev = shown.checked_sub(1).and_then(|r| app.stats.round(r));
    let title = format!(
        " {} · {} ({}/{}) · {} ",
        text::tab(Tab::Sammenlign, lang),
        case.name,
        st.case + 1,
        app.audit.cases.len(),
        text::round_state(shown, true, lang),
    );
    let mut block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title, th.title()));
    if shown < current {
        block = block.title_bottom(Line::styled(
            format!(" {} ", text::hidden_short(current, lang)),
            th.warning(),
        ));
    } else if st.sort_spread {
        block = block.title_bottom(Line::styled(
            format!(" {} ", Msg::SortedBySpread.get(lang)),
            th.muted(),
        ));
    }
    let inner = block.inner(a.top);
    f.render_widget(block, a.top);
    let iw = usize::from(inner.width);
    let id_w = app
        .audit
        .form
        .questions
        .iter()
        .map(|q| q.id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 8);
    let id_w = id_w.max(Msg::MeanShort.get(lang).width());
    let c = cols(iw, id_w);
    let mut lines = vec![overall_line(app, iw)];
    // Header.
    let mut h = format!("  {:<w$}", Msg::QuestionShort.get(lang), w = c.id);
    for t in &app.audit.config.tilsyn {
        h.push_str(&right(
            &tilsyn_column(&t.name, c.rater.saturating_sub(1)),
            c.rater,
        ));
    }
    h.push_str(" │");
    h.push_str(&right(Msg::Panel.get(lang), c.mean));
    h.push_str(&right(Msg::ReportShort.get(lang), c.report));
    h.push_str(&right(Msg::SpreadShort.get(lang), c.spread));
    h.push_str("  α");
    lines.push(Line::styled(fit(&h, iw), th.header()));
    let rows = table_rows(a.top);
    let pos = selected_row(app);
    let offset = visible_offset(0, pos, rows);
    for &q in st.order.iter().skip(offset).take(rows) {
        let question = &app.audit.form.questions[q];
        let cell = rs.cell(st.case, q, nq);
        let pcell = prev.and_then(|p| p.cell(st.case, q, nq));
        let selected = q == st.question;
        let flagged = cell
            .and_then(|c| c.spread.as_ref())
            .is_some_and(|s| s.flagged);
        let mut spans = vec![
            Span::styled(if flagged { "◆ " } else { "  " }, th.warning()),
            Span::styled(
                format!("{:<w$}", question.id, w = c.id),
                if selected { th.selected() } else { th.text() },
            ),
        ];
        for r in 0..app.audit.config.tilsyn.len() {
            let s = right(&score_cell(cell, pcell, r), c.rater);
            let style = if selected && r == st.rater {
                th.selected()
            } else if selected {
                th.title()
            } else {
                th.text()
            };
            spans.push(Span::styled(s, style));
        }
        spans.push(Span::styled(" │", th.border()));
        let mean = cell.and_then(|c| c.mean);
        spans.push(Span::styled(
            right(
                &mean.map_or("–".into(), |m| text::decimal(m, 1, lang)),
                c.mean,
            ),
            th.title(),
        ));
        let rep = question
            .quality_theme
            .as_deref()
            .and_then(|t| case.report_score(t));
        let rep_text = match (rep, mean) {
            (Some(r), Some(m)) => format!("{r} {}", text::signed(f64::from(r) - m, lang)),
            (Some(r), None) => r.to_string(),
            _ => "".into(),
        };
        spans.push(Span::styled(right(&rep_text, c.report), th.muted()));
        let spread_text = cell
            .and_then(|c| c.spread.as_ref())
            .map_or("".into(), |s| s.range.to_string());
        spans.push(Span::styled(
            right(&spread_text, c.spread),
            if flagged { th.warning() } else { th.text() },
        ));
        let alpha = question_alpha(app, q, shown);
        spans.push(Span::styled(format!("  {alpha}"), th.text()));
        let mut line = Line::from(spans);
        clip_line(&mut line, iw);
        lines.push(line);
    }
    // Each tilsyn's mean over the case, beside the panel's.
    let mut m = format!("  {:<w$}", Msg::MeanShort.get(lang), w = c.id);
    debug_assert!(c.id >= Msg::MeanShort.get(lang).width());
    for r in 0..app.audit.config.tilsyn.len() {
        let v = rs
            .rater_case_mean
            .get(st.case * app.audit.config.tilsyn.len() + r)
            .copied()
            .flatten();
        m.push_str(&right(
            &v.map_or("–".into(), |v| text::decimal(v, 1, lang)),
            c.rater,
        ));
    }
    m.push_str(" │");
    m.push_str(&right(
        &rs.case_mean
            .get(st.case)
            .copied()
            .flatten()
            .map_or("–".into(), |v| text::decimal(v, 1, lang)),
        c.mean,
    ));
    lines.push(Line::styled(fit(&m, iw), th.title()));
    f.render_widget(Paragraph::new(lines), inner);
    draw_cell_detail(f, a.detail, app, rs, prev);
}

/// Alpha of one question for the shown round (with round 1 before it in round 2).
fn question_alpha(app: &App, q: usize, shown: u32) -> String {
    let lang = app.lang;
    let of = |r: u32| {
        app.stats
            .round(r)
            .and_then(|rs| rs.agreement.as_ref())
            .and_then(|rep| rep.questions.get(q))
            .and_then(|g| g.agreement.alpha)
    };
    let now = alpha_text(of(shown), lang);
    match shown.checked_sub(1).filter(|r| *r >= 1) {
        Some(p) => format!("{}→{now}", alpha_text(of(p), lang)),
        None => now,
    }
}

/// "α samlet: 0,618 [0,410–0,780] foreløbig · … · spredning i 3 af 22 scorede celler · forskelle ikke systematiske (p = 0,523)".
fn overall_line(app: &App, w: usize) -> Line<'static> {
    let th = app.theme;
    let lang = app.lang;
    let mut spans = vec![Span::styled(
        format!("{} ", Msg::AlphaOverall.get(lang)),
        th.key(),
    )];
    let revealed: Vec<&RoundStats> = app
        .stats
        .rounds
        .iter()
        .filter(|r| r.revealed && r.agreement.is_some())
        .collect();
    if revealed.is_empty() {
        spans.push(Span::styled("–", th.muted()));
    }
    for (i, rs) in revealed.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", th.muted()));
        }
        if revealed.len() > 1 {
            spans.push(Span::styled(
                format!("{}: ", text::round_short(rs.round, lang)),
                th.muted(),
            ));
        }
        if let Some(rep) = &rs.agreement {
            spans.push(Span::styled(
                agreement_text(&rep.overall.agreement, lang),
                reliability_style(app, &rep.overall.agreement),
            ));
        }
    }
    if let Some(rs) = revealed.last() {
        spans.push(Span::styled(
            format!(
                " · {}",
                text::flagged_cells(rs.flagged, scored_cells(rs), lang)
            ),
            th.muted(),
        ));
        if let Some(d) = rs
            .agreement
            .as_ref()
            .and_then(|rep| rep.rater_differences.as_ref())
        {
            spans.push(Span::styled(
                format!(" · {}", text::systematic_short(d, lang)),
                if d.systematic() {
                    th.warning()
                } else {
                    th.muted()
                },
            ));
        }
    }
    let mut line = Line::from(spans);
    clip_line(&mut line, w);
    line
}

/// Cells (case × question) with scores from at least two tilsyn: what the
/// spread is counted over.
fn scored_cells(rs: &RoundStats) -> usize {
    rs.cells
        .iter()
        .filter(|c| c.spread.as_ref().is_some_and(|s| s.count >= 2))
        .count()
}

/// The Friedman lines of the detail box, grouped by priority, with a
/// one-line form of the overall test for a short box.
struct FriedmanLines {
    groups: Vec<(u8, Vec<Line<'static>>)>,
    short: Option<Line<'static>>,
}

/// The Friedman test for the shown round: overall in full (wrapped) with
/// the tilsyn whose interval excludes 0, then the selected question's
/// hypothesis and the question in one line each.
fn friedman_lines(app: &App, rs: &RoundStats, w: usize) -> FriedmanLines {
    let th = app.theme;
    let lang = app.lang;
    let mut out = FriedmanLines {
        groups: Vec::new(),
        short: None,
    };
    let Some(rep) = rs.agreement.as_ref() else {
        return out;
    };
    let name = |id: &str| -> String {
        app.audit
            .tilsyn(id)
            .map_or(id.to_string(), |t| t.name.clone())
    };
    let test = rep.overall.rater_test();
    let style = match test {
        Ok(d) if d.systematic() => th.warning(),
        Ok(_) => th.text(),
        Err(_) => th.muted(),
    };
    let headline = match test {
        Ok(d) => text::rater_differences(d, lang),
        Err(why) => text::no_test(why, lang),
    };
    out.groups.push((
        2,
        wrap(&headline, w)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect(),
    ));
    out.short = Some(Line::styled(
        fit(
            &text::friedman_short(Msg::OverallShort.get(lang), test, lang),
            w,
        ),
        style,
    ));
    if let Ok(d) = test {
        let who: Vec<Line> = d
            .per_rater
            .iter()
            .filter_map(|r| text::rater_difference(r, &name(&r.rater), lang))
            .flat_map(|s| wrap(&s, w))
            .map(|l| Line::styled(l, th.warning()))
            .collect();
        if !who.is_empty() {
            out.groups.push((2, who));
        }
    }
    let st = &app.sammenlign;
    let q = &app.audit.form.questions[st.question];
    if let Some((h, g)) = app
        .audit
        .hypotheses
        .iter()
        .zip(&rep.hypotheses)
        .find(|(h, _)| h.themes.contains(&q.theme))
    {
        let scope = format!("{} {}", Msg::KindHypothesis.get(lang), h.id);
        out.groups.push((
            3,
            vec![Line::styled(
                fit(&text::friedman_short(&scope, g.rater_test(), lang), w),
                th.muted(),
            )],
        ));
    }
    if let Some(g) = rep.questions.get(st.question) {
        out.groups.push((
            3,
            vec![Line::styled(
                fit(&text::friedman_short(&q.id, g.rater_test(), lang), w),
                th.muted(),
            )],
        ));
    }
    out
}

fn reliability_style(app: &App, a: &Agreement) -> Style {
    use crate::domain::agreement::Reliability;
    match a.reliability() {
        Some(Reliability::Reliable) => app.theme.ok(),
        Some(Reliability::Tentative) => app.theme.warning(),
        Some(Reliability::NotReliable) => app.theme.error(),
        Some(Reliability::TooFewData) | None => app.theme.muted(),
    }
}

/// Cuts a line's spans at `w` columns (with … at the cut).
pub(super) fn clip_line(line: &mut Line<'static>, w: usize) {
    let mut used = 0;
    let mut out = Vec::new();
    for s in line.spans.drain(..) {
        let sw = s.content.width();
        if used + sw <= w {
            used += sw;
            out.push(s);
        } else {
            let rest = w.saturating_sub(used);
            if rest > 0 {
                out.push(Span::styled(fit(&s.content, rest), s.style));
            }
            break;
        }
    }
    line.spans = out;
}

/// Below the table: the selected cell's comment, the question's spread,
/// agreement (and who drives disagreement) and the calibration gap.
fn draw_cell_detail(
    f: &mut Frame,
    area: Rect,
    app: &App,
    rs: &RoundStats,
    prev: Option<&RoundStats>,
) {
    if area.height < 3 {
        return;
    }
    let th = app.theme;
    let lang = app.lang;
    let st = &app.sammenlign;
    let nq = app.audit.form.questions.len();
    let q = &app.audit.form.questions[st.question];
    let case = &app.audit.cases[st.case];
    let rater = &app.audit.config.tilsyn[st.rater];
    let cell = rs.cell(st.case, st.question, nq);
    let value = cell.and_then(|c| c.values.get(st.rater).copied().flatten());
    let title = format!(
        " {} · {} · {} ",
        rater.name,
        q.id,
        crate::tui::screens::vurdering::value_label(app, value)
    );
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title, th.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width).max(1);
    // Groups of lines in display order, each with a priority: when the box
    // is short the least important go first (1 is kept longest).
    let mut groups: Vec<(u8, Vec<Line>)> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let comment = app
        .panel
        .entry(rs.round, &rater.id, &case.id, &q.id)
        .map(|e| e.comment.as_str())
        .unwrap_or("");
    if comment.trim().is_empty() {
        lines.push(Line::styled(
            fit(Msg::NoCommentShort.get(lang), w),
            th.muted(),
        ));
    } else {
        for l in wrap(&app.shown(comment), w).into_iter().take(3) {
            lines.push(Line::styled(l, th.text()));
        }
    }
    if let Some(s) = cell.and_then(|c| c.spread.as_ref()) {
        lines.push(Line::styled(
            fit(&text::spread_sentence(s, lang), w),
            if s.flagged { th.warning() } else { th.text() },
        ));
    }
    groups.push((1, std::mem::take(&mut lines)));
    for r in [prev, Some(rs)].into_iter().flatten() {
        let Some(g) = r
            .agreement
            .as_ref()
            .and_then(|rep| rep.questions.get(st.question))
        else {
            continue;
        };
        let mut s = format!(
            "α {} ({}): {}",
            q.id,
            text::round_short(r.round, lang),
            agreement_text(&g.agreement, lang)
        );
        if let Some(lo) = g
            .agreement
            .leave_one_out
            .iter()
            .filter(|l| l.change.is_some_and(|c| c > 0.0))
            .max_by(|a, b| {
                a.change
                    .partial_cmp(&b.change)
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            && let Some(alpha) = lo.alpha
        {
            let name = app
                .audit
                .tilsyn(&lo.rater)
                .map_or(lo.rater.as_str(), |t| short_tilsyn(&t.name));
            s.push_str(&format!(
                " · {}",
                text::without(name, &text::decimal(alpha, 3, lang), lang)
            ));
        }
        // The shown round's alpha is kept; an earlier round's goes early.
        let prio = if r.round == rs.round { 1 } else { 4 };
        groups.push((
            prio,
            vec![Line::styled(
                fit(&s, w),
                reliability_style(app, &g.agreement),
            )],
        ));
    }
    let friedman = friedman_lines(app, rs, w);
    let overall_at = groups.len();
    groups.extend(friedman.groups);
    if let (Some(t), Some(score)) = (
        q.quality_theme.as_deref(),
        q.quality_theme
            .as_deref()
            .and_then(|t| case.report_score(t)),
    ) {
        let name = app
            .audit
            .themes
            .iter()
            .find(|x| x.id == t)
            .map_or(t, |x| x.name.as_str());
        let mean = cell.and_then(|c| c.mean);
        groups.push((
            3,
            vec![Line::styled(
                fit(&text::calibration(name, score, mean, lang), w),
                th.muted(),
            )],
        ));
    }
    groups.push((
        4,
        vec![Line::styled(fit(&q.text.replace('\n', " "), w), th.muted())],
    ));
    let height = usize::from(inner.height);
    let total = |g: &[(u8, Vec<Line>)]| g.iter().map(|(_, l)| l.len()).sum::<usize>();
    // Short of room: the overall Friedman test in one line first.
    if total(&groups) > height
        && let Some(short) = friedman.short
        && let Some(g) = groups.get_mut(overall_at)
    {
        g.1 = vec![short];
    }
    while total(&groups) > height {
        let Some(worst) = groups.iter().map(|(p, _)| *p).max().filter(|p| *p > 1) else {
            break;
        };
        let Some(i) = groups.iter().rposition(|(p, _)| *p == worst) else {
            break;
        };
        groups.remove(i);
    }
    let mut lines: Vec<Line> = groups.into_iter().flat_map(|(_, l)| l).collect();
    lines.truncate(height);
    f.render_widget(Paragraph::new(lines), inner);
}
