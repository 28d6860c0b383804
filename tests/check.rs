//! `auditpanel check` on fixtures: one problem per fixture, each asserted as
//! the exact finding line (file, line, column, severity, message start).
//! Variants are the shared `tests/fixtures/base` audit copied into a
//! temporary folder with one file changed; the headline cases also live as
//! real folders (`tests/fixtures/cpr` …) that a person can check by hand.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use auditpanel::domain::check::check_audit;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The findings as printed lines.
fn lines(root: &Path) -> Vec<String> {
    check_audit(root).iter().map(|d| d.to_string()).collect()
}

/// The base audit copied into a temporary folder with edits applied: in
/// `file`, `from` replaced once by `to` (`from` must be there), or `to`
/// appended when `from` is empty (a new file when there is none).
fn variant_dir(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    support::copy_any(&fixtures().join("base"), dir.path());
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let mut text = fs::read_to_string(&path).unwrap_or_default();
        if from.is_empty() {
            text.push_str(to);
        } else {
            assert!(text.contains(from), "{file} has no {from:?}");
            text = text.replacen(from, to, 1);
        }
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, text).unwrap();
    }
    dir
}

/// The findings of the base audit with one file edited.
fn variant(file: &str, edits: &[(&str, &str)]) -> Vec<String> {
    let all: Vec<(&str, &str, &str)> = edits.iter().map(|(f, t)| (file, *f, *t)).collect();
    lines(variant_dir(&all).path())
}

/// Asserts the findings are exactly these, each given as the line's start.
#[track_caller]
fn assert_findings(got: &[String], want: &[&str]) {
    assert_eq!(got.len(), want.len(), "got {got:#?}");
    for (g, w) in got.iter().zip(want) {
        assert!(g.starts_with(w), "\n got: {g}\nwant: {w}…");
    }
}

const ROW: &str = "A1,alfa,B1,15,2017-03-04T18:20,2017-03-04T18:25,fastholdelse,§ 9,2017-03-04T21:00,2017-03-04,2017-03-04T22:00,yes,0,P1;P2,,,Uro i fællesrum";

/// The CSV's first episode row changed: `(from, to)` within that row.
fn row(from: &str, to: &str) -> Vec<String> {
    assert!(ROW.contains(from));
    variant(
        "cases/alfa/episodes.csv",
        &[(ROW, &ROW.replacen(from, to, 1))],
    )
}

#[test]
fn base_is_clean() {
    assert_eq!(lines(&fixtures().join("base")), Vec::<String>::new());
}

// ---------------------------------------------------------------- structure

#[test]
fn malformed_yaml_unclosed_quote() {
    assert_findings(
        &variant(
            "cases/alfa/case.yaml",
            &[("operator: Region Test", "operator: \"Region Test")],
        ),
        &["cases/alfa/case.yaml:5:1: error: YAML kan ikke læses: et citationstegn er ikke lukket"],
    );
}

#[test]
fn malformed_yaml_indentation() {
    assert_findings(
        &variant(
            "cases/alfa/case.yaml",
            &[("  announced: false", "   announced: false")],
        ),
        &[
            "cases/alfa/case.yaml:8:9: error: YAML kan ikke læses: uventet tekst her; tjek indrykningen",
        ],
    );
}

#[test]
fn malformed_csv_unclosed_quote() {
    assert_findings(
        &variant(
            "cases/alfa/episodes.csv",
            &[("Uro i fællesrum", "\"Uro i fællesrum")],
        ),
        &[
            "cases/alfa/episodes.csv:2:125: error: citationstegnet i feltet 'description' lukkes ikke",
        ],
    );
}

#[test]
fn malformed_csv_field_count() {
    assert_findings(
        &row(",Uro i fællesrum", ""),
        &[
            "cases/alfa/episodes.csv:2:1: error: linjen har 16 felter, men skal have 17; tjek kommaer og citationstegn",
        ],
    );
}

#[test]
fn malformed_csv_header() {
    assert_findings(
        &variant("cases/alfa/episodes.csv", &[("decided_by,", "decided,")]),
        &[
            "cases/alfa/episodes.csv:1:1: error: forkert overskriftslinje; den skal være præcis: id,institution,child,age,start,end,type,legal_basis,registered,sent_municipality,parents_told,child_statement,witnesses,staff,injury,decided_by,description",
        ],
    );
}

#[test]
fn csv_bad_field_value() {
    assert_findings(
        &row("fastholdelse", "slag"),
        &["cases/alfa/episodes.csv:2:49: error: ukendt type; brug en af: afvaergehjaelp,"],
    );
}

#[test]
fn unknown_field() {
    assert_findings(
        &variant(
            "cases/alfa/case.yaml",
            &[("places: 8", "places: 8\ncolour: red")],
        ),
        &[
            "cases/alfa/case.yaml:7:1: error: ukendt felt 'colour'; tilladte felter er: id, name, kind, operator, tilsyn, places, occupied_bed_days, targets, report",
        ],
    );
}

#[test]
fn missing_field() {
    assert_findings(
        &variant("cases/alfa/case.yaml", &[("operator: Region Test\n", "")]),
        &["cases/alfa/case.yaml:6:1: error: feltet 'operator' mangler; tilføj det"],
    );
}

#[test]
fn wrong_type() {
    assert_findings(
        &variant("cases/alfa/case.yaml", &[("places: 8", "places: mange")]),
        &["cases/alfa/case.yaml:6:9: error: forkert type her; forventede et helt tal"],
    );
}

#[test]
fn duplicate_key() {
    assert_findings(
        &variant(
            "cases/alfa/case.yaml",
            &[("places: 8", "places: 8\nname: Igen")],
        ),
        &[
            "cases/alfa/case.yaml:7:1: error: nøglen 'name' står to gange i samme afsnit; slet den ene",
        ],
    );
}

#[test]
fn duplicate_case_id() {
    let alfa = fs::read_to_string(fixtures().join("base/cases/alfa/case.yaml")).unwrap();
    assert_findings(
        &variant("cases/gamma/case.yaml", &[("", &alfa)]),
        &[
            "cases/gamma/case.yaml:1:5: error: id 'alfa' skal være det samme som mappens navn 'gamma'",
            "cases/gamma/case.yaml:1:5: error: sagen 'alfa' findes allerede (cases/alfa/case.yaml); hver institution skal have sit eget id",
        ],
    );
}

#[test]
fn duplicate_episode_id() {
    assert_findings(
        &row("A1,", "A2,"),
        &[
            "cases/alfa/episodes.csv:3:1: error: episode-id 'A2' er brugt før (cases/alfa/episodes.csv:2); hvert id skal være entydigt",
        ],
    );
}

#[test]
fn duplicate_question_id() {
    assert_findings(
        &variant("hypotheses/99.1.yaml", &[("id: Q2", "id: Q1")]),
        &["hypotheses/99.1.yaml:16:11: error: spørgsmålet 'Q1' står to gange; giv det et andet id"],
    );
}

#[test]
fn unknown_theme_reference() {
    assert_findings(
        &variant(
            "hypotheses/99.1.yaml",
            &[("    themes: [magt]", "    themes: [magi]")],
        ),
        &["hypotheses/99.1.yaml:5:14: error: ukendt tema 'magi'; det skal findes i themes/"],
    );
    assert_findings(
        &variant(
            "hypotheses/99.1.yaml",
            &[("quality_theme: trivsel", "quality_theme: magt")],
        ),
        &["hypotheses/99.1.yaml:15:22: error: 'magt' er ikke et kvalitetsmodel-tema i themes/"],
    );
}

#[test]
fn unknown_tilsyn_reference() {
    assert_findings(
        &variant("cases/alfa/case.yaml", &[("tilsyn: nord", "tilsyn: syd")]),
        &["cases/alfa/case.yaml:5:9: error: ukendt tilsyn 'syd'; brug et af: nord, oest"],
    );
}

#[test]
fn unknown_institution_reference_in_episodes() {
    assert_findings(
        &row("A1,alfa,", "A1,beta,"),
        &[
            "cases/alfa/episodes.csv:2:4: error: episoden hører til institutionen 'beta', men filen ligger under 'alfa'",
        ],
    );
}

#[test]
fn unknown_question_and_case_in_a_panel_score_file() {
    let scores = "rater: nord\nrounds:\n  - round: 1\n    scores:\n      - case: alfa\n        question: Q9\n        value: 3\n      - case: gamma\n        question: Q1\n        value: 3\n";
    let got = variant("panel/scores/nord.yaml", &[("", scores)]);
    assert_findings(
        &got,
        &[
            "panel/scores/nord.yaml:6:19: error: ukendt spørgsmål 'Q9'; det skal findes i vurderingsskemaet",
            "panel/scores/nord.yaml:8:15: error: ukendt sag 'gamma'; den skal findes i cases/",
        ],
    );
}

#[test]
fn panel_score_off_the_scale() {
    let scores = "rater: nord\nrounds:\n  - round: 1\n    scores:\n      - case: alfa\n        question: Q1\n        value: 6\n";
    let got = variant("panel/scores/nord.yaml", &[("", scores)]);
    assert_findings(
        &got,
        &["panel/scores/nord.yaml:7:16: error: værdien 6 ligger uden for skalaen 1–5; "],
    );
}

#[test]
fn load_audit_keeps_episodes_and_finds_the_same_duplicate_ids() {
    let dir = variant_dir(&[("cases/alfa/episodes.csv", "A1,", "A2,")]);
    let audit = auditpanel::domain::load::load_audit(dir.path());
    let d: Vec<String> = audit.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_findings(
        &d,
        &[
            "cases/alfa/episodes.csv:3:1: error: episode-id 'A2' er brugt før (cases/alfa/episodes.csv:2)",
        ],
    );
    // Both A2 stay (the duplicate is reported, not dropped), plus beta's one.
    assert_eq!(audit.episode_count(), 3);
}

/// On a national audit the ids are checked in one bucket per core: a
/// duplicate across institutions and one within a file are still each
/// named once, against the first use, in folder and file order.
#[test]
fn duplicate_episode_ids_in_a_big_audit() {
    let dir = tempfile::tempdir().unwrap();
    auditpanel::domain::generate::write_large_audit(dir.path(), 3, 3, 120_000).unwrap();
    let file = |i: u32| dir.path().join(format!("cases/inst-000{i}/episodes.csv"));
    // The second institution's last row takes the first institution's
    // first id; its second row is written again at its end.
    let first = fs::read_to_string(file(1)).unwrap();
    let first_id = first
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let text = fs::read_to_string(file(2)).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    let last = rows[rows.len() - 1];
    let renamed = format!("{first_id}{}", &last[last.find(',').unwrap()..]);
    let mut out: Vec<String> = rows[..rows.len() - 1]
        .iter()
        .map(|r| r.to_string())
        .collect();
    out.push(renamed);
    out.push(rows[1].to_string());
    fs::write(file(2), out.join("\n") + "\n").unwrap();

    let audit = auditpanel::domain::load::load_audit(dir.path());
    let found: Vec<String> = audit
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("brugt før"))
        .map(|d| d.to_string())
        .collect();
    let second_id = rows[1].split(',').next().unwrap();
    assert_eq!(
        found,
        [
            format!(
                "cases/inst-0002/episodes.csv:{}:1: error: episode-id '{first_id}' er brugt før (cases/inst-0001/episodes.csv:2); hvert id skal være entydigt",
                rows.len()
            ),
            format!(
                "cases/inst-0002/episodes.csv:{}:1: error: episode-id '{second_id}' er brugt før (cases/inst-0002/episodes.csv:2); hvert id skal være entydigt",
                rows.len() + 1
            ),
        ],
        "{} findings in all",
        audit.diagnostics.len()
    );
}

#[test]
fn report_score_off_the_scale() {
    assert_findings(
        &variant("cases/alfa/case.yaml", &[("score: 4", "score: 6")]),
        &[
            "cases/alfa/case.yaml:13:14: error: scoren skal ligge fra 1 til 5 (kvalitetsmodellens skala)",
        ],
    );
}

// ---------------------------------------------------------------- anonymity

const CPR_MSG: &str =
    "error: muligt CPR-nummer (12****-****); fjern det – sager skal være anonymiserede";

#[test]
fn cpr_with_dash_in_a_report() {
    let got = lines(&fixtures().join("cpr"));
    assert_eq!(
        got,
        vec![format!("cases/alfa/case.yaml:10:51: {CPR_MSG}")],
        "the invalid date 310499-1234 (31 April) in episodes.csv is no finding"
    );
}

#[test]
fn cpr_without_dash_in_a_csv() {
    assert_findings(
        &row("Uro i fællesrum", "Uro 1203891234"),
        &[
            "cases/alfa/episodes.csv:2:129: error: muligt CPR-nummer (12********); fjern det – sager skal være anonymiserede",
        ],
    );
}

#[test]
fn not_a_cpr_with_an_invalid_date() {
    assert_findings(&row("Uro i fællesrum", "Uro 310499-1234"), &[]);
    assert_findings(&row("Uro i fællesrum", "Uro 3104991234"), &[]);
}

#[test]
fn phone_number() {
    assert_findings(
        &row("Uro i fællesrum", "Ring 23 45 67 89"),
        &[
            "cases/alfa/episodes.csv:2:130: error: muligt telefonnummer (23 ** ** **); fjern det – sager skal være anonymiserede",
        ],
    );
    assert_findings(
        &variant(
            "cases/beta/case.yaml",
            &[("Nogen trivsel.", "Ring +45 23456789.")],
        ),
        &["cases/beta/case.yaml:13:24: error: muligt telefonnummer (+4* ********); fjern det"],
    );
}

#[test]
fn email_address() {
    assert_findings(
        &variant(
            "themes/themes.yaml",
            &[("Brug af magt", "Brug af magt (anna@kommune.dk)")],
        ),
        &[
            "themes/themes.yaml:6:25: error: mulig e-mailadresse (an**@*******.**); fjern den – sager skal være anonymiserede",
        ],
    );
}

#[test]
fn blocked_name_any_case_in_episodes_and_panel() {
    assert_findings(
        &variant(
            "cases/beta/episodes.yaml",
            &[("Isolation efter", "ÅSE isolation efter")],
        ),
        &[
            "cases/beta/episodes.yaml:12:18: error: navn fra auditens blokeringsliste (ÅS*); fjern det – sager skal være anonymiserede",
        ],
    );
    assert_findings(
        &variant("panel/notes.yaml", &[("", "note: jens peter sagde nej\n")]),
        &["panel/notes.yaml:1:7: error: navn fra auditens blokeringsliste (je** *****); fjern det"],
    );
    // The block list itself in audit.yaml is not a finding; the name elsewhere in it is.
    assert_findings(
        &variant(
            "audit.yaml",
            &[("title: Testaudit", "title: Testaudit om Åse")],
        ),
        &["audit.yaml:3:21: error: navn fra auditens blokeringsliste (Ås*)"],
    );
}

#[test]
fn load_audit_masks_values_in_its_own_messages() {
    let dir = variant_dir(&[("cases/alfa/case.yaml", "tilsyn: nord", "tilsyn: Åse")]);
    let audit = auditpanel::domain::load::load_audit(dir.path());
    let d: Vec<String> = audit.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_findings(
        &d,
        &["cases/alfa/case.yaml:5:9: error: ukendt tilsyn 'Ås*'; brug et af: nord, oest"],
    );
}

#[test]
fn values_quoted_by_the_loader_are_masked_too() {
    let got = variant(
        "cases/alfa/case.yaml",
        &[("tilsyn: nord", "tilsyn: 120389-1234")],
    );
    assert_findings(
        &got,
        &[
            &format!("cases/alfa/case.yaml:5:9: {CPR_MSG}"),
            "cases/alfa/case.yaml:5:9: error: ukendt tilsyn '12****-****'; brug et af: nord, oest",
        ],
    );
}

// ---------------------------------------------------------------- episode rules

#[test]
fn each_episode_rule_at_its_episode() {
    let got = lines(&fixtures().join("episode-rules"));
    let want = [
        "cases/alfa/episodes.csv:4:1: warning: slutter 10 min før den begynder; ret 'start' eller 'end'",
        "cases/alfa/episodes.csv:5:1: warning: fastholdelse varer 25 timer; fastholdelse, føren og de andre indgreb er kortvarige, så over 24 timer er næppe rigtigt – tjek 'start' og 'end' (jf. vejledningens pkt. 95 og 97)",
        "cases/alfa/episodes.csv:6:1: warning: registreret 31 timer efter start; skal registreres inden for 24 timer (jf. vejledningens pkt. 209)",
        "cases/alfa/episodes.csv:7:1: warning: isolation i 2 timer og 30 min; højst 2 timer på en sikret døgninstitution (jf. vejledningens pkt. 163)",
        "cases/alfa/episodes.csv:8:1: warning: isolationen er besluttet af en anden end lederen eller stedfortræderen; kun de må beslutte isolation",
        "cases/alfa/episodes.csv:9:1: warning: det står ikke, hvem der besluttede isolationen; kun lederen eller stedfortræderen må",
        "cases/alfa/episodes.csv:10:1: warning: barnets egen udtalelse er ikke tilbudt eller afslået; barnet skal have lejlighed til at udtale sig",
        "cases/alfa/episodes.csv:11:1: warning: forældremyndighedens indehaver er ikke orienteret; skal orienteres umiddelbart efter registreringen (jf. vejledningens pkt. 213)",
        "cases/gamma/episodes.yaml:2:9: warning: isolation på en åben døgninstitution eller et opholdssted; isolation må kun bruges på en sikret døgninstitution eller en særligt sikret afdeling (jf. vejledningens pkt. 8 og 162)",
    ];
    // Tilbageholdelse (G2, § 11) at an opholdssted is where the guidance places
    // it (pkt. 107–108): no finding.
    assert_findings(&got, &want);
}

#[test]
fn isolation_limit_is_four_hours_on_saerligt_sikret() {
    assert_findings(
        &variant("cases/beta/episodes.yaml", &[("13:30", "14:00")]),
        &[],
    );
    assert_findings(
        &variant("cases/beta/episodes.yaml", &[("13:30", "14:01")]),
        &[
            "cases/beta/episodes.yaml:2:9: warning: isolation i 4 timer og 1 min; højst 4 timer på en særligt sikret afdeling (jf. vejledningens pkt. 26 og 163)",
        ],
    );
}

#[test]
fn isolation_at_a_partly_closed_unit() {
    assert_findings(
        &variant(
            "cases/beta/case.yaml",
            &[("kind: saerligt_sikret", "kind: delvis_lukket")],
        ),
        &["cases/beta/episodes.yaml:2:9: warning: isolation på en delvis lukket afdeling; "],
    );
}

#[test]
fn unknown_child_statement_is_a_warning() {
    assert_findings(
        &row(",yes,0,", ",,0,"),
        &[
            "cases/alfa/episodes.csv:2:1: warning: det står ikke, om barnet har fået lejlighed til at udtale sig; skriv yes, no eller later i 'child_statement' (jf. vejledningens pkt. 210)",
        ],
    );
}

#[test]
fn exactly_24_hours_is_not_late() {
    assert_findings(&row("2017-03-04T21:00", "2017-03-05T18:20"), &[]);
    assert_findings(
        &row("2017-03-04T21:00", "2017-03-05T18:21"),
        &["cases/alfa/episodes.csv:2:1: warning: registreret 24 timer og 1 min efter start"],
    );
}

// ---------------------------------------------------------------- the binary

fn run_bin(dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn binary_exits_1_and_never_prints_the_full_cpr() {
    let (code, out, err) = run_bin(&fixtures().join("cpr"));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("cases/alfa/case.yaml:10:51: {CPR_MSG}\n1 fejl, ingen advarsler i 7 filer\n")
    );
    for text in [&out, &err] {
        assert!(!text.contains("120389-1234") && !text.contains("1203891234"));
    }
}

#[test]
fn binary_masks_values_in_loader_messages_and_every_kind() {
    let dir = variant_dir(&[
        ("cases/alfa/case.yaml", "tilsyn: nord", "tilsyn: 1203891234"),
        (
            "cases/alfa/episodes.csv",
            "Uro i fællesrum",
            "Uro; ring 23456789 eller anna@kommune.dk; Jens Peter så det",
        ),
    ]);
    let (code, out, err) = run_bin(dir.path());
    assert_eq!(code, 1, "{out}");
    for secret in ["1203891234", "23456789", "anna@kommune.dk", "Jens Peter"] {
        assert!(
            !out.contains(secret) && !err.contains(secret),
            "{secret} in {out}{err}"
        );
    }
    assert!(
        out.ends_with("5 fejl, ingen advarsler i 7 filer\n"),
        "{out}"
    );
}

#[test]
fn binary_exits_0_with_warnings_only() {
    let (code, out, _) = run_bin(&fixtures().join("episode-rules"));
    assert_eq!(code, 0);
    assert!(
        out.ends_with("\ningen fejl, 9 advarsler i 9 filer\n"),
        "{out}"
    );
}

#[test]
fn binary_on_a_missing_folder_says_so_and_exits_2() {
    let (code, out, err) = run_bin(Path::new("/nonexistent/audit"));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("mappen '/nonexistent/audit' findes ikke"),
        "{err}"
    );
}

#[test]
fn a_folder_without_audit_yaml_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run_bin(dir.path());
    assert_eq!(code, 1);
    assert!(
        out.starts_with("audit.yaml:1:1: error: audit.yaml mangler"),
        "{out}"
    );
}

mod support;

/// A copy of the bundled example audit (its committed inputs and the
/// generated panel session; never the working tree's `panel/`).
fn example_copy() -> tempfile::TempDir {
    support::example_copy()
}

#[test]
fn the_example_passes_with_warnings_only() {
    let (code, out, _) = run_bin(support::generated_example());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.lines().last().unwrap().starts_with("ingen fejl, "),
        "{out}"
    );
    assert!(!out.contains(": error: "), "{out}");
}

#[test]
fn the_example_with_a_cpr_pasted_into_a_report_exits_1() {
    let dir = example_copy();
    let case = dir.path().join("cases/lyngtoften/case.yaml");
    let text = fs::read_to_string(&case).unwrap();
    let pasted = text.replacen(
        "    talt med ledelse,",
        "    talt med 120389-1234 og ledelse,",
        1,
    );
    assert_ne!(text, pasted);
    fs::write(&case, pasted).unwrap();
    let (code, out, err) = run_bin(dir.path());
    assert_eq!(code, 1);
    let want = format!("cases/lyngtoften/case.yaml:16:14: {CPR_MSG}");
    assert!(out.lines().any(|l| l == want), "{out}");
    assert_eq!(out.matches(": error: ").count(), 1, "{out}");
    assert!(!out.contains("120389-1234") && !err.contains("120389-1234"));
}

#[test]
fn the_example_with_a_duplicated_key_exits_1() {
    let dir = example_copy();
    let case = dir.path().join("cases/lyngtoften/case.yaml");
    let text = fs::read_to_string(&case).unwrap();
    fs::write(
        &case,
        text.replacen("places: 16\n", "places: 16\nplaces: 17\n", 1),
    )
    .unwrap();
    let (code, out, _) = run_bin(dir.path());
    assert_eq!(code, 1);
    let want = "cases/lyngtoften/case.yaml:9:1: error: nøglen 'places' står to gange i samme afsnit; slet den ene";
    assert!(out.lines().any(|l| l == want), "{out}");
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors.iter().filter(|l| l.starts_with("cases/")).count(),
        1,
        "{out}"
    );
    // The committed panel session scores the case that no longer loads:
    // at most one error per score file says so.
    let panel: Vec<&&str> = errors.iter().filter(|l| l.starts_with("panel/")).collect();
    assert!(panel.len() <= 5, "{out}");
    assert!(
        panel.iter().all(|l| l.contains("ukendt sag 'lyngtoften'")),
        "{out}"
    );
}

// ---------------------------------------------------------------- never panic

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A small deterministic generator (xorshift), so the test needs no seed file.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Bytes that matter to YAML, CSV and the scanner, including half of an "Å".
const ALPHABET: &[u8] = " \n:-\"',[]{}#&*!|>0123456789@+aÅ".as_bytes();

#[test]
fn never_panics_on_fixtures_truncated_files_or_random_bytes() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut fixture_dirs: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    fixture_dirs.sort();
    // Most fixtures are the base audit with one file changed: a file with
    // the same path and bytes as one already damaged is not damaged again.
    let mut seen = std::collections::HashSet::new();
    for fixture in &fixture_dirs {
        let _ = check_audit(fixture);
        let mut files = Vec::new();
        all_files(fixture, &mut files);
        for file in &files {
            let rel = file.strip_prefix(fixture).unwrap();
            let bytes = fs::read(file).unwrap();
            if !seen.insert((rel.to_path_buf(), bytes.clone())) {
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            support::copy_any(fixture, dir.path());
            let target = dir.path().join(rel);
            // Truncated at ~25 offsets, including inside multi-byte characters.
            let step = (bytes.len() / 25).max(1);
            for cut in (0..bytes.len()).step_by(step) {
                fs::write(&target, &bytes[..cut]).unwrap();
                let _ = check_audit(dir.path());
            }
            // Random bytes, random printable noise, and the file with bytes flipped.
            for round in 0..4 {
                let noise: Vec<u8> = match round {
                    0 => (0..200).map(|_| rng.next() as u8).collect(),
                    1 => (0..200)
                        .map(|_| ALPHABET[(rng.next() as usize) % ALPHABET.len()])
                        .collect(),
                    _ => {
                        let mut b = bytes.clone();
                        for _ in 0..5 {
                            if !b.is_empty() {
                                let i = (rng.next() as usize) % b.len();
                                b[i] = rng.next() as u8;
                            }
                        }
                        b
                    }
                };
                fs::write(&target, &noise).unwrap();
                let _ = check_audit(dir.path());
            }
        }
    }
}

// ---------------------------------------------------------------- JSON and the app

fn run_bin_args(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The example's intended findings, by rule id (README, "Checking an audit").
const EXAMPLE_RULES: [(&str, usize); 4] = [
    ("child-statement", 4),
    ("isolation-over-limit", 1),
    ("late-registration", 2),
    ("parents-not-told", 3),
];

#[test]
fn json_on_the_example_has_the_counts_of_the_text() {
    // A copy: the repository's example is for trying the app.
    let copy = support::example_copy();
    let root = copy.path().to_str().unwrap();
    let (code, text) = run_bin_args(&["check", root]);
    let (json_code, json) = run_bin_args(&["check", root, "--format", "json"]);
    assert_eq!((code, json_code), (0, 0));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let warnings = text.matches(": warning: ").count();
    let errors = text.matches(": error: ").count();
    assert_eq!(v["errors"], errors);
    assert_eq!(v["warnings"], warnings);
    assert_eq!(findings.len(), errors + warnings);
    let summary = text.lines().last().unwrap();
    assert_eq!(
        summary,
        format!("ingen fejl, {warnings} advarsler i 28 filer")
    );
    // Each finding as the text line says it, with its rule and paragraph.
    for (f, line) in findings.iter().zip(text.lines()) {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "column",
                "file",
                "line",
                "message",
                "paragraph",
                "rule",
                "severity"
            ]
        );
        assert_eq!(
            line,
            format!(
                "{}:{}:{}: {}: {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["severity"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        );
        let p = f["paragraph"].as_str().unwrap();
        assert!(
            f["message"].as_str().unwrap().ends_with(&format!(
                "(jf. vejledningens pkt. {})",
                p.replace(", ", " og ")
            )),
            "{f}"
        );
    }
    let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in findings {
        *by_rule.entry(f["rule"].as_str().unwrap()).or_default() += 1;
    }
    assert_eq!(by_rule.into_iter().collect::<Vec<_>>(), EXAMPLE_RULES);
}

#[test]
fn json_gives_structure_and_anonymity_their_own_ids() {
    let dir = variant_dir(&[
        ("cases/alfa/case.yaml", "tilsyn: nord", "tilsyn: 1203891234"),
        (
            "cases/alfa/episodes.csv",
            "Uro i fællesrum",
            "Uro; ring 23456789",
        ),
    ]);
    let (code, json) = run_bin_args(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1);
    assert!(!json.contains("1203891234") && !json.contains("23456789"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let got: Vec<(String, u64, &str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "cases/alfa/case.yaml".to_string(),
                5,
                "anonymity-cpr",
                "error"
            ),
            ("cases/alfa/case.yaml".to_string(), 5, "structure", "error"),
            (
                "cases/alfa/episodes.csv".to_string(),
                2,
                "anonymity-phone",
                "error"
            ),
        ]
    );
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(3), Some(0))
    );
    assert!(v["findings"][0]["paragraph"].is_null());
}

#[test]
fn the_app_and_check_report_the_same_findings() {
    use auditpanel::domain::check::{check, check_loaded};
    use auditpanel::domain::load::load_audit;
    let example = support::example_copy();
    for root in [
        example.path().to_path_buf(),
        fixtures().join("episode-rules"),
        fixtures().join("cpr"),
    ] {
        let streamed = check(&root);
        let loaded = check_loaded(&load_audit(&root));
        assert_eq!(
            loaded.diagnostics,
            streamed.diagnostics,
            "{}",
            root.display()
        );
        assert_eq!(loaded.files, streamed.files);
    }
}

#[test]
fn a_folder_named_like_a_cpr_number_is_masked_in_findings() {
    let dir = variant_dir(&[]);
    fs::rename(
        dir.path().join("cases/alfa"),
        dir.path().join("cases/120389-1234"),
    )
    .unwrap();
    let (_, out) = run_bin_args(&["check", dir.path().to_str().unwrap()]);
    let (_, json) = run_bin_args(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    for text in [&out, &json] {
        assert!(!text.contains("120389-1234"), "{text}");
    }
    assert!(out.contains("cases/12****-****/"), "{out}");
}

/// A file or folder named after an identifier is a finding at that file
/// or folder, masked; the other findings' paths are masked too.
#[test]
fn files_and_folders_named_after_an_identifier_are_findings() {
    let dir = variant_dir(&[("cases/alfa/noter/010203-1234.txt", "", "intet\n")]);
    let got = lines(dir.path());
    assert_findings(
        &got,
        &[
            "cases/alfa/noter/01****-****.txt:0:0: error: filens navn indeholder muligt CPR-nummer (01****-****); omdøb filen",
        ],
    );
    assert!(!got.concat().contains("010203-1234"), "{got:#?}");
    let dir = variant_dir(&[("cases/alfa/23 45 67 89/noter.txt", "", "intet\n")]);
    assert_findings(
        &lines(dir.path()),
        &[
            "cases/alfa/23 ** ** **:0:0: error: mappens navn indeholder muligt telefonnummer (23 ** ** **); omdøb mappen",
        ],
    );
}
