//! The period chooser (`p`): from and to months (YYYY-MM), stepped with the
//! arrows through the months the episodes span, so only real months can be
//! chosen; Enter applies when from ≤ to (else it says so), `c` goes back to
//! the whole period, Esc closes.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::words::W;
use super::{App, set_period};
use crate::tui::action::Action;
use crate::tui::widgets::{centered, clear};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodEdit {
    /// The months to choose from, (year, month), in order.
    pub months: Vec<(i32, u32)>,
    pub from: usize,
    pub to: usize,
    /// 0 = from, 1 = to.
    pub row: usize,
    /// Enter refused: from after to.
    pub refused: bool,
}

impl PeriodEdit {
    /// Over the months the audit's episodes span, starting from the period
    /// in force.
    pub fn new(app: &App) -> PeriodEdit {
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        for e in app.audit.cases.iter().flat_map(|c| &c.episodes) {
            let d = e.start.date();
            first = Some(first.map_or(d, |f| f.min(d)));
            last = Some(last.map_or(d, |l| l.max(d)));
        }
        let mut months = Vec::new();
        if let (Some(a), Some(b)) = (first, last) {
            let (mut y, mut m) = (a.year(), a.month());
            while (y, m) <= (b.year(), b.month()) {
                months.push((y, m));
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        let index = |d: NaiveDate| months.iter().position(|ym| *ym == (d.year(), d.month()));
        let (from, to) = match app.magtprofil.period {
            Some((f, t)) => (
                index(f).unwrap_or(0),
                index(t).unwrap_or(months.len().saturating_sub(1)),
            ),
            None => (0, months.len().saturating_sub(1)),
        };
        PeriodEdit {
            months,
            from,
            to,
            row: 0,
            refused: false,
        }
    }

    /// The chosen period: the first day of from to the last day of to.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let (fy, fm) = *self.months.get(self.from)?;
        let (ty, tm) = *self.months.get(self.to)?;
        let from = NaiveDate::from_ymd_opt(fy, fm, 1)?;
        let to = NaiveDate::from_ymd_opt(ty, tm, 1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?;
        (from <= to).then_some((from, to))
    }

    fn label(&self, i: usize) -> String {
        self.months
            .get(i)
            .map_or("–".into(), |(y, m)| format!("{y:04}-{m:02}"))
    }
}

pub fn apply(app: &mut App, a: Action) {
    let Some(edit) = app.magtprofil.period_edit.as_mut() else {
        return;
    };
    let n = edit.months.len();
    edit.refused = false;
    let slot = if edit.row == 0 {
        &mut edit.from
    } else {
        &mut edit.to
    };
    match a {
        Action::Up | Action::Down => edit.row = 1 - edit.row.min(1),
        Action::Left if n > 0 => *slot = slot.saturating_sub(1),
        Action::Right if n > 0 => *slot = (*slot + 1).min(n - 1),
        Action::Home => *slot = 0,
        Action::End => *slot = n.saturating_sub(1),
        Action::Open => match edit.period() {
            Some(p) => {
                app.magtprofil.period_edit = None;
                set_period(app, Some(p));
            }
            None => edit.refused = true,
        },
        Action::ClearFilter => {
            app.magtprofil.period_edit = None;
            set_period(app, None);
        }
        _ => {}
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, edit: &PeriodEdit) {
    let th = app.theme;
    let lang = app.lang;
    let help = W::PeriodHelp.get(lang);
    let width = (help.chars().count() as u16 + 4).min(area.width);
    let r = centered(area, width, 7);
    clear(f, r, th);
    let row = |i: usize, label: W, value: String| {
        let style = if edit.row == i {
            th.selected()
        } else {
            th.text()
        };
        Line::from(vec![
            Span::styled(format!(" {:<12}", label.get(lang)), th.text()),
            Span::styled(format!("◀ {value} ▶"), style),
        ])
    };
    let mut lines = vec![
        row(0, W::PeriodFrom, edit.label(edit.from)),
        row(1, W::PeriodTo, edit.label(edit.to)),
        Line::default(),
    ];
    if edit.refused {
        lines.push(Line::styled(W::PeriodOrder.get(lang), th.warning()));
    } else {
        lines.push(Line::styled(help, th.muted()));
    }
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().border_style(th.border()).title(
            Span::styled(format!(" {} ", W::Period.get(lang)), th.title()),
        )),
        r,
    );
}
