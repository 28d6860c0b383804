//! The audit-level agreement report at the size of a real panel: 5 tilsyn ×
//! 8 cases × 12 questions (3 themes, 2 hypotheses), ordinal alpha with a
//! 1,000-resample BCa bootstrap for every question, theme, hypothesis and
//! overall, plus leave-one-out and the Friedman test with each tilsyn's
//! bootstrapped mean difference. Budget: under 100 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

use auditpanel::domain::agreement::{
    BootstrapOptions, HypothesisRef, Level, QuestionRef, Rating, Structure, audit_report,
};

fn panel() -> (Structure, Vec<Rating>) {
    let raters: Vec<String> = ["nord", "midt", "syd", "oest", "hovedstaden"]
        .map(String::from)
        .to_vec();
    let cases: Vec<String> = (1..=8).map(|c| format!("inst{c}")).collect();
    let questions: Vec<QuestionRef> = (1..=12)
        .map(|q| QuestionRef {
            id: format!("q{q}"),
            theme: format!("t{}", (q - 1) / 4 + 1),
        })
        .collect();
    let hypotheses = vec![
        HypothesisRef {
            id: "h1".into(),
            themes: vec!["t1".into(), "t2".into()],
        },
        HypothesisRef {
            id: "h2".into(),
            themes: vec!["t2".into(), "t3".into()],
        },
    ];
    // A true score per case × question, each rater off by at most one step
    // now and then, and "kan ikke vurderes" once in a while.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut ratings = Vec::new();
    for case in &cases {
        for q in &questions {
            let truth: i32 = rng.random_range(1..=5);
            for rater in &raters {
                let value = if rng.random_range(0..20) == 0 {
                    None
                } else {
                    let v = truth + rng.random_range(-1..=1) * i32::from(rng.random_bool(0.4));
                    Some(v.clamp(1, 5) as u8)
                };
                ratings.push(Rating {
                    case: case.clone(),
                    question: q.id.clone(),
                    rater: rater.clone(),
                    value,
                });
            }
        }
    }
    let structure = Structure {
        raters,
        cases,
        questions,
        hypotheses,
    };
    (structure, ratings)
}

fn bench(c: &mut Criterion) {
    let (structure, ratings) = panel();
    let opts = BootstrapOptions::default();
    c.bench_function("audit_report 5x8x12 ordinal, 1000 resamples", |b| {
        b.iter(|| {
            audit_report(
                black_box(&structure),
                black_box(&ratings),
                Level::Ordinal,
                &opts,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
