//! The whole keymap table: per screen and popup, in help order. Add a key
//! here; the help and the status bar follow.

use super::key::{Key, alt, code, ctrl, key};
use super::{Binding, Scope};
use crate::tui::action::Action;
use crate::tui::app::{PopupKind, ScreenKind};
use ratatui::crossterm::event::KeyCode;

const fn b(keys: &'static [Key], action: Action, scope: Scope, status: bool) -> Binding {
    Binding {
        keys,
        action,
        scope,
        status,
    }
}

use ScreenKind as S;

/// Screens with a list or text that moves with the arrows.
const MOVING: &[ScreenKind] = &[
    S::Oversigt,
    S::Sager,
    S::Rapport,
    S::Episoder,
    S::Episode,
    S::Magtprofil,
    S::Problemer,
    S::Vurdering,
    S::Sammenlign,
    S::Konklusion,
];

const CASE: &[ScreenKind] = &[S::Sager, S::Rapport, S::Episoder, S::Episode, S::Oversigt];

/// The panel's screens.
const PANEL: &[ScreenKind] = &[S::Vurdering, S::Sammenlign, S::Konklusion];

const SCORE: &[ScreenKind] = &[S::Vurdering];

const COMPARE: &[ScreenKind] = &[S::Sammenlign];

const CONCLUDE: &[ScreenKind] = &[S::Konklusion];

const SCORE_COMPARE: &[ScreenKind] = &[S::Vurdering, S::Sammenlign];

/// The whole keymap.
pub static BINDINGS: &[Binding] = &[
    // Screens first, so a screen can give a key its own meaning.
    // Vurdering: number keys score (so 1–6 do not change tabs here: Tab does).
    b(&[key('1')], Action::Score(1), Scope::Screens(SCORE), true),
    b(&[key('2')], Action::Score(2), Scope::Screens(SCORE), false),
    b(&[key('3')], Action::Score(3), Scope::Screens(SCORE), false),
    b(&[key('4')], Action::Score(4), Scope::Screens(SCORE), false),
    b(&[key('5')], Action::Score(5), Scope::Screens(SCORE), false),
    b(&[key('6')], Action::Score(6), Scope::Screens(SCORE), false),
    b(&[key('7')], Action::Score(7), Scope::Screens(SCORE), false),
    b(&[key('8')], Action::Score(8), Scope::Screens(SCORE), false),
    b(&[key('9')], Action::Score(9), Scope::Screens(SCORE), false),
    b(
        &[key('0'), key('-')],
        Action::NotAssessable,
        Scope::Screens(SCORE),
        false,
    ),
    b(
        &[code(KeyCode::Delete), key('x')],
        Action::ClearScore,
        Scope::Screens(SCORE),
        false,
    ),
    b(
        &[key('c'), code(KeyCode::Enter)],
        Action::Edit,
        Scope::Screens(SCORE),
        true,
    ),
    b(
        &[key('n')],
        Action::NextUnscored,
        Scope::Screens(SCORE),
        true,
    ),
    b(
        &[key('t')],
        Action::NextRater,
        Scope::Screens(SCORE_COMPARE),
        true,
    ),
    b(
        &[key('T')],
        Action::PrevRater,
        Scope::Screens(SCORE_COMPARE),
        false,
    ),
    // Sammenlign.
    b(
        &[key('v')],
        Action::ToggleView,
        Scope::Screens(COMPARE),
        true,
    ),
    b(
        &[key('s')],
        Action::SortSpread,
        Scope::Screens(COMPARE),
        true,
    ),
    b(
        &[key('m')],
        Action::ToggleHeat,
        Scope::Screens(COMPARE),
        false,
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Open,
        Scope::Screens(COMPARE),
        false,
    ),
    b(&[key('V')], Action::Reveal, Scope::Screens(COMPARE), true),
    b(
        &[key('N')],
        Action::NextRound,
        Scope::Screens(COMPARE),
        true,
    ),
    // Konklusion.
    b(&[key('a')], Action::Add, Scope::Screens(CONCLUDE), true),
    b(
        &[key('e'), code(KeyCode::Enter)],
        Action::Edit,
        Scope::Screens(CONCLUDE),
        true,
    ),
    b(
        &[key('d'), code(KeyCode::Delete)],
        Action::Delete,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(&[key(' ')], Action::Toggle, Scope::Screens(CONCLUDE), true),
    b(&[key('+')], Action::VoteUp, Scope::Screens(CONCLUDE), false),
    b(
        &[key('-')],
        Action::VoteDown,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(
        &[key('p')],
        Action::TogglePrioritised,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(&[key('K')], Action::MoveUp, Scope::Screens(CONCLUDE), false),
    b(
        &[key('J')],
        Action::MoveDown,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(
        &[key('v')],
        Action::CycleVerdict,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(
        &[key('s')],
        Action::CycleStatus,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(
        &[key('t')],
        Action::EditDissent,
        Scope::Screens(CONCLUDE),
        false,
    ),
    b(&[key('x')], Action::Export, Scope::Screens(CONCLUDE), true),
    // All three.
    b(
        &[code(KeyCode::Left), key('h'), key('[')],
        Action::Left,
        Scope::Screens(PANEL),
        true,
    ),
    b(
        &[code(KeyCode::Right), key('l'), key(']')],
        Action::Right,
        Scope::Screens(PANEL),
        false,
    ),
    b(
        &[key('u'), ctrl('z')],
        Action::Undo,
        Scope::Screens(PANEL),
        true,
    ),
    b(
        &[key('U'), ctrl('r')],
        Action::Redo,
        Scope::Screens(PANEL),
        false,
    ),
    // Problemer: the anonymisation assistant.
    b(
        &[key('a')],
        Action::Anonymise,
        Scope::Screens(&[S::Problemer]),
        true,
    ),
    b(
        &[key('u')],
        Action::Undo,
        Scope::Screens(&[S::Problemer]),
        false,
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Open,
        Scope::Screens(&[
            S::Oversigt,
            S::Sager,
            S::Episoder,
            S::Magtprofil,
            S::Problemer,
        ]),
        true,
    ),
    b(
        &[key('e')],
        Action::ShowEpisodes,
        Scope::Screens(&[S::Sager, S::Rapport, S::Oversigt]),
        true,
    ),
    b(
        &[key('r')],
        Action::ShowReport,
        Scope::Screens(&[S::Episoder, S::Episode]),
        true,
    ),
    b(
        &[key('m')],
        Action::ShowMagtprofil,
        Scope::Screens(CASE),
        true,
    ),
    b(
        &[key('s')],
        Action::SortNext,
        Scope::Screens(&[S::Episoder, S::Magtprofil]),
        true,
    ),
    b(
        &[key('S')],
        Action::SortReverse,
        Scope::Screens(&[S::Episoder]),
        false,
    ),
    b(
        &[key('f')],
        Action::Filter,
        Scope::Screens(&[S::Episoder]),
        true,
    ),
    b(
        &[key('c')],
        Action::ClearFilter,
        Scope::Screens(&[S::Episoder, S::Magtprofil]),
        false,
    ),
    b(
        &[key('p')],
        Action::Filter,
        Scope::Screens(&[S::Magtprofil]),
        true,
    ),
    b(
        &[key('v')],
        Action::ToggleView,
        Scope::Screens(&[S::Magtprofil]),
        true,
    ),
    b(
        &[key('t')],
        Action::ToggleRate,
        Scope::Screens(&[S::Magtprofil]),
        true,
    ),
    b(
        &[code(KeyCode::Left), key('h'), key('[')],
        Action::Left,
        Scope::Screens(&[S::Magtprofil, S::Episode]),
        true,
    ),
    b(
        &[code(KeyCode::Right), key('l'), key(']')],
        Action::Right,
        Scope::Screens(&[S::Magtprofil, S::Episode]),
        false,
    ),
    b(
        &[code(KeyCode::Up), key('k')],
        Action::Up,
        Scope::Screens(MOVING),
        false,
    ),
    b(
        &[code(KeyCode::Down), key('j')],
        Action::Down,
        Scope::Screens(MOVING),
        false,
    ),
    b(
        &[code(KeyCode::PageUp), key('b')],
        Action::PageUp,
        Scope::Screens(MOVING),
        false,
    ),
    b(
        &[code(KeyCode::PageDown), key(' ')],
        Action::PageDown,
        Scope::Screens(MOVING),
        false,
    ),
    b(
        &[code(KeyCode::Home), key('g')],
        Action::Home,
        Scope::Screens(MOVING),
        false,
    ),
    b(
        &[code(KeyCode::End), key('G')],
        Action::End,
        Scope::Screens(MOVING),
        false,
    ),
    // Everywhere.
    b(&[code(KeyCode::Tab)], Action::NextTab, Scope::Global, false),
    b(
        &[code(KeyCode::BackTab)],
        Action::PrevTab,
        Scope::Global,
        false,
    ),
    // Tabs move with F1–F6 and Alt+1…6, never with a bare digit: on
    // Vurdering the digits score, and a reflex must not both switch and write.
    b(
        &[code(KeyCode::F(1)), alt('1')],
        Action::GoTab(0),
        Scope::Global,
        false,
    ),
    b(
        &[code(KeyCode::F(2)), alt('2')],
        Action::GoTab(1),
        Scope::Global,
        false,
    ),
    b(
        &[code(KeyCode::F(3)), alt('3')],
        Action::GoTab(2),
        Scope::Global,
        false,
    ),
    b(
        &[code(KeyCode::F(4)), alt('4')],
        Action::GoTab(3),
        Scope::Global,
        false,
    ),
    b(
        &[code(KeyCode::F(5)), alt('5')],
        Action::GoTab(4),
        Scope::Global,
        false,
    ),
    b(
        &[code(KeyCode::F(6)), alt('6')],
        Action::GoTab(5),
        Scope::Global,
        false,
    ),
    b(&[key('P')], Action::Projector, Scope::Global, true),
    b(&[key('R')], Action::Reload, Scope::Global, false),
    b(
        &[code(KeyCode::Esc), code(KeyCode::Backspace)],
        Action::Back,
        Scope::Global,
        true,
    ),
    b(
        &[key('/'), ctrl('p')],
        Action::OpenFinder,
        Scope::Global,
        true,
    ),
    b(&[key('!')], Action::OpenProblems, Scope::Global, false),
    b(&[key('?')], Action::OpenHelp, Scope::Global, true),
    b(&[key('q')], Action::Quit, Scope::Global, true),
    b(&[ctrl('c')], Action::Interrupt, Scope::Global, false),
    // The finder: typed characters go to the query.
    b(
        &[code(KeyCode::Enter)],
        Action::Open,
        Scope::Popup(PopupKind::Finder),
        true,
    ),
    b(
        &[code(KeyCode::Up), ctrl('k'), ctrl('p')],
        Action::Up,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    b(
        &[code(KeyCode::Down), ctrl('j'), ctrl('n')],
        Action::Down,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    b(
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    b(
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    b(
        &[ctrl('u')],
        Action::ClearFilter,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    b(
        &[code(KeyCode::Esc)],
        Action::Back,
        Scope::Popup(PopupKind::Finder),
        true,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Finder),
        false,
    ),
    // The episode filter.
    b(
        &[code(KeyCode::Up), key('k')],
        Action::Up,
        Scope::Popup(PopupKind::Filter),
        false,
    ),
    b(
        &[code(KeyCode::Down), key('j')],
        Action::Down,
        Scope::Popup(PopupKind::Filter),
        false,
    ),
    b(
        &[code(KeyCode::Left), key('h')],
        Action::Left,
        Scope::Popup(PopupKind::Filter),
        true,
    ),
    b(
        &[code(KeyCode::Right), key('l'), key(' ')],
        Action::Right,
        Scope::Popup(PopupKind::Filter),
        false,
    ),
    b(
        &[key('c')],
        Action::ClearFilter,
        Scope::Popup(PopupKind::Filter),
        true,
    ),
    b(
        &[code(KeyCode::Enter), code(KeyCode::Esc), key('f')],
        Action::Back,
        Scope::Popup(PopupKind::Filter),
        true,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Filter),
        false,
    ),
    // Help.
    b(
        &[code(KeyCode::Up), key('k')],
        Action::Up,
        Scope::Popup(PopupKind::Help),
        false,
    ),
    b(
        &[code(KeyCode::Down), key('j')],
        Action::Down,
        Scope::Popup(PopupKind::Help),
        false,
    ),
    b(
        &[code(KeyCode::Esc), key('?'), key('q'), code(KeyCode::Enter)],
        Action::Back,
        Scope::Popup(PopupKind::Help),
        true,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Help),
        false,
    ),
    // Confirm.
    b(
        &[key('j'), key('y'), code(KeyCode::Enter)],
        Action::Yes,
        Scope::Popup(PopupKind::Confirm),
        true,
    ),
    b(
        &[key('n'), code(KeyCode::Esc), key('q')],
        Action::No,
        Scope::Popup(PopupKind::Confirm),
        true,
    ),
    b(
        &[key('s')],
        Action::ScopeSpread,
        Scope::Popup(PopupKind::Confirm),
        false,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Confirm),
        false,
    ),
    // The editor: every other key is text.
    b(
        &[code(KeyCode::Esc), ctrl('s')],
        Action::Save,
        Scope::Popup(PopupKind::Editor),
        true,
    ),
    b(
        &[ctrl('q')],
        Action::Cancel,
        Scope::Popup(PopupKind::Editor),
        true,
    ),
    b(
        &[code(KeyCode::Tab)],
        Action::NextField,
        Scope::Popup(PopupKind::Editor),
        true,
    ),
    b(
        &[code(KeyCode::BackTab)],
        Action::PrevField,
        Scope::Popup(PopupKind::Editor),
        false,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Editor),
        false,
    ),
    // The export preview.
    b(
        &[key('w')],
        Action::Save,
        Scope::Popup(PopupKind::Preview),
        true,
    ),
    b(
        &[code(KeyCode::Up), key('k')],
        Action::Up,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
    b(
        &[code(KeyCode::Down), key('j')],
        Action::Down,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
    b(
        &[code(KeyCode::PageUp), key('b')],
        Action::PageUp,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
    b(
        &[code(KeyCode::PageDown), key(' ')],
        Action::PageDown,
        Scope::Popup(PopupKind::Preview),
        true,
    ),
    b(
        &[code(KeyCode::Home), key('g')],
        Action::Home,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
    b(
        &[code(KeyCode::End), key('G')],
        Action::End,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
    b(
        &[code(KeyCode::Esc), key('q'), key('x')],
        Action::Back,
        Scope::Popup(PopupKind::Preview),
        true,
    ),
    b(
        &[ctrl('c')],
        Action::Interrupt,
        Scope::Popup(PopupKind::Preview),
        false,
    ),
];
