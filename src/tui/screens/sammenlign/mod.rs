//! Sammenlign (comparison): the five tilsyn side by side for one case,
//! questions as rows, each cell the score (✎ when it has a comment; the
//! selected cell's comment below). Rows where the scores spread (range ≥ 2,
//! or two raters two steps from the median) are marked ◆ and `s` sorts them
//! first; `v` shows the heat map over all cases × questions, coloured (and
//! shaded, for NO_COLOR) by spread or mean (`m`). Beside the panel's mean:
//! the tilsynsrapport's own score on the question's kvalitetsmodel theme
//! (the calibration gap) and Krippendorff's alpha per question and overall,
//! for each revealed round. Until the facilitator reveals the round (`V`)
//! the scores stay hidden; `N` starts the next round.
//!
//! Everything shown is read from `app.stats` (computed when the scores
//! change); drawing only formats it.

mod draw;
mod heat;
mod input;
mod state;

pub use draw::{agreement_text, draw, row_at};
pub use heat::heat_at;
pub use input::apply;
pub use state::{CompareView, HeatBy, SammenlignState, reorder, select_row, selected_row};

#[cfg(test)]
mod tests {
    use super::draw::score_cell;
    use super::*;
    use crate::domain::panel::ScoreValue;
    use crate::tui::screens::panel::CellStats;
    use crate::tui::text::{self, Lang};

    #[test]
    fn score_cells_show_moves_and_comments() {
        let c = |v: Option<ScoreValue>, comment: bool| CellStats {
            values: vec![v],
            comments: vec![comment],
            spread: None,
            mean: None,
        };
        let now = c(Some(ScoreValue::Score(4)), true);
        let before = c(Some(ScoreValue::Score(3)), false);
        assert_eq!(score_cell(Some(&now), Some(&before), 0), "3→4✎");
        assert_eq!(score_cell(Some(&now), None, 0), "4✎");
        let na = c(Some(ScoreValue::NotAssessable), false);
        assert_eq!(score_cell(Some(&na), None, 0), "÷");
        assert_eq!(score_cell(None, None, 0), "·");
        assert_eq!(text::signed(0.6, Lang::Da), "+0,6");
        assert_eq!(text::signed(-0.44, Lang::Da), "−0,4");
        assert_eq!(text::signed(0.01, Lang::Da), "±0,0");
    }

    #[test]
    fn agreement_and_spread_say_what_they_are_counted_over() {
        use crate::domain::agreement::{
            BootstrapOptions, Level, ReliabilityData, agreement, spread,
        };
        // Two raters on 6 units: alpha is defined, but no interval.
        let data = ReliabilityData::from_rater_rows(vec![
            ("a", [1.0, 2.0, 3.0, 4.0, 5.0, 2.0].map(Some).to_vec()),
            ("b", [1.0, 2.0, 3.0, 5.0, 5.0, 3.0].map(Some).to_vec()),
        ]);
        let a = agreement(&data, Level::Ordinal, &BootstrapOptions::default());
        let t = agreement_text(&a, Lang::Da);
        assert!(
            t.ends_with(" for få data (6 parbare enheder, n = 12)"),
            "{t}"
        );
        assert_eq!(t.split(' ').next().map(|s| s.len()), Some(5), "{t}");
        let calm = spread(&[3, 4, 4, 4, 4]).unwrap();
        assert_eq!(
            text::spread_sentence(&calm, Lang::Da),
            "Spredning 3–4 (median 4,0, 5 scorer): ingen tilsyn mindst 2 trin fra medianen"
        );
        let hot = spread(&[1, 1, 4, 5, 5]).unwrap();
        assert!(
            text::spread_sentence(&hot, Lang::Da).ends_with("tilsyn mindst 2 trin fra medianen ◆")
        );
        assert_eq!(
            text::flagged_cells(3, 22, Lang::Da),
            "spredning i 3 af 22 scorede celler"
        );
    }
}
