//! One big episodes CSV read on every core. The file is cut into parts
//! where records start, each part is read on its own thread
//! ([`episodes::read_csv_part`]), and the parts are put together in file
//! order, so the episodes, the findings and their line numbers are exactly
//! those of one pass.
//!
//! Where a part starts is a guess (a line break followed by lines that read
//! as whole records; a quoted description may hold line breaks), but it is
//! checked: the part before reads on until a record starts exactly there.
//! If none does (the guess was inside a quoted field), that part reads on
//! to the next cut that is a record boundary, or to the end, and the parts
//! it read through are dropped. A wrong guess costs time, never a result.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::csv_records::RecordReader;
use super::diag::{Diagnostic, Diagnostics};
use super::episodes::{self, CSV_HEADER, EpisodeRef, PartEnd};

/// How many parts to read a big file in: the cores there are
/// (`AUDITPANEL_THREADS` overrides it, e.g. 1 to compare with one pass).
pub fn threads() -> usize {
    std::env::var("AUDITPANEL_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .or_else(|| std::thread::available_parallelism().map(usize::from).ok())
        .unwrap_or(1)
        .clamp(1, 64)
}

/// `items.into_iter().map(f).collect()`, on up to `threads` threads: the
/// items cut into as many runs in order, each run mapped on its own
/// thread, the results in the items' order.
pub fn par_map<T: Send, U: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let per = items.len().div_ceil(threads);
    let mut runs: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let run: Vec<T> = items.by_ref().take(per).collect();
        if run.is_empty() {
            break;
        }
        runs.push(run);
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| s.spawn(move || run.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Files smaller than this are read in one pass: threads would cost more
/// than they save.
pub const MIN_SPLIT_BYTES: u64 = 4 << 20;

/// How to cut a file: into at most `parts` parts, when it has at least
/// `min_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub parts: usize,
    pub min_bytes: u64,
}

impl Split {
    /// One part per core, for files of [`MIN_SPLIT_BYTES`] or more.
    pub fn auto() -> Self {
        Split {
            parts: threads(),
            min_bytes: MIN_SPLIT_BYTES,
        }
    }
}

/// One part's result, in file order: what `init` made and `each` filled,
/// and the number to add to the lines the part counted from 1 (its
/// findings in `diags` are already moved).
pub struct Part<T> {
    pub value: T,
    pub line_offset: u32,
}

/// Reads the CSV at `path` in parts on as many threads (one part, read
/// here, when `split.parts` is 1 or the file is small), checking rows as
/// [`episodes::read_csv_ref`] does. Findings go to `diags` with the lines
/// of the whole file; the parts come back in file order.
pub fn read_csv_parts<T: Send>(
    path: &Path,
    split: Split,
    institution: Option<&str>,
    diags: &mut Diagnostics,
    init: impl Fn() -> T + Sync,
    each: impl Fn(&mut T, &EpisodeRef<'_>) + Sync,
) -> io::Result<Vec<Part<T>>> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let starts = if split.parts > 1 && len >= split.min_bytes {
        cuts(&mut file, len, split.parts)?
    } else {
        Vec::new()
    };
    read_csv_at(path, &starts, institution, diags, init, each)
}

/// [`read_csv_parts`] with the parts starting at `starts` (ascending byte
/// offsets; any offsets: those where no record starts are read through).
pub fn read_csv_at<T: Send>(
    path: &Path,
    starts: &[u64],
    institution: Option<&str>,
    diags: &mut Diagnostics,
    init: impl Fn() -> T + Sync,
    each: impl Fn(&mut T, &EpisodeRef<'_>) + Sync,
) -> io::Result<Vec<Part<T>>> {
    let mut starts: Vec<u64> = starts.iter().copied().filter(|&s| s > 0).collect();
    starts.sort_unstable();
    starts.dedup();
    // Part k starts at starts[k - 1] (part 0 at 0) and stops at any later cut.
    let read_part = |k: usize, diags: &mut Diagnostics| -> io::Result<(T, PartEnd)> {
        let start = if k == 0 { 0 } else { starts[k - 1] };
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(start))?;
        let stops: Vec<u64> = starts[k..].iter().map(|s| s - start).collect();
        let mut value = init();
        // The record reader buffers the file itself: a `BufReader` before
        // it would copy every byte once more.
        let end = episodes::read_csv_part(f, path, institution, diags, k == 0, &stops, |e| {
            each(&mut value, e)
        });
        Ok((value, end))
    };
    let results: Vec<io::Result<(T, PartEnd, Vec<Diagnostic>)>> = if starts.is_empty() {
        let mut own = diags.empty_like();
        vec![read_part(0, &mut own).map(|(v, e)| (v, e, own.items))]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..=starts.len())
                .map(|k| {
                    let template = diags.empty_like();
                    let read_part = &read_part;
                    s.spawn(move || {
                        let mut own = template;
                        read_part(k, &mut own).map(|(v, e)| (v, e, own.items))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("a reading thread failed")))
                })
                .collect()
        })
    };
    let mut results: Vec<Option<_>> = results.into_iter().map(Some).collect();
    let mut out = Vec::new();
    let (mut k, mut offset) = (0usize, 0u32);
    while let Some(r) = results.get_mut(k).and_then(Option::take) {
        let (value, end, items) = r?;
        diags.items.extend(items.into_iter().map(|mut d| {
            if d.pos.line > 0 {
                d.pos.line = d.pos.line.saturating_add(offset);
            }
            d
        }));
        out.push(Part {
            value,
            line_offset: offset,
        });
        match end {
            PartEnd::Eof | PartEnd::Stopped => break,
            PartEnd::Boundary { index, line } => {
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                offset = offset.saturating_add(line.saturating_sub(1));
                k += 1 + index;
            }
        }
    }
    Ok(out)
}

/// Up to `parts - 1` guessed record starts, ascending, near `len × i ÷ parts`.
fn cuts(file: &mut File, len: u64, parts: usize) -> io::Result<Vec<u64>> {
    let mut out: Vec<u64> = Vec::new();
    for i in 1..parts {
        let target = len / parts as u64 * i as u64;
        if out.last().is_some_and(|&l| l >= target) {
            continue;
        }
        if let Some(c) = cut_near(file, target)?
            && c < len
            && out.last().is_none_or(|&l| c > l)
        {
            out.push(c);
        }
    }
    Ok(out)
}

/// The first place after `target` that starts a line which is not empty and
/// reads as whole records (a record's position is where it starts, empty
/// lines before it or not: `csv_records`).
fn cut_near(file: &mut File, target: u64) -> io::Result<Option<u64>> {
    const WINDOW: u64 = 1 << 20;
    file.seek(SeekFrom::Start(target))?;
    let mut buf = Vec::new();
    file.take(WINDOW).read_to_end(&mut buf)?;
    let mut i = 0;
    while let Some(nl) = buf[i..].iter().position(|&b| b == b'\n') {
        let p = i + nl;
        i = p + 1;
        if matches!(buf.get(i), None | Some(b'\n' | b'\r')) {
            continue;
        }
        if whole_records(&buf[i..]) {
            return Ok(Some(target + i as u64));
        }
    }
    Ok(None)
}

/// Whether `bytes` start with a few records of exactly the header's fields.
fn whole_records(bytes: &[u8]) -> bool {
    const WANT: usize = 4;
    let mut rdr = RecordReader::new(bytes);
    let mut seen = 0;
    while seen < WANT {
        match rdr.next_record() {
            Ok(Some(r)) if r.len() == CSV_HEADER.len() => seen += 1,
            Ok(Some(_)) => {
                // Fine only where the window's end cut the record short.
                if rdr.consumed() >= bytes.len() as u64 {
                    break;
                }
                return false;
            }
            Ok(None) => break,
            Err(_) => return false,
        }
    }
    seen > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order_on_any_number_of_threads() {
        for n in [0usize, 1, 2, 3, 7, 100] {
            let items: Vec<usize> = (0..n).collect();
            let want: Vec<usize> = items.iter().map(|i| i * 3).collect();
            for threads in [1, 2, 3, 8] {
                assert_eq!(
                    par_map(items.clone(), threads, |i| i * 3),
                    want,
                    "{n} {threads}"
                );
            }
        }
    }

    #[test]
    fn a_cut_skips_a_line_inside_a_quoted_field() {
        let row =
            |id: &str, d: &str| format!("{id},a,B1,15,2017-03-04T18:20,,noedvaerge,,,,,,,,,,{d}\n");
        let text = format!(
            "{}{}{}{}{}",
            row("E1", "\"Uro\nog ro\""),
            row("E2", "x"),
            row("E3", "x"),
            row("E4", "x"),
            row("E5", "x"),
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.csv");
        std::fs::write(&path, &text).unwrap();
        let mut f = File::open(&path).unwrap();
        let c = cut_near(&mut f, 1).unwrap().unwrap() as usize;
        assert!(text[c..].starts_with("E2,"), "{}", &text[c..]);
    }
}
