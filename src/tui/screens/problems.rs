//! Problems in the files: the load diagnostics, `file:line:column` first so
//! the facilitator can find the place, errors before warnings. Shown when
//! the app opens with errors; the app works with what could be loaded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::diag::Severity;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{Cursor, wrap};

#[derive(Debug, Default, Clone)]
pub struct ProblemsState {
    pub cursor: Cursor,
}

fn rows(body: Rect) -> usize {
    usize::from(body.height.saturating_sub(4)).max(1)
}

pub fn apply(app: &mut App, a: Action) {
    let n = app.audit.diagnostics.len();
    let h = rows(app.body());
    let c = &mut app.problems.cursor;
    match a {
        Action::Up => c.move_by(-1, n, h),
        Action::Down => c.move_by(1, n, h),
        Action::PageUp => c.move_by(-(h as isize), n, h),
        Action::PageDown => c.move_by(h as isize, n, h),
        Action::Home => c.home(),
        Action::End => c.end(n, h),
        _ => {}
    }
}

pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let first = body.y + 3;
    if y < first {
        return None;
    }
    // Rows wrap, so a click picks by the first line of each: approximate by
    // counting one line per problem from the offset.
    let i = app.problems.cursor.offset_for(rows(body)) + usize::from(y - first);
    (i < app.audit.diagnostics.len()).then_some(i)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let (errors, warnings) = app.problem_counts();
    let mut lines = vec![
        Line::styled(Msg::ProblemsIntro.get(lang), th.muted()),
        Line::default(),
    ];
    if app.audit.diagnostics.is_empty() {
        lines.push(Line::styled(Msg::NoProblems.get(lang), th.ok()));
    }
    let h = rows(area);
    let offset = app.problems.cursor.offset_for(h);
    let w = usize::from(area.width.saturating_sub(4)).max(1);
    for (i, d) in app
        .audit
        .diagnostics
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
    {
        let style = if i == app.problems.cursor.selected {
            th.selected()
        } else if d.severity == Severity::Error {
            th.error()
        } else {
            th.warning()
        };
        let place = format!("{}:{}:{}", d.file.display(), d.pos.line, d.pos.column);
        let word = match d.severity {
            Severity::Error => Msg::ErrorWord,
            Severity::Warning => Msg::WarningWord,
        };
        let head = format!("{place}  {}: ", word.get(lang));
        let body = app.shown(&d.message);
        for (j, l) in wrap(&format!("{head}{body}"), w).into_iter().enumerate() {
            let l = if j == 0 { l } else { format!("    {l}") };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    let title = format!(
        " {} · {} ",
        Msg::Problems.get(lang),
        text::problem_count(errors, warnings, lang)
    );
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title())),
        ),
        area,
    );
}
