//! Control characters in the audit's YAML files (issue 10): a `"\r"`, an
//! escape sequence or a NUL in a case name, an id, a scale label or a
//! question text passes the YAML reader, and then every screen, message and
//! file that shows the name carries it (a `\r` moves the cursor, an ESC
//! starts a terminal command). Names, ids, labels and question texts are
//! one line of printable text; free text (summaries, descriptions,
//! comments) may also break lines and hold tabs. Anything else is an error
//! of `check` at the place of the value.
//!
//! Reads the YAML events (serde-saphyr's own parser), so a value written
//! with escapes (`"a\rb"`, `"\x1b"`) is seen as what it means.

use std::path::Path;

use serde_saphyr::granit_parser::{Event, Parser};

use super::diag::{Diagnostics, Pos};

/// The fields whose text may run over several lines (and hold tabs).
/// Every other value, and every key, is one line.
const FREE_TEXT: &[&str] = &[
    "background",
    "method",
    "intro",
    "help",
    "description",
    "summary",
    "assessment",
    "development_points",
    "attention_points",
    "young_people",
    "background_material",
    "injury",
    "comment",
    "discussion",
    "rationale",
    "guidance",
    "views",
    "remark",
];

/// Whether `c` may stand in a one-line text: no control character, no
/// Unicode line or paragraph separator, no byte-order mark.
fn bad_in_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether `c` may stand in free text: as in a line, but line breaks
/// (`\n`, and `\r` of a Windows line end) and tabs are text.
fn bad_in_text(c: char) -> bool {
    bad_in_line(c) && !matches!(c, '\n' | '\r' | '\t')
}

/// A cheap look at the raw text first: without a control character other
/// than line ends and tabs, a separator, or a backslash (an escape in a
/// double-quoted value), no value can hold one.
fn may_hold_controls(text: &str) -> bool {
    let mut after_cr = false;
    for c in text.chars() {
        if after_cr && c != '\n' {
            return true;
        }
        after_cr = c == '\r';
        if c == '\\' || c == '\t' || (bad_in_line(c) && !matches!(c, '\n' | '\r')) {
            return true;
        }
    }
    after_cr
}

/// How a control character is named in a message: its code point and,
/// for the common ones, what it is.
fn describe(c: char) -> String {
    let what = match c {
        '\r' => " (vognretur)",
        '\n' => " (linjeskift)",
        '\t' => " (tabulator)",
        '\u{0}' => " (NUL)",
        '\u{1b}' => " (escape)",
        '\u{feff}' => " (byte-order mark)",
        '\u{2028}' | '\u{2029}' => " (linjeseparator)",
        _ => "",
    };
    format!("U+{:04X}{what}", u32::from(c))
}

/// Reports every key or value of the YAML `text` (of the file `path`) that
/// holds a character it may not. Text that is not valid YAML is left to
/// the reader, which reports it.
pub fn check_yaml(text: &str, path: &Path, diags: &mut Diagnostics) {
    if !may_hold_controls(text) {
        return;
    }
    // Per open collection: for a mapping, whether the next scalar is a key
    // and the key of the value being read; for a sequence, nothing.
    enum Frame {
        Map { at_key: bool, key: String },
        Seq,
    }
    let mut stack: Vec<Frame> = Vec::new();
    // The nearest mapping key above the current node, and whether a
    // `questions` key is above it (a question's `text` is one line).
    let field = |stack: &[Frame]| -> (String, bool) {
        let mut name = String::new();
        let mut in_questions = false;
        for f in stack.iter().rev() {
            if let Frame::Map { key, .. } = f {
                if name.is_empty() {
                    name = key.clone();
                } else if key == "questions" {
                    in_questions = true;
                }
            }
        }
        (name, in_questions)
    };
    // After a complete node in a mapping, the next scalar is a key again.
    let done = |stack: &mut Vec<Frame>| {
        if let Some(Frame::Map { at_key, .. }) = stack.last_mut() {
            *at_key = true;
        }
    };
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return };
        match event {
            Event::MappingStart(..) => stack.push(Frame::Map {
                at_key: true,
                key: String::new(),
            }),
            Event::SequenceStart(..) => stack.push(Frame::Seq),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                done(&mut stack);
            }
            Event::Scalar(value, ..) => {
                let is_key = matches!(stack.last(), Some(Frame::Map { at_key: true, .. }));
                let pos = Pos::new(
                    u32::try_from(span.start.line()).unwrap_or(u32::MAX),
                    u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
                );
                if is_key {
                    if let Some(c) = value.chars().find(|&c| bad_in_line(c)) {
                        diags.error(
                            path,
                            pos,
                            format!(
                                "en nøgle indeholder styretegnet {}; skriv nøglen uden det",
                                describe(c)
                            ),
                        );
                    }
                    if let Some(Frame::Map { at_key, key }) = stack.last_mut() {
                        *at_key = false;
                        *key = value.into_owned();
                    }
                    continue;
                }
                let (name, in_questions) = field(&stack);
                let free = FREE_TEXT.contains(&name.as_str()) || (name == "text" && !in_questions);
                let bad = if free { bad_in_text } else { bad_in_line };
                if let Some(c) = value.chars().find(|&c| bad(c)) {
                    let what = if free {
                        "styretegn hører ikke hjemme i tekst"
                    } else {
                        "navne, id'er, etiketter og spørgsmål skrives på én linje uden styretegn"
                    };
                    diags.error(
                        path,
                        pos,
                        format!(
                            "feltet '{name}' indeholder styretegnet {}; {what}, så slet det",
                            describe(c)
                        ),
                    );
                }
                done(&mut stack);
            }
            Event::Alias(..) => done(&mut stack),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut d = Diagnostics::new(Path::new(""));
        check_yaml(text, Path::new("case.yaml"), &mut d);
        d.items
            .iter()
            .map(|x| format!("{}:{} {}", x.pos.line, x.pos.column, x.message))
            .collect()
    }

    #[test]
    fn a_carriage_return_in_a_name_is_an_error_at_its_place() {
        let f = found("id: nord-1\nname: \"Bakke\\rhuset\"\nsummary: ok\n");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("2:7 feltet 'name'"), "{f:?}");
        assert!(f[0].contains("U+000D"), "{f:?}");
    }

    #[test]
    fn line_breaks_and_tabs_are_free_text_but_not_a_name() {
        assert!(found("summary: \"a\\r\\nb\\tc\"\ndescription: |\n  a\n  b\n").is_empty());
        assert_eq!(found("name: \"a\\tb\"\n").len(), 1);
        assert_eq!(found("summary: \"a\\x1bb\"\n").len(), 1);
    }

    #[test]
    fn a_question_text_is_one_line_a_hypothesis_text_is_not() {
        let text = "hypotheses:\n  - id: h1\n    text: \"a\\nb\"\nform:\n  questions:\n    - id: q1\n      text: \"a\\nb\"\n";
        let f = found(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("7:"), "{f:?}");
    }

    #[test]
    fn escapes_that_mean_nothing_odd_pass() {
        assert!(found("name: \"a\\\"b\\\\c\"\nlabels: [\"x\", 'y']\n").is_empty());
        assert!(found("name: Bakkehuset\r\nid: x\r\n").is_empty());
    }

    #[test]
    fn every_kind_of_control_character_in_a_label_is_found() {
        for esc in [
            "\\0", "\\a", "\\b", "\\e", "\\v", "\\f", "\\x85", "\\u2028", "\\x7f", "\\x9b",
        ] {
            let f = found(&format!("labels:\n  - \"a{esc}b\"\n"));
            assert_eq!(f.len(), 1, "{esc}: {f:?}");
        }
    }
}
