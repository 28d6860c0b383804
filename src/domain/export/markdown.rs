//! A small markdown writer for the report: headings that never skip a
//! level, paragraphs, bullet lists and GitHub tables whose cells are
//! escaped, with exactly one blank line between blocks. Everything the
//! report prints goes through here, so the output renders the same in
//! GitHub, pandoc and a plain diff.

use std::fmt::Write as _;

/// A markdown document under construction.
#[derive(Debug, Default)]
pub struct Doc {
    out: String,
    /// The level of the last heading, to refuse skipped levels.
    level: usize,
}

impl Doc {
    pub fn new() -> Self {
        Doc::default()
    }

    pub fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    /// A heading of `level` (1–6). A level more than one below the last
    /// heading is a programming error; it is clamped so the document stays
    /// valid, and debug builds stop.
    pub fn heading(&mut self, level: usize, text: &str) {
        debug_assert!(level <= self.level + 1, "heading level {level} skips");
        let level = level.clamp(1, (self.level + 1).min(6));
        self.level = level;
        let _ = writeln!(self.out, "{} {}\n", "#".repeat(level), inline(text));
    }

    /// A paragraph; line breaks inside `text` are joined with spaces so a
    /// YAML block scalar becomes one paragraph. Empty text writes nothing.
    pub fn para(&mut self, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "{}\n", inline(&text));
    }

    /// Several paragraphs: blank lines in `text` separate them.
    pub fn paras(&mut self, text: &str) {
        for p in text.split("\n\n") {
            self.para(p);
        }
    }

    /// An emphasised paragraph (a note).
    pub fn note(&mut self, text: &str) {
        let text = one_line(text);
        if !text.is_empty() {
            let _ = writeln!(self.out, "*{}*\n", inline(&text));
        }
    }

    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        for i in items {
            let _ = writeln!(self.out, "- {}", inline(&one_line(i.as_ref())));
        }
        self.out.push('\n');
    }

    /// Bullets, each with indented bullets under it (may be none).
    pub fn bullets_nested(&mut self, items: &[(String, Vec<String>)]) {
        if items.is_empty() {
            return;
        }
        for (item, subs) in items {
            let _ = writeln!(self.out, "- {}", inline(&one_line(item)));
            for s in subs {
                let _ = writeln!(self.out, "  - {}", inline(&one_line(s)));
            }
        }
        self.out.push('\n');
    }

    pub fn numbered<S: AsRef<str>>(&mut self, items: &[S]) {
        if items.is_empty() {
            return;
        }
        for (n, i) in items.iter().enumerate() {
            let _ = writeln!(self.out, "{}. {}", n + 1, inline(&one_line(i.as_ref())));
        }
        self.out.push('\n');
    }

    /// A GitHub table. `align` per column: `'l'` or `'r'`. Every row gets
    /// exactly as many cells as the header (missing cells are empty).
    pub fn table<S: AsRef<str>>(&mut self, header: &[&str], align: &str, rows: &[Vec<S>]) {
        let cols = header.len();
        let mut line = String::from("|");
        for h in header {
            let _ = write!(line, " {} |", cell(h));
        }
        let _ = writeln!(self.out, "{line}");
        let mut sep = String::from("|");
        let al: Vec<char> = align.chars().collect();
        for i in 0..cols {
            sep.push_str(if al.get(i) == Some(&'r') {
                " ---: |"
            } else {
                " --- |"
            });
        }
        let _ = writeln!(self.out, "{sep}");
        for row in rows {
            let mut line = String::from("|");
            for i in 0..cols {
                let c = row.get(i).map(|s| cell(s.as_ref())).unwrap_or_default();
                if c.is_empty() {
                    line.push_str("  |");
                } else {
                    let _ = write!(line, " {c} |");
                }
            }
            let _ = writeln!(self.out, "{line}");
        }
        self.out.push('\n');
    }
}

/// Text joined to one line: runs of whitespace (newlines included) become
/// one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text made safe inside a line: characters that would start emphasis,
/// code, links or HTML, or end a table cell, are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text made safe at the start of a block too: as `escape`, and a leading
/// `- `, `+ `, `# ` or `1. ` that would make a list or heading is escaped.
pub fn inline(text: &str) -> String {
    let mut out = escape(text);
    // "1. foo" or "- foo" at the start of a paragraph would become a list.
    if let Some(first) = out.chars().next()
        && (first == '-' || first == '+' || first == '#')
        && out[1..].starts_with(' ')
    {
        out.insert(0, '\\');
    }
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

/// One table cell: one line, escaped (a `|` never splits the cell). A
/// cell cannot start a list, so "14. december" stays as it is.
pub fn cell(text: &str) -> String {
    escape(&one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_markup() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("*x*\nny linje"), "\\*x\\* ny linje");
        assert_eq!(inline("- ikke en liste"), "\\- ikke en liste");
        assert_eq!(inline("2018. Året"), "2018\\. Året");
        assert_eq!(cell("14. december"), "14. december");
        assert_eq!(inline("§ 14, 2 timer"), "§ 14, 2 timer");
    }

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let mut d = Doc::new();
        d.heading(1, "Titel");
        d.para("Første\nlinje");
        d.bullets(&["a", "b"]);
        d.heading(2, "Afsnit");
        d.table(&["A", "B"], "lr", &[vec!["x", "1"], vec!["y"]]);
        assert_eq!(
            d.finish(),
            "# Titel\n\nFørste linje\n\n- a\n- b\n\n## Afsnit\n\n| A | B |\n| --- | ---: |\n| x | 1 |\n| y |  |\n"
        );
    }
}
