//! What the overlay shows: the exhibit's label, frame statistics, the tour's caption,
//! reload errors and a line of help.

use museion_venue::{Exhibit, LabelText};

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

/// The languages an exhibit's label can be read in: the main one (`""`) first, then its
/// translations in code order.
pub fn languages(exhibit: &Exhibit) -> Vec<String> {
    std::iter::once(String::new())
        .chain(exhibit.metadata.translations.keys().cloned())
        .collect()
}

/// The label fields in reading order, with their captions; absent fields left out.
pub fn label_rows(label: &LabelText) -> Vec<(&'static str, &str)> {
    [
        ("Artist", &label.artist),
        ("Date", &label.date),
        ("Medium", &label.medium),
        ("Dimensions", &label.dimensions),
        ("Accession", &label.accession_number),
        ("Credit", &label.credit_line),
        ("Rights", &label.rights),
    ]
    .into_iter()
    .filter_map(|(caption, value)| value.as_deref().map(|v| (caption, v)))
    .collect()
}

/// The info panel of `exhibit` in `language` (a language switch when it has
/// translations). Returns false when the visitor closed it.
pub fn info_panel(ctx: &egui::Context, exhibit: &Exhibit, language: &mut String) -> bool {
    let mut open = true;
    let label = exhibit.metadata.label(language);
    let title = label.title.clone().unwrap_or_else(|| exhibit.id.clone());
    egui::Window::new("Exhibit")
        .id(egui::Id::unique("exhibit-panel"))
        .open(&mut open)
        .anchor(egui::Align2::RIGHT_TOP, [-8.0, 8.0])
        .default_width(260.0)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(&title);
            let choices = languages(exhibit);
            if choices.len() > 1 {
                egui::ComboBox::from_id_salt("exhibit-language")
                    .selected_text(language_name(language))
                    .show_ui(ui, |ui| {
                        for choice in &choices {
                            ui.selectable_value(language, choice.clone(), language_name(choice));
                        }
                    });
            }
            egui::Grid::new("exhibit-fields").num_columns(2).show(ui, |ui| {
                for (caption, value) in label_rows(&label) {
                    ui.strong(caption);
                    ui.label(value);
                    ui.end_row();
                }
            });
            if let Some(description) = &label.description {
                ui.separator();
                egui::ScrollArea::vertical().max_height(160.0).show(ui, |ui| {
                    ui.label(description);
                });
            }
        });
    open
}

fn language_name(code: &str) -> &str {
    if code.is_empty() { "original" } else { code }
}

/// The statistics in the top-left corner.
pub fn stats(ctx: &egui::Context, mode: &str, stats: &StatsLine) {
    corner(ctx, "stats", egui::Align2::LEFT_TOP, [8.0, 8.0], |ui| {
        ui.monospace(format!("{mode}  {:.2} ms", stats.frame_ms));
        ui.monospace(format!(
            "draws {}  triangles {}  instances {}",
            stats.draws, stats.triangles, stats.instances
        ));
        if let Some(ev) = stats.ev100 {
            ui.monospace(format!("EV100 {ev:.1}"));
        }
    });
}

/// The tour's caption across the bottom.
pub fn caption(ctx: &egui::Context, text: &str) {
    corner(ctx, "caption", egui::Align2::CENTER_BOTTOM, [0.0, -12.0], |ui| {
        ui.label(egui::RichText::new(text).size(16.0));
    });
}

/// A problem (a failed reload, until the next good one; walking turned off), in red
/// across the top under a heading.
pub fn error(ctx: &egui::Context, heading: &str, text: &str) {
    corner(ctx, "error", egui::Align2::CENTER_TOP, [0.0, 8.0], |ui| {
        ui.colored_label(egui::Color32::from_rgb(255, 110, 100), heading);
        ui.label(text);
    });
}

/// A line of help in the bottom-left corner.
pub fn help(ctx: &egui::Context, text: &str) {
    corner(ctx, "help", egui::Align2::LEFT_BOTTOM, [8.0, -8.0], |ui| {
        ui.small(text);
    });
}

fn corner(
    ctx: &egui::Context,
    id: &str,
    align: egui::Align2,
    offset: [f32; 2],
    contents: impl FnOnce(&mut egui::Ui),
) {
    egui::Area::new(egui::Id::unique(id))
        .anchor(align, offset)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(egui::Color32::from_black_alpha(170))
                .show(ui, contents);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_reading_order_and_skip_absent_fields() {
        let label = LabelText {
            title: Some("Harbour".into()),
            artist: Some("J. Doe".into()),
            medium: Some("oil".into()),
            rights: Some("public domain".into()),
            ..LabelText::default()
        };
        assert_eq!(
            label_rows(&label),
            vec![
                ("Artist", "J. Doe"),
                ("Medium", "oil"),
                ("Rights", "public domain")
            ]
        );
        assert!(label_rows(&LabelText::default()).is_empty());
    }
}
