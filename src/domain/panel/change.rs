//! Every edit the panel can make, as one enum (`Change`), and how it is
//! applied to the data in memory. Each change touches exactly one file;
//! `PanelStore::apply` writes that file and records the change for undo.

use std::fmt;
use std::path::PathBuf;

use super::files::PanelContext;
use super::model::*;

/// One edit. Scores are addressed by round, rater (tilsyn id), case id and
/// question id; topics by id; consensus, guidance and follow-up items by
/// their index in their list.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    // --- scores (panel/scores/<rater>.yaml)
    SetScore {
        round: u32,
        rater: String,
        case: String,
        question: String,
        value: u8,
    },
    /// Mark "kan ikke vurderes".
    SetNotAssessable {
        round: u32,
        rater: String,
        case: String,
        question: String,
    },
    /// Remove the value (back to unscored); the comment stays.
    ClearScore {
        round: u32,
        rater: String,
        case: String,
        question: String,
    },
    SetComment {
        round: u32,
        rater: String,
        case: String,
        question: String,
        comment: String,
    },
    // --- session (panel/session.yaml)
    /// Start the next round (after the discussion): the round before is
    /// then closed. The new round starts from each tilsyn's scores of the
    /// round before and may be limited to the cells with spread.
    StartNextRound {
        scope: RoundScope,
    },
    /// Show every rater's scores of a round to everyone.
    Reveal {
        round: u32,
    },
    /// Hide them again (blind).
    Conceal {
        round: u32,
    },
    // --- topics (panel/topics.yaml)
    /// Adds a topic at the end; its id is made from the title.
    AddTopic {
        title: String,
        description: String,
    },
    EditTopic {
        id: String,
        title: String,
        description: String,
    },
    DeleteTopic {
        id: String,
    },
    /// Move a topic to position `to` (0-based) in the list.
    MoveTopic {
        id: String,
        to: usize,
    },
    /// One more vote.
    Vote {
        id: String,
    },
    /// Set the votes (a correction).
    SetVotes {
        id: String,
        votes: u32,
    },
    SetPrioritised {
        id: String,
        prioritised: bool,
    },
    SetDiscussion {
        id: String,
        text: String,
    },
    AddConsensus {
        topic: String,
        text: String,
        dissent: Vec<String>,
    },
    EditConsensus {
        topic: String,
        index: usize,
        text: String,
        dissent: Vec<String>,
    },
    DeleteConsensus {
        topic: String,
        index: usize,
    },
    /// Who did not agree with a consensus statement, each with its view
    /// (tilsyn id, view); the text may be empty (a dissent without words).
    SetDissent {
        topic: String,
        index: usize,
        views: Vec<(String, String)>,
    },
    // --- conclusions (panel/conclusions.yaml)
    /// Record (or withdraw, with `None`) a hypothesis' verdict, with the
    /// agreement figures the panel saw when it decided.
    SetVerdict {
        hypothesis: String,
        verdict: Option<Verdict>,
        agreement: Option<AgreementSnapshot>,
    },
    SetRationale {
        hypothesis: String,
        text: String,
    },
    AddGuidance(GuidanceItem),
    EditGuidance {
        index: usize,
        item: GuidanceItem,
    },
    DeleteGuidance {
        index: usize,
    },
    AddFollowUp(FollowUpItem),
    EditFollowUp {
        index: usize,
        item: FollowUpItem,
    },
    DeleteFollowUp {
        index: usize,
    },
    SetFollowUpStatus {
        index: usize,
        status: FollowUpStatus,
    },
}

/// Why the store is read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another copy of the app has the panel open for writing.
    OpenElsewhere {
        pid: u32,
        host: String,
        since: String,
        /// Whose lock it is: `facilitator` or the tilsyn id.
        role: String,
    },
    /// A file in `panel/` has errors (see the diagnostics); it is never
    /// overwritten, so nothing is written until it is fixed.
    Damaged,
    /// Asked for (`--read-only`).
    Requested,
    /// `panel/` cannot be written (no permission, read-only disk).
    Unwritable { message: String },
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::OpenElsewhere {
                pid,
                host,
                since,
                role,
            } => {
                let who = if role == super::lock::FACILITATOR || role.is_empty() {
                    "auditten er åben som facilitator".to_string()
                } else {
                    format!("tilsyn '{role}' scorer allerede")
                };
                write!(
                    f,
                    "{who} i et andet vindue (proces {pid} på {host} siden {since}); \
                     luk det, eller arbejd skrivebeskyttet her"
                )
            }
            ReadOnlyReason::Damaged => write!(
                f,
                "en fil i panel/ har fejl og overskrives ikke; ret fejlene og åbn igen"
            ),
            ReadOnlyReason::Requested => write!(f, "åbnet skrivebeskyttet (--read-only)"),
            ReadOnlyReason::Unwritable { message } => {
                write!(f, "panel/ kan ikke skrives ({message})")
            }
        }
    }
}

/// Why a change was refused or could not be saved. Nothing is changed,
/// in memory or on disk, when `apply` returns one of these.
#[derive(Debug, thiserror::Error)]
pub enum PanelError {
    #[error("kan ikke gemme: {0}")]
    ReadOnly(ReadOnlyReason),
    #[error("{role} må ikke skrive {file}: {why}")]
    NotYours {
        role: String,
        file: String,
        why: &'static str,
    },
    #[error(
        "tilsyn '{rater}' scorer selv på sin egen maskine nu ({host}, siden {since}); \
         dets scorer kan ikke skrives herfra, før det lukker"
    )]
    OwnedElsewhere {
        rater: String,
        host: String,
        since: String,
    },
    #[error(
        "sag '{case}' og spørgsmål '{question}' er ikke med i runde {round} \
         (runden omfatter kun cellerne med spredning); værdien fra runden før gælder"
    )]
    OutOfScope {
        round: u32,
        case: String,
        question: String,
    },
    #[error(
        "{file} er ændret af en anden, siden den blev læst, så '{change}' kan ikke \
         længere lægges oven i; den nye version er hentet ind, intet er overskrevet — \
         se den, og gør ændringen igen"
    )]
    Conflict { file: String, change: String },
    #[error("{file} har fejl på disken og overskrives ikke: {message}; ret filen, og prøv igen")]
    DamagedOnDisk { file: String, message: String },
    #[error(
        "ingen celler i runde {round} har spredning ◆, så en runde kun med dem ville \
         være tom; start næste runde med alle celler (j), eller lad være"
    )]
    NoSpreadCells { round: u32 },
    #[error("ukendt tilsyn '{id}'; brug et af: {known}")]
    UnknownRater { id: String, known: String },
    #[error("ukendt sag '{0}'")]
    UnknownCase(String),
    #[error("ukendt spørgsmål '{0}'")]
    UnknownQuestion(String),
    #[error("ukendt hypotese '{0}'")]
    UnknownHypothesis(String),
    #[error("ukendt emne '{0}'")]
    UnknownTopic(String),
    #[error("{what} nr. {} findes ikke", index + 1)]
    NoSuchItem { what: &'static str, index: usize },
    #[error("{value} ligger uden for skalaen {min}–{max}")]
    OffScale { value: u8, min: u8, max: u8 },
    #[error("runde {round} er ikke startet (runde {current} er i gang)")]
    RoundNotStarted { round: u32, current: u32 },
    #[error("runde {max} er den sidste; et auditpanel har højst {max} runder")]
    LastRound { max: u32 },
    #[error(
        "runde {round} er lukket, fordi runde {current} er startet; fortryd starten for at rette"
    )]
    RoundClosed { round: u32, current: u32 },
    #[error("{0} må ikke være tom")]
    Empty(&'static str),
    #[error("{} kan ikke skrives: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("kan ikke skrive YAML: {0}")]
    Serialize(String),
}

/// A file of the panel (each has one owner; see `PanelStore::can_write`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileId {
    Scores(String),
    Topics,
    Conclusions,
    Session,
}

/// The content of one file before or after a change (for undo and redo).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Snapshot {
    Scores(RaterScores),
    Topics(TopicsFile),
    Conclusions(Conclusions),
    Session(Session),
}

impl FileId {
    /// `panel/scores/nord.yaml`, `panel/topics.yaml`, … (for messages).
    pub fn rel_path(&self) -> String {
        use super::files::{CONCLUSIONS_FILE, PANEL_DIR, SCORES_DIR, SESSION_FILE, TOPICS_FILE};
        match self {
            FileId::Scores(r) => format!("{PANEL_DIR}/{SCORES_DIR}/{r}.yaml"),
            FileId::Topics => format!("{PANEL_DIR}/{TOPICS_FILE}"),
            FileId::Conclusions => format!("{PANEL_DIR}/{CONCLUSIONS_FILE}"),
            FileId::Session => format!("{PANEL_DIR}/{SESSION_FILE}"),
        }
    }
}

impl Snapshot {
    pub(crate) fn take(data: &PanelData, file: &FileId) -> Snapshot {
        match file {
            FileId::Scores(r) => Snapshot::Scores(
                data.scores
                    .get(r)
                    .cloned()
                    .unwrap_or_else(|| RaterScores::new(r)),
            ),
            FileId::Topics => Snapshot::Topics(data.topics.clone()),
            FileId::Conclusions => Snapshot::Conclusions(data.conclusions.clone()),
            FileId::Session => Snapshot::Session(data.session.clone()),
        }
    }

    pub(crate) fn file(&self) -> FileId {
        match self {
            Snapshot::Scores(s) => FileId::Scores(s.rater.clone()),
            Snapshot::Topics(_) => FileId::Topics,
            Snapshot::Conclusions(_) => FileId::Conclusions,
            Snapshot::Session(_) => FileId::Session,
        }
    }

    pub(crate) fn restore(self, data: &mut PanelData) {
        match self {
            Snapshot::Scores(s) => {
                data.scores.insert(s.rater.clone(), s);
            }
            Snapshot::Topics(t) => data.topics = t,
            Snapshot::Conclusions(c) => data.conclusions = c,
            Snapshot::Session(s) => data.session = s,
        }
    }
}

impl Change {
    /// The file the change writes.
    pub fn file(&self) -> FileId {
        use Change::*;
        match self {
            SetScore { rater, .. }
            | SetNotAssessable { rater, .. }
            | ClearScore { rater, .. }
            | SetComment { rater, .. } => FileId::Scores(rater.clone()),
            StartNextRound { .. } | Reveal { .. } | Conceal { .. } => FileId::Session,
            AddTopic { .. }
            | EditTopic { .. }
            | DeleteTopic { .. }
            | MoveTopic { .. }
            | Vote { .. }
            | SetVotes { .. }
            | SetPrioritised { .. }
            | SetDiscussion { .. }
            | AddConsensus { .. }
            | EditConsensus { .. }
            | DeleteConsensus { .. }
            | SetDissent { .. } => FileId::Topics,
            SetVerdict { .. }
            | SetRationale { .. }
            | AddGuidance(_)
            | EditGuidance { .. }
            | DeleteGuidance { .. }
            | AddFollowUp(_)
            | EditFollowUp { .. }
            | DeleteFollowUp { .. }
            | SetFollowUpStatus { .. } => FileId::Conclusions,
        }
    }

    /// The cell whose value the change sets (round, rater, case, question);
    /// `None` for comments and every other change.
    pub fn value_cell(&self) -> Option<(u32, String, String, String)> {
        use Change::*;
        match self {
            SetScore {
                round,
                rater,
                case,
                question,
                ..
            }
            | SetNotAssessable {
                round,
                rater,
                case,
                question,
            }
            | ClearScore {
                round,
                rater,
                case,
                question,
            } => Some((*round, rater.clone(), case.clone(), question.clone())),
            _ => None,
        }
    }

    /// A short Danish description, for "Fortryd: …" on screen.
    pub fn describe(&self) -> String {
        self.describe_in(false)
    }

    /// The description in English (`en`) or Danish, for the screen's
    /// "Undone: …" in the language it speaks.
    pub fn describe_in(&self, en: bool) -> String {
        use Change::*;
        let t = |da: &'static str, e: &'static str| if en { e } else { da };
        match self {
            SetScore {
                round,
                rater,
                case,
                question,
                value,
            } => format!(
                "score {value} · {rater} · {case} · {question} ({} {round})",
                t("runde", "round")
            ),
            SetNotAssessable {
                rater,
                case,
                question,
                ..
            } => format!(
                "{} · {rater} · {case} · {question}",
                t("kan ikke vurderes", "not assessable")
            ),
            ClearScore {
                rater,
                case,
                question,
                ..
            } => format!(
                "{} · {rater} · {case} · {question}",
                t("slet score", "clear score")
            ),
            SetComment {
                rater,
                case,
                question,
                ..
            } => format!(
                "{} · {rater} · {case} · {question}",
                t("kommentar", "comment")
            ),
            StartNextRound {
                scope: RoundScope::All,
            } => t("start næste runde", "start the next round").into(),
            StartNextRound {
                scope: RoundScope::Spread,
            } => t(
                "start næste runde (kun celler med spredning)",
                "start the next round (only cells with spread)",
            )
            .into(),
            Reveal { round } => format!("{} {round}", t("vis runde", "reveal round")),
            Conceal { round } => format!("{} {round}", t("skjul runde", "conceal round")),
            AddTopic { .. } => t("nyt emne", "new topic").into(),
            EditTopic { id, .. } => format!("{} '{id}'", t("ret emnet", "edit the topic")),
            DeleteTopic { id } => format!("{} '{id}'", t("slet emnet", "delete the topic")),
            MoveTopic { id, .. } => format!("{} '{id}'", t("flyt emnet", "move the topic")),
            Vote { id } => format!("{} '{id}'", t("stemme på", "vote for")),
            SetVotes { id, .. } => format!("{} '{id}'", t("stemmer på", "votes for")),
            SetPrioritised { id, prioritised } => {
                if *prioritised {
                    format!("{} '{id}'", t("prioritér", "prioritise"))
                } else {
                    format!(
                        "{} '{id}'",
                        t("fjern prioritering af", "remove the priority of")
                    )
                }
            }
            SetDiscussion { id, .. } => format!("{} '{id}'", t("drøftelse af", "discussion of")),
            AddConsensus { topic, .. } => format!(
                "{} '{topic}'",
                t("nyt enighedspunkt under", "new consensus point under")
            ),
            EditConsensus { topic, index, .. } => format!(
                "{} {} {} '{topic}'",
                t("ret enighedspunkt", "edit consensus point"),
                index + 1,
                t("under", "under")
            ),
            DeleteConsensus { topic, index } => format!(
                "{} {} {} '{topic}'",
                t("slet enighedspunkt", "delete consensus point"),
                index + 1,
                t("under", "under")
            ),
            SetDissent { topic, index, .. } => format!(
                "{} {} {} '{topic}'",
                t(
                    "afvigende synspunkter til punkt",
                    "dissenting views on point"
                ),
                index + 1,
                t("under", "under")
            ),
            SetVerdict { hypothesis, .. } => format!(
                "{} '{hypothesis}'",
                t("vurdering af hypotese", "verdict on hypothesis")
            ),
            SetRationale { hypothesis, .. } => {
                format!("{} '{hypothesis}'", t("begrundelse for", "rationale for"))
            }
            AddGuidance(_) => t("ny faglig vejledning", "new guidance").into(),
            EditGuidance { index, .. } => {
                format!(
                    "{} {}",
                    t("ret faglig vejledning", "edit guidance"),
                    index + 1
                )
            }
            DeleteGuidance { index } => {
                format!(
                    "{} {}",
                    t("slet faglig vejledning", "delete guidance"),
                    index + 1
                )
            }
            AddFollowUp(_) => t(
                "nyt punkt i opfølgningsplanen",
                "new item in the follow-up plan",
            )
            .into(),
            EditFollowUp { index, .. } => format!(
                "{} {}",
                t("ret opfølgningspunkt", "edit follow-up item"),
                index + 1
            ),
            DeleteFollowUp { index } => format!(
                "{} {}",
                t("slet opfølgningspunkt", "delete follow-up item"),
                index + 1
            ),
            SetFollowUpStatus { index, status } => format!(
                "{} {}: {}",
                t("opfølgningspunkt", "follow-up item"),
                index + 1,
                if en {
                    status.label_en()
                } else {
                    status.label_da()
                }
            ),
        }
    }
}

/// Whether `change`, made while this store had the file as `mine`, still
/// means the same on `fresh` (the file as another writer left it). Changes
/// addressed by id re-apply; those addressed by position re-apply only
/// when the item at that position is the same in both; a new round only
/// when nobody else started one.
pub(crate) fn reapplies(change: &Change, mine: &Snapshot, fresh: &PanelData) -> bool {
    use Change::*;
    fn same<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
        a.is_some() && a == b
    }
    match (change, mine) {
        (
            EditConsensus { topic, index, .. } | DeleteConsensus { topic, index },
            Snapshot::Topics(m),
        ) => {
            let pick = |t: &TopicsFile| {
                t.topics
                    .iter()
                    .find(|x| &x.id == topic)
                    .and_then(|x| x.consensus.get(*index))
                    .cloned()
            };
            same(pick(m), pick(&fresh.topics))
        }
        (EditGuidance { index, .. } | DeleteGuidance { index }, Snapshot::Conclusions(m)) => same(
            m.guidance.get(*index),
            fresh.conclusions.guidance.get(*index),
        ),
        (
            EditFollowUp { index, .. } | DeleteFollowUp { index } | SetFollowUpStatus { index, .. },
            Snapshot::Conclusions(m),
        ) => same(
            m.followup.get(*index),
            fresh.conclusions.followup.get(*index),
        ),
        (StartNextRound { .. }, Snapshot::Session(m)) => {
            m.current_round == fresh.session.current_round
        }
        _ => true,
    }
}

/// A topic id from a title: lower case ASCII, æ/ø/å spelled out, words
/// joined by '-'; made unique against `taken` with -2, -3, ….
pub fn topic_id(title: &str, taken: &[&str]) -> String {
    let mut id = String::new();
    for c in title.trim().to_lowercase().chars() {
        match c {
            'æ' => id.push_str("ae"),
            'ø' => id.push_str("oe"),
            'å' => id.push_str("aa"),
            'é' => id.push('e'),
            c if c.is_ascii_alphanumeric() => id.push(c),
            _ if !id.is_empty() && !id.ends_with('-') => id.push('-'),
            _ => {}
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        id.push_str("emne");
    }
    if !taken.contains(&id.as_str()) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken.contains(&c.as_str()))
        .unwrap_or(id)
}

fn check_cell(
    ctx: &PanelContext,
    session: &Session,
    round: u32,
    rater: &str,
    case: &str,
    question: &str,
) -> Result<(), PanelError> {
    if !ctx.has_rater(rater) {
        return Err(PanelError::UnknownRater {
            id: rater.to_string(),
            known: ctx.rater_ids(),
        });
    }
    if !ctx.has_case(case) {
        return Err(PanelError::UnknownCase(case.to_string()));
    }
    if !ctx.has_question(question) {
        return Err(PanelError::UnknownQuestion(question.to_string()));
    }
    let current = session.current_round;
    if round == 0 || round > current {
        return Err(PanelError::RoundNotStarted { round, current });
    }
    if round < current {
        return Err(PanelError::RoundClosed { round, current });
    }
    if !session.in_scope(round, case, question) {
        return Err(PanelError::OutOfScope {
            round,
            case: case.to_string(),
            question: question.to_string(),
        });
    }
    Ok(())
}

/// The cells whose scores in `round` spread (◆), in the audit's order:
/// the same rule as the comparison screen (`agreement::spread`).
pub fn spread_cells(ctx: &PanelContext, data: &PanelData, round: u32) -> Vec<ScopeCell> {
    ctx.cells()
        .filter(|(case, q)| {
            let scores: Vec<u8> = ctx
                .raters
                .iter()
                .filter_map(|t| data.value(round, &t.id, case, &q.id))
                .filter_map(ScoreValue::number)
                .collect();
            crate::domain::agreement::spread::spread(&scores).is_some_and(|s| s.flagged)
        })
        .map(|(case, q)| ScopeCell {
            case: case.to_string(),
            question: q.id.clone(),
        })
        .collect()
}

fn check_dissent(ctx: &PanelContext, dissent: &[String]) -> Result<Vec<String>, PanelError> {
    let mut out: Vec<String> = Vec::new();
    for d in dissent {
        if !ctx.has_rater(d) {
            return Err(PanelError::UnknownRater {
                id: d.clone(),
                known: ctx.rater_ids(),
            });
        }
        if !out.contains(d) {
            out.push(d.clone());
        }
    }
    Ok(out)
}

fn topic_mut<'a>(data: &'a mut PanelData, id: &str) -> Result<&'a mut Topic, PanelError> {
    data.topics
        .topics
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| PanelError::UnknownTopic(id.to_string()))
}

fn item<'a, T>(
    list: &'a mut [T],
    index: usize,
    what: &'static str,
) -> Result<&'a mut T, PanelError> {
    list.get_mut(index)
        .ok_or(PanelError::NoSuchItem { what, index })
}

fn check_index<T>(list: &[T], index: usize, what: &'static str) -> Result<(), PanelError> {
    if index < list.len() {
        Ok(())
    } else {
        Err(PanelError::NoSuchItem { what, index })
    }
}

fn verdict_mut<'a>(
    ctx: &PanelContext,
    data: &'a mut PanelData,
    hypothesis: &str,
) -> Result<&'a mut VerdictEntry, PanelError> {
    if !ctx.hypotheses.iter().any(|h| h == hypothesis) {
        return Err(PanelError::UnknownHypothesis(hypothesis.to_string()));
    }
    let verdicts = &mut data.conclusions.verdicts;
    if !verdicts.iter().any(|v| v.hypothesis == hypothesis) {
        verdicts.push(VerdictEntry {
            hypothesis: hypothesis.to_string(),
            ..VerdictEntry::default()
        });
        // Keep the audit's order of hypotheses, unknown ones last.
        let rank = |h: &str| {
            ctx.hypotheses
                .iter()
                .position(|x| x == h)
                .unwrap_or(usize::MAX)
        };
        verdicts.sort_by_key(|v| rank(&v.hypothesis));
    }
    verdicts
        .iter_mut()
        .find(|v| v.hypothesis == hypothesis)
        .ok_or_else(|| PanelError::UnknownHypothesis(hypothesis.to_string()))
}

fn non_empty(s: &str, what: &'static str) -> Result<(), PanelError> {
    if s.trim().is_empty() {
        Err(PanelError::Empty(what))
    } else {
        Ok(())
    }
}

/// Applies `change` to `data`. On error `data` may be partly changed; the
/// store restores its snapshot.
pub(crate) fn apply_to(
    ctx: &PanelContext,
    data: &mut PanelData,
    change: Change,
) -> Result<(), PanelError> {
    use Change::*;
    match change {
        SetScore {
            round,
            rater,
            case,
            question,
            value,
        } => {
            check_cell(ctx, &data.session, round, &rater, &case, &question)?;
            if !ctx.scale.contains(value) {
                return Err(PanelError::OffScale {
                    value,
                    min: ctx.scale.min,
                    max: ctx.scale.max,
                });
            }
            cell_mut(data, round, &rater, case, question).value = Some(ScoreValue::Score(value));
        }
        SetNotAssessable {
            round,
            rater,
            case,
            question,
        } => {
            check_cell(ctx, &data.session, round, &rater, &case, &question)?;
            cell_mut(data, round, &rater, case, question).value = Some(ScoreValue::NotAssessable);
        }
        ClearScore {
            round,
            rater,
            case,
            question,
        } => {
            check_cell(ctx, &data.session, round, &rater, &case, &question)?;
            cell_mut(data, round, &rater, case, question).value = None;
        }
        SetComment {
            round,
            rater,
            case,
            question,
            comment,
        } => {
            check_cell(ctx, &data.session, round, &rater, &case, &question)?;
            cell_mut(data, round, &rater, case, question).comment = comment;
        }
        StartNextRound { .. } if data.session.current_round >= MAX_ROUND => {
            return Err(PanelError::LastRound { max: MAX_ROUND });
        }
        StartNextRound { scope } => {
            let before = data.session.current_round;
            let cells = match scope {
                RoundScope::All => None,
                RoundScope::Spread => {
                    let cells = spread_cells(ctx, data, before);
                    if cells.is_empty() {
                        return Err(PanelError::NoSpreadCells { round: before });
                    }
                    Some(cells)
                }
            };
            let s = &mut data.session;
            s.current_round += 1;
            let r = s.current_round;
            s.set_revealed(r, false);
            if let Some(state) = s.rounds.iter_mut().find(|x| x.round == r) {
                state.scope = cells;
            }
        }
        Reveal { round } | Conceal { round }
            if round == 0 || round > data.session.current_round =>
        {
            return Err(PanelError::RoundNotStarted {
                round,
                current: data.session.current_round,
            });
        }
        Reveal { round } => data.session.set_revealed(round, true),
        Conceal { round } => data.session.set_revealed(round, false),
        AddTopic { title, description } => {
            non_empty(&title, "emnets titel")?;
            let taken: Vec<&str> = data.topics.topics.iter().map(|t| t.id.as_str()).collect();
            let id = topic_id(&title, &taken);
            data.topics.topics.push(Topic {
                id,
                title: title.trim().to_string(),
                description,
                ..Topic::default()
            });
        }
        EditTopic {
            id,
            title,
            description,
        } => {
            non_empty(&title, "emnets titel")?;
            let t = topic_mut(data, &id)?;
            t.title = title.trim().to_string();
            t.description = description;
        }
        DeleteTopic { id } => {
            topic_mut(data, &id)?;
            data.topics.topics.retain(|t| t.id != id);
        }
        MoveTopic { id, to } => {
            let list = &mut data.topics.topics;
            let from = list
                .iter()
                .position(|t| t.id == id)
                .ok_or_else(|| PanelError::UnknownTopic(id.clone()))?;
            let t = list.remove(from);
            let to = to.min(list.len());
            list.insert(to, t);
        }
        Vote { id } => {
            let t = topic_mut(data, &id)?;
            t.votes = t.votes.saturating_add(1);
        }
        SetVotes { id, votes } => topic_mut(data, &id)?.votes = votes,
        SetPrioritised { id, prioritised } => topic_mut(data, &id)?.prioritised = prioritised,
        SetDiscussion { id, text } => topic_mut(data, &id)?.discussion = text,
        AddConsensus {
            topic,
            text,
            dissent,
        } => {
            non_empty(&text, "enighedspunktet")?;
            let dissent = check_dissent(ctx, &dissent)?;
            topic_mut(data, &topic)?.consensus.push(Consensus {
                text,
                dissent,
                views: Default::default(),
            });
        }
        EditConsensus {
            topic,
            index,
            text,
            dissent,
        } => {
            non_empty(&text, "enighedspunktet")?;
            let dissent = check_dissent(ctx, &dissent)?;
            let t = topic_mut(data, &topic)?;
            let c = item(&mut t.consensus, index, "enighedspunkt")?;
            // The views of those who still dissent stay.
            let views = std::mem::take(&mut c.views)
                .into_iter()
                .filter(|(id, _)| dissent.contains(id))
                .collect();
            *c = Consensus {
                text,
                dissent,
                views,
            };
        }
        SetDissent {
            topic,
            index,
            views,
        } => {
            let ids: Vec<String> = views.iter().map(|(id, _)| id.clone()).collect();
            let dissent = check_dissent(ctx, &ids)?;
            let t = topic_mut(data, &topic)?;
            let c = item(&mut t.consensus, index, "enighedspunkt")?;
            c.views = views
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(id, v)| (id, v.trim().to_string()))
                .collect();
            c.dissent = dissent;
        }
        DeleteConsensus { topic, index } => {
            let t = topic_mut(data, &topic)?;
            check_index(&t.consensus, index, "enighedspunkt")?;
            t.consensus.remove(index);
        }
        SetVerdict {
            hypothesis,
            verdict,
            agreement,
        } => {
            let v = verdict_mut(ctx, data, &hypothesis)?;
            v.verdict = verdict;
            v.agreement = agreement;
        }
        SetRationale { hypothesis, text } => {
            verdict_mut(ctx, data, &hypothesis)?.rationale = text;
        }
        AddGuidance(g) => {
            non_empty(&g.heading, "overskriften")?;
            data.conclusions.guidance.push(g);
        }
        EditGuidance { index, item: g } => {
            non_empty(&g.heading, "overskriften")?;
            *item(&mut data.conclusions.guidance, index, "faglig vejledning")? = g;
        }
        DeleteGuidance { index } => {
            check_index(&data.conclusions.guidance, index, "faglig vejledning")?;
            data.conclusions.guidance.remove(index);
        }
        AddFollowUp(f) => {
            non_empty(&f.action, "handlingen")?;
            data.conclusions.followup.push(f);
        }
        EditFollowUp { index, item: f } => {
            non_empty(&f.action, "handlingen")?;
            *item(&mut data.conclusions.followup, index, "opfølgningspunkt")? = f;
        }
        DeleteFollowUp { index } => {
            check_index(&data.conclusions.followup, index, "opfølgningspunkt")?;
            data.conclusions.followup.remove(index);
        }
        SetFollowUpStatus { index, status } => {
            item(&mut data.conclusions.followup, index, "opfølgningspunkt")?.status = status;
        }
    }
    Ok(())
}

fn cell_mut<'a>(
    data: &'a mut PanelData,
    round: u32,
    rater: &str,
    case: String,
    question: String,
) -> &'a mut ScoreEntry {
    data.scores
        .entry(rater.to_string())
        .or_insert_with(|| RaterScores::new(rater))
        .rounds
        .entry(round)
        .or_default()
        .entry((case, question))
        .or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_labels_speak_both_languages() {
        let c = Change::SetFollowUpStatus {
            index: 1,
            status: FollowUpStatus::Igang,
        };
        assert_eq!(c.describe(), "opfølgningspunkt 2: i gang");
        assert_eq!(c.describe_in(true), "follow-up item 2: in progress");
        let v = Change::Vote { id: "magt".into() };
        assert_eq!(v.describe_in(true), "vote for 'magt'");
        assert_eq!(v.describe(), "stemme på 'magt'");
    }

    #[test]
    fn topic_ids_are_ascii_and_unique() {
        assert_eq!(
            topic_id("Målgrupper og metoder", &[]),
            "maalgrupper-og-metoder"
        );
        assert_eq!(
            topic_id("  Brug af sanktioner! ", &[]),
            "brug-af-sanktioner"
        );
        assert_eq!(topic_id("Sø", &["soe"]), "soe-2");
        assert_eq!(topic_id("Sø", &["soe", "soe-2"]), "soe-3");
        assert_eq!(topic_id("???", &[]), "emne");
    }
}
