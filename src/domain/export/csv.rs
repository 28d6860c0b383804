//! `scores.csv` for those who continue in a spreadsheet: one row per
//! round × case × question × tilsyn of the rounds the report shows
//! (revealed), in the report's order, with the value (a number,
//! "kan ikke vurderes" or empty) and the comment.

use super::figures::shown_rounds;
use crate::domain::model::Audit;
use crate::domain::panel::{NOT_ASSESSABLE, PanelData, ScoreEntry, ScoreValue};

pub const SCORES_HEADER: [&str; 6] = ["case", "question", "rater", "round", "value", "comment"];

/// One score cell the report shows: round, case, question, tilsyn and
/// the tilsyn's entry, if any.
pub struct ScoreCell<'a> {
    pub round: u32,
    pub case: &'a str,
    pub question: &'a str,
    pub rater: &'a str,
    pub entry: Option<&'a ScoreEntry>,
}

/// Every cell of the rounds the report shows (revealed), in the report's
/// order: round, case, question, tilsyn. `scores.csv` and the Excel
/// export's Scorer sheet are both this list.
pub fn score_cells<'a>(audit: &'a Audit, panel: &'a PanelData) -> Vec<ScoreCell<'a>> {
    let mut out = Vec::new();
    for round in shown_rounds(panel) {
        for case in &audit.cases {
            for q in &audit.form.questions {
                for t in &audit.config.tilsyn {
                    out.push(ScoreCell {
                        round,
                        case: &case.id,
                        question: &q.id,
                        rater: &t.id,
                        entry: panel
                            .scores
                            .get(&t.id)
                            .and_then(|s| s.entry(round, &case.id, &q.id)),
                    });
                }
            }
        }
    }
    out
}

/// The text of `scores.csv`.
pub fn scores_csv(audit: &Audit, panel: &PanelData) -> Result<String, ::csv::Error> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(SCORES_HEADER)?;
    for c in score_cells(audit, panel) {
        let value = match c.entry.and_then(|e| e.value) {
            Some(ScoreValue::Score(v)) => v.to_string(),
            Some(ScoreValue::NotAssessable) => NOT_ASSESSABLE.to_string(),
            None => String::new(),
        };
        let comment = c
            .entry
            .map(|e| e.comment.trim().to_string())
            .unwrap_or_default();
        w.write_record([
            c.case,
            c.question,
            c.rater,
            &c.round.to_string(),
            &value,
            &comment,
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
