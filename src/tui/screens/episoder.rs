//! The episode table of one case: sortable by any column (`s` cycles the
//! column, `S` reverses) and filterable by type, child, month and rule
//! finding (`f` opens the filter). Rule findings and durations are computed
//! once when the table is first opened; sorting and filtering rebuild the
//! `view` (indices into the case's episodes) when they change, never in
//! draw, and drawing builds rows only for the visible window.

use std::cmp::Ordering;

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table};

use crate::domain::model::{Case, Episode, InterventionType};
use crate::domain::rules::{self, Rule};
use crate::domain::time::minutes_between;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::{Cursor, fit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Id,
    Child,
    Start,
    Duration,
    Type,
    Witnesses,
    Findings,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] = [
        SortColumn::Id,
        SortColumn::Child,
        SortColumn::Start,
        SortColumn::Duration,
        SortColumn::Type,
        SortColumn::Witnesses,
        SortColumn::Findings,
    ];

    fn next(self) -> SortColumn {
        let i = SortColumn::ALL.iter().position(|c| *c == self).unwrap_or(0);
        SortColumn::ALL[(i + 1) % SortColumn::ALL.len()]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SortColumn::Id => "Id",
            SortColumn::Child => Msg::Child.get(lang),
            SortColumn::Start => Msg::Start.get(lang),
            SortColumn::Duration => Msg::Minutes.get(lang),
            SortColumn::Type => Msg::Type.get(lang),
            SortColumn::Witnesses => Msg::Witnesses.get(lang),
            SortColumn::Findings => Msg::Findings.get(lang),
        }
    }
}

/// A choice in the rule-finding filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleChoice {
    Any,
    Rule(Rule),
}

/// The values each filter can take, from the case's own episodes.
#[derive(Debug, Clone, Default)]
pub struct FilterOptions {
    pub kinds: Vec<InterventionType>,
    pub children: Vec<String>,
    /// (year, month)
    pub months: Vec<(i32, u32)>,
    pub rules: Vec<RuleChoice>,
}

/// "Exactly these episodes": the drill-down from a magtprofil figure
/// (`domain::drill`), shown in the table's border while it is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    /// What it filters by ("magtprofil: måned 2017-03").
    pub label: String,
    /// Per episode of the case (case order): shown or not.
    pub mask: Vec<bool>,
}

/// Which filter row: type, child, month, rule finding.
pub const FILTER_ROWS: usize = 4;

#[derive(Debug, Clone)]
pub struct EpisodeTable {
    pub case: usize,
    /// Per episode (case order): a bit per `Rule` it breaks.
    pub findings: Vec<u32>,
    /// Per episode: duration in minutes, when the end is known.
    pub durations: Vec<Option<i64>>,
    pub sort: SortColumn,
    pub descending: bool,
    /// Per filter row: the chosen option's index, `None` = all.
    pub filter: [Option<usize>; FILTER_ROWS],
    pub options: FilterOptions,
    /// Indices into the case's episodes, filtered and sorted.
    pub view: Vec<u32>,
    pub cursor: Cursor,
    /// Width of the widest episode id as shown (for the Id column).
    pub id_width: u16,
    /// Bytes of "<case id>-" to leave out of ids in the table, when every
    /// id starts with it (the table's title already names the institution).
    pub id_prefix: usize,
    /// The drill-down's episodes, on top of the filter rows.
    pub exact: Option<Exact>,
}

pub fn rule_bit(r: Rule) -> u32 {
    1 << (r as u32)
}

impl EpisodeTable {
    pub fn new(case_index: usize, case: &Case) -> EpisodeTable {
        let findings: Vec<u32> = case
            .episodes
            .iter()
            .map(|e| {
                rules::episode_findings(e, case.kind)
                    .iter()
                    .fold(0u32, |acc, f| acc | rule_bit(f.rule))
            })
            .collect();
        let durations = case
            .episodes
            .iter()
            .map(|e| e.end.map(|end| minutes_between(e.start, end)))
            .collect();
        let mut kinds: Vec<InterventionType> = case.episodes.iter().map(|e| e.kind).collect();
        kinds.sort();
        kinds.dedup();
        let mut children: Vec<String> = case.episodes.iter().map(|e| e.child.to_string()).collect();
        children.sort();
        children.dedup();
        let mut months: Vec<(i32, u32)> = case
            .episodes
            .iter()
            .map(|e| (e.start.year(), e.start.month()))
            .collect();
        months.sort();
        months.dedup();
        let present = findings.iter().fold(0u32, |a, b| a | b);
        let mut rule_choices = vec![RuleChoice::Any];
        rule_choices.extend(
            text::ALL_RULES
                .iter()
                .filter(|r| present & rule_bit(**r) != 0)
                .map(|r| RuleChoice::Rule(*r)),
        );
        let mut t = EpisodeTable {
            case: case_index,
            findings,
            durations,
            sort: SortColumn::Start,
            descending: false,
            filter: [None; FILTER_ROWS],
            options: FilterOptions {
                kinds,
                children,
                months,
                rules: rule_choices,
            },
            view: Vec::new(),
            cursor: Cursor::default(),
            id_width: 2,
            id_prefix: 0,
            exact: None,
        };
        let prefix = format!("{}-", case.id);
        if !case.episodes.is_empty()
            && case
                .episodes
                .iter()
                .all(|e| e.id.starts_with(&prefix) && e.id.len() > prefix.len())
        {
            t.id_prefix = prefix.len();
        }
        t.id_width = case
            .episodes
            .iter()
            .map(|e| e.id[t.id_prefix..].chars().count())
            .max()
            .unwrap_or(2)
            .clamp(2, 24) as u16;
        t.rebuild(case, usize::MAX);
        t
    }

    fn option_count(&self, row: usize) -> usize {
        match row {
            0 => self.options.kinds.len(),
            1 => self.options.children.len(),
            2 => self.options.months.len(),
            _ => self.options.rules.len(),
        }
    }

    /// The shown value of a filter row.
    pub fn filter_label(&self, row: usize, lang: Lang) -> String {
        let Some(i) = self.filter[row] else {
            return Msg::FilterAll.get(lang).to_string();
        };
        match row {
            0 => self
                .options
                .kinds
                .get(i)
                .map_or(String::new(), |k| text::intervention(*k, lang).to_string()),
            1 => self.options.children.get(i).cloned().unwrap_or_default(),
            2 => self
                .options
                .months
                .get(i)
                .map_or(String::new(), |(y, m)| format!("{y}-{m:02}")),
            _ => match self.options.rules.get(i) {
                Some(RuleChoice::Any) => Msg::FilterAnyFinding.get(lang).to_string(),
                Some(RuleChoice::Rule(r)) => text::rule(*r, lang).to_string(),
                None => String::new(),
            },
        }
    }

    pub fn filtered(&self) -> bool {
        self.filter.iter().any(Option::is_some) || self.exact.is_some()
    }

    /// Sets (or clears) the drill-down's episodes, from the top of the table.
    pub fn set_exact(&mut self, exact: Option<Exact>, case: &Case, height: usize) {
        self.exact = exact;
        self.cursor = Cursor::default();
        self.rebuild(case, height);
        self.cursor = Cursor::default();
    }

    /// Moves a filter row to its previous/next value (all → first … last → all).
    pub fn step_filter(&mut self, row: usize, step: isize, case: &Case, height: usize) {
        let n = self.option_count(row);
        if n == 0 || row >= FILTER_ROWS {
            return;
        }
        // Positions 0 = all, 1..=n = the options.
        let pos = self.filter[row].map_or(0, |i| i + 1) as isize;
        let next = (pos + step).rem_euclid(n as isize + 1) as usize;
        self.filter[row] = next.checked_sub(1);
        self.rebuild(case, height);
    }

    pub fn clear_filter(&mut self, case: &Case) {
        self.filter = [None; FILTER_ROWS];
        self.exact = None;
        self.rebuild(case, usize::MAX);
    }

    pub fn sort_next(&mut self, case: &Case, height: usize) {
        self.sort = self.sort.next();
        self.descending = false;
        self.rebuild(case, height);
    }

    pub fn reverse(&mut self, height: usize) {
        self.descending = !self.descending;
        let selected = self.selected_episode();
        self.view.reverse();
        self.keep(selected, height);
    }

    /// The episode (index in the case) under the cursor.
    pub fn selected_episode(&self) -> Option<usize> {
        self.view.get(self.cursor.selected).map(|i| *i as usize)
    }

    fn keep(&mut self, episode: Option<usize>, height: usize) {
        let pos = episode
            .and_then(|e| self.view.iter().position(|v| *v as usize == e))
            .unwrap_or(0);
        self.cursor = Cursor::default();
        self.cursor.select(pos, self.view.len(), height);
    }

    /// Selects an episode, clearing the filter if it hides it.
    pub fn show_episode(&mut self, episode: usize, case: &Case, height: usize) {
        if !self.view.iter().any(|v| *v as usize == episode) {
            self.filter = [None; FILTER_ROWS];
            self.exact = None;
            self.rebuild(case, height);
        }
        self.keep(Some(episode), height);
    }

    fn matches(&self, i: usize, e: &Episode) -> bool {
        if let Some(x) = &self.exact
            && !x.mask.get(i).copied().unwrap_or(false)
        {
            return false;
        }
        if let Some(k) = self.filter[0].and_then(|k| self.options.kinds.get(k))
            && e.kind != *k
        {
            return false;
        }
        if let Some(c) = self.filter[1].and_then(|c| self.options.children.get(c))
            && e.child != *c
        {
            return false;
        }
        if let Some((y, m)) = self.filter[2].and_then(|m| self.options.months.get(m))
            && (e.start.year() != *y || e.start.month() != *m)
        {
            return false;
        }
        match self.filter[3].and_then(|r| self.options.rules.get(r)) {
            Some(RuleChoice::Any) => self.findings[i] != 0,
            Some(RuleChoice::Rule(r)) => self.findings[i] & rule_bit(*r) != 0,
            None => true,
        }
    }

    /// Filters and sorts again, keeping the selected episode where it can.
    pub fn rebuild(&mut self, case: &Case, height: usize) {
        let selected = self.selected_episode();
        let eps = &case.episodes;
        let mut view: Vec<u32> = (0..eps.len())
            .filter(|i| self.matches(*i, &eps[*i]))
            .map(|i| i as u32)
            .collect();
        let cmp = |a: &u32, b: &u32| -> Ordering {
            let (a, b) = (*a as usize, *b as usize);
            let (ea, eb) = (&eps[a], &eps[b]);
            match self.sort {
                SortColumn::Id => ea.id.cmp(&eb.id),
                SortColumn::Child => ea.child.cmp(&eb.child).then(ea.start.cmp(&eb.start)),
                SortColumn::Start => ea.start.cmp(&eb.start),
                SortColumn::Duration => self.durations[a].cmp(&self.durations[b]),
                SortColumn::Type => ea.kind.cmp(&eb.kind).then(ea.start.cmp(&eb.start)),
                SortColumn::Witnesses => ea.witnesses.cmp(&eb.witnesses),
                SortColumn::Findings => self.findings[a]
                    .count_ones()
                    .cmp(&self.findings[b].count_ones()),
            }
        };
        view.sort_by(cmp);
        if self.descending {
            view.reverse();
        }
        self.view = view;
        self.keep(selected, height);
    }
}

/// Rows of the table that fit in the body.
pub fn table_rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(3))
}

pub fn apply(app: &mut App, a: Action) {
    let Screen::Episoder { case } = app.screen() else {
        return;
    };
    let h = table_rows(app.body());
    let Some(t) = app.episode_tables.get_mut(&case) else {
        return;
    };
    let n = t.view.len();
    let c = &app.audit.cases[case];
    match a {
        Action::Up => t.cursor.move_by(-1, n, h),
        Action::Down => t.cursor.move_by(1, n, h),
        Action::PageUp => t.cursor.move_by(-(h as isize), n, h),
        Action::PageDown => t.cursor.move_by(h as isize, n, h),
        Action::Home => t.cursor.home(),
        Action::End => t.cursor.end(n, h),
        Action::SortNext => t.sort_next(c, h),
        Action::SortReverse => t.reverse(h),
        Action::ClearFilter => t.clear_filter(c),
        Action::Open if n > 0 => {
            app.push(Screen::Episode { case });
            app.episode.scroll = 0;
            super::episode::refresh(app);
        }
        _ => {}
    }
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let Screen::Episoder { case } = app.screen() else {
        return None;
    };
    let t = app.episode_tables.get(&case)?;
    let first = body.y + 2;
    let rows = table_rows(body);
    if y < first || usize::from(y - first) >= rows {
        return None;
    }
    let i = t.cursor.offset_for(rows) + usize::from(y - first);
    (i < t.view.len()).then_some(i)
}

/// "2 · registreret for sent" for the findings column.
fn findings_cell(bits: u32, lang: Lang) -> String {
    let n = bits.count_ones();
    if n == 0 {
        return String::new();
    }
    let first = text::ALL_RULES
        .iter()
        .find(|r| bits & rule_bit(**r) != 0)
        .map(|r| text::rule(*r, lang))
        .unwrap_or("");
    if n == 1 {
        first.to_string()
    } else {
        format!("{n}: {first} …")
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, case: usize) {
    let th = app.theme;
    let lang = app.lang;
    let (Some(c), Some(t)) = (app.audit.cases.get(case), app.episode_tables.get(&case)) else {
        return;
    };
    let rows_h = table_rows(area);
    let offset = t.cursor.offset_for(rows_h);
    let arrow = if t.descending { "▼" } else { "▲" };
    let head = |col: SortColumn| {
        if col == t.sort {
            format!("{}{arrow}", col.label(lang))
        } else {
            col.label(lang).to_string()
        }
    };
    let header = Row::new(SortColumn::ALL.map(head)).style(th.header());
    let rows: Vec<Row> = t
        .view
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows_h)
        .filter_map(|(pos, i)| {
            let i = *i as usize;
            let e = c.episodes.get(i)?;
            let bits = t.findings.get(i).copied().unwrap_or(0);
            let row = Row::new(vec![
                Line::from(e.id.get(t.id_prefix..).unwrap_or(&e.id).to_string()),
                Line::from(e.child.as_str()),
                Line::from(e.start.format("%Y-%m-%d %H:%M").to_string()),
                Line::from(t.durations[i].map_or("–".to_string(), |d| d.to_string()))
                    .right_aligned(),
                Line::from(text::intervention(e.kind, lang)),
                Line::from(e.witnesses.map_or("–".to_string(), |w| w.to_string())).right_aligned(),
                Line::styled(findings_cell(bits, lang), th.warning()),
            ]);
            Some(if pos == t.cursor.selected {
                row.style(th.selected())
            } else {
                row.style(th.text())
            })
        })
        .collect();
    let widths = [
        Constraint::Length(t.id_width),
        Constraint::Length(6),
        Constraint::Length(16),
        Constraint::Length(5),
        Constraint::Length(15),
        Constraint::Length(7),
        Constraint::Min(10),
    ];
    let title = format!(" {} · {} ", Msg::Episodes.get(lang), c.name);
    let mut filter_spans = vec![Span::styled(
        format!(" {} ", text::shown_of(t.view.len(), c.episodes.len(), lang)),
        th.title(),
    )];
    if t.filtered() {
        let labels = [Msg::Type, Msg::Child, Msg::Month, Msg::Findings];
        let exact = t.exact.as_ref().map(|x| x.label.clone());
        let parts: Vec<String> = exact
            .into_iter()
            .chain(
                (0..FILTER_ROWS)
                    .filter(|r| t.filter[*r].is_some())
                    .map(|r| {
                        format!(
                            "{}: {}",
                            labels[r].get(lang).to_lowercase(),
                            t.filter_label(r, lang)
                        )
                    }),
            )
            .collect();
        filter_spans.push(Span::styled(
            format!("· {} ", fit(&parts.join(", "), usize::from(area.width / 2))),
            th.warning(),
        ));
    }
    let bottom = Line::from(filter_spans);
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title, th.title()))
        .title_bottom(bottom);
    f.render_widget(
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(block),
        area,
    );
    if t.view.is_empty() && area.height > 3 {
        let msg = if c.episodes.is_empty() {
            Msg::NoEpisodes
        } else {
            Msg::NoEpisodesMatch
        };
        let r = Rect {
            x: area.x + 2,
            y: area.y + 2,
            width: area.width.saturating_sub(4),
            height: 1,
        };
        f.render_widget(Paragraph::new(msg.get(lang)).style(th.muted()), r);
    }
}
