//! The app's state: the loaded audit with everything computed from it once
//! (profiles, finder index, totals), the tabs with a back-stack of screens
//! each, the open popup (which gets input first), and the `dirty` flag.
//! `apply` is the one place where an `Action` changes state; drawing only
//! reads this (see `ui`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::domain::magtprofil::{self, Comparison};
use crate::domain::model::Audit;
use crate::domain::panel::{FollowUpItem, OpenOptions, PanelStore};

use super::action::Action;
use super::keymap::{self, Context};
use super::popups::confirm::{Ask, ConfirmState};
use super::popups::editor::EditorState;
use super::popups::filter::FilterState;
use super::popups::finder::{Corpus, FinderIndex, FinderState, Found};
use super::popups::help::HelpState;
use super::screens;
use super::screens::eksport::PreviewState;
use super::screens::episode::EpisodeState;
use super::screens::episoder::EpisodeTable;
use super::screens::konklusion::KonklusionState;
use super::screens::magtprofil::{MagtView, MagtprofilState};
use super::screens::oversigt::{OversigtState, Summary};
use super::screens::panel::{Note, Stats};
use super::screens::problems::ProblemsState;
use super::screens::rapport::RapportState;
use super::screens::sager::SagerState;
use super::screens::sammenlign::SammenlignState;
use super::screens::vurdering::VurderingState;
use super::text::Lang;
use super::theme::Theme;
use super::ui::Shell;

/// The tabs across the top, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Oversigt,
    Sager,
    Magtprofil,
    Vurdering,
    Sammenlign,
    Konklusion,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Oversigt,
        Tab::Sager,
        Tab::Magtprofil,
        Tab::Vurdering,
        Tab::Sammenlign,
        Tab::Konklusion,
    ];

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The screen at the bottom of the tab's back-stack.
    pub fn root(self) -> Screen {
        match self {
            Tab::Oversigt => Screen::Oversigt,
            Tab::Sager => Screen::Sager,
            Tab::Magtprofil => Screen::Magtprofil,
            Tab::Vurdering => Screen::Vurdering,
            Tab::Sammenlign => Screen::Sammenlign,
            Tab::Konklusion => Screen::Konklusion,
        }
    }
}

/// One screen. Case and episode numbers are indices into `audit.cases`
/// and the case's `episodes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Oversigt,
    Sager,
    /// The report reader of one case.
    Rapport {
        case: usize,
    },
    /// The episode table of one case.
    Episoder {
        case: usize,
    },
    /// One episode: the one selected in the case's episode table.
    Episode {
        case: usize,
    },
    Magtprofil,
    Vurdering,
    Sammenlign,
    Konklusion,
    /// Problems in the files: everything `check` reports.
    Problemer,
}

/// A screen without its data, for the keymap and texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenKind {
    Oversigt,
    Sager,
    Rapport,
    Episoder,
    Episode,
    Magtprofil,
    Vurdering,
    Sammenlign,
    Konklusion,
    Problemer,
}

impl ScreenKind {
    pub const ALL: [ScreenKind; 10] = [
        ScreenKind::Oversigt,
        ScreenKind::Sager,
        ScreenKind::Rapport,
        ScreenKind::Episoder,
        ScreenKind::Episode,
        ScreenKind::Magtprofil,
        ScreenKind::Vurdering,
        ScreenKind::Sammenlign,
        ScreenKind::Konklusion,
        ScreenKind::Problemer,
    ];
}

impl Screen {
    pub fn kind(self) -> ScreenKind {
        match self {
            Screen::Oversigt => ScreenKind::Oversigt,
            Screen::Sager => ScreenKind::Sager,
            Screen::Rapport { .. } => ScreenKind::Rapport,
            Screen::Episoder { .. } => ScreenKind::Episoder,
            Screen::Episode { .. } => ScreenKind::Episode,
            Screen::Magtprofil => ScreenKind::Magtprofil,
            Screen::Vurdering => ScreenKind::Vurdering,
            Screen::Sammenlign => ScreenKind::Sammenlign,
            Screen::Konklusion => ScreenKind::Konklusion,
            Screen::Problemer => ScreenKind::Problemer,
        }
    }

    /// The case the screen shows, if any.
    pub fn case(self) -> Option<usize> {
        match self {
            Screen::Rapport { case } | Screen::Episoder { case } | Screen::Episode { case } => {
                Some(case)
            }
            _ => None,
        }
    }
}

/// The popup kinds, for the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PopupKind {
    Finder,
    Help,
    Confirm,
    Filter,
    Editor,
    Preview,
}

impl PopupKind {
    pub const ALL: [PopupKind; 6] = [
        PopupKind::Finder,
        PopupKind::Help,
        PopupKind::Confirm,
        PopupKind::Filter,
        PopupKind::Editor,
        PopupKind::Preview,
    ];
}

/// The open popup, drawn over the screen; it gets every key first.
#[derive(Debug)]
pub enum Popup {
    Finder(Box<FinderState>),
    Help(HelpState),
    Confirm(ConfirmState),
    /// The filter of the episode table of this case.
    Filter(FilterState),
    /// The text editor (comments, notes, conclusions).
    Editor(Box<EditorState>),
    /// The exported report before it is written.
    Preview(Box<PreviewState>),
}

impl Popup {
    pub fn kind(&self) -> PopupKind {
        match self {
            Popup::Finder(_) => PopupKind::Finder,
            Popup::Help(_) => PopupKind::Help,
            Popup::Confirm(_) => PopupKind::Confirm,
            Popup::Filter(_) => PopupKind::Filter,
            Popup::Editor(_) => PopupKind::Editor,
            Popup::Preview(_) => PopupKind::Preview,
        }
    }
}

/// How often the lock holders are read again (who is scoring now).
const HOLDERS_EVERY: Duration = Duration::from_secs(1);

/// How long a finder step may work before the frame is drawn.
pub const FINDER_BUDGET: Duration = Duration::from_millis(8);

/// The whole state of the app.
pub struct App {
    /// Shared with a background check of a large audit (`problems`).
    pub audit: Arc<Audit>,
    /// The anonymity gate every frame passes (`tui::gate`).
    pub frame_gate: super::gate::FrameGate,
    pub lang: Lang,
    pub theme: Theme,
    /// The terminal's size as last seen (for page sizes and mouse hits).
    pub size: Rect,
    pub tab: Tab,
    /// One back-stack per tab; never empty (the root stays).
    pub stacks: [Vec<Screen>; 6],
    pub popup: Option<Popup>,
    /// Something not saved yet: quitting asks first. The panel's work is
    /// saved at every change, so only an editor with unapplied text counts
    /// (see `has_unsaved`); this flag is for anything else.
    pub dirty: bool,
    pub should_quit: bool,
    /// The projector view (`P`) covers the screen.
    pub projector: bool,
    /// Rater mode (`--rater ID`): the tilsyn (index) this copy scores for;
    /// before a reveal it shows nothing of the others'. `None`: facilitator.
    pub rater: Option<usize>,
    /// Per tilsyn: the host that holds its score file now (`None`: not
    /// open), refreshed between events, never in draw.
    pub holders: Vec<Option<String>>,
    /// When `holders` was last read.
    pub holders_at: Option<std::time::Instant>,
    /// Notices other writers' changes in `panel/` (the real app only).
    pub watcher: Option<crate::domain::panel::PanelWatcher>,
    /// Magtprofil of every institution, computed at load.
    pub comparison: Comparison,
    /// `audit.cases[i]`'s profile in `comparison.profiles`.
    pub profile_of: Vec<Option<usize>>,
    pub summary: Summary,
    pub finder_index: FinderIndex,
    pub errors: usize,
    pub warnings: usize,
    pub oversigt: OversigtState,
    pub sager: SagerState,
    pub rapport: RapportState,
    /// Each opened case's episode table (sort, filter, findings), kept when leaving it.
    pub episode_tables: HashMap<usize, EpisodeTable>,
    pub episode: EpisodeState,
    pub magtprofil: MagtprofilState,
    pub problems: ProblemsState,
    /// The question the finder jumped to (for the Vurdering tab).
    pub focus_question: Option<usize>,
    /// The topic the finder jumped to (for the Konklusion tab).
    pub focus_topic: Option<usize>,
    /// The panel's files (`panel/`): the one owner while the app runs.
    pub panel: PanelStore,
    /// A message for the status bar until the next key ("Fortrudt: …").
    pub note: Option<Note>,
    /// Progress, spreads, means and agreement computed from the scores
    /// when they change (never in draw).
    pub stats: Stats,
    pub vurdering: VurderingState,
    pub sammenlign: SammenlignState,
    pub konklusion: KonklusionState,
    /// Last year's follow-up plan (`previous_audit`), for checking.
    pub previous_plan: Option<(std::path::PathBuf, Vec<FollowUpItem>)>,
}

impl App {
    /// Builds the app over a loaded audit, computing the magtprofil and the
    /// finder index once. Opens on the problem screen when loading found errors.
    pub fn new(audit: Audit, lang: Lang, theme: Theme) -> App {
        Self::open(audit, lang, theme, OpenOptions::default())
    }

    /// As `new`, opening the panel's files as asked (`--read-only`).
    pub fn open(audit: Audit, lang: Lang, theme: Theme, panel: OpenOptions) -> App {
        let options = magtprofil::opening_options(&audit.config);
        let comparison = magtprofil::compare(&audit, &options, None);
        Self::open_compared(audit, comparison, lang, theme, panel)
    }

    /// As `new`, with a given comparison (tests fill profiles by hand).
    pub fn with_comparison(audit: Audit, comparison: Comparison, lang: Lang, theme: Theme) -> App {
        Self::open_compared(audit, comparison, lang, theme, OpenOptions::default())
    }

    /// As `open`, with a given comparison: the one
    /// `magtprofil::load_and_compare` made while loading (the same one
    /// `open` would compute).
    pub fn open_compared(
        mut audit: Audit,
        comparison: Comparison,
        lang: Lang,
        theme: Theme,
        options: OpenOptions,
    ) -> App {
        let (panel, previous_plan) = screens::panel::open_panel(&mut audit, options);
        let audit = Arc::new(audit);
        // What `auditpanel check` reports, from the same domain function.
        let problems = ProblemsState::start(&audit);
        let (errors, warnings) = problems.counts();
        let finder_index = FinderIndex::build(&audit, &panel);
        let frame_gate = super::gate::FrameGate::new(&audit.config.anonymity.blocked_names);
        let mut app = App {
            frame_gate,
            summary: Summary::default(),
            audit,
            lang,
            theme,
            size: Rect::new(0, 0, 80, 24),
            tab: Tab::Oversigt,
            stacks: Tab::ALL.map(|t| vec![t.root()]),
            popup: None,
            dirty: false,
            should_quit: false,
            projector: false,
            rater: None,
            holders: Vec::new(),
            holders_at: None,
            watcher: None,
            comparison: Comparison::default(),
            profile_of: Vec::new(),
            finder_index,
            errors,
            warnings,
            oversigt: OversigtState::default(),
            sager: SagerState::default(),
            rapport: RapportState::default(),
            episode_tables: HashMap::new(),
            episode: EpisodeState::default(),
            magtprofil: MagtprofilState::default(),
            problems,
            focus_question: None,
            focus_topic: None,
            panel,
            note: None,
            stats: Stats::default(),
            vurdering: VurderingState::default(),
            sammenlign: SammenlignState::default(),
            konklusion: KonklusionState::default(),
            previous_plan,
        };
        app.set_comparison(comparison);
        // Rater mode opens on Vurdering for its own tilsyn.
        app.rater = app
            .panel
            .role()
            .rater()
            .and_then(|id| app.audit.config.tilsyn.iter().position(|t| t.id == id));
        if let Some(r) = app.rater {
            app.vurdering.rater = r;
            app.tab = Tab::Vurdering;
        }
        app.refresh_holders();
        if errors > 0 {
            app.tab = Tab::Oversigt;
            app.push(Screen::Problemer);
        }
        screens::panel::after_open(&mut app);
        app
    }

    /// Replaces the magtprofil (and what is derived from it).
    pub fn set_comparison(&mut self, comparison: Comparison) {
        self.profile_of = self
            .audit
            .cases
            .iter()
            .map(|c| comparison.profiles.iter().position(|p| p.id == c.id))
            .collect();
        self.magtprofil.resort(&comparison);
        self.comparison = comparison;
        self.summary = Summary::compute(&self.audit, &self.comparison, &self.profile_of);
    }

    pub fn screen(&self) -> Screen {
        self.stacks[self.tab.index()]
            .last()
            .copied()
            .unwrap_or(self.tab.root())
    }

    /// The help/status context: the popup if one is open, else the screen.
    pub fn context(&self) -> Context {
        match &self.popup {
            Some(p) => Context::Popup(p.kind()),
            None => Context::Screen(self.screen().kind()),
        }
    }

    /// The screen area between the tab bar and the status bar.
    pub fn body(&self) -> Rect {
        Shell::new(self.size).body
    }

    pub fn push(&mut self, s: Screen) {
        let stack = &mut self.stacks[self.tab.index()];
        if stack.last() != Some(&s) {
            stack.push(s);
        }
    }

    fn back(&mut self) {
        let stack = &mut self.stacks[self.tab.index()];
        if stack.len() > 1 {
            stack.pop();
        }
    }

    pub fn go_tab(&mut self, t: Tab) {
        self.tab = t;
    }

    /// Free text from the case files (report text, descriptions, messages)
    /// as it is shown on screen: the one place where anonymity masking is
    /// switched on. A CPR number, phone number, e-mail address or blocked
    /// name that slipped past the checker is shown masked, never in full.
    pub fn shown<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        let blocked = &self.audit.config.anonymity.blocked_names;
        if crate::domain::anonymity::scan(text, blocked).is_empty() {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(crate::domain::anonymity::redact(text, blocked))
        }
    }

    /// The finder's index with the audit it points into.
    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            index: &self.finder_index,
            audit: &self.audit,
        }
    }

    /// Whether quitting would lose something: an editor holding text that
    /// is not applied yet (everything else is saved at every change).
    pub fn has_unsaved(&self) -> bool {
        self.dirty || matches!(&self.popup, Some(Popup::Editor(e)) if e.modified())
    }

    /// Whether a popup still works (the finder matching a large index).
    pub fn has_pending_work(&self) -> bool {
        matches!(&self.popup, Some(Popup::Finder(f)) if f.pending())
    }

    /// Lets pending work go on for one slice.
    pub fn tick(&mut self) {
        self.problems.poll();
        if let Some(Popup::Finder(f)) = &mut self.popup {
            f.work(
                Corpus {
                    index: &self.finder_index,
                    audit: &self.audit,
                },
                FINDER_BUDGET,
            );
        }
    }

    /// Looks at the panel's files for other writers' changes (between
    /// events); `true` when something changed and the screen must redraw.
    pub fn poll_panel(&mut self) -> bool {
        let changed = self.watcher.as_mut().is_some_and(|w| w.changed());
        if changed {
            self.reload_panel(false);
        }
        let stale = self.holders_at.is_none_or(|t| t.elapsed() >= HOLDERS_EVERY);
        if stale {
            let before = self.holders.clone();
            self.refresh_holders();
            return changed || before != self.holders;
        }
        changed
    }

    /// Who holds each tilsyn's score file now (its host), for the progress.
    pub fn refresh_holders(&mut self) {
        let holders = self.panel.lock_holders();
        self.holders = self
            .audit
            .config
            .tilsyn
            .iter()
            .map(|t| {
                holders
                    .iter()
                    .find(|(role, _)| role.rater() == Some(t.id.as_str()))
                    .and_then(|(_, info)| info.as_ref())
                    .map(|i| i.host.clone())
            })
            .collect();
        self.holders_at = Some(std::time::Instant::now());
    }

    /// Takes in other writers' changes from disk (`by_hand`: the `R` key,
    /// which says what it found). A file that cannot be read and a sync
    /// tool's conflict copy are problems (listed on `!`), never overwritten.
    pub fn reload_panel(&mut self, by_hand: bool) {
        let r = self.panel.reload();
        if !r.changed.is_empty() {
            self.stats.scores_changed();
            self.finder_index = FinderIndex::build(&self.audit, &self.panel);
        }
        let mut problems = r.damaged;
        for copy in &r.conflict_copies {
            problems.push(crate::domain::diag::Diagnostic::warning(
                self.audit.root.join(copy),
                crate::domain::diag::Pos::FILE,
                super::text::conflict_copy(self.lang),
            ));
        }
        let new = self.problems.add(problems);
        if new > 0 {
            (self.errors, self.warnings) = self.problems.counts();
            self.note = Some(Note::error(super::text::reload_problems(new, self.lang)));
        } else if by_hand {
            self.note = Some(Note::info(super::text::reloaded(
                r.changed.len(),
                self.lang,
            )));
        }
        screens::panel::refresh(self);
    }

    /// One terminal event.
    pub fn handle_event(&mut self, ev: Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.handle_key(k),
            Event::Mouse(_) if self.too_small() || self.projector => {}
            Event::Mouse(m) => self.handle_mouse(m),
            Event::Paste(text) => self.handle_paste(&text),
            Event::Resize(w, h) => self.size = Rect::new(0, 0, w, h),
            _ => {}
        }
    }

    /// Whether the window is too small to show anything but a message:
    /// then no key but quit acts (nothing may change unseen).
    pub fn too_small(&self) -> bool {
        self.size.width < super::ui::MIN_WIDTH || self.size.height < super::ui::MIN_HEIGHT
    }

    /// One key: the popup first, then the screen.
    pub fn handle_key(&mut self, k: KeyEvent) {
        self.note = None;
        if self.too_small() {
            if keymap::is_quit_key(&k) {
                self.ask_quit_or_confirm();
            }
            return;
        }
        if self.projector {
            match keymap::screen_action(self.screen().kind(), &k) {
                Some(Action::Projector | Action::Back) => self.projector = false,
                Some(Action::Quit | Action::Interrupt) => self.ask_quit(),
                _ => {}
            }
            return;
        }
        if let Some(kind) = self.popup.as_ref().map(Popup::kind) {
            match keymap::popup_action(kind, &k) {
                Some(a) => self.apply(a),
                None => self.popup_text(k),
            }
            return;
        }
        if let Some(a) = keymap::screen_action(self.screen().kind(), &k) {
            self.apply(a);
        }
    }

    /// Quit from a window too small to show a question: a second Ctrl-C
    /// (or `q`) answers the confirm popup it cannot show.
    fn ask_quit_or_confirm(&mut self) {
        match &self.popup {
            Some(Popup::Confirm(_)) => self.apply(Action::Interrupt),
            _ => self.ask_quit(),
        }
    }

    /// A bracketed paste: one event, however long. Only the editor takes
    /// text; control characters other than line breaks and tabs are dropped.
    pub fn handle_paste(&mut self, text: &str) {
        if self.too_small() || self.projector {
            return;
        }
        if let Some(Popup::Editor(e)) = &mut self.popup {
            e.insert(&super::popups::editor::clean_paste(text));
        }
    }

    /// Typing into a popup (the finder's query, the editor's text).
    fn popup_text(&mut self, k: KeyEvent) {
        if let Some(Popup::Editor(e)) = &mut self.popup {
            e.input(k);
            return;
        }
        if let Some(Popup::Finder(f)) = &mut self.popup {
            use ratatui::crossterm::event::KeyCode;
            match k.code {
                KeyCode::Char(c)
                    if !k
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    f.push(
                        c,
                        Corpus {
                            index: &self.finder_index,
                            audit: &self.audit,
                        },
                        FINDER_BUDGET,
                    )
                }
                KeyCode::Backspace => f.pop(
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                    FINDER_BUDGET,
                ),
                _ => {}
            }
        }
    }

    /// One mouse event: the wheel scrolls, a click picks a tab or a row
    /// (a click on the selected row opens it).
    pub fn handle_mouse(&mut self, m: MouseEvent) {
        match m.kind {
            MouseEventKind::ScrollUp => (0..3).for_each(|_| self.apply(Action::Up)),
            MouseEventKind::ScrollDown => (0..3).for_each(|_| self.apply(Action::Down)),
            MouseEventKind::Down(MouseButton::Left) => {
                if self.popup.is_some() {
                    return;
                }
                let shell = Shell::new(self.size);
                if m.row == shell.tabs.y {
                    if let Some(t) = super::ui::tab_at(self, m.column) {
                        self.go_tab(t);
                    }
                    return;
                }
                if let Some(row) = screens::row_at(self, shell.body, m.column, m.row) {
                    let (selected, select) = screens::selection(self);
                    if selected == Some(row) {
                        self.apply(Action::Open);
                    } else if select {
                        screens::select_row(self, row);
                    }
                }
            }
            _ => {}
        }
    }

    /// The one place an action changes state.
    pub fn apply(&mut self, a: Action) {
        self.apply_action(a);
        screens::panel::refresh(self);
    }

    fn apply_action(&mut self, a: Action) {
        if self.popup.is_some() {
            self.apply_popup(a);
            return;
        }
        match a {
            Action::Quit | Action::Interrupt => self.ask_quit(),
            Action::NextTab => self.go_tab(Tab::ALL[(self.tab.index() + 1) % 6]),
            Action::PrevTab => self.go_tab(Tab::ALL[(self.tab.index() + 5) % 6]),
            Action::GoTab(n) => self.go_tab(Tab::ALL[usize::from(n).min(5)]),
            Action::Back => {
                if !screens::magtprofil::on_back(self) {
                    self.back();
                }
            }
            Action::Projector => self.projector = true,
            Action::Reload => self.reload_panel(true),
            Action::OpenFinder => {
                let mut f = FinderState::default();
                f.from = Some(self.tab);
                f.start(self.corpus(), FINDER_BUDGET);
                self.popup = Some(Popup::Finder(Box::new(f)));
            }
            Action::OpenHelp => {
                self.popup = Some(Popup::Help(HelpState::new(self.context())));
            }
            Action::OpenProblems => self.push(Screen::Problemer),
            Action::ShowEpisodes => {
                if let Some(case) = self.current_case() {
                    self.open_episodes(case);
                }
            }
            Action::ShowReport => {
                if let Some(case) = self.current_case() {
                    self.open_report(case);
                }
            }
            Action::ShowMagtprofil => {
                if let Some(case) = self.current_case() {
                    self.open_magtprofil(case);
                }
            }
            Action::Filter => {
                if let Screen::Episoder { case } = self.screen() {
                    self.popup = Some(Popup::Filter(FilterState::new(case)));
                } else {
                    screens::apply(self, a);
                }
            }
            _ => screens::apply(self, a),
        }
    }

    fn apply_popup(&mut self, a: Action) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        match popup {
            Popup::Confirm(c) => {
                let ask = std::mem::take(&mut c.ask);
                self.popup = None;
                match (a, ask) {
                    // Ctrl-C twice quits; Ctrl-C on any other question quits too.
                    (Action::Interrupt, ask @ (Ask::Quit | Ask::QuitWithEditor(_))) => {
                        screens::panel::answer(self, ask, true)
                    }
                    (Action::Interrupt, Ask::OpenReadOnly) => self.should_quit = true,
                    (Action::Interrupt, _) => self.ask_quit(),
                    (Action::ScopeSpread, Ask::NextRound) => {
                        screens::panel::next_round(self, crate::domain::panel::RoundScope::Spread)
                    }
                    // `s` means nothing to any other question: it stays.
                    (Action::ScopeSpread, ask) => {
                        self.popup = Some(Popup::Confirm(ConfirmState { ask }))
                    }
                    (a, ask) => screens::panel::answer(self, ask, a == Action::Yes),
                }
            }
            Popup::Editor(_) | Popup::Preview(_) => screens::panel::apply_popup(self, a),
            Popup::Help(h) => match a {
                Action::Up => h.scroll = h.scroll.saturating_sub(1),
                Action::Down => h.scroll = h.scroll.saturating_add(1),
                Action::Interrupt => {
                    self.popup = None;
                    self.ask_quit();
                }
                _ => self.popup = None,
            },
            Popup::Finder(f) => match a {
                Action::Up => f.move_by(
                    -1,
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                ),
                Action::Down => f.move_by(
                    1,
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                ),
                Action::PageUp => f.move_by(
                    -10,
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                ),
                Action::PageDown => f.move_by(
                    10,
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                ),
                Action::ClearFilter => f.clear(
                    Corpus {
                        index: &self.finder_index,
                        audit: &self.audit,
                    },
                    FINDER_BUDGET,
                ),
                Action::Open => {
                    let chosen = f.chosen();
                    let from = f.from;
                    self.popup = None;
                    if let Some(found) = chosen {
                        self.jump_from(found, from);
                    }
                }
                Action::Interrupt => {
                    self.popup = None;
                    self.ask_quit();
                }
                _ => self.popup = None,
            },
            Popup::Filter(fs) => {
                let case = fs.case;
                match a {
                    Action::Up => fs.row = fs.row.saturating_sub(1),
                    Action::Down => fs.row = (fs.row + 1).min(3),
                    Action::Left | Action::Right => {
                        let row = fs.row;
                        let step = if a == Action::Left { -1 } else { 1 };
                        let height = screens::episoder::table_rows(self.body());
                        if let Some(t) = self.episode_tables.get_mut(&case) {
                            t.step_filter(row, step, &self.audit.cases[case], height);
                        }
                    }
                    Action::ClearFilter => {
                        if let Some(t) = self.episode_tables.get_mut(&case) {
                            t.clear_filter(&self.audit.cases[case]);
                        }
                    }
                    Action::Interrupt => {
                        self.popup = None;
                        self.ask_quit();
                    }
                    _ => self.popup = None,
                }
            }
        }
    }

    pub(crate) fn ask_quit(&mut self) {
        if let Some(Popup::Editor(e)) = &self.popup
            && e.modified()
        {
            let Some(Popup::Editor(e)) = self.popup.take() else {
                return;
            };
            self.popup = Some(Popup::Confirm(ConfirmState {
                ask: Ask::QuitWithEditor(e),
            }));
        } else if self.dirty {
            self.popup = Some(Popup::Confirm(ConfirmState::default()));
        } else {
            self.should_quit = true;
        }
    }

    /// The case the current screen is about (in lists: the selected one).
    pub fn current_case(&self) -> Option<usize> {
        if self.audit.cases.is_empty() {
            return None;
        }
        match self.screen() {
            Screen::Sager => Some(self.sager.cursor.selected),
            Screen::Oversigt => Some(self.oversigt.cursor.selected),
            s => s.case(),
        }
        .filter(|c| *c < self.audit.cases.len())
    }

    /// Opens a case's report in the Sager tab.
    pub fn open_report(&mut self, case: usize) {
        let n = self.audit.cases.len();
        let h = screens::sager::list_rows(self.body(), n);
        self.sager.cursor.select(case, n, h);
        self.tab = Tab::Sager;
        self.stacks[Tab::Sager.index()] = vec![Screen::Sager, Screen::Rapport { case }];
        self.rapport.scroll = 0;
    }

    /// Opens a case's episode table in the Sager tab (built on first use).
    pub fn open_episodes(&mut self, case: usize) {
        self.ensure_table(case);
        let n = self.audit.cases.len();
        let h = screens::sager::list_rows(self.body(), n);
        self.sager.cursor.select(case, n, h);
        self.tab = Tab::Sager;
        self.stacks[Tab::Sager.index()] = vec![
            Screen::Sager,
            Screen::Rapport { case },
            Screen::Episoder { case },
        ];
    }

    pub fn ensure_table(&mut self, case: usize) {
        if !self.episode_tables.contains_key(&case) {
            let t = EpisodeTable::new(case, &self.audit.cases[case]);
            self.episode_tables.insert(case, t);
        }
    }

    pub fn open_magtprofil(&mut self, case: usize) {
        self.magtprofil.came_from = (self.tab != Tab::Magtprofil).then_some(self.tab);
        self.magtprofil.pick = None;
        self.magtprofil.case = case;
        self.magtprofil.view = MagtView::Institution;
        self.tab = Tab::Magtprofil;
        self.stacks[Tab::Magtprofil.index()] = vec![Screen::Magtprofil];
    }

    /// Goes to what the finder found.
    pub fn jump(&mut self, found: Found) {
        self.jump_from(found, None);
    }

    /// Goes to what the finder, opened on tab `from`, found: a question or
    /// a comment opens on Sammenlign when found there, else on Vurdering.
    pub fn jump_from(&mut self, found: Found, from: Option<Tab>) {
        if screens::finder_jump::jump(self, found, from) {
            return;
        }
        match found {
            Found::Institution(case) => self.open_report(case),
            Found::Episode { case, episode } => {
                self.open_episodes(case);
                let height = screens::episoder::table_rows(self.body());
                if let Some(t) = self.episode_tables.get_mut(&case) {
                    t.show_episode(episode, &self.audit.cases[case], height);
                }
                self.push(Screen::Episode { case });
                self.episode.scroll = 0;
            }
            Found::Theme(theme) => {
                let id = self.audit.themes[theme].id.clone();
                let case = self
                    .current_case()
                    .unwrap_or(self.sager.cursor.selected)
                    .min(self.audit.cases.len().saturating_sub(1));
                if !self.audit.cases.is_empty()
                    && self.audit.cases[case]
                        .report
                        .themes
                        .iter()
                        .any(|t| t.theme == id)
                {
                    self.open_report(case);
                    let width = self.body().width;
                    self.rapport.scroll =
                        screens::rapport::anchor_of(self, case, width, &id).unwrap_or(0);
                } else {
                    self.tab = Tab::Oversigt;
                    self.stacks[0] = vec![Screen::Oversigt];
                    self.oversigt.text_scroll = screens::oversigt::hypotheses_line(self);
                }
            }
            Found::Hypothesis(_) => {
                self.tab = Tab::Oversigt;
                self.stacks[0] = vec![Screen::Oversigt];
                self.oversigt.text_scroll = screens::oversigt::hypotheses_line(self);
            }
            Found::Topic(t) => {
                self.focus_topic = Some(t);
                self.tab = Tab::Konklusion;
            }
            Found::Question(q) => {
                self.focus_question = Some(q);
                self.tab = Tab::Vurdering;
            }
            // The finder's text hits: `screens::finder_jump` above.
            _ => {}
        }
    }

    /// Number of errors and warnings `check` reports.
    pub fn problem_counts(&self) -> (usize, usize) {
        self.problems.counts()
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("tab", &self.tab)
            .field("screen", &self.screen())
            .field("popup", &self.popup.as_ref().map(Popup::kind))
            .finish()
    }
}
