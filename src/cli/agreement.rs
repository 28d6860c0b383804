//! `auditpanel agreement`: Krippendorff's alpha on the command line, for the
//! panel's scores of an audit (per question, theme, hypothesis and overall)
//! or for any ratings in a `unit,rater,value` CSV. The statistics are in
//! `domain::agreement`; this file reads the arguments and writes JSON or a
//! Danish table that fits 80 columns.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{AgreementArgs, AgreementFormat, Level as CliLevel, dir_or_cwd};
use crate::domain::agreement::{
    Agreement, AgreementReport, BOOTSTRAP_METHOD, BootstrapInfo, BootstrapOptions, GroupAgreement,
    Level, Structure, agreement, audit_report, load_ratings, read_ratings_csv, spreads,
};
use crate::domain::diag::{Diagnostic, Pos};
use crate::domain::load::load_audit;

pub fn run(args: &AgreementArgs) -> anyhow::Result<ExitCode> {
    let level = match args.level {
        CliLevel::Nominal => Level::Nominal,
        CliLevel::Ordinal => Level::Ordinal,
        CliLevel::Interval => Level::Interval,
        CliLevel::Ratio => Level::Ratio,
    };
    let opts = BootstrapOptions::default();
    match &args.ratings {
        Some(path) => run_csv(path, level, &opts, args.format),
        None => run_audit(args, level, &opts),
    }
}

/// The JSON of `--ratings`: the agreement and how the interval was made.
#[derive(Serialize)]
struct RatingsJson<'a> {
    #[serde(flatten)]
    agreement: &'a Agreement,
    rater_names: &'a [String],
    bootstrap: BootstrapInfo,
}

fn run_csv(
    path: &Path,
    level: Level,
    opts: &BootstrapOptions,
    format: AgreementFormat,
) -> anyhow::Result<ExitCode> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            let d = Diagnostic::error(
                path,
                Pos::FILE,
                format!(
                    "filen kan ikke åbnes ({}); tjek stien",
                    super::io_error_da(&e)
                ),
            );
            eprintln!("{d}");
            return Ok(ExitCode::from(1));
        }
    };
    let (data, diags) = read_ratings_csv(BufReader::new(file), path);
    if !diags.is_empty() {
        for d in &diags {
            eprintln!("{d}");
        }
        eprintln!(
            "{} fejl i {}; ret linjerne og kør igen",
            diags.len(),
            path.display()
        );
        return Ok(ExitCode::from(1));
    }
    let result = agreement(&data, level, opts);
    match format {
        AgreementFormat::Json => {
            let json = RatingsJson {
                agreement: &result,
                rater_names: data.raters(),
                bootstrap: bootstrap_info(opts),
            };
            super::print_out(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
        }
        AgreementFormat::Table => super::print_out(&single_table(&result, opts))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_audit(
    args: &AgreementArgs,
    level: Level,
    opts: &BootstrapOptions,
) -> anyhow::Result<ExitCode> {
    let dir = dir_or_cwd(&args.dir);
    let audit = load_audit(&dir);
    if audit.diagnostics.iter().any(Diagnostic::is_error) {
        eprintln!("bemærk: auditmappen har fejl; kør `auditpanel check` for at se dem");
    }
    let ratings = load_ratings(&audit, args.round)?;
    let structure = Structure::from_audit(&audit);
    let report = audit_report(&structure, &ratings, level, opts);
    match args.format {
        AgreementFormat::Json => {
            super::print_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?
        }
        AgreementFormat::Table => {
            let flagged = spreads(&structure, &ratings);
            let n = flagged.iter().filter(|s| s.spread.flagged).count();
            super::print_out(&format!(
                "{}\nSpredning: {n} af {} sager × spørgsmål er markeret (spændvidde ≥ 2,\neller mindst to tilsyn to trin eller mere fra medianen).\n",
                audit_table(&report),
                flagged.len()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn bootstrap_info(opts: &BootstrapOptions) -> BootstrapInfo {
    BootstrapInfo {
        resamples: opts.resamples,
        seed: opts.seed,
        method: BOOTSTRAP_METHOD,
    }
}

/// `0,743`: three decimals with a Danish decimal comma.
fn num(x: f64) -> String {
    format!("{x:.3}").replace('.', ",")
}

/// `+0,031` / `-0,012`.
fn signed(x: f64) -> String {
    format!("{x:+.3}").replace('.', ",")
}

/// Pads or cuts (with `…`) to a display width.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return format!("{s}{}", " ".repeat(width - s.width()));
    }
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(ch);
        w += cw;
    }
    out.push('…');
    w += 1;
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
}

fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

/// The table of one data set.
fn single_table(a: &Agreement, opts: &BootstrapOptions) -> String {
    let mut out = String::new();
    out.push_str(&format!("Krippendorffs alfa, {}\n", a.level.label_da()));
    out.push_str(&format!(
        "Enheder: {} ({} parbare) · bedømmere: {} · parbare værdier: {}\n\n",
        a.units, a.pairable_units, a.raters, a.pairable_values
    ));
    match (a.alpha, a.undefined) {
        (Some(alpha), _) => {
            out.push_str(&format!(
                "α = {}  ({})\n",
                num(alpha),
                a.interpretation.unwrap_or("")
            ));
            if let Some(ci) = &a.ci {
                out.push_str(&format!(
                    "95 %-interval: {} – {}  (bootstrap, {} gentrækninger, frø {})\n",
                    num(ci.lower),
                    num(ci.upper),
                    opts.resamples,
                    opts.seed
                ));
                out.push_str(&format!("P(α < 0,667) = {}\n", num(ci.p_below_0667)));
            }
        }
        (None, Some(why)) => out.push_str(&format!("α er ikke defineret: {why}\n")),
        (None, None) => out.push_str("α er ikke defineret\n"),
    }
    if !a.leave_one_out.is_empty() {
        out.push_str("\nUden én bedømmer (hvem driver uenigheden?)\n");
        out.push_str(&leave_one_out_rows(a, "bedømmer"));
    }
    out
}

fn leave_one_out_rows(a: &Agreement, who: &str) -> String {
    let mut out = format!(
        "  {}{}{}\n",
        fit(who, 40),
        right("α uden", 9),
        right("ændring", 10)
    );
    for l in &a.leave_one_out {
        let (alpha, change) = match (l.alpha, l.change, l.undefined) {
            (Some(x), Some(c), _) => (num(x), signed(c)),
            (Some(x), None, _) => (num(x), "–".to_string()),
            (None, _, Some(why)) => ("–".to_string(), why.reason_da().to_string()),
            (None, _, None) => ("–".to_string(), "–".to_string()),
        };
        let change = if change.width() > 10 {
            format!(" {change}")
        } else {
            right(&change, 10)
        };
        out.push_str(&format!(
            "  {}{}{}\n",
            fit(&l.rater, 40),
            right(&alpha, 9),
            change
        ));
    }
    out
}

const LABEL_W: usize = 22;

/// One row of the audit table: label, α, interval, P(α < 0,667), reading.
fn group_row(label: &str, a: &Agreement) -> String {
    let (alpha, ci, p, reading) = match a.alpha {
        Some(x) => (
            num(x),
            a.ci.as_ref()
                .map(|c| format!("{} – {}", num(c.lower), num(c.upper)))
                .unwrap_or_else(|| "–".into()),
            a.ci.as_ref()
                .map(|c| num(c.p_below_0667))
                .unwrap_or_else(|| "–".into()),
            a.interpretation.unwrap_or("").to_string(),
        ),
        None => (
            "–".into(),
            "–".into(),
            "–".into(),
            a.undefined.map(|u| u.reason_da()).unwrap_or("").to_string(),
        ),
    };
    format!(
        "{}{}{}{}  {}\n",
        fit(label, LABEL_W),
        right(&alpha, 8),
        right(&ci, 18),
        right(&p, 11),
        fit(&reading, 80 - LABEL_W - 8 - 18 - 11 - 2).trim_end()
    )
}

/// The table of an audit's agreement report.
fn audit_table(r: &AgreementReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Enighed mellem tilsynene: Krippendorffs alfa, {}\n",
        r.level.label_da()
    ));
    out.push_str(&format!(
        "{} tilsyn, {} sager. Bootstrap: {} gentrækninger af enheder med\ntilbagelægning, frø {}; 95 %-interval = 2,5- og 97,5-percentilen.\n\n",
        r.raters.len(),
        r.cases.len(),
        r.bootstrap.resamples,
        r.bootstrap.seed
    ));
    out.push_str(&format!(
        "{}{}{}{}  {}\n",
        fit("", LABEL_W),
        right("α", 8),
        right("95 %-interval", 18),
        right("P(α<0,667)", 11),
        "vurdering"
    ));
    out.push_str(&group_row("Samlet", &r.overall.agreement));
    let section = |out: &mut String, title: &str, groups: &[GroupAgreement]| {
        if groups.is_empty() {
            return;
        }
        out.push_str(&format!("{title}\n"));
        for g in groups {
            out.push_str(&group_row(&format!("  {}", g.id), &g.agreement));
        }
    };
    section(&mut out, "Hypoteser", &r.hypotheses);
    section(&mut out, "Temaer", &r.themes);
    section(&mut out, "Spørgsmål", &r.questions);
    let mut loo = vec![("samlet".to_string(), &r.overall.agreement)];
    loo.extend(
        r.hypotheses
            .iter()
            .map(|h| (format!("hypotese {}", h.id), &h.agreement)),
    );
    for (name, a) in loo {
        if a.leave_one_out.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\nUden ét tilsyn, {name} (hvem driver uenigheden?)\n"
        ));
        out.push_str(&leave_one_out_rows(a, "tilsyn"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::{HypothesisRef, QuestionRef, Rating};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn audit_table_fits_80_columns() {
        let q = |id: &str, theme: &str| QuestionRef {
            id: id.into(),
            theme: theme.into(),
        };
        let structure = Structure {
            raters: vec!["nord".into(), "hovedstaden".into(), "syd".into()],
            cases: vec!["c1".into(), "c2".into(), "c3".into()],
            questions: vec![q("q1", "magtanvendelse"), q("q2", "paedagogisk-indsats")],
            hypotheses: vec![HypothesisRef {
                id: "h1".into(),
                themes: vec!["magtanvendelse".into()],
            }],
        };
        let mut ratings = Vec::new();
        for (c, case) in ["c1", "c2", "c3"].iter().enumerate() {
            for (r, rater) in ["nord", "hovedstaden", "syd"].iter().enumerate() {
                // q1 varies; q2 is 3 everywhere (no variation).
                for (question, value) in [("q1", 1 + ((c + r) % 3) as u8), ("q2", 3)] {
                    ratings.push(Rating {
                        case: case.to_string(),
                        question: question.into(),
                        rater: rater.to_string(),
                        value: Some(value),
                    });
                }
            }
        }
        let report = audit_report(
            &structure,
            &ratings,
            Level::Ordinal,
            &BootstrapOptions::default(),
        );
        let text = audit_table(&report);
        assert!(text.lines().all(|l| l.width() <= 80), "{text}");
        assert!(
            text.starts_with("Enighed mellem tilsynene: Krippendorffs alfa, ordinalt niveau\n")
        );
        let q2 = text.lines().find(|l| l.starts_with("  q2")).unwrap();
        assert!(q2.ends_with("ingen variation"), "{q2}");
        assert!(text.contains("\nUden ét tilsyn, hypotese h1 (hvem driver uenigheden?)\n"));
    }
}
