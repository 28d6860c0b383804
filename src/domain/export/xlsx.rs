//! The tables as an Excel workbook, for the tilsyn who continue in a
//! spreadsheet (`magtprofil --format xlsx -o FILE`, `export --format xlsx
//! -o FILE`): typed cells (numbers as numbers, dates as dates, shares as
//! percentages with a `%` format), the header row frozen, one sheet per
//! table, Danish sheet names.
//!
//! The tables are built first as plain values (`Table`, `Cell`), from the
//! domain's own structs, then scanned by the export's anonymity gate
//! (`refuse_identifying`, cell by cell: a refusal names the sheet and the
//! cell), and only then written with `rust_xlsxwriter`. The caller writes
//! the bytes atomically.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::csv::score_cells;
use super::figures::{Figure, Figures};
use super::{ExportError, refuse_identifying};
use crate::domain::diag::column_letters;
use crate::domain::magtprofil::{ALL_TARGETS, Comparison, Profile, target_label_da};
use crate::domain::model::{Audit, InterventionType};
use crate::domain::panel::{NOT_ASSESSABLE, PanelData, ScoreValue};

/// One cell's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A count or a whole number.
    Int(u64),
    /// A measured number, shown with the given decimals.
    Num(f64, u8),
    /// A share (0.25 = 25 %), shown as a percentage with one decimal.
    Pct(f64),
    Date(NaiveDate),
}

impl Cell {
    fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    fn opt_text(s: Option<&str>) -> Self {
        s.map_or(Cell::Empty, Cell::text)
    }
}

/// One sheet: a name, a header row (frozen) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns frozen at the left besides the header row (the
    /// institution's id on wide sheets).
    pub frozen_columns: u16,
}

impl Table {
    fn new(sheet: &str, header: Vec<String>) -> Self {
        Table {
            sheet: sheet.to_string(),
            header,
            rows: Vec::new(),
            frozen_columns: 0,
        }
    }
}

/// Why no workbook was made.
#[derive(Debug, thiserror::Error)]
pub enum XlsxExportError {
    /// The anonymity gate refused a cell.
    #[error(
        "regnearket blev ikke skrevet: {what} ({masked}) i cellen {sheet}!{cell}; \
         ret teksten i panel/ eller i sagen, og eksportér igen"
    )]
    Identifying {
        sheet: String,
        cell: String,
        /// What was found, in Danish ("muligt CPR-nummer").
        what: String,
        /// The value, masked (`12****-****`).
        masked: String,
    },
    #[error("kunne ikke lave regnearket: {0}")]
    Writer(#[from] XlsxError),
}

const WEEKDAYS_DA: [&str; 7] = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];

/// The magtprofil's tables: one row per institution with its figures; the
/// months; the weekdays and hours; the ranking.
pub fn magtprofil_tables(c: &Comparison) -> Vec<Table> {
    vec![
        profile_table(c),
        months_table(c),
        times_table(c),
        ranking_table(c),
    ]
}

fn base_columns() -> Vec<String> {
    ["Institution", "Navn", "Tilsyn"].map(String::from).to_vec()
}

fn base_cells(p: &Profile) -> Vec<Cell> {
    vec![
        Cell::text(&p.id),
        Cell::opt_text(p.name.as_deref()),
        Cell::opt_text(p.tilsyn.as_deref()),
    ]
}

fn share(part: u64, whole: u64) -> Cell {
    if whole == 0 {
        Cell::Empty
    } else {
        Cell::Pct(part as f64 / whole as f64)
    }
}

fn profile_table(c: &Comparison) -> Table {
    let mut header = base_columns();
    header.extend(
        [
            "Fra",
            "Til",
            "Episoder",
            "Børn",
            "Pladser",
            "Episoder pr. plads pr. år",
            "Episoder pr. 1.000 belægningsdøgn",
            "Rang efter antal",
            "Rang efter forholdstal",
        ]
        .map(String::from),
    );
    header.extend(
        InterventionType::ALL
            .iter()
            .map(|t| format!("Type: {}", t.code())),
    );
    header.extend(
        [
            "I ferieperioder",
            "Uden for ferieperioder",
            "Højst for ét barn",
            "Børn med over én episode i en måned",
            "Over 3 minutter",
            "Andel over 3 minutter",
            "Ukendt varighed",
            "Isolationsgrænse (minutter)",
            "Isolation over grænsen",
            "Registreret over 24 timer efter",
            "Uden registreringstid",
            "Uden barnets udtalelse",
            "Andel uden barnets udtalelse",
            "Forældre ikke orienteret",
            "Set af andre børn",
            "Ukendt om set af andre børn",
            "To eller flere ansatte",
            "Måneder uden episoder",
            "Udvikling: måneder pr. halvdel",
            "Udvikling: første halvdel",
            "Udvikling: sidste halvdel",
            "Udvikling: ændring",
        ]
        .map(String::from),
    );
    header.extend(
        ALL_TARGETS
            .iter()
            .map(|t| format!("Mål: {} (opfyldt)", target_label_da(*t))),
    );
    let mut table = Table::new("Magtprofil", header);
    table.frozen_columns = 1;
    for p in &c.profiles {
        let mut row = base_cells(p);
        let t = p.trend.as_ref();
        row.extend([
            p.from.map_or(Cell::Empty, Cell::Date),
            p.to.map_or(Cell::Empty, Cell::Date),
            Cell::Int(p.episodes),
            Cell::Int(p.children),
            p.places.map_or(Cell::Empty, |v| Cell::Int(u64::from(v))),
            p.rate_per_place.map_or(Cell::Empty, |v| Cell::Num(v, 1)),
            p.rate_per_1000_bed_days
                .map_or(Cell::Empty, |v| Cell::Num(v, 1)),
            p.rank_by_count
                .map_or(Cell::Empty, |v| Cell::Int(u64::from(v))),
            p.rank_by_rate
                .map_or(Cell::Empty, |v| Cell::Int(u64::from(v))),
        ]);
        row.extend(
            InterventionType::ALL
                .iter()
                .map(|t| Cell::Int(p.by_type.get(t.code()).copied().unwrap_or(0))),
        );
        row.extend([
            Cell::Int(p.holiday),
            Cell::Int(p.non_holiday),
            Cell::Int(p.max_per_child),
            Cell::Int(p.children_over_one_in_a_month),
            Cell::Int(p.over_3_min),
            share(p.over_3_min, p.episodes),
            Cell::Int(p.unknown_duration),
            p.isolation_limit_minutes
                .map_or(Cell::Empty, |v| Cell::Int(v.unsigned_abs())),
            Cell::Int(p.isolation_over_limit),
            Cell::Int(p.late_registration),
            Cell::Int(p.unknown_registration),
            Cell::Int(p.missing_child_statement),
            share(p.missing_child_statement, p.episodes),
            Cell::Int(p.parents_not_told),
            Cell::Int(p.witnessed),
            Cell::Int(p.unknown_witnesses),
            Cell::Int(p.staff_two_or_more),
            Cell::Int(p.months_without_episodes),
            t.map_or(Cell::Empty, |t| Cell::Int(u64::from(t.months_per_half))),
            t.map_or(Cell::Empty, |t| Cell::Int(t.first_half)),
            t.map_or(Cell::Empty, |t| Cell::Int(t.second_half)),
            t.and_then(|t| t.change_percent)
                .map_or(Cell::Empty, |v| Cell::Pct(v / 100.0)),
        ]);
        for target in ALL_TARGETS {
            row.push(match p.targets.iter().find(|r| r.target == target) {
                Some(r) if r.met => Cell::text("ja"),
                Some(r) => Cell::text(format!("nej ({})", r.count)),
                None => Cell::Empty,
            });
        }
        table.rows.push(row);
    }
    table
}

fn months_table(c: &Comparison) -> Table {
    let mut months: Vec<&String> = c.profiles.iter().flat_map(|p| p.by_month.keys()).collect();
    months.sort();
    months.dedup();
    let mut header = base_columns();
    header.extend(months.iter().map(|m| m.to_string()));
    let mut table = Table::new("Måneder", header);
    table.frozen_columns = 1;
    for p in &c.profiles {
        let mut row = base_cells(p);
        row.extend(
            months
                .iter()
                .map(|m| p.by_month.get(*m).map_or(Cell::Empty, |n| Cell::Int(*n))),
        );
        table.rows.push(row);
    }
    table
}

fn times_table(c: &Comparison) -> Table {
    let mut header = base_columns();
    header.extend(WEEKDAYS_DA.iter().map(|d| d.to_string()));
    header.extend((0..24).map(|h| format!("kl. {h:02}")));
    let mut table = Table::new("Ugedage og timer", header);
    table.frozen_columns = 1;
    for p in &c.profiles {
        let mut row = base_cells(p);
        row.extend(p.by_weekday.iter().map(|n| Cell::Int(*n)));
        row.extend(p.by_hour.iter().map(|n| Cell::Int(*n)));
        table.rows.push(row);
    }
    table
}

fn ranking_table(c: &Comparison) -> Table {
    let header = [
        "Plads",
        "Institution (efter antal)",
        "Episoder",
        "Institution (efter forholdstal)",
        "Episoder pr. plads pr. år",
    ]
    .map(String::from)
    .to_vec();
    let mut table = Table::new("Sammenligning", header);
    let n = c.rank_by_count.len().max(c.rank_by_rate.len());
    for i in 0..n {
        let by_count = c.rank_by_count.get(i);
        let by_rate = c.rank_by_rate.get(i);
        table.rows.push(vec![
            Cell::Int(i as u64 + 1),
            Cell::opt_text(by_count.map(String::as_str)),
            by_count
                .and_then(|id| c.profile(id))
                .map_or(Cell::Empty, |p| Cell::Int(p.episodes)),
            Cell::opt_text(by_rate.map(String::as_str)),
            by_rate
                .and_then(|id| c.profile(id))
                .and_then(|p| p.rate_per_place)
                .map_or(Cell::Empty, |v| Cell::Num(v, 1)),
        ]);
    }
    table
}

/// The panel's scores of the rounds the report shows, one row per round ×
/// case × question × tilsyn (as `scores.csv`): a score as a number, "kan
/// ikke vurderes" as text.
pub fn scores_table(audit: &Audit, panel: &PanelData) -> Table {
    let header = ["Sag", "Spørgsmål", "Tilsyn", "Runde", "Score", "Kommentar"]
        .map(String::from)
        .to_vec();
    let mut table = Table::new("Scorer", header);
    for c in score_cells(audit, panel) {
        let value = match c.entry.and_then(|e| e.value) {
            Some(ScoreValue::Score(v)) => Cell::Int(u64::from(v)),
            Some(ScoreValue::NotAssessable) => Cell::text(NOT_ASSESSABLE),
            None => Cell::Empty,
        };
        let comment = c.entry.map(|e| e.comment.trim()).filter(|t| !t.is_empty());
        table.rows.push(vec![
            Cell::text(c.case),
            Cell::text(c.question),
            Cell::text(c.rater),
            Cell::Int(u64::from(c.round)),
            value,
            Cell::opt_text(comment),
        ]);
    }
    table
}

/// Krippendorff's alpha per round: overall, per hypothesis, theme and
/// question, with the 95 % interval and the count it rests on.
pub fn agreement_table(figures: &Figures) -> Table {
    let header = [
        "Runde",
        "Niveau",
        "Id",
        "Alpha",
        "Nedre grænse (95 %)",
        "Øvre grænse (95 %)",
        "Parbare værdier (n)",
        "Fortolkning",
        "Bemærkning",
    ]
    .map(String::from)
    .to_vec();
    let mut table = Table::new("Enighed", header);
    for r in &figures.agreement {
        let groups = std::iter::once(("samlet", "", &r.overall))
            .chain(
                r.hypotheses
                    .iter()
                    .map(|(id, f)| ("hypotese", id.as_str(), f)),
            )
            .chain(r.themes.iter().map(|(id, f)| ("tema", id.as_str(), f)))
            .chain(
                r.questions
                    .iter()
                    .map(|(id, f)| ("spørgsmål", id.as_str(), f)),
            );
        for (level, id, f) in groups {
            table.rows.push(agreement_row(r.round, level, id, f));
        }
    }
    table
}

fn agreement_row(round: u32, level: &str, id: &str, f: &Figure) -> Vec<Cell> {
    let note = f
        .undefined
        .clone()
        .or_else(|| f.no_interval.map(|n| n.reason_da()));
    vec![
        Cell::Int(u64::from(round)),
        Cell::text(level),
        Cell::text(id),
        f.alpha.map_or(Cell::Empty, |a| Cell::Num(a, 3)),
        f.ci.map_or(Cell::Empty, |c| Cell::Num(c.0, 3)),
        f.ci.map_or(Cell::Empty, |c| Cell::Num(c.1, 3)),
        Cell::Int(f.values as u64),
        Cell::text(f.interpretation()),
        note.map_or(Cell::Empty, Cell::Text),
    ]
}

/// Every table of the export: the magtprofil's (left out when the audit
/// has no episodes), the scores and the agreement.
pub fn export_tables(audit: &Audit, panel: &PanelData, figures: &Figures) -> Vec<Table> {
    let mut tables = Vec::new();
    if audit.cases.iter().any(|c| !c.episodes.is_empty()) {
        tables.extend(magtprofil_tables(&figures.comparison));
    }
    tables.push(scores_table(audit, panel));
    tables.push(agreement_table(figures));
    tables
}

/// Refuses the tables when a text cell holds something a child could be
/// recognised by (the export's own gate, cell by cell).
pub fn refuse_identifying_cells(
    tables: &[Table],
    blocked: &[String],
) -> Result<(), XlsxExportError> {
    for t in tables {
        let header = t.header.iter().enumerate().map(|(c, h)| (0, c, h.as_str()));
        let body = t.rows.iter().enumerate().flat_map(|(r, row)| {
            row.iter()
                .enumerate()
                .filter_map(move |(c, cell)| match cell {
                    Cell::Text(s) => Some((r + 1, c, s.as_str())),
                    _ => None,
                })
        });
        for (r, c, text) in header.chain(body) {
            if let Err(ExportError::Identifying { what, masked, .. }) =
                refuse_identifying(text, blocked)
            {
                return Err(XlsxExportError::Identifying {
                    sheet: t.sheet.clone(),
                    cell: format!(
                        "{}{}",
                        column_letters(u32::try_from(c + 1).unwrap_or(u32::MAX)),
                        r + 1
                    ),
                    what,
                    masked,
                });
            }
        }
    }
    Ok(())
}

/// The workbook's bytes: the tables refused by the anonymity gate first,
/// then written one sheet each.
pub fn workbook(tables: &[Table], blocked: &[String]) -> Result<Vec<u8>, XlsxExportError> {
    refuse_identifying_cells(tables, blocked)?;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let pct = Format::new().set_num_format("0.0%");
    let decimals = [
        Format::new().set_num_format("0"),
        Format::new().set_num_format("0.0"),
        Format::new().set_num_format("0.00"),
        Format::new().set_num_format("0.000"),
    ];
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.sheet)?;
        for (c, h) in t.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c)?, h, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                let c = col(c)?;
                write_cell(sheet, r, c, cell, &date, &pct, &decimals)?;
            }
        }
        sheet.set_freeze_panes(1, t.frozen_columns)?;
        sheet.autofit();
    }
    Ok(book.save_to_buffer()?)
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    date: &Format,
    pct: &Format,
    decimals: &[Format; 4],
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(r, c, s)?;
        }
        Cell::Int(n) => {
            sheet.write_number(r, c, *n as f64)?;
        }
        Cell::Num(v, d) => {
            let f = &decimals[usize::from(*d).min(decimals.len() - 1)];
            sheet.write_number_with_format(r, c, *v, f)?;
        }
        Cell::Pct(v) => {
            sheet.write_number_with_format(r, c, *v, pct)?;
        }
        Cell::Date(d) => {
            sheet.write_date_with_format(r, c, *d, date)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cpr_number_in_a_cell_is_refused_with_the_cell() {
        let mut t = Table::new("Scorer", vec!["Sag".into(), "Kommentar".into()]);
        t.rows
            .push(vec![Cell::text("a"), Cell::text("se 010203-1234")]);
        let err = workbook(&[t], &[]).unwrap_err().to_string();
        assert!(err.contains("cellen Scorer!B2"), "{err}");
        assert!(!err.contains("1234"), "{err}");
    }
}
