//! Keys → actions, per screen and popup. The help popup and the status bar
//! are generated from this table, so they can never miss a key. The order
//! in `bindings.rs` is the order in the help.

mod bindings;
mod key;

pub use bindings::BINDINGS;
pub use key::Key;
use key::{ctrl, key};

use super::action::Action;
use super::app::{PopupKind, ScreenKind};
use super::text::{Lang, Msg};
use ratatui::crossterm::event::KeyEvent;

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
                // The dialog's yes key in its language (j = ja, y = yes).
                Action::Yes => super::text::yes_key(lang).to_string(),
                _ => b.keys[0].label(lang),
            };
            (k, super::text::action_short(b.action, ctx, lang))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::ScreenKind as S;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    fn the_status_bar_names_the_yes_key_the_dialog_names() {
        for (lang, yes) in [(Lang::Da, "j"), (Lang::En, "y")] {
            let keys = status_keys(Context::Popup(PopupKind::Confirm), lang);
            assert!(keys.iter().any(|(k, _)| k == yes), "{lang:?}: {keys:?}");
            assert_eq!(crate::tui::text::yes_key(lang), yes);
        }
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
