//! Field paths inside an item (`offset`, `metadata.title`, `position[0]`,
//! `stops[1].dwell`) and setting or removing the value at one, keeping the formatting
//! around it: a replaced value keeps the spaces and comment beside it, a new key goes
//! at the end of its table, a new table is written as the file would write it.

use super::select::ItemTable;
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

/// Tables a new key creates as `[artworks.metadata]` sections rather than inline
/// `{ … }` (and so are the languages under `translations`): labels have many long
/// fields, and the format's documentation and the demo write them as sections.
const SECTION_TABLES: [&str; 2] = ["metadata", "translations"];

/// Whether a table made for `key` after `before` is written as a section.
fn is_section(before: &[Segment], key: &str) -> bool {
    SECTION_TABLES.contains(&key) || matches!(before.last(), Some(Segment::Key(k)) if k == "translations")
}

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A key of a table.
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
}

/// What is wrong with a path: a message and a hint.
#[derive(Debug)]
pub(crate) struct PathError {
    pub message: String,
    pub hint: String,
}

fn path_error(message: impl Into<String>, hint: impl Into<String>) -> PathError {
    PathError {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Parses `metadata.title`, `position[0]`, `stops[1].dwell`.
pub(crate) fn parse(text: &str) -> Result<Vec<Segment>, PathError> {
    let hint = "a field is KEY, KEY.KEY or KEY[N], e.g. `offset`, `metadata.title`, `position[0]`";
    let mut segments = Vec::new();
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(path_error("no field is given", hint));
    }
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let (index, after) = super::select::index_and_rest(after)
                .ok_or_else(|| path_error(format!("`[{after}` is not a position in a list"), hint))?;
            segments.push(Segment::Index(index));
            rest = after;
            first = false;
            continue;
        }
        let key_text = if first {
            rest
        } else {
            rest.strip_prefix('.')
                .ok_or_else(|| path_error(format!("`{rest}` does not continue the field"), hint))?
        };
        let end = key_text.find(['.', '[']).unwrap_or(key_text.len());
        let key = key_text[..end].trim();
        if key.is_empty() || key.contains([']', '=']) {
            return Err(path_error(format!("`{text}` has an empty or broken key"), hint));
        }
        segments.push(Segment::Key(key.to_owned()));
        rest = &key_text[end..];
        first = false;
    }
    Ok(segments)
}

/// The path as written: `metadata.title`, `position[0]`.
pub(crate) fn display(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// A place values can be set in.
enum Node<'a> {
    Section(&'a mut Table),
    Inline(&'a mut InlineTable),
    Array(&'a mut Array),
    Tables(&'a mut ArrayOfTables),
}

impl<'a> From<ItemTable<'a>> for Node<'a> {
    fn from(table: ItemTable<'a>) -> Self {
        match table {
            ItemTable::Standard(t) => Node::Section(t),
            ItemTable::Inline(t) => Node::Inline(t),
        }
    }
}

fn node_of_item(item: &mut Item) -> Option<Node<'_>> {
    match item {
        Item::Table(t) => Some(Node::Section(t)),
        Item::ArrayOfTables(t) => Some(Node::Tables(t)),
        Item::Value(v) => node_of_value(v),
        Item::None => None,
    }
}

fn node_of_value(value: &mut Value) -> Option<Node<'_>> {
    match value {
        Value::InlineTable(t) => Some(Node::Inline(t)),
        Value::Array(a) => Some(Node::Array(a)),
        _ => None,
    }
}

/// Sets the value at `path` in an item's table; tables on the way that do not exist
/// are made.
pub(crate) fn set(table: ItemTable<'_>, path: &[Segment], value: Value) -> Result<(), PathError> {
    let Some((last, on_the_way)) = path.split_last() else {
        return Err(path_error("no field is given", "name the field to set"));
    };
    let mut node = Node::from(table);
    for (i, segment) in on_the_way.iter().enumerate() {
        node = step(node, segment, Some(&path[i + 1]), &path[..=i])?;
    }
    match (node, last) {
        (Node::Section(t), Segment::Key(key)) => {
            match t.get_mut(key) {
                Some(Item::Value(old)) => replace(old, value),
                Some(other) => *other = Item::Value(value),
                None => {
                    t.insert(key, Item::Value(value));
                }
            }
            Ok(())
        }
        (Node::Inline(t), Segment::Key(key)) => {
            match t.get_mut(key) {
                Some(old) => replace(old, value),
                None => insert_inline(t, key, value),
            }
            Ok(())
        }
        (Node::Array(a), Segment::Index(index)) => {
            in_range(*index, a.len(), path)?;
            a.replace(*index, value);
            Ok(())
        }
        (Node::Tables(_), Segment::Index(_)) => Err(path_error(
            format!("`{}` is a table", display(path)),
            "set one of its keys, e.g. `stops[0].dwell=5`",
        )),
        (node, segment) => Err(mismatch(&node, segment, path)),
    }
}

/// Removes the key or list element at `path`.
pub(crate) fn remove(table: ItemTable<'_>, path: &[Segment]) -> Result<(), PathError> {
    let Some((last, on_the_way)) = path.split_last() else {
        return Err(path_error("no field is given", "name the field to remove"));
    };
    let mut node = Node::from(table);
    for (i, segment) in on_the_way.iter().enumerate() {
        node = step(node, segment, None, &path[..=i])?;
    }
    let missing = || {
        path_error(
            format!("there is no `{}` to remove", display(path)),
            "only a key the file gives can be removed",
        )
    };
    match (node, last) {
        (Node::Section(t), Segment::Key(key)) => t.remove(key).map(drop).ok_or_else(missing),
        (Node::Inline(t), Segment::Key(key)) => remove_inline(t, key).ok_or_else(missing),
        (Node::Array(a), Segment::Index(index)) => {
            in_range(*index, a.len(), path)?;
            remove_element(a, *index);
            Ok(())
        }
        (Node::Tables(a), Segment::Index(index)) => {
            in_range(*index, a.len(), path)?;
            a.remove(*index);
            Ok(())
        }
        (node, segment) => Err(mismatch(&node, segment, path)),
    }
}

/// Removes an element of a list; the spaces after `[` or before `]` stay where they
/// were, so `[1, 2]` becomes `[2]`, not `[ 2]`.
fn remove_element(array: &mut Array, index: usize) {
    let removed = array.remove(index);
    let len = array.len();
    if len == 0 {
        return;
    }
    if index == 0
        && let (Some(prefix), Some(first)) = (removed.decor().prefix().cloned(), array.get_mut(0))
    {
        first.decor_mut().set_prefix(prefix);
    }
    if index == len
        && let (Some(suffix), Some(last)) = (removed.decor().suffix().cloned(), array.get_mut(len - 1))
    {
        last.decor_mut().set_suffix(suffix);
    }
}

/// One step down the path; `next` (when making what is missing is allowed) is the
/// segment after it, which says whether a missing key becomes a table.
fn step<'a>(
    node: Node<'a>,
    segment: &Segment,
    next: Option<&Segment>,
    so_far: &[Segment],
) -> Result<Node<'a>, PathError> {
    let not_a_container = || {
        path_error(
            format!("`{}` is a single value", display(so_far)),
            "a key or position can only follow a table or a list",
        )
    };
    let make = |key: &str| match next {
        Some(Segment::Key(_)) => Ok(()),
        Some(Segment::Index(_)) => Err(path_error(
            format!("there is no list `{}` to index", display(so_far)),
            format!("set the whole list, e.g. `{key}=[…]`"),
        )),
        None => Err(path_error(
            format!("there is no `{}`", display(so_far)),
            "check the field's name in docs/venue-format.md",
        )),
    };
    match (node, segment) {
        (Node::Section(t), Segment::Key(key)) => {
            if !t.contains_key(key) {
                make(key)?;
                let child = if is_section(&so_far[..so_far.len() - 1], key) {
                    let mut section = Table::new();
                    section.set_implicit(true);
                    Item::Table(section)
                } else {
                    Item::Value(Value::InlineTable(InlineTable::new()))
                };
                t.insert(key, child);
            }
            t.get_mut(key).and_then(node_of_item).ok_or_else(not_a_container)
        }
        (Node::Inline(t), Segment::Key(key)) => {
            if !t.contains_key(key) {
                make(key)?;
                insert_inline(t, key, Value::InlineTable(InlineTable::new()));
            }
            t.get_mut(key).and_then(node_of_value).ok_or_else(not_a_container)
        }
        (Node::Array(a), Segment::Index(index)) => {
            in_range(*index, a.len(), so_far)?;
            a.get_mut(*index)
                .and_then(node_of_value)
                .ok_or_else(not_a_container)
        }
        (Node::Tables(a), Segment::Index(index)) => {
            in_range(*index, a.len(), so_far)?;
            a.get_mut(*index).map(Node::Section).ok_or_else(not_a_container)
        }
        (node, segment) => Err(mismatch(&node, segment, so_far)),
    }
}

fn in_range(index: usize, len: usize, path: &[Segment]) -> Result<(), PathError> {
    if index < len {
        Ok(())
    } else {
        let list = display(&path[..path.len().saturating_sub(1)]);
        Err(path_error(
            format!("`{list}` has {len} elements, no [{index}]"),
            "positions count from 0",
        ))
    }
}

/// A key given to a list, or a position to a table.
fn mismatch(node: &Node<'_>, segment: &Segment, path: &[Segment]) -> PathError {
    let before = display(&path[..path.len().saturating_sub(1)]);
    let before = if before.is_empty() {
        "the item".to_owned()
    } else {
        format!("`{before}`")
    };
    match (node, segment) {
        (Node::Array(_) | Node::Tables(_), Segment::Key(key)) => path_error(
            format!("{before} is a list, it has no key `{key}`"),
            format!(
                "pick an element first, e.g. `{}[0].{key}`",
                display(&path[..path.len() - 1])
            ),
        ),
        _ => path_error(
            format!("{before} is a table, not a list"),
            "give one of its keys after a `.`",
        ),
    }
}

/// Replaces a value, keeping the spaces and comment around the old one.
fn replace(old: &mut Value, value: Value) {
    let decor = old.decor().clone();
    *old = value;
    *old.decor_mut() = decor;
}

/// Appends `key = value` to an inline table; the space before its closing brace moves
/// to the new last value, so `{ lux = 80 }` becomes `{ lux = 80, shadows = true }`.
fn insert_inline(table: &mut InlineTable, key: &str, mut value: Value) {
    value.decor_mut().clear();
    if let Some((_, last)) = table.iter_mut().last()
        && let Some(suffix) = last.decor().suffix().cloned()
    {
        last.decor_mut().set_suffix("");
        value.decor_mut().set_suffix(suffix);
    }
    table.insert(key, value);
}

/// Removes a key of an inline table; when it was the last, the space before the
/// closing brace moves to the value now last.
fn remove_inline(table: &mut InlineTable, key: &str) -> Option<()> {
    let was_last = table.iter().last().is_some_and(|(k, _)| k == key);
    let removed = table.remove(key)?;
    if was_last
        && let Some(suffix) = removed.decor().suffix().cloned()
        && let Some((_, last)) = table.iter_mut().last()
    {
        last.decor_mut().set_suffix(suffix);
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_keys_and_positions() {
        let parsed = parse("metadata.translations.fr.title").ok();
        assert_eq!(
            parsed,
            Some(
                ["metadata", "translations", "fr", "title"]
                    .map(|k| Segment::Key(k.into()))
                    .to_vec()
            )
        );
        assert_eq!(
            parse("stops[1].dwell").ok(),
            Some(vec![
                Segment::Key("stops".into()),
                Segment::Index(1),
                Segment::Key("dwell".into())
            ])
        );
        assert_eq!(
            parse("position[2]").map(|p| display(&p)).ok().as_deref(),
            Some("position[2]")
        );
        for broken in ["", "a..b", "a[x]", "a[1", "a.", "[0]x"] {
            assert!(parse(broken).is_err(), "{broken:?}");
        }
    }

    fn edited(text: &str, path: &str, value: Option<&str>) -> Result<String, PathError> {
        let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| path_error(format!("{e}"), ""))?;
        let table = ItemTable::Standard(doc.as_table_mut());
        let path = parse(path)?;
        match value {
            Some(v) => set(table, &path, v.parse().map_err(|_| path_error("value", ""))?)?,
            None => remove(table, &path)?,
        }
        Ok(doc.to_string())
    }

    #[test]
    fn replaced_values_keep_their_comments_and_new_keys_follow_the_last() {
        let text = "a = 1  # one\nb = { x = 1 }\n";
        assert_eq!(
            edited(text, "a", Some("2")).ok().as_deref(),
            Some("a = 2  # one\nb = { x = 1 }\n")
        );
        assert_eq!(
            edited(text, "b.y", Some("true")).ok().as_deref(),
            Some("a = 1  # one\nb = { x = 1, y = true }\n")
        );
        assert_eq!(
            edited("b = { x = 1, y = 2 }\n", "b.y", None).ok().as_deref(),
            Some("b = { x = 1 }\n")
        );
        assert_eq!(
            edited(text, "c", Some("\"new\"")).ok().as_deref(),
            Some("a = 1  # one\nb = { x = 1 }\nc = \"new\"\n")
        );
        assert_eq!(
            edited("p = [1, 2, 3]\n", "p[1]", Some("5")).ok().as_deref(),
            Some("p = [1, 5, 3]\n")
        );
        assert_eq!(
            edited("p = [1, 2]\n", "p[0]", None).ok().as_deref(),
            Some("p = [2]\n")
        );
    }

    #[test]
    fn missing_tables_are_made_as_the_format_writes_them() {
        assert_eq!(
            edited("id = \"a\"\n", "light.lux", Some("80")).ok().as_deref(),
            Some("id = \"a\"\nlight = { lux = 80 }\n")
        );
        assert_eq!(
            edited(
                "id = \"a\"\n",
                "metadata.translations.fr.title",
                Some("\"Titre\"")
            )
            .ok()
            .as_deref(),
            Some("id = \"a\"\n\n[metadata.translations.fr]\ntitle = \"Titre\"\n")
        );
    }

    #[test]
    fn wrong_shapes_are_errors_that_say_why() {
        let wrong = |path: &str| {
            edited("a = 1\np = [1, 2]\n", path, Some("3"))
                .err()
                .map(|e| e.message)
        };
        assert_eq!(wrong("a.b").as_deref(), Some("`a` is a single value"));
        assert_eq!(wrong("p[5]").as_deref(), Some("`p` has 2 elements, no [5]"));
        assert_eq!(wrong("p.x").as_deref(), Some("`p` is a list, it has no key `x`"));
        assert_eq!(wrong("q[0]").as_deref(), Some("there is no list `q` to index"));
        let missing = edited("a = 1\n", "b", None).err().map(|e| e.message);
        assert_eq!(missing.as_deref(), Some("there is no `b` to remove"));
    }
}
