//! The fictitious panel session of the example audit (18.1), written under
//! `panel/` through `PanelStore::apply`, so the files are exactly what the
//! app writes. Deterministic: no clock, no random generator, only a hash of
//! (round, tilsyn, case, question).
//!
//! What it writes: all five tilsyn score all cases × questions in round 1
//! (blind) and round 2 (after the discussion), both revealed. The scores are
//! a base level per case and question, a little noise, and in round 1 a few
//! tilsyn that read the voksenansvar questions differently (Midt and Syd,
//! who keep magtprofiler themselves, are stricter about systematic use;
//! Hovedstaden is milder about isolation; Nord weighs the young people's
//! statements higher). In round 2 most move towards the panel's median.
//! Then votes on the eight topics, three prioritised with a discussion and
//! consensus (one point with a dissenting tilsyn), verdicts on H1 and H2
//! citing the agreement, six items of faglig vejledning and a five-point
//! opfølgningsplan. All text is invented for the example.
//!
//! Regenerate with `cargo run --example make_panel_session` (from the
//! repository root); `tests/export.rs` fails when the committed files
//! differ from what this writes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;

use super::figures::{self, Figure, RoundFigures};
use crate::domain::diag::Severity;
use crate::domain::load::load_audit;
use crate::domain::model::Audit;
use crate::domain::panel::files::{
    CONCLUSIONS_FILE, PANEL_DIR, SCORES_DIR, SESSION_FILE, TOPICS_FILE, write_atomic,
};
use crate::domain::panel::{
    AgreementSnapshot, Change, FollowUpItem, FollowUpStatus, GUIDANCE_PREFIX, GuidanceItem,
    PanelStore, RoundAgreement, Verdict,
};

/// The tilsyn in the order of the example's audit.yaml.
const RATERS: [&str; 5] = ["nord", "midt", "syd", "oest", "hovedstaden"];
const QUESTIONS: [&str; 11] = [
    "v1", "v2", "v3", "v4", "v5", "v6", "p1", "p2", "p3", "p4", "p5",
];

/// Base level per case (sorted by id) and question (form order): how well
/// the case's tilsynsrapport covers the question, as the panel would agree
/// on it after a good discussion.
const BASE: [(&str, [u8; 11]); 8] = [
    ("birkeskraenten", [4, 5, 3, 4, 4, 5, 4, 3, 4, 4, 3]),
    ("fjordlyset", [4, 4, 3, 3, 3, 4, 3, 3, 3, 4, 4]),
    ("havbakken", [3, 2, 3, 3, 2, 3, 4, 3, 3, 4, 3]),
    ("kanalhuset", [3, 2, 2, 3, 2, 3, 3, 2, 4, 3, 4]),
    ("lindely", [4, 3, 4, 4, 3, 4, 4, 4, 4, 5, 3]),
    ("lyngtoften", [2, 1, 2, 2, 2, 2, 2, 2, 2, 3, 4]),
    ("mosevang", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]),
    ("tranehoej", [2, 2, 4, 2, 1, 3, 3, 2, 2, 3, 2]),
];

/// The responsible tilsyn of each example case (a tilsyn reads its own
/// report more kindly on v2 than the others do).
fn own_tilsyn(case: &str) -> &'static str {
    match case {
        "birkeskraenten" | "lyngtoften" => "midt",
        "fjordlyset" => "syd",
        "havbakken" => "nord",
        "kanalhuset" | "lindely" => "hovedstaden",
        _ => "oest",
    }
}

/// Cells marked "kan ikke vurderes": (round, rater, case, question, comment).
const NOT_ASSESSABLE: [(u32, &str, &str, &str, &str); 5] = [
    (
        1,
        "nord",
        "kanalhuset",
        "v3",
        "Rapporten nævner ikke isolation, og magtprofilen var ikke vedlagt.",
    ),
    (
        2,
        "nord",
        "kanalhuset",
        "v3",
        "Stadig intet grundlag i rapporten; panelet var enigt i, at det ikke kan vurderes.",
    ),
    (
        1,
        "oest",
        "lyngtoften",
        "v5",
        "De unges udsagn i rapporten handler ikke om magtanvendelser.",
    ),
    (
        2,
        "oest",
        "lyngtoften",
        "v5",
        "Uændret: udsagnene kan ikke knyttes til episoderne.",
    ),
    (
        1,
        "hovedstaden",
        "birkeskraenten",
        "p5",
        "De fysiske rammer er kun nævnt i en bisætning.",
    ),
];

/// A stable 64-bit hash (FNV-1a, then splitmix64's finaliser).
pub(super) fn hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// 0–99 for a cell.
fn dice(round: u32, rater: &str, case: &str, q: &str) -> u64 {
    hash(&["18.1", &round.to_string(), rater, case, q]) % 100
}

/// How a tilsyn read a voksenansvar question differently before the
/// discussion.
fn bias(rater: &str, case: &str, q: &str, base: u8) -> i32 {
    let own = own_tilsyn(case) == rater;
    match (rater, q) {
        ("midt" | "syd", "v2") if !own => -1,
        ("hovedstaden", "v2") if !own => 1,
        ("hovedstaden", "v3") => 1,
        ("nord", "v5") if base <= 2 => 2,
        ("nord", "v5") => 1,
        ("syd", "v6") => -1,
        ("oest", "v1") if base >= 4 => -1,
        _ => 0,
    }
}

fn clamp(v: i32) -> u8 {
    u8::try_from(v.clamp(1, 5)).unwrap_or(3)
}

/// Round 1: base, noise (70 % none) and the readings above.
fn round1(rater: &str, case: &str, qi: usize, base: u8) -> u8 {
    let q = QUESTIONS[qi];
    let noise = match dice(1, rater, case, q) {
        0..15 => -1,
        15..30 => 1,
        _ => 0,
    };
    clamp(i32::from(base) + noise + bias(rater, case, q, base))
}

/// Round 2: after the discussion a score two or more from the median moves
/// one step towards it, one step off moves onto it (about half the time), a
/// few on the median move one step after a second look, and Syd keeps
/// its stricter reading of v2 where the report has no overview.
fn round2(rater: &str, case: &str, q: &str, r1: u8, median: u8) -> u8 {
    if rater == "syd" && q == "v2" && own_tilsyn(case) != "syd" && median <= 3 {
        return r1;
    }
    let d = i32::from(r1) - i32::from(median);
    let m = i32::from(median);
    let roll = dice(2, rater, case, q);
    let v = match d.abs() {
        // A few agreeing scores move anyway: a second look at the report.
        0 if roll < 4 => m - 1,
        0 if roll < 8 => m + 1,
        0 => m,
        1 if roll < 55 => m,
        1 => i32::from(r1),
        _ => m + d.signum(),
    };
    clamp(v)
}

/// Median of the numbers (lower middle on an even count).
pub(super) fn median(values: &[u8]) -> u8 {
    let mut v = values.to_vec();
    v.sort_unstable();
    v.get((v.len().saturating_sub(1)) / 2).copied().unwrap_or(3)
}

/// A short comment when a tilsyn is far from the others (round 1) or moved
/// (round 2); (lower, higher) per question.
fn comment_pool(q: &str) -> (&'static str, &'static str) {
    match q {
        "v1" => (
            "Rapporten nævner antallet af magtanvendelser, men ikke om de lå inden for reglerne.",
            "Tilsynet gennemgår konkrete episoder og deres lovgrundlag.",
        ),
        "v2" => (
            "Ingen samlet oversigt; indberetningerne omtales kun enkeltvis.",
            "Rapporten bygger på en oversigt over hele året med mønstre.",
        ),
        "v3" => (
            "Varigheden af isolationerne er ikke vurderet.",
            "Tilsynet har set på både varighed og hvem der traf beslutningen.",
        ),
        "v4" => (
            "For sen registrering er nævnt, men ikke fulgt op.",
            "Rettidigheden er kontrolleret på en stikprøve.",
        ),
        "v5" => (
            "De unges oplevelse af episoderne fylder ikke i rapporten.",
            "Tilsynet har talt med unge, der var vidner til episoder.",
        ),
        "v6" => (
            "Efterbearbejdning og læring er ikke berørt.",
            "Institutionens efterbearbejdning er beskrevet og vurderet.",
        ),
        "p1" => (
            "Metoderne er nævnt, men ikke holdt op mod målgruppen.",
            "Tilsynet forholder sig til, hvordan metoderne passer til korte ophold.",
        ),
        "p2" => (
            "Sanktioner omtales som konsekvenspædagogik uden forbehold.",
            "Rapporten skelner tydeligt mellem konsekvens og sanktion.",
        ),
        "p3" => (
            "Trivslen er vurderet ud fra ledelsens oplysninger alene.",
            "De unges egne udsagn om trivsel indgår i vurderingen.",
        ),
        "p4" => (
            "Kompetencerne er opregnet, men ikke vurderet.",
            "Tilsynet har set på uddannelse i konfliktnedtrapning og brug af vikarer.",
        ),
        _ => (
            "Rammerne er beskrevet, men ikke koblet til praksis.",
            "Tilsynet kobler rammerne til konkrete konflikter.",
        ),
    }
}

const MOVED: [&str; 3] = [
    "Justeret efter drøftelsen i panelet.",
    "Ændret efter drøftelsen; de andre tilsyn pegede på et afsnit, jeg havde overset.",
    "Enig med panelet efter drøftelsen.",
];

const SYD_KEEPS: &str = "Fastholder: uden en samlet magtprofil er brugen ikke systematisk.";

/// Writes the session into the audit at `root` (the example audit): removes
/// `panel/scores/`, `panel/conclusions.yaml` and `panel/session.yaml`,
/// writes the eight topics of [`TOPICS`] anew (whatever `panel/topics.yaml`
/// held, so the result depends only on the audit's inputs), and returns the
/// files written.
pub fn write_example_session(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let audit = load_audit(root);
    let errors: Vec<String> = audit
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    if !errors.is_empty() {
        bail!("auditten har fejl:\n{}", errors.join("\n"));
    }
    if audit.config.id != "18.1" || !audit.config.fictitious {
        bail!("panelsessionen hører kun til eksemplets fiktive audit 18.1");
    }
    let panel = root.join(PANEL_DIR);
    remove_dir(&panel.join(SCORES_DIR))?;
    remove_file(&panel.join(CONCLUSIONS_FILE))?;
    remove_file(&panel.join(SESSION_FILE))?;
    write_atomic(&panel.join(TOPICS_FILE), &topics_seed())
        .with_context(|| format!("{PANEL_DIR}/{TOPICS_FILE}"))?;

    let (mut store, diags) = PanelStore::open(root, &audit);
    if !diags.is_empty() || store.is_read_only() {
        bail!(
            "panel/ kan ikke skrives: {:?} {}",
            store.mode(),
            diags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    scores(&mut store)?;
    topics(&mut store)?;
    conclusions(&mut store, &audit)?;

    let ctx = store.context();
    let mut files: Vec<PathBuf> = RATERS.iter().map(|r| ctx.scores_path(r)).collect();
    files.push(ctx.topics_path());
    files.push(ctx.conclusions_path());
    files.push(ctx.session_path());
    Ok(files)
}

/// The panel's eight særlige fokusområder (id, title), in the panel's order.
const TOPICS: [(&str, &str); 8] = [
    ("magtanvendelser", "Magtanvendelser"),
    ("sanktioner", "Institutionernes brug af sanktioner"),
    ("unges_udsagn", "Unges udsagn i tilsynsrapporterne"),
    ("maalgrupper_metoder", "Målgrupper og metoder"),
    ("graazone", "Gråzone – hvordan bruges begrebet?"),
    (
        "fysiske_rammer",
        "De fysiske rammers betydning i vurderingen af f.eks. den pædagogiske praksis",
    ),
    (
        "opmaerksomheds_udviklingspunkter",
        "Socialtilsynenes brug af opmærksomhedspunkter vs. udviklingspunkter",
    ),
    (
        "selvstaendighed_relationer",
        "Vurdering af temaet selvstændighed og relationer i kvalitetsmodellen",
    ),
];

/// `panel/topics.yaml` with the eight topics and nothing else; the store
/// rewrites it in its own form with the first change.
fn topics_seed() -> String {
    let mut s = String::from("topics:\n");
    for (id, title) in TOPICS {
        s.push_str(&format!("- id: {id}\n  title: \"{title}\"\n"));
    }
    s
}

pub(super) fn remove_dir(p: &Path) -> io::Result<()> {
    match fs::remove_dir_all(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

pub(super) fn remove_file(p: &Path) -> io::Result<()> {
    match fs::remove_file(p) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

pub(super) fn apply(store: &mut PanelStore, change: Change) -> anyhow::Result<()> {
    let what = change.describe();
    store.apply(change).with_context(|| what)
}

pub(super) fn set(
    store: &mut PanelStore,
    round: u32,
    rater: &str,
    case: &str,
    q: &str,
    v: u8,
) -> anyhow::Result<()> {
    apply(
        store,
        Change::SetScore {
            round,
            rater: rater.into(),
            case: case.into(),
            question: q.into(),
            value: v,
        },
    )
}

pub(super) fn comment(
    store: &mut PanelStore,
    round: u32,
    rater: &str,
    case: &str,
    q: &str,
    text: &str,
) -> anyhow::Result<()> {
    apply(
        store,
        Change::SetComment {
            round,
            rater: rater.into(),
            case: case.into(),
            question: q.into(),
            comment: text.into(),
        },
    )
}

fn not_assessable(round: u32, rater: &str, case: &str, q: &str) -> Option<&'static str> {
    NOT_ASSESSABLE
        .iter()
        .find(|(r, t, c, x, _)| *r == round && *t == rater && *c == case && *x == q)
        .map(|(.., comment)| *comment)
}

fn scores(store: &mut PanelStore) -> anyhow::Result<()> {
    // Round 1, blind.
    let mut r1 = Vec::new();
    for (case, base) in BASE {
        for (qi, q) in QUESTIONS.iter().enumerate() {
            let row: Vec<u8> = RATERS
                .iter()
                .map(|t| round1(t, case, qi, base[qi]))
                .collect();
            let med = median(&row);
            for (ti, t) in RATERS.iter().enumerate() {
                if let Some(text) = not_assessable(1, t, case, q) {
                    mark_not_assessable(store, 1, t, case, q, text)?;
                    continue;
                }
                set(store, 1, t, case, q, row[ti])?;
                let d = i32::from(row[ti]) - i32::from(med);
                if d.abs() >= 2 || (d.abs() == 1 && dice(3, t, case, q) < 12) {
                    let (low, high) = comment_pool(q);
                    comment(store, 1, t, case, q, if d < 0 { low } else { high })?;
                }
            }
            r1.push((case, *q, row, med));
        }
    }
    apply(store, Change::Reveal { round: 1 })?;
    apply(
        store,
        Change::StartNextRound {
            scope: crate::domain::panel::RoundScope::All,
        },
    )?;
    // Round 2, after the discussion.
    for (case, q, row, med) in r1 {
        for (ti, t) in RATERS.iter().enumerate() {
            if let Some(text) = not_assessable(2, t, case, q) {
                mark_not_assessable(store, 2, t, case, q, text)?;
                continue;
            }
            let v = round2(t, case, q, row[ti], med);
            set(store, 2, t, case, q, v)?;
            if not_assessable(1, t, case, q).is_some() {
                comment(
                    store,
                    2,
                    t,
                    case,
                    q,
                    "Efter drøftelsen: beskrivelsen er kort, men nok til en score.",
                )?;
            } else if *t == "syd" && q == "v2" && v == row[ti] && v < med {
                comment(store, 2, t, case, q, SYD_KEEPS)?;
            } else if v != row[ti] && dice(4, t, case, q) < 35 {
                let pick = usize::try_from(dice(5, t, case, q) % 3).unwrap_or(0);
                comment(store, 2, t, case, q, MOVED[pick])?;
            }
        }
    }
    apply(store, Change::Reveal { round: 2 })?;
    Ok(())
}

fn mark_not_assessable(
    store: &mut PanelStore,
    round: u32,
    rater: &str,
    case: &str,
    q: &str,
    text: &str,
) -> anyhow::Result<()> {
    apply(
        store,
        Change::SetNotAssessable {
            round,
            rater: rater.into(),
            case: case.into(),
            question: q.into(),
        },
    )?;
    comment(store, round, rater, case, q, text)
}

/// Votes, priority, discussion and consensus of the eight topics.
fn topics(store: &mut PanelStore) -> anyhow::Result<()> {
    let votes = [
        ("magtanvendelser", 14),
        ("sanktioner", 11),
        ("unges_udsagn", 6),
        ("maalgrupper_metoder", 9),
        ("graazone", 3),
        ("fysiske_rammer", 2),
        ("opmaerksomheds_udviklingspunkter", 2),
        ("selvstaendighed_relationer", 1),
    ];
    for (id, n) in votes {
        if store.topic(id).is_none() {
            bail!("panel/topics.yaml mangler emnet '{id}'");
        }
        apply(
            store,
            Change::SetVotes {
                id: id.into(),
                votes: n,
            },
        )?;
        let prioritised = PRIORITISED.iter().any(|(p, ..)| *p == id);
        apply(
            store,
            Change::SetPrioritised {
                id: id.into(),
                prioritised,
            },
        )?;
        apply(
            store,
            Change::SetDiscussion {
                id: id.into(),
                text: String::new(),
            },
        )?;
        let existing = store.topic(id).map_or(0, |t| t.consensus.len());
        for _ in 0..existing {
            apply(
                store,
                Change::DeleteConsensus {
                    topic: id.into(),
                    index: 0,
                },
            )?;
        }
    }
    discuss(store, &PRIORITISED)
}

/// The discussion and consensus points of each prioritised topic.
pub(super) fn discuss(store: &mut PanelStore, prioritised: &[Prioritised]) -> anyhow::Result<()> {
    for (id, discussion, consensus) in prioritised {
        apply(
            store,
            Change::SetDiscussion {
                id: (*id).into(),
                text: (*discussion).into(),
            },
        )?;
        for (text, dissent) in consensus.iter() {
            apply(
                store,
                Change::AddConsensus {
                    topic: (*id).into(),
                    text: (*text).into(),
                    dissent: dissent.iter().map(|s| (*s).to_string()).collect(),
                },
            )?;
        }
    }
    Ok(())
}

pub(super) type Prioritised = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
);

const PRIORITISED: [Prioritised; 3] = [
    (
        "magtanvendelser",
        "Panelet så på, hvordan de fem tilsyn bruger indberetningerne om \
         magtanvendelser. Alle tilsyn læser dem, men kun Socialtilsyn Midt og \
         Socialtilsyn Syd samler dem fast i én oversigt pr. institution, en \
         magtprofil, med udviklingen over året, tidspunkter, typer og de unge, der \
         går igen. De to tilsyn viste, hvordan profilen peger på, hvor næste besøg \
         skal se efter, og hvordan den gør det muligt at føre et risikobaseret \
         tilsyn.\n\n\
         I eksemplets materiale lå de otte institutioner mellem 28 og 254 \
         magtanvendelser i 2017. Panelet hæftede sig ved, at tallene først kan \
         sammenlignes, når de ses i forhold til antallet af pladser, og at et fald \
         kan være lige så interessant som en stigning, fx hvis personalet er skiftet \
         ud eller indberetningerne er blevet færre uden at praksis har ændret sig.",
        &[
            (
                "Der var enighed om, at indberetningerne om magtanvendelser er en af \
                 tilsynets vigtigste kilder på de sikrede institutioner, hvor de unge er \
                 underlagt udvidede beføjelser.",
                &[],
            ),
            (
                "Der var enighed om, at tilsynet bør følge antallet over tid og på tværs \
                 af institutionerne og bruge forholdstal, så store og små institutioner \
                 kan sammenlignes.",
                &[],
            ),
            (
                "Der var enighed om, at tilsynet ved udvalgte episoder bør høre både den \
                 unge, der blev udsat for magtanvendelsen, og de unge, der så den.",
                &[],
            ),
            (
                "Der var enighed om, at alle fem tilsyn bør lave en magtprofil for hver \
                 institution forud for hvert tilsynsbesøg.",
                &["nord"],
            ),
        ],
    ),
    (
        "sanktioner",
        "Næsten alle rapporterne beskriver sanktioner af en eller anden art, fx at en \
         ung, der ikke møder i skole, mister aftenens aktiviteter, internettet eller \
         telefonen. Panelet drøftede forskellen på konsekvenspædagogik, hvor den unge \
         hjælpes til at se sammenhængen mellem egne handlinger og deres følger, og \
         sanktioner, hvor den sammenhæng ofte mangler. Rapporterne skelnede sjældent \
         mellem de to, og tilsynene vurderede praksis forskelligt.",
        &[
            (
                "Der var enighed om, at konsekvenspædagogik og sanktionerende praksis \
                 ikke er det samme, og at tilsynsrapporterne ofte blander dem sammen.",
                &[],
            ),
            (
                "Der var enighed om, at de fem tilsyn bør drøfte deres syn på sanktioner \
                 og nå frem til en fælles tilgang.",
                &[],
            ),
            (
                "Der var enighed om, at tilsynene har brug for mere viden om, hvilke \
                 pædagogiske metoder der virker for de unge på de sikrede institutioner.",
                &[],
            ),
        ],
    ),
    (
        "maalgrupper_metoder",
        "De sikrede institutioner rummer unge i varetægt, unge anbragt af sociale \
         grunde og unge med kognitive eller psykiatriske vanskeligheder, og mange \
         bliver kun få måneder. Panelet drøftede, hvad det kræver af metoderne og af \
         medarbejdernes kompetencer, og hvordan tilsynet kan vurdere en indsats, der \
         både skal holde på de unge og hjælpe dem videre.",
        &[
            (
                "Der var enighed om, at én metode ikke når alle unge i en så sammensat \
                 målgruppe, og at tilsynet bør vurdere, om institutionen har \
                 kompetencerne til de metoder, den har valgt.",
                &[],
            ),
            (
                "Der var enighed om, at rapporterne viser forskellige pædagogiske \
                 tilgange på tværs af de otte institutioner.",
                &[],
            ),
            (
                "Der var enighed om, at tilsynsbesøg på tværs af tilsynene og et fælles \
                 fagligt netværk kan give konsulenterne et bedre grundlag for at vurdere \
                 den pædagogiske praksis.",
                &[],
            ),
        ],
    ),
];

pub(super) fn snapshot(rounds: &[RoundFigures], hypothesis: &str) -> Option<AgreementSnapshot> {
    let rounds: Vec<RoundAgreement> = rounds
        .iter()
        .filter_map(|r| r.hypothesis(hypothesis).map(|f| (r.round, f)))
        .map(|(round, f)| RoundAgreement {
            round,
            alpha: f.alpha.map(round3),
            ci_low: f.ci.map(|c| round3(c.0)),
            ci_high: f.ci.map(|c| round3(c.1)),
            values: u32::try_from(f.values).ok(),
        })
        .collect();
    (!rounds.is_empty()).then(|| AgreementSnapshot {
        level: "ordinal".into(),
        rounds,
    })
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// "α steg fra 0,512 i runde 1 til 0,803 i runde 2", from the figures.
pub(super) fn alpha_story(rounds: &[RoundFigures], hypothesis: &str) -> Option<(String, String)> {
    let f = |r: usize| -> Option<&Figure> { rounds.get(r)?.hypothesis(hypothesis) };
    let (a, b) = (f(0)?, f(1)?);
    Some((
        format!("{} ({})", figures::alpha(a.alpha), a.interpretation()),
        format!("{} ({})", figures::alpha(b.alpha), b.interpretation()),
    ))
}

fn conclusions(store: &mut PanelStore, audit: &Audit) -> anyhow::Result<()> {
    let figs = figures::compute(audit, store.data());
    let rounds = &figs.agreement;
    for h in ["H1", "H2"] {
        apply(
            store,
            Change::SetVerdict {
                hypothesis: h.into(),
                verdict: Some(Verdict::DelvistBekraeftet),
                agreement: snapshot(rounds, h),
            },
        )?;
    }
    let h1 = match alpha_story(rounds, "H1") {
        Some((before, after)) => format!(
            "Før drøftelsen var enigheden om spørgsmålene om lov om voksenansvar α = \
             {before}. Forskellene samlede sig om tre spørgsmål: den systematiske brug af \
             indberetningerne, vurderingen af isolation og de unges egne oplevelser. Efter \
             drøftelsen var α = {after}."
        ),
        None => "Før drøftelsen var tilsynene mindre enige om spørgsmålene om lov om \
                 voksenansvar end efter. Forskellene samlede sig om den systematiske brug \
                 af indberetningerne, vurderingen af isolation og de unges egne oplevelser."
            .into(),
    };
    let h1 = format!(
        "{h1}\n\nDer er altså forskelle i tilsynenes vurderinger, og de hænger især sammen \
         med, at kun to tilsyn arbejder med magtprofiler. Forskellene kunne dog langt hen \
         ad vejen forklares og blev mindre, da tilsynene havde hørt hinandens \
         begrundelser. Materialet giver derfor ikke grundlag for at kalde dem betydelige."
    );
    let h2 = match alpha_story(rounds, "H2") {
        Some((before, after)) => format!(
            "Om den pædagogiske indsats var tilsynene mere enige allerede før drøftelsen, \
             hvor α var {before}; efter drøftelsen var α {after}."
        ),
        None => "Om den pædagogiske indsats var tilsynene mere enige allerede før \
                 drøftelsen."
            .into(),
    };
    let h2 = format!(
        "{h2} Forskellene lå især i, hvordan rapporterne skelner mellem \
         konsekvenspædagogik og sanktioner, og hvordan metoderne holdes op mod en \
         sammensat målgruppe.\n\nDer er forskelle, men de afspejler i høj grad, at hvert \
         tilsyn foretager en konkret faglig vurdering af den enkelte institution, og at \
         tilsynene står forskellige steder i dialogen med institutionerne. Det giver ikke \
         grundlag for at tale om betydelige forskelle, men for at arbejde hen mod en mere ensartet \
         praksis."
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
    let existing = store.conclusions().guidance.len();
    for _ in 0..existing {
        apply(store, Change::DeleteGuidance { index: 0 })?;
    }
    for (heading, rationale, guidance) in GUIDANCE {
        apply(
            store,
            Change::AddGuidance(GuidanceItem {
                heading: heading.into(),
                rationale: rationale.into(),
                guidance: format!("{GUIDANCE_PREFIX} {guidance}"),
            }),
        )?;
    }
    for (action, owner, due, status) in FOLLOWUP {
        apply(
            store,
            Change::AddFollowUp(FollowUpItem {
                action: action.into(),
                owner: owner.into(),
                due: NaiveDate::parse_from_str(due, "%Y-%m-%d").ok(),
                status,
                note: String::new(),
            }),
        )?;
    }
    Ok(())
}

const GUIDANCE: [(&str, &str, &str); 6] = [
    (
        "Den pædagogiske praksis i fokus",
        "De unge på de sikrede institutioner har store og forskelligartede \
         vanskeligheder, og mange er der kun kort tid. Institutionerne har udvidede \
         beføjelser, og miljøet kan blive hårdt for både unge og ansatte. Tilsynet har \
         en vigtig rolle i at holde fast i en pædagogik, der understøtter de unges \
         trivsel og udvikling.",
        "de fem socialtilsyn giver den pædagogiske praksis på de sikrede \
         institutioner særlig vægt i hvert tilsyn.",
    ),
    (
        "Systematisk brug af magtanvendelsesindberetninger",
        "Indberetningerne er en af tilsynets vigtigste datakilder. Samlet i en \
         magtprofil viser de udviklingen over tid, mønstre i tidspunkter og typer og \
         unge, der går igen, og de giver et fælles grundlag for dialogen med \
         ledelsen, medarbejderne og de unge.",
        "de fem socialtilsyn samler indberetningerne i en magtprofil for hver \
         institution på samme måde og bruger forholdstal, så institutionerne kan \
         sammenlignes.",
    ),
    (
        "De unges perspektiv",
        "Med de udvidede beføjelser følger et særligt ansvar for at høre de unge. \
         Deres oplevelse af magtanvendelser, både som den, der blev udsat for den, og \
         som vidne, siger noget, som indberetningerne ikke gør.",
        "de fem socialtilsyn ved hvert tilsynsbesøg taler med unge om deres \
         oplevelse af institutionen og af udvalgte magtanvendelser, og at de unges \
         udsagn fremgår af tilsynsrapporten.",
    ),
    (
        "Nationale retningslinjer om forebyggelse af voldsomme episoder",
        "Socialstyrelsens nationale retningslinjer om forebyggelse af voldsomme \
         episoder er skrevet til botilbud for voksne, men meget af det, de siger om \
         forebyggelse, håndtering, læring og ledelsens ansvar, kan også bruges over \
         for unge med lignende vanskeligheder.",
        "de fem socialtilsyn kender retningslinjerne og bruger dem som en del af \
         deres baggrundsviden i tilsynet med de sikrede institutioner.",
    ),
    (
        "Tilsynsbesøg på tværs af tilsynene",
        "Hvert tilsyn har kun en eller to sikrede institutioner, og det gør det svært \
         at opbygge erfaring med netop denne type tilsyn.",
        "de fem socialtilsyn tager med hinanden på tilsynsbesøg for at dele viden og \
         kalibrere vurderingerne på tværs af de otte institutioner.",
    ),
    (
        "Et fagligt netværk om sikrede institutioner",
        "Auditten viste forskelle i vurderingerne af både brugen af reglerne i lov om \
         voksenansvar og den pædagogiske indsats, og panelet ønskede at fortsætte \
         drøftelsen.",
        "de fem socialtilsyn fortsætter det faglige netværk fra auditten og bruger \
         det til at drøfte svære sager og arbejde hen mod en mere ensartet praksis.",
    ),
];

const FOLLOWUP: [(&str, &str, &str, FollowUpStatus); 5] = [
    (
        "Præsentere rapporten og den faglige vejledning på møder med de fem tilsyn",
        "Socialstyrelsen",
        "2018-12-14",
        FollowUpStatus::Gennemfoert,
    ),
    (
        "Indsamle tilsynenes magtprofiler og beskrivelser af deres praksis og give \
         sparring på en fælles model",
        "Socialstyrelsen",
        "2019-03-29",
        FollowUpStatus::Igang,
    ),
    (
        "Være tovholder på det faglige netværks to første møder",
        "Socialstyrelsen",
        "2019-06-28",
        FollowUpStatus::Igang,
    ),
    (
        "Holde en faglig temadag om tilsyn med sikrede institutioner",
        "Socialstyrelsen og det faglige netværk",
        "2019-05-24",
        FollowUpStatus::Planlagt,
    ),
    (
        "Holde et statusmøde om, hvordan den faglige vejledning er taget i brug",
        "Socialstyrelsen",
        "2019-12-13",
        FollowUpStatus::Planlagt,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_stable() {
        // A change here changes every committed score file.
        assert_eq!(
            dice(1, "nord", "havbakken", "v1"),
            dice(1, "nord", "havbakken", "v1")
        );
        assert_eq!(hash(&["a"]), hash(&["a"]));
        assert_ne!(hash(&["a", "b"]), hash(&["ab"]));
    }

    #[test]
    fn round_two_moves_towards_the_median() {
        assert_eq!(round2("nord", "havbakken", "v1", 5, 3), 4);
        assert_eq!(round2("nord", "havbakken", "v1", 1, 3), 2);
        assert_eq!(round2("nord", "havbakken", "v1", 3, 3), 3);
        // Syd keeps its reading of v2 on others' reports.
        assert_eq!(round2("syd", "havbakken", "v2", 1, 2), 1);
        assert_eq!(median(&[1, 5, 3, 2, 4]), 3);
    }

    #[test]
    fn scores_stay_on_the_scale() {
        for (case, base) in BASE {
            for (qi, _) in QUESTIONS.iter().enumerate() {
                for t in RATERS {
                    assert!((1..=5).contains(&round1(t, case, qi, base[qi])));
                }
            }
        }
    }
}
