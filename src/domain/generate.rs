//! Deterministic generators (by seed) of invented episodes
//! (magtanvendelsesindberetninger): the example audit's episodes with the
//! patterns the magtprofil should find, and large audits for benchmarks.
//!
//! Everything here draws from `ChaCha8Rng` seeded from the caller's seed and
//! the institution id, so the same seed always gives the same bytes. The
//! committed example episodes are exactly what `write_example_episodes`
//! writes (`auditpanel generate --example .` regenerates them; a test
//! compares byte for byte).
//!
//! Episodes are generated day by day in time order and handed to a callback,
//! so a million rows never have to be held in memory.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Europe::Copenhagen;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::diag::Pos;
use super::episodes::CSV_HEADER;
use super::model::{ChildStatement, Episode, InstitutionKind, InterventionType, ParentsTold};
use super::time::to_utc;

/// The seed of the committed example episodes.
pub const EXAMPLE_SEED: u64 = 181;

/// The year the example episodes (and generated audits) cover.
pub const EXAMPLE_YEAR: i32 = 2017;

/// Deliberate rule breaches and edge cases, each an exact count, placed on
/// distinct episodes chosen by the seed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Registered 26–50 hours after the start (the limit is 24).
    pub late_registrations: usize,
    /// Isolation 30 minutes over the kind's legal limit.
    pub isolation_over_limit: usize,
    /// Isolation of 3 h 5 min: legal only on a særligt sikret afdeling.
    pub long_legal_isolation: usize,
    /// No child statement (`no`).
    pub no_statement: usize,
    /// Parents not told (`no`).
    pub parents_not_told: usize,
    /// Starts just before midnight and ends after it.
    pub across_midnight: usize,
}

/// How one institution's episodes look. Weights are relative.
#[derive(Debug, Clone, PartialEq)]
pub struct EpisodeSpec {
    /// Institution (case) id; also the prefix of episode ids.
    pub id: String,
    pub kind: InstitutionKind,
    /// Exactly this many episodes.
    pub count: usize,
    pub year: i32,
    /// Weight per month, January first; 0 means no episodes that month.
    pub month_weights: [u32; 12],
    /// Weight per intervention type, in `InterventionType::ALL` order.
    pub type_weights: [u32; 8],
    /// How many children the institution had during the year.
    pub children: usize,
    /// Exact episode counts of the children with most episodes.
    pub heavy_children: Vec<usize>,
    /// How many staff members take part in episodes.
    pub staff: usize,
    /// How many staff members take part far more often than the rest.
    pub busy_staff: usize,
    /// Percent of episodes that other children witnessed.
    pub witness_pct: u32,
    pub quirks: Quirks,
}

/// Relative weight of each weekday, Monday first: school days are busier.
const WEEKDAY_WEIGHTS: [u32; 7] = [13, 12, 11, 12, 10, 6, 7];

/// Relative weight of each starting hour: evenings (17–22) carry about half.
const HOUR_WEIGHTS: [u32; 24] = [
    2, 1, 1, 1, 1, 1, 2, 5, 7, 6, 5, 5, 6, 6, 7, 8, 9, 12, 14, 15, 15, 13, 10, 5,
];

/// The eight invented institutions of the example audit and their patterns.
pub fn example_specs() -> Vec<EpisodeSpec> {
    use InstitutionKind::{SaerligtSikret, Sikret};
    let q = Quirks::default;
    let spec =
        |id: &str, kind, count, months, types, children, heavy: &[usize], quirks| EpisodeSpec {
            id: id.to_string(),
            kind,
            count,
            year: EXAMPLE_YEAR,
            month_weights: months,
            type_weights: types,
            children,
            heavy_children: heavy.to_vec(),
            staff: 30,
            busy_staff: 3,
            witness_pct: 22,
            quirks,
        };
    // Types: afværge, fasthold, føren, tilbagefør, tilbagehold, isolation, undersøg, nødværge.
    vec![
        spec(
            "havbakken",
            Sikret,
            118,
            [10, 9, 10, 11, 10, 9, 5, 8, 11, 10, 10, 8],
            [6, 44, 12, 2, 8, 12, 10, 6],
            34,
            &[14, 9],
            Quirks {
                no_statement: 1,
                ..q()
            },
        ),
        spec(
            "lyngtoften",
            Sikret,
            254,
            [11, 10, 12, 11, 12, 10, 4, 8, 12, 12, 11, 10],
            [5, 48, 10, 2, 8, 14, 8, 5],
            52,
            &[34, 21, 14],
            Quirks {
                isolation_over_limit: 1,
                late_registrations: 1,
                no_statement: 2,
                parents_not_told: 1,
                across_midnight: 1,
                ..q()
            },
        ),
        spec(
            "birkeskraenten",
            Sikret,
            61,
            [7, 6, 8, 7, 6, 6, 3, 5, 7, 6, 6, 5],
            [14, 20, 6, 2, 4, 6, 6, 22],
            19,
            &[8],
            Quirks {
                parents_not_told: 1,
                ..q()
            },
        ),
        spec(
            "fjordlyset",
            Sikret,
            186,
            [10, 10, 11, 10, 11, 9, 5, 9, 11, 11, 10, 10],
            [7, 42, 14, 3, 9, 10, 11, 4],
            61,
            &[19, 12],
            Quirks {
                late_registrations: 1,
                ..q()
            },
        ),
        spec(
            "tranehoej",
            SaerligtSikret,
            97,
            [9, 8, 9, 9, 8, 8, 6, 7, 9, 9, 8, 8],
            [4, 40, 8, 1, 10, 24, 8, 5],
            18,
            &[16, 11],
            Quirks {
                long_legal_isolation: 1,
                across_midnight: 1,
                ..q()
            },
        ),
        spec(
            // Falls matter too: no episodes from November.
            "mosevang",
            Sikret,
            143,
            [12, 12, 13, 12, 13, 11, 6, 10, 12, 9, 0, 0],
            [6, 46, 12, 2, 8, 11, 10, 5],
            40,
            &[13, 10],
            Quirks {
                no_statement: 1,
                ..q()
            },
        ),
        spec(
            // The calmest: several months with none.
            "lindely",
            Sikret,
            28,
            [4, 0, 4, 3, 4, 3, 0, 3, 4, 0, 4, 3],
            [6, 40, 14, 4, 6, 8, 14, 8],
            14,
            &[6],
            Quirks::default(),
        ),
        spec(
            "kanalhuset",
            Sikret,
            72,
            [8, 7, 8, 8, 7, 7, 3, 6, 8, 8, 7, 7],
            [6, 44, 12, 3, 9, 10, 10, 6],
            26,
            &[9],
            Quirks {
                parents_not_told: 1,
                ..q()
            },
        ),
    ]
}

/// Which file format each example case's episodes are committed in.
pub fn example_is_yaml(id: &str) -> bool {
    id == "lindely"
}

/// One institution's episodes for the example, in time order.
pub fn example_episodes(spec: &EpisodeSpec, seed: u64) -> Vec<Episode> {
    let mut out = Vec::with_capacity(spec.count);
    generate(spec, seed, |e| {
        out.push(e);
        Ok(())
    })
    .unwrap_or_default();
    out
}

/// Writes every example case's episodes file under `root/cases/<id>/`
/// (creating the folders) and returns the files written.
pub fn write_example_episodes(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for spec in example_specs() {
        let dir = root.join("cases").join(&spec.id);
        fs::create_dir_all(&dir)?;
        let episodes = example_episodes(&spec, EXAMPLE_SEED);
        let path = if example_is_yaml(&spec.id) {
            let path = dir.join("episodes.yaml");
            let mut w = BufWriter::new(fs::File::create(&path)?);
            write_yaml(&mut w, &spec.id, &episodes)?;
            w.flush()?;
            path
        } else {
            let path = dir.join("episodes.csv");
            let mut w = csv_writer(fs::File::create(&path)?);
            write_csv_header(&mut w)?;
            let mut fields = Fields::default();
            for e in &episodes {
                fields.write(&mut w, e)?;
            }
            w.flush()?;
            path
        };
        written.push(path);
    }
    Ok(written)
}

/// Writes an audit folder with `institutions` invented institutions and
/// `episodes` episodes in total as `cases/<id>/episodes.csv`, deterministic
/// by `seed`.
pub fn write_large_audit(
    out: &Path,
    seed: u64,
    institutions: u32,
    episodes: u64,
) -> std::io::Result<()> {
    fs::create_dir_all(out.join("themes"))?;
    fs::create_dir_all(out.join("hypotheses"))?;
    fs::write(out.join("audit.yaml"), large_audit_yaml(seed, institutions))?;
    fs::write(
        out.join("themes").join("kvalitetsmodel.yaml"),
        include_str!("../../themes/kvalitetsmodel.yaml"),
    )?;
    fs::write(
        out.join("themes").join("audit-18.1.yaml"),
        include_str!("../../themes/audit-18.1.yaml"),
    )?;
    fs::write(
        out.join("hypotheses")
            .join(format!("{LARGE_AUDIT_ID}.yaml")),
        LARGE_HYPOTHESES,
    )?;
    let counts = split_counts(seed, institutions, episodes);
    for (i, &count) in counts.iter().enumerate() {
        let spec = large_spec(seed, i, count);
        let dir = out.join("cases").join(&spec.id);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("case.yaml"), large_case_yaml(seed, i, &spec))?;
        let mut w = csv_writer(fs::File::create(dir.join("episodes.csv"))?);
        write_csv_header(&mut w)?;
        let mut fields = Fields::default();
        generate(&spec, seed, |e| fields.write(&mut w, &e))?;
        w.flush()?;
    }
    Ok(())
}

/// Writes one bare episodes CSV (the fixed format) with `episodes` rows
/// across `institutions` institutions, deterministic by `seed`.
pub fn write_episodes_csv(
    out: &Path,
    seed: u64,
    institutions: u32,
    episodes: u64,
) -> std::io::Result<()> {
    let mut w = csv_writer(fs::File::create(out)?);
    write_csv_header(&mut w)?;
    let mut fields = Fields::default();
    for (i, &count) in split_counts(seed, institutions, episodes)
        .iter()
        .enumerate()
    {
        let spec = large_spec(seed, i, count);
        generate(&spec, seed, |e| fields.write(&mut w, &e))?;
    }
    w.flush()
}

// ---------------------------------------------------------------------------
// The generator proper.

/// A stable 64-bit hash (FNV-1a), so seeds do not depend on std's hasher.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Picks an index with probability proportional to its weight.
fn pick(rng: &mut ChaCha8Rng, cumulative: &[u64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(0);
    if total == 0 {
        return 0;
    }
    let x = rng.random_range(0..total);
    cumulative.partition_point(|&c| c <= x)
}

fn cumulate(weights: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut sum = 0;
    weights
        .into_iter()
        .map(|w| {
            sum += w;
            sum
        })
        .collect()
}

/// What a quirk index turns an episode into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quirk {
    Late,
    OverLimit,
    LongLegal,
    NoStatement,
    ParentsNo,
    Midnight,
}

const DESCRIPTIONS: [&[&str]; 8] = [
    &[
        "Den unge blev hjulpet væk fra en anden ung, som vedkommende truede med at slå (fiktiv)",
        "Medarbejder greb ind, da den unge ville kaste en stol mod ruden (fiktiv)",
        "Den unge blev standset i at skade sig selv med en knækket blyant (fiktiv)",
    ],
    &[
        "Den unge slog ud efter personalet i fællesrummet og blev holdt fast, til uroen lagde sig (fiktiv)",
        "Konflikt om skærmtid trappede op; den unge blev fastholdt kortvarigt på sofaen (fiktiv)",
        "Den unge sparkede til døre på gangen og blev fastholdt af to medarbejdere (fiktiv)",
        "Uro efter en telefonsamtale; den unge blev fastholdt for ikke at skade sig selv (fiktiv)",
        "Den unge gik mod en anden ung med knyttede hænder og blev holdt tilbage i armene (fiktiv)",
    ],
    &[
        "Den unge nægtede at forlade køkkenet og blev ført til eget værelse (fiktiv)",
        "Den unge blev ført væk fra en optrappet situation i skolestuen (fiktiv)",
        "Den unge blev ført ud af fællesrummet efter gentagne trusler (fiktiv)",
    ],
    &[
        "Den unge forsøgte at løbe fra ledsaget udgang og blev ført tilbage (fiktiv)",
        "Den unge blev bragt tilbage efter et rømningsforsøg fra gårdarealet (fiktiv)",
    ],
    &[
        "Den unge blev tilbageholdt på afdelingen efter at have truet med at stikke af (fiktiv)",
        "Den unge blev holdt tilbage, da vedkommende ville opsøge en konflikt på en anden afdeling (fiktiv)",
    ],
    &[
        "Den unge blev isoleret efter voldsom udadreagerende adfærd mod personalet (fiktiv)",
        "Isolation besluttet efter gentagne trusler; den unge faldt til ro på værelset (fiktiv)",
        "Den unge blev isoleret efter at have smadret inventar i fællesrummet (fiktiv)",
    ],
    &[
        "Værelset blev undersøgt efter mistanke om skjulte genstande (fiktiv)",
        "Den unge blev undersøgt efter besøg på grund af mistanke om rusmidler (fiktiv)",
        "Lommer og taske blev undersøgt efter skolegang uden for afdelingen (fiktiv)",
    ],
    &[
        "Medarbejder værgede sig mod slag og skubbede den unge væk (fiktiv)",
        "Den unge gik til angreb på en medarbejder, som afværgede med armene (fiktiv)",
    ],
];

const INJURIES: [&str; 4] = [
    "mindre skramme på underarmen",
    "rødme om håndleddet",
    "slag på skulderen (medarbejder)",
    "lille hævelse ved kæben",
];

/// Generates `spec.count` episodes in time order and hands each to `emit`.
fn generate(
    spec: &EpisodeSpec,
    seed: u64,
    mut emit: impl FnMut(Episode) -> io::Result<()>,
) -> io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv(&spec.id));
    let count = spec.count;
    let Some(first) = NaiveDate::from_ymd_opt(spec.year, 1, 1) else {
        return Ok(());
    };
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.year() == spec.year)
        .collect();
    let day_weights = cumulate(days.iter().map(|d| {
        let m = spec.month_weights[d.month0() as usize];
        let w = WEEKDAY_WEIGHTS[d.weekday().num_days_from_monday() as usize];
        u64::from(m * w)
    }));
    if day_weights.last().copied().unwrap_or(0) == 0 {
        return Ok(());
    }
    let hour_weights = cumulate(HOUR_WEIGHTS.iter().map(|&w| u64::from(w)));
    let type_weights = cumulate(spec.type_weights.iter().map(|&w| u64::from(w)));

    // How many episodes on each day.
    let mut per_day = vec![0u32; days.len()];
    for _ in 0..count {
        per_day[pick(&mut rng, &day_weights)] += 1;
    }

    // Children: pseudonymous ids and fixed ages; the heavy ones get their
    // exact counts, the rest are spread over the others.
    let n_children = spec.children.max(spec.heavy_children.len() + 1);
    let mut child_numbers: Vec<u32> =
        (1..=u32::try_from(n_children * 6).unwrap_or(u32::MAX)).collect::<Vec<_>>();
    child_numbers.shuffle(&mut rng);
    child_numbers.truncate(n_children);
    let wide = n_children * 6 >= 1000;
    let children: Vec<(String, u8)> = child_numbers
        .iter()
        .map(|n| {
            let id = if wide {
                format!("B-{n:04}")
            } else {
                format!("B-{n:03}")
            };
            (id, rng.random_range(13..=17))
        })
        .collect();
    let heavy = spec.heavy_children.len();
    let mut assigned: Vec<u32> = Vec::with_capacity(count);
    for (i, &n) in spec.heavy_children.iter().enumerate() {
        assigned.extend(std::iter::repeat_n(i as u32, n.min(count - assigned.len())));
    }
    while assigned.len() < count {
        assigned.push(rng.random_range(heavy..n_children) as u32);
    }
    assigned.shuffle(&mut rng);

    // Staff: a few take part far more often.
    let mut staff_numbers: Vec<u32> =
        (1..=u32::try_from(spec.staff * 3).unwrap_or(u32::MAX)).collect::<Vec<_>>();
    staff_numbers.shuffle(&mut rng);
    staff_numbers.truncate(spec.staff.max(1));
    let staff_weights =
        cumulate((0..staff_numbers.len()).map(|i| if i < spec.busy_staff { 9 } else { 1 }));

    // Quirks on distinct episodes.
    let q = spec.quirks;
    let wanted = [
        (Quirk::Late, q.late_registrations),
        (Quirk::OverLimit, q.isolation_over_limit),
        (Quirk::LongLegal, q.long_legal_isolation),
        (Quirk::NoStatement, q.no_statement),
        (Quirk::ParentsNo, q.parents_not_told),
        (Quirk::Midnight, q.across_midnight),
    ];
    let total_quirks: usize = wanted.iter().map(|w| w.1).sum::<usize>().min(count);
    let mut quirk_at: Vec<Option<Quirk>> = vec![None; count];
    let picks = rand::seq::index::sample(&mut rng, count, total_quirks);
    let mut it = picks.iter();
    for (quirk, n) in wanted {
        for _ in 0..n {
            if let Some(i) = it.next() {
                quirk_at[i] = Some(quirk);
            }
        }
    }

    let mut index = 0usize;
    let mut times: Vec<(u32, u32)> = Vec::new();
    for (day, &n) in days.iter().zip(&per_day) {
        if n == 0 {
            continue;
        }
        times.clear();
        for _ in 0..n {
            let mut hour = pick(&mut rng, &hour_weights) as u32;
            let minute = rng.random_range(0..60u32);
            if day
                .and_hms_opt(hour, minute, 0)
                .is_some_and(|t| Copenhagen.from_local_datetime(&t).single().is_none())
            {
                hour += 1; // the skipped or repeated hour at a summer-time switch
            }
            times.push((hour, minute));
        }
        times.sort_unstable();
        // An episode across midnight must be the day's last to keep the order.
        let range = index..index + times.len();
        if let Some(p) = range
            .clone()
            .find(|&i| quirk_at[i] == Some(Quirk::Midnight))
        {
            quirk_at.swap(p, range.end - 1);
            if let Some(t) = times.last_mut() {
                *t = (23, rng.random_range(48..56));
            }
        }
        for &(hour, minute) in &times {
            let quirk = quirk_at[index];
            let Some(start) = day.and_hms_opt(hour, minute, 0) else {
                index += 1;
                continue;
            };
            let child = &children[assigned[index] as usize];
            let episode = make_episode(
                spec,
                &mut rng,
                index,
                start,
                quirk,
                child,
                &type_weights,
                &staff_numbers,
                &staff_weights,
            );
            emit(episode)?;
            index += 1;
        }
    }
    Ok(())
}

/// The local time `minutes` real minutes after `start` (summer time honoured).
fn after(start: NaiveDateTime, minutes: i64) -> NaiveDateTime {
    (to_utc(start) + Duration::minutes(minutes))
        .with_timezone(&Copenhagen)
        .naive_local()
}

/// Night work waits for the morning: a time from 22:00 to 06:59 moves to
/// 07:00–09:59 the next morning.
fn office_hours(rng: &mut ChaCha8Rng, t: NaiveDateTime) -> NaiveDateTime {
    let day = match t.hour() {
        22.. => t.date().succ_opt().unwrap_or(t.date()),
        0..7 => t.date(),
        _ => return t,
    };
    day.and_hms_opt(rng.random_range(7..10), rng.random_range(0..60), 0)
        .unwrap_or(t)
}

#[allow(clippy::too_many_arguments)]
fn make_episode(
    spec: &EpisodeSpec,
    rng: &mut ChaCha8Rng,
    index: usize,
    start: NaiveDateTime,
    quirk: Option<Quirk>,
    child: &(String, u8),
    type_weights: &[u64],
    staff_numbers: &[u32],
    staff_weights: &[u64],
) -> Episode {
    let mut kind = InterventionType::ALL[pick(rng, type_weights).min(7)];
    if matches!(quirk, Some(Quirk::OverLimit | Quirk::LongLegal)) {
        kind = InterventionType::Isolation;
    }
    let limit = spec.kind.isolation_limit_minutes().unwrap_or(120);
    let minutes: i64 = match (kind, quirk) {
        (_, Some(Quirk::OverLimit)) => limit + 30,
        (_, Some(Quirk::LongLegal)) => 185,
        (_, Some(Quirk::Midnight)) => rng.random_range(14..=25),
        (InterventionType::Isolation, _) => rng.random_range(10..=95),
        (InterventionType::Tilbageholdelse, _) => rng.random_range(2..=20),
        (InterventionType::Undersoegelse, _) => rng.random_range(1..=6),
        _ => match rng.random_range(0..100) {
            0..85 => rng.random_range(1..=3),
            85..97 => rng.random_range(4..=8),
            _ => rng.random_range(9..=15),
        },
    };
    let end = after(start, minutes);
    let registered = if quirk == Some(Quirk::Late) {
        after(start, rng.random_range(26 * 60..=50 * 60))
    } else {
        let wait = rng.random_range(20..=300);
        office_hours(rng, after(end, wait))
    };
    let parents_told = if quirk == Some(Quirk::ParentsNo) {
        ParentsTold::No
    } else if rng.random_range(0..100) < 7 {
        ParentsTold::Yes
    } else {
        let wait = rng.random_range(10..=180);
        ParentsTold::At(office_hours(rng, after(registered, wait)))
    };
    let child_statement = if quirk == Some(Quirk::NoStatement) {
        ChildStatement::No
    } else if rng.random_range(0..100) < 12 {
        ChildStatement::Later
    } else {
        ChildStatement::Yes
    };
    let witnesses = if rng.random_range(0..100) < spec.witness_pct {
        rng.random_range(1..=3)
    } else {
        0
    };
    let n_staff = match kind {
        InterventionType::Fastholdelse | InterventionType::Isolation => rng.random_range(2..=3),
        InterventionType::Noedvaerge => 1,
        _ => rng.random_range(1..=2),
    };
    let mut staff: Vec<u32> = Vec::with_capacity(n_staff);
    let mut tries = 0;
    while staff.len() < n_staff.min(staff_numbers.len()) && tries < 20 {
        let s = staff_numbers[pick(rng, staff_weights).min(staff_numbers.len() - 1)];
        if !staff.contains(&s) {
            staff.push(s);
        }
        tries += 1;
    }
    // An undersøgelse is done by at least two staff with no other children
    // present (vejledningens pkt. 176 and 178), so the example's searches
    // are lawful. Nothing is drawn here: every other episode stays as it was.
    let search = kind == InterventionType::Undersoegelse;
    let witnesses = if search { 0 } else { witnesses };
    if search
        && staff.len() < 2
        && let Some(s) = staff_numbers.iter().copied().find(|s| !staff.contains(s))
    {
        staff.push(s);
    }
    staff.sort_unstable();
    let injury = match rng.random_range(0..100) {
        0..82 => Some("ingen".to_string()),
        82..92 => Some(INJURIES[rng.random_range(0..INJURIES.len())].to_string()),
        _ => None,
    };
    let decided_by = (kind == InterventionType::Isolation).then(|| {
        if rng.random_range(0..10) < 7 {
            "leder".to_string()
        } else {
            "stedfortraeder".to_string()
        }
    });
    let texts = DESCRIPTIONS[InterventionType::ALL
        .iter()
        .position(|t| *t == kind)
        .unwrap_or(1)];
    let description = texts[rng.random_range(0..texts.len())].to_string();
    Episode {
        id: format!("{}-{:04}", spec.id, index + 1).into(),
        institution: spec.id.as_str().into(),
        child: child.0.as_str().into(),
        age: Some(child.1),
        start,
        end: Some(end),
        kind,
        legal_basis: Some(kind.legal_basis().into()),
        registered: Some(registered),
        sent_municipality: Some(registered.date()),
        parents_told: Some(parents_told),
        child_statement: Some(child_statement),
        witnesses: Some(witnesses),
        staff: staff.iter().map(|s| format!("P-{s}").into()).collect(),
        injury: injury.map(Into::into),
        decided_by: decided_by.map(Into::into),
        description: description.into(),
        pos: Pos::default(),
    }
}

// ---------------------------------------------------------------------------
// Writing.

fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_writer(w)
}

fn write_csv_header<W: Write>(w: &mut csv::Writer<W>) -> io::Result<()> {
    w.write_record(CSV_HEADER).map_err(io::Error::other)
}

/// Appends `YYYY-MM-DDTHH:MM` without going through a formatter.
fn push_time(s: &mut String, t: NaiveDateTime) {
    push_date(s, t.date());
    s.push('T');
    push2(s, t.hour());
    s.push(':');
    push2(s, t.minute());
}

fn push_date(s: &mut String, d: NaiveDate) {
    let y = d.year().unsigned_abs();
    for div in [1000, 100, 10, 1] {
        s.push(char::from(b'0' + ((y / div) % 10) as u8));
    }
    s.push('-');
    push2(s, d.month());
    s.push('-');
    push2(s, d.day());
}

fn push2(s: &mut String, v: u32) {
    s.push(char::from(b'0' + ((v / 10) % 10) as u8));
    s.push(char::from(b'0' + (v % 10) as u8));
}

/// Reusable field buffers for writing episodes as CSV records.
#[derive(Default)]
struct Fields {
    f: [String; 17],
}

impl Fields {
    fn fill(&mut self, e: &Episode) {
        use std::fmt::Write as _;
        for f in &mut self.f {
            f.clear();
        }
        let f = &mut self.f;
        f[0].push_str(&e.id);
        f[1].push_str(&e.institution);
        f[2].push_str(&e.child);
        if let Some(a) = e.age {
            let _ = write!(f[3], "{a}");
        }
        push_time(&mut f[4], e.start);
        if let Some(t) = e.end {
            push_time(&mut f[5], t);
        }
        f[6].push_str(e.kind.code());
        if let Some(l) = &e.legal_basis {
            f[7].push_str(l);
        }
        if let Some(t) = e.registered {
            push_time(&mut f[8], t);
        }
        if let Some(d) = e.sent_municipality {
            push_date(&mut f[9], d);
        }
        match e.parents_told {
            Some(ParentsTold::At(t)) => push_time(&mut f[10], t),
            Some(ParentsTold::Yes) => f[10].push_str("yes"),
            Some(ParentsTold::No) => f[10].push_str("no"),
            None => {}
        }
        if let Some(c) = e.child_statement {
            f[11].push_str(statement_code(c));
        }
        if let Some(w) = e.witnesses {
            let _ = write!(f[12], "{w}");
        }
        for (i, s) in e.staff.iter().enumerate() {
            if i > 0 {
                f[13].push(';');
            }
            f[13].push_str(s);
        }
        if let Some(i) = &e.injury {
            f[14].push_str(i);
        }
        if let Some(d) = &e.decided_by {
            f[15].push_str(d);
        }
        f[16].push_str(&e.description);
    }

    fn write<W: Write>(&mut self, w: &mut csv::Writer<W>, e: &Episode) -> io::Result<()> {
        self.fill(e);
        w.write_record(&self.f).map_err(io::Error::other)
    }
}

fn statement_code(c: ChildStatement) -> &'static str {
    match c {
        ChildStatement::Yes => "yes",
        ChildStatement::No => "no",
        ChildStatement::Later => "later",
    }
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// Writes episodes as `episodes.yaml`: the CSV's fields, every value quoted,
/// empty fields left out.
pub fn write_yaml<W: Write>(w: &mut W, institution: &str, episodes: &[Episode]) -> io::Result<()> {
    writeln!(
        w,
        "# FIKTIVT EKSEMPEL: opdigtede magtanvendelser for institutionen '{institution}'.\n\
         # Genereret af `auditpanel generate --example .` (seed {EXAMPLE_SEED}); ret ikke i hånden.\n\
         # Børn og medarbejdere har pseudonyme id'er; ingen af dem findes."
    )?;
    writeln!(w, "episodes:")?;
    let mut fields = Fields::default();
    for e in episodes {
        fields.fill(e);
        for (i, name) in CSV_HEADER.iter().enumerate() {
            let value = &fields.f[i];
            if value.is_empty() {
                continue;
            }
            let lead = if i == 0 { "  - " } else { "    " };
            if *name == "staff" {
                let list: Vec<String> = e.staff.iter().map(|s| quoted(s)).collect();
                writeln!(w, "{lead}staff: [{}]", list.join(", "))?;
            } else {
                writeln!(w, "{lead}{name}: {}", quoted(value))?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Large audits.

const LARGE_AUDIT_ID: &str = "99.1";

const TILSYN: [(&str, &str, &str); 5] = [
    ("nord", "Socialtilsyn Nord", "Region Nordjylland"),
    ("midt", "Socialtilsyn Midt", "Region Midtjylland"),
    ("syd", "Socialtilsyn Syd", "Region Syddanmark"),
    ("oest", "Socialtilsyn Øst", "Region Sjælland"),
    (
        "hovedstaden",
        "Socialtilsyn Hovedstaden",
        "Region Hovedstaden",
    ),
];

const QUALITY_THEMES: [&str; 7] = [
    "uddannelse_beskaeftigelse",
    "selvstaendighed_relationer",
    "maalgruppe_metoder_resultater",
    "sundhed_trivsel",
    "organisation_ledelse",
    "kompetencer",
    "fysiske_rammer",
];

const LARGE_HYPOTHESES: &str = r#"# FIKTIVT EKSEMPEL: genereret testaudit til belastningsprøver.
audit: "99.1"
hypotheses:
  - id: H1
    text: "Der er betydelige forskelle i de fem socialtilsyns vurderinger af institutionernes anvendelse af reglerne i lov om voksenansvar."
    themes: [voksenansvar]
  - id: H2
    text: "Der er betydelige forskelle i de fem socialtilsyns vurderinger af den pædagogiske indsats."
    themes: [paedagogisk_indsats]
form:
  intro: "Genereret skema til belastningsprøver."
  scale:
    min: 1
    max: 5
    labels: ["I meget lav grad", "I lav grad", "I nogen grad", "I høj grad", "I meget høj grad"]
  questions:
    - id: v1
      theme: voksenansvar
      text: "I hvilken grad vurderer tilsynet institutionens magtanvendelser systematisk?"
    - id: p1
      theme: paedagogisk_indsats
      text: "I hvilken grad vurderer tilsynet, om de pædagogiske metoder passer til målgruppen?"
      quality_theme: maalgruppe_metoder_resultater
"#;

fn large_audit_yaml(seed: u64, institutions: u32) -> String {
    let mut s = format!(
        "# FIKTIVT EKSEMPEL: genereret testaudit (seed {seed}, {institutions} institutioner).\n\
         id: \"{LARGE_AUDIT_ID}\"\n\
         title: \"Genereret testaudit med opdigtede institutioner\"\n\
         fictitious: true\n\
         background: \"Genereret af auditpanel generate til belastningsprøver. Intet her er virkeligt.\"\n\
         tilsyn:\n"
    );
    for (id, name, _) in TILSYN {
        s.push_str(&format!("  - id: {id}\n    name: \"{name}\"\n"));
    }
    s.push_str("participants:\n");
    for (id, _, _) in TILSYN {
        s.push_str(&format!("  - tilsyn: {id}\n    count: 3\n"));
    }
    s
}

/// Splits `episodes` over `institutions` with uneven, seeded weights; the
/// counts add up exactly.
fn split_counts(seed: u64, institutions: u32, episodes: u64) -> Vec<usize> {
    let n = institutions.max(1) as usize;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c0de);
    let weights: Vec<u64> = (0..n).map(|_| rng.random_range(20..=100)).collect();
    let total: u64 = weights.iter().sum();
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| {
            usize::try_from(u128::from(episodes) * u128::from(*w) / u128::from(total)).unwrap_or(0)
        })
        .collect();
    let assigned: usize = counts.iter().sum();
    let mut rest = usize::try_from(episodes).unwrap_or(usize::MAX) - assigned;
    let mut i = 0;
    while rest > 0 {
        counts[i % n] += 1;
        rest -= 1;
        i += 1;
    }
    counts
}

fn large_id(i: usize) -> String {
    format!("inst-{:04}", i + 1)
}

fn large_kind(i: usize) -> InstitutionKind {
    if i % 10 == 4 {
        InstitutionKind::SaerligtSikret
    } else {
        InstitutionKind::Sikret
    }
}

/// A seeded, believable spec for generated institution `i`.
fn large_spec(seed: u64, i: usize, count: usize) -> EpisodeSpec {
    let id = large_id(i);
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(fnv(&id)));
    let mut month_weights = [0u32; 12];
    for (m, w) in month_weights.iter_mut().enumerate() {
        *w = rng.random_range(6..=14);
        if m == 6 {
            *w /= 2; // the July dip
        }
    }
    if rng.random_range(0..20) == 0 {
        month_weights[11] = 0;
        month_weights[10] = 0;
    }
    let base = [6, 45, 12, 2, 8, 12, 10, 5];
    let type_weights = base.map(|w| w * rng.random_range(5..=15) / 10 + 1);
    let children = (count / 6).clamp(4, 400);
    let heavy = if count >= 40 {
        vec![count / 12, count / 20]
    } else {
        Vec::new()
    };
    let small = count / 400;
    EpisodeSpec {
        id,
        kind: large_kind(i),
        count,
        year: EXAMPLE_YEAR,
        month_weights,
        type_weights,
        children,
        heavy_children: heavy,
        staff: rng.random_range(15..=60),
        busy_staff: 3,
        witness_pct: rng.random_range(10..=30),
        quirks: Quirks {
            late_registrations: small,
            isolation_over_limit: usize::from(count >= 500 && rng.random_range(0..4) == 0),
            long_legal_isolation: 0,
            no_statement: small,
            parents_not_told: small,
            across_midnight: usize::from(count >= 100),
        },
    }
}

fn large_case_yaml(seed: u64, i: usize, spec: &EpisodeSpec) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv(&spec.id).rotate_left(17));
    let (tilsyn, _, operator) = TILSYN[i % TILSYN.len()];
    let places: u32 = rng.random_range(6..=24);
    let kind = match spec.kind {
        InstitutionKind::SaerligtSikret => "saerligt_sikret",
        _ => "sikret",
    };
    let month = rng.random_range(1..=12);
    let day = rng.random_range(1..=28);
    let year = if rng.random_range(0..2) == 0 {
        2017
    } else {
        2018
    };
    let mut s = format!(
        "# FIKTIVT EKSEMPEL: genereret institution til belastningsprøver.\n\
         id: {id}\n\
         name: \"Institution {n:04} (fiktiv)\"\n\
         kind: {kind}\n\
         operator: \"{operator}\"\n\
         tilsyn: {tilsyn}\n\
         places: {places}\n\
         occupied_bed_days: {beds}\n\
         report:\n  date: {year}-{month:02}-{day:02}\n  announced: {announced}\n  themes:\n",
        id = spec.id,
        n = i + 1,
        beds = places * rng.random_range(280..=350),
        announced = rng.random_range(0..2) == 0,
    );
    for theme in QUALITY_THEMES {
        s.push_str(&format!(
            "    - theme: {theme}\n      score: {}\n      assessment: \"Genereret vurdering uden indhold (fiktiv).\"\n",
            rng.random_range(2..=5)
        ));
    }
    s.push_str("  development_points: [\"Genereret udviklingspunkt (fiktiv).\"]\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn counts_add_up_exactly() {
        let c = split_counts(7, 13, 10_001);
        assert_eq!(c.len(), 13);
        assert_eq!(c.iter().sum::<usize>(), 10_001);
    }

    #[test]
    fn example_counts_are_exact() {
        for spec in example_specs() {
            assert_eq!(
                example_episodes(&spec, EXAMPLE_SEED).len(),
                spec.count,
                "{}",
                spec.id
            );
        }
    }

    #[test]
    fn times_are_written_without_formatter() {
        let mut s = String::new();
        let t = NaiveDate::from_ymd_opt(2017, 3, 4)
            .and_then(|d| d.and_hms_opt(8, 5, 0))
            .unwrap();
        push_time(&mut s, t);
        assert_eq!(s, "2017-03-04T08:05");
    }

    #[test]
    fn weekday_weights_favour_school_days() {
        assert!(WEEKDAY_WEIGHTS[Weekday::Mon as usize] > WEEKDAY_WEIGHTS[Weekday::Sat as usize]);
    }
}
