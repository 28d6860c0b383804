//! The comparison of all institutions by every figure the profile gives,
//! sorted by any of them (`s` cycles the column, the header marks it); the
//! footer names the lowest and highest value of the sorted column.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use super::words::W;
use super::{App, comparison_rows};
use crate::domain::funnel::Position;
use crate::domain::magtprofil::{Comparison, Profile};
use crate::tui::text::{Lang, Msg};
use crate::tui::widgets::{decimal, fit, thousands};

/// The comparison's sort column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    #[default]
    Episodes,
    Rate,
    BedDays,
    Trend,
    Isolation,
    Late,
    TargetsNotMet,
    /// Rate ÷ the funnel's expected rate.
    Funnel,
    Holiday,
}

impl SortBy {
    pub const ALL: [SortBy; 9] = [
        SortBy::Episodes,
        SortBy::Rate,
        SortBy::Funnel,
        SortBy::BedDays,
        SortBy::Trend,
        SortBy::Isolation,
        SortBy::Late,
        SortBy::TargetsNotMet,
        SortBy::Holiday,
    ];

    pub fn next(self) -> SortBy {
        let i = SortBy::ALL.iter().position(|s| *s == self).unwrap_or(0);
        SortBy::ALL[(i + 1) % SortBy::ALL.len()]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SortBy::Episodes => W::Episodes,
            SortBy::Rate => W::PerPlaceShort,
            SortBy::BedDays => W::PerBedDays,
            SortBy::Trend => W::Trend,
            SortBy::Isolation => W::IsolationShort,
            SortBy::Late => W::LateShort,
            SortBy::TargetsNotMet => W::TargetsShort,
            SortBy::Funnel => W::FunnelShort,
            SortBy::Holiday => W::HolidayShort,
        }
        .get(lang)
    }

    /// The column's value for a profile (`None`: not known).
    pub fn value(self, p: &Profile) -> Option<f64> {
        match self {
            SortBy::Episodes => Some(p.episodes as f64),
            SortBy::Rate => p.rate_per_place,
            SortBy::BedDays => p.rate_per_1000_bed_days,
            SortBy::Trend => p.trend.as_ref().and_then(|t| t.change_percent),
            SortBy::Isolation => Some(p.isolation_over_limit as f64),
            SortBy::Late => Some(p.late_registration as f64),
            SortBy::TargetsNotMet => Some(p.targets.iter().filter(|t| !t.met).count() as f64),
            SortBy::Funnel => p.funnel.as_ref().and_then(|f| {
                let rate = p.episodes as f64 / f.exposure;
                (f.pooled_rate > 0.0).then(|| rate / f.pooled_rate)
            }),
            SortBy::Holiday => {
                let total = p.holiday + p.non_holiday;
                (total > 0).then(|| p.holiday as f64 * 100.0 / total as f64)
            }
        }
    }

    /// The value as the column shows it.
    pub fn text(self, p: &Profile, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match (self, self.value(p)) {
            (_, None) => "–".into(),
            (
                SortBy::Episodes | SortBy::Isolation | SortBy::Late | SortBy::TargetsNotMet,
                Some(v),
            ) => thousands(v as u64),
            (SortBy::Rate | SortBy::BedDays, Some(v)) => decimal(v, 1, da),
            (SortBy::Trend, Some(v)) => {
                format!("{}{} %", if v > 0.0 { "+" } else { "" }, decimal(v, 0, da))
            }
            (SortBy::Funnel, Some(v)) => {
                let mark = match p.funnel.as_ref().map(|f| (f.position_998, f.position_95)) {
                    Some((Position::Above, _)) => "▲▲",
                    Some((Position::Below, _)) => "▼▼",
                    Some((_, Position::Above)) => "▲",
                    Some((_, Position::Below)) => "▼",
                    _ => "",
                };
                format!("{mark}{}", decimal(v, 2, da))
            }
            (SortBy::Holiday, Some(v)) => format!("{} %", decimal(v, 0, da)),
        }
    }
}

/// Profile indices by the column, highest first; unknown values last; ties
/// by id (the profiles are sorted by id).
pub fn compute_order(c: &Comparison, sort: SortBy) -> Vec<usize> {
    let mut order: Vec<usize> = (0..c.profiles.len()).collect();
    let v = |i: usize| sort.value(&c.profiles[i]);
    order.sort_by(|&a, &b| match (v(a), v(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    order
}

/// "Laveste–højeste: A 2,0 – B 16,2" over the sorted column: the first and
/// last rows with a value of the order (so the highest is always the top row).
pub fn range_text(profiles: &[Profile], order: &[usize], sort: SortBy, lang: Lang) -> String {
    let with: Vec<&Profile> = order
        .iter()
        .filter_map(|i| profiles.get(*i))
        .filter(|p| sort.value(p).is_some())
        .collect();
    let (Some(hi), Some(lo)) = (with.first(), with.last()) else {
        return String::new();
    };
    let name = |p: &Profile| p.name.clone().unwrap_or_else(|| p.id.clone());
    format!(
        " {} ({}): {} {} – {} {} ",
        Msg::Range.get(lang),
        sort.label(lang),
        name(lo),
        sort.text(lo, lang),
        name(hi),
        sort.text(hi, lang)
    )
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let st = &app.magtprofil;
    let rows_h = comparison_rows(area);
    let offset = st.cursor.offset_for(rows_h);
    let wide = area.width >= 120;
    // The label and the sort mark, or the widest value.
    let col_w = |s: SortBy| -> u16 {
        let label = s.label(lang).chars().count() as u16 + 1;
        label.max(match s {
            SortBy::Funnel => 7,
            SortBy::Trend => 7,
            _ => 5,
        })
    };
    // As many columns as fit beside a name of 12; the sorted one always.
    let room = area
        .width
        .saturating_sub(2 + 12 + if wide { 13 } else { 0 });
    let mut cols: Vec<SortBy> = Vec::new();
    let mut used = 0;
    for s in SortBy::ALL {
        if used + col_w(s) + 1 > room {
            break;
        }
        used += col_w(s) + 1;
        cols.push(s);
    }
    if !cols.contains(&st.sort) {
        if let Some(last) = cols.pop() {
            used -= col_w(last) + 1;
        }
        used += col_w(st.sort) + 1;
        cols.push(st.sort);
    }
    let hidden = SortBy::ALL.len() > cols.len();
    let cols: &[SortBy] = &cols;
    let name_w = area
        .width
        .saturating_sub(2 + used + if wide { 13 } else { 0 })
        .clamp(8, 30);
    let rows: Vec<Row> = st
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .filter_map(|(pos, pi)| {
            let p = app.comparison.profiles.get(*pi)?;
            let name = p.name.clone().unwrap_or_else(|| p.id.clone());
            let mut cells = vec![Line::from(fit(&name, usize::from(name_w)))];
            if wide {
                let tilsyn = p
                    .tilsyn
                    .as_deref()
                    .and_then(|t| app.audit.tilsyn(t))
                    .map_or(p.tilsyn.clone().unwrap_or_default(), |t| {
                        crate::tui::screens::oversigt::short_tilsyn(&t.name).to_string()
                    });
                cells.push(Line::from(tilsyn));
            }
            cells.extend(cols.iter().map(|s| {
                let line = Line::from(s.text(p, lang)).right_aligned();
                if *s == st.sort {
                    line.style(th.title())
                } else {
                    line
                }
            }));
            let row = Row::new(cells);
            Some(if pos == st.cursor.selected {
                row.style(th.selected())
            } else {
                row.style(th.text())
            })
        })
        .collect();
    let mut header = vec![Line::from(W::Institution.get(lang))];
    if wide {
        header.push(Line::from(W::Tilsyn.get(lang)));
    }
    header.extend(cols.iter().map(|s| {
        let l = s.label(lang);
        Line::from(if *s == st.sort {
            format!("{l}▼")
        } else {
            l.to_string()
        })
        .right_aligned()
    }));
    let mut widths = vec![Constraint::Length(name_w)];
    if wide {
        widths.push(Constraint::Length(12));
    }
    widths.extend(cols.iter().map(|s| Constraint::Length(col_w(*s))));
    let period = super::institution::period_text(app);
    let more = if hidden {
        format!(" · {}", W::ColumnsHidden.get(lang))
    } else {
        String::new()
    };
    let title = format!(
        " {} · {} {}{more} · {period} ",
        Msg::Comparison.get(lang),
        W::SortedBy.get(lang),
        st.sort.label(lang)
    );
    let n = st.order.len();
    let range = range_text(&app.comparison.profiles, &st.order, st.sort, lang);
    let mut bottom = vec![Span::styled(range, th.muted())];
    if offset + rows_h < n {
        bottom.push(Span::styled(
            format!(" {} {} ", n - offset - rows_h, W::MoreBelow.get(lang)),
            th.warning(),
        ));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(th.header()))
        .column_spacing(1)
        .block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title()))
                .title_bottom(Line::from(bottom)),
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

    fn p(id: &str, name: &str, episodes: u64, rate: Option<f64>) -> Profile {
        Profile {
            id: id.into(),
            name: Some(name.into()),
            episodes,
            rate_per_place: rate,
            ..Default::default()
        }
    }

    /// The footer once named the count's lowest and highest institutions
    /// with their rates ("Lindely 2,0 – Lyngtoften 15,9" while Tranehøj had
    /// 16,2): the range must come from the sorted column itself.
    #[test]
    fn the_range_is_of_the_sorted_column() {
        let c = Comparison {
            profiles: vec![
                p("lindely", "Lindely", 28, Some(2.001)),
                p("lyngtoften", "Lyngtoften", 254, Some(15.886)),
                p("tranehoej", "Tranehøj", 97, Some(16.178)),
                p("x", "Uden pladser", 40, None),
            ],
            ..Default::default()
        };
        let by_rate = compute_order(&c, SortBy::Rate);
        assert_eq!(by_rate, [2, 1, 0, 3]);
        let by_count = compute_order(&c, SortBy::Episodes);
        assert_eq!(by_count, [1, 2, 3, 0]);
        assert_eq!(
            range_text(&c.profiles, &by_rate, SortBy::Rate, Lang::Da),
            " Laveste–højeste (Pr.plads): Lindely 2,0 – Tranehøj 16,2 "
        );
        assert_eq!(
            range_text(&c.profiles, &by_count, SortBy::Episodes, Lang::Da),
            " Laveste–højeste (Episoder): Lindely 28 – Lyngtoften 254 "
        );
    }
}
