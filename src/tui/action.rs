//! The vocabulary between keys and state: every key (and mouse event) the
//! app understands becomes one `Action`; `App::apply` is the only place that
//! changes state because of input. The keymap maps keys to these.

/// What the user asked for, independent of which key they pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// `q`: quit, asking first when something is unsaved.
    Quit,
    /// Ctrl-C: quit (still asks when something is unsaved; a second Ctrl-C confirms).
    Interrupt,
    NextTab,
    PrevTab,
    /// Go to tab number n (0-based).
    GoTab(u8),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open what is selected.
    Open,
    /// Esc: go back one screen (or close a popup).
    Back,
    OpenFinder,
    OpenHelp,
    OpenProblems,
    /// In a case: show its episodes.
    ShowEpisodes,
    /// In a case: show its report.
    ShowReport,
    /// In a case or institution row: show its magtprofil.
    ShowMagtprofil,
    /// Episode table: sort by the next column.
    SortNext,
    /// Episode table: reverse the sort order.
    SortReverse,
    /// Episode table: open the filter popup.
    Filter,
    /// Episode table: remove all filters.
    ClearFilter,
    /// Magtprofil: counts ↔ rates in the comparison.
    ToggleRate,
    /// Magtprofil: institution ↔ comparison of all institutions.
    ToggleView,
    /// Popups: yes / no.
    Yes,
    No,
}
