//! Loading an audit folder (docs/domain.md §3):
//!
//! ```text
//! audit.yaml                       the audit: id, title, tilsyn, participants, holidays, block list
//! cases/<id>/case.yaml             institution facts and its anonymised tilsynsrapport
//! cases/<id>/episodes.yaml|.csv|.xlsx  its magtanvendelsesindberetninger
//! hypotheses/<audit id>.yaml       arbejdshypoteser and the vurderingsskema
//! themes/*.yaml                    kvalitetsmodel themes and the audit's own
//! panel/                           what the panel produced (see `panel`)
//! ```
//!
//! Loading never stops at the first problem and never panics: it loads what
//! it can and reports the rest as diagnostics, including references to
//! unknown cases, themes and questions, duplicate ids and scores off the scale.

use super::split::{self, Split};
use super::sym::SymTable;
use compact_str::CompactString;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::diag::{Diagnostic, Diagnostics, Pos};
use super::episodes;
use super::episodes_xlsx;
use super::model::*;
use super::read;
use super::yaml;

/// Loads the audit in `root`. Always returns an audit; `audit.diagnostics`
/// says what could not be loaded (sorted).
pub fn load_audit(root: &Path) -> Audit {
    load(root, None, None)
}

/// Called with each case on the loading thread that has just loaded it
/// (its episodes still in that core's cache), with the audit's config.
/// A case whose id another folder already has is handed over too; it is
/// dropped from the audit afterwards.
pub type CaseHook<'a> = &'a (dyn Fn(&AuditConfig, &Case) + Sync);

/// Like [`load_audit`], and hands every case to `each_case` as soon as it
/// is loaded: work per case (the magtprofil's first pass) is done on every
/// core while the data is warm, not in a second pass over the audit.
pub fn load_audit_each_case(root: &Path, each_case: CaseHook<'_>) -> Audit {
    load(root, None, Some(each_case))
}

/// Only `audit.yaml` (no themes, cases or episodes): enough to check a
/// `--rater` id before the app takes the terminal. `None` when it cannot
/// be read or parsed (the full load then reports why).
pub fn load_config(root: &Path) -> Option<AuditConfig> {
    let mut diags = Diagnostics::new(root);
    let path = root.join("audit.yaml");
    let text = read_input(root, &path, read::Kind::Config, &mut diags)?;
    yaml::parse::<AuditConfig>(&text, &path, &mut diags)
}

/// Where an episode handed to an [`EpisodeVisitor`] comes from.
#[derive(Debug, Clone, Copy)]
pub struct EpisodeContext<'a> {
    pub case_id: &'a str,
    pub kind: InstitutionKind,
    /// The episodes file, relative to the audit folder.
    pub file: &'a Path,
}

/// Called with every episode as it is read (on the loading threads); may
/// add findings.
pub type EpisodeVisitor<'a> =
    &'a (dyn Fn(&EpisodeContext<'_>, &Episode, &mut Vec<Diagnostic>) + Sync);

/// Like [`load_audit`], but hands every episode to `visit` as it is read
/// and does not keep it (`Case::episodes` stays empty): `check` over a
/// national export then never holds a million episodes in memory. The
/// visitor's findings are in `audit.diagnostics`; duplicate episode ids are
/// still found.
pub fn load_audit_visiting(root: &Path, visit: EpisodeVisitor<'_>) -> Audit {
    load(root, Some(visit), None)
}

fn load(root: &Path, visit: Option<EpisodeVisitor<'_>>, each_case: Option<CaseHook<'_>>) -> Audit {
    let mut diags = Diagnostics::new(root);
    let mut audit = Audit {
        root: root.to_path_buf(),
        ..Audit::default()
    };

    let config_path = root.join("audit.yaml");
    match read_input(root, &config_path, read::Kind::Config, &mut diags) {
        Some(text) => {
            if let Some(c) = yaml::parse::<AuditConfig>(&text, &config_path, &mut diags) {
                check_config(&c, &config_path, &mut diags);
                check_dates(&c, &text, &config_path, &mut diags);
                audit.config = c;
            }
        }
        None if !config_path.exists() => {
            diags.error(
                &config_path,
                Pos::new(1, 1),
                "audit.yaml mangler; er dette en auditmappe? Angiv mappen med audit.yaml",
            );
        }
        None => {}
    }

    let theme_positions = load_themes(root, &mut audit, &mut diags);
    load_hypotheses(root, &mut audit, &theme_positions, &mut diags);
    load_cases(root, &mut audit, visit, each_case, &mut diags);

    // A message may quote a value from a file (an id, a reference): never
    // let it show a CPR number, phone, e-mail or blocked name in full. The
    // block list is read on its own, so an error elsewhere in audit.yaml
    // does not switch name masking off (here, or for whoever uses the
    // audit's config afterwards).
    let block = super::blocklist::read(root);
    if audit.config.anonymity.blocked_names.is_empty() {
        audit.config.anonymity.blocked_names = block.names.clone();
    }
    let blocked = &audit.config.anonymity.blocked_names;
    audit.diagnostics = diags.into_sorted();
    for d in &mut audit.diagnostics {
        d.message = super::anonymity::redact(&d.message, blocked);
        if !block.readable {
            d.message = super::blocklist::mask_name_like(&d.message);
        }
    }
    audit
}

/// Reads a file as UTF-8 text, a regular file within the limit of its
/// kind (`read`); reports an error with what to do otherwise. A missing
/// file is `None` without a report (the caller says what is missing).
pub fn read_text(path: &Path, kind: read::Kind, diags: &mut Diagnostics) -> Option<String> {
    match read::read_bytes(path, kind) {
        Ok(bytes) => text_or_report(bytes, path, diags),
        Err(e) if e.is_not_found() => None,
        Err(e) => {
            diags.error(path, Pos::FILE, e.message_da());
            None
        }
    }
}

/// A YAML file of the audit in `root`: refused when it lies outside the
/// audit (a link pointing out, `read::check_inside`), else as `read_text`,
/// with every control character in a value reported (`controls`).
pub fn read_input(
    root: &Path,
    path: &Path,
    kind: read::Kind,
    diags: &mut Diagnostics,
) -> Option<String> {
    if let Err(msg) = read::check_inside(root, path) {
        diags.error(path, Pos::FILE, msg);
        return None;
    }
    let text = read_text(path, kind, diags)?;
    // Names, ids, labels and questions are one line of printable text.
    super::controls::check_yaml(&text, path, diags);
    Some(text)
}

/// `bytes` as text, or an error at the first byte that is not UTF-8.
pub fn text_or_report(bytes: Vec<u8>, path: &Path, diags: &mut Diagnostics) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            diags.error(
                path,
                Pos::new(
                    u32::try_from(line).unwrap_or(u32::MAX),
                    u32::try_from(column).unwrap_or(u32::MAX),
                ),
                "filen er ikke gyldig UTF-8 tekst; gem den som UTF-8",
            );
            None
        }
    }
}

/// Why a file that is there cannot be read (or read further), and what to
/// do. A read past the limit of its kind (`read::Bounded`) says so.
pub fn unreadable(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::IsADirectory => read::ReadError::Directory.message_da(),
        std::io::ErrorKind::InvalidData if e.get_ref().is_some() => e.to_string(),
        kind => read::ReadError::Io(kind.into()).message_da(),
    }
}

fn check_config(c: &AuditConfig, path: &Path, diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for t in &c.tilsyn {
        if !seen.insert(t.id.as_str()) {
            diags.error(
                path,
                Pos::new(1, 1),
                format!("tilsyn '{}' står to gange under 'tilsyn'", t.id),
            );
        }
    }
    for p in &c.participants {
        if !seen.contains(p.tilsyn.as_str()) {
            diags.error(
                path,
                Pos::new(1, 1),
                format!(
                    "deltagere fra ukendt tilsyn '{}'; brug et id fra 'tilsyn'",
                    p.tilsyn
                ),
            );
        }
    }
    for h in &c.holidays {
        if h.to < h.from {
            diags.error(
                path,
                Pos::new(1, 1),
                format!("ferieperioden '{}' slutter før den begynder", h.name),
            );
        }
    }
}

/// The report cannot be dated before the meeting it reports on; the error
/// points at `report_date:`.
fn check_dates(c: &AuditConfig, text: &str, path: &Path, diags: &mut Diagnostics) {
    if let (Some(meeting), Some(report)) = (c.meeting_date, c.report_date)
        && report < meeting
    {
        diags.error(
            path,
            key_pos(text, "report_date:"),
            format!(
                "report_date ({report}) ligger før meeting_date ({meeting}); rapporten kan \
                 ikke være dateret før auditmødet, ret en af datoerne"
            ),
        );
    }
}

/// Where a top-level `key` (with its colon) first stands in a YAML text;
/// the top of the file when it is not there.
fn key_pos(text: &str, key: &str) -> Pos {
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let t = l.trim_start();
            t.starts_with(key).then(|| (i + 1, l.len() - t.len() + 1))
        })
        .unwrap_or((1, 1));
    Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    themes: Vec<ThemeRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeRaw {
    id: Spanned<String>,
    name: String,
    kind: ThemeKind,
    #[serde(default)]
    description: String,
}

/// Loads `themes/*.yaml`; returns where each theme id was defined.
fn load_themes(
    root: &Path,
    audit: &mut Audit,
    diags: &mut Diagnostics,
) -> HashMap<String, (PathBuf, Pos)> {
    let mut seen: HashMap<String, (PathBuf, Pos)> = HashMap::new();
    for path in yaml_files(&root.join("themes")) {
        let Some(text) = read_input(root, &path, read::Kind::Config, diags) else {
            continue;
        };
        let Some(file) = yaml::parse::<ThemesFile>(&text, &path, diags) else {
            continue;
        };
        for t in file.themes {
            let pos = Pos::from_saphyr(&t.id.referenced);
            if let Some((other, p)) = seen.get(&t.id.value) {
                let other = diags.rel(other);
                diags.error(
                    &path,
                    pos,
                    format!(
                        "temaet '{}' findes allerede ({}:{}); giv det et andet id",
                        t.id.value,
                        other.display(),
                        p.line
                    ),
                );
                continue;
            }
            seen.insert(t.id.value.clone(), (path.clone(), pos));
            audit.themes.push(Theme {
                id: t.id.value,
                name: t.name,
                kind: t.kind,
                description: t.description,
            });
        }
    }
    if audit.themes.is_empty() && root.join("audit.yaml").exists() {
        diags.error(
            &root.join("themes"),
            Pos::FILE,
            "ingen temaer fundet; læg mindst én fil i themes/ med 'themes:'",
        );
    }
    audit.themes.sort_by(|a, b| a.id.cmp(&b.id));
    seen
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HypothesesFile {
    audit: Spanned<String>,
    hypotheses: Vec<HypothesisRaw>,
    form: FormRaw,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HypothesisRaw {
    id: Spanned<String>,
    text: String,
    themes: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FormRaw {
    #[serde(default)]
    intro: String,
    scale: Spanned<Scale>,
    questions: Vec<QuestionRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionRaw {
    id: Spanned<String>,
    theme: Spanned<String>,
    text: String,
    #[serde(default)]
    quality_theme: Option<Spanned<String>>,
    #[serde(default)]
    help: String,
}

fn load_hypotheses(
    root: &Path,
    audit: &mut Audit,
    themes: &HashMap<String, (PathBuf, Pos)>,
    diags: &mut Diagnostics,
) {
    if audit.config.id.is_empty() {
        return;
    }
    let (name, key) = match &audit.config.hypotheses_file {
        Some(f) => (f.clone(), "hypotheses_file:"),
        None => (format!("{}.yaml", audit.config.id), "id:"),
    };
    // The file must lie inside the audit, whatever the path says.
    let path = match read::reference_inside(root, &root.join("hypotheses"), &name) {
        Ok(p) => p,
        Err(msg) => {
            let config = root.join("audit.yaml");
            let text = read_text(&config, read::Kind::Config, &mut Diagnostics::new(root));
            let pos = key_pos(text.as_deref().unwrap_or(""), key);
            let msg = if key == "id:" {
                format!("audittens id giver hypotesefilens navn (hypotheses/<id>.yaml): {msg}")
            } else {
                format!("'hypotheses_file' peger uden for auditmappen: {msg}")
            };
            diags.error(&config, pos, msg);
            return;
        }
    };
    let Some(text) = read_input(root, &path, read::Kind::Config, diags) else {
        if !path.exists() {
            diags.error(
                &path,
                Pos::FILE,
                "hypotesefilen mangler; opret den med 'audit', 'hypotheses' og 'form'",
            );
        }
        return;
    };
    let Some(file) = yaml::parse::<HypothesesFile>(&text, &path, diags) else {
        return;
    };
    if file.audit.value != audit.config.id {
        diags.error(
            &path,
            Pos::from_saphyr(&file.audit.referenced),
            format!(
                "filen hører til audit '{}', men audit.yaml siger '{}'; ret en af dem",
                file.audit.value, audit.config.id
            ),
        );
    }
    let theme_kind = |id: &str| audit.themes.iter().find(|t| t.id == id).map(|t| t.kind);
    let mut ids = HashSet::new();
    for h in file.hypotheses {
        let pos = Pos::from_saphyr(&h.id.referenced);
        if !ids.insert(h.id.value.clone()) {
            diags.error(
                &path,
                pos,
                format!(
                    "hypotesen '{}' står to gange; giv den et andet id",
                    h.id.value
                ),
            );
            continue;
        }
        for t in &h.themes {
            if !themes.contains_key(&t.value) {
                diags.error(
                    &path,
                    Pos::from_saphyr(&t.referenced),
                    format!("ukendt tema '{}'; det skal findes i themes/", t.value),
                );
            }
        }
        audit.hypotheses.push(Hypothesis {
            id: h.id.value,
            text: h.text,
            themes: h.themes.into_iter().map(|t| t.value).collect(),
        });
    }
    let scale_pos = Pos::from_saphyr(&file.form.scale.referenced);
    let scale = file.form.scale.value;
    if scale.min >= scale.max {
        diags.error(
            &path,
            scale_pos,
            "skalaens 'min' skal være mindre end 'max'",
        );
    } else if !scale.labels.is_empty()
        && scale.labels.len() != usize::from(scale.max - scale.min) + 1
    {
        diags.error(
            &path,
            scale_pos,
            format!(
                "skalaen har {} trin, men {} etiketter; giv ét navn pr. trin",
                usize::from(scale.max - scale.min) + 1,
                scale.labels.len()
            ),
        );
    }
    let mut qids = HashSet::new();
    let mut questions = Vec::new();
    for q in file.form.questions {
        let pos = Pos::from_saphyr(&q.id.referenced);
        if !qids.insert(q.id.value.clone()) {
            diags.error(
                &path,
                pos,
                format!(
                    "spørgsmålet '{}' står to gange; giv det et andet id",
                    q.id.value
                ),
            );
            continue;
        }
        if !themes.contains_key(&q.theme.value) {
            diags.error(
                &path,
                Pos::from_saphyr(&q.theme.referenced),
                format!("ukendt tema '{}'; det skal findes i themes/", q.theme.value),
            );
        }
        if let Some(qt) = &q.quality_theme
            && theme_kind(&qt.value) != Some(ThemeKind::Kvalitetsmodel)
        {
            diags.error(
                &path,
                Pos::from_saphyr(&qt.referenced),
                format!("'{}' er ikke et kvalitetsmodel-tema i themes/", qt.value),
            );
        }
        questions.push(Question {
            id: q.id.value,
            theme: q.theme.value,
            text: q.text,
            quality_theme: q.quality_theme.map(|t| t.value),
            help: q.help,
        });
    }
    audit.form = AssessmentForm {
        intro: file.form.intro,
        scale,
        questions,
    };
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    id: Spanned<String>,
    name: String,
    kind: InstitutionKind,
    operator: String,
    tilsyn: Spanned<String>,
    places: Spanned<u32>,
    #[serde(default)]
    occupied_bed_days: Option<u32>,
    #[serde(default)]
    targets: Vec<Target>,
    report: ReportRaw,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportRaw {
    date: chrono::NaiveDate,
    announced: bool,
    #[serde(default)]
    summary: String,
    themes: Vec<ThemeScoreRaw>,
    #[serde(default)]
    development_points: Vec<String>,
    #[serde(default)]
    attention_points: Vec<String>,
    #[serde(default)]
    young_people: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeScoreRaw {
    theme: Spanned<String>,
    score: Spanned<u8>,
    assessment: String,
}

fn load_cases(
    root: &Path,
    audit: &mut Audit,
    visit: Option<EpisodeVisitor<'_>>,
    each_case: Option<CaseHook<'_>>,
    diags: &mut Diagnostics,
) {
    let dir = root.join("cases");
    let Ok(entries) = fs::read_dir(&dir) else {
        if root.join("audit.yaml").exists() {
            diags.error(
                &dir,
                Pos::FILE,
                "mappen cases/ mangler; læg en mappe pr. institution i den",
            );
        }
        return;
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let tilsyn: HashSet<&str> = audit.config.tilsyn.iter().map(|t| t.id.as_str()).collect();

    // Cases are independent: load them on every core (a national export has
    // hundreds of institutions with thousands of episodes each), then merge
    // in folder order so "the first" of two duplicates is always the same.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, 8)
        .min(dirs.len().max(1));
    let shared: &Audit = audit;
    let mut loaded: Vec<(usize, Option<Hashed>)> = Vec::with_capacity(dirs.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut own = Diagnostics::new(root);
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(d) = dirs.get(i) else { break };
                        let case = load_case(d, shared, &tilsyn, visit, &mut own);
                        if let (Some(hook), Some((case, _, _))) = (each_case, &case) {
                            hook(&shared.config, case);
                        }
                        // The ids are hashed here, on every core, while
                        // they are warm; `check_episode_ids` sorts them.
                        let case = case.map(|c| {
                            let hashes = id_hashes(&c);
                            (c, hashes)
                        });
                        out.push((i, case));
                    }
                    (out, own.items)
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok((out, items)) => {
                    loaded.extend(out);
                    diags.items.extend(items);
                }
                Err(_) => diags.error(
                    &dir,
                    Pos::FILE,
                    "en sag kunne ikke indlæses (intern fejl); meld fejlen",
                ),
            }
        }
    });
    loaded.sort_by_key(|(i, _)| *i);

    let mut cases: Vec<Case> = Vec::with_capacity(loaded.len());
    let mut case_files: HashMap<&str, &Path> = HashMap::new();
    let mut duplicate_cases = Vec::new();
    let loaded: Vec<Hashed> = loaded.into_iter().filter_map(|(_, c)| c).collect();
    for (k, ((case, id_pos, _), _)) in loaded.iter().enumerate() {
        if let Some(other) = case_files.get(case.id.as_str()) {
            let other = diags.rel(other);
            diags.error(
                &case.file,
                *id_pos,
                format!(
                    "sagen '{}' findes allerede ({}); hver institution skal have sit eget id",
                    case.id,
                    other.display()
                ),
            );
            duplicate_cases.push(k);
        } else {
            case_files.insert(&case.id, &case.file);
        }
    }
    let mut visited_ids = Vec::with_capacity(loaded.len());
    let mut hashes = Vec::with_capacity(loaded.len());
    for (k, ((case, _, ids), h)) in loaded.into_iter().enumerate() {
        if !duplicate_cases.contains(&k) {
            cases.push(case);
            visited_ids.push(ids);
            hashes.push(h);
        }
    }
    check_episode_ids(&cases, &visited_ids, hashes, diags);
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    audit.cases = cases;
}

/// The hash of each of a case's episode ids, kept ones first, then those
/// visited (the order `check_episode_ids` numbers them in); none for a case
/// without an episodes file.
fn id_hashes(loaded: &LoadedCase) -> Vec<u64> {
    use std::hash::BuildHasher;
    let (case, _, visited) = loaded;
    if case.episodes_file.is_none() {
        return Vec::new();
    }
    case.episodes
        .iter()
        .map(|e| FastHash.hash_one(e.id.as_str()))
        .chain(visited.iter().map(|(id, _)| FastHash.hash_one(id.as_str())))
        .collect()
}

/// Episode ids must be unique across the whole audit. The first use (in
/// folder order, then file order) wins; every later one is an error.
/// `visited[i]` holds case i's ids when its episodes were visited, not kept;
/// `hashes[i]` their hashes (`id_hashes`).
///
/// Each id is one 16-byte key (its hash and where it stands), sorted, so
/// equal ids lie side by side: for a million episodes that is 16 MB where
/// a table of the ids took 66 MB, while the episodes are all loaded. The
/// keys are dealt into one bucket per core by their hash (equal ids share
/// a bucket) and the buckets sorted at once.
fn check_episode_ids(
    cases: &[Case],
    visited: &[Vec<(CompactString, Pos)>],
    hashes: Vec<Vec<u64>>,
    diags: &mut Diagnostics,
) {
    let id_at = |ci: u32, k: u32| -> (&str, Pos) {
        let (case, k) = (&cases[ci as usize], k as usize);
        match case.episodes.get(k) {
            Some(e) => (e.id.as_str(), e.pos),
            None => {
                let (id, pos) = &visited[ci as usize][k - case.episodes.len()];
                (id.as_str(), *pos)
            }
        }
    };
    let total: usize = hashes.iter().map(Vec::len).sum();
    let buckets = if total >= 100_000 {
        split::threads()
    } else {
        1
    };
    let mut keys: Vec<Vec<(u64, u32, u32)>> = (0..buckets)
        .map(|_| Vec::with_capacity(total / buckets + total / 16))
        .collect();
    for (ci, case_hashes) in hashes.iter().enumerate() {
        let ci = u32::try_from(ci).unwrap_or(u32::MAX);
        for (k, &h) in case_hashes.iter().enumerate() {
            let k = u32::try_from(k).unwrap_or(u32::MAX);
            // The high bits choose the bucket: the low ones order it.
            let b = usize::try_from((h >> 32) % buckets as u64).unwrap_or(0);
            keys[b].push((h, ci, k));
        }
    }
    drop(hashes);
    // By hash, then folder order, then file order.
    let keys = split::par_map(keys, buckets, |mut bucket| {
        bucket.sort_unstable();
        bucket
    });
    for run in keys
        .iter()
        .flat_map(|bucket| bucket.chunk_by(|a, b| a.0 == b.0))
        .filter(|r| r.len() > 1)
    {
        for (j, &(_, ci, k)) in run.iter().enumerate() {
            let (id, pos) = id_at(ci, k);
            let Some(&(_, first_ci, first_k)) =
                run[..j].iter().find(|(_, c, k)| id_at(*c, *k).0 == id)
            else {
                continue;
            };
            let (_, p) = id_at(first_ci, first_k);
            let other = cases[first_ci as usize]
                .episodes_file
                .as_deref()
                .map(|f| diags.rel(f))
                .unwrap_or_default();
            let Some(file) = &cases[ci as usize].episodes_file else {
                continue;
            };
            diags.error(
                file,
                pos,
                format!(
                    "episode-id '{id}' er brugt før ({}:{}); hvert id skal være entydigt",
                    other.display(),
                    p.line
                ),
            );
        }
    }
}

/// A fast, non-cryptographic hash for the million episode ids (the keys are
/// the audit's own, so hash flooding is no concern). FNV-1a over 8-byte words.
#[derive(Clone, Copy, Default)]
struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0xcbf2_9ce4_8422_2325)
    }
}

struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0 ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3);
            self.0 ^= self.0 >> 29;
        }
        for &b in chunks.remainder() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

/// A loaded case, where its id stands, and (when visited) its episode ids.
type LoadedCase = (Case, Pos, Vec<(CompactString, Pos)>);

/// A loaded case with the hash of each of its episode ids (`id_hashes`).
type Hashed = (LoadedCase, Vec<u64>);

/// Loads one case folder: `case.yaml` and its episodes. `None` when the case
/// file is missing or cannot be read (reported).
fn load_case(
    d: &Path,
    audit: &Audit,
    tilsyn: &HashSet<&str>,
    visit: Option<EpisodeVisitor<'_>>,
    diags: &mut Diagnostics,
) -> Option<LoadedCase> {
    let folder = d
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    let path = d.join("case.yaml");
    let Some(text) = read_input(&audit.root, &path, read::Kind::Config, diags) else {
        if !path.exists() {
            diags.error(
                &path,
                Pos::FILE,
                "case.yaml mangler i sagsmappen; opret den eller fjern mappen",
            );
        }
        return None;
    };
    let raw = yaml::parse::<CaseFile>(&text, &path, diags)?;
    let id_pos = Pos::from_saphyr(&raw.id.referenced);
    if raw.id.value != folder {
        diags.error(
            &path,
            id_pos,
            format!(
                "id '{}' skal være det samme som mappens navn '{}'",
                raw.id.value, folder
            ),
        );
    }
    if !tilsyn.is_empty() && !tilsyn.contains(raw.tilsyn.value.as_str()) {
        diags.error(
            &path,
            Pos::from_saphyr(&raw.tilsyn.referenced),
            format!(
                "ukendt tilsyn '{}'; brug et af: {}",
                raw.tilsyn.value,
                audit
                    .config
                    .tilsyn
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    if raw.places.value == 0 {
        diags.error(
            &path,
            Pos::from_saphyr(&raw.places.referenced),
            "'places' skal være mindst 1 (antal pladser bruges til forholdstal)",
        );
    }
    let mut seen_themes = HashSet::new();
    let mut scores = Vec::new();
    for s in raw.report.themes {
        let tpos = Pos::from_saphyr(&s.theme.referenced);
        match audit.theme(&s.theme.value).map(|t| t.kind) {
            None => diags.error(
                &path,
                tpos,
                format!("ukendt tema '{}'; det skal findes i themes/", s.theme.value),
            ),
            Some(ThemeKind::Audit) => diags.error(
                &path,
                tpos,
                format!("'{}' er et audittema, ikke et kvalitetsmodel-tema; rapporten scorer kun kvalitetsmodellens temaer", s.theme.value),
            ),
            Some(ThemeKind::Kvalitetsmodel) => {}
        }
        if !seen_themes.insert(s.theme.value.clone()) {
            diags.error(
                &path,
                tpos,
                format!("temaet '{}' er scoret to gange i rapporten", s.theme.value),
            );
        }
        if !(1..=5).contains(&s.score.value) {
            diags.error(
                &path,
                Pos::from_saphyr(&s.score.referenced),
                "scoren skal ligge fra 1 til 5 (kvalitetsmodellens skala)",
            );
        }
        scores.push(ThemeScore {
            theme: s.theme.value,
            score: s.score.value,
            assessment: s.assessment,
            line: tpos.line,
        });
    }
    let mut kept = Vec::new();
    let mut ids = Vec::new();
    let mut found = Vec::new();
    let file = episodes_file(d, diags);
    if visit.is_none()
        && let Some(f) = &file
    {
        // Only a hint: if the room is not to be had, the vector grows.
        let _ = kept.try_reserve(rows_estimate(f));
    }
    let episodes_file = {
        // Kept episodes may come from a big file read in parts on every
        // core; visited ones are streamed, never all held at once.
        let split = if visit.is_none() {
            Split::auto()
        } else {
            Split {
                parts: 1,
                min_bytes: u64::MAX,
            }
        };
        let mut sink = |file: &Path, e: Episode| match visit {
            None => kept.push(e),
            Some(v) => {
                let ctx = EpisodeContext {
                    case_id: &raw.id.value,
                    kind: raw.kind,
                    file,
                };
                v(&ctx, &e, &mut found);
                ids.push((e.id, e.pos));
            }
        };
        // A workbook's episodes are named by its sheet (`episodes.xlsx:Ark1`).
        file.map(|f| {
            read_case_episodes(
                &audit.root,
                &f,
                &raw.id.value,
                split,
                diags,
                &mut |at, e| sink(at, e),
            )
        })
    };
    diags.items.extend(found);
    // An estimate too high (or growth by doubling) leaves room unused.
    kept.shrink_to_fit();
    let episodes = kept;
    Some((
        Case {
            id: raw.id.value,
            name: raw.name,
            kind: raw.kind,
            operator: raw.operator,
            tilsyn: raw.tilsyn.value,
            places: raw.places.value,
            occupied_bed_days: raw.occupied_bed_days,
            targets: raw.targets,
            report: Report {
                date: raw.report.date,
                announced: raw.report.announced,
                summary: raw.report.summary,
                themes: scores,
                development_points: raw.report.development_points,
                attention_points: raw.report.attention_points,
                young_people: raw.report.young_people,
            },
            episodes,
            file: path,
            episodes_file,
        },
        id_pos,
        ids,
    ))
}

/// About as many rows as a CSV episodes file of this size holds, rather
/// more than fewer (a row of the national format is 150–300 bytes): room
/// reserved at once, so a big case's episodes are not copied each time
/// their vector doubles. Room never written is never touched, and what is
/// left over is given back once the file is read. At most a million rows
/// are reserved; a bigger file's vector grows from there.
fn rows_estimate(file: &Path) -> usize {
    const SHORTEST_ROW: u64 = 120;
    const MOST: u64 = 1_000_000;
    if file.extension().and_then(|e| e.to_str()) != Some("csv") {
        return 0;
    }
    let bytes = fs::metadata(file).map_or(0, |m| m.len());
    usize::try_from((bytes / SHORTEST_ROW).min(MOST)).unwrap_or(0)
}

/// The episodes file of a case folder: `episodes.csv`, `episodes.yaml` or
/// `episodes.xlsx` (more than one is an error), or none.
fn episodes_file(dir: &Path, diags: &mut Diagnostics) -> Option<PathBuf> {
    let present: Vec<PathBuf> = ["episodes.csv", "episodes.yaml", "episodes.xlsx"]
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.exists())
        .collect();
    match present.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [first @ .., last] => {
            let name = |p: &PathBuf| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            };
            let names: Vec<String> = first.iter().map(name).collect();
            diags.error(
                last,
                Pos::FILE,
                format!(
                    "sagen har både {} og {}; behold kun den ene",
                    names.join(", "),
                    name(last)
                ),
            );
            None
        }
    }
}

/// Reads a case's episodes file, handing each valid episode to `each` with
/// the place it is named by (relative to the audit). Returns that place:
/// the file, or for a workbook its sheet (`diag::sheet_path`).
fn read_case_episodes(
    root: &Path,
    path: &Path,
    case_id: &str,
    split: Split,
    diags: &mut Diagnostics,
    each: &mut dyn FnMut(&Path, Episode),
) -> PathBuf {
    let rel = diags.rel(path);
    if let Err(msg) = read::check_inside(root, path) {
        diags.error(path, Pos::FILE, msg);
        return path.to_path_buf();
    }
    if episodes_xlsx::is_xlsx(path) {
        // Only a regular file within the limit goes to the reader.
        if let Err(e) = read::open(path, read::Kind::EpisodesCsv) {
            diags.error(path, Pos::FILE, e.message_da());
            return path.to_path_buf();
        }
        let (at, episodes) = episodes_xlsx::load_xlsx(path, Some(case_id), diags);
        let rel = diags.rel(&at);
        for e in episodes {
            each(&rel, e);
        }
        return at;
    }
    if path.extension().and_then(|e| e.to_str()) == Some("csv") {
        match read::open(path, read::Kind::EpisodesCsv) {
            Ok(_)
                if split.parts > 1
                    && fs::metadata(path).is_ok_and(|m| m.len() >= split.min_bytes) =>
            {
                let parts = split::read_csv_parts(
                    path,
                    split,
                    Some(case_id),
                    diags,
                    || (SymTable::default(), Vec::new()),
                    |(table, out), e| out.push(e.to_owned_in(table)),
                );
                match parts {
                    Ok(parts) => {
                        for part in parts {
                            for mut e in part.value.1 {
                                e.pos.line = e.pos.line.saturating_add(part.line_offset);
                                each(&rel, e);
                            }
                        }
                    }
                    Err(e) => diags.error(path, Pos::FILE, unreadable(&e)),
                }
            }
            Ok(f) => {
                // Buffered by the record reader itself.
                episodes::read_csv(f, path, Some(case_id), diags, |e| each(&rel, e));
            }
            Err(e) => diags.error(path, Pos::FILE, e.message_da()),
        }
    } else if let Some(t) = read_input(root, path, read::Kind::EpisodesYaml, diags) {
        for e in episodes::load_yaml(&t, path, Some(case_id), diags) {
            each(&rel, e);
        }
    }
    path.to_path_buf()
}

/// The `.yaml`/`.yml` files directly in a folder, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
