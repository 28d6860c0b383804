//! One CSV read in parts on several threads (`domain::split`) gives exactly
//! what one pass gives: the same episodes with the same line numbers, the
//! same findings at the same lines and columns, and the same magtprofil,
//! whether the parts start where records start or anywhere at all (inside
//! a quoted description with line breaks, mid-line, on a blank line).

use std::fs::File;
use std::path::{Path, PathBuf};

use auditpanel::domain::diag::Diagnostics;
use auditpanel::domain::episodes::{self, CSV_HEADER};
use auditpanel::domain::holidays::Holidays;
use auditpanel::domain::magtprofil::{ProfileOptions, parallel, profile_csv};
use auditpanel::domain::split::{self, Split};
use proptest::prelude::*;

/// 600 rows across three institutions: every 5th description quoted over
/// three lines with commas and a doubled quote, a bad row every 13th (age)
/// and 37th (type), a blank line before every 29th, Windows endings on
/// every 31st.
fn text() -> String {
    let mut t = format!("{}\n", CSV_HEADER.join(","));
    for i in 0..600u32 {
        if i % 29 == 0 {
            t.push('\n');
        }
        let age = if i % 13 == 0 {
            "x".to_string()
        } else {
            format!("{}", 12 + i % 6)
        };
        let kind = ["fastholdelse", "isolation", "foeren", "noedvaerge"][(i % 4) as usize];
        let kind = if i % 37 == 0 { "slag" } else { kind };
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let description = if i % 5 == 0 {
            format!("\"Uro, {i}\nog ro i \"\"stuen\"\"\n,,,,\"")
        } else {
            format!("Episode {i}")
        };
        let ending = if i % 31 == 0 { "\r\n" } else { "\n" };
        t.push_str(&format!(
            "E{i},inst-{},B-{},{age},2017-{month:02}-{day:02}T{:02}:10,2017-{month:02}-{day:02}T{:02}:14,{kind},§ 9,2017-{month:02}-{day:02}T23:00,,yes,later,{},P-{};P-{},ingen,leder,{description}{ending}",
            i % 3,
            i % 17,
            i % 20,
            i % 20,
            i % 3,
            i % 7,
            i % 11,
        ));
    }
    t
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn findings(d: Diagnostics) -> Vec<String> {
    d.into_sorted().iter().map(ToString::to_string).collect()
}

/// The profile (as its JSON) and the findings of one pass with the
/// original reader, and of `read_set` in `parts` parts.
fn one_pass(path: &Path) -> (String, Vec<String>) {
    let mut d = Diagnostics::new(Path::new(""));
    let options = ProfileOptions::default();
    let c = profile_csv(File::open(path).unwrap(), path, &options, None, &mut d);
    (serde_json::to_string(&c.profiles).unwrap(), findings(d))
}

fn in_parts(path: &Path, parts: usize) -> (String, Vec<String>) {
    let mut d = Diagnostics::new(Path::new(""));
    let options = ProfileOptions::default();
    let split = Split {
        parts,
        min_bytes: 0,
    };
    let set = parallel::read_set(
        path,
        &options,
        Holidays::from_config(&[]),
        None,
        split,
        &mut d,
    )
    .expect("read");
    (
        serde_json::to_string(&set.finish().profiles).unwrap(),
        findings(d),
    )
}

#[test]
fn the_profile_and_its_findings_are_the_same_in_1_2_3_and_4_parts() {
    let dir = tempfile::tempdir().unwrap();
    let good = text();
    let cases = [
        ("good.csv", good.clone().into_bytes()),
        // Invalid UTF-8 two thirds in: reading stops there, in parts too.
        ("utf8.csv", {
            let mut b = good.clone().into_bytes();
            let at = b.len() * 2 / 3;
            b[at] = 0xff;
            b
        }),
        // A quote never closed three quarters in swallows the rest.
        ("unclosed.csv", {
            let at = good.len() * 3 / 4;
            let at = at + good[at..].find(",Episode").unwrap() + 1;
            let mut t = good.clone();
            t.insert(at, '"');
            t.into_bytes()
        }),
        ("header.csv", good.replacen("id,", "ident,", 1).into_bytes()),
    ];
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        let expected = one_pass(&path);
        assert!(!expected.1.is_empty(), "{name}: the fixture has bad rows");
        for parts in 1..=4 {
            assert_eq!(in_parts(&path, parts), expected, "{name} in {parts} parts");
        }
    }
    // The good file's findings name the rows' own lines.
    let (_, f) = one_pass(&write(dir.path(), "good.csv", good.as_bytes()));
    let line_of = |id: &str| {
        good.split('\n')
            .position(|l| l.starts_with(&format!("{id},")))
            .unwrap()
            + 1
    };
    let at = format!("good.csv:{}:", line_of("E13"));
    assert!(
        f.iter().any(|x| x.contains(&at) && x.contains("'age'")),
        "{f:?}"
    );
}

/// Every episode's id and line, and every finding, read in parts from `starts`.
fn episodes_at(path: &Path, starts: &[u64]) -> (Vec<(String, u32)>, Vec<String>) {
    let mut d = Diagnostics::new(Path::new(""));
    let parts = split::read_csv_at(path, starts, None, &mut d, Vec::new, |v, e| {
        v.push((e.id.to_string(), e.pos.line))
    })
    .expect("read");
    let mut out = Vec::new();
    for p in parts {
        out.extend(
            p.value
                .into_iter()
                .map(|(id, line)| (id, line + p.line_offset)),
        );
    }
    (out, findings(d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Parts may start anywhere: where no record starts, the part before
    /// reads on, and the result is still that of one pass.
    #[test]
    fn any_cut_points_give_the_one_pass_result(cuts in proptest::collection::vec(0.0f64..1.0, 0..6)) {
        let dir = tempfile::tempdir().unwrap();
        let t = text();
        let path = write(dir.path(), "e.csv", t.as_bytes());
        let mut d = Diagnostics::new(Path::new(""));
        let mut expected = Vec::new();
        episodes::read_csv_ref(File::open(&path).unwrap(), &path, None, &mut d, |e| {
            expected.push((e.id.to_string(), e.pos.line))
        });
        let starts: Vec<u64> = cuts.iter().map(|c| (c * t.len() as f64) as u64).collect();
        prop_assert_eq!(episodes_at(&path, &starts), (expected, findings(d)));
    }
}

#[test]
fn cuts_at_every_line_start_give_the_one_pass_result() {
    let dir = tempfile::tempdir().unwrap();
    let t = text();
    let path = write(dir.path(), "e.csv", t.as_bytes());
    let whole = episodes_at(&path, &[]);
    let starts: Vec<u64> = t.match_indices('\n').map(|(i, _)| i as u64 + 1).collect();
    assert_eq!(episodes_at(&path, &starts), whole);
    let valid = (0..600).filter(|i| i % 13 != 0 && i % 37 != 0).count();
    assert_eq!(whole.0.len(), valid);
}

/// Loading an audit whose one institution has a big episodes file reads
/// that file in parts (when there are cores for it): the same episodes,
/// field by field and line by line, as reading it in one pass.
#[test]
fn a_big_case_file_loads_as_in_one_pass() {
    use auditpanel::domain::generate::write_large_audit;
    use auditpanel::domain::load::load_audit;
    let dir = tempfile::tempdir().unwrap();
    write_large_audit(dir.path(), 3, 1, 25_000).expect("generate");
    let audit = load_audit(dir.path());
    let case = &audit.cases[0];
    let file = case.episodes_file.clone().expect("an episodes file");
    assert!(std::fs::metadata(&file).unwrap().len() >= split::MIN_SPLIT_BYTES);
    let mut d = Diagnostics::new(Path::new(""));
    let one_pass = episodes::load_csv(File::open(&file).unwrap(), &file, Some(&case.id), &mut d);
    assert_eq!(one_pass.len(), 25_000);
    assert!(case.episodes == one_pass, "the episodes differ");
}
