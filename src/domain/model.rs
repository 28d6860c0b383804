//! The audit as plain data: institutions and their cases, episodes
//! (magtanvendelsesindberetninger), hypotheses with the vurderingsskema, and
//! themes. No I/O here: `load` fills these types, everything else reads them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use super::diag::{Diagnostic, Pos};
use super::sym::Sym;
use compact_str::CompactString;

/// One audit (auditforløb), e.g. "18.1", loaded from a folder.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    /// The audit folder.
    pub root: PathBuf,
    pub config: AuditConfig,
    /// Cases sorted by id.
    pub cases: Vec<Case>,
    pub hypotheses: Vec<Hypothesis>,
    pub form: AssessmentForm,
    /// Themes sorted by id (kvalitetsmodel themes and the audit's own).
    pub themes: Vec<Theme>,
    /// What loading found wrong. Loading never stops at the first problem.
    pub diagnostics: Vec<Diagnostic>,
}

impl Audit {
    /// Whether any case has an episodes file. An audit without (one on
    /// another theme, e.g. `examples/audit-overgreb`) has no magtprofil: the
    /// app, `magtprofil` and the report say so once instead of empty tables.
    pub fn has_episodes(&self) -> bool {
        self.cases.iter().any(|c| c.episodes_file.is_some())
    }

    /// The sentence said where the magtprofil would be (the app's
    /// `Msg::NoEpisodeFiles` says the same).
    pub const NO_EPISODES_DA: &'static str = "Auditten har ingen magtanvendelser: ingen sag har \
        en fil med magtanvendelsesindberetninger, så der er ingen magtprofil.";

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn tilsyn(&self, id: &str) -> Option<&Tilsyn> {
        self.config.tilsyn.iter().find(|t| t.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.form.questions.iter().find(|q| q.id == id)
    }

    /// Questions that belong to a hypothesis (through the themes it names).
    pub fn questions_of(&self, hypothesis: &Hypothesis) -> Vec<&Question> {
        self.form
            .questions
            .iter()
            .filter(|q| hypothesis.themes.contains(&q.theme))
            .collect()
    }

    pub fn episode_count(&self) -> usize {
        self.cases.iter().map(|c| c.episodes.len()).sum()
    }
}

/// `audit.yaml` at the root of the audit folder.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// The audit's number, e.g. "18.1".
    pub id: String,
    pub title: String,
    /// True for invented example data; shown on screen and in exports.
    #[serde(default)]
    pub fictitious: bool,
    /// Baggrund for valg af tema.
    #[serde(default)]
    pub background: String,
    /// Auditmetode.
    #[serde(default)]
    pub method: String,
    /// The day of the auditmøde (the report names it).
    #[serde(default)]
    pub meeting_date: Option<NaiveDate>,
    /// The date the report carries; never the clock, so the same audit
    /// always gives the same report.
    #[serde(default)]
    pub report_date: Option<NaiveDate>,
    /// Baggrundsmateriale: the documents the panel read.
    #[serde(default)]
    pub background_material: Vec<String>,
    /// The five socialtilsyn (the raters).
    pub tilsyn: Vec<Tilsyn>,
    /// Deltagere: how many took part from each tilsyn.
    #[serde(default)]
    pub participants: Vec<Participants>,
    /// Holiday periods for the magtprofil; empty means the Danish
    /// school-holiday defaults.
    #[serde(default)]
    pub holidays: Vec<HolidayPeriod>,
    #[serde(default)]
    pub anonymity: AnonymityConfig,
    /// The hypotheses file, relative to `hypotheses/`; default `<id>.yaml`.
    #[serde(default)]
    pub hypotheses_file: Option<String>,
    /// A previous audit folder (relative or absolute) whose follow-up plan
    /// this audit checks.
    #[serde(default)]
    pub previous_audit: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Tilsyn {
    /// Short id used in file names and references: nord, midt, syd, oest, hovedstaden.
    pub id: String,
    /// Display name, e.g. "Socialtilsyn Øst".
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    pub tilsyn: String,
    pub count: u32,
    /// Roles, e.g. "tilsynskonsulent", "faglig leder", "jurist".
    #[serde(default)]
    pub roles: Vec<String>,
}

/// An inclusive date range counted as holiday in the magtprofil.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HolidayPeriod {
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AnonymityConfig {
    /// Names that must never appear in a case (the audit's own block list).
    #[serde(default)]
    pub blocked_names: Vec<String>,
    /// The pseudonym `anonymise` writes for a blocked name
    /// (`"Malthe Vindeløv": "Ung A"`); a name not here gets `Ung A`,
    /// `Ung B`, … in block-list order.
    #[serde(default)]
    pub pseudonyms: std::collections::BTreeMap<String, String>,
}

/// The kind of institution; decides the isolation limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// Sikret døgninstitution: isolation at most 2 hours.
    #[default]
    Sikret,
    /// Særligt sikret afdeling: isolation at most 4 hours.
    SaerligtSikret,
    /// Delvis lukket afdeling: § 13 fastholdelse, no isolation.
    DelvisLukket,
    /// Åben døgninstitution or opholdssted: no isolation, no § 11–13.
    Aaben,
}

impl InstitutionKind {
    /// Whether isolation (§ 14) may be used at all.
    pub fn may_isolate(self) -> bool {
        matches!(
            self,
            InstitutionKind::Sikret | InstitutionKind::SaerligtSikret
        )
    }

    /// The legal limit of one isolation, in minutes, where isolation is allowed.
    pub fn isolation_limit_minutes(self) -> Option<i64> {
        match self {
            InstitutionKind::Sikret => Some(120),
            InstitutionKind::SaerligtSikret => Some(240),
            _ => None,
        }
    }

    /// Whether an intervention type may be used at this kind of institution.
    pub fn allows(self, t: InterventionType) -> bool {
        use InterventionType::*;
        match t {
            Isolation => self.may_isolate(),
            // Tilbageholdelse (§§ 11–12) needs a (partly) closed unit or a secure one.
            Tilbageholdelse => !matches!(self, InstitutionKind::Aaben),
            _ => true,
        }
    }
}

/// One institution and the case the panel reads: `cases/<id>/case.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub id: String,
    pub name: String,
    pub kind: InstitutionKind,
    /// Driftsherre: a region or a municipality.
    pub operator: String,
    /// Id of the responsible tilsyn.
    pub tilsyn: String,
    /// Number of places (pladser), for rates.
    pub places: u32,
    /// Occupied bed days per year, when known (for the rate per 1,000 bed days).
    pub occupied_bed_days: Option<u32>,
    /// The institution's own targets for its magtprofil.
    pub targets: Vec<Target>,
    pub report: Report,
    pub episodes: Vec<Episode>,
    /// `cases/<id>/case.yaml`.
    pub file: PathBuf,
    /// The episodes file, when there is one; for a workbook the sheet the
    /// episodes were read from (`episodes.xlsx:Ark1`, `diag::sheet_path`),
    /// which is what findings about them name.
    pub episodes_file: Option<PathBuf>,
}

impl Case {
    /// The tilsynsrapport's own score (1–5) on a kvalitetsmodel theme, when
    /// the report scores it (the calibration gap's reference).
    pub fn report_score(&self, quality_theme: &str) -> Option<u8> {
        self.report
            .themes
            .iter()
            .find(|s| s.theme == quality_theme)
            .map(|s| s.score)
    }
}

/// The institution's own targets (seed 003): each is met or not in the magtprofil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// No episode over 3 minutes.
    NoneOver3Min,
    /// No fastholdelser.
    NoFastholdelse,
    /// No child with more than one episode a month.
    NoChildOverOneAMonth,
    /// No føringer.
    NoFoeren,
    /// No child witnessing an episode.
    NoWitnessed,
    /// Only nødværge.
    OnlyNoedvaerge,
}

/// The last tilsynsrapport of the institution, anonymised.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub date: NaiveDate,
    /// Anmeldt (true) or uanmeldt (false) visit.
    pub announced: bool,
    #[serde(default)]
    pub summary: String,
    pub themes: Vec<ThemeScore>,
    /// Udviklingspunkter.
    #[serde(default)]
    pub development_points: Vec<String>,
    /// Opmærksomhedspunkter.
    #[serde(default)]
    pub attention_points: Vec<String>,
    /// Unges udsagn: what young people said.
    #[serde(default)]
    pub young_people: Vec<String>,
}

/// A kvalitetsmodel theme's score (1–5) in a report with its written assessment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThemeScore {
    pub theme: String,
    pub score: u8,
    pub assessment: String,
    /// Line of `theme:` in the case file, for findings (not in the file itself).
    #[serde(skip)]
    pub line: u32,
}

/// Type of intervention under voksenansvarsloven. Spelled in ASCII in files
/// (`foeren`, `noedvaerge`), in Danish on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterventionType {
    /// Afværgehjælp, § 8.
    Afvaergehjaelp,
    /// Fysisk magtanvendelse: fastholdelse, § 9 (or § 13 on partly closed units).
    Fastholdelse,
    /// Fysisk magtanvendelse: føren, § 9.
    Foeren,
    /// Tilbageførelse ved rømning, § 10.
    Tilbagefoerelse,
    /// Tilbageholdelse, §§ 11–12.
    Tilbageholdelse,
    /// Isolation, § 14.
    Isolation,
    /// Undersøgelse af person og opholdsrum, § 16.
    Undersoegelse,
    /// Nødværge, straffeloven § 13.
    Noedvaerge,
}

impl InterventionType {
    pub const ALL: [InterventionType; 8] = [
        InterventionType::Afvaergehjaelp,
        InterventionType::Fastholdelse,
        InterventionType::Foeren,
        InterventionType::Tilbagefoerelse,
        InterventionType::Tilbageholdelse,
        InterventionType::Isolation,
        InterventionType::Undersoegelse,
        InterventionType::Noedvaerge,
    ];

    /// The spelling in files.
    pub fn code(self) -> &'static str {
        match self {
            InterventionType::Afvaergehjaelp => "afvaergehjaelp",
            InterventionType::Fastholdelse => "fastholdelse",
            InterventionType::Foeren => "foeren",
            InterventionType::Tilbagefoerelse => "tilbagefoerelse",
            InterventionType::Tilbageholdelse => "tilbageholdelse",
            InterventionType::Isolation => "isolation",
            InterventionType::Undersoegelse => "undersoegelse",
            InterventionType::Noedvaerge => "noedvaerge",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    /// The Danish name, for people.
    pub fn label_da(self) -> &'static str {
        match self {
            InterventionType::Afvaergehjaelp => "afværgehjælp",
            InterventionType::Fastholdelse => "fastholdelse",
            InterventionType::Foeren => "føren",
            InterventionType::Tilbagefoerelse => "tilbageførelse",
            InterventionType::Tilbageholdelse => "tilbageholdelse",
            InterventionType::Isolation => "isolation",
            InterventionType::Undersoegelse => "undersøgelse",
            InterventionType::Noedvaerge => "nødværge",
        }
    }

    /// The usual legal basis.
    pub fn legal_basis(self) -> &'static str {
        match self {
            InterventionType::Afvaergehjaelp => "§ 8",
            InterventionType::Fastholdelse => "§ 9",
            InterventionType::Foeren => "§ 9",
            InterventionType::Tilbagefoerelse => "§ 10",
            InterventionType::Tilbageholdelse => "§§ 11-12",
            InterventionType::Isolation => "§ 14",
            InterventionType::Undersoegelse => "§ 16",
            InterventionType::Noedvaerge => "strfl. § 13",
        }
    }
}

/// Whether the child's own statement (barnets udtalelse) is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildStatement {
    Yes,
    No,
    /// To follow later.
    Later,
}

impl ChildStatement {
    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "yes" => Some(ChildStatement::Yes),
            "no" => Some(ChildStatement::No),
            "later" => Some(ChildStatement::Later),
            _ => None,
        }
    }
}

/// Whether and when the holder of parental custody was told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParentsTold {
    /// Told, at this local time.
    At(NaiveDateTime),
    /// Told, time not given.
    Yes,
    /// Not told.
    No,
}

/// One magtanvendelsesindberetning. Times are local (Europe/Copenhagen).
/// `None` means unknown (an empty field).
///
/// Compact, for a national export of a million: the id inline (no heap up
/// to 24 bytes), the repeated texts as shared `Sym`s (8 bytes each, the
/// text held once per file), about 200 bytes an episode in all.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    pub id: CompactString,
    /// The institution (case) id.
    pub institution: Sym,
    /// Pseudonymous child id, never a name.
    pub child: Sym,
    pub age: Option<u8>,
    pub start: NaiveDateTime,
    pub end: Option<NaiveDateTime>,
    pub kind: InterventionType,
    pub legal_basis: Option<Sym>,
    pub registered: Option<NaiveDateTime>,
    pub sent_municipality: Option<NaiveDate>,
    pub parents_told: Option<ParentsTold>,
    pub child_statement: Option<ChildStatement>,
    /// How many other children saw it.
    pub witnesses: Option<u16>,
    /// Pseudonymous staff ids.
    pub staff: Box<[Sym]>,
    pub injury: Option<Sym>,
    /// For isolation: who decided it (`leder` or `stedfortraeder`).
    pub decided_by: Option<Sym>,
    pub description: Sym,
    /// Where the episode stands in its file (the CSV record's line, or the
    /// YAML item's first line).
    pub pos: Pos,
}

/// A theme: from the kvalitetsmodel (the reports score these 1–5) or the
/// audit's own (the vurderingsskema's questions belong to these).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub kind: ThemeKind,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ThemeKind {
    #[default]
    Kvalitetsmodel,
    Audit,
}

/// An arbejdshypotese.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    pub id: String,
    pub text: String,
    /// The audit themes whose questions test this hypothesis.
    pub themes: Vec<String>,
}

/// The vurderingsskema: a scale and questions, each tied to a theme.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AssessmentForm {
    #[serde(default)]
    pub intro: String,
    pub scale: Scale,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    /// One label per step, from min to max.
    pub labels: Vec<String>,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: 1,
            max: 5,
            labels: Vec::new(),
        }
    }
}

impl Scale {
    pub fn contains(&self, v: u8) -> bool {
        (self.min..=self.max).contains(&v)
    }

    pub fn label(&self, v: u8) -> Option<&str> {
        let i = v.checked_sub(self.min)?;
        self.labels.get(usize::from(i)).map(String::as_str)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// The audit theme this question belongs to.
    pub theme: String,
    pub text: String,
    /// The kvalitetsmodel theme the question maps to, when it does: the
    /// tilsynsrapport's score on it is shown beside the panel's (calibration gap).
    #[serde(default)]
    pub quality_theme: Option<String>,
    #[serde(default)]
    pub help: String,
}
