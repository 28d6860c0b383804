//! One episode in full: every field, the description and its rule findings.
//! The episode is the one selected in the case's episode table, so ←/→ walk
//! the table's (filtered, sorted) order. Findings are computed when the
//! shown episode changes, not in draw.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::model::{ChildStatement, ParentsTold};
use crate::domain::rules::{self, Finding};

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::wrap;

#[derive(Debug, Default, Clone)]
pub struct EpisodeState {
    pub scroll: usize,
    /// The shown episode's rule findings.
    pub findings: Vec<Finding>,
}

/// Recomputes the findings of the episode now shown.
pub fn refresh(app: &mut App) {
    let Screen::Episode { case } = app.screen() else {
        return;
    };
    let c = &app.audit.cases[case];
    app.episode.findings = app
        .episode_tables
        .get(&case)
        .and_then(|t| t.selected_episode())
        .and_then(|i| c.episodes.get(i))
        .map(|e| rules::episode_findings(e, c.kind))
        .unwrap_or_default();
}

pub fn apply(app: &mut App, a: Action) {
    let Screen::Episode { case } = app.screen() else {
        return;
    };
    let h = super::episoder::table_rows(app.body());
    match a {
        Action::Left | Action::Right => {
            if let Some(t) = app.episode_tables.get_mut(&case) {
                let n = t.view.len();
                t.cursor
                    .move_by(if a == Action::Left { -1 } else { 1 }, n, h);
            }
            app.episode.scroll = 0;
            refresh(app);
        }
        Action::Up => app.episode.scroll = app.episode.scroll.saturating_sub(1),
        Action::Down => app.episode.scroll += 1,
        Action::PageUp => app.episode.scroll = app.episode.scroll.saturating_sub(10),
        Action::PageDown => app.episode.scroll += 10,
        Action::Home => app.episode.scroll = 0,
        _ => {}
    }
}

fn lines(app: &App, case: usize, width: u16) -> Vec<Line<'static>> {
    let th = app.theme;
    let lang = app.lang;
    let c = &app.audit.cases[case];
    let Some(e) = app
        .episode_tables
        .get(&case)
        .and_then(|t| t.selected_episode())
        .and_then(|i| c.episodes.get(i))
    else {
        return vec![Line::styled(Msg::NoEpisodes.get(lang), th.muted())];
    };
    let unknown = Msg::Unknown.get(lang).to_string();
    let time = |t: Option<chrono::NaiveDateTime>| {
        t.map_or(unknown.clone(), |t| t.format("%Y-%m-%d %H:%M").to_string())
    };
    let duration = e
        .end
        .map(|end| crate::domain::time::minutes_between(e.start, end));
    let fields: Vec<(Msg, String)> = vec![
        (Msg::Institution, c.name.clone()),
        (
            Msg::Child,
            format!(
                "{}{}",
                e.child,
                e.age.map_or(String::new(), |a| text::age(a, lang))
            ),
        ),
        (
            Msg::Type,
            format!(
                "{} ({})",
                text::intervention(e.kind, lang),
                e.kind.legal_basis()
            ),
        ),
        (
            Msg::LegalBasis,
            e.legal_basis
                .as_ref()
                .map_or(unknown.clone(), ToString::to_string),
        ),
        (Msg::Start, time(Some(e.start))),
        (Msg::End, time(e.end)),
        (
            Msg::Duration,
            duration.map_or(unknown.clone(), |d| {
                format!("{d} {}", Msg::Minutes.get(lang))
            }),
        ),
        (Msg::Registered, time(e.registered)),
        (
            Msg::SentMunicipality,
            e.sent_municipality
                .map_or(unknown.clone(), |d| d.format("%Y-%m-%d").to_string()),
        ),
        (
            Msg::ParentsTold,
            match e.parents_told {
                Some(ParentsTold::At(t)) => {
                    format!("{}, {}", Msg::Yes.get(lang), t.format("%Y-%m-%d %H:%M"))
                }
                Some(ParentsTold::Yes) => Msg::Yes.get(lang).to_string(),
                Some(ParentsTold::No) => Msg::No.get(lang).to_string(),
                None => unknown.clone(),
            },
        ),
        (
            Msg::ChildStatement,
            match e.child_statement {
                Some(ChildStatement::Yes) => Msg::Yes.get(lang).to_string(),
                Some(ChildStatement::No) => Msg::No.get(lang).to_string(),
                Some(ChildStatement::Later) => Msg::Later.get(lang).to_string(),
                None => unknown.clone(),
            },
        ),
        (
            Msg::Witnesses,
            e.witnesses.map_or(unknown.clone(), |w| w.to_string()),
        ),
        (
            Msg::Staff,
            if e.staff.is_empty() {
                unknown.clone()
            } else {
                e.staff.join(", ")
            },
        ),
        (
            Msg::Injury,
            e.injury
                .as_deref()
                .map_or(unknown.clone(), |s| app.shown(s).into_owned()),
        ),
        (
            Msg::DecidedBy,
            e.decided_by
                .as_ref()
                .map_or(unknown.clone(), ToString::to_string),
        ),
    ];
    let label_w = fields
        .iter()
        .map(|(m, _)| m.get(lang).chars().count())
        .max()
        .unwrap_or(10)
        + 2;
    let value_w = usize::from(width.saturating_sub(4))
        .saturating_sub(label_w)
        .max(1);
    let mut out = Vec::new();
    for (m, v) in fields {
        for (i, l) in wrap(&v, value_w).into_iter().enumerate() {
            let label = if i == 0 { m.get(lang) } else { "" };
            out.push(Line::from(vec![
                Span::styled(format!("{label:<label_w$}"), th.muted()),
                Span::styled(l, th.text()),
            ]));
        }
    }
    let w = usize::from(width.saturating_sub(4)).max(1);
    out.push(Line::default());
    out.push(Line::styled(
        Msg::Description.get(lang).to_string(),
        th.header(),
    ));
    for l in wrap(&app.shown(&e.description), w) {
        out.push(Line::styled(l, th.text()));
    }
    out.push(Line::default());
    out.push(Line::styled(
        Msg::Findings.get(lang).to_string(),
        th.header(),
    ));
    if app.episode.findings.is_empty() {
        out.push(Line::styled(Msg::NoFindings.get(lang).to_string(), th.ok()));
    }
    for f in &app.episode.findings {
        let msg = match lang {
            Lang::Da if !f.message.is_empty() => f.message.clone(),
            _ => text::rule(f.rule, lang).to_string(),
        };
        for (i, l) in wrap(&msg, w.saturating_sub(2).max(1))
            .into_iter()
            .enumerate()
        {
            let head = if i == 0 { "! " } else { "  " };
            out.push(Line::styled(format!("{head}{l}"), th.warning()));
        }
    }
    out
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, case: usize) {
    let th = app.theme;
    let lang = app.lang;
    let Some(c) = app.audit.cases.get(case) else {
        return;
    };
    let t = app.episode_tables.get(&case);
    let (pos, n) = t.map_or((0, 0), |t| (t.cursor.selected + 1, t.view.len()));
    let id = t
        .and_then(|t| t.selected_episode())
        .and_then(|i| c.episodes.get(i))
        .map_or(String::new(), |e| e.id.to_string());
    let all = lines(app, case, area.width);
    let page = usize::from(area.height.saturating_sub(2)).max(1);
    let scroll = app.episode.scroll.min(all.len().saturating_sub(page));
    let title = format!(" {} {id} · {} ", Msg::Episode.get(lang), c.name);
    let bottom = format!(" {pos} {} {n} ", Msg::Of.get(lang));
    f.render_widget(
        Paragraph::new(all.into_iter().skip(scroll).take(page).collect::<Vec<_>>()).block(
            Block::bordered()
                .border_style(th.border())
                .title(Span::styled(title, th.title()))
                .title_bottom(Line::styled(bottom, th.muted()).right_aligned()),
        ),
        area,
    );
}
