//! The audit report as markdown (docs/domain.md §7, with the Danish headings of
//! Auditrapport 18.1): Indledning, Audit <id>, Auditpanelets drøftelser,
//! Vurdering af de opstillede arbejdshypoteser, Faglig vejledning,
//! Opfølgningsplan and Bilag (magtprofil, scorematrix, enighed). A pure
//! function of the audit, the panel and the computed figures: the same
//! input gives the same bytes.

use chrono::{Datelike, NaiveDate};

use super::document::Document;
use super::figures::{self, Figure, Figures, dec, interval, rate};
use crate::domain::magtprofil::{Profile, Trend, target_label_da};
use crate::domain::model::{Audit, InstitutionKind, InterventionType, Target};
use crate::domain::panel::{NOT_ASSESSABLE, PanelData, ScoreValue, Topic};

/// The report's headings, in order: the test and the app's preview find
/// the sections by these.
pub const SECTIONS: [&str; 8] = [
    "Sammenfatning",
    "Indledning",
    "Audit",
    "Auditpanelets drøftelser",
    "Vurdering af de opstillede arbejdshypoteser",
    "Faglig vejledning på baggrund af auditeringen",
    "Opfølgningsplan for den faglige vejledning",
    "Bilag",
];

/// The report as a document (rendered to markdown by `markdown::render`,
/// to Word by `docx::render`, and drawn by the app's preview).
pub fn render(audit: &Audit, panel: &PanelData, figures: &Figures) -> Document {
    let mut d = Document::new();
    let cfg = &audit.config;
    d.heading(1, &format!("Auditrapport {} – {}", cfg.id, cfg.title));
    if cfg.fictitious {
        d.note(if audit.has_episodes() {
            "Fiktivt eksempel: institutionerne, tilsynsrapporterne, magtanvendelserne og \
             auditpanelets arbejde i denne rapport er opdigtet. Rapporten viser formen, \
             ikke en virkelig audit."
        } else {
            "Fiktivt eksempel: institutionerne, tilsynsrapporterne og auditpanelets arbejde \
             i denne rapport er opdigtet. Rapporten viser formen, ikke en virkelig audit."
        });
    }
    dates(&mut d, audit);
    sammenfatning(&mut d, audit, panel, figures);
    indledning(&mut d, audit);
    audit_section(&mut d, audit, panel);
    droeftelser(&mut d, audit, panel);
    vurdering(&mut d, audit, panel, figures);
    vejledning(&mut d, panel);
    opfoelgning(&mut d, panel);
    bilag(&mut d, audit, panel, figures);
    d
}

/// The meeting's and the report's dates from `audit.yaml` (never the
/// clock), one per line; nothing when neither is set.
fn dates(d: &mut Document, audit: &Audit) {
    let cfg = &audit.config;
    let mut lines = Vec::new();
    if let Some(m) = cfg.meeting_date {
        lines.push(format!("Auditmøde: {}", date_da(m)));
    }
    if let Some(r) = cfg.report_date {
        lines.push(format!("Rapportens dato: {}", date_da(r)));
    }
    d.para(&lines.join("\n"));
}

// ------------------------------------------------------------ 0 Sammenfatning

/// A short summary in the manner of Socialstyrelsen's reports, generated
/// from the data: what was audited, who took part, how much was scored,
/// each hypothesis's verdict with its agreement, and what came of it.
fn sammenfatning(d: &mut Document, audit: &Audit, panel: &PanelData, figures: &Figures) {
    let cfg = &audit.config;
    d.heading(2, SECTIONS[0]);
    let meeting = cfg.meeting_date.map_or_else(String::new, |m| {
        format!(" på et auditmøde den {}", date_da(m))
    });
    d.para(&format!(
        "Socialstyrelsen har gennemført audit {}{meeting}. Auditten handler om \
         socialtilsynenes tilsyn med {} institutioner, og formålet var at undersøge, om \
         de opstillede arbejdshypoteser holder. {}",
        cfg.id,
        number_da(audit.cases.len()),
        participation(audit)
    ));
    d.para(&format!(
        "Vurderingsskemaet har {} spørgsmål under {} temaer. {}",
        audit.form.questions.len(),
        form_themes(audit).len(),
        coverage_sentence(audit, &figures::coverage(audit, panel))
    ));
    if !audit.hypotheses.is_empty() {
        d.para("Socialstyrelsens vurdering af arbejdshypoteserne:");
        let items: Vec<String> = audit
            .hypotheses
            .iter()
            .enumerate()
            .map(|(i, h)| hypothesis_summary(i, h, panel, figures))
            .collect();
        d.bullets(&items);
    }
    let topics = &panel.topics.topics;
    let prioritised: Vec<String> = topics
        .iter()
        .filter(|t| t.prioritised)
        .map(|t| t.title.clone())
        .collect();
    let mut closing = Vec::new();
    if !topics.is_empty() {
        closing.push(format!(
            "Auditpanelet listede {} tværgående emner og prioriterede {} til videre \
             drøftelse{}.",
            topics.len(),
            prioritised.len(),
            if prioritised.is_empty() {
                String::new()
            } else {
                format!(": {}", join_and(&prioritised))
            }
        ));
    }
    let guidance = panel.conclusions.guidance.len();
    let followup = panel.conclusions.followup.len();
    closing.push(format!(
        "På den baggrund giver Socialstyrelsen {} faglig vejledning, og \
         opfølgningsplanen har {}.",
        match guidance {
            0 => "endnu ingen punkter".to_string(),
            1 => "ét punkt med".to_string(),
            n => format!("{n} punkter med"),
        },
        match followup {
            0 => "endnu ingen tiltag".to_string(),
            1 => "ét tiltag".to_string(),
            n => format!("{n} tiltag"),
        }
    ));
    d.para(&closing.join(" "));
}

/// "Alle fem socialtilsyn deltog, i alt 16 personer." (or who did).
fn participation(audit: &Audit) -> String {
    let cfg = &audit.config;
    let total: u32 = cfg.participants.iter().map(|p| p.count).sum();
    let present: Vec<String> = cfg
        .tilsyn
        .iter()
        .filter(|t| {
            cfg.participants
                .iter()
                .any(|p| p.tilsyn == t.id && p.count > 0)
        })
        .map(|t| t.name.clone())
        .collect();
    if present.is_empty() {
        return "Deltagerne er ikke angivet i audit.yaml.".into();
    }
    if present.len() == cfg.tilsyn.len() {
        format!(
            "Alle {} socialtilsyn deltog, i alt {total} personer.",
            number_da(cfg.tilsyn.len())
        )
    } else {
        format!("{} deltog, i alt {total} personer.", join_and(&present))
    }
}

/// One hypothesis in the summary: its verdict and the agreement of the
/// last round (the label comes from the figure, i.e. from
/// `domain::agreement`).
fn hypothesis_summary(
    i: usize,
    h: &crate::domain::model::Hypothesis,
    panel: &PanelData,
    figures: &Figures,
) -> String {
    let verdict = panel
        .conclusions
        .verdict(&h.id)
        .and_then(|v| v.verdict)
        .map_or_else(
            || "er ikke vurderet endnu".to_string(),
            |v| format!("er {}", v.label_da()),
        );
    let mut out = format!(
        "Arbejdshypotese {} ({}), «{}», {verdict}.",
        i + 1,
        h.id,
        one_line(&h.text).trim_end_matches('.')
    );
    if let Some((round, f)) = figures
        .agreement
        .iter()
        .rev()
        .find_map(|r| r.hypothesis(&h.id).map(|f| (r.round, f)))
    {
        out.push_str(&format!(
            " Enigheden mellem tilsynene i runde {round}: {}.",
            agreement_phrase(f)
        ));
        if let Some(headline) = f.differences_headline() {
            out.push(' ');
            out.push_str(&headline);
        }
    }
    out
}

/// "foreløbig (α = 0,712; 95 % interval 0,601 – 0,799; n = 80)".
fn agreement_phrase(f: &Figure) -> String {
    match &f.undefined {
        Some(why) => format!("kan ikke beregnes ({why})"),
        None => {
            let ci = f.ci.map_or_else(String::new, |c| {
                format!("; 95 % interval {}", interval(Some(c)))
            });
            format!(
                "{} (α = {}{ci}; n = {})",
                f.interpretation(),
                figures::alpha(f.alpha),
                f.values
            )
        }
    }
}

/// Who scored how much, round by round, with exact figures: "Runde 1:
/// Nord, Midt og Syd scorede alle 8 sager; Øst scorede 2 af 8;
/// Hovedstaden ingen." Only when every tilsyn scored every case fully in
/// every round does it say so in one sentence.
pub fn coverage_sentence(audit: &Audit, coverage: &[figures::Coverage]) -> String {
    let n = audit.config.tilsyn.len();
    if coverage.is_empty() {
        return "Der er endnu ingen viste scorer.".into();
    }
    let rounds: Vec<String> = coverage.iter().map(|c| c.round.to_string()).collect();
    let round_words = if rounds.len() == 1 {
        format!("runde {}", rounds[0])
    } else {
        format!("runde {}", join_and(&rounds))
    };
    if coverage.iter().all(figures::Coverage::is_full) {
        return format!(
            "Hvert af de {} socialtilsyn scorede hver institutions seneste \
             tilsynsrapport på hvert spørgsmål i {round_words}.",
            number_da(n)
        );
    }
    let sentences: Vec<String> = coverage
        .iter()
        .map(|c| {
            if let Some(cells) = c.scope {
                return limited_round_sentence(audit, c, cells);
            }
            // Tilsyn with the same figures share one clause, in the
            // audit's order.
            let mut groups: Vec<((usize, usize), Vec<String>)> = Vec::new();
            for r in &c.raters {
                let name = short_tilsyn(&tilsyn_name(audit, &r.rater));
                let key = (r.complete, r.partly);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, names)) => names.push(name),
                    None => groups.push((key, vec![name])),
                }
            }
            let clauses: Vec<String> = groups
                .into_iter()
                .map(|((complete, partly), names)| {
                    let who = join_and(&names);
                    let cases = c.cases;
                    match (complete, partly) {
                        (0, 0) => format!("{who} ingen"),
                        (k, 0) if k == cases => format!("{who} scorede alle {cases} sager"),
                        (k, 0) => format!("{who} scorede {k} af {cases}"),
                        (0, p) => format!("{who} scorede {p} af {cases} delvist"),
                        (k, p) => {
                            format!("{who} scorede {k} af {cases} helt og {p} delvist")
                        }
                    }
                })
                .collect();
            format!("Runde {}: {}.", c.round, clauses.join("; "))
        })
        .collect();
    sentences.join(" ")
}

/// A round of the spread cells: how many cells it had, and who scored how
/// many of them again ("Runde 2 omfattede kun de 3 celler med spredning i
/// runde 1; de øvrige scorer stod uændret. Nord og Midt scorede alle 3
/// igen; Syd ingen.").
fn limited_round_sentence(audit: &Audit, c: &figures::Coverage, cells: usize) -> String {
    let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
    for r in &c.raters {
        let name = short_tilsyn(&tilsyn_name(audit, &r.rater));
        match groups.iter_mut().find(|(k, _)| *k == r.rescored) {
            Some((_, names)) => names.push(name),
            None => groups.push((r.rescored, vec![name])),
        }
    }
    let clauses: Vec<String> = groups
        .into_iter()
        .map(|(k, names)| {
            let who = join_and(&names);
            match k {
                0 => format!("{who} ingen"),
                1 if cells == 1 => format!("{who} scorede den igen"),
                k if k == cells => format!("{who} scorede alle {cells} igen"),
                k => format!("{who} scorede {k} af {cells} igen"),
            }
        })
        .collect();
    let what = if cells == 1 {
        "den ene celle".to_string()
    } else {
        format!("de {cells} celler")
    };
    format!(
        "Runde {} omfattede kun {what} med spredning i runde {}; de øvrige scorer stod \
         uændret. {}.",
        c.round,
        c.round.saturating_sub(1),
        clauses.join("; ")
    )
}

/// Small numbers in words, as Danish prose writes them ("fem
/// socialtilsyn"); 13 and up as digits.
fn number_da(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "nul", "én", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve",
        "tolv",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

// ------------------------------------------------------------ 1 Indledning

fn indledning(d: &mut Document, audit: &Audit) {
    let cfg = &audit.config;
    d.heading(2, SECTIONS[1]);
    d.para(&format!(
        "Rapporten samler audit {}: auditpanelets drøftelser, vurderingen af \
         arbejdshypoteserne, den faglige vejledning og opfølgningsplanen.",
        cfg.id
    ));
    d.heading(3, "Baggrund for valg af tema");
    if cfg.background.trim().is_empty() {
        d.para("Baggrunden er ikke beskrevet i audit.yaml.");
    } else {
        d.paras(&cfg.background);
    }

    // Audit 18.1's heading where every case is a secure institution.
    let secure = audit.cases.iter().all(|c| {
        matches!(
            c.kind,
            InstitutionKind::Sikret | InstitutionKind::SaerligtSikret
        )
    });
    d.heading(
        3,
        if secure {
            "De sikrede institutioner for børn og unge"
        } else {
            "Institutionerne i auditten"
        },
    );
    d.para(&format!(
        "Auditten omfatter {} institutioner. Nedenfor står hver institution med \
         driftsherre og ansvarligt socialtilsyn.",
        audit.cases.len()
    ));
    let rows: Vec<Vec<String>> = audit
        .cases
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                kind_label(c.kind).to_string(),
                c.operator.clone(),
                tilsyn_name(audit, &c.tilsyn),
                c.places.to_string(),
            ]
        })
        .collect();
    d.table(
        &[
            "Institution",
            "Type",
            "Driftsherre",
            "Ansvarligt socialtilsyn",
            "Pladser",
        ],
        "llllr",
        &rows,
    );

    d.heading(3, "Deltagere");
    let total: u32 = cfg.participants.iter().map(|p| p.count).sum();
    let which = if secure {
        "tilsynets sikrede institutioner"
    } else {
        "tilsynets institutioner i auditten"
    };
    d.para(&format!(
        "Fra hvert socialtilsyn deltog de tilsynskonsulenter, der sidst førte tilsyn \
         med {which}, og den faglige leder; fra nogle også en \
         jurist. I alt deltog {total} personer."
    ));
    let mut rows: Vec<Vec<String>> = cfg
        .participants
        .iter()
        .map(|p| {
            vec![
                tilsyn_name(audit, &p.tilsyn),
                p.count.to_string(),
                roles(&p.roles),
            ]
        })
        .collect();
    rows.push(vec!["I alt".into(), total.to_string(), String::new()]);
    d.table(&["Socialtilsyn", "Deltagere", "Funktioner"], "lrl", &rows);

    d.heading(3, "Auditmetode");
    if cfg.method.trim().is_empty() {
        d.para("Metoden er ikke beskrevet i audit.yaml.");
    } else {
        d.paras(&cfg.method);
    }
}

/// "2 × tilsynskonsulent, faglig leder".
fn roles(roles: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in roles {
        if seen.contains(&r.as_str()) {
            continue;
        }
        seen.push(r);
        let n = roles.iter().filter(|x| *x == r).count();
        out.push(if n > 1 {
            format!("{n} × {r}")
        } else {
            r.clone()
        });
    }
    out.join(", ")
}

// ------------------------------------------------------------ 2 Audit <id>

fn audit_section(d: &mut Document, audit: &Audit, panel: &PanelData) {
    d.heading(2, &format!("{} {}", SECTIONS[2], audit.config.id));
    d.heading(3, "Arbejdshypoteser, vurderingsskema og baggrundsmateriale");
    d.para(
        "Socialstyrelsen opstillede følgende arbejdshypoteser som udgangspunkt for \
         auditpanelets drøftelser:",
    );
    let hyps: Vec<String> = audit
        .hypotheses
        .iter()
        .map(|h| format!("{} ({})", one_line(&h.text), h.id))
        .collect();
    d.numbered(&hyps);

    d.para(&format!(
        "Ud fra hypoteserne blev der lavet et vurderingsskema med {} spørgsmål under {} \
         temaer. {}",
        audit.form.questions.len(),
        form_themes(audit).len(),
        coverage_sentence(audit, &figures::coverage(audit, panel))
    ));
    d.paras(&audit.form.intro);
    let rows: Vec<Vec<String>> = audit
        .form
        .questions
        .iter()
        .map(|q| vec![q.id.clone(), theme_name(audit, &q.theme), q.text.clone()])
        .collect();
    d.table(&["Nr.", "Tema", "Spørgsmål"], "lll", &rows);

    let scale = &audit.form.scale;
    d.para(&format!(
        "Skalaen går fra {} til {}. En score kan også være «{NOT_ASSESSABLE}», når \
         materialet ikke giver grundlag for en vurdering; den tæller ikke med i \
         enigheden.",
        scale.min, scale.max
    ));
    let rows: Vec<Vec<String>> = (scale.min..=scale.max)
        .map(|v| vec![v.to_string(), scale.label(v).unwrap_or("").to_string()])
        .collect();
    d.table(&["Score", "Betydning"], "rl", &rows);

    if !audit.config.background_material.is_empty() {
        d.para(&format!(
            "Følgende baggrundsmateriale lå til grund for audit {}:",
            audit.config.id
        ));
        d.bullets(&audit.config.background_material);
    }

    d.heading(3, "Særlige fokusområder");
    let topics = &panel.topics.topics;
    if topics.is_empty() {
        d.para("Auditpanelet har ikke listet tværgående emner.");
        return;
    }
    d.para(
        "Auditpanelet gennemgik tilsynsrapporterne for at finde emner, der gik på tværs \
         af dem, og som panelet var enigt om var værd at drøfte. Den samlede liste \
         (med panelets stemmer):",
    );
    let all: Vec<String> = topics
        .iter()
        .map(|t| format!("{} ({})", t.title, votes(t.votes)))
        .collect();
    d.bullets(&all);
    let prioritised: Vec<String> = topics
        .iter()
        .filter(|t| t.prioritised)
        .map(|t| t.title.clone())
        .collect();
    if prioritised.is_empty() {
        d.para("Auditpanelet har endnu ikke prioriteret emner til videre drøftelse.");
    } else {
        d.para("Herefter prioriterede auditpanelet følgende emner til videre drøftelse:");
        d.bullets(&prioritised);
    }
}

fn votes(n: u32) -> String {
    if n == 1 {
        "1 stemme".into()
    } else {
        format!("{n} stemmer")
    }
}

// ------------------------------------------------------------ 3 Drøftelser

fn droeftelser(d: &mut Document, audit: &Audit, panel: &PanelData) {
    d.heading(2, SECTIONS[3]);
    let prioritised: Vec<&Topic> = panel
        .topics
        .topics
        .iter()
        .filter(|t| t.prioritised)
        .collect();
    if prioritised.is_empty() {
        d.para("Der er ingen prioriterede emner, og derfor ingen drøftelser at gengive.");
        return;
    }
    for t in prioritised {
        d.heading(3, &t.title);
        if t.discussion.trim().is_empty() {
            d.para("Drøftelsen er ikke skrevet ned.");
        } else {
            d.paras(&t.discussion);
        }
        if t.consensus.is_empty() {
            d.para("Der er ikke noteret punkter, som panelet var enigt om.");
            continue;
        }
        d.para("Auditpanelet nåede frem til følgende:");
        // Each point; under it one line per dissenting tilsyn with its view.
        let items: Vec<(String, Vec<String>)> = t
            .consensus
            .iter()
            .map(|c| {
                if c.dissent.is_empty() {
                    return (one_line(&c.text), Vec::new());
                }
                let names: Vec<String> =
                    c.dissent.iter().map(|id| tilsyn_name(audit, id)).collect();
                let views = c
                    .dissent
                    .iter()
                    .filter(|id| !c.view(id).trim().is_empty())
                    .map(|id| {
                        format!(
                            "Afvigende synspunkt fra {}: {}",
                            tilsyn_name(audit, id),
                            one_line(c.view(id))
                        )
                    })
                    .collect();
                (
                    format!("{} (Ikke enig: {}.)", one_line(&c.text), join_and(&names)),
                    views,
                )
            })
            .collect();
        d.bullets_nested(&items);
    }
}

// ------------------------------------------------------------ 4 Vurdering

fn vurdering(d: &mut Document, audit: &Audit, panel: &PanelData, figures: &Figures) {
    d.heading(2, SECTIONS[4]);
    d.para(
        "Hver arbejdshypotese er vurderet som bekræftet, delvist bekræftet eller ikke \
         bekræftet, på baggrund af baggrundsmaterialet, drøftelserne og enigheden mellem de \
         fem socialtilsyns scorer (Krippendorffs alfa, se bilaget Enighed).",
    );
    for (i, h) in audit.hypotheses.iter().enumerate() {
        d.heading(3, &format!("Arbejdshypotese {} ({})", i + 1, h.id));
        d.note(&h.text);
        let entry = panel.conclusions.verdict(&h.id);
        let label = entry
            .and_then(|v| v.verdict)
            .map_or("ikke vurderet endnu", |v| v.label_da());
        d.para(&format!("Vurdering: {label}."));
        if let Some(v) = entry
            && !v.rationale.trim().is_empty()
        {
            d.paras(&v.rationale);
        }
        let rows: Vec<Vec<String>> = figures
            .agreement
            .iter()
            .filter_map(|r| r.hypothesis(&h.id).map(|f| (r.round, f)))
            .map(|(round, f)| figure_row(&round_label(round), f))
            .collect();
        if rows.is_empty() {
            d.para("Der er ingen enighedstal for hypotesen endnu.");
        } else {
            d.para(&format!(
                "Enigheden om spørgsmålene under hypotesen (ordinal alfa, 95 % \
                 BCa-bootstrap-interval over {} gentagelser; fortolkningen følger \
                 intervallets nedre grænse):",
                figures.resamples
            ));
            d.table(FIGURE_HEADER, FIGURE_ALIGN, &rows);
            // Whether the tilsyn differ systematically (one scoring harder
            // than the others), which α does not say: the Friedman test,
            // worded by domain::agreement.
            let name = |id: &str| short_tilsyn(&tilsyn_name(audit, id));
            let tests: Vec<String> = figures
                .agreement
                .iter()
                .filter_map(|r| {
                    r.hypothesis(&h.id)
                        .and_then(|f| f.differences_sentence(&name))
                        .map(|s| format!("Runde {}: {s}", r.round))
                })
                .collect();
            if !tests.is_empty() {
                d.para(
                    "Om forskellene mellem tilsynene er systematiske (at et tilsyn scorer \
                     hårdere eller mildere end de andre), måler Friedman-testen over de \
                     celler (institution × spørgsmål), som alle tilsyn har scoret; W er \
                     Kendalls W (0 = ingen, 1 = fuldstændig systematisk forskel):",
                );
                d.bullets(&tests);
            }
        }
        if let Some(snap) = entry.and_then(|v| v.agreement.as_ref()) {
            let saw: Vec<String> = snap
                .rounds
                .iter()
                .map(|r| format!("runde {}: α = {}", r.round, figures::alpha(r.alpha)))
                .collect();
            let now: Vec<String> = figures
                .agreement
                .iter()
                .filter_map(|r| {
                    r.hypothesis(&h.id)
                        .map(|f| format!("runde {}: α = {}", r.round, figures::alpha(f.alpha)))
                })
                .collect();
            if !saw.is_empty() && saw != now {
                d.para(&format!(
                    "Da vurderingen blev registreret, viste tallene {}.",
                    saw.join(", ")
                ));
            }
        }
    }
}

const FIGURE_HEADER: &[&str] = &["Runde", "α", "95 % interval", "Fortolkning", "n"];
const FIGURE_ALIGN: &str = "lrrlr";

fn figure_row(label: &str, f: &Figure) -> Vec<String> {
    vec![
        label.to_string(),
        figures::alpha(f.alpha),
        interval(f.ci),
        match &f.undefined {
            Some(why) => format!("kan ikke beregnes ({why})"),
            None => f.interpretation().to_string(),
        },
        f.values.to_string(),
    ]
}

fn round_label(round: u32) -> String {
    match round {
        1 => "1 (før drøftelsen)".into(),
        2 => "2 (efter drøftelsen)".into(),
        r => r.to_string(),
    }
}

// ------------------------------------------------------------ 5 Faglig vejledning

fn vejledning(d: &mut Document, panel: &PanelData) {
    d.heading(2, SECTIONS[5]);
    let items = &panel.conclusions.guidance;
    if items.is_empty() {
        d.para("Der er endnu ikke skrevet faglig vejledning.");
        return;
    }
    d.para(
        "Med afsæt i baggrundsmaterialet, drøftelserne og vurderingen af \
         arbejdshypoteserne giver Socialstyrelsen følgende faglige vejledning:",
    );
    for g in items {
        d.heading(3, &g.heading);
        d.paras(&g.rationale);
        if !g.guidance.trim().is_empty() {
            d.bullets(&[g.guidance.as_str()]);
        }
    }
}

// ------------------------------------------------------------ 6 Opfølgningsplan

fn opfoelgning(d: &mut Document, panel: &PanelData) {
    d.heading(2, SECTIONS[6]);
    let items = &panel.conclusions.followup;
    if items.is_empty() {
        d.para("Der er endnu ikke lagt en opfølgningsplan.");
        return;
    }
    d.para("Som opfølgning på den faglige vejledning tages følgende tiltag:");
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|f| {
            let status = if f.note.trim().is_empty() {
                f.status.label_da().to_string()
            } else {
                format!("{} ({})", f.status.label_da(), one_line(&f.note))
            };
            vec![
                f.action.clone(),
                if f.owner.is_empty() {
                    "–".into()
                } else {
                    f.owner.clone()
                },
                f.due.map_or_else(|| "–".into(), date_da),
                status,
            ]
        })
        .collect();
    d.table(&["Tiltag", "Ansvarlig", "Frist", "Status"], "llll", &rows);
}

// ------------------------------------------------------------ 7 Bilag

fn bilag(d: &mut Document, audit: &Audit, panel: &PanelData, figures: &Figures) {
    d.heading(2, SECTIONS[7]);
    if audit.has_episodes() {
        magtprofil_per_institution(d, audit, figures);
        magtprofil_across(d, audit, figures);
    } else {
        d.para(Audit::NO_EPISODES_DA);
    }
    scorematrix(d, audit, panel);
    enighed(d, audit, panel, figures);
    kalibrering(d, audit, panel);
}

/// Each tilsynsrapport's own score on a kvalitetsmodel theme beside the
/// panel's mean over the questions tied to that theme (the calibration
/// gap Sammenlign shows per question).
fn kalibrering(d: &mut Document, audit: &Audit, panel: &PanelData) {
    d.heading(3, "Kalibrering");
    let rows = figures::calibration(audit, panel);
    let rounds = figures::shown_rounds(panel);
    if rows.is_empty() || rounds.is_empty() {
        d.para(
            "Der er ingen kalibrering at vise: den kræver viste scorer på spørgsmål, der \
             hører til et tema i kvalitetsmodellen, som tilsynsrapporterne scorer.",
        );
        return;
    }
    let last = rounds.last().copied().unwrap_or(1);
    d.para(&format!(
        "Tilsynsrapportens egen score (1–5) på hvert tema i kvalitetsmodellen ved siden \
         af auditpanelets middel over de spørgsmål, der hører til temaet, og forskellen \
         (rapportens score minus panelets middel i runde {last}). En positiv forskel \
         betyder, at rapporten scorede temaet højere end panelet. «–» betyder, at ingen \
         tilsyn har scoret spørgsmålene."
    ));
    let mut header: Vec<String> = vec![
        "Institution".into(),
        "Tema".into(),
        "Tilsynsrapporten".into(),
    ];
    header.extend(rounds.iter().map(|r| format!("Panelets middel runde {r}")));
    header.push(format!("Forskel runde {last}"));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let align = format!("ll{}", "r".repeat(rounds.len() + 2));
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                audit
                    .cases
                    .iter()
                    .find(|c| c.id == r.case)
                    .map_or_else(|| r.case.clone(), |c| c.name.clone()),
                theme_name(audit, &r.theme),
                r.report_score.to_string(),
            ];
            row.extend(
                r.means
                    .iter()
                    .map(|(_, m, _)| m.map_or_else(|| "–".into(), |m| dec(m, 1))),
            );
            row.push(r.gap().map_or_else(|| "–".into(), signed));
            row
        })
        .collect();
    d.table(&header, &align, &table);
}

/// "+0,4", "-1,2", "0,0".
fn signed(v: f64) -> String {
    let s = dec(v, 1);
    if v > 0.0 && s != "0,0" {
        format!("+{s}")
    } else {
        s
    }
}

fn magtprofil_per_institution(d: &mut Document, audit: &Audit, figures: &Figures) {
    d.heading(3, "Magtprofil pr. institution");
    let profiles = &figures.comparison.profiles;
    if profiles.is_empty() {
        d.para("Der er ingen magtprofiler: auditten har ingen magtanvendelser at vise.");
        return;
    }
    d.para(
        "Hver institutions indberettede magtanvendelser i perioden samlet i én oversigt. \
         Forholdstallet er magtanvendelser pr. plads pr. år; tider er lokal tid. En \
         magtanvendelse over 3 minutter er målt i faktisk forløbet tid.",
    );
    for p in profiles {
        let name = p.name.clone().unwrap_or_else(|| p.id.clone());
        d.heading(4, &name);
        d.table(&["Nøgletal", "Værdi"], "lr", &key_figures(audit, p));

        let rows: Vec<Vec<String>> = InterventionType::ALL
            .iter()
            .map(|t| {
                vec![
                    t.label_da().to_string(),
                    t.legal_basis().to_string(),
                    p.by_type.get(t.code()).copied().unwrap_or(0).to_string(),
                ]
            })
            .collect();
        d.table(&["Type", "Lovgrundlag", "Antal"], "llr", &rows);

        let (header, rows) = months_table(p);
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        d.table(&header, &format!("l{}", "r".repeat(13)), &rows);

        let weekdays = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
        let row: Vec<String> = p.by_weekday.iter().map(u64::to_string).collect();
        d.table(&weekdays, "rrrrrrr", &[row]);

        let blocks: Vec<String> = (0..6)
            .map(|b| format!("kl. {:02}–{:02}", b * 4, b * 4 + 3))
            .collect();
        let header: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let row: Vec<String> = (0..6)
            .map(|b| p.by_hour[b * 4..b * 4 + 4].iter().sum::<u64>().to_string())
            .collect();
        d.table(&header, "rrrrrr", &[row]);

        if !p.targets.is_empty() {
            let rows: Vec<Vec<String>> = p
                .targets
                .iter()
                .map(|t| {
                    vec![
                        target_label(t.target),
                        t.count.to_string(),
                        if t.met { "ja" } else { "nej" }.to_string(),
                    ]
                })
                .collect();
            d.table(&["Institutionens eget mål", "Antal", "Nået"], "lrl", &rows);
        }
        control_chart_text(d, figures, p);
    }
}

/// The control chart of an institution's months: the picture (when the
/// report has pictures) and the signals in words.
fn control_chart_text(d: &mut Document, figures: &Figures, p: &Profile) {
    let Some(cc) = &p.control_chart else {
        return;
    };
    if let Some(dir) = &figures.charts_dir
        && let Some(chart) = super::charts::control_chart(p)
    {
        d.image(&format!("{dir}/{}", chart.file), &chart.alt);
    }
    let signals: Vec<String> = cc
        .months
        .iter()
        .filter_map(|m| {
            m.signal
                .map(|s| format!("{} ({}): {}", m.month, m.count, s.question_da()))
        })
        .collect();
    d.para(&format!(
        "Kontrolkort (u-kort): midterlinje {} magtanvendelser pr. plads pr. år, grænser \
         ±3 standardafvigelser for hver måneds pladsår. {}",
        rate(Some(cc.centre)),
        if signals.is_empty() {
            "Ingen måned giver signal.".to_string()
        } else {
            format!("Signaler: {}.", signals.join("; "))
        }
    ));
}

/// The labels of the key-figure table, in order (the test reads them).
pub const KEY_FIGURES: [&str; 25] = [
    "Periode",
    "Ansvarligt socialtilsyn",
    "Magtanvendelser",
    "Børn",
    "Pladser",
    "Magtanvendelser pr. plads pr. år",
    "Magtanvendelser pr. 1.000 belægningsdøgn",
    "Rang efter antal",
    "Rang efter forholdstal",
    "Udvikling (første mod anden halvdel af perioden)",
    "Flest magtanvendelser for ét barn",
    "Børn med mere end én på en måned",
    "Over 3 minutter",
    "Ukendt varighed",
    "Isolation over grænsen",
    "Registreret senere end 24 timer",
    "Uden registreringstidspunkt",
    "Uden barnets udtalelse",
    "Forældre ikke underrettet",
    "Set af andre børn",
    "Ukendt om andre børn så det",
    "Medarbejdere med to eller flere",
    "Måneder uden magtanvendelser",
    "I ferieperioder",
    "Uden for ferieperioder",
];

fn key_figures(audit: &Audit, p: &Profile) -> Vec<Vec<String>> {
    let period = match (p.from, p.to) {
        (Some(f), Some(t)) => format!("{} – {}", date_da(f), date_da(t)),
        _ => "–".into(),
    };
    let opt = |v: Option<u32>| v.map_or_else(|| "–".into(), |n| n.to_string());
    let isolation = match p.isolation_limit_minutes {
        Some(limit) => format!("{} (grænse {} timer)", p.isolation_over_limit, limit / 60),
        None => p.isolation_over_limit.to_string(),
    };
    let values = [
        period,
        p.tilsyn
            .as_deref()
            .map_or_else(|| "–".into(), |t| tilsyn_name(audit, t)),
        p.episodes.to_string(),
        p.children.to_string(),
        opt(p.places),
        rate(p.rate_per_place),
        rate(p.rate_per_1000_bed_days),
        opt(p.rank_by_count),
        opt(p.rank_by_rate),
        p.trend.as_ref().map_or_else(|| "–".into(), trend),
        p.max_per_child.to_string(),
        p.children_over_one_in_a_month.to_string(),
        p.over_3_min.to_string(),
        p.unknown_duration.to_string(),
        isolation,
        p.late_registration.to_string(),
        p.unknown_registration.to_string(),
        p.missing_child_statement.to_string(),
        p.parents_not_told.to_string(),
        p.witnessed.to_string(),
        p.unknown_witnesses.to_string(),
        p.staff_two_or_more.to_string(),
        p.months_without_episodes.to_string(),
        p.holiday.to_string(),
        p.non_holiday.to_string(),
    ];
    KEY_FIGURES
        .iter()
        .zip(values)
        .map(|(k, v)| vec![k.to_string(), v])
        .collect()
}

/// "31 → 27 (fald 12,9 %)"; a drop to zero says so, as it is a question
/// for the tilsyn too.
fn trend(t: &Trend) -> String {
    let change = match t.change_percent {
        Some(pct) => format!("{} {} %", t.direction.label_da(), dec(pct.abs(), 1)),
        None => t.direction.label_da().to_string(),
    };
    let zero = if t.fell_to_zero {
        ", faldet til nul"
    } else {
        ""
    };
    format!("{} → {} ({change}{zero})", t.first_half, t.second_half)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// One row per year, a column per month and the year's total; months
/// outside the period are "–".
fn months_table(p: &Profile) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["År".to_string()];
    header.extend(MONTHS.iter().map(|m| m.to_string()));
    header.push("I alt".into());
    let mut years: Vec<&str> = p.by_month.keys().filter_map(|k| k.get(..4)).collect();
    years.dedup();
    let rows = years
        .into_iter()
        .map(|y| {
            let mut row = vec![y.to_string()];
            let mut total = 0;
            for m in 1..=12 {
                match p.by_month.get(&format!("{y}-{m:02}")) {
                    Some(n) => {
                        total += n;
                        row.push(n.to_string());
                    }
                    None => row.push("–".into()),
                }
            }
            row.push(total.to_string());
            row
        })
        .collect();
    (header, rows)
}

fn magtprofil_across(d: &mut Document, audit: &Audit, figures: &Figures) {
    d.heading(3, "Magtprofil på tværs af institutionerne");
    let c = &figures.comparison;
    if c.profiles.is_empty() {
        d.para("Der er ingen magtprofiler at sammenligne.");
        return;
    }
    let name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| c.profiles.iter().find(|p| p.id == id))
            .map_or_else(
                || "–".to_string(),
                |p| p.name.clone().unwrap_or(p.id.clone()),
            )
    };
    let count = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| c.profiles.iter().find(|p| p.id == id))
            .map_or(0, |p| p.episodes)
    };
    d.para(&format!(
        "Antallet af magtanvendelser spænder fra {} ({}) til {} ({}). Forholdstallet gør \
         institutioner af forskellig størrelse sammenlignelige; rang 1 er flest.",
        count(&c.lowest),
        name(&c.lowest),
        count(&c.highest),
        name(&c.highest)
    ));
    let rank = |list: &[String], id: &str| {
        list.iter()
            .position(|x| x == id)
            .map_or_else(|| "–".into(), |i| (i + 1).to_string())
    };
    let rows: Vec<Vec<String>> = c
        .profiles
        .iter()
        .map(|p| {
            vec![
                p.name.clone().unwrap_or(p.id.clone()),
                p.tilsyn
                    .as_deref()
                    .map_or_else(|| "–".into(), |t| tilsyn_name(audit, t)),
                p.places.map_or_else(|| "–".into(), |n| n.to_string()),
                p.episodes.to_string(),
                rate(p.rate_per_place),
                rate(p.rate_per_1000_bed_days),
                rank(&c.rank_by_count, &p.id),
                rank(&c.rank_by_rate, &p.id),
                p.holiday.to_string(),
                p.non_holiday.to_string(),
                p.trend.as_ref().map_or_else(|| "–".into(), trend),
            ]
        })
        .collect();
    d.table(&COMPARISON_HEADER, "llrrrrrrrrl", &rows);
    funnel_table(d, figures);
}

/// The funnel plot across institutions: the picture (when the report has
/// pictures) and its figures as a table.
fn funnel_table(d: &mut Document, figures: &Figures) {
    let c = &figures.comparison;
    let with: Vec<&Profile> = c.profiles.iter().filter(|p| p.funnel.is_some()).collect();
    let Some(pooled) = with
        .first()
        .and_then(|p| p.funnel.as_ref())
        .map(|f| f.pooled_rate)
    else {
        return;
    };
    d.para(&format!(
        "Tragtplot (Spiegelhalter 2005): hver institutions forholdstal mod det samlede \
         forholdstal {} magtanvendelser pr. plads pr. år; grænserne er eksakte \
         Poisson-fraktiler af det forventede antal. En institution uden for grænserne \
         er et spørgsmål til tilsynet, ikke en dom.",
        rate(Some(pooled))
    ));
    if let Some(dir) = &figures.charts_dir
        && let Some(chart) = super::charts::funnel(c)
    {
        d.image(&format!("{dir}/{}", chart.file), &chart.alt);
    }
    let rows: Vec<Vec<String>> = with
        .iter()
        .filter_map(|p| {
            let f = p.funnel.as_ref()?;
            Some(vec![
                p.name.clone().unwrap_or(p.id.clone()),
                figures::dec(f.exposure, 1),
                figures::dec(f.expected, 1),
                p.episodes.to_string(),
                rate(p.rate_per_place),
                format!(
                    "{}–{}",
                    figures::dec(f.lower_95, 1),
                    figures::dec(f.upper_95, 1)
                ),
                format!(
                    "{}–{}",
                    figures::dec(f.lower_998, 1),
                    figures::dec(f.upper_998, 1)
                ),
                f.question_da().unwrap_or_else(|| "inden for".into()),
            ])
        })
        .collect();
    d.table(
        &[
            "Institution",
            "Pladsår",
            "Forventet",
            "Magtanvendelser",
            "Pr. plads pr. år",
            "95 %-grænser",
            "99,8 %-grænser",
            "Placering",
        ],
        "lrrrrrrl",
        &rows,
    );
}

/// The columns of the comparison table (the test reads them).
pub const COMPARISON_HEADER: [&str; 11] = [
    "Institution",
    "Socialtilsyn",
    "Pladser",
    "Magtanvendelser",
    "Pr. plads pr. år",
    "Pr. 1.000 belægningsdøgn",
    "Rang (antal)",
    "Rang (forholdstal)",
    "I ferier",
    "Uden for ferier",
    "Udvikling",
];

fn scorematrix(d: &mut Document, audit: &Audit, panel: &PanelData) {
    d.heading(3, "Scorematrix");
    let rounds = figures::shown_rounds(panel);
    let hidden = figures::hidden_rounds(panel);
    if !hidden.is_empty() {
        let list: Vec<String> = hidden.iter().map(u32::to_string).collect();
        d.para(&format!(
            "Runde {} er ikke vist for panelet endnu og indgår ikke i rapporten.",
            list.join(" og ")
        ));
    }
    if rounds.is_empty() {
        d.para("Der er ingen viste scorer endnu.");
        return;
    }
    let round_list: Vec<String> = rounds.iter().map(u32::to_string).collect();
    d.para(&format!(
        "Hvert socialtilsyns score pr. institution og spørgsmål. En celle viser \
         {} adskilt af «/». «kiv» betyder {NOT_ASSESSABLE}, «–» ikke scoret. En \
         score, som et tilsyn ikke har givet igen i en senere runde, står uændret i \
         den runde, sådan som enigheden også regner med den. Kommentarerne står \
         under hver tabel.",
        if rounds.len() == 1 {
            format!("runde {}", round_list[0])
        } else {
            format!("runde {}", join_and(&round_list))
        }
    ));
    let mut header: Vec<String> = vec!["Spørgsmål".into()];
    header.extend(audit.config.tilsyn.iter().map(|t| short_tilsyn(&t.name)));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let align = format!("l{}", "r".repeat(audit.config.tilsyn.len()));
    for case in &audit.cases {
        d.heading(4, &case.name);
        if !figures::case_scored(audit, panel, &case.id) {
            d.para("Ingen af socialtilsynene har scoret sagen.");
            continue;
        }
        let mut comments: Vec<String> = Vec::new();
        let rows: Vec<Vec<String>> = audit
            .form
            .questions
            .iter()
            .map(|q| {
                let mut row = vec![q.id.clone()];
                for t in &audit.config.tilsyn {
                    let cells: Vec<String> = rounds
                        .iter()
                        .map(|&r| {
                            let e = panel
                                .scores
                                .get(&t.id)
                                .and_then(|s| s.entry(r, &case.id, &q.id));
                            if let Some(e) = e
                                && !e.comment.trim().is_empty()
                            {
                                comments.push(format!(
                                    "{}, {}, runde {r}: {}",
                                    q.id,
                                    t.name,
                                    one_line(&e.comment)
                                ));
                            }
                            // The value in effect in round r (a cell not
                            // scored again keeps the round before).
                            match panel.value(r, &t.id, &case.id, &q.id) {
                                Some(ScoreValue::Score(v)) => v.to_string(),
                                Some(ScoreValue::NotAssessable) => "kiv".into(),
                                None => "–".into(),
                            }
                        })
                        .collect();
                    row.push(cells.join(" / "));
                }
                row
            })
            .collect();
        d.table(&header, &align, &rows);
        if !comments.is_empty() {
            d.para("Kommentarer:");
            d.bullets(&comments);
        }
    }
}

fn enighed(d: &mut Document, audit: &Audit, panel: &PanelData, figures: &Figures) {
    d.heading(3, "Enighed");
    if figures.agreement.is_empty() {
        if figures::shown_rounds(panel).is_empty() {
            d.para("Der er ingen viste scorer, og derfor ingen enighedstal.");
        } else {
            d.para("Der er ingen enighedstal for de viste runder.");
        }
        return;
    }
    d.para(&format!(
        "Krippendorffs alfa (ordinal) for de fem socialtilsyns scorer, pr. spørgsmål \
         (enhederne er institutionerne), pr. tema, pr. hypotese og samlet (enhederne er \
         institution × spørgsmål), med bootstrap over {} gentagelser og fast frø ({}). {} \
         n er antallet af parbare scorer; «{NOT_ASSESSABLE}» tæller ikke med.",
        figures.resamples,
        figures.seed,
        crate::domain::agreement::label_rule_da()
    ));
    let mut header: Vec<String> = vec!["Gruppe".into()];
    for r in &figures.agreement {
        header.push(format!("α runde {}", r.round));
        header.push(format!("Interval runde {}", r.round));
    }
    let last = figures.agreement.last().map_or(0, |r| r.round);
    header.push(format!("Fortolkning runde {last}"));
    header.push(format!("n runde {last}"));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let align = format!("l{}lr", "rr".repeat(figures.agreement.len()));

    let mut groups: Vec<(String, Vec<Option<&Figure>>)> = Vec::new();
    let per = |pick: &dyn Fn(&figures::RoundFigures) -> Option<&Figure>| -> Vec<Option<&Figure>> {
        figures.agreement.iter().map(pick).collect()
    };
    groups.push(("Samlet".into(), per(&|r| Some(&r.overall))));
    for h in &audit.hypotheses {
        groups.push((format!("Hypotese {}", h.id), per(&|r| r.hypothesis(&h.id))));
    }
    for t in form_themes(audit) {
        groups.push((
            format!("Tema: {}", theme_name(audit, &t)),
            per(&|r| r.themes.iter().find(|(id, _)| *id == t).map(|(_, f)| f)),
        ));
    }
    for q in &audit.form.questions {
        groups.push((
            format!("Spørgsmål {}", q.id),
            per(&|r| {
                r.questions
                    .iter()
                    .find(|(id, _)| *id == q.id)
                    .map(|(_, f)| f)
            }),
        ));
    }
    let rows: Vec<Vec<String>> = groups
        .into_iter()
        .map(|(label, figs)| {
            let mut row = vec![label];
            for f in &figs {
                row.push(figures::alpha(f.and_then(|f| f.alpha)));
                row.push(interval(f.and_then(|f| f.ci)));
            }
            let lastf = figs.last().copied().flatten();
            row.push(lastf.map_or("–".into(), |f| f.interpretation().to_string()));
            row.push(lastf.map_or("–".into(), |f| f.values.to_string()));
            row
        })
        .collect();
    d.table(&header, &align, &rows);
}

// ------------------------------------------------------------ helpers

fn one_line(s: &str) -> String {
    super::document::one_line(s)
}

fn tilsyn_name(audit: &Audit, id: &str) -> String {
    audit
        .tilsyn(id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// "Socialtilsyn Øst" → "Øst" (column headers).
fn short_tilsyn(name: &str) -> String {
    name.strip_prefix("Socialtilsyn ")
        .unwrap_or(name)
        .to_string()
}

fn theme_name(audit: &Audit, id: &str) -> String {
    audit
        .theme(id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// The themes of the form's questions, in the order they first appear.
fn form_themes(audit: &Audit) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in &audit.form.questions {
        if !out.contains(&q.theme) {
            out.push(q.theme.clone());
        }
    }
    out
}

/// "a, b og c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

fn kind_label(k: InstitutionKind) -> &'static str {
    match k {
        InstitutionKind::Sikret => "sikret døgninstitution",
        InstitutionKind::SaerligtSikret => "særligt sikret afdeling",
        InstitutionKind::DelvisLukket => "delvis lukket afdeling",
        InstitutionKind::Aaben => "åben døgninstitution",
    }
}

/// The target in words, with a capital first letter (a table's first column).
fn target_label(t: Target) -> String {
    let label = target_label_da(t);
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "31. december 2018".
pub fn date_da(d: NaiveDate) -> String {
    const NAMES: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!("{}. {} {}", d.day(), NAMES[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_words() {
        assert_eq!(join_and(&["a".into(), "b".into(), "c".into()]), "a, b og c");
        assert_eq!(
            roles(&["konsulent".into(), "leder".into(), "konsulent".into()]),
            "2 × konsulent, leder"
        );
        assert_eq!(
            date_da(NaiveDate::from_ymd_opt(2019, 3, 1).unwrap_or_default()),
            "1. marts 2019"
        );
        assert_eq!(short_tilsyn("Socialtilsyn Øst"), "Øst");
    }
}
