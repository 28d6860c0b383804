//! `scores.csv` for those who continue in a spreadsheet: one row per
//! round × case × question × tilsyn of the rounds the report shows
//! (revealed), in the report's order, with the value (a number,
//! "kan ikke vurderes" or empty) and the comment.

use super::figures::shown_rounds;
use crate::domain::model::Audit;
use crate::domain::panel::{NOT_ASSESSABLE, PanelData, ScoreValue};

pub const SCORES_HEADER: [&str; 6] = ["case", "question", "rater", "round", "value", "comment"];

/// The text of `scores.csv`.
pub fn scores_csv(audit: &Audit, panel: &PanelData) -> Result<String, ::csv::Error> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(SCORES_HEADER)?;
    for round in shown_rounds(panel) {
        for case in &audit.cases {
            for q in &audit.form.questions {
                for t in &audit.config.tilsyn {
                    let e = panel
                        .scores
                        .get(&t.id)
                        .and_then(|s| s.entry(round, &case.id, &q.id));
                    let value = match e.and_then(|e| e.value) {
                        Some(ScoreValue::Score(v)) => v.to_string(),
                        Some(ScoreValue::NotAssessable) => NOT_ASSESSABLE.to_string(),
                        None => String::new(),
                    };
                    let comment = e.map(|e| e.comment.trim().to_string()).unwrap_or_default();
                    w.write_record([
                        case.id.as_str(),
                        q.id.as_str(),
                        t.id.as_str(),
                        &round.to_string(),
                        &value,
                        &comment,
                    ])?;
                }
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ::csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
