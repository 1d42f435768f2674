//! Small JSON helpers: numbers written as the shortest text that reads back as the same
//! `f32`, optional keys, and the final check that no number came out non-finite.

use super::error::ExportError;
use serde_json::{Map, Value};

/// An `f32` as JSON: the shortest decimal that parses back to exactly this `f32`
/// (`0.1`, not `0.10000000149011612`). NaN and infinities become `null`, which
/// [`first_null`] then reports.
pub(crate) fn num(x: f32) -> Value {
    // Rust prints an f32 as the shortest string that round-trips through f32; that
    // string read as f64 is the value serde_json prints, and reads back as the same f32.
    x.to_string().parse::<f64>().map_or(Value::Null, Value::from)
}

/// A list of `f32` as a JSON array.
pub(crate) fn nums(values: impl IntoIterator<Item = f32>) -> Value {
    Value::Array(values.into_iter().map(num).collect())
}

/// Inserts `name` with `value` when there is one.
pub(crate) fn put_opt(object: &mut Map<String, Value>, name: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(name.to_owned(), value);
    }
}

/// Inserts a list of objects under `name` unless it is empty (glTF arrays must not be).
pub(crate) fn put_list(object: &mut Map<String, Value>, name: &str, list: Vec<Value>) {
    if !list.is_empty() {
        object.insert(name.to_owned(), Value::Array(list));
    }
}

/// Names and extras, common to most glTF objects.
pub(crate) fn name_and_extras(
    object: &mut Map<String, Value>,
    name: Option<&String>,
    extras: Option<&Value>,
) {
    put_opt(object, "name", name.map(|n| Value::String(n.clone())));
    put_opt(object, "extras", extras.cloned());
}

/// The JSON pointer of the first `null` in the document outside `extras` and XMP
/// packets (`KHR_xmp_json_ld`), if any. glTF has no null values, so every one is a NaN
/// or infinity that [`num`] could not write.
pub(crate) fn first_null(value: &Value) -> Option<String> {
    let mut stack = vec![(value, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        match value {
            Value::Null => return Some(pointer),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, format!("{pointer}/{i}")));
                }
            }
            Value::Object(map) => {
                // Extras and XMP packets are the user's own JSON: null there is data,
                // not a lost number.
                let own = |key: &str| key == "extras" || key == super::xmp::NAME;
                for (key, item) in map.iter().rev().filter(|(key, _)| !own(key)) {
                    stack.push((item, format!("{pointer}/{}", escape(key))));
                }
            }
            Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
        }
    }
    None
}

/// Fails naming the first non-finite number of the document.
pub(crate) fn check_finite(document: &Value) -> Result<(), ExportError> {
    match first_null(document) {
        Some(at) => Err(ExportError::NonFinite { at }),
        None => Ok(()),
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_short_and_read_back_exactly() {
        for x in [
            0.1f32,
            1.0 / 3.0,
            1e-30,
            -7.25,
            3.4028235e38,
            f32::MIN_POSITIVE,
            0.0,
        ] {
            let text = num(x).to_string();
            let back: f64 = text.parse().expect("a number");
            assert_eq!(back as f32, x, "{x} written as {text}");
        }
        assert_eq!(num(0.1).to_string(), "0.1");
        assert_eq!(num(2.0).to_string(), "2.0");
        assert_eq!(num(f32::NAN), Value::Null);
        assert_eq!(num(f32::INFINITY), Value::Null);
    }

    #[test]
    fn the_first_null_outside_extras_is_found_by_pointer() {
        let doc = json!({
            "nodes": [{ "extras": { "note": null } }, { "name": "n" }],
            "materials": [{ "a/b": null }]
        });
        assert_eq!(first_null(&doc).as_deref(), Some("/materials/0/a~1b"));
        let doc = json!({ "nodes": [{ "extras": null }, { "translation": [0.0, null] }] });
        assert_eq!(first_null(&doc).as_deref(), Some("/nodes/1/translation/1"));
        assert!(matches!(
            check_finite(&doc),
            Err(ExportError::NonFinite { at }) if at == "/nodes/1/translation/1"
        ));
        assert_eq!(first_null(&json!({ "extras": { "x": null }, "a": [1, 2] })), None);
    }
}
