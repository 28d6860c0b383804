//! Konklusion: the panel's conclusions in sections (←/→): Emner (topics:
//! add, edit, delete, vote, prioritise, reorder), Drøftelse (per
//! prioritised topic its discussion notes and consensus statements with the
//! tilsyn that dissented), Hypoteser (verdict, rationale and the agreement
//! figures frozen with the verdict), Vejledning (faglig vejledning items),
//! Opfølgning (the follow-up plan) and, when `previous_audit` is set, last
//! year's follow-up plan (read-only, for checking). `x` previews the report.

mod draw;
mod input;
mod state;

pub use draw::{draw, row_at};
pub use input::{after_save, apply};
pub use state::{
    KonklusionState, Section, clamp, focus_discussion, focus_guidance, focus_topic, sections,
    select_row, selected,
};

#[cfg(test)]
mod tests {
    use super::draw::{clip_lines, first_shown, pack_parts};
    use super::input::{next_status, next_verdict};
    use super::state::{DRow, drows};
    use crate::domain::panel::{FollowUpStatus, Topic, Verdict};

    #[test]
    fn items_are_shown_from_the_top_until_the_selection_needs_scrolling() {
        let heights = [3, 5, 2, 4];
        assert_eq!(first_shown(&heights, 0, 10), 0);
        assert_eq!(first_shown(&heights, 2, 10), 0, "3+5+2 fits");
        assert_eq!(first_shown(&heights, 3, 10), 2, "2+4 fits, 5+2+4 does not");
        assert_eq!(first_shown(&heights, 3, 3), 3, "taller than the body");
        assert_eq!(first_shown(&heights, 9, 10), 2, "past the end: the last");
        assert_eq!(first_shown(&[], 0, 10), 0);
    }

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_cut_never_leaves_the_ellipsis_alone_on_a_blank_line() {
        let lines = strs(&["første linje", "anden linje", "", "tredje afsnit"]);
        assert_eq!(
            clip_lines(lines.clone(), 40, 3),
            strs(&["første linje", "anden linje …"])
        );
        assert_eq!(
            clip_lines(lines.clone(), 40, 4),
            lines,
            "nothing left out, no …"
        );
        assert_eq!(clip_lines(lines, 40, 1), strs(&["første linje …"]));
    }

    #[test]
    fn agreement_parts_go_whole_onto_the_next_line() {
        let parts = strs(&["R1: α 0.587 not reliable", "R2: α 0.822 reliable"]);
        assert_eq!(
            pack_parts("  At: ", &parts, 80, 4),
            strs(&["  At: R1: α 0.587 not reliable · R2: α 0.822 reliable"])
        );
        assert_eq!(
            pack_parts("  At: ", &parts, 40, 4),
            strs(&["  At: R1: α 0.587 not reliable", "    R2: α 0.822 reliable"])
        );
    }

    #[test]
    fn verdicts_and_statuses_cycle() {
        let mut v = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            v = next_verdict(v);
            seen.push(v);
        }
        assert_eq!(
            seen,
            vec![
                Some(Verdict::Bekraeftet),
                Some(Verdict::DelvistBekraeftet),
                Some(Verdict::IkkeBelaeg),
                None
            ]
        );
        assert_eq!(
            next_status(FollowUpStatus::Opgivet),
            FollowUpStatus::Planlagt
        );
        assert_eq!(next_status(FollowUpStatus::Planlagt), FollowUpStatus::Igang);
    }

    #[test]
    fn discussion_rows_follow_prioritised_topics() {
        let t = |id: &str, p: bool, n: usize| Topic {
            id: id.into(),
            title: id.into(),
            prioritised: p,
            consensus: vec![Default::default(); n],
            ..Topic::default()
        };
        let rows = drows(&[t("a", true, 2), t("b", false, 1), t("c", true, 0)]);
        assert_eq!(
            rows,
            vec![
                DRow::Topic(0),
                DRow::Consensus(0, 0),
                DRow::Consensus(0, 1),
                DRow::Topic(2)
            ]
        );
    }
}
