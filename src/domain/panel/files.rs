//! The files in `panel/`: where they are, how they are read (with a place
//! for every problem) and written (readable YAML, a comment on top saying
//! what the file is, atomically).
//!
//! ```text
//! panel/scores/<tilsyn>.yaml   one rater's scores, per round, case and question
//! panel/topics.yaml            særlige fokusområder, discussion, consensus
//! panel/conclusions.yaml       verdicts, faglig vejledning, opfølgningsplan
//! panel/session.yaml           current round, which rounds are revealed (and a
//!                              limited round's cells)
//! panel/.locks/                who writes which file (see `lock`; not in git)
//! ```
//!
//! Files that sync tools leave (`nord (1).yaml`, `*.sync-conflict-*`, …) are
//! never read as data: `stray_files` finds them, and with them our own
//! temporary files (`.auditpanel-*.tmp`) left by an interrupted write.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::model::*;
use crate::domain::diag::{Diagnostics, Pos};
use crate::domain::load::{read_text, yaml_files};
use crate::domain::model::{Audit, Question, Scale, Tilsyn};
use crate::domain::yaml;

pub const PANEL_DIR: &str = "panel";
pub const SCORES_DIR: &str = "scores";
pub const TOPICS_FILE: &str = "topics.yaml";
pub const CONCLUSIONS_FILE: &str = "conclusions.yaml";
pub const SESSION_FILE: &str = "session.yaml";

/// What the panel files are checked against: the audit's raters, cases,
/// questions, scale and hypotheses (a light copy, so the store does not
/// hold the whole audit with its episodes).
#[derive(Debug, Clone, Default)]
pub struct PanelContext {
    pub root: PathBuf,
    pub audit_id: String,
    pub raters: Vec<Tilsyn>,
    /// (id, name), sorted by id as the audit has them.
    pub cases: Vec<(String, String)>,
    pub questions: Vec<Question>,
    pub scale: Scale,
    pub hypotheses: Vec<String>,
    /// The audit is invented example data: every file says so on top.
    pub fictitious: bool,
}

/// The first header line of every panel file of a fictitious audit.
pub const FICTITIOUS_NOTE: &str = "FIKTIVT EKSEMPEL: auditten er opdigtet, og det er auditpanelets arbejde i\n\
     denne fil også (scorer, drøftelser og konklusioner er skrevet til eksemplet).\n";

impl PanelContext {
    pub fn new(root: &Path, audit: &Audit) -> Self {
        PanelContext {
            root: root.to_path_buf(),
            audit_id: audit.config.id.clone(),
            raters: audit.config.tilsyn.clone(),
            cases: audit
                .cases
                .iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect(),
            questions: audit.form.questions.clone(),
            scale: audit.form.scale.clone(),
            hypotheses: audit.hypotheses.iter().map(|h| h.id.clone()).collect(),
            fictitious: audit.config.fictitious,
        }
    }

    /// The note on top of each file: `FICTITIOUS_NOTE` for invented audits.
    fn note(&self) -> &'static str {
        if self.fictitious { FICTITIOUS_NOTE } else { "" }
    }

    pub fn panel_dir(&self) -> PathBuf {
        self.root.join(PANEL_DIR)
    }

    pub fn scores_path(&self, rater: &str) -> PathBuf {
        self.panel_dir()
            .join(SCORES_DIR)
            .join(format!("{rater}.yaml"))
    }

    pub fn topics_path(&self) -> PathBuf {
        self.panel_dir().join(TOPICS_FILE)
    }

    pub fn conclusions_path(&self) -> PathBuf {
        self.panel_dir().join(CONCLUSIONS_FILE)
    }

    pub fn session_path(&self) -> PathBuf {
        self.panel_dir().join(SESSION_FILE)
    }

    /// Where a file of the panel lies.
    pub fn path_of(&self, file: &super::change::FileId) -> PathBuf {
        use super::change::FileId;
        match file {
            FileId::Scores(r) => self.scores_path(r),
            FileId::Topics => self.topics_path(),
            FileId::Conclusions => self.conclusions_path(),
            FileId::Session => self.session_path(),
        }
    }

    /// The audit's tilsyn ids, in audit.yaml's order.
    pub fn rater_id_list(&self) -> Vec<&str> {
        self.raters.iter().map(|t| t.id.as_str()).collect()
    }

    pub fn has_rater(&self, id: &str) -> bool {
        self.raters.iter().any(|t| t.id == id)
    }

    pub fn has_case(&self, id: &str) -> bool {
        self.cases.iter().any(|(c, _)| c == id)
    }

    pub fn has_question(&self, id: &str) -> bool {
        self.questions.iter().any(|q| q.id == id)
    }

    pub fn rater_ids(&self) -> String {
        self.raters
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "1–5".
    pub fn scale_range(&self) -> String {
        format!("{}–{}", self.scale.min, self.scale.max)
    }

    /// Every (case, question) in the order the screens and files use.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &Question)> {
        self.cases
            .iter()
            .flat_map(|(c, _)| self.questions.iter().map(move |q| (c.as_str(), q)))
    }
}

// ---------------------------------------------------------------- reading

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoresFileRaw {
    rater: Spanned<String>,
    #[serde(default)]
    rounds: Vec<RoundRaw>,
    #[serde(default)]
    revisions: Vec<RevisionRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RevisionRaw {
    round: Spanned<u32>,
    case: Spanned<String>,
    question: Spanned<String>,
    who: Spanned<String>,
    when: Spanned<String>,
    #[serde(default)]
    old: Option<Spanned<RawValue>>,
    #[serde(default)]
    new: Option<Spanned<RawValue>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundRaw {
    round: Spanned<u32>,
    #[serde(default)]
    scores: Vec<EntryRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRaw {
    case: Spanned<String>,
    question: Spanned<String>,
    #[serde(default)]
    value: Option<Spanned<RawValue>>,
    #[serde(default)]
    comment: Option<String>,
}

/// A value as written by a person: a number, or text that must be
/// "kan ikke vurderes". Checked against the scale after reading, so the
/// message can name the scale and the place.
enum RawValue {
    Int(i64),
    Float,
    Text(String),
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a score or \"kan ikke vurderes\"")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<RawValue, E> {
                Ok(RawValue::Float)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn pos<T>(s: &Spanned<T>) -> Pos {
    Pos::from_saphyr(&s.referenced)
}

/// Reads every file in `panel/`. Problems go to `diags`; a file with a
/// structural error contributes nothing, one with a bad entry contributes
/// its good entries. The caller decides what an error means (the store
/// opens read-only).
pub fn load_panel(ctx: &PanelContext, diags: &mut Diagnostics) -> PanelData {
    load_panel_printed(ctx, diags).0
}

/// What a file on disk was when read: a hash of its bytes, `None` when
/// missing. Compared before every write, so another writer's change is
/// never overwritten unseen.
pub type Print = Option<u64>;

/// The fingerprints of the files read, by path.
pub type Prints = BTreeMap<PathBuf, Print>;

fn print_of(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Reads a file once: its text (`None` when missing or unreadable, with
/// the problem in `diags`) and its fingerprint.
pub fn read_printed(path: &Path, diags: &mut Diagnostics) -> (Option<String>, Print) {
    match fs::read(path) {
        Ok(bytes) => {
            let print = Some(print_of(&bytes));
            match String::from_utf8(bytes) {
                Ok(s) => (Some(s), print),
                // Reported with its place by the shared reader.
                Err(_) => (read_text(path, diags), print),
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => (None, None),
        Err(_) => (read_text(path, diags), Some(0)),
    }
}

/// The fingerprint of text this process wrote.
pub fn print_text(text: &str) -> u64 {
    print_of(text.as_bytes())
}

/// The fingerprint of a file now.
pub fn print_now(path: &Path) -> Print {
    fs::read(path).ok().map(|b| print_of(&b))
}

/// Like `load_panel`, with the fingerprint of every file read (and of
/// every tilsyn's score file, present or not).
pub fn load_panel_printed(ctx: &PanelContext, diags: &mut Diagnostics) -> (PanelData, Prints) {
    let mut prints = Prints::new();
    let session = load_session(ctx, diags, &mut prints).unwrap_or_default();
    let (text, print) = read_printed(&ctx.topics_path(), diags);
    prints.insert(ctx.topics_path(), print);
    let topics = text
        .and_then(|t| parse_topics(ctx, &t, &ctx.topics_path(), diags))
        .unwrap_or_default();
    let (text, print) = read_printed(&ctx.conclusions_path(), diags);
    prints.insert(ctx.conclusions_path(), print);
    let conclusions = text
        .and_then(|t| parse_conclusions(&t, &ctx.conclusions_path(), Some(ctx), diags))
        .unwrap_or_default();
    let mut data = PanelData {
        session,
        topics,
        conclusions,
        ..PanelData::default()
    };
    for t in &ctx.raters {
        prints.insert(ctx.scores_path(&t.id), None);
    }
    for path in yaml_files(&ctx.panel_dir().join(SCORES_DIR)) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if is_conflict_copy(name) {
            // Never data; reported below.
            continue;
        }
        let (text, print) = read_printed(&path, diags);
        let Some(text) = text else { continue };
        prints.insert(path.clone(), print);
        if let Some(s) = parse_scores(ctx, &text, &path, data.session.current_round, diags) {
            if data.scores.contains_key(&s.rater) {
                // Only possible with both nord.yaml and nord.yml; the name check reports it.
                continue;
            }
            data.scores.insert(s.rater.clone(), s);
        }
    }
    let strays = stray_files(ctx);
    for name in strays.conflict_copies_in_panel {
        diags.warning(
            &ctx.panel_dir().join(&name),
            Pos::FILE,
            conflict_message(&name),
        );
    }
    for name in strays.conflict_copies_in_scores {
        let path = ctx.panel_dir().join(SCORES_DIR).join(&name);
        diags.warning(&path, Pos::FILE, conflict_message(&name));
    }
    (data, prints)
}

/// What to say about a sync tool's conflict copy.
fn conflict_message(name: &str) -> String {
    format!(
        "'{name}' ligner en konfliktkopi fra et synkroniseringsprogram (OneDrive, Dropbox, \
         Syncthing) og læses ikke; sammenlign den med originalen, flyt det, der skal med, \
         over i hånden, og slet kopien"
    )
}

/// Whether a file name is a copy a sync tool made when two machines changed
/// one file: `nord (1).yaml`, `nord 2.yaml`, `nord-conflict-….yaml`,
/// `nord.sync-conflict-….yaml`, `nord (conflicted copy …).yaml`.
pub fn is_conflict_copy(name: &str) -> bool {
    if name.to_lowercase().contains("conflict") {
        return true;
    }
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    // "nord (1)", "nord 2": a space, then digits (in brackets or not).
    let (head, tail) = match stem.strip_suffix(')') {
        Some(s) => match s.rsplit_once(" (") {
            Some(parts) => parts,
            None => return false,
        },
        None => match stem.rsplit_once(' ') {
            Some(parts) => parts,
            None => return false,
        },
    };
    !head.is_empty() && !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit())
}

/// Whether a file name is one of our own temporary files
/// (`.auditpanel-XXXXXX.tmp`), left when a write was interrupted.
pub fn is_our_temp(name: &str) -> bool {
    name.starts_with(".auditpanel-")
        && name.ends_with(".tmp")
        && name.len() > ".auditpanel-.tmp".len()
}

/// Files in `panel/` and `panel/scores/` that are not data: conflict
/// copies and our temporary files, as paths relative to the audit folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strays {
    /// Conflict copies in `panel/scores/` (also reported by `load_panel`).
    pub conflict_copies_in_scores: Vec<String>,
    /// Conflict copies in `panel/` itself (file names).
    pub conflict_copies_in_panel: Vec<String>,
    pub temp_files: Vec<PathBuf>,
}

impl Strays {
    /// Every conflict copy, as `panel/…` paths.
    pub fn conflict_copies(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .conflict_copies_in_panel
            .iter()
            .map(|n| format!("{PANEL_DIR}/{n}"))
            .chain(
                self.conflict_copies_in_scores
                    .iter()
                    .map(|n| format!("{PANEL_DIR}/{SCORES_DIR}/{n}")),
            )
            .collect();
        all.sort();
        all
    }
}

/// Looks for conflict copies and temporary files (by name only).
pub fn stray_files(ctx: &PanelContext) -> Strays {
    let mut strays = Strays::default();
    for (dir, in_scores) in [
        (ctx.panel_dir(), false),
        (ctx.panel_dir().join(SCORES_DIR), true),
    ] {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        let mut names: Vec<String> = rd
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .collect();
        names.sort();
        for name in names {
            if is_our_temp(&name) {
                strays.temp_files.push(dir.join(&name));
            } else if is_conflict_copy(&name) {
                if in_scores {
                    strays.conflict_copies_in_scores.push(name);
                } else {
                    strays.conflict_copies_in_panel.push(name);
                }
            }
        }
    }
    strays
}

/// Reads one file of the panel again: its content (`None` when it has
/// errors, which are in `diags`) and its fingerprint. A missing file is
/// the empty content.
pub(crate) fn load_one(
    ctx: &PanelContext,
    file: &super::change::FileId,
    current_round: u32,
    diags: &mut Diagnostics,
) -> (Option<super::change::Snapshot>, Print) {
    use super::change::{FileId, Snapshot};
    let path = ctx.path_of(file);
    let (text, print) = read_printed(&path, diags);
    let Some(text) = text else {
        let empty = if diags.has_errors() {
            None
        } else {
            Some(match file {
                FileId::Scores(r) => Snapshot::Scores(RaterScores::new(r)),
                FileId::Topics => Snapshot::Topics(TopicsFile::default()),
                FileId::Conclusions => Snapshot::Conclusions(Conclusions::default()),
                FileId::Session => Snapshot::Session(Session::default()),
            })
        };
        return (empty, print);
    };
    let snap = match file {
        FileId::Scores(_) => {
            parse_scores(ctx, &text, &path, current_round, diags).map(Snapshot::Scores)
        }
        FileId::Topics => parse_topics(ctx, &text, &path, diags).map(Snapshot::Topics),
        FileId::Conclusions => {
            parse_conclusions(&text, &path, Some(ctx), diags).map(Snapshot::Conclusions)
        }
        FileId::Session => parse_session(ctx, &text, &path, diags).map(Snapshot::Session),
    };
    if diags.has_errors() {
        return (None, print);
    }
    (snap, print)
}

/// Reads the text of a score file (`path` names it in diagnostics and
/// gives the rater its file must be named after).
pub fn parse_scores(
    ctx: &PanelContext,
    text: &str,
    path: &Path,
    current_round: u32,
    diags: &mut Diagnostics,
) -> Option<RaterScores> {
    let raw = yaml::parse::<ScoresFileRaw>(text, path, diags)?;
    let rater = raw.rater.value.clone();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if !ctx.has_rater(&rater) {
        diags.error(
            path,
            pos(&raw.rater),
            format!("ukendt tilsyn '{rater}'; brug et af: {}", ctx.rater_ids()),
        );
        return None;
    }
    if stem != rater || path.extension().and_then(|e| e.to_str()) != Some("yaml") {
        diags.error(
            path,
            pos(&raw.rater),
            format!("filen med '{rater}'s scorer skal hedde {rater}.yaml; omdøb filen"),
        );
        return None;
    }
    let mut scores = RaterScores::new(&rater);
    let mut seen_rounds = HashSet::new();
    let mut unknown_cases: HashSet<String> = HashSet::new();
    for round in raw.rounds {
        let r = round.round.value;
        if r == 0 {
            diags.error(
                path,
                pos(&round.round),
                "runder tælles fra 1 (1 = før drøftelsen, 2 = efter)",
            );
            continue;
        }
        if !seen_rounds.insert(r) {
            diags.error(
                path,
                pos(&round.round),
                format!("runde {r} står to gange; saml dens scorer under én 'round: {r}'"),
            );
            continue;
        }
        let has_values = round
            .scores
            .iter()
            .any(|e| e.value.is_some() || e.comment.as_deref().is_some_and(|c| !c.is_empty()));
        if r > current_round && has_values {
            diags.warning(
                path,
                pos(&round.round),
                format!(
                    "runde {r} er ikke startet endnu (panel/session.yaml siger runde {current_round})"
                ),
            );
        }
        let cells = scores.rounds.entry(r).or_default();
        for e in round.scores {
            let case = e.case.value.clone();
            let question = e.question.value.clone();
            let mut ok = true;
            // One error per unknown case and file (a case that failed to
            // load is named by every one of its scores); still an error,
            // so the store stays read-only and the scores are not lost.
            if !ctx.has_case(&case) {
                if unknown_cases.insert(case.clone()) {
                    diags.error(
                        path,
                        pos(&e.case),
                        format!("ukendt sag '{case}'; den skal findes i cases/"),
                    );
                }
                ok = false;
            }
            if !ctx.has_question(&question) {
                diags.error(
                    path,
                    pos(&e.question),
                    format!("ukendt spørgsmål '{question}'; det skal findes i vurderingsskemaet"),
                );
                ok = false;
            }
            let value = match e.value {
                None => None,
                Some(v) => match check_value(&v.value, &ctx.scale) {
                    Ok(v) => v,
                    Err(msg) => {
                        diags.error(path, pos(&v), msg);
                        ok = false;
                        None
                    }
                },
            };
            if !ok {
                continue;
            }
            let key = (case, question);
            if cells.contains_key(&key) {
                diags.error(
                    path,
                    pos(&e.case),
                    format!(
                        "sag '{}' og spørgsmål '{}' er scoret to gange i runde {r}; slet den ene",
                        key.0, key.1
                    ),
                );
                continue;
            }
            cells.insert(
                key,
                ScoreEntry {
                    value,
                    comment: e.comment.unwrap_or_default(),
                },
            );
        }
    }
    for rev in raw.revisions {
        if let Some(r) = parse_revision(ctx, rev, path, diags) {
            scores.revisions.push(r);
        }
    }
    Some(scores)
}

/// One entry of `revisions:`, checked: a started round, a known case and
/// question, `who` the facilitator or a tilsyn, `when` a local time, the
/// values on the scale.
fn parse_revision(
    ctx: &PanelContext,
    rev: RevisionRaw,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Revision> {
    let mut ok = true;
    if rev.round.value == 0 {
        diags.error(path, pos(&rev.round), "runder tælles fra 1");
        ok = false;
    }
    if !ctx.has_case(&rev.case.value) {
        diags.error(
            path,
            pos(&rev.case),
            format!("ukendt sag '{}' i 'revisions'", rev.case.value),
        );
        ok = false;
    }
    if !ctx.has_question(&rev.question.value) {
        diags.error(
            path,
            pos(&rev.question),
            format!("ukendt spørgsmål '{}' i 'revisions'", rev.question.value),
        );
        ok = false;
    }
    let who = rev.who.value.clone();
    if who != super::lock::FACILITATOR && !ctx.has_rater(&who) {
        diags.error(
            path,
            pos(&rev.who),
            format!(
                "ukendt 'who: {who}'; skriv '{}' eller et af: {}",
                super::lock::FACILITATOR,
                ctx.rater_ids()
            ),
        );
        ok = false;
    }
    if chrono::NaiveDateTime::parse_from_str(&rev.when.value, "%Y-%m-%dT%H:%M:%S").is_err() {
        diags.error(
            path,
            pos(&rev.when),
            "tidspunktet skal skrives ÅÅÅÅ-MM-DDTTT:MM:SS, fx 2026-03-12T14:05:00",
        );
        ok = false;
    }
    let mut value = |v: Option<Spanned<RawValue>>| match v {
        None => None,
        Some(v) => match check_value(&v.value, &ctx.scale) {
            Ok(x) => x,
            Err(msg) => {
                diags.error(path, pos(&v), msg);
                ok = false;
                None
            }
        },
    };
    let old = value(rev.old);
    let new = value(rev.new);
    ok.then_some(Revision {
        round: rev.round.value,
        case: rev.case.value,
        question: rev.question.value,
        who,
        when: rev.when.value,
        old,
        new,
    })
}

fn check_value(v: &RawValue, scale: &Scale) -> Result<Option<ScoreValue>, String> {
    let hint = format!(
        "skriv et helt tal fra {} til {}, '{NOT_ASSESSABLE}' eller null (ikke scoret)",
        scale.min, scale.max
    );
    match v {
        RawValue::Int(n) => match u8::try_from(*n) {
            Ok(n) if scale.contains(n) => Ok(Some(ScoreValue::Score(n))),
            _ => Err(format!(
                "værdien {n} ligger uden for skalaen {}–{}; {hint}",
                scale.min, scale.max
            )),
        },
        RawValue::Float => Err(format!("værdien er ikke et helt tal; {hint}")),
        RawValue::Text(t) if t.trim() == NOT_ASSESSABLE => Ok(Some(ScoreValue::NotAssessable)),
        RawValue::Text(t) if t.trim().is_empty() => Ok(None),
        RawValue::Text(_) => Err(format!("ukendt værdi; {hint}")),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsRaw {
    #[serde(default)]
    topics: Vec<TopicRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicRaw {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    votes: u32,
    #[serde(default)]
    prioritised: bool,
    #[serde(default)]
    discussion: String,
    #[serde(default)]
    consensus: Vec<ConsensusRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsensusRaw {
    text: String,
    #[serde(default)]
    dissent: Vec<Spanned<String>>,
    #[serde(default)]
    views: std::collections::BTreeMap<String, String>,
}

/// Reads the text of `panel/topics.yaml`.
pub fn parse_topics(
    ctx: &PanelContext,
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<TopicsFile> {
    let path = path.to_path_buf();
    let raw = yaml::parse::<TopicsRaw>(text, &path, diags)?;
    let mut ids = HashSet::new();
    let mut topics = Vec::new();
    for t in raw.topics {
        let id = t.id.value.clone();
        if id.trim().is_empty() {
            diags.error(&path, pos(&t.id), "emnet mangler et id; giv det et kort id");
            continue;
        }
        if !ids.insert(id.clone()) {
            diags.error(
                &path,
                pos(&t.id),
                format!("emnet '{id}' står to gange; giv det et andet id"),
            );
            continue;
        }
        let mut consensus = Vec::new();
        for c in t.consensus {
            let mut dissent = Vec::new();
            for d in c.dissent {
                if !ctx.has_rater(&d.value) {
                    diags.error(
                        &path,
                        pos(&d),
                        format!(
                            "ukendt tilsyn '{}' under 'dissent'; brug et af: {}",
                            d.value,
                            ctx.rater_ids()
                        ),
                    );
                } else if dissent.contains(&d.value) {
                    diags.error(
                        &path,
                        pos(&d),
                        format!("tilsyn '{}' står to gange under 'dissent'", d.value),
                    );
                } else {
                    dissent.push(d.value);
                }
            }
            // A view belongs to a dissenting tilsyn; others' are not kept.
            let views = c
                .views
                .into_iter()
                .filter(|(id, view)| dissent.contains(id) && !view.trim().is_empty())
                .collect();
            consensus.push(Consensus {
                text: c.text,
                dissent,
                views,
            });
        }
        topics.push(Topic {
            id,
            title: t.title,
            description: t.description,
            votes: t.votes,
            prioritised: t.prioritised,
            discussion: t.discussion,
            consensus,
        });
    }
    Some(TopicsFile { topics })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConclusionsRaw {
    #[serde(default)]
    verdicts: Vec<VerdictRaw>,
    #[serde(default)]
    guidance: Vec<GuidanceItem>,
    #[serde(default)]
    followup: Vec<FollowUpItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerdictRaw {
    hypothesis: Spanned<String>,
    #[serde(default)]
    verdict: Option<Verdict>,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    agreement: Option<AgreementSnapshot>,
}

/// Reads a conclusions file. With a context, hypotheses are checked
/// against the audit; without (last year's audit) only the form is.
pub fn load_conclusions(
    path: &Path,
    ctx: Option<&PanelContext>,
    diags: &mut Diagnostics,
) -> Option<Conclusions> {
    let text = read_text(path, diags)?;
    parse_conclusions(&text, path, ctx, diags)
}

/// Reads the text of a conclusions file (see `load_conclusions`).
pub fn parse_conclusions(
    text: &str,
    path: &Path,
    ctx: Option<&PanelContext>,
    diags: &mut Diagnostics,
) -> Option<Conclusions> {
    let raw = yaml::parse::<ConclusionsRaw>(text, path, diags)?;
    let mut seen = HashSet::new();
    let mut verdicts = Vec::new();
    for v in raw.verdicts {
        let h = v.hypothesis.value.clone();
        if let Some(ctx) = ctx
            && !ctx.hypotheses.contains(&h)
        {
            diags.error(
                path,
                pos(&v.hypothesis),
                format!(
                    "ukendt hypotese '{h}'; brug et af: {}",
                    ctx.hypotheses.join(", ")
                ),
            );
            continue;
        }
        if !seen.insert(h.clone()) {
            diags.error(
                path,
                pos(&v.hypothesis),
                format!("hypotesen '{h}' har to vurderinger; slet den ene"),
            );
            continue;
        }
        verdicts.push(VerdictEntry {
            hypothesis: h,
            verdict: v.verdict,
            rationale: v.rationale,
            agreement: v.agreement,
        });
    }
    Some(Conclusions {
        verdicts,
        guidance: raw.guidance,
        followup: raw.followup,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRaw {
    current_round: Spanned<u32>,
    #[serde(default)]
    rounds: Vec<RoundStateRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundStateRaw {
    round: Spanned<u32>,
    #[serde(default)]
    revealed: bool,
    #[serde(default)]
    scope: Option<Vec<ScopeRaw>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopeRaw {
    case: Spanned<String>,
    question: Spanned<String>,
}

fn load_session(
    ctx: &PanelContext,
    diags: &mut Diagnostics,
    prints: &mut Prints,
) -> Option<Session> {
    let path = ctx.session_path();
    let (text, print) = read_printed(&path, diags);
    prints.insert(path.clone(), print);
    parse_session(ctx, &text?, &path, diags)
}

/// Reads the text of `panel/session.yaml`.
pub fn parse_session(
    ctx: &PanelContext,
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<Session> {
    let path = path.to_path_buf();
    let raw = yaml::parse::<SessionRaw>(text, &path, diags)?;
    let current = raw.current_round.value;
    if current == 0 {
        diags.error(
            &path,
            pos(&raw.current_round),
            "runder tælles fra 1; skriv 'current_round: 1'",
        );
        return None;
    }
    let mut session = Session {
        current_round: current,
        rounds: Vec::new(),
    };
    for r in raw.rounds {
        let n = r.round.value;
        if n == 0 || n > current {
            diags.error(
                &path,
                pos(&r.round),
                format!("runde {n} findes ikke; runderne går fra 1 til {current}"),
            );
        } else if session.rounds.iter().any(|s| s.round == n) {
            diags.error(&path, pos(&r.round), format!("runde {n} står to gange"));
        } else {
            let scope = r.scope.map(|cells| {
                let mut scope = Vec::new();
                for c in cells {
                    if !ctx.has_case(&c.case.value) {
                        diags.error(
                            &path,
                            pos(&c.case),
                            format!("ukendt sag '{}' under 'scope'", c.case.value),
                        );
                    } else if !ctx.has_question(&c.question.value) {
                        diags.error(
                            &path,
                            pos(&c.question),
                            format!("ukendt spørgsmål '{}' under 'scope'", c.question.value),
                        );
                    } else {
                        scope.push(ScopeCell {
                            case: c.case.value,
                            question: c.question.value,
                        });
                    }
                }
                scope
            });
            session.rounds.push(RoundState {
                round: n,
                revealed: r.revealed,
                scope,
            });
        }
    }
    for n in 1..=current {
        if !session.rounds.iter().any(|s| s.round == n) {
            session.rounds.push(RoundState {
                round: n,
                revealed: false,
                scope: None,
            });
        }
    }
    session.rounds.sort_by_key(|r| r.round);
    Some(session)
}

// ---------------------------------------------------------------- writing

/// serde-saphyr's block YAML, by YAML 1.2 rules so dates and words like
/// `no` are not quoted (our reader is YAML 1.2), without a `%YAML` line.
/// Multi-line strings become `|` blocks.
fn to_yaml<T: serde::Serialize>(v: &T) -> Result<String, String> {
    let options = serde_saphyr::ser_options! {
        yaml_12: true,
        no_lang_directive: true,
    };
    serde_saphyr::to_string_with_options(v, options).map_err(|e| e.to_string())
}

/// One YAML scalar or small value as serde-saphyr writes it (quoted when
/// it must be), without the trailing newline.
fn yaml_value<T: serde::Serialize>(v: &T) -> Result<String, String> {
    to_yaml(v)
        .map(|s| s.trim_end_matches('\n').to_string())
        .map_err(|e| e.to_string())
}

/// `text` as `# ` comment lines (empty lines become `#`).
fn comment_lines(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}#");
        } else {
            let _ = writeln!(out, "{indent}# {line}");
        }
    }
}

/// Appends `block` (several lines of YAML) indented by `first` on its
/// first line and `rest` on the others; empty lines stay empty so block
/// scalars keep their meaning.
fn push_indented(out: &mut String, block: &str, first: &str, rest: &str) {
    for (i, line) in block.lines().enumerate() {
        if line.is_empty() {
            out.push('\n');
            continue;
        }
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(line);
        out.push('\n');
    }
}

#[derive(serde::Serialize)]
struct EntryOut<'a> {
    case: &'a str,
    question: &'a str,
    value: ValueOut,
    comment: &'a str,
}

struct ValueOut(Option<ScoreValue>);

impl serde::Serialize for ValueOut {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => s.serialize_none(),
            Some(ScoreValue::Score(v)) => s.serialize_u8(v),
            Some(ScoreValue::NotAssessable) => s.serialize_str(NOT_ASSESSABLE),
        }
    }
}

/// The text of `panel/scores/<rater>.yaml`: every case × question of the
/// form for every round from 1 to `rounds` (and any later round with
/// entries), with the question as a comment above each entry. The same
/// text serves as the empty template (`auditpanel scores-template`).
pub fn render_scores(
    ctx: &PanelContext,
    scores: &RaterScores,
    rounds: u32,
) -> Result<String, String> {
    let name = ctx
        .raters
        .iter()
        .find(|t| t.id == scores.rater)
        .map(|t| t.name.as_str())
        .unwrap_or(scores.rater.as_str());
    let mut out = String::new();
    let mut head = format!(
        "{}Auditpanelets scorer fra {name} ({}) i audit {}.\n\
         Skrevet af auditpanel efter hver ændring; kan også udfyldes i hånden før mødet\n\
         (samme format). Runde 1 scores før eller på mødet uden at se de andres scorer,\n\
         runde 2 efter drøftelsen.\n\n\
         value: et helt tal på skalaen, '{NOT_ASSESSABLE}', eller null (ikke scoret endnu).\n\
         comment: en kort begrundelse; flere linjer skrives efter 'comment: |'.\n\n\
         Skala:\n",
        ctx.note(),
        scores.rater,
        ctx.audit_id
    );
    for v in ctx.scale.min..=ctx.scale.max {
        let label = ctx.scale.label(v).unwrap_or("");
        let _ = writeln!(head, "  {v} = {label}");
    }
    comment_lines(&mut out, "", &head);
    let _ = writeln!(out, "rater: {}", yaml_value(&scores.rater)?);
    let last = rounds.max(scores.last_round()).max(1);
    let empty = BTreeMap::new();
    let _ = writeln!(out, "rounds:");
    for r in 1..=last {
        let cells = scores.rounds.get(&r).unwrap_or(&empty);
        let _ = writeln!(out, "  - round: {r}");
        if ctx.cases.is_empty() || ctx.questions.is_empty() {
            let _ = writeln!(out, "    scores: []");
            continue;
        }
        let _ = writeln!(out, "    scores:");
        for (case, case_name) in &ctx.cases {
            out.push('\n');
            comment_lines(&mut out, "      ", &format!("── {case_name} ({case}) ──"));
            for q in &ctx.questions {
                let key = (case.clone(), q.id.clone());
                let e = cells.get(&key).cloned().unwrap_or_default();
                comment_lines(
                    &mut out,
                    "      ",
                    &format!("{}: {} ({})", q.id, q.text, ctx.scale_range()),
                );
                let block = to_yaml(&EntryOut {
                    case,
                    question: &q.id,
                    value: ValueOut(e.value),
                    comment: &e.comment,
                })?;
                push_indented(&mut out, &block, "      - ", "        ");
            }
        }
    }
    if !scores.revisions.is_empty() {
        out.push('\n');
        comment_lines(
            &mut out,
            "",
            "Ændringer efter at runden var vist for alle: hvem (facilitator eller\n\
             tilsynet), hvornår, den gamle og den nye værdi. Skrevet af auditpanel.",
        );
        let _ = writeln!(out, "revisions:");
        for r in &scores.revisions {
            let block = to_yaml(&RevisionOut {
                round: r.round,
                case: &r.case,
                question: &r.question,
                who: &r.who,
                when: &r.when,
                old: ValueOut(r.old),
                new: ValueOut(r.new),
            })?;
            push_indented(&mut out, &block, "  - ", "    ");
        }
    }
    Ok(out)
}

#[derive(serde::Serialize)]
struct RevisionOut<'a> {
    round: u32,
    case: &'a str,
    question: &'a str,
    who: &'a str,
    when: &'a str,
    old: ValueOut,
    new: ValueOut,
}

/// `new` (a freshly rendered score file) with the comment lines a person
/// added to `old` put back above the same entry (round, case, question).
/// Our own comment lines (header, case headings, questions) are those of
/// `new` and are not copied; lines inside a multi-line `comment: |` value
/// (indented deeper than an entry's fields) are values, not comments.
/// Comments at the end of a line with a value are not kept.
pub fn keep_hand_comments(old: &str, new: &str) -> String {
    // An entry is known by its round and its `- case:` and `question:` lines.
    type Key = (String, String, String);
    let ours: HashSet<&str> = new
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .collect();
    let mut found: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    let mut round = String::new();
    let mut case: Option<String> = None;
    for line in old.lines() {
        let t = line.trim();
        let indent = line.len() - line.trim_start().len();
        if t.starts_with('#') && indent < 10 && !ours.contains(t) {
            pending.push(line.to_string());
        } else if let Some(r) = t.strip_prefix("- round:") {
            round = r.trim().to_string();
        } else if t.starts_with("- case:") {
            case = Some(t.to_string());
        } else if t.starts_with("question:")
            && let Some(c) = case.take()
            && !pending.is_empty()
        {
            found.insert(
                (round.clone(), c, t.to_string()),
                std::mem::take(&mut pending),
            );
        }
    }
    if found.is_empty() {
        return new.to_string();
    }
    let lines: Vec<&str> = new.lines().collect();
    let mut out = String::with_capacity(new.len() + 256);
    let mut round = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(r) = t.strip_prefix("- round:") {
            round = r.trim().to_string();
        }
        if t.starts_with("- case:")
            && let Some(q) = lines.get(i + 1)
            && let Some(hand) = found.remove(&(round.clone(), t.to_string(), q.trim().to_string()))
        {
            for h in hand {
                out.push_str(&h);
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn with_header<T: serde::Serialize>(
    ctx: &PanelContext,
    header: &str,
    value: &T,
) -> Result<String, String> {
    let mut out = String::new();
    comment_lines(&mut out, "", &format!("{}{header}", ctx.note()));
    out.push_str(&to_yaml(value)?);
    Ok(out)
}

pub fn render_topics(ctx: &PanelContext, topics: &TopicsFile) -> Result<String, String> {
    with_header(
        ctx,
        &format!(
            "Særlige fokusområder (tværgående emner) i audit {}: auditpanelets liste,\n\
             stemmer og prioritering; for de prioriterede emner drøftelsen og de punkter,\n\
             panelet var enige om ('dissent': de tilsyn, der ikke var enige; 'views':\n\
             deres afvigende synspunkter).\n\
             Skrevet af auditpanel efter hver ændring.",
            ctx.audit_id
        ),
        topics,
    )
}

pub fn render_conclusions(ctx: &PanelContext, c: &Conclusions) -> Result<String, String> {
    with_header(
        ctx,
        &format!(
            "Auditpanelets konklusioner i audit {}: vurderingen af hver arbejdshypotese\n\
             (bekraeftet, delvist_bekraeftet, ikke_belaeg) med begrundelse og enighedstal,\n\
             faglig vejledning og opfølgningsplanen (status: planlagt, igang, gennemfoert,\n\
             opgivet). Skrevet af auditpanel efter hver ændring.",
            ctx.audit_id
        ),
        c,
    )
}

pub fn render_session(ctx: &PanelContext, s: &Session) -> Result<String, String> {
    with_header(
        ctx,
        &format!(
            "Mødets forløb i audit {}: den runde, der scores nu, og om hver rundes\n\
             scorer er vist for alle (blinde runder: indtil facilitator viser dem, ser\n\
             hvert tilsyn kun sine egne). Skrevet af auditpanel.",
            ctx.audit_id
        ),
        s,
    )
}

/// Writes `text` to `path` so that a crash at any moment leaves either the
/// old file or the new one: a temporary file in the same folder, written and
/// fsynced, renamed over the target, then the folder fsynced so the rename
/// itself is durable.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    write_atomic_bytes(path, text.as_bytes())
}

/// `write_atomic` for bytes (the .docx report).
pub fn write_atomic_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // The rename would replace whatever is there: a device (`-o /dev/full`
    // run as root) or a named pipe is refused, not replaced.
    if let Ok(meta) = fs::metadata(path)
        && !meta.file_type().is_file()
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "der ligger noget andet end en almindelig fil; vælg et andet filnavn",
        ));
    }
    let mode = existing_mode(path);
    let (tmp, dir) = staged(path, bytes)?;
    set_mode(tmp.as_file(), dir, mode)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Like `write_atomic`, but fails with `AlreadyExists` instead of replacing
/// an existing file.
pub fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let (tmp, dir) = staged(path, text.as_bytes())?;
    set_mode(tmp.as_file(), dir, None)?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// The permission bits of the file a write replaces, kept as they are.
#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_path: &Path) -> Option<u32> {
    None
}

/// The temporary file is created `rw-------`; a new file gets what the
/// user's umask gives any new file (`0666 & !umask`), a replaced one keeps
/// its mode. On Windows there is nothing to do (no mode bits; the folder's
/// permissions apply).
#[cfg(unix)]
fn set_mode(tmp: &fs::File, dir: &Path, mode: Option<u32>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match mode {
        Some(m) => m,
        None => 0o666 & !umask(dir),
    };
    tmp.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_tmp: &fs::File, _dir: &Path, _mode: Option<u32>) -> io::Result<()> {
    Ok(())
}

/// The process's umask, read once without changing it: the mode of a file
/// created with the default 0666 (named like our temporary files, so an
/// interrupted probe is cleaned up like them).
#[cfg(unix)]
fn umask(dir: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    static UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *UMASK.get_or_init(|| {
        let probe = dir.join(format!(".auditpanel-umask-{}.tmp", std::process::id()));
        let mask = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
            .and_then(|f| f.metadata())
            .map(|m| 0o666 & !m.permissions().mode());
        let _ = fs::remove_file(&probe);
        mask.unwrap_or(0o022)
    })
}

/// `bytes` in a temporary file beside `path` (same folder, so the rename
/// is atomic), written and fsynced; the caller puts it in place.
fn staged<'p>(path: &'p Path, bytes: &[u8]) -> io::Result<(tempfile::NamedTempFile, &'p Path)> {
    // A bare file name (`-o rapport.docx`) has the empty path as parent,
    // which cannot be opened to sync: that is the current folder.
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".auditpanel-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok((tmp, dir))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> PanelContext {
        PanelContext {
            root: PathBuf::from("/audit"),
            audit_id: "1.1".into(),
            raters: vec![Tilsyn {
                id: "nord".into(),
                name: "Socialtilsyn Nord".into(),
            }],
            cases: vec![
                ("a".into(), "Sag A".into()),
                ("b".into(), "Sag\nB # x".into()),
            ],
            questions: vec![Question {
                id: "q1".into(),
                theme: "t".into(),
                text: "Første linje\nanden: linje # med tegn".into(),
                ..Question::default()
            }],
            scale: Scale {
                min: 1,
                max: 5,
                labels: ["a", "b", "c", "d", "e"].map(String::from).to_vec(),
            },
            hypotheses: vec![],
            fictitious: false,
        }
    }

    fn round_trip(scores: &RaterScores, rounds: u32) -> RaterScores {
        let ctx = ctx();
        let text = render_scores(&ctx, scores, rounds).unwrap();
        let mut d = Diagnostics::new(Path::new("/audit"));
        let back = parse_scores(
            &ctx,
            &text,
            Path::new("/audit/panel/scores/nord.yaml"),
            rounds,
            &mut d,
        );
        assert!(d.items.is_empty(), "{:?}\n{text}", d.items);
        back.unwrap()
    }

    fn strip(mut s: RaterScores) -> RaterScores {
        for cells in s.rounds.values_mut() {
            cells.retain(|_, e| !e.is_empty());
        }
        s.rounds.retain(|_, c| !c.is_empty());
        s
    }

    proptest! {
        #[test]
        fn any_comment_and_value_survive_writing_and_reading(
            comment in "(?s).{0,60}",
            value in prop::option::of(0u8..=5),
        ) {
            let mut s = RaterScores::new("nord");
            let v = value.map(|v| if v == 0 { ScoreValue::NotAssessable } else { ScoreValue::Score(v) });
            s.rounds.entry(2).or_default().insert(
                ("b".into(), "q1".into()),
                ScoreEntry { value: v, comment: comment.clone() },
            );
            let back = round_trip(&s, 2);
            prop_assert_eq!(strip(back), strip(s));
        }
    }

    #[test]
    fn hand_comment_lines_stay_above_their_entry_and_values_are_not_comments() {
        let ctx = ctx();
        let mut s = RaterScores::new("nord");
        s.rounds.entry(1).or_default().insert(
            ("a".into(), "q1".into()),
            ScoreEntry {
                value: Some(ScoreValue::Score(3)),
                comment: "# ikke en kommentar\nanden linje".into(),
            },
        );
        let first = render_scores(&ctx, &s, 1).unwrap();
        let hand = first.replacen(
            "      - case: b\n",
            "      # spørg Syd om dette\n      - case: b\n",
            1,
        );
        assert_ne!(hand, first);
        let again = keep_hand_comments(&hand, &render_scores(&ctx, &s, 1).unwrap());
        assert_eq!(again, hand);
        assert_eq!(keep_hand_comments(&first, &first), first);
    }

    #[test]
    fn awkward_comments_survive() {
        for c in [
            "",
            " leading space",
            "trailing space ",
            "a: b",
            "# not a comment",
            "- item",
            "'quoted'",
            "\"dq\"",
            "line\n\nafter blank\n",
            "\n\nstarts blank",
            "tab\there",
            "no",
            "null",
            "~",
            "3",
            "kan ikke vurderes",
            "æøå ÆØÅ",
            "\r\nwindows",
        ] {
            let mut s = RaterScores::new("nord");
            s.rounds.entry(1).or_default().insert(
                ("a".into(), "q1".into()),
                ScoreEntry {
                    value: Some(ScoreValue::Score(3)),
                    comment: c.into(),
                },
            );
            assert_eq!(strip(round_trip(&s, 1)), strip(s), "{c:?}");
        }
    }
}
