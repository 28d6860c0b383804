//! The text editor (ratatui-textarea): one or more fields (a comment; a
//! topic's title and description; a guidance item's heading, rationale and
//! sentence; a follow-up action's owner and due date …). It changes
//! nothing while open: closing it with Esc or Ctrl-S applies one `Change`
//! (one undo step), Ctrl-Q closes without saving. When the text cannot be
//! saved (an empty title, a date that is not a date) the editor stays open
//! and says why.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::panel::{Change, FollowUpItem, FollowUpStatus, GuidanceItem};
use crate::tui::app::{App, PopupKind};
use crate::tui::keymap::{self, Context};
use crate::tui::text::{Lang, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit};

/// What the editor's text becomes when it is saved.
#[derive(Debug, Clone, PartialEq)]
pub enum EditTarget {
    /// A rater's comment on one score.
    Comment {
        round: u32,
        rater: String,
        case: String,
        question: String,
    },
    /// A topic: `None` adds one. Fields: title, description.
    Topic { id: Option<String> },
    /// A prioritised topic's discussion notes.
    Discussion { topic: String },
    /// A consensus statement: `None` adds one.
    Consensus {
        topic: String,
        index: Option<usize>,
        dissent: Vec<String>,
    },
    /// Who did not agree with consensus statement `index`: one field per
    /// tilsyn (`raters`, audit order) for its dissenting view; an empty
    /// field means it agreed. `no_view` is the placeholder shown for a
    /// dissent recorded without words (it saves as a dissent without a view).
    Dissent {
        topic: String,
        index: usize,
        raters: Vec<String>,
        no_view: String,
    },
    /// A hypothesis' rationale.
    Rationale { hypothesis: String },
    /// Faglig vejledning: `None` adds. Fields: heading, rationale, sentence.
    Guidance { index: Option<usize> },
    /// Opfølgning: `None` adds. Fields: action, owner, due date.
    FollowUp {
        index: Option<usize>,
        status: FollowUpStatus,
        note: String,
    },
}

impl EditTarget {
    /// Whether saving adds something new (saved even when unchanged).
    pub fn is_new(&self) -> bool {
        matches!(
            self,
            EditTarget::Topic { id: None }
                | EditTarget::Consensus { index: None, .. }
                | EditTarget::Guidance { index: None }
                | EditTarget::FollowUp { index: None, .. }
        )
    }
}

/// One field: a label, the text area and the text it started with.
#[derive(Debug, Clone)]
pub struct Field {
    pub label: String,
    pub area: TextArea<'static>,
    pub original: String,
    /// Enter goes to the next field instead of a new line.
    pub single_line: bool,
}

#[derive(Debug, Clone)]
pub struct EditorState {
    pub title: String,
    pub target: EditTarget,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save was refused.
    pub error: Option<String>,
    theme: Theme,
}

/// A field to open the editor with: label, text, single line?
pub type FieldSpec = (String, String, bool);

impl EditorState {
    pub fn new(
        title: String,
        target: EditTarget,
        fields: Vec<FieldSpec>,
        theme: Theme,
    ) -> EditorState {
        let fields = fields
            .into_iter()
            .map(|(label, text, single_line)| {
                let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
                let mut area = TextArea::new(lines);
                area.set_wrap_mode(WrapMode::WordOrGlyph);
                area.set_cursor_line_style(Style::default());
                area.set_style(theme.text());
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                Field {
                    label,
                    area,
                    original: text,
                    single_line,
                }
            })
            .collect();
        let mut e = EditorState {
            title,
            target,
            fields,
            focus: 0,
            error: None,
            theme,
        };
        e.style_fields();
        e
    }

    fn style_fields(&mut self) {
        let th = self.theme;
        for (i, f) in self.fields.iter_mut().enumerate() {
            let focused = i == self.focus;
            f.area.set_cursor_style(if focused {
                th.selected()
            } else {
                Style::default()
            });
            f.area.set_block(
                Block::bordered()
                    .border_style(if focused { th.popup() } else { th.border() })
                    .title(Span::styled(
                        format!(" {} ", f.label),
                        if focused { th.title() } else { th.muted() },
                    )),
            );
        }
    }

    /// The text of field `i` as it will be saved (trailing blanks trimmed).
    pub fn text(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|f| f.area.lines().join("\n").trim_end().to_string())
            .unwrap_or_default()
    }

    /// Whether any field differs from what it started with.
    pub fn modified(&self) -> bool {
        (0..self.fields.len()).any(|i| self.text(i) != self.fields[i].original.trim_end())
    }

    pub fn focus_by(&mut self, step: isize) {
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + step).rem_euclid(n) as usize;
        self.style_fields();
    }

    /// A key typed into the focused field.
    pub fn input(&mut self, k: KeyEvent) {
        self.error = None;
        let single = self.fields.get(self.focus).is_some_and(|f| f.single_line);
        if single && k.code == KeyCode::Enter {
            self.focus_by(1);
            return;
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        // AltGr arrives as Ctrl+Alt on some terminals (Windows): on a Danish
        // keyboard that is how @, £, $, {, [ are typed, so they are text.
        if let KeyCode::Char(c) = k.code
            && k.modifiers
                .contains(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && !c.is_ascii_alphanumeric()
        {
            f.area.insert_char(c);
            return;
        }
        f.area.input(k);
    }

    /// Pastes text into the focused field (tests and bracketed paste). A
    /// single-line field takes the text as one line.
    pub fn insert(&mut self, text: &str) {
        self.error = None;
        if let Some(f) = self.fields.get_mut(self.focus) {
            if f.single_line {
                f.area.insert_str(text.replace('\n', " "));
            } else {
                f.area.insert_str(text);
            }
        }
    }
}

/// Pasted text as the editor takes it: line breaks as `\n` (Windows'
/// `\r\n` and old `\r` too), a tab as a space, every other control
/// character (escape sequences, bells, NUL) dropped.
pub fn clean_paste(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The change the editor's text makes; `Ok(None)` when nothing is to be
/// done, `Err` with the reason when it cannot be saved.
pub fn to_change(e: &EditorState, lang: Lang) -> Result<Option<Change>, String> {
    let t = |i| e.text(i);
    Ok(Some(match &e.target {
        EditTarget::Comment {
            round,
            rater,
            case,
            question,
        } => Change::SetComment {
            round: *round,
            rater: rater.clone(),
            case: case.clone(),
            question: question.clone(),
            comment: t(0),
        },
        EditTarget::Topic { id } => {
            let title = t(0).replace('\n', " ");
            if title.trim().is_empty() {
                return Err(Msg::TitleEmpty.get(lang).into());
            }
            match id {
                None => Change::AddTopic {
                    title,
                    description: t(1),
                },
                Some(id) => Change::EditTopic {
                    id: id.clone(),
                    title,
                    description: t(1),
                },
            }
        }
        EditTarget::Discussion { topic } => Change::SetDiscussion {
            id: topic.clone(),
            text: t(0),
        },
        EditTarget::Consensus {
            topic,
            index,
            dissent,
        } => {
            let text = t(0);
            if text.trim().is_empty() {
                return match index {
                    None => Ok(None),
                    Some(_) => Err(Msg::ConsensusEmpty.get(lang).into()),
                };
            }
            match index {
                None => Change::AddConsensus {
                    topic: topic.clone(),
                    text,
                    dissent: dissent.clone(),
                },
                Some(i) => Change::EditConsensus {
                    topic: topic.clone(),
                    index: *i,
                    text,
                    dissent: dissent.clone(),
                },
            }
        }
        EditTarget::Dissent {
            topic,
            index,
            raters,
            no_view,
        } => Change::SetDissent {
            topic: topic.clone(),
            index: *index,
            views: raters
                .iter()
                .enumerate()
                .filter_map(|(i, id)| {
                    let view = t(i);
                    let view = view.trim();
                    if view.is_empty() {
                        None
                    } else if view == no_view.trim() {
                        Some((id.clone(), String::new()))
                    } else {
                        Some((id.clone(), view.to_string()))
                    }
                })
                .collect(),
        },
        EditTarget::Rationale { hypothesis } => Change::SetRationale {
            hypothesis: hypothesis.clone(),
            text: t(0),
        },
        EditTarget::Guidance { index } => {
            let item = GuidanceItem {
                heading: t(0).replace('\n', " "),
                rationale: t(1),
                guidance: t(2),
            };
            if item.heading.trim().is_empty() {
                return Err(Msg::HeadingEmpty.get(lang).into());
            }
            match index {
                None => Change::AddGuidance(item),
                Some(i) => Change::EditGuidance { index: *i, item },
            }
        }
        EditTarget::FollowUp {
            index,
            status,
            note,
        } => {
            let due = parse_due(&t(2), lang)?;
            let item = FollowUpItem {
                action: t(0),
                owner: t(1).replace('\n', " "),
                due,
                status: *status,
                note: note.clone(),
            };
            if item.action.trim().is_empty() {
                return Err(Msg::ActionEmpty.get(lang).into());
            }
            match index {
                None => Change::AddFollowUp(item),
                Some(i) => Change::EditFollowUp { index: *i, item },
            }
        }
    }))
}

/// A due date: empty is none; otherwise YYYY-MM-DD, or a clear reason.
pub fn parse_due(s: &str, lang: Lang) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| crate::tui::text::bad_date(&crate::tui::widgets::fit(s, 20), lang))
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &EditorState) {
    let th = app.theme;
    let lang = app.lang;
    let w = area.width.saturating_sub(4).min(96);
    let singles = st.fields.iter().filter(|f| f.single_line).count() as u16;
    let multis = st.fields.len() as u16 - singles;
    let want = 2 + 1 + singles * 3 + multis * 8 + u16::from(st.error.is_some());
    let h = want.min(area.height.saturating_sub(2)).max(5);
    let r = centered(area, w, h);
    crate::tui::widgets::clear(f, r, app.theme);
    let keys: Vec<String> = keymap::status_keys(Context::Popup(PopupKind::Editor), lang)
        .into_iter()
        .filter(|(_, w)| !w.is_empty())
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", fit(&st.title, usize::from(w.saturating_sub(4)))),
            th.title(),
        ))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                fit(&keys.join(" · "), usize::from(w.saturating_sub(4)))
            ),
            th.key(),
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let mut constraints: Vec<Constraint> = st
        .fields
        .iter()
        .map(|f| {
            if f.single_line {
                Constraint::Length(3)
            } else {
                Constraint::Min(3)
            }
        })
        .collect();
    if st.error.is_some() {
        constraints.push(Constraint::Length(1));
    }
    let areas = Layout::vertical(constraints).split(inner);
    for (i, field) in st.fields.iter().enumerate() {
        if let Some(a) = areas.get(i) {
            f.render_widget(&field.area, *a);
        }
    }
    if let (Some(msg), Some(a)) = (&st.error, areas.get(st.fields.len())) {
        f.render_widget(
            Paragraph::new(Line::styled(fit(msg, usize::from(a.width)), th.error())),
            *a,
        );
    }
}
