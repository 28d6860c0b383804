//! The magtprofil of a national export: 1,000,000 episodes across 500
//! institutions, read from CSV, end to end (read + parse + profile).
//! Budget: under 1.5 s, peak memory under 400 MB (measured with
//! `/usr/bin/time -v`, see the README). Two baselines show how far that is
//! from just reading the file: the bare CSV records (`csv_records_only`) and
//! the parsed, checked episodes with nothing done to them (`parse_only`).
//!
//! `end_to_end_all_cores` is what `magtprofil --episodes` does (the file
//! read in parts on every core); `wc_l` counts the file's lines, the
//! yardstick of the budget (at most 8× its time).
//!
//! The CSV comes from `generate::write_episodes_csv` (seed 1) and is written
//! once to a temporary folder.

use std::fs::File;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use auditpanel::domain::csv_records::RecordReader;
use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::episodes;
use auditpanel::domain::generate;
use auditpanel::domain::holidays::Holidays;
use auditpanel::domain::magtprofil::{ProfileOptions, parallel, profile_csv};
use auditpanel::domain::split::Split;

const INSTITUTIONS: u32 = 500;
const EPISODES: u64 = 1_000_000;

fn national_csv(dir: &Path) -> PathBuf {
    let path = dir.join("episodes.csv");
    generate::write_episodes_csv(&path, 1, INSTITUTIONS, EPISODES).expect("generator");
    path
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = national_csv(dir.path());
    let mut g = c.benchmark_group("magtprofil_1m_episodes_500_institutions");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));

    // The records as the episodes reader finds them (`csv_records`), and
    // as the csv crate did before.
    g.bench_function("csv_records_only", |b| {
        b.iter(|| {
            let mut rdr = RecordReader::new(File::open(&path).unwrap());
            let mut n = 0u64;
            while let Some(rec) = rdr.next_record().unwrap() {
                n += rec.len() as u64;
            }
            black_box(n)
        })
    });

    g.bench_function("csv_crate_records_only", |b| {
        b.iter(|| {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_reader(File::open(&path).unwrap());
            let mut rec = csv::ByteRecord::new();
            let mut n = 0u64;
            while rdr.read_byte_record(&mut rec).unwrap() {
                n += rec.len() as u64;
            }
            black_box(n)
        })
    });

    g.bench_function("parse_only", |b| {
        b.iter(|| {
            let mut d = Diagnostics::new(Path::new(""));
            let mut n = 0u64;
            episodes::read_csv_ref(File::open(&path).unwrap(), &path, None, &mut d, |e| {
                n += u64::from(e.start.and_utc().timestamp() as u8)
            });
            assert!(d.items.is_empty());
            black_box(n)
        })
    });

    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            let mut d = Diagnostics::new(Path::new(""));
            let c = profile_csv(
                File::open(&path).unwrap(),
                &path,
                &ProfileOptions::default(),
                None,
                &mut d,
            );
            assert_eq!(c.profiles.len(), INSTITUTIONS as usize);
            assert_eq!(c.profiles.iter().map(|p| p.episodes).sum::<u64>(), EPISODES);
            black_box(c)
        })
    });

    // The command's path: the file read in parts on every core and the
    // parts' profiles merged (`domain::split`, `magtprofil::parallel`).
    g.bench_function("end_to_end_all_cores", |b| {
        b.iter(|| {
            let mut d = Diagnostics::new(Path::new(""));
            let set = parallel::read_set(
                &path,
                &ProfileOptions::default(),
                Holidays::from_config(&[]),
                None,
                Split::auto(),
                &mut d,
            )
            .expect("read");
            let c = set.finish();
            assert_eq!(c.profiles.iter().map(|p| p.episodes).sum::<u64>(), EPISODES);
            black_box(c)
        })
    });

    g.bench_function("wc_l", |b| {
        b.iter(|| {
            let mut f = File::open(&path).unwrap();
            let mut buf = vec![0u8; 1 << 16];
            let mut n = 0u64;
            loop {
                let k = std::io::Read::read(&mut f, &mut buf).unwrap();
                if k == 0 {
                    break;
                }
                n += buf[..k].iter().filter(|&&b| b == b'\n').count() as u64;
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
