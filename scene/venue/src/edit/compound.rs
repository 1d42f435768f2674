//! Edits made of several changes, kept as one step of the history: several fields of
//! an item set at once (an artwork dragged onto another wall: its `wall`, `offset` and
//! `center_height`), and the last few edits joined into one (a copy made and moved
//! aside). One undo takes each back whole.

use super::path::{self, Segment};
use super::select;
use super::{EditError, ItemKind, ItemRef, VenueEditor};
use toml_edit::{Item, Value};

impl VenueEditor {
    /// Sets several fields of one item (`offset`, `position[0]`, `metadata.title`…) to
    /// TOML values as one edit: compiled once, undone at once. Refused whole when a
    /// field cannot be set or the result does not compile.
    pub fn set_values(&mut self, item: ItemRef, fields: &[(&str, Value)]) -> Result<(), EditError> {
        let name = self.name(item);
        let shown: Vec<String> = fields
            .iter()
            .map(|(field, value)| format!("{}={}", field.trim(), value.to_string().trim()))
            .collect();
        let description = format!("{name}.{}", shown.join(", "));
        let mut paths: Vec<(Vec<Segment>, Value)> = Vec::with_capacity(fields.len());
        for (field, value) in fields {
            let path = path::parse(field).map_err(|e| super::ops::field_error(&description, e))?;
            let mut value = value.clone();
            value.decor_mut().clear();
            paths.push((path, value));
        }
        let edit = description.clone();
        self.change(description, |doc| {
            for (path, value) in paths {
                path::set(super::ops::item_table(doc, item, &edit)?, &path, value)
                    .map_err(|e| super::ops::field_error(&edit, e))?;
            }
            Ok(())
        })
    }

    /// Joins the last `count` edits into one step of the history described as
    /// `description`, so that one undo takes them all back (the text before the first
    /// of them, byte for byte). Returns whether they were joined: `false`, and nothing
    /// changes, when fewer than `count` edits can be undone or `count` is under 2.
    pub fn join_last(&mut self, count: usize, description: &str) -> bool {
        self.history.join(count, description, &self.text)
    }

    /// The number at a field of an item (`offset`, `position[0]`, `light.lux`) as the
    /// file writes it; `None` when the field is missing or not a number.
    pub fn number(&self, item: ItemRef, field: &str) -> Option<f64> {
        let path = path::parse(field).ok()?;
        let (Segment::Key(key), rest) = path.split_first()? else {
            return None;
        };
        let value = item_value(select::table(&self.document, item)?.get(key)?, rest)?;
        value.as_float().or_else(|| value.as_integer().map(|n| n as f64))
    }

    /// The text at a field of an item (`kind`, `metadata.title`) as the file gives it;
    /// `None` when the field is missing or not a string.
    pub fn string(&self, item: ItemRef, field: &str) -> Option<String> {
        let path = path::parse(field).ok()?;
        let (Segment::Key(key), rest) = path.split_first()? else {
            return None;
        };
        let value = item_value(select::table(&self.document, item)?.get(key)?, rest)?;
        value.as_str().map(str::to_owned)
    }

    /// Whether an item's switch (`pedestal`, `case`: `true`, `false`, or a table of its
    /// settings, which turns it on) is on as the file gives it; `None` when the key is
    /// missing or is none of these.
    pub fn switch(&self, item: ItemRef, key: &str) -> Option<bool> {
        match select::table(&self.document, item)?.get(key)? {
            Item::Value(value) => value
                .as_bool()
                .or_else(|| value.is_inline_table().then_some(true)),
            Item::Table(_) => Some(true),
            _ => None,
        }
    }

    /// How many items of a kind that stands at the top of the file (`lights`,
    /// `artworks`…) it has.
    pub fn count(&self, kind: ItemKind) -> usize {
        if kind.parent().is_some() {
            return 0;
        }
        select::count(&self.document, kind, None)
    }

    /// The index of the wall an artwork hangs on (its `wall`); `None` for other items or
    /// when the file does not give it as a number.
    pub fn wall_of(&self, item: ItemRef) -> Option<usize> {
        if item.kind() != ItemKind::Artwork {
            return None;
        }
        let wall = select::table(&self.document, item)?.get("wall")?.as_integer()?;
        usize::try_from(wall).ok()
    }
}

/// The value at `path` under `item`: keys through tables and inline tables, positions
/// through arrays.
fn item_value<'a>(item: &'a Item, path: &[Segment]) -> Option<&'a Value> {
    match (item, path.split_first()) {
        (Item::Value(value), _) => value_at(value, path),
        (_, Some((Segment::Key(key), rest))) => item_value(item.as_table_like()?.get(key)?, rest),
        _ => None,
    }
}

/// The value at `path` inside a value.
fn value_at<'a>(value: &'a Value, path: &[Segment]) -> Option<&'a Value> {
    match path.split_first() {
        None => Some(value),
        Some((Segment::Key(key), rest)) => value_at(value.as_inline_table()?.get(key)?, rest),
        Some((Segment::Index(index), rest)) => value_at(value.as_array()?.get(*index)?, rest),
    }
}
