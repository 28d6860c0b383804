//! The export: the audit report as markdown (DOMAIN.md §7, the headings of
//! Auditrapport 18.1) and the scores as CSV, for `auditpanel export` and the
//! app's preview.
//!
//! - `report`: the markdown, a pure function of audit, panel and figures;
//! - `figures`: the magtprofil comparison and agreement per round, and the
//!   number formats;
//! - `markdown`: headings, paragraphs, lists and escaped GitHub tables;
//! - `csv`: `scores.csv`;
//! - `example_session`: the fictitious panel session committed under
//!   `panel/` in the example audit.
//!
//! Nothing is written when the text could identify a child: `report` runs
//! the anonymity scan over its own output and refuses with the place
//! (line:column in the report) and the masked value.

pub mod csv;
pub mod example_session;
pub mod figures;
pub mod markdown;
pub mod report;

pub use figures::{Figure, Figures, RoundFigures};
pub use report::{SECTIONS, render};

use crate::domain::diag::Pos;
use crate::domain::model::Audit;
use crate::domain::panel::PanelData;

/// Why the report was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The report would contain something a child could be recognised by.
    #[error(
        "rapporten blev ikke skrevet: {what} ({masked}) i linje {}:{} i rapporten{}; \
         ret teksten i panel/ eller i sagen, og eksportér igen",
        pos.line,
        pos.column,
        if *more > 0 { format!(" og {more} andre steder") } else { String::new() }
    )]
    Identifying {
        /// Where in the report (line and column, 1-based).
        pos: Pos,
        /// What was found, in Danish ("muligt CPR-nummer").
        what: String,
        /// The value, masked (`12****-****`).
        masked: String,
        /// How many more places were found.
        more: usize,
    },
}

/// The report of `audit` with its panel: computes the figures, renders the
/// markdown and refuses it when the anonymity scan finds anything. This is
/// what `auditpanel export` writes and the app's preview shows.
pub fn report(audit: &Audit, panel: &PanelData) -> Result<String, ExportError> {
    let figures = figures::compute(audit, panel);
    report_with(audit, panel, &figures)
}

/// Like `report`, with figures computed by the caller (the app has them).
pub fn report_with(
    audit: &Audit,
    panel: &PanelData,
    figures: &Figures,
) -> Result<String, ExportError> {
    let text = render(audit, panel, figures);
    refuse_identifying(&text, &audit.config.anonymity.blocked_names)?;
    Ok(text)
}

/// Refuses text in which the anonymity scan finds anything: the first hit
/// with its place and masked value, and how many more there are.
pub fn refuse_identifying(text: &str, blocked: &[String]) -> Result<(), ExportError> {
    let hits = scan(text, blocked);
    match hits.first() {
        None => Ok(()),
        Some(h) => Err(ExportError::Identifying {
            pos: h.pos,
            what: h.what.clone(),
            masked: h.masked.clone(),
            more: hits.len() - 1,
        }),
    }
}

/// One thing the scan found: where, what (in Danish) and the masked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub pos: Pos,
    pub what: String,
    pub masked: String,
}

/// The one place the export meets the anonymity scanner.
///
/// Until `domain::anonymity` lands on main, this looks for CPR numbers
/// (DDMMYY-NNNN with a valid date) and the blocked names only.
fn scan(text: &str, blocked: &[String]) -> Vec<Found> {
    interim::scan(text, blocked)
}

mod interim {
    //! A stand-in for `domain::anonymity::scan` (CPR numbers and blocked
    //! names only), to be replaced by it.
    use super::Found;
    use crate::domain::diag::Pos;

    pub fn scan(text: &str, blocked: &[String]) -> Vec<Found> {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for start in 0..chars.len() {
                if start > 0 && chars[start - 1].is_ascii_digit() {
                    continue;
                }
                if let Some(cpr) = cpr_at(&chars[start..]) {
                    out.push(Found {
                        pos: Pos::new(line_no, col(start)),
                        what: "muligt CPR-nummer".into(),
                        masked: format!("{}****-****", &cpr[..2]),
                    });
                }
            }
            let lower = line.to_lowercase();
            for name in blocked {
                let n = name.to_lowercase();
                if n.is_empty() {
                    continue;
                }
                for (byte, _) in lower.match_indices(&n) {
                    let start = lower[..byte].chars().count();
                    let first: String = name.chars().take(1).collect();
                    out.push(Found {
                        pos: Pos::new(line_no, col(start)),
                        what: "navn fra auditens blokeringsliste".into(),
                        masked: format!("{first}***"),
                    });
                }
            }
        }
        out.sort_by_key(|f| f.pos);
        out
    }

    fn col(start: usize) -> u32 {
        u32::try_from(start + 1).unwrap_or(u32::MAX)
    }

    /// DDMMYY-NNNN (or without the dash) with a valid day and month, not
    /// followed by another digit.
    fn cpr_at(c: &[char]) -> Option<String> {
        let digits = |s: &[char]| s.iter().all(char::is_ascii_digit);
        let (len, dash) = if c.len() >= 11 && c[6] == '-' {
            (11, true)
        } else {
            (10, false)
        };
        if c.len() < len || c.get(len).is_some_and(char::is_ascii_digit) {
            return None;
        }
        let ok = if dash {
            digits(&c[..6]) && digits(&c[7..11])
        } else {
            digits(&c[..10])
        };
        if !ok {
            return None;
        }
        let num =
            |a: usize| c[a].to_digit(10).unwrap_or(0) * 10 + c[a + 1].to_digit(10).unwrap_or(0);
        let (day, month) = (num(0), num(2));
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return None;
        }
        Some(c[..len].iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cpr_number_is_refused_with_its_place_and_masked() {
        let text = "# Rapport\n\nDen unge (CPR 010203-1234) blev hørt.\n";
        let err = refuse_identifying(text, &[]).unwrap_err();
        let ExportError::Identifying {
            pos, masked, more, ..
        } = &err;
        assert_eq!(*pos, Pos::new(3, 15));
        assert_eq!(masked, "01****-****");
        assert_eq!(*more, 0);
        let msg = err.to_string();
        assert!(msg.contains("linje 3:15"), "{msg}");
        assert!(!msg.contains("1234"), "{msg}");
    }

    #[test]
    fn dates_and_counts_are_not_cpr_numbers() {
        assert!(refuse_identifying("2019-12-15, 254 episoder, 0101201234567", &[]).is_ok());
        assert!(refuse_identifying("Malthe Vindeløv", &["Malthe Vindeløv".into()]).is_err());
    }
}
