//! The exhibit's info panel: its label in the visitor's language, with a switch between
//! the venue's languages, and its light from the lux report; and the list of the scene's
//! material variants.

use super::lux::{ExhibitFigures, lux_lines};
use super::text::{self, Emphasis};
use super::ui_text::UiText;
use museion_venue::{Exhibit, LabelText};

/// The label fields in reading order, with the keys of their captions in the viewer's
/// word tables; absent fields left out.
pub fn label_rows(label: &LabelText) -> Vec<(&'static str, &str)> {
    [
        ("panel.artist", &label.artist),
        ("panel.date", &label.date),
        ("panel.medium", &label.medium),
        ("panel.dimensions", &label.dimensions),
        ("panel.accession", &label.accession_number),
        ("panel.credit", &label.credit_line),
        ("panel.rights", &label.rights),
    ]
    .into_iter()
    .filter_map(|(caption, value)| value.as_deref().map(|v| (caption, v)))
    .collect()
}

/// What the info panel shows and where.
pub(super) struct InfoPanel<'a> {
    /// The exhibit.
    pub exhibit: &'a Exhibit,
    /// Its figures from the venue's lux report.
    pub lux: &'a ExhibitFigures<'a>,
    /// The venue's reading order (see [`museion_venue::CompiledVenue::languages`]).
    pub languages: &'a [String],
    /// The language the label is read in; the switch changes it.
    pub language: &'a mut String,
    /// The viewer's words.
    pub words: &'a UiText,
    /// The part of the window the panel may cover.
    pub room: egui::Rect,
    /// Why the exhibit is not verified against the venue's signed manifest (empty:
    /// verified), when the venue was opened with `--verify`.
    pub provenance: Option<Vec<String>>,
}

impl InfoPanel<'_> {
    /// Draws the panel in the top-right corner of its room, scrolling when the label is
    /// taller than the room. Returns false when the visitor closed it.
    pub fn show(self, ctx: &egui::Context) -> bool {
        let mut open = true;
        let label = self.exhibit.metadata.label(self.language);
        let title = label.title.clone().unwrap_or_else(|| self.exhibit.id.clone());
        let width = (self.room.width() - 40.0).clamp(120.0, 300.0);
        // The title bar and the window's margins take about this much of the height.
        let height = (self.room.height() - 56.0).max(40.0);
        let (languages, language, words, lux) = (self.languages, self.language, self.words, self.lux);
        let provenance = self.provenance;
        egui::Window::new(words.get("panel.title"))
            .id(egui::Id::unique("exhibit-panel"))
            .open(&mut open)
            .pivot(egui::Align2::RIGHT_TOP)
            .fixed_pos(self.room.right_top() + egui::vec2(-8.0, 8.0))
            .constrain_to(self.room)
            .min_width(width)
            .max_width(width)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        text::paragraph(ui, &title, Emphasis::Heading);
                        if languages.len() > 1 {
                            language_switch(ui, languages, language, words);
                        }
                        for (caption, value) in label_rows(&label) {
                            ui.add_space(2.0);
                            text::paragraph(ui, words.get(caption), Emphasis::Strong);
                            text::paragraph(ui, value, Emphasis::Body);
                        }
                        light_section(ui, lux, words);
                        if let Some(reasons) = &provenance {
                            provenance_section(ui, reasons, words);
                        }
                        if let Some(description) = &label.description {
                            ui.separator();
                            text::paragraph(ui, description, Emphasis::Body);
                        }
                    });
            });
        open
    }
}

/// The exhibit's light from the lux report: its figures, the status line green when
/// within its limits and red when over; "measuring…" until the report is ready.
fn light_section(ui: &mut egui::Ui, lux: &ExhibitFigures, words: &UiText) {
    let figures = match lux {
        ExhibitFigures::Missing => return,
        ExhibitFigures::Measuring => None,
        ExhibitFigures::Ready(figures) => Some(*figures),
    };
    ui.separator();
    text::paragraph(ui, words.get("panel.lux"), Emphasis::Strong);
    let Some(figures) = figures else {
        text::paragraph(ui, words.get("panel.lux_measuring"), Emphasis::Body);
        return;
    };
    let mut lines = lux_lines(figures, words);
    let status = lines.pop().unwrap_or_default();
    for line in lines {
        text::paragraph(ui, &line, Emphasis::Body);
    }
    let colour = if figures.is_over() {
        egui::Color32::from_rgb(255, 120, 110)
    } else {
        egui::Color32::from_rgb(120, 220, 140)
    };
    ui.colored_label(colour, status);
}

/// Whether the exhibit matches the venue's signed manifest: a green line when it does,
/// else a red one and the mismatches that concern it.
fn provenance_section(ui: &mut egui::Ui, reasons: &[String], words: &UiText) {
    ui.separator();
    text::paragraph(ui, words.get("panel.provenance"), Emphasis::Strong);
    if reasons.is_empty() {
        ui.colored_label(
            egui::Color32::from_rgb(120, 220, 140),
            words.get("panel.provenance_verified"),
        );
        return;
    }
    ui.colored_label(
        egui::Color32::from_rgb(255, 120, 110),
        words.get("panel.provenance_unverified"),
    );
    for reason in reasons {
        text::paragraph(ui, reason, Emphasis::Body);
    }
}

/// The material variants panel: "default" and the scene's variant names, the worn one
/// marked; a click picks one.
pub(super) struct VariantPanel<'a> {
    /// The scene's variant names (the panel is not shown when empty).
    pub names: &'a [String],
    /// The variant worn now.
    pub selected: Option<&'a str>,
    /// The viewer's words.
    pub words: &'a UiText,
    /// The part of the window the panel may cover.
    pub room: egui::Rect,
}

impl VariantPanel<'_> {
    /// Draws the list in the bottom-left corner of its room. Returns the variant clicked
    /// this frame (`Some(None)`: the defaults), `None` when nothing was clicked.
    pub fn show(self, ctx: &egui::Context) -> Option<Option<String>> {
        if self.names.is_empty() {
            return None;
        }
        let mut chosen = None;
        let words = self.words;
        egui::Window::new(words.get("variants.title"))
            .id(egui::Id::unique("variant-panel"))
            .pivot(egui::Align2::LEFT_BOTTOM)
            .fixed_pos(self.room.left_bottom() + egui::vec2(8.0, -8.0))
            .constrain_to(self.room)
            .resizable(false)
            .collapsible(true)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height((self.room.height() * 0.5).max(60.0))
                    .show(ui, |ui| {
                        if ui
                            .selectable_label(self.selected.is_none(), words.get("variants.default"))
                            .clicked()
                        {
                            chosen = Some(None);
                        }
                        for name in self.names {
                            if ui
                                .selectable_label(self.selected == Some(name.as_str()), name)
                                .clicked()
                            {
                                chosen = Some(Some(name.clone()));
                            }
                        }
                    });
                ui.label(
                    egui::RichText::new(words.get("variants.hint"))
                        .size(11.0)
                        .color(egui::Color32::from_gray(170)),
                );
            });
        chosen
    }
}

/// The clips of a model opened on its own, the playing one marked; a click plays one.
pub(super) struct ClipPanel<'a> {
    /// The clips' names (the panel is not shown when empty).
    pub names: &'a [String],
    /// The clip playing.
    pub playing: Option<usize>,
    /// The viewer's words.
    pub words: &'a UiText,
}

impl ClipPanel<'_> {
    /// Draws the list in the bottom-right corner of `room`. Returns the clip clicked
    /// this frame.
    pub fn show(&self, ctx: &egui::Context, room: egui::Rect) -> Option<usize> {
        if self.names.is_empty() {
            return None;
        }
        let mut chosen = None;
        let words = self.words;
        egui::Window::new(words.get("clips.title"))
            .id(egui::Id::unique("clip-panel"))
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(room.right_bottom() + egui::vec2(-8.0, -8.0))
            .constrain_to(room)
            .resizable(false)
            .collapsible(true)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height((room.height() * 0.5).max(60.0))
                    .show(ui, |ui| {
                        for (index, name) in self.names.iter().enumerate() {
                            if ui.selectable_label(self.playing == Some(index), name).clicked() {
                                chosen = Some(index);
                            }
                        }
                    });
                ui.label(
                    egui::RichText::new(words.get("clips.hint"))
                        .size(11.0)
                        .color(egui::Color32::from_gray(170)),
                );
            });
        chosen
    }
}

/// The variant after `current` in `names`, as V steps: the defaults (`None`) come
/// before the first name and after the last.
pub fn next_variant(names: &[String], current: Option<&str>) -> Option<String> {
    let next = match current.and_then(|c| names.iter().position(|n| n == c)) {
        Some(i) => i + 1,
        None if current.is_some() => return None,
        None => 0,
    };
    names.get(next).cloned()
}

fn language_switch(ui: &mut egui::Ui, languages: &[String], language: &mut String, words: &UiText) {
    egui::ComboBox::from_id_salt("exhibit-language")
        .selected_text(language_name(language, words))
        .show_ui(ui, |ui| {
            for choice in languages {
                ui.selectable_value(language, choice.clone(), language_name(choice, words));
            }
        });
}

/// A language's name in that language ("Français", "简体中文"); the code when the viewer
/// does not know it; "original" (in the viewer's words) for an unnamed main text.
pub fn language_name<'a>(code: &'a str, words: &'a UiText) -> &'a str {
    match code {
        "" => words.get("panel.original"),
        "ar" => "العربية",
        "de" => "Deutsch",
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "he" => "עברית",
        "it" => "Italiano",
        "ja" => "日本語",
        "ko" => "한국어",
        "nl" => "Nederlands",
        "pt" => "Português",
        "pt-BR" => "Português (Brasil)",
        "ru" => "Русский",
        "zh" | "zh-CN" | "zh-Hans" => "简体中文",
        "zh-TW" | "zh-HK" | "zh-Hant" => "繁體中文",
        other => other,
    }
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
                ("panel.artist", "J. Doe"),
                ("panel.medium", "oil"),
                ("panel.rights", "public domain")
            ]
        );
        assert!(label_rows(&LabelText::default()).is_empty());
    }

    #[test]
    fn v_steps_through_the_variants_and_back_to_the_defaults() {
        let names: Vec<String> = ["beach", "midnight"].map(String::from).to_vec();
        assert_eq!(next_variant(&names, None).as_deref(), Some("beach"));
        assert_eq!(next_variant(&names, Some("beach")).as_deref(), Some("midnight"));
        assert_eq!(next_variant(&names, Some("midnight")), None);
        assert_eq!(next_variant(&names, Some("gone")), None);
        assert_eq!(next_variant(&[], None), None);
    }

    #[test]
    fn languages_are_named_in_their_own_words() {
        let words = UiText::english();
        assert_eq!(language_name("zh-CN", &words), "简体中文");
        assert_eq!(language_name("fr", &words), "Français");
        assert_eq!(language_name("xx", &words), "xx");
        assert_eq!(language_name("", &words), "original");
        let zh = UiText::new("zh-CN").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(language_name("", &zh), "原文");
    }
}
