//! Konklusion's input: what an action does in each section.

use super::state::{DRow, Section, drows, len_of, sections};
use crate::domain::panel::{Change, FollowUpItem, FollowUpStatus, GUIDANCE_PREFIX, Verdict};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::popups::confirm::Ask;
use crate::tui::popups::editor::{EditTarget, EditorState};
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::screens::panel::Note;
use crate::tui::text::Msg;

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
        Action::Export => crate::tui::screens::eksport::open(app),
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
pub(super) fn next_verdict(v: Option<Verdict>) -> Option<Verdict> {
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

pub(super) fn next_status(s: FollowUpStatus) -> FollowUpStatus {
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
