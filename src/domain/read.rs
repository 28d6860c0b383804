//! Reading input files so that no input can hang the program or fill the
//! memory: only regular files are opened (a folder, a named pipe, a device
//! such as `/dev/zero` is refused before it is opened), and no read goes
//! beyond the limit of its kind of file, even when the file grows while it
//! is read (the metadata is checked first, and the read itself is bounded).
//! Every loader reads through here; the limits are in one place, documented
//! in docs/domain.md §3.
//!
//! Plain `std` only (no `/proc`, no platform calls), so it is the same on
//! Windows.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

const MB: u64 = 1024 * 1024;

/// The kinds of file the program reads, each with its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `audit.yaml`, `themes/*.yaml`, the hypotheses, `case.yaml`: text a
    /// person writes; a few pages each.
    Config,
    /// `panel/*.yaml` and `panel/scores/*.yaml`: written by the app; a score
    /// file of a national audit (hundreds of cases × the form × a few
    /// rounds) is a few MB.
    Panel,
    /// `cases/<id>/episodes.yaml`: parsed whole, so bounded.
    EpisodesYaml,
    /// `episodes.csv` and `magtprofil --episodes FILE`: read as a stream,
    /// one row at a time, so the limit only stops a file that never ends
    /// (10 M rows are about 2 GB).
    EpisodesCsv,
    /// `agreement --ratings FILE`: every rating is held in memory.
    Ratings,
}

impl Kind {
    /// The most bytes read from a file of this kind.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::Config => 4 * MB,
            Kind::Panel => 32 * MB,
            Kind::EpisodesYaml => 512 * MB,
            Kind::EpisodesCsv => 64 * 1024 * MB,
            Kind::Ratings => 256 * MB,
        }
    }

    /// The limit as a person reads it ("4 MB", "64 GB").
    pub fn limit_da(self) -> String {
        let l = self.limit();
        if l >= 1024 * MB {
            format!("{} GB", l / (1024 * MB))
        } else {
            format!("{} MB", l / MB)
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A folder where a file should be.
    Directory,
    /// A named pipe, a device, a socket: reading it could block for ever
    /// or never end.
    NotRegular,
    /// Larger than the limit of its kind (or grew beyond it while read).
    TooLarge(Kind),
    Io(io::Error),
}

impl ReadError {
    /// A Danish sentence saying what is wrong and what to do.
    pub fn message_da(&self) -> String {
        match self {
            ReadError::NotFound => "filen findes ikke; tjek stien".into(),
            ReadError::Directory => {
                "der ligger en mappe, hvor filen skal være; flyt eller omdøb mappen".into()
            }
            ReadError::NotRegular => "dette er ikke en almindelig fil (men fx en pipe eller en \
                 enhed), og den læses ikke; læg en almindelig fil her"
                .into(),
            ReadError::TooLarge(kind) => format!(
                "filen er større end grænsen på {} for denne slags fil og læses ikke; \
                 del den op, eller tjek at det er den rigtige fil",
                kind.limit_da()
            ),
            ReadError::Io(e) => match e.kind() {
                io::ErrorKind::PermissionDenied => {
                    "filen kan ikke læses; tjek rettighederne".into()
                }
                io::ErrorKind::InvalidData => {
                    "filen er ikke gyldig UTF-8 tekst; gem den som UTF-8".into()
                }
                _ => "filen kan ikke læses; tjek at den er en almindelig fil, og at disken er i \
                      orden"
                    .into(),
            },
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::NotFound)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message_da())
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            io::ErrorKind::IsADirectory => ReadError::Directory,
            _ => ReadError::Io(e),
        }
    }
}

/// A file opened for reading: a regular file, within the limit of its kind
/// when opened, and never read beyond it (reading past the limit is an
/// `InvalidData` error from `read`, so a stream stops rather than grows).
pub struct Bounded {
    inner: io::Take<File>,
    kind: Kind,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() && self.inner.limit() == 0 {
            // The limit is reached; is there more? One byte more is an error.
            let mut probe = [0u8; 1];
            if self.inner.get_mut().read(&mut probe)? > 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    ReadError::TooLarge(self.kind).message_da(),
                ));
            }
        }
        Ok(n)
    }
}

/// Checks that `path` is a regular file within the limit of `kind`, and
/// opens it bounded by that limit. Nothing that is not a regular file is
/// opened (opening a named pipe would block).
pub fn open(path: &Path, kind: Kind) -> Result<Bounded, ReadError> {
    check_meta(&fs::metadata(path)?, kind)?;
    let file = File::open(path)?;
    // The file may have been replaced between the two calls.
    check_meta(&file.metadata()?, kind)?;
    Ok(Bounded {
        inner: file.take(kind.limit()),
        kind,
    })
}

fn check_meta(meta: &fs::Metadata, kind: Kind) -> Result<(), ReadError> {
    let t = meta.file_type();
    if t.is_dir() {
        return Err(ReadError::Directory);
    }
    if !t.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > kind.limit() {
        return Err(ReadError::TooLarge(kind));
    }
    Ok(())
}

/// The whole of a file, checked and bounded as [`open`] says.
pub fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let mut f = open(path, kind)?;
    let mut buf = Vec::new();
    match f.read_to_end(&mut buf) {
        Ok(_) => Ok(buf),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Err(ReadError::TooLarge(kind)),
        Err(e) => Err(e.into()),
    }
}

/// The whole of a file as UTF-8 text (lossy is not wanted: callers that
/// need the place of bad UTF-8 use [`read_bytes`]).
pub fn read_string(path: &Path, kind: Kind) -> Result<String, ReadError> {
    String::from_utf8(read_bytes(path, kind)?)
        .map_err(|_| ReadError::Io(io::Error::from(io::ErrorKind::InvalidData)))
}

/// The folder a file is written into: its parent, or `.` for a bare file
/// name (`Path::new("rapport.md").parent()` is `Some("")`, which no file
/// call accepts).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether `path` (which must exist) resolves, symlinks followed, to a
/// place inside `root`. A path that cannot be resolved is not inside.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(r), Ok(p)) => p.starts_with(r),
        _ => false,
    }
}

/// What is said of a file of the audit that lies outside it (a link
/// pointing out, or a folder linked in from elsewhere).
pub const OUTSIDE_DA: &str = "filen ligger uden for auditmappen (et link, der peger ud) og \
     læses ikke; kopiér filen ind i auditmappen i stedet for linket";

/// Checks a file of the audit in `root` before it is read: when it exists,
/// it must resolve inside `root` (a link pointing out is refused). A
/// missing file passes (the reader reports it). An empty `root` (a file
/// named on the command line, no audit) passes. Only when a link lies on
/// the way from `root` to the file is the path resolved (`canonicalize`
/// fails on some Windows drives; a plain folder never needs it).
pub fn check_inside(root: &Path, path: &Path) -> Result<(), &'static str> {
    use std::path::Component;
    if root.as_os_str().is_empty() {
        return Ok(());
    }
    let rel = match path.strip_prefix(root) {
        Ok(rel) if rel.components().all(|c| matches!(c, Component::Normal(_))) => rel,
        // Not plainly below the root: only where it resolves can say.
        _ => return inside_or_outside(root, path),
    };
    let mut at = root.to_path_buf();
    for c in rel.components() {
        at.push(c);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => return inside_or_outside(root, path),
            Ok(_) => {}
            // Missing: the reader says so.
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

fn inside_or_outside(root: &Path, path: &Path) -> Result<(), &'static str> {
    if fs::symlink_metadata(path).is_err() || resolves_inside(root, path) {
        Ok(())
    } else {
        Err(OUTSIDE_DA)
    }
}

/// A path written in an audit file (`hypotheses_file`, and the file named
/// after the audit id), taken relative to `base` (a folder of the audit in
/// `root`): it must be a plain relative path with no `..`, no root and no
/// drive, and resolve inside the audit.
pub fn reference_inside(
    root: &Path,
    base: &Path,
    text: &str,
) -> Result<std::path::PathBuf, &'static str> {
    if !is_plain_relative(text) {
        return Err(
            "stien skal være et filnavn inde i auditmappen (ingen '..', ingen '/' eller '\\' \
             først, intet drevbogstav); læg filen i auditmappen og skriv stien relativt",
        );
    }
    let path = base.join(text);
    check_inside(root, &path)?;
    Ok(path)
}

/// Whether a path written in an audit file stays inside the audit by its
/// text alone: relative, with no `..` and no root or drive (`/etc/passwd`,
/// `C:\x`, `..\x`). Checked before the file system is touched.
pub fn is_plain_relative(text: &str) -> bool {
    use std::path::Component;
    let p = Path::new(text);
    !text.is_empty()
        && !text.contains('\\')
        && !text.contains(':')
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_the_limit_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        fs::write(&p, "id: x\n").unwrap();
        assert_eq!(read_string(&p, Kind::Config).unwrap(), "id: x\n");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bytes(dir.path(), Kind::Config),
            Err(ReadError::Directory)
        ));
    }

    #[test]
    fn a_missing_file_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            read_bytes(&dir.path().join("x"), Kind::Config)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.yaml");
        let f = File::create(&p).unwrap();
        // Sparse: no disk is used.
        f.set_len(Kind::Config.limit() + 1).unwrap();
        let e = read_bytes(&p, Kind::Config).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge(Kind::Config)));
        assert!(e.message_da().contains("4 MB"), "{}", e.message_da());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading() {
        let e = read_bytes(Path::new("/dev/zero"), Kind::EpisodesCsv).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular), "{e:?}");
    }

    #[test]
    fn a_stream_stops_at_the_limit() {
        // A reader over a file that grew after it was opened: simulated by a
        // limit smaller than the file.
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("grow.csv");
        fs::write(&p, vec![b'x'; 100]).unwrap();
        let mut b = Bounded {
            inner: File::open(&p).unwrap().take(10),
            kind: Kind::EpisodesCsv,
        };
        let mut out = Vec::new();
        let e = b.read_to_end(&mut out).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert_eq!(out.len(), 10);
    }

    #[test]
    fn the_parent_of_a_bare_name_is_the_current_folder() {
        assert_eq!(parent_dir(Path::new("rapport.md")), Path::new("."));
        assert_eq!(parent_dir(Path::new("ud/rapport.md")), Path::new("ud"));
        assert_eq!(parent_dir(Path::new("/rapport.md")), Path::new("/"));
    }

    #[test]
    fn only_plain_relative_paths_stay_inside_by_their_text() {
        for ok in ["18.1.yaml", "sub/h.yaml", "./h.yaml"] {
            assert!(is_plain_relative(ok), "{ok}");
        }
        for bad in [
            "",
            "../outside.yaml",
            "../../outside.yaml",
            "a/../../x",
            "/etc/passwd",
            "C:\\x.yaml",
            "..\\x.yaml",
            "c:x.yaml",
        ] {
            assert!(!is_plain_relative(bad), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_root_does_not_resolve_inside() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x.yaml");
        fs::write(&target, "x").unwrap();
        let link = root.path().join("x.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(!resolves_inside(root.path(), &link));
        let inside = root.path().join("y.yaml");
        fs::write(&inside, "y").unwrap();
        assert!(resolves_inside(root.path(), &inside));
        assert_eq!(check_inside(root.path(), &link), Err(OUTSIDE_DA));
        assert_eq!(check_inside(root.path(), &inside), Ok(()));
        // A link to a place inside is fine; so is a missing file.
        let inner = root.path().join("z.yaml");
        std::os::unix::fs::symlink(&inside, &inner).unwrap();
        assert_eq!(check_inside(root.path(), &inner), Ok(()));
        assert_eq!(
            check_inside(root.path(), &root.path().join("no.yaml")),
            Ok(())
        );
        // A folder linked in from outside: every file under it is outside.
        let folder = root.path().join("cases");
        std::os::unix::fs::symlink(outside.path(), &folder).unwrap();
        assert_eq!(
            check_inside(root.path(), &folder.join("x.yaml")),
            Err(OUTSIDE_DA)
        );
    }
}
