//! The legend of the illuminance overlay: the false-colour scale as a bar, its stops
//! marked with their lux, and the CIE 157 limits they stand for; in the top-left corner,
//! under the statistics.

use super::ui_text::UiText;
use museion_renderer::LuxScale;

/// Width of the bar, points.
const BAR_WIDTH: f32 = 280.0;
/// Height of the bar, points.
const BAR_HEIGHT: f32 = 14.0;
/// Slices the bar is drawn in (each a quad with the scale's colours at its ends).
const SLICES: usize = 96;

/// The marks under the bar: each stop's place along it (0 to 1) and its lux.
pub(super) fn ticks(scale: &LuxScale) -> Vec<(f32, String)> {
    scale
        .stops()
        .iter()
        .map(|stop| (scale.position(stop.lux), format!("{}", stop.lux)))
        .collect()
}

fn colour(srgb: [f32; 3]) -> egui::Color32 {
    let byte = |c: f32| (c.clamp(0.0, 1.0) * 255.0).round() as u8;
    egui::Color32::from_rgb(byte(srgb[0]), byte(srgb[1]), byte(srgb[2]))
}

/// Draws the legend in the top-left corner of `room`, under `above` (the statistics,
/// when shown); returns where it is.
pub(super) fn show(
    ctx: &egui::Context,
    room: egui::Rect,
    above: Option<egui::Rect>,
    words: &UiText,
    scale: &LuxScale,
) -> egui::Rect {
    let top = above.map_or(room.top(), |r| r.bottom());
    egui::Area::new(egui::Id::unique("lux-legend"))
        .pivot(egui::Align2::LEFT_TOP)
        .fixed_pos(egui::pos2(room.left() + 8.0, top + 8.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(egui::Color32::from_black_alpha(200))
                .show(ui, |ui| {
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                    ui.label(egui::RichText::new(words.get("lux.title")).strong());
                    bar(ui, scale);
                    ui.label(
                        egui::RichText::new(words.get("lux.limits"))
                            .size(12.0)
                            .color(egui::Color32::from_gray(210)),
                    );
                });
        })
        .response
        .rect
}

/// The bar and its marks.
fn bar(ui: &mut egui::Ui, scale: &LuxScale) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(BAR_WIDTH, BAR_HEIGHT + 18.0), egui::Sense::hover());
    let bar = egui::Rect::from_min_size(rect.min, egui::vec2(BAR_WIDTH, BAR_HEIGHT));
    let stops = scale.stops();
    let (first, last) = (stops[0].lux.log10(), stops[stops.len() - 1].lux.log10());
    let mut mesh = egui::Mesh::default();
    for i in 0..=SLICES {
        let t = i as f32 / SLICES as f32;
        let lux = 10f32.powf(first + (last - first) * t);
        let c = colour(scale.srgb(lux));
        let x = bar.left() + bar.width() * t;
        mesh.colored_vertex(egui::pos2(x, bar.top()), c);
        mesh.colored_vertex(egui::pos2(x, bar.bottom()), c);
        if i > 0 {
            let k = (2 * i) as u32;
            mesh.add_triangle(k - 2, k - 1, k);
            mesh.add_triangle(k - 1, k + 1, k);
        }
    }
    let painter = ui.painter();
    painter.add(egui::Shape::mesh(mesh));
    let text = egui::Color32::from_gray(235);
    for (position, label) in ticks(scale) {
        let x = bar.left() + bar.width() * position;
        painter.line_segment(
            [egui::pos2(x, bar.top()), egui::pos2(x, bar.bottom() + 3.0)],
            egui::Stroke::new(1.0, text),
        );
        let align = match position {
            p if p <= 0.0 => egui::Align2::LEFT_TOP,
            p if p >= 1.0 => egui::Align2::RIGHT_TOP,
            _ => egui::Align2::CENTER_TOP,
        };
        painter.text(
            egui::pos2(x, bar.bottom() + 4.0),
            align,
            label,
            egui::FontId::proportional(12.0),
            text,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marks_are_the_stops_in_order_along_the_bar() {
        let scale = LuxScale::conservation();
        let marks = ticks(&scale);
        let labels: Vec<&str> = marks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["1", "10", "50", "200", "1000"]);
        assert_eq!(marks[0].0, 0.0);
        assert_eq!(marks[4].0, 1.0);
        assert!(marks.windows(2).all(|w| w[0].0 < w[1].0));
        // 50 lx sits log10(50) / 3 of the way along a 1 to 1,000 lx bar.
        assert!((marks[2].0 - 50f32.log10() / 3.0).abs() < 1e-5);
        assert_eq!(colour([0.0, 0.8, 0.3]), egui::Color32::from_rgb(0, 204, 77));
    }
}
