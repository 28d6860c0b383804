//! `auditpanel magtprofil`: every institution's magtprofil from an audit
//! folder, or from a bare episodes CSV (`--episodes`, streamed), as a Danish
//! table for people or as stable JSON / CSV for other tools. Bad rows are
//! reported on stderr as `file:line:column: error: …`; the profile of the
//! valid rows is still printed, and the exit code is then 1.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use unicode_width::UnicodeWidthStr;

use super::{MagtprofilArgs, TableFormat, dir_or_cwd};
use crate::domain::anonymity;
use crate::domain::diag::{Diagnostic, Diagnostics, Pos};
use crate::domain::episodes_xlsx;
use crate::domain::export;
use crate::domain::holidays::Holidays;
use crate::domain::load::{load_audit, load_config};
use crate::domain::magtprofil::{
    self, ALL_TARGETS, Comparison, Profile, ProfileOptions, ProfileSet, target_code,
    target_label_da,
};
use crate::domain::model::{Audit, InterventionType, Target};
use crate::domain::read;
use crate::domain::split::Split;

/// At most this many input errors are printed; the rest are counted.
const MAX_ERRORS_SHOWN: usize = 200;

pub fn run(args: &MagtprofilArgs) -> anyhow::Result<ExitCode> {
    if let (Some(f), Some(t)) = (args.from, args.to)
        && f > t
    {
        bail!("--from ({f}) ligger efter --to ({t}); byt om på datoerne");
    }
    if args.format == TableFormat::Xlsx && args.output.is_none() {
        bail!(
            "--format xlsx skriver en fil; angiv den med -o, fx \
             `auditpanel magtprofil --format xlsx -o magtprofil.xlsx`"
        );
    }
    let options = ProfileOptions {
        from: args.from,
        to: args.to,
        holidays: Vec::new(),
    };
    let (comparison, errors, tilsyn_names) = match &args.episodes {
        Some(path) => {
            let (c, errors) = from_csv(path, &options, args.institution.as_deref())?;
            (c, errors, HashMap::new())
        }
        None => from_audit(
            &dir_or_cwd(&args.dir),
            &options,
            args.institution.as_deref(),
        )?,
    };
    report_errors(&errors);
    let mut buf = Vec::new();
    let sink: Box<dyn Write> = match &args.output {
        Some(_) => Box::new(&mut buf),
        None => Box::new(super::out::Stdout::new()),
    };
    // The JSON of 500 institutions is a million small writes: buffered
    // here, they reach the box (and the gate) in large pieces.
    let mut out = BufWriter::with_capacity(64 * 1024, sink);
    match args.format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &comparison.profiles)?;
            writeln!(out)?;
        }
        TableFormat::Csv => write_csv(&mut out, &comparison)?,
        TableFormat::Table if comparison.profiles.is_empty() && args.episodes.is_none() => {
            writeln!(out, "{}", Audit::NO_EPISODES_DA)?;
        }
        TableFormat::Table => out.write_all(table(&comparison, &tilsyn_names).as_bytes())?,
        TableFormat::Xlsx if comparison.profiles.is_empty() => {
            bail!("{} Der er intet at skrive.", Audit::NO_EPISODES_DA);
        }
        TableFormat::Xlsx => {
            let blocked = match &args.episodes {
                Some(_) => Vec::new(),
                None => load_config(&dir_or_cwd(&args.dir))
                    .map(|c| c.anonymity.blocked_names)
                    .unwrap_or_default(),
            };
            let tables = export::xlsx::magtprofil_tables(&comparison);
            out.write_all(&export::xlsx::workbook(&tables, &blocked)?)?;
        }
    }
    out.flush()?;
    drop(out);
    if let Some(path) = &args.output {
        match args.format {
            // Every cell has passed the scan (`xlsx::workbook`).
            TableFormat::Xlsx => super::out::write_bytes(path, &buf, "")?,
            _ => super::out::write_file(path, &String::from_utf8(buf)?)?,
        }
        crate::errln!("skrev {}", path.display());
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A bare CSV export, streamed, or a workbook (`episodes_xlsx`).
fn from_csv(
    path: &Path,
    options: &ProfileOptions,
    institution: Option<&str>,
) -> anyhow::Result<(Comparison, Vec<Diagnostic>)> {
    let mut diags = Diagnostics::new(Path::new(""));
    let mut set = ProfileSet::new(options, Holidays::DanishDefaults, institution);
    // Only a regular file, read within the limit (`read`): a pipe or a
    // device is an error in the file, like any other.
    match read::open(path, read::Kind::EpisodesCsv) {
        Err(e) if e.is_not_found() => bail!("kan ikke åbne {}; findes filen?", path.display()),
        Err(e) => diags.error(path, Pos::new(1, 1), e.message_da()),
        Ok(_) if episodes_xlsx::is_xlsx(path) => {
            for e in episodes_xlsx::load_xlsx(path, None, &mut diags).1 {
                set.add(&e);
            }
        }
        Ok(_) => {
            // On every core, with the same result as one pass (`domain::split`).
            set = magtprofil::parallel::read_set(
                path,
                options,
                Holidays::DanishDefaults,
                institution,
                Split::auto(),
                &mut diags,
            )
            .with_context(|| format!("kan ikke læse {}", path.display()))?;
        }
    }
    if let Some(id) = institution {
        let seen = set.seen();
        if !seen.iter().any(|s| s == id) {
            bail!(
                "institutionen '{id}' findes ikke i {}; kendte institutioner: {}",
                path.display(),
                known(
                    &seen
                        .iter()
                        .map(|s| anonymity::redact(s, &[]))
                        .collect::<Vec<_>>()
                )
            );
        }
    }
    let mut errors: Vec<Diagnostic> = diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    let mut comparison = set.finish();
    mask_identifying_ids(&mut comparison, path, &mut errors);
    Ok((comparison, errors))
}

/// A bare CSV's institution ids are printed as they are: one that holds a
/// CPR number, a phone number or an e-mail address is masked everywhere
/// in the comparison and reported as an error.
fn mask_identifying_ids(comparison: &mut Comparison, path: &Path, errors: &mut Vec<Diagnostic>) {
    let mask = |id: &mut String| *id = anonymity::redact(id, &[]);
    for p in &mut comparison.profiles {
        let Some(hit) = anonymity::scan(&p.id, &[]).into_iter().next() else {
            continue;
        };
        mask(&mut p.id);
        errors.push(Diagnostic::error(
            path,
            Pos::FILE,
            format!("institutionens id: {}", hit.kind.message_da(&hit.masked)),
        ));
    }
    comparison
        .rank_by_count
        .iter_mut()
        .chain(comparison.rank_by_rate.iter_mut())
        .chain(comparison.lowest.iter_mut())
        .chain(comparison.highest.iter_mut())
        .for_each(mask);
}

/// An audit folder.
fn from_audit(
    dir: &Path,
    options: &ProfileOptions,
    institution: Option<&str>,
) -> anyhow::Result<(Comparison, Vec<Diagnostic>, HashMap<String, String>)> {
    if !dir.is_dir() {
        bail!(
            "{} er ikke en mappe; giv en auditmappe eller brug --episodes FIL.csv (eller FIL.xlsx)",
            dir.display()
        );
    }
    let audit = load_audit(dir);
    if let Some(id) = institution
        && audit.case(id).is_none()
    {
        let ids: Vec<String> = audit.cases.iter().map(|c| c.id.clone()).collect();
        bail!(
            "institutionen '{id}' findes ikke i auditten; kendte institutioner: {}",
            known(&ids)
        );
    }
    // No episode files (an audit on another theme): no profiles, and the
    // table says so once.
    let comparison = if audit.has_episodes() {
        magtprofil::compare(&audit, options, institution)
    } else {
        Comparison::default()
    };
    let errors = audit
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let names = audit
        .config
        .tilsyn
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    Ok((comparison, errors, names))
}

fn known(ids: &[String]) -> String {
    if ids.is_empty() {
        return "(ingen)".into();
    }
    let mut s = ids.iter().take(20).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 20 {
        s.push_str(&format!(" … ({} i alt)", ids.len()));
    }
    s
}

fn report_errors(errors: &[Diagnostic]) {
    for d in errors.iter().take(MAX_ERRORS_SHOWN) {
        crate::errln!("{d}");
    }
    if errors.len() > MAX_ERRORS_SHOWN {
        crate::errln!(
            "… og {} fejl mere; ret dem ovenfor og kør igen",
            errors.len() - MAX_ERRORS_SHOWN
        );
    }
    if !errors.is_empty() {
        crate::errln!(
            "{} fejl i input; magtprofilen nedenfor bygger kun på de gyldige episoder",
            errors.len()
        );
    }
}

// ---------------------------------------------------------------- CSV

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// One row per institution (also `export --format csv`'s magtprofil.csv);
/// month columns are the union of the profiles' months (the same for all
/// in one run, as they share the period).
pub fn write_csv(out: &mut impl Write, c: &Comparison) -> anyhow::Result<()> {
    let mut months: Vec<&String> = c.profiles.iter().flat_map(|p| p.by_month.keys()).collect();
    months.sort();
    months.dedup();
    let mut header: Vec<String> = [
        "id",
        "name",
        "tilsyn",
        "from",
        "to",
        "episodes",
        "children",
        "places",
        "rate_per_place",
        "rate_per_1000_bed_days",
        "rank_by_count",
        "rank_by_rate",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        InterventionType::ALL
            .iter()
            .map(|t| format!("by_type_{}", t.code())),
    );
    header.extend(WEEKDAYS.iter().map(|d| format!("weekday_{d}")));
    header.extend((0..24).map(|h| format!("hour_{h:02}")));
    header.extend(
        months
            .iter()
            .map(|m| format!("month_{}", m.replace('-', "_"))),
    );
    header.extend(
        [
            "holiday",
            "non_holiday",
            "max_per_child",
            "children_over_one_in_a_month",
            "over_3_min",
            "unknown_duration",
            "isolation_limit_minutes",
            "isolation_over_limit",
            "late_registration",
            "unknown_registration",
            "missing_child_statement",
            "parents_not_told",
            "witnessed",
            "unknown_witnesses",
            "staff_two_or_more",
            "months_without_episodes",
            "trend_months_per_half",
            "trend_first_half",
            "trend_second_half",
            "trend_change_percent",
            "trend_direction",
            "trend_fell_to_zero",
        ]
        .map(String::from),
    );
    for t in ALL_TARGETS {
        header.push(format!("target_{}", target_code(t)));
        header.push(format!("target_{}_count", target_code(t)));
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&header)?;
    let opt = |v: Option<String>| v.unwrap_or_default();
    for p in &c.profiles {
        let mut row: Vec<String> = vec![
            p.id.clone(),
            opt(p.name.clone()),
            opt(p.tilsyn.clone()),
            opt(p.from.map(|d| d.to_string())),
            opt(p.to.map(|d| d.to_string())),
            p.episodes.to_string(),
            p.children.to_string(),
            opt(p.places.map(|v| v.to_string())),
            opt(p.rate_per_place.map(|v| v.to_string())),
            opt(p.rate_per_1000_bed_days.map(|v| v.to_string())),
            opt(p.rank_by_count.map(|v| v.to_string())),
            opt(p.rank_by_rate.map(|v| v.to_string())),
        ];
        row.extend(
            InterventionType::ALL
                .iter()
                .map(|t| p.by_type.get(t.code()).copied().unwrap_or(0).to_string()),
        );
        row.extend(p.by_weekday.iter().map(u64::to_string));
        row.extend(p.by_hour.iter().map(u64::to_string));
        row.extend(
            months
                .iter()
                .map(|m| opt(p.by_month.get(*m).map(u64::to_string))),
        );
        let t = p.trend.as_ref();
        row.extend([
            p.holiday.to_string(),
            p.non_holiday.to_string(),
            p.max_per_child.to_string(),
            p.children_over_one_in_a_month.to_string(),
            p.over_3_min.to_string(),
            p.unknown_duration.to_string(),
            opt(p.isolation_limit_minutes.map(|v| v.to_string())),
            p.isolation_over_limit.to_string(),
            p.late_registration.to_string(),
            p.unknown_registration.to_string(),
            p.missing_child_statement.to_string(),
            p.parents_not_told.to_string(),
            p.witnessed.to_string(),
            p.unknown_witnesses.to_string(),
            p.staff_two_or_more.to_string(),
            p.months_without_episodes.to_string(),
            opt(t.map(|t| t.months_per_half.to_string())),
            opt(t.map(|t| t.first_half.to_string())),
            opt(t.map(|t| t.second_half.to_string())),
            opt(t.and_then(|t| t.change_percent).map(|v| v.to_string())),
            opt(t.map(|t| {
                serde_json::to_value(t.direction)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })),
            opt(t.map(|t| t.fell_to_zero.to_string())),
        ]);
        for target in ALL_TARGETS {
            match p.targets.iter().find(|r| r.target == target) {
                Some(r) => {
                    row.push(if r.met { "met" } else { "not_met" }.into());
                    row.push(r.count.to_string());
                }
                None => row.extend([String::new(), String::new()]),
            }
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

// ---------------------------------------------------------------- table

const WIDTH: usize = 80;
const LABEL: usize = 14;
const WEEKDAYS_DA: [&str; 7] = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];

fn boern(n: u64) -> String {
    if n == 1 {
        "1 barn".into()
    } else {
        format!("{n} børn")
    }
}

fn episoder(n: u64) -> String {
    if n == 1 {
        "1 episode".into()
    } else {
        format!("{n} episoder")
    }
}

/// A number with a Danish decimal comma and one decimal.
fn dec(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// `label` then the items joined by " · ", wrapped under the label.
fn line(out: &mut String, label: &str, items: &[String]) {
    let mut cur = format!("{label:<LABEL$}");
    let mut first = true;
    for item in items {
        let sep = if first { "" } else { " · " };
        if !first && cur.width() + sep.width() + item.width() > WIDTH {
            out.push_str(cur.trim_end());
            out.push('\n');
            cur = format!("{:<LABEL$}{item}", "");
        } else {
            cur.push_str(sep);
            cur.push_str(item);
        }
        first = false;
    }
    out.push_str(cur.trim_end());
    out.push('\n');
}

/// Cuts a text to `w` columns, with an ellipsis when cut.
fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if out.width() + 2 > w {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

fn table(c: &Comparison, tilsyn_names: &HashMap<String, String>) -> String {
    let mut out = String::new();
    if c.profiles.is_empty() {
        out.push_str("Ingen institutioner at vise.\n");
        return out;
    }
    for (i, p) in c.profiles.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        profile_block(&mut out, p, tilsyn_names);
    }
    if c.profiles.len() > 1 {
        out.push('\n');
        comparison_block(&mut out, c);
    }
    out
}

fn profile_block(out: &mut String, p: &Profile, tilsyn_names: &HashMap<String, String>) {
    let mut title = format!(
        "Magtprofil: {}",
        if p.id.is_empty() { "(uden id)" } else { &p.id }
    );
    if let Some(n) = &p.name {
        title.push_str(&format!(" · {n}"));
    }
    if let Some(t) = &p.tilsyn {
        title.push_str(&format!(" · {}", tilsyn_names.get(t).unwrap_or(t)));
    }
    let title = fit(&title, WIDTH);
    out.push_str(&title);
    out.push('\n');
    out.push_str(&"─".repeat(title.width()));
    out.push('\n');
    if let (Some(f), Some(t)) = (p.from, p.to) {
        line(out, "Periode", &[format!("{f} – {t}")]);
    }
    let mut basics = vec![episoder(p.episodes), boern(p.children)];
    if let Some(pl) = p.places {
        basics.push(format!("{pl} pladser"));
    }
    line(out, "Omfang", &basics);
    let rates = vec![
        match p.rate_per_place {
            Some(r) => format!("{} pr. plads pr. år", dec(r)),
            None => "pr. plads: ukendt".into(),
        },
        match p.rate_per_1000_bed_days {
            Some(r) => format!("{} pr. 1.000 belægningsdøgn", dec(r)),
            None => "pr. 1.000 belægningsdøgn: ukendt".into(),
        },
    ];
    line(out, "Forholdstal", &rates);
    let types: Vec<String> = InterventionType::ALL
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                t.label_da(),
                p.by_type.get(t.code()).copied().unwrap_or(0)
            )
        })
        .collect();
    line(out, "Type", &types);
    let days: Vec<String> = WEEKDAYS_DA
        .iter()
        .zip(p.by_weekday)
        .map(|(d, n)| format!("{d} {n}"))
        .collect();
    line(out, "Ugedag", &days);
    for (i, chunk) in p.by_hour.chunks(6).enumerate() {
        let label = if i == 0 { "Klokkeslæt" } else { "" };
        let from = i * 6;
        let counts: String = chunk.iter().map(|n| format!("{n:>6}")).collect();
        out.push_str(&format!(
            "{label:<LABEL$}{from:02}–{:02}{counts}\n",
            from + 5
        ));
    }
    let months: Vec<(&String, &u64)> = p.by_month.iter().collect();
    for (i, chunk) in months.chunks(4).enumerate() {
        let label = if i == 0 { "Måned" } else { "" };
        let cells: Vec<String> = chunk.iter().map(|(m, n)| format!("{m} {n:>5}")).collect();
        out.push_str(&format!("{label:<LABEL$}{}\n", cells.join("   ")));
    }
    line(
        out,
        "Ferier",
        &[
            format!("{} i ferieperioder", p.holiday),
            format!("{} uden for", p.non_holiday),
        ],
    );
    line(
        out,
        "Pr. barn",
        &[
            format!("højst {} episoder for ét barn", p.max_per_child),
            format!(
                "{} med mere end én episode i en måned",
                boern(p.children_over_one_in_a_month)
            ),
        ],
    );
    let mut dur = vec![
        format!("{} over 3 minutter", p.over_3_min),
        format!("{} med ukendt varighed", p.unknown_duration),
    ];
    if let Some(lim) = p.isolation_limit_minutes {
        dur.push(format!(
            "{} isolationer over {} timer",
            p.isolation_over_limit,
            lim / 60
        ));
    }
    line(out, "Varighed", &dur);
    line(
        out,
        "Indberetning",
        &[
            format!("{} registreret over 24 timer efter", p.late_registration),
            format!("{} uden registreringstid", p.unknown_registration),
        ],
    );
    line(
        out,
        "Inddragelse",
        &[
            format!("{} uden barnets udtalelse", p.missing_child_statement),
            format!("{} forældre ikke orienteret", p.parents_not_told),
        ],
    );
    line(
        out,
        "Vidner",
        &[
            format!("{} set af andre børn", p.witnessed),
            format!("{} ukendt", p.unknown_witnesses),
        ],
    );
    line(
        out,
        "Personale",
        &[format!(
            "{} medarbejdere i to eller flere episoder",
            p.staff_two_or_more
        )],
    );
    line(
        out,
        "Tomme måneder",
        &[format!(
            "{} måneder uden episoder",
            p.months_without_episodes
        )],
    );
    if let Some(t) = &p.trend {
        let mut items = vec![
            format!("første {} mdr.: {}", t.months_per_half, t.first_half),
            format!("sidste {} mdr.: {}", t.months_per_half, t.second_half),
        ];
        let change = match t.change_percent {
            Some(pc) => format!(
                "{}{} % ({})",
                if pc > 0.0 { "+" } else { "" },
                dec(pc),
                t.direction.label_da()
            ),
            None => t.direction.label_da().to_string(),
        };
        items.push(change);
        if t.fell_to_zero {
            items.push("faldet til nul: spørg ind".into());
        }
        line(out, "Udvikling", &items);
    }
    for (i, r) in p.targets.iter().enumerate() {
        let label = if i == 0 { "Egne mål" } else { "" };
        let mark = if r.met { "✓ nået" } else { "✗ ikke nået" };
        let mut item = format!("{mark}: {} ({})", target_label_da(r.target), r.count);
        let unknown = match r.target {
            Target::NoneOver3Min => p.unknown_duration,
            Target::NoWitnessed => p.unknown_witnesses,
            _ => 0,
        };
        if unknown > 0 {
            item.push_str(&format!(", {unknown} ukendte"));
        }
        line(out, label, &[item]);
    }
}

fn comparison_block(out: &mut String, c: &Comparison) {
    out.push_str("Sammenligning (flest episoder først)\n");
    out.push_str(&"─".repeat(36));
    out.push('\n');
    out.push_str(&format!(
        "{:>4}  {:<28}{:>9}{:>13}{:>15}{:>9}\n",
        "nr.", "institution", "episoder", "pr. plads/år", "pr. 1.000 døgn", "rate-nr."
    ));
    for (i, id) in c.rank_by_count.iter().enumerate() {
        let Some(p) = c.profile(id) else { continue };
        // The name for people; the id (what --institution takes) heads each block.
        let name = match &p.name {
            Some(n) if !n.is_empty() => n.clone(),
            _ if id.is_empty() => "(uden id)".into(),
            _ => id.clone(),
        };
        let name = fit(&name, 27);
        let pad = 28usize.saturating_sub(name.width());
        out.push_str(&format!(
            "{:>4}  {name}{:pad$}{:>9}{:>13}{:>15}{:>9}\n",
            i + 1,
            "",
            p.episodes,
            p.rate_per_place.map(dec).unwrap_or_else(|| "–".into()),
            p.rate_per_1000_bed_days
                .map(dec)
                .unwrap_or_else(|| "–".into()),
            p.rank_by_rate
                .map(|r| r.to_string())
                .unwrap_or_else(|| "–".into()),
        ));
    }
    if let (Some(lo), Some(hi)) = (&c.lowest, &c.highest) {
        let n = |id: &str| c.profile(id).map(|p| p.episodes).unwrap_or(0);
        out.push_str(&format!(
            "\nLavest: {} ({}) · højest: {} ({})\n",
            fit(lo, 20),
            episoder(n(lo)),
            fit(hi, 20),
            episoder(n(hi))
        ));
    }
}
