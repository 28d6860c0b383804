//! YAML reading with serde-saphyr: duplicate keys are errors, unknown fields
//! are errors, and every problem becomes a `Diagnostic` with a place and a
//! Danish sentence. Messages never echo a value from the file, only field
//! names, so nothing from a case can leak through an error.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::diag::{Diagnostics, Pos};

/// Parses `text` as `T`. On failure, reports one error and returns `None`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, diags: &mut Diagnostics) -> Option<T> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(v) => Some(v),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos::from_saphyr(&l))
                .filter(|p| p.line > 0)
                .unwrap_or(Pos::new(1, 1));
            diags.error(path, pos, danish_message(&e.without_snippet().to_string()));
            None
        }
    }
}

/// Turns serde-saphyr's English message into a Danish sentence that says
/// what to do. The location suffix is dropped (the place is in the
/// diagnostic already).
pub fn danish_message(raw: &str) -> String {
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("nøglen '{key}' står to gange i samme afsnit; slet den ene");
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = rest
            .split_once("expected one of ")
            .map(|(_, e)| e.replace('`', ""))
            .or_else(|| {
                rest.split_once("expected ")
                    .map(|(_, e)| e.replace('`', ""))
            });
        return match expected {
            Some(e) => format!("ukendt felt '{field}'; tilladte felter er: {e}"),
            None => format!("ukendt felt '{field}'; slet det eller ret stavningen"),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return format!("feltet '{field}' mangler; tilføj det");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let expected = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map(|(_, e)| e.replace('`', ""))
            .unwrap_or_default();
        return format!("ukendt værdi; brug en af: {expected}");
    }
    if let Some(rest) = msg.strip_prefix("invalid ") {
        let what = rest.split_whitespace().next().unwrap_or("");
        let hint = match what {
            "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => Some("et helt tal"),
            "f32" | "f64" => Some("et tal"),
            "bool" => Some("true eller false"),
            "type:" | "value:" => Some("en anden slags værdi"),
            // "invalid indentation …" and other parser messages: below.
            _ => None,
        };
        if let Some(hint) = hint {
            return format!("forkert type her; forventede {hint}");
        }
    }
    let syntax = [
        (
            "invalid indentation in multiline quoted scalar",
            "et citationstegn er ikke lukket, eller teksten er forkert indrykket; luk citationstegnet",
        ),
        (
            "mapping values are not allowed",
            "et kolon står, hvor det ikke må; sæt teksten i citationstegn eller ret indrykningen",
        ),
        (
            "did not find expected",
            "forkert indrykning eller opbygning; tjek indrykningen og '-' foran punkter i lister",
        ),
        (
            "unclosed bracket",
            "en '[' eller '{' er ikke lukket; luk den",
        ),
        ("found a tab", "tabulator i indrykningen; brug mellemrum"),
        (
            "unknown anchor",
            "henvisning (*navn) til et anker, der ikke findes; ret eller fjern den",
        ),
        ("trailing input", "uventet tekst her; tjek indrykningen"),
    ];
    if msg.contains("budget breached") {
        return "filen er for stor til at læse sikkert (for mange henvisninger *navn, for lange \
                tekster eller for dyb indlejring); del den op, eller skriv teksten ud i stedet for henvisningerne"
            .into();
    }
    if let Some((_, da)) = syntax.iter().find(|(en, _)| msg.contains(en)) {
        return format!("YAML kan ikke læses: {da}");
    }
    if msg.contains("invalid type") || msg.starts_with("expected") {
        return format!(
            "forkert type eller form her ({}); ret værdien",
            sanitize(msg)
        );
    }
    if msg.contains("input contains invalid UTF-8")
        || msg.contains("utf-8")
        || msg.contains("UTF-8")
    {
        return "filen er ikke gyldig UTF-8; gem den som UTF-8".into();
    }
    format!(
        "YAML kan ikke læses: {}; ret opbygningen (indrykning, kolon, citationstegn)",
        sanitize(msg)
    )
}

/// Keeps a parser message but drops anything quoted from the file, which
/// could be a value a child can be recognised by.
fn sanitize(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut in_quote: Option<char> = None;
    for c in msg.chars() {
        match in_quote {
            Some(q) if c == q => {
                in_quote = None;
                out.push('…');
                out.push(c);
            }
            Some(_) => {}
            None if c == '"' => {
                in_quote = Some(c);
                out.push(c);
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct A {
        a: u8,
        b: String,
    }

    fn one(y: &str) -> String {
        let mut d = Diagnostics::new(Path::new(""));
        assert!(parse::<A>(y, Path::new("x.yaml"), &mut d).is_none());
        d.items[0].to_string()
    }

    #[test]
    fn duplicate_key_is_an_error_with_its_place() {
        assert_eq!(
            one("a: 1\nb: x\na: 2\n"),
            "x.yaml:3:1: error: nøglen 'a' står to gange i samme afsnit; slet den ene"
        );
    }

    #[test]
    fn unknown_missing_and_wrong_type() {
        assert!(one("a: 1\nb: x\nc: 3\n").starts_with("x.yaml:3:1: error: ukendt felt 'c'"));
        assert!(one("a: 1\n").contains("feltet 'b' mangler"));
        assert!(one("a: 300\nb: x\n").starts_with("x.yaml:1:4: error: forkert type"));
    }

    #[test]
    fn syntax_errors_in_danish() {
        assert_eq!(
            one("a: \"x\nb: 1\n"),
            "x.yaml:2:1: error: YAML kan ikke læses: et citationstegn er ikke lukket, eller teksten er forkert indrykket; luk citationstegnet"
        );
        let m = one("a: 1\nb: x: c\n");
        assert!(m.contains("et kolon står, hvor det ikke må"), "{m}");
    }
}
