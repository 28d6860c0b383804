//! Anonymity: finding what a child could be recognised by in raw text — CPR
//! numbers, Danish phone numbers, e-mail addresses and the names on the
//! audit's own block list — and masking it (`12****-****`).
//!
//! The scanner works on the raw text, line by line, so every hit carries a
//! line and a column (counted in characters). It is built for national
//! exports of a million rows: one pass over the bytes, and only digits, `@`
//! and the first letters of blocked names get a closer look.
//!
//! The value found is never returned in full: a [`Hit`] holds only its masked
//! form and where it stands. `check` turns hits into errors, the export
//! refuses to write text with hits, and the app shows text through [`redact`].

use chrono::NaiveDate;

use super::diag::Pos;

/// What kind of identifying value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A CPR number `DDMMYY-NNNN` or `DDMMYYNNNN` with a valid date.
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
    /// Byte offsets of the value in the scanned text (for [`redact`]).
    pub start: usize,
    pub end: usize,
}

/// Masks a value: keeps the first two characters, replaces every other
/// letter or digit with `*`, keeps separators. `120389-1234` → `12****-****`.
pub fn mask(value: &str) -> String {
    value
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < 2 || !c.is_alphanumeric() {
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

/// A blocked name, folded for comparison.
struct Name {
    /// The name as lowercase words.
    words: Vec<Vec<char>>,
}

/// A scanner prepared for one block list; reuse it over many texts.
pub struct Scanner {
    names: Vec<Name>,
    /// Bytes that start a closer look: digits, `@`, `+`, newline and the
    /// first UTF-8 byte of each blocked name's first letter in any case.
    interesting: [bool; 256],
    /// The UTF-8 encodings of the blocked names' first letters in every case.
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
        interesting[usize::from(b'\n')] = true;
        let mut names = Vec::new();
        let mut first_letters: Vec<Vec<u8>> = Vec::new();
        for n in blocked {
            let words: Vec<Vec<char>> = n
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            let Some(first) = n.chars().find(|c| c.is_alphanumeric()) else {
                continue;
            };
            let mut buf = [0u8; 4];
            for variant in first
                .to_lowercase()
                .chain(first.to_uppercase())
                .chain(std::iter::once(first))
            {
                let enc = variant.encode_utf8(&mut buf).as_bytes();
                interesting[usize::from(enc[0])] = true;
                if !first_letters.iter().any(|f| f == enc) {
                    first_letters.push(enc.to_vec());
                }
            }
            names.push(Name { words });
        }
        Scanner {
            names,
            interesting,
            first_letters,
        }
    }

    /// Every identifying value in `text`, in order.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let b = text.as_bytes();
        let mut hits = Vec::new();
        let mut line: u32 = 1;
        let mut line_start = 0usize;
        let mut i = 0usize;
        while i < b.len() {
            let c = b[i];
            if !self.interesting[usize::from(c)] {
                i += 1;
                continue;
            }
            let found = match c {
                b'\n' => {
                    line = line.saturating_add(1);
                    line_start = i + 1;
                    i += 1;
                    continue;
                }
                b'0'..=b'9' => {
                    // Most digit runs are parts of times, dates and ids: rule
                    // them out on their length before looking closer.
                    let run = digit_run(b, i);
                    let next = b.get(i + run).copied();
                    let candidate = match run {
                        2 | 4 => next == Some(b' '),
                        6 => next == Some(b'-'),
                        8 | 10 | 12 => true,
                        _ => false,
                    };
                    if candidate && word_start(b, i) {
                        digits_at(b, i)
                    } else {
                        i += run;
                        continue;
                    }
                }
                b'@' => email_at(b, i),
                b'+' => plus45_at(b, i),
                _ => self.name_at(text, i),
            };
            match found {
                Some((kind, start, end)) => {
                    let column = text[line_start..start].chars().count() + 1;
                    hits.push(Hit {
                        pos: Pos::new(line, u32::try_from(column).unwrap_or(u32::MAX)),
                        kind,
                        masked: mask(&text[start..end]),
                        start,
                        end,
                    });
                    // A hit never spans a newline, so the line count holds.
                    i = end.max(i + 1);
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
        hits
    }

    /// A blocked name starting at byte `i` (a word start), as (kind, start, end).
    fn name_at(&self, text: &str, i: usize) -> Option<(HitKind, usize, usize)> {
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
            .filter_map(|n| match_name(rest, n).map(|len| (HitKind::BlockedName, i, i + len)))
            .max_by_key(|&(_, _, end)| end)
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
    b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
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

/// A CPR or phone number starting with the digit at `i` (a word start).
fn digits_at(b: &[u8], i: usize) -> Option<(HitKind, usize, usize)> {
    let run = digit_run(b, i);
    let after = i + run;
    // CPR without dash.
    if run == 10 && word_end(b, after) && valid_cpr_date(&b[i..i + 6]) {
        return Some((HitKind::Cpr, i, after));
    }
    // CPR with dash.
    if run == 6 && b.get(after) == Some(&b'-') {
        let run2 = digit_run(b, after + 1);
        let end = after + 1 + run2;
        if run2 == 4 && word_end(b, end) && valid_cpr_date(&b[i..i + 6]) {
            return Some((HitKind::Cpr, i, end));
        }
    }
    // 0045 prefix.
    if b[i..].starts_with(b"0045") {
        if run == 12 {
            return national(b, i + 4).map(|end| (HitKind::Phone, i, end));
        }
        if run == 4 && b.get(after) == Some(&b' ') {
            return national(b, after + 1).map(|end| (HitKind::Phone, i, end));
        }
    }
    // A national number preceded by digits and a space is part of a longer
    // number ("2017 1234 5678"), not a phone number.
    if i >= 2 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit() {
        return None;
    }
    national(b, i).map(|end| (HitKind::Phone, i, end))
}

/// `+45` followed by a national number, at the `+` at `i`.
fn plus45_at(b: &[u8], i: usize) -> Option<(HitKind, usize, usize)> {
    if !word_start(b, i) || !b[i + 1..].starts_with(b"45") {
        return None;
    }
    let run = digit_run(b, i + 1);
    if run == 10 {
        return national(b, i + 3).map(|end| (HitKind::Phone, i, end));
    }
    if run == 2 && b.get(i + 3) == Some(&b' ') {
        return national(b, i + 4).map(|end| (HitKind::Phone, i, end));
    }
    None
}

/// A Danish national number at `i`: `12345678`, `1234 5678` or
/// `12 34 56 78`, first digit 2–9, not part of a longer number. Returns its end.
fn national(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i), Some(b'2'..=b'9')) {
        return None;
    }
    let groups: &[&[usize]] = &[&[8], &[4, 4], &[2, 2, 2, 2]];
    'form: for form in groups {
        let mut at = i;
        for (k, &len) in form.iter().enumerate() {
            if k > 0 {
                if b.get(at) != Some(&b' ') {
                    continue 'form;
                }
                at += 1;
            }
            if digit_run(b, at) != len {
                continue 'form;
            }
            at += len;
        }
        if !word_end(b, at) {
            continue;
        }
        // "12 34 56 78 90" is a longer number.
        if b.get(at) == Some(&b' ') && b.get(at + 1).is_some_and(u8::is_ascii_digit) {
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
fn email_at(b: &[u8], i: usize) -> Option<(HitKind, usize, usize)> {
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
    let domain = &b[i + 1..end];
    let dot = domain.iter().rposition(|&c| c == b'.')?;
    let tld = &domain[dot + 1..];
    if dot == 0 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some((HitKind::Email, start, end))
}

/// The byte length of `name` at the start of `rest`, as whole words,
/// ignoring case; words in the name match across any run of non-letters
/// that are spaces or hyphens in the text.
fn match_name(rest: &str, name: &Name) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    for (k, word) in name.words.iter().enumerate() {
        if k > 0 {
            // At least one separator between words.
            let mut any = false;
            while let Some(&(_, c)) = chars.peek() {
                if c == ' ' || c == '-' || c == '\t' {
                    chars.next();
                    any = true;
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
        }
        let mut want = word.iter().peekable();
        while want.peek().is_some() {
            let (_, c) = chars.next()?;
            for f in c.to_lowercase() {
                if want.next() != Some(&f) {
                    return None;
                }
            }
        }
    }
    let end = chars.peek().map(|&(o, _)| o).unwrap_or(rest.len());
    word_end(rest.as_bytes(), end).then_some(end)
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
        fn scan_is_total_and_redact_leaves_nothing(s in "(\\PC|[0-9 +@.\n-]){0,80}") {
            let names = ["Åse".to_string()];
            for h in scan(&s, &names) {
                proptest::prop_assert!(s.is_char_boundary(h.start) && s.is_char_boundary(h.end));
                proptest::prop_assert_eq!(h.masked.chars().count(), s[h.start..h.end].chars().count());
            }
            let r = redact(&s, &names);
            proptest::prop_assert_eq!(scan(&r, &names), vec![]);
        }
    }
}
