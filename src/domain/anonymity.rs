//! Anonymity: finding what a child could be recognised by in raw text — CPR
//! numbers, Danish phone numbers, e-mail addresses and the names on the
//! audit's own block list — and masking it (`12****-****`).
//!
//! The scanner works on the raw text, so every hit carries a line and a
//! column (counted in characters) and its byte span in that same text. It is
//! built for national exports of a million rows: one pass over the bytes, and
//! only digits, `@`, `+` and the first letters of blocked names get a closer
//! look. Text that is not in Unicode's composed form (NFC: `A` + combining
//! ring instead of `Å`) is normalised first and every hit mapped back to the
//! original text, so places and spans are always the original's.
//!
//! What it finds (docs/domain.md §8):
//! - CPR numbers with a valid date: `120389-1234`, `1203891234`,
//!   `120389 1234`, `12.03.89-1234`, an en dash or a no-break space for the
//!   dash, and glued to `CPR` (`CPR120389-1234`);
//! - Danish phone numbers: `23456789`, `2345 6789`, `23 45 67 89`,
//!   `23-45-67-89`, with `+45`/`0045`, with no-break or thin spaces;
//! - e-mail addresses;
//! - blocked names as whole words in any case, in the ASCII spellings of æ,
//!   ø, å (`ae`, `oe`, `aa`), with their words split by any run of spaces,
//!   hyphens or line breaks (a quoted CSV field, a YAML `|` or `>` block), in
//!   the possessive (`Vindeløvs`, `Vindeløv's`).
//!
//! It stays quiet on dates (`20170314`, `14-03-2017`, `2017-03-14`), times
//! (`14:30`, `14.30-15.10`), amounts (`1.234.567 kr`), episode ids
//! (`nord-20170314-1`, `lindely-0001`) and generated ids (`inst-0042`).
//!
//! The value found is never returned in full: a [`Hit`] holds only its masked
//! form and where it stands. `check` turns hits into errors, the export
//! refuses to write text with hits, the app shows text through [`redact`],
//! and `anonymise` replaces the spans (`domain::anonymise`).

use chrono::NaiveDate;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::diag::Pos;

/// What kind of identifying value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A CPR number `DDMMYY-NNNN`, `DDMMYYNNNN` (and the forms in the
    /// module's documentation) with a valid date.
    Cpr,
    /// A Danish phone number (8 digits, optionally `+45`/`0045`).
    Phone,
    /// An e-mail address.
    Email,
    /// A name from the audit's block list (`anonymity.blocked_names`).
    BlockedName,
}

impl HitKind {
    /// The Danish name, for people ("muligt CPR-nummer").
    pub fn label_da(self) -> &'static str {
        match self {
            HitKind::Cpr => "muligt CPR-nummer",
            HitKind::Phone => "muligt telefonnummer",
            HitKind::Email => "mulig e-mailadresse",
            HitKind::BlockedName => "navn fra auditens blokeringsliste",
        }
    }

    /// The finding as `check` reports it: what was found (masked) and what to do.
    pub fn message_da(self, masked: &str) -> String {
        let pronoun = if self == HitKind::Email { "den" } else { "det" };
        format!(
            "{} ({masked}); fjern {pronoun} – sager skal være anonymiserede",
            self.label_da()
        )
    }
}

/// One identifying value in a text. Holds its masked form only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Line and column (in characters), 1-based.
    pub pos: Pos,
    pub kind: HitKind,
    /// The value masked with [`mask`]; the value itself is never kept.
    pub masked: String,
    /// Byte offsets of the value in the scanned text, as given (not
    /// normalised): for [`redact`] and for replacing it.
    pub start: usize,
    pub end: usize,
    /// A blocked name: its index in the block list the scanner was made with.
    pub name: Option<usize>,
    /// A blocked name in the possessive (`Vindeløvs`, `Vindeløv's`); the
    /// span includes the ending.
    pub possessive: bool,
}

/// Masks a value: keeps the first two characters, replaces every other
/// letter or digit with `*`, keeps separators. `120389-1234` → `12****-****`.
/// A line break (a name split over two lines) becomes `↵` and any other
/// control character a space, so a masked value stays on one line; the
/// count of characters stays the same.
pub fn mask(value: &str) -> String {
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if c == '\n' {
                '↵'
            } else if c.is_control() {
                ' '
            } else if i < 2 || !c.is_alphanumeric() {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Every identifying value in `text`, in order. `blocked` are names matched
/// as whole words, case-insensitively (with Unicode folding: "ÅSE" is "Åse").
pub fn scan(text: &str, blocked: &[String]) -> Vec<Hit> {
    Scanner::new(blocked).scan(text)
}

/// `text` with every identifying value masked.
pub fn redact(text: &str, blocked: &[String]) -> String {
    let hits = scan(text, blocked);
    if hits.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hits {
        if h.start < at {
            continue;
        }
        out.push_str(&text[at..h.start]);
        out.push_str(&h.masked);
        at = h.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether every character of `text` is below U+0300 (no byte is 0xCC or
/// above): 32 bytes at a time with no early exit inside, which the
/// compiler turns into vector compares (the gate runs this over every
/// byte a command writes).
fn below_u0300_only(text: &str) -> bool {
    let mut chunks = text.as_bytes().chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(0u8, |m, &b| m.max(b)) >= 0xCC {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| b < 0xCC)
}

/// A blocked name, folded for comparison.
struct Name {
    /// Its index in the block list.
    index: usize,
    /// The name as words, each folded with [`fold`].
    words: Vec<Vec<char>>,
}

/// A value found, before its place is counted: kind, byte span, the blocked
/// name's index and whether it stands in the possessive.
#[derive(Debug, Clone, Copy)]
struct Found {
    kind: HitKind,
    start: usize,
    end: usize,
    name: Option<usize>,
    possessive: bool,
}

impl Found {
    fn new(kind: HitKind, start: usize, end: usize) -> Self {
        Found {
            kind,
            start,
            end,
            name: None,
            possessive: false,
        }
    }
}

/// A scanner prepared for one block list; reuse it over many texts.
pub struct Scanner {
    names: Vec<Name>,
    /// Bytes that start a closer look: digits, `@`, `+` and the first UTF-8
    /// byte of each blocked name's first letter in any case and spelling.
    interesting: [bool; 256],
    /// The UTF-8 encodings of the blocked names' first letters in every case
    /// and spelling (`Å`, `å`, `A`, `a`).
    first_letters: Vec<Vec<u8>>,
}

impl Scanner {
    pub fn new(blocked: &[String]) -> Self {
        let mut interesting = [false; 256];
        for b in b'0'..=b'9' {
            interesting[usize::from(b)] = true;
        }
        interesting[usize::from(b'@')] = true;
        interesting[usize::from(b'+')] = true;
        let mut names = Vec::new();
        let mut first_letters: Vec<Vec<u8>> = Vec::new();
        for (index, n) in blocked.iter().enumerate() {
            let n: String = n.nfc().collect();
            let words: Vec<Vec<char>> = n
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let mut folded = Vec::new();
                    for c in w.chars() {
                        fold(c, |f| folded.push(f));
                    }
                    folded
                })
                .collect();
            let Some(first) = n.chars().find(|c| c.is_alphanumeric()) else {
                continue;
            };
            let mut spelled = Vec::new();
            fold(first, |f| spelled.push(f));
            let mut buf = [0u8; 4];
            for variant in first
                .to_lowercase()
                .chain(first.to_uppercase())
                .chain(std::iter::once(first))
                .chain(
                    spelled
                        .first()
                        .into_iter()
                        .flat_map(|f| std::iter::once(*f).chain(f.to_uppercase())),
                )
            {
                let enc = variant.encode_utf8(&mut buf).as_bytes();
                interesting[usize::from(enc[0])] = true;
                if !first_letters.iter().any(|f| f == enc) {
                    first_letters.push(enc.to_vec());
                }
            }
            names.push(Name { index, words });
        }
        Scanner {
            names,
            interesting,
            first_letters,
        }
    }

    /// Every identifying value in `text`, in order, with places and spans
    /// in `text` itself (also when it had to be normalised to match).
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        // Nothing below U+0300 changes under NFC: most texts skip the check.
        let composed = below_u0300_only(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes;
        if composed {
            return place(text, self.find(text));
        }
        let map = Normalised::new(text);
        let mut found: Vec<Found> = Vec::new();
        for mut f in self.find(&map.text) {
            (f.start, f.end) = map.original(f.start, f.end);
            if found.last().is_some_and(|last| f.start < last.end) {
                continue;
            }
            found.push(f);
        }
        place(text, found)
    }

    /// Every value in `text` (composed), in order, never overlapping.
    fn find(&self, text: &str) -> Vec<Found> {
        let b = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0usize;
        while i < b.len() {
            let c = b[i];
            if !self.interesting[usize::from(c)] {
                i += 1;
                continue;
            }
            let hit = match c {
                b'0'..=b'9' => {
                    // Most digit runs are parts of times, dates and ids: rule
                    // them out on their length and what follows first.
                    let run = digit_run(b, i);
                    let next = b.get(i + run).copied();
                    let gap = matches!(next, Some(b' ' | 0xC2 | 0xE2));
                    let candidate = match run {
                        2 => gap || matches!(next, Some(b'.' | b'-')),
                        4 => gap,
                        6 => gap || next == Some(b'-'),
                        8 | 10 | 12 => true,
                        _ => false,
                    };
                    let glued = cpr_glued(b, i);
                    if candidate && (word_start(b, i) || glued) {
                        digits_at(b, i).map(|mut f| {
                            if glued && f.kind == HitKind::Cpr {
                                f.start = i - 3;
                            }
                            f
                        })
                    } else {
                        i += run;
                        continue;
                    }
                }
                b'@' => email_at(b, i),
                b'+' => plus45_at(b, i),
                _ => self.name_at(text, i),
            };
            match hit {
                Some(f) => {
                    i = f.end.max(i + 1);
                    found.push(f);
                }
                None => {
                    // Skip the rest of a digit run: only its start matters.
                    i += 1;
                    if c.is_ascii_digit() {
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
            }
        }
        found
    }

    /// A blocked name starting at byte `i` (a word start).
    fn name_at(&self, text: &str, i: usize) -> Option<Found> {
        let b = text.as_bytes();
        if !self.first_letters.iter().any(|f| b[i..].starts_with(f))
            || !text.is_char_boundary(i)
            || !word_start(b, i)
        {
            return None;
        }
        let rest = &text[i..];
        self.names
            .iter()
            .filter_map(|n| {
                match_name(rest, n).map(|(len, possessive)| Found {
                    kind: HitKind::BlockedName,
                    start: i,
                    end: i + len,
                    name: Some(n.index),
                    possessive,
                })
            })
            .max_by_key(|f| f.end)
    }
}

/// Hits with their line and column (characters, 1-based) counted in `text`.
/// `found` is in order and does not overlap.
fn place(text: &str, found: Vec<Found>) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut line: u32 = 1;
    let mut line_start = 0usize;
    let mut at = 0usize;
    found
        .into_iter()
        .map(|f| {
            for (k, &c) in b[at..f.start].iter().enumerate() {
                if c == b'\n' {
                    line = line.saturating_add(1);
                    line_start = at + k + 1;
                }
            }
            at = f.start;
            let column = text[line_start..f.start].chars().count() + 1;
            Hit {
                pos: Pos::new(line, u32::try_from(column).unwrap_or(u32::MAX)),
                kind: f.kind,
                masked: mask(&text[f.start..f.end]),
                start: f.start,
                end: f.end,
                name: f.name,
                possessive: f.possessive,
            }
        })
        .collect()
}

/// A text in NFC with the way back: each normalised byte knows the piece of
/// the original it came from (a character with the combining marks after
/// it), so a span found in `text` maps back to whole characters.
struct Normalised {
    text: String,
    /// The original byte span of each piece.
    pieces: Vec<(usize, usize)>,
    /// For each byte of `text`, its piece.
    piece_of: Vec<u32>,
}

impl Normalised {
    fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut pieces = Vec::new();
        let mut piece_of = Vec::with_capacity(original.len());
        let mut starts: Vec<usize> = original
            .char_indices()
            .filter(|&(_, c)| canonical_combining_class(c) == 0)
            .map(|(i, _)| i)
            .collect();
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        starts.push(original.len());
        for w in starts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let k = u32::try_from(pieces.len()).unwrap_or(u32::MAX);
            pieces.push((s, e));
            let before = text.len();
            text.extend(original[s..e].nfc());
            piece_of.resize(piece_of.len() + (text.len() - before), k);
        }
        Normalised {
            text,
            pieces,
            piece_of,
        }
    }

    /// The original span of the normalised span `start..end` (not empty).
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let piece = |i: usize| self.pieces[self.piece_of[i] as usize];
        (piece(start).0, piece(end.max(start + 1) - 1).1)
    }
}

/// Calls `out` with `c` folded for comparing names: lowercase, and æ, ø, å
/// (and ä, ö) as their ASCII spellings ae, oe, aa.
fn fold(c: char, mut out: impl FnMut(char)) {
    for l in c.to_lowercase() {
        match l {
            'æ' | 'ä' => {
                out('a');
                out('e');
            }
            'ø' | 'ö' => {
                out('o');
                out('e');
            }
            'å' => {
                out('a');
                out('a');
            }
            l => out(l),
        }
    }
}

/// Whether the text at `i` starts a word: the character before is not a
/// letter or digit.
fn word_start(b: &[u8], i: usize) -> bool {
    if i > 0 && b[i - 1] < 0x80 {
        return !b[i - 1].is_ascii_alphanumeric();
    }
    match prev_char(b, i) {
        None => true,
        Some(c) => !c.is_alphanumeric(),
    }
}

/// Whether the digits at `i` are glued to a word `CPR` (`CPR120389-1234`).
fn cpr_glued(b: &[u8], i: usize) -> bool {
    i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"cpr") && word_start(b, i - 3)
}

/// The character ending just before byte `i`.
fn prev_char(b: &[u8], i: usize) -> Option<char> {
    if i == 0 {
        return None;
    }
    let mut s = i - 1;
    while s > 0 && (b[s] & 0xC0) == 0x80 && i - s < 4 {
        s -= 1;
    }
    std::str::from_utf8(&b[s..i]).ok()?.chars().next_back()
}

/// The character starting at byte `i`.
fn next_char(b: &[u8], i: usize) -> Option<char> {
    let end = (i + 4).min(b.len());
    let s = b.get(i..end)?;
    let valid = match std::str::from_utf8(s) {
        Ok(v) => v,
        Err(e) => std::str::from_utf8(&s[..e.valid_up_to()]).ok()?,
    };
    valid.chars().next()
}

/// Whether the text at `i` ends a word: no letter or digit follows.
fn word_end(b: &[u8], i: usize) -> bool {
    match next_char(b, i) {
        None => true,
        Some(c) => !c.is_alphanumeric(),
    }
}

fn digit_run(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// The byte length of a space inside a number at `i`: a space, a no-break
/// space (U+00A0), a narrow no-break space (U+202F) or a thin space (U+2009).
fn space_at(b: &[u8], i: usize) -> Option<usize> {
    let s = b.get(i..)?;
    if s.starts_with(b" ") {
        Some(1)
    } else if s.starts_with("\u{a0}".as_bytes()) {
        Some(2)
    } else if s.starts_with("\u{202f}".as_bytes()) || s.starts_with("\u{2009}".as_bytes()) {
        Some(3)
    } else {
        None
    }
}

/// The byte length of a dash at `i`: a hyphen, a non-breaking hyphen
/// (U+2011), a hyphen (U+2010) or an en dash (U+2013).
fn dash_at(b: &[u8], i: usize) -> Option<usize> {
    let s = b.get(i..)?;
    if s.starts_with(b"-") {
        Some(1)
    } else if ["\u{2010}", "\u{2011}", "\u{2013}"]
        .iter()
        .any(|d| s.starts_with(d.as_bytes()))
    {
        Some(3)
    } else {
        None
    }
}

fn two(b: &[u8]) -> u32 {
    u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0')
}

/// Whether six digits `DDMMYY` are a real date (in 19YY or 20YY).
fn valid_cpr_date(d: &[u8]) -> bool {
    let (day, month, year) = (two(&d[0..2]), two(&d[2..4]), two(&d[4..6]));
    let y = i32::try_from(year).unwrap_or(0);
    NaiveDate::from_ymd_opt(1900 + y, month, day).is_some()
        || NaiveDate::from_ymd_opt(2000 + y, month, day).is_some()
}

/// Whether eight digits `YYYYMMDD` are a date in 1900–2099 (`20170314`).
fn compact_date(d: &[u8]) -> bool {
    let century = two(&d[0..2]);
    (century == 19 || century == 20)
        && NaiveDate::from_ymd_opt(
            i32::try_from(century * 100 + two(&d[2..4])).unwrap_or(0),
            two(&d[4..6]),
            two(&d[6..8]),
        )
        .is_some()
}

/// A CPR number's date at `i`: `DDMMYY` or `DD.MM.YY`, as its six digits
/// and the byte where it ends.
fn cpr_date(b: &[u8], i: usize) -> Option<([u8; 6], usize)> {
    let run = digit_run(b, i);
    if run == 6 || run == 10 {
        let mut d = [0u8; 6];
        d.copy_from_slice(&b[i..i + 6]);
        return Some((d, i + 6));
    }
    if run == 2
        && b.get(i + 2) == Some(&b'.')
        && digit_run(b, i + 3) == 2
        && b.get(i + 5) == Some(&b'.')
        && digit_run(b, i + 6) == 2
    {
        let d = [b[i], b[i + 1], b[i + 3], b[i + 4], b[i + 6], b[i + 7]];
        return Some((d, i + 8));
    }
    None
}

/// A CPR number starting at `i`, as its end.
fn cpr_at(b: &[u8], i: usize) -> Option<usize> {
    let (date, at) = cpr_date(b, i)?;
    if !valid_cpr_date(&date) {
        return None;
    }
    // Without a separator: ten digits.
    if at == i + 6 && digit_run(b, i) == 10 {
        return word_end(b, i + 10).then_some(i + 10);
    }
    let sep = dash_at(b, at).or_else(|| space_at(b, at))?;
    let serial = at + sep;
    (digit_run(b, serial) == 4 && word_end(b, serial + 4)).then_some(serial + 4)
}

/// A CPR or phone number starting with the digit at `i` (a word start).
fn digits_at(b: &[u8], i: usize) -> Option<Found> {
    if let Some(end) = cpr_at(b, i) {
        return Some(Found::new(HitKind::Cpr, i, end));
    }
    let run = digit_run(b, i);
    let after = i + run;
    // 0045 prefix.
    if b[i..].starts_with(b"0045") {
        if run == 12 {
            return national(b, i + 4).map(|end| Found::new(HitKind::Phone, i, end));
        }
        if run == 4
            && let Some(sp) = space_at(b, after)
        {
            return national(b, after + sp).map(|end| Found::new(HitKind::Phone, i, end));
        }
    }
    // A national number preceded by digits and a space is part of a longer
    // number ("2017 1234 5678"), not a phone number.
    if let Some(c) = prev_char(b, i)
        && matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
        && prev_char(b, i - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
    {
        return None;
    }
    national(b, i).map(|end| Found::new(HitKind::Phone, i, end))
}

/// `+45` followed by a national number, at the `+` at `i`.
fn plus45_at(b: &[u8], i: usize) -> Option<Found> {
    if !word_start(b, i) || !b[i + 1..].starts_with(b"45") {
        return None;
    }
    let run = digit_run(b, i + 1);
    if run == 10 {
        return national(b, i + 3).map(|end| Found::new(HitKind::Phone, i, end));
    }
    if run == 2
        && let Some(sp) = space_at(b, i + 3)
    {
        return national(b, i + 3 + sp).map(|end| Found::new(HitKind::Phone, i, end));
    }
    None
}

/// A Danish national number at `i`: `12345678`, `1234 5678`, `12 34 56 78`
/// or `12-34-56-78` (any space may be a no-break space), first digit 2–9,
/// not a date `YYYYMMDD`, not part of a longer number or an id. Returns its end.
fn national(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i), Some(b'2'..=b'9')) {
        return None;
    }
    let groups: &[&[usize]] = &[&[8], &[4, 4], &[2, 2, 2, 2]];
    'form: for form in groups {
        let mut at = i;
        for (k, &len) in form.iter().enumerate() {
            if k > 0 {
                let sep = match space_at(b, at) {
                    Some(n) => n,
                    None if len == 2 && b.get(at) == Some(&b'-') => 1,
                    None => continue 'form,
                };
                at += sep;
            }
            if digit_run(b, at) != len {
                continue 'form;
            }
            at += len;
        }
        if !word_end(b, at) || (form.len() == 1 && compact_date(&b[i..at])) {
            continue;
        }
        // "12 34 56 78 90" is a longer number, "23456789-2" part of an id.
        let longer = space_at(b, at).is_some_and(|n| b.get(at + n).is_some_and(u8::is_ascii_digit));
        let id = dash_at(b, at)
            .or_else(|| (b.get(at) == Some(&b'_')).then_some(1))
            .is_some_and(|n| b.get(at + n).is_some_and(u8::is_ascii_alphanumeric));
        if longer || id {
            continue;
        }
        return Some(at);
    }
    None
}

fn is_local_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-') || c >= 0x80
}

fn is_domain_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-') || c >= 0x80
}

/// An e-mail address around the `@` at `i`.
fn email_at(b: &[u8], i: usize) -> Option<Found> {
    let mut start = i;
    while start > 0 && is_local_byte(b[start - 1]) {
        start -= 1;
    }
    // Never start in the middle of a character.
    while start < i && (b[start] & 0xC0) == 0x80 {
        start += 1;
    }
    if start == i {
        return None;
    }
    let mut end = i + 1;
    while end < b.len() && is_domain_byte(b[end]) {
        end += 1;
    }
    // A sentence's full stop or a dash after the address is not part of it.
    while end > i + 1 && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    // Nor half a character.
    while end > i + 1 && std::str::from_utf8(&b[start..end]).is_err() {
        end -= 1;
    }
    let domain = &b[i + 1..end];
    let dot = domain.iter().rposition(|&c| c == b'.')?;
    let tld = &domain[dot + 1..];
    if dot == 0 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(Found::new(HitKind::Email, start, end))
}

/// What may stand between the words of a name: spaces of any kind, line
/// breaks (a YAML block, a quoted CSV field) and hyphens.
fn name_gap(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// The byte length of `name` at the start of `rest` as whole words, with
/// whether it ends in the possessive (`s`, `'s`, `’s`, included in the
/// length). Letters compare folded ([`fold`]); the words match across any
/// run of [`name_gap`] characters.
fn match_name(rest: &str, name: &Name) -> Option<(usize, bool)> {
    let mut chars = rest.char_indices().peekable();
    for (k, word) in name.words.iter().enumerate() {
        if k > 0 {
            let mut any = false;
            while chars.next_if(|&(_, c)| name_gap(c)).is_some() {
                any = true;
            }
            if !any {
                return None;
            }
        }
        let mut at = 0;
        while at < word.len() {
            let (_, c) = chars.next()?;
            let mut same = true;
            fold(c, |f| {
                if same && word.get(at) == Some(&f) {
                    at += 1;
                } else {
                    same = false;
                }
            });
            if !same {
                return None;
            }
        }
    }
    let end = chars.peek().map_or(rest.len(), |&(o, _)| o);
    let b = rest.as_bytes();
    // The possessive: "Vindeløvs", "Vindeløv's", "Vindeløv’s".
    let tail = &rest[end..];
    for ending in ["s", "S", "'s", "'S", "\u{2019}s", "\u{2019}S"] {
        if tail.starts_with(ending) && word_end(b, end + ending.len()) {
            return Some((end + ending.len(), true));
        }
    }
    word_end(b, end).then_some((end, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(HitKind, String, u32, u32)> {
        scan(text, &["Åse".to_string(), "Jens Peter".to_string()])
            .into_iter()
            .map(|h| (h.kind, h.masked, h.pos.line, h.pos.column))
            .collect()
    }

    use HitKind::{BlockedName, Cpr, Email, Phone};

    const BLOCK: [&str; 2] = ["Malthe Vindeløv", "Åse Kærgård"];

    fn found(text: &str) -> Vec<(HitKind, &str)> {
        let blocked: Vec<String> = BLOCK.iter().map(|s| s.to_string()).collect();
        scan(text, &blocked)
            .into_iter()
            .map(|h| (h.kind, &text[h.start..h.end]))
            .collect()
    }

    /// Every form the scanner must find (the span it finds in the original
    /// text), and every form it must leave alone.
    #[test]
    fn every_form_found_and_every_lookalike_quiet() {
        let positives: &[(&str, HitKind, &str)] = &[
            ("cpr 120389-1234.", Cpr, "120389-1234"),
            ("cpr 1203891234", Cpr, "1203891234"),
            ("cpr 120389 1234", Cpr, "120389 1234"),
            ("cpr 120389\u{a0}1234", Cpr, "120389\u{a0}1234"),
            ("cpr 120389\u{202f}1234", Cpr, "120389\u{202f}1234"),
            ("født 12.03.89-1234", Cpr, "12.03.89-1234"),
            ("født 12.03.89 1234", Cpr, "12.03.89 1234"),
            ("cpr 120389\u{2013}1234", Cpr, "120389\u{2013}1234"),
            ("cpr 120389\u{2011}1234", Cpr, "120389\u{2011}1234"),
            ("CPR120389-1234 x", Cpr, "CPR120389-1234"),
            ("(cpr1203891234)", Cpr, "cpr1203891234"),
            ("CPR-nr. 1203891234", Cpr, "1203891234"),
            ("CPR-NR.: 120389-1234", Cpr, "120389-1234"),
            ("tlf. 20-30-40-50", Phone, "20-30-40-50"),
            ("tlf. 20 30 40 50", Phone, "20 30 40 50"),
            (
                "tlf. 20\u{a0}30\u{a0}40\u{a0}50",
                Phone,
                "20\u{a0}30\u{a0}40\u{a0}50",
            ),
            ("tlf. 2030\u{202f}4050", Phone, "2030\u{202f}4050"),
            ("tlf. 2030\u{2009}4050", Phone, "2030\u{2009}4050"),
            ("tlf. +45\u{a0}20304050", Phone, "+45\u{a0}20304050"),
            ("tlf. 0045\u{a0}2030 4050", Phone, "0045\u{a0}2030 4050"),
            ("TLF:20304050", Phone, "20304050"),
            ("mail ANNA@Kommune.DK.", Email, "ANNA@Kommune.DK"),
            ("Malthe Vindeløv kom", BlockedName, "Malthe Vindeløv"),
            ("MALTHE VINDELØV", BlockedName, "MALTHE VINDELØV"),
            ("malthe vindeloev", BlockedName, "malthe vindeloev"),
            ("Malthe VINDELOEV", BlockedName, "Malthe VINDELOEV"),
            ("Aase Kaergaard", BlockedName, "Aase Kaergaard"),
            ("AASE KAERGAARD", BlockedName, "AASE KAERGAARD"),
            ("Åse Kaergård", BlockedName, "Åse Kaergård"),
            (
                "x A\u{30a}se Ka\u{308}rga\u{30a}rd y",
                BlockedName,
                "A\u{30a}se Ka\u{308}rga\u{30a}rd",
            ),
            ("Malthe Vindeløvs værelse", BlockedName, "Malthe Vindeløvs"),
            (
                "Malthe Vindeløv's værelse",
                BlockedName,
                "Malthe Vindeløv's",
            ),
            (
                "Malthe Vindeløv\u{2019}s",
                BlockedName,
                "Malthe Vindeløv\u{2019}s",
            ),
            ("MALTHE VINDELOEVS", BlockedName, "MALTHE VINDELOEVS"),
            (
                "\"sagde Malthe\nVindeløv\",x",
                BlockedName,
                "Malthe\nVindeløv",
            ),
            (
                "\"sagde Malthe\r\nVindeløv\",x",
                BlockedName,
                "Malthe\r\nVindeløv",
            ),
            (
                "note: |\n  sagde Malthe\n  Vindeløv i går\n",
                BlockedName,
                "Malthe\n  Vindeløv",
            ),
            (
                "note: >\n  sagde Malthe\n\n  Vindeløv\n",
                BlockedName,
                "Malthe\n\n  Vindeløv",
            ),
            ("Malthe\u{a0}Vindeløv", BlockedName, "Malthe\u{a0}Vindeløv"),
            ("Malthe-Vindeløv", BlockedName, "Malthe-Vindeløv"),
            ("Malthe\tVindeløv", BlockedName, "Malthe\tVindeløv"),
        ];
        for &(text, kind, span) in positives {
            assert_eq!(found(text), vec![(kind, span)], "{text:?}");
        }
        let negatives = [
            "nord-20170314-1",
            "20170314",
            "sag 20170314.",
            "14-03-2017",
            "den 14.03.2017",
            "2017-03-14T18:20",
            "1.234.567 kr",
            "1 234 567 kr",
            "kl. 14:30",
            "14.30-15.10",
            "kl. 14.30 - 15.10",
            "lindely-0001",
            "birkeskraenten-0001,birkeskraenten,B-046,13,2017-01-06T18:39,2017-01-06T18:42,noedvaerge,strfl. § 13,2017-01-06T20:52,2017-01-06,2017-01-07T09:15,yes,0,P-10,ingen,,x",
            "inst-0042-000123",
            "inst-0042,E00012345",
            "23456789-2",
            "Malthe kom",
            "Vindeløv kom",
            "Malthes Vindeløvsk",
            "Maltheo Vindeløv",
            "Malthe, Vindeløv",
            "310499-1234",
            "12.03.2017-1234",
            "12.03.89.1234",
        ];
        for text in negatives {
            assert_eq!(found(text), vec![], "{text:?}");
        }
    }

    #[test]
    fn places_and_spans_are_the_originals() {
        let blocked: Vec<String> = BLOCK.iter().map(|s| s.to_string()).collect();
        // Decomposed letters before the hits: columns count the original's
        // characters, spans its bytes.
        let text =
            "Ka\u{308}re A\u{30a}se\nsagde Malthe\n  Vindeløvs; 23 45 67 89\nA\u{30a}se Kærgård";
        let hits = scan(text, &blocked);
        let got: Vec<_> = hits
            .iter()
            .map(|h| {
                (
                    h.kind,
                    h.pos.line,
                    h.pos.column,
                    &text[h.start..h.end],
                    h.name,
                    h.possessive,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockedName, 2, 7, "Malthe\n  Vindeløvs", Some(0), true),
                (Phone, 3, 14, "23 45 67 89", None, false),
                (BlockedName, 4, 1, "A\u{30a}se Kærgård", Some(1), false),
            ]
        );
        assert_eq!(hits[0].masked, "Ma****↵  *********");
        assert_eq!(
            hits[2].masked.chars().count(),
            text[hits[2].start..hits[2].end].chars().count()
        );
    }

    #[test]
    fn masks_keep_two_and_separators() {
        assert_eq!(mask("120389-1234"), "12****-****");
        assert_eq!(mask("1203891234"), "12********");
        assert_eq!(mask("+45 12 34 56 78"), "+4* ** ** ** **");
        assert_eq!(mask("anna@x.dk"), "an**@*.**");
        assert_eq!(mask("Åse"), "Ås*");
    }

    #[test]
    fn cpr_with_and_without_dash() {
        assert_eq!(
            kinds("Barnet (120389-1234) sagde"),
            vec![(HitKind::Cpr, "12****-****".into(), 1, 9)]
        );
        assert_eq!(
            kinds("x\næø 1203891234."),
            vec![(HitKind::Cpr, "12********".into(), 2, 4)]
        );
    }

    #[test]
    fn invalid_dates_and_longer_runs_are_not_cpr() {
        assert!(kinds("310499-1234").is_empty()); // 31 April
        assert!(kinds("290201-1234").is_empty()); // 29 Feb 1901/2001
        assert_eq!(kinds("290200-1234").len(), 1); // 29 Feb 2000
        assert!(kinds("1203891234567").is_empty());
        assert!(kinds("A120389-1234").is_empty());
        assert!(kinds("120389-12345").is_empty());
        assert!(kinds("120389-1234x").is_empty());
    }

    #[test]
    fn phones_in_their_danish_forms() {
        for t in [
            "ring 23456789",
            "ring 2345 6789",
            "ring 23 45 67 89",
            "ring +4523456789",
            "ring +45 23456789",
            "ring +45 23 45 67 89",
            "ring 004523456789",
            "ring 0045 2345 6789",
        ] {
            let k = kinds(t);
            assert_eq!(k.len(), 1, "{t}: {k:?}");
            assert_eq!(k[0].0, HitKind::Phone, "{t}");
            assert_eq!(k[0].3, 6, "{t}");
        }
        assert_eq!(kinds("ring 23 45 67 89.")[0].1, "23 ** ** **");
    }

    #[test]
    fn times_dates_ids_and_counts_are_not_phones() {
        for t in [
            "E1,a,B1,15,2017-03-04T18:20,2017-03-04T18:25,fastholdelse,§ 9,2017-03-04T21:00,2017-03-05,2017-03-04T22:00,later,2,P1;P2,ingen,,Uro",
            "E00012345,inst-0042,B23456789,23456789a",
            "123456789 og 2345678 og 01234567 og 12345678",
            "23 45 67 89 10",
            "2017 2345 6789",
            "score: 3\nplaces: 12\ndate: 2017-03-04",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            kinds("skriv til anna.b@kommune.dk."),
            vec![(HitKind::Email, "an**.*@*******.**".into(), 1, 11)]
        );
        assert!(kinds("a @ b, x@y, @home, x@y.1").is_empty());
    }

    #[test]
    fn blocked_names_whole_words_any_case() {
        assert_eq!(
            kinds("ÅSE sagde"),
            vec![(HitKind::BlockedName, "ÅS*".into(), 1, 1)]
        );
        assert_eq!(kinds("til åse.")[0].3, 5);
        assert!(kinds("Åsens hus, Kåse").is_empty());
        assert_eq!(kinds("jens  peter kom")[0].1, "je**  *****");
        assert_eq!(kinds("jens\r\npeter kom")[0].1, "je** ↵*****");
        assert!(kinds("Jens kom").is_empty());
    }

    #[test]
    fn redact_masks_every_hit() {
        assert_eq!(
            redact("Åse 120389-1234, 23456789", &["åse".to_string()]),
            "Ås* 12****-****, 23******"
        );
        assert_eq!(redact("intet her", &[]), "intet her");
    }

    #[test]
    fn never_panics_on_edges() {
        for t in [
            "", "@", "+", "+4", "+45", "0045", "1", "é@", "@é.dk", "\u{0}9",
        ] {
            let _ = scan(t, &["é".to_string(), "".to_string(), "-".to_string()]);
        }
    }

    proptest::proptest! {
        #[test]
        fn scan_is_total_and_redact_leaves_nothing(s in "(\\PC|[0-9 +@.\n-]|\u{a0}|\u{30a}|\u{2013}){0,80}") {
            let names = ["Åse".to_string()];
            for h in scan(&s, &names) {
                proptest::prop_assert!(s.is_char_boundary(h.start) && s.is_char_boundary(h.end));
                proptest::prop_assert_eq!(h.masked.chars().count(), s[h.start..h.end].chars().count());
            }
            let r = redact(&s, &names);
            proptest::prop_assert_eq!(scan(&r, &names), vec![]);
        }

        /// The 32-byte check is the byte-by-byte one, wherever in a long
        /// text (in a whole chunk or in the rest) the first high byte is.
        #[test]
        fn below_u0300_is_every_byte_below_0xcc(
            s in "([a-z0-9 ,\\n]{0,40}|ø|æ|\u{2bf}|\u{2c0}|\u{300}|\u{2013}|\u{1f600}){0,12}"
        ) {
            proptest::prop_assert_eq!(below_u0300_only(&s), s.bytes().all(|b| b < 0xCC), "{:?}", s);
        }
    }
}
