//! What the overlay shows around the view: problems across the top, frame statistics
//! in the corner, the tour's caption and a bar of key hints across the bottom. Text
//! is white on a dark band, at least 13 points, and nothing overlaps: the bands take
//! their height first and the rest is placed in what they leave.

use super::text::{self, Emphasis, MissingScript};
use super::ui_text::UiText;

/// Frame statistics for the corner overlay.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StatsLine {
    /// Mean frame time over the last measurement, milliseconds.
    pub frame_ms: f64,
    /// Draws executed.
    pub draws: u32,
    /// Triangles submitted.
    pub triangles: u64,
    /// Instances drawn.
    pub instances: u32,
    /// Automatic exposure, when on.
    pub ev100: Option<f32>,
}

/// A problem to show across the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Banner {
    /// A failed reload (the last good venue stays).
    ReloadFailed(String),
    /// A note (walking is off, no tour, …), already in the viewer's words.
    Note(String),
}

/// The text size of the bands, in points.
const BAND_TEXT: f32 = 14.0;
const RED: egui::Color32 = egui::Color32::from_rgb(255, 120, 110);
const AMBER: egui::Color32 = egui::Color32::from_rgb(255, 200, 90);

fn band_frame() -> egui::Frame {
    egui::Frame::NONE
        .fill(egui::Color32::from_black_alpha(210))
        .inner_margin(egui::Margin::symmetric(10, 5))
}

/// The bands across the top (problems, scripts without fonts) and the bottom (key
/// hints); returns the part of the window they leave.
pub(super) fn bands(
    ctx: &egui::Context,
    words: &UiText,
    banners: &[Banner],
    missing: &[MissingScript],
    help_key: &str,
) -> egui::Rect {
    ctx.root_ui(|root| bands_in(root, words, banners, missing, help_key))
}

fn bands_in(
    root: &mut egui::Ui,
    words: &UiText,
    banners: &[Banner],
    missing: &[MissingScript],
    help_key: &str,
) -> egui::Rect {
    if !banners.is_empty() || !missing.is_empty() {
        egui::Panel::top("problems")
            .frame(band_frame())
            .show_separator_line(false)
            .show(root, |ui| {
                ui.style_mut().override_font_id = Some(egui::FontId::proportional(BAND_TEXT));
                for banner in banners {
                    match banner {
                        Banner::ReloadFailed(error) => {
                            ui.colored_label(RED, words.get("reload.failed"));
                            ui.colored_label(egui::Color32::WHITE, error);
                        }
                        Banner::Note(note) => {
                            ui.colored_label(AMBER, format!("{}: {note}", words.get("notice.heading")));
                        }
                    }
                }
                // Advice about missing Chinese fonts cannot be read in Chinese drawn as
                // boxes: then it is given in English.
                let english = UiText::english();
                let advice = if words.code() == "zh-CN" && missing.iter().any(|m| m.script == "Han") {
                    &english
                } else {
                    words
                };
                for script in missing {
                    ui.colored_label(
                        AMBER,
                        advice.fill(
                            "fonts.missing",
                            &[("script", script.script), ("package", script.package)],
                        ),
                    );
                }
            });
    }
    egui::Panel::bottom("help")
        .frame(band_frame())
        .show_separator_line(false)
        .show(root, |ui| {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(words.get(help_key))
                        .size(BAND_TEXT - 1.0)
                        .color(egui::Color32::from_gray(235)),
                )
                .wrap(),
            );
        });
    root.available_rect_before_wrap()
}

/// The statistics in the top-left corner of `room`.
pub(super) fn stats(
    ctx: &egui::Context,
    room: egui::Rect,
    words: &UiText,
    mode_key: &str,
    stats: &StatsLine,
    animation: Option<&str>,
) {
    boxed(
        ctx,
        "stats",
        room.left_top() + egui::vec2(8.0, 8.0),
        egui::Align2::LEFT_TOP,
        |ui| {
            ui.style_mut().override_text_style = Some(egui::TextStyle::Monospace);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label(format!("{}  {:.2} ms", words.get(mode_key), stats.frame_ms));
            let counts = [
                ("draws", stats.draws.to_string()),
                ("triangles", stats.triangles.to_string()),
                ("instances", stats.instances.to_string()),
            ];
            let values: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
            ui.label(words.fill("stats.counts", &values));
            if let Some(ev) = stats.ev100 {
                ui.label(format!("EV100 {ev:.1}"));
            }
            if let Some(animation) = animation {
                ui.label(animation);
            }
        },
    );
}

/// The tour's caption (and where the tour is) at the bottom of `room`.
pub(super) fn caption(ctx: &egui::Context, room: egui::Rect, progress: &str, caption: Option<&str>) {
    let width = (room.width() - 32.0).clamp(100.0, 720.0);
    boxed(
        ctx,
        "caption",
        room.center_bottom() - egui::vec2(0.0, 10.0),
        egui::Align2::CENTER_BOTTOM,
        |ui| {
            ui.set_max_width(width);
            ui.label(
                egui::RichText::new(progress)
                    .size(12.0)
                    .color(egui::Color32::from_gray(200)),
            );
            if let Some(caption) = caption {
                text::paragraph(ui, caption, Emphasis::Large);
            }
        },
    );
}

fn boxed(
    ctx: &egui::Context,
    id: &str,
    at: egui::Pos2,
    pivot: egui::Align2,
    contents: impl FnOnce(&mut egui::Ui),
) {
    egui::Area::new(egui::Id::unique(id))
        .pivot(pivot)
        .fixed_pos(at)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(egui::Color32::from_black_alpha(190))
                .show(ui, contents);
        });
}
