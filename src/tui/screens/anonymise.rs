//! The anonymisation assistant on the `!` screen, one finding at a time:
//! `a` on an anonymity finding shows the proposed replacement (the value
//! masked → what it becomes) and asks; `j` writes that one file atomically
//! (`domain::anonymise`) and reads the audit again; `u` puts the file's
//! previous bytes back, atomically, when nothing has changed it since.
//! Only the facilitator's copy writes audit files: a `--rater` copy and
//! `--read-only` are told so.

use crate::domain::anonymise::{self, ApplyError, Proposal};
use crate::domain::check::check_loaded;
use crate::domain::magtprofil;

use crate::tui::app::{App, Popup};
use crate::tui::popups::confirm::{Ask, ConfirmState};
use crate::tui::popups::finder::FinderIndex;
use crate::tui::screens::panel::Note;
use crate::tui::text::Lang;

use super::problems::ProblemsState;

fn pick(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// Why this copy may not write audit files, if it may not.
fn refusal(app: &App) -> Option<&'static str> {
    let lang = app.lang;
    if app.panel.role().rater().is_some() {
        Some(pick(
            lang,
            "Kun facilitatorens kopi kan anonymisere filerne (denne er åbnet med --rater).",
            "Only the facilitator's copy can anonymise the files (this one was opened with --rater).",
        ))
    } else if app.panel.is_read_only() || app.audit.root.as_os_str().is_empty() {
        Some(pick(
            lang,
            "Skrivebeskyttet: filerne kan ikke anonymiseres herfra.",
            "Read-only: the files cannot be anonymised from here.",
        ))
    } else {
        None
    }
}

/// `a`: the proposal for the selected finding, as a question.
pub fn propose(app: &mut App) {
    let lang = app.lang;
    if let Some(why) = refusal(app) {
        app.note = Some(Note::error(why));
        return;
    }
    let Some(d) = app.problems.list.get(app.problems.cursor.selected) else {
        return;
    };
    if !d.rule.starts_with("anonymity-") {
        app.note = Some(Note::error(pick(
            lang,
            "Vælg et anonymitetsfund (anonymity-…) for at anonymisere det.",
            "Choose an anonymity finding (anonymity-…) to anonymise it.",
        )));
        return;
    }
    let found = anonymise::proposal_at(&app.audit.root, &d.file, d.pos);
    match found {
        Some(p) if p.safe => {
            app.popup = Some(Popup::Confirm(ConfirmState {
                ask: Ask::Anonymise(Box::new(p)),
            }));
        }
        Some(_) => {
            app.note = Some(Note::error(pick(
                lang,
                "Kan ikke erstattes uden at ødelægge filens form; ret det i hånden.",
                "Cannot be replaced without breaking the file's form; fix it by hand.",
            )))
        }
        None => {
            app.note = Some(Note::error(pick(
                lang,
                "Fundet står ikke længere i filen; listen er læst igen.",
                "The finding is no longer in the file; the list was read again.",
            )));
            reload(app);
        }
    }
}

/// The question and its keys for a proposal.
pub fn question(p: &Proposal, app: &App, lang: Lang) -> (String, String) {
    let place = format!("{}:{}:{}", p.file.display(), p.pos.line, p.pos.column);
    let place = app.shown(&place).into_owned();
    let what = match lang {
        Lang::Da => p.kind.label_da().to_string(),
        Lang::En => match p.kind {
            crate::domain::anonymity::HitKind::Cpr => "possible CPR number".into(),
            crate::domain::anonymity::HitKind::Phone => "possible phone number".into(),
            crate::domain::anonymity::HitKind::Email => "possible e-mail address".into(),
            crate::domain::anonymity::HitKind::BlockedName => {
                "name from the audit's block list".into()
            }
        },
    };
    let masked = &p.masked;
    let text = match lang {
        Lang::Da => format!(
            "Anonymisér {place}: {what}\n{masked} → {}\nKun dette sted i filen ændres (u fortryder).",
            p.replacement
        ),
        Lang::En => format!(
            "Anonymise {place}: {what}\n{masked} → {}\nOnly this place in the file changes (u undoes it).",
            p.replacement
        ),
    };
    let keys = pick(
        lang,
        "j = ja, skriv filen   n = nej",
        "y = yes, write the file   n = no",
    );
    (text, keys.to_string())
}

/// `j` on the question: writes the one replacement and reads the audit again.
pub fn apply(app: &mut App, p: &Proposal) {
    let lang = app.lang;
    if let Some(why) = refusal(app) {
        app.note = Some(Note::error(why));
        return;
    }
    match anonymise::apply_one(&app.audit.root, p) {
        Ok(Some(w)) => {
            let place = app
                .shown(&format!("{}:{}", w.file.display(), p.pos.line))
                .into_owned();
            app.problems.undo.push(w);
            reload(app);
            app.note = Some(Note::info(match lang {
                Lang::Da => format!("Anonymiseret: {place} → {} (u fortryder)", p.replacement),
                Lang::En => format!("Anonymised: {place} → {} (u undoes it)", p.replacement),
            }));
        }
        Ok(None) => {}
        Err(e) => failed(app, &e),
    }
}

/// `u`: puts the last anonymised file back as it was.
pub fn undo(app: &mut App) {
    let lang = app.lang;
    if let Some(why) = refusal(app) {
        app.note = Some(Note::error(why));
        return;
    }
    let Some(w) = app.problems.undo.pop() else {
        app.note = Some(Note::info(pick(
            lang,
            "Intet at fortryde.",
            "Nothing to undo.",
        )));
        return;
    };
    match anonymise::undo(&app.audit.root, &w) {
        Ok(()) => {
            let file = app.shown(&w.file.display().to_string()).into_owned();
            reload(app);
            app.note = Some(Note::info(match lang {
                Lang::Da => format!("Fortrudt: {file} er som før."),
                Lang::En => format!("Undone: {file} is as before."),
            }));
        }
        Err(e) => failed(app, &e),
    }
}

fn failed(app: &mut App, e: &ApplyError) {
    let lang = app.lang;
    let why = match e {
        ApplyError::Changed => pick(
            lang,
            "Filen er ændret siden; intet skrevet. Listen er læst igen.",
            "The file has changed since; nothing written. The list was read again.",
        )
        .to_string(),
        ApplyError::Io(io) => match lang {
            Lang::Da => format!(
                "Kunne ikke skrive filen: {}",
                crate::domain::diag::io_error_da(io)
            ),
            Lang::En => format!("Could not write the file: {io}"),
        },
    };
    if matches!(e, ApplyError::Changed) {
        reload(app);
    }
    app.note = Some(Note::error(why));
}

/// Reads the audit's files again after a write: what the screens show, the
/// magtprofil, the finder, the panel's files and the problem list (the
/// cursor stays where it was, the undo history too).
fn reload(app: &mut App) {
    // The magtprofil is counted while the cases load (as at the start).
    let (fresh, comparison) = magtprofil::load_and_compare(&app.audit.root);
    // A background check may still hold the audit: then this is a copy.
    let a = std::sync::Arc::make_mut(&mut app.audit);
    a.config = fresh.config;
    a.cases = fresh.cases;
    a.hypotheses = fresh.hypotheses;
    a.form = fresh.form;
    a.themes = fresh.themes;
    a.diagnostics = fresh.diagnostics;
    app.episode_tables.clear();
    app.set_comparison(comparison);
    app.finder_index = FinderIndex::build(&app.audit, &app.panel);
    app.reload_panel(false);
    let cursor = std::mem::take(&mut app.problems.cursor);
    let undo = std::mem::take(&mut app.problems.undo);
    app.problems = ProblemsState::new(check_loaded(&app.audit).diagnostics);
    app.problems.cursor = cursor;
    let n = app.problems.list.len();
    app.problems.cursor.selected = app.problems.cursor.selected.min(n.saturating_sub(1));
    app.problems.undo = undo;
    (app.errors, app.warnings) = app.problems.counts();
}
