//! Popups drawn over the screen: finder, help, confirm, episode filter,
//! the text editor (also for who dissented, with their views), and the
//! export preview (drawn by
//! `screens::eksport`).
//! They get input first (see `App::handle_key`).

pub mod confirm;
pub mod editor;
pub mod filter;
pub mod finder;
pub mod help;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{App, Popup};

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    match &app.popup {
        Some(Popup::Finder(s)) => finder::draw(f, area, app, s),
        Some(Popup::Help(s)) => help::draw(f, area, app, s),
        Some(Popup::Confirm(s)) => confirm::draw(f, area, app, s),
        Some(Popup::Filter(s)) => filter::draw(f, area, app, s),
        Some(Popup::Editor(s)) => editor::draw(f, area, app, s),
        Some(Popup::Preview(s)) => crate::tui::screens::eksport::draw_preview(f, area, app, s),
        None => {}
    }
}
