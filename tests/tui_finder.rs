//! The finder searches all text the panel can read (report text, comments,
//! discussions, consensus points, guidance), shows a hit's context
//! redacted, and knows the tab it was opened from.

mod tui_support;

use auditpanel::domain::panel::Change;
use auditpanel::tui::app::{App, Popup, Screen, Tab};
use auditpanel::tui::popups::finder::{Found, readable_comments, report_pieces};
use auditpanel::tui::text::Lang;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn results(app: &App) -> Vec<Found> {
    let Some(Popup::Finder(f)) = &app.popup else {
        panic!("the finder is not open");
    };
    f.results()
        .filter_map(|(_, i)| app.finder_index.item(i as usize))
        .map(|i| i.found())
        .collect()
}

/// The first words of `text` (enough to find it, few enough to type).
fn words(text: &str, n: usize) -> String {
    text.split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Opens the finder on the current tab, types `query`, checks the screen
/// and picks the first result that is `want`.
fn pick(app: &mut App, query: &str, want: impl Fn(&Found) -> bool) -> (Found, String) {
    press(app, KeyCode::Char('/'));
    typ(app, query);
    let r = results(app);
    let pos = r
        .iter()
        .position(want)
        .unwrap_or_else(|| panic!("'{query}' found {r:?}"));
    for _ in 0..pos {
        press(app, KeyCode::Down);
    }
    let shown = screen(app);
    press(app, KeyCode::Enter);
    assert!(app.popup.is_none());
    (r[pos], shown)
}

#[test]
fn report_text_is_found_and_opens_the_report() {
    let mut app = app(120, 36);
    let case = 2;
    let summary = app.audit.cases[case].report.summary.clone();
    let q = words(&summary, 4);
    let (found, shown) = pick(&mut app, &q, |f| matches!(f, Found::Report { case: 2, .. }));
    assert_eq!(found, Found::Report { case, piece: 0 });
    assert!(shown.contains("rapport"), "{shown}");
    assert_eq!(app.screen(), Screen::Rapport { case });
    // A theme's assessment is a piece of its own.
    let pieces = report_pieces(&app.audit.cases[case].report)
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    let (found, _) = pick(&mut app, &words(&pieces[1], 5), |f| {
        matches!(f, Found::Report { case: 2, piece: 1 })
    });
    assert_eq!(found, Found::Report { case, piece: 1 });
}

#[test]
fn danish_letters_match_in_text_hits_both_ways() {
    let mut app = app(120, 36);
    // A discussion with a Danish letter in its first words, typed in ASCII.
    let (t, text) = app
        .panel
        .topics()
        .iter()
        .enumerate()
        .map(|(i, t)| (i, words(&t.discussion, 4)))
        .find(|(_, w)| w.contains(['ø', 'æ', 'å']))
        .expect("a discussion with æ, ø or å");
    let ascii = text
        .replace('ø', "oe")
        .replace('æ', "ae")
        .replace('å', "aa");
    let (found, _) = pick(&mut app, &ascii, |f| *f == Found::Discussion(t));
    assert_eq!(found, Found::Discussion(t));
}

#[test]
fn discussions_consensus_and_guidance_open_their_section_on_konklusion() {
    let mut app = app(120, 36);
    let (t, d) = app
        .panel
        .topics()
        .iter()
        .enumerate()
        .find(|(_, t)| t.prioritised && !t.discussion.is_empty() && !t.consensus.is_empty())
        .map(|(i, t)| (i, t.discussion.clone()))
        .expect("a prioritised topic with discussion and consensus");
    pick(&mut app, &words(&d, 4), |f| *f == Found::Discussion(t));
    assert_eq!(app.tab, Tab::Konklusion);
    let s = screen(&app);
    assert!(s.contains("Drøftelse"), "{s}");
    assert_eq!(
        app.konklusion.section,
        auditpanel::tui::screens::konklusion::Section::Droeftelse
    );

    let c = app.panel.topics()[t].consensus[0].text.clone();
    let (_, shown) = pick(&mut app, &words(&c, 5), |f| {
        *f == Found::Consensus { topic: t, index: 0 }
    });
    assert!(shown.contains("enighed"), "{shown}");
    assert_eq!(
        app.konklusion.section,
        auditpanel::tui::screens::konklusion::Section::Droeftelse
    );

    let g = app.panel.conclusions().guidance[1].guidance.clone();
    let (_, shown) = pick(&mut app, &words(&g, 6), |f| *f == Found::Guidance(1));
    assert!(shown.contains("vejledning"), "{shown}");
    assert_eq!(
        app.konklusion.section,
        auditpanel::tui::screens::konklusion::Section::Vejledning
    );
    assert_eq!(auditpanel::tui::screens::konklusion::selected(&app), 1);
}

#[test]
fn a_question_found_on_sammenlign_opens_there_elsewhere_on_vurdering() {
    let mut app = app(120, 36);
    let q = 3;
    let text = app.audit.form.questions[q].text.clone();
    press(&mut app, KeyCode::F(5));
    assert_eq!(app.tab, Tab::Sammenlign);
    pick(&mut app, &words(&text, 6), |f| *f == Found::Question(q));
    assert_eq!(app.tab, Tab::Sammenlign, "stays where digits do not score");
    assert_eq!(app.sammenlign.question, q);

    press(&mut app, KeyCode::F(1));
    pick(&mut app, &words(&text, 6), |f| *f == Found::Question(q));
    assert_eq!(app.tab, Tab::Vurdering);
    assert_eq!(app.vurdering.question, q);
}

#[test]
fn comments_are_found_redacted_and_open_where_the_finder_was() {
    let mut app = app(120, 36);
    // A comment with a CPR number: found by its words, never shown in full.
    let round = app.panel.current_round();
    assert!(
        app.panel.is_revealed(round),
        "the example's round is revealed"
    );
    let (rater, case, question) = (
        app.audit.config.tilsyn[1].id.clone(),
        app.audit.cases[4].id.clone(),
        app.audit.form.questions[2].id.clone(),
    );
    assert!(app.change(Change::SetComment {
        round,
        rater,
        case,
        question,
        comment: "Kvistlofterne omtales af barnet 010203-1234 flere gange".into(),
    }));
    let (found, shown) = pick(&mut app, "kvistlofterne omtales", |f| {
        matches!(f, Found::Comment { .. })
    });
    assert_eq!(
        found,
        Found::Comment {
            rater: 1,
            round,
            case: 4,
            question: 2
        }
    );
    assert!(shown.contains("kommentar"), "{shown}");
    assert!(!shown.contains("010203-1234"), "{shown}");
    // Opened on Oversigt: Sammenlign (the comment's cell).
    assert_eq!(app.tab, Tab::Sammenlign);
    assert_eq!(
        (
            app.sammenlign.case,
            app.sammenlign.question,
            app.sammenlign.rater
        ),
        (4, 2, 1)
    );
    // Opened on Vurdering: stays there, on the cell.
    press(&mut app, KeyCode::F(4));
    pick(&mut app, "kvistlofterne omtales", |f| {
        matches!(f, Found::Comment { .. })
    });
    assert_eq!(app.tab, Tab::Vurdering);
    assert_eq!(
        (
            app.vurdering.case,
            app.vurdering.question,
            app.vurdering.rater
        ),
        (4, 2, 1)
    );
    // Every readable comment is an item of the index (with the rest).
    let n = readable_comments(&app.audit, &app.panel).len();
    assert!(n > 1 && app.finder_index.first_episode() > n, "{n}");
}

#[test]
fn english_kinds_for_text_hits() {
    let mut app = app_at(&audit_dir(), Lang::En, 120, 36);
    let g = app.panel.conclusions().guidance[0].guidance.clone();
    let (_, shown) = pick(&mut app, &words(&g, 6), |f| *f == Found::Guidance(0));
    assert!(shown.contains("guidance"), "{shown}");
}
