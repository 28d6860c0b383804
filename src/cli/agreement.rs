//! `auditpanel agreement`: Krippendorff's alpha on the command line, for the
//! panel's scores of an audit (per question, theme, hypothesis and overall)
//! or for any ratings in a `unit,rater,value` CSV. The statistics are in
//! `domain::agreement`; this file reads the arguments and writes JSON or a
//! Danish table that fits 80 columns.

use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{AgreementArgs, AgreementFormat, Level as CliLevel, dir_or_cwd};
use crate::domain::agreement::{
    Agreement, AgreementReport, BOOTSTRAP_METHOD, BootstrapInfo, BootstrapOptions, GroupAgreement,
    Level, NoInterval, NoTest, RaterDifferences, Structure, agreement, audit_report,
    friedman_of_data, load_ratings, no_test_sentence_da, p_text_da, rater_differences_headline_da,
    read_ratings_csv, spreads,
};
use crate::domain::diag::{Diagnostic, Pos};
use crate::domain::load::load_audit;
use crate::domain::read;

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

/// The JSON of `--ratings`: the agreement, how the interval was made and
/// the Friedman test with the units as blocks.
#[derive(Serialize)]
struct RatingsJson<'a> {
    #[serde(flatten)]
    agreement: &'a Agreement,
    rater_names: &'a [String],
    bootstrap: BootstrapInfo,
    rater_differences: Option<&'a RaterDifferences>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rater_differences_reason: Option<NoTest>,
}

fn run_csv(
    path: &Path,
    level: Level,
    opts: &BootstrapOptions,
    format: AgreementFormat,
) -> anyhow::Result<ExitCode> {
    let file = match read::open(path, read::Kind::Ratings) {
        Ok(f) => f,
        Err(e) => {
            let d = Diagnostic::error(path, Pos::FILE, e.message_da());
            crate::errln!("{d}");
            return Ok(ExitCode::from(1));
        }
    };
    let (data, diags) = read_ratings_csv(BufReader::new(file), path);
    if !diags.is_empty() {
        for d in &diags {
            crate::errln!("{d}");
        }
        crate::errln!(
            "{} fejl i {}; ret linjerne og kør igen",
            diags.len(),
            path.display()
        );
        return Ok(ExitCode::from(1));
    }
    let result = agreement(&data, level, opts);
    let test = friedman_of_data(&data, opts);
    match format {
        AgreementFormat::Json => {
            let json = RatingsJson {
                agreement: &result,
                rater_names: data.raters(),
                bootstrap: bootstrap_info(opts),
                rater_differences: test.as_ref().ok(),
                rater_differences_reason: test.as_ref().err().copied(),
            };
            super::out::print(&format!("{}\n", serde_json::to_string_pretty(&json)?))?;
        }
        AgreementFormat::Table => {
            let mut out = single_table(&result, opts);
            out.push_str("\nSystematiske forskelle mellem bedømmerne (enhederne er blokke)\n");
            out.push_str(&friedman_lines(test.as_ref().map_err(|e| *e), ""));
            super::out::print(&out)?
        }
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
        crate::errln!("bemærk: auditmappen har fejl; kør `auditpanel check` for at se dem");
    }
    let ratings = load_ratings(&audit, args.round)?;
    let structure = Structure::from_audit(&audit);
    let report = audit_report(&structure, &ratings, level, opts);
    match args.format {
        AgreementFormat::Json => {
            super::out::print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?
        }
        AgreementFormat::Table => {
            let cells = spreads(&structure, &ratings);
            let n = cells.iter().filter(|s| s.spread.flagged).count();
            let scored = cells.iter().filter(|s| s.spread.count >= 2).count();
            super::out::print(&format!(
                "{}\n{}\n",
                audit_table(&report),
                spread_sentence(n, scored)
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "Spredning i 3 af 22 scorede celler …": counted over the cells (case
/// × question) with scores from at least two tilsyn.
fn spread_sentence(flagged: usize, scored: usize) -> String {
    if scored == 0 {
        return "Spredning: ingen celler (sag × spørgsmål) er scoret af mindst to tilsyn endnu."
            .into();
    }
    wrap80(
        &format!(
            "Spredning i {flagged} af {scored} scorede celler (sag × spørgsmål med scorer fra mindst to tilsyn): spændvidde ≥ 2, eller mindst to tilsyn to trin eller mere fra medianen."
        ),
        "",
    )
    .join("\n")
}

/// The Friedman test in Danish: the headline wrapped to 80 columns, then
/// every rater's mean difference with its interval.
fn friedman_lines(test: Result<&RaterDifferences, NoTest>, indent: &str) -> String {
    let mut out = String::new();
    match test {
        Ok(d) => {
            for l in wrap80(&rater_differences_headline_da(d), indent) {
                out.push_str(&l);
                out.push('\n');
            }
            out.push_str(&format!(
                "{indent}  {}{}{}  {}\n",
                fit("", 16),
                right("forskel", 9),
                right("95 %-interval", 22),
                "over for de andre"
            ));
            for r in &d.per_rater {
                let ci = r.ci.map_or("–".to_string(), |[lo, hi]| {
                    format!("{} – {}", signed(lo), signed(hi))
                });
                let word = match r.direction() {
                    -1 => "hårdere",
                    1 => "mildere",
                    _ => "ikke påviselig forskel",
                };
                out.push_str(&format!(
                    "{indent}  {}{}{}  {word}\n",
                    fit(&r.rater, 16),
                    right(&signed(r.mean_difference), 9),
                    right(&ci, 22)
                ));
            }
        }
        Err(why) => {
            for l in wrap80(&no_test_sentence_da(why), indent) {
                out.push_str(&l);
                out.push('\n');
            }
        }
    }
    out
}

/// One short Friedman line per group: "χ² = 3,214, df = 4, p = 0,523,
/// W = 0,080, n = 22" (with " *" when systematic) or the reason.
fn friedman_short(g: &GroupAgreement) -> String {
    match g.rater_test() {
        Ok(d) => format!(
            "χ² = {}, df = {}, {}, W = {}, n = {}{}",
            num(d.statistic),
            d.df,
            p_text_da(d.p_value),
            num(d.kendall_w),
            d.blocks,
            if d.systematic() { " *" } else { "" }
        ),
        Err(why) => why.reason_da(),
    }
}

/// Words wrapped at 80 columns, each line starting with `indent`.
fn wrap80(text: &str, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = indent.to_string();
    for word in text.split(' ') {
        if line.width() > indent.width() && line.width() + 1 + word.width() > 80 {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
        }
        if line.width() > indent.width() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
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
            match (&a.ci, a.no_interval) {
                (Some(ci), _) => {
                    out.push_str(&format!(
                        "95 %-interval: {} – {}  (BCa-bootstrap, {} gentrækninger, frø {})\n",
                        num(ci.lower),
                        num(ci.upper),
                        opts.resamples,
                        opts.seed
                    ));
                    out.push_str(&format!("P(α < 0,667) = {}\n", num(ci.p_below_0667)));
                }
                (None, Some(why)) => {
                    out.push_str(&format!("Intet interval: {}\n", why.reason_da()))
                }
                (None, None) => {}
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
    // Without an interval the interval column says why and the reading
    // gives the counts: "for få data" · "8 parbare enheder, n = 16".
    let (ci, reading) = match (a.alpha, a.no_interval) {
        (Some(_), Some(NoInterval::TooFewData { units, values })) => (
            "for få data".to_string(),
            NoInterval::counts(units, values, false),
        ),
        (Some(_), Some(NoInterval::Lopsided)) => {
            ("for få data".to_string(), "skæv bootstrap".to_string())
        }
        (Some(_), Some(NoInterval::Off)) => ("–".to_string(), "intet interval".to_string()),
        _ => (ci, reading),
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
        "{} tilsyn, {} sager. BCa-bootstrap: {} gentrækninger af parbare enheder med\ntilbagelægning, frø {}. Interval og vurdering kun med mindst {} parbare\nenheder og {} parbare værdier; vurderingen følger intervallets nedre grænse\n(≥ 0,800 pålidelig, ≥ 0,667 foreløbig, ellers ikke pålidelig).\n\n",
        r.raters.len(),
        r.cases.len(),
        r.bootstrap.resamples,
        r.bootstrap.seed,
        crate::domain::agreement::MIN_PAIRABLE_UNITS,
        crate::domain::agreement::MIN_PAIRABLE_VALUES,
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
    out.push_str("\nSystematiske forskelle mellem tilsynene (Friedman, celler scoret af alle)\n");
    out.push_str(&friedman_lines(r.overall.rater_test(), ""));
    let short = |out: &mut String, title: &str, groups: &[GroupAgreement]| {
        if groups.is_empty() {
            return;
        }
        out.push_str(&format!("{title}\n"));
        for g in groups {
            out.push_str(&fit(&format!("  {}", g.id), LABEL_W));
            let text = friedman_short(g);
            if LABEL_W + text.width() <= 80 {
                out.push_str(&text);
                out.push('\n');
            } else {
                let lines = wrap80(&text, &" ".repeat(LABEL_W));
                out.push_str(lines.join("\n").trim_start());
                out.push('\n');
            }
        }
    };
    short(&mut out, "Hypoteser", &r.hypotheses);
    short(&mut out, "Temaer", &r.themes);
    short(&mut out, "Spørgsmål", &r.questions);
    let any_systematic = r
        .hypotheses
        .iter()
        .chain(&r.themes)
        .chain(&r.questions)
        .any(|g| g.rater_differences.as_ref().is_some_and(|d| d.systematic()));
    if any_systematic {
        out.push_str("* systematiske forskelle (p < 0,05)\n");
    }
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
