//! Konklusion: the panel's conclusions in sections (←/→): Emner (topics:
//! add, edit, delete, vote, prioritise, reorder), Drøftelse (per
//! prioritised topic its discussion notes and consensus statements with the
//! tilsyn that dissented), Hypoteser (verdict, rationale and the agreement
//! figures frozen with the verdict), Vejledning (faglig vejledning items),
//! Opfølgning (the follow-up plan) and, when `previous_audit` is set, last
//! year's follow-up plan (read-only, for checking). `x` previews the report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::panel::{Change, FollowUpItem, FollowUpStatus, GUIDANCE_PREFIX, Topic, Verdict};
use crate::tui::action::Action;
use crate::tui::app::{App, Tab};
use crate::tui::popups::confirm::Ask;
use crate::tui::popups::editor::{EditTarget, EditorState};
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::screens::panel::Note;
use crate::tui::text::{self, Lang, Msg};
use crate::tui::widgets::{fit, wrap};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Emner,
    Droeftelse,
    Hypoteser,
    Vejledning,
    Opfoelgning,
    SidsteAar,
}

impl Section {
    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Default)]
pub struct KonklusionState {
    pub section: Section,
    /// The selected item per section.
    pub cursor: [usize; 6],
}

/// The sections shown: last year's plan only when an earlier audit is named.
pub fn sections(app: &App) -> Vec<Section> {
    let mut s = vec![
        Section::Emner,
        Section::Droeftelse,
        Section::Hypoteser,
        Section::Vejledning,
        Section::Opfoelgning,
    ];
    if app.audit.config.previous_audit.is_some() {
        s.push(Section::SidsteAar);
    }
    s
}

/// A row of the Drøftelse section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DRow {
    /// A prioritised topic (index into the topics) and its notes.
    Topic(usize),
    /// One of its consensus statements.
    Consensus(usize, usize),
}

fn drows(topics: &[Topic]) -> Vec<DRow> {
    let mut rows = Vec::new();
    for (i, t) in topics.iter().enumerate().filter(|(_, t)| t.prioritised) {
        rows.push(DRow::Topic(i));
        rows.extend((0..t.consensus.len()).map(|c| DRow::Consensus(i, c)));
    }
    rows
}

fn len_of(app: &App, s: Section) -> usize {
    match s {
        Section::Emner => app.panel.topics().len(),
        Section::Droeftelse => drows(app.panel.topics()).len(),
        Section::Hypoteser => app.audit.hypotheses.len(),
        Section::Vejledning => app.panel.conclusions().guidance.len(),
        Section::Opfoelgning => app.panel.conclusions().followup.len(),
        Section::SidsteAar => app.previous_plan.as_ref().map_or(0, |(_, v)| v.len()),
    }
}

/// Keeps every cursor inside its list (after deletions, undo, reload).
pub fn clamp(app: &mut App) {
    for s in [
        Section::Emner,
        Section::Droeftelse,
        Section::Hypoteser,
        Section::Vejledning,
        Section::Opfoelgning,
        Section::SidsteAar,
    ] {
        let n = len_of(app, s);
        let c = &mut app.konklusion.cursor[s.index()];
        *c = (*c).min(n.saturating_sub(1));
    }
    if !sections(app).contains(&app.konklusion.section) {
        app.konklusion.section = Section::Emner;
    }
}

/// The finder jumped to topic `t`.
pub fn focus_topic(app: &mut App, t: usize) {
    app.konklusion.section = Section::Emner;
    app.konklusion.cursor[Section::Emner.index()] = t;
}

/// After the editor saved: select what was added.
pub fn after_save(app: &mut App, target: &EditTarget) {
    let last = |n: usize| n.saturating_sub(1);
    match target {
        EditTarget::Topic { id: None } => {
            app.konklusion.cursor[Section::Emner.index()] = last(app.panel.topics().len())
        }
        EditTarget::Guidance { index: None } => {
            app.konklusion.cursor[Section::Vejledning.index()] =
                last(app.panel.conclusions().guidance.len())
        }
        EditTarget::FollowUp { index: None, .. } => {
            app.konklusion.cursor[Section::Opfoelgning.index()] =
                last(app.panel.conclusions().followup.len())
        }
        EditTarget::Consensus {
            topic, index: None, ..
        } => {
            let topics = app.panel.topics();
            if let Some(ti) = topics.iter().position(|t| &t.id == topic) {
                let n = topics[ti].consensus.len();
                if let Some(row) = drows(topics)
                    .iter()
                    .position(|r| *r == DRow::Consensus(ti, last(n)))
                {
                    app.konklusion.cursor[Section::Droeftelse.index()] = row;
                }
            }
        }
        _ => {}
    }
}

pub fn apply(app: &mut App, a: Action) {
    let secs = sections(app);
    let sec = app.konklusion.section;
    let si = secs.iter().position(|s| *s == sec).unwrap_or(0);
    let n = len_of(app, sec);
    let cur = app.konklusion.cursor[sec.index()];
    let set = |app: &mut App, v: usize| app.konklusion.cursor[sec.index()] = v;
    match a {
        Action::Left => app.konklusion.section = secs[(si + secs.len() - 1) % secs.len()],
        Action::Right => app.konklusion.section = secs[(si + 1) % secs.len()],
        Action::Up => set(app, cur.saturating_sub(1)),
        Action::Down => set(app, (cur + 1).min(n.saturating_sub(1))),
        Action::PageUp => set(app, cur.saturating_sub(5)),
        Action::PageDown => set(app, (cur + 5).min(n.saturating_sub(1))),
        Action::Home => set(app, 0),
        Action::End => set(app, n.saturating_sub(1)),
        Action::Undo => app.undo(),
        Action::Redo => app.redo(),
        Action::Export => super::eksport::open(app),
        _ => match sec {
            Section::Emner => apply_topics(app, a, cur),
            Section::Droeftelse => apply_discussion(app, a, cur),
            Section::Hypoteser => apply_hypotheses(app, a, cur),
            Section::Vejledning => apply_guidance(app, a, cur),
            Section::Opfoelgning => apply_followup(app, a, cur),
            Section::SidsteAar => {}
        },
    }
}

fn apply_topics(app: &mut App, a: Action, cur: usize) {
    let lang = app.lang;
    let topic = app.panel.topics().get(cur).cloned();
    match (a, topic) {
        (Action::Add, _) => {
            let e = EditorState::new(
                Msg::NewTopic.get(lang).into(),
                EditTarget::Topic { id: None },
                vec![
                    (Msg::TitleField.get(lang).into(), String::new(), true),
                    (Msg::DescriptionField.get(lang).into(), String::new(), false),
                ],
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Edit | Action::Open, Some(t)) => {
            let e = EditorState::new(
                format!("{} · {}", Msg::EditTopic.get(lang), t.title),
                EditTarget::Topic {
                    id: Some(t.id.clone()),
                },
                vec![
                    (Msg::TitleField.get(lang).into(), t.title.clone(), true),
                    (
                        Msg::DescriptionField.get(lang).into(),
                        t.description.clone(),
                        false,
                    ),
                ],
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Delete, Some(t)) => app.confirm(Ask::DeleteTopic(t.id)),
        (Action::VoteUp, Some(t)) => {
            app.change(Change::Vote { id: t.id });
        }
        (Action::VoteDown, Some(t)) if t.votes > 0 => {
            app.change(Change::SetVotes {
                id: t.id,
                votes: t.votes - 1,
            });
        }
        (Action::Toggle | Action::TogglePrioritised, Some(t)) => {
            app.change(Change::SetPrioritised {
                id: t.id,
                prioritised: !t.prioritised,
            });
        }
        (Action::MoveUp | Action::MoveDown, Some(t)) => {
            let to = if a == Action::MoveUp {
                cur.checked_sub(1)
            } else {
                Some(cur + 1).filter(|i| *i < app.panel.topics().len())
            };
            if let Some(to) = to
                && app.change(Change::MoveTopic { id: t.id, to })
            {
                app.konklusion.cursor[Section::Emner.index()] = to;
            }
        }
        _ => {}
    }
}

fn apply_discussion(app: &mut App, a: Action, cur: usize) {
    let lang = app.lang;
    let rows = drows(app.panel.topics());
    let Some(row) = rows.get(cur).copied() else {
        if matches!(a, Action::Add | Action::Edit | Action::Open) {
            app.note = Some(Note::info(Msg::NoPrioritised.get(lang)));
        }
        return;
    };
    let ti = match row {
        DRow::Topic(t) | DRow::Consensus(t, _) => t,
    };
    let Some(topic) = app.panel.topics().get(ti).cloned() else {
        return;
    };
    match (a, row) {
        (Action::Add, _) => {
            let e = EditorState::new(
                format!("{} · {}", Msg::NewConsensus.get(lang), topic.title),
                EditTarget::Consensus {
                    topic: topic.id.clone(),
                    index: None,
                    dissent: Vec::new(),
                },
                vec![(
                    Msg::ConsensusField.get(lang).into(),
                    Msg::ConsensusStart.get(lang).into(),
                    false,
                )],
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Edit | Action::Open, DRow::Topic(_)) => {
            let e = EditorState::new(
                format!("{} · {}", Msg::Discussion.get(lang), topic.title),
                EditTarget::Discussion {
                    topic: topic.id.clone(),
                },
                vec![(
                    Msg::Discussion.get(lang).into(),
                    topic.discussion.clone(),
                    false,
                )],
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Edit | Action::Open, DRow::Consensus(_, c)) => {
            let Some(s) = topic.consensus.get(c) else {
                return;
            };
            let e = EditorState::new(
                format!(
                    "{} {} · {}",
                    Msg::ConsensusField.get(lang),
                    c + 1,
                    topic.title
                ),
                EditTarget::Consensus {
                    topic: topic.id.clone(),
                    index: Some(c),
                    dissent: s.dissent.clone(),
                },
                vec![(Msg::ConsensusField.get(lang).into(), s.text.clone(), false)],
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::EditDissent, DRow::Consensus(_, c)) => {
            let Some(s) = topic.consensus.get(c) else {
                return;
            };
            let no_view = Msg::DissentNoView.get(lang).to_string();
            let raters: Vec<String> = app
                .audit
                .config
                .tilsyn
                .iter()
                .map(|t| t.id.clone())
                .collect();
            let fields = app
                .audit
                .config
                .tilsyn
                .iter()
                .map(|t| {
                    let text = if !s.dissent.contains(&t.id) {
                        String::new()
                    } else if s.view(&t.id).trim().is_empty() {
                        no_view.clone()
                    } else {
                        s.view(&t.id).to_string()
                    };
                    (
                        format!(
                            "{} · {}",
                            short_tilsyn(&t.name),
                            Msg::DissentIntro.get(lang)
                        ),
                        text,
                        false,
                    )
                })
                .collect();
            let e = EditorState::new(
                format!(
                    "{} · {} {} · {}",
                    Msg::Dissented.get(lang),
                    Msg::ConsensusField.get(lang),
                    c + 1,
                    topic.title
                ),
                EditTarget::Dissent {
                    topic: topic.id.clone(),
                    index: c,
                    raters,
                    no_view,
                },
                fields,
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Delete, DRow::Consensus(_, c)) => app.confirm(Ask::DeleteConsensus {
            topic: topic.id.clone(),
            index: c,
        }),
        _ => {}
    }
}

/// bekræftet → delvist bekræftet → ikke bekræftet → (ingen) → bekræftet.
fn next_verdict(v: Option<Verdict>) -> Option<Verdict> {
    match v {
        None => Some(Verdict::Bekraeftet),
        Some(Verdict::Bekraeftet) => Some(Verdict::DelvistBekraeftet),
        Some(Verdict::DelvistBekraeftet) => Some(Verdict::IkkeBelaeg),
        Some(Verdict::IkkeBelaeg) => None,
    }
}

fn apply_hypotheses(app: &mut App, a: Action, cur: usize) {
    let lang = app.lang;
    let Some(h) = app.audit.hypotheses.get(cur).cloned() else {
        return;
    };
    let entry = app.panel.verdict(&h.id).cloned().unwrap_or_default();
    match a {
        Action::Toggle | Action::CycleVerdict => {
            let verdict = next_verdict(entry.verdict);
            if verdict.is_some() {
                // The figures the panel sees now go with the verdict.
                app.stats.update_agreement(&app.audit, &app.panel);
            }
            let agreement = verdict.and_then(|_| app.stats.snapshot(cur));
            app.change(Change::SetVerdict {
                hypothesis: h.id,
                verdict,
                agreement,
            });
        }
        Action::Edit | Action::Open => {
            let e = EditorState::new(
                format!("{} · {}", Msg::Rationale.get(lang), h.id),
                EditTarget::Rationale {
                    hypothesis: h.id.clone(),
                },
                vec![(Msg::Rationale.get(lang).into(), entry.rationale, false)],
                app.theme,
            );
            app.open_editor(e);
        }
        _ => {}
    }
}

fn apply_guidance(app: &mut App, a: Action, cur: usize) {
    let lang = app.lang;
    let item = app.panel.conclusions().guidance.get(cur).cloned();
    let fields = |h: String, r: String, g: String| {
        vec![
            (Msg::HeadingField.get(lang).to_string(), h, true),
            (Msg::RationaleField.get(lang).to_string(), r, false),
            (Msg::GuidanceField.get(lang).to_string(), g, false),
        ]
    };
    match (a, item) {
        (Action::Add, _) => {
            let e = EditorState::new(
                Msg::NewGuidance.get(lang).into(),
                EditTarget::Guidance { index: None },
                fields(String::new(), String::new(), format!("{GUIDANCE_PREFIX} ")),
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Edit | Action::Open, Some(g)) => {
            let e = EditorState::new(
                format!("{} {}", Msg::GuidanceField.get(lang), cur + 1),
                EditTarget::Guidance { index: Some(cur) },
                fields(g.heading, g.rationale, g.guidance),
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Delete, Some(_)) => app.confirm(Ask::DeleteGuidance(cur)),
        _ => {}
    }
}

fn next_status(s: FollowUpStatus) -> FollowUpStatus {
    let i = FollowUpStatus::ALL
        .iter()
        .position(|x| *x == s)
        .unwrap_or(0);
    FollowUpStatus::ALL[(i + 1) % FollowUpStatus::ALL.len()]
}

fn apply_followup(app: &mut App, a: Action, cur: usize) {
    let lang = app.lang;
    let item = app.panel.conclusions().followup.get(cur).cloned();
    let fields = |x: &FollowUpItem| {
        vec![
            (
                Msg::ActionField.get(lang).to_string(),
                x.action.clone(),
                false,
            ),
            (Msg::OwnerField.get(lang).to_string(), x.owner.clone(), true),
            (
                Msg::DueField.get(lang).to_string(),
                x.due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                true,
            ),
        ]
    };
    match (a, item) {
        (Action::Add, _) => {
            let e = EditorState::new(
                Msg::NewFollowUp.get(lang).into(),
                EditTarget::FollowUp {
                    index: None,
                    status: FollowUpStatus::Planlagt,
                    note: String::new(),
                },
                fields(&FollowUpItem::default()),
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Edit | Action::Open, Some(x)) => {
            let e = EditorState::new(
                format!("{} {}", Msg::FollowUpItem.get(lang), cur + 1),
                EditTarget::FollowUp {
                    index: Some(cur),
                    status: x.status,
                    note: x.note.clone(),
                },
                fields(&x),
                app.theme,
            );
            app.open_editor(e);
        }
        (Action::Delete, Some(_)) => app.confirm(Ask::DeleteFollowUp(cur)),
        (Action::Toggle | Action::CycleStatus, Some(x)) => {
            app.change(Change::SetFollowUpStatus {
                index: cur,
                status: next_status(x.status),
            });
        }
        _ => {}
    }
}

// ------------------------------------------------------------------ drawing

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
fn parts(area: Rect) -> (Rect, Rect) {
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
fn first_shown(heights: &[usize], sel: usize, h: usize) -> usize {
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

/// The selected item of the current section.
pub fn selected(app: &App) -> usize {
    app.konklusion.cursor[app.konklusion.section.index()]
}

/// Selects item `row` of the current section after a click.
pub fn select_row(app: &mut App, row: usize) {
    let sec = app.konklusion.section;
    if row < len_of(app, sec) {
        app.konklusion.cursor[sec.index()] = row;
    }
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
fn clip_lines(mut lines: Vec<String>, w: usize, max: usize) -> Vec<String> {
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
fn pack_parts(head: &str, parts: &[String], w: usize, indent: usize) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_shown_from_the_top_until_the_selection_needs_scrolling() {
        let heights = [3, 5, 2, 4];
        assert_eq!(first_shown(&heights, 0, 10), 0);
        assert_eq!(first_shown(&heights, 2, 10), 0, "3+5+2 fits");
        assert_eq!(first_shown(&heights, 3, 10), 2, "2+4 fits, 5+2+4 does not");
        assert_eq!(first_shown(&heights, 3, 3), 3, "taller than the body");
        assert_eq!(first_shown(&heights, 9, 10), 2, "past the end: the last");
        assert_eq!(first_shown(&[], 0, 10), 0);
    }

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_cut_never_leaves_the_ellipsis_alone_on_a_blank_line() {
        let lines = strs(&["første linje", "anden linje", "", "tredje afsnit"]);
        assert_eq!(
            clip_lines(lines.clone(), 40, 3),
            strs(&["første linje", "anden linje …"])
        );
        assert_eq!(
            clip_lines(lines.clone(), 40, 4),
            lines,
            "nothing left out, no …"
        );
        assert_eq!(clip_lines(lines, 40, 1), strs(&["første linje …"]));
    }

    #[test]
    fn agreement_parts_go_whole_onto_the_next_line() {
        let parts = strs(&["R1: α 0.587 not reliable", "R2: α 0.822 reliable"]);
        assert_eq!(
            pack_parts("  At: ", &parts, 80, 4),
            strs(&["  At: R1: α 0.587 not reliable · R2: α 0.822 reliable"])
        );
        assert_eq!(
            pack_parts("  At: ", &parts, 40, 4),
            strs(&["  At: R1: α 0.587 not reliable", "    R2: α 0.822 reliable"])
        );
    }

    #[test]
    fn verdicts_and_statuses_cycle() {
        let mut v = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            v = next_verdict(v);
            seen.push(v);
        }
        assert_eq!(
            seen,
            vec![
                Some(Verdict::Bekraeftet),
                Some(Verdict::DelvistBekraeftet),
                Some(Verdict::IkkeBelaeg),
                None
            ]
        );
        assert_eq!(
            next_status(FollowUpStatus::Opgivet),
            FollowUpStatus::Planlagt
        );
        assert_eq!(next_status(FollowUpStatus::Planlagt), FollowUpStatus::Igang);
    }

    #[test]
    fn discussion_rows_follow_prioritised_topics() {
        let t = |id: &str, p: bool, n: usize| Topic {
            id: id.into(),
            title: id.into(),
            prioritised: p,
            consensus: vec![Default::default(); n],
            ..Topic::default()
        };
        let rows = drows(&[t("a", true, 2), t("b", false, 1), t("c", true, 0)]);
        assert_eq!(
            rows,
            vec![
                DRow::Topic(0),
                DRow::Consensus(0, 0),
                DRow::Consensus(0, 1),
                DRow::Topic(2)
            ]
        );
    }
}
