//! `auditpanel anonymise` on a copy of the example with identifiers planted
//! in every kind of place: YAML free text (a folded `>` block, a literal `|`
//! block, a double-quoted and a single-quoted scalar, a plain scalar that
//! the replacement would turn into a list, a comment), the episodes CSV (a
//! quoted multi-line field, a plain field), the episodes YAML and a score
//! comment under `panel/`. The listing is masked; `--apply` changes exactly
//! the planted spans, byte for byte, and the files still load; `check`
//! then finds no anonymity error; a second `--apply` changes nothing.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use auditpanel::domain::check::check_audit;
use auditpanel::domain::diag::Severity;

/// Edits that make room for a planted form without planting anything (a
/// `>-` block made a `|` block, a plain scalar single-quoted): (file, from, to).
const SETUP: &[(&str, &str, &str)] = &[
    (
        "cases/havbakken/case.yaml",
        "      assessment: >-\n        Hovedparten",
        "      assessment: |\n        Hovedparten",
    ),
    (
        "panel/scores/nord.yaml",
        "comment: Sanktioner omtales som konsekvenspædagogik uden forbehold.",
        "comment: 'Sanktioner omtales som konsekvenspædagogik uden forbehold.'",
    ),
];

/// What is planted: (file, inserted right after this, inserted, what it must
/// become). The audit's block list gets `Åse Kærgård` and a mapping
/// `Kasper Lunddahl` → `Ung K`, so the pseudonyms are Malthe Vindeløv `Ung
/// A`, Signe Thorsmark `Ung B`, Yasmin Okafor-Bech `Ung C`, Kasper
/// Lunddahl `Ung K`, Åse Kærgård `Ung D`.
const PLANTS: &[(&str, &str, &str, &str)] = &[
    // The block list and the mapping are the list itself: left alone.
    (
        "audit.yaml",
        "    - \"Kasper Lunddahl\"\n",
        "    - \"Åse Kærgård\"\n  pseudonyms:\n    \"Kasper Lunddahl\": \"Ung K\"\n",
        "    - \"Åse Kærgård\"\n  pseudonyms:\n    \"Kasper Lunddahl\": \"Ung K\"\n",
    ),
    // A double-quoted scalar.
    (
        "audit.yaml",
        "title: \"Socialtilsynenes tilsyn",
        " (ved Malthe Vindeløv)",
        " (ved Ung A)",
    ),
    // A comment, a no-break space in a phone number.
    (
        "cases/havbakken/case.yaml",
        "# FIKTIVT EKSEMPEL: Havbakken findes ikke.",
        " Ring 0045\u{a0}2030\u{a0}4050.",
        " Ring [tlf. fjernet].",
    ),
    // A plain scalar that `[e-mail fjernet]` would turn into a list.
    (
        "cases/havbakken/case.yaml",
        "operator: ",
        "anna.hansen@kommune.dk ",
        "e-mail fjernet ",
    ),
    // A folded block, a name split over its lines, in the possessive.
    (
        "cases/havbakken/case.yaml",
        "  summary: >-\n    Uanmeldt tilsyn",
        " (barnet, CPR 120389-1234, tlf. 20 30 40 50, og Malthe\n    Vindeløvs mor)",
        " (barnet, CPR [CPR-nr. fjernet], tlf. [tlf. fjernet], og Ung A's mor)",
    ),
    // A literal block, a name split over its lines.
    (
        "cases/havbakken/case.yaml",
        "        Hovedparten af medarbejderne er pædagoger",
        ", også Signe\n        Thorsmark,",
        ", også Ung B,",
    ),
    // Decomposed letters (A + ring, a + ring) and the possessive.
    (
        "cases/havbakken/case.yaml",
        "Bygningerne er slidte",
        ", ikke mindst A\u{30a}se Kærga\u{30a}rds værelse",
        ", ikke mindst Ung D's værelse",
    ),
    // A quoted multi-line CSV field: CPR glued to its word, +45, a name over a line break.
    (
        "cases/havbakken/episodes.csv",
        "\"Den unge gik til angreb",
        " (CPR120389-1234, +45 20304050, Yasmin\nOkafor-Bech's bror)",
        " ([CPR-nr. fjernet], [tlf. fjernet], Ung C's bror)",
    ),
    // A plain CSV field, a CPR number with dots.
    (
        "cases/havbakken/episodes.csv",
        "Uro efter en telefonsamtale",
        " med 12.03.89-1234",
        " med [CPR-nr. fjernet]",
    ),
    // The episodes YAML, a double-quoted description, a phone with dashes.
    (
        "cases/lindely/episodes.yaml",
        "description: \"Den unge slog ud efter personalet",
        " (tlf. 20-30-40-50)",
        " (tlf. [tlf. fjernet])",
    ),
    // A score comment under panel/, plain, an ASCII spelling of the name.
    (
        "panel/scores/nord.yaml",
        "comment: Tilsynet har talt med unge",
        ", fx KASPER LUNDDAHL (kasper.l@example.dk)",
        ", fx Ung K ([e-mail fjernet])",
    ),
    // A single-quoted score comment: the possessive's `'` is doubled.
    (
        "panel/scores/nord.yaml",
        "comment: 'Sanktioner",
        " i Malthe Vindeloevs sag",
        " i Ung A''s sag",
    ),
];

/// Values that must never be printed in full.
const SECRETS: &[&str] = &[
    "120389",
    "1203891234",
    "12.03.89",
    "2030",
    "20 30 40 50",
    "20-30-40-50",
    "anna.hansen",
    "kasper.l",
    "Malthe",
    "Vindel",
    "Thorsmark",
    "Okafor",
    "LUNDDAHL",
];

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .arg("anonymise")
        .args(args)
        .arg(dir)
        .output()
        .expect("auditpanel runs")
}

/// Every file under `dir`, relative, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("inside").to_path_buf();
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Inserts `text` after the first `anchor` in `s`.
fn insert_after(s: &str, anchor: &str, text: &str, file: &str) -> String {
    let at = s
        .find(anchor)
        .unwrap_or_else(|| panic!("{file} has no {anchor:?}"))
        + anchor.len();
    format!("{}{text}{}", &s[..at], &s[at..])
}

/// `file:line:column` (characters) of `needle` in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn text(out: &[u8]) -> String {
    String::from_utf8(out.to_vec()).expect("UTF-8")
}

fn assert_masked(what: &str, s: &str) {
    for secret in SECRETS {
        assert!(!s.contains(secret), "{what} shows {secret:?}:\n{s}");
    }
}

#[test]
fn anonymise_lists_masked_applies_only_the_planted_spans_and_is_idempotent() {
    let tmp = support::example_copy();
    let dir = tmp.path();
    for (file, from, to) in SETUP {
        let path = dir.join(file);
        let s = fs::read_to_string(&path).expect("read");
        assert!(s.contains(from), "{file} has no {from:?}");
        fs::write(&path, s.replacen(from, to, 1)).expect("write");
    }
    // The clean copy, what the planted copy must become, the planted copy.
    let clean = files(dir);
    assert!(
        check_audit(dir)
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
    let mut expected = clean.clone();
    let mut planted_text: BTreeMap<&str, String> = BTreeMap::new();
    for (file, anchor, plant, after) in PLANTS {
        let rel = PathBuf::from(file);
        let planted = planted_text
            .entry(file)
            .or_insert_with(|| text(&clean[&rel]));
        *planted = insert_after(planted, anchor, plant, file);
        let want = text(&expected[&rel]);
        expected.insert(rel, insert_after(&want, anchor, after, file).into_bytes());
    }
    for (file, s) in &planted_text {
        fs::write(dir.join(file), s).expect("plant");
    }
    let planted = files(dir);

    // The listing: masked, one line per planted value, exit 1.
    let out = run(dir, &[]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert_masked("the listing", &format!("{stdout}{stderr}"));
    let case = &planted_text["cases/havbakken/case.yaml"];
    let (line, column) = place(case, "120389-1234");
    assert!(
        stdout.contains(&format!(
            "cases/havbakken/case.yaml:{line}:{column}: muligt CPR-nummer (12****-****) → [CPR-nr. fjernet]"
        )),
        "{stdout}"
    );
    let (line, column) = place(case, "Malthe\n");
    assert!(
        stdout.contains(&format!(
            "cases/havbakken/case.yaml:{line}:{column}: navn fra auditens blokeringsliste (Ma****↵    *********) → Ung A's"
        )),
        "{stdout}"
    );
    let findings = stdout.lines().filter(|l| l.contains(" → ")).count();
    assert_eq!(findings, 16, "{stdout}");
    assert!(
        stdout.contains("16 fund i 5 filer: 3 CPR-numre, 4 telefonnumre, 2 e-mailadresser, 7 navne fra blokeringslisten."),
        "{stdout}"
    );
    assert_eq!(files(dir), planted, "listing wrote something");

    // --apply: exactly the planted spans change, and the files still load.
    let out = run(dir, &["--apply"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_masked("--apply", &format!("{stdout}{stderr}"));
    assert!(stdout.contains("Erstattet 16 i 5 filer"), "{stdout}");
    let after = files(dir);
    for (file, want) in &expected {
        assert_eq!(
            text(&after[file]),
            text(want),
            "{} differs outside the planted spans",
            file.display()
        );
    }
    assert_eq!(after.len(), expected.len(), "files added or removed");
    let found = check_audit(dir);
    let bad: Vec<String> = found
        .iter()
        .filter(|d| d.severity == Severity::Error || d.rule.starts_with("anonymity"))
        .map(|d| d.to_string())
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");

    // A second --apply: nothing to do, nothing changes.
    let out = run(dir, &["--apply"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("Intet at anonymisere"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files(dir), after);
    let out = run(dir, &[]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_folder_that_is_not_there_is_a_clear_error() {
    let out = run(Path::new("/nonexistent/audit"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("findes ikke"),
        "{}",
        text(&out.stderr)
    );
}
