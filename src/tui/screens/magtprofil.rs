//! Magtprofil: one institution's use of force (by month, weekday, hour and
//! type; compliance and rule counts; its own targets met or not) and the
//! comparison of all institutions as counts or rates, with the holiday
//! split. The numbers come from `domain::magtprofil`, computed once at load
//! (`App::comparison`); this file only lays them out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use crate::domain::magtprofil::Profile;
use crate::domain::model::InterventionType;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::chart::{BarColumns, split_weekday_hour};
use crate::tui::text::{self, Lang, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::{Cursor, bar, decimal, fit, thousands};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MagtView {
    #[default]
    Institution,
    Comparison,
}

#[derive(Debug, Clone, Default)]
pub struct MagtprofilState {
    /// The chosen institution (index into `audit.cases`).
    pub case: usize,
    pub view: MagtView,
    /// Comparison as rates (true) or counts.
    pub rates: bool,
    /// Row in the comparison.
    pub cursor: Cursor,
}

/// The comparison's rows: profile indices, highest first by the shown
/// measure (cached in `App::magt_order` when the comparison is set).
pub fn order(app: &App) -> &[usize] {
    &app.magt_order[usize::from(app.magtprofil.rates)]
}

/// Profile indices in the domain's rank order (by count, or by rate), the
/// unranked ones after.
pub fn compute_order(c: &crate::domain::magtprofil::Comparison, rates: bool) -> Vec<usize> {
    let ranks = if rates {
        &c.rank_by_rate
    } else {
        &c.rank_by_count
    };
    let index: std::collections::HashMap<&str, usize> = c
        .profiles
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut seen = vec![false; c.profiles.len()];
    let mut out = Vec::with_capacity(c.profiles.len());
    for id in ranks {
        if let Some(&i) = index.get(id.as_str())
            && !seen[i]
        {
            seen[i] = true;
            out.push(i);
        }
    }
    out.extend((0..c.profiles.len()).filter(|i| !seen[*i]));
    out
}

fn comparison_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(5))
}

pub fn apply(app: &mut App, a: Action) {
    let n_cases = app.audit.cases.len();
    let n = app.comparison.profiles.len();
    let h = comparison_rows(app.body());
    let st = &mut app.magtprofil;
    match (st.view, a) {
        (_, Action::ToggleView) => {
            st.view = match st.view {
                MagtView::Institution => MagtView::Comparison,
                MagtView::Comparison => MagtView::Institution,
            }
        }
        (_, Action::ToggleRate) => st.rates = !st.rates,
        (MagtView::Institution, Action::Left) if n_cases > 0 => {
            st.case = (st.case + n_cases - 1) % n_cases
        }
        (MagtView::Institution, Action::Right) if n_cases > 0 => st.case = (st.case + 1) % n_cases,
        (MagtView::Comparison, Action::Up) => st.cursor.move_by(-1, n, h),
        (MagtView::Comparison, Action::Down) => st.cursor.move_by(1, n, h),
        (MagtView::Comparison, Action::Home) => st.cursor.home(),
        (MagtView::Comparison, Action::End) => st.cursor.end(n, h),
        (MagtView::Comparison, Action::Open) => {
            let chosen = order(app)
                .get(app.magtprofil.cursor.selected)
                .and_then(|p| app.comparison.profiles.get(*p))
                .and_then(|p| app.audit.cases.iter().position(|c| c.id == p.id));
            if let Some(case) = chosen {
                app.magtprofil.case = case;
                app.magtprofil.view = MagtView::Institution;
            }
        }
        _ => {}
    }
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    if app.magtprofil.view != MagtView::Comparison {
        return None;
    }
    let first = body.y + 2;
    let rows = comparison_rows(body);
    if y < first || usize::from(y - first) >= rows {
        return None;
    }
    let i = app.magtprofil.cursor.offset_for(rows) + usize::from(y - first);
    (i < app.comparison.profiles.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    // An audit on another theme (no episode files) says so once.
    if !app.audit.has_episodes() {
        f.render_widget(
            Paragraph::new(Msg::NoEpisodeFiles.get(app.lang))
                .style(app.theme.muted())
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    match app.magtprofil.view {
        MagtView::Institution => draw_institution(f, area, app),
        MagtView::Comparison => draw_comparison(f, area, app),
    }
}

fn profile(app: &App, case: usize) -> Option<&Profile> {
    app.profile_of
        .get(case)
        .copied()
        .flatten()
        .and_then(|p| app.comparison.profiles.get(p))
}

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

fn draw_institution(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let Some(c) = app.audit.cases.get(app.magtprofil.case) else {
        f.render_widget(
            Paragraph::new(Msg::NoCases.get(lang)).style(th.muted()),
            area,
        );
        return;
    };
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let p = profile(app, app.magtprofil.case);
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
        if let (Some(from), Some(to)) = (p.from, p.to) {
            parts.push(Span::styled(
                format!("{}–{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d")),
                th.muted(),
            ));
        }
    }
    let used: usize = spans.iter().map(Span::width).sum();
    spans.extend(whole_parts(
        parts,
        usize::from(head.width).saturating_sub(used),
        Span::styled(" · ", th.muted()),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), head);
    let Some(p) = p else {
        let r = Rect {
            y: rest.y + 1,
            height: rest.height.saturating_sub(1),
            ..rest
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
            r,
        );
        return;
    };

    let side_w = if rest.width >= 120 { 44 } else { 32 }.min(rest.width / 2);
    let [charts, side] =
        Layout::horizontal([Constraint::Min(10), Constraint::Length(side_w)]).areas(rest);
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Percentage(32),
        Constraint::Min(4),
    ])
    .areas(charts);
    let months: Vec<(String, u64)> = p
        .by_month
        .iter()
        .map(|(k, v)| (k.get(5..7).unwrap_or(k).to_string(), *v))
        .collect();
    let month_title = match (p.by_month.keys().next(), p.by_month.keys().last()) {
        (Some(a), Some(b)) if a != b => format!(" {} {a} – {b} ", Msg::ByMonth.get(lang)),
        _ => format!(" {} ", Msg::ByMonth.get(lang)),
    };
    bar_chart(f, top, th, &month_title, &months);
    let (wd_w, _) = split_weekday_hour(middle.width);
    let [wd, hr] = Layout::horizontal([Constraint::Length(wd_w), Constraint::Min(0)]).areas(middle);
    let days: Vec<(String, u64)> = Msg::Weekdays
        .get(lang)
        .split(' ')
        .zip(p.by_weekday.iter())
        .map(|(d, v)| (d.to_string(), *v))
        .collect();
    bar_chart(f, wd, th, &format!(" {} ", Msg::ByWeekday.get(lang)), &days);
    let hours: Vec<(String, u64)> = p
        .by_hour
        .iter()
        .enumerate()
        .map(|(h, v)| (format!("{h:02}"), *v))
        .collect();
    bar_chart(
        f,
        hr,
        th,
        &format!(" {} 00–23 ", Msg::ByHour.get(lang)),
        &hours,
    );
    draw_types(f, bottom, app, p);
    draw_side(f, side, app, p);
}

/// A vertical bar chart in a titled box: values above the bars, labels
/// under them (see `chart`).
fn bar_chart(f: &mut Frame, area: Rect, th: Theme, title: &str, data: &[(String, u64)]) {
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
        },
        inner,
    );
}

fn draw_types(f: &mut Frame, area: Rect, app: &App, p: &Profile) {
    let th = app.theme;
    let lang = app.lang;
    let inner = usize::from(area.width.saturating_sub(2));
    let max = p.by_type.values().copied().max().unwrap_or(0) as f64;
    let label_w = 15;
    let num_w = 7;
    let bar_w = inner.saturating_sub(label_w + num_w + 2);
    let mut rows: Vec<(&'static str, u64)> = InterventionType::ALL
        .iter()
        .map(|t| {
            (
                text::intervention(*t, lang),
                p.by_type.get(t.code()).copied().unwrap_or(0),
            )
        })
        .collect();
    // Non-zero first when space is short; the order is the law's otherwise.
    let room = usize::from(area.height.saturating_sub(2));
    if room < rows.len() {
        rows.retain(|(_, v)| *v > 0);
    }
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(name, v)| {
            Line::from(vec![
                Span::styled(format!("{:<label_w$}", fit(name, label_w - 1)), th.text()),
                Span::styled(format!("{:>num_w$} ", thousands(v)), th.title()),
                Span::styled(bar(v as f64, max, bar_w), th.bar()),
            ])
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(th.border()).title(
            Span::styled(format!(" {} ", Msg::ByType.get(lang)), th.title()),
        )),
        area,
    );
}

fn draw_side(f: &mut Frame, area: Rect, app: &App, p: &Profile) {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(area.width.saturating_sub(2));
    let num_w = 7;
    let label_w = w.saturating_sub(num_w);
    let line = |m: Msg, v: u64, bad: bool| {
        Line::from(vec![
            Span::styled(
                format!("{:<label_w$}", fit(m.get(lang), label_w.saturating_sub(1))),
                th.text(),
            ),
            Span::styled(
                format!("{:>num_w$}", thousands(v)),
                if bad && v > 0 {
                    th.warning()
                } else {
                    th.title()
                },
            ),
        ])
    };
    let mut lines = vec![
        line(Msg::Children, p.children, false),
        line(Msg::MaxPerChild, p.max_per_child, false),
        line(
            Msg::ChildrenOverOneAMonth,
            p.children_over_one_in_a_month,
            true,
        ),
        line(Msg::Over3Min, p.over_3_min, true),
        line(Msg::UnknownDuration, p.unknown_duration, true),
        line(Msg::IsolationOverLimit, p.isolation_over_limit, true),
        line(Msg::LateRegistration, p.late_registration, true),
        line(Msg::MissingChildStatement, p.missing_child_statement, true),
        line(Msg::ParentsNotTold, p.parents_not_told, true),
        line(Msg::Witnessed, p.witnessed, true),
        line(Msg::StaffTwoOrMore, p.staff_two_or_more, false),
        line(Msg::MonthsWithout, p.months_without_episodes, false),
        line(Msg::Holiday, p.holiday, false),
        line(Msg::NonHoliday, p.non_holiday, false),
    ];
    lines.push(Line::default());
    lines.push(Line::styled(
        Msg::Targets.get(lang).to_string(),
        th.header(),
    ));
    if p.targets.is_empty() {
        lines.push(Line::styled(
            Msg::NoTargets.get(lang).to_string(),
            th.muted(),
        ));
    }
    for t in &p.targets {
        let (mark, style, word) = if t.met {
            ("✓", th.ok(), Msg::TargetMet)
        } else {
            ("✗", th.warning(), Msg::TargetNotMet)
        };
        let label = format!("{mark} {}", text::target(t.target, lang));
        let tail = format!(" {} ({})", word.get(lang), thousands(t.count));
        let (lw, tw) = (label.chars().count(), tail.chars().count());
        if lw + tw <= w {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<0$}", w - tw), style),
                Span::styled(tail, style),
            ]));
        } else {
            // Narrow: the target on one line, met or not under it.
            lines.push(Line::styled(fit(&label, w), style));
            lines.push(Line::styled(
                fit(&format!("  {}", tail.trim_start()), w),
                style,
            ));
        }
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(th.border()).title(
            Span::styled(format!(" {} ", Msg::Compliance.get(lang)), th.title()),
        )),
        area,
    );
}

fn draw_comparison(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let rates = app.magtprofil.rates;
    let ord = order(app);
    let rows_h = comparison_rows(area);
    let offset = app.magtprofil.cursor.offset_for(rows_h);
    let value = |p: &Profile| -> f64 {
        if rates {
            p.rate_per_place.unwrap_or(0.0)
        } else {
            p.episodes as f64
        }
    };
    let max = app
        .comparison
        .profiles
        .iter()
        .map(value)
        .fold(0.0, f64::max);
    let name_w = usize::from(area.width / 4).clamp(8, 30);
    let bar_w = usize::from(area.width.saturating_sub(2))
        .saturating_sub(name_w + 12 + 10 + 2 * 12 + 6)
        .max(4);
    let rows: Vec<Row> = ord
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .filter_map(|(pos, pi)| {
            let p = app.comparison.profiles.get(*pi)?;
            let name = p.name.clone().unwrap_or_else(|| p.id.clone());
            let tilsyn = p
                .tilsyn
                .as_deref()
                .and_then(|t| app.audit.tilsyn(t))
                .map_or(p.tilsyn.clone().unwrap_or_default(), |t| {
                    super::oversigt::short_tilsyn(&t.name).to_string()
                });
            let shown = if rates {
                rate_text(p.rate_per_place, lang)
            } else {
                thousands(p.episodes)
            };
            let total = p.holiday + p.non_holiday;
            let split = |v: u64| {
                if rates {
                    if total == 0 {
                        "–".to_string()
                    } else {
                        format!(
                            "{} %",
                            decimal(v as f64 * 100.0 / total as f64, 0, lang == Lang::Da)
                        )
                    }
                } else {
                    thousands(v)
                }
            };
            let row = Row::new(vec![
                Line::from(fit(&name, name_w)),
                Line::from(tilsyn),
                Line::from(shown).right_aligned(),
                Line::styled(bar(value(p), max, bar_w), th.bar()),
                Line::from(split(p.holiday)).right_aligned(),
                Line::from(split(p.non_holiday)).right_aligned(),
            ]);
            Some(if pos == app.magtprofil.cursor.selected {
                row.style(th.selected())
            } else {
                row.style(th.text())
            })
        })
        .collect();
    let measure = if rates { Msg::Rate } else { Msg::Episodes };
    let header = Row::new(vec![
        Line::from(Msg::Institution.get(lang)),
        Line::from(Msg::Tilsyn.get(lang)),
        Line::from(measure.get(lang)).right_aligned(),
        Line::from(""),
        Line::from(Msg::Holiday.get(lang)).right_aligned(),
        Line::from(Msg::NonHoliday.get(lang)).right_aligned(),
    ])
    .style(th.header());
    let mode = if rates { Msg::Rates } else { Msg::Counts };
    let title = format!(" {} · {} ", Msg::Comparison.get(lang), mode.get(lang));
    let range = match (&app.comparison.lowest, &app.comparison.highest) {
        (Some(lo), Some(hi)) => {
            let name = |id: &str| {
                app.comparison
                    .profiles
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| (p.name.clone().unwrap_or(p.id.clone()), value(p)))
            };
            match (name(lo), name(hi)) {
                (Some((ln, lv)), Some((hn, hv))) => {
                    let fmt = |v: f64| {
                        if rates {
                            decimal(v, 1, lang == Lang::Da)
                        } else {
                            thousands(v as u64)
                        }
                    };
                    format!(
                        " {}: {} {} – {} {} ",
                        Msg::Range.get(lang),
                        ln,
                        fmt(lv),
                        hn,
                        fmt(hv)
                    )
                }
                _ => String::new(),
            }
        }
        _ => String::new(),
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(name_w as u16),
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Min(4),
            Constraint::Length(12),
            Constraint::Length(14),
        ],
    )
    .header(header)
    .column_spacing(1)
    .block(
        Block::bordered()
            .border_style(th.border())
            .title(Span::styled(title, th.title()))
            .title_bottom(Line::styled(range, th.muted())),
    );
    f.render_widget(table, area);
    if app.comparison.profiles.is_empty() && area.height > 3 {
        let r = Rect {
            x: area.x + 2,
            y: area.y + 2,
            width: area.width.saturating_sub(4),
            height: 1,
        };
        f.render_widget(
            Paragraph::new(Msg::ProfileMissing.get(lang)).style(th.muted()),
            r,
        );
    }
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
