//! Vurdering (scoring): one tilsyn (the rater) scores one case at a time on
//! the vurderingsskema. Number keys score on the form's scale, `0` or `-`
//! marks "kan ikke vurderes", `x`/Delete clears, `c`/Enter opens the
//! comment editor, `n` jumps to the next unscored question across cases;
//! progress per case and overall. Every score is written to
//! `panel/scores/<tilsyn>.yaml` at once. In a blind round only the chosen
//! rater's own scores are shown.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::panel::{Change, Progress, ScoreValue};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::popups::confirm::Ask;
use crate::tui::popups::editor::{EditTarget, EditorState};
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::screens::panel::Note;
use crate::tui::text::{self, Msg};
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, fit, visible_offset, wrap};

/// Which rater, case and question (indices into the audit's lists).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VurderingState {
    pub rater: usize,
    pub case: usize,
    pub question: usize,
    /// The cell (case, question) just scored, when scoring moved the cursor
    /// on: `n` then looks from the scored cell, so the question the cursor
    /// moved to is not skipped. Any other action forgets it.
    pub last_scored: Option<(usize, usize)>,
    /// The blind round in which the facilitator chose (key + confirm) to
    /// enter scores here for tilsyn that call them out: that round is then
    /// not blind, and the screen says so.
    pub shared_round: Option<u32>,
}

/// How Vurdering works for this copy in the current round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Rater mode: the rater's own scores, nobody else's.
    Rater,
    /// Facilitator, blind round: progress only, never values.
    Board,
    /// Facilitator entering scores for tilsyn on the shared screen (blind
    /// round: said plainly), or a revealed round.
    Shared { blind: bool },
}

pub fn mode(app: &App) -> Mode {
    let round = app.panel.current_round();
    if app.rater.is_some() {
        return Mode::Rater;
    }
    let blind = !app.panel.is_revealed(round);
    if blind && app.vurdering.shared_round != Some(round) {
        Mode::Board
    } else {
        Mode::Shared { blind }
    }
}

/// The parts of the screen.
struct Areas {
    top: Rect,
    detail: Rect,
    side: Option<Rect>,
}

/// The scoring screen's area: one line less when the "not blind" warning
/// stands above it.
fn score_area(app: &App, area: Rect) -> Rect {
    if mode(app) == (Mode::Shared { blind: true }) {
        let [_, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        rest
    } else {
        area
    }
}

fn areas(area: Rect, questions: usize) -> Areas {
    let (main, side) = if area.width >= 110 {
        let [m, s] = Layout::horizontal([Constraint::Min(60), Constraint::Length(34)]).areas(area);
        (m, Some(s))
    } else {
        (area, None)
    };
    let want = questions as u16 + 4;
    let top_h = want
        .min(main.height.saturating_sub(7))
        .max(4.min(main.height));
    let [top, detail] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(0)]).areas(main);
    Areas { top, detail, side }
}

/// Question rows visible in the list.
fn list_rows(top: Rect) -> usize {
    usize::from(top.height.saturating_sub(4)).max(1)
}

pub fn apply(app: &mut App, a: Action) {
    let nq = app.audit.form.questions.len();
    let nc = app.audit.cases.len();
    let nr = app.audit.config.tilsyn.len();
    if nq == 0 || nc == 0 || nr == 0 {
        return;
    }
    let rows = list_rows(areas(score_area(app, app.body()), nq).top);
    let last_scored = app.vurdering.last_scored.take();
    match (mode(app), a) {
        (Mode::Rater, Action::NextRater | Action::PrevRater) => {
            app.note = Some(Note::info(Msg::RaterOnly.get(app.lang)));
            return;
        }
        (Mode::Board, Action::NextRater | Action::PrevRater) => {
            let round = app.panel.current_round();
            app.confirm(Ask::ShareScreen(round));
            return;
        }
        (
            Mode::Board,
            Action::Score(_)
            | Action::NotAssessable
            | Action::ClearScore
            | Action::Edit
            | Action::Open
            | Action::NextUnscored
            | Action::Left
            | Action::Right
            | Action::Up
            | Action::Down,
        ) => {
            // Read-only: say that first (writable leaves the reason).
            if app.writable() {
                app.note = Some(Note::info(Msg::ScoreForRaterHint.get(app.lang)));
            }
            return;
        }
        _ => {}
    }
    if let Some(r) = app.rater {
        app.vurdering.rater = r;
    }
    let st = &mut app.vurdering;
    match a {
        Action::Up => st.question = st.question.saturating_sub(1),
        Action::Down => st.question = (st.question + 1).min(nq - 1),
        Action::PageUp => st.question = st.question.saturating_sub(rows),
        Action::PageDown => st.question = (st.question + rows).min(nq - 1),
        Action::Home => st.question = 0,
        Action::End => st.question = nq - 1,
        Action::Left => st.case = (st.case + nc - 1) % nc,
        Action::Right => st.case = (st.case + 1) % nc,
        Action::NextRater => st.rater = (st.rater + 1) % nr,
        Action::PrevRater => st.rater = (st.rater + nr - 1) % nr,
        Action::Score(v) => set(app, Some(ScoreValue::Score(v))),
        Action::NotAssessable => set(app, Some(ScoreValue::NotAssessable)),
        Action::ClearScore => set(app, None),
        Action::Edit | Action::Open => edit_comment(app),
        Action::NextUnscored => next_unscored(app, last_scored),
        Action::Undo => app.undo(),
        Action::Redo => app.redo(),
        _ => {}
    }
}

/// (round, rater id, case id, question id) of the selected cell.
fn cell(app: &App) -> Option<(u32, String, String, String)> {
    let st = app.vurdering;
    Some((
        app.panel.current_round(),
        app.audit.config.tilsyn.get(st.rater)?.id.clone(),
        app.audit.cases.get(st.case)?.id.clone(),
        app.audit.form.questions.get(st.question)?.id.clone(),
    ))
}

fn set(app: &mut App, value: Option<ScoreValue>) {
    let Some((round, rater, case, question)) = cell(app) else {
        return;
    };
    let change = match value {
        Some(ScoreValue::Score(value)) => Change::SetScore {
            round,
            rater,
            case,
            question,
            value,
        },
        Some(ScoreValue::NotAssessable) => Change::SetNotAssessable {
            round,
            rater,
            case,
            question,
        },
        None => Change::ClearScore {
            round,
            rater,
            case,
            question,
        },
    };
    // A revealed round: ask first (the change is recorded).
    if app.panel.is_revealed(round) {
        app.confirm(Ask::ChangeRevealed {
            round,
            change: Box::new(change),
        });
        return;
    }
    apply_score(app, change);
}

/// Writes a score (asked for or confirmed); a score moves the cursor on to
/// the next question of the case.
pub fn apply_score(app: &mut App, change: Change) {
    let value_set = !matches!(change, Change::ClearScore { .. });
    if app.change(change) && value_set {
        let nq = app.audit.form.questions.len();
        let st = &mut app.vurdering;
        st.last_scored = Some((st.case, st.question));
        st.question = (st.question + 1).min(nq.saturating_sub(1));
    }
}

fn edit_comment(app: &mut App) {
    let Some((round, rater, case, question)) = cell(app) else {
        return;
    };
    let comment = app
        .panel
        .entry(round, &rater, &case, &question)
        .map(|e| e.comment.clone())
        .unwrap_or_default();
    let title = format!(
        "{} · {} · {} · {question}",
        Msg::Comment.get(app.lang),
        app.audit
            .config
            .tilsyn
            .get(app.vurdering.rater)
            .map_or(rater.as_str(), |t| short_tilsyn(&t.name)),
        app.audit
            .cases
            .get(app.vurdering.case)
            .map_or(case.as_str(), |c| c.name.as_str()),
    );
    let e = EditorState::new(
        title,
        EditTarget::Comment {
            round,
            rater,
            case,
            question,
        },
        vec![(Msg::Comment.get(app.lang).to_string(), comment, false)],
        app.theme,
    );
    app.open_editor(e);
}

/// The next unscored question after the cursor, or after the cell just
/// scored (so the one the score moved the cursor to counts).
fn next_unscored(app: &mut App, last_scored: Option<(usize, usize)>) {
    let Some((round, rater, mut case, mut question)) = cell(app) else {
        return;
    };
    if let Some((c, q)) = last_scored
        && let (Some(c), Some(q)) = (app.audit.cases.get(c), app.audit.form.questions.get(q))
    {
        case = c.id.clone();
        question = q.id.clone();
    }
    match app
        .panel
        .next_unscored(round, &rater, Some((&case, &question)))
    {
        Some((c, q)) => {
            if let Some(i) = app.audit.cases.iter().position(|x| x.id == c) {
                app.vurdering.case = i;
            }
            if let Some(i) = app.audit.form.questions.iter().position(|x| x.id == q) {
                app.vurdering.question = i;
            }
        }
        None => app.note = Some(Note::info(Msg::AllScored.get(app.lang))),
    }
}

/// The question row under a mouse click.
pub fn row_at(app: &App, body: Rect, y: u16) -> Option<usize> {
    let nq = app.audit.form.questions.len();
    if mode(app) == Mode::Board {
        return None;
    }
    let a = areas(score_area(app, body), nq);
    let first = a.top.y + 3;
    if y < first || y >= a.top.y + a.top.height.saturating_sub(1) {
        return None;
    }
    let rows = list_rows(a.top);
    let offset = visible_offset(0, app.vurdering.question, rows);
    let i = offset + usize::from(y - first);
    (i < nq).then_some(i)
}

/// How a value is written in the list: "3 I nogen grad", "÷ kan ikke vurderes", "·".
pub fn value_label(app: &App, v: Option<ScoreValue>) -> String {
    let scale = &app.audit.form.scale;
    match v {
        Some(ScoreValue::Score(s)) => match scale.label(s) {
            Some(l) => format!("{s} {l}"),
            None => s.to_string(),
        },
        Some(ScoreValue::NotAssessable) => Msg::NotAssessableShort.get(app.lang).to_string(),
        None => Msg::Unscored.get(app.lang).to_string(),
    }
}

/// The widest `value_label` any score can get: every step of the scale,
/// "kan ikke vurderes" and unscored.
fn longest_value_label(app: &App) -> usize {
    let scale = &app.audit.form.scale;
    (scale.min..=scale.max)
        .map(|s| Some(ScoreValue::Score(s)))
        .chain([Some(ScoreValue::NotAssessable), None])
        .map(|v| value_label(app, v).width())
        .max()
        .unwrap_or(0)
}

/// The score column's width: the longest label when the question text keeps
/// at least `MIN_QUESTION_W` of `room`, else what is left (at least 8, so the
/// number and the start of its label still read; fit cuts with "…").
fn score_width(longest: usize, room: usize) -> usize {
    const MIN_QUESTION_W: usize = 30;
    longest
        .min(room.saturating_sub(MIN_QUESTION_W))
        .max(longest.min(8))
}

/// A short value for narrow cells: "3", "÷", "·".
pub fn value_short(v: Option<ScoreValue>) -> String {
    match v {
        Some(ScoreValue::Score(s)) => s.to_string(),
        Some(ScoreValue::NotAssessable) => "÷".into(),
        None => "·".into(),
    }
}

/// "7/11 ███████░░░░".
fn progress_line(p: Progress, width: usize) -> String {
    let filled = bar(p.done() as f64, p.total.max(1) as f64, width);
    let pad = width.saturating_sub(filled.width());
    format!("{}/{} {filled}{}", p.done(), p.total, "░".repeat(pad))
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let nq = app.audit.form.questions.len();
    if nq == 0 || app.audit.cases.is_empty() || app.audit.config.tilsyn.is_empty() {
        let block = Block::bordered()
            .border_style(th.border())
            .title(Span::styled(" Vurdering ", th.title()));
        f.render_widget(
            Paragraph::new(Line::styled(Msg::NoForm.get(lang), th.warning())).block(block),
            area,
        );
        return;
    }
    let mode = mode(app);
    if mode == Mode::Board {
        draw_board(f, area, app);
        return;
    }
    if mode == (Mode::Shared { blind: true }) {
        let [warn, _] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        f.render_widget(
            Paragraph::new(Line::styled(
                fit(
                    &format!(" ⚠ {}", Msg::NotBlind.get(lang)),
                    usize::from(warn.width),
                ),
                th.status_alert(false),
            )),
            warn,
        );
    }
    let area = score_area(app, area);
    let mut st = app.vurdering;
    if let Some(r) = app.rater {
        st.rater = r;
    }
    let a = areas(area, nq);
    let round = app.panel.current_round();
    let rater = &app.audit.config.tilsyn[st.rater.min(app.audit.config.tilsyn.len() - 1)];
    let case = &app.audit.cases[st.case.min(app.audit.cases.len() - 1)];
    let revealed = app.panel.is_revealed(round);

    // The list of questions with the rater's scores.
    let title = format!(
        " {} · {} ({}/{}) · {} ",
        text::tab(crate::tui::app::Tab::Vurdering, lang),
        rater.name,
        st.rater + 1,
        app.audit.config.tilsyn.len(),
        text::round_state(round, revealed, lang)
    );
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title, th.title()))
        .title_bottom(Line::styled(
            format!(
                " {} ",
                text::score_keys(app.audit.form.scale.min, app.audit.form.scale.max, lang)
            ),
            th.muted(),
        ));
    let inner = block.inner(a.top);
    f.render_widget(block, a.top);
    let iw = usize::from(inner.width);
    let progress = app
        .stats
        .progress
        .get(st.rater)
        .and_then(|p| p.get(st.case))
        .copied()
        .unwrap_or_default();
    let total = app
        .stats
        .progress_total
        .get(st.rater)
        .copied()
        .unwrap_or_default();
    let case_label = format!(
        "{} ‹ {} › {}/{}",
        Msg::CaseWord.get(lang),
        case.name,
        st.case + 1,
        app.audit.cases.len()
    );
    let bar_w = if iw >= 100 { 12 } else { 6 };
    let mut head = vec![
        Span::styled(case_label, th.title()),
        Span::styled(format!("  {} ", Msg::ThisCase.get(lang)), th.muted()),
        Span::styled(progress_line(progress, bar_w), th.bar()),
        Span::styled(format!("  {} ", Msg::AllCases.get(lang)), th.muted()),
        Span::styled(progress_line(total, bar_w), th.bar()),
    ];
    fit_spans(&mut head, iw);
    let mut lines = vec![Line::from(head)];
    let id_w = app
        .audit
        .form
        .questions
        .iter()
        .map(|q| q.id.width())
        .max()
        .unwrap_or(2)
        .clamp(2, 8);
    let prev_w = if round > 1 { 4 } else { 0 };
    let score_w = score_width(
        longest_value_label(app).max(Msg::ScoreCol.get(lang).width()),
        iw.saturating_sub(id_w + 1 + prev_w + 1 + 2),
    );
    let text_w = iw.saturating_sub(id_w + 1 + prev_w + score_w + 1 + 2);
    let mut header = format!("{:<id_w$} ", Msg::QuestionShort.get(lang));
    if round > 1 {
        header.push_str(&format!("{:<prev_w$}", text::round_short(round - 1, lang)));
    }
    header.push_str(&format!(
        "{:<score_w$} {:<2}{}",
        Msg::ScoreCol.get(lang),
        "",
        Msg::Question.get(lang)
    ));
    lines.push(Line::styled(fit(&header, iw), th.header()));
    let rows = list_rows(a.top);
    let offset = visible_offset(0, st.question, rows);
    for (i, q) in app
        .audit
        .form
        .questions
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
    {
        let entry = app.panel.entry(round, &rater.id, &case.id, &q.id);
        let value = entry.and_then(|e| e.value);
        let has_comment = entry.is_some_and(|e| !e.comment.trim().is_empty());
        let selected = i == st.question;
        // A round of the spread cells: the others are shown, muted, with
        // no score to give (a digit there is refused with a message).
        let in_round = app.panel.in_scope(round, &case.id, &q.id);
        let base = match (selected, in_round) {
            (true, _) => th.selected(),
            (false, true) => th.text(),
            (false, false) => th.muted(),
        };
        let mut spans = vec![Span::styled(format!("{:<id_w$} ", q.id), base)];
        if round > 1 {
            let prev = app.panel.value(round - 1, &rater.id, &case.id, &q.id);
            spans.push(Span::styled(
                format!("{:<prev_w$}", value_short(prev)),
                if selected { base } else { th.muted() },
            ));
        }
        let vstyle = match value {
            _ if selected => base,
            Some(ScoreValue::Score(_)) => th.ok(),
            Some(ScoreValue::NotAssessable) => th.warning(),
            None => th.muted(),
        };
        let label = if in_round {
            value_label(app, value)
        } else {
            Msg::NotInRound.get(lang).to_string()
        };
        spans.push(Span::styled(
            format!("{:<score_w$} ", fit(&label, score_w)),
            vstyle,
        ));
        spans.push(Span::styled(
            if has_comment { "✎ " } else { "  " },
            if selected { base } else { th.key() },
        ));
        let qtext = fit(&q.text.replace('\n', " "), text_w);
        spans.push(Span::styled(format!("{qtext:<text_w$}"), base));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);

    draw_detail(f, a.detail, app, rater.id.as_str(), &case.id, round);
    if let Some(side) = a.side {
        draw_side(f, side, app);
    }
}

/// Shortens the last spans so the line fits.
fn fit_spans(spans: &mut Vec<Span<'static>>, width: usize) {
    let mut used = 0;
    let mut keep = 0;
    for s in spans.iter() {
        let w = s.content.width();
        if used + w > width {
            break;
        }
        used += w;
        keep += 1;
    }
    if keep < spans.len() {
        let rest = width.saturating_sub(used);
        let mut cut = spans[keep].clone();
        cut.content = fit(&cut.content, rest).into();
        spans.truncate(keep);
        if rest > 0 {
            spans.push(cut);
        }
    }
}

/// The selected question: its text, the scale with the chosen value, the
/// comment and the help text.
fn draw_detail(f: &mut Frame, area: Rect, app: &App, rater: &str, case: &str, round: u32) {
    if area.height < 3 {
        return;
    }
    let th = app.theme;
    let lang = app.lang;
    let q = &app.audit.form.questions[app.vurdering.question];
    let theme_name = app
        .audit
        .themes
        .iter()
        .find(|t| t.id == q.theme)
        .map_or(q.theme.as_str(), |t| t.name.as_str());
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(" {} · {theme_name} ", q.id),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width).max(1);
    let entry = app.panel.entry(round, rater, case, &q.id);
    let value = entry.and_then(|e| e.value);
    let mut lines: Vec<Line> = wrap(&q.text, w)
        .into_iter()
        .map(|l| Line::styled(l, th.text()))
        .collect();
    lines.extend(scale_lines(app, value, w, th));
    let comment = entry.map(|e| e.comment.as_str()).unwrap_or("");
    if comment.trim().is_empty() {
        lines.push(Line::styled(fit(Msg::NoComment.get(lang), w), th.muted()));
    } else {
        let label = format!("{}: ", Msg::Comment.get(lang));
        for (i, l) in wrap(&format!("{label}{}", app.shown(comment)), w)
            .into_iter()
            .enumerate()
        {
            lines.push(Line::styled(l, if i == 0 { th.key() } else { th.text() }));
        }
    }
    if !q.help.trim().is_empty() {
        for l in wrap(&q.help, w) {
            lines.push(Line::styled(l, th.muted()));
        }
    }
    lines.truncate(usize::from(inner.height));
    f.render_widget(Paragraph::new(lines), inner);
}

/// "1 I meget lav grad  2 I lav grad  …  ÷ kan ikke vurderes", wrapped,
/// the chosen value highlighted.
fn scale_lines(app: &App, value: Option<ScoreValue>, w: usize, th: Theme) -> Vec<Line<'static>> {
    let scale = &app.audit.form.scale;
    let mut items: Vec<(String, bool)> = (scale.min..=scale.max)
        .map(|v| {
            let label = scale.label(v).unwrap_or("");
            (
                format!("{v} {label}").trim_end().to_string(),
                value == Some(ScoreValue::Score(v)),
            )
        })
        .collect();
    items.push((
        Msg::NotAssessableKey.get(app.lang).to_string(),
        value == Some(ScoreValue::NotAssessable),
    ));
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (label, chosen) in items {
        let label = fit(&label, w);
        let lw = label.width();
        if used > 0 && used + 2 + lw > w {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("  "));
            used += 2;
        }
        spans.push(Span::styled(
            label,
            if chosen { th.selected() } else { th.key() },
        ));
        used += lw;
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// The facilitator's screen in a blind round: how far each tilsyn is and
/// who is scoring now, never a value; how to enter scores here instead.
fn draw_board(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let round = app.panel.current_round();
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(
                " {} · {} ",
                text::tab(crate::tui::app::Tab::Vurdering, lang),
                text::round_state(round, false, lang)
            ),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width).max(1);
    let mut lines: Vec<Line> = wrap(Msg::BlindBoard.get(lang), w)
        .into_iter()
        .map(|l| Line::styled(l, th.text()))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(Msg::ProgressOfRaters.get(lang), w),
        th.header(),
    ));
    lines.extend(super::progress::lines(app, w));
    lines.push(Line::default());
    lines.extend(
        wrap(Msg::ScoreForRaterHint.get(lang), w)
            .into_iter()
            .map(|l| Line::styled(l, th.key())),
    );
    f.render_widget(Paragraph::new(lines), inner);
}

/// Wide screens: every case with the rater's progress, and every tilsyn's
/// progress in the round (counts only: nothing of the scores themselves).
fn draw_side(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let mut st = app.vurdering;
    if let Some(r) = app.rater {
        st.rater = r;
    }
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(
            format!(" {} ", Msg::Progress.get(lang)),
            th.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, c) in app.audit.cases.iter().enumerate() {
        let p = app
            .stats
            .progress
            .get(st.rater)
            .and_then(|v| v.get(i))
            .copied()
            .unwrap_or_default();
        let mark = if p.total > 0 && p.done() == p.total {
            "✓"
        } else {
            " "
        };
        let count = format!("{}/{} {mark}", p.done(), p.total);
        let name_w = w.saturating_sub(count.width() + 2);
        let style = if i == st.case {
            th.selected()
        } else {
            th.text()
        };
        lines.push(Line::styled(
            format!(" {:<name_w$}{count} ", fit(&c.name, name_w)),
            style,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(fit(Msg::AllRaters.get(lang), w), th.header()));
    for i in super::progress::shown_raters(app) {
        let Some(t) = app.audit.config.tilsyn.get(i) else {
            continue;
        };
        let p = app.stats.progress_total.get(i).copied().unwrap_or_default();
        let count = format!("{}/{}", p.done(), p.total);
        let name_w = w.saturating_sub(count.width() + 2);
        let style = if i == st.rater { th.key() } else { th.text() };
        lines.push(Line::styled(
            format!(" {:<name_w$}{count} ", fit(short_tilsyn(&t.name), name_w)),
            style,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_column_fits_the_longest_label_when_there_is_room() {
        // 80×24: 78 inside the frame, less id, round 1 and gaps.
        assert_eq!(score_width(18, 68), 18);
        assert_eq!(score_width(18, 40), 10);
        assert_eq!(score_width(18, 20), 8);
        assert_eq!(score_width(5, 200), 5);
        assert_eq!(score_width(5, 10), 5);
    }
}
