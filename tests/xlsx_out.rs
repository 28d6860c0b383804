//! Excel out: `magtprofil --format xlsx -o FILE` and `export --format xlsx
//! -o FILE` read back with the reader crate (calamine): Danish sheet names,
//! typed cells (numbers, dates, percentages with a `%` format), the header
//! row frozen (from the sheet's XML in the zip: calamine does not tell),
//! values equal to the JSON output; refused like every export.

mod support;

use support::{auditpanel, succeeded};

use std::io::Read as _;
use std::path::Path;

use auditpanel::domain::export::figures;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{Change, OpenOptions, PanelStore};
use calamine::{Data, Range, Reader, Xlsx, open_workbook};

fn sheets(path: &Path) -> Vec<(String, Range<Data>)> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook");
    book.worksheets()
}

fn unzip(path: &Path, name: &str) -> String {
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut f = zip.by_name(name).expect(name);
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

/// The column of a header cell in the first row.
fn column(range: &Range<Data>, header: &str) -> usize {
    range
        .rows()
        .next()
        .expect("a header row")
        .iter()
        .position(|c| c == &Data::String(header.to_string()))
        .unwrap_or_else(|| panic!("no column '{header}'"))
}

fn num(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number cell: {other:?}"),
    }
}

#[test]
fn the_magtprofil_workbook_has_typed_cells_equal_to_the_json() {
    let dir = support::generated_example();
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("magtprofil.xlsx");
    let d = dir.to_str().expect("path");
    let out = auditpanel(&[
        "magtprofil",
        d,
        "--format",
        "xlsx",
        "-o",
        file.to_str().expect("path"),
    ]);
    succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("skrev"));
    let json: serde_json::Value = serde_json::from_str(&succeeded(&auditpanel(&[
        "magtprofil",
        d,
        "--format",
        "json",
    ])))
    .expect("json");
    let profiles = json.as_array().expect("profiles");

    let book = sheets(&file);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Magtprofil", "Måneder", "Ugedage og timer", "Sammenligning"]
    );
    let m = &book[0].1;
    let rows: Vec<&[Data]> = m.rows().skip(1).collect();
    assert_eq!(rows.len(), profiles.len());
    let (c_id, c_from, c_eps, c_rate, c_change, c_share) = (
        column(m, "Institution"),
        column(m, "Fra"),
        column(m, "Episoder"),
        column(m, "Episoder pr. plads pr. år"),
        column(m, "Udvikling: ændring"),
        column(m, "Andel over 3 minutter"),
    );
    let mut changes = 0;
    for (row, p) in rows.iter().zip(profiles) {
        assert_eq!(
            row[c_id],
            Data::String(p["id"].as_str().expect("id").into())
        );
        assert_eq!(num(&row[c_eps]), p["episodes"].as_f64().expect("episodes"));
        let Data::DateTime(from) = &row[c_from] else {
            panic!("'Fra' is a date cell: {:?}", row[c_from]);
        };
        assert_eq!(
            from.as_datetime().expect("a date").date().to_string(),
            p["from"].as_str().expect("from")
        );
        match p["rate_per_place"].as_f64() {
            Some(r) => assert!((num(&row[c_rate]) - r).abs() < 1e-9),
            None => assert_eq!(row[c_rate], Data::Empty),
        }
        if let Some(pc) = p["trend"]["change_percent"].as_f64() {
            assert!((num(&row[c_change]) - pc / 100.0).abs() < 1e-12);
            changes += 1;
        }
        let share = p["over_3_min"].as_f64().expect("n") / p["episodes"].as_f64().expect("n");
        assert!((num(&row[c_share]) - share).abs() < 1e-12);
    }
    assert!(changes > 0, "the example has trends");
    // Percentages carry a % format; dates a date format; the header row
    // (and the id column) is frozen.
    let styles = unzip(&file, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0%""#), "{styles}");
    assert!(styles.contains(r#"formatCode="yyyy\-mm\-dd""#) || styles.contains("yyyy-mm-dd"));
    let sheet1 = unzip(&file, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains(r#"ySplit="1""#) && sheet1.contains(r#"state="frozen""#),
        "{sheet1}"
    );
    // The months sheet: one column per month of the period.
    let months = &book[1].1;
    let first = profiles[0]["by_month"].as_object().expect("months");
    let (month, count) = first.iter().next().expect("a month");
    let row = months.rows().nth(1).expect("a row");
    assert_eq!(num(&row[column(months, month)]), count.as_f64().expect("n"));
}

#[test]
fn the_export_workbook_has_the_scores_and_the_agreement() {
    let dir = support::generated_example();
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("tabeller.xlsx");
    succeeded(&auditpanel(&[
        "export",
        dir.to_str().expect("path"),
        "--format",
        "xlsx",
        "-o",
        file.to_str().expect("path"),
    ]));
    let book = sheets(&file);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Magtprofil",
            "Måneder",
            "Ugedage og timer",
            "Sammenligning",
            "Scorer",
            "Enighed"
        ]
    );
    let scores = &book[4].1;
    let c_score = column(scores, "Score");
    let numbers = scores
        .rows()
        .skip(1)
        .filter(|r| matches!(r[c_score], Data::Float(_)))
        .count();
    assert!(numbers > 100, "{numbers}");
    for r in scores.rows().skip(1) {
        match &r[c_score] {
            Data::Float(f) => assert!((1.0..=5.0).contains(f)),
            Data::String(s) => assert_eq!(s, "kan ikke vurderes"),
            Data::Empty => {}
            other => panic!("{other:?}"),
        }
    }
    // The overall alpha of each round is the figure the report computes.
    let audit = load_audit(dir);
    let (store, _) = PanelStore::open_with(dir, &audit, OpenOptions::read_only());
    let f = figures::compute(&audit, store.data());
    let agreement = &book[5].1;
    let (c_round, c_level, c_alpha, c_n) = (
        column(agreement, "Runde"),
        column(agreement, "Niveau"),
        column(agreement, "Alpha"),
        column(agreement, "Parbare værdier (n)"),
    );
    let overall: Vec<&[Data]> = agreement
        .rows()
        .filter(|r| r[c_level] == Data::String("samlet".into()))
        .collect();
    assert_eq!(overall.len(), f.agreement.len());
    for (row, round) in overall.iter().zip(&f.agreement) {
        assert_eq!(num(&row[c_round]), f64::from(round.round));
        assert_eq!(num(&row[c_alpha]), round.overall.alpha.expect("alpha"));
        assert_eq!(num(&row[c_n]), round.overall.values as f64);
    }
    for i in 1..=6 {
        let xml = unzip(&file, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(xml.contains(r#"state="frozen""#), "sheet {i}");
    }
}

#[test]
fn xlsx_needs_a_file_and_is_refused_like_every_export() {
    let out = auditpanel(&["export", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("angiv den med -o"));
    let out = auditpanel(&["magtprofil", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("angiv den med -o"));

    let tmp = support::example_copy();
    let audit = load_audit(tmp.path());
    {
        let (mut store, diags) = PanelStore::open(tmp.path(), &audit);
        assert!(diags.is_empty(), "{diags:?}");
        let round = store.data().session.current_round;
        store
            .apply(Change::SetComment {
                rater: "nord".into(),
                round,
                case: audit.cases[0].id.clone(),
                question: audit.form.questions[0].id.clone(),
                comment: "ring til den unge på 23 45 67 89".into(),
            })
            .expect("comment");
    }
    let file = tmp.path().join("tabeller.xlsx");
    let out = auditpanel(&[
        "export",
        tmp.path().to_str().expect("path"),
        "--format",
        "xlsx",
        "-o",
        file.to_str().expect("path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A refusal by the anonymity gate exits 1, like every export's.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "regnearket blev ikke skrevet: muligt telefonnummer (23 ** ** **) i cellen Scorer!F"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("45 67 89"), "{stderr}");
    assert!(!file.exists(), "nothing was written");
}
