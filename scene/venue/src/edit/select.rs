//! Items of a venue file and the selectors that name them: `painting-01` (an id),
//! `spawn:gallery` (an id of one kind), `lights[0]` (a position in a list),
//! `highlights.stops[1]` (an item inside another), and the file's single tables
//! (`venue`, `[guide]`, `materials.oak`: see [`super::tables`]).

use super::error::EditError;
use super::tables;
use crate::toml_errors::closest;
use std::fmt;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// A kind of item in a venue file: an entry of one of its lists of tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `[[rooms]]`.
    Room,
    /// `[[rooms.openings]]`, inside a room.
    Opening,
    /// `[[ramps]]`.
    Ramp,
    /// `[[models]]`.
    Model,
    /// `[[artworks]]`.
    Artwork,
    /// `[[lights]]` (no id: named by position, `lights[0]`).
    Light,
    /// `[[props]]`.
    Prop,
    /// `[[spawns]]`.
    Spawn,
    /// `[[tours]]`.
    Tour,
    /// `[[tours.stops]]`, inside a tour.
    Stop,
    /// The `[venue]` table.
    Venue,
    /// The `[visitor]` table.
    Visitor,
    /// The `[guide]` table.
    Guide,
    /// The `[bake]` table.
    Bake,
    /// An entry of `[materials]` (`[materials.oak]`), named by its key.
    Material,
}

impl ItemKind {
    /// Every kind of item in a list of tables, in the order of the format's
    /// documentation.
    pub const LISTS: [ItemKind; 10] = [
        ItemKind::Room,
        ItemKind::Opening,
        ItemKind::Ramp,
        ItemKind::Model,
        ItemKind::Artwork,
        ItemKind::Light,
        ItemKind::Prop,
        ItemKind::Spawn,
        ItemKind::Tour,
        ItemKind::Stop,
    ];

    /// Every kind: the lists, the sections and the materials.
    pub const ALL: [ItemKind; 15] = [
        ItemKind::Room,
        ItemKind::Opening,
        ItemKind::Ramp,
        ItemKind::Model,
        ItemKind::Artwork,
        ItemKind::Light,
        ItemKind::Prop,
        ItemKind::Spawn,
        ItemKind::Tour,
        ItemKind::Stop,
        ItemKind::Venue,
        ItemKind::Visitor,
        ItemKind::Guide,
        ItemKind::Bake,
        ItemKind::Material,
    ];

    /// The file's single tables, each named by its key (`venue`, `[guide]`).
    pub const SECTIONS: [ItemKind; 4] = [
        ItemKind::Venue,
        ItemKind::Visitor,
        ItemKind::Guide,
        ItemKind::Bake,
    ];

    /// Whether it is one of [`SECTIONS`](Self::SECTIONS).
    pub fn is_section(self) -> bool {
        Self::SECTIONS.contains(&self)
    }

    /// Whether its items are entries of a list of tables (not a section or a material).
    pub fn is_list(self) -> bool {
        Self::LISTS.contains(&self)
    }

    /// The key of its list in the file: `"artworks"`, or `"stops"` inside a tour.
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::Room => "rooms",
            ItemKind::Opening => "openings",
            ItemKind::Ramp => "ramps",
            ItemKind::Model => "models",
            ItemKind::Artwork => "artworks",
            ItemKind::Light => "lights",
            ItemKind::Prop => "props",
            ItemKind::Spawn => "spawns",
            ItemKind::Tour => "tours",
            ItemKind::Stop => "stops",
            ItemKind::Venue => "venue",
            ItemKind::Visitor => "visitor",
            ItemKind::Guide => "guide",
            ItemKind::Bake => "bake",
            ItemKind::Material => "materials",
        }
    }

    /// Its name in a selector of one kind (`spawn:gallery`): `"artwork"`, `"spawn"`.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Room => "room",
            ItemKind::Opening => "opening",
            ItemKind::Ramp => "ramp",
            ItemKind::Model => "model",
            ItemKind::Artwork => "artwork",
            ItemKind::Light => "light",
            ItemKind::Prop => "prop",
            ItemKind::Spawn => "spawn",
            ItemKind::Tour => "tour",
            ItemKind::Stop => "stop",
            ItemKind::Venue => "venue",
            ItemKind::Visitor => "visitor",
            ItemKind::Guide => "guide",
            ItemKind::Bake => "bake",
            ItemKind::Material => "material",
        }
    }

    /// The kind whose items hold this kind's list: rooms for openings, tours for stops;
    /// `None` for the lists at the top of the file.
    pub fn parent(self) -> Option<ItemKind> {
        match self {
            ItemKind::Opening => Some(ItemKind::Room),
            ItemKind::Stop => Some(ItemKind::Tour),
            _ => None,
        }
    }

    /// The kind of item listed inside this one (openings in rooms, stops in tours).
    pub fn child(self) -> Option<ItemKind> {
        ItemKind::LISTS.into_iter().find(|k| k.parent() == Some(self))
    }

    /// Whether its items have an `id` (a ramp's is optional; sections and materials are
    /// named by their keys).
    pub fn has_id(self) -> bool {
        self.is_list() && !matches!(self, ItemKind::Opening | ItemKind::Light | ItemKind::Stop)
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One item of a venue file: its kind and its position in its list (and, for openings
/// and stops, the position of the room or tour it is in). A position holds until an
/// edit adds or deletes an item before it; select again after such an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    kind: ItemKind,
    index: usize,
    parent: Option<usize>,
}

impl ItemRef {
    /// Its kind.
    pub fn kind(self) -> ItemKind {
        self.kind
    }

    /// Its position in its list, from 0.
    pub fn index(self) -> usize {
        self.index
    }

    /// The room or tour it is in (openings and stops).
    pub fn parent(self) -> Option<ItemRef> {
        Some(ItemRef {
            kind: self.kind.parent()?,
            index: self.parent?,
            parent: None,
        })
    }

    /// The item at `index` of the list of `kind` at the top of the file.
    pub(crate) fn top(kind: ItemKind, index: usize) -> Self {
        Self {
            kind,
            index,
            parent: None,
        }
    }

    /// The item at `index` of the list of `parent`'s child kind.
    pub(crate) fn inside(parent: ItemRef, kind: ItemKind, index: usize) -> Self {
        Self {
            kind,
            index,
            parent: Some(parent.index),
        }
    }

    /// The same item at another position of its list.
    pub(crate) fn at(self, index: usize) -> Self {
        Self { index, ..self }
    }
}

/// A list of items: `[[artworks]]` tables, or an inline array of tables.
enum List<'a> {
    Tables(&'a ArrayOfTables),
    Inline(&'a Array),
}

impl<'a> List<'a> {
    fn of(parent: &'a dyn TableLike, key: &str) -> Option<Self> {
        match parent.get(key)? {
            Item::ArrayOfTables(tables) => Some(List::Tables(tables)),
            Item::Value(Value::Array(array)) => Some(List::Inline(array)),
            _ => None,
        }
    }

    fn len(&self) -> usize {
        match self {
            List::Tables(tables) => tables.len(),
            List::Inline(array) => array.len(),
        }
    }

    fn get(&self, index: usize) -> Option<&'a dyn TableLike> {
        match self {
            List::Tables(tables) => tables.get(index).map(|t| t as &dyn TableLike),
            List::Inline(array) => array.get(index)?.as_inline_table().map(|t| t as &dyn TableLike),
        }
    }
}

/// The number of items in the list of `kind` inside `parent` (at the top of the file
/// when `None`).
pub(crate) fn count(doc: &DocumentMut, kind: ItemKind, parent: Option<ItemRef>) -> usize {
    if !kind.is_list() {
        return tables::count(doc, kind);
    }
    let holder = match parent {
        Some(p) => table(doc, p),
        None => Some(doc.as_table() as &dyn TableLike),
    };
    holder
        .and_then(|h| List::of(h, kind.key()))
        .map_or(0, |l| l.len())
}

/// The table of an item.
pub(crate) fn table(doc: &DocumentMut, item: ItemRef) -> Option<&dyn TableLike> {
    if !item.kind.is_list() {
        return tables::table(doc, item);
    }
    let root: &dyn TableLike = doc.as_table();
    match (item.kind.parent(), item.parent) {
        (Some(parent_kind), Some(parent)) => {
            let holder = List::of(root, parent_kind.key())?.get(parent)?;
            List::of(holder, item.kind.key())?.get(item.index)
        }
        _ => List::of(root, item.kind.key())?.get(item.index),
    }
}

/// An item's table, for editing: a standard table or an inline one.
pub(crate) enum ItemTable<'a> {
    /// `[[artworks]]`.
    Standard(&'a mut Table),
    /// `{ … }` in an inline array.
    Inline(&'a mut InlineTable),
}

impl<'a> ItemTable<'a> {
    /// The table as either kind.
    pub(crate) fn into_table_like(self) -> &'a mut dyn TableLike {
        match self {
            ItemTable::Standard(t) => t,
            ItemTable::Inline(t) => t,
        }
    }
}

/// The list of `key` inside `holder`, for editing.
pub(crate) enum ListMut<'a> {
    /// `[[…]]` tables.
    Tables(&'a mut ArrayOfTables),
    /// `[{ … }, …]`.
    Inline(&'a mut Array),
}

impl<'a> ListMut<'a> {
    pub(crate) fn of(holder: &'a mut dyn TableLike, key: &str) -> Option<Self> {
        match holder.get_mut(key)? {
            Item::ArrayOfTables(tables) => Some(ListMut::Tables(tables)),
            Item::Value(Value::Array(array)) => Some(ListMut::Inline(array)),
            _ => None,
        }
    }

    pub(crate) fn get(self, index: usize) -> Option<ItemTable<'a>> {
        match self {
            ListMut::Tables(tables) => tables.get_mut(index).map(ItemTable::Standard),
            ListMut::Inline(array) => array.get_mut(index)?.as_inline_table_mut().map(ItemTable::Inline),
        }
    }
}

/// The table holding the list an item is in: the document's root, or its room or tour.
pub(crate) fn holder_mut(doc: &mut DocumentMut, item: ItemRef) -> Option<ItemTable<'_>> {
    match (item.kind.parent(), item.parent) {
        (Some(parent_kind), Some(parent)) => ListMut::of(doc.as_table_mut(), parent_kind.key())?.get(parent),
        _ => Some(ItemTable::Standard(doc.as_table_mut())),
    }
}

/// An item's table, for editing.
pub(crate) fn table_mut(doc: &mut DocumentMut, item: ItemRef) -> Option<ItemTable<'_>> {
    if !item.kind.is_list() {
        return tables::table_mut(doc, item);
    }
    ListMut::of(holder_mut(doc, item)?.into_table_like(), item.kind.key())?.get(item.index)
}

/// An item's `id`, if it has one.
pub(crate) fn id_of(doc: &DocumentMut, item: ItemRef) -> Option<String> {
    table(doc, item)?.get("id")?.as_str().map(str::to_owned)
}

/// How an item is named in messages and selectors: its id, else its place
/// (`lights[2]`, `highlights.stops[1]`).
pub(crate) fn name(doc: &DocumentMut, item: ItemRef) -> String {
    if !item.kind.is_list() {
        return tables::name(doc, item);
    }
    if let Some(id) = id_of(doc, item) {
        return id;
    }
    let place = format!("{}[{}]", item.kind.key(), item.index);
    match item.parent() {
        Some(parent) => format!("{}.{place}", name(doc, parent)),
        None => place,
    }
}

/// Every item with an id, at the top of the file.
pub(crate) fn named_items(doc: &DocumentMut) -> Vec<(ItemRef, String)> {
    ItemKind::LISTS
        .into_iter()
        .filter(|k| k.has_id() && k.parent().is_none())
        .flat_map(|kind| {
            (0..count(doc, kind, None)).filter_map(move |index| {
                let item = ItemRef::top(kind, index);
                id_of(doc, item).map(|id| (item, id))
            })
        })
        .collect()
}

/// The item a selector starts with, and what follows it (empty, or starting with `.`).
pub(crate) fn head<'s>(
    doc: &DocumentMut,
    selector: &'s str,
    edit: &str,
) -> Result<(ItemRef, &'s str), EditError> {
    let fail = |message: String, hint: String| EditError::Select {
        edit: edit.to_owned(),
        message,
        hint,
    };
    // `venue`, `[guide]`, `materials.oak`, `materials[0]`: a single table.
    if let Some(found) = tables::head(doc, selector, edit)? {
        return Ok(found);
    }
    // `lights[0]`: a place in a list at the top of the file.
    for kind in ItemKind::LISTS.into_iter().filter(|k| k.parent().is_none()) {
        if let Some(rest) = selector
            .strip_prefix(kind.key())
            .and_then(|r| r.strip_prefix('['))
        {
            let (index, rest) = index_and_rest(rest).ok_or_else(|| {
                fail(
                    format!("`{}[` needs a position and `]`", kind.key()),
                    format!("write `{}[0]` for the first", kind.key()),
                )
            })?;
            let len = count(doc, kind, None);
            if index >= len {
                return Err(fail(
                    format!("there is no {}[{index}]", kind.key()),
                    format!("the venue has {len} {}, from {}[0]", kind.key(), kind.key()),
                ));
            }
            return Ok((ItemRef::top(kind, index), rest));
        }
    }
    // `spawn:gallery`: an id of one kind.
    let (only, wanted) = match selector.split_once(':') {
        Some((kind, rest)) => match ItemKind::LISTS.into_iter().find(|k| k.name() == kind) {
            Some(kind) if kind.has_id() && kind.parent().is_none() => (Some(kind), rest),
            _ => (None, selector),
        },
        None => (None, selector),
    };
    let named = named_items(doc);
    let matches =
        |id: &str| wanted == id || wanted.strip_prefix(id).is_some_and(|rest| rest.starts_with('.'));
    let found: Vec<&(ItemRef, String)> = named
        .iter()
        .filter(|(item, id)| only.is_none_or(|k| k == item.kind) && matches(id))
        .collect();
    let longest = found.iter().map(|(_, id)| id.len()).max();
    let best: Vec<&&(ItemRef, String)> = found.iter().filter(|(_, id)| Some(id.len()) == longest).collect();
    match best.as_slice() {
        [(item, id)] => Ok((*item, &wanted[id.len()..])),
        [] => {
            let given = wanted.split('.').next().unwrap_or(wanted);
            let ids: Vec<String> = named.into_iter().map(|(_, id)| id).collect();
            let hint = match closest(given, &ids) {
                Some(best) => format!("did you mean \"{best}\"? {SELECTOR_FORMS}"),
                None => SELECTOR_FORMS.to_owned(),
            };
            Err(fail(format!("no item has the id \"{given}\""), hint))
        }
        several => {
            let choices = several
                .iter()
                .map(|(item, id)| format!("`{}:{id}`", item.kind))
                .collect::<Vec<_>>()
                .join(" or ");
            Err(fail(
                format!(
                    "\"{}\" is the id of {} items",
                    &wanted[..longest.unwrap_or(0)],
                    several.len()
                ),
                format!("name one with its kind: {choices}"),
            ))
        }
    }
}

/// How items are named, for hints.
const SELECTOR_FORMS: &str = "name an item by its id, as KIND:ID (`spawn:gallery`), as lights[N], as TOUR.stops[N] and ROOM.openings[N], or a table as venue, visitor, guide, bake (or [guide]) and materials.NAME";

/// The item a whole selector names: a head, then `.stops[N]` or `.openings[N]` for an
/// item inside a tour or room.
pub(crate) fn select(doc: &DocumentMut, selector: &str) -> Result<ItemRef, EditError> {
    let selector = selector.trim();
    let (item, rest) = head(doc, selector, selector)?;
    if rest.is_empty() {
        return Ok(item);
    }
    let fail = |message: String, hint: String| EditError::Select {
        edit: selector.to_owned(),
        message,
        hint,
    };
    let child = item.kind.child().and_then(|kind| {
        let rest = rest
            .strip_prefix('.')?
            .strip_prefix(kind.key())?
            .strip_prefix('[')?;
        Some((kind, index_and_rest(rest)))
    });
    match child {
        Some((kind, Some((index, "")))) => {
            let len = count(doc, kind, Some(item));
            if index < len {
                Ok(ItemRef::inside(item, kind, index))
            } else {
                Err(fail(
                    format!("{} has no {}[{index}]", name(doc, item), kind.key()),
                    format!("it has {len} {}, from {}[0]", kind.key(), kind.key()),
                ))
            }
        }
        _ => Err(fail(
            format!("`{rest}` after {} names no item", name(doc, item)),
            match item.kind.child() {
                Some(kind) => format!("items inside a {} are `.{}[N]`", item.kind, kind.key()),
                None => format!(
                    "a {} holds no items; to change a field use ID.FIELD=VALUE",
                    item.kind
                ),
            },
        )),
    }
}

/// `3].rest` → `(3, ".rest")`.
pub(crate) fn index_and_rest(text: &str) -> Option<(usize, &str)> {
    let (digits, rest) = text.split_once(']')?;
    Some((digits.trim().parse().ok()?, rest))
}
