//! How far each tilsyn has come in a blind round, for the facilitator's
//! screens (Vurdering, Sammenlign, Oversigt): cells scored of cells in the
//! round, a bar, and who is scoring now (the host holding the tilsyn's
//! score file, or "ikke åben"). Counts only, never a value. In rater mode
//! only the rater's own line is shown.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;
use crate::tui::screens::oversigt::short_tilsyn;
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{bar, fit};

/// The tilsyn (indices) whose progress this copy may show.
pub fn shown_raters(app: &App) -> Vec<usize> {
    match app.rater {
        Some(r) => vec![r],
        None => (0..app.audit.config.tilsyn.len()).collect(),
    }
}

/// One line per tilsyn: "Nord        41/88 ████░░░░  nord-laptop".
pub fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    let lang = app.lang;
    let raters = shown_raters(app);
    let name_w = raters
        .iter()
        .filter_map(|i| app.audit.config.tilsyn.get(*i))
        .map(|t| short_tilsyn(&t.name).width())
        .max()
        .unwrap_or(0)
        + 2;
    let bar_w = if w >= 100 { 20 } else { 10 };
    let mut out = Vec::new();
    for i in raters {
        let Some(t) = app.audit.config.tilsyn.get(i) else {
            continue;
        };
        let p = app.stats.progress_total.get(i).copied().unwrap_or_default();
        let count = format!("{}/{}", p.done(), p.total);
        let filled = bar(p.done() as f64, p.total.max(1) as f64, bar_w);
        let pad = bar_w.saturating_sub(filled.width());
        let who = match app.holders.get(i).and_then(Option::as_deref) {
            Some(host) => text::scoring_on(host, lang),
            None => Msg::NotOpen.get(lang).to_string(),
        };
        let done = p.total > 0 && p.done() == p.total;
        let spans = vec![
            Span::styled(format!(" {:<name_w$}", short_tilsyn(&t.name)), th.title()),
            Span::styled(
                format!("{count:>9} "),
                if done { th.ok() } else { th.text() },
            ),
            Span::styled(format!("{filled}{}  ", "░".repeat(pad)), th.bar()),
            Span::styled(who, th.muted()),
        ];
        let mut line = Line::from(spans);
        let used: usize = line.spans.iter().map(|s| s.content.width()).sum();
        if used > w
            && let Some(last) = line.spans.last_mut()
        {
            let rest = w.saturating_sub(used - last.content.width());
            last.content = fit(&last.content, rest).into();
        }
        out.push(line);
    }
    out
}
