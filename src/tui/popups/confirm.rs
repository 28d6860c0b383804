//! The confirm popup: a yes/no question before something that cannot be
//! taken back with one key (quitting with unsaved text, revealing a blind
//! round, starting the next round, deleting) or when the audit is open
//! elsewhere (work read-only here, or quit).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::App;
use crate::tui::popups::editor::EditorState;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit, wrap};

/// What the question is about; `answer` in `screens::panel` acts on it.
#[derive(Debug, Clone, Default)]
pub enum Ask {
    /// Quit with something unsaved.
    #[default]
    Quit,
    /// Quit while the editor holds text: yes saves it first.
    QuitWithEditor(Box<EditorState>),
    /// The audit is open elsewhere: yes works read-only, no quits.
    OpenReadOnly,
    /// Show every rater's scores of the round.
    Reveal(u32),
    /// Hide them again.
    Conceal(u32),
    /// Close the current round and start the next.
    NextRound,
    /// Enter scores for tilsyn on the shared screen in blind round n (the
    /// round is then not blind).
    ShareScreen(u32),
    /// Change a score of a round that is already revealed (recorded).
    ChangeRevealed {
        round: u32,
        change: Box<crate::domain::panel::Change>,
    },
    DeleteTopic(String),
    DeleteConsensus {
        topic: String,
        index: usize,
    },
    DeleteGuidance(usize),
    DeleteFollowUp(usize),
    /// Write one anonymisation (the `!` screen).
    Anonymise(Box<crate::domain::anonymise::Proposal>),
}

#[derive(Debug, Clone, Default)]
pub struct ConfirmState {
    pub ask: Ask,
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &ConfirmState) {
    let th = app.theme;
    let lang = app.lang;
    let w = area.width.saturating_sub(4).min(64);
    let inner_w = usize::from(w.saturating_sub(2)).max(1);
    let (question, keys) = text::ask(&st.ask, app, lang);
    let mut lines: Vec<Line> = wrap(&question, inner_w)
        .into_iter()
        .map(|l| Line::styled(l, th.text()))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(fit(&keys, inner_w), th.key()));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    crate::tui::widgets::clear(f, r, app.theme);
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", Msg::Confirm.get(lang)),
            th.title(),
        ));
    f.render_widget(Paragraph::new(lines).block(block), r);
}
