//! The file's single tables as items: the sections `[venue]`, `[visitor]`, `[guide]`
//! and `[bake]`, and the entries of `[materials]`.
//!
//! Selectors: `venue`, `visitor`, `guide`, `bake` (or `[venue]` … when an item has
//! the same id), `materials.NAME` (or `[materials.NAME]`), and `materials[N]` for the
//! N-th material in the file. A section the file lacks is made when a field is set in
//! it; a material must be in the file (add one with
//! [`VenueEditor::add_material`](super::VenueEditor::add_material)).

use super::VenueEditor;
use super::error::EditError;
use super::ops::{fresh, gone, unplace};
use super::select::{ItemKind, ItemRef, ItemTable, index_and_rest, named_items};
use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

/// The `[materials]` table, when the file has one.
fn materials(doc: &DocumentMut) -> Option<&dyn TableLike> {
    doc.as_table().get(ItemKind::Material.key())?.as_table_like()
}

/// The materials' names, in file order.
pub(crate) fn material_names(doc: &DocumentMut) -> Vec<String> {
    materials(doc).map_or_else(Vec::new, |m| m.iter().map(|(k, _)| k.to_owned()).collect())
}

/// How many items of a section or material kind the file has: 0 or 1 for a section.
pub(crate) fn count(doc: &DocumentMut, kind: ItemKind) -> usize {
    match kind {
        ItemKind::Material => material_names(doc).len(),
        _ => usize::from(doc.as_table().get(kind.key()).is_some_and(Item::is_table_like)),
    }
}

/// The table of a section or a material.
pub(crate) fn table(doc: &DocumentMut, item: ItemRef) -> Option<&dyn TableLike> {
    match item.kind() {
        ItemKind::Material => materials(doc)?.iter().nth(item.index())?.1.as_table_like(),
        kind => doc.as_table().get(kind.key())?.as_table_like(),
    }
}

/// The table of a section (made when the file lacks it) or of a material, for editing.
pub(crate) fn table_mut(doc: &mut DocumentMut, item: ItemRef) -> Option<ItemTable<'_>> {
    let root = doc.as_table_mut();
    let entry = match item.kind() {
        ItemKind::Material => {
            let materials = root.get_mut(ItemKind::Material.key())?.as_table_like_mut()?;
            materials.iter_mut().nth(item.index())?.1
        }
        kind => root
            .entry(kind.key())
            .or_insert_with(|| Item::Table(Table::new())),
    };
    match entry {
        Item::Table(table) => Some(ItemTable::Standard(table)),
        Item::Value(Value::InlineTable(table)) => Some(ItemTable::Inline(table)),
        _ => None,
    }
}

/// A section's key, or `materials.NAME`.
pub(crate) fn name(doc: &DocumentMut, item: ItemRef) -> String {
    match item.kind() {
        ItemKind::Material => match material_names(doc).get(item.index()) {
            Some(name) => format!("materials.{name}"),
            None => format!("materials[{}]", item.index()),
        },
        kind => kind.key().to_owned(),
    }
}

/// The section or material a selector starts with, and what follows it; `None` when it
/// names none (an item of a list, then).
pub(crate) fn head<'s>(
    doc: &DocumentMut,
    selector: &'s str,
    edit: &str,
) -> Result<Option<(ItemRef, &'s str)>, EditError> {
    let fail = |message: String, hint: String| EditError::Select {
        edit: edit.to_owned(),
        message,
        hint,
    };
    // `[guide]`, `[materials.oak]`.
    if let Some(inner) = selector.strip_prefix('[') {
        let (name, rest) = inner.split_once(']').ok_or_else(|| {
            fail(
                format!("`{selector}` has no `]`"),
                "name a table as [venue], [visitor], [guide], [bake] or [materials.NAME]".into(),
            )
        })?;
        let name = name.trim();
        if let Some(kind) = ItemKind::SECTIONS.into_iter().find(|k| k.key() == name) {
            return Ok(Some((ItemRef::top(kind, 0), rest)));
        }
        let material = name.strip_prefix("materials.").map(str::trim);
        return match material.and_then(|m| material_names(doc).iter().position(|n| n == m)) {
            Some(index) => Ok(Some((ItemRef::top(ItemKind::Material, index), rest))),
            None => Err(no_table(doc, name, edit)),
        };
    }
    // `materials[0]`.
    if let Some(after) = selector.strip_prefix("materials[") {
        let names = material_names(doc);
        return match index_and_rest(after) {
            Some((index, rest)) if index < names.len() => {
                Ok(Some((ItemRef::top(ItemKind::Material, index), rest)))
            }
            Some((index, _)) => Err(fail(
                format!("there is no materials[{index}]"),
                format!("the venue has {} materials, from materials[0]", names.len()),
            )),
            None => Err(fail(
                "`materials[` needs a position and `]`".into(),
                "write `materials[0]` for the first".into(),
            )),
        };
    }
    // `materials.oak`: the longest material name the selector goes on with.
    if let Some(after) = selector.strip_prefix("materials.") {
        let names = material_names(doc);
        let best = names
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                after == n.as_str() || after.strip_prefix(n.as_str()).is_some_and(|r| r.starts_with('.'))
            })
            .max_by_key(|(_, n)| n.len());
        return match best {
            Some((index, name)) => Ok(Some((
                ItemRef::top(ItemKind::Material, index),
                &after[name.len()..],
            ))),
            None => Err(no_table(
                doc,
                selector.split('.').take(2).collect::<Vec<_>>().join(".").as_str(),
                edit,
            )),
        };
    }
    // `guide.lead`: a section by its key, unless an item has it as its id.
    let word = selector.split(['.', '[']).next().unwrap_or(selector);
    let Some(kind) = ItemKind::SECTIONS.into_iter().find(|k| k.key() == word) else {
        return Ok(None);
    };
    if let Some((item, _)) = named_items(doc).into_iter().find(|(_, id)| id == word) {
        return Err(fail(
            format!(
                "\"{word}\" is both the [{word}] table and the id of a {}",
                item.kind()
            ),
            format!(
                "write `[{word}]` for the table or `{}:{word}` for the item",
                item.kind()
            ),
        ));
    }
    Ok(Some((ItemRef::top(kind, 0), &selector[word.len()..])))
}

/// A table selector that names nothing: the tables the file can have as the hint.
fn no_table(doc: &DocumentMut, name: &str, edit: &str) -> EditError {
    let materials: Vec<String> = material_names(doc)
        .iter()
        .map(|n| format!("materials.{n}"))
        .collect();
    let known = if materials.is_empty() {
        "the venue has no [materials]".to_owned()
    } else {
        format!("its materials are {}", materials.join(", "))
    };
    EditError::Select {
        edit: edit.to_owned(),
        message: format!("the venue has no table [{name}]"),
        hint: format!("tables are [venue], [visitor], [guide], [bake] and [materials.NAME]; {known}"),
    }
}

/// Removes a section or a material (and `[materials]` with its last entry); `None` when
/// it is not in the file.
pub(crate) fn delete(doc: &mut DocumentMut, item: ItemRef) -> Option<()> {
    let root = doc.as_table_mut();
    if item.kind() != ItemKind::Material {
        return root.remove(item.kind().key()).map(drop);
    }
    let materials = root.get_mut(ItemKind::Material.key())?.as_table_like_mut()?;
    let name = materials.iter().nth(item.index())?.0.to_owned();
    materials.remove(&name)?;
    if materials.is_empty() {
        root.remove(ItemKind::Material.key());
    }
    Some(())
}

impl VenueEditor {
    /// Adds a section the file lacks, with `fields`, at the end of the file.
    pub(super) fn add_table(&mut self, kind: ItemKind, fields: Table) -> Result<ItemRef, EditError> {
        let description = format!("add [{}]", kind.key());
        let refuse = |message: String, hint: &str| EditError::Field {
            edit: description.clone(),
            message,
            hint: hint.to_owned(),
        };
        if kind == ItemKind::Material {
            return Err(refuse(
                "a material is added by its name".into(),
                "use add_material(NAME, fields)",
            ));
        }
        if count(&self.document, kind) > 0 {
            return Err(refuse(
                format!("the venue already has [{}]", kind.key()),
                "set its fields instead",
            ));
        }
        self.change(description.clone(), |doc| {
            doc.as_table_mut().insert(kind.key(), Item::Table(fresh(fields)));
            Ok(())
        })?;
        Ok(ItemRef::top(kind, 0))
    }

    /// Adds a material named `name` with `fields` (`based_on = "wood"`, `base_color =
    /// […]`, see [`item_fields`](crate::item_fields)) after the file's last material, as a
    /// `[materials.NAME]` table (or inside `materials = { … }` when the file writes them
    /// inline). Refused when the venue has a material of that name.
    pub fn add_material(&mut self, name: &str, fields: Table) -> Result<ItemRef, EditError> {
        let description = format!("add materials.{name}");
        if material_names(&self.document).iter().any(|n| n == name) {
            return Err(EditError::Field {
                edit: description,
                message: format!("the venue already has a material \"{name}\""),
                hint: "give the new material another name, or set the fields of this one".into(),
            });
        }
        let index = count(&self.document, ItemKind::Material);
        let edit = description.clone();
        self.change(description, |doc| {
            let root = doc.as_table_mut();
            let materials = root.entry(ItemKind::Material.key()).or_insert_with(|| {
                let mut table = Table::new();
                table.set_implicit(true);
                Item::Table(table)
            });
            match materials {
                Item::Table(table) => {
                    table.insert(name, Item::Table(fresh(fields)));
                }
                Item::Value(Value::InlineTable(table)) => {
                    table.insert(name, Value::InlineTable(fields.into_inline_table()));
                }
                _ => {
                    return Err(EditError::Field {
                        edit,
                        message: "`materials` is not a table in this file".into(),
                        hint: "fix the file's own value first".into(),
                    });
                }
            }
            Ok(())
        })?;
        Ok(ItemRef::top(ItemKind::Material, index))
    }

    /// Copies a material under `new_name` (else the first free `NAME-2`, `NAME-3`…) after
    /// the last material; sections are refused.
    pub(super) fn duplicate_table(
        &mut self,
        item: ItemRef,
        new_name: Option<&str>,
    ) -> Result<ItemRef, EditError> {
        let name = self.name(item);
        let names = material_names(&self.document);
        let (ItemKind::Material, Some(old)) = (item.kind(), names.get(item.index())) else {
            return Err(EditError::Field {
                edit: format!("duplicate {name}"),
                message: format!("the venue has one [{name}]"),
                hint: "a section cannot be duplicated; set its fields".into(),
            });
        };
        let new = new_name.map_or_else(
            || {
                (2..)
                    .map(|n| format!("{old}-{n}"))
                    .find(|c| !names.contains(c))
                    .unwrap_or_else(|| format!("{old}-copy"))
            },
            str::to_owned,
        );
        let description = format!("duplicate {name} as {new}");
        if names.contains(&new) {
            return Err(EditError::Field {
                edit: description,
                message: format!("the venue already has a material \"{new}\""),
                hint: "give the copy another name".into(),
            });
        }
        let edit = description.clone();
        self.change(description, |doc| {
            let materials = doc
                .as_table_mut()
                .get_mut(ItemKind::Material.key())
                .and_then(Item::as_table_like_mut)
                .ok_or_else(|| gone(&edit))?;
            let mut copy = materials.get(old).cloned().ok_or_else(|| gone(&edit))?;
            match &mut copy {
                Item::Table(table) => {
                    unplace(table);
                    table.decor_mut().clear();
                }
                Item::Value(value) => value.decor_mut().clear(),
                _ => {}
            }
            materials.insert(&new, copy);
            Ok(())
        })?;
        Ok(ItemRef::top(ItemKind::Material, names.len()))
    }
}
