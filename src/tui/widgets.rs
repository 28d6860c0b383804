//! Small drawing helpers shared by the screens: a list cursor that keeps the
//! selection visible, word wrapping by display width, score bars, centred
//! popup areas and text fitting. No state of the app lives here.

use ratatui::layout::Rect;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A selection in a list of `len` rows shown `height` rows at a time.
/// `offset` is the first visible row; moving keeps the selection visible.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows (negative is up), clamped to the list.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected.saturating_add_signed(delta).min(len - 1);
        self.select(target, len, height);
    }

    pub fn select(&mut self, row: usize, len: usize, height: usize) {
        self.selected = row.min(len.saturating_sub(1));
        self.offset = visible_offset(self.offset, self.selected, height);
    }

    pub fn home(&mut self) {
        *self = Cursor::default();
    }

    pub fn end(&mut self, len: usize, height: usize) {
        self.select(len.saturating_sub(1), len, height);
    }

    /// The first row to draw at this height (pure: also right after a resize).
    pub fn offset_for(&self, height: usize) -> usize {
        visible_offset(self.offset, self.selected, height)
    }
}

/// The offset that keeps `selected` visible, moving `offset` as little as possible.
pub fn visible_offset(offset: usize, selected: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// Wraps `text` into lines of at most `width` columns, breaking at spaces
/// (a word longer than the line is cut). Paragraph breaks (`\n`) are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in para.split_whitespace() {
            let mut word = word;
            let mut w = word.width();
            if line_w > 0 && line_w + 1 + w > width {
                out.push(std::mem::take(&mut line));
                line_w = 0;
            }
            while w > width {
                // Cut a word that cannot fit on any line.
                let (head, tail) = split_at_width(word, width - line_w.min(width));
                if head.is_empty() {
                    break;
                }
                line.push_str(head);
                out.push(std::mem::take(&mut line));
                line_w = 0;
                word = tail;
                w = word.width();
            }
            if line_w > 0 {
                line.push(' ');
                line_w += 1;
            }
            line.push_str(word);
            line_w += w;
        }
        out.push(line);
    }
    out
}

/// Splits at the last char boundary whose prefix fits in `width` columns.
fn split_at_width(s: &str, width: usize) -> (&str, &str) {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            return s.split_at(i);
        }
        w += cw;
    }
    (s, "")
}

/// `s` cut to `width` columns, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (head, _) = split_at_width(s, width - 1);
    format!("{head}…")
}

/// A bar of `value` out of `max` in `width` cells, with eighth-blocks for
/// the remainder, so small differences still show.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if width == 0 || max <= 0.0 || !value.is_finite() || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (width * 8) as f64).round() as usize;
    let full = eighths / 8;
    let rest = eighths % 8;
    let mut s = "█".repeat(full);
    if rest > 0 {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest]);
    }
    s
}

/// A score 1–5 as five cells: filled up to the score, light after.
pub fn score_bar(score: u8, max: u8) -> String {
    let score = score.min(max);
    format!(
        "{}{}",
        "█".repeat(usize::from(score) * 2),
        "░".repeat(usize::from(max - score) * 2)
    )
}

/// A centred rectangle of at most `width`×`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A number with Danish thousands separators (1.000.000).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A decimal number with a Danish comma (or an English point).
pub fn decimal(v: f64, digits: usize, comma: bool) -> String {
    let s = format!("{v:.digits$}");
    if comma { s.replace('.', ",") } else { s }
}

/// Empties an area for a popup, leaving the theme's own background (the
/// projector themes paint one; `Clear` alone would show the terminal's).
pub fn clear(f: &mut ratatui::Frame, area: Rect, theme: crate::tui::theme::Theme) {
    f.render_widget(ratatui::widgets::Clear, area);
    f.render_widget(ratatui::widgets::Block::new().style(theme.base()), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("en to tre fire", 7), vec!["en to", "tre", "fire"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("æøå æøå", 3), vec!["æøå", "æøå"]);
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
    }

    #[test]
    fn cursor_keeps_selection_visible() {
        let mut c = Cursor::default();
        c.move_by(5, 10, 3);
        assert_eq!((c.selected, c.offset), (5, 3));
        c.move_by(-4, 10, 3);
        assert_eq!((c.selected, c.offset), (1, 1));
        c.move_by(100, 10, 3);
        assert_eq!((c.selected, c.offset), (9, 7));
        c.move_by(1, 0, 3);
        assert_eq!((c.selected, c.offset), (0, 0));
    }

    #[test]
    fn numbers_in_danish() {
        assert_eq!(thousands(1_000_000), "1.000.000");
        assert_eq!(thousands(254), "254");
        assert_eq!(decimal(2.26, 1, true), "2,3");
        assert_eq!(fit("Østkysten", 4), "Øst…");
        assert_eq!(bar(1.0, 2.0, 4), "██");
        assert_eq!(score_bar(3, 5), "██████░░░░");
    }
}
