//! The venue file's hand-placed lights (`[[lights]]`) in the edit panel: one chosen from
//! a list, its `position`, `target` (where the file gives one) and `intensity` as numbers
//! dragged with the mouse or typed, buttons that dim or brighten it by a step, and one
//! that aims it at the picked exhibit. A value
//! let go of (the drag ends, or the field loses the keyboard) is one edit; the lux figures
//! of the picked exhibit's panel are measured again for the edited venue.

use super::ui_text::UiText;
use museion_scene::glam::Vec3;
use museion_venue::toml_edit::{Array, Value};
use museion_venue::{ItemKind, ItemRef, VenueEditor};

/// How much the dim and brighten buttons change a light's intensity: a third of a stop.
pub const INTENSITY_STEP: f64 = 1.259_921;

/// The fields shown, with the names the panel gives them.
const FIELDS: [(&str, &str); 7] = [
    ("position[0]", "x"),
    ("position[1]", "y"),
    ("position[2]", "z"),
    ("target[0]", "target x"),
    ("target[1]", "target y"),
    ("target[2]", "target z"),
    ("intensity", "cd"),
];

/// One light of the file as the panel edits it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LightDraft {
    /// Its place among the file's lights.
    pub index: usize,
    /// Its kind as the file says (`spot`, `point`, `directional`).
    pub kind: String,
    /// The file's values of [`FIELDS`] (`None`: the file has no such field).
    source: [Option<f64>; 7],
    /// The values being edited.
    values: [f64; 7],
}

/// The edit a light's fields ask for: its place and the fields with their new values.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LightEdit {
    pub index: usize,
    pub fields: Vec<(&'static str, f64)>,
}

impl LightEdit {
    /// The fields as TOML values, rounded to the millimetre (or the thousandth of a
    /// candela).
    pub fn values(&self) -> Vec<(&'static str, Value)> {
        self.fields
            .iter()
            .map(|(field, value)| (*field, Value::from((value * 1000.0).round() / 1000.0)))
            .collect()
    }
}

/// The item of light `index` of the file open in `editor`.
pub(super) fn light_item(editor: &VenueEditor, index: usize) -> Option<ItemRef> {
    editor.select(&format!("lights[{index}]")).ok()
}

impl LightDraft {
    /// Light `index` as the file open in `editor` has it; `None` when there is none.
    pub fn of(editor: &VenueEditor, index: usize) -> Option<Self> {
        let item = light_item(editor, index)?;
        let source = FIELDS.map(|(field, _)| editor.number(item, field));
        Some(Self {
            index,
            kind: editor.string(item, "kind").unwrap_or_default(),
            values: source.map(|v| v.unwrap_or_default()),
            source,
        })
    }

    /// Whether this draft is of light `index` as the file open in `editor` has it now.
    pub fn is_current(&self, editor: &VenueEditor, index: usize) -> bool {
        Self::of(editor, index).is_some_and(|now| now.index == self.index && now.source == self.source)
    }

    /// The edit that the values ask for: the fields whose value differs from the file's.
    pub fn edit(&self) -> Option<LightEdit> {
        let fields: Vec<(&'static str, f64)> = FIELDS
            .iter()
            .zip(self.source.iter().zip(self.values))
            .filter_map(|((field, _), (source, value))| {
                let source = (*source)?;
                ((value - source).abs() > 1e-6).then_some((*field, value))
            })
            .collect();
        (!fields.is_empty()).then_some(LightEdit {
            index: self.index,
            fields,
        })
    }

    /// The intensity times `factor`, as an edit.
    pub fn scaled(&self, factor: f64) -> Option<LightEdit> {
        let intensity = self.source[6]?;
        Some(LightEdit {
            index: self.index,
            fields: vec![("intensity", intensity * factor)],
        })
    }

    /// Draws the light's values; returns the edit of a value let go of, or of a button.
    pub fn show(&mut self, ui: &mut egui::Ui, words: &UiText) -> Option<LightEdit> {
        let mut released = false;
        let mut edit = None;
        egui::Grid::new("edit-light-fields")
            .num_columns(2)
            .show(ui, |ui| {
                for (index, (_, name)) in FIELDS.iter().enumerate() {
                    if self.source[index].is_none() {
                        continue;
                    }
                    ui.label(*name);
                    let speed = if index == 6 { 1.0 } else { 0.01 };
                    let response = ui.add(egui::DragValue::new(&mut self.values[index]).speed(speed));
                    released |= response.drag_stopped() || response.lost_focus();
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            if ui.button(words.get("edit.light_dimmer")).clicked() {
                edit = self.scaled(1.0 / INTENSITY_STEP);
            }
            if ui.button(words.get("edit.light_brighter")).clicked() {
                edit = self.scaled(INTENSITY_STEP);
            }
        });
        edit.or_else(|| released.then(|| self.edit()).flatten())
    }
}

/// The `target` that aims a light at `point` (world space): as the file writes targets,
/// its y above the floor of the light's room when it names one (at `elevation`), and
/// rounded to the millimetre.
pub(super) fn target_value(point: Vec3, elevation: Option<f32>) -> Value {
    let y = point.y - elevation.unwrap_or(0.0);
    let millimetres = |metres: f32| (f64::from(metres) * 1000.0).round() / 1000.0;
    Value::Array(Array::from_iter([
        millimetres(point.x),
        millimetres(y),
        millimetres(point.z),
    ]))
}

/// The list of the file's lights to choose one from (`lights[0] (spot)`…); returns the
/// index chosen when it changes.
pub(super) fn show_choice(
    ui: &mut egui::Ui,
    editor: &VenueEditor,
    chosen: Option<usize>,
    words: &UiText,
) -> Option<Option<usize>> {
    let count = editor.count(ItemKind::Light);
    if count == 0 {
        return None;
    }
    let name = |index: usize| {
        let item = light_item(editor, index);
        let named = item.map_or_else(|| format!("lights[{index}]"), |item| editor.name(item));
        match item.and_then(|item| editor.string(item, "kind")) {
            Some(kind) => format!("{named} ({kind})"),
            None => named,
        }
    };
    let mut choice = chosen;
    egui::ComboBox::from_id_salt("edit-light-choice")
        .selected_text(chosen.map_or_else(|| words.get("edit.light_none").to_owned(), name))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, None, words.get("edit.light_none"));
            for index in 0..count {
                ui.selectable_value(&mut choice, Some(index), name(index));
            }
        });
    (choice != chosen).then_some(choice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor() -> (tempfile::TempDir, VenueEditor) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("venue.toml");
        let text = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [4, 0], [4, 4], [0, 4]]\n\n\
                    [[lights]]\nkind = \"spot\"\nroom = \"room\"\nposition = [2, 2.8, 2]\ntarget = [2, 0, 1]\nintensity = 500\n\n\
                    [[lights]]\nkind = \"point\"\nposition = [1, 2, 1]\nintensity = 80\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let editor = VenueEditor::open(&path).unwrap_or_else(|e| panic!("{e}"));
        (dir, editor)
    }

    #[test]
    fn a_changed_value_is_an_edit_of_its_field_and_the_buttons_scale_the_intensity() {
        let (_dir, mut editor) = editor();
        let mut spot = LightDraft::of(&editor, 0).unwrap_or_else(|| panic!("a light"));
        assert_eq!(spot.kind, "spot");
        assert_eq!(spot.edit(), None, "unchanged");
        spot.values[0] = 2.5;
        spot.values[4] = 0.0;
        let edit = spot.edit().unwrap_or_else(|| panic!("an edit"));
        assert_eq!(edit.fields, vec![("position[0]", 2.5)]);
        let item = light_item(&editor, edit.index).unwrap_or_else(|| panic!("a light"));
        editor
            .set_values(item, &edit.values())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            editor.text().contains("position = [2.5, 2.8, 2]"),
            "{}",
            editor.text()
        );
        let brighter = spot.scaled(INTENSITY_STEP).unwrap_or_else(|| panic!("an edit"));
        assert_eq!(brighter.values()[0].1.to_string(), "629.961");

        // A point light has no target: its fields are not shown or written.
        let point = LightDraft::of(&editor, 1).unwrap_or_else(|| panic!("a light"));
        assert_eq!(point.source[3], None);
        assert!(LightDraft::of(&editor, 2).is_none());
        // Aimed at a point 1.2 m up in a room whose floor is 0.5 m high.
        let target = target_value(Vec3::new(1.0, 1.7, 2.25), Some(0.5));
        assert_eq!(target.to_string(), "[1.0, 1.2, 2.25]");
    }
}
