//! The command line's one anonymity gate: every byte a command writes to
//! standard output or standard error, and every file it writes, passes the
//! audit's scanner here, whatever its source (free text, a path, an id, a
//! name, a label, a table's header cell).
//!
//! - [`outln!`](crate::outln) / [`out!`](crate::out) / [`errln!`](crate::errln)
//!   replace `println!` / `print!` / `eprintln!` (which `clippy.toml`
//!   forbids in the crate), and [`Stdout`] is the gated writer for code that
//!   writes to an `io::Write`. Each complete line is scanned and what it
//!   holds is masked (`12****-****`); when anything was masked the command
//!   ends with exit 1 and one line saying so (`main`).
//! - [`write_file`] / [`write_new`] / [`write_bytes`] scan the content
//!   first and refuse (exit 1, the findings masked as `file:line:column`)
//!   instead of writing a file that carries an identifier.
//!
//! The gate is opened once per run by `main` ([`open`]) for the audit folder
//! the command reads: its block list is read on its own, before the rest of
//! `audit.yaml` (`domain::blocklist`). Without a readable block list it says
//! so (one line on stderr) and masks every capitalised word pair in what
//! goes to stderr.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::domain::anonymity::{Scanner, redact};
use crate::domain::blocklist::{self, BlockList};
use crate::domain::diag::Diagnostic;
use crate::domain::panel::files;

/// The scanner of one run.
pub struct Gate {
    scanner: Scanner,
    blocked: Vec<String>,
    /// The block list could not be read: mask name-like word pairs.
    names_unknown: bool,
    /// How many values were masked on their way out.
    masked: AtomicUsize,
}

static GATE: OnceLock<Gate> = OnceLock::new();

impl Gate {
    /// A gate for an audit's block list.
    pub fn new(block: &BlockList) -> Gate {
        Gate {
            scanner: Scanner::new(&block.names),
            blocked: block.names.clone(),
            names_unknown: !block.readable,
            masked: AtomicUsize::new(0),
        }
    }

    /// `text` with every identifying value masked; `diagnostic` text (what
    /// goes to stderr) also has its name-like pairs masked when the block
    /// list is unknown.
    pub fn clean<'a>(&self, text: &'a str, diagnostic: bool) -> Cow<'a, str> {
        let hits = self.scanner.scan(text);
        let mut out = if hits.is_empty() {
            Cow::Borrowed(text)
        } else {
            self.masked.fetch_add(hits.len(), Ordering::Relaxed);
            // Rare (the audit has an error): the masking is the scanner's own.
            Cow::Owned(redact(text, &self.blocked))
        };
        if diagnostic && self.names_unknown {
            out = Cow::Owned(blocklist::mask_name_like(&out));
        }
        out
    }
}

/// Opens the gate of this run: the block list of the audit folder `dir`
/// (read on its own), or none for commands that read no audit (a bare CSV,
/// `generate`): numbers and e-mail addresses are still masked. Says so on
/// stderr when the audit's block list cannot be read. Called once, by
/// `main`; a second call keeps the first gate.
pub fn open(dir: Option<&Path>) {
    let block = match dir {
        Some(d) => blocklist::read(d),
        None => BlockList::of(&[]),
    };
    if GATE.set(Gate::new(&block)).is_ok() && !block.readable && dir.is_some_and(Path::is_dir) {
        crate::errln!("{}", blocklist::UNREADABLE_DA);
    }
}

/// The gate of this run (one without a block list if `open` was not called:
/// tests call the commands directly).
pub fn gate() -> &'static Gate {
    GATE.get_or_init(|| Gate::new(&BlockList::of(&[])))
}

/// How many values the gate has masked in this run.
pub fn masked_count() -> usize {
    gate().masked.load(Ordering::Relaxed)
}

/// Writes `text` to standard output through the gate and flushes. A closed
/// pipe is an error the caller returns, not a panic (`main` ends quietly).
pub fn print(text: &str) -> io::Result<()> {
    let mut out = Stdout::new();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes one line to standard error through the gate (ignoring a closed
/// stderr: there is nowhere else to say it).
pub fn eprint_line(text: &str) {
    #[allow(clippy::disallowed_methods)] // the gate itself
    let mut err = io::stderr().lock();
    for line in text.split('\n') {
        let _ = writeln!(err, "{}", gate().clean(line, true));
    }
}

/// `println!` through the gate; returns `io::Result<()>`.
#[macro_export]
macro_rules! outln {
    () => { $crate::cli::out::print("\n") };
    ($($arg:tt)*) => { $crate::cli::out::print(&format!("{}\n", format_args!($($arg)*))) };
}

/// `print!` through the gate; returns `io::Result<()>`.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::out::print(&format!($($arg)*)) };
}

/// `eprintln!` through the gate.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::out::eprint_line(&format!($($arg)*)) };
}

/// Standard output as an `io::Write` that scans each complete line before
/// it passes (a value is never split: the rest waits for its newline or for
/// `flush`). Buffered; call `flush` at the end.
pub struct Stdout {
    pending: Vec<u8>,
}

impl Default for Stdout {
    fn default() -> Self {
        Self::new()
    }
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            pending: Vec::with_capacity(8192),
        }
    }

    /// Passes the complete lines in `pending` (all of it when `all`).
    fn pass(&mut self, all: bool) -> io::Result<()> {
        let end = if all {
            self.pending.len()
        } else {
            match self.pending.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => return Ok(()),
            }
        };
        if end == 0 {
            return Ok(());
        }
        // Checked at full speed first: what a command writes is UTF-8.
        let bytes = &self.pending[..end];
        let text = match simdutf8::basic::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        let clean = gate().clean(&text, false);
        #[allow(clippy::disallowed_methods)] // the gate itself
        let mut out = io::stdout().lock();
        out.write_all(clean.as_bytes())?;
        self.pending.drain(..end);
        Ok(())
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= 64 * 1024 {
            self.pass(false)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(true)?;
        #[allow(clippy::disallowed_methods)] // the gate itself
        io::stdout().lock().flush()
    }
}

/// A file was not written because its content would carry an identifier.
/// `main` ends with exit 1 on it.
#[derive(Debug)]
pub struct Refused {
    /// The findings, masked, one `file:line:column: fejl: …` each.
    pub findings: Vec<String>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "filen blev ikke skrevet: den ville indeholde {} {} et barn kan genkendes på; \
             ret teksten i auditten (se `auditpanel check`) og prøv igen",
            self.findings.len(),
            if self.findings.len() == 1 {
                "værdi"
            } else {
                "værdier"
            }
        )
    }
}

impl std::error::Error for Refused {}

/// Refuses `content` bound for `path` when the scanner finds anything in
/// it: each finding printed (masked) on stderr as `file:line:column`.
pub fn refuse_identifying(path: &Path, content: &str) -> Result<(), Refused> {
    let hits = gate().scanner.scan(content);
    if hits.is_empty() {
        return Ok(());
    }
    let findings: Vec<String> = hits
        .iter()
        .map(|h| Diagnostic::error(path, h.pos, h.kind.message_da(&h.masked)).to_string())
        .collect();
    for f in findings.iter().take(50) {
        crate::errln!("{f}");
    }
    if findings.len() > 50 {
        crate::errln!("… og {} steder mere", findings.len() - 50);
    }
    Err(Refused { findings })
}

/// Writes `text` to `path` atomically, after the gate has scanned it.
pub fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    refuse_identifying(path, text)?;
    files::write_atomic(path, text).map_err(|e| write_error(path, e))
}

/// Like [`write_file`], but never replaces an existing file.
pub fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    refuse_identifying(path, text)?;
    match files::write_new(path, text) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} findes allerede og overskrives aldrig; slet den, eller vælg en anden fil med -o",
            path.display()
        ),
        Err(e) => Err(write_error(path, e)),
    }
}

/// Writes a binary file (the Word report) whose text `scanned` has passed
/// the gate.
pub fn write_bytes(path: &Path, bytes: &[u8], scanned: &str) -> anyhow::Result<()> {
    refuse_identifying(path, scanned)?;
    files::write_atomic_bytes(path, bytes).map_err(|e| write_error(path, e))
}

fn write_error(path: &Path, e: io::Error) -> anyhow::Error {
    anyhow::Error::from(e).context(format!("kunne ikke skrive '{}'", path.display()))
}

/// Whether an error is the gate's refusal (or the export's own): exit 1.
pub fn is_refusal(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<Refused>().is_some()
            || c.downcast_ref::<crate::domain::export::ExportError>()
                .is_some()
            || matches!(
                c.downcast_ref::<crate::domain::export::xlsx::XlsxExportError>(),
                Some(crate::domain::export::xlsx::XlsxExportError::Identifying { .. })
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_masked_and_counted() {
        let g = Gate::new(&BlockList::of(&["Malthe Vindeløv".into()]));
        assert_eq!(g.clean("id 010203-1234 ok", false), "id 01****-**** ok");
        assert_eq!(
            g.clean("'Malthe Vindeløv' og Anna Hansen", false),
            "'Ma**** ********' og Anna Hansen"
        );
        assert_eq!(g.masked.load(Ordering::Relaxed), 2);
        let unknown = Gate::new(&BlockList::default());
        assert_eq!(
            unknown.clean("ukendt felt 'Anna Hansen'", true),
            "ukendt felt 'An** ******'"
        );
        assert_eq!(
            unknown.clean("Anna Hansen", false),
            "Anna Hansen",
            "stdout keeps its names"
        );
    }
}
