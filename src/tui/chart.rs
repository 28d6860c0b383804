//! A vertical bar chart for the magtprofil: the bars spread over the whole
//! width, each value is written just above its bar (never inside it, so it
//! reads in plain text, in `NO_COLOR` and on a projector), and the labels
//! sit under the bars, every k-th one when they do not all fit. The layout
//! is pure (`columns`, `split_weekday_hour`) so it is tested without
//! drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

/// Where the bars go in a row `width` columns wide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Bars left out at the start (more bars than columns).
    pub skip: usize,
    /// The width of every bar.
    pub bar: u16,
    /// The smallest gap between two bars (0 or 1).
    pub gap: u16,
    /// Each shown bar's left column, relative to the row; the last bar ends
    /// at the row's right edge, the slack spread over the gaps.
    pub xs: Vec<u16>,
}

/// Lays `n` bars over `width` columns: equal bars as wide as fit, a gap of
/// one when there is room for it, the rest spread over the gaps so the row
/// is filled.
pub fn columns(n: usize, width: u16) -> Columns {
    let shown = n.min(usize::from(width));
    if shown == 0 {
        return Columns {
            skip: n,
            bar: 0,
            gap: 0,
            xs: Vec::new(),
        };
    }
    let w = usize::from(width);
    let gap = usize::from(2 * shown - 1 <= w);
    let bar = (w + gap) / shown - gap;
    let used = shown * bar + (shown - 1) * gap;
    let slack = w - used;
    let xs = (0..shown)
        .map(|i| {
            let extra = if shown > 1 {
                i * slack / (shown - 1)
            } else {
                0
            };
            u16::try_from(i * (bar + gap) + extra).unwrap_or(u16::MAX)
        })
        .collect();
    Columns {
        skip: n - shown,
        bar: u16::try_from(bar).unwrap_or(u16::MAX),
        gap: u16::try_from(gap).unwrap_or(0),
        xs,
    }
}

/// The smallest box (with borders) that holds a week's 7 bars with labels.
const WEEKDAY_MIN: u16 = 2 + 7 * 2 + 6;

/// Splits a row `width` wide between the weekday chart (left) and the hour
/// chart (right): the hour chart gets the widest box whose 24 bars fill it
/// exactly while the weekday chart keeps room for its labels; the weekday
/// chart takes the rest.
pub fn split_weekday_hour(width: u16) -> (u16, u16) {
    for bar in (1..=8u16).rev() {
        let hour = 2 + 24 * bar + 23;
        if width >= hour + WEEKDAY_MIN {
            return (width - hour, hour);
        }
    }
    // Bars without gaps.
    let hour = 2 + 24;
    if width >= hour + WEEKDAY_MIN {
        return (width - hour, hour);
    }
    let wd = (width * 2 / 5).max(WEEKDAY_MIN).min(width);
    (wd, width - wd)
}

/// The chart itself; draw it inside a block's inner area.
pub struct BarColumns<'a> {
    pub data: &'a [(String, u64)],
    pub bar: Style,
    pub value: Style,
    pub label: Style,
    /// A picked bar (index into `data`) and its style: the bar and its
    /// label drawn in it.
    pub selected: Option<(usize, Style)>,
}

const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

impl Widget for BarColumns<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 || self.data.is_empty() {
            return;
        }
        let cols = columns(self.data.len(), area.width);
        let data = &self.data[cols.skip..];
        let pitch = usize::from(cols.bar + cols.gap).max(1);
        let label_w = data.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
        let value_w = data
            .iter()
            .map(|(_, v)| v.to_string().len())
            .max()
            .unwrap_or(0);
        let labels = area.height >= 2 && label_w > 0;
        let values = area.height >= 3 && cols.gap > 0 && value_w <= usize::from(cols.bar);
        let bars_h = area.height - u16::from(labels) - u16::from(values);
        let bottom = area.y + bars_h + u16::from(values) - 1;
        let max = data.iter().map(|(_, v)| *v).max().unwrap_or(0);
        // Every k-th label, so two labels never touch.
        let every = (label_w + 1).div_ceil(pitch).max(1);
        for (i, ((label, v), x)) in data.iter().zip(&cols.xs).enumerate() {
            let x = area.x + x;
            let picked = self
                .selected
                .filter(|(s, _)| *s == i + cols.skip)
                .map(|(_, style)| style);
            let bar_style = picked.unwrap_or(self.bar);
            let label_style = picked.unwrap_or(self.label);
            let eighths = if max == 0 {
                0
            } else {
                let e = (*v as f64 / max as f64 * f64::from(bars_h) * 8.0).round() as u16;
                if *v > 0 { e.max(1) } else { 0 }
            };
            let full = eighths / 8;
            for row in 0..full {
                for dx in 0..cols.bar {
                    buf[(x + dx, bottom - row)]
                        .set_symbol(EIGHTHS[8])
                        .set_style(bar_style);
                }
            }
            let rest = eighths % 8;
            if rest > 0 {
                for dx in 0..cols.bar {
                    buf[(x + dx, bottom - full)]
                        .set_symbol(EIGHTHS[usize::from(rest)])
                        .set_style(bar_style);
                }
            }
            let filled = eighths.div_ceil(8);
            if values && filled <= bars_h {
                let text = v.to_string();
                let tw = u16::try_from(text.len()).unwrap_or(0);
                buf.set_string(x + (cols.bar - tw) / 2, bottom - filled, &text, self.value);
            }
            if labels && (i % every == 0 || picked.is_some()) {
                let lw = u16::try_from(label.width()).unwrap_or(u16::MAX);
                let lx = if lw <= cols.bar {
                    x + (cols.bar - lw) / 2
                } else {
                    x
                };
                let room = usize::from(area.right().saturating_sub(lx));
                buf.set_stringn(lx, area.bottom() - 1, label, room, label_style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect()
    }

    fn draw(data: &[(String, u64)], w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        BarColumns {
            data,
            bar: Style::new(),
            value: Style::new(),
            label: Style::new(),
            selected: None,
        }
        .render(area, &mut buf);
        text(&buf)
    }

    #[test]
    fn columns_fill_the_row() {
        // 12 months in 44 columns: bars of 2, the 9 spare columns spread.
        let c = columns(12, 44);
        assert_eq!((c.skip, c.bar, c.gap), (0, 2, 1));
        assert_eq!(c.xs.first(), Some(&0));
        assert_eq!(c.xs.last(), Some(&42));
        // 24 hours in 24 columns: no gaps.
        let c = columns(24, 24);
        assert_eq!((c.bar, c.gap, c.xs[23]), (1, 0, 23));
        // More bars than columns: the last ones.
        assert_eq!(columns(30, 20).skip, 10);
        assert_eq!(columns(0, 20).xs, Vec::<u16>::new());
    }

    #[test]
    fn weekday_and_hour_share_the_row() {
        // 160×45: the hour chart's bars are 2 wide, the weekday chart takes the rest.
        assert_eq!(split_weekday_hour(116), (43, 73));
        // 120×36 and 80×24.
        assert_eq!(split_weekday_hour(76), (27, 49));
        assert_eq!(split_weekday_hour(48), (22, 26));
        assert_eq!(split_weekday_hour(10), (10, 0));
    }

    #[test]
    fn values_stand_above_their_bars_and_labels_below() {
        let data = vec![
            ("ma".to_string(), 12),
            ("ti".to_string(), 6),
            ("on".to_string(), 0),
        ];
        assert_eq!(
            draw(&data, 8, 5),
            vec![
                "12      ", //
                "██ 6    ", //
                "██ ▄▄   ", //
                "██ ██ 0 ", //
                "ma ti on",
            ]
        );
    }

    #[test]
    fn narrow_bars_drop_values_and_thin_out_labels() {
        let data: Vec<(String, u64)> = (0..6).map(|h| (format!("{h:02}"), 10)).collect();
        assert_eq!(draw(&data, 6, 3), vec!["██████", "██████", "00 03 "]);
    }
}
