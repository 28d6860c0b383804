//! What the panel produced, as plain data: scores per rater and round,
//! topics (særlige fokusområder) with discussion and consensus, the
//! conclusions (verdicts, faglig vejledning, opfølgningsplan) and the
//! session (current round, which rounds are revealed). The file formats in
//! `files` read and write these types; `PanelStore` owns one of each.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The sentence every faglig vejledning item starts with.
pub const GUIDANCE_PREFIX: &str = "Det er Socialstyrelsens faglige vejledning, at";

/// How "not assessable" is spelled in a score file.
pub const NOT_ASSESSABLE: &str = "kan ikke vurderes";

/// The highest round a panel can reach. Audit 18.1 scored twice; a panel
/// that needs more than a handful of rounds has stopped converging. A
/// bound, because files, screens and agreement figures go round by round:
/// a hand-written `round: 4294967295` must be a finding, never four
/// billion rounds of work. docs/domain.md §6.
pub const MAX_ROUND: u32 = 20;

/// One rater's value for one case and question. Unscored is the absence of
/// a value (`Option<ScoreValue>::None`), which is not the same as
/// "kan ikke vurderes": the rater looked and found no basis to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreValue {
    Score(u8),
    NotAssessable,
}

impl ScoreValue {
    /// The number, when there is one (agreement treats the rest as missing).
    pub fn number(self) -> Option<u8> {
        match self {
            ScoreValue::Score(v) => Some(v),
            ScoreValue::NotAssessable => None,
        }
    }
}

/// A value (or none yet) and the rater's comment on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreEntry {
    pub value: Option<ScoreValue>,
    pub comment: String,
}

impl ScoreEntry {
    pub fn is_empty(&self) -> bool {
        self.value.is_none() && self.comment.is_empty()
    }
}

/// (case id, question id).
pub type Cell = (String, String);

/// Everything one rater (tilsyn) scored: `panel/scores/<rater>.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RaterScores {
    pub rater: String,
    /// Round → (case, question) → entry. Rounds are numbered from 1.
    pub rounds: BTreeMap<u32, BTreeMap<Cell, ScoreEntry>>,
    /// Values changed after their round was revealed, oldest first.
    pub revisions: Vec<Revision>,
}

/// A value changed in a round that was already revealed: recorded in the
/// rater's score file (`revisions:`) so the report can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub round: u32,
    pub case: String,
    pub question: String,
    /// Who changed it: `facilitator` or the tilsyn id.
    pub who: String,
    /// Local time, YYYY-MM-DDTHH:MM:SS.
    pub when: String,
    pub old: Option<ScoreValue>,
    pub new: Option<ScoreValue>,
}

impl RaterScores {
    pub fn new(rater: &str) -> Self {
        RaterScores {
            rater: rater.to_string(),
            rounds: BTreeMap::new(),
            revisions: Vec::new(),
        }
    }

    pub fn entry(&self, round: u32, case: &str, question: &str) -> Option<&ScoreEntry> {
        self.rounds
            .get(&round)?
            .get(&(case.to_string(), question.to_string()))
    }

    /// The highest round with any entry in it (0 when none).
    pub fn last_round(&self) -> u32 {
        self.rounds
            .iter()
            .filter(|(_, m)| m.values().any(|e| !e.is_empty()))
            .map(|(r, _)| *r)
            .max()
            .unwrap_or(0)
    }
}

/// `panel/topics.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicsFile {
    #[serde(default)]
    pub topics: Vec<Topic>,
}

/// A cross-cutting topic (særligt fokusområde / tværgående emne). The
/// prioritised topics become the discussion sections of the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub votes: u32,
    #[serde(default)]
    pub prioritised: bool,
    /// Drøftelse: the panel's discussion notes.
    #[serde(default)]
    pub discussion: String,
    /// Points of enighed ("Der var enighed om, at …").
    #[serde(default)]
    pub consensus: Vec<Consensus>,
}

/// A consensus statement, the tilsyn (ids) that did not agree and, per
/// dissenting tilsyn, its view in its own words (`views`; a file written
/// before views existed has only the ids, and still loads).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consensus {
    pub text: String,
    #[serde(default)]
    pub dissent: Vec<String>,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub views: std::collections::BTreeMap<String, String>,
}

impl Consensus {
    /// The dissenting view of a tilsyn ("" when it gave none).
    pub fn view(&self, rater: &str) -> &str {
        self.views.get(rater).map_or("", String::as_str)
    }
}

/// `panel/conclusions.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusions {
    /// One per hypothesis, in the order of the audit's hypotheses.
    #[serde(default)]
    pub verdicts: Vec<VerdictEntry>,
    /// Faglig vejledning.
    #[serde(default)]
    pub guidance: Vec<GuidanceItem>,
    /// Opfølgningsplan.
    #[serde(default)]
    pub followup: Vec<FollowUpItem>,
}

impl Conclusions {
    pub fn verdict(&self, hypothesis: &str) -> Option<&VerdictEntry> {
        self.verdicts.iter().find(|v| v.hypothesis == hypothesis)
    }
}

/// The panel's judgement of one arbejdshypotese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Bekraeftet,
    DelvistBekraeftet,
    IkkeBelaeg,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [
        Verdict::Bekraeftet,
        Verdict::DelvistBekraeftet,
        Verdict::IkkeBelaeg,
    ];

    /// The Danish words, for screens and the report: the one verdict
    /// vocabulary (bekræftet / delvist bekræftet / ikke bekræftet).
    /// `IkkeBelaeg` keeps its name in the panel files.
    pub fn label_da(self) -> &'static str {
        match self {
            Verdict::Bekraeftet => "bekræftet",
            Verdict::DelvistBekraeftet => "delvist bekræftet",
            Verdict::IkkeBelaeg => "ikke bekræftet",
        }
    }

    /// The English words (`--lang en`).
    pub fn label_en(self) -> &'static str {
        match self {
            Verdict::Bekraeftet => "confirmed",
            Verdict::DelvistBekraeftet => "partly confirmed",
            Verdict::IkkeBelaeg => "not confirmed",
        }
    }
}

/// A hypothesis' verdict, its rationale and the agreement figures it rests on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictEntry {
    pub hypothesis: String,
    /// `None` while the panel has not decided.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub rationale: String,
    /// The agreement figures when the verdict was recorded (filled by the caller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementSnapshot>,
}

/// A small record of agreement figures, frozen when a verdict is recorded
/// so the report shows what the panel saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementSnapshot {
    /// `ordinal`, `interval` or `nominal`.
    #[serde(default = "ordinal")]
    pub level: String,
    pub rounds: Vec<RoundAgreement>,
}

fn ordinal() -> String {
    "ordinal".into()
}

/// Krippendorff's alpha for one round with its bootstrap interval.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundAgreement {
    pub round: u32,
    /// `None` when alpha is undefined (no variation, too few pairable values).
    #[serde(default)]
    pub alpha: Option<f64>,
    #[serde(default)]
    pub ci_low: Option<f64>,
    #[serde(default)]
    pub ci_high: Option<f64>,
    /// Number of pairable values behind the figure, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<u32>,
}

/// One item of faglig vejledning: a heading, a rationale and the guidance
/// sentence ("Det er Socialstyrelsens faglige vejledning, at …").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceItem {
    pub heading: String,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub guidance: String,
}

/// One action of the opfølgningsplan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpItem {
    pub action: String,
    #[serde(default)]
    pub owner: String,
    /// Frist (YYYY-MM-DD).
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: FollowUpStatus,
    /// A remark on the status, e.g. what a later audit found.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    #[default]
    Planlagt,
    Igang,
    Gennemfoert,
    Opgivet,
}

impl FollowUpStatus {
    pub const ALL: [FollowUpStatus; 4] = [
        FollowUpStatus::Planlagt,
        FollowUpStatus::Igang,
        FollowUpStatus::Gennemfoert,
        FollowUpStatus::Opgivet,
    ];

    pub fn label_da(self) -> &'static str {
        match self {
            FollowUpStatus::Planlagt => "planlagt",
            FollowUpStatus::Igang => "i gang",
            FollowUpStatus::Gennemfoert => "gennemført",
            FollowUpStatus::Opgivet => "opgivet",
        }
    }

    /// The English words (`--lang en`).
    pub fn label_en(self) -> &'static str {
        match self {
            FollowUpStatus::Planlagt => "planned",
            FollowUpStatus::Igang => "in progress",
            FollowUpStatus::Gennemfoert => "done",
            FollowUpStatus::Opgivet => "dropped",
        }
    }
}

/// `panel/session.yaml`: the round being scored and which rounds are
/// revealed. In a blind round a rater sees only its own scores until the
/// facilitator reveals the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub current_round: u32,
    #[serde(default)]
    pub rounds: Vec<RoundState>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            current_round: 1,
            rounds: vec![RoundState {
                round: 1,
                revealed: false,
                scope: None,
            }],
        }
    }
}

impl Session {
    pub fn is_revealed(&self, round: u32) -> bool {
        self.rounds.iter().any(|r| r.round == round && r.revealed)
    }

    /// The cells a round is limited to (`None`: every cell).
    pub fn scope(&self, round: u32) -> Option<&[ScopeCell]> {
        self.rounds
            .iter()
            .find(|r| r.round == round)?
            .scope
            .as_deref()
    }

    /// Whether (case, question) may be scored in `round`.
    pub fn in_scope(&self, round: u32, case: &str, question: &str) -> bool {
        self.scope(round)
            .is_none_or(|s| s.iter().any(|c| c.case == case && c.question == question))
    }

    pub(crate) fn set_revealed(&mut self, round: u32, revealed: bool) {
        match self.rounds.iter_mut().find(|r| r.round == round) {
            Some(r) => r.revealed = revealed,
            None => {
                self.rounds.push(RoundState {
                    round,
                    revealed,
                    scope: None,
                });
                self.rounds.sort_by_key(|r| r.round);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundState {
    pub round: u32,
    #[serde(default)]
    pub revealed: bool,
    /// Round 2 and later may be limited to some cells (those with spread
    /// in the round before); absent = every cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<ScopeCell>>,
}

/// One cell of a limited round.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeCell {
    pub case: String,
    pub question: String,
}

/// Which cells a new round asks the panel to score again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RoundScope {
    /// Every case × question.
    #[default]
    All,
    /// Only the cells whose scores spread in the round before (◆: range
    /// ≥ 2, or two or more tilsyn two steps from the median).
    Spread,
}

/// Who this copy of the app writes as. The facilitator owns the session,
/// topics and conclusions; a rater (a tilsyn id) owns only its score file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Role {
    #[default]
    Facilitator,
    Rater(String),
}

impl Role {
    /// `facilitator` or the tilsyn id: the lock's name and `who` in revisions.
    pub fn id(&self) -> &str {
        match self {
            Role::Facilitator => crate::domain::panel::lock::FACILITATOR,
            Role::Rater(r) => r,
        }
    }

    /// The tilsyn id for a rater.
    pub fn rater(&self) -> Option<&str> {
        match self {
            Role::Facilitator => None,
            Role::Rater(r) => Some(r),
        }
    }
}

/// All of `panel/`, in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PanelData {
    /// Rater id → scores; raters without a file and without scores are absent.
    pub scores: BTreeMap<String, RaterScores>,
    pub topics: TopicsFile,
    pub conclusions: Conclusions,
    pub session: Session,
}

impl PanelData {
    /// The value `rater` gives (case, question) in `round`: its own entry's
    /// value in that round, else (round 2 and later) the value carried from
    /// the round before. A later round starts from each tilsyn's earlier
    /// scores, and a round limited to some cells keeps the rest as they were.
    pub fn value(&self, round: u32, rater: &str, case: &str, question: &str) -> Option<ScoreValue> {
        let scores = self.scores.get(rater)?;
        // Only the rounds with entries, whatever number `round` is.
        let cell = (case.to_string(), question.to_string());
        scores
            .rounds
            .range(1..=round)
            .rev()
            .find_map(|(_, cells)| cells.get(&cell).and_then(|e| e.value))
    }
}

/// One rater in `PanelStore::round_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaterStatus {
    pub id: String,
    pub name: String,
    /// Cells of the round with a value or "kan ikke vurderes" (round 2
    /// and later: effective values, carried from the round before).
    pub scored: usize,
    /// Of those, "kan ikke vurderes".
    pub not_assessable: usize,
    /// Cases × questions.
    pub cells: usize,
    /// For a round limited to some cells: how many, and how many of them
    /// this rater has scored again in this round.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_scope: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rescored: Option<usize>,
    /// Who holds this tilsyn's lock now (is scoring), if anyone.
    pub holder: Option<crate::domain::panel::lock::LockInfo>,
}

/// The state of the current round, for the facilitator's progress view
/// and `auditpanel status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundStatus {
    pub round: u32,
    pub revealed: bool,
    pub raters: Vec<RaterStatus>,
    /// Who holds the facilitator's lock now, if anyone.
    pub facilitator: Option<crate::domain::panel::lock::LockInfo>,
    /// Values changed after their round was revealed (all rounds).
    pub revisions: usize,
    /// Copies made by sync tools, relative to the audit folder.
    pub conflict_copies: Vec<String>,
    /// Temporary files of interrupted writes, relative to the audit folder.
    pub temp_files: Vec<String>,
}

/// How far a rater has come with a round (or one case of it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Cells with a number.
    pub scored: usize,
    /// Cells marked "kan ikke vurderes".
    pub not_assessable: usize,
    /// All cells (cases × questions).
    pub total: usize,
}

impl Progress {
    /// Cells with a value of either kind.
    pub fn done(&self) -> usize {
        self.scored + self.not_assessable
    }
}
