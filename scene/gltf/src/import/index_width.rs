//! glTF indices and enum codes are 32-bit; the `gltf` data model truncates larger
//! integers silently (`4294967296` would become index 0). This check refuses them first.

use crate::error::{Error, Location};
use serde_json::Value;
use std::path::Path;

/// Keys whose integer values (or array elements) are indices or enum codes in glTF
/// and the extensions Museion reads. No float property of glTF uses these names.
const INDEX_KEYS: &[&str] = &[
    "buffer",
    "bufferView",
    "byteStride",
    "camera",
    "children",
    "componentType",
    "index",
    "indices",
    "input",
    "inverseBindMatrices",
    "joints",
    "light",
    "magFilter",
    "material",
    "mesh",
    "minFilter",
    "mode",
    "node",
    "nodes",
    "output",
    "sampler",
    "scene",
    "skeleton",
    "skin",
    "source",
    "target",
    "texCoord",
    "wrapS",
    "wrapT",
];

/// Objects whose every value is an accessor index.
const INDEX_MAPS: &[&str] = &["attributes", "targets"];

/// Fails on the first index or enum code above `u32::MAX`, naming its JSON pointer.
pub(crate) fn check(file: &Path, json: &[u8]) -> Result<(), Error> {
    if !has_long_integer(json) {
        return Ok(()); // the usual case: nothing can overflow, skip the second parse
    }
    let Ok(doc) = serde_json::from_slice::<Value>(json) else {
        return Ok(()); // malformed JSON is reported by the real parse
    };
    let mut found = None;
    walk(&doc, "", false, &mut String::new(), &mut found);
    match found {
        None => Ok(()),
        Some((pointer, value)) => Err(Error::Invalid {
            at: Box::new(Location {
                file: file.to_path_buf(),
                pointer,
            }),
            message: format!("{value} is not a 32-bit index or code"),
        }),
    }
}

fn walk(value: &Value, key: &str, in_map: bool, pointer: &mut String, found: &mut Option<(String, u64)>) {
    if found.is_some() || key == "extras" {
        return;
    }
    match value {
        Value::Number(n) => {
            if let Some(v) = n.as_u64()
                && v > u64::from(u32::MAX)
                && (in_map || INDEX_KEYS.contains(&key))
            {
                *found = Some((pointer.clone(), v));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(item, key, in_map, pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            let is_map = INDEX_MAPS.contains(&key);
            for (k, v) in map {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(v, k, is_map, pointer, found);
                pointer.truncate(len);
            }
        }
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// True when the JSON text has an integer of ten or more digits outside strings (the
/// shortest that can exceed `u32::MAX`).
fn has_long_integer(json: &[u8]) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    let mut digits = 0;
    let mut previous = b' ';
    for &b in json {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if b.is_ascii_digit() {
            // Digits after '.' or 'e' are a fraction or exponent, not an integer.
            if digits == 0 && matches!(previous, b'.' | b'e' | b'E') {
                digits = -1;
            } else if digits >= 0 {
                digits += 1;
                if digits >= 10 {
                    return true;
                }
            }
        } else {
            digits = 0;
            if b == b'"' {
                in_string = true;
            }
        }
        previous = b;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_integers_are_found_outside_strings_only() {
        assert!(has_long_integer(br#"{"mesh": 4294967296}"#));
        assert!(!has_long_integer(br#"{"uri": "data:,12345678901234"}"#));
        assert!(!has_long_integer(
            br#"{"x": 1.12345678901234, "y": 1e1234567890}"#
        ));
        assert!(!has_long_integer(br#"{"mesh": 429496729}"#));
    }

    #[test]
    fn indices_over_32_bits_are_refused_but_large_lengths_and_extras_are_not() {
        let file = Path::new("t.gltf");
        let bad = br#"{"nodes": [{"mesh": 0}, {"children": [1, 4294967297]}]}"#;
        let e = check(file, bad).unwrap_err();
        assert_eq!(e.location().unwrap().pointer, "/nodes/1/children/1");
        let map = br#"{"meshes": [{"primitives": [{"attributes": {"POSITION": 4294967296}}]}]}"#;
        let e = check(file, map).unwrap_err();
        assert_eq!(
            e.location().unwrap().pointer,
            "/meshes/0/primitives/0/attributes/POSITION"
        );
        let code = br#"{"accessors": [{"componentType": 4294972422}]}"#;
        assert!(check(file, code).is_err());
        let fine =
            br#"{"buffers": [{"byteLength": 8589934592}], "nodes": [{"extras": {"mesh": 99999999999}}]}"#;
        assert!(check(file, fine).is_ok());
    }
}
