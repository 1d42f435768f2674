//! The fields of a spawn or tour stop selected by its marker, in the edit panel: a
//! spawn's `position` (x, z) and `yaw`; a stop's `eye`, its `target` (where the file
//! gives one), its `dwell` and its `caption`. Numbers are dragged with the mouse or
//! typed; a value let go of (the drag ends, or the field loses the keyboard) is one edit,
//! and so is the caption when it loses the keyboard (emptied, it is removed).

use super::markers::Place;
use super::ui_text::UiText;
use museion_venue::VenueEditor;

/// A number field: the file's field, the name the panel gives it, and the value the
/// format gives it when the file does not (`None`: a field shown only when given).
struct NumberField {
    field: &'static str,
    name: &'static str,
    default: Option<f64>,
}

const fn number(field: &'static str, name: &'static str, default: Option<f64>) -> NumberField {
    NumberField { field, name, default }
}

const SPAWN_FIELDS: [NumberField; 3] = [
    number("position[0]", "x", None),
    number("position[1]", "z", None),
    number("yaw", "yaw °", Some(0.0)),
];

const STOP_FIELDS: [NumberField; 7] = [
    number("eye[0]", "eye x", None),
    number("eye[1]", "eye y", None),
    number("eye[2]", "eye z", None),
    number("target[0]", "target x", None),
    number("target[1]", "target y", None),
    number("target[2]", "target z", None),
    number("dwell", "dwell s", Some(10.0)),
];

/// A spawn or tour stop as the panel edits it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PlaceDraft {
    pub place: Place,
    /// The file's values of the fields shown (`None`: not given, the default shown).
    source: Vec<Option<f64>>,
    /// The values being edited.
    values: Vec<f64>,
    /// A stop's caption as the file has it, and as the field holds it.
    caption: Option<(String, String)>,
}

/// The edit a place's fields ask for.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum PlaceEdit {
    /// Set these number fields.
    Numbers(Place, Vec<(&'static str, f64)>),
    /// Set the caption (`None`: remove it).
    Caption(Place, Option<String>),
}

fn fields(place: Place) -> &'static [NumberField] {
    match place {
        Place::Spawn(_) => &SPAWN_FIELDS,
        Place::Stop { .. } => &STOP_FIELDS,
        Place::Light(_) => &[],
    }
}

impl PlaceDraft {
    /// The spawn or stop `place` as the file open in `editor` has it; `None` for a light
    /// (the Lights section edits those) or an item the file lacks.
    pub fn of(editor: &VenueEditor, place: Place) -> Option<Self> {
        if matches!(place, Place::Light(_)) {
            return None;
        }
        let item = editor.select(&place.selector()).ok()?;
        let source: Vec<Option<f64>> = fields(place)
            .iter()
            .map(|f| editor.number(item, f.field))
            .collect();
        let values = fields(place)
            .iter()
            .zip(&source)
            .map(|(f, s)| s.or(f.default).unwrap_or_default())
            .collect();
        let caption = matches!(place, Place::Stop { .. }).then(|| {
            let text = editor.string(item, "caption").unwrap_or_default();
            (text.clone(), text)
        });
        Some(Self {
            place,
            source,
            values,
            caption,
        })
    }

    /// Whether this draft is of `place` as the file open in `editor` has it now.
    pub fn is_current(&self, editor: &VenueEditor, place: Place) -> bool {
        Self::of(editor, place).is_some_and(|now| {
            now.place == self.place
                && now.source == self.source
                && now.caption.map(|c| c.0) == self.caption.as_ref().map(|c| c.0.clone())
        })
    }

    /// The edit of the number fields whose value differs from the file's (or, not
    /// given, from the format's default).
    fn numbers_edit(&self) -> Option<PlaceEdit> {
        let changed: Vec<(&'static str, f64)> = fields(self.place)
            .iter()
            .zip(self.source.iter().zip(&self.values))
            .filter_map(|(field, (source, value))| {
                let before = source.or(field.default)?;
                ((value - before).abs() > 1e-6).then_some((field.field, (value * 1000.0).round() / 1000.0))
            })
            .collect();
        (!changed.is_empty()).then_some(PlaceEdit::Numbers(self.place, changed))
    }

    /// Draws the fields; returns the edit of a value let go of.
    pub fn show(&mut self, ui: &mut egui::Ui, words: &UiText) -> Option<PlaceEdit> {
        let mut released = false;
        let mut caption_edit = None;
        let place = self.place;
        egui::Grid::new("edit-place-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for (index, field) in fields(place).iter().enumerate() {
                    if self.source[index].is_none() && field.default.is_none() {
                        continue;
                    }
                    ui.label(field.name);
                    let response = ui.add(egui::DragValue::new(&mut self.values[index]).speed(0.01));
                    released |= response.drag_stopped() || response.lost_focus();
                    ui.end_row();
                }
                if let Some((source, text)) = &mut self.caption {
                    ui.label(words.get("edit.stop_caption"));
                    let response = ui.add(egui::TextEdit::multiline(text).desired_rows(2));
                    if response.lost_focus() && text != source {
                        let trimmed = text.trim();
                        caption_edit = Some(PlaceEdit::Caption(
                            place,
                            (!trimmed.is_empty()).then(|| trimmed.to_owned()),
                        ));
                    }
                    ui.end_row();
                }
            });
        caption_edit.or_else(|| released.then(|| self.numbers_edit()).flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_value_or_caption_is_an_edit_and_a_missing_yaw_is_written_once_changed() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("venue.toml");
        let text = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [4, 0], [4, 4], [0, 4]]\n\n\
                    [[spawns]]\nid = \"door\"\nroom = \"room\"\nposition = [2, 3]\n\n\
                    [[tours]]\nid = \"walk\"\n\n[[tours.stops]]\neye = [1, 1.6, 2]\ncaption = \"Here\"\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let editor = VenueEditor::open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(PlaceDraft::of(&editor, Place::Light(0)), None);

        let mut spawn = PlaceDraft::of(&editor, Place::Spawn(0)).unwrap_or_else(|| panic!("a spawn"));
        assert_eq!(spawn.values, vec![2.0, 3.0, 0.0]);
        assert_eq!(spawn.numbers_edit(), None, "unchanged");
        spawn.values[2] = 90.0;
        assert_eq!(
            spawn.numbers_edit(),
            Some(PlaceEdit::Numbers(Place::Spawn(0), vec![("yaw", 90.0)]))
        );

        let stop = Place::Stop { tour: 0, stop: 0 };
        let mut draft = PlaceDraft::of(&editor, stop).unwrap_or_else(|| panic!("a stop"));
        assert_eq!(draft.caption, Some(("Here".to_owned(), "Here".to_owned())));
        assert_eq!(draft.source[3], None, "no target in the file");
        draft.values[0] = 1.2345;
        assert_eq!(
            draft.numbers_edit(),
            Some(PlaceEdit::Numbers(stop, vec![("eye[0]", 1.235)]))
        );
        assert!(draft.is_current(&editor, stop));
        assert!(!draft.is_current(&editor, Place::Stop { tour: 0, stop: 1 }));
    }
}
