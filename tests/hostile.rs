//! Hostile input (issue 10, items 3 and 5): nothing an audit folder holds
//! may hang the program, fill the memory, reach outside the audit, or make
//! the app write a file it cannot read back.
//!
//! - text with odd characters round-trips through every file the app and
//!   `scores-template` write (property tests);
//! - round numbers far too high, devices, named pipes, folders and links
//!   pointing out: each command run as the real binary with a deadline
//!   (killed and failed when it passes, so the suite never hangs);
//! - a loader fuzz test: random mutations of every kind of file of the
//!   audit, loaded and checked; no panic, no hang.

mod tui_support;

use tui_support::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::model::{Question, Scale, Tilsyn};
use auditpanel::domain::panel::files::{
    parse_conclusions, parse_scores, parse_topics, render_conclusions, render_topics,
};
use auditpanel::domain::panel::{
    Conclusions, Consensus, GuidanceItem, PanelContext, RaterScores, ScoreEntry, ScoreValue, Topic,
    TopicsFile, render_scores,
};
use proptest::prelude::*;

// ------------------------------------------------------------ round trips

/// Pieces of text a person (or a paste) may put in a name: quotes, YAML
/// indicators, line breaks of every kind, tabs, Unicode.
const ODD: &[&str] = &[
    "'",
    "\"",
    "#",
    ": ",
    "- ",
    "-",
    "? ",
    "|",
    ">",
    "&a",
    "*a",
    "!t",
    "%",
    "@",
    "`",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{1b}[31m",
    "\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{9b}",
    "æøå",
    "ÆØÅ",
    "A\u{30a}",
    "😀",
    "null",
    "~",
    "true",
    "no",
    "0x1F",
    "1.0",
    "1e3",
    "  ",
    " ",
    "\\",
    "\\n",
    "---",
    "...",
    "a",
    "Sag",
    "Tilsyn",
];

fn odd_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ODD), 0..8).prop_map(|v| v.concat())
}

/// Non-empty (ids must be).
fn odd_id() -> impl Strategy<Value = String> {
    (proptest::sample::select(ODD), odd_text()).prop_map(|(a, b)| format!("{a}{b}"))
}

fn context(
    audit_id: String,
    tilsyn_name: String,
    cases: Vec<(String, String)>,
    questions: Vec<(String, String)>,
    labels: Vec<String>,
) -> PanelContext {
    PanelContext {
        root: PathBuf::new(),
        audit_id,
        raters: vec![
            Tilsyn {
                id: "nord".into(),
                name: tilsyn_name,
            },
            Tilsyn {
                id: "syd".into(),
                name: "Socialtilsyn Syd".into(),
            },
        ],
        cases,
        questions: questions
            .into_iter()
            .map(|(id, text)| Question {
                id,
                theme: "t".into(),
                text,
                quality_theme: None,
                help: String::new(),
            })
            .collect(),
        scale: Scale {
            min: 1,
            max: 5,
            labels,
        },
        hypotheses: vec!["h1".into()],
        fictitious: false,
    }
}

/// The entries that say something, by round (what a file must keep).
fn said(s: &RaterScores) -> BTreeMap<(u32, (String, String)), ScoreEntry> {
    s.rounds
        .iter()
        .flat_map(|(r, cells)| {
            cells
                .iter()
                .filter(|(_, e)| !e.is_empty())
                .map(move |(k, e)| ((*r, k.clone()), e.clone()))
        })
        .collect()
}

fn distinct(v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// What the app and `scores-template` write into a score file reads
    /// back as it was, whatever the names, ids, labels, question texts and
    /// comments hold; the reader reports nothing.
    #[test]
    fn a_score_file_reads_back_as_written(
        audit_id in odd_text(),
        tilsyn_name in odd_text(),
        case_ids in proptest::collection::vec(odd_id(), 1..4),
        case_names in proptest::collection::vec(odd_text(), 4),
        question_ids in proptest::collection::vec(odd_id(), 1..4),
        question_texts in proptest::collection::vec(odd_text(), 4),
        labels in proptest::collection::vec(odd_text(), 5),
        comments in proptest::collection::vec(odd_text(), 16),
        values in proptest::collection::vec(0u8..7, 16),
        rounds in 1u32..3,
    ) {
        let case_ids = distinct(case_ids);
        let question_ids = distinct(question_ids);
        let cases: Vec<(String, String)> =
            case_ids.iter().cloned().zip(case_names.iter().cloned()).collect();
        let questions: Vec<(String, String)> =
            question_ids.iter().cloned().zip(question_texts.iter().cloned()).collect();
        let ctx = context(audit_id, tilsyn_name, cases.clone(), questions.clone(), labels);
        let mut scores = RaterScores::new("nord");
        let mut k = 0;
        for r in 1..=rounds {
            for (c, _) in &cases {
                for (q, _) in &questions {
                    let value = match values[k % values.len()] {
                        0 => None,
                        6 => Some(ScoreValue::NotAssessable),
                        v => Some(ScoreValue::Score(v)),
                    };
                    let comment = comments[k % comments.len()].clone();
                    scores.rounds.entry(r).or_default().insert(
                        (c.clone(), q.clone()),
                        ScoreEntry { value, comment },
                    );
                    k += 1;
                }
            }
        }
        let text = render_scores(&ctx, &scores, rounds).expect("renders");
        let mut diags = Diagnostics::new(Path::new(""));
        let back = parse_scores(&ctx, &text, Path::new("nord.yaml"), rounds, &mut diags);
        prop_assert!(diags.items.is_empty(), "{:?}\n{text}", diags.items);
        let back = back.expect("parses");
        prop_assert_eq!(said(&back), said(&scores), "{}", text);
    }

    /// The same for the topics and conclusions files.
    #[test]
    fn topics_and_conclusions_read_back_as_written(
        texts in proptest::collection::vec(odd_text(), 8),
        title in odd_id(),
    ) {
        let ctx = context("18.1".into(), "Nord".into(), Vec::new(), Vec::new(), Vec::new());
        let topics = TopicsFile {
            topics: vec![Topic {
                id: "emne-1".into(),
                title,
                description: texts[0].clone(),
                votes: 3,
                prioritised: true,
                discussion: texts[1].clone(),
                consensus: vec![Consensus {
                    text: texts[2].clone(),
                    dissent: vec!["nord".into()],
                    views: if texts[3].trim().is_empty() {
                        BTreeMap::new()
                    } else {
                        BTreeMap::from([("nord".to_string(), texts[3].clone())])
                    },
                }],
            }],
        };
        let text = render_topics(&ctx, &topics).expect("renders");
        let mut diags = Diagnostics::new(Path::new(""));
        let back = parse_topics(&ctx, &text, Path::new("topics.yaml"), &mut diags);
        prop_assert!(diags.items.is_empty(), "{:?}\n{text}", diags.items);
        prop_assert_eq!(back.expect("parses"), topics, "{}", text);

        let conclusions = Conclusions {
            guidance: vec![GuidanceItem {
                heading: texts[4].clone(),
                rationale: texts[5].clone(),
                guidance: texts[6].clone(),
            }],
            ..Conclusions::default()
        };
        let text = render_conclusions(&ctx, &conclusions).expect("renders");
        let back = parse_conclusions(&text, Path::new("conclusions.yaml"), Some(&ctx), &mut diags);
        prop_assert!(diags.items.is_empty(), "{:?}\n{text}", diags.items);
        prop_assert_eq!(back.expect("parses"), conclusions, "{}", text);
    }
}

// ------------------------------------------------------------ no hangs

/// Longer than any command takes on the example (well under a second of
/// CPU each, a few seconds of wall time on a loaded machine); a command
/// still running then hangs, and is killed so the suite goes on.
const DEADLINE: Duration = Duration::from_secs(20);

/// What a command said and how it ended.
struct Ran {
    code: Option<i32>,
    out: String,
    took: Duration,
}

/// Runs the real binary in `cwd` with a deadline; kills it and fails the
/// test when the deadline passes. Output goes to files, so a chatty child
/// never blocks on a full pipe.
fn run(cwd: &Path, args: &[&str]) -> Ran {
    let logs = tempfile::tempdir().expect("tempdir");
    let out_path = logs.path().join("out");
    let err_path = logs.path().join("err");
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("out"))
        .stderr(std::fs::File::create(&err_path).expect("err"))
        .spawn()
        .expect("spawn");
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`auditpanel {}` still ran after {DEADLINE:?}: it hangs",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    let out = format!(
        "{}{}",
        std::fs::read_to_string(&out_path).unwrap_or_default(),
        std::fs::read_to_string(&err_path).unwrap_or_default()
    );
    Ran {
        code: status.code(),
        out,
        took,
    }
}

/// Runs a closure (the app, in this process) with the same deadline.
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    within_for(what, DEADLINE, f)
}

/// Runs a closure on its own thread; fails when it is not done by
/// `deadline` (a panic in it fails the test with its own message).
fn within_for<T: Send + 'static>(
    what: &str,
    deadline: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(deadline) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => panic!("{what} ended without a result"),
        },
        Err(_) => panic!("{what} still ran after {deadline:?}: it hangs"),
    }
}

fn p(dir: &Path) -> &str {
    dir.to_str().expect("utf-8 path")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no '{from}'", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The line (1-based) of the first line of `path` that contains `needle`.
fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

/// `check`, `agreement` and `export` on `dir`: each ends, with an error.
fn every_command_ends_with_an_error(dir: &Path, expect: &str) {
    for args in [
        vec!["check", p(dir)],
        vec!["agreement", p(dir)],
        vec!["export", p(dir)],
        vec!["magtprofil", p(dir)],
    ] {
        let r = run(dir, &args);
        eprintln!("auditpanel {} took {:?}", args[0], r.took);
        if args[0] != "magtprofil" {
            assert_ne!(r.code, Some(0), "{args:?}: {}", r.out);
            assert!(r.out.contains(expect), "{args:?}: {}", r.out);
        }
        assert!(r.code.is_some(), "{args:?} was killed: {}", r.out);
    }
}

#[test]
fn a_round_of_4294967295_in_a_score_file_is_an_error_and_nothing_hangs() {
    let tmp = support::example_copy();
    let dir = tmp.path();
    let nord = dir.join("panel/scores/nord.yaml");
    edit(&nord, "- round: 1\n", "- round: 4294967295\n");
    let line = line_of(&nord, "round: 4294967295");
    every_command_ends_with_an_error(dir, &format!("panel/scores/nord.yaml:{line}:"));
    let r = run(dir, &["check", p(dir)]);
    assert!(r.out.contains("runde 4294967295 er for høj"), "{}", r.out);

    // The app: the first score burned a core writing four billion rounds.
    // Now the file is an error, the panel opens read-only, and a score
    // is refused at once.
    let dir = dir.to_path_buf();
    let (changed, read_only, shown) = within("scoring in the app", move || {
        let mut app = tui_support::app_in(&dir, auditpanel::cli::Lang::Da, 120, 36);
        let before = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).unwrap();
        for _ in 0..3 {
            tui_support::press(&mut app, ratatui::crossterm::event::KeyCode::Tab);
        }
        tui_support::typ(&mut app, "3");
        let after = std::fs::read_to_string(dir.join("panel/scores/nord.yaml")).unwrap();
        (
            before != after,
            app.panel.is_read_only(),
            tui_support::screen(&app),
        )
    });
    assert!(read_only, "{shown}");
    assert!(!changed, "the file was rewritten:\n{shown}");
}

#[test]
fn a_round_of_1000_is_an_error_not_a_file_of_a_thousand_rounds() {
    let tmp = support::example_copy();
    let dir = tmp.path();
    let nord = dir.join("panel/scores/nord.yaml");
    edit(&nord, "- round: 2\n", "- round: 1000\n");
    let line = line_of(&nord, "round: 1000");
    let r = run(dir, &["check", p(dir)]);
    assert_eq!(r.code, Some(1), "{}", r.out);
    assert!(
        r.out.contains(&format!("panel/scores/nord.yaml:{line}:")) && r.out.contains("højst 20"),
        "{}",
        r.out
    );
    // Opening it for writing keeps it as it is (read-only, never rewritten).
    let size = std::fs::metadata(&nord).unwrap().len();
    let audit = auditpanel::domain::load::load_audit(dir);
    let (store, diags) = auditpanel::domain::panel::PanelStore::open_with(
        dir,
        &audit,
        auditpanel::domain::panel::OpenOptions::default(),
    );
    assert!(store.is_read_only(), "{diags:?}");
    assert_eq!(std::fs::metadata(&nord).unwrap().len(), size);
}

#[test]
fn a_current_round_of_4294967295_is_an_error_and_nothing_hangs() {
    let tmp = support::example_copy();
    let dir = tmp.path();
    let session = dir.join("panel/session.yaml");
    edit(&session, "current_round: 2", "current_round: 4294967295");
    let line = line_of(&session, "current_round:");
    every_command_ends_with_an_error(dir, &format!("panel/session.yaml:{line}:"));
}

/// A named pipe at `path` (nothing ever writes to it: reading it blocks).
#[cfg(unix)]
fn fifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    let _ = std::fs::remove_file(at);
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

fn first_case(dir: &Path) -> PathBuf {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases.remove(0)
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_folders_are_refused_never_read() {
    let zero = Path::new("/dev/zero");
    for (what, make) in [
        ("a link to /dev/zero", 0),
        ("a named pipe", 1),
        ("a folder", 2),
    ] {
        for file in ["episodes.csv", "case.yaml"] {
            let tmp = support::inputs_copy();
            let dir = tmp.path();
            let case = first_case(dir);
            let at = case.join(file);
            match make {
                0 => link(zero, &at),
                1 => fifo(&at),
                _ => {
                    std::fs::remove_file(&at).unwrap();
                    std::fs::create_dir(&at).unwrap();
                }
            }
            let rel = at.strip_prefix(dir).unwrap().display().to_string();
            for cmd in ["check", "magtprofil", "export"] {
                let r = run(dir, &[cmd, p(dir)]);
                assert!(
                    r.code.is_some_and(|c| c != 0),
                    "{what} {file} {cmd}: {}",
                    r.out
                );
                if cmd == "check" {
                    assert!(
                        r.out.contains(&format!("{rel}:0:0: error")),
                        "{what}: {}",
                        r.out
                    );
                }
            }
        }
    }
    // The same given on the command line.
    let tmp = tempfile::tempdir().unwrap();
    let pipe = tmp.path().join("pipe.csv");
    fifo(&pipe);
    for file in [zero, pipe.as_path(), tmp.path()] {
        for args in [
            vec!["magtprofil", "--episodes", file.to_str().unwrap()],
            vec!["agreement", "--ratings", file.to_str().unwrap()],
        ] {
            let r = run(tmp.path(), &args);
            assert!(r.code.is_some_and(|c| c != 0), "{args:?}: {}", r.out);
            assert!(
                r.out.contains("ikke en almindelig fil") || r.out.contains("mappe"),
                "{args:?}: {}",
                r.out
            );
        }
    }
}

#[test]
fn the_hypotheses_file_must_lie_inside_the_audit() {
    let outside = tempfile::tempdir().unwrap();
    for (name, path) in [
        ("up", "../../outside.yaml"),
        ("absolute", "/etc/passwd"),
        ("windows", "C:\\\\hyp.yaml"),
        ("link", "link.yaml"),
    ] {
        let tmp = support::inputs_copy();
        let dir = tmp.path();
        let config = dir.join("audit.yaml");
        // The real hypotheses, outside the audit (a copy beside it, or a
        // link from inside pointing out).
        let real = std::fs::read_dir(dir.join("hypotheses"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::copy(&real, outside.path().join("outside.yaml")).unwrap();
        if name == "link" {
            #[cfg(unix)]
            link(
                &outside.path().join("outside.yaml"),
                &dir.join("hypotheses/link.yaml"),
            );
            #[cfg(not(unix))]
            continue;
        }
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}hypotheses_file: \"{path}\"\n")).unwrap();
        let line = line_of(&config, "hypotheses_file:");
        let r = run(dir, &["check", p(dir)]);
        assert_eq!(r.code, Some(1), "{name}: {}", r.out);
        let expect =
            format!("audit.yaml:{line}:1: error: 'hypotheses_file' peger uden for auditmappen");
        assert!(r.out.contains(&expect), "{name}: {}", r.out);
        assert!(
            !r.out.contains("root:"),
            "{name}: /etc/passwd was read: {}",
            r.out
        );
    }
}

#[cfg(unix)]
#[test]
fn a_case_folder_linked_in_from_outside_is_not_read() {
    let tmp = support::inputs_copy();
    let dir = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    let case = first_case(dir);
    let name = case.file_name().unwrap().to_owned();
    let moved = outside.path().join(&name);
    std::fs::rename(&case, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &case).unwrap();
    let r = run(dir, &["check", p(dir)]);
    assert_eq!(r.code, Some(1), "{}", r.out);
    let rel = format!(
        "cases/{}/case.yaml:0:0: error: filen ligger uden for",
        name.to_string_lossy()
    );
    assert!(r.out.contains(&rel), "{}", r.out);
}

#[test]
fn a_bare_output_file_name_is_written_in_the_current_folder() {
    let tmp = support::example_copy();
    let dir = tmp.path();
    let out = tempfile::tempdir().unwrap();
    let r = run(out.path(), &["export", p(dir), "-o", "rapport.md"]);
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert!(out.path().join("rapport.md").is_file());
    let r = run(
        out.path(),
        &["export", p(dir), "--format", "docx", "-o", "rapport.docx"],
    );
    assert_eq!(r.code, Some(0), "{}", r.out);
    let r = run(
        out.path(),
        &["scores-template", p(dir), "--rater", "nord", "-o", "t.yaml"],
    );
    assert_eq!(r.code, Some(0), "{}", r.out);
    assert!(out.path().join("t.yaml").is_file());
    assert!(!r.out.contains("findes ikke"), "{}", r.out);
}

#[test]
fn a_control_character_in_a_name_is_an_error_of_check_at_its_place() {
    let tmp = support::inputs_copy();
    let dir = tmp.path();
    let case = first_case(dir).join("case.yaml");
    let text = std::fs::read_to_string(&case).unwrap();
    let line = text.lines().position(|l| l.starts_with("name:")).unwrap() + 1;
    let name_line = text.lines().nth(line - 1).unwrap().to_string();
    std::fs::write(
        &case,
        text.replacen(&name_line, "name: \"Bakke\\rhuset\"", 1),
    )
    .unwrap();
    let r = run(dir, &["check", p(dir)]);
    assert_eq!(r.code, Some(1), "{}", r.out);
    let rel = case.strip_prefix(dir).unwrap().display().to_string();
    assert!(
        r.out.contains(&format!(
            "{rel}:{line}:7: error: feltet 'name' indeholder styretegnet U+000D"
        )),
        "{}",
        r.out
    );
}

// ------------------------------------------------------------ fuzzing

/// Pieces a mutation inserts: YAML and CSV syntax, line breaks of every
/// kind, control characters, numbers at the edge of their type, anchors.
const TOKENS: &[&str] = &[
    "\r",
    "\0",
    "\u{1b}",
    "\t",
    ":",
    ": ",
    "- ",
    "'",
    "\"",
    "&a ",
    "*a",
    "<<: *a",
    "{",
    "}",
    "[",
    "]",
    "|",
    "|+",
    ">-",
    "!!str ",
    "!!binary ",
    "!x ",
    "? ",
    "#",
    "\n",
    "\r\n",
    "\u{feff}",
    "ø",
    "😀",
    "~",
    "null",
    "4294967295",
    "18446744073709551616",
    "-1",
    "0",
    "1e309",
    ".nan",
    "\\",
    "\\x1b",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    ",",
    ",,,,",
    "\"\"\"",
    "round: ",
    "current_round: ",
    "\u{85}",
    "\u{2028}",
    "2026-02-30",
    "24:00",
    "T",
    "  ",
    "\n  - ",
];

/// Many aliases of aliases (a "billion laughs"): must stay bounded.
const ALIAS_BOMB: &str = "bomb: &a [x, x, x, x, x, x, x, x, x, x]\nb2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nb3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nb4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nb5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nb6: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";

/// The nearest character boundary at or before `i`.
fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` with one to three random changes.
fn mutate(text: &str, rng: &mut impl rand::Rng) -> String {
    use rand::seq::IndexedRandom;
    let mut s = text.to_string();
    for _ in 0..rng.random_range(1..=3) {
        let at = boundary(&s, rng.random_range(0..=s.len()));
        match rng.random_range(0..9) {
            0 | 1 => s.insert_str(at, TOKENS.choose(rng).unwrap()),
            2 => {
                let end = boundary(&s, at + rng.random_range(1..40));
                s.replace_range(at..end, "");
            }
            3 | 4 => {
                let mut lines: Vec<&str> = s.lines().collect();
                if lines.len() > 1 {
                    let i = rng.random_range(0..lines.len());
                    let j = rng.random_range(0..lines.len());
                    match rng.random_range(0..3) {
                        0 => lines.insert(j, lines[i]),
                        1 => {
                            lines.remove(i);
                        }
                        _ => lines.swap(i, j),
                    }
                    s = lines.join("\n");
                }
            }
            5 => {
                // A number in the text becomes one at the edge of its type.
                let digits: Vec<usize> = s
                    .char_indices()
                    .filter(|(_, c)| c.is_ascii_digit())
                    .map(|(i, _)| i)
                    .collect();
                if let Some(&i) = digits.choose(rng) {
                    let edge = [
                        "4294967295",
                        "4294967296",
                        "-1",
                        "0",
                        "65536",
                        "99999999999999999999",
                    ];
                    s.replace_range(i..i + 1, edge.choose(rng).unwrap());
                }
            }
            6 => s.truncate(at),
            7 => s.insert_str(
                boundary(&s, at),
                if rng.random_bool(0.5) { "  " } else { "\t" },
            ),
            _ => s.push_str(ALIAS_BOMB),
        }
    }
    s
}

/// A small audit, so that a load costs little: the example with two cases,
/// one with five episodes in episodes.csv and one with three in
/// episodes.yaml, and its panel.
fn small_audit() -> tempfile::TempDir {
    let tmp = support::example_copy();
    let cases = tmp.path().join("cases");
    for e in std::fs::read_dir(&cases).unwrap() {
        let e = e.unwrap();
        if e.file_name() != "birkeskraenten" && e.file_name() != "lindely" {
            std::fs::remove_dir_all(e.path()).unwrap();
        }
    }
    let csv = cases.join("birkeskraenten/episodes.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let head: Vec<&str> = text.lines().take(6).collect();
    std::fs::write(&csv, head.join("\n") + "\n").unwrap();
    let yaml = cases.join("lindely/episodes.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let cut = text
        .match_indices("\n  - id:")
        .nth(3)
        .map_or(text.len(), |(i, _)| i + 1);
    std::fs::write(&yaml, &text[..cut]).unwrap();
    tmp
}

/// Random mutations of every kind of file of an audit: the inputs are
/// loaded as the app and `check` load them, the panel files are read as
/// the store reads them, and every so often the whole `check` runs and
/// the store opens. No panic (a panic names the seed and the file), no
/// hang (the whole run has a deadline).
#[test]
fn fuzzed_files_never_panic_or_hang_the_loader() {
    use auditpanel::domain::load::load_audit;
    use auditpanel::domain::panel::files;
    use rand::SeedableRng;

    // A debug build parses YAML at about 0.5 MB/s: a plain `cargo test`
    // runs 600 cases, CI (`CI=true`, `.ci/run`) 2,000 (about 100 s on the
    // 2 cores while another build ran); `AUDITPANEL_FUZZ_CASES=20000 cargo
    // test --release --test hostile fuzzed` runs more.
    let cases: u64 = std::env::var("AUDITPANEL_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if support::in_ci() { 2000 } else { 600 });
    let tmp = small_audit();
    let root = tmp.path().to_path_buf();
    let audit = load_audit(&root);
    let hyp = std::fs::read_dir(root.join("hypotheses"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let theme = std::fs::read_dir(root.join("themes"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    // (file, read through the loader or as a panel file)
    let files: Vec<(PathBuf, bool)> = vec![
        (root.join("audit.yaml"), true),
        (root.join("cases/birkeskraenten/case.yaml"), true),
        (root.join("cases/birkeskraenten/episodes.csv"), true),
        (root.join("cases/lindely/episodes.yaml"), true),
        (hyp, true),
        (theme, true),
        (root.join("panel/session.yaml"), false),
        (root.join("panel/scores/nord.yaml"), false),
        (root.join("panel/topics.yaml"), false),
        (root.join("panel/conclusions.yaml"), false),
    ];
    let ctx = PanelContext::new(&root, &audit);
    // Nord's score file for the two cases only (a fifth of the size).
    let nord = root.join("panel/scores/nord.yaml");
    let text = std::fs::read_to_string(&nord).unwrap();
    let mut ignored = Diagnostics::new(&root);
    let scores = files::parse_scores(&ctx, &text, &nord, 2, &mut ignored).expect("nord");
    std::fs::write(&nord, render_scores(&ctx, &scores, 2).unwrap()).unwrap();
    within_for("the fuzz run", Duration::from_secs(300), move || {
        let originals: Vec<String> = files
            .iter()
            .map(|(f, _)| std::fs::read_to_string(f).unwrap())
            .collect();
        let mut loads = 0;
        for seed in 0..cases {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let k = (seed as usize) % files.len();
            let (file, input) = &files[k];
            let text = mutate(&originals[k], &mut rng);
            let t0 = Instant::now();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut diags = Diagnostics::new(&root);
                let name = file.file_name().unwrap().to_str().unwrap();
                // The inputs through the whole loader a third of the time
                // (it reads every file of the small audit), else the part
                // that reads this file.
                if *input && seed % 3 == 0 {
                    std::fs::write(file, &text).unwrap();
                    load_audit(&root);
                    loads += 1;
                } else if *input {
                    auditpanel::domain::controls::check_yaml(&text, file, &mut diags);
                    if name == "episodes.csv" {
                        auditpanel::domain::episodes::read_csv(
                            text.as_bytes(),
                            file,
                            Some("birkeskraenten"),
                            &mut diags,
                            |_| {},
                        );
                    } else if name == "episodes.yaml" {
                        auditpanel::domain::episodes::load_yaml(
                            &text,
                            file,
                            Some("lindely"),
                            &mut diags,
                        );
                    } else {
                        std::fs::write(file, &text).unwrap();
                        load_audit(&root);
                        loads += 1;
                    }
                } else {
                    match name {
                        "session.yaml" => drop(files::parse_session(&ctx, &text, file, &mut diags)),
                        "topics.yaml" => drop(files::parse_topics(&ctx, &text, file, &mut diags)),
                        "conclusions.yaml" => drop(files::parse_conclusions(
                            &text,
                            file,
                            Some(&ctx),
                            &mut diags,
                        )),
                        _ => drop(files::parse_scores(&ctx, &text, file, 2, &mut diags)),
                    }
                }
                // Now and then everything: check, and the store opening.
                if seed % 151 == 0 {
                    std::fs::write(file, &text).unwrap();
                    auditpanel::domain::check::check(&root);
                    let audit = load_audit(&root);
                    let _ = auditpanel::domain::panel::PanelStore::open_with(
                        &root,
                        &audit,
                        auditpanel::domain::panel::OpenOptions::read_only(),
                    );
                }
                std::fs::write(file, &originals[k]).unwrap();
            }));
            if std::env::var_os("FUZZ_SLOW").is_some() && t0.elapsed() > Duration::from_millis(100)
            {
                eprintln!("seed {seed} {} took {:?}", file.display(), t0.elapsed());
            }
            if outcome.is_err() {
                std::fs::write(file, &originals[k]).unwrap();
                panic!(
                    "seed {seed}: reading a mutated {} panicked; the text:\n{text:?}",
                    file.display()
                );
            }
        }
        loads
    });
}
