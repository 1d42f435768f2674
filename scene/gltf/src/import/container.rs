//! The outer layer of a glTF file: JSON text, or a GLB container with a JSON chunk and
//! an optional binary chunk.

use super::Warning;
use super::raw_channels::{self, TakenChannels};
use crate::error::{Error, Location};
use gltf::json::Root;
use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

const GLB_MAGIC: &[u8; 4] = b"glTF";
const CHUNK_JSON: u32 = 0x4E4F_534A; // "JSON"
const CHUNK_BIN: u32 = 0x004E_4942; // "BIN\0"

/// The JSON text and binary chunk of a file.
pub(crate) struct Container<'a> {
    pub json: &'a [u8],
    pub bin: Option<&'a [u8]>,
}

fn glb_error(file: &Path, message: String) -> Error {
    Error::Glb {
        at: Box::new(Location {
            file: file.to_path_buf(),
            pointer: String::new(),
        }),
        message,
    }
}

fn read_u32(data: &[u8], offset: usize) -> Option<u32> {
    let bytes = data.get(offset..offset.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

/// Splits a file into its JSON and binary chunk. Files that do not start with the GLB
/// magic are taken as JSON text; anything else (an image, a venue, a text file) is
/// [`Error::NotGltf`] rather than a JSON error at line 1.
pub(crate) fn split<'a>(file: &Path, data: &'a [u8]) -> Result<Container<'a>, Error> {
    if !data.starts_with(GLB_MAGIC) {
        let first = strip_bom(data).iter().find(|b| !b.is_ascii_whitespace());
        if first != Some(&b'{') {
            return Err(Error::NotGltf {
                at: Box::new(Location {
                    file: file.to_path_buf(),
                    pointer: String::new(),
                }),
            });
        }
        return Ok(Container {
            json: data,
            bin: None,
        });
    }
    let header = |what: &str| glb_error(file, format!("file ends inside the {what}"));
    let version = read_u32(data, 4).ok_or_else(|| header("header"))?;
    let length = read_u32(data, 8).ok_or_else(|| header("header"))? as usize;
    if version != 2 {
        return Err(glb_error(
            file,
            format!("container version {version}, expected 2"),
        ));
    }
    if length > data.len() {
        return Err(glb_error(
            file,
            format!("header says {length} bytes but the file has {}", data.len()),
        ));
    }
    if length < 12 {
        return Err(glb_error(
            file,
            format!("header length {length} is shorter than the header"),
        ));
    }
    let data = &data[..length];
    let mut offset = 12;
    let mut json = None;
    let mut bin = None;
    let mut index = 0;
    while offset < data.len() {
        let chunk_length = read_u32(data, offset).ok_or_else(|| header("chunk header"))? as usize;
        let chunk_type = read_u32(data, offset + 4).ok_or_else(|| header("chunk header"))?;
        let start = offset + 8;
        let end = start
            .checked_add(chunk_length)
            .filter(|end| *end <= data.len())
            .ok_or_else(|| {
                glb_error(
                    file,
                    format!(
                        "chunk {index} claims {chunk_length} bytes but only {} remain",
                        data.len().saturating_sub(start)
                    ),
                )
            })?;
        let body = &data[start..end];
        match (index, chunk_type) {
            (0, CHUNK_JSON) => json = Some(body),
            (0, other) => {
                return Err(glb_error(
                    file,
                    format!("first chunk has type {:?}, expected JSON", chunk_name(other)),
                ));
            }
            (1, CHUNK_BIN) => bin = Some(body),
            (_, CHUNK_JSON) => return Err(glb_error(file, format!("chunk {index} is a second JSON chunk"))),
            (_, CHUNK_BIN) => {
                return Err(glb_error(
                    file,
                    format!("chunk {index} is a BIN chunk; only chunk 1 may be"),
                ));
            }
            _ => {} // Unknown chunk types are skipped, as the specification asks.
        }
        // Chunks are padded to four bytes.
        offset = end.div_ceil(4) * 4;
        index += 1;
    }
    let json = json.ok_or_else(|| glb_error(file, "no JSON chunk".into()))?;
    Ok(Container { json, bin })
}

/// The members of a buffer view that say where its bytes are.
#[derive(Deserialize)]
struct ViewPlace {
    buffer: u64,
    #[serde(default, rename = "byteOffset")]
    byte_offset: u64,
    #[serde(rename = "byteLength")]
    byte_length: u64,
}

/// The document's buffer views, and nothing else of it.
#[derive(Deserialize)]
struct Views {
    #[serde(default, rename = "bufferViews")]
    buffer_views: Vec<Value>,
}

/// The bytes of buffer view `view` of a GLB file's binary chunk (`data` is the whole
/// file, `file` names it in errors): what an exporter stored there beside the scene
/// (see [`Attachment`](crate::Attachment)). A view of another buffer than the binary
/// chunk, or reaching past its end, is an error, as is a file that is not GLB.
pub fn glb_buffer_view<'a>(file: &Path, data: &'a [u8], view: usize) -> Result<&'a [u8], Error> {
    if !data.starts_with(GLB_MAGIC) {
        return Err(glb_error(file, "not a GLB file: no binary chunk to read".into()));
    }
    let container = split(file, data)?;
    let at = |pointer: String| {
        Box::new(Location {
            file: file.to_path_buf(),
            pointer,
        })
    };
    let invalid = |pointer: String, message: String| Error::Invalid {
        at: at(pointer),
        message,
    };
    let views: Views = serde_json::from_slice(strip_bom(container.json)).map_err(|e| Error::Json {
        at: at(String::new()),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let pointer = format!("/bufferViews/{view}");
    let json = views
        .buffer_views
        .get(view)
        .ok_or_else(|| Error::IndexOutOfRange {
            at: at(String::new()),
            kind: "buffer view",
            index: view as u64,
            count: views.buffer_views.len(),
        })?;
    let place = ViewPlace::deserialize(json)
        .map_err(|e| invalid(pointer.clone(), format!("not a buffer view: {e}")))?;
    if place.buffer != 0 {
        return Err(invalid(
            pointer,
            format!("the view is in buffer {}, not the binary chunk", place.buffer),
        ));
    }
    let bin = container.bin.unwrap_or_default();
    usize::try_from(place.byte_offset)
        .ok()
        .zip(usize::try_from(place.byte_length).ok())
        .and_then(|(start, length)| bin.get(start..start.checked_add(length)?))
        .ok_or_else(|| {
            invalid(
                pointer,
                format!(
                    "bytes {} to {} lie past the binary chunk's {} bytes",
                    place.byte_offset,
                    place.byte_offset.saturating_add(place.byte_length),
                    bin.len()
                ),
            )
        })
}

fn chunk_name(tag: u32) -> String {
    tag.to_le_bytes()
        .iter()
        .map(|b| if b.is_ascii_graphic() { *b as char } else { '?' })
        .collect()
}

/// The JSON text without the UTF-8 byte order mark some exporters write (it is not JSON).
pub(crate) fn strip_bom(json: &[u8]) -> &[u8] {
    json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json)
}

/// The parsed document, with what the parse had to set aside.
pub(crate) struct Parsed {
    /// The typed document.
    pub root: Root,
    /// Warnings for anything the parse had to drop.
    pub warnings: Vec<Warning>,
    /// Per animation, the channels the typed model cannot hold (empty when none were).
    pub channels: Vec<TakenChannels>,
}

/// Parses the JSON document, with warnings for anything the parse had to drop.
/// `KHR_animation_pointer` channels are taken out first (see [`raw_channels`]).
pub(crate) fn parse_json(file: &Path, json: &[u8]) -> Result<Parsed, Error> {
    // Without the word, no channel can have the path "pointer": parse directly.
    let pointers = json.windows(POINTER.len()).any(|w| w == POINTER);
    let first_error = if pointers {
        None
    } else {
        match serde_json::from_slice::<Root>(json) {
            Ok(root) => {
                return Ok(Parsed {
                    root,
                    warnings: Vec::new(),
                    channels: Vec::new(),
                });
            }
            Err(e) => Some(e),
        }
    };
    // The data model requires a few properties glTF makes optional. Supply or drop
    // them and try again; if that does not help, report the first error, which has a
    // line and column.
    let json_error = |e: serde_json::Error| Error::Json {
        at: Box::new(Location {
            file: file.to_path_buf(),
            pointer: String::new(),
        }),
        line: e.line(),
        column: e.column(),
        message: without_position(&e),
    };
    let mut value = match serde_json::from_slice::<Value>(json) {
        Ok(value) => value,
        Err(e) => return Err(json_error(first_error.unwrap_or(e))),
    };
    let mut warnings = Vec::new();
    let relaxed = relax(&mut value);
    let (channels, taken) = raw_channels::take(&mut value, &mut warnings);
    // Nothing changed: parsing again would fail the same way.
    let first_error = match (first_error, relaxed || taken) {
        (Some(first), false) => return Err(json_error(first)),
        (first, _) => first,
    };
    match Root::deserialize(value) {
        Ok(root) => Ok(Parsed {
            root,
            warnings,
            channels,
        }),
        // The text's own error has a line and column; the value's has none.
        Err(e) => Err(json_error(
            first_error
                .or_else(|| serde_json::from_slice::<Root>(json).err())
                .unwrap_or(e),
        )),
    }
}

/// serde_json's message without its own " at line L column C", which the error already
/// states.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&position).unwrap_or(&text).to_string()
}

/// The text every `KHR_animation_pointer` channel holds.
const POINTER: &[u8] = b"\"pointer\"";

/// Writes numbers like `1.0` as integers (JSON does not tell them apart, and the glTF
/// Validator accepts them where an integer is expected) and fills in `scene.nodes`
/// where it is missing. Returns whether anything changed.
fn relax(doc: &mut Value) -> bool {
    let mut changed = integral_numbers(doc);
    for scene in doc
        .get_mut("scenes")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(scene) = scene.as_object_mut()
            && !scene.contains_key("nodes")
        {
            scene.insert("nodes".into(), Value::Array(Vec::new()));
            changed = true;
        }
    }
    changed
}

/// Turns every number with an integral value written as a float (`1.0`, `2e3`) into an
/// integer, outside `extras` (which are kept as written). Float fields read integers
/// all the same. Returns whether any changed.
fn integral_numbers(value: &mut Value) -> bool {
    /// Integers up to 2^53 are exact in a double.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() <= EXACT => {
                *value = Value::from(x as i64);
                true
            }
            _ => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |c, v| integral_numbers(v) | c),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(key, _)| key.as_str() != "extras")
            .fold(false, |c, (_, v)| integral_numbers(v) | c),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glb(chunks: &[(u32, &[u8])]) -> Vec<u8> {
        let mut body = Vec::new();
        for (tag, data) in chunks {
            let padded = data.len().div_ceil(4) * 4;
            body.extend((padded as u32).to_le_bytes());
            body.extend(tag.to_le_bytes());
            body.extend(*data);
            body.resize(body.len() + padded - data.len(), 0x20);
        }
        let mut out = Vec::new();
        out.extend(b"glTF");
        out.extend(2u32.to_le_bytes());
        out.extend(((12 + body.len()) as u32).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn splits_json_and_bin_and_skips_unknown_chunks() {
        let data = glb(&[
            (CHUNK_JSON, b"{}"),
            (CHUNK_BIN, &[1, 2, 3, 4]),
            (0x1234_5678, &[9; 8]),
        ]);
        let c = split(Path::new("t.glb"), &data).unwrap();
        assert_eq!(c.json.trim_ascii(), b"{}");
        assert_eq!(c.bin, Some(&[1u8, 2, 3, 4][..]));
    }

    #[test]
    fn rejects_truncated_and_mislabelled_containers() {
        let good = glb(&[(CHUNK_JSON, b"{}"), (CHUNK_BIN, &[0; 16])]);
        let file = Path::new("t.glb");
        for cut in [5, 11, 13, 20, good.len() - 1] {
            let mut bad = good[..cut].to_vec();
            if cut >= 12 {
                bad[8..12].copy_from_slice(&(cut as u32).to_le_bytes());
            }
            assert!(
                matches!(split(file, &bad), Err(Error::Glb { .. })),
                "cut at {cut}"
            );
        }
        let swapped = glb(&[(CHUNK_BIN, &[0; 4]), (CHUNK_JSON, b"{}")]);
        assert!(matches!(split(file, &swapped), Err(Error::Glb { .. })));
        let mut short_header = good.clone();
        short_header[8..12].copy_from_slice(&4u32.to_le_bytes());
        assert!(matches!(split(file, &short_header), Err(Error::Glb { .. })));
        let mut version1 = good.clone();
        version1[4] = 1;
        assert!(matches!(split(file, &version1), Err(Error::Glb { .. })));
        let mut huge_chunk = good;
        huge_chunk[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(split(file, &huge_chunk), Err(Error::Glb { .. })));
    }

    #[test]
    fn a_buffer_view_is_read_from_the_binary_chunk_and_bad_views_are_errors() {
        let file = Path::new("a.glb");
        let json = br#"{"bufferViews":[{"buffer":0,"byteOffset":2,"byteLength":3},{"buffer":1,"byteLength":1},{"buffer":0,"byteOffset":18446744073709551615,"byteLength":9},{"buffer":"x"}]}"#;
        let data = glb(&[(CHUNK_JSON, json), (CHUNK_BIN, &[1, 2, 3, 4, 5, 6, 7, 8])]);
        assert_eq!(glb_buffer_view(file, &data, 0).expect("in range"), &[3, 4, 5]);
        for view in 1..4 {
            assert!(
                matches!(glb_buffer_view(file, &data, view), Err(Error::Invalid { .. })),
                "view {view}"
            );
        }
        assert!(matches!(
            glb_buffer_view(file, &data, 4),
            Err(Error::IndexOutOfRange { count: 4, .. })
        ));
        assert!(matches!(glb_buffer_view(file, b"{}", 0), Err(Error::Glb { .. })));
        let garbage = glb(&[(CHUNK_JSON, b"[1,")]);
        assert!(matches!(
            glb_buffer_view(file, &garbage, 0),
            Err(Error::Json { .. })
        ));
    }
}
