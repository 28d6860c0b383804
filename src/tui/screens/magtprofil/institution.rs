//! The institution view: the header (name, tilsyn, episodes, children,
//! rate, period), the month chart (counts, or with `t` the control chart of
//! rates with its centre, limits and signals), weekday, hour and type
//! charts, and the side panel of rule counts, rates, trend, funnel position
//! and targets (scrolling with ↑/↓ when cut). A picked bar is highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Line as CanvasLine, Points};
use ratatui::widgets::{Block, Paragraph};

use super::words::W;
use super::{App, Chart};
use crate::domain::drill::DrillBy;
use crate::domain::funnel::Position;
use crate::domain::magtprofil::Profile;
use crate::domain::model::{InterventionType, Target};
use crate::domain::rules::Rule;
use crate::tui::chart::{BarColumns, split_weekday_hour};
use crate::tui::text::{self, Lang, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, decimal, fit, thousands};

fn rate_text(r: Option<f64>, lang: Lang) -> String {
    r.map_or("–".to_string(), |r| decimal(r, 1, lang == Lang::Da))
}

/// As many of `parts` as fit whole in `room`, in order, with `sep` between
/// them: a part that would be cut is left out with everything after it, so
/// the line never ends in a stump or a lone separator.
fn whole_parts<'a>(parts: Vec<Span<'a>>, room: usize, sep: Span<'a>) -> Vec<Span<'a>> {
    let mut out: Vec<Span> = Vec::new();
    let mut used = 0;
    for p in parts {
        let sep_w = if out.is_empty() { 0 } else { sep.width() };
        if used + sep_w + p.width() > room {
            break;
        }
        if sep_w > 0 {
            out.push(sep.clone());
        }
        used += sep_w + p.width();
        out.push(p);
    }
    out
}

/// "2017-01-01–2017-12-31" of the period shown, marked when it is a
/// filter the user chose (`p`).
pub fn period_text(app: &App) -> String {
    let lang = app.lang;
    let range = app
        .comparison
        .profiles
        .iter()
        .find_map(|p| Some((p.from?, p.to?)))
        .map(|(a, b)| format!("{}–{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")));
    match (app.magtprofil.period, range) {
        (Some(_), Some(r)) => format!("{}: {r}", W::Period.get(lang)),
        (None, Some(r)) => r,
        (_, None) => W::WholePeriod.get(lang).to_string(),
    }
}

/// The areas of the institution view: header, month, weekday, hour, type, side.
struct Areas {
    head: Rect,
    month: Rect,
    weekday: Rect,
    hour: Rect,
    types: Rect,
    side: Rect,
}

fn areas(area: Rect) -> Areas {
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let side_w = if rest.width >= 120 { 44 } else { 32 }.min(rest.width / 2);
    let [charts, side] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(side_w)]).areas(rest);
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Percentage(32),
        Constraint::Min(4),
    ])
    .areas(charts);
    let (wd_w, _) = split_weekday_hour(middle.width);
    let [weekday, hour] =
        Layout::horizontal([Constraint::Length(wd_w), Constraint::Min(0)]).areas(middle);
    Areas {
        head,
        month: top,
        weekday,
        hour,
        types: bottom,
        side,
    }
}

/// The picked index in `chart`, if that chart is picked in.
fn picked(app: &App, chart: Chart) -> Option<usize> {
    app.magtprofil
        .pick
        .filter(|p| p.chart == chart)
        .map(|p| p.index)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let Some(c) = app.audit.cases.get(app.magtprofil.case) else {
        f.render_widget(
            Paragraph::new(Msg::NoCases.get(lang)).style(th.muted()),
            area,
        );
        return;
    };
    let a = areas(area);
    let p = super::profile(app, app.magtprofil.case);
    let tilsyn = app
        .audit
        .tilsyn(&c.tilsyn)
        .map_or(c.tilsyn.clone(), |t| t.name.clone());
    let mut spans = vec![
        Span::styled("◀ ", th.key()),
        Span::styled(c.name.clone(), th.title()),
        Span::styled(" ▶ ", th.key()),
    ];
    let mut parts = vec![Span::styled(tilsyn, th.muted())];
    if let Some(p) = p {
        parts.push(Span::styled(
            format!(
                "{} {}",
                thousands(p.episodes),
                Msg::Episodes.get(lang).to_lowercase()
            ),
            th.text(),
        ));
        parts.push(Span::styled(
            format!(
                "{} {}",
                thousands(p.children),
                Msg::Children.get(lang).to_lowercase()
            ),
            th.text(),
        ));
        parts.push(Span::styled(
            format!(
                "{} {}",
                rate_text(p.rate_per_place, lang),
                Msg::Rate.get(lang).to_lowercase()
            ),
            th.text(),
        ));
        // A period the user chose comes first: it changes every figure.
        if app.magtprofil.period.is_some() {
            parts.insert(0, Span::styled(period_text(app), th.warning()));
        } else {
            parts.push(Span::styled(period_text(app), th.muted()));
        }
    }
    let used: usize = spans.iter().map(Span::width).sum();
    spans.extend(whole_parts(
        parts,
        usize::from(a.head.width).saturating_sub(used),
        Span::styled(" · ", th.muted()),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), a.head);
    let Some(p) = p else {
        let rest = Rect {
            y: a.head.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        f.render_widget(
            Paragraph::new(vec![
                Line::styled(Msg::ProfileMissing.get(lang), th.muted()),
                Line::styled(
                    format!(
                        "{} {}",
                        thousands(c.episodes.len() as u64),
                        Msg::Episodes.get(lang).to_lowercase()
                    ),
                    th.text(),
                ),
            ]),
            rest,
        );
        return;
    };

    if app.magtprofil.rates {
        draw_control_chart(f, a.month, app, p);
    } else {
        let months: Vec<(String, u64)> = p
            .by_month
            .iter()
            .map(|(k, v)| (k.get(5..7).unwrap_or(k).to_string(), *v))
            .collect();
        let month_title = match (p.by_month.keys().next(), p.by_month.keys().last()) {
            (Some(a), Some(b)) if a != b => format!(" {} {a} – {b} ", Msg::ByMonth.get(lang)),
            _ => format!(" {} ", Msg::ByMonth.get(lang)),
        };
        bar_chart(
            f,
            a.month,
            th,
            &month_title,
            &months,
            picked(app, Chart::Month),
        );
    }
    let days: Vec<(String, u64)> = Msg::Weekdays
        .get(lang)
        .split(' ')
        .zip(p.by_weekday.iter())
        .map(|(d, v)| (d.to_string(), *v))
        .collect();
    bar_chart(
        f,
        a.weekday,
        th,
        &format!(" {} ", Msg::ByWeekday.get(lang)),
        &days,
        picked(app, Chart::Weekday),
    );
    let hours: Vec<(String, u64)> = p
        .by_hour
        .iter()
        .enumerate()
        .map(|(h, v)| (format!("{h:02}"), *v))
        .collect();
    bar_chart(
        f,
        a.hour,
        th,
        &format!(" {} 00–23 ", Msg::ByHour.get(lang)),
        &hours,
        picked(app, Chart::Hour),
    );
    draw_types(f, a.types, app, p);
    draw_side(f, a.side, app, p);
    if app.magtprofil.pick.is_some() {
        // Say how picking works, over the header's right end.
        let help = W::PickHelp.get(lang);
        let w = (help.chars().count() as u16).min(a.head.width);
        let r = Rect {
            x: a.head.right() - w,
            width: w,
            ..a.head
        };
        f.render_widget(Paragraph::new(Span::styled(help, th.status_key())), r);
    }
}

/// A vertical bar chart in a titled box: values above the bars, labels
/// under them (see `chart`); the picked bar highlighted.
fn bar_chart(
    f: &mut Frame,
    area: Rect,
    th: Theme,
    title: &str,
    data: &[(String, u64)],
    selected: Option<usize>,
) {
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title.to_string(), th.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(
        BarColumns {
            data,
            bar: th.bar(),
            value: th.bar_value(),
            label: th.muted(),
            selected: selected.map(|i| (i, th.selected())),
        },
        inner,
    );
}

/// The u-chart of the months: the rate of each month (●, a signal marked
/// ▲ ▼ ◆), the centre (dotted) and the limits (steps); the month labels
/// under it and the signals named in the title.
fn draw_control_chart(f: &mut Frame, area: Rect, app: &App, p: &Profile) {
    let th = app.theme;
    let lang = app.lang;
    let da = lang == Lang::Da;
    let Some(cc) = p.control_chart.as_ref() else {
        f.render_widget(
            Paragraph::new(W::NoChart.get(lang))
                .style(th.muted())
                .block(
                    Block::bordered()
                        .border_style(th.border())
                        .title(Span::styled(
                            format!(" {} ", W::ControlChart.get(lang)),
                            th.title(),
                        )),
                ),
            area,
        );
        return;
    };
    let signals: Vec<String> = cc
        .months
        .iter()
        .filter_map(|m| m.signal.map(|s| format!("{} {}", m.month, s.mark())))
        .collect();
    let title = format!(
        " {} · {} {} {} · {} ",
        W::ControlChart.get(lang),
        W::Centre.get(lang),
        decimal(cc.centre, 1, da),
        Msg::Rate.get(lang).to_lowercase(),
        if signals.is_empty() {
            W::NoSignals.get(lang).to_string()
        } else {
            format!("{}: {}", W::Signals.get(lang), signals.join(", "))
        }
    );
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            fit(&title, usize::from(area.width.saturating_sub(2))),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 3 || cc.months.is_empty() {
        return;
    }
    let [plot, labels] = Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(inner);
    let n = cc.months.len();
    let y_max = cc.highest().max(1.0) * 1.08;
    let colour = |s: ratatui::style::Style| s.fg.unwrap_or(Color::Reset);
    let (muted, line) = (colour(th.muted()), colour(th.bar()));
    let (text, warn) = (th.text(), th.warning());
    let centre = cc.centre;
    let months = cc.months.clone();
    let x_max = n as f64;
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, x_max])
        .y_bounds([0.0, y_max])
        .paint(move |ctx| {
            let centre_line: Vec<(f64, f64)> = (0..=n * 8)
                .step_by(2)
                .map(|i| (i as f64 / 8.0, centre))
                .collect();
            ctx.draw(&Points {
                coords: &centre_line,
                color: muted,
            });
            for (i, m) in months.iter().enumerate() {
                let (x1, x2) = (i as f64, i as f64 + 1.0);
                for y in [m.upper, m.lower] {
                    ctx.draw(&CanvasLine {
                        x1,
                        y1: y,
                        x2,
                        y2: y,
                        color: muted,
                    });
                }
                if let Some(next) = months.get(i + 1) {
                    ctx.draw(&CanvasLine {
                        x1: x1 + 0.5,
                        y1: m.rate,
                        x2: x2 + 0.5,
                        y2: next.rate,
                        color: line,
                    });
                }
            }
            ctx.layer();
            ctx.print(0.0, y_max, Span::styled(decimal(y_max, 0, da), text));
            for (i, m) in months.iter().enumerate() {
                let (mark, style) = match m.signal {
                    Some(s) => (s.mark(), warn),
                    None => ("●", text),
                };
                ctx.print(i as f64 + 0.5, m.rate, Span::styled(mark, style));
            }
        });
    f.render_widget(canvas, plot);
    // Month labels under their points, every k-th when they do not fit.
    let pitch = f64::from(labels.width) / n as f64;
    let every = (3.0 / pitch).ceil().max(1.0) as usize;
    let pick = picked(app, Chart::Month);
    let buf = f.buffer_mut();
    for (i, m) in cc.months.iter().enumerate() {
        if i % every != 0 && pick != Some(i) {
            continue;
        }
        let x = labels.x + ((i as f64 + 0.5) * pitch) as u16;
        let x = x.saturating_sub(1).min(labels.right().saturating_sub(2));
        let style = if pick == Some(i) {
            th.selected()
        } else if m.signal.is_some() {
            th.warning()
        } else {
            th.muted()
        };
        buf.set_stringn(x, labels.y, m.month.get(5..7).unwrap_or(""), 2, style);
    }
}

fn draw_types(f: &mut Frame, area: Rect, app: &App, p: &Profile) {
    let th = app.theme;
    let lang = app.lang;
    let inner = usize::from(area.width.saturating_sub(2));
    let max = p.by_type.values().copied().max().unwrap_or(0) as f64;
    let label_w = 15;
    let num_w = 7;
    let bar_w = inner.saturating_sub(label_w + num_w + 2);
    let pick = picked(app, Chart::Type);
    let rows: Vec<(usize, &'static str, u64)> = InterventionType::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                i,
                text::intervention(*t, lang),
                p.by_type.get(t.code()).copied().unwrap_or(0),
            )
        })
        .collect();
    // The law's order; when cut, the window follows the pick and the
    // border says how many are above and below.
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let offset = match pick {
        Some(i) if i >= room => i + 1 - room,
        _ => 0,
    }
    .min(rows.len().saturating_sub(room));
    let below = rows.len().saturating_sub(offset + room);
    let lines: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(room)
        .map(|(i, name, v)| {
            let line = Line::from(vec![
                Span::styled(format!("{:<label_w$}", fit(name, label_w - 1)), th.text()),
                Span::styled(format!("{:>num_w$} ", thousands(*v)), th.title()),
                Span::styled(bar(*v as f64, max, bar_w), th.bar()),
            ]);
            if pick == Some(*i) {
                line.style(th.selected())
            } else {
                line
            }
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines).block(cut_block(app, Msg::ByType, offset, below)),
        area,
    );
}

/// A titled box for a list that may be cut: its borders say how many lines
/// are above and below the window.
fn cut_block(app: &App, title: Msg, offset: usize, below: usize) -> Block<'static> {
    let (th, lang) = (app.theme, app.lang);
    let mut block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(format!(" {} ", title.get(lang)), th.title()));
    if below > 0 {
        block = block.title_bottom(Line::styled(
            format!(" {below} {} ", W::MoreBelow.get(lang)),
            th.warning(),
        ));
    }
    if offset > 0 {
        block = block.title_top(
            Line::styled(
                format!(" {offset} {} ", W::MoreAbove.get(lang)),
                th.warning(),
            )
            .right_aligned(),
        );
    }
    block
}

/// The side panel's rows that open episodes, in order: (what, label).
pub fn side_drills(p: &Profile, lang: Lang) -> Vec<(DrillBy, String)> {
    side_rows(p)
        .into_iter()
        .filter_map(|r| r.drill.map(|d| (d, r.label.get(lang).to_string())))
        .chain(p.targets.iter().map(|t| {
            (
                DrillBy::Target(t.target),
                text::target(t.target, lang).to_string(),
            )
        }))
        .collect()
}

struct SideRow {
    label: Msg,
    value: u64,
    bad: bool,
    drill: Option<DrillBy>,
}

fn side_rows(p: &Profile) -> Vec<SideRow> {
    let r = |label, value, bad, drill| SideRow {
        label,
        value,
        bad,
        drill,
    };
    vec![
        r(Msg::Children, p.children, false, None),
        r(Msg::MaxPerChild, p.max_per_child, false, None),
        r(
            Msg::ChildrenOverOneAMonth,
            p.children_over_one_in_a_month,
            true,
            Some(DrillBy::Target(Target::NoChildOverOneAMonth)),
        ),
        r(
            Msg::Over3Min,
            p.over_3_min,
            true,
            Some(DrillBy::Target(Target::NoneOver3Min)),
        ),
        r(Msg::UnknownDuration, p.unknown_duration, true, None),
        r(
            Msg::IsolationOverLimit,
            p.isolation_over_limit,
            true,
            Some(DrillBy::Rule(Rule::IsolationOverLimit)),
        ),
        r(
            Msg::LateRegistration,
            p.late_registration,
            true,
            Some(DrillBy::Rule(Rule::LateRegistration)),
        ),
        r(
            Msg::MissingChildStatement,
            p.missing_child_statement,
            true,
            Some(DrillBy::Rule(Rule::ChildStatement)),
        ),
        r(
            Msg::ParentsNotTold,
            p.parents_not_told,
            true,
            Some(DrillBy::Rule(Rule::ParentsNotTold)),
        ),
        r(
            Msg::Witnessed,
            p.witnessed,
            true,
            Some(DrillBy::Target(Target::NoWitnessed)),
        ),
        r(Msg::StaffTwoOrMore, p.staff_two_or_more, false, None),
        r(Msg::MonthsWithout, p.months_without_episodes, false, None),
        r(Msg::Holiday, p.holiday, false, Some(DrillBy::Holiday(true))),
        r(
            Msg::NonHoliday,
            p.non_holiday,
            false,
            Some(DrillBy::Holiday(false)),
        ),
    ]
}

/// The side panel's lines, and for each the index of its drill (if any).
fn side_lines(app: &App, p: &Profile, w: usize) -> Vec<(Line<'static>, Option<usize>)> {
    let th = app.theme;
    let lang = app.lang;
    let da = lang == Lang::Da;
    let num_w = 7;
    let pair = |label: &str, value: String, style| {
        let num_w = num_w.max(value.chars().count());
        let label_w = w.saturating_sub(num_w);
        Line::from(vec![
            Span::styled(
                format!("{:<label_w$}", fit(label, label_w.saturating_sub(1))),
                th.text(),
            ),
            Span::styled(format!("{value:>num_w$}"), style),
        ])
    };
    let mut out: Vec<(Line<'static>, Option<usize>)> = Vec::new();
    let mut drill = 0;
    for r in side_rows(p) {
        let style = if r.bad && r.value > 0 {
            th.warning()
        } else {
            th.title()
        };
        let idx = r.drill.map(|_| {
            drill += 1;
            drill - 1
        });
        out.push((pair(r.label.get(lang), thousands(r.value), style), idx));
    }
    // The rates, the trend and the place in the funnel.
    out.push((
        pair(
            W::BedDayRate.get(lang),
            rate_text(p.rate_per_1000_bed_days, lang),
            th.title(),
        ),
        None,
    ));
    if let Some(t) = &p.trend {
        let change = t.change_percent.map_or("–".to_string(), |c| {
            format!("{}{} %", if c > 0.0 { "+" } else { "" }, decimal(c, 0, da))
        });
        let style = if t.fell_to_zero {
            th.warning()
        } else {
            th.title()
        };
        out.push((pair(W::TrendLabel.get(lang), change, style), None));
        let words = if t.fell_to_zero {
            W::FellToZero.get(lang).to_string()
        } else {
            t.direction.label_da().to_string()
        };
        out.push((
            Line::styled(
                fit(
                    &format!(
                        "  {} → {} ({words})",
                        thousands(t.first_half),
                        thousands(t.second_half)
                    ),
                    w,
                ),
                style,
            ),
            None,
        ));
    }
    if let Some(fu) = &p.funnel {
        let (word, style) = match (fu.position_998, fu.position_95) {
            (Position::Above, _) => (format!("{} 99,8 %", W::Above.get(lang)), th.warning()),
            (Position::Below, _) => (format!("{} 99,8 %", W::Below.get(lang)), th.warning()),
            (_, Position::Above) => (format!("{} 95 %", W::Above.get(lang)), th.warning()),
            (_, Position::Below) => (format!("{} 95 %", W::Below.get(lang)), th.warning()),
            _ => (W::Within.get(lang).to_string(), th.title()),
        };
        out.push((pair(W::FunnelPosition.get(lang), word, style), None));
    }
    out.push((Line::default(), None));
    out.push((
        Line::styled(Msg::Targets.get(lang).to_string(), th.header()),
        None,
    ));
    if p.targets.is_empty() {
        out.push((
            Line::styled(Msg::NoTargets.get(lang).to_string(), th.muted()),
            None,
        ));
    }
    for t in &p.targets {
        let idx = Some(drill);
        drill += 1;
        let (mark, style, word) = if t.met {
            ("✓", th.ok(), Msg::TargetMet)
        } else {
            ("✗", th.warning(), Msg::TargetNotMet)
        };
        let label = format!("{mark} {}", text::target(t.target, lang));
        let tail = format!(" {} ({})", word.get(lang), thousands(t.count));
        let (lw, tw) = (label.chars().count(), tail.chars().count());
        if lw + tw <= w {
            out.push((
                Line::from(vec![
                    Span::styled(format!("{label:<0$}", w - tw), style),
                    Span::styled(tail, style),
                ]),
                idx,
            ));
        } else {
            // Narrow: the target on one line, met or not under it.
            out.push((Line::styled(fit(&label, w), style), idx));
            out.push((
                Line::styled(fit(&format!("  {}", tail.trim_start()), w), style),
                None,
            ));
        }
    }
    out
}

/// How far the side panel can scroll (lines below the window at the top).
pub fn side_overflow(app: &App) -> usize {
    let Some(p) = super::profile(app, app.magtprofil.case) else {
        return 0;
    };
    let side = areas(app.body()).side;
    let w = usize::from(side.width.saturating_sub(2));
    let room = usize::from(side.height.saturating_sub(2));
    side_lines(app, p, w).len().saturating_sub(room)
}

fn draw_side(f: &mut Frame, area: Rect, app: &App, p: &Profile) {
    let th = app.theme;
    let w = usize::from(area.width.saturating_sub(2));
    let room = usize::from(area.height.saturating_sub(2)).max(1);
    let lines = side_lines(app, p, w);
    let pick = picked(app, Chart::Side);
    let pick_line = pick.and_then(|i| lines.iter().position(|(_, d)| *d == Some(i)));
    let most = lines.len().saturating_sub(room);
    let mut offset = app.magtprofil.side_scroll.min(most);
    if let Some(l) = pick_line {
        if l < offset {
            offset = l;
        } else if l >= offset + room {
            offset = l + 1 - room;
        }
    }
    let below = lines.len().saturating_sub(offset + room);
    let shown: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(room)
        .map(|(i, (l, _))| {
            if Some(i) == pick_line {
                l.style(th.selected())
            } else {
                l
            }
        })
        .collect();
    f.render_widget(
        Paragraph::new(shown).block(cut_block(app, Msg::Compliance, offset, below)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn header_parts_that_do_not_fit_whole_are_left_out() {
        let parts = || {
            [
                "Socialtilsyn Midt",
                "61 episoder",
                "7,6 pr. plads/år",
                "2017-01-01–2017-12-31",
            ]
            .into_iter()
            .map(Span::raw)
            .collect::<Vec<_>>()
        };
        let sep = Span::raw(" · ");
        let all = "Socialtilsyn Midt · 61 episoder · 7,6 pr. plads/år · 2017-01-01–2017-12-31";
        assert_eq!(joined(&whole_parts(parts(), 200, sep.clone())), all);
        assert_eq!(
            joined(&whole_parts(parts(), all.chars().count(), sep.clone())),
            all
        );
        assert_eq!(
            joined(&whole_parts(parts(), 60, sep.clone())),
            "Socialtilsyn Midt · 61 episoder · 7,6 pr. plads/år"
        );
        assert_eq!(joined(&whole_parts(parts(), 10, sep)), "");
    }
}
