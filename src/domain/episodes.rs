//! Reading episodes (magtanvendelsesindberetninger) from the fixed CSV format
//! that institutions' systems export, or from YAML with the same fields.
//!
//! CSV is read as a stream (`read_csv`), so a national export of a million
//! rows never has to be held as text; `load_csv` collects it.

use std::io::Read;
use std::str::FromStr;

use chrono::Datelike;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::csv_records::RecordReader;
use super::diag::{Diagnostics, Pos};
use super::model::{ChildStatement, Episode, InterventionType, ParentsTold};
use super::sym::SymTable;
use super::time::{parse_date, parse_date_near, parse_local, parse_local_near};
use super::yaml;
use chrono::{NaiveDate, NaiveDateTime};
use compact_str::CompactString;

/// Years an episode's times can fall in; anything else is a typo.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The CSV header, exactly. Others produce this format, so it never changes.
pub const CSV_HEADER: [&str; 17] = [
    "id",
    "institution",
    "child",
    "age",
    "start",
    "end",
    "type",
    "legal_basis",
    "registered",
    "sent_municipality",
    "parents_told",
    "child_statement",
    "witnesses",
    "staff",
    "injury",
    "decided_by",
    "description",
];

/// Reads an episodes CSV, calling `each` for every valid episode in file
/// order. Problems go to `diags` with the record's line and the field's
/// column; a bad record is skipped, never the rest of the file. When
/// `institution` is given, a row naming another institution is an error.
pub fn read_csv<R: Read>(
    reader: R,
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
    mut each: impl FnMut(Episode),
) {
    let mut table = SymTable::default();
    read_csv_ref(reader, path, institution, diags, |e| {
        each(e.to_owned_in(&mut table))
    });
}

/// The same as `read_csv`, with the same checks and diagnostics, but each
/// valid episode is lent as an `EpisodeRef` borrowing the record's text:
/// no allocation per row, for national exports of a million rows.
pub fn read_csv_ref<R: Read>(
    reader: R,
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
    each: impl FnMut(&EpisodeRef<'_>),
) {
    read_csv_part(reader, path, institution, diags, true, &[], each);
}

/// How a part of a CSV read by [`read_csv_part`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartEnd {
    /// At the end of the file.
    Eof,
    /// Reading stopped for the whole file (a wrong header, invalid UTF-8, an
    /// unreadable file): what follows is not read, as in one pass.
    Stopped,
    /// At `stops[index]`, where a record starts; `line` is that record's
    /// line counted from the part's own first line (1).
    Boundary { index: usize, line: u64 },
}

/// `read_csv_ref` for a part of a file (`split`): the reader starts at a
/// record boundary, the header only when `header` is set, and stops before
/// the first record that starts exactly at one of `stops` (byte offsets
/// from the reader's start, ascending). Lines in `diags` and the episodes'
/// `pos` are counted from the reader's start.
pub fn read_csv_part<R: Read>(
    reader: R,
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
    header: bool,
    stops: &[u64],
    mut each: impl FnMut(&EpisodeRef<'_>),
) -> PartEnd {
    // Records end at '\n' only (with "\r\n" as the ending, a Windows file's
    // line numbers came out one too small): the '\r' ends the last field
    // and is dropped there.
    let mut rdr = RecordReader::new(reader);
    let mut first = header;
    let mut next_stop = 0;
    // A file that could not be read is not also reported as empty.
    let mut unreadable = false;
    let not_utf8 = "filen er ikke gyldig UTF-8; gem den som UTF-8 og prøv igen";
    loop {
        let record = match rdr.next_record() {
            Ok(None) => break,
            Ok(Some(r)) => r,
            Err(e) => {
                let at = Pos::new(line_u32(rdr.line()), 1);
                diags.error(path, at, super::load::unreadable(&e));
                unreadable = true;
                break;
            }
        };
        let line = line_u32(record.pos.line);
        if !stops.is_empty() {
            let p = record.pos.byte;
            while stops.get(next_stop).is_some_and(|&s| s < p) {
                next_stop += 1;
            }
            if stops.get(next_stop) == Some(&p) {
                return PartEnd::Boundary {
                    index: next_stop,
                    line: record.pos.line,
                };
            }
        }
        // The fields are ranges of the record's text, validated as UTF-8
        // once (the commas between them are ASCII); a field that does not
        // start and end on a character boundary is not UTF-8 either.
        let Ok(text) = simdutf8::basic::from_utf8(record.bytes) else {
            diags.error(path, Pos::new(line, 1), not_utf8);
            unreadable = true;
            break;
        };
        let mut fields = [""; 17];
        let mut utf8 = true;
        for (slot, r) in fields.iter_mut().zip(record.fields) {
            match text.get(r.clone()) {
                Some(f) => *slot = f,
                None => utf8 = false,
            }
        }
        // Fields past the format's (the row is reported for its count).
        for r in record.fields.iter().skip(fields.len()) {
            utf8 &= text.get(r.clone()).is_some();
        }
        if let Some(f) = fields.get_mut(record.len().saturating_sub(1)) {
            *f = f.strip_suffix('\r').unwrap_or(f);
        }
        // A blank line (only "\r" left of a Windows line ending) is skipped,
        // as a blank Unix line is.
        if record.len() == 1 && utf8 && fields[0].is_empty() {
            continue;
        }
        if !utf8 {
            diags.error(path, Pos::new(line, 1), not_utf8);
            unreadable = true;
            break;
        }
        if first {
            first = false;
            // Every field is in `fields` when the count is right (and a
            // wrong count is a wrong header).
            let header = record.len() == CSV_HEADER.len()
                && fields
                    .iter()
                    .zip(CSV_HEADER)
                    .all(|(f, h)| f.trim_start_matches('\u{feff}') == h);
            if !header {
                diags.error(
                    path,
                    Pos::new(line, 1),
                    format!(
                        "forkert overskriftslinje; den skal være præcis: {}",
                        CSV_HEADER.join(",")
                    ),
                );
                return PartEnd::Stopped;
            }
            continue;
        }
        if record.len() != CSV_HEADER.len() {
            diags.error(
                path,
                Pos::new(line, 1),
                format!(
                    "linjen har {} felter, men skal have {}; tjek kommaer og citationstegn",
                    record.len(),
                    CSV_HEADER.len()
                ),
            );
            continue;
        }
        let column = |i: usize| -> u32 {
            let before: usize = fields[..i].iter().map(|f| f.chars().count() + 1).sum();
            u32::try_from(before + 1).unwrap_or(u32::MAX)
        };
        // A quote that is never closed swallows the following rows into one
        // field (the csv reader accepts that at the end of the file): a field
        // with a line break followed by what looks like more rows.
        if record.multiline
            && let Some(i) = fields.iter().position(|f| swallowed_rows(f))
        {
            diags.error(
                path,
                Pos::new(line, column(i)),
                format!(
                    "citationstegnet i feltet '{}' lukkes ikke, så de næste linjer er læst som en del af feltet; luk citationstegnet",
                    CSV_HEADER[i]
                ),
            );
            continue;
        }
        let mut errors: Vec<(usize, String)> = Vec::new();
        let raw = RawEpisode::from_fields(&fields);
        if let Some(inst) = institution
            && !raw.institution.is_empty()
            && raw.institution != inst
        {
            errors.push((
                1,
                format!(
                    "episoden hører til institutionen '{}', men filen ligger under '{}'; flyt den eller ret feltet",
                    raw.institution, inst
                ),
            ));
        }
        let episode = raw.parse_ref(institution, Pos::new(line, 1), &mut |field, msg| {
            errors.push((field, msg))
        });
        for (field, msg) in errors.iter() {
            diags.error(path, Pos::new(line, column(*field)), msg.clone());
        }
        if errors.is_empty()
            && let Some(ep) = episode
        {
            each(&ep);
        }
    }
    if first && !unreadable {
        diags.error(
            path,
            Pos::new(1, 1),
            format!(
                "filen er tom; den skal mindst have overskriftslinjen: {}",
                CSV_HEADER.join(",")
            ),
        );
    }
    if unreadable {
        PartEnd::Stopped
    } else {
        PartEnd::Eof
    }
}

/// Reads a whole episodes CSV into memory.
pub fn load_csv<R: Read>(
    reader: R,
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<Episode> {
    let mut out = Vec::new();
    read_csv(reader, path, institution, diags, |e| out.push(e));
    out
}

/// One row's 17 fields in `CSV_HEADER` order, checked exactly as a CSV
/// record is (the same rules and messages, the same check that the row
/// names this case's institution): for readers of other formats
/// (`episodes_xlsx`). Each problem goes to `err` with its field number.
pub(crate) fn parse_fields(
    fields: &[&str; 17],
    institution: Option<&str>,
    pos: Pos,
    table: &mut SymTable,
    err: &mut dyn FnMut(usize, String),
) -> Option<Episode> {
    let raw = RawEpisode::from_fields(fields);
    let mut wrong_place = false;
    if let Some(inst) = institution
        && !raw.institution.is_empty()
        && raw.institution != inst
    {
        wrong_place = true;
        err(
            1,
            format!(
                "episoden hører til institutionen '{}', men filen ligger under '{}'; flyt den eller ret feltet",
                raw.institution, inst
            ),
        );
    }
    let episode = raw.parse(institution, pos, table, err);
    episode.filter(|_| !wrong_place)
}

/// Whether a field holds a line break followed by text with as many commas
/// as a row has (an unclosed quote), not just a multi-line description.
fn swallowed_rows(field: &str) -> bool {
    let b = field.as_bytes();
    memchr::memchr(b'\n', b)
        .is_some_and(|nl| memchr::memchr_iter(b',', &b[nl + 1..]).count() >= CSV_HEADER.len() - 1)
}

fn line_u32(l: u64) -> u32 {
    u32::try_from(l).unwrap_or(u32::MAX)
}

/// One episode's fields as text, before parsing. Field numbers follow
/// `CSV_HEADER`, so errors can point at the column.
struct RawEpisode<'a> {
    id: &'a str,
    institution: &'a str,
    child: &'a str,
    age: &'a str,
    start: &'a str,
    end: &'a str,
    kind: &'a str,
    legal_basis: &'a str,
    registered: &'a str,
    sent_municipality: &'a str,
    parents_told: &'a str,
    child_statement: &'a str,
    witnesses: &'a str,
    staff: &'a str,
    injury: &'a str,
    decided_by: &'a str,
    description: &'a str,
}

/// `InterventionType::from_code` as one `match` (a jump on the length,
/// then one comparison): it runs once per row of a national export.
fn type_from_code(s: &str) -> Option<InterventionType> {
    use InterventionType::*;
    Some(match s {
        "afvaergehjaelp" => Afvaergehjaelp,
        "fastholdelse" => Fastholdelse,
        "foeren" => Foeren,
        "tilbagefoerelse" => Tilbagefoerelse,
        "tilbageholdelse" => Tilbageholdelse,
        "isolation" => Isolation,
        "undersoegelse" => Undersoegelse,
        "noedvaerge" => Noedvaerge,
        _ => return None,
    })
}

/// `s.parse::<T>()`, with the one or two digits most such fields hold
/// read directly (the general parser cost more than the rest of the field).
fn parse_number<T: FromStr + From<u8>>(s: &str) -> Result<T, T::Err> {
    let digit = |b: u8| b.wrapping_sub(b'0');
    match *s.as_bytes() {
        [a] if digit(a) < 10 => Ok(T::from(digit(a))),
        [a, b] if digit(a) < 10 && digit(b) < 10 => Ok(T::from(digit(a) * 10 + digit(b))),
        _ => s.parse::<T>(),
    }
}

#[inline]
fn opt(s: &str) -> Option<&str> {
    let t = trim(s);
    (!t.is_empty()).then_some(t)
}

/// A parsed, valid episode whose text fields borrow the record they came
/// from (`read_csv_ref`). `to_owned` gives the `Episode`.
#[derive(Debug, Clone, PartialEq)]
pub struct EpisodeRef<'a> {
    pub id: &'a str,
    pub institution: &'a str,
    pub child: &'a str,
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
    /// The staff field as written: ids separated by `;` (see `staff()`).
    pub staff_field: &'a str,
    pub injury: Option<&'a str>,
    pub decided_by: Option<&'a str>,
    pub description: &'a str,
    pub pos: Pos,
}

impl<'a> EpisodeRef<'a> {
    /// The pseudonymous staff ids, trimmed, empty ones left out.
    pub fn staff(&self) -> StaffIds<'a> {
        StaffIds {
            rest: Some(self.staff_field),
        }
    }

    pub fn to_owned(&self) -> Episode {
        self.to_owned_in(&mut SymTable::default())
    }

    /// `to_owned` with the texts from `table`: a value already there is
    /// shared, not copied again.
    pub fn to_owned_in(&self, table: &mut SymTable) -> Episode {
        Episode {
            id: CompactString::from(self.id),
            institution: table.get_in(SLOT_INSTITUTION, self.institution),
            child: table.get(self.child),
            age: self.age,
            start: self.start,
            end: self.end,
            kind: self.kind,
            legal_basis: self.legal_basis.map(|s| table.get_in(SLOT_LEGAL_BASIS, s)),
            registered: self.registered,
            sent_municipality: self.sent_municipality,
            parents_told: self.parents_told,
            child_statement: self.child_statement,
            witnesses: self.witnesses,
            staff: {
                // Counted first, so the list is allocated once at its size
                // (collecting into a `Box<[_]>` grows a vector, then shrinks it).
                let mut ids = Vec::with_capacity(self.staff().count());
                ids.extend(self.staff().map(|s| table.get(s)));
                ids.into_boxed_slice()
            },
            injury: self.injury.map(|s| table.get_in(SLOT_INJURY, s)),
            decided_by: self.decided_by.map(|s| table.get_in(SLOT_DECIDED_BY, s)),
            description: table.get(self.description),
            pos: self.pos,
        }
    }
}

/// The columns whose last value `to_owned_in` has the table remember
/// (`SymTable::get_in`): those that mostly repeat from row to row.
const SLOT_INSTITUTION: usize = 0;
const SLOT_LEGAL_BASIS: usize = 1;
const SLOT_INJURY: usize = 2;
const SLOT_DECIDED_BY: usize = 3;
const _: () = assert!(SLOT_DECIDED_BY < super::sym::SLOTS);

/// The ids of a staff field (`P-25;P-111`): split at ';' a byte at a time
/// (the field is short; `str::split` costs more than the field), trimmed,
/// empty ones left out.
#[derive(Debug, Clone)]
pub struct StaffIds<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for StaffIds<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let rest = self.rest?;
            let id = match rest.bytes().position(|b| b == b';') {
                Some(k) => {
                    self.rest = Some(&rest[k + 1..]);
                    &rest[..k]
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            let id = trim(id);
            if !id.is_empty() {
                return Some(id);
            }
        }
    }
}

/// `str::trim`, skipped when neither end can be white space. Every white
/// space beyond ASCII (`char::is_whitespace`) is U+0085 or U+00A0 (bytes
/// C2 85, C2 A0) or a three-byte character led by E1, E2 or E3, so an end
/// like the '§' of "§ 9" (C2 A7) or the 'ø' of "rødme" needs no search.
#[inline]
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return s;
    };
    // Printable ASCII at both ends, as most fields have.
    let printable = |c: u8| c.wrapping_sub(0x21) < 0x5e;
    if printable(first) && printable(last) {
        return s;
    }
    trim_ends(s, first, last)
}

/// `trim` where an end is not printable ASCII.
fn trim_ends(s: &str, first: u8, last: u8) -> &str {
    let b = s.as_bytes();
    let start_clear = match first {
        0x21..=0x7e => true,
        0xc2 => !matches!(b.get(1), Some(0x85 | 0xa0)),
        0xe1..=0xe3 => false,
        f => f >= 0x80,
    };
    let n = b.len();
    let end_clear = match last {
        0x21..=0x7e => true,
        l if l < 0x80 => false,
        l => {
            let two_byte_space = n >= 2 && b[n - 2] == 0xc2 && matches!(l, 0x85 | 0xa0);
            let three_byte_lead = n >= 3 && matches!(b[n - 3], 0xe1..=0xe3);
            !(two_byte_space || three_byte_lead)
        }
    };
    if start_clear && end_clear {
        s
    } else {
        s.trim()
    }
}

impl<'a> RawEpisode<'a> {
    /// The 17 fields in `CSV_HEADER` order.
    fn from_fields(f: &[&'a str; 17]) -> Self {
        RawEpisode {
            id: f[0],
            institution: f[1],
            child: f[2],
            age: f[3],
            start: f[4],
            end: f[5],
            kind: f[6],
            legal_basis: f[7],
            registered: f[8],
            sent_municipality: f[9],
            parents_told: f[10],
            child_statement: f[11],
            witnesses: f[12],
            staff: f[13],
            injury: f[14],
            decided_by: f[15],
            description: f[16],
        }
    }

    /// Parses every field; each problem is reported with its field number.
    /// Returns `None` when a required field is missing or broken.
    fn parse(
        &self,
        institution: Option<&str>,
        pos: Pos,
        table: &mut SymTable,
        err: &mut dyn FnMut(usize, String),
    ) -> Option<Episode> {
        self.parse_ref(institution, pos, err)
            .map(|e| e.to_owned_in(table))
    }

    /// `parse` without copying the text fields.
    fn parse_ref(
        &self,
        institution: Option<&'a str>,
        pos: Pos,
        err: &mut dyn FnMut(usize, String),
    ) -> Option<EpisodeRef<'a>> {
        let mut ok = true;
        let mut fail = |field: usize, msg: String| {
            ok = false;
            err(field, msg);
        };
        // A time (trimmed, not empty), its date taken from `near` when it
        // is written on the same day.
        let time = |field: usize,
                    v: Option<&str>,
                    near: Option<(&str, NaiveDate)>,
                    fail: &mut dyn FnMut(usize, String)| {
            v.and_then(|t| {
                let p = parse_local_near(t, near);
                match p {
                    None => fail(
                        field,
                        format!(
                            "'{}' er ikke et gyldigt tidspunkt; skriv lokal tid som ÅÅÅÅ-MM-DDTTT:MM, fx 2017-03-04T18:20",
                            CSV_HEADER[field]
                        ),
                    ),
                    // A typo like 9999 would stretch every period and table to
                    // thousands of months; no indberetning is that old or new.
                    Some(t) if !PLAUSIBLE_YEARS.contains(&t.year()) => fail(
                        field,
                        format!(
                            "årstallet i '{}' ser forkert ud ({}); tjek tidspunktet (år {}–{})",
                            CSV_HEADER[field],
                            t.year(),
                            PLAUSIBLE_YEARS.start(),
                            PLAUSIBLE_YEARS.end()
                        ),
                    ),
                    Some(_) => {}
                }
                p
            })
        };
        let id = opt(self.id);
        if id.is_none() {
            fail(0, "episoden mangler 'id'; giv den et entydigt id".into());
        }
        let child = opt(self.child);
        if child.is_none() {
            fail(2, "episoden mangler 'child' (barnets pseudonyme id)".into());
        }
        let age = opt(self.age).and_then(|a| match parse_number::<u8>(a) {
            Ok(v) if v <= 25 => Some(v),
            _ => {
                fail(3, "'age' skal være et helt tal mellem 0 og 25".into());
                None
            }
        });
        let start_text = opt(self.start);
        let start = time(4, start_text, None, &mut fail);
        // The row's other times and dates mostly fall on its start's day.
        let near = start_text.zip(start.map(|t| t.date()));
        if start_text.is_none() {
            fail(
                4,
                "episoden mangler 'start'; starttidspunktet skal altid kendes".into(),
            );
        }
        let end = time(5, opt(self.end), near, &mut fail);
        let kind = match opt(self.kind) {
            None => {
                fail(6, "episoden mangler 'type'".into());
                None
            }
            Some(k) => {
                let t = type_from_code(k);
                if t.is_none() {
                    fail(
                        6,
                        format!(
                            "ukendt type; brug en af: {}",
                            InterventionType::ALL.map(|t| t.code()).join(", ")
                        ),
                    );
                }
                t
            }
        };
        let registered = time(8, opt(self.registered), near, &mut fail);
        let sent_municipality = opt(self.sent_municipality).and_then(|v| {
            let d =
                parse_date_near(v, near).or_else(|| parse_local_near(v, near).map(|t| t.date()));
            if d.is_none() {
                fail(
                    9,
                    "'sent_municipality' skal være en dato som ÅÅÅÅ-MM-DD".into(),
                );
            }
            d
        });
        let parents_told = opt(self.parents_told).and_then(|v| match v {
            "yes" => Some(ParentsTold::Yes),
            "no" => Some(ParentsTold::No),
            _ => {
                let t =
                    parse_local(v).or_else(|| parse_date(v).and_then(|d| d.and_hms_opt(0, 0, 0)));
                if t.is_none() {
                    fail(
                        10,
                        "'parents_told' skal være yes, no eller et tidspunkt som 2017-03-04T18:20"
                            .into(),
                    );
                }
                t.map(ParentsTold::At)
            }
        });
        let child_statement = opt(self.child_statement).and_then(|v| {
            let c = ChildStatement::from_code(v);
            if c.is_none() {
                fail(11, "'child_statement' skal være yes, no eller later".into());
            }
            c
        });
        let witnesses = opt(self.witnesses).and_then(|v| {
            let w = parse_number::<u16>(v).ok();
            if w.is_none() {
                fail(
                    12,
                    "'witnesses' skal være et helt tal (antal andre børn, der så episoden)".into(),
                );
            }
            w
        });
        if !ok {
            return None;
        }
        Some(EpisodeRef {
            id: id?,
            institution: opt(self.institution).or(institution).unwrap_or_default(),
            child: child?,
            age,
            start: start?,
            end,
            kind: kind?,
            legal_basis: opt(self.legal_basis),
            registered,
            sent_municipality,
            parents_told,
            child_statement,
            witnesses,
            staff_field: self.staff,
            injury: opt(self.injury),
            decided_by: opt(self.decided_by),
            description: trim(self.description),
            pos,
        })
    }
}

/// `episodes.yaml`: the same fields as the CSV, as a list under `episodes`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EpisodesFile {
    episodes: Vec<EpisodeYaml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EpisodeYaml {
    id: Spanned<String>,
    #[serde(default)]
    institution: Option<Spanned<String>>,
    #[serde(default)]
    child: Option<Spanned<String>>,
    #[serde(default)]
    age: Option<Spanned<String>>,
    #[serde(default)]
    start: Option<Spanned<String>>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    #[serde(rename = "type", default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    legal_basis: Option<Spanned<String>>,
    #[serde(default)]
    registered: Option<Spanned<String>>,
    #[serde(default)]
    sent_municipality: Option<Spanned<String>>,
    #[serde(default)]
    parents_told: Option<Spanned<String>>,
    #[serde(default)]
    child_statement: Option<Spanned<String>>,
    #[serde(default)]
    witnesses: Option<Spanned<String>>,
    #[serde(default)]
    staff: Vec<String>,
    #[serde(default)]
    injury: Option<Spanned<String>>,
    #[serde(default)]
    decided_by: Option<Spanned<String>>,
    #[serde(default)]
    description: Option<Spanned<String>>,
}

/// Reads `episodes.yaml`. Problems point at the field's value.
pub fn load_yaml(
    text: &str,
    path: &Path,
    institution: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<Episode> {
    let Some(file) = yaml::parse::<EpisodesFile>(text, path, diags) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(file.episodes.len());
    let mut table = SymTable::default();
    for e in &file.episodes {
        let p = |f: &Option<Spanned<String>>| f.as_ref().map(|v| Pos::from_saphyr(&v.referenced));
        let id_pos = Pos::from_saphyr(&e.id.referenced);
        let staff = e.staff.join(";");
        let raw = RawEpisode {
            id: &e.id.value,
            institution: s(&e.institution),
            child: s(&e.child),
            age: s(&e.age),
            start: s(&e.start),
            end: s(&e.end),
            kind: s(&e.kind),
            legal_basis: s(&e.legal_basis),
            registered: s(&e.registered),
            sent_municipality: s(&e.sent_municipality),
            parents_told: s(&e.parents_told),
            child_statement: s(&e.child_statement),
            witnesses: s(&e.witnesses),
            staff: &staff,
            injury: s(&e.injury),
            decided_by: s(&e.decided_by),
            description: s(&e.description),
        };
        let field_pos = |i: usize| -> Pos {
            let f = match i {
                1 => p(&e.institution),
                2 => p(&e.child),
                3 => p(&e.age),
                4 => p(&e.start),
                5 => p(&e.end),
                6 => p(&e.kind),
                8 => p(&e.registered),
                9 => p(&e.sent_municipality),
                10 => p(&e.parents_told),
                11 => p(&e.child_statement),
                12 => p(&e.witnesses),
                _ => None,
            };
            f.unwrap_or(id_pos)
        };
        let mut errors = Vec::new();
        if let (Some(inst), Some(own)) = (institution, e.institution.as_ref())
            && own.value != inst
        {
            errors.push((
                1,
                format!(
                    "episoden hører til institutionen '{}', men filen ligger under '{}'; flyt den eller ret feltet",
                    own.value, inst
                ),
            ));
        }
        let parsed = raw.parse(institution, id_pos, &mut table, &mut |i, m| {
            errors.push((i, m))
        });
        for (i, m) in &errors {
            diags.error(path, field_pos(*i), m.clone());
        }
        if errors.is_empty()
            && let Some(ep) = parsed
        {
            out.push(ep);
        }
    }
    out
}

fn s(f: &Option<Spanned<String>>) -> &str {
    f.as_ref().map(|v| v.value.as_str()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The shortcut trims exactly as `str::trim` does, white space of
        /// every kind at either end included.
        #[test]
        fn trim_is_str_trim(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}",
                        "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}", "\u{2029}",
                        "\u{202f}", "\u{205f}", "\u{3000}", "\u{200b}", "\u{feff}",
                        "§", "ø", "Å", "\u{a7}", "\u{e000}", "\u{2030}", "\u{1f600}", "a", "9",
                    ]).prop_map(str::to_string),
                    ".{0,3}",
                ],
                0..6,
            )
        ) {
            let s: String = parts.concat();
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }

        /// The digits read directly give what `str::parse` gives, for the
        /// numbers of a field and for what is no number, at both widths.
        #[test]
        fn numbers_are_parsed_as_str_parse_does(s in "[0-9+\\- a٣]{0,4}") {
            proptest::prop_assert_eq!(parse_number::<u8>(&s), s.parse::<u8>());
            proptest::prop_assert_eq!(parse_number::<u16>(&s), s.parse::<u16>());
        }
    }

    fn csv(rows: &str) -> (Vec<Episode>, Vec<String>) {
        let text = format!("{}\n{}", CSV_HEADER.join(","), rows);
        let mut d = Diagnostics::new(Path::new(""));
        let eps = load_csv(text.as_bytes(), Path::new("e.csv"), Some("a"), &mut d);
        (eps, d.into_sorted().iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn reads_a_full_row() {
        let (eps, d) = csv(
            "E1,a,B1,15,2017-03-04T18:20,2017-03-04T18:25,fastholdelse,§ 9,2017-03-04T21:00,2017-03-05,2017-03-04T22:00,later,2,P1;P2,ingen,,Uro i fællesrum\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let e = &eps[0];
        assert_eq!(e.kind, InterventionType::Fastholdelse);
        assert_eq!(*e.staff, ["P1", "P2"]);
        assert_eq!(e.witnesses, Some(2));
        assert_eq!(e.child_statement, Some(ChildStatement::Later));
        assert_eq!(e.pos, Pos::new(2, 1));
    }

    #[test]
    fn empty_fields_are_unknown() {
        let (eps, d) = csv("E1,,B1,,2017-03-04T18:20,,noedvaerge,,,,,,,,,,\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(eps[0].end, None);
        assert_eq!(eps[0].institution, "a");
        assert_eq!(eps[0].parents_told, None);
    }

    #[test]
    fn bad_fields_name_line_and_column() {
        let (eps, d) = csv("E1,a,B1,x,2017-03-04T18:20,,slag,,,,,,,,,,\n");
        assert!(eps.is_empty());
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("e.csv:2:9: error: 'age'"), "{}", d[0]);
        assert!(
            d[1].starts_with("e.csv:2:29: error: ukendt type"),
            "{}",
            d[1]
        );
    }

    #[test]
    fn an_unclosed_quote_is_an_error_but_a_multiline_field_is_not() {
        let (eps, d) = csv(
            "E1,a,B1,15,2017-03-04T18:20,,noedvaerge,,,,,,,,,,\"Uro\nE2,a,B1,15,2017-03-04T18:20,,noedvaerge,,,,,,,,,,Ro\n",
        );
        assert!(eps.is_empty());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].starts_with(
                "e.csv:2:50: error: citationstegnet i feltet 'description' lukkes ikke"
            ),
            "{}",
            d[0]
        );
        let (eps, d) = csv("E1,a,B1,15,2017-03-04T18:20,,noedvaerge,,,,,,,,,,\"Uro,\nog ro\"\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(eps[0].description, "Uro,\nog ro");
    }

    #[test]
    fn an_implausible_year_is_an_error_at_its_field() {
        let (eps, d) = csv("E1,a,B1,15,9999-03-04T18:20,,noedvaerge,,,,,,,,,,\n");
        assert!(eps.is_empty());
        assert_eq!(
            d,
            [
                "e.csv:2:12: error: årstallet i 'start' ser forkert ud (9999); tjek tidspunktet (år 1990–2100)"
            ]
        );
    }

    #[test]
    fn type_codes_match_the_model() {
        for t in InterventionType::ALL {
            assert_eq!(type_from_code(t.code()), Some(t));
        }
        assert_eq!(type_from_code("slag"), None);
    }

    #[test]
    fn invalid_utf8_is_one_error_with_its_line() {
        let mut bytes = format!(
            "{}\nE1,a,B1,,2017-03-04T18:20,,noedvaerge,,,,,,,,,,ok\n",
            CSV_HEADER.join(",")
        )
        .into_bytes();
        bytes.extend_from_slice(b"E2,a,B1,,2017-03-04T18:20,,noedvaerge,,,,,,,,,,\xff\n");
        let mut d = Diagnostics::new(Path::new(""));
        let eps = load_csv(&bytes[..], Path::new("e.csv"), Some("a"), &mut d);
        assert_eq!(eps.len(), 1);
        let d: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            d,
            ["e.csv:3:1: error: filen er ikke gyldig UTF-8; gem den som UTF-8 og prøv igen"]
        );
    }

    #[test]
    fn wrong_header_is_one_error() {
        let mut d = Diagnostics::new(Path::new(""));
        let eps = load_csv(
            "id,child\nE1,B1\n".as_bytes(),
            Path::new("e.csv"),
            None,
            &mut d,
        );
        assert!(eps.is_empty());
        assert_eq!(d.items.len(), 1);
    }

    #[test]
    fn a_row_after_empty_lines_is_reported_at_its_own_line() {
        // The csv crate placed such a row at the first empty line before it.
        let row = |id: &str, age: &str| {
            format!("{id},a,B1,{age},2017-03-04T18:20,,noedvaerge,,,,,,,,,,x")
        };
        let (eps, d) = csv(&format!(
            "{}\n\n{}\n\n\n{}\n",
            row("E1", "15"),
            row("E2", "x"),
            row("E3", "15")
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("e.csv:4:"), "{d:?}");
        let lines: Vec<u32> = eps.iter().map(|e| e.pos.line).collect();
        assert_eq!(lines, [2, 7]);
    }
}

#[cfg(test)]
mod crlf_tests {
    use super::*;

    /// Windows line endings: every record keeps its own line number.
    #[test]
    fn crlf_rows_have_their_own_line_numbers() {
        let row = |id: &str| format!("{id},a,B1,15,2017-03-04T18:20,,noedvaerge,,,,,,,,,,x");
        for ending in ["\r\n", "\n"] {
            let text = format!(
                "{}{ending}{}{ending}{}{ending}\"multi{ending}line\"{ending}",
                CSV_HEADER.join(","),
                row("E1"),
                row("E2"),
            )
            .replacen("x\"multi", "\"multi", 1);
            let text = text.replace(
                &format!("{ending}\"multi"),
                &format!("{ending}{}", row("E3").replace(",x", ",\"multi")),
            );
            let mut d = Diagnostics::new(Path::new(""));
            let eps = load_csv(text.as_bytes(), Path::new("e.csv"), Some("a"), &mut d);
            let lines: Vec<u32> = eps.iter().map(|e| e.pos.line).collect();
            assert_eq!(lines, [2, 3, 4], "{ending:?}: {:?}", d.items);
        }
    }
}
