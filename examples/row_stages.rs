//! Where one pass over a big episodes CSV goes, stage by stage, on one
//! thread (`cargo run --release --example row_stages -- /tmp/big.csv`):
//! records only, records and rows parsed, and the whole profile. Each
//! stage runs 5 times; the median is printed.

use std::fs::File;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use auditpanel::domain::csv_records::RecordReader;
use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::episodes;
use auditpanel::domain::magtprofil::{ProfileOptions, profile_csv};

fn median(mut f: impl FnMut()) -> Duration {
    let mut t: Vec<Duration> = (0..5)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[2]
}

fn main() {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/big.csv".into()),
    );
    let only = std::env::args().nth(2);
    let want = |s: &str| only.as_deref().is_none_or(|o| o == s);
    if want("read") {
        let d = median(|| {
            use std::io::Read;
            let mut f = File::open(&path).unwrap();
            let mut buf = vec![0u8; 1 << 16];
            let mut n = 0;
            while let Ok(k) = f.read(&mut buf) {
                if k == 0 {
                    break;
                }
                n += k;
            }
            black_box(n);
        });
        println!("read            {d:?}");
    }
    if want("records") {
        let d = median(|| {
            let mut rdr = RecordReader::new(File::open(&path).unwrap());
            let mut n = 0u64;
            while let Some(rec) = rdr.next_record().unwrap() {
                n += rec.len() as u64;
            }
            black_box(n);
        });
        println!("records         {d:?}");
    }
    if want("parse") {
        let d = median(|| {
            let mut diags = Diagnostics::new(Path::new(""));
            let mut n = 0u64;
            episodes::read_csv_ref(File::open(&path).unwrap(), &path, None, &mut diags, |e| {
                n += u64::from(e.start.and_utc().timestamp() as u8)
            });
            black_box(n);
        });
        println!("records+parse   {d:?}");
    }
    if want("profile") {
        let d = median(|| {
            let mut diags = Diagnostics::new(Path::new(""));
            let c = profile_csv(
                File::open(&path).unwrap(),
                &path,
                &ProfileOptions::default(),
                None,
                &mut diags,
            );
            black_box(c);
        });
        println!("whole profile   {d:?}");
    }
}
