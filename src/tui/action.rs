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
    /// Go to tab number n (0-based): F1–F6, Alt+1…6.
    GoTab(u8),
    /// `P`: the projector view (large figures for the room) on or off.
    Projector,
    /// `R`: read the panel's files again from disk.
    Reload,
    /// The next-round question: only the cells with spread (◆).
    ScopeSpread,
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
    /// Problems: propose the replacement of the selected anonymity finding.
    Anonymise,
    /// Popups: yes / no.
    Yes,
    No,
    // --- the panel's work (Vurdering, Sammenlign, Konklusion)
    /// Vurdering: a number key scores the selected question.
    Score(u8),
    /// Vurdering: "kan ikke vurderes".
    NotAssessable,
    /// Vurdering: remove the score (the comment stays).
    ClearScore,
    /// Open the editor on what is selected (comment, notes, item).
    Edit,
    /// Vurdering: the next question without a score, across cases.
    NextUnscored,
    /// Next / previous tilsyn (the rater scored, or the column chosen).
    NextRater,
    PrevRater,
    Undo,
    Redo,
    /// Sammenlign: rows where the scores spread first.
    SortSpread,
    /// Sammenlign: colour the heat map by spread or by mean.
    ToggleHeat,
    /// Sammenlign: show (or hide again) the scores of the round.
    Reveal,
    /// Sammenlign: start the next round.
    NextRound,
    /// Konklusion: add, delete, vote, prioritise, move, verdict, status, dissent.
    Add,
    Delete,
    VoteUp,
    VoteDown,
    /// Space on Konklusion: the selected item's switch (prioritised, verdict, status).
    Toggle,
    TogglePrioritised,
    MoveUp,
    MoveDown,
    CycleVerdict,
    CycleStatus,
    EditDissent,
    /// Konklusion: the report's preview (eksport).
    Export,
    /// Editor: save and close; preview: write the file; dissent: save.
    Save,
    /// Editor: close without saving.
    Cancel,
    NextField,
    PrevField,
}
