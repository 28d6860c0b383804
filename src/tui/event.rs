//! Reading terminal events: block until something happens (no busy loop),
//! then take everything already waiting, so a burst of keys or resizes
//! becomes one redraw. Of several resizes only the last is kept.

use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// At most this many events are taken for one frame.
const MAX_BATCH: usize = 256;

/// Waits for the next events (at most `timeout`, or for ever with `None`)
/// and returns them in order, with resizes coalesced.
pub fn next_batch(timeout: Option<Duration>) -> std::io::Result<Vec<Event>> {
    let mut out = Vec::new();
    let ready = match timeout {
        None => true,
        Some(t) => event::poll(t)?,
    };
    if !ready {
        return Ok(out);
    }
    out.push(event::read()?);
    while out.len() < MAX_BATCH && event::poll(Duration::ZERO)? {
        out.push(event::read()?);
    }
    Ok(coalesce(out))
}

/// Keeps only the last resize of a batch (in its place at the end).
pub fn coalesce(events: Vec<Event>) -> Vec<Event> {
    let last_resize = events
        .iter()
        .rev()
        .find(|e| matches!(e, Event::Resize(..)))
        .cloned();
    let mut out: Vec<Event> = events
        .into_iter()
        .filter(|e| !matches!(e, Event::Resize(..)))
        .collect();
    out.extend(last_resize);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn resizes_collapse_to_the_last() {
        let k = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        let evs = vec![
            Event::Resize(10, 10),
            k.clone(),
            Event::Resize(80, 24),
            Event::Resize(120, 36),
        ];
        assert_eq!(coalesce(evs), vec![k, Event::Resize(120, 36)]);
    }
}
