//! A small markdown writer for the report: headings that never skip a
//! level, paragraphs, bullet lists and GitHub tables whose cells are
//! escaped, with exactly one blank line between blocks. Everything the
//! report prints goes through here, so the output renders the same in
//! GitHub, pandoc and a plain diff.

use std::fmt::Write as _;

use super::document::{Align, Block, Document};

/// The markdown of a document: exactly one blank line between blocks, a
/// hard line break (a trailing backslash) between the lines of a
/// paragraph, and one trailing newline.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {}", "#".repeat(*level), inline(text));
            }
            Block::Para(lines) => {
                let escaped: Vec<String> = lines.iter().map(|l| inline(l)).collect();
                let _ = writeln!(out, "{}", escaped.join("\\\n"));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "*{}*", inline(text));
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", inline(i));
                }
            }
            Block::BulletsNested(items) => {
                for (i, subs) in items {
                    let _ = writeln!(out, "- {}", inline(i));
                    for s in subs {
                        let _ = writeln!(out, "  - {}", inline(s));
                    }
                }
            }
            Block::Numbered(items) => {
                for (n, i) in items.iter().enumerate() {
                    let _ = writeln!(out, "{}. {}", n + 1, inline(i));
                }
            }
            Block::Image { path, alt } => {
                let _ = writeln!(out, "![{}]({path})", escape(alt));
            }
            Block::Table {
                header,
                align,
                rows,
            } => table(&mut out, header, align, rows),
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A GitHub table with escaped cells.
fn table(out: &mut String, header: &[String], align: &[Align], rows: &[Vec<String>]) {
    let mut line = String::from("|");
    for h in header {
        let _ = write!(line, " {} |", cell(h));
    }
    let _ = writeln!(out, "{line}");
    let mut sep = String::from("|");
    for a in align {
        sep.push_str(match a {
            Align::Right => " ---: |",
            Align::Left => " --- |",
        });
    }
    let _ = writeln!(out, "{sep}");
    for row in rows {
        let mut line = String::from("|");
        for c in row {
            let c = cell(c);
            if c.is_empty() {
                line.push_str("  |");
            } else {
                let _ = write!(line, " {c} |");
            }
        }
        let _ = writeln!(out, "{line}");
    }
}

/// Text joined to one line (the document model's rule).
pub fn one_line(text: &str) -> String {
    super::document::one_line(text)
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

/// Text made safe at the start of a block (or of a line inside a
/// paragraph) too: as `escape`, and a leading `- `, `+ `, `# `, `1. `,
/// `1) `, or a run like `---` or `===` that would make a list, a heading
/// or a rule is escaped.
pub fn inline(text: &str) -> String {
    let mut out = escape(text);
    let mut chars = out.chars();
    if let Some(first) = chars.next()
        && matches!(first, '-' | '+' | '#' | '=')
        && chars.next().is_none_or(|c| c == ' ' || c == first)
    {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && matches!(out[digits..].chars().next(), Some('.' | ')'))
        && out[digits + 1..].chars().next().is_none_or(|c| c == ' ')
    {
        out.insert(digits, '\\');
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
        assert_eq!(inline("---"), "\\---");
        assert_eq!(inline("= lig"), "\\= lig");
        assert_eq!(inline("3) punkt"), "3\\) punkt");
        assert_eq!(inline("-0,250"), "-0,250");
        assert_eq!(inline("2018-udgaven"), "2018-udgaven");
    }

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let mut d = Document::new();
        d.heading(1, "Titel");
        d.para("Første\nlinje");
        d.bullets(&["a", "b"]);
        d.heading(2, "Afsnit");
        d.table(&["A", "B"], "lr", &[vec!["x", "1"], vec!["y"]]);
        assert_eq!(
            render(&d),
            "# Titel\n\nFørste\\\nlinje\n\n- a\n- b\n\n## Afsnit\n\n| A | B |\n| --- | ---: |\n| x | 1 |\n| y |  |\n"
        );
    }
}
