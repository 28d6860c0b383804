//! The figures the report shows beside the panel's words: the magtprofil
//! comparison and the agreement per round (per question, theme,
//! hypothesis and overall), computed from the audit and the panel's
//! revealed rounds, and the number formats (decimal comma, fixed decimals)
//! they are printed with.

use std::collections::BTreeSet;

use crate::domain::agreement::{
    self, Agreement, BootstrapOptions, GroupAgreement, Level, NoInterval, NoTest, RaterDifferences,
    Rating, Reliability, Structure,
};
use crate::domain::magtprofil::{self, Comparison, ProfileOptions};
use crate::domain::model::Audit;
use crate::domain::panel::{PanelData, ScoreValue};

/// Everything computed that the report prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    pub comparison: Comparison,
    /// Agreement per revealed round with scores, in round order.
    pub agreement: Vec<RoundFigures>,
    /// Bootstrap resamples and seed behind every interval (fixed, so the
    /// report is byte-identical).
    pub resamples: usize,
    pub seed: u64,
    /// The folder (relative to the report) the Bilag's SVG pictures are
    /// written to (`charts`); `None`: the report has no pictures (printed
    /// to the terminal, or the app's preview).
    pub charts_dir: Option<String>,
}

/// One round's agreement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoundFigures {
    pub round: u32,
    pub overall: Figure,
    /// (hypothesis id, figure), in the audit's order.
    pub hypotheses: Vec<(String, Figure)>,
    /// (theme id, figure), in the order the form first names them.
    pub themes: Vec<(String, Figure)>,
    /// (question id, figure), in form order.
    pub questions: Vec<(String, Figure)>,
}

impl RoundFigures {
    pub fn hypothesis(&self, id: &str) -> Option<&Figure> {
        self.hypotheses
            .iter()
            .find(|(h, _)| h == id)
            .map(|(_, f)| f)
    }
}

/// Krippendorff's alpha of one group with its interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figure {
    /// `None` when undefined (see `undefined`).
    pub alpha: Option<f64>,
    /// The 95 % bootstrap interval.
    pub ci: Option<(f64, f64)>,
    /// Pairable values behind alpha (n).
    pub values: usize,
    /// Why alpha is undefined, in Danish.
    pub undefined: Option<String>,
    /// Why alpha has no interval ("for få data (…)"), when it is defined.
    pub no_interval: Option<NoInterval>,
    /// The Friedman test of systematic differences between the tilsyn
    /// over the group's fully scored cells (say it with
    /// `agreement::rater_differences_sentence_da`).
    pub rater_differences: Option<RaterDifferences>,
    /// Why there is no Friedman test.
    pub rater_differences_reason: Option<NoTest>,
}

impl Figure {
    /// Krippendorff's reading (`domain::agreement`'s words), judged on the
    /// interval's lower limit rounded to three decimals so it matches the
    /// printed figure; "for få data" without an interval.
    pub fn interpretation(&self) -> &'static str {
        self.alpha.map_or("kan ikke beregnes", |_| {
            Reliability::from_lower(self.ci.map(|c| c.0)).label_da()
        })
    }

    fn of(g: &GroupAgreement) -> Self {
        let a: &Agreement = &g.agreement;
        Figure {
            alpha: a.alpha,
            ci: a.ci.as_ref().map(|c| (c.lower, c.upper)),
            values: a.pairable_values,
            undefined: a.undefined.map(|u| u.reason_da().to_string()),
            no_interval: a.no_interval,
            rater_differences: g.rater_differences.clone(),
            rater_differences_reason: g.rater_differences_reason,
        }
    }

    /// The test of systematic differences in plain Danish, from
    /// `domain::agreement`'s sentence builder ("Forskellene mellem
    /// tilsynene er ikke systematiske: Friedman χ² = …, p = …, W = …"),
    /// with each tilsyn that scores harder or softer named by `name`.
    pub fn differences_sentence(&self, name: &dyn Fn(&str) -> String) -> Option<String> {
        match (&self.rater_differences, self.rater_differences_reason) {
            (Some(d), _) => Some(agreement::rater_differences_sentence_da(d, name)),
            (None, Some(why)) => Some(agreement::no_test_sentence_da(why)),
            (None, None) => None,
        }
    }

    /// The headline of the test alone (the summary's short form).
    pub fn differences_headline(&self) -> Option<String> {
        match (&self.rater_differences, self.rater_differences_reason) {
            (Some(d), _) => Some(agreement::rater_differences_headline_da(d)),
            (None, Some(why)) => Some(agreement::no_test_sentence_da(why)),
            (None, None) => None,
        }
    }
}

/// The rounds the report shows: revealed in the session and with at least
/// one value. A blind round that is not revealed stays out of the report.
pub fn shown_rounds(panel: &PanelData) -> Vec<u32> {
    let scored: BTreeSet<u32> = panel
        .scores
        .values()
        .flat_map(|s| {
            s.rounds
                .iter()
                .filter(|(_, cells)| cells.values().any(|e| e.value.is_some()))
                .map(|(r, _)| *r)
        })
        .collect();
    scored
        .into_iter()
        .filter(|r| panel.session.is_revealed(*r))
        .collect()
}

/// Rounds with scores that are not revealed (named in the report).
pub fn hidden_rounds(panel: &PanelData) -> Vec<u32> {
    let shown = shown_rounds(panel);
    let mut out: Vec<u32> = panel
        .scores
        .values()
        .flat_map(|s| {
            s.rounds
                .iter()
                .filter(|(_, cells)| cells.values().any(|e| e.value.is_some()))
                .map(|(r, _)| *r)
        })
        .filter(|r| !shown.contains(r))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// One row for the agreement statistics: (case, question, rater, value),
/// `None` when unscored or "kan ikke vurderes"; cases × questions × tilsyn
/// in the audit's order.
pub fn ratings(
    audit: &Audit,
    panel: &PanelData,
    round: u32,
) -> Vec<(String, String, String, Option<u8>)> {
    let mut rows = Vec::new();
    for case in &audit.cases {
        for q in &audit.form.questions {
            for t in &audit.config.tilsyn {
                // The value in effect in the round: a cell not scored
                // again keeps the round before (as `PanelStore::ratings`,
                // which the app's agreement uses).
                let v = panel
                    .value(round, &t.id, &case.id, &q.id)
                    .and_then(ScoreValue::number);
                rows.push((case.id.clone(), q.id.clone(), t.id.clone(), v));
            }
        }
    }
    rows
}

/// The figures of an audit and its panel.
pub fn compute(audit: &Audit, panel: &PanelData) -> Figures {
    let options = ProfileOptions {
        holidays: audit.config.holidays.clone(),
        ..ProfileOptions::default()
    };
    let comparison = magtprofil::compare(audit, &options, None);
    let agreement = shown_rounds(panel)
        .into_iter()
        .filter_map(|round| agreement_of_round(audit, panel, round))
        .collect();
    Figures {
        comparison,
        agreement,
        resamples: RESAMPLES,
        seed: SEED,
        charts_dir: None,
    }
}

/// Bootstrap resamples and seed: `domain::agreement`'s defaults (1000,
/// seed 2011), fixed so the same audit gives the same report.
pub const RESAMPLES: usize = 1000;
pub const SEED: u64 = agreement::DEFAULT_SEED;

/// The agreement of one round (ordinal alpha, as the 1–5 scale is).
fn agreement_of_round(audit: &Audit, panel: &PanelData, round: u32) -> Option<RoundFigures> {
    let rows: Vec<Rating> = ratings(audit, panel, round)
        .into_iter()
        .map(Rating::from)
        .collect();
    let opts = BootstrapOptions {
        resamples: RESAMPLES,
        seed: SEED,
    };
    let report =
        agreement::audit_report(&Structure::from_audit(audit), &rows, Level::Ordinal, &opts);
    let groups = |gs: &[agreement::GroupAgreement]| -> Vec<(String, Figure)> {
        gs.iter().map(|g| (g.id.clone(), Figure::of(g))).collect()
    };
    Some(RoundFigures {
        round,
        overall: Figure::of(&report.overall),
        hypotheses: groups(&report.hypotheses),
        themes: groups(&report.themes),
        questions: groups(&report.questions),
    })
}

// ------------------------------------------------------------ coverage

/// Who scored how much in one revealed round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub round: u32,
    /// The number of cases in the audit.
    pub cases: usize,
    /// A round limited to the cells that spread in the round before: how
    /// many cells it had (the rest kept their values).
    pub scope: Option<usize>,
    /// Per tilsyn, in the audit's order.
    pub raters: Vec<RaterCoverage>,
}

/// One tilsyn's cases in one round: `complete` has a value (a score or
/// "kan ikke vurderes") on every question of the form, `partly` on some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterCoverage {
    pub rater: String,
    pub complete: usize,
    pub partly: usize,
    /// In a limited round: the round's cells this tilsyn scored in it.
    pub rescored: usize,
}

impl Coverage {
    /// Every tilsyn scored every case completely.
    pub fn is_full(&self) -> bool {
        self.raters.iter().all(|r| r.complete == self.cases)
    }
}

/// The coverage of every round the report shows, in round order.
pub fn coverage(audit: &Audit, panel: &PanelData) -> Vec<Coverage> {
    shown_rounds(panel)
        .into_iter()
        .map(|round| Coverage {
            round,
            cases: audit.cases.len(),
            scope: panel.session.scope(round).map(<[_]>::len),
            raters: audit
                .config
                .tilsyn
                .iter()
                .map(|t| {
                    let (mut complete, mut partly) = (0, 0);
                    for case in &audit.cases {
                        let valued = audit
                            .form
                            .questions
                            .iter()
                            .filter(|q| {
                                panel
                                    .scores
                                    .get(&t.id)
                                    .and_then(|s| s.entry(round, &case.id, &q.id))
                                    .is_some_and(|e| e.value.is_some())
                            })
                            .count();
                        if valued > 0 && valued == audit.form.questions.len() {
                            complete += 1;
                        } else if valued > 0 {
                            partly += 1;
                        }
                    }
                    let rescored = panel.session.scope(round).map_or(0, |cells| {
                        cells
                            .iter()
                            .filter(|c| {
                                panel
                                    .scores
                                    .get(&t.id)
                                    .and_then(|s| s.entry(round, &c.case, &c.question))
                                    .is_some_and(|e| e.value.is_some())
                            })
                            .count()
                    });
                    RaterCoverage {
                        rater: t.id.clone(),
                        complete,
                        partly,
                        rescored,
                    }
                })
                .collect(),
        })
        .collect()
}

/// Whether any tilsyn gave `case` a value in any shown round.
pub fn case_scored(audit: &Audit, panel: &PanelData, case: &str) -> bool {
    shown_rounds(panel).into_iter().any(|round| {
        audit.config.tilsyn.iter().any(|t| {
            audit.form.questions.iter().any(|q| {
                panel
                    .scores
                    .get(&t.id)
                    .and_then(|s| s.entry(round, case, &q.id))
                    .is_some_and(|e| e.value.is_some())
            })
        })
    })
}

// ------------------------------------------------------------ calibration

/// One case and kvalitetsmodel theme: the report's own score beside the
/// panel's mean over the questions tied to the theme (the calibration gap).
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationRow {
    pub case: String,
    pub theme: String,
    pub report_score: u8,
    /// Per shown round: the panel's mean (`None` when nothing was scored)
    /// and the number of scores behind it.
    pub means: Vec<(u32, Option<f64>, usize)>,
}

impl CalibrationRow {
    /// The report's score minus the panel's mean in the last shown round.
    pub fn gap(&self) -> Option<f64> {
        self.means
            .last()
            .and_then(|(_, m, _)| *m)
            .map(|m| f64::from(self.report_score) - m)
    }
}

/// The calibration rows of every case, for each kvalitetsmodel theme that
/// a question of the form is tied to and the case's report scores, in
/// case order and the order the form first names the themes.
pub fn calibration(audit: &Audit, panel: &PanelData) -> Vec<CalibrationRow> {
    let mut themes: Vec<&str> = Vec::new();
    for q in &audit.form.questions {
        if let Some(t) = q.quality_theme.as_deref()
            && !themes.contains(&t)
        {
            themes.push(t);
        }
    }
    let rounds = shown_rounds(panel);
    let mut out = Vec::new();
    for case in &audit.cases {
        for &theme in &themes {
            let Some(report_score) = case.report_score(theme) else {
                continue;
            };
            let means = rounds
                .iter()
                .map(|&round| {
                    let values: Vec<u8> = audit
                        .form
                        .questions
                        .iter()
                        .filter(|q| q.quality_theme.as_deref() == Some(theme))
                        .flat_map(|q| {
                            audit.config.tilsyn.iter().filter_map(|t| {
                                panel
                                    .value(round, &t.id, &case.id, &q.id)
                                    .and_then(ScoreValue::number)
                            })
                        })
                        .collect();
                    let mean = (!values.is_empty()).then(|| {
                        values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64
                    });
                    (round, mean, values.len())
                })
                .collect();
            out.push(CalibrationRow {
                case: case.id.clone(),
                theme: theme.to_string(),
                report_score,
                means,
            });
        }
    }
    out
}

// ------------------------------------------------------------ number formats

/// A decimal with a comma and fixed decimals: `0,612`, `-0,050`.
pub fn dec(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    };
    s.replace('.', ",")
}

/// Alpha with three decimals, or "–".
pub fn alpha(a: Option<f64>) -> String {
    a.map_or_else(|| "–".into(), |a| dec(a, 3))
}

/// A 95 % interval: `0,512 – 0,701`, or "–".
pub fn interval(ci: Option<(f64, f64)>) -> String {
    ci.map_or_else(
        || "–".into(),
        |(l, h)| format!("{} – {}", dec(l, 3), dec(h, 3)),
    )
}

/// An optional rate with two decimals, or "–".
pub fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "–".into(), |r| dec(r, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_a_decimal_comma_and_fixed_decimals() {
        assert_eq!(dec(0.6124, 3), "0,612");
        assert_eq!(dec(-0.0004, 3), "0,000");
        assert_eq!(dec(-0.25, 2), "-0,25");
        assert_eq!(interval(Some((-0.5, 0.75))), "-0,500 – 0,750");
        assert_eq!(alpha(None), "–");
        assert_eq!(rate(Some(15.875)), "15,88");
    }

    #[test]
    fn interpretation_follows_the_printed_figure() {
        let f = |lower| Figure {
            alpha: Some(0.9),
            ci: Some((lower, 0.95)),
            ..Figure::default()
        };
        assert_eq!(f(0.7996).interpretation(), "pålidelig");
        assert_eq!(f(0.6665).interpretation(), "foreløbig");
        assert_eq!(f(0.6664).interpretation(), "ikke pålidelig");
        let no_interval = Figure {
            alpha: Some(0.9),
            ..Figure::default()
        };
        assert_eq!(no_interval.interpretation(), "for få data");
        assert_eq!(Figure::default().interpretation(), "kan ikke beregnes");
    }
}
