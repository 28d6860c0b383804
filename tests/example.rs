//! The example audit at the repository root: it loads cleanly, has the shape
//! of audit 18.1, carries the patterns the magtprofil should find, and its
//! episodes are exactly what the generator writes. Also: the large-audit
//! generator is deterministic and its output loads.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use auditpanel::domain::diag::Severity;
use auditpanel::domain::generate;
use auditpanel::domain::load::load_audit;
use auditpanel::domain::model::{
    Audit, ChildStatement, Episode, InstitutionKind, InterventionType, ParentsTold, ThemeKind,
};
use auditpanel::domain::time::minutes_between;
use chrono::{Datelike, Timelike};

mod support;

/// The committed inputs are read here; the panel's files only as the
/// session generator writes them (`tests/support`), never the working tree's.
fn root() -> &'static Path {
    support::repo()
}

fn example() -> Audit {
    let audit = load_audit(root());
    let errors: Vec<String> = audit
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    audit
}

fn all_episodes(audit: &Audit) -> impl Iterator<Item = &Episode> {
    audit.cases.iter().flat_map(|c| c.episodes.iter())
}

fn duration(e: &Episode) -> i64 {
    e.end.map(|end| minutes_between(e.start, end)).unwrap_or(0)
}

fn per_month(episodes: &[Episode]) -> [usize; 12] {
    let mut m = [0; 12];
    for e in episodes {
        m[e.start.month0() as usize] += 1;
    }
    m
}

#[test]
fn the_example_has_the_shape_of_audit_18_1() {
    let audit = example();
    assert_eq!(audit.config.id, "18.1");
    assert!(audit.config.fictitious);
    let tilsyn: Vec<&str> = audit.config.tilsyn.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(tilsyn, ["nord", "midt", "syd", "oest", "hovedstaden"]);
    let participants: u32 = audit.config.participants.iter().map(|p| p.count).sum();
    assert_eq!(participants, 16);
    assert!(audit.config.holidays.is_empty());

    assert_eq!(audit.cases.len(), 8);
    let mut split: HashMap<&str, usize> = HashMap::new();
    for c in &audit.cases {
        *split.entry(c.tilsyn.as_str()).or_default() += 1;
    }
    assert_eq!(split["nord"], 1);
    assert_eq!(split["midt"], 2);
    assert_eq!(split["syd"], 1);
    assert_eq!(split["oest"], 2);
    assert_eq!(split["hovedstaden"], 2);
    let special: Vec<&str> = audit
        .cases
        .iter()
        .filter(|c| c.kind == InstitutionKind::SaerligtSikret)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(special, ["tranehoej"]);
    assert!(audit.cases.iter().all(|c| matches!(
        c.kind,
        InstitutionKind::Sikret | InstitutionKind::SaerligtSikret
    )));
    assert!(audit.cases.iter().all(|c| (6..=24).contains(&c.places)));
    let with_bed_days = audit
        .cases
        .iter()
        .filter(|c| c.occupied_bed_days.is_some())
        .count();
    assert_eq!(with_bed_days, 6);
    let municipal = audit
        .cases
        .iter()
        .filter(|c| c.operator.ends_with("Kommune"))
        .count();
    assert_eq!(municipal, 1);
    let with_targets: Vec<&str> = audit
        .cases
        .iter()
        .filter(|c| !c.targets.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(with_targets, ["birkeskraenten"]);
    assert_eq!(
        audit.case("birkeskraenten").map(|c| c.targets.len()),
        Some(6)
    );
}

#[test]
fn every_report_scores_every_kvalitetsmodel_theme() {
    let audit = example();
    let quality: Vec<&str> = audit
        .themes
        .iter()
        .filter(|t| t.kind == ThemeKind::Kvalitetsmodel)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(quality.len(), 7);
    for c in &audit.cases {
        let r = &c.report;
        let year = r.date.year();
        assert!((2017..=2018).contains(&year), "{}", c.id);
        let mut scored: Vec<&str> = r.themes.iter().map(|s| s.theme.as_str()).collect();
        scored.sort_unstable();
        assert_eq!(scored, quality, "{}", c.id);
        for s in &r.themes {
            assert!((1..=5).contains(&s.score), "{} {}", c.id, s.theme);
            assert!(s.assessment.len() > 80, "{} {}", c.id, s.theme);
        }
        assert!((2..=4).contains(&r.development_points.len()), "{}", c.id);
        assert!((1..=3).contains(&r.attention_points.len()), "{}", c.id);
        assert!((2..=4).contains(&r.young_people.len()), "{}", c.id);
    }
    let announced = audit.cases.iter().filter(|c| c.report.announced).count();
    assert!(announced > 0 && announced < 8);
}

#[test]
fn the_form_has_ten_to_twelve_questions_over_both_audit_themes() {
    let audit = example();
    assert_eq!(audit.hypotheses.len(), 2);
    assert_eq!(audit.hypotheses[0].themes, ["voksenansvar"]);
    assert_eq!(audit.hypotheses[1].themes, ["paedagogisk_indsats"]);
    assert!(
        audit.hypotheses[0]
            .text
            .starts_with("Der er betydelige forskelle i de fem socialtilsyns vurderinger af")
    );
    let q = &audit.form.questions;
    assert!((10..=12).contains(&q.len()), "{}", q.len());
    for h in &audit.hypotheses {
        assert!(audit.questions_of(h).len() >= 4, "{}", h.id);
    }
    for question in q {
        assert_eq!(
            audit.theme(&question.theme).map(|t| t.kind),
            Some(ThemeKind::Audit)
        );
        assert!(!question.help.is_empty(), "{}", question.id);
    }
    assert!(q.iter().filter(|q| q.quality_theme.is_some()).count() >= 6);
    assert_eq!(audit.form.scale.labels.len(), 5);
    assert_eq!(audit.form.scale.label(1), Some("I meget lav grad"));
    assert_eq!(audit.form.scale.label(5), Some("I meget høj grad"));
}

#[test]
fn episode_counts_span_28_to_254() {
    let audit = example();
    let counts: Vec<(&str, usize)> = audit
        .cases
        .iter()
        .map(|c| (c.id.as_str(), c.episodes.len()))
        .collect();
    assert_eq!(
        counts,
        [
            ("birkeskraenten", 61),
            ("fjordlyset", 186),
            ("havbakken", 118),
            ("kanalhuset", 72),
            ("lindely", 28),
            ("lyngtoften", 254),
            ("mosevang", 143),
            ("tranehoej", 97),
        ]
    );
    let yaml: Vec<&str> = audit
        .cases
        .iter()
        .filter(|c| {
            c.episodes_file
                .as_ref()
                .is_some_and(|f| f.extension().is_some_and(|e| e == "yaml"))
        })
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(yaml, ["lindely"]);
    assert!(all_episodes(&audit).all(|e| e.start.year() == 2017));
}

#[test]
fn the_magtprofil_has_patterns_to_find() {
    let audit = example();
    let busiest = audit.case("lyngtoften").expect("lyngtoften");
    let months = per_month(&busiest.episodes);
    let mean = busiest.episodes.len() as f64 / 12.0;
    assert!((months[6] as f64) < mean * 0.6, "July {months:?}");

    let all: Vec<&Episode> = all_episodes(&audit).collect();
    let evening = all
        .iter()
        .filter(|e| (17..=22).contains(&e.start.hour()))
        .count();
    assert!(evening * 100 / all.len() > 40, "{evening} of {}", all.len());
    let weekdays = all
        .iter()
        .filter(|e| e.start.weekday().num_days_from_monday() < 5)
        .count();
    assert!(weekdays * 100 / all.len() > 75);

    // The calmest has months with none; one institution falls to zero.
    let calmest = per_month(&audit.case("lindely").expect("lindely").episodes);
    assert_eq!(
        calmest.iter().filter(|&&n| n == 0).count(),
        4,
        "{calmest:?}"
    );
    let mosevang = per_month(&audit.case("mosevang").expect("mosevang").episodes);
    assert_eq!(&mosevang[9..], &[12, 0, 0]);

    // A few children with many episodes.
    let mut per_child: HashMap<&str, usize> = HashMap::new();
    for e in &busiest.episodes {
        *per_child.entry(e.child.as_str()).or_default() += 1;
    }
    assert_eq!(per_child.values().max(), Some(&34));

    // Staff in many episodes.
    let mut per_staff: HashMap<&str, usize> = HashMap::new();
    for e in &busiest.episodes {
        for s in &e.staff {
            *per_staff.entry(s.as_str()).or_default() += 1;
        }
    }
    assert!(per_staff.values().filter(|&&n| n >= 50).count() >= 2);
    assert!(
        all.iter()
            .all(|e| e.child.starts_with("B-") && e.staff.iter().all(|s| s.starts_with("P-")))
    );

    // Witnessed, across midnight, mostly short.
    assert!(all.iter().filter(|e| e.witnesses.unwrap_or(0) > 0).count() > 100);
    assert!(
        all.iter()
            .any(|e| e.end.is_some_and(|end| end.date() > e.start.date()))
    );
    let short = all
        .iter()
        .filter(|e| (1..=15).contains(&duration(e)))
        .count();
    assert!(short * 100 / all.len() > 75);
    for t in InterventionType::ALL {
        assert!(all.iter().any(|e| e.kind == t), "{t:?}");
    }
    let fastholdelse = all
        .iter()
        .filter(|e| e.kind == InterventionType::Fastholdelse)
        .count();
    assert!(fastholdelse * 100 / all.len() > 35);
    assert!(all.iter().all(|e| e.description.ends_with(" (fiktiv)")));
}

#[test]
fn the_intended_rule_breaches_are_few_and_exact() {
    let audit = example();
    let mut over_limit = Vec::new();
    for c in &audit.cases {
        for e in &c.episodes {
            if e.kind == InterventionType::Isolation {
                assert!(
                    matches!(e.decided_by.as_deref(), Some("leder" | "stedfortraeder")),
                    "{}",
                    e.id
                );
                let limit = c.kind.isolation_limit_minutes().unwrap_or(0);
                if duration(e) > limit {
                    over_limit.push((c.kind, e.id.to_string(), duration(e)));
                }
            }
        }
    }
    assert_eq!(
        over_limit,
        [(InstitutionKind::Sikret, "lyngtoften-0180".to_string(), 150)]
    );
    // The særligt sikret afdeling has one isolation over 2 h, legal there.
    let tranehoej = audit.case("tranehoej").expect("tranehoej");
    let long: Vec<i64> = tranehoej
        .episodes
        .iter()
        .filter(|e| e.kind == InterventionType::Isolation && duration(e) > 120)
        .map(duration)
        .collect();
    assert_eq!(long, [185]);

    let all: Vec<&Episode> = all_episodes(&audit).collect();
    let late = all
        .iter()
        .filter(|e| {
            e.registered
                .is_some_and(|r| minutes_between(e.start, r) > 24 * 60)
        })
        .count();
    assert_eq!(late, 2);
    let no_statement = all
        .iter()
        .filter(|e| e.child_statement == Some(ChildStatement::No))
        .count();
    assert_eq!(no_statement, 4);
    let later = all
        .iter()
        .filter(|e| e.child_statement == Some(ChildStatement::Later))
        .count();
    assert!(later > 50, "{later}");
    let parents_no = all
        .iter()
        .filter(|e| e.parents_told == Some(ParentsTold::No))
        .count();
    assert_eq!(parents_no, 3);
    assert!(all.iter().all(|e| duration(e) > 0 && duration(e) < 24 * 60));
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_says_it_is_fictitious_and_names_nobody() {
    let audit = example();
    let blocked = &audit.config.anonymity.blocked_names;
    assert!(blocked.len() >= 3);
    let mut yaml = vec![
        root().join("audit.yaml"),
        support::generated_example().join("panel/topics.yaml"),
    ];
    for dir in ["themes", "hypotheses", "cases"] {
        yaml.extend(
            files_under(&root().join(dir))
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    assert_eq!(yaml.len(), 2 + 2 + 1 + 9);
    for p in &yaml {
        let text = fs::read_to_string(p).expect("readable");
        assert!(text.starts_with("# FIKTIVT EKSEMPEL"), "{}", p.display());
    }
    for p in files_under(&root().join("cases")) {
        let text = fs::read_to_string(&p).expect("readable").to_lowercase();
        for name in blocked {
            for part in name.split_whitespace() {
                assert!(
                    !text.contains(&part.to_lowercase()),
                    "{} names a blocked name",
                    p.display()
                );
            }
        }
        for real in [
            "kompasset",
            "grenen",
            "koglen",
            "egely",
            "bakkegården",
            "stevnfortet",
            "sølager",
            "sønderbro",
        ] {
            assert!(!text.contains(real), "{} names {real}", p.display());
        }
    }
}

#[test]
fn the_eight_topics_are_listed() {
    #[derive(serde::Deserialize)]
    struct Topics {
        topics: Vec<Topic>,
    }
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Topic {
        id: String,
        title: String,
        description: String,
        votes: u32,
        prioritised: bool,
        discussion: String,
        consensus: Vec<serde::de::IgnoredAny>,
    }
    let text =
        fs::read_to_string(support::generated_example().join("panel/topics.yaml")).expect("topics");
    let t: Topics = serde_saphyr::from_str(&text).expect("valid");
    let titles: Vec<&str> = t.topics.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles.len(), 8);
    assert_eq!(titles[0], "Magtanvendelser");
    assert_eq!(titles[3], "Målgrupper og metoder");
    // The committed panel session (tests/export.rs) voted and prioritised three.
    let prioritised: Vec<&str> = t
        .topics
        .iter()
        .filter(|t| t.prioritised)
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(
        prioritised,
        [
            "Magtanvendelser",
            "Institutionernes brug af sanktioner",
            "Målgrupper og metoder"
        ]
    );
}

#[test]
fn committed_episodes_are_exactly_what_the_generator_writes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let written = generate::write_example_episodes(tmp.path()).expect("write");
    assert_eq!(written.len(), 8);
    for path in written {
        let rel = path.strip_prefix(tmp.path()).expect("under tmp");
        let fresh = fs::read(&path).expect("fresh");
        let committed = fs::read(root().join(rel)).expect("committed");
        assert!(
            fresh == committed,
            "{} differs from the generator; run `cargo run -- generate --example .`",
            rel.display()
        );
    }
}

#[test]
fn the_generator_is_deterministic_by_seed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = tmp.path().join("a.csv");
    let b = tmp.path().join("b.csv");
    let c = tmp.path().join("c.csv");
    generate::write_episodes_csv(&a, 7, 3, 5_000).expect("a");
    generate::write_episodes_csv(&b, 7, 3, 5_000).expect("b");
    generate::write_episodes_csv(&c, 8, 3, 5_000).expect("c");
    let (a, b, c) = (
        fs::read(a).expect("a"),
        fs::read(b).expect("b"),
        fs::read(c).expect("c"),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    let text = String::from_utf8(a).expect("utf-8");
    assert_eq!(text.lines().count(), 5_001);
    assert!(text.starts_with("id,institution,child,age,start,end,type,"));
}

#[test]
fn a_generated_audit_loads_without_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    generate::write_large_audit(tmp.path(), 3, 5, 2_000).expect("write");
    let audit = load_audit(tmp.path());
    let errors: Vec<String> = audit
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(audit.cases.len(), 5);
    assert_eq!(audit.episode_count(), 2_000);
    assert!(audit.config.fictitious);
    assert!(
        audit
            .cases
            .iter()
            .any(|c| c.kind == InstitutionKind::SaerligtSikret)
    );
}
