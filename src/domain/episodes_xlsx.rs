//! Episodes from an Excel workbook (`episodes.xlsx` in a case folder, or
//! `magtprofil --episodes FILE.xlsx`), as institutions' case systems and the
//! tilsyn's own spreadsheets export them.
//!
//! The first sheet holds the same table as the CSV (`episodes::CSV_HEADER`
//! in its first non-empty row, one episode a row). Each row is turned into
//! the 17 text fields of a CSV record and checked by the CSV's own row
//! check (`episodes::parse_fields`), so the rules and messages are the
//! CSV's; only the place differs: `episodes.xlsx:Ark1!C17` (the sheet and
//! the cell, see `diag::sheet_path`).
//!
//! Cells: text as it is; whole numbers without decimals (`15`, not `15.0`);
//! Excel date cells as the CSV's fixed format (`2017-03-04T18:20`, seconds
//! only when they are not zero); TRUE/FALSE as `yes`/`no`; an Excel error
//! (`#VALUE!`) is an error at its cell.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use chrono::{NaiveDateTime, Timelike};

use super::diag::{Diagnostics, Pos, sheet_path};
use super::episodes::{CSV_HEADER, parse_fields};
use super::model::Episode;
use super::sym::SymTable;

/// Whether `path` names an Excel workbook (by its extension).
pub fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// One sheet: its name and its cells (`Range` knows where it starts).
pub struct Sheet {
    pub name: String,
    pub cells: Range<Data>,
}

/// Every sheet of the workbook at `path`, in order, or why it cannot be
/// read (in Danish, for the user).
pub fn read_sheets(path: &Path) -> Result<Vec<Sheet>, String> {
    if path.is_dir() {
        return Err(
            "der ligger en mappe, hvor filen skal være; flyt eller omdøb mappen".to_string(),
        );
    }
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| not_a_workbook(&e))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let cells = book
            .worksheet_range(&name)
            .map_err(|e| not_a_workbook(&e))?;
        out.push(Sheet { name, cells });
    }
    Ok(out)
}

fn not_a_workbook(e: &calamine::XlsxError) -> String {
    match e {
        calamine::XlsxError::Io(io) => super::load::unreadable(io).to_string(),
        _ => "filen kan ikke læses som en Excel-projektmappe (.xlsx); gem den igen som \
              Excel-projektmappe eller som CSV"
            .to_string(),
    }
}

/// The 1-based place (row, column) of a cell given relative to the sheet's
/// used range.
pub fn cell_pos(cells: &Range<Data>, row: usize, col: usize) -> Pos {
    let (r0, c0) = cells.start().unwrap_or((0, 0));
    let n = |base: u32, i: usize| {
        u32::try_from(i)
            .ok()
            .and_then(|i| base.checked_add(i)?.checked_add(1))
            .unwrap_or(u32::MAX)
    };
    Pos::new(n(r0, row), n(c0, col))
}

/// A cell as the text a CSV field would hold, or the message of an error
/// cell.
pub fn cell_text(cell: &Data) -> Result<Cow<'_, str>, String> {
    Ok(match cell {
        Data::Empty => Cow::Borrowed(""),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cow::Borrowed(s),
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Float(f) => Cow::Owned(number(*f)),
        Data::Bool(b) => Cow::Borrowed(if *b { "yes" } else { "no" }),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) => Cow::Owned(local_time(t)),
            None => Cow::Owned(number(d.as_f64())),
        },
        Data::Error(e) => {
            return Err(format!(
                "cellen har Excel-fejlen {e}; ret formlen, eller skriv værdien i cellen"
            ));
        }
    })
}

/// A number as a CSV would hold it: whole numbers without a decimal point.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// A date cell in the files' fixed format, to the nearest second (Excel
/// keeps times as fractions of a day, so 18:20 may come back as
/// 18:19:59.999).
fn local_time(t: NaiveDateTime) -> String {
    let t = t + chrono::Duration::milliseconds(500);
    let t = t.with_nanosecond(0).unwrap_or(t);
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// Reads the episodes of the workbook's first sheet. Returns the place
/// the episodes and their problems are named by (`file.xlsx:Sheet`, or the
/// file when it could not be read) and the valid episodes in row order;
/// problems go to `diags` at their cell. When `institution` is given, a
/// row naming another institution is an error, as in the CSV.
pub fn load_xlsx(
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
) -> (PathBuf, Vec<Episode>) {
    let sheets = match read_sheets(path) {
        Ok(s) => s,
        Err(msg) => {
            diags.error(path, Pos::FILE, msg);
            return (path.to_path_buf(), Vec::new());
        }
    };
    let Some(sheet) = sheets.into_iter().next() else {
        diags.error(
            path,
            Pos::FILE,
            "projektmappen har ingen ark; episoderne skal stå i det første ark",
        );
        return (path.to_path_buf(), Vec::new());
    };
    let at = sheet_path(path, &sheet.name);
    let episodes = read_rows(&sheet.cells, &at, institution, diags);
    (at, episodes)
}

fn read_rows(
    cells: &Range<Data>,
    at: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<Episode> {
    let width = CSV_HEADER.len();
    let mut out = Vec::new();
    let mut table = SymTable::default();
    let mut header_seen = false;
    for (r, row) in cells.rows().enumerate() {
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut texts: Vec<Cow<'_, str>> = Vec::with_capacity(row.len());
        let mut bad_cells = false;
        for (c, cell) in row.iter().enumerate() {
            match cell_text(cell) {
                Ok(t) => texts.push(t),
                Err(msg) => {
                    diags.error(at, cell_pos(cells, r, c), msg);
                    bad_cells = true;
                    texts.push(Cow::Borrowed(""));
                }
            }
        }
        if !header_seen {
            header_seen = true;
            let used = texts
                .iter()
                .rposition(|t| !t.trim().is_empty())
                .map_or(0, |i| i + 1);
            let header: Vec<&str> = texts[..used].iter().map(|t| t.trim()).collect();
            if header != CSV_HEADER || cells.start().is_some_and(|(_, c0)| c0 != 0) {
                diags.error(
                    at,
                    cell_pos(cells, r, 0),
                    format!(
                        "forkert overskriftsrække; den skal stå fra kolonne A og være præcis: {}",
                        CSV_HEADER.join(", ")
                    ),
                );
                return out;
            }
            continue;
        }
        if let Some(c) = (width..texts.len()).find(|&c| !texts[c].trim().is_empty()) {
            diags.error(
                at,
                cell_pos(cells, r, c),
                format!(
                    "cellen ligger til højre for de {width} kolonner i overskriftsrækken; \
                     flyt eller slet den"
                ),
            );
            continue;
        }
        if bad_cells {
            continue;
        }
        let mut fields = [""; 17];
        for (f, t) in fields.iter_mut().zip(&texts) {
            *f = t;
        }
        let row_pos = cell_pos(cells, r, 0);
        let mut errors = Vec::new();
        let episode = parse_fields(&fields, institution, row_pos, &mut table, &mut |i, m| {
            errors.push((i, m))
        });
        for (i, m) in errors.iter() {
            diags.error(at, cell_pos(cells, r, *i), m.clone());
        }
        if errors.is_empty()
            && let Some(e) = episode
        {
            out.push(e);
        }
    }
    if !header_seen {
        diags.error(
            at,
            Pos::new(1, 1),
            format!(
                "arket er tomt; det skal mindst have overskriftsrækken: {}",
                CSV_HEADER.join(", ")
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_times_read_as_the_csv_writes_them() {
        assert_eq!(number(15.0), "15");
        assert_eq!(number(2.5), "2.5");
        let t = chrono::NaiveDate::from_ymd_opt(2017, 3, 4)
            .and_then(|d| d.and_hms_milli_opt(18, 19, 59, 999))
            .expect("a time");
        assert_eq!(local_time(t), "2017-03-04T18:20");
        let t = chrono::NaiveDate::from_ymd_opt(2017, 3, 4)
            .and_then(|d| d.and_hms_opt(18, 20, 7))
            .expect("a time");
        assert_eq!(local_time(t), "2017-03-04T18:20:07");
        assert_eq!(cell_text(&Data::Bool(true)).as_deref(), Ok("yes"));
        assert!(cell_text(&Data::Error(calamine::CellErrorType::Value)).is_err());
    }
}
