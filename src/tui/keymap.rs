//! Keys → actions, per screen and popup. The help popup and the status bar
//! are generated from this table, so they can never miss a key. The order
//! here is the order in the help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{PopupKind, ScreenKind};
use super::text::{Lang, Msg};

/// One key with its modifiers (Shift is part of the character for letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

impl Key {
    /// Whether a key event from the terminal is this key. Shift is ignored
    /// for characters (`S` arrives as Shift+`S`) and for BackTab.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let mut mods = ev.modifiers;
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        self.code == ev.code && self.mods == mods
    }

    /// How the key is written in the help and the status bar.
    pub fn label(&self, lang: Lang) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => Msg::KeySpace.get(lang).to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Every screen (not popups).
    Global,
    /// Only these screens.
    Screens(&'static [ScreenKind]),
    /// Only this popup (popups get keys before anything else).
    Popup(PopupKind),
}

/// One line of the keymap: keys, what they do, where, and whether the status bar shows it.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub scope: Scope,
    pub status: bool,
}

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

impl Binding {
    fn applies_to_screen(&self, screen: ScreenKind) -> bool {
        match self.scope {
            Scope::Global => true,
            Scope::Screens(list) => list.contains(&screen),
            Scope::Popup(_) => false,
        }
    }

    fn applies_to_popup(&self, popup: PopupKind) -> bool {
        matches!(self.scope, Scope::Popup(p) if p == popup)
    }
}

/// Whether a key quits (`q`, Ctrl-C): the only keys a too-small window takes.
pub fn is_quit_key(ev: &KeyEvent) -> bool {
    key('q').matches(ev) || ctrl('c').matches(ev)
}

/// The action of a key on a screen.
pub fn screen_action(screen: ScreenKind, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.applies_to_screen(screen))
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// The action of a key in a popup (popups see keys first).
pub fn popup_action(popup: PopupKind, ev: &KeyEvent) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.applies_to_popup(popup))
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
        .map(|b| b.action)
}

/// Where the help and the status bar look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Screen(ScreenKind),
    Popup(PopupKind),
}

/// The bindings of a context, in keymap order.
pub fn bindings_for(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| match ctx {
        Context::Screen(s) => b.applies_to_screen(s),
        Context::Popup(p) => b.applies_to_popup(p),
    })
}

/// The help's rows for a context: keys and what they do. The six tab
/// numbers are one row.
pub fn help_rows(ctx: Context, lang: Lang) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut tabs_done = false;
    let mut scores_done = false;
    // Keys an earlier binding already takes are not listed again (on
    // Vurdering the number keys score, so they do not change tabs).
    let mut taken: Vec<Key> = Vec::new();
    for b in bindings_for(ctx) {
        let free: Vec<&Key> = b.keys.iter().filter(|k| !taken.contains(k)).collect();
        taken.extend(b.keys.iter().copied());
        if free.is_empty() {
            continue;
        }
        if let Action::Score(_) = b.action {
            if !scores_done {
                rows.push((
                    "1 … 9".to_string(),
                    super::text::action_help(b.action, ctx, lang).to_string(),
                ));
                scores_done = true;
            }
            continue;
        }
        if let Action::GoTab(_) = b.action {
            if !tabs_done {
                rows.push((
                    "F1…F6, Alt-1…6".to_string(),
                    Msg::HelpGoTab.get(lang).to_string(),
                ));
                tabs_done = true;
            }
            continue;
        }
        let keys: Vec<String> = free.iter().map(|k| k.label(lang)).collect();
        rows.push((
            keys.join(", "),
            super::text::action_help(b.action, ctx, lang).to_string(),
        ));
    }
    rows
}

/// The status bar's keys for a context: first key and a short word.
pub fn status_keys(ctx: Context, lang: Lang) -> Vec<(String, &'static str)> {
    status_keys_at(ctx, lang, |_| true)
}

/// As `status_keys`, only the keys whose action `acts` (does something in
/// the current view: no Esc on a tab's first screen, no ←→ in the
/// magtprofil comparison). Popups show all their keys.
/// Help comes first, so it shows however narrow the window is.
pub fn status_keys_at(
    ctx: Context,
    lang: Lang,
    acts: impl Fn(Action) -> bool,
) -> Vec<(String, &'static str)> {
    let help = bindings_for(ctx).filter(|b| b.status && b.action == Action::OpenHelp);
    let rest = bindings_for(ctx).filter(|b| b.status && b.action != Action::OpenHelp);
    help.chain(rest)
        .filter(|b| matches!(ctx, Context::Popup(_)) || acts(b.action))
        .map(|b| {
            let k = match b.action {
                // The arrows read better as a pair.
                Action::Left => "←→".to_string(),
                Action::Score(_) => "1…9".to_string(),
                _ => b.keys[0].label(lang),
            };
            (k, super::text::action_short(b.action, ctx, lang))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn screen_keys_win_over_global_ones() {
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(screen_action(S::Sager, &enter), Some(Action::Open));
        assert_eq!(screen_action(S::Rapport, &enter), None);
        assert_eq!(screen_action(S::Vurdering, &enter), Some(Action::Edit));
        let one = ev(KeyCode::Char('1'), KeyModifiers::NONE);
        assert_eq!(screen_action(S::Vurdering, &one), Some(Action::Score(1)));
        // Digits never switch tabs: F-keys and Alt+digit do.
        assert_eq!(screen_action(S::Sammenlign, &one), None);
        assert_eq!(screen_action(S::Oversigt, &one), None);
        let f5 = ev(KeyCode::F(5), KeyModifiers::NONE);
        assert_eq!(screen_action(S::Vurdering, &f5), Some(Action::GoTab(4)));
        let alt5 = ev(KeyCode::Char('5'), KeyModifiers::ALT);
        assert_eq!(screen_action(S::Vurdering, &alt5), Some(Action::GoTab(4)));
        let s = ev(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(screen_action(S::Episoder, &s), Some(Action::SortReverse));
        let backtab = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(screen_action(S::Oversigt, &backtab), Some(Action::PrevTab));
        let cc = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(screen_action(S::Oversigt, &cc), Some(Action::Interrupt));
        assert_eq!(
            popup_action(PopupKind::Finder, &cc),
            Some(Action::Interrupt)
        );
        // In the finder a plain letter is text, not a command.
        let q = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(popup_action(PopupKind::Finder, &q), None);
    }

    #[test]
    fn every_binding_has_help_text_in_both_languages() {
        for ctx in ScreenKind::ALL
            .iter()
            .map(|s| Context::Screen(*s))
            .chain(PopupKind::ALL.iter().map(|p| Context::Popup(*p)))
        {
            for lang in [Lang::Da, Lang::En] {
                for (keys, text) in help_rows(ctx, lang) {
                    assert!(!keys.is_empty() && !text.is_empty(), "{ctx:?} {keys}");
                }
            }
        }
    }
}
