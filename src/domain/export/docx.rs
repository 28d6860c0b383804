//! The Word writer: the report's `Document` as a .docx (Office Open XML),
//! made with `docx-rs`, so neither Word nor pandoc is needed. The title has
//! the style Titel, the sections Overskrift 1–3 (style ids `Heading1`–
//! `Heading3` with outline levels, so Word's navigation pane and table of
//! contents find them), tables have borders and a bold header row, lists are real Word lists, and the footer holds
//! the page number (a PAGE field). A4, Danish language. The same document
//! gives the same bytes: no clock, fixed ids.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Table,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use super::document::{Align, Block, Document};

/// The style ids and Danish names of the headings, title first.
pub const HEADING_STYLES: [(&str, &str); 4] = [
    ("Title", "Titel"),
    ("Heading1", "Overskrift 1"),
    ("Heading2", "Overskrift 2"),
    ("Heading3", "Overskrift 3"),
];

/// The bullet list's numbering id; numbered lists get 2, 3, … so each
/// starts at 1.
const BULLETS: usize = 1;
const DECIMAL_ABSTRACT: usize = 2;

/// The style id of a markdown heading level: 1 is the title, 2 Overskrift
/// 1, 3 Overskrift 2, 4 and below Overskrift 3.
pub fn heading_style(level: usize) -> &'static str {
    HEADING_STYLES[level.clamp(1, 4) - 1].0
}

/// The .docx bytes of `doc`.
pub fn render(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1418)
                .bottom(1418)
                .left(1418)
                .right(1418)
                .header(709)
                .footer(709),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(22)
        .created_at("2000-01-01T00:00:00Z")
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .line_spacing(LineSpacing::new().after(120)),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("Side "))
                    .add_page_num(PageNum::new()),
            ),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS)
                .add_level(list_level(0, "bullet", "•"))
                // Level 1: a bullet under a bullet (a dissenting view under its point).
                .add_level(list_level(1, "bullet", "–")),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_abstract_numbering(
            AbstractNumbering::new(DECIMAL_ABSTRACT).add_level(list_level(0, "decimal", "%1.")),
        );
    for (i, (id, name)) in HEADING_STYLES.iter().enumerate() {
        let size = [36, 30, 26, 23][i];
        let mut s = Style::new(*id, StyleType::Paragraph)
            .name(*name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color("1F3864")
            .line_spacing(
                LineSpacing::new()
                    .before(if i == 0 { 0 } else { 240 })
                    .after(120),
            );
        if i > 0 {
            s = s.outline_lvl(i - 1);
        }
        d = d.add_style(s);
    }
    let mut next_numbering = DECIMAL_ABSTRACT;
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                d = d.add_paragraph(
                    Paragraph::new()
                        .style(heading_style(*level))
                        .keep_next(true)
                        .add_run(Run::new().add_text(text.as_str())),
                );
            }
            Block::Para(lines) => d = d.add_paragraph(lines_para(lines)),
            Block::Note(text) => {
                d = d.add_paragraph(
                    Paragraph::new().add_run(Run::new().italic().add_text(text.as_str())),
                );
            }
            // The Word file does not embed the SVG pictures: it names the
            // file and says in words what it shows (the tables follow).
            Block::Image { path, alt } => {
                d = d.add_paragraph(
                    Paragraph::new().add_run(
                        Run::new()
                            .italic()
                            .add_text(format!("Figur ({path}): {alt}")),
                    ),
                );
            }
            Block::Bullets(items) => {
                for i in items {
                    d = d.add_paragraph(bullet(i, 0));
                }
            }
            Block::BulletsNested(items) => {
                for (i, subs) in items {
                    d = d.add_paragraph(bullet(i, 0));
                    for s in subs {
                        d = d.add_paragraph(bullet(s, 1));
                    }
                }
            }
            Block::Numbered(items) => {
                next_numbering += 1;
                d = d.add_numbering(
                    Numbering::new(next_numbering, DECIMAL_ABSTRACT)
                        .add_override(LevelOverride::new(0).start(1)),
                );
                for i in items {
                    d = d.add_paragraph(
                        Paragraph::new()
                            .numbering(NumberingId::new(next_numbering), IndentLevel::new(0))
                            .add_run(Run::new().add_text(i.as_str())),
                    );
                }
            }
            Block::Table {
                header,
                align,
                rows,
            } => {
                d = d.add_table(table(header, align, rows));
                // Word joins two tables that follow each other; an empty
                // paragraph keeps them apart.
                d = d.add_paragraph(Paragraph::new());
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut out)?;
    deflate(&out.into_inner())
}

/// The package again with every part deflated (docx-rs stores them
/// uncompressed: a tenth of the size), in the same order with the same
/// fixed timestamp, so the bytes stay the same run to run.
fn deflate(stored: &[u8]) -> anyhow::Result<Vec<u8>> {
    use std::io::{Read as _, Write as _};
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        let name = part.name().to_string();
        if part.is_dir() {
            out.add_directory(name, options)?;
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)?;
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// A paragraph whose lines are separated by line breaks.
fn lines_para(lines: &[String]) -> Paragraph {
    let mut run = Run::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(l.as_str());
    }
    Paragraph::new().add_run(run)
}

/// The width of the text between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1418;

/// Column widths (twips) that fill the text width: every column gets at
/// least its longest word, and the rest goes to the columns whose text is
/// longer than that, in proportion to how much longer.
pub fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    // About one 9-point character, and the cell's own margins.
    const CHAR: usize = 105;
    const PAD: usize = 260;
    let cols = header.len();
    let cells =
        |i: usize| std::iter::once(&header[i]).chain(rows.iter().filter_map(move |r| r.get(i)));
    let natural: Vec<usize> = (0..cols)
        .map(|i| cells(i).map(|c| c.chars().count()).max().unwrap_or(1) * CHAR + PAD)
        .collect();
    let word: Vec<usize> = (0..cols)
        .map(|i| {
            cells(i)
                .flat_map(|c| c.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(1)
                .min(14)
                * CHAR
                + PAD
        })
        .collect();
    let natural_sum: usize = natural.iter().sum();
    if natural_sum <= TEXT_WIDTH {
        let room = (TEXT_WIDTH - natural_sum) / cols.max(1);
        return natural.iter().map(|n| n + room).collect();
    }
    let min_sum: usize = word.iter().sum();
    if min_sum >= TEXT_WIDTH {
        return word.iter().map(|w| w * TEXT_WIDTH / min_sum).collect();
    }
    let extra: Vec<usize> = natural
        .iter()
        .zip(&word)
        .map(|(n, w)| n.saturating_sub(*w))
        .collect();
    let extra_sum: usize = extra.iter().sum::<usize>().max(1);
    let room = TEXT_WIDTH - min_sum;
    word.iter()
        .zip(&extra)
        .map(|(w, e)| w + e * room / extra_sum)
        .collect()
}

fn table(header: &[String], align: &[Align], rows: &[Vec<String>]) -> Table {
    let widths = column_widths(header, rows);
    let cell = |text: &str, a: Align, bold: bool, w: usize| {
        let mut run = Run::new().add_text(text).size(18);
        if bold {
            run = run.bold();
        }
        TableCell::new().width(w, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .align(jc(a))
                .line_spacing(LineSpacing::new().after(0))
                .add_run(run),
        )
    };
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(align)
                .zip(&widths)
                .map(|((c, a), w)| cell(c, *a, bold, *w))
                .collect(),
        )
        .cant_split()
    };
    let mut out = vec![row(header, true)];
    for r in rows {
        out.push(row(r, false));
    }
    Table::new(out)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

fn jc(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Right => AlignmentType::Right,
    }
}

/// One bullet paragraph at `level` (0, or 1 under another bullet).
fn bullet(text: &str, level: usize) -> Paragraph {
    Paragraph::new()
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(level))
        .add_run(Run::new().add_text(text))
}

/// One level of a list: `format` ("bullet", "decimal") and its `text`,
/// indented half an inch per level with a hanging marker.
fn list_level(level: usize, format: &str, text: &str) -> Level {
    Level::new(
        level,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
    .indent(
        Some(720 * (level as i32 + 1)),
        Some(SpecialIndentType::Hanging(360)),
        None,
        None,
    )
}
