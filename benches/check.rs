//! `check` on a large audit: 1,000,000 episodes in CSV across 500
//! institutions, generated deterministically (seed 1) by
//! `domain::generate::write_large_audit`. Budget: under 3 s on 2 cores.
//!
//! Run: `cargo bench --bench check`.

use std::hint::black_box;
use std::time::Duration;

use auditpanel::domain::check::check;
use auditpanel::domain::generate::write_large_audit;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_large_audit(dir.path(), 1, 500, 1_000_000).expect("the generated audit");
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("1M episodes CSV, 500 institutions", |b| {
        b.iter(|| black_box(check(dir.path())).diagnostics.len())
    });
    g.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
