//! What the overlay shows around the view: problems across the top, frame statistics
//! in the corner, the tour's caption and a bar of key hints across the bottom. Text
//! is white on a dark band, at least 13 points, and nothing overlaps: the bands take
//! their height first and the rest is placed in what they leave.

use super::quality::Lightened;
use super::text::{self, Emphasis, MissingScript};
use super::ui_text::UiText;
use museion_renderer::ClusterStats;

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
    /// What the light clusters found (read only while the statistics are shown).
    pub lights: Option<ClusterStats>,
}

/// Everything the statistics box shows.
pub(super) struct StatsPanel<'a> {
    /// The key of the mode's name.
    pub mode_key: &'a str,
    /// The measured figures.
    pub stats: &'a StatsLine,
    /// The animation line, when one plays.
    pub animation: Option<&'a str>,
    /// Whether pixels loop their cluster's lights (else every light).
    pub clustered: bool,
    /// The 3D frame's size and render scale, when the scale is below 1.
    pub scaled: Option<((u32, u32), f32)>,
    /// What was lightened for a CPU adapter.
    pub lightened: &'a [Lightened],
}

/// The lines about lights: how many there are and reach the view, how many a cluster
/// holds, the overflow when there is any, and the light loop; the overflow line is
/// marked to be shown in amber.
pub(super) fn light_lines(
    words: &UiText,
    lights: Option<&ClusterStats>,
    clustered: bool,
) -> Vec<(String, bool)> {
    let mut lines = Vec::new();
    match (lights, clustered) {
        (Some(l), true) => {
            lines.push((
                words.fill(
                    "stats.lights",
                    &[
                        ("lights", &l.lights.to_string()),
                        ("visible", &l.visible.to_string()),
                        ("mean", &format!("{:.1}", l.mean_per_cluster)),
                        ("max", &l.max_per_cluster.to_string()),
                    ],
                ),
                false,
            ));
            if l.overflowed_clusters > 0 || l.dropped > 0 {
                lines.push((
                    words.fill(
                        "stats.light_overflow",
                        &[
                            ("clusters", &l.overflowed_clusters.to_string()),
                            ("dropped", &l.dropped.to_string()),
                        ],
                    ),
                    true,
                ));
            }
            lines.push((
                words.fill(
                    "stats.light_loop_clustered",
                    &[("clusters", &l.clusters.to_string())],
                ),
                false,
            ));
        }
        (Some(l), false) => lines.push((
            words.fill("stats.light_loop_all", &[("lights", &l.lights.to_string())]),
            false,
        )),
        (None, true) => lines.push((
            words.fill("stats.light_loop_clustered", &[("clusters", "…")]),
            false,
        )),
        (None, false) => lines.push((words.fill("stats.light_loop_all", &[("lights", "…")]), false)),
    }
    lines
}

/// The lines about how the frame is drawn: its size at a render scale below 1, and the
/// lighter defaults of a CPU adapter.
pub(super) fn quality_lines(
    words: &UiText,
    scaled: Option<((u32, u32), f32)>,
    lightened: &[Lightened],
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(((w, h), scale)) = scaled {
        lines.push(words.fill(
            "stats.render_scale",
            &[("size", &format!("{w}×{h}")), ("scale", &format!("{scale}"))],
        ));
    }
    if !lightened.is_empty() {
        let what: Vec<String> = lightened
            .iter()
            .map(|l| match l {
                Lightened::RenderScale(scale) => {
                    words.fill("stats.lighter_scale", &[("scale", &format!("{scale}"))])
                }
                Lightened::AmbientOcclusionOff => words.get("stats.lighter_ao").to_owned(),
                Lightened::Msaa(samples) => {
                    words.fill("stats.lighter_msaa", &[("msaa", &samples.to_string())])
                }
            })
            .collect();
        lines.push(words.fill("stats.lighter", &[("what", &what.join(", "))]));
    }
    lines
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

/// The statistics in the top-left corner of `room`; returns where they are.
pub(super) fn stats(ctx: &egui::Context, room: egui::Rect, words: &UiText, panel: &StatsPanel) -> egui::Rect {
    let stats = panel.stats;
    boxed(
        ctx,
        "stats",
        room.left_top() + egui::vec2(8.0, 8.0),
        egui::Align2::LEFT_TOP,
        |ui| {
            ui.style_mut().override_text_style = Some(egui::TextStyle::Monospace);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.label(format!("{}  {:.2} ms", words.get(panel.mode_key), stats.frame_ms));
            let counts = [
                ("draws", stats.draws.to_string()),
                ("triangles", stats.triangles.to_string()),
                ("instances", stats.instances.to_string()),
            ];
            let values: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
            ui.label(words.fill("stats.counts", &values));
            for (line, warn) in light_lines(words, stats.lights.as_ref(), panel.clustered) {
                if warn {
                    ui.colored_label(AMBER, line);
                } else {
                    ui.label(line);
                }
            }
            if let Some(ev) = stats.ev100 {
                ui.label(format!("EV100 {ev:.1}"));
            }
            for line in quality_lines(words, panel.scaled, panel.lightened) {
                ui.label(line);
            }
            if let Some(animation) = panel.animation {
                ui.label(animation);
            }
        },
    )
}

/// The tour's caption (and where the tour is) at the bottom of `room`.
pub(super) fn caption(ctx: &egui::Context, room: egui::Rect, progress: &str, caption: Option<&str>) {
    let width = (room.width() - 32.0).clamp(100.0, 720.0);
    let _ = boxed(
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

/// A box of text at `at`; returns where it is.
fn boxed(
    ctx: &egui::Context,
    id: &str,
    at: egui::Pos2,
    pivot: egui::Align2,
    contents: impl FnOnce(&mut egui::Ui),
) -> egui::Rect {
    egui::Area::new(egui::Id::unique(id))
        .pivot(pivot)
        .fixed_pos(at)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(egui::Color32::from_black_alpha(190))
                .show(ui, contents);
        })
        .response
        .rect
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lights(overflowed_clusters: u32, dropped: u32) -> ClusterStats {
        ClusterStats {
            lights: 92,
            visible: 31,
            clusters: 4320,
            mean_per_cluster: 1.3,
            max_per_cluster: 9,
            overflowed_clusters,
            dropped,
        }
    }

    #[test]
    fn the_light_lines_show_counts_the_loop_and_overflow_only_when_there_is_some() {
        let words = UiText::english();
        let lines = light_lines(&words, Some(&lights(0, 0)), true);
        let text: Vec<&str> = lines.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            text,
            [
                "lights 92  visible 31  per cluster mean 1.3 max 9",
                "light loop: clustered (4320 clusters)"
            ]
        );
        let lines = light_lines(&words, Some(&lights(3, 17)), true);
        assert_eq!(
            lines[1],
            ("overflow: 3 clusters full, 17 lights left out".to_owned(), true)
        );
        let all = light_lines(&words, Some(&lights(0, 0)), false);
        assert_eq!(
            all,
            [("light loop: all (every pixel loops 92 lights)".to_owned(), false)]
        );
    }

    #[test]
    fn the_quality_lines_name_the_scale_and_what_a_cpu_adapter_lightened() {
        let words = UiText::english();
        assert!(quality_lines(&words, None, &[]).is_empty());
        let lines = quality_lines(
            &words,
            Some(((640, 360), 0.5)),
            &[
                Lightened::RenderScale(0.5),
                Lightened::AmbientOcclusionOff,
                Lightened::Msaa(1),
            ],
        );
        assert_eq!(
            lines,
            [
                "3D at 640×360 (render scale 0.5)",
                "CPU adapter, lighter defaults: render scale 0.5, no ambient occlusion, MSAA 1"
            ]
        );
    }
}
