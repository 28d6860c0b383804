//! Robustness and anonymity of the command line as a whole: damaged audit
//! folders give a clear Danish error and a non-zero exit (never a panic),
//! and identifying values planted in every free-text and id field of a copy
//! of the example audit never reach any output or written file in full.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_auditpanel")
}

mod support;

/// The example audit with the generated panel session (shared: read only).
fn example() -> PathBuf {
    support::generated_example().to_path_buf()
}

/// A copy of the example audit with the generated panel session.
fn example_copy() -> tempfile::TempDir {
    support::example_copy()
}

/// Replaces the first `from` in `file` by `to`; `from` must be there.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Replaces line `n` (1-based) of a CSV file's text by `f(line)`.
fn edit_line(root: &Path, file: &str, n: usize, f: impl Fn(&str) -> String) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == n { f(l) } else { l.to_string() })
        .collect();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
}

/// Replaces field `i` of a CSV line (the example's lines quote only the
/// last field, so splitting the first 16 commas is exact).
fn set_field(line: &str, i: usize, value: &str) -> String {
    let mut fields: Vec<String> = line.splitn(17, ',').map(str::to_string).collect();
    fields[i] = value.to_string();
    fields.join(",")
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// No panic, no Rust debug output: a clean error or a clean result.
fn assert_clean(what: &str, o: &Output) {
    let t = text(o);
    for bad in ["panicked", "RUST_BACKTRACE", "Error {", "Os {", "Custom {"] {
        assert!(!t.contains(bad), "{what}: {bad} in output:\n{t}");
    }
    assert!(
        o.status.code().is_some(),
        "{what}: killed by a signal:\n{t}"
    );
}

// ───────────────────────────── anonymity ─────────────────────────────

const CPR: &str = "010203-1234";
const PHONE: &str = "23 45 67 89";
const EMAIL: &str = "anna.hansen@example.dk";
const NAME: &str = "Malthe Vindeløv";
const PLANTED: [&str; 4] = [CPR, PHONE, EMAIL, NAME];

fn all_planted() -> String {
    format!("{CPR} {PHONE} {EMAIL} {NAME}")
}

/// Plants the four values in the free-text and id fields that still parse:
/// the audit loads without structural errors, only `check`'s anonymity scan
/// (and the export's) can find them.
fn plant_valid(root: &Path) {
    let all = all_planted();
    let csv = "cases/havbakken/episodes.csv";
    // description, child, staff, injury, decided_by, id
    edit_line(root, csv, 2, |l| set_field(l, 16, &format!("\"{all}\"")));
    edit_line(root, csv, 3, |l| set_field(l, 2, CPR));
    edit_line(root, csv, 4, |l| {
        set_field(l, 13, &format!("{EMAIL};{PHONE}"))
    });
    edit_line(root, csv, 5, |l| set_field(l, 14, NAME));
    edit_line(root, csv, 6, |l| set_field(l, 15, EMAIL));
    edit_line(root, csv, 7, |l| {
        set_field(l, 0, &format!("havbakken-{CPR}"))
    });
    let case = "cases/havbakken/case.yaml";
    edit(
        root,
        case,
        "operator: Region Nordjylland",
        &format!("operator: \"{all}\""),
    );
    edit(
        root,
        case,
        "Uanmeldt tilsyn med fokus",
        &format!("Uanmeldt {all} tilsyn med fokus"),
    );
    edit(
        root,
        case,
        "- Tilsynet vil ved næste besøg",
        &format!("- {all} Tilsynet vil ved næste besøg"),
    );
    edit(
        root,
        case,
        "\"En ung fortæller,",
        &format!("\"{all} En ung fortæller,"),
    );
    edit(
        root,
        "cases/lindely/episodes.yaml",
        "description: ",
        &format!("description: {all} "),
    );
    edit(
        root,
        "panel/scores/nord.yaml",
        "comment: \"\"",
        &format!("comment: \"{all}\""),
    );
    edit(
        root,
        "panel/conclusions.yaml",
        "Før drøftelsen",
        &format!("{all} Før drøftelsen"),
    );
    edit(
        root,
        "panel/topics.yaml",
        "description: \"\"",
        &format!("description: \"{all}\""),
    );
}

/// Plants the values in fields that are validated (institution, type,
/// legal basis, times, numbers, ids in panel files), so the loaders' own
/// error messages are where they could leak.
fn plant_invalid(root: &Path) {
    let csv = "cases/havbakken/episodes.csv";
    edit_line(root, csv, 2, |l| set_field(l, 1, CPR));
    edit_line(root, csv, 3, |l| set_field(l, 6, NAME));
    edit_line(root, csv, 4, |l| set_field(l, 7, EMAIL));
    edit_line(root, csv, 5, |l| set_field(l, 4, CPR));
    edit_line(root, csv, 6, |l| set_field(l, 3, PHONE));
    edit_line(root, csv, 7, |l| set_field(l, 12, CPR));
    edit_line(root, csv, 8, |l| set_field(l, 10, EMAIL));
    edit_line(root, csv, 9, |l| set_field(l, 11, NAME));
    edit_line(root, csv, 10, |l| set_field(l, 8, PHONE));
    let case = "cases/havbakken/case.yaml";
    edit(root, case, "kind: sikret", &format!("kind: \"{NAME}\""));
    edit(root, case, "tilsyn: nord", &format!("tilsyn: \"{EMAIL}\""));
    edit(
        root,
        case,
        "theme: fysiske_rammer",
        &format!("theme: \"{CPR}\""),
    );
    edit(root, case, "score: 4", &format!("score: \"{PHONE}\""));
    edit(
        root,
        "panel/scores/nord.yaml",
        "case: birkeskraenten",
        &format!("case: \"{CPR}\""),
    );
    edit(
        root,
        "panel/scores/nord.yaml",
        "question: v2",
        &format!("question: \"{EMAIL}\""),
    );
    edit(
        root,
        "panel/scores/midt.yaml",
        "value: 4",
        &format!("value: \"{NAME}\""),
    );
    edit(
        root,
        "panel/conclusions.yaml",
        "verdict: delvist_bekraeftet",
        &format!("verdict: \"{PHONE}\""),
    );
    edit(
        root,
        "panel/topics.yaml",
        "id: magtanvendelser",
        &format!("id: \"{CPR}\""),
    );
}

/// Every file under `dir`, with its text.
fn all_files(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            all_files(&e.path(), out);
        } else {
            out.push((e.path(), fs::read(e.path()).unwrap()));
        }
    }
}

/// The planted values `t` holds in full, as failure lines.
fn leaks(what: &str, t: &str) -> Vec<String> {
    PLANTED
        .iter()
        .filter(|v| t.contains(**v))
        .map(|v| {
            let line = t.lines().find(|l| l.contains(*v)).unwrap_or("");
            format!("{what}: {v:?} in full: {line}")
        })
        .collect()
}

/// Runs every command on the planted audit (from a separate working
/// folder, where the commands' default outputs land), asserting that no
/// output and no written file holds a planted value in full. Returns the
/// outputs by command.
fn run_everything(root: &Path) -> Vec<(String, Output)> {
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let r = root.to_str().unwrap();
    let ep = root.join("cases/havbakken/episodes.csv");
    let ep = ep.to_str().unwrap();
    let ratings = w.join("ratings.csv");
    fs::write(
        &ratings,
        format!(
            "unit,rater,value\n{CPR},nord,3\nu1,\"{EMAIL}\",2\nu1,nord,{NAME}\nu2,nord,\"{PHONE}\"\n"
        ),
    )
    .unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", r],
        vec!["magtprofil", r],
        vec!["magtprofil", r, "--format", "json"],
        vec!["magtprofil", r, "--format", "csv"],
        vec!["magtprofil", "--episodes", ep],
        vec!["magtprofil", "--episodes", ep, "--format", "json"],
        vec!["magtprofil", "--episodes", ep, "--format", "csv"],
        vec!["agreement", r],
        vec!["agreement", r, "--format", "json"],
        vec!["agreement", "--ratings", "ratings.csv"],
        vec!["agreement", "--ratings", "ratings.csv", "--format", "json"],
        vec![
            "scores-template",
            r,
            "--rater",
            "nord",
            "-o",
            "template.yaml",
        ],
        vec!["export", r],
        vec!["export", r, "-o", "rapport.md"],
        vec!["export", r, "--format", "csv"],
        vec!["export", r, "--format", "csv", "-o", "csv"],
    ];
    let before: Vec<(PathBuf, Vec<u8>)> = {
        let mut v = Vec::new();
        all_files(root, &mut v);
        v
    };
    let mut outputs = Vec::new();
    let mut failures = Vec::new();
    for args in commands {
        let what = args.join(" ");
        let o = run(w, &args);
        assert_clean(&what, &o);
        failures.extend(leaks(&what, &text(&o)));
        outputs.push((what, o));
    }
    // Files written by the commands: in the working folder and anything
    // new or changed in the audit folder.
    let mut written = Vec::new();
    all_files(w, &mut written);
    let mut after = Vec::new();
    all_files(root, &mut after);
    for (p, bytes) in after {
        if !before.iter().any(|(q, b)| *q == p && *b == bytes) {
            written.push((p, bytes));
        }
    }
    for (p, bytes) in written {
        if p == ratings {
            continue;
        }
        failures.extend(leaks(
            &format!("written file {}", p.display()),
            &String::from_utf8_lossy(&bytes),
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    outputs
}

fn output<'a>(outs: &'a [(String, Output)], starts: &str) -> &'a Output {
    &outs
        .iter()
        .find(|(w, _)| w.starts_with(starts))
        .unwrap_or_else(|| panic!("no command {starts}"))
        .1
}

#[test]
fn planted_values_in_free_text_and_ids_never_appear_in_full() {
    let dir = example_copy();
    plant_valid(dir.path());
    let outs = run_everything(dir.path());

    let check = output(&outs, "check");
    assert_eq!(check.status.code(), Some(1), "{}", text(check));
    let t = text(check);
    for masked in [
        "01****-****",
        "23 ** ** **",
        "an**.******@*******.**",
        "Ma**** ********",
    ] {
        assert!(t.contains(masked), "check does not report {masked}:\n{t}");
    }
    // The export refuses: nothing written, the reason named, masked.
    let exports: Vec<&(String, Output)> = outs
        .iter()
        .filter(|(w, _)| w.starts_with("export"))
        .collect();
    assert_eq!(exports.len(), 4);
    for (what, o) in exports {
        assert_eq!(o.status.code(), Some(1), "{what}: {}", text(o));
        assert!(o.stdout.is_empty(), "{what} wrote to stdout");
        assert!(
            text(o).contains("muligt CPR-nummer (01****-****)"),
            "{what}: {}",
            text(o)
        );
    }
}

#[test]
fn planted_values_in_validated_fields_never_appear_in_full() {
    let dir = example_copy();
    plant_invalid(dir.path());
    let outs = run_everything(dir.path());
    let check = output(&outs, "check");
    assert_eq!(check.status.code(), Some(1), "{}", text(check));
    assert!(text(check).contains("01****-****"), "{}", text(check));
}

// ───────────────────────────── output ─────────────────────────────

/// `auditpanel … | head`: the reader closes the pipe before the output is
/// written. `print!` panicked on that; now the command ends quietly.
#[test]
fn closed_stdout_is_no_panic() {
    let root = example();
    let r = root.to_str().unwrap();
    for args in [
        vec!["agreement", r],
        vec!["agreement", r, "--format", "json"],
        vec!["export", r],
        vec!["magtprofil", r],
        vec!["check", r],
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
        assert!(matches!(o.status.code(), Some(0 | 1)), "{args:?}: {o:?}");
    }
}

// ───────────────────────────── nothing lost ─────────────────────────────

/// `export -o` renames a finished temporary file over the target: over a
/// device or a named pipe that replaced the device (run as root, `-o
/// /dev/full` turned /dev/full into a file). Now it is refused.
#[test]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn export_never_replaces_what_is_not_a_file() {
    let work = tempfile::tempdir().unwrap();
    let fifo = work.path().join("rapport.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is missing; skipped");
        return;
    }
    let r = example();
    let o = run(
        work.path(),
        &["export", r.to_str().unwrap(), "-o", "rapport.md"],
    );
    assert_clean("export -o fifo", &o);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains(
            "kunne ikke skrive 'rapport.md': der ligger noget andet end en almindelig fil; vælg et andet filnavn"
        ),
        "{}",
        text(&o)
    );
    let meta = fs::symlink_metadata(&fifo).unwrap();
    assert!(!meta.file_type().is_file(), "the pipe was replaced");
    // Nothing else was left behind (no temporary file).
    assert_eq!(fs::read_dir(work.path()).unwrap().count(), 1);
}

/// A failed export leaves an earlier report as it was.
#[test]
fn failed_export_keeps_the_old_report() {
    let dir = example_copy();
    let out = dir.path().join("rapport.md");
    fs::write(&out, "den gamle rapport\n").unwrap();
    edit(
        dir.path(),
        "cases/havbakken/case.yaml",
        "operator: Region Nordjylland",
        "operator: \"010203-1234\"",
    );
    let o = run(dir.path(), &["export", ".", "-o", "rapport.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(fs::read_to_string(&out).unwrap(), "den gamle rapport\n");
}

// ───────────────────────────── damaged input ─────────────────────────────

/// `check`'s lines about `file` (the summary and other files left out).
fn check_lines(root: &Path, file: &str) -> (Option<i32>, Vec<String>) {
    let o = run(root, &["check", "."]);
    assert_clean(&format!("check with damaged {file}"), &o);
    let lines = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with(file))
        .map(str::to_string)
        .collect();
    (o.status.code(), lines)
}

#[test]
fn a_folder_where_a_file_should_be() {
    let dir = example_copy();
    let root = dir.path();
    fs::remove_file(root.join("cases/havbakken/episodes.csv")).unwrap();
    fs::create_dir(root.join("cases/havbakken/episodes.csv")).unwrap();
    fs::remove_file(root.join("cases/fjordlyset/case.yaml")).unwrap();
    fs::create_dir(root.join("cases/fjordlyset/case.yaml")).unwrap();
    let msg = "der ligger en mappe, hvor filen skal være; flyt eller omdøb mappen";
    let (code, lines) = check_lines(root, "cases/havbakken/episodes.csv");
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [format!("cases/havbakken/episodes.csv:0:0: error: {msg}")]
    );
    let (_, lines) = check_lines(root, "cases/fjordlyset/case.yaml");
    assert_eq!(
        lines,
        [format!("cases/fjordlyset/case.yaml:0:0: error: {msg}")]
    );
    // A bare CSV that is a folder.
    let o = run(
        root,
        &["magtprofil", "--episodes", "cases/havbakken/episodes.csv"],
    );
    assert_clean("magtprofil --episodes folder", &o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with(&format!(
            "cases/havbakken/episodes.csv:1:1: error: {msg}\n1 fejl i input"
        )),
        "{}",
        text(&o)
    );
}

#[test]
fn garbage_and_empty_episode_files_get_one_error_each() {
    let dir = example_copy();
    let root = dir.path();
    let csv = root.join("cases/havbakken/episodes.csv");
    let mut garbage = vec![0xffu8, 0xfe, 0x00, 0x80];
    garbage.extend(std::iter::repeat_n(0x9f, 5000));
    fs::write(&csv, garbage).unwrap();
    fs::write(root.join("cases/fjordlyset/episodes.csv"), "").unwrap();
    let (code, lines) = check_lines(root, "cases/havbakken/episodes.csv");
    assert_eq!(code, Some(1));
    assert_eq!(
        lines,
        [
            "cases/havbakken/episodes.csv:1:1: error: filen er ikke gyldig UTF-8; gem den som UTF-8 og prøv igen"
        ]
    );
    let (_, lines) = check_lines(root, "cases/fjordlyset/episodes.csv");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("cases/fjordlyset/episodes.csv:1:1: error: filen er tom; den skal mindst have overskriftslinjen: id,institution,"),
        "{lines:?}"
    );
}

/// serde-saphyr's budget stops an alias flood; the message is Danish, not
/// the budget's debug text.
#[test]
fn alias_flood_is_stopped_with_a_danish_message() {
    let dir = example_copy();
    let root = dir.path();
    let mut flood = format!("    - &lol \"{}\"\n", "x".repeat(10_000));
    for _ in 0..100_000 {
        flood.push_str("    - *lol\n");
    }
    edit(
        root,
        "cases/havbakken/case.yaml",
        "  attention_points:\n",
        &format!("  attention_points:\n{flood}"),
    );
    let (code, lines) = check_lines(root, "cases/havbakken/case.yaml");
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].ends_with(": error: filen er for stor til at læse sikkert (for mange henvisninger *navn, for lange tekster eller for dyb indlejring); del den op, eller skriv teksten ud i stedet for henvisningerne"),
        "{lines:?}"
    );
    assert!(!lines[0].contains("budget"), "{lines:?}");
}

/// Numbers at the edge of their type: a clear error or a sane result.
#[test]
fn extreme_numbers_do_not_panic() {
    let dir = example_copy();
    let root = dir.path();
    edit(
        root,
        "cases/havbakken/case.yaml",
        "places: 12",
        "places: 4294967295",
    );
    edit(
        root,
        "cases/havbakken/case.yaml",
        "occupied_bed_days: 3980",
        "occupied_bed_days: 4294967295",
    );
    edit_line(root, "cases/fjordlyset/episodes.csv", 2, |l| {
        set_field(l, 12, "99999999999999999999999")
    });
    let o = run(root, &["magtprofil", ".", "--format", "json"]);
    assert_clean("magtprofil extreme", &o);
    let o = run(root, &["export", "."]);
    assert_clean("export extreme", &o);
    let o = run(
        root,
        &[
            "magtprofil",
            ".",
            "--from",
            "2017-12-31",
            "--to",
            "2017-01-01",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o),
        "auditpanel: fejl: --from (2017-12-31) ligger efter --to (2017-01-01); byt om på datoerne\n"
    );
}

// ─────────────────── one gate for every surface ───────────────────

const CPR_PLAIN: &str = "0102031234";
const PHONE_PLAIN: &str = "23456789";
/// What a planted value could also leak as: digits only, ASCII spelling.
const ALSO: [&str; 4] = [
    CPR_PLAIN,
    PHONE_PLAIN,
    "Malthe Vindeloev",
    "Malthe Vindelov",
];

/// Replaces `from` by `to` in every text file under `root`.
fn replace_everywhere(root: &Path, from: &str, to: &str) {
    let mut files = Vec::new();
    all_files(root, &mut files);
    for (p, bytes) in files {
        let Ok(t) = String::from_utf8(bytes) else {
            continue;
        };
        if t.contains(from) {
            fs::write(&p, t.replace(from, to)).unwrap();
        }
    }
}

/// The planted places: `(file as check names it, masked value it reports)`.
type Places = Vec<(&'static str, &'static str)>;

/// Plants an identifier in every field the app and the commands show as a
/// name rather than free text, and in file and folder names, keeping the
/// audit loadable (ids are replaced everywhere they are referenced).
fn plant_everywhere(root: &Path) -> Places {
    // The audit id, and with it the hypotheses file's name.
    edit(
        root,
        "audit.yaml",
        "id: \"18.1\"",
        "id: \"18.1-0102031234\"",
    );
    edit(
        root,
        "hypotheses/18.1.yaml",
        "audit: \"18.1\"",
        "audit: \"18.1-0102031234\"",
    );
    fs::rename(
        root.join("hypotheses/18.1.yaml"),
        root.join("hypotheses/18.1-0102031234.yaml"),
    )
    .unwrap();
    // The audit title, a tilsyn's name and a tilsyn's id (and its score file).
    edit(
        root,
        "audit.yaml",
        "title: \"Socialtilsynenes",
        &format!("title: \"{NAME} {CPR} Socialtilsynenes"),
    );
    edit(
        root,
        "audit.yaml",
        "name: \"Socialtilsyn Nord\"",
        &format!("name: \"Socialtilsyn Nord {PHONE}\""),
    );
    replace_everywhere(root, "hovedstaden", "hovedstaden-23456789");
    fs::rename(
        root.join("panel/scores/hovedstaden.yaml"),
        root.join("panel/scores/hovedstaden-23456789.yaml"),
    )
    .unwrap();
    // A case folder and id named after a CPR number.
    replace_everywhere(root, "lindely", CPR);
    fs::rename(
        root.join("cases/lindely"),
        root.join(format!("cases/{CPR}")),
    )
    .unwrap();
    // Case name, operator.
    let case = "cases/havbakken/case.yaml";
    edit(
        root,
        case,
        "name: Havbakken",
        &format!("name: \"Havbakken {NAME}\""),
    );
    edit(
        root,
        case,
        "operator: Region Nordjylland",
        &format!("operator: \"Region {EMAIL}\""),
    );
    // Episode id, child, staff, legal basis, decided_by.
    let csv = "cases/havbakken/episodes.csv";
    edit_line(root, csv, 2, |l| set_field(l, 0, "havbakken-0102031234"));
    edit_line(root, csv, 3, |l| set_field(l, 2, CPR));
    edit_line(root, csv, 4, |l| set_field(l, 13, &format!("P-12;{PHONE}")));
    edit_line(root, csv, 5, |l| set_field(l, 7, &format!("§ 9 {NAME}")));
    edit_line(root, csv, 6, |l| set_field(l, 15, EMAIL));
    // Question id, text, help, a scale label, a theme's name, a topic's title.
    let hyp = "hypotheses/18.1-0102031234.yaml";
    edit(root, hyp, "id: v1\n", &format!("id: \"v1-{EMAIL}\"\n"));
    replace_everywhere(
        root,
        "question: v1\n",
        &format!("question: \"v1-{EMAIL}\"\n"),
    );
    edit(
        root,
        hyp,
        "I hvilken grad vurderer tilsynet, om institutionens",
        &format!("I hvilken grad vurderer {CPR_PLAIN} tilsynet, om institutionens"),
    );
    edit(
        root,
        hyp,
        "Se efter, om rapporten forholder",
        &format!("Se efter, om {NAME} rapporten forholder"),
    );
    edit(
        root,
        hyp,
        "\"I nogen grad\"",
        &format!("\"I nogen grad {PHONE}\""),
    );
    edit(
        root,
        "themes/audit-18.1.yaml",
        "name: Den pædagogiske indsats",
        &format!("name: \"Den pædagogiske indsats {NAME}\""),
    );
    edit(
        root,
        "panel/topics.yaml",
        "title: Magtanvendelser",
        &format!("title: \"Magtanvendelser {CPR}\""),
    );
    edit(
        root,
        "panel/scores/nord.yaml",
        "comment: \"\"",
        &format!("comment: \"{EMAIL}\""),
    );
    vec![
        ("audit.yaml", "01********"),
        ("audit.yaml", "Ma**** ********"),
        ("audit.yaml", "23 ** ** **"),
        ("audit.yaml", "23******"),
        ("hypotheses/18.1-01********.yaml", "01********"),
        ("hypotheses/18.1-01********.yaml", "@*******.**"),
        ("hypotheses/18.1-01********.yaml", "Ma**** ********"),
        ("hypotheses/18.1-01********.yaml", "23 ** ** **"),
        ("cases/01****-****", "01****-****"),
        ("cases/01****-****/case.yaml", "01****-****"),
        ("cases/havbakken/case.yaml", "Ma**** ********"),
        ("cases/havbakken/case.yaml", "@*******.**"),
        ("cases/havbakken/episodes.csv", "01********"),
        ("cases/havbakken/episodes.csv", "01****-****"),
        ("cases/havbakken/episodes.csv", "23 ** ** **"),
        ("cases/havbakken/episodes.csv", "Ma**** ********"),
        ("cases/havbakken/episodes.csv", "@*******.**"),
        ("cases/kanalhuset/case.yaml", "23******"),
        ("themes/audit-18.1.yaml", "Ma**** ********"),
        ("panel/topics.yaml", "01****-****"),
        ("panel/scores/nord.yaml", "@*******.**"),
        ("panel/scores/hovedstaden-23******.yaml", "23******"),
    ]
}

/// The planted values and their other forms that `t` holds in full.
fn leaks_any(what: &str, t: &str) -> Vec<String> {
    let mut out = leaks(what, t);
    for v in [CPR_PLAIN, PHONE_PLAIN].iter().chain(&ALSO) {
        if let Some(line) = t.lines().find(|l| l.contains(*v)) {
            out.push(format!("{what}: {v:?} in full: {line}"));
        }
    }
    out
}

/// The app, headless (TestBackend), over every tab, a case's report, its
/// episodes and one episode, the magtprofil, the popups (help, problems,
/// finder with a search, the export preview) and the projector: every
/// frame as text.
fn app_frames(root: &Path) -> Vec<(String, String)> {
    use auditpanel::tui::app::App;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let audit = auditpanel::domain::load::load_audit(root);
    let mut app = App::new(
        audit,
        auditpanel::cli::Lang::Da,
        auditpanel::tui::theme::Theme::Standard,
    );
    app.size = ratatui::layout::Rect::new(0, 0, 160, 45);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
    let mut frames = Vec::new();
    let mut frame = |app: &App, what: String| {
        auditpanel::tui::render(app, &mut term);
        let buf = term.backend().buffer();
        let mut t = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                t.push_str(buf[(x, y)].symbol());
            }
            t.push('\n');
        }
        frames.push((what, t));
    };
    let key = |app: &mut App, code: KeyCode| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        while app.has_pending_work() {
            app.tick();
        }
    };
    frame(&app, "start".into());
    // Leave the problem screen the errors opened on.
    key(&mut app, KeyCode::Esc);
    let keys: Vec<(&str, Vec<KeyCode>)> = vec![
        ("tab", vec![KeyCode::Tab]),
        ("case report", vec![KeyCode::Down, KeyCode::Enter]),
        ("episodes", vec![KeyCode::Char('e')]),
        ("episode", vec![KeyCode::Enter]),
        (
            "magtprofil of the case",
            vec![KeyCode::Esc, KeyCode::Char('m')],
        ),
        ("tab", vec![KeyCode::Tab]),
        ("tab", vec![KeyCode::Tab]),
        ("next case", vec![KeyCode::Down]),
        ("tab", vec![KeyCode::Tab]),
        ("preview", vec![KeyCode::Char('x')]),
        ("preview closed", vec![KeyCode::Esc]),
        ("tab", vec![KeyCode::Tab]),
        ("help", vec![KeyCode::Char('?')]),
        ("help closed", vec![KeyCode::Esc]),
        ("problems", vec![KeyCode::Char('!')]),
        ("problems down", vec![KeyCode::Down, KeyCode::Down]),
        ("problems closed", vec![KeyCode::Esc]),
        ("finder", vec![KeyCode::Char('/')]),
        ("finder: magt", "magt".chars().map(KeyCode::Char).collect()),
        ("finder: havbakken", {
            let mut v = vec![KeyCode::Backspace; 4];
            v.extend("havbakken".chars().map(KeyCode::Char));
            v
        }),
        ("finder closed", vec![KeyCode::Esc]),
        ("projector", vec![KeyCode::Char('P')]),
        ("projector next", vec![KeyCode::Right]),
        ("projector closed", vec![KeyCode::Esc]),
    ];
    for (what, codes) in keys {
        for c in codes {
            key(&mut app, c);
        }
        frame(
            &app,
            format!("{what} ({:?} {:?})", app.tab, app.popup.is_some()),
        );
    }
    // Every tab's root once more, with its first item open.
    for _ in 0..6 {
        key(&mut app, KeyCode::Tab);
        frame(&app, format!("{:?}", app.tab));
        key(&mut app, KeyCode::Enter);
        frame(&app, format!("{:?} enter", app.tab));
        key(&mut app, KeyCode::Esc);
    }
    frames
}

#[test]
fn planted_names_ids_and_file_names_never_appear_on_any_surface() {
    let dir = example_copy();
    let root = dir.path();
    let places = plant_everywhere(root);

    // The commands: stdout, stderr and every written file.
    let outs = run_everything(root);
    let mut failures = Vec::new();
    for (what, o) in &outs {
        failures.extend(leaks_any(what, &text(o)));
    }
    for extra in [
        vec!["status", root.to_str().unwrap()],
        vec!["status", root.to_str().unwrap(), "--format", "json"],
        vec![
            "magtprofil",
            root.to_str().unwrap(),
            "--institution",
            "nosuch",
        ],
        vec![
            "export",
            root.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            "r.docx",
        ],
    ] {
        let o = run(root, &extra);
        assert_clean(&extra.join(" "), &o);
        failures.extend(leaks_any(&extra.join(" "), &text(&o)));
        assert_ne!(o.status.code(), Some(0), "{extra:?}: {}", text(&o));
    }
    assert!(!root.join("r.docx").exists(), "the Word report was written");

    // The app, every screen and popup.
    let frames = app_frames(root);
    // The preview was asked for and refused, its reason masked.
    assert!(
        frames
            .iter()
            .any(|(w, f)| w.starts_with("preview") && f.contains("rapporten blev ikke skrevet")),
        "no refused preview"
    );
    for (what, frame) in frames {
        failures.extend(leaks_any(&format!("app {what}"), &frame));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // check exits 1, naming each planted place (its file, masked).
    let check = output(&outs, "check");
    assert_eq!(check.status.code(), Some(1), "{}", text(check));
    let t = text(check);
    for (file, masked) in &places {
        assert!(
            t.lines().any(|l| l.starts_with(&format!("{file}:"))
                && l.contains(": error: ")
                && l.contains(masked)),
            "check does not name {file} with {masked}:\n{t}"
        );
    }
    // Every command that writes a file refused it (exit 1), or stopped on
    // the audit's errors (exit 2): none succeeded.
    for starts in ["scores-template", "export", "magtprofil", "agreement"] {
        for (what, o) in outs.iter().filter(|(w, _)| w.starts_with(starts)) {
            if what.contains("--ratings") || what.contains("--episodes") {
                continue;
            }
            assert_ne!(o.status.code(), Some(0), "{what}: {}", text(o));
        }
    }
}

/// A syntax error in audit.yaml no longer switches name masking off: the
/// block list is read on its own.
#[test]
fn a_broken_audit_yaml_keeps_the_block_list() {
    let dir = example_copy();
    let root = dir.path();
    edit(
        root,
        "audit.yaml",
        "fictitious: true",
        &format!("fictitious: true\n\"{NAME}\": 1"),
    );
    let r = root.to_str().unwrap();
    for args in [
        vec!["check", r],
        vec!["magtprofil", r],
        vec!["export", r],
        vec!["scores-template", r, "--rater", "nord", "-o", "t.yaml"],
        vec!["agreement", r],
        vec!["status", r],
    ] {
        let o = run(root, &args);
        assert_clean(&args.join(" "), &o);
        let t = text(&o);
        assert!(!t.contains(NAME), "{args:?} shows the name:\n{t}");
        assert_ne!(o.status.code(), Some(0), "{args:?}: {t}");
    }
    // With the list itself unreadable: said once, and name-like pairs masked.
    edit(root, "audit.yaml", "blocked_names:", "blocked_names: [");
    let o = run(root, &["export", r]);
    let t = text(&o);
    assert!(!t.contains(NAME), "{t}");
    assert!(t.contains("blokeringsliste"), "{t}");
    assert_eq!(t.matches("blokeringsliste").count(), 1, "{t}");
}
