//! The picked exhibit's label as text fields in the edit panel: the fields of its label in
//! the language being read (the main text, or a translation), each committed when Enter
//! is pressed or the field loses focus, as one edit of `metadata.FIELD` (or
//! `metadata.translations.LANG.FIELD`); emptied, the field is removed. While a field has
//! the keyboard, keys go to it (egui takes them before the viewer sees them).

use super::panel_places;
use super::ui_text::UiText;
use museion_venue::{CompiledVenue, Exhibit, LabelText};

/// The label's fields as the venue format names them, in the order shown.
pub(super) const FIELDS: [&str; 9] = [
    "title",
    "artist",
    "date",
    "medium",
    "dimensions",
    "accession_number",
    "credit_line",
    "rights",
    "description",
];

/// The viewer's words naming each field, in [`FIELDS`] order.
const FIELD_WORDS: [&str; 9] = [
    "edit.field.title",
    "edit.field.artist",
    "edit.field.date",
    "edit.field.medium",
    "edit.field.dimensions",
    "edit.field.accession_number",
    "edit.field.credit_line",
    "edit.field.rights",
    "edit.field.description",
];

/// A label's fields in [`FIELDS`] order, empty where it has none.
fn values(label: &LabelText) -> [String; 9] {
    [
        &label.title,
        &label.artist,
        &label.date,
        &label.medium,
        &label.dimensions,
        &label.accession_number,
        &label.credit_line,
        &label.rights,
        &label.description,
    ]
    .map(|v| v.clone().unwrap_or_default())
}

/// The translation a label edit in `language` writes: `None` for the main text (the
/// venue's own language, or `""` where it names none).
pub(super) fn translation_of(venue: &CompiledVenue, language: &str) -> Option<String> {
    (!language.is_empty() && venue.language.as_deref() != Some(language)).then(|| language.to_owned())
}

/// One field's new text, to set through the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LabelEdit {
    /// The exhibit's id.
    pub id: String,
    /// The field's path in the item (`metadata.title`,
    /// `metadata.translations.fr.title`).
    pub field: String,
    /// The text; `None` removes the field.
    pub value: Option<String>,
}

/// The label being edited: what the venue says and what the fields hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LabelDraft {
    id: String,
    translation: Option<String>,
    /// The venue's values when the draft was made.
    source: [String; 9],
    /// The fields' text.
    pub text: [String; 9],
}

impl LabelDraft {
    /// The draft of `exhibit`'s label in `translation` (`None`: the main text): its own
    /// fields only, not those a translation falls back on.
    pub fn of(exhibit: &Exhibit, translation: Option<&str>) -> Self {
        let source = match translation {
            None => values(&exhibit.metadata.main_text()),
            Some(code) => exhibit
                .metadata
                .translations
                .get(code)
                .map_or_else(Default::default, values),
        };
        Self {
            id: exhibit.id.clone(),
            translation: translation.map(str::to_owned),
            text: source.clone(),
            source,
        }
    }

    /// Whether this draft is of `exhibit`'s label in `translation` as the venue has it
    /// now (else a new one is made: another exhibit or language, or an edit, undo or
    /// reload changed the label).
    pub fn is_current(&self, exhibit: &Exhibit, translation: Option<&str>) -> bool {
        let now = Self::of(exhibit, translation);
        self.id == now.id && self.translation == now.translation && self.source == now.source
    }

    /// The edit that field `index` asks for: `None` when its text is what the venue has.
    pub fn commit(&self, index: usize) -> Option<LabelEdit> {
        let (text, source) = (self.text.get(index)?, self.source.get(index)?);
        if text == source {
            return None;
        }
        let name = FIELDS.get(index)?;
        let field = match &self.translation {
            None => format!("metadata.{name}"),
            Some(code) => format!("metadata.translations.{code}.{name}"),
        };
        Some(LabelEdit {
            id: self.id.clone(),
            field,
            value: (!text.trim().is_empty()).then(|| text.clone()),
        })
    }

    /// Draws the fields; returns the edit of a field committed (Enter, or focus lost).
    pub fn show(&mut self, ui: &mut egui::Ui, words: &UiText) -> Option<LabelEdit> {
        let mut committed = None;
        let heading = match &self.translation {
            Some(code) => words.fill("edit.label_in", &[("language", code)]),
            None => words.get("edit.label").to_owned(),
        };
        // The header and the fields are named places (`label`, `label.title`…), for
        // scripts to click.
        let section = egui::CollapsingHeader::new(heading)
            .id_salt("edit-label")
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("edit-label-fields")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (index, (name, word)) in FIELDS.iter().zip(FIELD_WORDS).enumerate() {
                            ui.label(words.get(word));
                            let text = &mut self.text[index];
                            let field = if *name == "description" {
                                egui::TextEdit::multiline(text).desired_rows(2)
                            } else {
                                egui::TextEdit::singleline(text)
                            };
                            let response = ui.add(field.desired_width(220.0));
                            panel_places::note(ui.ctx(), &format!("label.{name}"), response.rect);
                            if response.lost_focus() {
                                committed = committed.take().or_else(|| self.commit(index));
                            }
                            ui.end_row();
                        }
                    });
            });
        panel_places::note(ui.ctx(), "label", section.header_response.rect);
        committed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_venue::{ExhibitKind, ExhibitMetadata, ExhibitSurface};
    use std::collections::BTreeMap;

    fn exhibit() -> Exhibit {
        let mut translations = BTreeMap::new();
        translations.insert(
            "fr".to_owned(),
            LabelText {
                title: Some("La Baigneuse".into()),
                ..LabelText::default()
            },
        );
        Exhibit {
            id: "bather".into(),
            kind: ExhibitKind::Artwork,
            node: museion_scene::Scene::new()
                .add_node(museion_scene::Node::new(), None)
                .unwrap_or_else(|e| panic!("{e}")),
            room: None,
            metadata: ExhibitMetadata {
                title: Some("The Bather".into()),
                date: Some("1890".into()),
                translations,
                ..ExhibitMetadata::default()
            },
            bounds: museion_scene::Aabb::EMPTY,
            surface: ExhibitSurface::Object {
                bounds: museion_scene::Aabb::EMPTY,
                front: museion_scene::glam::Vec3::Z,
            },
            light_sensitivity: None,
            assets: Vec::new(),
        }
    }

    #[test]
    fn a_changed_field_commits_to_its_path_and_an_emptied_one_is_removed() {
        let exhibit = exhibit();
        let mut draft = LabelDraft::of(&exhibit, None);
        assert_eq!(draft.text[0], "The Bather");
        assert_eq!(draft.commit(0), None, "unchanged");
        draft.text[0] = "Bather".into();
        draft.text[2] = "  ".into();
        assert_eq!(
            draft.commit(0),
            Some(LabelEdit {
                id: "bather".into(),
                field: "metadata.title".into(),
                value: Some("Bather".into())
            })
        );
        assert_eq!(draft.commit(2).map(|e| e.value), Some(None));
        assert!(draft.is_current(&exhibit, None), "typing keeps the draft");
        assert!(!draft.is_current(&exhibit, Some("fr")));
        // A translation shows its own fields only and writes under its code.
        let mut french = LabelDraft::of(&exhibit, Some("fr"));
        assert_eq!(
            (french.text[0].as_str(), french.text[2].as_str()),
            ("La Baigneuse", "")
        );
        french.text[1] = "Renoir".into();
        assert_eq!(
            french.commit(1).map(|e| e.field),
            Some("metadata.translations.fr.artist".into())
        );
        assert_eq!(french.commit(9), None);
    }
}
