//! The rules of voksenansvarsloven an episode can be checked against
//! (docs/domain.md §4; vejledning chapters 14, 18 and 28). Pure functions over one
//! episode and its institution's kind; `check` turns findings into warnings,
//! the app shows them on the episode and filters by them.

use serde::Serialize;

use super::model::{ChildStatement, Episode, InstitutionKind, InterventionType, ParentsTold};
use super::time::minutes_between;

/// One rule an episode can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The end is before the start.
    EndBeforeStart,
    /// The episode lasts more than 24 hours.
    OverOneDay,
    /// Registered more than 24 hours after the start.
    LateRegistration,
    /// Isolation longer than 2 hours (4 on a særligt sikret afdeling).
    IsolationOverLimit,
    /// Isolation at an institution kind that may not isolate.
    IsolationNotAllowed,
    /// Isolation not decided by the leader or a deputy.
    IsolationNotDecidedByLeader,
    /// A type the institution kind may not use.
    TypeNotAllowed,
    /// No child statement (and none to follow).
    NoChildStatement,
    /// The holder of parental custody was not told.
    ParentsNotTold,
}

/// A rule finding on one episode, with a Danish sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub message: String,
}

/// Every rule the episode breaks, in `Rule` order.
///
/// Unknown values (empty fields) are not findings, with one exception: an
/// unknown child statement is, because the indberetning must say whether the
/// child's own statement is attached or will follow (`later` is fine).
/// An unknown `parents_told` is not, since parents may be told after the
/// report is filed; only an explicit `no` is a finding.
pub fn episode_findings(episode: &Episode, kind: InstitutionKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |rule: Rule, message: String| out.push(Finding { rule, message });
    let duration = episode.end.map(|end| minutes_between(episode.start, end));
    let isolation = episode.kind == InterventionType::Isolation;

    if let Some(d) = duration {
        if d < 0 {
            add(
                Rule::EndBeforeStart,
                format!(
                    "slutter {} før den begynder; ret 'start' eller 'end'",
                    format_minutes(-d)
                ),
            );
        } else if d > DAY_MINUTES {
            add(
                Rule::OverOneDay,
                format!(
                    "varer {}; en episode over 24 timer er næppe rigtig – tjek 'start' og 'end'",
                    format_minutes(d)
                ),
            );
        }
    }
    if let Some(reg) = episode.registered {
        let late = minutes_between(episode.start, reg);
        if late > DAY_MINUTES {
            add(
                Rule::LateRegistration,
                format!(
                    "registreret {} efter start; skal registreres inden for 24 timer (vejledningens kap. 28)",
                    format_minutes(late)
                ),
            );
        }
    }
    if isolation {
        if let (Some(d), Some(limit)) = (duration, kind.isolation_limit_minutes())
            && d > limit
        {
            add(
                Rule::IsolationOverLimit,
                format!(
                    "isolation i {}; højst {} på {} (voksenansvarsloven § 14)",
                    format_minutes(d),
                    format_minutes(limit),
                    kind_da(kind)
                ),
            );
        }
        if !kind.may_isolate() {
            add(
                Rule::IsolationNotAllowed,
                format!(
                    "isolation på {}; isolation må kun bruges på en sikret døgninstitution eller en særligt sikret afdeling (voksenansvarsloven § 14)",
                    kind_da(kind)
                ),
            );
        } else {
            match episode.decided_by.as_deref().map(str::trim) {
                Some(d) if is_leader(d) => {}
                Some(d) if !d.is_empty() => add(
                    Rule::IsolationNotDecidedByLeader,
                    "isolationen er besluttet af en anden end lederen eller en stedfortræder; kun de må beslutte isolation – skriv 'leder' eller 'stedfortraeder' i 'decided_by' (voksenansvarsloven § 14)".into(),
                ),
                _ => add(
                    Rule::IsolationNotDecidedByLeader,
                    "det står ikke, hvem der besluttede isolationen; kun lederen eller en stedfortræder må – udfyld 'decided_by' med 'leder' eller 'stedfortraeder' (voksenansvarsloven § 14)".into(),
                ),
            }
        }
    } else if !kind.allows(episode.kind) {
        add(
            Rule::TypeNotAllowed,
            format!(
                "{} ({}) må ikke bruges på {}; tjek typen eller institutionens 'kind'",
                episode.kind.label_da(),
                episode.kind.legal_basis(),
                kind_da(kind)
            ),
        );
    }
    match episode.child_statement {
        Some(ChildStatement::No) => add(
            Rule::NoChildStatement,
            "barnets egen udtalelse mangler; barnet skal tilbydes at udtale sig, og udtalelsen kan eftersendes ('later') (vejledningens kap. 28)".into(),
        ),
        None => add(
            Rule::NoChildStatement,
            "det står ikke, om barnets egen udtalelse er vedlagt; skriv yes, no eller later i 'child_statement' (vejledningens kap. 28)".into(),
        ),
        Some(ChildStatement::Yes | ChildStatement::Later) => {}
    }
    if episode.parents_told == Some(ParentsTold::No) {
        add(
            Rule::ParentsNotTold,
            "forældremyndighedens indehaver er ikke orienteret; skal orienteres uden unødigt ophold efter registreringen (vejledningens kap. 28)".into(),
        );
    }
    out
}

const DAY_MINUTES: i64 = 24 * 60;

/// Whether `decided_by` names the leader or a deputy: `leder`,
/// `stedfortraeder` or `stedfortræder`, in any case.
fn is_leader(decided_by: &str) -> bool {
    let d = decided_by.trim().to_lowercase();
    matches!(d.as_str(), "leder" | "stedfortraeder" | "stedfortræder")
}

/// The institution kind with its article, for sentences ("på en sikret døgninstitution").
fn kind_da(kind: InstitutionKind) -> &'static str {
    match kind {
        InstitutionKind::Sikret => "en sikret døgninstitution",
        InstitutionKind::SaerligtSikret => "en særligt sikret afdeling",
        InstitutionKind::DelvisLukket => "en delvis lukket afdeling",
        InstitutionKind::Aaben => "en åben døgninstitution",
    }
}

/// Minutes as Danish words: "45 min", "2 timer", "1 time og 5 min", "31 timer og 20 min".
pub fn format_minutes(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    let hours = if h == 1 {
        "1 time".to_string()
    } else {
        format!("{h} timer")
    };
    match (h, m) {
        (0, m) => format!("{m} min"),
        (_, 0) => hours,
        _ => format!("{hours} og {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diag::Pos;
    use crate::domain::time::parse_local;

    fn t(s: &str) -> chrono::NaiveDateTime {
        parse_local(s).unwrap()
    }

    /// A clean episode: fastholdelse of 5 minutes, registered 3 hours later.
    fn ep() -> Episode {
        Episode {
            id: "E1".into(),
            institution: "a".into(),
            child: "B1".into(),
            age: Some(15),
            start: t("2017-03-04T18:20"),
            end: Some(t("2017-03-04T18:25")),
            kind: InterventionType::Fastholdelse,
            legal_basis: Some("§ 9".into()),
            registered: Some(t("2017-03-04T21:20")),
            sent_municipality: None,
            parents_told: Some(ParentsTold::Yes),
            child_statement: Some(ChildStatement::Yes),
            witnesses: Some(0),
            staff: vec![],
            injury: None,
            decided_by: None,
            description: String::new(),
            pos: Pos::new(2, 1),
        }
    }

    fn isolation(minutes: i64, decided_by: Option<&str>) -> Episode {
        let mut e = ep();
        e.kind = InterventionType::Isolation;
        e.end = Some(e.start + chrono::Duration::minutes(minutes));
        e.decided_by = decided_by.map(str::to_string);
        e
    }

    fn rules(e: &Episode, kind: InstitutionKind) -> Vec<Rule> {
        episode_findings(e, kind)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    fn one(e: &Episode, kind: InstitutionKind) -> Finding {
        let f = episode_findings(e, kind);
        assert_eq!(f.len(), 1, "{f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn a_clean_episode_has_no_findings() {
        assert!(rules(&ep(), InstitutionKind::Sikret).is_empty());
        assert!(rules(&ep(), InstitutionKind::Aaben).is_empty());
    }

    #[test]
    fn end_before_start() {
        let mut e = ep();
        e.end = Some(t("2017-03-04T18:10"));
        let f = one(&e, InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::EndBeforeStart);
        assert_eq!(
            f.message,
            "slutter 10 min før den begynder; ret 'start' eller 'end'"
        );
        e.end = Some(e.start);
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
    }

    #[test]
    fn over_one_day_but_exactly_24_hours_is_not() {
        let mut e = ep();
        e.registered = None;
        e.end = Some(t("2017-03-05T18:20"));
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        e.end = Some(t("2017-03-05T18:21"));
        let f = one(&e, InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::OverOneDay);
        assert!(
            f.message.starts_with("varer 24 timer og 1 min; "),
            "{}",
            f.message
        );
    }

    #[test]
    fn late_registration_but_exactly_24_hours_is_not() {
        let mut e = ep();
        e.registered = Some(t("2017-03-05T18:20"));
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        e.registered = Some(t("2017-03-06T01:20"));
        let f = one(&e, InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::LateRegistration);
        assert_eq!(
            f.message,
            "registreret 31 timer efter start; skal registreres inden for 24 timer (vejledningens kap. 28)"
        );
    }

    #[test]
    fn late_registration_counts_real_hours_across_summer_time() {
        // 25 March 2017 02:30 → 26 March 03:00 is 23½ real hours (the clock skipped one).
        let mut e = ep();
        e.start = t("2017-03-25T02:30");
        e.end = Some(t("2017-03-25T02:35"));
        e.registered = Some(t("2017-03-26T03:00"));
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
    }

    #[test]
    fn isolation_limit_2_hours_and_4_on_saerligt_sikret() {
        let e = isolation(120, Some("leder"));
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        let e = isolation(121, Some("leder"));
        let f = one(&e, InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::IsolationOverLimit);
        assert_eq!(
            f.message,
            "isolation i 2 timer og 1 min; højst 2 timer på en sikret døgninstitution (voksenansvarsloven § 14)"
        );
        assert!(rules(&e, InstitutionKind::SaerligtSikret).is_empty());
        let e = isolation(241, Some("leder"));
        assert_eq!(
            rules(&e, InstitutionKind::SaerligtSikret),
            vec![Rule::IsolationOverLimit]
        );
    }

    #[test]
    fn isolation_only_where_allowed() {
        let e = isolation(30, Some("leder"));
        for k in [InstitutionKind::DelvisLukket, InstitutionKind::Aaben] {
            let f = one(&e, k);
            assert_eq!(f.rule, Rule::IsolationNotAllowed);
        }
        assert!(
            one(&e, InstitutionKind::Aaben)
                .message
                .starts_with("isolation på en åben døgninstitution; ")
        );
    }

    #[test]
    fn isolation_decided_by_leader_or_deputy() {
        for ok in [
            "leder",
            "Leder",
            "stedfortraeder",
            "Stedfortræder",
            " STEDFORTRÆDER ",
        ] {
            assert!(
                rules(&isolation(30, Some(ok)), InstitutionKind::Sikret).is_empty(),
                "{ok}"
            );
        }
        let f = one(&isolation(30, Some("pædagog")), InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::IsolationNotDecidedByLeader);
        assert!(!f.message.contains("pædagog"));
        let f = one(&isolation(30, None), InstitutionKind::Sikret);
        assert_eq!(f.rule, Rule::IsolationNotDecidedByLeader);
        assert!(
            f.message
                .starts_with("det står ikke, hvem der besluttede isolationen")
        );
        // Other types need no decision.
        assert!(rules(&ep(), InstitutionKind::Sikret).is_empty());
    }

    #[test]
    fn type_not_allowed() {
        let mut e = ep();
        e.kind = InterventionType::Tilbageholdelse;
        assert!(rules(&e, InstitutionKind::DelvisLukket).is_empty());
        let f = one(&e, InstitutionKind::Aaben);
        assert_eq!(f.rule, Rule::TypeNotAllowed);
        assert_eq!(
            f.message,
            "tilbageholdelse (§§ 11-12) må ikke bruges på en åben døgninstitution; tjek typen eller institutionens 'kind'"
        );
    }

    #[test]
    fn child_statement_no_or_unknown_but_later_is_fine() {
        let mut e = ep();
        e.child_statement = Some(ChildStatement::Later);
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        e.child_statement = Some(ChildStatement::No);
        assert!(
            one(&e, InstitutionKind::Sikret)
                .message
                .starts_with("barnets egen udtalelse mangler; ")
        );
        e.child_statement = None;
        assert_eq!(
            rules(&e, InstitutionKind::Sikret),
            vec![Rule::NoChildStatement]
        );
    }

    #[test]
    fn parents_not_told_but_unknown_is_no_finding() {
        let mut e = ep();
        e.parents_told = None;
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        e.parents_told = Some(ParentsTold::At(t("2017-03-04T22:00")));
        assert!(rules(&e, InstitutionKind::Sikret).is_empty());
        e.parents_told = Some(ParentsTold::No);
        assert_eq!(
            rules(&e, InstitutionKind::Sikret),
            vec![Rule::ParentsNotTold]
        );
    }

    #[test]
    fn several_findings_come_in_rule_order() {
        let mut e = isolation(300, None);
        e.registered = Some(t("2017-03-07T00:00"));
        e.child_statement = Some(ChildStatement::No);
        e.parents_told = Some(ParentsTold::No);
        assert_eq!(
            rules(&e, InstitutionKind::Sikret),
            vec![
                Rule::LateRegistration,
                Rule::IsolationOverLimit,
                Rule::IsolationNotDecidedByLeader,
                Rule::NoChildStatement,
                Rule::ParentsNotTold
            ]
        );
    }

    #[test]
    fn minutes_in_words() {
        assert_eq!(format_minutes(45), "45 min");
        assert_eq!(format_minutes(60), "1 time");
        assert_eq!(format_minutes(65), "1 time og 5 min");
        assert_eq!(format_minutes(1860), "31 timer");
    }
}
