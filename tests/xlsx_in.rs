//! Excel in: an episodes CSV converted to a workbook, with real Excel date
//! cells for the times and number cells for the numbers, reads to the same
//! episodes field for field, gives the identical magtprofil, and the same
//! errors at `file.xlsx:Ark1!C17` places; a case folder's `episodes.xlsx`
//! is loaded, rule-checked and anonymity-scanned like its CSV.

mod support;

use std::path::Path;
use std::process::Command;

use auditpanel::domain::check::check;
use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::episodes::{self, CSV_HEADER};
use auditpanel::domain::episodes_xlsx::load_xlsx;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::time::{parse_date, parse_local};
use rust_xlsxwriter::{Format, Workbook};

const FIXTURE: &str = "tests/fixtures/magtprofil/small.csv";

/// Writes the CSV's rows to a workbook's sheet "Ark1": times and dates as
/// date cells, whole numbers as numbers, the rest as text.
fn csv_to_xlsx(csv_text: &str, out: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ark1").expect("name");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    for (r, rec) in rdr.records().enumerate() {
        let rec = rec.expect("a csv record");
        let row = u32::try_from(r).expect("row");
        for (c, field) in rec.iter().enumerate() {
            let col = u16::try_from(c).expect("col");
            if r > 0 && field.len() == 16 && parse_local(field).is_some() {
                let t = parse_local(field).expect("time");
                sheet
                    .write_datetime_with_format(row, col, t, &time)
                    .expect("write");
            } else if r > 0 && parse_date(field).is_some() {
                let d = parse_date(field).expect("date");
                sheet
                    .write_date_with_format(row, col, d, &date)
                    .expect("write");
            } else if r > 0 && !field.is_empty() && field.parse::<u32>().is_ok() {
                sheet
                    .write_number(row, col, f64::from(field.parse::<u32>().expect("n")))
                    .expect("write");
            } else if !field.is_empty() {
                sheet.write_string(row, col, field).expect("write");
            }
        }
    }
    book.save(out).expect("save");
}

fn auditpanel(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .expect("run auditpanel");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// `file:line:column: error: msg` → msg; `file.xlsx:Ark1!C17: error: msg` → msg.
fn messages(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(": error: ").map(|(_, m)| m.to_string()))
        .collect()
}

#[test]
fn a_csv_as_a_workbook_with_date_cells_gives_the_identical_magtprofil() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv_path = support::repo().join(FIXTURE);
    let text = std::fs::read_to_string(&csv_path).expect("fixture");
    let xlsx = tmp.path().join("small.xlsx");
    csv_to_xlsx(&text, &xlsx);
    let csv_arg = csv_path.to_str().expect("utf-8 path");
    let xlsx_arg = xlsx.to_str().expect("utf-8 path");
    for format in ["json", "csv", "table"] {
        let (from_csv, csv_err, csv_code) =
            auditpanel(&["magtprofil", "--episodes", csv_arg, "--format", format]);
        let (from_xlsx, xlsx_err, xlsx_code) =
            auditpanel(&["magtprofil", "--episodes", xlsx_arg, "--format", format]);
        assert!(!from_csv.is_empty());
        assert_eq!(from_xlsx, from_csv, "--format {format}");
        // The fixture's bad row (E7, an unknown type) is the same error,
        // at the cell: column G of row 8.
        assert_eq!(messages(&xlsx_err), messages(&csv_err), "{xlsx_err}");
        assert_eq!(csv_code, Some(1));
        assert_eq!(xlsx_code, Some(1));
    }
    let (_, err, _) = auditpanel(&["magtprofil", "--episodes", xlsx_arg]);
    assert!(
        err.contains("small.xlsx:Ark1!G8: error: ukendt type"),
        "{err}"
    );
}

#[test]
fn every_field_of_every_row_is_the_csvs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv_path = support::repo().join("cases/lyngtoften/episodes.csv");
    let text = std::fs::read_to_string(&csv_path).expect("csv");
    let xlsx = tmp.path().join("episodes.xlsx");
    csv_to_xlsx(&text, &xlsx);
    let mut d1 = Diagnostics::new(Path::new(""));
    let from_csv = episodes::load_csv(text.as_bytes(), &csv_path, Some("lyngtoften"), &mut d1);
    let mut d2 = Diagnostics::new(Path::new(""));
    let (at, from_xlsx) = load_xlsx(&xlsx, Some("lyngtoften"), &mut d2);
    assert!(d1.items.is_empty() && d2.items.is_empty(), "{:?}", d2.items);
    assert!(at.to_string_lossy().ends_with("episodes.xlsx:Ark1"));
    assert_eq!(from_xlsx.len(), from_csv.len());
    assert!(from_csv.len() > 100);
    // Field for field, the place too (one row a line: no line breaks in
    // the descriptions of this file).
    assert_eq!(from_xlsx, from_csv);
}

#[test]
fn text_dates_in_the_fixed_format_read_too_and_errors_name_the_cell() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let xlsx = tmp.path().join("e.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Indberetninger").expect("name");
    for (c, h) in CSV_HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    let row1 = [
        "E1",
        "a",
        "B1",
        "15",
        "2017-03-04T18:20",
        "",
        "fastholdelse",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Uro",
    ];
    let row2 = [
        "E2",
        "a",
        "B2",
        "alder",
        "2017-03-04T18:20",
        "",
        "slag",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    for (r, row) in [row1, row2].iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, *v)
                .expect("write");
        }
    }
    sheet.write_string(2, 18, "til højre").expect("write");
    book.save(&xlsx).expect("save");
    let mut d = Diagnostics::new(tmp.path());
    let (_, eps) = load_xlsx(&xlsx, None, &mut d);
    assert_eq!(eps.len(), 1);
    assert_eq!(eps[0].start.to_string(), "2017-03-04 18:20:00");
    let shown: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
    assert_eq!(
        shown,
        [
            "e.xlsx:Indberetninger!S3: error: cellen ligger til højre for de 17 kolonner i \
          overskriftsrækken; flyt eller slet den"
        ],
    );
    // Without the stray cell, the row's own errors at their cells.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in CSV_HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in row2.iter().enumerate() {
        sheet.write_string(1, c as u16, *v).expect("write");
    }
    book.save(&xlsx).expect("save");
    let mut d = Diagnostics::new(tmp.path());
    let (_, eps) = load_xlsx(&xlsx, None, &mut d);
    assert!(eps.is_empty());
    let shown: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("e.xlsx:Sheet1!D2: error: 'age'"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("e.xlsx:Sheet1!G2: error: ukendt type"),
        "{shown:?}"
    );
}

#[test]
fn not_a_workbook_and_a_wrong_header_are_clear_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fake = tmp.path().join("e.xlsx");
    std::fs::write(&fake, "id,child\n").expect("write");
    let mut d = Diagnostics::new(tmp.path());
    let (_, eps) = load_xlsx(&fake, None, &mut d);
    assert!(eps.is_empty());
    let shown: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
    assert_eq!(shown.len(), 1);
    assert!(
        shown[0].contains("kan ikke læses som en Excel-projektmappe"),
        "{shown:?}"
    );

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "id").expect("write");
    sheet.write_string(0, 1, "child").expect("write");
    book.save(&fake).expect("save");
    let mut d = Diagnostics::new(tmp.path());
    load_xlsx(&fake, None, &mut d);
    let shown: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
    assert_eq!(shown.len(), 1);
    assert!(
        shown[0].starts_with("e.xlsx:Sheet1!A1: error: forkert overskriftsrække"),
        "{shown:?}"
    );
}

#[test]
fn a_case_folders_workbook_is_loaded_checked_and_scanned_like_its_csv() {
    let tmp = support::inputs_copy();
    let case = tmp.path().join("cases/lyngtoften");
    let csv_text = std::fs::read_to_string(case.join("episodes.csv")).expect("csv");
    let before = load_audit(tmp.path());
    let before_check = check(tmp.path());
    // A CPR number in a description: the CSV's scan finds it, so must the workbook's.
    let (header, rows) = csv_text.split_once('\n').expect("rows");
    let (first, rest) = rows.split_once('\n').expect("two rows");
    let first = format!("{first} 010203-1234");
    csv_to_xlsx(
        &format!("{header}\n{first}\n{rest}"),
        &case.join("episodes.xlsx"),
    );
    std::fs::remove_file(case.join("episodes.csv")).expect("rm");

    let after = load_audit(tmp.path());
    let find = |a: &auditpanel::domain::model::Audit| {
        a.cases
            .iter()
            .find(|c| c.id == "lyngtoften")
            .expect("case")
            .clone()
    };
    let (b, a) = (find(&before), find(&after));
    assert_eq!(a.episodes.len(), b.episodes.len());
    assert_eq!(
        a.episodes_file
            .as_deref()
            .map(|f| f.to_string_lossy().replace('\\', "/")),
        Some(
            tmp.path()
                .join("cases/lyngtoften/episodes.xlsx:Ark1")
                .to_string_lossy()
                .replace('\\', "/")
        )
    );

    let after_check = check(tmp.path());
    let in_case = |o: &auditpanel::domain::check::CheckOutcome, rule: Option<&str>| {
        o.diagnostics
            .iter()
            .filter(|d| d.file.starts_with("cases/lyngtoften"))
            .filter(|d| rule.is_none_or(|r| d.rule == r))
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    // The same rule warnings, now at the rows of the sheet.
    let warnings = |o: &auditpanel::domain::check::CheckOutcome| {
        o.diagnostics
            .iter()
            .filter(|d| d.file.starts_with("cases/lyngtoften") && !d.is_error())
            .map(|d| (d.message.clone(), d.pos.line))
            .collect::<Vec<_>>()
    };
    assert_eq!(warnings(&after_check), warnings(&before_check));
    assert!(!warnings(&after_check).is_empty());
    let cpr = in_case(&after_check, Some("anonymity-cpr"));
    assert_eq!(cpr.len(), 1, "{:?}", after_check.diagnostics);
    assert!(!cpr[0].contains("1234"), "{cpr:?}");
    let shown: Vec<String> = after_check
        .diagnostics
        .iter()
        .filter(|d| d.rule == "anonymity-cpr")
        .map(|d| d.to_string())
        .collect();
    assert!(
        shown[0].starts_with("cases/lyngtoften/episodes.xlsx:Ark1!Q2: error:"),
        "{shown:?}"
    );
    assert_eq!(in_case(&before_check, Some("anonymity-cpr")).len(), 0);
}

#[test]
fn two_episode_files_in_one_case_are_an_error() {
    let tmp = support::inputs_copy();
    let case = tmp.path().join("cases/lyngtoften");
    let text = std::fs::read_to_string(case.join("episodes.csv")).expect("csv");
    csv_to_xlsx(&text, &case.join("episodes.xlsx"));
    let audit = load_audit(tmp.path());
    let msgs: Vec<String> = audit.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        msgs.iter().any(|m| m.contains(
            "sagen har både episodes.csv og episodes.xlsx; behold kun den ene"
        )),
        "{msgs:?}"
    );
}
