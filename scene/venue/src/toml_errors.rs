//! TOML parse errors as [`VenueError::Syntax`], with a hint written from the message:
//! the closest allowed key for a misspelt one, the expected type for a wrong value.

use super::error::{SourceText, VenueError};

/// The error for a TOML document that does not parse into a venue.
pub(crate) fn syntax_error(source: &SourceText, error: &toml::de::Error) -> VenueError {
    let raw = error.message().trim();
    let at = source.pos(error.span().map_or(0, |s| s.start));
    let hint = hint_for(raw);
    VenueError::Syntax {
        at,
        message: short_message(raw),
        hint,
    }
}

/// serde's message in the format's words, the list of allowed names left to the hint.
fn short_message(raw: &str) -> String {
    let first = |rest: &str| backticked(rest).into_iter().next().unwrap_or_default();
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        format!("unknown key `{}`", first(rest))
    } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
        format!("unknown value `{}`", first(rest))
    } else if let Some(rest) = raw.strip_prefix("missing field ") {
        format!("missing key `{}`", first(rest))
    } else if let Some((value, expected)) = raw.rsplit_once(", expected ")
        && let Some(found) = value_in_words(value)
    {
        // serde names Rust types ("expected usize") and its own value kinds ("floating
        // point"); a venue's author reads TOML.
        let expected = type_in_words(expected).unwrap_or(expected);
        format!("{found}, expected {expected}")
    } else {
        raw.to_owned()
    }
}

/// serde's "invalid type: floating point `2.5`" as "found the decimal number 2.5";
/// `None` for messages of another shape.
fn value_in_words(value: &str) -> Option<String> {
    let (wrong_type, given) = match value.strip_prefix("invalid type: ") {
        Some(given) => (true, given),
        None => (false, value.strip_prefix("invalid value: ")?),
    };
    let unticked = |rest: &str| rest.trim_matches('`').to_owned();
    let words = if let Some(rest) = given.strip_prefix("floating point ") {
        format!("the decimal number {}", unticked(rest))
    } else if let Some(rest) = given.strip_prefix("integer ") {
        format!("the whole number {}", unticked(rest))
    } else if let Some(rest) = given.strip_prefix("string ") {
        format!("the text {rest}")
    } else if let Some(rest) = given.strip_prefix("boolean ") {
        unticked(rest)
    } else {
        match given {
            "sequence" => "a list".to_owned(),
            "map" => "a table".to_owned(),
            other => other.to_owned(),
        }
    };
    Some(if wrong_type {
        format!("found {words}")
    } else {
        format!("{words} is not allowed")
    })
}

/// A Rust type serde names, in the words of a TOML file; `None` for anything else.
fn type_in_words(rust: &str) -> Option<&'static str> {
    Some(match rust.trim() {
        "f32" | "f64" => "a number",
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "a boolean" | "bool" => "`true` or `false`",
        _ => return None,
    })
}

fn hint_for(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown_name_hint(rest, "key", "keys allowed here");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return unknown_name_hint(rest, "value", "values allowed here");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = backticked(rest).into_iter().next().unwrap_or_default();
        return format!("add `{key} = …` to this table (docs/venue-format.md lists every key)");
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return type_hint(message);
    }
    if message.starts_with("invalid length") {
        return "give exactly as many numbers as the key needs, e.g. `[x, y, z]` for a position".into();
    }
    if message.contains("duplicate key") {
        return "each key may appear once per table, and each [table] once per file".into();
    }
    "check the TOML syntax here: text in double quotes, lists in [ ], one `key = value` per line".into()
}

/// "`heigth`, expected one of `id`, `height`" → a did-you-mean and the allowed names.
fn unknown_name_hint(rest: &str, what: &str, allowed: &str) -> String {
    let names = backticked(rest);
    let Some((given, expected)) = names.split_first() else {
        return format!("remove this {what}; see docs/venue-format.md");
    };
    if expected.is_empty() {
        return format!("this table takes no `{given}`; see docs/venue-format.md");
    }
    let list = expected
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(given, expected) {
        Some(best) => format!("did you mean `{best}`? {allowed}: {list}"),
        None => format!("{allowed}: {list}"),
    }
}

fn type_hint(message: &str) -> String {
    let expected = message.rsplit("expected ").next().unwrap_or_default();
    let wanted = if expected.starts_with('f') {
        "a number, e.g. `1.5`"
    } else if expected.starts_with('u') || expected.starts_with('i') {
        "a whole number, e.g. `2`"
    } else if expected.contains("string") {
        "text in double quotes, e.g. `\"atrium\"`"
    } else if expected.contains("bool") {
        "`true` or `false`"
    } else if expected.contains("true, false or a table") {
        "`true`, `false` or a table of settings"
    } else if expected.contains("array") || expected.contains("sequence") || expected.contains("tuple") {
        "a list in brackets, e.g. `[1.0, 2.0, 3.0]`"
    } else if expected.contains("struct") || expected.contains("map") {
        "a table, `[name]` or `{ key = value }`"
    } else {
        "the type docs/venue-format.md gives for this key"
    };
    format!("this value must be {wanted}")
}

/// The names between backticks, in order.
fn backticked(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The candidate within edit distance 2 of `given` (or starting with it), if any.
pub(crate) fn closest<'a>(given: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(given, c), c))
        .filter(|(d, c)| *d <= 2 || (given.len() >= 3 && c.starts_with(given)))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_keys_get_the_closest_allowed_key() {
        let hint = hint_for("unknown field `heigth`, expected one of `id`, `floor`, `height`");
        assert!(hint.starts_with("did you mean `height`?"), "{hint}");
        assert!(hint.contains("`floor`"), "{hint}");
        let hint = hint_for("unknown field `zzzzzz`, expected `wall` or `width`");
        assert_eq!(hint, "keys allowed here: `wall`, `width`");
    }

    #[test]
    fn messages_speak_of_keys_and_leave_lists_to_the_hint() {
        assert_eq!(
            short_message("unknown field `heigth`, expected `height`"),
            "unknown key `heigth`"
        );
        assert_eq!(short_message("missing field `floor`"), "missing key `floor`");
        assert_eq!(
            short_message("unknown variant `cone`, expected `point` or `spot`"),
            "unknown value `cone`"
        );
    }

    #[test]
    fn messages_name_toml_values_not_rust_types() {
        assert_eq!(
            short_message("invalid type: string \"north\", expected usize"),
            "found the text \"north\", expected a whole number, 0 or more"
        );
        assert_eq!(
            short_message("invalid type: string \"3\", expected f32"),
            "found the text \"3\", expected a number"
        );
        assert_eq!(
            short_message("invalid type: string \"high\", expected a boolean"),
            "found the text \"high\", expected `true` or `false`"
        );
        assert_eq!(
            short_message("invalid type: floating point `1e12`, expected u32"),
            "found the decimal number 1e12, expected a whole number, 0 or more"
        );
        assert_eq!(
            short_message("invalid type: sequence, expected a string"),
            "found a list, expected a string"
        );
        assert_eq!(
            short_message("invalid value: integer `-1`, expected usize"),
            "the whole number -1 is not allowed, expected a whole number, 0 or more"
        );
        // Messages of other shapes stay as they are.
        assert_eq!(short_message("expected a table"), "expected a table");
    }

    #[test]
    fn wrong_types_name_the_expected_type() {
        assert!(hint_for("invalid type: string \"3\", expected f32").contains("a number"));
        assert!(hint_for("invalid value: integer `-1`, expected usize").contains("whole number"));
        assert!(hint_for("missing field `floor`").contains("`floor = …`"));
    }

    #[test]
    fn edit_distance_counts_single_character_edits() {
        assert_eq!(edit_distance("galery", "gallery"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
