//! Konklusion's drawing: each section's items as lines, scrolled so the
//! selection shows, and the row under a click.

use super::state::{DRow, Section, drows, sections};
use crate::domain::panel::{FollowUpItem, FollowUpStatus};
use crate::tui::app::{App, Tab};
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let sec = app.konklusion.section;
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(" {} ", text::tab(Tab::Konklusion, lang)),
            th.title(),
        ))
        .title_bottom(Line::styled(
            format!(" {} ", text::section_hint(sec, lang)),
            th.muted(),
        ));
    f.render_widget(block, area);
    let (bar, body) = parts(area);
    // The section bar.
    let mut spans = Vec::new();
    for (i, s) in sections(app).iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", th.border()));
        }
        let style = if *s == sec {
            th.tab_active()
        } else {
            th.tab_inactive()
        };
        spans.push(Span::styled(
            format!(" {} ", text::section(*s, lang)),
            style,
        ));
    }
    let mut line = Line::from(spans);
    let w = usize::from(bar.width);
    if line.width() > w {
        // Narrow: only the current section's name, with arrows.
        line = Line::styled(
            fit(&format!("‹ {} ›", text::section(sec, lang)), w),
            th.tab_active(),
        );
    }
    f.render_widget(Paragraph::new(line), bar);
    let items = section_items(app, sec, body.width);
    if items.is_empty() {
        let w = usize::from(body.width).max(1);
        let lines: Vec<Line> = wrap(text::section_empty(sec, lang), w)
            .into_iter()
            .map(|l| Line::styled(l, th.muted()))
            .collect();
        f.render_widget(Paragraph::new(lines), body);
        return;
    }
    draw_items(f, body, app, items, app.konklusion.cursor[sec.index()]);
}

/// The section bar and the body below it, inside the frame.
pub(super) fn parts(area: Rect) -> (Rect, Rect) {
    let inner = Block::bordered().inner(area);
    let [bar, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    (bar, body)
}

/// The items of section `sec`, each its lines, for a body `width` wide.
fn section_items(app: &App, sec: Section, width: u16) -> Vec<Vec<Line<'static>>> {
    match sec {
        Section::Emner => topic_items(app, width),
        Section::Droeftelse => discussion_items(app, width),
        Section::Hypoteser => hypothesis_items(app, width),
        Section::Vejledning => guidance_items(app, width),
        Section::Opfoelgning => followup_items(app, &app.panel.conclusions().followup, width),
        Section::SidsteAar => match &app.previous_plan {
            Some((_, plan)) => followup_items(app, plan, width),
            None => Vec::new(),
        },
    }
}

/// The first item to draw, given each item's height, the selected item and
/// the body's height: from the top when everything up to the selection
/// fits, else as early as possible with the selection in view.
pub(super) fn first_shown(heights: &[usize], sel: usize, h: usize) -> usize {
    if heights.is_empty() {
        return 0;
    }
    let sel = sel.min(heights.len() - 1);
    if heights[..=sel].iter().sum::<usize>() <= h {
        return 0;
    }
    let mut first = sel;
    let mut used = heights[sel];
    while first > 0 && used + heights[first - 1] <= h {
        used += heights[first - 1];
        first -= 1;
    }
    first
}

/// The item under row `y` of `area` (the tab's whole body), as drawn.
pub fn row_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let (_, body) = parts(area);
    if y < body.y || y >= body.bottom() {
        return None;
    }
    let sec = app.konklusion.section;
    let heights: Vec<usize> = section_items(app, sec, body.width)
        .iter()
        .map(Vec::len)
        .collect();
    let first = first_shown(
        &heights,
        app.konklusion.cursor[sec.index()],
        usize::from(body.height),
    );
    let mut top = usize::from(body.y);
    for (i, h) in heights.iter().enumerate().skip(first) {
        if usize::from(y) < top + h {
            return Some(i);
        }
        top += h;
    }
    None
}

/// Draws items of several lines each, the selected one highlighted and
/// scrolled into view.
fn draw_items(f: &mut Frame, area: Rect, app: &App, items: Vec<Vec<Line<'static>>>, sel: usize) {
    let th = app.theme;
    let h = usize::from(area.height);
    let w = usize::from(area.width);
    let sel = sel.min(items.len().saturating_sub(1));
    let heights: Vec<usize> = items.iter().map(Vec::len).collect();
    let first = first_shown(&heights, sel, h);
    let mut lines: Vec<Line> = Vec::new();
    for (i, item) in items.into_iter().enumerate().skip(first) {
        for (j, mut l) in item.into_iter().enumerate() {
            let marker = if i == sel && j == 0 { "▸ " } else { "  " };
            l.spans.insert(0, Span::styled(marker, th.key()));
            if i == sel {
                let lw = l.width();
                l.spans.push(Span::raw(" ".repeat(w.saturating_sub(lw))));
                l = l.style(th.selected());
            }
            lines.push(l);
        }
        if lines.len() >= h {
            break;
        }
    }
    lines.truncate(h);
    f.render_widget(Paragraph::new(lines), area);
}

fn muted_wrapped(text: &str, w: usize, max: usize, style: Style) -> Vec<Line<'static>> {
    clip_lines(wrap(text, w.max(1)), w, max)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// At most `max` of `lines`; when some are left out, the last one kept ends
/// in " …". Blank lines (paragraph breaks) are not kept at the cut, so the
/// "…" never stands on a line of its own.
pub(super) fn clip_lines(mut lines: Vec<String>, w: usize, max: usize) -> Vec<String> {
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if let Some(last) = lines.last_mut() {
        *last = fit(&format!("{last} …"), w);
    }
    lines
}

/// `head` and then `parts` joined by " · ", in lines of at most `w`: a part
/// that does not fit goes whole onto the next line, indented by `indent`.
pub(super) fn pack_parts(head: &str, parts: &[String], w: usize, indent: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = head.to_string();
    let mut fresh = true;
    for p in parts {
        let sep = if fresh { "" } else { " · " };
        if !fresh && cur.width() + sep.width() + p.width() > w {
            out.push(fit(&cur, w));
            cur = format!("{}{p}", " ".repeat(indent));
        } else {
            cur.push_str(sep);
            cur.push_str(p);
        }
        fresh = false;
    }
    out.push(fit(&cur, w));
    out
}

fn topic_items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width).saturating_sub(2);
    app.panel
        .topics()
        .iter()
        .map(|t| {
            let star = if t.prioritised { "★" } else { "☆" };
            let head = format!(
                "{star} {:>2} {}  {}",
                t.votes,
                text::votes_word(t.votes, lang),
                app.shown(&t.title)
            );
            let mut lines = vec![Line::styled(
                fit(&head, w),
                if t.prioritised { th.title() } else { th.text() },
            )];
            if !t.description.trim().is_empty() {
                lines.extend(muted_wrapped(
                    &app.shown(&t.description),
                    w.saturating_sub(4),
                    2,
                    th.muted(),
                ));
                for l in lines.iter_mut().skip(1) {
                    l.spans.insert(0, Span::raw("    "));
                }
            }
            lines
        })
        .collect()
}

fn dissent_names(app: &App, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            app.audit
                .tilsyn(id)
                .map_or(id.as_str(), |t| short_tilsyn(&t.name))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn discussion_items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width).saturating_sub(2);
    let topics = app.panel.topics();
    drows(topics)
        .into_iter()
        .map(|row| match row {
            DRow::Topic(i) => {
                let t = &topics[i];
                let mut lines = vec![Line::styled(fit(&app.shown(&t.title), w), th.title())];
                if t.discussion.trim().is_empty() {
                    lines.push(Line::styled(
                        fit(&format!("  {}", Msg::NoNotes.get(lang)), w),
                        th.muted(),
                    ));
                } else {
                    for l in
                        muted_wrapped(&app.shown(&t.discussion), w.saturating_sub(2), 4, th.text())
                    {
                        let mut l = l;
                        l.spans.insert(0, Span::raw("  "));
                        lines.push(l);
                    }
                }
                lines
            }
            DRow::Consensus(i, c) => {
                let s = &topics[i].consensus[c];
                let mut lines: Vec<Line> = Vec::new();
                for (j, l) in wrap(&app.shown(&s.text), w.saturating_sub(4))
                    .into_iter()
                    .take(3)
                    .enumerate()
                {
                    let lead = if j == 0 { "  • " } else { "    " };
                    lines.push(Line::styled(format!("{lead}{l}"), th.text()));
                }
                if !s.dissent.is_empty() {
                    lines.push(Line::styled(
                        fit(
                            &format!(
                                "    {}: {}",
                                Msg::Dissented.get(lang),
                                dissent_names(app, &s.dissent)
                            ),
                            w,
                        ),
                        th.warning(),
                    ));
                    // One line per dissenting view.
                    for id in &s.dissent {
                        let view = s.view(id);
                        if view.trim().is_empty() {
                            continue;
                        }
                        let name = app
                            .audit
                            .tilsyn(id)
                            .map_or(id.as_str(), |t| short_tilsyn(&t.name));
                        lines.push(Line::styled(
                            fit(
                                &format!("      {name}: {}", app.shown(&view.replace('\n', " "))),
                                w,
                            ),
                            th.muted(),
                        ));
                    }
                }
                lines
            }
        })
        .collect()
}

/// One part per round: "R1: α 0,618 [0,410–0,780] foreløbig" (the label
/// from the lower limit; "for få data" when no interval was recorded).
fn snapshot_parts(s: &crate::domain::panel::AgreementSnapshot, lang: Lang) -> Vec<String> {
    s.rounds
        .iter()
        .map(|r| {
            let a = r.alpha.map_or("–".into(), |a| text::decimal(a, 3, lang));
            let ci = match (r.ci_low, r.ci_high) {
                (Some(l), Some(h)) => format!(
                    " [{}–{}]",
                    text::decimal(l, 3, lang),
                    text::decimal(h, 3, lang)
                ),
                _ => String::new(),
            };
            let label = r.alpha.map_or("", |_| {
                text::reliability(
                    crate::domain::agreement::Reliability::from_lower(r.ci_low),
                    lang,
                )
            });
            format!("{}: α {a}{ci} {label}", text::round_short(r.round, lang))
        })
        .collect()
}

fn hypothesis_items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width).saturating_sub(2);
    app.audit
        .hypotheses
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let entry = app.panel.verdict(&h.id);
            let mut lines = vec![];
            for (j, l) in wrap(&format!("{}  {}", h.id, h.text), w)
                .into_iter()
                .take(3)
                .enumerate()
            {
                lines.push(Line::styled(l, if j == 0 { th.title() } else { th.text() }));
            }
            let verdict = entry.and_then(|e| e.verdict);
            lines.push(Line::from(vec![
                Span::styled(format!("  {}: ", Msg::Verdict.get(lang)), th.muted()),
                Span::styled(
                    verdict.map_or(Msg::NoVerdict.get(lang), |v| text::verdict(v, lang)),
                    if verdict.is_some() {
                        th.ok()
                    } else {
                        th.warning()
                    },
                ),
            ]));
            let rationale = entry.map(|e| e.rationale.as_str()).unwrap_or("");
            if rationale.trim().is_empty() {
                lines.push(Line::styled(
                    fit(&format!("  {}", Msg::NoRationale.get(lang)), w),
                    th.muted(),
                ));
            } else {
                for l in muted_wrapped(&app.shown(rationale), w.saturating_sub(2), 3, th.text()) {
                    let mut l = l;
                    l.spans.insert(0, Span::raw("  "));
                    lines.push(l);
                }
            }
            let figures = match entry.and_then(|e| e.agreement.as_ref()) {
                Some(s) => pack_parts(
                    &format!("  {}: ", Msg::AgreementAtVerdict.get(lang)),
                    &snapshot_parts(s, lang),
                    w,
                    4,
                ),
                None => match app.stats.snapshot(i) {
                    Some(s) => pack_parts(
                        &format!("  {}: ", Msg::AgreementNow.get(lang)),
                        &snapshot_parts(&s, lang),
                        w,
                        4,
                    ),
                    None => vec![fit(&format!("  {}", Msg::NoAgreementYet.get(lang)), w)],
                },
            };
            lines.extend(figures.into_iter().map(|l| Line::styled(l, th.muted())));
            lines
        })
        .collect()
}

fn guidance_items(app: &App, width: u16) -> Vec<Vec<Line<'static>>> {
    let th = app.theme;
    let w = usize::from(width).saturating_sub(2);
    app.panel
        .conclusions()
        .guidance
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mut lines = vec![Line::styled(
                fit(&format!("{}. {}", i + 1, app.shown(&g.heading)), w),
                th.title(),
            )];
            for l in muted_wrapped(&app.shown(&g.rationale), w.saturating_sub(3), 2, th.muted()) {
                let mut l = l;
                l.spans.insert(0, Span::raw("   "));
                lines.push(l);
            }
            for (j, l) in wrap(&app.shown(&g.guidance), w.saturating_sub(5))
                .into_iter()
                .take(3)
                .enumerate()
            {
                let lead = if j == 0 { "   • " } else { "     " };
                lines.push(Line::styled(format!("{lead}{l}"), th.text()));
            }
            lines
        })
        .collect()
}

fn followup_items(app: &App, items: &[FollowUpItem], width: u16) -> Vec<Vec<Line<'static>>> {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width).saturating_sub(2);
    let owner_w = if w >= 100 { 24 } else { 14 };
    let status_w = 11;
    let due_w = 10;
    let action_w = w.saturating_sub(4 + owner_w + due_w + status_w + 3);
    items
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let due = x
                .due
                .map_or("–".into(), |d| d.format("%Y-%m-%d").to_string());
            let status = text::status(x.status, lang);
            let style = match x.status {
                FollowUpStatus::Gennemfoert => th.ok(),
                FollowUpStatus::Opgivet => th.muted(),
                _ => th.text(),
            };
            let action = app.shown(&x.action).replace('\n', " ");
            let mut lines = vec![Line::styled(
                format!(
                    "{:>2}. {:<action_w$} {:<owner_w$} {due:<due_w$} {status:<status_w$}",
                    i + 1,
                    fit(&action, action_w),
                    fit(&x.owner, owner_w),
                ),
                style,
            )];
            if !x.note.trim().is_empty() {
                lines.push(Line::styled(
                    fit(&format!("    {}", app.shown(&x.note)), w),
                    th.muted(),
                ));
            }
            lines
        })
        .collect()
}
