//! Agreement between raters (the five tilsyn): Krippendorff's alpha at the
//! nominal, ordinal, interval and ratio levels with missing values and any
//! number of raters, a bootstrap confidence interval with a fixed seed,
//! alpha with each rater left out, the audit-level aggregation (per
//! question, theme, hypothesis and overall) and the spread per case ×
//! question that the comparison screen marks.
//!
//! - `alpha`: the reliability data, the coincidence matrix and alpha;
//! - `bootstrap`: the BCa interval, the label it allows, leave-one-out;
//! - `friedman`: the test of systematic differences between the raters;
//! - `dist`: the χ² and normal distributions they need;
//! - `audit`: plain `Rating`s of an audit aggregated into an `AgreementReport`;
//! - `spread`: range, median and raters far from it, per case × question;
//! - `ratings_csv`: any ratings as `unit,rater,value` CSV.

pub mod alpha;
pub mod audit;
pub mod bootstrap;
pub mod dist;
pub mod friedman;
pub mod ratings_csv;
pub mod spread;

pub use alpha::{Coincidences, Level, Prepared, ReliabilityData, Undefined, alpha};
pub use audit::{
    AgreementReport, BOOTSTRAP_METHOD, BootstrapInfo, CellSpread, GroupAgreement, HypothesisRef,
    QuestionRef, Rating, RatingsError, Structure, audit_report, load_ratings, spreads,
};
pub use bootstrap::{
    ALPHA_MIN, ALPHA_RELIABLE, Agreement, BootstrapOptions, ConfidenceInterval, DEFAULT_SEED,
    LeftOut, MIN_PAIRABLE_UNITS, MIN_PAIRABLE_VALUES, NoInterval, Reliability, agreement,
    agreement_summary_da, bootstrap, enough_data, label_rule_da,
};
pub use friedman::{
    NoTest, RaterDifference, RaterDifferences, SIGNIFICANCE, friedman, friedman_of_data,
    no_test_sentence_da, p_text_da, rater_difference_sentence_da, rater_differences_headline_da,
    rater_differences_sentence_da,
};
pub use ratings_csv::{RATINGS_HEADER, read_ratings_csv};
pub use spread::{Spread, spread};
