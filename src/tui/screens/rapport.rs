//! The report reader: one case's tilsynsrapport as one scrolling text:
//! summary, each kvalitetsmodel theme with its score 1–5 as a bar and the
//! written assessment, development points, points of attention and what
//! young people said. Scrolls by line and by page.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{score_bar, wrap};

#[derive(Debug, Default, Clone)]
pub struct RapportState {
    /// First visible line.
    pub scroll: usize,
}

/// The report's lines at a width (inside the frame), and the line where
/// each theme begins.
pub fn lines(app: &App, case: usize, width: u16) -> (Vec<Line<'static>>, Vec<(String, usize)>) {
    let th = app.theme;
    let lang = app.lang;
    let w = usize::from(width.saturating_sub(4)).max(1);
    let mut out: Vec<Line> = Vec::new();
    let mut anchors = Vec::new();
    let Some(c) = app.audit.cases.get(case) else {
        return (out, anchors);
    };
    let r = &c.report;
    let heading = |out: &mut Vec<Line<'static>>, m: Msg| {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(m.get(lang).to_string(), th.header()));
    };
    if !r.summary.is_empty() {
        heading(&mut out, Msg::Summary);
        for l in wrap(&app.shown(&r.summary), w) {
            out.push(Line::styled(format!("  {l}"), th.text()));
        }
    }
    heading(&mut out, Msg::Themes);
    for s in &r.themes {
        anchors.push((s.theme.clone(), out.len()));
        let name = app
            .audit
            .theme(&s.theme)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| s.theme.clone());
        let bar = score_bar(s.score, 5);
        let score = text::score(s.score, 5);
        let bar_style = match s.score {
            4..=5 => th.ok(),
            0..=2 => th.warning(),
            _ => th.bar(),
        };
        let right = bar.width() + 1 + score.width();
        let name_w = w.saturating_sub(right + 2).max(1);
        let name = crate::tui::widgets::fit(&name, name_w);
        let pad = w.saturating_sub(name.width() + right).max(1);
        out.push(Line::from(vec![
            Span::styled(name, th.title()),
            Span::raw(" ".repeat(pad)),
            Span::styled(bar, bar_style),
            Span::raw(" "),
            Span::styled(score, th.title()),
        ]));
        for l in wrap(&app.shown(&s.assessment), w.saturating_sub(2).max(1)) {
            out.push(Line::styled(format!("  {l}"), th.text()));
        }
    }
    for (m, items) in [
        (Msg::DevelopmentPoints, &r.development_points),
        (Msg::AttentionPoints, &r.attention_points),
        (Msg::YoungPeople, &r.young_people),
    ] {
        heading(&mut out, m);
        if items.is_empty() {
            out.push(Line::styled(
                format!("  {}", Msg::NoneListed.get(lang)),
                th.muted(),
            ));
        }
        for item in items {
            for (i, l) in wrap(&app.shown(item), w.saturating_sub(4).max(1))
                .into_iter()
                .enumerate()
            {
                let head = if i == 0 { "  • " } else { "    " };
                out.push(Line::styled(format!("{head}{l}"), th.text()));
            }
        }
    }
    (out, anchors)
}

/// The line where a theme begins (for the finder's jump).
pub fn anchor_of(app: &App, case: usize, width: u16, theme: &str) -> Option<usize> {
    lines(app, case, width)
        .1
        .into_iter()
        .find(|(t, _)| t == theme)
        .map(|(_, l)| l)
}

fn page(app: &App) -> usize {
    usize::from(app.body().height.saturating_sub(2)).max(1)
}

pub fn apply(app: &mut App, a: Action) {
    let Screen::Rapport { case } = app.screen() else {
        return;
    };
    let total = lines(app, case, app.body().width).0.len();
    let page = page(app);
    let max = total.saturating_sub(page);
    let s = &mut app.rapport.scroll;
    *s = match a {
        Action::Up => s.saturating_sub(1),
        Action::Down => (*s + 1).min(max),
        Action::PageUp => s.saturating_sub(page),
        Action::PageDown => (*s + page).min(max),
        Action::Home => 0,
        Action::End => max,
        _ => *s,
    };
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, case: usize) {
    let th = app.theme;
    let lang = app.lang;
    let Some(c) = app.audit.cases.get(case) else {
        return;
    };
    let (all, _) = lines(app, case, area.width);
    let page = usize::from(area.height.saturating_sub(2)).max(1);
    let total = all.len();
    let scroll = app.rapport.scroll.min(total.saturating_sub(page));
    let visit = if c.report.announced {
        Msg::Announced.get(lang)
    } else {
        Msg::Unannounced.get(lang)
    };
    let title = format!(
        " {} · {} · {}, {} ",
        Msg::Report.get(lang),
        c.name,
        c.report.date.format("%Y-%m-%d"),
        visit
    );
    let pos = format!(
        " {}–{} / {} ",
        (scroll + 1).min(total),
        (scroll + page).min(total),
        total
    );
    let visible: Vec<Line> = all.into_iter().skip(scroll).take(page).collect();
    f.render_widget(
        Paragraph::new(visible).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title()))
                .title_bottom(Line::styled(pos, th.muted()).right_aligned()),
        ),
        Rect {
            x: area.x,
            width: area.width,
            ..area
        },
    );
}
