//! The one owner of the terminal: raw mode, the alternate screen, mouse
//! capture and bracketed paste on entry; everything undone on drop, on
//! error and on panic (the panic hook restores the terminal before the
//! message prints, so the message is readable and the shell usable).
//!
//! SIGINT, SIGTERM and SIGHUP (and closing the console window on Windows)
//! only set a flag (`ctrlc` with its `termination` feature); the event loop
//! wakes often enough to see it and leaves the ordinary way, so the
//! terminal is restored by the same drop as a `q`. Every change the app
//! acknowledged is already on disk (it writes at once). When the terminal
//! is gone (a real hang-up), the input reader may never return; the app then
//! leaves from the handler's thread after a grace period of two seconds.

use std::io::stdout;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

/// How long the event loop has to stop by itself after a signal.
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Set when a signal asked the app to stop.
static STOP: AtomicBool = AtomicBool::new(false);

/// Installs the signal handler (once per process; a second call is a no-op).
pub fn watch_signals() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // When the handler cannot be installed the app still runs; a signal
        // then ends it the default way (as before).
        let _ = ctrlc::set_handler(|| {
            STOP.store(true, Ordering::SeqCst);
            // When the terminal itself is gone (a hang-up), reading input
            // can keep the loop from ever looking at the flag: then leave
            // from here after a grace period. Every acknowledged change is
            // on disk already (each is written before it shows).
            std::thread::spawn(|| {
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(0);
            });
        });
    });
}

/// Whether a signal asked the app to stop.
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// Holds the terminal; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn new() -> std::io::Result<TerminalGuard> {
        // ratatui's hook restores raw mode and the screen, then prints.
        let terminal = ratatui::try_init()?;
        let ratatui_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(control(), DisableBracketedPaste, DisableMouseCapture);
            ratatui_hook(info);
        }));
        if let Err(e) = execute!(control(), EnableMouseCapture, EnableBracketedPaste) {
            restore();
            return Err(e);
        }
        Ok(TerminalGuard { terminal })
    }
}

/// Standard output for terminal control sequences only (mouse, paste);
/// every frame's text passes the frame gate (`tui::gate`) in `draw`.
#[allow(clippy::disallowed_methods)]
fn control() -> std::io::Stdout {
    stdout()
}

fn restore() {
    let _ = execute!(control(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
