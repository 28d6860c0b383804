//! The rules of voksenansvarsloven that one indberetning can show
//! (docs/domain.md §4; *Vejledning om voksenansvar for anbragte børn og unge*,
//! seed 001, cited by its numbered points "pkt."). Pure functions over one
//! episode and its institution's kind: `evaluate` says which rules an
//! episode breaks (a bit set, cheap enough for a national export, and what
//! the magtprofil counts), `episode_findings` turns that into Danish
//! sentences naming the paragraph. `check`, the app and the magtprofil all
//! read these two, so they never disagree.
//!
//! Unknown values a rule needs are findings of their own (an isolation with
//! no end, no registration time, …), never a silent pass.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Europe::Copenhagen;
use serde::{Serialize, Serializer};

use super::episodes::EpisodeRef;
use super::model::{ChildStatement, Episode, InstitutionKind, InterventionType, ParentsTold};
use super::time::{real_seconds, to_utc};

/// One rule an episode can break. `id()` is the stable id shown in
/// `check --format json` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// The end is before the start.
    EndBeforeStart,
    /// A type other than tilbageholdelse lasting over 24 hours.
    DurationOver24h,
    /// § 12 tilbageholdelse over 5 days, § 11 over 14 days.
    TilbageholdelseOverLimit,
    /// A tilbageholdelse with no end: its limit cannot be checked.
    TilbageholdelseEndUnknown,
    /// No registration time.
    RegistrationMissing,
    /// Registered more than 24 real hours after the start.
    LateRegistration,
    /// Sent to the placing municipality more than 24 hours after the
    /// registration, or not at all.
    MunicipalityLate,
    /// Isolation at a kind other than sikret or særligt sikret.
    IsolationNotAllowed,
    /// Isolation over 2 hours (4 on a særligt sikret afdeling).
    IsolationOverLimit,
    /// An isolation with no end.
    IsolationEndUnknown,
    /// Isolation not decided by the leader or the deputy.
    IsolationDecider,
    /// § 12 tilbageholdelse not decided by the leader or the deputy.
    TilbageholdelseDecider,
    /// A provision the institution kind may not use.
    TypeNotAllowed,
    /// A `legal_basis` that cannot be read.
    LegalBasisUnreadable,
    /// A `legal_basis` that does not fit the type.
    LegalBasisMismatch,
    /// The child was not offered a statement, or declined.
    ChildStatement,
    /// It is not said whether the child's statement is attached.
    ChildStatementUnknown,
    /// The holder of parental authority was not told.
    ParentsNotTold,
    /// Told more than 24 hours after the registration.
    ParentsToldLate,
    /// It is not said whether the holder of parental authority was told.
    ParentsToldUnknown,
    /// An undersøgelse by one staff member, or with other children present.
    SearchConduct,
    /// An undersøgelse whose staff or witnesses are not given.
    SearchConductUnknown,
    /// Under 12 at a særligt sikret afdeling; tilbageførelse or § 11
    /// tilbageholdelse of a young person of 18 or more.
    AgeScope,
    /// The age a rule needs is not given.
    AgeUnknown,
    /// § 12 tilbageholdelse of one child over 30 days in a calendar year,
    /// across its episodes at the institution (`YearlyDays`).
    Tilbageholdelse30Days,
}

impl Rule {
    pub const ALL: [Rule; 25] = [
        Rule::EndBeforeStart,
        Rule::DurationOver24h,
        Rule::TilbageholdelseOverLimit,
        Rule::TilbageholdelseEndUnknown,
        Rule::RegistrationMissing,
        Rule::LateRegistration,
        Rule::MunicipalityLate,
        Rule::IsolationNotAllowed,
        Rule::IsolationOverLimit,
        Rule::IsolationEndUnknown,
        Rule::IsolationDecider,
        Rule::TilbageholdelseDecider,
        Rule::TypeNotAllowed,
        Rule::LegalBasisUnreadable,
        Rule::LegalBasisMismatch,
        Rule::ChildStatement,
        Rule::ChildStatementUnknown,
        Rule::ParentsNotTold,
        Rule::ParentsToldLate,
        Rule::ParentsToldUnknown,
        Rule::SearchConduct,
        Rule::SearchConductUnknown,
        Rule::AgeScope,
        Rule::AgeUnknown,
        Rule::Tilbageholdelse30Days,
    ];

    /// The stable id, e.g. `isolation-over-limit`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::EndBeforeStart => "end-before-start",
            Rule::DurationOver24h => "duration-over-24h",
            Rule::TilbageholdelseOverLimit => "tilbageholdelse-over-limit",
            Rule::TilbageholdelseEndUnknown => "tilbageholdelse-end-unknown",
            Rule::RegistrationMissing => "registration-missing",
            Rule::LateRegistration => "late-registration",
            Rule::MunicipalityLate => "municipality-late",
            Rule::IsolationNotAllowed => "isolation-not-allowed",
            Rule::IsolationOverLimit => "isolation-over-limit",
            Rule::IsolationEndUnknown => "isolation-end-unknown",
            Rule::IsolationDecider => "isolation-decider",
            Rule::TilbageholdelseDecider => "tilbageholdelse-decider",
            Rule::TypeNotAllowed => "type-not-allowed",
            Rule::LegalBasisUnreadable => "legal-basis-unreadable",
            Rule::LegalBasisMismatch => "legal-basis-mismatch",
            Rule::ChildStatement => "child-statement",
            Rule::ChildStatementUnknown => "child-statement-unknown",
            Rule::ParentsNotTold => "parents-not-told",
            Rule::ParentsToldLate => "parents-told-late",
            Rule::ParentsToldUnknown => "parents-told-unknown",
            Rule::SearchConduct => "search-conduct",
            Rule::SearchConductUnknown => "search-conduct-unknown",
            Rule::AgeScope => "age-scope",
            Rule::AgeUnknown => "age-unknown",
            Rule::Tilbageholdelse30Days => "tilbageholdelse-30-days",
        }
    }

    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The guidance's points the rule rests on (one finding may cite fewer:
    /// see `Finding::paragraph`).
    pub fn paragraphs(self) -> Option<&'static str> {
        Some(match self {
            Rule::EndBeforeStart | Rule::LegalBasisUnreadable => return None,
            Rule::DurationOver24h => "95, 97",
            Rule::TilbageholdelseOverLimit | Rule::TilbageholdelseEndUnknown => "107, 110, 120",
            Rule::RegistrationMissing | Rule::LateRegistration | Rule::MunicipalityLate => "209",
            Rule::IsolationNotAllowed => "8, 162",
            Rule::IsolationOverLimit | Rule::IsolationEndUnknown => "26, 163",
            Rule::IsolationDecider => "163",
            Rule::TilbageholdelseDecider | Rule::Tilbageholdelse30Days => "120",
            Rule::TypeNotAllowed => "8, 99, 108, 121, 180",
            Rule::LegalBasisMismatch => "8",
            Rule::ChildStatement | Rule::ChildStatementUnknown => "210",
            Rule::ParentsNotTold | Rule::ParentsToldLate | Rule::ParentsToldUnknown => "213",
            Rule::SearchConduct | Rule::SearchConductUnknown => "176, 178",
            Rule::AgeScope | Rule::AgeUnknown => "130, 141",
        })
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// The rules one episode breaks, as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RuleSet(u32);

impl RuleSet {
    pub fn contains(self, r: Rule) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn insert(&mut self, r: Rule) {
        self.0 |= r.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The rules in `Rule` order.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl Extend<Rule> for RuleSet {
    fn extend<I: IntoIterator<Item = Rule>>(&mut self, rules: I) {
        for r in rules {
            self.insert(r);
        }
    }
}

/// A rule finding on one episode, with a Danish sentence for people that
/// ends with the paragraph ("jf. vejledningens pkt. 209").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    /// The guidance's points this finding rests on, e.g. "209" or "26, 163".
    pub paragraph: Option<&'static str>,
    pub message: String,
}

// ------------------------------------------------------------ legal basis

/// The law a provision belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Law {
    /// Voksenansvarsloven (the default when no law is named).
    Voksenansvar,
    /// Straffeloven (nødværge, § 13).
    Straffe,
    /// Serviceloven or another named law the rules do not judge.
    Other,
}

/// One provision: "§ 9, stk. 3" is section 9, stk. 3; "§ 16 a" has a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Provision {
    pub law: Law,
    pub section: u16,
    pub letter: Option<char>,
    pub stk: Option<u8>,
}

impl Provision {
    const fn val(section: u16) -> Provision {
        Provision {
            law: Law::Voksenansvar,
            section,
            letter: None,
            stk: None,
        }
    }

    /// As written in Danish: "§ 9, stk. 3", "§ 16 a", "straffelovens § 13".
    pub fn label(self) -> String {
        let mut s = match self.law {
            Law::Straffe => "straffelovens § ".to_string(),
            _ => "§ ".to_string(),
        };
        s.push_str(&self.section.to_string());
        if let Some(l) = self.letter {
            s.push(' ');
            s.push(l);
        }
        if let Some(k) = self.stk {
            s.push_str(&format!(", stk. {k}"));
        }
        s
    }
}

/// The provisions a `legal_basis` names (alternatives: "§§ 11-12" is § 11
/// or § 12). At most `MAX_PROVISIONS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provisions {
    items: [Provision; MAX_PROVISIONS],
    len: u8,
}

const MAX_PROVISIONS: usize = 6;

impl Provisions {
    fn one(p: Provision) -> Provisions {
        let mut out = Provisions::empty();
        out.push(p);
        out
    }

    fn empty() -> Provisions {
        Provisions {
            items: [Provision::val(0); MAX_PROVISIONS],
            len: 0,
        }
    }

    fn push(&mut self, p: Provision) -> bool {
        if usize::from(self.len) == MAX_PROVISIONS {
            return false;
        }
        if !self.as_slice().contains(&p) {
            self.items[usize::from(self.len)] = p;
            self.len += 1;
        }
        true
    }

    pub fn as_slice(&self) -> &[Provision] {
        &self.items[..usize::from(self.len)]
    }
}

/// Reads a `legal_basis` forgivingly: "§ 9, stk. 3", "§9 stk 3", "§§ 11-12",
/// "§§ 11", "§ 16 a", "§ 16, stk. 2-3", "§ 9 og § 10", "strfl. § 13",
/// "straffelovens § 13", "voksenansvarslovens § 14", "servicelovens § 52".
/// `None` when it cannot be read. `default_law` is used when no law is
/// named (straffeloven for nødværge).
pub fn parse_legal_basis(text: &str, default_law: Law) -> Option<Provisions> {
    // The spellings of nearly every row, without the general reader.
    let fast = match text.trim() {
        "§ 8" => Some(8),
        "§ 9" => Some(9),
        "§ 10" => Some(10),
        "§ 11" => Some(11),
        "§ 12" => Some(12),
        "§ 14" => Some(14),
        "§ 16" => Some(16),
        "§§ 11-12" => {
            let mut out = Provisions::one(Provision::val(11));
            out.push(Provision::val(12));
            return Some(out);
        }
        "strfl. § 13" => {
            return Some(Provisions::one(Provision {
                law: Law::Straffe,
                ..Provision::val(13)
            }));
        }
        _ => None,
    };
    if let Some(s) = fast {
        return Some(Provisions::one(Provision {
            law: default_law,
            ..Provision::val(s)
        }));
    }
    let lower = text.trim().to_lowercase();
    let first = lower.find('§')?;
    let mut law = law_of(lower[..first].trim().trim_end_matches('.'))?;
    let mut tokens: Vec<Tok> = Vec::new();
    let mut chars = lower[first..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '§' | '.' => {}
            c if c.is_whitespace() => {}
            ',' => tokens.push(Tok::Comma),
            '-' | '–' => tokens.push(Tok::Dash),
            c if c.is_ascii_digit() => {
                let mut n = c.to_digit(10)?;
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    n = n.checked_mul(10)?.checked_add(d)?;
                    chars.next();
                }
                tokens.push(Tok::Num(u16::try_from(n).ok()?));
            }
            c if c.is_alphabetic() => {
                let mut w = String::from(c);
                while let Some(&d) = chars.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    w.push(d);
                    chars.next();
                }
                match w.as_str() {
                    "stk" => tokens.push(Tok::Stk),
                    "og" => tokens.push(Tok::Comma),
                    "a" | "b" | "c" => tokens.push(Tok::Letter(w.chars().next()?)),
                    // A law named after the section: "§ 13 i straffeloven".
                    "i" | "jf" => {}
                    other => law = law_of(other)?,
                }
            }
            _ => return None,
        }
    }
    let law = match law {
        Some(l) => l,
        None => default_law,
    };
    // Sections, then optionally stk.
    let mut sections: Vec<(u16, Option<char>)> = Vec::new();
    let mut stks: Vec<u8> = Vec::new();
    let mut in_stk = false;
    let mut range = false;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            Tok::Num(n) => {
                let letter = match tokens.get(i + 1) {
                    Some(Tok::Letter(l)) if !in_stk => {
                        i += 1;
                        Some(*l)
                    }
                    _ => None,
                };
                if in_stk {
                    let n = u8::try_from(n).ok()?;
                    if range {
                        let from = *stks.last()?;
                        if n <= from || n - from > 8 {
                            return None;
                        }
                        stks.extend(from + 1..=n);
                    } else {
                        stks.push(n);
                    }
                } else if range {
                    let (from, _) = *sections.last()?;
                    if n <= from || n - from > 8 || letter.is_some() {
                        return None;
                    }
                    sections.extend((from + 1..=n).map(|s| (s, None)));
                } else {
                    sections.push((n, letter));
                }
                range = false;
            }
            Tok::Dash => {
                if range
                    || !matches!(
                        tokens.get(i.wrapping_sub(1)),
                        Some(Tok::Num(_) | Tok::Letter(_))
                    )
                {
                    return None;
                }
                range = true;
            }
            Tok::Comma => {
                if range {
                    return None;
                }
            }
            Tok::Stk => {
                if in_stk || sections.len() != 1 {
                    return None;
                }
                in_stk = true;
            }
            Tok::Letter(_) => return None,
        }
        i += 1;
    }
    if sections.is_empty() || range || (in_stk && stks.is_empty()) {
        return None;
    }
    let mut out = Provisions::empty();
    for (section, letter) in sections {
        let p = Provision {
            law,
            section,
            letter,
            stk: None,
        };
        if stks.is_empty() && !out.push(p) {
            return None;
        }
        for k in &stks {
            if !out.push(Provision { stk: Some(*k), ..p }) {
                return None;
            }
        }
    }
    Some(out)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(u16),
    Letter(char),
    Comma,
    Dash,
    Stk,
}

/// The law a word names: `Some(None)` for no law (empty), `None` when the
/// word is not a law.
fn law_of(word: &str) -> Option<Option<Law>> {
    let w = word.trim().trim_end_matches('.');
    if w.is_empty() {
        return Some(None);
    }
    if w.starts_with("strfl") || w.contains("straffelov") {
        Some(Some(Law::Straffe))
    } else if w.contains("voksenansvarslov") || w == "val" || w == "lov" {
        Some(Some(Law::Voksenansvar))
    } else if w.contains("servicelov")
        || w == "sel"
        || w.ends_with("loven")
        || w.ends_with("lovens")
    {
        Some(Some(Law::Other))
    } else {
        None
    }
}

/// The sections of voksenansvarsloven a type is reported under.
fn type_sections(t: InterventionType) -> &'static [u16] {
    use InterventionType::*;
    match t {
        Afvaergehjaelp => &[8],
        Fastholdelse => &[9, 13],
        Foeren => &[9],
        Tilbagefoerelse => &[10],
        Tilbageholdelse => &[11, 12],
        Isolation => &[14],
        Undersoegelse => &[16],
        Noedvaerge => &[],
    }
}

/// Whether the provision fits the type (other laws than voksenansvarsloven
/// and straffeloven are not judged).
fn fits_type(p: Provision, t: InterventionType) -> bool {
    match p.law {
        Law::Other => true,
        Law::Straffe => t == InterventionType::Noedvaerge && p.section == 13,
        Law::Voksenansvar => type_sections(t).contains(&p.section),
    }
}

/// The provision a type stands for when `legal_basis` names none (or none
/// that fits): § 12 tilbageholdelse at a delvis lukket afdeling, § 11
/// elsewhere (pkt. 108).
fn inferred_provision(t: InterventionType, kind: InstitutionKind) -> Provision {
    use InterventionType::*;
    match t {
        Afvaergehjaelp => Provision::val(8),
        Fastholdelse | Foeren => Provision::val(9),
        Tilbagefoerelse => Provision::val(10),
        Tilbageholdelse if kind == InstitutionKind::DelvisLukket => Provision::val(12),
        Tilbageholdelse => Provision::val(11),
        Isolation => Provision::val(14),
        Undersoegelse => Provision::val(16),
        Noedvaerge => Provision {
            law: Law::Straffe,
            ..Provision::val(13)
        },
    }
}

/// `Err(paragraph)` when the kind may not use the provision (pkt. 8, which
/// lists the provisions by kind, and the points on each).
pub fn provision_allowed(kind: InstitutionKind, p: Provision) -> Result<(), &'static str> {
    use InstitutionKind::*;
    if p.law != Law::Voksenansvar {
        return Ok(());
    }
    let secure = matches!(kind, Sikret | SaerligtSikret);
    let closed = secure || kind == DelvisLukket;
    let (ok, paragraph) = match (p.section, p.letter, p.stk) {
        (9, None, Some(3)) => (closed, "99"),
        (12, None, _) => (kind == DelvisLukket, "8"),
        (13, None, _) => (kind == DelvisLukket, "121"),
        (14, None, _) => (secure, "162"),
        (15, Some('a'), _) | (18, None, _) => (secure, "8"),
        (16, None, Some(2 | 3 | 5)) => (secure, "180"),
        (4, Some('a'), _) | (16, Some('a' | 'b'), _) | (21, Some('a'), _) => (closed, "8"),
        _ => (true, ""),
    };
    if ok { Ok(()) } else { Err(paragraph) }
}

// ------------------------------------------------------------ evaluation

/// The fields of one episode the rules read, from an `Episode` or an
/// `EpisodeRef` (a row of a national export, not copied).
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub age: Option<u8>,
    pub start: NaiveDateTime,
    pub end: Option<NaiveDateTime>,
    pub kind: InterventionType,
    pub legal_basis: Option<&'a str>,
    pub registered: Option<NaiveDateTime>,
    pub sent_municipality: Option<NaiveDate>,
    pub parents_told: Option<ParentsTold>,
    pub child_statement: Option<ChildStatement>,
    pub witnesses: Option<u16>,
    /// How many staff ids the episode names.
    pub staff: usize,
    pub decided_by: Option<&'a str>,
}

impl<'a> Facts<'a> {
    pub fn of(e: &'a Episode) -> Facts<'a> {
        Facts {
            age: e.age,
            start: e.start,
            end: e.end,
            kind: e.kind,
            legal_basis: e.legal_basis.as_deref(),
            registered: e.registered,
            sent_municipality: e.sent_municipality,
            parents_told: e.parents_told,
            child_statement: e.child_statement,
            witnesses: e.witnesses,
            staff: e.staff.iter().filter(|s| !s.trim().is_empty()).count(),
            decided_by: e.decided_by.as_deref(),
        }
    }

    pub fn of_ref(e: &EpisodeRef<'a>) -> Facts<'a> {
        Facts {
            age: e.age,
            start: e.start,
            end: e.end,
            kind: e.kind,
            legal_basis: e.legal_basis,
            registered: e.registered,
            sent_municipality: e.sent_municipality,
            parents_told: e.parents_told,
            child_statement: e.child_statement,
            witnesses: e.witnesses,
            staff: e.staff().count(),
            decided_by: e.decided_by,
        }
    }
}

/// What `evaluate` found, with the figures the messages need.
#[derive(Debug, Clone, Copy)]
pub struct Evaluation {
    pub rules: RuleSet,
    /// Real seconds from start to end.
    pub duration: Option<i64>,
    /// Real seconds from start to registration.
    pub registration_delay: Option<i64>,
    /// Real seconds from registration to telling the parents.
    pub parents_delay: Option<i64>,
    /// The provision the episode is judged under.
    pub provision: Provision,
    /// A provision the kind may not use, with its paragraph.
    pub not_allowed: Option<(Provision, &'static str)>,
    /// The last day the municipality could lawfully be sent the report.
    pub municipality_deadline: Option<NaiveDate>,
}

const DAY: i64 = 24 * 3600;
const TILBAGEHOLDELSE_12_DAYS: i64 = 5;
const TILBAGEHOLDELSE_11_DAYS: i64 = 14;

/// The isolation limit in seconds at a kind that may isolate.
fn isolation_limit(kind: InstitutionKind) -> Option<i64> {
    kind.isolation_limit_minutes().map(|m| m * 60)
}

/// Every rule the episode breaks at an institution of `kind`.
pub fn evaluate(f: &Facts<'_>, kind: InstitutionKind) -> Evaluation {
    let mut rules = RuleSet::default();
    let duration = f.end.map(|end| real_seconds(f.start, end));
    let isolation = f.kind == InterventionType::Isolation;
    let tilbageholdelse = f.kind == InterventionType::Tilbageholdelse;

    // The provisions: from `legal_basis` where it can be read, else the type's.
    let default_law = if f.kind == InterventionType::Noedvaerge {
        Law::Straffe
    } else {
        Law::Voksenansvar
    };
    let inferred = inferred_provision(f.kind, kind);
    let given = match f.legal_basis.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => {
            let p = parse_legal_basis(text, default_law);
            if p.is_none() {
                rules.insert(Rule::LegalBasisUnreadable);
            }
            p
        }
    };
    let mut not_allowed = None;
    let mut provision = inferred;
    match given {
        Some(given) => {
            let all = given.as_slice();
            let mut fitting = Provisions::empty();
            for p in all.iter().filter(|p| fits_type(**p, f.kind)) {
                fitting.push(*p);
            }
            if fitting.len == 0 {
                rules.insert(Rule::LegalBasisMismatch);
            }
            let candidates = if fitting.len == 0 {
                all
            } else {
                fitting.as_slice()
            };
            // Alternatives: a finding only when none of them is allowed.
            let mut allowed = Provisions::empty();
            for p in candidates {
                if provision_allowed(kind, *p).is_ok() {
                    allowed.push(*p);
                }
            }
            if allowed.len == 0 {
                not_allowed = candidates
                    .iter()
                    .find_map(|p| provision_allowed(kind, *p).err().map(|par| (*p, par)));
            }
            if let Some(first) = fitting.as_slice().first() {
                // The kind's own provision where the text names it ("§§ 11-12"
                // is § 12 at a delvis lukket afdeling), else the first allowed.
                provision = fitting
                    .as_slice()
                    .iter()
                    .find(|p| p.section == inferred.section)
                    .or(allowed.as_slice().first())
                    .copied()
                    .unwrap_or(*first);
            }
        }
        None if !isolation => {
            not_allowed = provision_allowed(kind, inferred)
                .err()
                .map(|p| (inferred, p));
        }
        None => {}
    }
    // Isolation at a kind that may not isolate has its own rule.
    if let Some((p, _)) = not_allowed
        && !(isolation && p.law == Law::Voksenansvar && p.section == 14)
    {
        rules.insert(Rule::TypeNotAllowed);
    } else if not_allowed.is_some() {
        not_allowed = None;
    }

    // Durations.
    match duration {
        Some(d) if d < 0 => rules.insert(Rule::EndBeforeStart),
        Some(d) if d > DAY && !tilbageholdelse => rules.insert(Rule::DurationOver24h),
        Some(_) | None => {}
    }
    let known = duration.filter(|d| *d >= 0);
    if isolation {
        if let Some(r) = isolation_length(kind, duration) {
            rules.insert(r);
        }
        if !f.decided_by.is_some_and(is_leader) {
            rules.insert(Rule::IsolationDecider);
        }
    }
    let section_12 = tilbageholdelse && provision.section == 12;
    if tilbageholdelse {
        let days = if section_12 {
            TILBAGEHOLDELSE_12_DAYS
        } else {
            TILBAGEHOLDELSE_11_DAYS
        };
        match known {
            Some(d) if d > days * DAY => rules.insert(Rule::TilbageholdelseOverLimit),
            Some(_) => {}
            None if duration.is_none() => rules.insert(Rule::TilbageholdelseEndUnknown),
            None => {}
        }
        if section_12 && !f.decided_by.is_some_and(is_leader) {
            rules.insert(Rule::TilbageholdelseDecider);
        }
    }

    // Registration, the municipality and the parents (pkt. 209, 213).
    let registration_delay = f.registered.map(|r| real_seconds(f.start, r));
    rules.extend(registration(registration_delay));
    // Within 24 hours of the registration; with no registration time, of
    // the latest lawful registration (24 hours after the start).
    let deadline = f.sent_municipality.map(|_| {
        let (from, hours) = match f.registered {
            Some(r) => (r, 24),
            None => (f.start, 48),
        };
        local_date_after(from, hours)
    });
    match (f.sent_municipality, deadline) {
        (Some(d), Some(last)) if d <= last => {}
        _ => rules.insert(Rule::MunicipalityLate),
    }
    let mut parents_delay = None;
    match parents(f.age, f.parents_told) {
        Parents::Rule(r) => rules.insert(r),
        Parents::ToldAt(t) => {
            if let Some(r) = f.registered {
                let d = real_seconds(r, t);
                parents_delay = Some(d);
                if d > DAY {
                    rules.insert(Rule::ParentsToldLate);
                }
            }
        }
        Parents::Fine => {}
    }
    rules.extend(child_statement(f.child_statement));

    // Undersøgelse (pkt. 176, 178).
    if f.kind == InterventionType::Undersoegelse {
        if f.staff == 1 || f.witnesses.is_some_and(|w| w > 0) {
            rules.insert(Rule::SearchConduct);
        }
        if f.staff == 0 || f.witnesses.is_none() {
            rules.insert(Rule::SearchConductUnknown);
        }
    }

    // Age (pkt. 130, 141).
    let adult_scope =
        f.kind == InterventionType::Tilbagefoerelse || (tilbageholdelse && provision.section == 11);
    if kind == InstitutionKind::SaerligtSikret || adult_scope {
        match f.age {
            None => rules.insert(Rule::AgeUnknown),
            Some(a) if kind == InstitutionKind::SaerligtSikret && a < 12 => {
                rules.insert(Rule::AgeScope)
            }
            Some(a) if adult_scope && a >= 18 => rules.insert(Rule::AgeScope),
            Some(_) => {}
        }
    }

    Evaluation {
        rules,
        duration,
        registration_delay,
        parents_delay,
        provision,
        not_allowed,
        municipality_deadline: deadline,
    }
}

/// The days of § 12 tilbageholdelse each child had in a calendar year at
/// one institution (pkt. 120: at most 30 days a year; a decision is per
/// started døgn, so each episode counts its started days, at least one).
/// Fed the episodes of a file in file order, it reports the episode that
/// takes a child's year past 30 days, once per child and year.
#[derive(Debug, Default)]
pub struct YearlyDays {
    days: std::collections::HashMap<(String, String, i32), (i64, bool)>,
}

/// Days of § 12 tilbageholdelse a child may have in a year.
const TILBAGEHOLDELSE_12_YEAR_DAYS: i64 = 30;

impl YearlyDays {
    /// Adds one episode of the file `place`; a finding when it takes the
    /// child's year past 30 days.
    pub fn add(&mut self, place: &str, e: &Episode, kind: InstitutionKind) -> Option<Finding> {
        if e.kind != InterventionType::Tilbageholdelse {
            return None;
        }
        let f = Facts::of(e);
        let ev = evaluate(&f, kind);
        let d = ev.duration.filter(|d| *d >= 0)?;
        if ev.provision.section != 12 {
            return None;
        }
        let started = ((d + DAY - 1) / DAY).max(1);
        let key = (
            place.to_string(),
            e.child.to_string(),
            chrono::Datelike::year(&e.start),
        );
        let entry = self.days.entry(key).or_default();
        entry.0 += started;
        if entry.0 > TILBAGEHOLDELSE_12_YEAR_DAYS && !entry.1 {
            entry.1 = true;
            return Some(finding(Rule::Tilbageholdelse30Days, &f, kind, &ev));
        }
        None
    }
}

// ------------------------------------------------ the rules the magtprofil counts

/// The rules the magtprofil counts per institution (`magtprofil`'s
/// isolation over the limit, late and missing registration, no statement
/// from the child, parents not told).
pub const COUNTED: [Rule; 5] = [
    Rule::IsolationOverLimit,
    Rule::LateRegistration,
    Rule::RegistrationMissing,
    Rule::ChildStatement,
    Rule::ParentsNotTold,
];

/// The fields of one episode the counted rules read: a part of [`Facts`].
#[derive(Debug, Clone, Copy)]
pub struct CountedFacts {
    pub age: Option<u8>,
    pub start: NaiveDateTime,
    pub kind: InterventionType,
    pub registered: Option<NaiveDateTime>,
    pub parents_told: Option<ParentsTold>,
    pub child_statement: Option<ChildStatement>,
}

/// The counted facts of anything with the episode's fields (an `Episode`,
/// an `EpisodeRef`, `Facts`): one field list for the three.
macro_rules! counted_facts {
    ($e:expr) => {
        CountedFacts {
            age: $e.age,
            start: $e.start,
            kind: $e.kind,
            registered: $e.registered,
            parents_told: $e.parents_told,
            child_statement: $e.child_statement,
        }
    };
}

impl CountedFacts {
    pub fn of(e: &Episode) -> CountedFacts {
        counted_facts!(e)
    }

    pub fn of_ref(e: &EpisodeRef<'_>) -> CountedFacts {
        counted_facts!(e)
    }
}

impl Facts<'_> {
    pub fn counted(&self) -> CountedFacts {
        counted_facts!(self)
    }
}

/// Which of [`COUNTED`] the episode breaks: `evaluate(..).rules` restricted
/// to them, from the same code (`isolation_length`, `registration`,
/// `parents`, `child_statement`). The legal basis, the deadlines and the
/// other rules `evaluate` also works out are left alone: on a national
/// export they were a quarter of the magtprofil's time, for counts it does
/// not keep. `duration` is the real seconds from start to end, which the
/// caller has measured already.
pub fn counted_rules(f: &CountedFacts, kind: InstitutionKind, duration: Option<i64>) -> RuleSet {
    let mut rules = RuleSet::default();
    if f.kind == InterventionType::Isolation
        && let Some(r) = isolation_length(kind, duration)
    {
        rules.insert(r);
    }
    rules.extend(registration(f.registered.map(|r| real_seconds(f.start, r))));
    if let Parents::Rule(r) = parents(f.age, f.parents_told) {
        rules.insert(r);
    }
    rules.extend(child_statement(f.child_statement));
    RuleSet(COUNTED.iter().fold(0, |m, r| m | r.bit()) & rules.0)
}

/// Isolation's length at an institution of `kind`: not allowed there at
/// all (pkt. 8, 162), over its limit or with no known end (pkt. 26, 163).
fn isolation_length(kind: InstitutionKind, duration: Option<i64>) -> Option<Rule> {
    if !kind.may_isolate() {
        return Some(Rule::IsolationNotAllowed);
    }
    let limit = isolation_limit(kind)?;
    match duration {
        Some(d) if d > limit => Some(Rule::IsolationOverLimit),
        Some(_) => None,
        None => Some(Rule::IsolationEndUnknown),
    }
}

/// The registration (pkt. 209): missing, or more than 24 hours after the
/// start; `delay` is in real seconds.
fn registration(delay: Option<i64>) -> Option<Rule> {
    match delay {
        None => Some(Rule::RegistrationMissing),
        Some(d) if d > DAY => Some(Rule::LateRegistration),
        Some(_) => None,
    }
}

/// The child's own statement (pkt. 210).
fn child_statement(s: Option<ChildStatement>) -> Option<Rule> {
    match s {
        Some(ChildStatement::No) => Some(Rule::ChildStatement),
        None => Some(Rule::ChildStatementUnknown),
        Some(ChildStatement::Yes | ChildStatement::Later) => None,
    }
}

/// What [`parents`] found.
enum Parents {
    Rule(Rule),
    /// Told at this time: late or not depends on the registration.
    ToldAt(NaiveDateTime),
    Fine,
}

/// Telling the parents of a child under 18 (pkt. 213).
fn parents(age: Option<u8>, told: Option<ParentsTold>) -> Parents {
    if age.is_some_and(|a| a >= 18) {
        return Parents::Fine;
    }
    match told {
        None => Parents::Rule(Rule::ParentsToldUnknown),
        Some(ParentsTold::No) => Parents::Rule(Rule::ParentsNotTold),
        Some(ParentsTold::Yes) => Parents::Fine,
        Some(ParentsTold::At(t)) => Parents::ToldAt(t),
    }
}

/// The local date `hours` real hours after a local time.
fn local_date_after(t: NaiveDateTime, hours: i64) -> NaiveDate {
    let naive = t + Duration::hours(hours);
    // Only a day that can hold a summer-time switch needs the time zone.
    if real_seconds(t, naive) == hours * 3600 {
        return naive.date();
    }
    (to_utc(t) + Duration::hours(hours))
        .with_timezone(&Copenhagen)
        .date_naive()
}

/// The rules the episode breaks (what the app filters by and the magtprofil counts).
pub fn episode_rules(e: &Episode, kind: InstitutionKind) -> RuleSet {
    evaluate(&Facts::of(e), kind).rules
}

/// Every rule the episode breaks, in `Rule` order, each with its Danish
/// sentence and paragraph. Never echoes a free-text value from the file.
pub fn episode_findings(episode: &Episode, kind: InstitutionKind) -> Vec<Finding> {
    findings(&Facts::of(episode), kind)
}

/// `episode_findings` for any `Facts`.
pub fn findings(f: &Facts<'_>, kind: InstitutionKind) -> Vec<Finding> {
    let ev = evaluate(f, kind);
    ev.rules.iter().map(|r| finding(r, f, kind, &ev)).collect()
}

fn finding(rule: Rule, f: &Facts<'_>, kind: InstitutionKind, ev: &Evaluation) -> Finding {
    let dur = ev.duration.unwrap_or(0);
    let section_12 = ev.provision.section == 12;
    let (paragraph, text): (Option<&'static str>, String) = match rule {
        Rule::EndBeforeStart => (
            None,
            format!(
                "slutter {} før den begynder; ret 'start' eller 'end'",
                format_seconds(-dur)
            ),
        ),
        Rule::DurationOver24h => (
            Some("95, 97"),
            format!(
                "{} varer {}; fastholdelse, føren og de andre indgreb er kortvarige, så over 24 timer er næppe rigtigt – tjek 'start' og 'end'",
                f.kind.label_da(),
                format_seconds(dur)
            ),
        ),
        Rule::TilbageholdelseOverLimit => {
            if section_12 {
                (
                    Some("120"),
                    format!(
                        "tilbageholdelse efter § 12 i {}; højst 5 sammenhængende dage",
                        format_seconds(dur)
                    ),
                )
            } else {
                (
                    Some("107, 110"),
                    format!(
                        "tilbageholdelse efter § 11 i {}; højst 14 dage",
                        format_seconds(dur)
                    ),
                )
            }
        }
        Rule::TilbageholdelseEndUnknown => (
            Some(if section_12 { "120" } else { "107, 110" }),
            format!(
                "tilbageholdelsen har intet sluttidspunkt, så det kan ikke ses, om den holdt sig inden for {}; udfyld 'end'",
                if section_12 { "5 dage" } else { "14 dage" }
            ),
        ),
        Rule::RegistrationMissing => (
            Some("209"),
            "der står ikke, hvornår episoden blev registreret; den skal registreres inden for 24 timer – udfyld 'registered'".into(),
        ),
        Rule::LateRegistration => (
            Some("209"),
            format!(
                "registreret {} efter start; skal registreres inden for 24 timer",
                format_seconds(ev.registration_delay.unwrap_or(0))
            ),
        ),
        Rule::MunicipalityLate => (
            Some("209"),
            match (f.sent_municipality, f.registered) {
                (None, _) => "det står ikke, at indberetningen er sendt til den anbringende kommune; den skal sendes inden for 24 timer efter registreringen – udfyld 'sent_municipality'".into(),
                (Some(d), Some(_)) => format!(
                    "sendt til den anbringende kommune {d}, mere end 24 timer efter registreringen; skal sendes samme dag, senest 24 timer efter"
                ),
                (Some(d), None) => format!(
                    "sendt til den anbringende kommune {d}, mere end 24 timer efter den seneste lovlige registrering"
                ),
            },
        ),
        Rule::IsolationNotAllowed => (
            Some("8, 162"),
            format!(
                "isolation på {}; isolation må kun bruges på en sikret døgninstitution eller en særligt sikret afdeling",
                kind_da(kind)
            ),
        ),
        Rule::IsolationOverLimit => {
            let limit = isolation_limit(kind).unwrap_or(0);
            (
                Some(if kind == InstitutionKind::SaerligtSikret {
                    "26, 163"
                } else {
                    "163"
                }),
                format!(
                    "isolation i {}; højst {} på {}",
                    format_seconds(dur),
                    format_seconds(limit),
                    kind_da(kind)
                ),
            )
        }
        Rule::IsolationEndUnknown => (
            Some(if kind == InstitutionKind::SaerligtSikret {
                "26, 163"
            } else {
                "163"
            }),
            format!(
                "isolationen har intet sluttidspunkt, så det kan ikke ses, om den holdt sig inden for {}; udfyld 'end'",
                format_seconds(isolation_limit(kind).unwrap_or(0))
            ),
        ),
        Rule::IsolationDecider => (
            Some("163"),
            decider_message("isolationen", "isolation", f.decided_by),
        ),
        Rule::TilbageholdelseDecider => (
            Some("120"),
            decider_message("tilbageholdelsen", "tilbageholdelse efter § 12", f.decided_by),
        ),
        Rule::TypeNotAllowed => {
            let (p, par) = ev.not_allowed.unwrap_or((ev.provision, "8"));
            (
                Some(par),
                format!(
                    "{} ({}) må ikke bruges på {}; tjek 'type', 'legal_basis' eller institutionens 'kind'",
                    f.kind.label_da(),
                    p.label(),
                    kind_da(kind)
                ),
            )
        }
        Rule::LegalBasisUnreadable => (
            None,
            "'legal_basis' kan ikke læses; skriv bestemmelsen som fx '§ 9, stk. 3', '§§ 11-12' eller 'straffelovens § 13'".into(),
        ),
        Rule::LegalBasisMismatch => (
            Some("8"),
            format!(
                "'legal_basis' passer ikke til typen {}, der indberettes efter {}; tjek 'type' og 'legal_basis'",
                f.kind.label_da(),
                f.kind.legal_basis()
            ),
        ),
        Rule::ChildStatement => (
            Some("210"),
            "barnets egen udtalelse er ikke tilbudt eller afslået; barnet skal have lejlighed til at udtale sig, og udtalelsen kan eftersendes ('later')".into(),
        ),
        Rule::ChildStatementUnknown => (
            Some("210"),
            "det står ikke, om barnet har fået lejlighed til at udtale sig; skriv yes, no eller later i 'child_statement'".into(),
        ),
        Rule::ParentsNotTold => (
            Some("213"),
            "forældremyndighedens indehaver er ikke orienteret; skal orienteres umiddelbart efter registreringen".into(),
        ),
        Rule::ParentsToldLate => (
            Some("213"),
            format!(
                "forældremyndighedens indehaver er orienteret {} efter registreringen; skal orienteres umiddelbart efter",
                format_seconds(ev.parents_delay.unwrap_or(0))
            ),
        ),
        Rule::ParentsToldUnknown => (
            Some("213"),
            "det står ikke, om forældremyndighedens indehaver er orienteret; skriv yes, no eller tidspunktet i 'parents_told'".into(),
        ),
        Rule::SearchConduct => {
            let one = f.staff == 1;
            let others = f.witnesses.is_some_and(|w| w > 0);
            let what = match (one, others) {
                (true, true) => "foretaget af én ansat og med andre børn til stede",
                (true, false) => "foretaget af én ansat",
                _ => "foretaget med andre børn til stede",
            };
            (
                Some("176, 178"),
                format!(
                    "undersøgelsen er {what}; der skal deltage mindst to ansatte (medmindre særlige omstændigheder gør det umuligt), og ingen andre børn må være til stede"
                ),
            )
        }
        Rule::SearchConductUnknown => (
            Some("176, 178"),
            "det står ikke, hvor mange ansatte der deltog i undersøgelsen, eller om andre børn var til stede; udfyld 'staff' og 'witnesses'".into(),
        ),
        Rule::AgeScope => {
            if kind == InstitutionKind::SaerligtSikret && f.age.is_some_and(|a| a < 12) {
                (
                    Some("141"),
                    "barnet er under 12 år på en særligt sikret afdeling; kun børn fyldt 12 kan anbringes der – tjek 'age'".into(),
                )
            } else {
                (
                    Some("130"),
                    format!(
                        "{} over for en ung på 18 år eller mere; {} gælder ikke for unge over 18 – tjek 'age' og 'legal_basis'",
                        f.kind.label_da(),
                        if f.kind == InterventionType::Tilbagefoerelse {
                            "§ 10"
                        } else {
                            "§ 11"
                        }
                    ),
                )
            }
        }
        Rule::Tilbageholdelse30Days => (
            Some("120"),
            "barnet har med denne episode været tilbageholdt efter § 12 i mere end 30 dage i alt i kalenderåret (hvert påbegyndt døgn tæller); højst 30 dage om året".into(),
        ),
        Rule::AgeUnknown => (
            Some(if kind == InstitutionKind::SaerligtSikret {
                "141"
            } else {
                "130"
            }),
            "barnets alder står ikke, og reglerne for denne episode afhænger af den; udfyld 'age'".into(),
        ),
    };
    let message = match paragraph {
        Some(p) => format!(
            "{text} (jf. vejledningens pkt. {})",
            p.replace(", ", " og ")
        ),
        None => text,
    };
    Finding {
        rule,
        paragraph,
        message,
    }
}

fn decider_message(the: &str, what: &str, decided_by: Option<&str>) -> String {
    match decided_by.map(str::trim).filter(|d| !d.is_empty()) {
        Some(_) => format!(
            "{the} er besluttet af en anden end lederen eller stedfortræderen; kun de må beslutte {what} – skriv 'leder' eller 'stedfortraeder' i 'decided_by'"
        ),
        None => format!(
            "det står ikke, hvem der besluttede {the}; kun lederen eller stedfortræderen må – udfyld 'decided_by' med 'leder' eller 'stedfortraeder'"
        ),
    }
}

/// Whether `decided_by` names the leader or a deputy: `leder`,
/// `stedfortraeder` or `stedfortræder`, in any case.
fn is_leader(decided_by: &str) -> bool {
    let d = decided_by.trim();
    d.eq_ignore_ascii_case("leder")
        || d.eq_ignore_ascii_case("stedfortraeder")
        || d.to_lowercase() == "stedfortræder"
}

/// The institution kind with its article, for sentences ("på en sikret døgninstitution").
pub fn kind_da(kind: InstitutionKind) -> &'static str {
    match kind {
        InstitutionKind::Sikret => "en sikret døgninstitution",
        InstitutionKind::SaerligtSikret => "en særligt sikret afdeling",
        InstitutionKind::DelvisLukket => "en delvis lukket afdeling",
        InstitutionKind::Aaben => "en åben døgninstitution eller et opholdssted",
    }
}

/// Minutes as Danish words: "45 min", "2 timer", "1 time og 5 min", "31 timer og 20 min".
pub fn format_minutes(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = if h == 1 {
        "1 time".to_string()
    } else {
        format!("{h} timer")
    };
    match (h, m) {
        (0, m) => format!("{m} min"),
        (_, 0) => hours,
        _ => format!("{hours} og {m} min"),
    }
}

/// Seconds as Danish words: days when over 48 hours ("5 døgn og 1 min"),
/// seconds only when there are any ("2 timer og 30 sek").
pub fn format_seconds(seconds: i64) -> String {
    let s = seconds.max(0);
    let (days, rest) = if s > 2 * DAY {
        (s / DAY, s % DAY)
    } else {
        (0, s)
    };
    let (h, m, sec) = (rest / 3600, rest % 3600 / 60, rest % 60);
    let mut parts: Vec<String> = Vec::new();
    if days > 0 {
        parts.push(format!("{days} døgn"));
    }
    if h > 0 {
        parts.push(if h == 1 {
            "1 time".into()
        } else {
            format!("{h} timer")
        });
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if sec > 0 {
        parts.push(format!("{sec} sek"));
    }
    match parts.len() {
        0 => "0 min".into(),
        1 => parts.remove(0),
        n => {
            let last = parts.remove(n - 1);
            format!("{} og {last}", parts.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diag::Pos;
    use crate::domain::time::parse_local;
    use InstitutionKind::*;

    fn t(s: &str) -> NaiveDateTime {
        parse_local(s).unwrap()
    }

    /// A clean episode: fastholdelse of 5 minutes, registered 3 hours later.
    fn ep() -> Episode {
        Episode {
            id: "E1".into(),
            institution: "a".into(),
            child: "B1".into(),
            age: Some(15),
            start: t("2017-03-04T18:20"),
            end: Some(t("2017-03-04T18:25")),
            kind: InterventionType::Fastholdelse,
            legal_basis: Some("§ 9".into()),
            registered: Some(t("2017-03-04T21:20")),
            sent_municipality: Some(NaiveDate::from_ymd_opt(2017, 3, 5).unwrap()),
            parents_told: Some(ParentsTold::Yes),
            child_statement: Some(ChildStatement::Yes),
            witnesses: Some(0),
            staff: ["P1".into(), "P2".into()].into(),
            injury: None,
            decided_by: None,
            description: Default::default(),
            pos: Pos::new(2, 1),
        }
    }

    fn ids(e: &Episode, kind: InstitutionKind) -> Vec<&'static str> {
        episode_findings(e, kind)
            .iter()
            .map(|f| f.rule.id())
            .collect()
    }

    fn p(section: u16, letter: Option<char>, stk: Option<u8>) -> Provision {
        Provision {
            law: Law::Voksenansvar,
            section,
            letter,
            stk,
        }
    }

    fn parsed(s: &str) -> Option<Vec<Provision>> {
        parse_legal_basis(s, Law::Voksenansvar).map(|p| p.as_slice().to_vec())
    }

    #[test]
    fn a_clean_episode_has_no_findings_at_any_kind() {
        for k in [Sikret, SaerligtSikret, DelvisLukket, Aaben] {
            assert!(ids(&ep(), k).is_empty(), "{k:?}: {:?}", ids(&ep(), k));
        }
    }

    #[test]
    fn legal_basis_is_read_forgivingly() {
        let nine3 = Some(vec![p(9, None, Some(3))]);
        for s in [
            "§ 9, stk. 3",
            "§9 stk 3",
            "§ 9 stk. 3",
            " § 9,stk.3 ",
            "voksenansvarslovens § 9, stk. 3",
        ] {
            assert_eq!(parsed(s), nine3, "{s}");
        }
        assert_eq!(
            parsed("§§ 11-12"),
            Some(vec![p(11, None, None), p(12, None, None)])
        );
        assert_eq!(parsed("§§ 11"), Some(vec![p(11, None, None)]));
        assert_eq!(parsed("§ 16 a"), Some(vec![p(16, Some('a'), None)]));
        assert_eq!(
            parsed("§ 16, stk. 2-3"),
            Some(vec![p(16, None, Some(2)), p(16, None, Some(3))])
        );
        assert_eq!(
            parsed("§ 9 og § 10"),
            Some(vec![p(9, None, None), p(10, None, None)])
        );
        let strfl = Provision {
            law: Law::Straffe,
            ..p(13, None, None)
        };
        assert_eq!(parsed("strfl. § 13"), Some(vec![strfl]));
        assert_eq!(parsed("straffelovens § 13"), Some(vec![strfl]));
        assert_eq!(parsed("§ 13 i straffeloven"), Some(vec![strfl]));
        assert_eq!(
            parsed("Servicelovens § 52").map(|v| v[0].law),
            Some(Law::Other)
        );
        for bad in [
            "",
            "ni",
            "§",
            "§ 9, stk.",
            "§§ 12-11",
            "§ 9 x 3",
            "paragraf 9",
            "§ 1-99",
        ] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
    }

    #[test]
    fn provisions_by_kind_follow_pkt_8() {
        let all = [Sikret, SaerligtSikret, DelvisLukket, Aaben];
        let allowed_at = |pr: Provision| -> Vec<InstitutionKind> {
            all.into_iter()
                .filter(|k| provision_allowed(*k, pr).is_ok())
                .collect()
        };
        for s in [8, 10, 11] {
            assert_eq!(allowed_at(p(s, None, None)), all);
        }
        assert_eq!(allowed_at(p(9, None, Some(2))), all);
        assert_eq!(
            allowed_at(p(9, None, Some(3))),
            [Sikret, SaerligtSikret, DelvisLukket]
        );
        assert_eq!(allowed_at(p(12, None, None)), [DelvisLukket]);
        assert_eq!(allowed_at(p(13, None, None)), [DelvisLukket]);
        assert_eq!(allowed_at(p(14, None, None)), [Sikret, SaerligtSikret]);
        assert_eq!(allowed_at(p(16, None, Some(1))), all);
        assert_eq!(allowed_at(p(16, None, Some(2))), [Sikret, SaerligtSikret]);
        assert_eq!(provision_allowed(Aaben, p(9, None, Some(3))), Err("99"));
        assert_eq!(provision_allowed(Sikret, p(13, None, None)), Err("121"));
        assert_eq!(
            provision_allowed(DelvisLukket, p(16, None, Some(2))),
            Err("180")
        );
    }

    #[test]
    fn tilbageholdelse_is_allowed_at_an_open_institution() {
        let mut e = ep();
        e.kind = InterventionType::Tilbageholdelse;
        e.legal_basis = Some("§ 11".into());
        e.end = Some(t("2017-03-10T18:20"));
        assert!(ids(&e, Aaben).is_empty(), "{:?}", ids(&e, Aaben));
        e.legal_basis = Some("§§ 11-12".into());
        for k in [Aaben, DelvisLukket, Sikret] {
            assert!(ids(&e, k).iter().all(|r| *r != "type-not-allowed"), "{k:?}");
        }
        e.legal_basis = Some("§ 12".into());
        e.end = Some(t("2017-03-05T18:20"));
        e.decided_by = Some("leder".into());
        assert_eq!(ids(&e, Aaben), ["type-not-allowed"]);
    }

    #[test]
    fn several_findings_come_in_rule_order_with_paragraphs() {
        let mut e = ep();
        e.kind = InterventionType::Isolation;
        e.legal_basis = Some("§ 14".into());
        e.end = Some(e.start + Duration::minutes(300));
        e.registered = None;
        e.child_statement = Some(ChildStatement::No);
        e.parents_told = Some(ParentsTold::No);
        let f = episode_findings(&e, Sikret);
        let got: Vec<(&str, Option<&str>)> = f.iter().map(|f| (f.rule.id(), f.paragraph)).collect();
        assert_eq!(
            got,
            [
                ("registration-missing", Some("209")),
                ("isolation-over-limit", Some("163")),
                ("isolation-decider", Some("163")),
                ("child-statement", Some("210")),
                ("parents-not-told", Some("213")),
            ]
        );
        assert_eq!(
            f[1].message,
            "isolation i 5 timer; højst 2 timer på en sikret døgninstitution (jf. vejledningens pkt. 163)"
        );
    }

    #[test]
    fn a_young_person_of_18_has_no_parents_to_tell() {
        let mut e = ep();
        e.parents_told = Some(ParentsTold::No);
        assert_eq!(ids(&e, Sikret), ["parents-not-told"]);
        e.age = Some(18);
        assert!(ids(&e, Sikret).is_empty());
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(format_minutes(65), "1 time og 5 min");
        assert_eq!(format_seconds(7230), "2 timer og 30 sek");
        assert_eq!(format_seconds(7260), "2 timer og 1 min");
        assert_eq!(format_seconds(5 * DAY + 60), "5 døgn og 1 min");
        assert_eq!(format_seconds(25 * 3600), "25 timer");
        assert_eq!(format_seconds(0), "0 min");
    }

    mod counted {
        use super::*;
        use proptest::prelude::*;

        /// A local time within a few days of 2017-03-24 or 2017-10-27, so
        /// that durations and delays cross the summer-time switches and
        /// the 24-hour and isolation limits.
        fn time() -> impl Strategy<Value = NaiveDateTime> {
            (prop::bool::ANY, 0i64..6 * 24 * 60).prop_map(|(autumn, minutes)| {
                let base = if autumn {
                    t("2017-10-26T00:00")
                } else {
                    t("2017-03-24T00:00")
                };
                base + Duration::minutes(minutes)
            })
        }

        fn facts() -> impl Strategy<Value = (Facts<'static>, Option<i64>)> {
            let legal = prop::sample::select(vec![
                None,
                Some("§ 9"),
                Some("§ 14"),
                Some("§§ 11-12"),
                Some("strfl. § 13"),
                Some("noget andet"),
            ]);
            let decided = prop::sample::select(vec![None, Some("leder"), Some("pædagog")]);
            let parents = prop::option::of(prop_oneof![
                Just(ParentsTold::Yes),
                Just(ParentsTold::No),
                time().prop_map(ParentsTold::At),
            ]);
            let statement = prop::sample::select(vec![
                None,
                Some(ChildStatement::Yes),
                Some(ChildStatement::No),
                Some(ChildStatement::Later),
            ]);
            (
                (
                    prop::option::of(10u8..20),
                    time(),
                    prop::option::of(0i64..3 * 24 * 60),
                    prop::sample::select(InterventionType::ALL.to_vec()),
                    legal,
                    prop::option::of(0i64..3 * 24 * 60),
                ),
                (
                    prop::option::of(0i64..4),
                    parents,
                    statement,
                    prop::option::of(0u16..3),
                    0usize..3,
                    decided,
                ),
            )
                .prop_map(
                    |(
                        (age, start, end, kind, legal_basis, registered),
                        (sent, parents_told, child_statement, witnesses, staff, decided_by),
                    )| {
                        // Ends and registrations mostly after the start,
                        // some before it (a typing error).
                        let end = end.map(|m| start + Duration::minutes(m - 60));
                        let facts = Facts {
                            age,
                            start,
                            end,
                            kind,
                            legal_basis,
                            registered: registered.map(|m| start + Duration::minutes(m - 30)),
                            sent_municipality: sent.map(|d| start.date() + Duration::days(d)),
                            parents_told,
                            child_statement,
                            witnesses,
                            staff,
                            decided_by,
                        };
                        (facts, end.map(|e| real_seconds(start, e)))
                    },
                )
        }

        proptest! {
            /// The magtprofil's counts are the checker's findings.
            #[test]
            fn counted_rules_are_evaluates_own((f, duration) in facts()) {
                for kind in [Sikret, SaerligtSikret, DelvisLukket, Aaben] {
                    let all = evaluate(&f, kind).rules;
                    let counted = counted_rules(&f.counted(), kind, duration);
                    for r in Rule::ALL {
                        prop_assert_eq!(
                            counted.contains(r),
                            COUNTED.contains(&r) && all.contains(r),
                            "{:?} at {:?}: {:?}", r, kind, f
                        );
                    }
                }
            }
        }
    }
}
