//! Semantic styles: widgets ask for `theme.selected()` or `theme.warning()`,
//! never for a colour, so the projector theme and `NO_COLOR` are one switch.
//!
//! - `Standard`: calm colours on the terminal's own background.
//! - `Projector`: high contrast for a washed-out projector: bold, saturated,
//!   black text on bright selection.
//!   It paints its own black background, so it reads on a light terminal
//!   profile too.
//! - `ProjectorLight`: the same for a light room: dark text on its own
//!   white background (the projector's colours turned dark, `light`).
//! - `Plain`: no colours at all (when `NO_COLOR` is set), only bold, reversed
//!   and underlined, so the screen still says what is selected.

use ratatui::style::{Color, Modifier, Style};

/// The theme asked for (`--theme`); `NO_COLOR` can still make it `Plain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Standard,
    Projector,
    ProjectorLight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Standard,
    Projector,
    ProjectorLight,
    Plain,
}

impl Theme {
    /// The theme asked for, or `Plain` when `NO_COLOR` is set (any non-empty value).
    pub fn from_args(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::Plain;
        }
        match name {
            ThemeName::Standard => Theme::Standard,
            ThemeName::Projector => Theme::Projector,
            ThemeName::ProjectorLight => Theme::ProjectorLight,
        }
    }

    /// Whether `NO_COLOR` asks for no colours (<https://no-color.org>).
    pub fn no_color_env() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    fn pick(self, standard: Style, projector: Style, plain: Style) -> Style {
        match self {
            Theme::Standard => standard,
            Theme::Projector => on(projector, Color::Black),
            Theme::ProjectorLight => on(light(projector), Color::White),
            Theme::Plain => plain,
        }
    }

    /// The background of the whole window: the terminal's own, except on a
    /// projector, where it is explicit (black or white).
    pub fn base(self) -> Style {
        match self {
            Theme::Projector => Style::new().fg(Color::White).bg(Color::Black),
            Theme::ProjectorLight => Style::new().fg(Color::Black).bg(Color::White),
            Theme::Standard | Theme::Plain => Style::new(),
        }
    }

    /// Ordinary text.
    pub fn text(self) -> Style {
        self.pick(Style::new(), Style::new().fg(Color::White), Style::new())
    }

    /// Headings and the audit's title.
    pub fn title(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Secondary information: units, hints, empty values.
    pub fn muted(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::Gray),
            Style::new(),
        )
    }

    /// Frames around panels.
    pub fn border(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::White),
            Style::new(),
        )
    }

    /// The selected row or item.
    pub fn selected(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// Table headers.
    pub fn header(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The active tab.
    pub fn tab_active(self) -> Style {
        self.selected()
    }

    pub fn tab_inactive(self) -> Style {
        self.pick(
            Style::new().fg(Color::Gray),
            Style::new().fg(Color::White),
            Style::new(),
        )
    }

    /// The status bar's background.
    pub fn status(self) -> Style {
        self.pick(
            Style::new().bg(Color::Indexed(236)).fg(Color::Gray),
            Style::new().bg(Color::White).fg(Color::Black),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A key name, marker or hint on the screen's own (dark) background:
    /// help, popups, the "more below" line, the selection marker.
    pub fn key(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A key name or note in the status bar, on `status`'s background: the
    /// projector's bar is white, so its keys are dark blue there.
    pub fn status_key(self) -> Style {
        self.pick(
            self.key(),
            Style::new()
                .fg(Color::Blue)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD),
            self.key(),
        )
    }

    /// An error (`true`) or warning in the status bar: the projector's bar is
    /// white, so these get their own background there.
    pub fn status_alert(self, error: bool) -> Style {
        let own = if error { self.error() } else { self.warning() };
        let projector = if error {
            Style::new().fg(Color::White).bg(Color::Red)
        } else {
            Style::new().fg(Color::Black).bg(Color::LightYellow)
        };
        self.pick(own, projector.add_modifier(Modifier::BOLD), own)
    }

    /// Bars in charts and score bars.
    pub fn bar(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().fg(Color::LightCyan),
            Style::new(),
        )
    }

    /// A number written beside a bar (above a chart's column): plain bold
    /// text, so it reads against the background, not the bar.
    pub fn bar_value(self) -> Style {
        self.pick(
            Style::new().add_modifier(Modifier::BOLD),
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A second series (holiday) beside `bar`.
    pub fn bar_alt(self) -> Style {
        self.pick(
            Style::new().fg(Color::Magenta),
            Style::new().fg(Color::LightMagenta),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Something fine: a target met, a good score.
    pub fn ok(self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            Style::new(),
        )
    }

    /// Something to look at: a rule finding, a target missed.
    pub fn warning(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Errors in the files.
    pub fn error(self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The "fiktivt eksempel" marker.
    pub fn fictitious(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Magenta)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .bg(Color::LightMagenta)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A heat map cell from calm (0) to hot (4). The cells also carry a
    /// shade glyph, so the plain theme needs no colour to show the heat.
    pub fn heat(self, level: u8) -> Style {
        let standard = [
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::Green),
            Style::new().fg(Color::Yellow),
            Style::new().fg(Color::LightRed),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        ];
        let projector = [
            Style::new().fg(Color::Gray),
            Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
        ];
        let i = usize::from(level.min(4));
        self.pick(
            standard[i],
            projector[i],
            if i >= 3 {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            },
        )
    }

    /// Popup frames, so a popup stands out from the screen behind it.
    pub fn popup(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().fg(Color::LightYellow),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }
}

/// A style with its own background (unless it has one already).
fn on(s: Style, bg: Color) -> Style {
    if s.bg.is_some() { s } else { s.bg(bg) }
}

/// The projector's colours for a white background: bright colours become
/// their dark counterparts; the white status bar becomes a black one with
/// light text.
fn light(s: Style) -> Style {
    let mut out = s;
    if s.bg == Some(Color::White) {
        out.bg = Some(Color::Black);
        out.fg = s.fg.map(|c| match c {
            Color::Black => Color::White,
            Color::Blue => Color::LightCyan,
            c => c,
        });
        return out;
    }
    out.fg = s.fg.map(|c| match c {
        Color::White => Color::Black,
        Color::Gray => Color::DarkGray,
        Color::LightYellow => Color::Indexed(94),
        Color::LightCyan => Color::Blue,
        Color::LightGreen => Color::Indexed(22),
        Color::LightRed => Color::Red,
        Color::LightMagenta => Color::Magenta,
        c => c,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: Theme) -> Vec<Style> {
        vec![
            t.text(),
            t.title(),
            t.muted(),
            t.border(),
            t.selected(),
            t.header(),
            t.tab_active(),
            t.tab_inactive(),
            t.status(),
            t.key(),
            t.status_key(),
            t.status_alert(true),
            t.status_alert(false),
            t.bar(),
            t.bar_value(),
            t.bar_alt(),
            t.ok(),
            t.warning(),
            t.error(),
            t.fictitious(),
            t.popup(),
            t.heat(0),
            t.heat(4),
        ]
    }

    #[test]
    fn no_color_means_no_colours_but_selection_still_shows() {
        assert_eq!(Theme::from_args(ThemeName::Projector, true), Theme::Plain);
        assert_eq!(
            Theme::from_args(ThemeName::Projector, false),
            Theme::Projector
        );
        for s in all(Theme::Plain) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(
            Theme::Plain
                .selected()
                .add_modifier
                .contains(Modifier::REVERSED)
        );
    }

    #[test]
    fn projector_keys_are_bright_on_the_screen_and_dark_on_the_white_bar() {
        let p = Theme::Projector;
        assert_eq!(p.key().fg, Some(Color::LightYellow));
        assert_eq!(p.status().bg, Some(Color::White));
        assert_eq!(p.status_key().fg, Some(Color::Blue));
        assert_eq!(Theme::Standard.status_key(), Theme::Standard.key());
        assert_eq!(p.status_alert(true).bg, Some(Color::Red));
        assert_eq!(p.status_alert(false).fg, Some(Color::Black));
    }

    #[test]
    fn both_projector_themes_give_every_style_its_own_background() {
        for t in [Theme::Projector, Theme::ProjectorLight] {
            for s in all(t) {
                assert!(s.bg.is_some(), "{t:?} {s:?}");
                assert_ne!(s.fg, s.bg, "{t:?} {s:?}");
            }
        }
        assert_eq!(Theme::ProjectorLight.text().fg, Some(Color::Black));
        assert_eq!(Theme::ProjectorLight.text().bg, Some(Color::White));
        assert_eq!(Theme::Projector.text().bg, Some(Color::Black));
        let bar = Theme::ProjectorLight.status();
        assert_eq!((bar.fg, bar.bg), (Some(Color::White), Some(Color::Black)));
        assert_eq!(
            Theme::ProjectorLight.status_key().fg,
            Some(Color::LightCyan)
        );
    }

    #[test]
    fn projector_selection_is_black_on_yellow() {
        let s = Theme::Projector.selected();
        assert_eq!((s.fg, s.bg), (Some(Color::Black), Some(Color::Yellow)));
    }
}
