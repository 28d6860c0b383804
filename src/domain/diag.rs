//! Diagnostics: a finding with a place (file, line, column) and a sentence a
//! facilitator understands. Everything that checks or loads an audit reports
//! through this type, so `auditpanel check`, the app's problem screen and the
//! tests all see the same thing.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is. Structure and anonymity findings are errors;
/// rule findings on episodes are warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a source file. Lines and columns are 1-based; 0 means "the
/// whole file" (for example a file that could not be read at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, column: 0 };

    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }

    /// From a serde-saphyr location (which is `u64`, 0 when unknown).
    pub fn from_saphyr(loc: &serde_saphyr::Location) -> Self {
        Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        }
    }
}

/// One finding. `file` is relative to the audit folder where possible, so
/// the output is the same wherever the audit lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
    /// What kind of finding: an episode rule's id (`isolation-over-limit`),
    /// `anonymity-cpr` and the other anonymity ids, or `structure` (see
    /// the README's list).
    pub rule: &'static str,
    /// The guidance's points a rule finding rests on, e.g. "209".
    pub paragraph: Option<&'static str>,
}

/// The rule id of findings about the files' structure.
pub const STRUCTURE: &str = "structure";

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            pos,
            severity: Severity::Error,
            message: message.into(),
            rule: STRUCTURE,
            paragraph: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            pos,
            severity: Severity::Warning,
            message: message.into(),
            rule: STRUCTURE,
            paragraph: None,
        }
    }

    /// The same finding with its rule id and paragraph.
    pub fn with_rule(mut self, rule: &'static str, paragraph: Option<&'static str>) -> Self {
        self.rule = rule;
        self.paragraph = paragraph;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: error|warning: message`, as compilers print it, so
    /// editors can jump to the place.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.place(),
            self.severity.as_str(),
            self.message
        )
    }
}

impl Diagnostic {
    /// Where it is, as printed: `file:line:column`, or for a cell of a
    /// workbook's sheet (`sheet_path`) `file.xlsx:Sheet!C17`.
    pub fn place(&self) -> String {
        place(&self.file, self.pos)
    }
}

/// `file:line:column`, or `file.xlsx:Sheet!C17` for a sheet path.
pub fn place(file: &Path, pos: Pos) -> String {
    if is_sheet_path(file) && pos != Pos::FILE {
        format!(
            "{}!{}{}",
            file.display(),
            column_letters(pos.column),
            pos.line
        )
    } else {
        format!("{}:{}:{}", file.display(), pos.line, pos.column)
    }
}

/// How a sheet of a workbook is named in findings: `episodes.xlsx:Ark1`
/// (Excel's own `file:sheet`), with rows and columns as the position.
pub fn sheet_path(workbook: &Path, sheet: &str) -> PathBuf {
    let mut name = workbook.as_os_str().to_os_string();
    name.push(":");
    name.push(sheet);
    PathBuf::from(name)
}

/// Whether the path is a `sheet_path` (its last part has `.xlsx:`).
pub fn is_sheet_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().contains(".xlsx:"))
}

/// A 1-based column number as Excel's letters: 1 → A, 27 → AA.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A growing list of findings, with the audit root used to make paths relative.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    root: PathBuf,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(root: &Path) -> Self {
        Diagnostics {
            root: root.to_path_buf(),
            items: Vec::new(),
        }
    }

    /// No findings, the same audit root (for a thread's own findings).
    pub fn empty_like(&self) -> Self {
        Diagnostics::new(&self.root)
    }

    /// The path as it is shown: relative to the audit folder when inside it.
    pub fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }

    pub fn error(&mut self, file: &Path, pos: Pos, message: impl Into<String>) {
        let file = self.rel(file);
        self.items.push(Diagnostic::error(file, pos, message));
    }

    pub fn warning(&mut self, file: &Path, pos: Pos, message: impl Into<String>) {
        let file = self.rel(file);
        self.items.push(Diagnostic::warning(file, pos, message));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file, line, column, severity and message; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// What an I/O error means, in Danish.
pub fn io_error_da(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "findes ikke",
        K::PermissionDenied => "adgang nægtet; tjek rettighederne",
        K::AlreadyExists => "findes allerede",
        K::IsADirectory => "er en mappe, ikke en fil",
        K::NotADirectory => "en del af stien er en fil, ikke en mappe",
        K::DirectoryNotEmpty => "mappen er ikke tom",
        K::StorageFull => "disken er fuld; frigør plads og prøv igen",
        K::ReadOnlyFilesystem => "filsystemet er skrivebeskyttet",
        K::InvalidData => "indholdet er ikke gyldig UTF-8",
        K::BrokenPipe => "modtageren lukkede forbindelsen",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("ind- eller udlæsning mislykkedes (systemfejl {n})"),
                None => "ind- eller udlæsning mislykkedes".to_string(),
            };
        }
    };
    text.to_string()
}
