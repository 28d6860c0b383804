//! The files in `panel/`: where they are, how they are read (with a place
//! for every problem) and written (readable YAML, a comment on top saying
//! what the file is, atomically).
//!
//! ```text
//! panel/scores/<tilsyn>.yaml   one rater's scores, per round, case and question
//! panel/topics.yaml            særlige fokusområder, discussion, consensus
//! panel/conclusions.yaml       verdicts, faglig vejledning, opfølgningsplan
//! panel/session.yaml           current round, which rounds are revealed
//! panel/.lock                  who has the panel open for writing (not in git)
//! ```

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
    let mut data = PanelData {
        session: load_session(ctx, diags).unwrap_or_default(),
        topics: load_topics(ctx, diags).unwrap_or_default(),
        conclusions: load_conclusions(&ctx.conclusions_path(), Some(ctx), diags)
            .unwrap_or_default(),
        ..PanelData::default()
    };
    for path in yaml_files(&ctx.panel_dir().join(SCORES_DIR)) {
        if let Some(s) = load_scores(ctx, &path, data.session.current_round, diags) {
            if data.scores.contains_key(&s.rater) {
                // Only possible with both nord.yaml and nord.yml; the name check reports it.
                continue;
            }
            data.scores.insert(s.rater.clone(), s);
        }
    }
    data
}

fn load_scores(
    ctx: &PanelContext,
    path: &Path,
    current_round: u32,
    diags: &mut Diagnostics,
) -> Option<RaterScores> {
    let text = read_text(path, diags)?;
    parse_scores(ctx, &text, path, current_round, diags)
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
    Some(scores)
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
}

fn load_topics(ctx: &PanelContext, diags: &mut Diagnostics) -> Option<TopicsFile> {
    let path = ctx.topics_path();
    let text = read_text(&path, diags)?;
    let raw = yaml::parse::<TopicsRaw>(&text, &path, diags)?;
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
            consensus.push(Consensus {
                text: c.text,
                dissent,
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
    let raw = yaml::parse::<ConclusionsRaw>(&text, path, diags)?;
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
}

fn load_session(ctx: &PanelContext, diags: &mut Diagnostics) -> Option<Session> {
    let path = ctx.session_path();
    let text = read_text(&path, diags)?;
    let raw = yaml::parse::<SessionRaw>(&text, &path, diags)?;
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
            session.rounds.push(RoundState {
                round: n,
                revealed: r.revealed,
            });
        }
    }
    for n in 1..=current {
        if !session.rounds.iter().any(|s| s.round == n) {
            session.rounds.push(RoundState {
                round: n,
                revealed: false,
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
    Ok(out)
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
             panelet var enige om ('dissent': de tilsyn, der ikke var enige).\n\
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
    let (tmp, dir) = staged(path, bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Like `write_atomic`, but fails with `AlreadyExists` instead of replacing
/// an existing file.
pub fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let (tmp, dir) = staged(path, text.as_bytes())?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// `bytes` in a temporary file beside `path` (same folder, so the rename
/// is atomic), written and fsynced; the caller puts it in place.
fn staged<'p>(path: &'p Path, bytes: &[u8]) -> io::Result<(tempfile::NamedTempFile, &'p Path)> {
    let dir = path.parent().unwrap_or(Path::new("."));
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
