//! `EXT_meshopt_compression` and `KHR_meshopt_compression`: buffer views whose bytes are
//! meshoptimizer streams (vertex attributes, triangle lists, index sequences), decoded
//! the first time an accessor or image reads the view, then read like any other view.
//! The view's own buffer is the fallback for readers without the extension and is never
//! opened; a buffer marked `fallback` may be read through compressed views only.
//!
//! Every count and stride is checked against the rules of the extension and the parent
//! view's `byteLength`, and the decoded size is charged to the geometry budget, before
//! anything is allocated; meshoptimizer's decoders are safe on untrusted input and
//! report a malformed stream with a code, which becomes an [`Error::Meshopt`].

use super::context::Context;
use crate::error::Error;
use serde::Deserialize;
use std::sync::OnceLock;

/// The extension names, the ratified one first: a view with both is read through it.
const NAMES: [&str; 2] = ["KHR_meshopt_compression", "EXT_meshopt_compression"];

/// Decoded views, each decoded the first time it is read.
pub(crate) struct Views {
    cells: Vec<OnceLock<Vec<u8>>>,
}

impl Views {
    /// Room for a document with `count` buffer views.
    pub fn new(count: usize) -> Self {
        Self {
            cells: (0..count).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// The extension object of a compressed buffer view.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Compression {
    buffer: u32,
    #[serde(default)]
    byte_offset: u64,
    byte_length: u64,
    byte_stride: u64,
    count: u64,
    mode: Mode,
    #[serde(default)]
    filter: Filter,
}

/// Which bitstream the view holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Mode {
    /// Vertex attributes or any other fixed-size elements.
    Attributes,
    /// A triangle list's indices.
    Triangles,
    /// Any other index sequence.
    Indices,
}

/// What is applied to decoded attributes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum Filter {
    /// The data as decoded.
    #[default]
    None,
    /// Octahedral unit vectors in 8- or 16-bit components.
    Octahedral,
    /// Quaternions with their largest component reconstructed.
    Quaternion,
    /// Floats as 8-bit exponent and 24-bit mantissa.
    Exponential,
    /// RGBA from YCoCg (`KHR_meshopt_compression` only).
    Color,
}

/// The extension object of view `view_index`, with its name, if the view has one.
fn extension(ctx: &Context, view_index: u32) -> Option<(&'static str, &serde_json::Value)> {
    let others = &ctx
        .doc
        .buffer_views
        .get(view_index as usize)?
        .extensions
        .as_ref()?
        .others;
    NAMES
        .iter()
        .find_map(|name| others.get(*name).map(|value| (*name, value)))
}

/// The decoded bytes of view `view_index` when it is compressed, decoding it the first
/// time; `None` for a view without the extension.
pub(crate) fn decoded_view(ctx: &Context, view_index: u32) -> Result<Option<&[u8]>, Error> {
    let Some((name, value)) = extension(ctx, view_index) else {
        return Ok(None);
    };
    let Some(cell) = ctx.views.cells.get(view_index as usize) else {
        return Ok(None);
    };
    if let Some(bytes) = cell.get() {
        return Ok(Some(bytes));
    }
    let bytes = decode_view(ctx, view_index, name, value)?;
    Ok(Some(cell.get_or_init(|| bytes)))
}

/// Fails when buffer `buffer_index` is marked as a meshopt fallback: only compressed
/// views may refer to it, and their data comes from elsewhere.
pub(crate) fn refuse_fallback_buffer(
    ctx: &Context,
    buffer_index: usize,
    view_pointer: &str,
) -> Result<(), Error> {
    match fallback_name(ctx, buffer_index) {
        Some(name) => Err(ctx.invalid(
            format!("{view_pointer}/buffer"),
            format!(
                "buffer {buffer_index} is a {name} fallback buffer, which only views with that extension may use"
            ),
        )),
        None => Ok(()),
    }
}

/// The extension that marks buffer `buffer_index` as a fallback, if one does.
fn fallback_name(ctx: &Context, buffer_index: usize) -> Option<&'static str> {
    let others = &ctx.doc.buffers.get(buffer_index)?.extensions.as_ref()?.others;
    NAMES.into_iter().find(|name| {
        others
            .get(*name)
            .and_then(|ext| ext.get("fallback"))
            .and_then(serde_json::Value::as_bool)
            == Some(true)
    })
}

fn decode_view(
    ctx: &Context,
    view_index: u32,
    name: &str,
    value: &serde_json::Value,
) -> Result<Vec<u8>, Error> {
    let pointer = format!("/bufferViews/{view_index}/extensions/{name}");
    let c = Compression::deserialize(value)
        .map_err(|e| ctx.invalid(&pointer, format!("malformed {name} object: {e}")))?;
    let view = &ctx.doc.buffer_views[view_index as usize];
    let size = check(ctx, &c, name, view, &pointer)?;
    let compressed = compressed_bytes(ctx, &c, &pointer)?;
    // The size was checked against the view; it is charged before it is allocated.
    ctx.charge(&ctx.geometry, size as u64, &pointer)?;
    let count = c.count as usize;
    let stride = c.byte_stride as usize;
    let decoded = match c.mode {
        Mode::Attributes => decode_attributes(compressed, count, stride, c.filter),
        Mode::Triangles | Mode::Indices => decode_indices(compressed, count, stride, c.mode),
    }
    .map_err(|message| Error::Meshopt {
        at: ctx.at(&pointer),
        message,
    })?;
    log::debug!(
        "{}: buffer view {view_index} decoded ({name}, {:?}, filter {:?}): {} bytes into {size}",
        ctx.file.display(),
        c.mode,
        c.filter,
        compressed.len()
    );
    Ok(decoded)
}

/// Checks the extension's rules and returns the decoded size in bytes, which must be the
/// parent view's `byteLength`.
fn check(
    ctx: &Context,
    c: &Compression,
    name: &str,
    view: &gltf::json::buffer::View,
    pointer: &str,
) -> Result<usize, Error> {
    let stride = c.byte_stride;
    let invalid = |field: &str, message: String| ctx.invalid(format!("{pointer}/{field}"), message);
    match c.mode {
        Mode::Attributes if stride == 0 || !stride.is_multiple_of(4) || stride > 256 => {
            return Err(invalid(
                "byteStride",
                format!("byteStride {stride} of ATTRIBUTES must be a multiple of 4 from 4 to 256"),
            ));
        }
        Mode::Triangles | Mode::Indices if stride != 2 && stride != 4 => {
            return Err(invalid(
                "byteStride",
                format!("byteStride {stride} of {:?} must be 2 or 4", c.mode),
            ));
        }
        Mode::Triangles if !c.count.is_multiple_of(3) => {
            return Err(invalid(
                "count",
                format!("count {} of TRIANGLES is not a multiple of 3", c.count),
            ));
        }
        Mode::Triangles | Mode::Indices if c.filter != Filter::None => {
            return Err(invalid("filter", format!("{:?} cannot have a filter", c.mode)));
        }
        _ => {}
    }
    let filter_ok = match c.filter {
        Filter::None | Filter::Exponential => true,
        Filter::Octahedral => stride == 4 || stride == 8,
        Filter::Quaternion => stride == 8,
        Filter::Color if name != "KHR_meshopt_compression" => {
            return Err(invalid(
                "filter",
                format!("COLOR is a filter of KHR_meshopt_compression, not of {name}"),
            ));
        }
        Filter::Color => stride == 4 || stride == 8,
    };
    if !filter_ok {
        return Err(invalid(
            "byteStride",
            format!("byteStride {stride} does not suit the {:?} filter", c.filter),
        ));
    }
    if name == "EXT_meshopt_compression"
        && let Some(parent) = view.byte_stride
        && parent.0 as u64 != stride
    {
        return Err(invalid(
            "byteStride",
            format!("byteStride {stride} differs from the buffer view's {}", parent.0),
        ));
    }
    let size = c.count.checked_mul(stride);
    let declared = view.byte_length.0;
    if size != Some(declared) {
        return Err(Error::DecodedSize {
            at: ctx.at(pointer
                .rsplit_once("/extensions")
                .map_or(pointer, |(view, _)| view)),
            what: format!(
                "bytes of the buffer view ({} elements of {stride} bytes)",
                c.count
            ),
            declared,
            decoded: size.unwrap_or(u64::MAX),
        });
    }
    usize::try_from(declared).map_err(|_| invalid("count", "the decoded view does not fit in memory".into()))
}

/// The compressed bytes the extension points at, which must not be a fallback buffer's.
fn compressed_bytes<'a>(ctx: &'a Context, c: &Compression, pointer: &str) -> Result<&'a [u8], Error> {
    let buffer_pointer = format!("{pointer}/buffer");
    ctx.get(&ctx.doc.buffers, c.buffer, "buffer", &buffer_pointer)?;
    if let Some(name) = fallback_name(ctx, c.buffer as usize) {
        return Err(ctx.invalid(
            buffer_pointer,
            format!(
                "buffer {} is a {name} fallback buffer and holds no compressed data",
                c.buffer
            ),
        ));
    }
    let buffer = ctx.buffers.get(ctx, c.buffer as usize)?.ok_or_else(|| {
        ctx.invalid(
            &buffer_pointer,
            format!(
                "buffer {} has no data: it has no uri and is not the GLB binary chunk",
                c.buffer
            ),
        )
    })?;
    let end = c.byte_offset.checked_add(c.byte_length);
    match end {
        Some(end) if end <= buffer.len() as u64 => Ok(&buffer[c.byte_offset as usize..end as usize]),
        _ => Err(Error::OutOfBounds {
            at: ctx.at(pointer),
            message: format!(
                "compressed bytes {}..{}+{} reach past the end of buffer {} ({} bytes)",
                c.byte_offset,
                c.byte_offset,
                c.byte_length,
                c.buffer,
                buffer.len()
            ),
        }),
    }
}

/// What a meshoptimizer decoder's return code means.
fn code_message(code: i32) -> String {
    let what = match code {
        -1 => "the header is not that of this mode, or names an unknown version",
        -2 => "the stream ends early or is malformed",
        -3 => "bytes are left over after the data",
        _ => "the stream is malformed",
    };
    format!("{what} (meshoptimizer code {code})")
}

fn native(error: meshopt::Error) -> String {
    match error {
        meshopt::Error::Native(code) => code_message(code),
        other => other.to_string(),
    }
}

/// Mode ATTRIBUTES: `count` elements of `stride` bytes, then the filter.
fn decode_attributes(
    compressed: &[u8],
    count: usize,
    stride: usize,
    filter: Filter,
) -> Result<Vec<u8>, String> {
    // Four-byte words, so that the filters may view them as 16- and 32-bit components.
    let mut words = vec![0u32; count * stride / 4];
    decode_vertex_buffer(&mut words, count, stride, compressed).map_err(code_message)?;
    match (filter, stride) {
        (Filter::None, _) => {}
        (Filter::Octahedral, 4) => meshopt::decode_filter_oct::<i8>(bytemuck::cast_slice_mut(&mut words)),
        (Filter::Octahedral, _) => meshopt::decode_filter_oct::<i16>(bytemuck::cast_slice_mut(&mut words)),
        (Filter::Quaternion, _) => meshopt::decode_filter_quat(bytemuck::cast_slice_mut(&mut words)),
        // Each 32-bit component is decoded on its own, whatever the stride.
        (Filter::Exponential, _) => meshopt::decode_filter_exp::<1>(bytemuck::cast_slice_mut(&mut words)),
        (Filter::Color, 4) => meshopt::decode_filter_color::<u8>(bytemuck::cast_slice_mut(&mut words)),
        (Filter::Color, _) => meshopt::decode_filter_color::<u16>(bytemuck::cast_slice_mut(&mut words)),
    }
    Ok(bytemuck::cast_slice(&words).to_vec())
}

/// meshoptimizer's vertex decoder into `words`, which hold `count` elements of `stride`
/// bytes; the code of a refused stream as the error.
///
/// The safe wrapper of the `meshopt` crate fixes the element size at compile time (one
/// Rust type per stride), while glTF gives it at run time; this calls the decoder itself.
#[allow(unsafe_code)]
fn decode_vertex_buffer(
    words: &mut [u32],
    count: usize,
    stride: usize,
    compressed: &[u8],
) -> Result<(), i32> {
    // The decoder's own preconditions (it asserts them in debug builds of the C++).
    if stride == 0 || stride > 256 || !stride.is_multiple_of(4) || words.len() * 4 != count * stride {
        return Err(-2);
    }
    // SAFETY: `words` holds exactly `count * stride` writable bytes, which is all the
    // decoder writes; it reads `compressed` only within its length and refuses malformed
    // data with a negative code instead of reading past it.
    let code = unsafe {
        meshopt::ffi::meshopt_decodeVertexBuffer(
            words.as_mut_ptr().cast(),
            count,
            stride,
            compressed.as_ptr(),
            compressed.len(),
        )
    };
    if code == 0 { Ok(()) } else { Err(code) }
}

/// Modes TRIANGLES and INDICES: `count` indices of `stride` (2 or 4) bytes, little-endian.
fn decode_indices(compressed: &[u8], count: usize, stride: usize, mode: Mode) -> Result<Vec<u8>, String> {
    fn decode<T: meshopt::IndexType>(compressed: &[u8], count: usize, mode: Mode) -> Result<Vec<T>, String> {
        match mode {
            Mode::Triangles => meshopt::decode_index_buffer(compressed, count),
            _ => meshopt::decode_index_sequence(compressed, count),
        }
        .map_err(native)
    }
    Ok(match stride {
        2 => decode::<u16>(compressed, count, mode)?
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect(),
        _ => decode::<u32>(compressed, count, mode)?
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_round_trip_with_any_stride() {
        // Twelve-byte elements have no Rust type in the safe wrapper; the decoder takes them.
        let elements: Vec<[u32; 3]> = (0..100u32).map(|i| [i, i * 3, 7]).collect();
        let encoded = meshopt::encode_vertex_buffer(&elements).expect("encodes");
        let decoded = decode_attributes(&encoded, 100, 12, Filter::None).expect("decodes");
        assert_eq!(decoded, bytemuck::cast_slice::<[u32; 3], u8>(&elements));
        // One byte short: refused with a code, not read past.
        let error = decode_attributes(&encoded[..encoded.len() - 1], 100, 12, Filter::None).unwrap_err();
        assert!(error.contains("code -"), "{error}");
    }

    #[test]
    fn indices_round_trip_in_both_modes_and_widths() {
        let triangles: Vec<u32> = vec![0, 1, 2, 2, 1, 3, 3, 1, 4];
        let encoded = meshopt::encode_index_buffer(&triangles, 5).expect("encodes");
        let decoded = decode_indices(&encoded, 9, 2, Mode::Triangles).expect("decodes");
        let expected: Vec<u8> = triangles.iter().flat_map(|i| (*i as u16).to_le_bytes()).collect();
        assert_eq!(decoded, expected);
        let sequence: Vec<u32> = vec![5, 9, 1, 70_000];
        let encoded = meshopt::encode_index_sequence(&sequence, 70_001).expect("encodes");
        let decoded = decode_indices(&encoded, 4, 4, Mode::Indices).expect("decodes");
        assert_eq!(decoded, bytemuck::cast_slice::<u32, u8>(&sequence));
        assert!(decode_indices(&encoded[..3], 4, 4, Mode::Indices).is_err());
    }

    #[test]
    fn exponential_filter_restores_floats() {
        let values = [[1.5f32, -0.25, 1024.0]];
        let encoded = meshopt::encode_filter_exp(&values, 23, meshopt::EncodeExpMode::Separate);
        let stream = meshopt::encode_vertex_buffer(&encoded).expect("encodes");
        let decoded = decode_attributes(&stream, 1, 12, Filter::Exponential).expect("decodes");
        let floats: Vec<f32> = decoded
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        assert_eq!(floats, values[0]);
    }
}
