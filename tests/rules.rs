//! Every episode rule at its boundaries, through `check` on a real audit
//! folder: the small `tests/fixtures/base` audit copied into a temporary
//! folder, its institution `alfa` given a kind and an `episodes.csv` of the
//! rows under test. Each finding is asserted as
//! `file:line:column rule-id paragraph`, exactly.

use std::fs;
use std::path::{Path, PathBuf};

use auditpanel::domain::check::check_audit;
use auditpanel::domain::episodes::CSV_HEADER;

mod support;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A lawful episode at every kind: a fastholdelse of 5 minutes (§ 9),
/// registered 2 h 40 later, sent the same day, parents told, the child's
/// statement attached, two staff, no other children.
const CLEAN: [(&str, &str); 17] = [
    ("id", "A1"),
    ("institution", "alfa"),
    ("child", "B1"),
    ("age", "15"),
    ("start", "2017-03-04T18:20"),
    ("end", "2017-03-04T18:25"),
    ("type", "fastholdelse"),
    ("legal_basis", "§ 9"),
    ("registered", "2017-03-04T21:00"),
    ("sent_municipality", "2017-03-04"),
    ("parents_told", "2017-03-04T22:00"),
    ("child_statement", "yes"),
    ("witnesses", "0"),
    ("staff", "P1;P2"),
    ("injury", ""),
    ("decided_by", ""),
    ("description", "Uro i fællesrum"),
];

/// The clean row with some fields changed.
fn row(changes: &[(&str, &str)]) -> String {
    CLEAN
        .iter()
        .map(|(name, value)| {
            let v = changes
                .iter()
                .find(|(n, _)| n == name)
                .map_or(*value, |(_, v)| *v);
            if v.contains(',') {
                format!("\"{v}\"")
            } else {
                v.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `check` on the base audit with `alfa` of `kind` holding these rows
/// (line 2 is the first), joined by `ending`: each finding as
/// "file:line:column rule paragraph".
fn findings_with(kind: &str, rows: &[String], ending: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    support::copy_any(&fixtures().join("base"), dir.path());
    let case = dir.path().join("cases/alfa/case.yaml");
    let text = fs::read_to_string(&case).unwrap();
    assert!(text.contains("kind: sikret"));
    fs::write(
        &case,
        text.replacen("kind: sikret", &format!("kind: {kind}"), 1),
    )
    .unwrap();
    let mut csv = CSV_HEADER.join(",");
    for r in rows {
        csv.push_str(ending);
        csv.push_str(r);
    }
    csv.push_str(ending);
    fs::write(dir.path().join("cases/alfa/episodes.csv"), csv).unwrap();
    check_audit(dir.path())
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.file.display(),
                d.pos.line,
                d.pos.column,
                d.rule,
                d.paragraph.unwrap_or("-")
            )
        })
        .collect()
}

fn findings(kind: &str, rows: &[String]) -> Vec<String> {
    findings_with(kind, rows, "\n")
}

/// The findings of one row at a kind.
fn one(kind: &str, changes: &[(&str, &str)]) -> Vec<String> {
    findings(kind, &[row(changes)])
}

const AT: &str = "cases/alfa/episodes.csv:2:1";

fn at(rule: &str, paragraph: &str) -> String {
    format!("{AT} {rule} {paragraph}")
}

const KINDS: [&str; 4] = ["sikret", "saerligt_sikret", "delvis_lukket", "aaben"];

#[test]
fn the_clean_row_is_clean_at_every_kind() {
    for kind in KINDS {
        assert_eq!(one(kind, &[]), Vec::<String>::new(), "{kind}");
    }
}

#[test]
fn end_before_start() {
    assert_eq!(
        one("sikret", &[("end", "2017-03-04T18:19")]),
        [at("end-before-start", "-")]
    );
    assert!(one("sikret", &[("end", "2017-03-04T18:20")]).is_empty());
}

#[test]
fn duration_over_24_hours_but_24_h_00_is_not() {
    let late_ok = [("registered", "2017-03-04T21:00")];
    assert!(one("sikret", &[("end", "2017-03-05T18:20"), late_ok[0]]).is_empty());
    assert_eq!(
        one("sikret", &[("end", "2017-03-05T18:21")]),
        [at("duration-over-24h", "95, 97")]
    );
}

#[test]
fn isolation_2_h_00_is_allowed_2_h_01_is_not() {
    let iso = |end: &str| {
        one(
            "sikret",
            &[
                ("type", "isolation"),
                ("legal_basis", "§ 14"),
                ("decided_by", "leder"),
                ("end", end),
            ],
        )
    };
    assert!(iso("2017-03-04T20:20").is_empty());
    assert_eq!(iso("2017-03-04T20:21"), [at("isolation-over-limit", "163")]);
    assert_eq!(iso(""), [at("isolation-end-unknown", "163")]);
}

#[test]
fn isolation_4_h_00_is_allowed_4_h_01_is_not_on_saerligt_sikret() {
    let iso = |end: &str| {
        one(
            "saerligt_sikret",
            &[
                ("type", "isolation"),
                ("decided_by", "stedfortræder"),
                ("legal_basis", ""),
                ("end", end),
            ],
        )
    };
    assert!(iso("2017-03-04T21:20").is_empty());
    assert_eq!(
        iso("2017-03-04T22:21"),
        [at("isolation-over-limit", "26, 163")]
    );
    assert_eq!(
        iso("2017-03-04T22:20"),
        Vec::<String>::new(),
        "exactly 4 h 00"
    );
    assert_eq!(iso(""), [at("isolation-end-unknown", "26, 163")]);
}

#[test]
fn isolation_across_the_autumn_switch_is_counted_in_real_time() {
    // 29 October 2017 01:30 → 03:30 on the clock is 3 real hours.
    let f = one(
        "sikret",
        &[
            ("type", "isolation"),
            ("legal_basis", "§ 14"),
            ("decided_by", "leder"),
            ("start", "2017-10-29T01:30"),
            ("end", "2017-10-29T03:30"),
            ("registered", "2017-10-29T05:00"),
            ("sent_municipality", "2017-10-29"),
            ("parents_told", "yes"),
        ],
    );
    assert_eq!(f, [at("isolation-over-limit", "163")]);
}

#[test]
fn isolation_only_at_sikret_and_decided_by_the_leader_at_every_kind() {
    let iso = [("type", "isolation"), ("legal_basis", "§ 14")];
    for kind in ["aaben", "delvis_lukket"] {
        assert_eq!(
            one(kind, &[iso[0], iso[1], ("decided_by", "leder")]),
            [at("isolation-not-allowed", "8, 162")],
            "{kind}"
        );
        assert_eq!(
            one(kind, &[iso[0], iso[1], ("decided_by", "pædagog")]),
            [
                at("isolation-not-allowed", "8, 162"),
                at("isolation-decider", "163")
            ],
            "{kind}"
        );
    }
    for kind in ["sikret", "saerligt_sikret"] {
        assert_eq!(
            one(kind, &[iso[0], iso[1]]),
            [at("isolation-decider", "163")],
            "{kind}"
        );
    }
}

/// A tilbageholdelse from 4 March 18:20, lasting until `end`.
fn tilbageholdelse(kind: &str, basis: &str, end: &str, decided_by: &str) -> Vec<String> {
    one(
        kind,
        &[
            ("type", "tilbageholdelse"),
            ("legal_basis", basis),
            ("end", end),
            ("decided_by", decided_by),
        ],
    )
}

#[test]
fn tilbageholdelse_12_five_days_but_not_a_minute_more() {
    for basis in ["§ 12", "§§ 11-12", ""] {
        assert!(
            tilbageholdelse("delvis_lukket", basis, "2017-03-09T18:20", "leder").is_empty(),
            "{basis}"
        );
        assert_eq!(
            tilbageholdelse("delvis_lukket", basis, "2017-03-09T18:21", "leder"),
            [at("tilbageholdelse-over-limit", "120")],
            "{basis}"
        );
    }
    assert_eq!(
        tilbageholdelse("delvis_lukket", "§ 12", "", "leder"),
        [at("tilbageholdelse-end-unknown", "120")]
    );
    assert_eq!(
        tilbageholdelse("delvis_lukket", "§ 12", "2017-03-05T18:20", ""),
        [at("tilbageholdelse-decider", "120")]
    );
}

#[test]
fn tilbageholdelse_12_across_the_spring_switch_is_real_days() {
    // 22 → 27 March 2017 12:00 on the clock is 5 days less an hour.
    let f = |end: &str| {
        one(
            "delvis_lukket",
            &[
                ("type", "tilbageholdelse"),
                ("legal_basis", "§ 12"),
                ("decided_by", "leder"),
                ("start", "2017-03-22T12:00"),
                ("end", end),
                ("registered", "2017-03-22T13:00"),
                ("sent_municipality", "2017-03-22"),
                ("parents_told", "yes"),
            ],
        )
    };
    assert!(f("2017-03-27T13:00").is_empty(), "exactly 5 real days");
    assert_eq!(
        f("2017-03-27T13:01"),
        [at("tilbageholdelse-over-limit", "120")]
    );
}

#[test]
fn tilbageholdelse_11_fourteen_days_at_an_open_institution() {
    assert!(tilbageholdelse("aaben", "§ 11", "2017-03-18T18:20", "").is_empty());
    assert_eq!(
        tilbageholdelse("aaben", "§ 11", "2017-03-18T18:21", ""),
        [at("tilbageholdelse-over-limit", "107, 110")]
    );
    assert_eq!(
        tilbageholdelse("aaben", "", "", ""),
        [at("tilbageholdelse-end-unknown", "107, 110")]
    );
    // Five days are lawful under § 11: no 24-hour or 5-day finding.
    assert!(tilbageholdelse("aaben", "§§ 11-12", "2017-03-09T18:21", "").is_empty());
}

#[test]
fn registration_missing_and_24_h_00_vs_24_h_01() {
    assert_eq!(
        one("sikret", &[("registered", "")]),
        [at("registration-missing", "209")]
    );
    assert!(
        one(
            "sikret",
            &[
                ("registered", "2017-03-05T18:20"),
                ("sent_municipality", "2017-03-05"),
                ("parents_told", "2017-03-05T19:00")
            ]
        )
        .is_empty()
    );
    assert_eq!(
        one(
            "sikret",
            &[
                ("registered", "2017-03-05T18:21"),
                ("sent_municipality", "2017-03-05"),
                ("parents_told", "2017-03-05T19:00")
            ]
        ),
        [at("late-registration", "209")]
    );
}

#[test]
fn late_registration_across_the_spring_switch_is_real_hours() {
    // 25 March 02:30 → 26 March 03:00 is 23½ real hours.
    let f = |registered: &str| {
        one(
            "sikret",
            &[
                ("start", "2017-03-25T02:30"),
                ("end", "2017-03-25T02:35"),
                ("registered", registered),
                ("sent_municipality", "2017-03-26"),
                ("parents_told", "yes"),
            ],
        )
    };
    assert!(f("2017-03-26T03:00").is_empty());
    assert!(f("2017-03-26T03:30").is_empty(), "exactly 24 real hours");
    assert_eq!(f("2017-03-26T03:31"), [at("late-registration", "209")]);
}

#[test]
fn municipality_within_24_hours_of_the_registration() {
    // Registered 4 March 21:00: the 5th is in time, the 6th is not.
    assert!(one("sikret", &[("sent_municipality", "2017-03-05")]).is_empty());
    assert_eq!(
        one("sikret", &[("sent_municipality", "2017-03-06")]),
        [at("municipality-late", "209")]
    );
    assert_eq!(
        one("sikret", &[("sent_municipality", "")]),
        [at("municipality-late", "209")]
    );
}

#[test]
fn every_provision_at_every_kind() {
    // (type, legal_basis, extra fields, findings at sikret, særligt sikret,
    // delvis lukket, åben), "" for none.
    let leder = ("decided_by", "leder");
    let none = ("injury", "");
    type Row<'a> = (&'a str, &'a str, (&'a str, &'a str), [&'a str; 4]);
    let table: [Row; 13] = [
        ("afvaergehjaelp", "§ 8", none, ["", "", "", ""]),
        ("fastholdelse", "§ 9", none, ["", "", "", ""]),
        (
            "fastholdelse",
            "§ 9, stk. 3",
            none,
            ["", "", "", "type-not-allowed 99"],
        ),
        (
            "foeren",
            "§9 stk 3",
            none,
            ["", "", "", "type-not-allowed 99"],
        ),
        ("tilbagefoerelse", "§ 10", none, ["", "", "", ""]),
        ("tilbageholdelse", "§ 11", none, ["", "", "", ""]),
        (
            "tilbageholdelse",
            "§ 12",
            leder,
            [
                "type-not-allowed 8",
                "type-not-allowed 8",
                "",
                "type-not-allowed 8",
            ],
        ),
        (
            "fastholdelse",
            "§ 13",
            none,
            [
                "type-not-allowed 121",
                "type-not-allowed 121",
                "",
                "type-not-allowed 121",
            ],
        ),
        (
            "isolation",
            "§ 14",
            leder,
            [
                "",
                "",
                "isolation-not-allowed 8, 162",
                "isolation-not-allowed 8, 162",
            ],
        ),
        ("undersoegelse", "§ 16", none, ["", "", "", ""]),
        ("undersoegelse", "§ 16, stk. 1", none, ["", "", "", ""]),
        (
            "undersoegelse",
            "§ 16, stk. 2",
            none,
            ["", "", "type-not-allowed 180", "type-not-allowed 180"],
        ),
        ("noedvaerge", "strfl. § 13", none, ["", "", "", ""]),
    ];
    for (t, basis, extra, want) in table {
        for (kind, w) in KINDS.iter().zip(want) {
            let got = one(kind, &[("type", t), ("legal_basis", basis), extra]);
            let want: Vec<String> = if w.is_empty() {
                vec![]
            } else {
                vec![format!("{AT} {w}")]
            };
            assert_eq!(got, want, "{t} {basis} at {kind}");
        }
    }
}

#[test]
fn nodvaerge_under_straffeloven_is_not_section_13_fastholdelse() {
    for basis in ["§ 13", "straffelovens § 13", "§ 13 i straffeloven"] {
        assert!(
            one("sikret", &[("type", "noedvaerge"), ("legal_basis", basis)]).is_empty(),
            "{basis}"
        );
    }
}

#[test]
fn legal_basis_unreadable_or_not_fitting_the_type() {
    assert_eq!(
        one("sikret", &[("legal_basis", "paragraf ni")]),
        [at("legal-basis-unreadable", "-")]
    );
    assert_eq!(
        one("sikret", &[("legal_basis", "§ 14")]),
        [at("legal-basis-mismatch", "8")]
    );
    // Read from legal_basis and the type: § 14 for a fastholdelse at an
    // open institution is both.
    assert_eq!(
        one("aaben", &[("legal_basis", "§ 14")]),
        [
            at("legal-basis-mismatch", "8"),
            at("type-not-allowed", "162")
        ]
    );
}

#[test]
fn child_statement_offered_or_not() {
    assert!(one("sikret", &[("child_statement", "later")]).is_empty());
    assert_eq!(
        one("sikret", &[("child_statement", "no")]),
        [at("child-statement", "210")]
    );
    assert_eq!(
        one("sikret", &[("child_statement", "")]),
        [at("child-statement-unknown", "210")]
    );
}

#[test]
fn parents_told_in_time_or_not_and_never_for_an_adult() {
    // Registered 4 March 21:00.
    assert!(one("sikret", &[("parents_told", "2017-03-05T21:00")]).is_empty());
    assert_eq!(
        one("sikret", &[("parents_told", "2017-03-05T21:01")]),
        [at("parents-told-late", "213")]
    );
    assert_eq!(
        one("sikret", &[("parents_told", "no")]),
        [at("parents-not-told", "213")]
    );
    assert_eq!(
        one("sikret", &[("parents_told", "")]),
        [at("parents-told-unknown", "213")]
    );
    for told in ["no", ""] {
        assert!(
            one("sikret", &[("parents_told", told), ("age", "18")]).is_empty(),
            "{told}"
        );
    }
}

#[test]
fn search_by_two_staff_without_other_children() {
    let s = |staff: &str, witnesses: &str| {
        one(
            "sikret",
            &[
                ("type", "undersoegelse"),
                ("legal_basis", "§ 16"),
                ("staff", staff),
                ("witnesses", witnesses),
            ],
        )
    };
    assert!(s("P1;P2", "0").is_empty());
    assert_eq!(s("P1", "0"), [at("search-conduct", "176, 178")]);
    assert_eq!(s("P1;P2", "1"), [at("search-conduct", "176, 178")]);
    assert_eq!(s("", "0"), [at("search-conduct-unknown", "176, 178")]);
    assert_eq!(s("P1;P2", ""), [at("search-conduct-unknown", "176, 178")]);
}

#[test]
fn age_scope() {
    assert!(one("saerligt_sikret", &[("age", "12")]).is_empty());
    assert_eq!(
        one("saerligt_sikret", &[("age", "11")]),
        [at("age-scope", "141")]
    );
    assert_eq!(
        one("saerligt_sikret", &[("age", "")]),
        [at("age-unknown", "141")]
    );
    let adult = |t: &str, basis: &str| {
        one(
            "aaben",
            &[
                ("type", t),
                ("legal_basis", basis),
                ("age", "18"),
                ("end", "2017-03-04T19:20"),
            ],
        )
    };
    assert_eq!(adult("tilbagefoerelse", "§ 10"), [at("age-scope", "130")]);
    assert_eq!(adult("tilbageholdelse", "§ 11"), [at("age-scope", "130")]);
    assert!(adult("fastholdelse", "§ 9").is_empty());
}

#[test]
fn windows_line_endings_keep_every_finding_on_its_own_episode() {
    let rows = [
        row(&[]),
        row(&[("id", "A2"), ("child_statement", "no")]),
        row(&[("id", "A3"), ("parents_told", "no")]),
    ];
    for ending in ["\r\n", "\n"] {
        assert_eq!(
            findings_with("sikret", &rows, ending),
            [
                "cases/alfa/episodes.csv:3:1 child-statement 210",
                "cases/alfa/episodes.csv:4:1 parents-not-told 213",
            ],
            "{ending:?}"
        );
    }
}

#[test]
fn tilbageholdelse_12_at_most_30_days_a_year_across_a_childs_episodes() {
    let period = |id: &str, child: &str, start: &str, end: &str| {
        row(&[
            ("id", id),
            ("child", child),
            ("type", "tilbageholdelse"),
            ("legal_basis", "§ 12"),
            ("decided_by", "leder"),
            ("start", start),
            ("end", end),
            ("registered", start),
            ("sent_municipality", &start[..10]),
            ("parents_told", "yes"),
        ])
    };
    // Six periods of exactly 5 days: 30 days, allowed.
    let mut rows: Vec<String> = (1..=6)
        .map(|m| {
            period(
                &format!("T{m}"),
                "B1",
                &format!("2017-{m:02}-10T10:00"),
                &format!("2017-{m:02}-15T10:00"),
            )
        })
        .collect();
    // Another child, and the next year, count on their own.
    rows.push(period("U1", "B2", "2017-07-01T10:00", "2017-07-01T11:00"));
    rows.push(period("U2", "B1", "2018-01-02T10:00", "2018-01-02T11:00"));
    assert!(findings("delvis_lukket", &rows).is_empty());
    // One started day more (an hour is a day) is the 31st.
    rows.push(period("T7", "B1", "2017-08-01T10:00", "2017-08-01T11:00"));
    rows.push(period("T8", "B1", "2017-09-01T10:00", "2017-09-01T11:00"));
    assert_eq!(
        findings("delvis_lukket", &rows),
        ["cases/alfa/episodes.csv:10:1 tilbageholdelse-30-days 120"]
    );
    // § 11 at an open institution has no yearly limit in the guidance.
    let open: Vec<String> = rows.iter().map(|r| r.replace("§ 12", "§ 11")).collect();
    assert!(findings("aaben", &open).is_empty());
}
