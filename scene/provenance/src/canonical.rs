//! Canonical JSON: one spelling of a JSON value, so that a signature over its bytes
//! survives any reformatting of the file that holds it.

use crate::error::ProvenanceError;
use serde_json::Value;
use std::fmt::Write as _;

/// The largest integer magnitude canonical JSON writes: 2^53 − 1, the largest every
/// JSON reader holds exactly (RFC 8785 writes numbers as IEEE doubles).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// `value` in canonical JSON: one spelling of a JSON value, so that a signature over
/// its bytes survives any reformatting of the file that holds it.
///
/// The form is that of RFC 8785 (the JSON Canonicalization Scheme) for the values a
/// manifest holds:
/// - no whitespace outside strings;
/// - object members sorted by their keys' UTF-16 code units, each key once;
/// - strings in double quotes, escaping only `"` as `\"`, `\` as `\\`, the control
///   characters U+0008, U+0009, U+000A, U+000C, U+000D as `\b`, `\t`, `\n`, `\f`, `\r`
///   and the other control characters below U+0020 as `\u00xx` (lower-case hex); every
///   other character, non-ASCII included, as its UTF-8 bytes;
/// - numbers only as integers of magnitude below 2^53, in plain decimal (no exponent,
///   no leading zeros, no `-0`); a fraction or a larger integer is
///   [`ProvenanceError::Number`] (a manifest holds neither);
/// - `true`, `false`, `null` as themselves; arrays in their order.
///
/// ```
/// let value = serde_json::json!({ "size": 12, "path": "art/a.png" });
/// assert_eq!(museion_provenance::canonical_json(&value)?, r#"{"path":"art/a.png","size":12}"#);
/// # Ok::<(), museion_provenance::ProvenanceError>(())
/// ```
pub fn canonical_json(value: &Value) -> Result<String, ProvenanceError> {
    let mut out = String::new();
    write_value(value, &mut out)?;
    Ok(out)
}

fn write_value(value: &Value, out: &mut String) -> Result<(), ProvenanceError> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let integer = n
                .as_u64()
                .map(|u| (u, false))
                .or_else(|| n.as_i64().map(|i| (i.unsigned_abs(), i < 0)));
            match integer {
                Some((magnitude, negative)) if magnitude <= MAX_SAFE_INTEGER => {
                    if negative {
                        out.push('-');
                    }
                    // Writing to a String cannot fail.
                    let _ = write!(out, "{magnitude}");
                }
                _ => return Err(ProvenanceError::Number(n.to_string())),
            }
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out)?;
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut sorted: Vec<(&String, &Value)> = members.iter().collect();
            sorted.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, (key, member)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_value(member, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth_and_no_whitespace_is_written() {
        let value: Value =
            serde_json::from_str(r#"{ "b": [ 3, {"z": 1, "a": null} ], "a": true, "aa": "x", "A": false }"#)
                .unwrap();
        assert_eq!(
            canonical_json(&value).unwrap(),
            r#"{"A":false,"a":true,"aa":"x","b":[3,{"a":null,"z":1}]}"#
        );
    }

    #[test]
    fn keys_sort_by_utf16_code_units_not_by_utf8_bytes() {
        // U+FF61 is one UTF-16 unit (0xFF61); U+1F600 is a surrogate pair starting
        // 0xD83D, so it sorts first, though its UTF-8 bytes (F0 …) sort after EF ….
        let value = json!({ "\u{ff61}": 1, "\u{1f600}": 2 });
        assert_eq!(
            canonical_json(&value).unwrap(),
            "{\"\u{1f600}\":2,\"\u{ff61}\":1}"
        );
    }

    #[test]
    fn strings_escape_only_what_json_requires() {
        let value = json!("a\"b\\c\u{8}\t\n\u{c}\r\u{1}\u{1f}/é中\u{7f}");
        assert_eq!(
            canonical_json(&value).unwrap(),
            "\"a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u001f/é中\u{7f}\""
        );
    }

    #[test]
    fn integers_are_plain_and_fractions_or_huge_numbers_are_refused() {
        assert_eq!(
            canonical_json(&json!([0, -5, 9_007_199_254_740_991_u64])).unwrap(),
            "[0,-5,9007199254740991]"
        );
        for bad in [
            json!(1.5),
            json!(9_007_199_254_740_992_u64),
            json!(-9_007_199_254_740_992_i64),
        ] {
            let error = canonical_json(&bad).unwrap_err();
            assert!(matches!(error, ProvenanceError::Number(_)), "{bad}: {error}");
        }
    }

    #[test]
    fn reformatting_a_document_does_not_change_its_canonical_form() {
        let compact = r#"{"files":[{"path":"a b.png","size":12}],"venue":"v.toml"}"#;
        let pretty =
            "{\n  \"venue\" : \"v.toml\",\n  \"files\" : [ { \"size\" : 12, \"path\" : \"a b.png\" } ]\n}\n";
        let a = canonical_json(&serde_json::from_str(compact).unwrap()).unwrap();
        let b = canonical_json(&serde_json::from_str(pretty).unwrap()).unwrap();
        assert_eq!(a, compact);
        assert_eq!(b, compact);
    }
}
