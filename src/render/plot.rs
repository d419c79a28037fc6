//! Pictures of a descent. As SVG (plotters): J against iteration, on a log
//! scale when J spans decades; for a function of two parameters also the
//! contour lines of J (marching squares, from the `contour` crate) with the
//! path of θ drawn over them; the session writes it to a file
//! (`files::write_svg`) or hands it to a notebook. In the terminal (textplots): J against iteration in braille dots. Every
//! axis range is finite and of nonzero width before it reaches plotters
//! ([`axis_range`]): values beyond ±[`LIMIT`] are drawn at the edge, since
//! plotters' tick computation never ends on a range whose width overflows.

use contour::ContourBuilder;
use plotters::prelude::*;

use crate::catalogue;
use crate::expr::number::format_significant;
use crate::msg;

/// J on a grid over two parameters, and the path taken through it.
pub struct Surface {
    pub names: (String, String),
    pub x: (f64, f64),
    pub y: (f64, f64),
    /// Values row by row (y outer, x inner), `columns` × `rows` of them.
    pub values: Vec<f64>,
    pub columns: usize,
    pub rows: usize,
    pub path: Vec<(f64, f64)>,
}

/// The largest magnitude drawn; larger values are drawn at ±LIMIT.
pub const LIMIT: f64 = 1e300;

/// A finite axis range around the finite ones of `values` (each clamped to
/// ±[`LIMIT`]), widened on each side by `margin` times its width, and by
/// at least `least` and a relative 1e-9, so it is never empty. Without
/// finite values: 0 to 1.
pub fn axis_range(values: impl Iterator<Item = f64>, margin: f64, least: f64) -> (f64, f64) {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .map(clamp)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    if low > high {
        return (0.0, 1.0);
    }
    // At most 2·LIMIT wide, so the padding below stays finite.
    let pad = ((high - low) * margin.min(1.0)).max(least).max(low.abs().max(high.abs()) * 1e-9);
    (low - pad, high + pad)
}

/// `value` limited to ±[`LIMIT`] (NaN stays NaN).
pub fn clamp(value: f64) -> f64 {
    value.clamp(-LIMIT, LIMIT)
}

const WIDTH: u32 = 1000;
const HEIGHT: u32 = 450;

/// The SVG: the curve of J against iteration, and the contours when given.
pub fn svg(objective: &str, curve: &[(f64, f64)], surface: Option<&Surface>) -> Result<String, String> {
    let mut text = String::new();
    draw(&mut text, objective, curve, surface)?;
    Ok(text)
}

/// Draws the SVG into `text`.
fn draw(text: &mut String, objective: &str, curve: &[(f64, f64)], surface: Option<&Surface>) -> Result<(), String> {
    let width = if surface.is_some() { WIDTH } else { WIDTH / 2 + 100 };
    let root = SVGBackend::with_string(text, (width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (left, right) = match surface {
        Some(_) => {
            let (left, right) = root.split_horizontally(width / 2);
            (Some(left), right)
        }
        None => (None, root.clone()),
    };
    if let (Some(area), Some(surface)) = (left, surface) {
        contours(&area, objective, surface).map_err(|e| e.to_string())?;
    }
    descent_curve(&right, objective, curve).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

fn descent_curve(area: &Area, objective: &str, curve: &[(f64, f64)]) -> Drawn {
    let curve: Vec<(f64, f64)> = curve.iter().filter(|p| p.1.is_finite()).map(|&(k, j)| (k, clamp(j))).collect();
    let k_max = curve.iter().map(|p| p.0).fold(1.0, f64::max);
    let (low, high) =
        curve.iter().map(|p| p.1).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), j| (l.min(j), h.max(j)));
    // Log ticks need a positive range of whole decades plotters can count:
    // over hundreds of decades its tick search never ends, so beyond 1e100 the axis is linear.
    let logarithmic = low >= 1e-300 && high / low > 100.0 && high / low <= 1e100;
    let caption = match logarithmic {
        true => msg!("plot.curve-log", objective = objective),
        false => msg!("plot.curve", objective = objective),
    };
    let (caption, iteration) = (catalogue::word(&caption), catalogue::word(&msg!("plot.iteration")));
    let mut builder = ChartBuilder::on(area);
    builder.caption(caption, ("sans-serif", 18)).margin(15).x_label_area_size(35).y_label_area_size(70);
    if logarithmic {
        let mut chart = builder.build_cartesian_2d(0f64..k_max, (low * 0.8..high * 1.25).log_scale())?;
        chart
            .configure_mesh()
            .x_desc(&iteration)
            .y_desc(objective)
            .x_label_formatter(&whole)
            .y_label_formatter(&short)
            .draw()?;
        chart.draw_series(LineSeries::new(curve.iter().copied(), BLUE.stroke_width(2)))?;
    } else {
        let (low, high) = axis_range(curve.iter().map(|p| p.1), 0.05, 1e-12);
        let mut chart = builder.build_cartesian_2d(0f64..k_max, low..high)?;
        chart
            .configure_mesh()
            .x_desc(&iteration)
            .y_desc(objective)
            .x_label_formatter(&whole)
            .y_label_formatter(&short)
            .draw()?;
        chart.draw_series(LineSeries::new(curve.iter().copied(), BLUE.stroke_width(2)))?;
    }
    Ok(())
}

fn contours(area: &Area, objective: &str, surface: &Surface) -> Drawn {
    let (x, y) = (&surface.names.0, &surface.names.1);
    let caption = catalogue::word(&msg!("plot.contours", objective = objective, x = x, y = y));
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 18))
        .margin(15)
        .x_label_area_size(35)
        .y_label_area_size(55)
        .build_cartesian_2d(surface.x.0..surface.x.1, surface.y.0..surface.y.1)?;
    chart
        .configure_mesh()
        .x_desc(surface.names.0.as_str())
        .y_desc(surface.names.1.as_str())
        .x_label_formatter(&short)
        .y_label_formatter(&short)
        .draw()?;
    let dx = (surface.x.1 - surface.x.0) / (surface.columns - 1) as f64;
    let dy = (surface.y.1 - surface.y.0) / (surface.rows - 1) as f64;
    let builder = ContourBuilder::new(surface.columns, surface.rows, true)
        .x_origin(surface.x.0)
        .y_origin(surface.y.0)
        .x_step(dx)
        .y_step(dy);
    let lines = builder.lines(&surface.values, &levels(&surface.values))?;
    for line in &lines {
        for string in line.geometry() {
            let points: Vec<(f64, f64)> = string.coords().map(|c| (c.x, c.y)).collect();
            chart.draw_series(LineSeries::new(points, RGBColor(150, 150, 150).stroke_width(1)))?;
        }
    }
    chart.draw_series(LineSeries::new(surface.path.iter().copied(), RED.stroke_width(2)))?;
    chart.draw_series(surface.path.iter().map(|&p| Circle::new(p, 2, RED.filled())))?;
    if let (Some(&first), Some(&last)) = (surface.path.first(), surface.path.last()) {
        chart.draw_series([Circle::new(first, 5, BLACK.filled()), Circle::new(last, 5, GREEN.filled())])?;
    }
    Ok(())
}

fn whole(value: &f64) -> String {
    format!("{}", value.round() as i64)
}

fn short(value: &f64) -> String {
    // Axis ticks computed as 0 may come out as -5.6e-17.
    if value.abs() < 1e-12 { "0".to_string() } else { format_significant(*value, 4) }
}

/// About 14 contour levels: spaced by ratio when J is positive, else evenly.
fn levels(values: &[f64]) -> Vec<f64> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let high = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(low.is_finite() && high > low) {
        return Vec::new();
    }
    let count = 14;
    if low > 0.0 {
        let ratio = (high / low).powf(1.0 / count as f64);
        (1..count).map(|i| low * ratio.powi(i)).collect()
    } else {
        // Denser near the bottom, where the path ends.
        (1..count).map(|i| low + (high - low) * (i as f64 / count as f64).powi(2)).collect()
    }
}

/// J against iteration, drawn in the terminal.
pub fn terminal(objective: &str, curve: &[(f64, f64)]) -> String {
    let k_max = curve.iter().map(|p| p.0).fold(1.0, f64::max) as f32;
    // Within f32's range, where textplots computes.
    let points: Vec<(f32, f32)> =
        curve.iter().filter(|p| p.1.is_finite()).map(|&(k, j)| (k as f32, j.clamp(-1e37, 1e37) as f32)).collect();
    let mut chart = textplots::Chart::new(120, 50, 0.0, k_max);
    let shape = textplots::Shape::Lines(&points);
    let drawn = textplots::Plot::lineplot(&mut chart, &shape);
    drawn.axis();
    drawn.figures();
    format!("{}:\n{drawn}\n", catalogue::word(&msg!("plot.curve", objective = objective)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_spread_over_the_range() {
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let levels = levels(&values);
        assert_eq!(levels.len(), 13);
        assert!(levels.windows(2).all(|w| w[0] < w[1]));
        assert!(levels[0] > 1.0 && levels[12] < 100.0);
    }

    #[test]
    fn axis_ranges_are_finite_and_never_empty() {
        let cases: [&[f64]; 6] =
            [&[1.69e308, 1.0], &[-f64::MAX, f64::MAX], &[f64::INFINITY, f64::NAN, 2.0], &[1e20, 1e20], &[5e-324], &[]];
        for values in cases {
            for (margin, least) in [(0.05, 1e-12), (0.25, 0.5)] {
                let (low, high) = axis_range(values.iter().copied(), margin, least);
                assert!(low.is_finite() && high.is_finite() && low < high, "{values:?}: {low}..{high}");
                assert!((high - low).is_finite(), "{values:?}");
            }
        }
        assert_eq!(axis_range([2.0, 4.0].into_iter(), 0.25, 0.5), (1.5, 4.5));
    }

    #[test]
    fn huge_values_draw_without_hanging() {
        let curve = [(0.0, 1.69e308), (1.0, f64::MAX), (2.0, 1e300), (3.0, -f64::MAX)];
        assert!(svg("J", &curve, None).is_ok_and(|svg| svg.starts_with("<svg")));
        let surface = Surface {
            names: ("a".to_string(), "b".to_string()),
            x: axis_range([1.3e154, -f64::MAX].into_iter(), 0.25, 0.5),
            y: axis_range([0.0].into_iter(), 0.25, 0.5),
            values: vec![1.0; 4],
            columns: 2,
            rows: 2,
            path: vec![(clamp(1.3e308), 0.0)],
        };
        assert!(svg("J", &curve, Some(&surface)).is_ok());
        assert!(terminal("J", &curve).contains("J against iteration"));
        // Log scales over hundreds of decades once hung in plotters' tick search.
        for curve in [[(0.0, 1e-290), (1.0, 1e300)], [(0.0, 1e-50), (1.0, 1e50)], [(0.0, 1e-300), (1.0, 1e-200)]] {
            assert!(svg("J", &curve, None).is_ok());
        }
    }
}
