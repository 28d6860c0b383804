//! Krippendorff's alpha against his published worked examples (nominal,
//! ordinal, interval, ratio, with missing values), the edge cases, the
//! bootstrap, leave-one-out, the audit-level report, the spread helper and
//! the `agreement` command.

use std::process::Command;

use auditpanel::domain::agreement::*;

/// Krippendorff's layout: one string per rater, "." for missing.
fn data(rows: &[(&str, &str)]) -> ReliabilityData {
    ReliabilityData::from_rater_rows(
        rows.iter()
            .map(|(name, row)| {
                let values = row
                    .split_whitespace()
                    .map(|v| v.parse::<f64>().ok())
                    .collect();
                (name.to_string(), values)
            })
            .collect(),
    )
}

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
/// example with four observers, twelve units and missing values.
fn four_observers() -> ReliabilityData {
    data(&[
        ("A", "1 2 3 3 2 1 4 1 2 . . ."),
        ("B", "1 2 3 3 2 2 4 1 2 5 . 3"),
        ("C", ". 3 3 3 2 3 4 2 2 5 1 ."),
        ("D", "1 2 3 3 2 4 4 1 2 5 1 ."),
    ])
}

/// Krippendorff (2011), the binary example: two observers, ten units.
fn binary() -> ReliabilityData {
    data(&[("A", "0 1 0 0 0 0 0 0 1 0"), ("B", "1 1 1 0 0 1 0 0 0 0")])
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

// The coincidence matrix of the four-observer example, by hand. Unit 12
// (only B: 3) is not pairable. m_u: units 1 and 10 have 3 values, unit 11
// has 2, the rest 4; n = 40.
//   o_11 = 3·2/2 (u1) + 3·2/3 (u8) + 2·1/1 (u11)  = 7
//   o_12 = 1/3 (u6) + 3·1/3 (u8)                  = 4/3
//   o_13 = o_14 = o_24 = o_34 = 1/3 (u6)
//   o_22 = 3·2/3 (u2) + 4 (u5) + 4 (u9)           = 10
//   o_23 = 3·1/3 (u2) + 1/3 (u6)                  = 4/3
//   o_33 = 4 + 4 (u3, u4) = 8;  o_44 = 4 (u7);  o_55 = 3·2/2 (u10) = 3
//   n_1..n_5 = 9, 13, 10, 5, 3
#[test]
fn coincidence_matrix_of_the_worked_example() {
    let p = Prepared::new(&four_observers(), None);
    let o = p.coincidences();
    assert_eq!(o.values, vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    close(o.get(1.0, 1.0), 7.0);
    close(o.get(1.0, 2.0), 4.0 / 3.0);
    close(o.get(2.0, 1.0), 4.0 / 3.0);
    close(o.get(1.0, 3.0), 1.0 / 3.0);
    close(o.get(2.0, 2.0), 10.0);
    close(o.get(2.0, 3.0), 4.0 / 3.0);
    close(o.get(3.0, 3.0), 8.0);
    close(o.get(4.0, 4.0), 4.0);
    close(o.get(5.0, 5.0), 3.0);
    close(o.get(1.0, 5.0), 0.0);
    let n = o.marginals();
    for (got, want) in n.iter().zip([9.0, 13.0, 10.0, 5.0, 3.0]) {
        close(*got, want);
    }
    close(o.total(), 40.0);
    assert_eq!(p.units(), 12);
    assert_eq!(p.pairable_units(), 11);
    assert_eq!(p.pairable_values(), 40);
    assert_eq!(p.raters(), 4);
}

#[test]
fn nominal_worked_example() {
    // Off-diagonal o: 40 − (7+10+8+4+3) = 8; Σ_{c≠k} n_c n_k = 1600 − 384 = 1216.
    // α = 1 − 39·8/1216 = 0.7434.
    let a = alpha(&four_observers(), Level::Nominal).unwrap();
    close(a, 1.0 - 39.0 * 8.0 / 1216.0);
    assert_eq!(round3(a), 0.743);
}

#[test]
fn ordinal_worked_example() {
    // δ²(c,k) = (Σ_{g=c..k} n_g − (n_c+n_k)/2)² with n = 9,13,10,5,3:
    // δ²12 = 11² = 121, δ²13 = 22.5², δ²14 = 30², δ²15 = 34², δ²23 = 11.5²,
    // δ²24 = 19², δ²25 = 23², δ²34 = 7.5², δ²35 = 11.5², δ²45 = 4².
    // Σ_{c<k} o δ² = 945.5; Σ_{c<k} n_c n_k δ² = 199740.
    // α = 1 − 39·945.5/199740 = 0.8154.
    let a = alpha(&four_observers(), Level::Ordinal).unwrap();
    close(a, 1.0 - 39.0 * 945.5 / 199_740.0);
    assert_eq!(round3(a), 0.815);
}

#[test]
fn interval_worked_example() {
    // Σ_{c<k} o (c−k)² = 26/3; Σ_{c<k} n_c n_k (c−k)² = 2240.
    // α = 1 − 39·(26/3)/2240 = 1 − 338/2240 = 0.8491.
    let a = alpha(&four_observers(), Level::Interval).unwrap();
    close(a, 1.0 - 338.0 / 2240.0);
    assert_eq!(round3(a), 0.849);
}

#[test]
fn ratio_worked_example() {
    // δ² = ((c−k)/(c+k))²: Σ_{c<k} o δ² = 0.448654, Σ_{c<k} n_c n_k δ² = 86.36606.
    // α = 1 − 39·0.448654/86.36606 = 0.7974.
    let a = alpha(&four_observers(), Level::Ratio).unwrap();
    assert_eq!(round3(a), 0.797);
}

#[test]
fn binary_worked_example() {
    // o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20.
    // α = 1 − 19·(4+4)/(2·14·6) = 1 − 152/168 = 0.0952.
    let a = alpha(&binary(), Level::Nominal).unwrap();
    close(a, 1.0 - 152.0 / 168.0);
    assert_eq!(round3(a), 0.095);
    // Two values: ordinal and interval agree with nominal.
    close(alpha(&binary(), Level::Ordinal).unwrap(), a);
    close(alpha(&binary(), Level::Interval).unwrap(), a);
}

#[test]
fn no_values_at_all_says_no_scores_yet() {
    let d = ReliabilityData::new(vec!["a".into(), "b".into()], vec!["x".into(), "y".into()]);
    let e = alpha(&d, Level::Ordinal).unwrap_err();
    assert_eq!(e, Undefined::NoValues);
    assert_eq!(e.reason_da(), "ingen scorer endnu");
}

#[test]
fn one_rater_only_is_undefined() {
    let d = data(&[("A", "1 2 3 3 2")]);
    for level in [Level::Nominal, Level::Ordinal, Level::Interval] {
        assert_eq!(alpha(&d, level), Err(Undefined::OneRater));
    }
    // A second rater who scored nothing does not make it two.
    let d = data(&[("A", "1 2 3"), ("B", ". . .")]);
    assert_eq!(alpha(&d, Level::Ordinal), Err(Undefined::OneRater));
    let a = agreement(&d, Level::Ordinal, &BootstrapOptions::default());
    assert_eq!(a.alpha, None);
    assert_eq!(a.undefined, Some(Undefined::OneRater));
    assert_eq!(a.undefined.unwrap().reason_da(), "kun én bedømmer");
    assert_eq!(a.ci, None);
    assert_eq!(a.interpretation, None);
    assert_eq!(a.raters, 1);
}

#[test]
fn no_pairable_unit_is_undefined() {
    let d = data(&[("A", "1 . 3"), ("B", ". 2 .")]);
    assert_eq!(alpha(&d, Level::Nominal), Err(Undefined::NoPairableUnits));
}

#[test]
fn every_score_equal_is_undefined_no_variation() {
    // One unit with 3 and 5 is variation enough.
    let d = data(&[("A", "3 3 3 3"), ("B", "3 3 3 ."), ("C", "3 3 . 5")]);
    assert!(alpha(&d, Level::Ordinal).is_ok());
    let d = data(&[("A", "3 3 3 3"), ("B", "3 3 3 ."), ("C", "3 3 . .")]);
    for level in [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ] {
        assert_eq!(alpha(&d, level), Err(Undefined::NoVariation));
    }
    let a = agreement(&d, Level::Ordinal, &BootstrapOptions::default());
    assert_eq!(a.alpha, None);
    assert_eq!(a.ci, None);
    assert_eq!(
        serde_json::to_value(&a).unwrap()["undefined"],
        serde_json::json!({"code": "no_variation", "reason": "ingen variation"})
    );
}

#[test]
fn a_unit_scored_once_is_dropped() {
    // Unit 12 of the worked example has one value (B: 3); taking it out
    // changes nothing, and nor does adding an extreme single value, at any
    // level (for ordinal, a lone value must not enter the marginals n_g).
    let without = data(&[
        ("A", "1 2 3 3 2 1 4 1 2 . ."),
        ("B", "1 2 3 3 2 2 4 1 2 5 ."),
        ("C", ". 3 3 3 2 3 4 2 2 5 1"),
        ("D", "1 2 3 3 2 4 4 1 2 5 1"),
    ]);
    let extra = data(&[
        ("A", "1 2 3 3 2 1 4 1 2 . . . ."),
        ("B", "1 2 3 3 2 2 4 1 2 5 . 3 ."),
        ("C", ". 3 3 3 2 3 4 2 2 5 1 . 9"),
        ("D", "1 2 3 3 2 4 4 1 2 5 1 . ."),
    ]);
    for level in [
        Level::Nominal,
        Level::Ordinal,
        Level::Interval,
        Level::Ratio,
    ] {
        let a = alpha(&four_observers(), level).unwrap();
        close(alpha(&without, level).unwrap(), a);
        close(alpha(&extra, level).unwrap(), a);
    }
    let p = Prepared::new(&extra, None);
    assert_eq!(p.units(), 13);
    assert_eq!(p.pairable_units(), 11);
    assert_eq!(p.pairable_values(), 40);
}

#[test]
fn leave_one_out_finds_the_outlier() {
    // A, B and C agree within a step; D scores the other way round.
    let d = data(&[
        ("A", "1 2 3 4 5 1 2 3 4 5"),
        ("B", "1 2 3 4 5 2 2 3 4 4"),
        ("C", "2 2 3 4 5 1 3 3 4 5"),
        ("D", "5 4 3 2 1 5 4 3 2 1"),
    ]);
    let a = agreement(&d, Level::Ordinal, &BootstrapOptions::default());
    let all = a.alpha.unwrap();
    assert!(all < 0.667, "{all}");
    assert_eq!(a.leave_one_out.len(), 4);
    let names: Vec<&str> = a.leave_one_out.iter().map(|l| l.rater.as_str()).collect();
    assert_eq!(names, ["A", "B", "C", "D"]);
    let d_out = &a.leave_one_out[3];
    assert!(d_out.alpha.unwrap() > 0.8, "{:?}", d_out);
    close(d_out.change.unwrap(), d_out.alpha.unwrap() - all);
    for other in &a.leave_one_out[..3] {
        assert!(other.change.unwrap() < 0.0, "{other:?}");
    }
    // The value without D is alpha of A, B and C alone.
    let abc = data(&[
        ("A", "1 2 3 4 5 1 2 3 4 5"),
        ("B", "1 2 3 4 5 2 2 3 4 4"),
        ("C", "2 2 3 4 5 1 3 3 4 5"),
    ]);
    close(d_out.alpha.unwrap(), alpha(&abc, Level::Ordinal).unwrap());
}

#[test]
fn bootstrap_is_deterministic() {
    let opts = BootstrapOptions::default();
    assert_eq!(opts.resamples, 1000);
    let a1 = agreement(&four_observers(), Level::Ordinal, &opts);
    let a2 = agreement(&four_observers(), Level::Ordinal, &opts);
    assert_eq!(a1, a2);
    assert_eq!(
        serde_json::to_string(&a1).unwrap(),
        serde_json::to_string(&a2).unwrap()
    );
    let ci = a1.ci.clone().unwrap();
    assert_eq!(ci.resamples, 1000);
    assert!(ci.defined_resamples > 900 && ci.defined_resamples <= 1000);
    assert!(ci.lower <= a1.alpha.unwrap() && a1.alpha.unwrap() <= ci.upper);
    assert!(ci.lower > 0.0 && ci.upper <= 1.0, "{ci:?}");
    assert!((0.0..=1.0).contains(&ci.p_below_0667));
    assert!(ci.bias_correction.is_finite() && ci.acceleration.is_finite());
    // Another seed gives another interval.
    let other = BootstrapOptions {
        seed: DEFAULT_SEED + 1,
        ..opts
    };
    let a3 = agreement(&four_observers(), Level::Ordinal, &other);
    assert_eq!(a3.alpha, a1.alpha);
    assert_ne!(a3.ci, a1.ci);
    // Off when asked.
    let off = BootstrapOptions {
        resamples: 0,
        ..opts
    };
    let a_off = agreement(&four_observers(), Level::Ordinal, &off);
    assert_eq!(a_off.ci, None);
    assert_eq!(a_off.no_interval, Some(NoInterval::Off));
}

/// The label from a lower limit: each threshold on both sides, judged on
/// the printed three decimals.
#[test]
fn labels_follow_the_lower_limit_at_each_threshold() {
    let label = |l: f64| Reliability::from_lower(Some(l)).label_da();
    assert_eq!(label(0.800), "pålidelig");
    assert_eq!(label(0.799), "foreløbig");
    assert_eq!(label(0.7996), "pålidelig");
    assert_eq!(label(0.7994), "foreløbig");
    assert_eq!(label(0.667), "foreløbig");
    assert_eq!(label(0.666), "ikke pålidelig");
    assert_eq!(label(0.6665), "foreløbig");
    assert_eq!(label(0.6664), "ikke pålidelig");
    assert_eq!(label(-0.2), "ikke pålidelig");
    assert_eq!(Reliability::from_lower(None).label_da(), "for få data");
}

/// A high point estimate with a low lower limit is not "pålidelig".
#[test]
fn the_label_comes_from_the_interval_not_the_point() {
    let a = agreement(
        &four_observers(),
        Level::Ordinal,
        &BootstrapOptions::default(),
    );
    let ci = a.ci.clone().unwrap();
    assert_eq!(round3(a.alpha.unwrap()), 0.815);
    assert!(ci.lower < 0.8, "{ci:?}");
    assert_eq!(a.reliability, Some(Reliability::from_lower(Some(ci.lower))));
    assert_ne!(a.interpretation, Some("pålidelig"));
    assert_eq!(
        agreement_summary_da(&a),
        format!(
            "α = 0,815 (95 %-interval {} – {}; {})",
            format!("{:.3}", ci.lower).replace('.', ","),
            format!("{:.3}", ci.upper).replace('.', ","),
            a.interpretation.unwrap()
        )
    );
    assert!(label_rule_da().contains("mindst 8 parbare enheder og 20 parbare værdier"));
}

/// Minimum − 1 and the minimum, for units and for values: under it there
/// is no interval and the label says "for få data" with the counts.
#[test]
fn an_interval_needs_the_minimum_of_data() {
    assert_eq!(
        enough_data(MIN_PAIRABLE_UNITS - 1, 1000),
        Err(NoInterval::TooFewData {
            units: MIN_PAIRABLE_UNITS - 1,
            values: 1000
        })
    );
    assert_eq!(enough_data(MIN_PAIRABLE_UNITS, MIN_PAIRABLE_VALUES), Ok(()));
    assert_eq!(
        enough_data(1000, MIN_PAIRABLE_VALUES - 1),
        Err(NoInterval::TooFewData {
            units: 1000,
            values: MIN_PAIRABLE_VALUES - 1
        })
    );
    // Two raters on the minimum of units: values = 2 × units.
    let rows = |units: usize| -> ReliabilityData {
        let a: Vec<Option<f64>> = (0..units).map(|u| Some((u % 5) as f64)).collect();
        let b: Vec<Option<f64>> = (0..units)
            .map(|u| Some(((u + usize::from(u % 3 == 0)) % 5) as f64))
            .collect();
        ReliabilityData::from_rater_rows(vec![("A", a), ("B", b)])
    };
    let min_units = MIN_PAIRABLE_UNITS.max(MIN_PAIRABLE_VALUES.div_ceil(2));
    let under = agreement(
        &rows(min_units - 1),
        Level::Ordinal,
        &BootstrapOptions::default(),
    );
    assert!(under.alpha.is_some());
    assert_eq!(under.ci, None);
    assert_eq!(under.reliability, Some(Reliability::TooFewData));
    assert_eq!(under.interpretation, Some("for få data"));
    assert_eq!(
        under.no_interval.unwrap().reason_da(),
        format!(
            "for få data ({} parbare enheder, n = {})",
            min_units - 1,
            2 * (min_units - 1)
        )
    );
    assert_eq!(
        agreement_summary_da(&under),
        format!(
            "α = {} (for få data ({} parbare enheder, n = {}))",
            format!("{:.3}", under.alpha.unwrap()).replace('.', ","),
            min_units - 1,
            2 * (min_units - 1)
        )
    );
    let at = agreement(
        &rows(min_units),
        Level::Ordinal,
        &BootstrapOptions::default(),
    );
    assert!(at.ci.is_some(), "{at:?}");
    assert_eq!(at.no_interval, None);
}

#[test]
fn spread_marks_where_to_talk() {
    let s = spread(&[1, 3, 3, 3, 3]).unwrap();
    assert_eq!((s.count, s.min, s.max, s.range), (5, 1, 3, 2));
    assert_eq!(s.median, 3.0);
    assert_eq!(s.far_from_median, 1);
    assert!(s.flagged);
    let s = spread(&[2, 3, 3, 4]).unwrap();
    assert_eq!(
        (s.range, s.median, s.far_from_median, s.flagged),
        (2, 3.0, 0, true)
    );
    let s = spread(&[3, 2, 3]).unwrap();
    assert_eq!(
        (s.range, s.median, s.far_from_median, s.flagged),
        (1, 3.0, 0, false)
    );
    let s = spread(&[1, 1, 3, 3]).unwrap();
    assert_eq!((s.median, s.far_from_median), (2.0, 0));
    let s = spread(&[1, 1, 3, 3, 3]).unwrap();
    assert_eq!((s.median, s.far_from_median), (3.0, 2));
    assert_eq!(spread(&[]), None);
}

fn rating(case: &str, question: &str, rater: &str, value: Option<u8>) -> Rating {
    Rating {
        case: case.into(),
        question: question.into(),
        rater: rater.into(),
        value,
    }
}

fn small_audit() -> (Structure, Vec<Rating>) {
    let q = |id: &str, theme: &str| QuestionRef {
        id: id.into(),
        theme: theme.into(),
    };
    let structure = Structure {
        raters: vec!["nord".into(), "midt".into(), "syd".into()],
        cases: vec!["c1".into(), "c2".into(), "c3".into(), "c4".into()],
        questions: vec![q("q1", "magt"), q("q2", "paed"), q("q3", "magt")],
        hypotheses: vec![
            HypothesisRef {
                id: "h2".into(),
                themes: vec!["paed".into()],
            },
            HypothesisRef {
                id: "h1".into(),
                themes: vec!["magt".into(), "paed".into()],
            },
        ],
    };
    // Scores per question: case × rater (nord, midt, syd); 0 = kan ikke vurderes.
    let scores: [(&str, [[u8; 3]; 4]); 3] = [
        ("q1", [[1, 1, 2], [3, 3, 3], [4, 5, 4], [2, 2, 0]]),
        ("q2", [[2, 4, 1], [3, 1, 5], [5, 2, 2], [1, 3, 4]]),
        ("q3", [[5, 5, 5], [1, 1, 2], [3, 3, 3], [2, 3, 2]]),
    ];
    let raters = ["nord", "midt", "syd"];
    let mut ratings = Vec::new();
    // Ratings in a scrambled order: the report must not depend on it.
    for r in (0..3).rev() {
        for (q, cases) in &scores {
            for (c, row) in cases.iter().enumerate() {
                let v = row[r];
                ratings.push(rating(
                    &format!("c{}", c + 1),
                    q,
                    raters[r],
                    (v > 0).then_some(v),
                ));
            }
        }
    }
    ratings.push(rating("c1", "q9", "nord", Some(3)));
    (structure, ratings)
}

#[test]
fn audit_report_per_question_theme_hypothesis_and_overall() {
    let (structure, ratings) = small_audit();
    let opts = BootstrapOptions::default();
    let r = audit_report(&structure, &ratings, Level::Ordinal, &opts);
    assert_eq!(r.raters, ["nord", "midt", "syd"]);
    assert_eq!(r.ignored_ratings, 1);
    let ids = |g: &[GroupAgreement]| g.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&r.questions), ["q1", "q2", "q3"]);
    assert_eq!(ids(&r.themes), ["magt", "paed"]);
    assert_eq!(ids(&r.hypotheses), ["h2", "h1"]);
    assert_eq!(r.themes[0].questions, ["q1", "q3"]);
    assert_eq!(r.hypotheses[1].questions, ["q1", "q2", "q3"]);

    // q1 by hand: units are the cases; c4 is "kan ikke vurderes" for syd.
    let q1 = data(&[("nord", "1 3 4 2"), ("midt", "1 3 5 2"), ("syd", "2 3 4 .")]);
    let want = alpha(&q1, Level::Ordinal).unwrap();
    close(r.questions[0].agreement.alpha.unwrap(), want);
    assert_eq!(r.questions[0].agreement.units, 4);
    assert_eq!(r.questions[0].agreement.pairable_values, 11);
    // The theme magt: units case × question over q1 and q3.
    let magt = data(&[
        ("nord", "1 3 4 2 5 1 3 2"),
        ("midt", "1 3 5 2 5 1 3 3"),
        ("syd", "2 3 4 . 5 2 3 2"),
    ]);
    close(
        r.themes[0].agreement.alpha.unwrap(),
        alpha(&magt, Level::Ordinal).unwrap(),
    );
    // h2 is the theme paed is the question q2 (alpha and interval alike).
    assert_eq!(r.hypotheses[0].agreement, r.questions[1].agreement);
    assert_eq!(r.hypotheses[0].agreement, r.themes[1].agreement);
    // h1 covers every question: the same as overall.
    assert_eq!(r.hypotheses[1].agreement, r.overall.agreement);
    assert_eq!(r.overall.agreement.units, 12);
    assert!(r.overall.agreement.ci.is_some());
    assert_eq!(r.overall.agreement.leave_one_out.len(), 3);

    // Friedman per scope over the cells all three scored: q1 loses c4
    // (syd: kan ikke vurderes).
    let names: Vec<String> = ["nord", "midt", "syd"].map(String::from).to_vec();
    let q1_blocks = [1.0, 1.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 4.0];
    assert_eq!(
        r.questions[0].rater_differences,
        Some(friedman(&names, &q1_blocks, &opts).unwrap())
    );
    let magt_blocks: Vec<f64> = q1_blocks
        .iter()
        .copied()
        .chain([5.0, 5.0, 5.0, 1.0, 1.0, 2.0, 3.0, 3.0, 3.0, 2.0, 3.0, 2.0])
        .collect();
    assert_eq!(
        r.themes[0].rater_differences,
        Some(friedman(&names, &magt_blocks, &opts).unwrap())
    );
    let overall = r.overall.rater_differences.as_ref().unwrap();
    assert_eq!((overall.blocks, overall.raters, overall.df), (11, 3, 2));
    assert_eq!(r.rater_differences.as_ref(), Some(overall));
    assert_eq!(r.rater_differences_reason, None);
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(json["rater_differences"]["test"], "friedman");
    assert_eq!(json["rater_differences"]["blocks"], 11);
    assert_eq!(json["questions"][0]["rater_differences"]["blocks"], 3);

    // Same ratings in another order: the same report byte for byte.
    let mut reversed = ratings.clone();
    reversed.reverse();
    let again = audit_report(&structure, &reversed, Level::Ordinal, &opts);
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
}

#[test]
fn spreads_per_case_and_question() {
    let (structure, ratings) = small_audit();
    let s = spreads(&structure, &ratings);
    assert_eq!(s.len(), 12);
    assert_eq!((s[0].case.as_str(), s[0].question.as_str()), ("c1", "q1"));
    assert_eq!((s[1].case.as_str(), s[1].question.as_str()), ("c1", "q2"));
    // c1/q2: 2, 4, 1 → range 3, median 2, flagged.
    assert_eq!((s[1].spread.range, s[1].spread.median), (3, 2.0));
    assert!(s[1].spread.flagged);
    // c4/q1: 2, 2 (syd: kan ikke vurderes).
    let c4q1 = s
        .iter()
        .find(|x| x.case == "c4" && x.question == "q1")
        .unwrap();
    assert_eq!(c4q1.spread.count, 2);
    assert!(!c4q1.spread.flagged);
    let flagged: Vec<String> = s
        .iter()
        .filter(|x| x.spread.flagged)
        .map(|x| format!("{}/{}", x.case, x.question))
        .collect();
    assert_eq!(flagged, ["c1/q2", "c2/q2", "c3/q2", "c4/q2"]);
}

#[test]
fn ratings_csv_reports_bad_rows_with_place() {
    let text = "unit,rater,value\n1,A,1\n1,B,x\n2,,3\n1,A,2\n2,A,\n3,A,1,9\n";
    let (d, diags) = read_ratings_csv(text.as_bytes(), std::path::Path::new("r.csv"));
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert!(
        shown[0].starts_with("r.csv:3:5: error: værdien"),
        "{}",
        shown[0]
    );
    assert!(
        shown[1].starts_with("r.csv:4:3: error: bedømmeren"),
        "{}",
        shown[1]
    );
    assert!(
        shown[2].starts_with(
            "r.csv:5:1: error: bedømmeren har allerede en værdi for denne enhed (linje 2)"
        ),
        "{}",
        shown[2]
    );
    assert!(
        shown[3].starts_with("r.csv:7:1: error: linjen har 4 felter"),
        "{}",
        shown[3]
    );
    assert_eq!(d.units(), ["1", "2"]);
    assert_eq!(d.raters(), ["A"]);
    assert_eq!(d.get(0, 0), Some(1.0));
    assert_eq!(d.get(1, 0), None);

    let (_, diags) = read_ratings_csv("unit;rater;value\n".as_bytes(), "r.csv".as_ref());
    assert_eq!(
        diags[0].to_string(),
        "r.csv:1:1: error: forkert overskriftslinje; den skal være præcis: unit,rater,value"
    );
    let (_, diags) = read_ratings_csv("".as_bytes(), "r.csv".as_ref());
    assert!(
        diags[0]
            .to_string()
            .starts_with("r.csv:1:1: error: filen er tom")
    );
}

/// The worked example as `unit,rater,value`, with missing values both as
/// empty fields and as absent rows.
fn worked_example_csv() -> String {
    let mut s = String::from("unit,rater,value\n");
    let rows = [
        ("A", "1 2 3 3 2 1 4 1 2 . . ."),
        ("B", "1 2 3 3 2 2 4 1 2 5 . 3"),
        ("C", ". 3 3 3 2 3 4 2 2 5 1 ."),
        ("D", "1 2 3 3 2 4 4 1 2 5 1 ."),
    ];
    for (rater, row) in rows {
        for (u, v) in row.split_whitespace().enumerate() {
            match (rater, v) {
                ("A", ".") => {} // an absent row
                (_, ".") => s.push_str(&format!("u{},{rater},\n", u + 1)),
                _ => s.push_str(&format!("u{},{rater},{v}\n", u + 1)),
            }
        }
    }
    s
}

fn run_cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn cli_gives_the_published_nominal_alpha_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.csv");
    std::fs::write(&path, worked_example_csv()).unwrap();
    let p = path.to_str().unwrap();
    let json_of = |level: &str| {
        run_cli(&[
            "agreement",
            "--ratings",
            p,
            "--level",
            level,
            "--format",
            "json",
        ])
    };
    let out = json_of("nominal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(round3(json["alpha"].as_f64().unwrap()), 0.743);
    assert_eq!(json["level"], "nominal");
    assert_eq!(json["units"], 12);
    assert_eq!(json["pairable_units"], 11);
    assert_eq!(json["raters"], 4);
    assert_eq!(json["pairable_values"], 40);
    // 0.743, but the interval's lower limit is under 0.667.
    assert!(json["ci"]["lower"].as_f64().unwrap() < 0.667);
    assert!(json["ci"]["lower"].as_f64().unwrap() <= json["alpha"].as_f64().unwrap());
    assert_eq!(json["reliability"], "not_reliable");
    assert_eq!(json["interpretation"], "ikke pålidelig");
    assert_eq!(json["ci"]["resamples"], 1000);
    // The Friedman test with the units as blocks: units 2–9 are complete.
    // scipy 1.17.1 on them: χ² = 5.727272727272686, p = 0.12565974798412302.
    let rd = &json["rater_differences"];
    assert_eq!(rd["test"], "friedman");
    assert_eq!(rd["blocks"], 8);
    assert_eq!(rd["raters"], 4);
    assert_eq!(rd["df"], 3);
    assert!((rd["statistic"].as_f64().unwrap() - 5.727_272_727_272_686).abs() < 1e-9);
    assert!((rd["p_value"].as_f64().unwrap() - 0.125_659_747_984_123_02).abs() < 1e-9);
    assert!((rd["kendall_w"].as_f64().unwrap() - 5.727_272_727_272_686 / 24.0).abs() < 1e-9);
    assert_eq!(rd["per_rater"].as_array().unwrap().len(), 4);
    assert_eq!(rd["per_rater"][0]["rater"], "A");
    assert_eq!(rd["per_rater"][0]["ci"].as_array().unwrap().len(), 2);
    assert!(json.get("rater_differences_reason").is_none());
    assert_eq!(json["leave_one_out"].as_array().unwrap().len(), 4);
    assert_eq!(json["rater_names"], serde_json::json!(["A", "B", "C", "D"]));

    // The same again, byte for byte.
    assert_eq!(out.stdout, json_of("nominal").stdout);

    for (level, want) in [("ordinal", 0.815), ("interval", 0.849)] {
        let json: serde_json::Value = serde_json::from_slice(&json_of(level).stdout).unwrap();
        assert_eq!(round3(json["alpha"].as_f64().unwrap()), want, "{level}");
    }

    let table = run_cli(&["agreement", "--ratings", p, "--level", "ordinal"]);
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).unwrap();
    // 0,815, but the interval reaches far below 0,667 with 11 units.
    assert!(
        text.contains("α = 0,815  (ikke pålidelig)\n95 %-interval: 0,"),
        "{text}"
    );
    assert!(text.contains("\nSystematiske forskelle mellem bedømmerne (enhederne er blokke)\nForskellene mellem tilsynene er ikke systematiske: Friedman χ² = 5,727, df = 3,\np = 0,126, W = 0,239 (n = 8 fuldt scorede celler).\n"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn cli_rejects_bad_rows_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ratings.csv");
    std::fs::write(&path, "unit,rater,value\n1,A,2\n1,B,to\n").unwrap();
    let out = run_cli(&[
        "agreement",
        "--ratings",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("ratings.csv:3:5: error: værdien ('value') er ikke et tal"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// Copies the example audit's definition (not its panel) into a temp folder.
fn example_copy() -> tempfile::TempDir {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let t = to.join(e.file_name());
            if e.path().is_dir() {
                copy(&e.path(), &t);
            } else {
                std::fs::copy(e.path(), t).unwrap();
            }
        }
    }
    std::fs::copy(src.join("audit.yaml"), dir.path().join("audit.yaml")).unwrap();
    for d in ["themes", "hypotheses", "cases"] {
        copy(&src.join(d), &dir.path().join(d));
    }
    dir
}

#[test]
fn cli_audit_mode_reads_the_panel_scores() {
    use auditpanel::domain::panel::{Change, PanelStore};
    let dir = example_copy();
    let audit = auditpanel::domain::load::load_audit(dir.path());
    {
        let (mut store, diags) = PanelStore::open(dir.path(), &audit);
        assert!(diags.is_empty(), "{diags:?}");
        let scores = [1u8, 2, 3, 4, 5, 1, 2, 3];
        for (case, v) in audit.cases.iter().zip(scores) {
            for rater in ["nord", "syd"] {
                store
                    .apply(Change::SetScore {
                        round: 1,
                        rater: rater.into(),
                        case: case.id.clone(),
                        question: "v1".into(),
                        value: v,
                    })
                    .unwrap();
            }
        }
    }
    let ratings = load_ratings(&audit, None).unwrap();
    assert_eq!(ratings.iter().filter(|r| r.value.is_some()).count(), 16);
    let out = run_cli(&[
        "agreement",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v1 = json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "v1")
        .unwrap();
    assert_eq!(v1["alpha"].as_f64(), Some(1.0), "{v1}");
    assert_eq!(v1["pairable_values"].as_u64(), Some(16), "{v1}");
    // 8 units and 16 values are under the minimum: no interval, no label.
    assert_eq!(v1["ci"], serde_json::Value::Null);
    assert_eq!(v1["interpretation"], "for få data");
    assert_eq!(v1["no_interval"]["code"], "too_few_data");
    assert_eq!(
        v1["no_interval"]["reason"],
        "for få data (8 parbare enheder, n = 16)"
    );
    // Only two of five tilsyn scored: no cell has every tilsyn.
    assert_eq!(json["rater_differences"], serde_json::Value::Null);
    assert_eq!(
        json["rater_differences_reason"],
        "for få celler scoret af alle tilsyn (n = 0; mindst 2)"
    );
    assert_eq!(v1["rater_differences"], serde_json::Value::Null);
    // The table counts spread over the cells with two or more scores.
    let out = run_cli(&["agreement", dir.path().to_str().unwrap()]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains(
            "Spredning i 0 af 8 scorede celler (sag × spørgsmål med scorer fra mindst to\ntilsyn)"
        ),
        "{table}"
    );
    assert!(
        table.contains("\nFriedman-testen kan ikke beregnes: for få celler scoret af alle tilsyn (n = 0;\nmindst 2).\n"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{table}"
    );
    // A round that has not started is a clear error, not an empty table.
    let out = run_cli(&["agreement", dir.path().to_str().unwrap(), "--round", "2"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("runde 2 findes ikke"), "{err}");
}

// ------------------------------------------------------------ intervals

/// A random small data set: 2–5 raters, 1–25 units, values 1–5, some
/// missing; seeded so every proptest case is reproducible.
fn random_data(raters: usize, units: usize, seed: u64, missing: u32) -> ReliabilityData {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let rows = (0..raters)
        .map(|r| {
            let row = (0..units)
                .map(|_| {
                    (rng.random_range(0..100) >= missing)
                        .then(|| f64::from(rng.random_range(1..=5_u8)))
                })
                .collect();
            (format!("r{r}"), row)
        })
        .collect();
    ReliabilityData::from_rater_rows(rows)
}

/// Raters who mostly agree: a true score per unit, each rater off by one
/// step now and then.
fn agreeing_data(raters: usize, units: usize, seed: u64) -> ReliabilityData {
    noisy_data(raters, units, seed, 3)
}

/// A true score per unit, each rater off by up to one step in
/// `off_in_10` of 10 scores (and by two steps in half of those when
/// `off_in_10` > 3), 5 % missing.
fn noisy_data(raters: usize, units: usize, seed: u64, off_in_10: u32) -> ReliabilityData {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let truth: Vec<i32> = (0..units).map(|_| rng.random_range(1..=5)).collect();
    let rows = (0..raters)
        .map(|r| {
            let row = truth
                .iter()
                .map(|t| {
                    let off = if rng.random_range(0..10) < off_in_10 {
                        let step = if off_in_10 > 3 && rng.random_bool(0.5) {
                            2
                        } else {
                            1
                        };
                        rng.random_range(-1..=1) * step
                    } else {
                        0
                    };
                    (rng.random_range(0..20) > 0).then(|| f64::from((t + off).clamp(1, 5)))
                })
                .collect();
            (format!("r{r}"), row)
        })
        .collect();
    ReliabilityData::from_rater_rows(rows)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whenever an interval is given, it contains the estimate; whenever
    /// alpha is defined, there is either an interval or a reason.
    #[test]
    fn the_interval_always_contains_the_estimate(
        raters in 2usize..=5,
        units in 1usize..=25,
        seed in 0u64..1_000_000,
        missing in 0u32..40,
        agreeing in proptest::bool::ANY,
    ) {
        let data = if agreeing {
            agreeing_data(raters, units, seed)
        } else {
            random_data(raters, units, seed, missing)
        };
        let opts = BootstrapOptions { resamples: 200, seed };
        for level in [Level::Ordinal, Level::Interval, Level::Nominal] {
            let a = agreement(&data, level, &opts);
            match (a.alpha, &a.ci) {
                (Some(x), Some(ci)) => {
                    proptest::prop_assert!(ci.lower <= x && x <= ci.upper, "{x} {ci:?}");
                    proptest::prop_assert!(a.no_interval.is_none());
                    proptest::prop_assert!(a.pairable_units >= MIN_PAIRABLE_UNITS);
                    proptest::prop_assert!(a.pairable_values >= MIN_PAIRABLE_VALUES);
                }
                (Some(_), None) => {
                    proptest::prop_assert!(a.no_interval.is_some());
                    proptest::prop_assert_eq!(a.reliability, Some(Reliability::TooFewData));
                }
                (None, ci) => proptest::prop_assert!(ci.is_none()),
            }
        }
    }
}

/// How often the 95 % BCa interval covers the population alpha, by
/// number of raters, units and noise (1–5 scale, 5 % missing, 400 data
/// sets each). Not a check, a measurement behind `MIN_PAIRABLE_UNITS` and
/// `MIN_PAIRABLE_VALUES` (see the README): run with
/// `cargo test --release --test agreement -- --ignored --nocapture coverage`.
#[test]
#[ignore]
#[allow(clippy::disallowed_macros, clippy::disallowed_methods)] // its own notice; no audit data
fn coverage_of_the_bca_interval_by_units() {
    for (raters, off) in [(5, 3), (5, 6), (3, 3), (2, 3), (2, 6)] {
        let population = agreement(
            &noisy_data(raters, 50_000, 1, off),
            Level::Ordinal,
            &BootstrapOptions {
                resamples: 0,
                seed: 1,
            },
        )
        .alpha
        .unwrap();
        println!("{raters} raters, off {off}/10: population alpha {population:.3}");
        for units in [4usize, 6, 8, 10, 12, 15, 20, 30] {
            let (mut shown, mut covered, mut width, mut values) = (0, 0, 0.0, 0);
            let sims = 400;
            for s in 0..sims {
                let data = noisy_data(raters, units, 1000 + s, off);
                let prepared = Prepared::new(&data, None);
                values += prepared.pairable_values();
                if let Ok(ci) = bootstrap(&prepared, Level::Ordinal, &BootstrapOptions::default()) {
                    shown += 1;
                    width += ci.upper - ci.lower;
                    if ci.lower <= population && population <= ci.upper {
                        covered += 1;
                    }
                }
            }
            println!(
                "  units {units:>3} (values ≈ {:>5.1}): interval in {shown:>3}/{sims}, coverage {:.3}, mean width {:.3}",
                values as f64 / sims as f64,
                covered as f64 / shown.max(1) as f64,
                width / shown.max(1) as f64
            );
        }
    }
}

// ------------------------------------------------------------ Friedman

fn blocks(rows: &[&[f64]]) -> (Vec<String>, Vec<f64>) {
    let k = rows[0].len();
    let raters = (1..=k).map(|j| format!("r{j}")).collect();
    (
        raters,
        rows.iter().flat_map(|r| r.iter().copied()).collect(),
    )
}

/// Conover (1999), *Practical Nonparametric Statistics*, 3rd ed.,
/// Example 5.8.1: twelve homeowners rank four grass varieties, with ties
/// (homeowners 3, 6, 9, 12). Published: R = 38, 23.5, 24.5, 34;
/// T₁ = 8.097 with 3 df, p ≈ 0.044. scipy 1.17.1
/// `friedmanchisquare` on the same ranks: 8.097345132743364,
/// p = 0.04404213782167815. By hand: A₁ = 356.5, C₁ = 300,
/// Σ(R_j − 30)² = 152.5, T₁ = 3 · 152.5 / 56.5; W = T₁ / 36.
#[test]
fn friedman_reproduces_conovers_grass_example_with_ties() {
    let (raters, data) = blocks(&[
        &[4.0, 3.0, 2.0, 1.0],
        &[4.0, 2.0, 3.0, 1.0],
        &[3.0, 1.5, 1.5, 4.0],
        &[3.0, 1.0, 2.0, 4.0],
        &[4.0, 2.0, 1.0, 3.0],
        &[2.0, 2.0, 2.0, 4.0],
        &[1.0, 3.0, 2.0, 4.0],
        &[2.0, 4.0, 1.0, 3.0],
        &[3.5, 1.0, 2.0, 3.5],
        &[4.0, 1.0, 3.0, 2.0],
        &[4.0, 2.0, 3.0, 1.0],
        &[3.5, 1.0, 2.0, 3.5],
    ]);
    let f = friedman(&raters, &data, &BootstrapOptions::default()).unwrap();
    assert_eq!(f.test, "friedman");
    assert_eq!((f.blocks, f.raters, f.df), (12, 4, 3));
    assert!(
        (f.statistic - 457.5 / 56.5).abs() < 1e-12,
        "{}",
        f.statistic
    );
    assert!((f.statistic - 8.097_345_132_743_364).abs() < 1e-12);
    assert!(
        (f.p_value - 0.044_042_137_821_678_15).abs() < 1e-10,
        "{}",
        f.p_value
    );
    assert!((f.kendall_w - 457.5 / 56.5 / 36.0).abs() < 1e-12);
    assert!(f.systematic());
    assert_eq!(round3(f.kendall_w), 0.225);
}

/// Without ties the statistic is the textbook 12 Σ R² / (n k (k+1)) −
/// 3 n (k+1): R = 5, 8, 11, n = 4, k = 3 gives 12·210/48 − 48 = 4.5;
/// scipy: 4.5, p = 0.10539922456186433 (= e^{−2.25}); W = 4.5/8.
#[test]
fn friedman_without_ties_is_the_textbook_formula() {
    let (raters, data) = blocks(&[
        &[1.0, 2.0, 3.0],
        &[1.0, 3.0, 2.0],
        &[2.0, 1.0, 3.0],
        &[1.0, 2.0, 3.0],
    ]);
    let f = friedman(&raters, &data, &BootstrapOptions::default()).unwrap();
    assert!((f.statistic - 4.5).abs() < 1e-12);
    assert!((f.p_value - 0.105_399_224_561_864_33).abs() < 1e-12);
    assert!((f.kendall_w - 0.5625).abs() < 1e-12);
    assert!(!f.systematic());
}

/// Five tilsyn on a 1–5 scale, six cells, tied scores in every cell; the
/// third scores lower in every cell. scipy 1.17.1: χ² = 16.46808510638297,
/// p = 0.002451278335762161; W = χ²/24 = 0.686170212765957. The third
/// tilsyn's mean difference: (4 · −1.25 + 2 · −0.75)/6 = −13/12.
#[test]
fn friedman_on_tied_scores_finds_the_harder_tilsyn() {
    let (raters, data) = blocks(&[
        &[3.0, 3.0, 2.0, 4.0, 3.0],
        &[2.0, 2.0, 1.0, 3.0, 2.0],
        &[4.0, 5.0, 3.0, 4.0, 4.0],
        &[1.0, 2.0, 1.0, 2.0, 2.0],
        &[3.0, 4.0, 2.0, 3.0, 3.0],
        &[5.0, 5.0, 4.0, 5.0, 4.0],
    ]);
    let opts = BootstrapOptions::default();
    let f = friedman(&raters, &data, &opts).unwrap();
    assert_eq!((f.blocks, f.raters, f.df), (6, 5, 4));
    assert!(
        (f.statistic - 16.468_085_106_382_97).abs() < 1e-10,
        "{}",
        f.statistic
    );
    assert!((f.p_value - 0.002_451_278_335_762_161).abs() < 1e-10);
    assert!((f.kendall_w - 0.686_170_212_765_957).abs() < 1e-10);
    assert!(f.systematic());
    let third = &f.per_rater[2];
    assert_eq!(third.rater, "r3");
    assert!((third.mean_difference + 13.0 / 12.0).abs() < 1e-12);
    let [lo, hi] = third.ci.unwrap();
    assert!(lo <= third.mean_difference && third.mean_difference <= hi);
    assert!(hi < 0.0);
    assert_eq!(third.direction(), -1);
    // The mean differences sum to 0 over the raters.
    let sum: f64 = f.per_rater.iter().map(|r| r.mean_difference).sum();
    assert!(sum.abs() < 1e-12);
    // Deterministic.
    assert_eq!(f, friedman(&raters, &data, &opts).unwrap());
    assert_eq!(
        rater_differences_headline_da(&f),
        "Forskellene mellem tilsynene er systematiske: Friedman χ² = 16,468, df = 4, \
         p = 0,002, W = 0,686 (n = 6 fuldt scorede celler)."
    );
    let sentence = rater_differences_sentence_da(&f, &|id: &str| id.to_uppercase());
    assert!(
        sentence.contains(" R3 scorer hårdere end de andre (−1,08 trin; 95 %-interval "),
        "{sentence}"
    );
}

/// Raters who rank the same way in every block: W = 1.
#[test]
fn kendalls_w_is_one_when_every_block_ranks_alike() {
    let row: &[f64] = &[1.0, 2.0, 3.0];
    let (raters, data) = blocks(&[row; 5]);
    let f = friedman(&raters, &data, &BootstrapOptions::default()).unwrap();
    assert!((f.statistic - 10.0).abs() < 1e-12);
    assert!((f.kendall_w - 1.0).abs() < 1e-12);
}

#[test]
fn friedman_is_null_with_a_reason() {
    let opts = BootstrapOptions::default();
    let (raters, data) = blocks(&[&[3.0, 3.0, 3.0], &[2.0, 2.0, 2.0]]);
    let all_tied = friedman(&raters, &data, &opts).unwrap_err();
    assert_eq!(all_tied, NoTest::AllTied(2));
    assert_eq!(
        all_tied.reason_da(),
        "alle tilsyn gav samme score i hver celle (n = 2); testen er ikke defineret"
    );
    let (raters, data) = blocks(&[&[1.0, 2.0, 3.0]]);
    assert_eq!(
        friedman(&raters, &data, &opts),
        Err(NoTest::TooFewBlocks(1))
    );
    let (raters, data) = blocks(&[&[1.0], &[2.0]]);
    assert_eq!(
        friedman(&raters, &data, &opts),
        Err(NoTest::TooFewRaters(1))
    );
    assert_eq!(
        no_test_sentence_da(NoTest::TooFewBlocks(1)),
        "Friedman-testen kan ikke beregnes: for få celler scoret af alle tilsyn (n = 1; mindst 2)."
    );
}

/// Only the units every rater scored are blocks.
#[test]
fn friedman_of_reliability_data_uses_complete_units_only() {
    let f = friedman_of_data(&four_observers(), &BootstrapOptions::default()).unwrap();
    // Units 2–9 have all four observers.
    assert_eq!(f.blocks, 8);
    assert_eq!(f.raters, 4);
}
