//! The terminal app the panel looks at: tabs (Oversigt, Sager, Magtprofil,
//! Vurdering, Sammenlign, Konklusion), popups (finder, help, filter,
//! confirm), one keymap. `app` holds the state, `action` is the vocabulary,
//! `keymap` maps keys, `screens/` and `popups/` each own their state and
//! drawing, `ui` draws the shell, `text` holds every word shown, `theme` the
//! styles, `terminal`/`event` own the terminal and its events.

pub mod action;
pub mod app;
pub mod chart;
pub mod event;
pub mod gate;
pub mod keymap;
pub mod popups;
pub mod screens;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use app::App;
use theme::Theme;

/// What the app opens with (the command line fills it in).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The audit folder.
    pub dir: PathBuf,
    pub theme: theme::ThemeName,
    pub lang: text::Lang,
    /// Open without writing anything to panel/.
    pub read_only: bool,
    /// Rater mode: the tilsyn's id in audit.yaml.
    pub rater: Option<String>,
}

/// Opens the audit folder in the app; returns when the user quits.
///
/// The terminal is taken first and a "loading" frame drawn at once; the
/// audit loads on another thread (a million episodes take a moment), and
/// `q` or Ctrl-C while it loads quits.
pub fn run(args: &Options) -> anyhow::Result<ExitCode> {
    let dir = args.dir.clone();
    let theme = Theme::from_args(args.theme, Theme::no_color_env());
    let lang = args.lang;
    let read_only = args.read_only;
    // Rater mode: the id is checked against audit.yaml before the terminal
    // is taken, so a wrong id is a plain message listing the tilsyn.
    let role = match &args.rater {
        Some(id) => {
            let audit = crate::domain::model::Audit {
                config: crate::domain::load::load_config(&dir).unwrap_or_default(),
                ..Default::default()
            };
            crate::domain::panel::validate_rater(&audit, id).map_err(anyhow::Error::msg)?;
            crate::domain::panel::Role::Rater(id.clone())
        }
        None => crate::domain::panel::Role::Facilitator,
    };
    // The loading frame shows the folder's path: it passes the gate too,
    // with the block list read on its own before anything else.
    let loading_gate = gate::FrameGate::new(&crate::domain::blocklist::read(&dir).names);
    terminal::watch_signals();
    let mut guard = terminal::TerminalGuard::new()?;
    let (tx, rx) = std::sync::mpsc::channel();
    let load_dir = dir.clone();
    std::thread::spawn(move || {
        // The magtprofil is counted while the cases load, on every core.
        let (audit, comparison) = crate::domain::magtprofil::load_and_compare(&load_dir);
        let panel = crate::domain::panel::OpenOptions {
            read_only,
            role,
            ..Default::default()
        };
        let _ = tx.send(App::open_compared(audit, comparison, lang, theme, panel));
    });
    let mut app = loop {
        guard.terminal.draw(|f| {
            ui::draw_loading(f, &dir, theme, lang);
            loading_gate.apply(f.buffer_mut());
        })?;
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(app) => break app,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                anyhow::bail!("indlæsningen af auditten stoppede uventet")
            }
        }
        if terminal::stop_requested() {
            return Ok(ExitCode::SUCCESS);
        }
        for ev in event::next_batch(Some(Duration::ZERO))? {
            if let ratatui::crossterm::event::Event::Key(k) = ev
                && let Some(action::Action::Quit | action::Action::Interrupt) =
                    keymap::screen_action(app::ScreenKind::Oversigt, &k)
            {
                return Ok(ExitCode::SUCCESS);
            }
        }
    };
    // Other writers' changes (raters, the facilitator, a hand edit, a sync
    // tool) are watched for; without a watcher `R` still reloads by hand.
    app.watcher = crate::domain::panel::PanelWatcher::new(&app.audit.root).ok();
    let size = guard.terminal.size()?;
    app.size = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    run_loop(&mut guard, &mut app)?;
    drop(guard);
    Ok(ExitCode::SUCCESS)
}

/// How long the loop waits for input before it looks at signals and the
/// panel's files again.
const WAKE: Duration = Duration::from_millis(200);

fn run_loop(guard: &mut terminal::TerminalGuard, app: &mut App) -> anyhow::Result<()> {
    let mut redraw = true;
    loop {
        if redraw {
            guard.terminal.draw(|f| ui::draw(f, app))?;
        }
        if app.should_quit || terminal::stop_requested() {
            return Ok(());
        }
        // Wait for input; when the finder still works, only peek.
        // A check still running in the background (a large audit) is looked
        // for at every wake-up, and the screen redrawn while it runs and once
        // when it ends.
        let pending = app.has_pending_work();
        let checking = app.problems.pending();
        let timeout = if pending { Duration::ZERO } else { WAKE };
        let events = event::next_batch(Some(timeout))?;
        redraw = pending || checking || !events.is_empty();
        for ev in events {
            app.handle_event(ev);
        }
        app.tick();
        redraw |= app.poll_panel();
    }
}

/// Draws the app into a test backend (tests and benchmarks).
pub fn render(app: &App, terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>) {
    let _ = terminal.draw(|f| ui::draw(f, app));
}
