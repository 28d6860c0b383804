//! The panel's files end to end: scoring by two raters, blind rounds,
//! topics with consensus and dissent, verdicts, guidance and follow-up,
//! reopening, undo/redo, damaged files, the lock, atomic writes and the
//! scores template. Each test builds a small audit in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::model::Audit;
use auditpanel::domain::panel::*;
use chrono::NaiveDate;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Three tilsyn, two cases, three questions on a 1–5 scale, two hypotheses.
fn audit_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(
        r,
        "audit.yaml",
        "id: '99.1'\ntitle: Testaudit\nfictitious: true\ntilsyn:\n  - id: nord\n    name: Socialtilsyn Nord\n  - id: syd\n    name: Socialtilsyn Syd\n  - id: oest\n    name: Socialtilsyn Øst\n",
    );
    write(
        r,
        "themes/themes.yaml",
        "themes:\n  - id: magt\n    name: Magtanvendelser\n    kind: audit\n  - id: paed\n    name: Pædagogisk indsats\n    kind: audit\n  - id: km_paed\n    name: Pædagogik (kvalitetsmodel)\n    kind: kvalitetsmodel\n",
    );
    write(
        r,
        "hypotheses/99.1.yaml",
        "audit: '99.1'\nhypotheses:\n  - id: h1\n    text: Forskelle i brugen af magt\n    themes: [magt]\n  - id: h2\n    text: Forskelle i pædagogikken\n    themes: [paed]\nform:\n  scale:\n    min: 1\n    max: 5\n    labels: [meget utilstrækkelig, utilstrækkelig, delvis, tilstrækkelig, meget tilstrækkelig]\n  questions:\n    - id: q1\n      theme: magt\n      text: Følger institutionen reglerne for registrering?\n    - id: q2\n      theme: magt\n      text: Bliver barnets udtalelse indhentet?\n    - id: q3\n      theme: paed\n      text: Er den pædagogiske indsats beskrevet?\n      quality_theme: km_paed\n",
    );
    for (id, t) in [("bakkely", "nord"), ("skovly", "syd")] {
        write(
            r,
            &format!("cases/{id}/case.yaml"),
            &format!(
                "id: {id}\nname: Institution {id}\nkind: sikret\noperator: Region Test\ntilsyn: {t}\nplaces: 10\nreport:\n  date: 2024-03-01\n  announced: false\n  themes:\n    - theme: km_paed\n      score: 3\n      assessment: Opfundet vurdering.\n"
            ),
        );
    }
    dir
}

fn load(dir: &Path) -> Audit {
    let a = load_audit(dir);
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    a
}

fn open(dir: &Path) -> (PanelStore, Audit) {
    let a = load(dir);
    let (s, d) = PanelStore::open(dir, &a);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.mode(), &OpenMode::ReadWrite);
    (s, a)
}

fn score(round: u32, rater: &str, case: &str, q: &str, value: u8) -> Change {
    Change::SetScore {
        round,
        rater: rater.into(),
        case: case.into(),
        question: q.into(),
        value,
    }
}

fn comment(round: u32, rater: &str, case: &str, q: &str, text: &str) -> Change {
    Change::SetComment {
        round,
        rater: rater.into(),
        case: case.into(),
        question: q.into(),
        comment: text.into(),
    }
}

fn followup(action: &str) -> FollowUpItem {
    FollowUpItem {
        action: action.into(),
        owner: "Socialstyrelsen".into(),
        due: NaiveDate::from_ymd_opt(2026, 6, 1),
        status: FollowUpStatus::Planlagt,
        note: String::new(),
    }
}

/// Everything the panel does in a meeting, in order.
fn meeting() -> Vec<Change> {
    vec![
        score(1, "nord", "bakkely", "q1", 4),
        comment(
            1,
            "nord",
            "bakkely",
            "q1",
            "Registreres til tiden.\nMen uden udtalelse.",
        ),
        score(1, "syd", "bakkely", "q1", 2),
        Change::SetNotAssessable {
            round: 1,
            rater: "syd".into(),
            case: "bakkely".into(),
            question: "q2".into(),
        },
        score(1, "nord", "skovly", "q3", 5),
        Change::Reveal { round: 1 },
        Change::StartNextRound {
            scope: RoundScope::All,
        },
        score(2, "syd", "bakkely", "q1", 3),
        Change::AddTopic {
            title: "Magtanvendelser".into(),
            description: "Hvordan tilsynene læser indberetningerne".into(),
        },
        Change::AddTopic {
            title: "Brug af sanktioner".into(),
            description: String::new(),
        },
        Change::Vote {
            id: "magtanvendelser".into(),
        },
        Change::Vote {
            id: "magtanvendelser".into(),
        },
        Change::SetPrioritised {
            id: "magtanvendelser".into(),
            prioritised: true,
        },
        Change::SetDiscussion {
            id: "magtanvendelser".into(),
            text: "Panelet drøftede\nregistreringsfristen.".into(),
        },
        Change::AddConsensus {
            topic: "magtanvendelser".into(),
            text: "Der var enighed om, at fristen på 24 timer skal tjekkes.".into(),
            dissent: vec!["oest".into()],
        },
        Change::SetVerdict {
            hypothesis: "h1".into(),
            verdict: Some(Verdict::DelvistBekraeftet),
            agreement: Some(AgreementSnapshot {
                level: "ordinal".into(),
                rounds: vec![RoundAgreement {
                    round: 1,
                    alpha: Some(0.512),
                    ci_low: Some(0.301),
                    ci_high: Some(0.688),
                    values: Some(40),
                }],
            }),
        },
        Change::SetRationale {
            hypothesis: "h1".into(),
            text: "Forskelle findes, men de er ikke betydelige.".into(),
        },
        Change::AddGuidance(GuidanceItem {
            heading: "Systematisk overblik".into(),
            rationale: "To tilsyn havde et overblik.".into(),
            guidance: format!("{GUIDANCE_PREFIX} alle tilsyn laver en magtprofil."),
        }),
        Change::AddFollowUp(followup("Vejledning om magtprofil")),
        Change::SetFollowUpStatus {
            index: 0,
            status: FollowUpStatus::Igang,
        },
    ]
}

fn check_meeting(s: &PanelStore) {
    assert_eq!(
        s.value(1, "nord", "bakkely", "q1"),
        Some(ScoreValue::Score(4))
    );
    assert_eq!(
        s.entry(1, "nord", "bakkely", "q1").unwrap().comment,
        "Registreres til tiden.\nMen uden udtalelse."
    );
    assert_eq!(
        s.value(1, "syd", "bakkely", "q1"),
        Some(ScoreValue::Score(2))
    );
    assert_eq!(
        s.value(1, "syd", "bakkely", "q2"),
        Some(ScoreValue::NotAssessable)
    );
    assert_eq!(s.value(1, "syd", "bakkely", "q3"), None);
    assert_eq!(
        s.value(2, "syd", "bakkely", "q1"),
        Some(ScoreValue::Score(3))
    );
    assert_eq!(s.current_round(), 2);
    assert!(s.is_revealed(1));
    assert!(!s.is_revealed(2));
    let ids: Vec<&str> = s.topics().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["magtanvendelser", "brug-af-sanktioner"]);
    let t = s.topic("magtanvendelser").unwrap();
    assert_eq!((t.votes, t.prioritised), (2, true));
    assert_eq!(t.discussion, "Panelet drøftede\nregistreringsfristen.");
    assert_eq!(t.consensus.len(), 1);
    assert_eq!(t.consensus[0].dissent, ["oest"]);
    let v = s.verdict("h1").unwrap();
    assert_eq!(v.verdict, Some(Verdict::DelvistBekraeftet));
    assert_eq!(v.rationale, "Forskelle findes, men de er ikke betydelige.");
    let a = v.agreement.as_ref().unwrap();
    assert_eq!(a.rounds[0].alpha, Some(0.512));
    assert_eq!(a.rounds[0].ci_high, Some(0.688));
    assert_eq!(s.conclusions().guidance.len(), 1);
    assert_eq!(s.conclusions().followup[0].status, FollowUpStatus::Igang);
    assert_eq!(
        s.conclusions().followup[0].due,
        NaiveDate::from_ymd_opt(2026, 6, 1)
    );
}

#[test]
fn a_meeting_is_written_and_found_again_after_reopening() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    for c in meeting() {
        s.apply(c).unwrap();
    }
    check_meeting(&s);
    let round1 = s.ratings(1);
    assert_eq!(round1.len(), 2 * 3 * 3);
    assert_eq!(
        round1[0],
        ("bakkely".into(), "q1".into(), "nord".into(), Some(4))
    );
    assert_eq!(round1[1].3, Some(2));
    assert_eq!(
        round1[4].3, None,
        "kan ikke vurderes is missing for agreement"
    );
    drop(s);
    assert_eq!(
        lock::holder(&dir.path().join("panel"), lock::FACILITATOR),
        None
    );
    assert!(!dir.path().join("panel/.locks/facilitator.info").exists());

    let (s, a) = open(dir.path());
    check_meeting(&s);
    assert_eq!(s.ratings(1), round1);
    // The checker agrees with the store.
    let mut d = Diagnostics::new(dir.path());
    check_panel(&a, &mut d);
    assert!(d.items.is_empty(), "{:?}", d.items);
    // Only the raters who scored have files.
    let mut files: Vec<String> = fs::read_dir(dir.path().join("panel/scores"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["nord.yaml", "syd.yaml"]);
}

#[test]
fn files_are_readable_yaml_with_a_comment_on_top() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    for c in meeting() {
        s.apply(c).unwrap();
    }
    let read = |f: &str| fs::read_to_string(dir.path().join("panel").join(f)).unwrap();
    for f in [
        "scores/nord.yaml",
        "topics.yaml",
        "conclusions.yaml",
        "session.yaml",
    ] {
        assert!(read(f).starts_with("# "), "{f} starts with a comment");
    }
    let nord = read("scores/nord.yaml");
    assert!(nord.contains("rater: nord\nrounds:\n  - round: 1\n    scores:\n"));
    assert!(nord.contains(
        "      # q1: Følger institutionen reglerne for registrering? (1–5)\n      - case: bakkely\n        question: q1\n        value: 4\n        comment: |-\n          Registreres til tiden.\n          Men uden udtalelse.\n"
    ));
    assert!(nord.contains("# Skala:\n#   1 = meget utilstrækkelig\n#   2 = utilstrækkelig\n"));
    let syd = read("scores/syd.yaml");
    assert!(syd.contains("question: q2\n        value: kan ikke vurderes\n"));
    assert!(syd.contains("  - round: 2\n"));
    let session = read("session.yaml");
    assert!(session.ends_with(
        "current_round: 2\nrounds:\n- round: 1\n  revealed: true\n- round: 2\n  revealed: false\n"
    ));
    let topics = read("topics.yaml");
    assert!(topics.contains("    dissent:\n    - oest\n"), "{topics}");
    assert!(topics.contains("  discussion: |-\n    Panelet drøftede\n    registreringsfristen.\n"));
    let c = read("conclusions.yaml");
    assert!(c.contains("verdict: delvist_bekraeftet"));
    assert!(c.contains("status: igang"));
    assert!(c.contains("due: 2026-06-01"));
}

#[test]
fn undo_and_redo_every_kind_of_change_and_write_it() {
    let dir = audit_dir();
    let (mut s, a) = open(dir.path());
    let empty = s.data().clone();
    let mut states = vec![empty.clone()];
    let changes = meeting();
    let extra = vec![
        Change::ClearScore {
            round: 2,
            rater: "syd".into(),
            case: "bakkely".into(),
            question: "q1".into(),
        },
        Change::Conceal { round: 1 },
        Change::EditTopic {
            id: "brug-af-sanktioner".into(),
            title: "Sanktioner".into(),
            description: "x".into(),
        },
        Change::MoveTopic {
            id: "brug-af-sanktioner".into(),
            to: 0,
        },
        Change::SetVotes {
            id: "brug-af-sanktioner".into(),
            votes: 7,
        },
        Change::EditConsensus {
            topic: "magtanvendelser".into(),
            index: 0,
            text: "Ny tekst".into(),
            dissent: vec!["nord".into(), "syd".into()],
        },
        Change::DeleteConsensus {
            topic: "magtanvendelser".into(),
            index: 0,
        },
        Change::DeleteTopic {
            id: "brug-af-sanktioner".into(),
        },
        Change::EditGuidance {
            index: 0,
            item: GuidanceItem {
                heading: "Ny".into(),
                rationale: String::new(),
                guidance: String::new(),
            },
        },
        Change::DeleteGuidance { index: 0 },
        Change::EditFollowUp {
            index: 0,
            item: followup("Anden handling"),
        },
        Change::DeleteFollowUp { index: 0 },
        Change::SetVerdict {
            hypothesis: "h1".into(),
            verdict: None,
            agreement: None,
        },
    ];
    for c in changes.into_iter().chain(extra) {
        s.apply(c).unwrap();
        states.push(s.data().clone());
    }
    let n = states.len() - 1;
    // Undo everything, checking memory and disk after each step.
    for i in (0..n).rev() {
        assert!(s.undo().unwrap().is_some());
        assert_eq!(on_disk(dir.path(), &a), normal(s.data()));
        assert_eq!(
            normal(s.data()),
            normal(&states[i]),
            "after undoing step {}",
            i + 1
        );
    }
    assert_eq!(s.undo().unwrap(), None);
    // Redo everything.
    for (i, state) in states.iter().enumerate().skip(1) {
        assert!(s.redo().unwrap().is_some());
        assert_eq!(normal(s.data()), normal(state), "after redoing step {i}");
    }
    assert_eq!(s.redo().unwrap(), None);
    assert_eq!(on_disk(dir.path(), &a), normal(&states[n]));
    // A new change clears redo.
    s.undo().unwrap();
    assert!(s.redo_label().is_some());
    s.apply(Change::Vote {
        id: "magtanvendelser".into(),
    })
    .unwrap();
    assert_eq!(s.redo_label(), None);
    assert_eq!(s.undo_label(), Some("stemme på 'magtanvendelser'"));
}

/// What a fresh reader finds on disk, without a lock.
fn on_disk(dir: &Path, a: &Audit) -> PanelData {
    let (s, d) = PanelStore::open_with(dir, a, OpenOptions::read_only());
    assert!(d.is_empty(), "{d:?}");
    normal(s.data())
}

/// Drops entries and raters with nothing in them (a written file holds the
/// whole grid, memory only what was touched).
fn normal(d: &PanelData) -> PanelData {
    let mut d = d.clone();
    for s in d.scores.values_mut() {
        for cells in s.rounds.values_mut() {
            cells.retain(|_, e| !e.is_empty());
        }
        s.rounds.retain(|_, c| !c.is_empty());
    }
    d.scores.retain(|_, s| !s.rounds.is_empty());
    d
}

#[test]
fn history_is_per_session() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    drop(s);
    let (mut s, _) = open(dir.path());
    assert_eq!(s.undo_label(), None);
    assert_eq!(s.undo().unwrap(), None);
    assert_eq!(
        s.value(1, "nord", "bakkely", "q1"),
        Some(ScoreValue::Score(3))
    );
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    let bad = [
        (
            score(1, "vest", "bakkely", "q1", 3),
            "ukendt tilsyn 'vest'; brug et af: nord, syd, oest",
        ),
        (score(1, "nord", "x", "q1", 3), "ukendt sag 'x'"),
        (
            score(1, "nord", "bakkely", "q9", 3),
            "ukendt spørgsmål 'q9'",
        ),
        (
            score(1, "nord", "bakkely", "q1", 6),
            "6 ligger uden for skalaen 1–5",
        ),
        (
            score(2, "nord", "bakkely", "q1", 3),
            "runde 2 er ikke startet (runde 1 er i gang)",
        ),
        (
            Change::Reveal { round: 2 },
            "runde 2 er ikke startet (runde 1 er i gang)",
        ),
        (Change::Vote { id: "nej".into() }, "ukendt emne 'nej'"),
        (
            Change::AddTopic {
                title: "  ".into(),
                description: String::new(),
            },
            "emnets titel må ikke være tom",
        ),
        (
            Change::DeleteGuidance { index: 0 },
            "faglig vejledning nr. 1 findes ikke",
        ),
        (
            Change::SetRationale {
                hypothesis: "h9".into(),
                text: "x".into(),
            },
            "ukendt hypotese 'h9'",
        ),
    ];
    for (c, msg) in bad {
        assert_eq!(s.apply(c).unwrap_err().to_string(), msg);
    }
    assert!(!dir.path().join("panel/scores").exists());
    assert_eq!(s.undo_label(), None);
    // Round 1 closes when round 2 starts.
    s.apply(Change::StartNextRound {
        scope: RoundScope::All,
    })
    .unwrap();
    assert_eq!(
        s.apply(score(1, "nord", "bakkely", "q1", 3))
            .unwrap_err()
            .to_string(),
        "runde 1 er lukket, fordi runde 2 er startet; fortryd starten for at rette"
    );
}

#[test]
fn pre_filled_files_are_merged_and_only_the_changed_rater_is_written() {
    let dir = audit_dir();
    write(
        dir.path(),
        "panel/scores/oest.yaml",
        "# udfyldt i hånden\nrater: oest\nrounds:\n  - round: 1\n    scores:\n      - case: skovly\n        question: q2\n        value: 1\n        comment: Hurtigt skrevet\n",
    );
    let before = fs::read(dir.path().join("panel/scores/oest.yaml")).unwrap();
    let (mut s, _) = open(dir.path());
    assert_eq!(
        s.value(1, "oest", "skovly", "q2"),
        Some(ScoreValue::Score(1))
    );
    s.apply(score(1, "nord", "skovly", "q2", 2)).unwrap();
    assert_eq!(
        fs::read(dir.path().join("panel/scores/oest.yaml")).unwrap(),
        before
    );
    let rows: Vec<_> = s
        .ratings(1)
        .into_iter()
        .filter(|r| r.0 == "skovly" && r.1 == "q2")
        .map(|r| (r.2, r.3))
        .collect();
    assert_eq!(
        rows,
        [
            ("nord".into(), Some(2)),
            ("syd".into(), None),
            ("oest".into(), Some(1))
        ]
    );
}

#[test]
fn blind_rounds_show_only_ones_own_scores_until_revealed() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    assert!(s.visible(1, Some("nord"), "nord"));
    assert!(!s.visible(1, Some("nord"), "syd"));
    assert!(!s.visible(1, None, "syd"));
    s.apply(Change::Reveal { round: 1 }).unwrap();
    assert!(s.visible(1, Some("nord"), "syd"));
    assert!(s.visible(1, None, "syd"));
    s.apply(Change::StartNextRound {
        scope: RoundScope::All,
    })
    .unwrap();
    assert!(!s.visible(2, Some("nord"), "syd"));
}

#[test]
fn progress_and_next_unscored() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    assert_eq!(
        s.next_unscored(1, "nord", None),
        Some(("bakkely".into(), "q1".into()))
    );
    s.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    s.apply(Change::SetNotAssessable {
        round: 1,
        rater: "nord".into(),
        case: "bakkely".into(),
        question: "q3".into(),
    })
    .unwrap();
    assert_eq!(
        s.progress(1, "nord", Some("bakkely")),
        Progress {
            scored: 1,
            not_assessable: 1,
            total: 3
        }
    );
    assert_eq!(s.progress(1, "nord", None).total, 6);
    assert_eq!(
        s.next_unscored(1, "nord", Some(("bakkely", "q1"))),
        Some(("bakkely".into(), "q2".into()))
    );
    assert_eq!(
        s.next_unscored(1, "nord", Some(("bakkely", "q2"))),
        Some(("skovly".into(), "q1".into()))
    );
}

// ------------------------------------------------------------ damaged files

fn damaged(rel: &str, text: &str) -> (tempfile::TempDir, Vec<String>, PanelStore) {
    let dir = audit_dir();
    write(dir.path(), rel, text);
    let a = load(dir.path());
    let (s, d) = PanelStore::open(dir.path(), &a);
    let msgs = d.iter().map(ToString::to_string).collect();
    (dir, msgs, s)
}

fn assert_never_written(dir: &Path, rel: &str, s: &mut PanelStore) {
    assert_eq!(
        s.mode(),
        &OpenMode::ReadOnly {
            reason: ReadOnlyReason::Damaged
        }
    );
    let before = fs::read(dir.join(rel)).unwrap();
    let err = s.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("kan ikke gemme: en fil i panel/ har fejl")
    );
    assert!(s.apply(Change::Vote { id: "x".into() }).is_err());
    assert!(s.undo().is_err());
    assert_eq!(fs::read(dir.join(rel)).unwrap(), before);
    assert!(!dir.join("panel/.locks").exists(), "no lock when damaged");
    assert!(!dir.join("panel/topics.yaml").exists() || rel == "panel/topics.yaml");
}

const NORD_HEAD: &str = "rater: nord\nrounds:\n  - round: 1\n    scores:\n";

#[test]
fn a_duplicate_key_is_reported_and_never_overwritten() {
    let rel = "panel/scores/nord.yaml";
    let (dir, msgs, mut s) = damaged(
        rel,
        &format!(
            "{NORD_HEAD}      - case: bakkely\n        question: q1\n        value: 3\n        value: 4\n"
        ),
    );
    assert_eq!(
        msgs,
        [
            "panel/scores/nord.yaml:8:9: error: nøglen 'value' står to gange i samme afsnit; slet den ene"
        ]
    );
    assert_never_written(dir.path(), rel, &mut s);
}

#[test]
fn an_unknown_field_is_reported_and_never_overwritten() {
    let rel = "panel/scores/nord.yaml";
    let (dir, msgs, mut s) = damaged(
        rel,
        &format!("{NORD_HEAD}      - case: bakkely\n        question: q1\n        score: 3\n"),
    );
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with("panel/scores/nord.yaml:7:9: error: ukendt felt 'score'; tilladte felter er: case, question, value, comment"),
        "{msgs:?}"
    );
    assert_never_written(dir.path(), rel, &mut s);
}

#[test]
fn a_value_off_the_scale_is_reported_and_never_overwritten() {
    let rel = "panel/scores/nord.yaml";
    let (dir, msgs, mut s) = damaged(
        rel,
        &format!(
            "{NORD_HEAD}      - case: bakkely\n        question: q1\n        value: 9\n      - case: skovly\n        question: q2\n        value: måske\n"
        ),
    );
    assert_eq!(
        msgs,
        [
            "panel/scores/nord.yaml:7:16: error: værdien 9 ligger uden for skalaen 1–5; skriv et helt tal fra 1 til 5, 'kan ikke vurderes' eller null (ikke scoret)",
            "panel/scores/nord.yaml:10:16: error: ukendt værdi; skriv et helt tal fra 1 til 5, 'kan ikke vurderes' eller null (ikke scoret)",
        ]
    );
    assert_never_written(dir.path(), rel, &mut s);
}

#[test]
fn wrong_references_in_score_files_are_errors_with_places() {
    let (_dir, msgs, _s) = damaged(
        "panel/scores/nord.yaml",
        &format!(
            "{NORD_HEAD}      - case: ukendt\n        question: q1\n      - case: bakkely\n        question: q7\n      - case: bakkely\n        question: q1\n      - case: bakkely\n        question: q1\n"
        ),
    );
    assert_eq!(
        msgs,
        [
            "panel/scores/nord.yaml:5:15: error: ukendt sag 'ukendt'; den skal findes i cases/",
            "panel/scores/nord.yaml:8:19: error: ukendt spørgsmål 'q7'; det skal findes i vurderingsskemaet",
            "panel/scores/nord.yaml:11:15: error: sag 'bakkely' og spørgsmål 'q1' er scoret to gange i runde 1; slet den ene",
        ]
    );
    let (_dir, msgs, _s) = damaged("panel/scores/nord.yaml", "rater: syd\nrounds: []\n");
    assert_eq!(
        msgs,
        [
            "panel/scores/nord.yaml:1:8: error: filen med 'syd's scorer skal hedde syd.yaml; omdøb filen"
        ]
    );
    let (_dir, msgs, _s) = damaged("panel/scores/vest.yaml", "rater: vest\n");
    assert_eq!(
        msgs,
        ["panel/scores/vest.yaml:1:8: error: ukendt tilsyn 'vest'; brug et af: nord, syd, oest"]
    );
}

#[test]
fn damaged_topics_and_conclusions_are_reported() {
    let rel = "panel/topics.yaml";
    let (dir, msgs, mut s) = damaged(
        rel,
        "topics:\n  - id: a\n    title: A\n    consensus:\n      - text: Enige\n        dissent: [nord, vest]\n  - id: a\n    title: B\n",
    );
    assert_eq!(
        msgs,
        [
            "panel/topics.yaml:6:25: error: ukendt tilsyn 'vest' under 'dissent'; brug et af: nord, syd, oest",
            "panel/topics.yaml:7:9: error: emnet 'a' står to gange; giv det et andet id",
        ]
    );
    assert_never_written(dir.path(), rel, &mut s);

    let (_dir, msgs, _s) = damaged(
        "panel/conclusions.yaml",
        "verdicts:\n  - hypothesis: h1\n    verdict: maaske\n",
    );
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with("panel/conclusions.yaml:3:14: error: ukendt værdi; brug en af: bekraeftet, delvist_bekraeftet, ikke_belaeg"),
        "{msgs:?}"
    );
    let (_dir, msgs, _s) = damaged(
        "panel/conclusions.yaml",
        "verdicts:\n  - hypothesis: h7\nfollowup:\n  - action: x\n    due: 2026-13-01\n",
    );
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].starts_with("panel/conclusions.yaml:5:"), "{msgs:?}");
}

#[test]
fn the_example_helpers_topics_format_is_read() {
    let dir = audit_dir();
    write(
        dir.path(),
        "panel/topics.yaml",
        "topics:\n  - id: magtanvendelser\n    title: Magtanvendelser\n    description: \"\"\n    votes: 0\n    prioritised: false\n    discussion: \"\"\n    consensus: []\n",
    );
    let (s, _) = open(dir.path());
    assert_eq!(s.topics()[0].title, "Magtanvendelser");
}

// ------------------------------------------------------------ lock, atomic writes

#[test]
fn a_second_copy_is_told_it_is_open_elsewhere() {
    let dir = audit_dir();
    let (mut first, a) = open(dir.path());
    let (mut second, d) = PanelStore::open(dir.path(), &a);
    assert!(d.is_empty());
    match second.mode() {
        OpenMode::ReadOnly {
            reason:
                ReadOnlyReason::OpenElsewhere {
                    pid, host, role, ..
                },
        } => {
            assert_eq!(*pid, std::process::id());
            assert_eq!(*host, lock::hostname());
            assert_eq!(role, "facilitator");
        }
        m => panic!("expected OpenElsewhere, got {m:?}"),
    }
    assert!(second.apply(score(1, "nord", "bakkely", "q1", 3)).is_err());
    first.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    drop(second);
    let panel = dir.path().join("panel");
    assert_eq!(
        lock::holder(&panel, lock::FACILITATOR).map(|h| h.pid),
        Some(std::process::id()),
        "the read-only copy leaves the lock alone"
    );
    drop(first);
    assert_eq!(lock::holder(&panel, lock::FACILITATOR), None);
    let (third, _) = PanelStore::open(dir.path(), &a);
    assert_eq!(third.mode(), &OpenMode::ReadWrite);
}

#[test]
fn an_old_pid_lock_file_is_ignored_and_removed() {
    let dir = audit_dir();
    write(
        dir.path(),
        "panel/.lock",
        &format!(
            "pid: {}\nhost: {}\nsince: 2020-01-01T10:00:00\n",
            std::process::id(),
            lock::hostname()
        ),
    );
    let (mut s, _) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    assert!(!dir.path().join("panel/.lock").exists());
}

/// Not a test on its own (ignored): when `PANEL_LOCK_CHILD` is set, the
/// child process of `two_processes_racing_for_one_lock_never_both_hold_it`.
/// Opens the store as the tilsyn named in `PANEL_LOCK_ROLE`, prints
/// `held` or `refused`, then waits until its stdin closes.
#[test]
#[ignore = "child process of the lock race test"]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn lock_child() {
    let Ok(dir) = std::env::var("PANEL_LOCK_CHILD") else {
        return;
    };
    let role = std::env::var("PANEL_LOCK_ROLE").unwrap();
    let dir = PathBuf::from(dir);
    let a = load(&dir);
    let (s, _) = PanelStore::open_with(&dir, &a, OpenOptions::rater(&role));
    println!(
        "{}",
        if s.mode() == &OpenMode::ReadWrite {
            "held"
        } else {
            "refused"
        }
    );
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

fn spawn_lock_child(dir: &Path, role: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "lock_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PANEL_LOCK_CHILD", dir)
        .env("PANEL_LOCK_ROLE", role)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn child_says(child: &mut std::process::Child) -> String {
    use std::io::{BufRead, BufReader};
    let out = child.stdout.as_mut().unwrap();
    BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        // libtest prints "test lock_child ... " before the child's own line.
        .find_map(|l| {
            ["held", "refused"]
                .into_iter()
                .find(|w| l.trim_end().ends_with(w))
                .map(String::from)
        })
        .unwrap_or_default()
}

#[test]
fn two_processes_racing_for_one_lock_never_both_hold_it() {
    let dir = audit_dir();
    for _ in 0..3 {
        let mut a = spawn_lock_child(dir.path(), "nord");
        let mut b = spawn_lock_child(dir.path(), "nord");
        let mut says = [child_says(&mut a), child_says(&mut b)];
        says.sort();
        assert_eq!(says, ["held", "refused"]);
        // Another tilsyn is never blocked by them.
        let mut c = spawn_lock_child(dir.path(), "syd");
        assert_eq!(child_says(&mut c), "held");
        for mut ch in [a, b, c] {
            drop(ch.stdin.take());
            ch.wait().unwrap();
        }
    }
}

#[test]
fn a_killed_holder_frees_its_lock_at_once() {
    let dir = audit_dir();
    let mut child = spawn_lock_child(dir.path(), "nord");
    assert_eq!(child_says(&mut child), "held");
    let a = load(dir.path());
    let (s, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::rater("nord"));
    match s.mode() {
        OpenMode::ReadOnly {
            reason: ReadOnlyReason::OpenElsewhere { pid, role, .. },
        } => {
            assert_eq!(*pid, child.id());
            assert_eq!(role, "nord");
        }
        m => panic!("expected OpenElsewhere, got {m:?}"),
    }
    assert_eq!(
        s.lock_holders()
            .into_iter()
            .map(|(r, h)| (r.id().to_string(), h.map(|h| h.pid)))
            .collect::<Vec<_>>(),
        [
            ("facilitator".to_string(), None),
            ("nord".to_string(), Some(child.id())),
            ("syd".to_string(), None),
            ("oest".to_string(), None),
        ]
    );
    drop(s);
    child.kill().unwrap(); // SIGKILL on Unix, TerminateProcess on Windows
    child.wait().unwrap();
    let (s, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::rater("nord"));
    assert_eq!(s.mode(), &OpenMode::ReadWrite);
}

#[test]
fn read_only_on_request_takes_no_lock_and_writes_nothing() {
    let dir = audit_dir();
    let a = load(dir.path());
    let (mut s, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::read_only());
    assert_eq!(
        s.mode(),
        &OpenMode::ReadOnly {
            reason: ReadOnlyReason::Requested
        }
    );
    assert!(s.apply(score(1, "nord", "bakkely", "q1", 3)).is_err());
    assert!(!dir.path().join("panel").exists());
}

#[test]
fn atomic_writes_leave_no_temporary_files() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    for c in meeting() {
        s.apply(c).unwrap();
    }
    for _ in 0..5 {
        s.undo().unwrap();
    }
    drop(s);
    let root = dir.path();
    let mut names = Vec::new();
    let mut stack = vec![root.join("panel")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(d).unwrap() {
            let path = e.unwrap().path();
            if path.ends_with(".locks") {
                // Lock files stay (see `lock`); their sidecars go.
                let names = fs::read_dir(&path).unwrap();
                for n in names {
                    let n = n.unwrap().file_name().to_string_lossy().into_owned();
                    assert!(n.ends_with(".lock"), "{n}");
                }
            } else if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                names.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "panel/conclusions.yaml",
            "panel/scores/nord.yaml",
            "panel/scores/syd.yaml",
            "panel/session.yaml",
            "panel/topics.yaml",
        ]
    );
}

// ------------------------------------------------------------ previous audit

#[test]
fn last_years_follow_up_plan_is_found() {
    let last = audit_dir();
    {
        let (mut s, _) = open(last.path());
        s.apply(Change::AddFollowUp(followup("Magtprofil i alle tilsyn")))
            .unwrap();
    }
    let this = audit_dir();
    let cfg = fs::read_to_string(this.path().join("audit.yaml")).unwrap();
    write(
        this.path(),
        "audit.yaml",
        &format!("{cfg}previous_audit: {}\n", last.path().display()),
    );
    let a = load(this.path());
    let mut d = Diagnostics::new(this.path());
    let (dir, items) = previous_followup(&a, &mut d).unwrap();
    assert!(d.items.is_empty(), "{:?}", d.items);
    assert_eq!(dir, last.path());
    assert_eq!(items, [followup("Magtprofil i alle tilsyn")]);

    write(
        this.path(),
        "audit.yaml",
        &format!("{cfg}previous_audit: ../findes-ikke\n"),
    );
    let a = load(this.path());
    let mut d = Diagnostics::new(this.path());
    assert!(previous_followup(&a, &mut d).is_none());
    assert_eq!(
        d.items[0].to_string(),
        "audit.yaml:0:0: error: 'previous_audit' peger på '../findes-ikke', men der er ingen audit.yaml dér; ret stien"
    );
}

// ------------------------------------------------------------ scores-template

fn auditpanel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
}

#[test]
fn scores_template_round_trips_and_never_overwrites() {
    let dir = audit_dir();
    let out = auditpanel()
        .args([
            "scores-template",
            dir.path().to_str().unwrap(),
            "--rater",
            "syd",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("panel/scores/syd.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // The test audit is fictitious, so the header opens with the note.
    assert!(text.starts_with("# FIKTIVT EKSEMPEL: "));
    assert!(text.contains("\n# Auditpanelets scorer fra Socialtilsyn Syd (syd) i audit 99.1."));
    assert!(text.contains("#   3 = delvis\n"));
    assert!(text.contains("      # ── Institution skovly (skovly) ──\n"));
    assert_eq!(text.matches("value: null").count(), 6);

    // Loads back with no diagnostics, everything unscored.
    let (mut s, a) = open(dir.path());
    assert_eq!(
        s.progress(1, "syd", None),
        Progress {
            scored: 0,
            not_assessable: 0,
            total: 6
        }
    );
    let mut d = Diagnostics::new(dir.path());
    check_panel(&a, &mut d);
    assert!(d.items.is_empty(), "{:?}", d.items);

    // The app writes the same text for an unchanged file.
    s.apply(score(1, "syd", "bakkely", "q1", 2)).unwrap();
    s.undo().unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    drop(s);

    // Filled in by hand, it is merged.
    let filled = text.replacen("value: null", "value: 5", 1);
    fs::write(&path, filled).unwrap();
    let (s, _) = open(dir.path());
    assert_eq!(
        s.value(1, "syd", "bakkely", "q1"),
        Some(ScoreValue::Score(5))
    );
    drop(s);

    let again = auditpanel()
        .args([
            "scores-template",
            dir.path().to_str().unwrap(),
            "--rater",
            "syd",
        ])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("findes allerede og overskrives aldrig")
    );
    assert!(fs::read_to_string(&path).unwrap().contains("value: 5"));
}

#[test]
fn scores_template_refuses_an_unknown_rater() {
    let dir = audit_dir();
    let out = auditpanel()
        .args([
            "scores-template",
            dir.path().to_str().unwrap(),
            "--rater",
            "vest",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "auditpanel: fejl: ukendt tilsyn 'vest'; brug et af: nord, syd, oest\n"
    );
    assert!(!dir.path().join("panel").exists());
}

#[test]
fn scores_template_writes_elsewhere_with_output() {
    let dir = audit_dir();
    let target = dir.path().join("til-nord.yaml");
    let out = auditpanel()
        .args([
            "scores-template",
            dir.path().to_str().unwrap(),
            "--rater",
            "nord",
            "-o",
        ])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("panel/scores/nord.yaml"));
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("rater: nord\n")
    );
}

// ------------------------------------------------------------ killed while writing

/// Not a test on its own (ignored): when `PANEL_CHILD_DIR` is set, this is
/// the child process of `a_killed_writer_loses_at_most_the_change_in_flight`.
/// It scores in a loop and prints each value once `apply` has returned.
#[test]
#[ignore = "child process of the killed-writer test"]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn child_writer() {
    let Ok(dir) = std::env::var("PANEL_CHILD_DIR") else {
        return;
    };
    use std::io::Write;
    let dir = PathBuf::from(dir);
    let a = load(&dir);
    let (mut s, _) = PanelStore::open(&dir, &a);
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let v = u8::try_from(i % 5).unwrap() + 1;
        s.apply(score(1, "nord", "bakkely", "q1", v)).unwrap();
        s.apply(comment(
            1,
            "nord",
            "bakkely",
            "q2",
            &format!("kommentar {i}\nlinje 2"),
        ))
        .unwrap();
        writeln!(out, "{i}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn a_killed_writer_loses_at_most_the_change_in_flight() {
    use std::io::{BufRead, BufReader};
    let dir = audit_dir();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_writer",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PANEL_CHILD_DIR", dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut last = None;
    let mut killed = false;
    // Read to the end: the child goes on scoring until the kill lands, and
    // every line it printed before that is a change `apply` acknowledged.
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        if let Ok(i) = line.trim().parse::<u64>() {
            last = Some(i);
            if i >= 150 && !killed {
                child.kill().unwrap(); // SIGKILL on Unix
                killed = true;
            }
        }
    }
    child.wait().unwrap();
    let last = last.expect("the child wrote");
    // The killed copy's lock is stale; the store takes over and reads clean files.
    let a = load(dir.path());
    let (s, d) = PanelStore::open(dir.path(), &a);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.mode(), &OpenMode::ReadWrite);
    let acked = u8::try_from(last % 5).unwrap() + 1;
    let next = u8::try_from((last + 1) % 5).unwrap() + 1;
    let v = s.value(1, "nord", "bakkely", "q1");
    assert!(
        v == Some(ScoreValue::Score(acked)) || v == Some(ScoreValue::Score(next)),
        "{v:?} after {last}"
    );
    let c = &s.entry(1, "nord", "bakkely", "q2").unwrap().comment;
    assert!(
        *c == format!("kommentar {last}\nlinje 2")
            || *c == format!("kommentar {}\nlinje 2", last + 1),
        "{c:?}"
    );
}

// ------------------------------------------------------------ many writers

/// Not a test on its own (ignored): when `PANEL_MERGE_CHILD` is set, one of
/// the two writers of `two_processes_writing_at_once_lose_nothing`. As a
/// facilitator that cannot see the other's locks (two machines on a synced
/// folder), it writes `PANEL_MERGE_N` rounds of: a score in its own
/// tilsyn's file, a comment in a cell of the shared tilsyn `oest` that only
/// it uses, and a vote on the shared topic. Prints `done` at the end.
#[test]
#[ignore = "child process of the two-writer test"]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn merge_child() {
    let Ok(dir) = std::env::var("PANEL_MERGE_CHILD") else {
        return;
    };
    let me = std::env::var("PANEL_MERGE_RATER").unwrap();
    let n: u32 = std::env::var("PANEL_MERGE_N").unwrap().parse().unwrap();
    let dir = PathBuf::from(dir);
    let a = load(&dir);
    let options = OpenOptions {
        ignore_locks: true,
        ..OpenOptions::default()
    };
    let (mut s, d) = PanelStore::open_with(&dir, &a, options);
    assert!(d.is_empty(), "{d:?}");
    let case = if me == "nord" { "bakkely" } else { "skovly" };
    for i in 0..n {
        let v = u8::try_from(i % 5).unwrap() + 1;
        s.apply(score(1, &me, "bakkely", "q1", v)).unwrap();
        s.apply(comment(1, "oest", case, "q2", &format!("{me} {i}")))
            .unwrap();
        s.apply(Change::Vote { id: "delt".into() }).unwrap();
    }
    println!("done");
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    const N: u32 = 700;
    let dir = audit_dir();
    {
        let (mut s, _) = open(dir.path());
        s.apply(Change::AddTopic {
            title: "Delt".into(),
            description: String::new(),
        })
        .unwrap();
    }
    let spawn = |rater: &str| {
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "merge_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("PANEL_MERGE_CHILD", dir.path())
            .env("PANEL_MERGE_RATER", rater)
            .env("PANEL_MERGE_N", N.to_string())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn("nord"), spawn("syd")];
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("done"));
    }
    // 3 × N changes each; every one is on disk.
    let (s, _) = open(dir.path());
    let last = u8::try_from((N - 1) % 5).unwrap() + 1;
    assert_eq!(
        s.value(1, "nord", "bakkely", "q1"),
        Some(ScoreValue::Score(last))
    );
    assert_eq!(
        s.value(1, "syd", "bakkely", "q1"),
        Some(ScoreValue::Score(last))
    );
    let c = |case: &str| s.entry(1, "oest", case, "q2").unwrap().comment.clone();
    assert_eq!(c("bakkely"), format!("nord {}", N - 1));
    assert_eq!(c("skovly"), format!("syd {}", N - 1));
    assert_eq!(s.topic("delt").unwrap().votes, 2 * N);
}

#[test]
fn a_hand_edit_made_while_the_store_is_open_survives_its_next_write() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 2)).unwrap();
    let path = dir.path().join("panel/scores/nord.yaml");
    let text = fs::read_to_string(&path).unwrap();
    // By hand, in an editor: q2 of skovly gets 5 and a comment.
    let edited = text.replacen(
        "      - case: skovly\n        question: q2\n        value: null\n        comment: \"\"\n",
        "      # Vi mangler rapporten fra 2023.\n      - case: skovly\n        question: q2\n        value: 5\n        comment: i hånden\n",
        1,
    );
    assert_ne!(edited, text, "{text}");
    fs::write(&path, edited).unwrap();
    s.apply(score(1, "nord", "bakkely", "q3", 4)).unwrap();
    // The hand-written comment line stays above its entry.
    let after = fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("      # Vi mangler rapporten fra 2023.\n      - case: skovly\n        question: q2\n        value: 5\n"),
        "{after}"
    );
    assert_eq!(after.matches("Vi mangler rapporten").count(), 1);
    let (back, _) = open_read_only(dir.path());
    assert_eq!(
        back.value(1, "nord", "skovly", "q2"),
        Some(ScoreValue::Score(5))
    );
    assert_eq!(
        back.entry(1, "nord", "skovly", "q2").unwrap().comment,
        "i hånden"
    );
    assert_eq!(
        back.value(1, "nord", "bakkely", "q1"),
        Some(ScoreValue::Score(2))
    );
    assert_eq!(
        back.value(1, "nord", "bakkely", "q3"),
        Some(ScoreValue::Score(4))
    );
    // Undo takes back only the store's own cell, not the hand edit.
    s.undo().unwrap();
    let (back, _) = open_read_only(dir.path());
    assert_eq!(back.value(1, "nord", "bakkely", "q3"), None);
    assert_eq!(
        back.value(1, "nord", "skovly", "q2"),
        Some(ScoreValue::Score(5))
    );
}

fn open_read_only(dir: &Path) -> (PanelStore, Audit) {
    let a = load(dir);
    let (s, d) = PanelStore::open_with(dir, &a, OpenOptions::read_only());
    assert!(d.is_empty(), "{d:?}");
    (s, a)
}

#[test]
fn a_damaged_file_on_disk_is_reported_and_never_overwritten() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 2)).unwrap();
    let path = dir.path().join("panel/scores/nord.yaml");
    fs::write(&path, "rater: nord\nrounds: [\n").unwrap();
    let err = s.apply(score(1, "nord", "bakkely", "q2", 4)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("panel/scores/nord.yaml har fejl på disken og overskrives ikke"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "rater: nord\nrounds: [\n"
    );
    // The good data in memory stays.
    assert_eq!(
        s.value(1, "nord", "bakkely", "q1"),
        Some(ScoreValue::Score(2))
    );
    let r = s.reload();
    assert_eq!(r.changed, []);
    assert_eq!(r.damaged.len(), 1, "{:?}", r.damaged);
    assert!(
        r.damaged[0]
            .to_string()
            .starts_with("panel/scores/nord.yaml:"),
        "{}",
        r.damaged[0]
    );
}

#[test]
fn each_role_writes_only_what_it_owns() {
    let dir = audit_dir();
    let a = load(dir.path());
    let (mut nord, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::rater("nord"));
    assert_eq!(nord.mode(), &OpenMode::ReadWrite);
    assert_eq!(nord.role(), &Role::Rater("nord".into()));
    nord.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    assert_eq!(
        nord.apply(score(1, "syd", "bakkely", "q1", 3))
            .unwrap_err()
            .to_string(),
        "tilsyn 'nord' må ikke skrive panel/scores/syd.yaml: et tilsyn skriver kun sine egne scorer"
    );
    assert_eq!(
        nord.apply(Change::Reveal { round: 1 })
            .unwrap_err()
            .to_string(),
        "tilsyn 'nord' må ikke skrive panel/session.yaml: runder, emner og konklusioner skrives af facilitator"
    );
    // The facilitator and the raters never block each other.
    let (mut fac, _) = open(dir.path());
    fac.apply(Change::Reveal { round: 1 }).unwrap();
    // A one-screen workshop: the facilitator enters syd's scores, but not
    // nord's while nord scores on its own machine.
    fac.apply(score(1, "syd", "bakkely", "q1", 4)).unwrap();
    let err = fac.apply(score(1, "nord", "bakkely", "q1", 1)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("tilsyn 'nord' scorer selv på sin egen maskine nu"),
        "{err}"
    );
    assert!(matches!(
        fac.can_write(&FileId::Scores("nord".into())),
        Err(PanelError::OwnedElsewhere { .. })
    ));
    assert!(fac.can_write(&FileId::Scores("oest".into())).is_ok());
    // Each sees the other's writes after a reload.
    let r = nord.reload();
    assert_eq!(r.changed, [FileId::Session, FileId::Scores("syd".into())]);
    assert!(nord.is_revealed(1));
    assert_eq!(
        nord.value(1, "syd", "bakkely", "q1"),
        Some(ScoreValue::Score(4))
    );
    nord.apply(score(1, "nord", "skovly", "q1", 5)).unwrap();
    assert_eq!(fac.reload().changed, [FileId::Scores("nord".into())]);
    assert_eq!(
        fac.value(1, "nord", "skovly", "q1"),
        Some(ScoreValue::Score(5))
    );
    let st = fac.round_status();
    assert_eq!(st.raters[0].holder.as_ref().unwrap().role, "nord");
    assert_eq!(st.raters[0].scored, 2);
    assert_eq!(st.raters[1].holder, None);
    drop(nord);
    fac.apply(score(1, "nord", "bakkely", "q1", 1)).unwrap();
    // An unknown tilsyn is a clear error listing the audit's.
    assert_eq!(
        validate_rater(&a, "vest").unwrap_err(),
        "ukendt tilsyn 'vest'; auditten har disse tilsyn: nord (Socialtilsyn Nord), syd (Socialtilsyn Syd), oest (Socialtilsyn Øst). Start med --rater og et af id'erne"
    );
    assert!(validate_rater(&a, "oest").is_ok());
}

#[test]
fn a_change_by_position_is_refused_when_the_item_moved_under_it() {
    let dir = audit_dir();
    let a = load(dir.path());
    let machine = || OpenOptions {
        ignore_locks: true,
        ..OpenOptions::default()
    };
    let (mut one, _) = PanelStore::open_with(dir.path(), &a, machine());
    one.apply(Change::AddFollowUp(followup("Første"))).unwrap();
    one.apply(Change::AddFollowUp(followup("Anden"))).unwrap();
    let (mut two, _) = PanelStore::open_with(dir.path(), &a, machine());
    two.apply(Change::DeleteFollowUp { index: 0 }).unwrap();
    // `one` still shows "Første" at position 0; on disk it is "Anden" now.
    let err = one
        .apply(Change::SetFollowUpStatus {
            index: 0,
            status: FollowUpStatus::Gennemfoert,
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("panel/conclusions.yaml er ændret af en anden"),
        "{err}"
    );
    // Nothing lost: `one` now has the new version, and the disk is untouched.
    assert_eq!(one.conclusions().followup.len(), 1);
    assert_eq!(one.conclusions().followup[0].action, "Anden");
    assert_eq!(
        one.conclusions().followup[0].status,
        FollowUpStatus::Planlagt
    );
    // A change by name re-applies on top of the other's.
    two.apply(Change::AddTopic {
        title: "Fra to".into(),
        description: String::new(),
    })
    .unwrap();
    one.apply(Change::AddTopic {
        title: "Fra en".into(),
        description: String::new(),
    })
    .unwrap();
    let (back, _) = open_read_only(dir.path());
    let ids: Vec<&str> = back.topics().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["fra-to", "fra-en"]);
}

// ------------------------------------------------------------ revealed rounds, round 2

#[test]
fn a_change_after_the_reveal_is_recorded_and_read_back() {
    let dir = audit_dir();
    let (mut s, a) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 2)).unwrap();
    s.apply(Change::Reveal { round: 1 }).unwrap();
    s.apply(score(1, "nord", "bakkely", "q1", 4)).unwrap();
    s.apply(Change::SetNotAssessable {
        round: 1,
        rater: "nord".into(),
        case: "bakkely".into(),
        question: "q1".into(),
    })
    .unwrap();
    // A comment is not a value: no revision.
    s.apply(comment(1, "nord", "bakkely", "q1", "rettet"))
        .unwrap();
    let revs = s.revisions(1);
    assert_eq!(revs.len(), 2);
    let (who, r) = revs[0];
    assert_eq!(who, "nord");
    assert_eq!(
        (r.who.as_str(), r.old, r.new),
        (
            "facilitator",
            Some(ScoreValue::Score(2)),
            Some(ScoreValue::Score(4))
        )
    );
    assert!(chrono::NaiveDateTime::parse_from_str(&r.when, "%Y-%m-%dT%H:%M:%S").is_ok());
    assert_eq!(revs[1].1.new, Some(ScoreValue::NotAssessable));
    // Undo is a change too, and is recorded.
    s.undo().unwrap(); // the comment
    s.undo().unwrap(); // back to 4
    assert_eq!(s.revisions(1).len(), 3);
    drop(s);
    let text = fs::read_to_string(dir.path().join("panel/scores/nord.yaml")).unwrap();
    assert!(text.contains("\nrevisions:\n  - round: 1\n    case: bakkely\n    question: q1\n    who: facilitator\n"), "{text}");
    let (back, _) = open(dir.path());
    assert_eq!(back.revisions(1).len(), 3);
    assert_eq!(back.round_status().revisions, 3);
    let mut d = Diagnostics::new(dir.path());
    check_panel(&a, &mut d);
    assert!(d.items.is_empty(), "{:?}", d.items);
    // check validates them.
    fs::write(
        dir.path().join("panel/scores/nord.yaml"),
        text.replace("who: facilitator", "who: vest"),
    )
    .unwrap();
    let mut d = Diagnostics::new(dir.path());
    check_panel(&a, &mut d);
    assert_eq!(d.items.len(), 3, "{:?}", d.items);
    assert!(d.items[0].to_string().contains("ukendt 'who: vest'"));
}

/// Round 1 scored and revealed, round 2 started on the spread cells:
/// bakkely q1 spreads (1, 3, 5); bakkely q2 does not (3, 3, 4).
fn spread_round_two() -> (tempfile::TempDir, PanelStore, Audit) {
    let dir = audit_dir();
    let (mut s, a) = open(dir.path());
    for (rater, v1, v2) in [("nord", 1, 3), ("syd", 3, 3), ("oest", 5, 4)] {
        s.apply(score(1, rater, "bakkely", "q1", v1)).unwrap();
        s.apply(score(1, rater, "bakkely", "q2", v2)).unwrap();
    }
    s.apply(Change::Reveal { round: 1 }).unwrap();
    s.apply(Change::StartNextRound {
        scope: RoundScope::Spread,
    })
    .unwrap();
    (dir, s, a)
}

#[test]
fn round_two_on_the_spread_cells_starts_from_round_one() {
    let (dir, mut s, _) = spread_round_two();
    assert_eq!(
        s.session().scope(2),
        Some(
            &[ScopeCell {
                case: "bakkely".into(),
                question: "q1".into()
            }][..]
        )
    );
    // Carried: round 2 starts from each tilsyn's round-1 values.
    assert_eq!(
        s.value(2, "oest", "bakkely", "q2"),
        Some(ScoreValue::Score(4))
    );
    assert_eq!(s.own_value(2, "oest", "bakkely", "q2"), None);
    let err = s.apply(score(2, "oest", "bakkely", "q2", 3)).unwrap_err();
    assert!(matches!(err, PanelError::OutOfScope { .. }), "{err}");
    s.apply(score(2, "oest", "bakkely", "q1", 4)).unwrap();
    assert_eq!(
        s.value(2, "oest", "bakkely", "q1"),
        Some(ScoreValue::Score(4))
    );
    assert_eq!(
        s.value(1, "oest", "bakkely", "q1"),
        Some(ScoreValue::Score(5))
    );
    let r2 = s.ratings(2);
    assert_eq!(
        r2[0],
        ("bakkely".into(), "q1".into(), "nord".into(), Some(1))
    );
    assert_eq!(
        r2[2],
        ("bakkely".into(), "q1".into(), "oest".into(), Some(4))
    );
    assert_eq!(
        r2[5],
        ("bakkely".into(), "q2".into(), "oest".into(), Some(4))
    );
    assert_eq!(
        s.next_unscored(2, "nord", None),
        Some(("bakkely".into(), "q1".into()))
    );
    assert_eq!(s.next_unscored(2, "oest", None), None);
    let st = s.round_status();
    assert_eq!((st.round, st.revealed), (2, false));
    assert_eq!(st.raters[2].scored, 2);
    assert_eq!(st.raters[2].in_scope, Some(1));
    assert_eq!(st.raters[2].rescored, Some(1));
    assert_eq!(st.raters[0].rescored, Some(0));
    drop(s);
    let (s, _) = open(dir.path());
    assert_eq!(s.session().scope(2).map(<[ScopeCell]>::len), Some(1));
}

/// The report of a round of the spread cells counts as the app does: the
/// cells not in the round keep their round-1 values in the score matrix and
/// in agreement (the same alpha and n as `PanelStore::ratings`), and the
/// summary says the round had only those cells and who scored them again.
#[test]
fn the_report_of_a_round_of_the_spread_cells_carries_the_rest() {
    let (_dir, mut s, a) = spread_round_two();
    s.apply(score(2, "nord", "bakkely", "q1", 3)).unwrap();
    s.apply(score(2, "oest", "bakkely", "q1", 4)).unwrap();
    s.apply(Change::Reveal { round: 2 }).unwrap();
    let report = auditpanel::domain::export::report(&a, s.data()).unwrap();
    assert!(
        report.contains(
            "Runde 2 omfattede kun den ene celle med spredning i runde 1; de øvrige scorer \
             stod uændret. Nord og Øst scorede den igen; Syd ingen."
        ),
        "{report}"
    );
    // q2 was not in round 2: its round-1 values stand in round 2.
    assert!(
        report.contains("| q2 | 3 / 3 | 3 / 3 | 4 / 4 |"),
        "{report}"
    );
    assert!(
        report.contains("| q1 | 1 / 3 | 3 / 3 | 5 / 4 |"),
        "{report}"
    );
    // The figures rest on the values in effect, as the app's.
    let figures = auditpanel::domain::export::figures::ratings(&a, s.data(), 2);
    let store: Vec<_> = s.ratings(2);
    assert_eq!(figures.len(), store.len());
    for (f, r) in figures.iter().zip(&store) {
        assert_eq!(
            (&f.0, &f.1, &f.2, f.3),
            (&r.0, &r.1, &r.2, r.3),
            "{f:?} {r:?}"
        );
    }
}

// ------------------------------------------------------------ hygiene

#[test]
fn our_temp_files_are_removed_on_open_and_conflict_copies_reported() {
    let dir = audit_dir();
    {
        let (mut s, _) = open(dir.path());
        s.apply(score(1, "nord", "bakkely", "q1", 2)).unwrap();
    }
    let scores = dir.path().join("panel/scores");
    let stale = |p: &Path, text: &str| {
        fs::write(p, text).unwrap();
        let f = fs::File::options().write(true).open(p).unwrap();
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        f.set_modified(then).unwrap();
    };
    stale(&scores.join(".auditpanel-a1B2c3.tmp"), "rater: nord\n");
    stale(&dir.path().join("panel/.auditpanel-x.tmp"), "");
    // A fresh one may be another writer's write in flight: left alone.
    fs::write(scores.join(".auditpanel-fresh.tmp"), "").unwrap();
    fs::write(scores.join("andet.tmp"), "").unwrap();
    let copy = fs::read_to_string(scores.join("nord.yaml")).unwrap();
    fs::write(scores.join("nord (1).yaml"), &copy).unwrap();
    fs::write(
        dir.path()
            .join("panel/topics.sync-conflict-20260301-101010-ABCDEF.yaml"),
        "",
    )
    .unwrap();
    let a = load(dir.path());
    // check lists all of them and reads neither as data.
    let mut d = Diagnostics::new(dir.path());
    check_panel(&a, &mut d);
    let msgs: Vec<String> = d.into_sorted().iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 5, "{msgs:#?}");
    assert!(
        msgs[0].starts_with("panel/.auditpanel-x.tmp:0:0: warning: en midlertidig fil"),
        "{}",
        msgs[0]
    );
    assert!(msgs[1].starts_with("panel/scores/.auditpanel-a1B2c3.tmp:0:0: warning:"));
    assert!(msgs[2].starts_with("panel/scores/.auditpanel-fresh.tmp:0:0: warning:"));
    assert!(msgs[3].starts_with(
        "panel/scores/nord (1).yaml:0:0: warning: 'nord (1).yaml' ligner en konfliktkopi"
    ));
    assert!(
        msgs[4].starts_with("panel/topics.sync-conflict-20260301-101010-ABCDEF.yaml:0:0: warning:")
    );
    // A read-only copy touches nothing.
    let (ro, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::read_only());
    assert!(scores.join(".auditpanel-a1B2c3.tmp").exists());
    assert_eq!(ro.round_status().temp_files.len(), 3);
    drop(ro);
    // A writer removes our own temp files, only those.
    let (s, d) = PanelStore::open(dir.path(), &a);
    assert_eq!(s.mode(), &OpenMode::ReadWrite);
    assert_eq!(d.len(), 2, "the conflict copies, as warnings: {d:?}");
    assert!(!scores.join(".auditpanel-a1B2c3.tmp").exists());
    assert!(!dir.path().join("panel/.auditpanel-x.tmp").exists());
    assert!(scores.join("andet.tmp").exists());
    assert!(scores.join("nord (1).yaml").exists());
    let st = s.round_status();
    assert_eq!(st.temp_files, ["panel/scores/.auditpanel-fresh.tmp"]);
    assert_eq!(
        st.conflict_copies,
        [
            "panel/scores/nord (1).yaml",
            "panel/topics.sync-conflict-20260301-101010-ABCDEF.yaml"
        ]
    );
}

#[test]
fn conflict_copy_names() {
    for name in [
        "nord (1).yaml",
        "nord 2.yaml",
        "nord-conflict-20260301.yaml",
        "nord.sync-conflict-20260301-101010-ABCDEF.yaml",
        "nord (conflicted copy 2026-03-01).yaml",
        "nord (Mettes konfliktkopi) (2).yaml",
    ] {
        assert!(files::is_conflict_copy(name), "{name}");
    }
    for name in ["nord.yaml", "session.yaml", "hovedstaden.yaml", "a b.yaml"] {
        assert!(!files::is_conflict_copy(name), "{name}");
    }
}

#[cfg(unix)]
#[test]
fn written_files_respect_the_umask_and_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    s.apply(score(1, "nord", "bakkely", "q1", 2)).unwrap();
    let path = dir.path().join("panel/scores/nord.yaml");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What the process's umask gives a new file.
    let probe = dir.path().join("probe");
    fs::write(&probe, "").unwrap();
    assert_eq!(mode(&path), mode(&probe));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    s.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn another_tilsyns_damaged_file_does_not_stop_a_rater() {
    let dir = audit_dir();
    write(
        dir.path(),
        "panel/scores/syd.yaml",
        "rater: syd\nrounds: [\n",
    );
    let a = load(dir.path());
    let (mut nord, d) = PanelStore::open_with(dir.path(), &a, OpenOptions::rater("nord"));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(nord.mode(), &OpenMode::ReadWrite);
    nord.apply(score(1, "nord", "bakkely", "q1", 3)).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join("panel/scores/syd.yaml")).unwrap(),
        "rater: syd\nrounds: [\n"
    );
    // Its own file damaged: read-only.
    let (syd, _) = PanelStore::open_with(dir.path(), &a, OpenOptions::rater("syd"));
    assert_eq!(
        syd.mode(),
        &OpenMode::ReadOnly {
            reason: ReadOnlyReason::Damaged
        }
    );
    // The facilitator, who may write any file, is read-only too.
    let (fac, _) = PanelStore::open(dir.path(), &a);
    assert!(fac.is_read_only());
}

#[test]
fn a_round_of_the_spread_cells_is_refused_when_no_cell_spreads() {
    let dir = audit_dir();
    let (mut s, _) = open(dir.path());
    // bakkely q2 has values (3, 3, 4): no spread anywhere.
    for (rater, v) in [("nord", 3), ("syd", 3), ("oest", 4)] {
        s.apply(score(1, rater, "bakkely", "q2", v)).unwrap();
    }
    s.apply(Change::Reveal { round: 1 }).unwrap();
    let err = s
        .apply(Change::StartNextRound {
            scope: RoundScope::Spread,
        })
        .unwrap_err();
    assert!(
        matches!(err, PanelError::NoSpreadCells { round: 1 }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("start næste runde med alle celler")
    );
    // Nothing changed: round 1 is still the round, in memory and on disk.
    assert_eq!(s.current_round(), 1);
    drop(s);
    let (back, _) = open(dir.path());
    assert_eq!(back.current_round(), 1);
}
