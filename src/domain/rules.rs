//! The rules of voksenansvarsloven an episode can be checked against
//! (DOMAIN.md §4; vejledning chapters 14, 18 and 28). Pure functions over one
//! episode and its institution's kind; `check` turns findings into warnings,
//! the app shows them on the episode and filters by them.

use serde::Serialize;

use super::model::{Episode, InstitutionKind};

/// One rule an episode can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The end is before the start.
    EndBeforeStart,
    /// The episode lasts more than 24 hours.
    OverOneDay,
    /// Registered more than 24 hours after the start.
    LateRegistration,
    /// Isolation longer than 2 hours (4 on a særligt sikret afdeling).
    IsolationOverLimit,
    /// Isolation at an institution kind that may not isolate.
    IsolationNotAllowed,
    /// Isolation not decided by the leader or a deputy.
    IsolationNotDecidedByLeader,
    /// A type the institution kind may not use.
    TypeNotAllowed,
    /// No child statement (and none to follow).
    NoChildStatement,
    /// The holder of parental custody was not told.
    ParentsNotTold,
}

/// A rule finding on one episode, with a Danish sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub message: String,
}

/// Every rule the episode breaks, in `Rule` order.
pub fn episode_findings(_episode: &Episode, _kind: InstitutionKind) -> Vec<Finding> {
    // Filled by the foundation issue's check work.
    Vec::new()
}
