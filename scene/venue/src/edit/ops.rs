//! The edits: set or remove a field, move or rehang an artwork, add, delete and
//! duplicate items. Each goes through [`VenueEditor::change`], which compiles the
//! result before keeping it.

use super::path::{self, PathError, Segment};
use super::select::{self, ItemTable, ListMut};
use super::tables;
use super::{EditError, ItemKind, ItemRef, VenueEditor};
use crate::error::VenueError;
use glam::Vec2;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

impl VenueEditor {
    /// Applies one edit written `SELECTOR.FIELD=VALUE`, as `museion edit` takes them:
    /// `painting-01.offset=3.0`, `painting-01.metadata.title=Blue Field`,
    /// `lights[0].intensity=250`, `highlights.stops[1].dwell=8`. The value is read as
    /// in [`set`](Self::set); a refused edit's error names it as written.
    pub fn apply(&mut self, edit: &str) -> Result<(), EditError> {
        let Some((target, value)) = edit.split_once('=') else {
            return Err(EditError::Field {
                edit: edit.to_owned(),
                message: "an edit is SELECTOR.FIELD=VALUE, and this has no `=`".into(),
                hint: "e.g. `painting-01.offset=3.0` or `painting-01.metadata.title=Blue Field`".into(),
            });
        };
        let target = target.trim();
        let (item, rest) = select::head(&self.document, target, edit)?;
        let Some(field) = rest.strip_prefix('.') else {
            return Err(EditError::Field {
                edit: edit.to_owned(),
                message: format!("`{target}` names an item, not one of its fields"),
                hint: format!("give the field after a dot: `{target}.FIELD=VALUE`"),
            });
        };
        let path = path::parse(field).map_err(|e| field_error(edit, e))?;
        self.set_text(edit.to_owned(), item, &path, value)
    }

    /// Sets a field of an item (`offset`, `metadata.title`, `position[0]`,
    /// `light.lux`) from text: a TOML value (`3.0`, `"Blue Field"`, `[1, 0, 2]`,
    /// `false`), or, where that is no TOML value or the field takes text, the text
    /// itself as a string (`Blue Field`, `1967` for a date). Tables on the way that the
    /// file lacks are made (`light = { lux = 80 }`, `[artworks.metadata]`).
    pub fn set(&mut self, item: ItemRef, field: &str, value: &str) -> Result<(), EditError> {
        let description = format!("{}.{}={}", self.name(item), field.trim(), value.trim());
        let path = path::parse(field).map_err(|e| field_error(&description, e))?;
        self.set_text(description, item, &path, value)
    }

    /// Sets a field of an item to a TOML value.
    pub fn set_value(&mut self, item: ItemRef, field: &str, value: Value) -> Result<(), EditError> {
        let description = format!(
            "{}.{}={}",
            self.name(item),
            field.trim(),
            value.to_string().trim()
        );
        let path = path::parse(field).map_err(|e| field_error(&description, e))?;
        self.put(description, item, &path, value)
    }

    /// Removes a field of an item (it takes its default again), or an element of a list
    /// (`position[2]`).
    pub fn remove_field(&mut self, item: ItemRef, field: &str) -> Result<(), EditError> {
        let description = format!("remove {}.{}", self.name(item), field.trim());
        let path = path::parse(field).map_err(|e| field_error(&description, e))?;
        let edit = description.clone();
        self.change(description, |doc| {
            path::remove(item_table(doc, item, &edit)?, &path).map_err(|e| field_error(&edit, e))
        })
    }

    /// Moves an artwork along its wall by `metres` (toward the wall's second corner
    /// when positive): its `offset` changes, rounded to the millimetre. Refused when it
    /// would reach past the wall's ends or over an opening.
    pub fn move_along_wall(&mut self, item: ItemRef, metres: f32) -> Result<(), EditError> {
        let description = format!("move {} {metres:+} m along its wall", self.name(item));
        self.artwork_only(item, &description)?;
        let offset = select::table(&self.document, item)
            .and_then(|t| t.get("offset"))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .ok_or_else(|| EditError::Field {
                edit: description.clone(),
                message: "the artwork has no numeric `offset`".into(),
                hint: "give it `offset = …` first".into(),
            })?;
        let value = metres_value(offset + f64::from(metres));
        self.put(description, item, &[Segment::Key("offset".into())], value)
    }

    /// The direction, `(x, z)` of unit length, in which an artwork's `offset` grows: along
    /// its wall from the wall's first corner to its second. `None` for other items, or
    /// when the artwork's room or wall is not in the file as numbers.
    pub fn wall_direction(&self, item: ItemRef) -> Option<Vec2> {
        if item.kind() != ItemKind::Artwork {
            return None;
        }
        let artwork = select::table(&self.document, item)?;
        let room = artwork.get("room")?.as_str()?;
        let wall = usize::try_from(artwork.get("wall")?.as_integer()?).ok()?;
        let rooms =
            (0..select::count(&self.document, ItemKind::Room, None)).map(|i| ItemRef::top(ItemKind::Room, i));
        let room = rooms
            .into_iter()
            .find(|r| select::id_of(&self.document, *r).as_deref() == Some(room))?;
        let floor = select::table(&self.document, room)?.get("floor")?.as_array()?;
        let corner = |i: usize| -> Option<Vec2> {
            let point = floor.get(i % floor.len())?.as_array()?;
            let number = |v: &Value| v.as_float().or_else(|| v.as_integer().map(|n| n as f64));
            Some(Vec2::new(
                number(point.get(0)?)? as f32,
                number(point.get(1)?)? as f32,
            ))
        };
        (corner(wall + 1)? - corner(wall)?).try_normalize()
    }

    /// Hangs an artwork on wall `wall` of its room, its centre `offset` metres from the
    /// wall's first corner (rounded to the millimetre): one edit, as when it is dragged
    /// round a corner.
    pub fn hang(&mut self, item: ItemRef, wall: usize, offset: f32) -> Result<(), EditError> {
        let description = format!("hang {} on wall {wall} at {offset} m", self.name(item));
        self.artwork_only(item, &description)?;
        let edit = description.clone();
        let wall = Value::from(i64::try_from(wall).unwrap_or(i64::MAX));
        self.change(description, |doc| {
            for (key, value) in [("wall", wall), ("offset", metres_value(f64::from(offset)))] {
                path::set(item_table(doc, item, &edit)?, &[Segment::Key(key.into())], value)
                    .map_err(|e| field_error(&edit, e))?;
            }
            Ok(())
        })
    }

    /// Appends a new item of `kind` after the last of its kind, with `fields` (see
    /// [`item_fields`](crate::item_fields) to write them as TOML). Its sections (such as
    /// `[artworks.metadata]`) follow it.
    ///
    /// A section (`[guide]`, `[bake]`, …) is added as a table at the end of the file when
    /// the file lacks it; a material is added with [`add_material`](Self::add_material).
    pub fn add(&mut self, kind: ItemKind, fields: Table) -> Result<ItemRef, EditError> {
        if !kind.is_list() {
            return self.add_table(kind, fields);
        }
        let index = select::count(&self.document, kind, None);
        let description = format!("add {kind} {}", new_name(&fields, kind, index));
        if let Some(parent) = kind.parent() {
            return Err(EditError::Field {
                edit: description,
                message: format!("a {kind} is added inside a {parent}"),
                hint: format!("select the {parent} and add to it (`add_to`)"),
            });
        }
        let edit = description.clone();
        self.change(description, |doc| {
            let root = ItemTable::Standard(doc.as_table_mut());
            insert(root, kind, index, fresh(fields), &edit)
        })?;
        Ok(ItemRef::top(kind, index))
    }

    /// Appends a new item inside `parent`: a stop at the end of a tour, an opening in a
    /// room.
    pub fn add_to(&mut self, parent: ItemRef, fields: Table) -> Result<ItemRef, EditError> {
        let parent_name = self.name(parent);
        let Some(kind) = parent.kind().child() else {
            return Err(EditError::Field {
                edit: format!("add to {parent_name}"),
                message: format!("a {} holds no items", parent.kind()),
                hint: "stops are added to tours, openings to rooms".into(),
            });
        };
        let index = select::count(&self.document, kind, Some(parent));
        let description = format!("add {kind} {parent_name}.{}[{index}]", kind.key());
        let edit = description.clone();
        self.change(description, |doc| {
            let holder = item_table(doc, parent, &edit)?;
            insert(holder, kind, index, fresh(fields), &edit)
        })?;
        Ok(ItemRef::inside(parent, kind, index))
    }

    /// Deletes an item with everything under it (an artwork's label, a tour's stops) and
    /// the comments just above it. Refused when something still names it (a tour stop
    /// its exhibit, an artwork its room).
    /// A section or a material is removed with its fields.
    pub fn delete(&mut self, item: ItemRef) -> Result<(), EditError> {
        let description = format!("delete {}", self.name(item));
        let edit = description.clone();
        if !item.kind().is_list() {
            return self.change(description, |doc| {
                tables::delete(doc, item).ok_or_else(|| gone(&edit))
            });
        }
        self.change(description, |doc| {
            let holder = holder(doc, item, &edit)?.into_table_like();
            let left = match ListMut::of(&mut *holder, item.kind().key()) {
                Some(ListMut::Tables(tables)) if item.index() < tables.len() => {
                    tables.remove(item.index());
                    tables.len()
                }
                Some(ListMut::Inline(array)) if item.index() < array.len() => {
                    array.remove(item.index());
                    array.len()
                }
                _ => return Err(gone(&edit)),
            };
            if left == 0 {
                holder.remove(item.kind().key());
            }
            Ok(())
        })
    }

    /// Copies an item (with its label and sections) right after itself. Items with an
    /// id get `new_id`, or when `None` the first free `ID-2`, `ID-3`…; returns the copy.
    /// A material is copied under `new_id` (else `NAME-2`…) after the last material; a
    /// section cannot be duplicated.
    pub fn duplicate(&mut self, item: ItemRef, new_id: Option<&str>) -> Result<ItemRef, EditError> {
        if !item.kind().is_list() {
            return self.duplicate_table(item, new_id);
        }
        let name = self.name(item);
        let id = match (select::id_of(&self.document, item), new_id) {
            (_, Some(id)) => Some(id.to_owned()),
            (Some(old), None) => Some(self.free_id(&old)),
            (None, None) => None,
        };
        let description = match &id {
            Some(id) => format!("duplicate {name} as {id}"),
            None => format!("duplicate {name}"),
        };
        let edit = description.clone();
        let copy = item.at(item.index() + 1);
        self.change(description, |doc| {
            let holder = holder(doc, item, &edit)?.into_table_like();
            let id_key = [Segment::Key("id".into())];
            match ListMut::of(holder, item.kind().key()) {
                Some(ListMut::Tables(tables)) => {
                    let mut table = tables.get(item.index()).cloned().ok_or_else(|| gone(&edit))?;
                    unplace(&mut table);
                    table.decor_mut().clear();
                    if let Some(id) = id {
                        path::set(ItemTable::Standard(&mut table), &id_key, Value::from(id))
                            .map_err(|e| field_error(&edit, e))?;
                    }
                    tables.insert(copy.index(), table);
                }
                Some(ListMut::Inline(array)) => {
                    let mut value = array.get(item.index()).cloned().ok_or_else(|| gone(&edit))?;
                    if let (Some(id), Some(table)) = (id, value.as_inline_table_mut()) {
                        path::set(ItemTable::Inline(table), &id_key, Value::from(id))
                            .map_err(|e| field_error(&edit, e))?;
                    }
                    array.insert_formatted(copy.index(), value);
                }
                None => return Err(gone(&edit)),
            }
            Ok(())
        })?;
        Ok(copy)
    }

    /// Refuses an operation only artworks have.
    fn artwork_only(&self, item: ItemRef, edit: &str) -> Result<(), EditError> {
        if item.kind() == ItemKind::Artwork {
            return Ok(());
        }
        Err(EditError::Field {
            edit: edit.to_owned(),
            message: format!(
                "{} is a {}; only artworks hang on walls",
                self.name(item),
                item.kind()
            ),
            hint: "move other items by setting their `position`".into(),
        })
    }

    /// `id-2`, `id-3`… : the first that no item has.
    fn free_id(&self, id: &str) -> String {
        let taken: Vec<String> = ItemKind::LISTS
            .into_iter()
            .filter(|k| k.has_id() && k.parent().is_none())
            .flat_map(|kind| {
                (0..select::count(&self.document, kind, None))
                    .filter_map(move |i| select::id_of(&self.document, ItemRef::top(kind, i)))
            })
            .collect();
        (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| format!("{id}-copy"))
    }

    /// Sets `path` from text: a TOML value, or the text as a string where it is none or
    /// where the field turns out to take text.
    fn set_text(
        &mut self,
        description: String,
        item: ItemRef,
        path: &[Segment],
        text: &str,
    ) -> Result<(), EditError> {
        let text = text.trim();
        let Ok(value) = text.parse::<Value>() else {
            return self.put(description, item, path, Value::from(text));
        };
        let quoted = value.is_str();
        let result = self.put(description.clone(), item, path, value);
        let wants_text = matches!(
            &result,
            Err(EditError::Refused { source, .. })
                if matches!(source.as_ref(), VenueError::Syntax { message, .. } if takes_text(message))
        );
        if wants_text && !quoted {
            return self.put(description, item, path, Value::from(text));
        }
        result
    }

    /// Sets `path` to `value`, keeping the formatting around the old value.
    fn put(
        &mut self,
        description: String,
        item: ItemRef,
        path: &[Segment],
        mut value: Value,
    ) -> Result<(), EditError> {
        value.decor_mut().clear();
        let edit = description.clone();
        self.change(description, |doc| {
            path::set(item_table(doc, item, &edit)?, path, value).map_err(|e| field_error(&edit, e))
        })
    }
}

/// The fields of a new item written as TOML (`id = "x"`, `room = "gallery"`, and its
/// sections such as `[metadata]`), for [`VenueEditor::add`].
pub fn item_fields(toml: &str) -> Result<Table, EditError> {
    let document = toml.parse::<DocumentMut>().map_err(|e| EditError::Field {
        edit: "the new item's fields".into(),
        message: e.message().to_owned(),
        hint:
            "write them as the item's table in the venue file would: `key = value` lines, then its sections"
                .into(),
    })?;
    Ok(document.as_table().clone())
}

/// Whether the parser's complaint is that a field takes text: the value given is
/// then meant as a string.
fn takes_text(message: &str) -> bool {
    message.starts_with("found ") && message.ends_with("expected a string")
}

/// A length in metres, rounded to the millimetre, as a TOML float.
fn metres_value(metres: f64) -> Value {
    let rounded = (metres * 1000.0).round() / 1000.0;
    Value::from(if rounded == 0.0 { 0.0 } else { rounded })
}

/// How a new item is named in its description: its id, else its place.
fn new_name(fields: &Table, kind: ItemKind, index: usize) -> String {
    fields
        .get("id")
        .and_then(Item::as_str)
        .map_or_else(|| format!("{}[{index}]", kind.key()), str::to_owned)
}

/// A table made or copied for a new place: it and its sections take their place in
/// the file from where they are put, and it has no comment of its own.
pub(super) fn fresh(mut table: Table) -> Table {
    unplace(&mut table);
    table.decor_mut().clear();
    table.set_implicit(false);
    table
}

/// Forgets the file positions of a table and its sections, so they are written where
/// they now stand (a copy would otherwise be written beside the original's sections).
pub(super) fn unplace(table: &mut Table) {
    table.set_position(None);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(section) => unplace(section),
            Item::ArrayOfTables(tables) => tables.iter_mut().for_each(unplace),
            Item::None | Item::Value(_) => {}
        }
    }
}

/// Puts `table` at `index` of the list of `kind` in `holder`, making the list if it is
/// missing.
fn insert(
    holder: ItemTable<'_>,
    kind: ItemKind,
    index: usize,
    table: Table,
    edit: &str,
) -> Result<(), EditError> {
    let inline = matches!(holder, ItemTable::Inline(_));
    let holder = holder.into_table_like();
    let taken = holder.contains_key(kind.key());
    match ListMut::of(&mut *holder, kind.key()) {
        Some(ListMut::Tables(tables)) => tables.insert(index, table),
        Some(ListMut::Inline(array)) => array.insert(index, table.into_inline_table()),
        None if taken => {
            return Err(EditError::Field {
                edit: edit.to_owned(),
                message: format!("`{}` is not a list of tables here", kind.key()),
                hint: "fix the file's own value first".into(),
            });
        }
        None if inline => {
            let mut array = toml_edit::Array::new();
            array.push(table.into_inline_table());
            holder.insert(kind.key(), Item::Value(Value::Array(array)));
        }
        None => {
            let mut tables = ArrayOfTables::new();
            tables.push(table);
            holder.insert(kind.key(), Item::ArrayOfTables(tables));
        }
    }
    Ok(())
}

/// An item's table in a draft.
pub(super) fn item_table<'d>(
    doc: &'d mut DocumentMut,
    item: ItemRef,
    edit: &str,
) -> Result<ItemTable<'d>, EditError> {
    select::table_mut(doc, item).ok_or_else(|| gone(edit))
}

/// The table holding an item's list in a draft.
fn holder<'d>(doc: &'d mut DocumentMut, item: ItemRef, edit: &str) -> Result<ItemTable<'d>, EditError> {
    select::holder_mut(doc, item).ok_or_else(|| gone(edit))
}

/// An item that is not (or no longer) in the file.
pub(super) fn gone(edit: &str) -> EditError {
    EditError::Select {
        edit: edit.to_owned(),
        message: "the item is not in the file".into(),
        hint: "an item's place changes when items before it are added or deleted: select it again".into(),
    }
}

pub(super) fn field_error(edit: &str, error: PathError) -> EditError {
    EditError::Field {
        edit: edit.to_owned(),
        message: error.message,
        hint: error.hint,
    }
}
