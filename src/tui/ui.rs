//! The shell around the screens: the tab bar on top, the status bar at the
//! bottom (audit, breadcrumb, the keys that matter here, problems), the
//! screen between, popups over it, and a plain message when the window is
//! too small. Drawing only reads the app.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Screen, Tab};
use super::keymap;
use super::screens::magtprofil::MagtView;
use super::text::{self, Lang, Msg};
use super::widgets::{centered, fit};

/// Below this the app shows a message instead of screens.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The three bands of the screen.
#[derive(Debug, Clone, Copy)]
pub struct Shell {
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
}

impl Shell {
    pub fn new(area: Rect) -> Shell {
        let [tabs, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        Shell { tabs, body, status }
    }
}

/// Where each tab's title is in the tab bar: (tab, first column, past the
/// last). Each title names its key ("F1 Oversigt"); when the padded titles
/// do not fit the width they lose their padding.
pub fn tab_positions(lang: Lang, width: u16) -> Vec<(Tab, u16, u16)> {
    let compact = tab_bar_width(lang, false) > usize::from(width);
    let mut x = 0u16;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let w = tab_title(i, *t, lang, compact).width() as u16;
            let pos = (*t, x, x + w);
            x += w + 1;
            pos
        })
        .collect()
}

/// The width of the six titles with their gaps.
fn tab_bar_width(lang: Lang, compact: bool) -> usize {
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| tab_title(i, *t, lang, compact).width() + 1)
        .sum()
}

fn tab_title(i: usize, t: Tab, lang: Lang, compact: bool) -> String {
    if compact {
        format!("F{} {}", i + 1, text::tab(t, lang))
    } else {
        format!(" F{} {} ", i + 1, text::tab(t, lang))
    }
}

/// The tab under a click in the tab bar.
pub fn tab_at(app: &App, x: u16) -> Option<Tab> {
    tab_positions(app.lang, app.size.width)
        .into_iter()
        .find(|(_, a, b)| (*a..*b).contains(&x))
        .map(|(t, _, _)| t)
}

/// Draws the whole frame, then passes it through the anonymity gate.
pub fn draw(f: &mut Frame, app: &App) {
    draw_screens(f, app);
    // The anonymity gate, last: what any screen drew is scanned row by row.
    app.frame_gate.apply(f.buffer_mut());
}

fn draw_screens(f: &mut Frame, app: &App) {
    let area = f.area();
    // The theme's own background first (the projector themes have one, so
    // they read the same on a dark and a light terminal profile).
    f.render_widget(Block::new().style(app.theme.base()), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(f, area, app);
        return;
    }
    if app.projector {
        super::screens::projector::draw(f, area, app);
        return;
    }
    let shell = Shell::new(area);
    draw_tabs(f, shell.tabs, app);
    super::screens::draw(f, shell.body, app);
    draw_status(f, shell.status, app);
    super::popups::draw(f, area, app);
}

fn draw_too_small(f: &mut Frame, area: Rect, app: &App) {
    let msg = text::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT, app.lang);
    let w = area.width.max(1);
    let lines = super::widgets::wrap(&msg, usize::from(w));
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let r = centered(area, w, h);
    f.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(app.theme.warning())
            .centered(),
        r,
    );
}

fn draw_tabs(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let mut spans = Vec::new();
    let compact = tab_bar_width(lang, false) > usize::from(area.width);
    for (i, t) in Tab::ALL.iter().enumerate() {
        let style = if *t == app.tab {
            th.tab_active()
        } else {
            th.tab_inactive()
        };
        spans.push(Span::styled(tab_title(i, *t, lang, compact), style));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let cfg = &app.audit.config;
    let room = usize::from(area.width).saturating_sub(used + 1);
    // Rater mode: whose copy this is ("Nord · bedømmer"), when it fits
    // whole (the status bar always says it too).
    let badge = app.rater.and_then(|r| cfg.tilsyn.get(r)).map(|t| {
        format!(
            "{} · {}",
            super::screens::oversigt::short_tilsyn(&t.name),
            Msg::RaterBadge.get(lang)
        )
    });
    if let Some(label) = badge {
        if label.width() <= room {
            let pad = usize::from(area.width).saturating_sub(used + label.width());
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(label, th.tab_active()));
        }
    } else if room >= 12 && !cfg.id.is_empty() {
        let label = fit(&text::audit_label(&cfg.id, &cfg.title, lang), room);
        let pad = room.saturating_sub(label.width());
        spans.push(Span::raw(" ".repeat(pad)));
        spans.push(Span::styled(label, th.muted()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "18.1 › Sager › Nordlys › Episoder › NL-003".
pub fn breadcrumb(app: &App) -> String {
    let lang = app.lang;
    let mut parts: Vec<String> = Vec::new();
    if !app.audit.config.id.is_empty() {
        parts.push(app.audit.config.id.clone());
    }
    parts.push(text::tab(app.tab, lang).to_string());
    for s in app.stacks[app.tab.index()].iter().skip(1) {
        let part = match *s {
            Screen::Rapport { case } => app.audit.cases.get(case).map(|c| c.name.clone()),
            Screen::Episoder { .. } => Some(Msg::Episodes.get(lang).to_string()),
            Screen::Episode { case } => app
                .episode_tables
                .get(&case)
                .and_then(|t| t.selected_episode())
                .and_then(|e| app.audit.cases.get(case)?.episodes.get(e))
                .map(|e| e.id.to_string()),
            other => Some(text::screen(other.kind(), lang).to_string()),
        };
        parts.extend(part);
    }
    if app.screen() == Screen::Magtprofil {
        match app.magtprofil.view {
            MagtView::Institution => parts.extend(
                app.audit
                    .cases
                    .get(app.magtprofil.case)
                    .map(|c| c.name.clone()),
            ),
            MagtView::Comparison => parts.push(Msg::Comparison.get(lang).to_string()),
            MagtView::Funnel => parts.push(
                super::screens::magtprofil::words::W::Funnel
                    .get(lang)
                    .to_string(),
            ),
        }
    }
    parts.join(" › ")
}

fn draw_status(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    f.render_widget(Block::new().style(th.status()), area);
    let width = usize::from(area.width);
    let crumb = breadcrumb(app);
    let mut left = Vec::new();
    // Rater mode: whose copy this is, on every screen.
    if let Some(t) = app.rater.and_then(|r| app.audit.config.tilsyn.get(r)) {
        left.push(Span::styled(
            format!(
                " {} · {} ",
                super::screens::oversigt::short_tilsyn(&t.name),
                Msg::RaterBadge.get(lang)
            ),
            th.tab_active(),
        ));
    }
    left.push(Span::styled(
        format!(" {} ", fit(&crumb, width / 2)),
        th.status(),
    ));
    if let crate::domain::panel::OpenMode::ReadOnly { reason } = app.panel.mode() {
        left.push(Span::styled(
            format!(
                " {} ",
                fit(&text::read_only_marker(reason, lang), width / 2)
            ),
            th.status_alert(true),
        ));
    }
    if let Some(note) = &app.note {
        left.push(Span::styled(
            format!(" {} ", fit(&note.text, width.saturating_sub(12))),
            if note.error {
                th.status_alert(true)
            } else {
                th.status_key()
            },
        ));
    }
    let (errors, warnings) = app.problem_counts();
    if errors + warnings > 0 && app.note.is_none() {
        left.push(Span::styled(
            format!(" ! {} ", text::problem_count(errors, warnings, lang)),
            th.status_alert(errors > 0),
        ));
    }
    let left_w: usize = left.iter().map(|s| s.content.width()).sum();
    let mut keys: Vec<Span> = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(left_w + 1);
    for (k, word) in
        keymap::status_keys_at(app.context(), lang, |a| crate::tui::screens::acts(app, a))
    {
        let w = k.width() + 1 + word.width() + 2;
        if used + w > room {
            break;
        }
        keys.push(Span::styled(k, th.status_key()));
        keys.push(Span::styled(format!(" {word}  "), th.status()));
        used += w;
    }
    let pad = room.saturating_sub(used);
    let mut spans = left;
    spans.push(Span::styled(" ".repeat(pad), th.status()));
    spans.extend(keys);
    f.render_widget(
        Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false }),
        area,
    );
}

/// The frame shown while the audit loads.
pub fn draw_loading(f: &mut Frame, dir: &std::path::Path, theme: super::theme::Theme, lang: Lang) {
    let area = f.area();
    let msg = text::loading(&dir.display().to_string(), lang);
    let w = area.width.saturating_sub(2).max(1);
    let lines = super::widgets::wrap(&msg, usize::from(w));
    let h = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    f.render_widget(
        Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
            .style(theme.title())
            .centered(),
        centered(area, w, h),
    );
}
