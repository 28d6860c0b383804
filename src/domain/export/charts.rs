//! The report's pictures (SVG, drawn with `plotters`' SVG backend, which
//! writes `<text>` elements and needs no font files): per institution the
//! months as a control chart (rate, centre, limits, signals marked), and
//! across institutions the funnel plot. Each comes with its Danish alt
//! text; the tables stay in the report for those who read. The bytes
//! depend only on the figures (no clock, no randomness), so exporting twice
//! writes identical files.

use plotters::prelude::*;

use crate::domain::control_chart::Signal;
use crate::domain::funnel::{Position, funnel_quantiles};
use crate::domain::magtprofil::{Comparison, Profile};

use super::figures::dec;

/// One picture: its file name (inside the figures folder), alt text and SVG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub file: String,
    pub alt: String,
    pub svg: String,
}

const SIZE: (u32, u32) = (720, 360);
const FONT: &str = "sans-serif";

/// The file name for an institution id: letters, digits and '-' only.
fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Every picture of the report: the funnel plot first, then one control
/// chart per institution with places (sorted by id, as the profiles are).
pub fn charts(c: &Comparison) -> Vec<Chart> {
    let mut out = Vec::new();
    out.extend(funnel(c));
    out.extend(c.profiles.iter().filter_map(control_chart));
    out
}

/// The u-chart of one institution's months.
pub fn control_chart(p: &Profile) -> Option<Chart> {
    let cc = p.control_chart.as_ref()?;
    if cc.months.is_empty() {
        return None;
    }
    let name = p.name.clone().unwrap_or_else(|| p.id.clone());
    let n = cc.months.len();
    let y_max = cc.highest().max(1.0) * 1.1;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{name}: magtanvendelser pr. plads pr. år pr. måned"),
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..y_max)
            .ok()?;
        let months = cc.months.clone();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.min(12))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                months
                    .get(i as usize)
                    .map_or(String::new(), |m| m.month.clone())
            })
            .y_label_formatter(&|y| dec(*y, 0))
            .y_desc("pr. plads pr. år")
            .label_style((FONT, 12))
            .draw()
            .ok()?;
        let grey = RGBColor(120, 120, 120);
        // Limits as steps, the centre dashed-looking (thin grey).
        for (i, m) in cc.months.iter().enumerate() {
            let (x1, x2) = (i as f64 - 0.5, i as f64 + 0.5);
            for y in [m.upper, m.lower] {
                chart
                    .draw_series(LineSeries::new([(x1, y), (x2, y)], grey.stroke_width(1)))
                    .ok()?;
            }
        }
        chart
            .draw_series(LineSeries::new(
                [(-0.5, cc.centre), (n as f64 - 0.5, cc.centre)],
                BLACK.stroke_width(1),
            ))
            .ok()?;
        let blue = RGBColor(31, 89, 153);
        chart
            .draw_series(LineSeries::new(
                cc.months
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (i as f64, m.rate)),
                blue.stroke_width(2),
            ))
            .ok()?;
        let red = RGBColor(190, 30, 30);
        chart
            .draw_series(cc.months.iter().enumerate().map(|(i, m)| {
                let style = if m.signal.is_some() {
                    red.filled()
                } else {
                    blue.filled()
                };
                Circle::new(
                    (i as f64, m.rate),
                    if m.signal.is_some() { 5 } else { 3 },
                    style,
                )
            }))
            .ok()?;
        root.present().ok()?;
    }
    let signals: Vec<String> = cc
        .months
        .iter()
        .filter_map(|m| {
            m.signal.map(|s| {
                let what = match s {
                    Signal::Above => "over den øvre grænse",
                    Signal::Below => "under den nedre grænse",
                    Signal::Run => "del af 8 måneder i træk på samme side",
                };
                format!("{} {what}", m.month)
            })
        })
        .collect();
    let alt = format!(
        "Kontrolkort for {name}: magtanvendelser pr. plads pr. år måned for måned fra {} til {}, \
         midterlinje {} med kontrolgrænser (3 standardafvigelser); {}.",
        cc.months.first().map_or("", |m| m.month.as_str()),
        cc.months.last().map_or("", |m| m.month.as_str()),
        dec(cc.centre, 1),
        if signals.is_empty() {
            "ingen måned giver signal".to_string()
        } else {
            format!("signaler: {}", signals.join(", "))
        }
    );
    Some(Chart {
        file: format!("kontrolkort-{}.svg", slug(&p.id)),
        alt,
        svg,
    })
}

/// The funnel plot of the institutions with places.
pub fn funnel(c: &Comparison) -> Option<Chart> {
    let with: Vec<&Profile> = c.profiles.iter().filter(|p| p.funnel.is_some()).collect();
    let pooled = with.first()?.funnel.as_ref()?.pooled_rate;
    let points: Vec<(f64, f64, String, bool)> = with
        .iter()
        .filter_map(|p| {
            let f = p.funnel.as_ref()?;
            Some((
                f.exposure,
                p.episodes as f64 / f.exposure,
                p.name.clone().unwrap_or_else(|| p.id.clone()),
                f.position_95 != Position::Within,
            ))
        })
        .collect();
    let x_max = points.iter().map(|p| p.0).fold(0.0, f64::max) * 1.1;
    let x_min = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min) * 0.5;
    let y_dots = points.iter().map(|p| p.1).fold(0.0, f64::max);
    let y_max = (y_dots.max(pooled * 2.0) * 1.15).max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Tragtplot: magtanvendelser pr. plads pr. år mod pladsår",
                (FONT, 18),
            )
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(44)
            .build_cartesian_2d(0f64..x_max, 0f64..y_max)
            .ok()?;
        chart
            .configure_mesh()
            .x_desc("pladsår (pladser × dage ÷ 365,25)")
            .y_desc("pr. plads pr. år")
            .x_label_formatter(&|x| dec(*x, 0))
            .y_label_formatter(&|y| dec(*y, 0))
            .label_style((FONT, 12))
            .draw()
            .ok()?;
        let steps = 200;
        let xs: Vec<f64> = (0..=steps)
            .map(|i| x_min + (x_max - x_min) * f64::from(i) / f64::from(steps))
            .collect();
        let grey = RGBColor(120, 120, 120);
        // The four limits at each step, in the order of `funnel_quantiles`.
        let table: Vec<[u64; 4]> = xs.iter().map(|&x| funnel_quantiles(pooled * x)).collect();
        let curve = |which: usize| -> Vec<(f64, f64)> {
            xs.iter()
                .zip(&table)
                .map(|(&x, k)| (x, k[which] as f64 / x))
                .filter(|(_, y)| *y <= y_max)
                .collect()
        };
        for (which, width) in [(0, 1), (1, 1), (2, 2), (3, 2)] {
            chart
                .draw_series(LineSeries::new(curve(which), grey.stroke_width(width)))
                .ok()?;
        }
        chart
            .draw_series(LineSeries::new(
                [(0.0, pooled), (x_max, pooled)],
                BLACK.stroke_width(1),
            ))
            .ok()?;
        let (blue, red) = (RGBColor(31, 89, 153), RGBColor(190, 30, 30));
        for (x, y, name, outside) in &points {
            let colour = if *outside { red } else { blue };
            chart
                .draw_series([Circle::new((*x, *y), 4, colour.filled())])
                .ok()?;
            chart
                .draw_series([Text::new(
                    name.clone(),
                    (*x, *y),
                    (FONT, 12).into_font().color(&colour),
                )])
                .ok()?;
        }
        root.present().ok()?;
    }
    let outside: Vec<String> = with
        .iter()
        .filter_map(|p| {
            let q = p.funnel.as_ref()?.question_da()?;
            Some(format!("{} ({q})", p.name.as_deref().unwrap_or(&p.id)))
        })
        .collect();
    let alt = format!(
        "Tragtplot over {} institutioner: magtanvendelser pr. plads pr. år mod pladsår, \
         samlet forholdstal {} med 95 %- og 99,8 %-grænser; {}.",
        with.len(),
        dec(pooled, 1),
        if outside.is_empty() {
            "alle ligger inden for grænserne".to_string()
        } else {
            format!("uden for: {}", outside.join("; "))
        }
    );
    Some(Chart {
        file: "tragtplot.svg".into(),
        alt,
        svg,
    })
}
