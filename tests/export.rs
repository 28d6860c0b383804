//! The export end to end on the example audit and its fictitious panel
//! session, on a copy made by `tests/support` (the committed inputs and
//! what the session generator writes there, never the working tree's
//! `panel/`, which the app changes): the committed report and panel files
//! are exactly what the code produces, every section of docs/domain.md §7
//! is there in order, tables are well formed, the magtprofil appendix
//! equals `auditpanel magtprofil --format json`, a CPR number stops the
//! export, the output is byte-identical run to run, and pandoc accepts it.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use auditpanel::domain::export::{self, ExportError};
use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{Change, OpenOptions, PanelStore};

const REGENERATE: &str = "cargo run --example make_panel_session && cargo run --release -- \
     export -o docs/example-report.md && cargo run --release -- export --format docx -o \
     docs/example-report.docx";

mod support;

use support::{auditpanel, panel_files, succeeded};

/// The example audit with the generated session (shared: read only).
fn root() -> PathBuf {
    support::generated_example().to_path_buf()
}

/// The example's markdown, as `auditpanel export` prints it.
fn exported() -> String {
    succeeded(&auditpanel(&["export", root().to_str().expect("path")]))
}

/// A copy of the example audit with the generated session, to change.
fn example_copy() -> tempfile::TempDir {
    support::example_copy()
}

/// The first line where two texts differ, for a short hint.
fn first_difference(a: &str, b: &str) -> String {
    let (al, bl): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    for i in 0..al.len().max(bl.len()) {
        let (x, y) = (al.get(i), bl.get(i));
        if x != y {
            return format!(
                "line {}:\n  committed: {}\n  exported:  {}",
                i + 1,
                x.unwrap_or(&"<end>"),
                y.unwrap_or(&"<end>")
            );
        }
    }
    "only the line endings differ".into()
}

#[test]
fn the_committed_report_is_what_export_produces() {
    let committed = fs::read_to_string(support::repo().join("docs/example-report.md"))
        .expect("docs/example-report.md is committed");
    let tmp = example_copy();
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("example-report.md");
    let o = auditpanel(&[
        "export",
        tmp.path().to_str().expect("path"),
        "-o",
        path.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fresh = fs::read_to_string(&path).expect("written");
    assert!(
        committed == fresh,
        "docs/example-report.md is out of date; first difference at {}\nregenerate with: {REGENERATE}",
        first_difference(&committed, &fresh)
    );
    // Its pictures too, byte for byte.
    let dir = out.path().join("example-report-figurer");
    for entry in fs::read_dir(&dir).expect("the pictures' folder") {
        let name = entry.expect("entry").file_name();
        let committed = fs::read(
            support::repo()
                .join("docs/example-report-figurer")
                .join(&name),
        )
        .unwrap_or_default();
        assert!(
            committed == fs::read(dir.join(&name)).expect("svg"),
            "docs/example-report-figurer/{} is out of date; regenerate with: {REGENERATE}",
            name.to_string_lossy()
        );
    }
}

/// `export -o` writes the Bilag's pictures beside the report and refers to
/// them with Danish alt text; twice in a row gives identical bytes.
#[test]
fn the_report_pictures_are_svg_beside_it_and_deterministic() {
    let run = || {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("rapport.md");
        let o = auditpanel(&[
            "export",
            root().to_str().expect("path"),
            "-o",
            path.to_str().expect("path"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(tmp.path().join("rapport-figurer"))
            .expect("rapport-figurer/")
            .map(|e| {
                let e = e.expect("entry");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read(e.path()).expect("svg"),
                )
            })
            .collect();
        files.sort();
        (fs::read_to_string(&path).expect("md"), files)
    };
    let (md, files) = run();
    assert_eq!(run(), (md.clone(), files.clone()), "identical bytes twice");
    // The funnel plot and one control chart per institution (8 with places).
    assert_eq!(files.len(), 9);
    assert!(files.iter().any(|(n, _)| n == "tragtplot.svg"));
    for (name, svg) in &files {
        let svg = String::from_utf8(svg.clone()).expect("utf-8");
        assert!(svg.starts_with("<svg"), "{name}");
        assert!(svg.contains("<text"), "{name}: text without font files");
        // Referenced from the report with Danish alt text.
        let reference = format!("](rapport-figurer/{name})");
        let line = md
            .lines()
            .find(|l| l.starts_with("![") && l.ends_with(&reference))
            .unwrap_or_else(|| panic!("{name} is not referenced"));
        assert!(
            line.starts_with("![Tragtplot over ") || line.starts_with("![Kontrolkort for "),
            "{line}"
        );
    }
    // The tables stay beside the pictures.
    let without = &md;
    assert!(without.contains("| Institution | Pladsår | Forventet |"));
}

/// The committed `panel/` (as git has it staged, not the working tree the
/// app writes to) is what the generator writes, so `cargo run` opens the
/// session the committed report describes.
#[test]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn the_committed_panel_session_is_what_the_generator_writes() {
    let repo = support::repo();
    let git_ok = Command::new("git")
        .args(["-C", repo.to_str().expect("path"), "rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !git_ok {
        assert!(
            !support::in_ci(),
            "CI=true, but the repository is not a git checkout (or git is missing), \
             so the committed panel/ cannot be read"
        );
        eprintln!("NOTICE: not a git checkout; the committed panel/ is not compared");
        return;
    }
    for rel in panel_files(root().as_path()) {
        let name = rel.to_str().expect("path").replace('\\', "/");
        let staged = Command::new("git")
            .args([
                "-C",
                repo.to_str().expect("path"),
                "show",
                &format!(":{name}"),
            ])
            .output()
            .expect("git runs");
        assert!(
            staged.status.success(),
            "{name} is not committed: {}",
            String::from_utf8_lossy(&staged.stderr)
        );
        let staged = String::from_utf8(staged.stdout).expect("utf-8");
        let fresh = fs::read_to_string(root().join(&rel)).expect("generated");
        assert!(
            fresh == staged,
            "{name} (in git) differs from the generator; regenerate with `cargo run --example \
             make_panel_session` and then `{REGENERATE}`, and git add both",
        );
        assert!(
            staged.starts_with("# FIKTIVT EKSEMPEL"),
            "{name} must say it is fictitious"
        );
    }
}

/// The proof that pressing keys in the app on the repository's example
/// cannot break this file's tests: they all run again (in a child process)
/// on a stand-in repository with the committed inputs and report but a
/// `panel/` the panel has scored in and then damaged, and still pass.
#[test]
fn the_export_tests_never_read_the_working_tree_panel() {
    if std::env::var_os(support::REPO_VAR).is_some() {
        return; // the child run itself
    }
    let stand_in = tempfile::tempdir().expect("tempdir");
    support::copy_inputs(stand_in.path());
    fs::create_dir_all(stand_in.path().join("docs")).expect("mkdir");
    fs::copy(
        support::repo().join("docs/example-report.md"),
        stand_in.path().join("docs/example-report.md"),
    )
    .expect("the committed report");
    fs::copy(
        support::repo().join("docs/example-report.docx"),
        stand_in.path().join("docs/example-report.docx"),
    )
    .expect("the committed Word report");
    support::copy_any(
        &support::repo().join("docs/example-report-figurer"),
        &stand_in.path().join("docs/example-report-figurer"),
    );
    // What pressing `4` and `3` leaves, and worse: a file no loader accepts.
    let scores = stand_in.path().join("panel/scores");
    fs::create_dir_all(&scores).expect("mkdir");
    fs::write(
        scores.join("nord.yaml"),
        "rater: nord\nrounds:\n- round: 1\n  scores:\n  - case: birkeskraenten\n    question: v1\n    value: 3\n",
    )
    .expect("nord.yaml");
    fs::write(stand_in.path().join("panel/topics.yaml"), "topics: [\n").expect("topics");
    let out = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--skip",
            "the_export_tests_never_read_the_working_tree_panel",
            // Reads git, which the stand-in is not; it reads no working tree.
            "--skip",
            "the_committed_panel_session_is_what_the_generator_writes",
        ])
        .env(support::REPO_VAR, stand_in.path())
        .env_remove("CI")
        .output()
        .expect("the tests run again");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "with a changed panel/ the export tests fail:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("test result: ok."), "{text}");
    assert!(!text.contains(" 0 passed"), "{text}");
}

#[test]
fn the_session_has_both_rounds_revealed_and_the_promised_content() {
    let audit = load_audit(&root());
    let (store, diags) = PanelStore::open_with(&root(), &audit, OpenOptions::read_only());
    assert!(diags.is_empty(), "{diags:?}");
    let data = store.data();
    assert_eq!(data.session.current_round, 2);
    assert!(data.session.is_revealed(1) && data.session.is_revealed(2));
    for round in [1, 2] {
        let rows = store.ratings(round);
        assert_eq!(rows.len(), 8 * 11 * 5);
        // "kan ikke vurderes" (None) in a few cells only.
        let missing = rows.iter().filter(|r| r.3.is_none()).count();
        assert_eq!(missing, if round == 1 { 3 } else { 2 }, "round {round}");
    }
    let prioritised: Vec<&str> = store.prioritised().map(|t| t.id.as_str()).collect();
    assert_eq!(
        prioritised,
        ["magtanvendelser", "sanktioner", "maalgrupper_metoder"]
    );
    let dissents: usize = store
        .prioritised()
        .flat_map(|t| &t.consensus)
        .filter(|c| !c.dissent.is_empty())
        .count();
    assert_eq!(dissents, 1);
    let c = store.conclusions();
    assert_eq!(c.verdicts.len(), 2);
    assert_eq!(c.guidance.len(), 6);
    assert_eq!(c.followup.len(), 5);
    assert!(c.guidance.iter().all(|g| {
        g.guidance
            .starts_with("Det er Socialstyrelsens faglige vejledning, at ")
    }));
}

// ------------------------------------------------------------ structure

/// (level, text) of every ATX heading.
fn headings(md: &str) -> Vec<(usize, String)> {
    md.lines()
        .filter_map(|l| {
            let level = l.chars().take_while(|c| *c == '#').count();
            (level > 0 && l[level..].starts_with(' ')).then(|| (level, l[level + 1..].to_string()))
        })
        .collect()
}

/// The cells of a table row, split on `|` that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        if c == '|' && !escaped {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    out.into_iter()
        .map(|s| s.trim().replace("\\|", "|"))
        .collect()
}

/// Every table: its header cells and rows (separator line left out), with
/// the heading it stands under.
fn tables(md: &str) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.starts_with('#') {
            heading = l.trim_start_matches('#').trim().to_string();
        }
        if l.starts_with('|') {
            let header = cells(l);
            let mut rows = Vec::new();
            i += 2;
            while i < lines.len() && lines[i].starts_with('|') {
                rows.push(cells(lines[i]));
                i += 1;
            }
            out.push((heading.clone(), header, rows));
            continue;
        }
        i += 1;
    }
    out
}

#[test]
fn every_section_of_domain_7_is_there_in_order() {
    let md = exported();
    let h = headings(&md);
    assert_eq!(h[0].0, 1);
    assert!(h[0].1.starts_with("Auditrapport 18.1 – "), "{:?}", h[0]);
    assert!(
        md.contains("*Fiktivt eksempel:"),
        "the example says it is fictitious"
    );
    let expected: &[(usize, &str)] = &[
        (2, "Sammenfatning"),
        (2, "Indledning"),
        (3, "Baggrund for valg af tema"),
        (3, "De sikrede institutioner for børn og unge"),
        (3, "Deltagere"),
        (3, "Auditmetode"),
        (2, "Audit 18.1"),
        (3, "Arbejdshypoteser, vurderingsskema og baggrundsmateriale"),
        (3, "Særlige fokusområder"),
        (2, "Auditpanelets drøftelser"),
        (3, "Magtanvendelser"),
        (3, "Institutionernes brug af sanktioner"),
        (3, "Målgrupper og metoder"),
        (2, "Vurdering af de opstillede arbejdshypoteser"),
        (3, "Arbejdshypotese 1 (H1)"),
        (3, "Arbejdshypotese 2 (H2)"),
        (2, "Faglig vejledning på baggrund af auditeringen"),
        (2, "Opfølgningsplan for den faglige vejledning"),
        (2, "Bilag"),
        (3, "Magtprofil pr. institution"),
        (3, "Magtprofil på tværs af institutionerne"),
        (3, "Scorematrix"),
        (3, "Enighed"),
        (3, "Kalibrering"),
    ];
    // The expected headings appear in this order (others may stand between).
    let mut at = 0;
    for (level, text) in expected {
        let found = h[at..]
            .iter()
            .position(|(l, t)| l == level && t == text)
            .unwrap_or_else(|| panic!("missing or out of order: {level} {text}"));
        at += found + 1;
    }
    // Each top-level section exactly once, in order.
    let h2: Vec<&str> = h
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "Sammenfatning",
            "Indledning",
            "Audit 18.1",
            "Auditpanelets drøftelser",
            "Vurdering af de opstillede arbejdshypoteser",
            "Faglig vejledning på baggrund af auditeringen",
            "Opfølgningsplan for den faglige vejledning",
            "Bilag"
        ]
    );
    // Six guidance items, each with its sentence as a bullet.
    assert_eq!(
        md.matches("\n- Det er Socialstyrelsens faglige vejledning, at ")
            .count(),
        6
    );
    // No heading skips a level.
    for w in h.windows(2) {
        assert!(w[1].0 <= w[0].0 + 1, "{:?} after {:?}", w[1], w[0]);
    }
    // Consensus as bullets, the dissent named.
    assert!(md.contains(
        "- Der var enighed om, at alle fem tilsyn bør lave en magtprofil for hver \
         institution forud for hvert tilsynsbesøg. (Ikke enig: Socialtilsyn Nord.)\n"
    ));
}

#[test]
fn every_table_row_has_the_header_s_number_of_columns() {
    let md = exported();
    let t = tables(&md);
    assert!(t.len() >= 10, "{} tables", t.len());
    for (heading, header, rows) in &t {
        assert!(!rows.is_empty(), "empty table under {heading}");
        for r in rows {
            assert_eq!(
                r.len(),
                header.len(),
                "under {heading}: {r:?} vs {header:?}"
            );
        }
    }
    // Separator lines have as many columns as headers.
    let lines: Vec<&str> = md.lines().collect();
    for w in lines.windows(2) {
        if w[0].starts_with('|') && w[1].starts_with("| ---") {
            assert_eq!(cells(w[0]).len(), cells(w[1]).len(), "{}", w[0]);
        }
    }
    // The institutions, the follow-up plan and the score matrix.
    let find = |h: &str| t.iter().find(|(x, ..)| x == h).expect(h);
    let (_, header, rows) = find("De sikrede institutioner for børn og unge");
    assert_eq!(
        header[..4],
        [
            "Institution",
            "Type",
            "Driftsherre",
            "Ansvarligt socialtilsyn"
        ]
    );
    assert_eq!(rows.len(), 8);
    let (_, header, rows) = find("Opfølgningsplan for den faglige vejledning");
    assert_eq!(header, &["Tiltag", "Ansvarlig", "Frist", "Status"]);
    assert_eq!(rows.len(), 5);
    let score_tables: Vec<_> = t
        .iter()
        .filter(|(_, h, _)| h.first().map(String::as_str) == Some("Spørgsmål"))
        .collect();
    assert_eq!(score_tables.len(), 8);
    for (_, header, rows) in score_tables {
        assert_eq!(
            header,
            &["Spørgsmål", "Nord", "Midt", "Syd", "Øst", "Hovedstaden"]
        );
        assert_eq!(rows.len(), 11);
        for r in rows {
            for c in &r[1..] {
                assert!(c.split(" / ").count() == 2, "a cell shows both rounds: {c}");
            }
        }
    }
}

// ------------------------------------------------------------ magtprofil

#[test]
fn the_magtprofil_appendix_equals_the_magtprofil_command() {
    let json = succeeded(&auditpanel(&[
        "magtprofil",
        root().to_str().expect("path"),
        "--format",
        "json",
    ]));
    let profiles: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert_eq!(profiles.len(), 8);
    let md = exported();
    let t = tables(&md);
    let rate = |v: &serde_json::Value| match v.as_f64() {
        Some(f) => format!("{f:.2}").replace('.', ","),
        None => "–".into(),
    };
    let int = |v: &serde_json::Value| v.as_u64().map_or("–".into(), |n| n.to_string());
    // Per institution: the key figures under its heading.
    for p in &profiles {
        let name = p["name"].as_str().expect("name");
        let (_, _, rows) = t
            .iter()
            .find(|(h, header, _)| h == name && header[0] == "Nøgletal")
            .unwrap_or_else(|| panic!("no key figures for {name}"));
        let value = |label: &str| {
            rows.iter()
                .find(|r| r[0] == label)
                .unwrap_or_else(|| panic!("{name}: no row {label}"))[1]
                .clone()
        };
        for (label, field) in [
            ("Magtanvendelser", "episodes"),
            ("Børn", "children"),
            ("Pladser", "places"),
            ("Flest magtanvendelser for ét barn", "max_per_child"),
            (
                "Børn med mere end én på en måned",
                "children_over_one_in_a_month",
            ),
            ("Over 3 minutter", "over_3_min"),
            ("Ukendt varighed", "unknown_duration"),
            ("Rang efter antal", "rank_by_count"),
            ("Rang efter forholdstal", "rank_by_rate"),
            ("Uden registreringstidspunkt", "unknown_registration"),
            ("Ukendt om andre børn så det", "unknown_witnesses"),
            ("Registreret senere end 24 timer", "late_registration"),
            ("Uden barnets udtalelse", "missing_child_statement"),
            ("Forældre ikke underrettet", "parents_not_told"),
            ("Set af andre børn", "witnessed"),
            ("Medarbejdere med to eller flere", "staff_two_or_more"),
            ("Måneder uden magtanvendelser", "months_without_episodes"),
            ("I ferieperioder", "holiday"),
            ("Uden for ferieperioder", "non_holiday"),
        ] {
            assert_eq!(value(label), int(&p[field]), "{name}: {label}");
        }
        assert_eq!(
            value("Magtanvendelser pr. plads pr. år"),
            rate(&p["rate_per_place"])
        );
        assert_eq!(
            value("Magtanvendelser pr. 1.000 belægningsdøgn"),
            rate(&p["rate_per_1000_bed_days"])
        );
    }
    // Across: one row per institution with counts, rates and ranks.
    let (_, header, rows) = t
        .iter()
        .find(|(h, ..)| h == "Magtprofil på tværs af institutionerne")
        .expect("comparison table");
    assert_eq!(header, &export::report::COMPARISON_HEADER.map(String::from));
    assert_eq!(rows.len(), 8);
    let mut by_count: Vec<(&str, u64)> = profiles
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap_or(""),
                p["episodes"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for p in &profiles {
        let name = p["name"].as_str().expect("name");
        let row = rows.iter().find(|r| r[0] == name).expect(name);
        assert_eq!(row[2], int(&p["places"]), "{name}");
        assert_eq!(row[3], int(&p["episodes"]), "{name}");
        assert_eq!(row[4], rate(&p["rate_per_place"]), "{name}");
        assert_eq!(row[5], rate(&p["rate_per_1000_bed_days"]), "{name}");
        let rank = by_count
            .iter()
            .position(|(id, _)| Some(*id) == p["id"].as_str())
            .map(|i| (i + 1).to_string());
        assert_eq!(Some(row[6].clone()), rank, "{name}");
        assert_eq!(row[6], int(&p["rank_by_count"]), "{name}");
        assert_eq!(row[7], int(&p["rank_by_rate"]), "{name}");
        assert_eq!(row[8], int(&p["holiday"]), "{name}");
        assert_eq!(row[9], int(&p["non_holiday"]), "{name}");
    }
    // The range of counts of the example: 28 to 254.
    let counts: Vec<u64> = profiles
        .iter()
        .filter_map(|p| p["episodes"].as_u64())
        .collect();
    assert_eq!(counts.iter().min(), Some(&28));
    assert_eq!(counts.iter().max(), Some(&254));
}

// ------------------------------------------------------------ anonymity

#[test]
fn an_export_with_a_cpr_number_is_refused_and_nothing_is_written() {
    let tmp = example_copy();
    let audit = load_audit(tmp.path());
    {
        let (mut store, diags) = PanelStore::open(tmp.path(), &audit);
        assert!(diags.is_empty(), "{diags:?}");
        store
            .apply(Change::AddConsensus {
                topic: "sanktioner".into(),
                text: "Der var enighed om, at sagen om den unge med CPR 010203-1234 skal \
                       drøftes igen."
                    .into(),
                dissent: vec![],
            })
            .expect("added");
    }
    let out_file = tmp.path().join("rapport.md");
    let out = auditpanel(&[
        "export",
        tmp.path().to_str().expect("path"),
        "-o",
        out_file.to_str().expect("path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A refusal by the anonymity gate is exit 1 (2 is "could not run").
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("01****-****"), "{stderr}");
    assert!(
        !stderr.contains("010203-1234"),
        "the value is never echoed: {stderr}"
    );
    assert!(stderr.contains("CPR-nummer"), "{stderr}");
    assert!(!out_file.exists(), "nothing was written");
    // Nor as Word.
    let docx = tmp.path().join("rapport.docx");
    let out = auditpanel(&[
        "export",
        tmp.path().to_str().expect("path"),
        "--format",
        "docx",
        "-o",
        docx.to_str().expect("path"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A refusal by the anonymity gate is exit 1 (2 is "could not run").
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("01****-****"), "{stderr}");
    assert!(!docx.exists(), "no Word file was written");
    // Nothing on standard output either.
    let out = auditpanel(&["export", tmp.path().to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());

    // The domain function names the place in the report.
    let audit = load_audit(tmp.path());
    let (store, _) = PanelStore::open_with(tmp.path(), &audit, OpenOptions::read_only());
    let err = export::report(&audit, store.data()).expect_err("refused");
    let ExportError::Identifying { pos, masked, .. } = &err;
    let md = export::markdown::render(&export::render(
        &audit,
        store.data(),
        &export::figures::compute(&audit, store.data()),
    ));
    let line = md
        .lines()
        .nth(pos.line as usize - 1)
        .expect("the line exists");
    let col = pos.column as usize - 1;
    let at: String = line.chars().skip(col).take(11).collect();
    assert_eq!(at, "010203-1234", "line {} column {}", pos.line, pos.column);
    assert_eq!(masked, "01****-****");
}

// ------------------------------------------------------------ determinism, pandoc, csv

#[test]
fn two_exports_are_byte_identical() {
    let a = exported();
    let b = exported();
    assert_eq!(a, b);
    let audit = load_audit(&root());
    let (store, _) = PanelStore::open_with(&root(), &audit, OpenOptions::read_only());
    let c = export::report(&audit, store.data()).expect("clean");
    assert_eq!(a, c, "the binary and the domain function agree");
    assert!(
        a.ends_with('\n') && !a.ends_with("\n\n"),
        "one newline at the end"
    );
    assert!(!a.contains("\n\n\n"), "one blank line between blocks");
}

#[test]
fn export_writes_the_file_atomically_and_says_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("ny/rapport.md");
    let o = auditpanel(&[
        "export",
        root().to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    // The file is the printed report with the pictures' references added.
    let written = fs::read_to_string(&out).expect("written");
    let without_pictures: String = written
        .split("\n\n")
        .filter(|block| !block.starts_with("!["))
        .collect::<Vec<_>>()
        .join("\n\n");
    assert_eq!(without_pictures, exported());
    let mut names: Vec<_> = fs::read_dir(out.parent().expect("dir"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["rapport-figurer", "rapport.md"],
        "no temporary file left behind"
    );
    let pictures = fs::read_dir(out.parent().expect("dir").join("rapport-figurer"))
        .expect("pictures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    assert!(
        pictures.iter().all(|n| n.ends_with(".svg")),
        "no temporary file left behind: {pictures:?}"
    );
}

#[test]
fn pandoc_accepts_the_report_without_warnings() {
    if !support::tool("pandoc", "--version") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let html = tmp.path().join("r.html");
    let out = Command::new("pandoc")
        .args(["--fail-if-warnings", "-f", "gfm", "-t", "html", "-o"])
        .arg(&html)
        .arg(support::repo().join("docs/example-report.md"))
        .output()
        .expect("pandoc runs");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "pandoc: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = fs::read_to_string(html).expect("html");
    assert_eq!(html.matches("<table>").count(), tables(&exported()).len());
}

#[test]
fn csv_export_writes_the_scores_of_both_rounds() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("csv");
    let o = auditpanel(&[
        "export",
        root().to_str().expect("path"),
        "--format",
        "csv",
        "-o",
        dir.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(dir.join("scores.csv")).expect("scores.csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("case,question,rater,round,value,comment")
    );
    assert_eq!(text.lines().count(), 1 + 2 * 8 * 11 * 5);
    assert!(text.contains(
        "\nkanalhuset,v3,nord,1,kan ikke vurderes,\"Rapporten nævner ikke isolation, og \
         magtprofilen var ikke vedlagt.\"\n"
    ));
    assert!(text.contains("\nbirkeskraenten,v1,nord,2,4,\n"));
    // magtprofil.csv is exactly what `auditpanel magtprofil --format csv` writes.
    let magtprofil = fs::read_to_string(dir.join("magtprofil.csv")).expect("magtprofil.csv");
    let cli = succeeded(&auditpanel(&[
        "magtprofil",
        root().to_str().expect("path"),
        "--format",
        "csv",
    ]));
    assert_eq!(magtprofil, cli);
    assert_eq!(magtprofil.lines().count(), 1 + 8);
}

#[test]
fn the_agreement_figures_equal_the_agreement_command() {
    let md = exported();
    let t = tables(&md);
    let dec = |v: &serde_json::Value| {
        v.as_f64()
            .map_or("–".into(), |f| format!("{f:.3}").replace('.', ","))
    };
    for (i, h) in ["H1", "H2"].iter().enumerate() {
        let (_, header, rows) = t
            .iter()
            .find(|(x, ..)| *x == format!("Arbejdshypotese {} ({h})", i + 1))
            .expect("the hypothesis' table");
        assert_eq!(header, &["Runde", "α", "95 % interval", "Fortolkning", "n"]);
        assert_eq!(rows.len(), 2, "both rounds");
        for (round, row) in [1, 2].iter().zip(rows) {
            let json = succeeded(&auditpanel(&[
                "agreement",
                root().to_str().expect("path"),
                "--round",
                &round.to_string(),
                "--format",
                "json",
            ]));
            let v: serde_json::Value = serde_json::from_str(&json).expect("json");
            let g = v["hypotheses"]
                .as_array()
                .and_then(|a| a.iter().find(|g| g["id"] == *h))
                .expect("hypothesis in json");
            assert_eq!(row[1], dec(&g["alpha"]), "{h} round {round}");
            assert_eq!(
                row[2],
                format!("{} – {}", dec(&g["ci"]["lower"]), dec(&g["ci"]["upper"])),
                "{h} round {round}"
            );
            assert_eq!(row[3], g["interpretation"].as_str().unwrap_or("?"));
            assert_eq!(row[4], g["pairable_values"].to_string());
        }
    }
    // The example's story: round 1 not reliable on H1; after the
    // discussion α = 0,822, but the BCa interval's lower limit 0,752 only
    // allows "foreløbig" (the label follows the lower limit).
    assert!(md.contains("| 1 (før drøftelsen) | 0,587 | 0,466 – 0,708 | ikke pålidelig | 238 |"));
    assert!(md.contains("| 2 (efter drøftelsen) | 0,822 | 0,752 – 0,885 | foreløbig | 238 |"));
}

#[test]
fn a_round_that_is_not_revealed_stays_out_of_the_report() {
    let tmp = example_copy();
    let audit = load_audit(tmp.path());
    {
        let (mut store, _) = PanelStore::open(tmp.path(), &audit);
        store
            .apply(Change::Conceal { round: 2 })
            .expect("concealed");
    }
    let (store, _) = PanelStore::open_with(tmp.path(), &audit, OpenOptions::read_only());
    let md = export::report(&audit, store.data()).expect("clean");
    assert!(md.contains("Runde 2 er ikke vist for panelet endnu og indgår ikke i rapporten."));
    assert!(
        md.contains("| v1 | 4 | 4 | 4 | 3 | 4 |"),
        "one round per cell"
    );
    assert!(!md.contains("efter drøftelsen) |"), "no round-2 figures");
    let csv = export::csv::scores_csv(&audit, store.data()).expect("csv");
    assert_eq!(csv.lines().count(), 1 + 8 * 11 * 5);
}

// ------------------------------------------------------------ what the panel did

/// The example with round 1 hidden and round 2 (the open round) only
/// partly scored: Nord, Midt and Syd scored 7 of the 8 cases, Øst 2,
/// Hovedstaden none; the last case was scored by nobody.
fn partly_scored_copy() -> tempfile::TempDir {
    let tmp = example_copy();
    let audit = load_audit(tmp.path());
    let (mut store, _) = PanelStore::open(tmp.path(), &audit);
    store
        .apply(Change::Conceal { round: 1 })
        .expect("concealed");
    for (ci, case) in audit.cases.iter().enumerate() {
        for t in &audit.config.tilsyn {
            let clear = ci == 7 || t.id == "hovedstaden" || (t.id == "oest" && ci >= 2);
            if !clear {
                continue;
            }
            for q in &audit.form.questions {
                store
                    .apply(Change::ClearScore {
                        round: 2,
                        rater: t.id.clone(),
                        case: case.id.clone(),
                        question: q.id.clone(),
                    })
                    .expect("cleared");
            }
        }
    }
    drop(store);
    tmp
}

/// The lower limit of an interval cell "0,512 – 0,701".
fn lower_limit(cell: &str) -> Option<f64> {
    let (lo, _) = cell.split_once(" – ")?;
    lo.replace(',', ".").parse().ok()
}

#[test]
fn a_partly_scored_panel_is_reported_as_it_is() {
    let tmp = partly_scored_copy();
    let md = succeeded(&auditpanel(&["export", tmp.path().to_str().expect("path")]));
    let coverage = "Runde 2: Nord, Midt og Syd scorede 7 af 8; Øst scorede 2 af 8; \
                    Hovedstaden ingen.";
    assert_eq!(md.matches(coverage).count(), 2, "summary and method: {md}");
    assert!(!md.contains("Hvert af de fem socialtilsyn scorede"), "{md}");
    // The unscored case in one line, and no table without a score.
    assert_eq!(
        md.matches("Ingen af socialtilsynene har scoret sagen.")
            .count(),
        1
    );
    for (_, header, rows) in tables(&md) {
        if header[0] == "Spørgsmål" {
            assert!(
                rows.iter().any(|r| r[1..].iter().any(|c| c != "–")),
                "an empty score table: {header:?}"
            );
        }
    }
    // Nothing is "pålidelig" whose interval's lower limit is below 0,800.
    let mut checked = 0;
    for (_, header, rows) in tables(&md) {
        let Some(label) = header.iter().position(|h| h.starts_with("Fortolkning")) else {
            continue;
        };
        let Some(interval) = header.iter().rposition(|h| h.contains("nterval")) else {
            continue;
        };
        for r in rows {
            if r[label] == "pålidelig" {
                let lo = lower_limit(&r[interval]).expect("an interval");
                assert!(lo >= 0.8, "pålidelig with lower limit {lo}: {r:?}");
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    for line in md.lines().filter(|l| l.contains(": pålidelig (α = ")) {
        let after = line.split(": pålidelig (α = ").nth(1).expect("after");
        let lo = after
            .split("interval ")
            .nth(1)
            .and_then(lower_limit)
            .expect("a lower limit");
        assert!(lo >= 0.8, "{line}");
    }
}

#[test]
fn the_report_names_neither_the_tool_nor_its_commands() {
    let md = exported();
    assert!(!md.to_lowercase().contains("auditpanel export"), "{md}");
    assert!(!md.contains("auditpanel "), "the tool is not named");
    for other in ["ikke understøttes", "uden belæg", "ikke belæg"] {
        assert!(!md.contains(other), "{other}");
    }
    assert!(md.contains("Auditmøde: 14. juni 2018\\\nRapportens dato: 28. september 2018\n"));
}

#[test]
fn line_breaks_in_the_panel_s_text_are_kept() {
    let tmp = example_copy();
    let audit = load_audit(tmp.path());
    {
        let (mut store, _) = PanelStore::open(tmp.path(), &audit);
        let topic = store.prioritised().next().expect("a topic").id.clone();
        store
            .apply(Change::SetDiscussion {
                id: topic,
                text: "Linje fem.\nLinje seks.\n\nNyt afsnit.".into(),
            })
            .expect("set");
    }
    let md = succeeded(&auditpanel(&["export", tmp.path().to_str().expect("path")]));
    assert!(
        md.contains("\n\nLinje fem.\\\nLinje seks.\n\nNyt afsnit.\n\n"),
        "{md}"
    );
}

#[test]
fn a_report_dated_before_its_meeting_is_an_error_with_its_place() {
    let tmp = example_copy();
    let path = tmp.path().join("audit.yaml");
    let text = fs::read_to_string(&path).expect("audit.yaml");
    let text = text.replace("report_date: 2018-09-28", "report_date: 2018-06-01");
    fs::write(&path, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.starts_with("report_date:"))
        .expect("the field")
        + 1;
    let audit = load_audit(tmp.path());
    let d = audit
        .diagnostics
        .iter()
        .find(|d| d.message.contains("report_date"))
        .expect("an error");
    assert_eq!((d.pos.line, d.pos.column), (line as u32, 1), "{d}");
    // A date that is not a date is refused with its place too.
    fs::write(
        &path,
        text.replace("report_date: 2018-06-01", "report_date: 28/9"),
    )
    .expect("w");
    let audit = load_audit(tmp.path());
    assert!(
        audit
            .diagnostics
            .iter()
            .any(|d| d.pos.line == line as u32 && d.file.ends_with("audit.yaml")),
        "{:?}",
        audit.diagnostics
    );
}

// ------------------------------------------------------------ Word

/// The files of a .docx.
fn unzip(bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut f = zip.by_name(name).expect(name);
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

/// (style id, text) of every paragraph with a heading or title style.
fn docx_headings(document: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in document.split("<w:p ").skip(1) {
        let p = p.split("</w:p>").next().unwrap_or("");
        let Some(style) = p
            .split("<w:pStyle w:val=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
        else {
            continue;
        };
        let text: String = p
            .split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .filter_map(|t| t.split("</w:t>").next())
            .collect();
        out.push((style.to_string(), text));
    }
    out
}

#[test]
fn the_docx_has_the_headings_of_auditrapport_18_1_tables_and_page_numbers() {
    let tmp = example_copy();
    let out = tmp.path().join("rapport.docx");
    let o = auditpanel(&[
        "export",
        tmp.path().to_str().expect("path"),
        "--format",
        "docx",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = fs::read(&out).expect("written");
    let document = unzip(&bytes, "word/document.xml");
    let h = docx_headings(&document);
    assert_eq!(h[0].0, "Title");
    assert!(h[0].1.starts_with("Auditrapport 18.1 – "), "{:?}", h[0]);
    // The headings of Auditrapport 18.1, in order, with Word's heading styles.
    let expected = [
        ("Heading1", "Indledning"),
        ("Heading2", "Baggrund for valg af tema"),
        ("Heading2", "De sikrede institutioner for børn og unge"),
        ("Heading2", "Deltagere"),
        ("Heading2", "Auditmetode"),
        ("Heading1", "Audit 18.1"),
        (
            "Heading2",
            "Arbejdshypoteser, vurderingsskema og baggrundsmateriale",
        ),
        ("Heading2", "Særlige fokusområder"),
        ("Heading1", "Auditpanelets drøftelser"),
        ("Heading2", "Magtanvendelser"),
        ("Heading2", "Institutionernes brug af sanktioner"),
        ("Heading2", "Målgrupper og metoder"),
        ("Heading1", "Vurdering af de opstillede arbejdshypoteser"),
        ("Heading1", "Faglig vejledning på baggrund af auditeringen"),
        ("Heading1", "Opfølgningsplan for den faglige vejledning"),
        ("Heading1", "Bilag"),
    ];
    let mut at = 0;
    for (style, text) in expected {
        let found = h[at..]
            .iter()
            .position(|(s, t)| s == style && t == text)
            .unwrap_or_else(|| panic!("missing or out of order: {style} {text}: {h:?}"));
        at += found + 1;
    }
    // The same headings as the markdown, one for one.
    let md = succeeded(&auditpanel(&["export", tmp.path().to_str().expect("path")]));
    let md_headings: Vec<String> = headings(&md).into_iter().map(|(_, t)| t).collect();
    let docx_texts: Vec<String> = h.iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(docx_texts, md_headings);
    // Tables, as many as the markdown has.
    assert_eq!(document.matches("<w:tbl>").count(), tables(&md).len());
    // The styles carry Danish names and outline levels.
    let styles = unzip(&bytes, "word/styles.xml");
    for (id, name) in [
        ("Heading1", "Overskrift 1"),
        ("Heading2", "Overskrift 2"),
        ("Heading3", "Overskrift 3"),
    ] {
        let at = styles
            .find(&format!("w:styleId=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        assert!(
            styles[at..].contains(&format!("<w:name w:val=\"{name}\" />")),
            "{id}"
        );
    }
    // The page number: a PAGE field in the footer.
    let footer = unzip(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{footer}"
    );
    assert!(footer.contains("Side "), "{footer}");
    // The committed example is exactly this file.
    let committed = fs::read(support::repo().join("docs/example-report.docx"))
        .expect("docs/example-report.docx is committed");
    assert!(
        committed == bytes,
        "docs/example-report.docx is out of date; regenerate with: {REGENERATE}"
    );
}

#[test]
fn docx_needs_a_file() {
    let o = auditpanel(&["export", root().to_str().expect("path"), "--format", "docx"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("angiv den med -o"));
    assert!(o.stdout.is_empty());
}
