//! The records of an episodes CSV, found with vector compares (`wide`,
//! `memchr`) instead of a byte-at-a-time state machine: on a national
//! export (1,000,000 rows) the `csv` crate's record splitting alone took
//! about half of the magtprofil's time.
//!
//! The grammar is exactly the `csv` crate's for the episodes format
//! ([`super::episodes::csv_reader`]: comma, `"` quotes with `""` inside,
//! records ended by `\n` only, any number of fields), so every file gives
//! the same fields as before; `tests` checks that against the `csv` crate
//! on generated and random input:
//!
//! - a quote opens a quoted field only as the field's first byte; anywhere
//!   else it is an ordinary character;
//! - in a quoted field, `""` is one quote and `,` and `\n` are text; after
//!   the closing quote the field goes on as unquoted text up to `,` or `\n`;
//! - an unclosed quote runs to the end of the file;
//! - empty lines between records are skipped; `\r` is an ordinary byte.
//!
//! One thing differs, on purpose: a record's position (byte and line) is
//! where the record itself starts. The `csv` crate gave the start of the
//! empty lines before it, so a finding in the row after an empty line was
//! reported one line too early.

use std::io::{self, Read};
use std::ops::Range;

/// Where a record starts: its byte offset from the reader's start and its
/// line, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordPos {
    pub byte: u64,
    pub line: u64,
}

/// One record: its fields are `bytes[range]` for each range of `fields`.
/// `bytes` is the line itself when every quoted field in it is plain
/// (`"…"` then a comma or the line's end, no `""` inside: the commas and
/// quotes are left between the ranges), else the fields' text one after
/// the other.
pub struct Record<'a> {
    pub bytes: &'a [u8],
    pub fields: &'a [Range<usize>],
    pub pos: RecordPos,
    /// Whether a field holds a line break (only a quoted field can).
    pub multiline: bool,
}

impl Record<'_> {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn field(&self, i: usize) -> Option<&[u8]> {
        self.fields.get(i).map(|r| &self.bytes[r.clone()])
    }
}

/// Reads records from `R` through a buffer of its own (64 KiB, larger only
/// for a record that does not fit).
pub struct RecordReader<R> {
    src: R,
    buf: Vec<u8>,
    /// `buf[start..end]` is read and not yet handed out.
    start: usize,
    end: usize,
    eof: bool,
    /// The position of `buf[start]`.
    byte: u64,
    line: u64,
    fields: Vec<Range<usize>>,
    scratch: Vec<u8>,
    /// The buffer's size, until a record needs more.
    chunk: usize,
    /// Whether a byte order mark at the very start is still to be skipped.
    bom: bool,
}

/// The buffer: big enough that copying a record's start back to its
/// beginning and parsing it again cost nothing next to reading, small
/// enough to cost nothing for a small case file.
const CHUNK: usize = 1 << 16;

/// What parsing the buffered bytes gave.
enum Step {
    /// `skipped` empty lines, then a record of `len` bytes (its `\n`
    /// included) holding `newlines` line breaks; its fields are in
    /// `fields`, as ranges of the line (`copied` false) or of `scratch`.
    Record {
        skipped: usize,
        len: usize,
        newlines: usize,
        copied: bool,
        multiline: bool,
    },
    /// Only empty lines up to the end of the file.
    End,
    /// The record goes on past the buffered bytes.
    NeedMore,
}

impl<R: Read> RecordReader<R> {
    pub fn new(src: R) -> Self {
        Self::with_chunk(src, CHUNK)
    }

    /// With a buffer of `chunk` bytes (tests use tiny ones, so that records
    /// cross the buffer's end everywhere).
    pub fn with_chunk(src: R, chunk: usize) -> Self {
        RecordReader {
            src,
            buf: Vec::new(),
            start: 0,
            end: 0,
            eof: false,
            byte: 0,
            line: 1,
            fields: Vec::new(),
            scratch: Vec::new(),
            chunk: chunk.max(1),
            bom: true,
        }
    }

    /// The bytes read so far: where the last record handed out ended.
    pub fn consumed(&self) -> u64 {
        self.byte
    }

    /// The line reading has reached (where the next record starts, or the
    /// empty lines before it).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The next record, or `None` at the end of the input.
    pub fn next_record(&mut self) -> io::Result<Option<Record<'_>>> {
        if self.bom {
            self.skip_bom()?;
        }
        loop {
            let data = &self.buf[self.start..self.end];
            match parse(data, self.eof, &mut self.fields, &mut self.scratch) {
                Step::End => {
                    self.start = self.end;
                    return Ok(None);
                }
                Step::NeedMore => self.fill()?,
                Step::Record {
                    skipped,
                    len,
                    newlines,
                    copied,
                    multiline,
                } => {
                    let at = self.start + skipped;
                    let pos = RecordPos {
                        byte: self.byte + skipped as u64,
                        line: self.line + skipped as u64,
                    };
                    self.byte += (skipped + len) as u64;
                    self.line += (skipped + newlines) as u64;
                    self.start = at + len;
                    let bytes = if copied {
                        &self.scratch[..]
                    } else {
                        &self.buf[at..at + len]
                    };
                    return Ok(Some(Record {
                        bytes,
                        fields: &self.fields,
                        pos,
                        multiline,
                    }));
                }
            }
        }
    }

    /// Skips a UTF-8 byte order mark at the start of the input, as the
    /// `csv` crate does (Excel writes one with "CSV UTF-8").
    fn skip_bom(&mut self) -> io::Result<()> {
        const BOM: &[u8] = b"\xef\xbb\xbf";
        while self.end - self.start < BOM.len() && !self.eof {
            self.fill()?;
        }
        if self.buf[self.start..self.end].starts_with(BOM) {
            self.start += BOM.len();
            self.byte += BOM.len() as u64;
        }
        self.bom = false;
        Ok(())
    }

    /// Reads more: keeps the unread bytes, doubles the buffer when they
    /// fill half of it or more (so a long record is parsed again only a
    /// logarithmic number of times), and reads until the buffer is full or
    /// the input ends.
    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() - self.end < self.chunk.div_ceil(2) {
            self.buf.resize(self.buf.len().max(self.chunk) * 2, 0);
        }
        while self.end < self.buf.len() {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// The first record in `data` (which starts where a record may start).
fn parse(data: &[u8], eof: bool, fields: &mut Vec<Range<usize>>, scratch: &mut Vec<u8>) -> Step {
    let skipped = data.iter().take_while(|&&b| b == b'\n').count();
    let rest = &data[skipped..];
    if rest.is_empty() {
        return if eof { Step::End } else { Step::NeedMore };
    }
    let record = |len: usize, newlines: usize, copied: bool, multiline: bool| Step::Record {
        skipped,
        len,
        newlines,
        copied,
        multiline,
    };
    // The fields are ranges of the line itself as long as every quoted
    // field is a plain one ("…" followed by ',' or the line's end, with no
    // "" inside): the usual quoted description needs no copy.
    fields.clear();
    let mut from = 0;
    let mut newlines = 0;
    loop {
        match split_from(rest, from, fields) {
            Line::Plain(end) => return record(end + 1, newlines + 1, false, newlines > 0),
            Line::Open if eof => return record(rest.len(), newlines, false, newlines > 0),
            Line::Open => return Step::NeedMore,
            Line::Quoted { at, field_start } if at == field_start => match plain_quoted(rest, at) {
                PlainQuoted::Field { end, breaks } => {
                    fields.push(at + 1..end);
                    newlines += breaks;
                    match rest.get(end + 1) {
                        Some(b',') => from = end + 2,
                        Some(_) => return record(end + 2, newlines + 1, false, newlines > 0),
                        None if eof => return record(end + 1, newlines, false, newlines > 0),
                        None => return Step::NeedMore,
                    }
                }
                PlainQuoted::NeedMore if !eof => return Step::NeedMore,
                PlainQuoted::NeedMore | PlainQuoted::NotPlain => break,
            },
            Line::Quoted { .. } => break,
        }
    }
    match parse_quoted(rest, eof, fields, scratch) {
        Some((len, inner, terminated)) => {
            record(len, inner + usize::from(terminated), true, inner > 0)
        }
        None => Step::NeedMore,
    }
}

/// What follows a quote that opens a field, at `at`.
enum PlainQuoted {
    /// The closing quote at `end`, followed by ',' or '\n' or nothing
    /// yet; `breaks` line breaks between.
    Field { end: usize, breaks: usize },
    /// No closing quote in the bytes there are.
    NeedMore,
    /// A "" inside, or text after the closing quote: the field is not the
    /// quoted text as it stands.
    NotPlain,
}

fn plain_quoted(data: &[u8], at: usize) -> PlainQuoted {
    let mut i = at + 1;
    let mut breaks = 0;
    loop {
        let Some(k) = memchr::memchr2(b'"', b'\n', &data[i..]) else {
            return PlainQuoted::NeedMore;
        };
        let end = i + k;
        if data[end] == b'\n' {
            breaks += 1;
            i = end + 1;
            continue;
        }
        return match data.get(end + 1) {
            Some(b',' | b'\n') | None => PlainQuoted::Field { end, breaks },
            Some(_) => PlainQuoted::NotPlain,
        };
    }
}

/// A record with a quote somewhere, its fields copied into `scratch`:
/// returns its length (its `\n` included), the line breaks inside its
/// fields and whether a `\n` ends it, or `None` when it goes on past
/// `data` and more can be read.
fn parse_quoted(
    data: &[u8],
    eof: bool,
    fields: &mut Vec<Range<usize>>,
    scratch: &mut Vec<u8>,
) -> Option<(usize, usize, bool)> {
    fields.clear();
    scratch.clear();
    let mut i = 0;
    let mut newlines = 0;
    loop {
        let field_start = scratch.len();
        // The field ends at `i`, before a ',' or '\n' or the end.
        if data.get(i) == Some(&b'"') {
            i += 1;
            loop {
                let Some(q) = memchr::memchr(b'"', &data[i..]) else {
                    // Unclosed: to the end of the file.
                    if !eof {
                        return None;
                    }
                    newlines += count_newlines(&data[i..]);
                    scratch.extend_from_slice(&data[i..]);
                    i = data.len();
                    break;
                };
                let text = &data[i..i + q];
                newlines += count_newlines(text);
                scratch.extend_from_slice(text);
                i += q + 1;
                match data.get(i) {
                    Some(b'"') => {
                        scratch.push(b'"');
                        i += 1;
                    }
                    None if !eof => return None,
                    _ => break,
                }
            }
        }
        // Unquoted text (all of an unquoted field, or what follows a
        // closing quote) up to ',' or '\n'.
        let stop = find_comma_or_newline(&data[i..]).map(|k| i + k);
        let to = match stop {
            Some(k) => k,
            None if eof => data.len(),
            None => return None,
        };
        scratch.extend_from_slice(&data[i..to]);
        fields.push(field_start..scratch.len());
        match data.get(to) {
            Some(b',') => i = to + 1,
            Some(_) => return Some((to + 1, newlines, true)),
            None => return Some((to, newlines, false)),
        }
    }
}

fn count_newlines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// What [`split_from`] found.
enum Line {
    /// The line's '\n' at this offset, its last field pushed.
    Plain(usize),
    /// No '\n' and no quote up to the end of the bytes (the fields so far
    /// are pushed: at the end of the file, that is the record).
    Open,
    /// A quote at `at`, in the field that starts at `field_start` (it opens
    /// a quoted field only where the two are equal).
    Quoted { at: usize, field_start: usize },
}

/// The fields of the line in `data` from offset `from` (where a field
/// starts) pushed to `fields`, split at its commas, up to its end or its
/// first quote. One pass over the line, 32 bytes at a time ([`masks`] of
/// each half), finds the commas and the first `\n` or quote: fields are
/// short, and a `memchr` call per field (or a pass per byte looked for)
/// costs more than the field.
fn split_from(data: &[u8], mut from: usize, fields: &mut Vec<Range<usize>>) -> Line {
    let mut at = from;
    let mut chunks = data[from..].chunks_exact(32);
    for chunk in &mut chunks {
        let (lo, hi) = chunk.split_at(16);
        let (lo_commas, lo_stops) = masks(lo.try_into().unwrap_or([0; 16]));
        let (hi_commas, hi_stops) = masks(hi.try_into().unwrap_or([0; 16]));
        let (commas, stops) = (lo_commas | hi_commas << 16, lo_stops | hi_stops << 16);
        // Only the commas before the line's end (or its first quote).
        let mut c = if stops == 0 {
            commas
        } else {
            commas & ((1 << stops.trailing_zeros()) - 1)
        };
        while c != 0 {
            let k = at + c.trailing_zeros() as usize;
            fields.push(from..k);
            from = k + 1;
            c &= c - 1;
        }
        if stops != 0 {
            return line_end(data, at + stops.trailing_zeros() as usize, from, fields);
        }
        at += 32;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        match b {
            b',' => {
                fields.push(from..at + i);
                from = at + i + 1;
            }
            b'\n' | b'"' => return line_end(data, at + i, from, fields),
            _ => {}
        }
    }
    // No '\n' and no quote up to the end of the bytes.
    fields.push(from..data.len());
    Line::Open
}

/// The line's end or a quote at `k`, the field there from `from`.
fn line_end(data: &[u8], k: usize, from: usize, fields: &mut Vec<Range<usize>>) -> Line {
    if data[k] == b'"' {
        return Line::Quoted {
            at: k,
            field_start: from,
        };
    }
    fields.push(from..k);
    Line::Plain(k)
}

/// Of sixteen bytes: the commas, and the line breaks and quotes, one bit
/// each (bit i for byte i), from a compare of all sixteen at once (`wide`:
/// SSE2 on x86-64, NEON on ARM, plain code elsewhere); the tests hold it
/// equal to a byte-by-byte reference.
#[inline]
fn masks(chunk: [u8; 16]) -> (u32, u32) {
    use wide::u8x16;
    let v = u8x16::new(chunk);
    let eq = |b: u8| v.simd_eq(u8x16::splat(b));
    (eq(b',').to_bitmask(), (eq(b'\n') | eq(b'"')).to_bitmask())
}

/// The first ',' or '\n' in `data`: eight bytes at a time, as fields are
/// short.
fn find_comma_or_newline(data: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = data.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let hits = bytes_equal(w, b',') | bytes_equal(w, b'\n');
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    data[i..]
        .iter()
        .position(|&b| b == b',' || b == b'\n')
        .map(|k| i + k)
}

/// The high bit of every byte of `w` that equals `b`, and no other bit
/// (exact: no false positives from carries).
fn bytes_equal(w: u64, b: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = w ^ (u64::from(b) * 0x0101_0101_0101_0101);
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record as (position, fields), read with `chunk`-byte reads.
    fn ours(input: &[u8], chunk: usize) -> Vec<(RecordPos, Vec<Vec<u8>>)> {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = RecordReader::with_chunk(Chunked(input, chunk), chunk);
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            let fields: Vec<Vec<u8>> = (0..rec.len())
                .map(|i| rec.field(i).unwrap().to_vec())
                .collect();
            assert_eq!(
                rec.multiline,
                fields.iter().any(|f| f.contains(&b'\n')),
                "{:?}",
                String::from_utf8_lossy(input)
            );
            out.push((rec.pos, fields));
        }
        out
    }

    /// The `csv` crate's reader as the episodes format used it before this
    /// module (no header handling, any number of fields, records ended by
    /// '\n' only): the reference these tests compare with.
    fn csv_crate_reader(input: &[u8]) -> csv::Reader<&[u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input)
    }

    /// The same from the `csv` crate, configured as the episodes reader
    /// was, with its positions moved past the empty lines it counted in.
    fn theirs(input: &[u8]) -> Vec<(RecordPos, Vec<Vec<u8>>)> {
        let mut rdr = csv_crate_reader(input);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while rdr.read_byte_record(&mut rec).unwrap() {
            let p = rec.position().unwrap();
            let bom = if p.byte() == 0 && input.starts_with(b"\xef\xbb\xbf") {
                3
            } else {
                0
            };
            let blank = input[(p.byte() + bom) as usize..]
                .iter()
                .take_while(|&&b| b == b'\n')
                .count() as u64;
            let pos = RecordPos {
                byte: p.byte() + bom + blank,
                line: p.line() + blank,
            };
            out.push((pos, rec.iter().map(<[u8]>::to_vec).collect()));
        }
        out
    }

    fn same(input: &[u8]) {
        let want = theirs(input);
        for chunk in [1, 2, 3, 7, 64, CHUNK] {
            assert_eq!(
                ours(input, chunk),
                want,
                "chunk {chunk}, input {:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn hand_picked_inputs_read_as_the_csv_crate_reads_them() {
        for input in [
            "",
            "\n",
            "\n\n\n",
            "a",
            "a\n",
            "a,b\nc,d",
            "a,\n,b\n,\n",
            "\n\na,b\n\n\nc\n",
            "a,b\r\nc\r\n\r\n",
            "\"a,b\",c\n",
            "\"a\nb\",c\nd\n",
            "\"a\"\"b\",\"\"\n",
            "\"a\"b,c\n",
            "\"a\"b\"c,d\n",
            "a\"b,c\"\n",
            "\"unclosed,a\nb,c\n",
            "\"",
            "\"\"",
            "\"\"\"",
            "a,\"b\"",
            "a,\"b\"\n",
            "a,\"b\n",
            ",,,\n",
            "\"x\"\r\n",
            "é,ø\n\"å\nÆ\",\n",
            "\u{feff}id,x\n1,2\n",
            "\u{feff}\"id\",x\n",
            "\u{feff}\n\nid,x\n",
            "\u{feff}",
            "\u{feff}\u{feff}a\n",
            "a\n\u{feff}b\n",
        ] {
            same(input.as_bytes());
        }
    }

    #[test]
    fn the_generated_national_format_reads_as_the_csv_crate_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.csv");
        crate::domain::generate::write_episodes_csv(&path, 7, 5, 2_000).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let want = theirs(&bytes);
        assert_eq!(want.len(), 2_001);
        assert_eq!(ours(&bytes, CHUNK), want);
        assert_eq!(ours(&bytes, 4096), want);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn any_bytes_read_as_the_csv_crate_reads_them(
            input in proptest::collection::vec(
                prop_oneof![
                    Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b'a'), Just(0xc3u8), Just(0xa5u8)
                ],
                0..40,
            )
        ) {
            let want = theirs(&input);
            for chunk in [1, 3, 64] {
                prop_assert_eq!(ours(&input, chunk), want.clone());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]
        /// Long lines (past the 32-byte blocks) of mostly ordinary text,
        /// with quoted fields that are plain, hold "" or line breaks, or
        /// run on after their closing quote.
        #[test]
        fn long_lines_read_as_the_csv_crate_reads_them(
            input in proptest::collection::vec(
                prop_oneof![
                    12 => Just(b'a'), 2 => Just(b','), 1 => Just(b'"'), 1 => Just(b'\n'),
                    1 => Just(b'\r'), 1 => Just(0xc3u8), 1 => Just(0xa5u8)
                ],
                0..300,
            )
        ) {
            let want = theirs(&input);
            for chunk in [1, 7, 64, CHUNK] {
                prop_assert_eq!(ours(&input, chunk), want.clone());
            }
        }
    }

    proptest! {
        /// The sixteen-byte masks are a byte-by-byte look at the bytes,
        /// with the bytes the reader looks for over-represented.
        #[test]
        fn masks_mark_exactly_the_commas_and_the_stops(
            chunk in prop::array::uniform16(prop_oneof![
                Just(b','), Just(b'\n'), Just(b'"'), Just(b'\r'), any::<u8>()
            ])
        ) {
            let (commas, stops) = masks(chunk);
            for (i, &b) in chunk.iter().enumerate() {
                prop_assert_eq!(commas >> i & 1 == 1, b == b',');
                prop_assert_eq!(stops >> i & 1 == 1, b == b'\n' || b == b'"');
            }
            prop_assert_eq!(commas >> 16, 0);
            prop_assert_eq!(stops >> 16, 0);
        }
    }
}
