//! The funnel plot (Spiegelhalter 2005; `domain::funnel`): exposure along,
//! rate up (or, with `t`, expected count along and count up), the pooled
//! rate across, the 95 % (dotted) and 99.8 % (solid) limits as funnels,
//! each institution a labelled point; under it, the institutions outside a
//! funnel, each with its question for the tilsyn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::{Block, Paragraph};

use super::App;
use super::words::W;
use crate::domain::funnel::{LEVELS, Position, Q_998, poisson_quantiles};
use crate::domain::magtprofil::Profile;
use crate::tui::text::Lang;
use crate::tui::widgets::{decimal, fit};

/// One institution's point: (x, y, label, outside a funnel).
struct Dot {
    x: f64,
    y: f64,
    label: String,
    outside: bool,
}

/// The limits at `x` (exposure, or expected count when `counts`) for the
/// quantiles `qs`.
fn limits<const N: usize>(qs: [f64; N], x: f64, pooled: f64, counts: bool) -> [f64; N] {
    let (mean, per) = if counts { (x, 1.0) } else { (pooled * x, x) };
    poisson_quantiles(qs, mean).map(|k| k as f64 / per)
}

/// The inputs of [`limits_at`], bit for bit.
type LimitsKey = (Vec<u64>, u64, bool);
/// The four limits at each sample.
type Limits = std::rc::Rc<Vec<[f64; 4]>>;

thread_local! {
    /// The last funnel computed: redrawing the same plot (a keystroke
    /// elsewhere, a resize to the same width) costs no Poisson quantiles.
    static LIMITS: std::cell::RefCell<Option<(LimitsKey, Limits)>> =
        const { std::cell::RefCell::new(None) };
}

/// The 95 % lower/upper and 99.8 % lower/upper limits at each of `xs`.
fn limits_at(xs: &[f64], pooled: f64, counts: bool) -> Limits {
    let key: LimitsKey = (
        xs.iter().map(|x| x.to_bits()).collect(),
        pooled.to_bits(),
        counts,
    );
    LIMITS.with(|cell| {
        if let Some((k, v)) = &*cell.borrow()
            && *k == key
        {
            return v.clone();
        }
        let v: Limits = std::rc::Rc::new(
            xs.iter()
                .map(|&x| limits(LEVELS, x, pooled, counts))
                .collect(),
        );
        *cell.borrow_mut() = Some((key, v.clone()));
        v
    })
}

fn short(p: &Profile, w: usize) -> String {
    fit(p.name.as_deref().unwrap_or(&p.id), w)
}

pub fn draw(f: &mut Frame, area: Rect, app: &App) {
    let th = app.theme;
    let lang = app.lang;
    let da = lang == Lang::Da;
    let counts = app.magtprofil.funnel_counts;
    let with: Vec<&Profile> = app
        .comparison
        .profiles
        .iter()
        .filter(|p| p.funnel.is_some())
        .collect();
    let pooled = with
        .first()
        .and_then(|p| p.funnel.as_ref())
        .map_or(0.0, |f| f.pooled_rate);
    let unit = if counts {
        format!(
            "{} ↑ · {} {} →",
            W::Episodes.get(lang),
            W::Expected.get(lang),
            W::Episodes.get(lang).to_lowercase()
        )
    } else {
        format!("{} ↑ · {} →", W::PerPlace.get(lang), W::Exposure.get(lang))
    };
    let title = format!(
        " {} · {unit} · {} {} · {} ",
        W::Funnel.get(lang),
        W::Pooled.get(lang),
        decimal(pooled, 1, da),
        super::institution::period_text(app)
    );
    let block = Block::bordered()
        .border_style(th.border())
        .title(Span::styled(title, th.title()))
        .title_bottom(Line::styled(
            format!(" {} ", W::FunnelHelp.get(lang)),
            th.muted(),
        ));
    if with.is_empty() {
        f.render_widget(
            Paragraph::new(W::NoFunnel.get(lang))
                .style(th.muted())
                .block(block),
            area,
        );
        return;
    }
    let inner = block.inner(area);
    f.render_widget(block, area);
    let outside: Vec<&Profile> = with
        .iter()
        .copied()
        .filter(|p| p.funnel.as_ref().and_then(|f| f.question_da()).is_some())
        .collect();
    let list_h = (outside.len() as u16).min(inner.height / 4);
    let [plot, list] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_h)]).areas(inner);

    let dots: Vec<Dot> = with
        .iter()
        .filter_map(|p| {
            let fu = p.funnel.as_ref()?;
            let (x, y) = if counts {
                (fu.expected, p.episodes as f64)
            } else {
                (fu.exposure, p.episodes as f64 / fu.exposure)
            };
            Some(Dot {
                x,
                y,
                label: short(p, 10),
                outside: fu.position_95 != Position::Within,
            })
        })
        .collect();
    let x_max = dots.iter().map(|d| d.x).fold(0.0, f64::max) * 1.08;
    let x_min_dot = dots.iter().map(|d| d.x).fold(f64::INFINITY, f64::min);
    let x_start = (x_min_dot * 0.5).max(x_max / 200.0).max(f64::MIN_POSITIVE);
    let top_limit = limits([Q_998.1], x_start, pooled, counts)[0];
    let y_dots = dots.iter().map(|d| d.y).fold(0.0, f64::max);
    let y_max = if counts {
        y_dots.max(limits([Q_998.1], x_max, pooled, counts)[0]) * 1.1
    } else {
        y_dots.max(top_limit.min(y_dots * 2.0)).max(pooled * 2.0) * 1.1
    }
    .max(1.0);

    // The funnels, one point per braille column.
    let samples = usize::from(plot.width.max(2)) * 2;
    let xs: Vec<f64> = (0..=samples)
        .map(|i| x_start + (x_max - x_start) * i as f64 / samples as f64)
        .collect();
    // The four limits at every sample, computed once for these inputs (a
    // keystroke that does not change them redraws from the cache).
    let table = limits_at(&xs, pooled, counts);
    let curve = |which: usize, step: usize| -> Vec<(f64, f64)> {
        xs.iter()
            .zip(table.iter())
            .step_by(step)
            .map(|(&x, l)| (x, l[which]))
            .filter(|(_, y)| *y <= y_max)
            .collect()
    };
    // 95 % dotted (every third sample), 99.8 % solid.
    let c95: Vec<(f64, f64)> = curve(0, 3).into_iter().chain(curve(1, 3)).collect();
    let c998: Vec<(f64, f64)> = curve(2, 1).into_iter().chain(curve(3, 1)).collect();
    let centre: Vec<(f64, f64)> = xs
        .iter()
        .map(|&x| (x, if counts { x } else { pooled }))
        .filter(|(_, y)| *y <= y_max)
        .step_by(2)
        .collect();
    let colour = |s: ratatui::style::Style| s.fg.unwrap_or(Color::Reset);
    let (muted, line, warn, text) = (
        colour(th.muted()),
        colour(th.bar()),
        th.warning(),
        th.text(),
    );
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([0.0, x_max])
        .y_bounds([0.0, y_max])
        .paint(move |ctx| {
            ctx.draw(&Points {
                coords: &centre,
                color: muted,
            });
            ctx.draw(&Points {
                coords: &c95,
                color: line,
            });
            ctx.draw(&Points {
                coords: &c998,
                color: line,
            });
            ctx.layer();
            ctx.print(0.0, y_max, Span::styled(decimal(y_max, 0, da), text));
            ctx.print(x_max * 0.9, 0.0, Span::styled(decimal(x_max, 0, da), text));
            for d in &dots {
                let style = if d.outside { warn } else { text };
                ctx.print(d.x, d.y, Span::styled(format!("●{}", d.label), style));
            }
        });
    f.render_widget(canvas, plot);
    let lines: Vec<Line> = outside
        .iter()
        .take(usize::from(list_h))
        .filter_map(|p| {
            let q = p.funnel.as_ref()?.question_da()?;
            Some(Line::styled(
                fit(
                    &format!("{}: {q}", p.name.as_deref().unwrap_or(&p.id)),
                    usize::from(list.width),
                ),
                th.warning(),
            ))
        })
        .collect();
    f.render_widget(Paragraph::new(lines), list);
}
