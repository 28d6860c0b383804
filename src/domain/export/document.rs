//! The report as a small document model: headings, paragraphs (with the
//! line breaks the panel wrote), notes, bullet and numbered lists and
//! tables. The report is built once as a `Document`; the markdown writer
//! (`markdown`), the Word writer (`docx`) and the app's preview all render
//! this same model, so they cannot drift apart.

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One block of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading, level 1 (the title) to 4.
    Heading {
        level: usize,
        text: String,
    },
    /// A paragraph: its lines, kept as written (a hard line break between
    /// two lines).
    Para(Vec<String>),
    /// An emphasised one-line paragraph.
    Note(String),
    Bullets(Vec<String>),
    /// Bullets, each with bullets one level in under it (may be none).
    BulletsNested(Vec<(String, Vec<String>)>),
    Numbered(Vec<String>),
    /// A picture beside the document (a relative path) with its alt text.
    Image {
        path: String,
        alt: String,
    },
    /// A table; every row has exactly as many cells as the header.
    Table {
        header: Vec<String>,
        align: Vec<Align>,
        rows: Vec<Vec<String>>,
    },
}

/// The report under construction, and when finished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// The level of the last heading, to refuse skipped levels.
    level: usize,
}

impl Document {
    pub fn new() -> Self {
        Document::default()
    }

    /// A heading of `level` (1–6). A level more than one below the last
    /// heading is a programming error; it is clamped so the document stays
    /// valid, and debug builds stop.
    pub fn heading(&mut self, level: usize, text: &str) {
        debug_assert!(level <= self.level + 1, "heading level {level} skips");
        let level = level.clamp(1, (self.level + 1).min(6));
        self.level = level;
        self.blocks.push(Block::Heading {
            level,
            text: one_line(text),
        });
    }

    /// One paragraph. Line breaks inside `text` are kept as written (runs
    /// of spaces in a line become one); blank lines are dropped, so use
    /// `paras` for text of several paragraphs. Empty text writes nothing.
    pub fn para(&mut self, text: &str) {
        let lines: Vec<String> = text
            .lines()
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(Block::Para(lines));
        }
    }

    /// Several paragraphs: a blank line (or one of only spaces) separates
    /// them; single line breaks stay line breaks within a paragraph.
    pub fn paras(&mut self, text: &str) {
        let mut current = String::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                self.para(&current);
                current.clear();
            } else {
                current.push_str(line);
                current.push('\n');
            }
        }
        self.para(&current);
    }

    /// An emphasised paragraph (a note), on one line.
    pub fn note(&mut self, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            self.blocks.push(Block::Note(text));
        }
    }

    /// A picture (path relative to the document) with its alt text.
    pub fn image(&mut self, path: &str, alt: &str) {
        self.blocks.push(Block::Image {
            path: path.to_string(),
            alt: one_line(alt),
        });
    }

    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(
                items.iter().map(|i| one_line(i.as_ref())).collect(),
            ));
        }
    }

    /// Bullets, each with its own (possibly empty) list of sub-bullets.
    pub fn bullets_nested(&mut self, items: &[(String, Vec<String>)]) {
        if !items.is_empty() {
            self.blocks.push(Block::BulletsNested(
                items
                    .iter()
                    .map(|(i, subs)| (one_line(i), subs.iter().map(|s| one_line(s)).collect()))
                    .collect(),
            ));
        }
    }

    pub fn numbered<S: AsRef<str>>(&mut self, items: &[S]) {
        if !items.is_empty() {
            self.blocks.push(Block::Numbered(
                items.iter().map(|i| one_line(i.as_ref())).collect(),
            ));
        }
    }

    /// A table. `align` per column: `'l'` or `'r'`. Every row gets exactly
    /// as many cells as the header (missing cells are empty); every cell is
    /// one line.
    pub fn table<S: AsRef<str>>(&mut self, header: &[&str], align: &str, rows: &[Vec<S>]) {
        let cols = header.len();
        let al: Vec<char> = align.chars().collect();
        let align = (0..cols)
            .map(|i| {
                if al.get(i) == Some(&'r') {
                    Align::Right
                } else {
                    Align::Left
                }
            })
            .collect();
        let rows = rows
            .iter()
            .map(|row| {
                (0..cols)
                    .map(|i| row.get(i).map(|s| one_line(s.as_ref())).unwrap_or_default())
                    .collect()
            })
            .collect();
        self.blocks.push(Block::Table {
            header: header.iter().map(|h| one_line(h)).collect(),
            align,
            rows,
        });
    }

    /// The headings in order, as (level, text).
    pub fn headings(&self) -> Vec<(usize, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect()
    }
}

/// Text joined to one line: runs of whitespace (newlines included) become
/// one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_line_breaks_are_kept_as_written() {
        let mut d = Document::new();
        d.paras("Linje fem.\nLinje  seks.\n\n  \nNyt afsnit.\n");
        assert_eq!(
            d.blocks,
            vec![
                Block::Para(vec!["Linje fem.".into(), "Linje seks.".into()]),
                Block::Para(vec!["Nyt afsnit.".into()]),
            ]
        );
    }

    #[test]
    fn table_rows_get_the_header_s_number_of_cells() {
        let mut d = Document::new();
        d.table(&["A", "B"], "lr", &[vec!["x\ny"], vec!["1", "2", "3"]]);
        assert_eq!(
            d.blocks,
            vec![Block::Table {
                header: vec!["A".into(), "B".into()],
                align: vec![Align::Left, Align::Right],
                rows: vec![
                    vec!["x y".into(), String::new()],
                    vec!["1".into(), "2".into()]
                ],
            }]
        );
    }
}
