//! Checking a whole audit folder (`auditpanel check`): structure (what the
//! loader finds), anonymity over every text file of the audit, and the rules
//! of each episode (docs/domain.md §4). Structure and anonymity findings are
//! errors; rule findings are warnings. Every problem is reported, not only
//! the first, sorted by file and place.
//!
//! The anonymity scan runs on its own threads while the loader parses (on
//! its own), so a national export of a million episodes is checked in about
//! the time it takes to load it.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::anonymity::{HitKind, Scanner, redact};
use super::blocklist::{self, BlockList};
use super::diag::{Diagnostic, Diagnostics, Pos};
use super::load::{EpisodeContext, load_audit_visiting};
use super::model::{Audit, Case, Episode, InstitutionKind, InterventionType};
use super::panel;
use super::read;
use super::rules::{YearlyDays, episode_findings};

/// What a check found, and how many files it read.
#[derive(Debug, Clone, Default)]
pub struct CheckOutcome {
    /// Sorted, without duplicates.
    pub diagnostics: Vec<Diagnostic>,
    /// The text files of the audit that were scanned.
    pub files: usize,
}

impl CheckOutcome {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Every problem in the audit in `root`, sorted and without duplicates.
pub fn check_audit(root: &Path) -> Vec<Diagnostic> {
    check(root).diagnostics
}

/// Checks the audit in `root`: structure, anonymity and episode rules.
/// Reads the episodes as a stream (never all held at once).
pub fn check(root: &Path) -> CheckOutcome {
    let block = blocklist::read(root);
    let files = audit_text_files(root);
    let (audit, scanned) = std::thread::scope(|s| {
        let scan = s.spawn(|| scan_files(root, &files, &block));
        let yearly = Mutex::new(YearlyDays::default());
        let rules = |ctx: &EpisodeContext<'_>, e: &Episode, out: &mut Vec<Diagnostic>| {
            push_rule_findings(ctx.file, e, ctx.kind, out);
            if e.kind == InterventionType::Tilbageholdelse
                && let Ok(mut y) = yearly.lock()
            {
                push_yearly(&mut y, ctx.file, e, ctx.kind, out);
            }
        };
        let audit = load_audit_visiting(root, &rules);
        // The scanner does not panic; should it ever, say so rather than pass.
        let scanned = scan.join().unwrap_or_else(|_| vec![stopped()]);
        (audit, scanned)
    });
    // The rule warnings came through the loader, with its diagnostics.
    assemble(&audit, &block, scanned, Vec::new(), files.len())
}

/// The same check of an audit that is already loaded (the app's `!`
/// screen): what it loaded, the anonymity scan of its files, the rules of
/// every episode it holds and the panel's files. For the same files this is
/// exactly what `check` reports. An audit built in memory (no folder) has
/// no files to scan.
pub fn check_loaded(audit: &Audit) -> CheckOutcome {
    let root = audit.root.as_path();
    let in_memory = root.as_os_str().is_empty();
    let block = if in_memory {
        BlockList {
            pseudonyms: audit.config.anonymity.pseudonyms.clone(),
            ..BlockList::of(&audit.config.anonymity.blocked_names)
        }
    } else {
        blocklist::read(root)
    };
    let files = if in_memory {
        Vec::new()
    } else {
        audit_text_files(root)
    };
    let scanned = scan_files(root, &files, &block);
    let mut rules = Diagnostics::new(root);
    rule_warnings(audit, &mut rules);
    assemble(audit, &block, scanned, rules.items, files.len())
}

/// Everything found, masked, sorted and without duplicates.
fn assemble(
    audit: &Audit,
    block: &BlockList,
    scanned: Vec<Diagnostic>,
    rules: Vec<Diagnostic>,
    files: usize,
) -> CheckOutcome {
    let mut diags = Diagnostics::new(&audit.root);
    // The loader may quote a value from a file (an id, a reference); never
    // let that show what the anonymity check would have masked.
    diags.items.extend(
        audit
            .diagnostics
            .iter()
            .chain(&rules)
            .chain(&scanned)
            .map(|d| masked(d, block)),
    );
    if !audit.root.as_os_str().is_empty() {
        check_panel(audit, block, &mut diags);
    }
    CheckOutcome {
        diagnostics: diags.into_sorted(),
        files,
    }
}

/// The rule findings of one episode as warnings at its place, each with
/// its rule id and paragraph.
pub fn push_rule_findings(
    file: &Path,
    e: &Episode,
    kind: InstitutionKind,
    out: &mut Vec<Diagnostic>,
) {
    for f in episode_findings(e, kind) {
        out.push(Diagnostic::warning(file, e.pos, f.message).with_rule(f.rule.id(), f.paragraph));
    }
}

/// The cross-episode rule (`tilbageholdelse-30-days`) for one more episode.
fn push_yearly(
    yearly: &mut YearlyDays,
    file: &Path,
    e: &Episode,
    kind: InstitutionKind,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(f) = yearly.add(&file.to_string_lossy(), e, kind) {
        out.push(Diagnostic::warning(file, e.pos, f.message).with_rule(f.rule.id(), f.paragraph));
    }
}

/// Rule findings on every episode, as warnings at the episode's place.
/// Cases are checked on every core.
pub fn rule_warnings(audit: &Audit, diags: &mut Diagnostics) {
    let next = AtomicUsize::new(0);
    let workers = workers(audit.cases.len());
    let shown = &*diags;
    let found: Vec<Vec<Diagnostic>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(case) = audit.cases.get(i) else {
                            break;
                        };
                        case_rule_warnings(case, shown, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| vec![stopped()]))
            .collect()
    });
    for f in found {
        diags.items.extend(f);
    }
}

fn case_rule_warnings(case: &Case, diags: &Diagnostics, out: &mut Vec<Diagnostic>) {
    let Some(file) = &case.episodes_file else {
        return;
    };
    let file = diags.rel(file);
    let mut yearly = YearlyDays::default();
    for e in &case.episodes {
        push_rule_findings(&file, e, case.kind, out);
        push_yearly(&mut yearly, &file, e, case.kind, out);
    }
}

/// How many threads to use for `jobs` independent pieces of work.
fn workers(jobs: usize) -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .clamp(1, 8)
        .min(jobs.max(1))
}

/// The panel's files (`panel/`): score files name known tilsyn, cases and
/// questions with values on the scale; topics, conclusions and session are
/// well-formed (`domain::panel`). Its messages are masked like the loader's.
fn check_panel(audit: &Audit, block: &BlockList, diags: &mut Diagnostics) {
    let mut own = Diagnostics::new(&audit.root);
    panel::check_panel(audit, &mut own);
    diags
        .items
        .extend(own.items.iter().map(|d| masked(d, block)));
}

/// The diagnostic with anything identifying in its message or its path
/// (a folder named after a child) masked. Without a readable block list,
/// every capitalised word pair in the message is masked too.
fn masked(d: &Diagnostic, block: &BlockList) -> Diagnostic {
    let blocked = &block.names;
    let path = d.file.to_string_lossy();
    let shown = redact(&path, blocked);
    let mut message = redact(&d.message, blocked);
    if !block.readable {
        message = blocklist::mask_name_like(&message);
    }
    Diagnostic {
        message,
        file: if shown == path {
            d.file.clone()
        } else {
            PathBuf::from(shown)
        },
        ..d.clone()
    }
}

/// The rule id of an anonymity finding.
pub fn anonymity_rule(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Cpr => "anonymity-cpr",
        HitKind::Phone => "anonymity-phone",
        HitKind::Email => "anonymity-email",
        HitKind::BlockedName => "anonymity-blocked-name",
    }
}

/// Every text file of the audit: `audit.yaml` and the text files under
/// `themes/`, `hypotheses/`, `cases/` and `panel/`, sorted. Other folders
/// (a repository's `src/`, `tests/`, `target/`) are not the audit's.
pub fn audit_text_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let config = root.join("audit.yaml");
    if config.is_file() {
        out.push(config);
    }
    for dir in ["themes", "hypotheses", "cases", "panel"] {
        collect_text_files(&root.join(dir), 0, &mut out);
    }
    out.sort();
    out
}

fn collect_text_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    // Deep enough for panel/scores/<rater>/…; a link loop ends here.
    if depth > 8 {
        return;
    }
    let Ok(rd) = fs::read_dir(dir) else {
        return;
    };
    for entry in rd.filter_map(Result::ok) {
        let path = entry.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(ft) = entry.file_type() else {
            continue;
        };
        if ft.is_dir() {
            collect_text_files(&path, depth + 1, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "csv" | "md" | "txt" | "xlsx")
        ) {
            out.push(path);
        }
    }
}

/// Scans the files for CPR numbers, phone numbers, e-mail addresses and
/// blocked names on every core; each hit is an error with the value masked.
fn scan_files(root: &Path, files: &[PathBuf], block: &BlockList) -> Vec<Diagnostic> {
    let scanner = Scanner::new(&block.names);
    let next = AtomicUsize::new(0);
    let workers = workers(files.len());
    let mut found = file_name_findings(root, files, &scanner);
    found.extend(std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        scan_file(root, path, &scanner, block, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec![stopped()]))
            .collect::<Vec<_>>()
    }));
    found
}

/// Files and folders named after an identifier (a case folder or a score
/// file named after a CPR number, the hypotheses file named after an audit
/// id that holds one): one error per such name, at the file or folder
/// itself, its path masked like every other finding's.
fn file_name_findings(root: &Path, files: &[PathBuf], scanner: &Scanner) -> Vec<Diagnostic> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(path);
        let mut at = PathBuf::new();
        for part in rel.components() {
            at.push(part);
            let name = part.as_os_str().to_string_lossy();
            let Some(hit) = scanner.scan(&name).into_iter().next() else {
                continue;
            };
            if !seen.insert(at.clone()) {
                continue;
            }
            let (whose, it) = if at == rel {
                ("filens", "filen")
            } else {
                ("mappens", "mappen")
            };
            out.push(
                Diagnostic::error(
                    &at,
                    Pos::FILE,
                    format!(
                        "{whose} navn indeholder {} ({}); omdøb {it} (og ret henvisningerne \
                         til den) – sager skal være anonymiserede",
                        hit.kind.label_da(),
                        hit.masked
                    ),
                )
                .with_rule(anonymity_rule(hit.kind), None),
            );
        }
    }
    out
}

fn scan_file(
    root: &Path,
    path: &Path,
    scanner: &Scanner,
    block: &BlockList,
    out: &mut Vec<Diagnostic>,
) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    if read::check_inside(root, path).is_err() {
        return;
    }
    if super::episodes_xlsx::is_xlsx(path) {
        // Opened by the reader only when a regular file within its limit.
        if read::open(path, read::Kind::EpisodesCsv).is_ok() {
            scan_workbook(path, rel, scanner, out);
        }
        return;
    }
    // Bounded like the loader's reads (a link to /dev/zero is not read).
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => read::Kind::EpisodesCsv,
        _ if path.file_name().is_some_and(|n| n == "episodes.yaml") => read::Kind::EpisodesYaml,
        _ => read::Kind::Panel,
    };
    let Ok(bytes) = read::read_bytes(path, kind) else {
        return;
    };
    // A file that is not UTF-8 is the loader's error; still scan what it says.
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let is_config = rel == Path::new("audit.yaml");
    for hit in scanner.scan(&text) {
        if is_config && hit.kind == HitKind::BlockedName && block.lines.contains(&hit.pos.line) {
            continue;
        }
        out.push(
            Diagnostic::error(rel, hit.pos, hit.kind.message_da(&hit.masked))
                .with_rule(anonymity_rule(hit.kind), None),
        );
    }
}

/// A workbook's cells are scanned as a CSV's text is, every sheet; a hit
/// is named by its cell (`episodes.xlsx:Ark1!Q7`). A workbook that cannot
/// be read is the loader's error.
fn scan_workbook(path: &Path, rel: &Path, scanner: &Scanner, out: &mut Vec<Diagnostic>) {
    let Ok(sheets) = super::episodes_xlsx::read_sheets(path) else {
        return;
    };
    for sheet in sheets {
        let at = super::diag::sheet_path(rel, &sheet.name);
        for (row, col, cell) in sheet.cells.used_cells() {
            let Ok(text) = super::episodes_xlsx::cell_text(cell) else {
                continue;
            };
            let pos = super::episodes_xlsx::cell_pos(&sheet.cells, row, col);
            for hit in scanner.scan(&text) {
                out.push(
                    Diagnostic::error(&at, pos, hit.kind.message_da(&hit.masked))
                        .with_rule(anonymity_rule(hit.kind), None),
                );
            }
        }
    }
}

/// Said when a worker thread stopped unexpectedly, rather than passing.
fn stopped() -> Diagnostic {
    Diagnostic::error(
        "",
        Pos::FILE,
        "anonymitetstjekket stoppede uventet; kør check igen",
    )
    .with_rule("check-stopped", None)
}
