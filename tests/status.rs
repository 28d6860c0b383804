//! `auditpanel status`: the panel's state as a Danish table and as JSON,
//! on temporary copies of the example audit (with and without its panel).

use std::fs;
use std::path::Path;
use std::process::Command;

use auditpanel::domain::load::load_audit;
use auditpanel::domain::panel::{Change, OpenMode, OpenOptions, PanelStore, RoundScope};

mod support;

/// A copy of the example audit; with `panel`, the panel session the
/// generator writes (never the working tree's `panel/`, which the app
/// changes: see tests/support).
fn example_copy(panel: bool) -> tempfile::TempDir {
    if panel {
        support::example_copy()
    } else {
        support::inputs_copy()
    }
}

fn status(dir: &Path, format: &str) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(["status", dir.to_str().unwrap(), "--format", format])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn the_example_session_as_a_table_and_as_json() {
    let dir = example_copy(true);
    let (table, code) = status(dir.path(), "table");
    assert_eq!(code, 0);
    assert_eq!(
        table,
        "Panelet i audit 18.1 · runde 2 · vist for alle\n\
         \n\
         tilsyn             scoret  kan ikke vurderes  scorer nu\n\
         nord             88 af 88                  1  –\n\
         midt             88 af 88                  0  –\n\
         syd              88 af 88                  0  –\n\
         oest             88 af 88                  1  –\n\
         hovedstaden      88 af 88                  0  –\n\
         \n\
         Facilitator: ikke åben\n\
         Ændringer efter visning: 0\n"
    );
    let (json, code) = status(dir.path(), "json");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rater = |id: &str, na: u32| {
        serde_json::json!({"id": id, "name": format!("Socialtilsyn {}", match id {
            "oest" => "Øst".to_string(),
            "hovedstaden" => "Hovedstaden".to_string(),
            x => { let mut c = x.chars(); c.next().unwrap().to_uppercase().chain(c).collect() }
        }), "scored": 88, "not_assessable": na, "cells": 88, "holder": null})
    };
    assert_eq!(
        v,
        serde_json::json!({
            "round": 2,
            "revealed": true,
            "raters": [rater("nord", 1), rater("midt", 0), rater("syd", 0), rater("oest", 1), rater("hovedstaden", 0)],
            "facilitator": null,
            "revisions": 0,
            "conflict_copies": [],
            "temp_files": []
        })
    );
    // The field order is fixed: round, revealed, raters first.
    assert!(json.starts_with("{\n  \"round\": 2,\n  \"revealed\": true,\n  \"raters\": [\n    {\n      \"id\": \"nord\",\n      \"name\": \"Socialtilsyn Nord\",\n      \"scored\": 88,\n      \"not_assessable\": 1,\n      \"cells\": 88,\n"), "{json}");
}

#[test]
fn a_blind_round_on_the_spread_cells_with_writers_open_and_stray_files() {
    let dir = example_copy(false);
    let root = dir.path();
    let audit = load_audit(root);
    let (mut fac, d) = PanelStore::open(root, &audit);
    assert!(d.is_empty(), "{d:?}");
    // Round 1: nord and syd disagree on one cell; midt scores it too.
    let score = |rater: &str, value: u8| Change::SetScore {
        round: 1,
        rater: rater.into(),
        case: audit.cases[0].id.clone(),
        question: audit.form.questions[0].id.clone(),
        value,
    };
    fac.apply(score("nord", 1)).unwrap();
    fac.apply(score("syd", 4)).unwrap();
    fac.apply(score("midt", 2)).unwrap();
    fac.apply(Change::Reveal { round: 1 }).unwrap();
    // A change after the reveal.
    fac.apply(score("midt", 3)).unwrap();
    fac.apply(Change::StartNextRound {
        scope: RoundScope::Spread,
    })
    .unwrap();
    let (nord, _) = PanelStore::open_with(root, &audit, OpenOptions::rater("nord"));
    assert_eq!(nord.mode(), &OpenMode::ReadWrite);
    fs::write(root.join("panel/scores/syd (1).yaml"), "rater: syd\n").unwrap();
    fs::write(root.join("panel/.auditpanel-abc123.tmp"), "").unwrap();
    let who = |s: &PanelStore| {
        let (_, h) = s
            .lock_holders()
            .into_iter()
            .find(|(r, _)| r.id() == s.role().id())
            .unwrap();
        let h = h.unwrap();
        format!("{} (proces {}) siden {}", h.host, h.pid, h.since)
    };
    let (table, code) = status(root, "table");
    assert_eq!(code, 0);
    assert_eq!(
        table,
        format!(
            "Panelet i audit 18.1 · runde 2 · blind (ikke vist endnu)\n\
             \n\
             tilsyn             scoret  kan ikke vurderes     scoret igen  scorer nu\n\
             nord              1 af 88                  0          0 af 1  {}\n\
             midt              1 af 88                  0          0 af 1  –\n\
             syd               1 af 88                  0          0 af 1  –\n\
             oest              0 af 88                  0          0 af 1  –\n\
             hovedstaden       0 af 88                  0          0 af 1  –\n\
             \n\
             Runden omfatter kun cellerne med spredning; de andre beholder værdien fra runden før.\n\
             Facilitator: åben på {}\n\
             Ændringer efter visning: 1\n\
             \n\
             Konfliktkopier fra et synkroniseringsprogram (læses ikke; sammenlign med originalen, flyt det, der skal med, over i hånden, og slet kopien):\n  \
             panel/scores/syd (1).yaml\n\
             \n\
             Midlertidige filer fra afbrudte skrivninger (læses ikke; slettes, næste gang appen åbner auditten til skrivning):\n  \
             panel/.auditpanel-abc123.tmp\n",
            who(&nord),
            who(&fac)
        )
    );
    let (json, _) = status(root, "json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["round"], 2);
    assert_eq!(v["revealed"], false);
    assert_eq!(v["raters"][0]["scored"], 1);
    assert_eq!(v["raters"][0]["in_scope"], 1);
    assert_eq!(v["raters"][0]["rescored"], 0);
    assert_eq!(v["raters"][0]["holder"]["role"], "nord");
    assert_eq!(v["raters"][0]["holder"]["pid"], std::process::id());
    assert_eq!(v["raters"][1]["holder"], serde_json::Value::Null);
    assert_eq!(v["facilitator"]["role"], "facilitator");
    assert_eq!(v["revisions"], 1);
    assert_eq!(
        v["conflict_copies"],
        serde_json::json!(["panel/scores/syd (1).yaml"])
    );
    assert_eq!(
        v["temp_files"],
        serde_json::json!(["panel/.auditpanel-abc123.tmp"])
    );
}

/// A file name is shown through the anonymity gate like any text: a
/// conflict copy named after a CPR number is listed masked, in the table
/// and in JSON.
#[test]
fn a_conflict_copy_named_after_a_cpr_number_is_listed_masked() {
    let dir = example_copy(false);
    let scores = dir.path().join("panel/scores");
    fs::create_dir_all(&scores).unwrap();
    fs::write(scores.join("120389-1234 (1).yaml"), "rater: x\n").unwrap();
    for format in ["table", "json"] {
        // The output gate masked the name: said in one line, and exit 1.
        let o = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
            .args(["status", dir.path().to_str().unwrap(), "--format", format])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("blev maskeret"), "{err}");
        assert!(!err.contains("120389-1234"), "{err}");
        let (out, code) = (
            String::from_utf8(o.stdout).unwrap(),
            o.status.code().unwrap(),
        );
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("(1).yaml"),
            "{format}: the copy is listed: {out}"
        );
        assert!(!out.contains("120389-1234"), "{format}: {out}");
    }
}
