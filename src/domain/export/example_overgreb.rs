//! The fictitious panel session of the second example audit
//! (`examples/audit-overgreb/`, audit 24.2 on the 15 recommendations
//! against abuse), written through `PanelStore::apply` like the first
//! example's (`example_session`, whose helpers it uses). Deterministic.
//!
//! What it writes: the five tilsyn score the five opholdssteder on the
//! eight questions in round 1 (blind) and round 2, both revealed. Before
//! the discussion Syd reads the beredskab questions stricter (it asks to
//! see the beredskab itself) and Nord reads the questions on the
//! children's own voice milder; in round 2 most move towards the median.
//! Four topics, two prioritised with a discussion and consensus, verdicts
//! on H1 and H2, three items of faglig vejledning and a short
//! opfølgningsplan. All text is invented for the example.
//!
//! Regenerate with `cargo run --example make_panel_session --
//! examples/audit-overgreb`; `tests/overgreb.rs` fails when the committed
//! files differ from what this writes.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;

use super::example_session::{
    Prioritised, alpha_story, apply, comment, discuss, hash, median, remove_dir, remove_file, set,
    snapshot,
};
use super::figures;
use crate::domain::model::Audit;
use crate::domain::panel::files::{
    CONCLUSIONS_FILE, PANEL_DIR, SCORES_DIR, SESSION_FILE, TOPICS_FILE, write_atomic,
};
use crate::domain::panel::{
    Change, FollowUpItem, FollowUpStatus, GUIDANCE_PREFIX, GuidanceItem, PanelStore, RoundScope,
    Verdict,
};

/// The audit id this session belongs to.
pub const AUDIT_ID: &str = "24.2";

const QUESTIONS: [&str; 8] = ["f1", "f2", "o1", "o2", "h1", "h2", "b1", "b2"];

/// The level each report supports per question (the panel's median).
const BASE: [(&str, [u8; 8]); 5] = [
    ("engtoften", [2, 3, 2, 2, 3, 2, 3, 2]),
    ("fyrrebo", [5, 4, 4, 5, 4, 4, 4, 3]),
    ("havgaarden", [3, 2, 2, 2, 3, 3, 1, 2]),
    ("kildebakken", [4, 3, 3, 2, 3, 3, 3, 2]),
    ("skovlyst", [3, 3, 3, 4, 5, 4, 4, 4]),
];

fn dice(round: u32, rater: &str, case: &str, q: &str) -> u64 {
    hash(&[AUDIT_ID, &round.to_string(), rater, case, q]) % 100
}

fn clamp(v: i32) -> u8 {
    u8::try_from(v.clamp(1, 5)).unwrap_or(3)
}

/// Round 1: base, a little noise, and two readings that differ.
fn round1(rater: &str, case: &str, q: &str, base: u8) -> u8 {
    let noise = match dice(1, rater, case, q) {
        0..12 => -1,
        12..24 => 1,
        _ => 0,
    };
    let bias = match (rater, q) {
        ("syd", "b1" | "b2") => -1,
        ("nord", "f1" | "h2") => 1,
        _ => 0,
    };
    clamp(i32::from(base) + noise + bias)
}

/// Round 2: two or more off moves one step towards the median; one off
/// moves onto it about half the time.
fn round2(rater: &str, case: &str, q: &str, r1: u8, med: u8) -> u8 {
    let d = i32::from(r1) - i32::from(med);
    match d.abs() {
        0 => r1,
        1 if dice(2, rater, case, q) < 50 => med,
        1 => r1,
        _ => clamp(i32::from(r1) - d.signum()),
    }
}

const RATERS: [&str; 5] = ["nord", "midt", "syd", "oest", "hovedstaden"];

const TOPICS: [(&str, &str); 4] = [
    (
        "beredskabet",
        "Beredskabet mod overgreb: set, kendt eller brugt?",
    ),
    (
        "boernenes_stemme",
        "Børnenes egen stemme i tilsynsrapporterne",
    ),
    ("underretning", "Underretning ved mistanke"),
    ("vikarer", "Nye medarbejdere og vikarer"),
];

/// Writes the session under `root/panel/` and returns the files.
pub fn write_overgreb_session(root: &Path, audit: &Audit) -> anyhow::Result<Vec<PathBuf>> {
    if audit.diagnostics.iter().any(|d| d.is_error()) {
        bail!("auditten har fejl; ret dem (se `auditpanel check`) først");
    }
    if audit.config.id != AUDIT_ID || !audit.config.fictitious {
        bail!("panelsessionen hører kun til eksemplets fiktive audit {AUDIT_ID}");
    }
    let panel = root.join(PANEL_DIR);
    remove_dir(&panel.join(SCORES_DIR))?;
    remove_file(&panel.join(CONCLUSIONS_FILE))?;
    remove_file(&panel.join(SESSION_FILE))?;
    let mut seed = String::from("topics:\n");
    for (id, title) in TOPICS {
        seed.push_str(&format!("- id: {id}\n  title: \"{title}\"\n"));
    }
    write_atomic(&panel.join(TOPICS_FILE), &seed)
        .with_context(|| format!("{PANEL_DIR}/{TOPICS_FILE}"))?;
    let (mut store, diags) = PanelStore::open(root, audit);
    if !diags.is_empty() || store.is_read_only() {
        bail!("panel/ kan ikke skrives: {:?} {diags:?}", store.mode());
    }
    scores(&mut store)?;
    topics(&mut store)?;
    conclusions(&mut store, audit)?;
    let ctx = store.context();
    let mut files: Vec<PathBuf> = RATERS.iter().map(|r| ctx.scores_path(r)).collect();
    files.extend([
        ctx.topics_path(),
        ctx.conclusions_path(),
        ctx.session_path(),
    ]);
    Ok(files)
}

fn scores(store: &mut PanelStore) -> anyhow::Result<()> {
    let mut r1 = Vec::new();
    for (case, base) in BASE {
        for (qi, q) in QUESTIONS.iter().enumerate() {
            let row: Vec<u8> = RATERS
                .iter()
                .map(|t| round1(t, case, q, base[qi]))
                .collect();
            let med = median(&row);
            for (t, v) in RATERS.iter().zip(&row) {
                set(store, 1, t, case, q, *v)?;
                if *t == "syd" && q.starts_with('b') && *v < med {
                    comment(
                        store,
                        1,
                        t,
                        case,
                        q,
                        "Rapporten siger, at beredskabet findes, men ikke, at tilsynet har set det.",
                    )?;
                }
            }
            r1.push((case, *q, row, med));
        }
    }
    apply(store, Change::Reveal { round: 1 })?;
    apply(
        store,
        Change::StartNextRound {
            scope: RoundScope::All,
        },
    )?;
    for (case, q, row, med) in r1 {
        for (t, v1) in RATERS.iter().zip(&row) {
            let v = round2(t, case, q, *v1, med);
            set(store, 2, t, case, q, v)?;
            if v != *v1 && dice(3, t, case, q) < 30 {
                comment(
                    store,
                    2,
                    t,
                    case,
                    q,
                    "Efter drøftelsen: læser rapporten som de andre tilsyn.",
                )?;
            }
        }
    }
    apply(store, Change::Reveal { round: 2 })?;
    Ok(())
}

fn topics(store: &mut PanelStore) -> anyhow::Result<()> {
    let votes = [
        ("beredskabet", 11),
        ("boernenes_stemme", 8),
        ("underretning", 4),
        ("vikarer", 2),
    ];
    for (id, n) in votes {
        apply(
            store,
            Change::SetVotes {
                id: id.into(),
                votes: n,
            },
        )?;
        apply(
            store,
            Change::SetPrioritised {
                id: id.into(),
                prioritised: n >= 8,
            },
        )?;
    }
    let prioritised: [Prioritised; 2] = [
        (
            "beredskabet",
            "Panelet drøftede, hvad det betyder, at et opholdssted har et beredskab mod \
             overgreb. Nogle tilsyn noterer, at beredskabet findes; andre beder om at se \
             det og spørger medarbejderne, om de kender det. Socialtilsyn Syd scorede \
             rapporter lavt, når de ikke sagde, om tilsynet havde set beredskabet.",
            &[
                (
                    "Der var enighed om, at tilsynet bør se beredskabet og spørge mindst én \
                     medarbejder, hvordan det bruges.",
                    &[],
                ),
                (
                    "Der var enighed om, at rapporten bør sige, hvornår beredskabet sidst \
                     blev revideret.",
                    &["hovedstaden"],
                ),
            ],
        ),
        (
            "boernenes_stemme",
            "Panelet så på, om rapporterne bygger på samtaler med børnene. Flere \
             rapporter gengiver børnenes udsagn, men bruger dem ikke i vurderingen af \
             forebyggelsen.",
            &[(
                "Der var enighed om, at børnenes egne udsagn om tryghed og om, hvem de kan \
                 gå til, hører med i vurderingen af forebyggelsen.",
                &[],
            )],
        ),
    ];
    discuss(store, &prioritised)
}

fn conclusions(store: &mut PanelStore, audit: &Audit) -> anyhow::Result<()> {
    let figs = figures::compute(audit, store.data());
    let rounds = &figs.agreement;
    let verdicts = [
        ("H1", Verdict::IkkeBelaeg),
        ("H2", Verdict::DelvistBekraeftet),
    ];
    for (h, verdict) in verdicts {
        apply(
            store,
            Change::SetVerdict {
                hypothesis: h.into(),
                verdict: Some(verdict),
                agreement: snapshot(rounds, h),
            },
        )?;
    }
    let story = |h: &str| {
        alpha_story(rounds, h).map_or(String::new(), |(before, after)| {
            format!(" Før drøftelsen var α = {before}, efter drøftelsen α = {after}.")
        })
    };
    let h1 = format!(
        "Tilsynene vurderede forebyggelsen og opsporingen nogenlunde ens.{} Forskellene \
         lå i, hvor meget børnenes egne udsagn vejer, og de blev mindre efter \
         drøftelsen. Materialet giver ikke grundlag for at kalde dem betydelige.",
        story("H1")
    );
    let h2 = format!(
        "Om håndteringen og beredskabet var tilsynene mindre enige.{} Forskellene hænger \
         især sammen med, om tilsynet selv ser beredskabet. Der er forskelle, og panelet \
         fandt dem delvist begrundede i tilsynenes metode.",
        story("H2")
    );
    for (h, text) in [("H1", h1), ("H2", h2)] {
        apply(
            store,
            Change::SetRationale {
                hypothesis: h.into(),
                text,
            },
        )?;
    }
    let guidance = [
        (
            "Beredskabet",
            "Tilsynene vurderer beredskabet forskelligt, fordi kun nogle ser det.",
            "tilsynet ser opholdsstedets beredskab mod overgreb og spørger medarbejderne, \
             hvordan det bruges.",
        ),
        (
            "Børnenes stemme",
            "Børnenes udsagn står i rapporterne, men bruges sjældent i vurderingen.",
            "børnenes egne udsagn om tryghed indgår i vurderingen af forebyggelsen.",
        ),
        (
            "Underretning",
            "Rapporterne siger sjældent, hvor hurtigt der blev underrettet.",
            "rapporten oplyser, om opholdsstedet har underrettet kommunen straks ved \
             mistanke.",
        ),
    ];
    for (heading, rationale, text) in guidance {
        apply(
            store,
            Change::AddGuidance(GuidanceItem {
                heading: heading.into(),
                rationale: rationale.into(),
                guidance: format!("{GUIDANCE_PREFIX} {text}"),
            }),
        )?;
    }
    let followup = [
        (
            "Præsentere rapporten og den faglige vejledning for de fem tilsyn",
            "2024-10-31",
            FollowUpStatus::Planlagt,
        ),
        (
            "Samle tilsynenes spørgsmål om beredskaber i en fælles tjekliste",
            "2025-02-28",
            FollowUpStatus::Planlagt,
        ),
    ];
    for (action, due, status) in followup {
        apply(
            store,
            Change::AddFollowUp(FollowUpItem {
                action: action.into(),
                owner: "Socialstyrelsen".into(),
                due: NaiveDate::parse_from_str(due, "%Y-%m-%d").ok(),
                status,
                note: String::new(),
            }),
        )?;
    }
    Ok(())
}
