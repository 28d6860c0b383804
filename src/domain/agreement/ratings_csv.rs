//! Any ratings as CSV, for `auditpanel agreement --ratings`: the header is
//! exactly `unit,rater,value`, one row per rater and unit, and an empty
//! value is missing. Values are numbers (`3`, `2.5`, `-1`). Units and
//! raters keep the order in which they first appear.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::alpha::ReliabilityData;
use crate::domain::diag::{Diagnostic, Pos};

/// The CSV header, exactly.
pub const RATINGS_HEADER: [&str; 3] = ["unit", "rater", "value"];

/// Reads a ratings CSV. Every bad row is reported (with line and column)
/// and left out; the caller decides whether to go on when there are errors.
pub fn read_ratings_csv<R: Read>(reader: R, path: &Path) -> (ReliabilityData, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut err = |line: u32, column: u32, msg: String| {
        diags.push(Diagnostic::error(path, Pos::new(line, column), msg));
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut units: Vec<String> = Vec::new();
    let mut raters: Vec<String> = Vec::new();
    let mut unit_index: HashMap<String, usize> = HashMap::new();
    let mut rater_index: HashMap<String, usize> = HashMap::new();
    // (unit, rater) -> (value, line of the row)
    let mut cells: HashMap<(usize, usize), (Option<f64>, u32)> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| line_u32(p.line())).unwrap_or(1);
                let stop = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                let msg = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => {
                        "filen er ikke gyldig UTF-8; gem den som UTF-8 og prøv igen".to_string()
                    }
                    // Past the size limit, or a disk error.
                    csv::ErrorKind::Io(io) => crate::domain::load::unreadable(io),
                    _ => {
                        "CSV-linjen kan ikke læses (fejl i citationstegn eller felter); ret linjen"
                            .to_string()
                    }
                };
                err(line, 1, msg);
                if stop {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map(|p| line_u32(p.line())).unwrap_or(1);
        if first {
            first = false;
            let header: Vec<&str> = record
                .iter()
                .map(|f| f.trim_start_matches('\u{feff}').trim())
                .collect();
            if header != RATINGS_HEADER {
                err(
                    line,
                    1,
                    format!(
                        "forkert overskriftslinje; den skal være præcis: {}",
                        RATINGS_HEADER.join(",")
                    ),
                );
                break;
            }
            continue;
        }
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // a blank line
        }
        if record.len() != RATINGS_HEADER.len() {
            err(
                line,
                1,
                format!(
                    "linjen har {} felter, men skal have 3 (unit,rater,value); tjek kommaerne",
                    record.len()
                ),
            );
            continue;
        }
        let fields: [&str; 3] = std::array::from_fn(|i| record.get(i).unwrap_or(""));
        let column = |i: usize| -> u32 {
            let before: usize = fields[..i].iter().map(|f| f.chars().count() + 1).sum();
            u32::try_from(before + 1).unwrap_or(u32::MAX)
        };
        let (unit, rater, raw) = (fields[0].trim(), fields[1].trim(), fields[2].trim());
        let mut ok = true;
        if unit.is_empty() {
            err(line, column(0), "enheden ('unit') mangler".into());
            ok = false;
        }
        if rater.is_empty() {
            err(line, column(1), "bedømmeren ('rater') mangler".into());
            ok = false;
        }
        let value = if raw.is_empty() {
            None
        } else {
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    err(
                        line,
                        column(2),
                        "værdien ('value') er ikke et tal; skriv et tal som 3 eller 2.5, eller lad feltet stå tomt, når værdien mangler".into(),
                    );
                    ok = false;
                    None
                }
            }
        };
        if !ok {
            continue;
        }
        let u = *unit_index.entry(unit.to_string()).or_insert_with(|| {
            units.push(unit.to_string());
            units.len() - 1
        });
        let r = *rater_index.entry(rater.to_string()).or_insert_with(|| {
            raters.push(rater.to_string());
            raters.len() - 1
        });
        if let Some((_, earlier)) = cells.get(&(u, r)) {
            err(
                line,
                1,
                format!(
                    "bedømmeren har allerede en værdi for denne enhed (linje {earlier}); slet den ene af linjerne"
                ),
            );
            continue;
        }
        cells.insert((u, r), (value, line));
    }
    if first {
        err(
            1,
            1,
            format!(
                "filen er tom; den skal mindst have overskriftslinjen: {}",
                RATINGS_HEADER.join(",")
            ),
        );
    }
    let mut data = ReliabilityData::new(units, raters);
    for ((u, r), (v, _)) in cells {
        data.set(u, r, v);
    }
    (data, diags)
}

fn line_u32(l: u64) -> u32 {
    u32::try_from(l).unwrap_or(u32::MAX)
}
