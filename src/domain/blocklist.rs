//! The anonymity block list (`anonymity.blocked_names` in `audit.yaml`),
//! read first and on its own: a syntax or field error anywhere else in
//! `audit.yaml` must not switch name masking off. When the whole file does
//! not parse, the `anonymity:` section is cut out by its indentation and
//! parsed alone. When even that fails (or there is no `audit.yaml`), the
//! list is unreadable, and the output gates mask every capitalised word
//! pair instead (`mask_name_like`).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::diag::{Diagnostics, Pos};
use super::yaml;

/// The audit's block list, and the lines of `audit.yaml` where its entries
/// stand (names there are the list itself, not a leak).
#[derive(Debug, Default, Clone)]
pub struct BlockList {
    pub names: Vec<String>,
    pub lines: HashSet<u32>,
    /// False when `audit.yaml` is missing or its `anonymity` section cannot
    /// be read: names could then be anywhere, unrecognised.
    pub readable: bool,
    /// `anonymity.pseudonyms`: a blocked name → the pseudonym `anonymise`
    /// writes for it.
    pub pseudonyms: BTreeMap<String, String>,
}

impl BlockList {
    /// A list given in memory (an audit built by a test).
    pub fn of(names: &[String]) -> Self {
        BlockList {
            names: names.to_vec(),
            lines: HashSet::new(),
            readable: true,
            pseudonyms: BTreeMap::new(),
        }
    }
}

/// One line for people when the list could not be read.
pub const UNREADABLE_DA: &str = "bemærk: auditens blokeringsliste (anonymity.blocked_names i audit.yaml) \
     kunne ikke læses; alle navnelignende ordpar (to ord med stort forbogstav) maskeres i meddelelserne";

#[derive(Deserialize)]
struct LenientConfig {
    #[serde(default)]
    anonymity: Option<LenientAnonymity>,
}

#[derive(Deserialize)]
struct LenientAnonymity {
    #[serde(default)]
    blocked_names: Vec<Spanned<String>>,
}

/// The pseudonym mapping, read on its own: a mistake in it never costs the
/// block list.
#[derive(Deserialize)]
struct LenientPseudonyms {
    #[serde(default)]
    anonymity: Option<LenientMapping>,
}

#[derive(Deserialize)]
struct LenientMapping {
    #[serde(default)]
    pseudonyms: BTreeMap<String, Spanned<String>>,
}

/// Reads only the block list of the audit in `root`; the loader reports
/// any other problem with `audit.yaml`.
pub fn read(root: &Path) -> BlockList {
    match super::read::read_bytes(&root.join("audit.yaml"), super::read::Kind::Config) {
        Ok(bytes) => parse(&String::from_utf8_lossy(&bytes)),
        Err(_) => BlockList::default(),
    }
}

/// The block list in the text of an `audit.yaml`.
pub fn parse(text: &str) -> BlockList {
    if let Some(list) = parse_lenient(text, 0) {
        return list;
    }
    match anonymity_section(text) {
        // No `anonymity:` key at all: the list is empty, and that is known.
        None if !text.lines().any(|l| l.starts_with("anonymity")) => BlockList {
            readable: true,
            ..BlockList::default()
        },
        None => BlockList::default(),
        Some((first_line, section)) => parse_lenient(&section, first_line).unwrap_or_default(),
    }
}

/// `text` as YAML with only the block list looked at; lines are shifted by
/// `offset` (the section's place in the whole file).
fn parse_lenient(text: &str, offset: u32) -> Option<BlockList> {
    let mut ignored = Diagnostics::new(Path::new(""));
    let cfg = yaml::parse::<LenientConfig>(text, Path::new("audit.yaml"), &mut ignored)?;
    let entries = cfg.anonymity.map(|a| a.blocked_names).unwrap_or_default();
    let mapping = yaml::parse::<LenientPseudonyms>(text, Path::new("audit.yaml"), &mut ignored)
        .and_then(|p| p.anonymity)
        .map(|a| a.pseudonyms)
        .unwrap_or_default();
    Some(BlockList {
        lines: entries
            .iter()
            .map(|e| &e.referenced)
            .chain(mapping.values().map(|v| &v.referenced))
            .map(|l| Pos::from_saphyr(l).line + offset)
            .collect(),
        pseudonyms: mapping.into_iter().map(|(k, v)| (k, v.value)).collect(),
        names: entries
            .into_iter()
            .map(|e| e.value)
            .filter(|n| !n.trim().is_empty())
            .collect(),
        readable: true,
    })
}

/// The top-level `anonymity:` key with its indented lines, and how many
/// lines of the file come before it.
fn anonymity_section(text: &str) -> Option<(u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("anonymity:") || l.starts_with("anonymity :"))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            let t = l.trim_start();
            !t.is_empty() && !t.starts_with('#') && l.len() == t.len()
        })
        .map_or(lines.len(), |n| start + 1 + n);
    let section = lines[start..end].join("\n");
    Some((u32::try_from(start).unwrap_or(u32::MAX), section + "\n"))
}

/// `text` with every pair of capitalised words masked ("Malthe Vindeløv"
/// → "Ma**** ********"): what the gates do to diagnostics when the block
/// list could not be read.
pub fn mask_name_like(text: &str) -> String {
    let words: Vec<(usize, usize)> = word_spans(text);
    let capital =
        |&(s, _): &(usize, usize)| text[s..].chars().next().is_some_and(|c| c.is_uppercase());
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut i = 0;
    while i + 1 < words.len() {
        let (a, b) = (words[i], words[i + 1]);
        let gap = &text[a.1..b.0];
        if capital(&a)
            && capital(&b)
            && gap.chars().all(|c| c == ' ' || c == '-')
            && !gap.is_empty()
        {
            // A run of capitalised words ("Anna Marie Hansen") is one name.
            let mut j = i + 1;
            while j + 1 < words.len()
                && capital(&words[j + 1])
                && text[words[j].1..words[j + 1].0]
                    .chars()
                    .all(|c| c == ' ' || c == '-')
                && words[j].1 < words[j + 1].0
            {
                j += 1;
            }
            let end = words[j].1;
            out.push_str(&text[at..a.0]);
            out.push_str(&super::anonymity::mask(&text[a.0..end]));
            at = end;
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// Byte spans of the words (runs of letters) in `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_read_despite_errors_elsewhere() {
        let ok = "id: a\nanonymity:\n  blocked_names:\n    - Malthe Vindeløv\n";
        let l = parse(ok);
        assert!(l.readable);
        assert_eq!(l.names, ["Malthe Vindeløv"]);
        assert!(l.lines.contains(&4));
        // An unknown field and a syntax error elsewhere.
        let broken = "id: [a\n'Malthe Vindeløv': 1\nanonymity:\n  blocked_names:\n    - \
                      Malthe Vindeløv\n  # a comment\n\ntitle: x\n";
        let l = parse(broken);
        assert!(l.readable, "{l:?}");
        assert_eq!(l.names, ["Malthe Vindeløv"]);
        assert!(l.lines.contains(&5), "{l:?}");
        // No section at all: an empty list, known to be empty.
        assert!(parse("id: [a\n").readable);
        // A broken section: unreadable.
        let l = parse("id: a\nanonymity:\n  blocked_names: [Malthe\n");
        assert!(!l.readable);
    }

    #[test]
    fn capitalised_pairs_are_masked() {
        assert_eq!(
            mask_name_like("ukendt felt 'Malthe Vindeløv'; tilladte felter er: id"),
            "ukendt felt 'Ma**** ********'; tilladte felter er: id"
        );
        assert_eq!(mask_name_like("Anna Marie Hansen."), "An** ***** ******.");
        assert_eq!(
            mask_name_like("Det er fint. Intet navn"),
            "Det er fint. Intet navn"
        );
        assert_eq!(mask_name_like("kun Ét ord"), "kun Ét ord");
    }
}
