//! One key of an item replaced by others, written where it stood, as one edit: a tour
//! stop placed in front of an exhibit (`exhibit = "…"`) made an explicit pose (`eye` and
//! `target`). Setting the new keys and removing the old one as two edits cannot do it:
//! neither half compiles (a stop is an exhibit or an eye, not both, and not neither).

use super::ops::{field_error, item_table};
use super::path::PathError;
use super::select::ItemTable;
use super::{EditError, ItemRef, VenueEditor};
use toml_edit::{Item, Key, Value};

impl VenueEditor {
    /// Replaces key `old` of an item's own table by `fields` (keys of that table, as TOML
    /// values), written in order where `old` stood, its comment lines kept above the
    /// first of them and the keys after it keeping their place, as one edit: compiled
    /// once, undone at once. Refused when the item has no `old` key, or already has one
    /// of `fields`' keys, or the result does not compile.
    pub fn replace_field(
        &mut self,
        item: ItemRef,
        old: &str,
        fields: &[(&str, Value)],
    ) -> Result<(), EditError> {
        let old = old.trim();
        let shown: Vec<String> = fields
            .iter()
            .map(|(field, value)| format!("{}={}", field.trim(), value.to_string().trim()))
            .collect();
        let description = format!("{}.{old} replaced by {}", self.name(item), shown.join(", "));
        let fields: Vec<(String, Value)> = fields
            .iter()
            .map(|(field, value)| {
                let mut value = value.clone();
                value.decor_mut().clear();
                (field.trim().to_owned(), value)
            })
            .collect();
        let edit = description.clone();
        self.change(description, |doc| {
            replace_key(item_table(doc, item, &edit)?, old, fields).map_err(|e| field_error(&edit, e))
        })
    }
}

/// Replaces key `old` of `table` by `fields` where it stood.
fn replace_key(table: ItemTable<'_>, old: &str, fields: Vec<(String, Value)>) -> Result<(), PathError> {
    let keys: Vec<String> = match &table {
        ItemTable::Standard(t) => t.iter().map(|(k, _)| k.to_owned()).collect(),
        ItemTable::Inline(t) => t.iter().map(|(k, _)| k.to_owned()).collect(),
    };
    let Some(at) = keys.iter().position(|k| k == old) else {
        return Err(PathError {
            message: format!("there is no `{old}` to replace"),
            hint: "only a key the file gives can be replaced".into(),
        });
    };
    if let Some((taken, _)) = fields.iter().find(|(key, _)| key != old && keys.contains(key)) {
        return Err(PathError {
            message: format!("`{taken}` is already given"),
            hint: format!("set `{taken}` instead, or remove it first"),
        });
    }
    let after = &keys[at + 1..];
    match table {
        ItemTable::Standard(t) => {
            let Some((old_key, _)) = t.remove_entry(old) else {
                return Ok(());
            };
            let moved: Vec<(Key, Item)> = after.iter().filter_map(|k| t.remove_entry(k)).collect();
            for (key, value) in placed(&old_key, fields) {
                t.insert_formatted(&key, Item::Value(value));
            }
            for (key, item) in moved {
                t.insert_formatted(&key, item);
            }
        }
        ItemTable::Inline(t) => {
            let Some((old_key, old_value)) = t.remove_entry(old) else {
                return Ok(());
            };
            let moved: Vec<(Key, Value)> = after.iter().filter_map(|k| t.remove_entry(k)).collect();
            let mut new = placed(&old_key, fields);
            // The space before the closing brace stays after the last value.
            if moved.is_empty()
                && let (Some(suffix), Some((_, last))) = (old_value.decor().suffix(), new.last_mut())
            {
                last.decor_mut().set_suffix(suffix.clone());
            }
            for (key, value) in new.into_iter().chain(moved) {
                t.insert_formatted(&key, value);
            }
        }
    }
    Ok(())
}

/// The keys of `fields`, the first dressed as `old` was (the comment lines above it and
/// the indentation).
fn placed(old: &Key, fields: Vec<(String, Value)>) -> Vec<(Key, Value)> {
    fields
        .into_iter()
        .enumerate()
        .map(|(index, (name, value))| {
            let mut key = Key::new(name);
            if index == 0 {
                *key.leaf_decor_mut() = old.leaf_decor().clone();
            }
            (key, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::Array;

    const VENUE: &str = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [6, 0], [6, 5], [0, 5]]\n\n\
                         [[artworks]]\nid = \"painting\"\nroom = \"room\"\nwall = 0\noffset = 3\n\
                         center_height = 1.5\nwidth = 1\nimage = \"art.png\"\n\n\
                         [[tours]]\nid = \"walk\"\n\n\
                         [[tours.stops]]\n# in front of the painting\nexhibit = \"painting\"   # the only one\n\
                         dwell = 5\ncaption = \"The painting.\"\n\n\
                         [[tours.stops]]\neye = [3, 1.6, 4]\n";

    fn array(numbers: [f64; 3]) -> Value {
        Value::Array(numbers.into_iter().collect::<Array>())
    }

    fn editor(text: &str) -> (tempfile::TempDir, VenueEditor) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        museion_testkit::venue::write_png(&dir.path().join("art.png"), 120, 90);
        let path = dir.path().join("venue.toml");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let editor = VenueEditor::open(&path).unwrap_or_else(|e| panic!("{e}"));
        (dir, editor)
    }

    #[test]
    fn a_stop_at_an_exhibit_becomes_an_eye_and_target_in_its_place_as_one_undo_step() {
        let (_dir, mut editor) = editor(VENUE);
        let stop = editor
            .select("tours[0].stops[0]")
            .unwrap_or_else(|e| panic!("{e}"));
        let fields = [
            ("eye", array([3.0, 1.6, 2.5])),
            ("target", array([3.0, 1.5, 0.1])),
        ];
        editor
            .replace_field(stop, "exhibit", &fields)
            .unwrap_or_else(|e| panic!("{e}"));
        let expected = VENUE.replace(
            "exhibit = \"painting\"   # the only one\n",
            "eye = [3.0, 1.6, 2.5]\ntarget = [3.0, 1.5, 0.1]\n",
        );
        assert_eq!(editor.text(), expected);
        let compiled = &editor.compiled().tours[0].stops[0];
        assert_eq!(compiled.exhibit, None);
        assert_eq!(compiled.eye, glam::Vec3::new(3.0, 1.6, 2.5));
        assert!(editor.undo().unwrap_or_else(|e| panic!("{e}")).is_some());
        assert_eq!(editor.text(), VENUE, "one undo takes it all back");
    }

    #[test]
    fn an_inline_stop_keeps_its_keys_order_and_a_missing_or_taken_key_is_refused() {
        let text = VENUE.replace(
            "[[tours.stops]]\neye = [3, 1.6, 4]\n",
            "[[tours.stops]]\neye = [3, 1.6, 4]\n\n[[tours]]\nid = \"short\"\n\
             stops = [{ exhibit = \"painting\", dwell = 4 }, { exhibit = \"painting\" }]\n",
        );
        let (_dir, mut editor) = editor(&text);
        let fields = [
            ("eye", array([3.0, 1.6, 2.5])),
            ("target", array([3.0, 1.5, 0.0])),
        ];
        for index in 0..2 {
            let stop = editor
                .select(&format!("tours[1].stops[{index}]"))
                .unwrap_or_else(|e| panic!("{e}"));
            editor
                .replace_field(stop, "exhibit", &fields)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(
            editor.text().contains(
                "stops = [{ eye = [3.0, 1.6, 2.5], target = [3.0, 1.5, 0.0], dwell = 4 }, \
                 { eye = [3.0, 1.6, 2.5], target = [3.0, 1.5, 0.0] }]\n"
            ),
            "{}",
            editor.text()
        );
        let before = editor.text().to_owned();
        let placed = editor
            .select("tours[0].stops[1]")
            .unwrap_or_else(|e| panic!("{e}"));
        let missing = editor.replace_field(placed, "exhibit", &fields);
        assert!(
            matches!(&missing, Err(EditError::Field { message, .. }) if message.contains("no `exhibit`")),
            "{missing:?}"
        );
        let first = editor
            .select("tours[0].stops[0]")
            .unwrap_or_else(|e| panic!("{e}"));
        let taken = editor.replace_field(first, "exhibit", &[("dwell", Value::from(3))]);
        assert!(
            matches!(&taken, Err(EditError::Field { message, .. }) if message.contains("`dwell` is already given")),
            "{taken:?}"
        );
        assert_eq!(editor.text(), before, "refused edits change nothing");
    }
}
