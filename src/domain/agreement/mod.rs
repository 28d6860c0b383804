//! Agreement between raters (the five tilsyn): Krippendorff's alpha at the
//! nominal, ordinal, interval and ratio levels with missing values and any
//! number of raters, a bootstrap confidence interval with a fixed seed,
//! alpha with each rater left out, the audit-level aggregation (per
//! question, theme, hypothesis and overall) and the spread per case ×
//! question that the comparison screen marks.
//!
//! - `alpha`: the reliability data, the coincidence matrix and alpha;
//! - `bootstrap`: the interval, Krippendorff's interpretation, leave-one-out;
//! - `audit`: plain `Rating`s of an audit aggregated into an `AgreementReport`;
//! - `spread`: range, median and raters far from it, per case × question;
//! - `ratings_csv`: any ratings as `unit,rater,value` CSV.

pub mod alpha;
pub mod audit;
pub mod bootstrap;
pub mod ratings_csv;
pub mod spread;

pub use alpha::{Coincidences, Level, Prepared, ReliabilityData, Undefined, alpha};
pub use audit::{
    AgreementReport, BOOTSTRAP_METHOD, BootstrapInfo, CellSpread, GroupAgreement, HypothesisRef,
    QuestionRef, Rating, RatingsError, Structure, audit_report, load_ratings, spreads,
};
pub use bootstrap::{
    ALPHA_MIN, ALPHA_RELIABLE, Agreement, BootstrapOptions, ConfidenceInterval, DEFAULT_SEED,
    LeftOut, Reliability, agreement, bootstrap,
};
pub use ratings_csv::{RATINGS_HEADER, read_ratings_csv};
pub use spread::{Spread, spread};
