//! The anonymisation assistant (`auditpanel anonymise`, and one finding at
//! a time on the app's `!` screen): every anonymity hit in the audit's text
//! files with the replacement it proposes, and writing those replacements.
//!
//! - a CPR number becomes `[CPR-nr. fjernet]`, a phone number
//!   `[tlf. fjernet]`, an e-mail address `[e-mail fjernet]`;
//! - each blocked name becomes a pseudonym that is the same across the whole
//!   audit: `anonymity.pseudonyms` in `audit.yaml` where it names one, else
//!   `Ung A`, `Ung B`, … by the name's place in the block list; the
//!   possessive is kept (`Vindeløvs` → `Ung A's`).
//!
//! Only the hit's bytes change; everything else in the file stays byte for
//! byte (comments, quoting, line ends). A replacement must keep the file
//! readable as what it is: a YAML file keeps its structure (a `[` that would
//! start a list is quoted, a `'` inside a single-quoted scalar doubled) and
//! a CSV file its records and fields; a hit no form can replace safely is
//! left and said. Each file is written atomically. The block list and the
//! pseudonym mapping in `audit.yaml` are the list itself, not a leak, and
//! are left alone (as `check` does).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::anonymity::{HitKind, Scanner};
use super::blocklist::{BlockList, read as read_block_list};
use super::check::audit_text_files;
use super::diag::Pos;
use super::panel::files::write_atomic_bytes;

/// One replacement the assistant proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The file, relative to the audit folder.
    pub file: PathBuf,
    pub pos: Pos,
    pub kind: HitKind,
    /// The value as it may be shown: masked.
    pub masked: String,
    /// What it becomes.
    pub replacement: String,
    /// The value's byte span in the file.
    pub start: usize,
    pub end: usize,
    /// Whether the replacement keeps the file readable; `false`: left for
    /// a person to fix by hand.
    pub safe: bool,
}

/// Every proposal in one file.
#[derive(Debug, Clone, Default)]
pub struct FilePlan {
    /// Relative to the audit folder.
    pub file: PathBuf,
    pub proposals: Vec<Proposal>,
}

/// What an audit's anonymisation would do (or did), file by file.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FilePlan>,
    /// How many text files were scanned.
    pub scanned: usize,
    /// Files that could not be read (relative path, why).
    pub unreadable: Vec<(PathBuf, io::Error)>,
}

impl Plan {
    pub fn proposals(&self) -> impl Iterator<Item = &Proposal> {
        self.files.iter().flat_map(|f| &f.proposals)
    }

    pub fn is_empty(&self) -> bool {
        self.proposals().next().is_none()
    }
}

/// The replacement text of a CPR number, phone number or e-mail address.
pub fn marker(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Cpr => "[CPR-nr. fjernet]",
        HitKind::Phone => "[tlf. fjernet]",
        HitKind::Email => "[e-mail fjernet]",
        HitKind::BlockedName => "[navn fjernet]",
    }
}

/// The pseudonym of each blocked name, in block-list order: the audit's own
/// mapping where it has one, else `Ung A`, `Ung B`, … by the name's place in
/// the list (skipping a letter the mapping already uses).
pub fn pseudonyms(block: &BlockList) -> Vec<String> {
    let given: Vec<&String> = block.pseudonyms.values().collect();
    let mut next = 0usize;
    block
        .names
        .iter()
        .map(|n| {
            if let Some(p) = block.pseudonyms.get(n) {
                return p.clone();
            }
            loop {
                let candidate = format!("Ung {}", letters(next));
                next += 1;
                if !given.contains(&&candidate) {
                    return candidate;
                }
            }
        })
        .collect()
}

/// 0 → A, 25 → Z, 26 → AA, as spreadsheets count columns.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// A pseudonym in the possessive, Danish style: `Ung A's` after a capital
/// letter or digit, `Mads'` after s, x or z, else `Annes`.
fn possessive(name: &str) -> String {
    match name.chars().last() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => format!("{name}'s"),
        Some('s' | 'x' | 'z') => format!("{name}'"),
        _ => format!("{name}s"),
    }
}

/// The whole audit's plan: every text file `check` scans, every hit in it.
pub fn plan(root: &Path) -> Plan {
    let block = read_block_list(root);
    let scanner = Scanner::new(&block.names);
    let names = pseudonyms(&block);
    let files = audit_text_files(root);
    let mut plan = Plan {
        scanned: files.len(),
        ..Plan::default()
    };
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let proposals = propose(&rel, &text, &scanner, &block, &names);
                    if !proposals.is_empty() {
                        plan.files.push(FilePlan {
                            file: rel,
                            proposals,
                        });
                    }
                }
                Err(_) => plan
                    .unreadable
                    .push((rel, io::Error::from(io::ErrorKind::InvalidData))),
            },
            Err(e) => plan.unreadable.push((rel, e)),
        }
    }
    plan
}

/// The proposals for one file's text (`rel`: its path in the audit).
pub fn propose(
    rel: &Path,
    text: &str,
    scanner: &Scanner,
    block: &BlockList,
    names: &[String],
) -> Vec<Proposal> {
    let is_config = rel == Path::new("audit.yaml");
    let mut out: Vec<Proposal> = scanner
        .scan(text)
        .into_iter()
        .filter(|h| {
            !(is_config && h.kind == HitKind::BlockedName && block.lines.contains(&h.pos.line))
        })
        .map(|h| {
            let replacement = match (h.kind, h.name) {
                (HitKind::BlockedName, Some(i)) => {
                    let name = names.get(i).map_or(marker(h.kind), String::as_str);
                    if h.possessive {
                        possessive(name)
                    } else {
                        name.to_string()
                    }
                }
                (kind, _) => marker(kind).to_string(),
            };
            Proposal {
                file: rel.to_path_buf(),
                pos: h.pos,
                kind: h.kind,
                masked: h.masked,
                replacement,
                start: h.start,
                end: h.end,
                safe: true,
            }
        })
        .collect();
    fit_to_format(rel, text, &mut out);
    out
}

/// What a file must stay after replacing: its format's structure.
#[derive(Debug, PartialEq)]
enum Shape {
    /// A scalar, whatever its type (a number may become text).
    Leaf,
    Seq(Vec<Shape>),
    /// A mapping's values' shapes, sorted (a key may be what is replaced).
    Map(Vec<Shape>),
    /// CSV: the number of fields of each record.
    Records(Vec<usize>),
    /// Text with no structure to keep (markdown, plain text).
    Free,
}

impl PartialOrd for Shape {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        format!("{self:?}").partial_cmp(&format!("{other:?}"))
    }
}

/// The structure of `text` read as the file `rel` is (`None`: unreadable).
fn shape(rel: &Path, text: &str) -> Option<Shape> {
    match rel.extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => {
            let options = serde_saphyr::options! {
                duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
            };
            let v: serde_json::Value = serde_saphyr::from_str_with_options(text, options).ok()?;
            Some(json_shape(&v))
        }
        Some("csv") => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut records = Vec::new();
            for rec in r.records() {
                records.push(rec.ok()?.len());
            }
            Some(Shape::Records(records))
        }
        _ => Some(Shape::Free),
    }
}

fn json_shape(v: &serde_json::Value) -> Shape {
    match v {
        serde_json::Value::Array(a) => Shape::Seq(a.iter().map(json_shape).collect()),
        serde_json::Value::Object(m) => {
            let mut values: Vec<Shape> = m.values().map(json_shape).collect();
            values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            Shape::Map(values)
        }
        _ => Shape::Leaf,
    }
}

/// `text` with the proposals' spans replaced (in order, not overlapping).
fn replaced(text: &str, proposals: &[&Proposal]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in proposals {
        out.push_str(&text[at..p.start]);
        out.push_str(&p.replacement);
        at = p.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The forms a replacement may take in a file, in order of preference: as
/// it is; with `'` doubled (inside a single-quoted YAML scalar); in double
/// quotes (a YAML scalar that would otherwise start a list); without its
/// brackets (text after it in a plain YAML scalar).
fn forms(replacement: &str) -> Vec<String> {
    let mut out = vec![replacement.to_string()];
    if replacement.contains('\'') {
        out.push(replacement.replace('\'', "''"));
    }
    if replacement.starts_with('[') {
        out.push(format!("\"{replacement}\""));
        out.push(
            replacement
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
        );
    }
    out
}

/// Makes every proposal keep the file's structure: first all as they are;
/// when that changes the structure, each on its own in the first form that
/// keeps it, or marked not safe.
fn fit_to_format(rel: &Path, text: &str, proposals: &mut [Proposal]) {
    if proposals.is_empty() {
        return;
    }
    // A file that cannot be read now cannot be made worse by text in text.
    let Some(before) = shape(rel, text) else {
        return;
    };
    let all: Vec<&Proposal> = proposals.iter().collect();
    if shape(rel, &replaced(text, &all)).as_ref() == Some(&before) {
        return;
    }
    for p in proposals.iter_mut() {
        let fitting = forms(&p.replacement).into_iter().find(|form| {
            let one = Proposal {
                replacement: form.clone(),
                ..p.clone()
            };
            shape(rel, &replaced(text, &[&one])).as_ref() == Some(&before)
        });
        match fitting {
            Some(form) => p.replacement = form,
            None => p.safe = false,
        }
    }
    // Together they may still clash (rare); then none is applied.
    let safe: Vec<&Proposal> = proposals.iter().filter(|p| p.safe).collect();
    if shape(rel, &replaced(text, &safe)).as_ref() != Some(&before) {
        for p in proposals.iter_mut() {
            p.safe = false;
        }
    }
}

/// What writing one file did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Relative to the audit folder.
    pub file: PathBuf,
    /// The file's bytes before and after.
    pub before: Vec<u8>,
    pub after: Vec<u8>,
    /// How many replacements, per kind.
    pub counts: BTreeMap<HitKind, usize>,
}

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("filen er ændret, siden forslaget blev lavet; kør igen")]
    Changed,
    /// Reading or writing failed (the caller says it in Danish).
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Writes the safe proposals of one file (all from one [`plan`] or
/// [`propose`] of its present text), atomically. Refuses when the file has
/// changed since (a proposal's span would no longer be the value).
pub fn apply_file(root: &Path, plan: &FilePlan) -> Result<Option<Written>, ApplyError> {
    apply_proposals(root, &plan.file, plan.proposals.iter().filter(|p| p.safe))
}

/// Writes one proposal (the app's `!` screen), atomically.
pub fn apply_one(root: &Path, p: &Proposal) -> Result<Option<Written>, ApplyError> {
    if !p.safe {
        return Ok(None);
    }
    apply_proposals(root, &p.file, std::iter::once(p))
}

fn apply_proposals<'a>(
    root: &Path,
    rel: &Path,
    proposals: impl Iterator<Item = &'a Proposal>,
) -> Result<Option<Written>, ApplyError> {
    let proposals: Vec<&Proposal> = proposals.collect();
    if proposals.is_empty() {
        return Ok(None);
    }
    let path = root.join(rel);
    let before = fs::read(&path)?;
    let text = std::str::from_utf8(&before).map_err(|_| ApplyError::Changed)?;
    // Still the same file: every span is still a hit of its kind.
    let block = read_block_list(root);
    let scanner = Scanner::new(&block.names);
    let now = scanner.scan(text);
    let same = proposals.iter().all(|p| {
        now.iter()
            .any(|h| h.start == p.start && h.end == p.end && h.kind == p.kind)
    });
    if !same {
        return Err(ApplyError::Changed);
    }
    let after = replaced(text, &proposals).into_bytes();
    write_atomic_bytes(&path, &after)?;
    let mut counts = BTreeMap::new();
    for p in &proposals {
        *counts.entry(p.kind).or_insert(0) += 1;
    }
    Ok(Some(Written {
        file: rel.to_path_buf(),
        before,
        after,
        counts,
    }))
}

/// Writes every safe proposal of the audit, file by file; returns what was
/// written and, per file not written, why.
pub fn apply(root: &Path, plan: &Plan) -> (Vec<Written>, Vec<(PathBuf, ApplyError)>) {
    let mut written = Vec::new();
    let mut failed = Vec::new();
    for f in &plan.files {
        match apply_file(root, f) {
            Ok(Some(w)) => written.push(w),
            Ok(None) => {}
            Err(e) => failed.push((f.file.clone(), e)),
        }
    }
    (written, failed)
}

/// Undoes one write: puts the bytes before back, atomically, but only when
/// the file is still exactly what the write left.
pub fn undo(root: &Path, w: &Written) -> Result<(), ApplyError> {
    let path = root.join(&w.file);
    let now = fs::read(&path)?;
    if now != w.after {
        return Err(ApplyError::Changed);
    }
    write_atomic_bytes(&path, &w.before).map_err(ApplyError::from)
}

/// The proposal for the anonymity finding at `pos` in `rel` (the app's `!`
/// screen), from the file as it is now.
pub fn proposal_at(root: &Path, rel: &Path, pos: Pos) -> Option<Proposal> {
    let text = fs::read_to_string(root.join(rel)).ok()?;
    let block = read_block_list(root);
    let scanner = Scanner::new(&block.names);
    let names = pseudonyms(&block);
    propose(rel, &text, &scanner, &block, &names)
        .into_iter()
        .find(|p| p.pos == pos)
}
