//! The app's one anonymity gate: after every screen and popup has drawn
//! into the frame's buffer, and before the frame reaches the terminal (or
//! the test backend), each row of the buffer is read as text and scanned
//! with the audit's scanner; the cells of every hit are overwritten with
//! the masked form (`12****-****`). `ui::draw` ends with it, so no screen,
//! header, table cell or popup can forget it.
//!
//! What it covers: everything that stands on one screen row — ids, names,
//! titles, labels, header cells, paths. A value wrapped over two rows is
//! not seen here; free text (descriptions, reports, comments) is masked at
//! the data level before it is laid out (`App::shown`), as before.

use ratatui::buffer::Buffer;

use crate::domain::anonymity::Scanner;

/// The scanner the frames pass.
pub struct FrameGate {
    scanner: Scanner,
}

impl FrameGate {
    pub fn new(blocked: &[String]) -> FrameGate {
        FrameGate {
            scanner: Scanner::new(blocked),
        }
    }

    /// Masks every identifying value that stands on one row of `buf`.
    pub fn apply(&self, buf: &mut Buffer) {
        let area = buf.area;
        let mut row = String::with_capacity(usize::from(area.width) * 2);
        // The byte offset in `row` where each cell's symbol starts.
        let mut starts: Vec<(usize, u16)> = Vec::with_capacity(usize::from(area.width));
        for y in area.top()..area.bottom() {
            row.clear();
            starts.clear();
            for x in area.left()..area.right() {
                let sym = buf[(x, y)].symbol();
                // The trailing half of a wide character is an empty cell.
                if sym.is_empty() {
                    continue;
                }
                starts.push((row.len(), x));
                row.push_str(sym);
            }
            // Only digits, `@` and blocked names' letters are looked at.
            let hits = self.scanner.scan(&row);
            for h in hits {
                mask_cells(buf, y, &starts, h.start, h.end, &h.masked);
            }
        }
    }
}

/// Overwrites the cells whose symbols lie in `start..end` of the row with
/// the masked value's characters (one a cell; the mask keeps the length).
fn mask_cells(
    buf: &mut Buffer,
    y: u16,
    starts: &[(usize, u16)],
    start: usize,
    end: usize,
    masked: &str,
) {
    let mut chars = masked.chars();
    for &(_, x) in starts.iter().filter(|(at, _)| (start..end).contains(at)) {
        let cell = &mut buf[(x, y)];
        match chars.next() {
            Some(c) => {
                cell.set_char(c);
            }
            // A mask shorter than the cells it covers: star the rest.
            None => {
                cell.set_char('*');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn a_row_is_masked_in_its_cells_and_nothing_else_changes() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 3));
        buf.set_string(
            0,
            0,
            "│ Malthe Vindeløv │ 010203-1234",
            ratatui::style::Style::new(),
        );
        buf.set_string(
            0,
            1,
            "2019-12-15 10:30 · 254 episoder",
            ratatui::style::Style::new(),
        );
        buf.set_string(0, 2, "ung 23 45 67 89", ratatui::style::Style::new());
        let before = buf.clone();
        FrameGate::new(&["Malthe Vindeløv".into()]).apply(&mut buf);
        let row = |b: &Buffer, y: u16| -> String {
            (0..40).map(|x| b[(x, y)].symbol().to_string()).collect()
        };
        assert_eq!(row(&buf, 0).trim_end(), "│ Ma**** ******** │ 01****-****");
        assert_eq!(row(&buf, 1), row(&before, 1));
        assert_eq!(row(&buf, 2).trim_end(), "ung 23 ** ** **");
    }
}
