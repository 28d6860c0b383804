//! Agreement over an audit's panel scores: alpha (with interval and
//! leave-one-out) per question, per theme, per hypothesis and overall, and
//! the spread per case × question.
//!
//! The input is plain data (`Rating`), so this does not depend on how the
//! panel stores its scores; `Structure` is the part of the audit that says
//! which questions belong to which theme and hypothesis. The units are:
//!
//! - per question: the cases;
//! - per theme: case × question over the theme's questions;
//! - per hypothesis: case × question over the questions of its themes;
//! - overall: case × question over every question of the vurderingsskema.
//!
//! Ratings of questions that are not in the vurderingsskema are left out
//! and counted (`ignored_ratings`); `check` reports them. When a rater has
//! two ratings of the same case and question, the later one counts.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::alpha::{Level, ReliabilityData};
use super::bootstrap::{Agreement, BootstrapOptions, agreement};
use super::friedman::{NoTest, RaterDifferences, friedman};
use super::spread::{Spread, spread};
use crate::domain::model::Audit;

/// One rater's score of one case on one question. `value: None` is "kan
/// ikke vurderes" (or not scored): missing, not a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub case: String,
    pub question: String,
    pub rater: String,
    pub value: Option<u8>,
}

/// A question and the audit theme it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionRef {
    pub id: String,
    pub theme: String,
}

/// A hypothesis and the audit themes whose questions test it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HypothesisRef {
    pub id: String,
    pub themes: Vec<String>,
}

/// What the aggregation needs to know about the audit, in the order the
/// report uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Rater ids in display order (raters only found in ratings follow, sorted).
    pub raters: Vec<String>,
    /// Case ids in display order (cases only found in ratings follow, sorted).
    pub cases: Vec<String>,
    /// The vurderingsskema's questions, in form order.
    pub questions: Vec<QuestionRef>,
    pub hypotheses: Vec<HypothesisRef>,
}

impl Structure {
    /// The tilsyn, cases, questions and hypotheses of an audit.
    pub fn from_audit(audit: &Audit) -> Self {
        Structure {
            raters: audit.config.tilsyn.iter().map(|t| t.id.clone()).collect(),
            cases: audit.cases.iter().map(|c| c.id.clone()).collect(),
            questions: audit
                .form
                .questions
                .iter()
                .map(|q| QuestionRef {
                    id: q.id.clone(),
                    theme: q.theme.clone(),
                })
                .collect(),
            hypotheses: audit
                .hypotheses
                .iter()
                .map(|h| HypothesisRef {
                    id: h.id.clone(),
                    themes: h.themes.clone(),
                })
                .collect(),
        }
    }

    /// Themes in the order their first question appears in the form.
    pub fn themes(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for q in &self.questions {
            if !out.contains(&q.theme) {
                out.push(q.theme.clone());
            }
        }
        out
    }
}

/// Agreement of one question, theme or hypothesis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupAgreement {
    pub id: String,
    /// The questions whose scores make the units (form order).
    pub questions: Vec<String>,
    #[serde(flatten)]
    pub agreement: Agreement,
    /// The Friedman test of systematic differences between the raters over
    /// the group's case × question cells that every rater scored.
    pub rater_differences: Option<RaterDifferences>,
    /// Why there is no test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater_differences_reason: Option<NoTest>,
}

impl GroupAgreement {
    /// The test, or why there is none.
    pub fn rater_test(&self) -> Result<&RaterDifferences, NoTest> {
        match (&self.rater_differences, self.rater_differences_reason) {
            (Some(d), _) => Ok(d),
            (None, Some(why)) => Err(why),
            (None, None) => Err(NoTest::TooFewBlocks(0)),
        }
    }
}

/// The spread of one case × question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellSpread {
    pub case: String,
    pub question: String,
    #[serde(flatten)]
    pub spread: Spread,
}

/// The bootstrap as a report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapInfo {
    pub resamples: usize,
    pub seed: u64,
    pub method: &'static str,
}

/// Everything the panel's agreement figures say, in a stable order:
/// hypotheses as in the hypotheses file, themes and questions in form order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    pub level: Level,
    pub bootstrap: BootstrapInfo,
    pub raters: Vec<String>,
    pub cases: Vec<String>,
    /// The overall Friedman test (the same as `overall`'s), at the top
    /// level for readers of the JSON.
    pub rater_differences: Option<RaterDifferences>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater_differences_reason: Option<NoTest>,
    pub overall: GroupAgreement,
    pub hypotheses: Vec<GroupAgreement>,
    pub themes: Vec<GroupAgreement>,
    pub questions: Vec<GroupAgreement>,
    /// Ratings of questions that are not in the vurderingsskema.
    pub ignored_ratings: usize,
}

/// The method sentence a report carries.
pub const BOOTSTRAP_METHOD: &str = "BCa-bootstrap: parbare enheder trukket med tilbagelægning \
(ChaCha8, fast frø); 95 %-interval korrigeret for skævhed og acceleration (jackknife)";

/// The ratings as a cube case × question × rater, indexed once.
struct Cube {
    raters: Vec<String>,
    cases: Vec<String>,
    questions: Vec<String>,
    /// `cells[(case * questions + question) * raters + rater]`.
    cells: Vec<Option<u8>>,
    ignored: usize,
}

impl Cube {
    fn new(structure: &Structure, ratings: &[Rating]) -> Self {
        let raters = ordered(&structure.raters, ratings.iter().map(|r| &r.rater));
        let cases = ordered(&structure.cases, ratings.iter().map(|r| &r.case));
        let questions: Vec<String> = structure.questions.iter().map(|q| q.id.clone()).collect();
        let index = |v: &[String]| -> HashMap<String, usize> {
            v.iter().enumerate().map(|(i, s)| (s.clone(), i)).collect()
        };
        let (ri, ci, qi) = (index(&raters), index(&cases), index(&questions));
        let mut cells = vec![None; cases.len() * questions.len() * raters.len()];
        let mut ignored = 0;
        for r in ratings {
            match (ci.get(&r.case), qi.get(&r.question), ri.get(&r.rater)) {
                (Some(&c), Some(&q), Some(&rr)) => {
                    cells[(c * questions.len() + q) * raters.len() + rr] = r.value;
                }
                _ => ignored += 1,
            }
        }
        Cube {
            raters,
            cases,
            questions,
            cells,
            ignored,
        }
    }

    fn cell(&self, case: usize, question: usize) -> &[Option<u8>] {
        let w = self.raters.len();
        let start = (case * self.questions.len() + question) * w;
        &self.cells[start..start + w]
    }

    /// The reliability data of some questions: units case × question,
    /// question by question in the order given.
    fn data(&self, questions: &[usize]) -> ReliabilityData {
        let mut units = Vec::with_capacity(questions.len() * self.cases.len());
        for &q in questions {
            for c in &self.cases {
                units.push(format!("{c}/{}", self.questions[q]));
            }
        }
        let mut data = ReliabilityData::new(units, self.raters.clone());
        let mut u = 0;
        for &q in questions {
            for c in 0..self.cases.len() {
                for (r, v) in self.cell(c, q).iter().enumerate() {
                    data.set(u, r, v.map(f64::from));
                }
                u += 1;
            }
        }
        data
    }

    /// The cells of some questions that every rater scored, block-major
    /// (one value per rater), question by question, case by case.
    fn complete_blocks(&self, questions: &[usize]) -> Vec<f64> {
        let mut out = Vec::new();
        for &q in questions {
            for c in 0..self.cases.len() {
                let cell = self.cell(c, q);
                if cell.iter().all(Option::is_some) {
                    out.extend(cell.iter().flatten().map(|&v| f64::from(v)));
                }
            }
        }
        out
    }
}

/// `preferred` first, then the other names met in `seen`, sorted.
fn ordered<'a>(preferred: &[String], seen: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out = preferred.to_vec();
    let mut extra: Vec<String> = seen.filter(|s| !out.contains(s)).cloned().collect();
    extra.sort();
    extra.dedup();
    out.extend(extra);
    out
}

/// Alpha per question, theme, hypothesis and overall, each with its
/// bootstrap interval and leave-one-out, and the Friedman test of
/// systematic differences between the raters for each.
pub fn audit_report(
    structure: &Structure,
    ratings: &[Rating],
    level: Level,
    opts: &BootstrapOptions,
) -> AgreementReport {
    let cube = Cube::new(structure, ratings);
    let group = |id: String, qs: Vec<usize>| {
        let test = friedman(&cube.raters, &cube.complete_blocks(&qs), opts);
        GroupAgreement {
            id,
            questions: qs.iter().map(|&q| cube.questions[q].clone()).collect(),
            agreement: agreement(&cube.data(&qs), level, opts),
            rater_differences_reason: test.as_ref().err().copied(),
            rater_differences: test.ok(),
        }
    };
    let of_themes = |themes: &[String]| -> Vec<usize> {
        (0..structure.questions.len())
            .filter(|&q| themes.contains(&structure.questions[q].theme))
            .collect()
    };
    let questions = (0..structure.questions.len())
        .map(|q| group(structure.questions[q].id.clone(), vec![q]))
        .collect();
    let themes = structure
        .themes()
        .into_iter()
        .map(|t| {
            let qs = of_themes(std::slice::from_ref(&t));
            group(t, qs)
        })
        .collect();
    let hypotheses = structure
        .hypotheses
        .iter()
        .map(|h| group(h.id.clone(), of_themes(&h.themes)))
        .collect();
    let overall = group(
        "samlet".to_string(),
        (0..structure.questions.len()).collect(),
    );
    AgreementReport {
        level,
        bootstrap: BootstrapInfo {
            resamples: opts.resamples,
            seed: opts.seed,
            method: BOOTSTRAP_METHOD,
        },
        raters: cube.raters.clone(),
        cases: cube.cases.clone(),
        rater_differences: overall.rater_differences.clone(),
        rater_differences_reason: overall.rater_differences_reason,
        overall,
        hypotheses,
        themes,
        questions,
        ignored_ratings: cube.ignored,
    }
}

/// The spread of every case × question that has at least one score, case
/// by case in the structure's order, questions in form order.
pub fn spreads(structure: &Structure, ratings: &[Rating]) -> Vec<CellSpread> {
    let cube = Cube::new(structure, ratings);
    let mut out = Vec::new();
    for (c, case) in cube.cases.iter().enumerate() {
        for (q, question) in cube.questions.iter().enumerate() {
            let scores: Vec<u8> = cube.cell(c, q).iter().flatten().copied().collect();
            if let Some(s) = spread(&scores) {
                out.push(CellSpread {
                    case: case.clone(),
                    question: question.clone(),
                    spread: s,
                });
            }
        }
    }
    out
}

/// Why the panel's ratings could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingsError {
    #[error("panelets filer har fejl; ret dem først (kør `auditpanel check`):\n{0}")]
    Damaged(String),
    #[error("runde {0} findes ikke; panelet er i runde {1}")]
    NoSuchRound(u32, u32),
}

/// The panel's ratings of one round (`None` = the current round), read from
/// `panel/scores/<tilsyn>.yaml` without taking the lock: one `Rating` per
/// rater × case × question, `value: None` for unscored and "kan ikke vurderes".
pub fn load_ratings(audit: &Audit, round: Option<u32>) -> Result<Vec<Rating>, RatingsError> {
    let (store, diags) = crate::domain::panel::PanelStore::open_with(
        &audit.root,
        audit,
        crate::domain::panel::OpenOptions { read_only: true },
    );
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(RatingsError::Damaged(errors.join("\n")));
    }
    let current = store.current_round();
    let round = round.unwrap_or(current);
    if round == 0 || round > current {
        return Err(RatingsError::NoSuchRound(round, current));
    }
    Ok(store.ratings(round).into_iter().map(Rating::from).collect())
}

/// From the panel's rows `(case, question, rater, value)`.
impl From<crate::domain::panel::RatingRow> for Rating {
    fn from((case, question, rater, value): crate::domain::panel::RatingRow) -> Self {
        Rating {
            case,
            question,
            rater,
            value,
        }
    }
}
