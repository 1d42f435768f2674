//! Helpers of the malformed corpus for formats (GLB packing and splitting, base64 data
//! URIs, PNG `IHDR` and JPEG `SOF` patching, the KTX2 magic) and for walking JSON
//! documents (pointers, indices, children, accessor element sizes).

use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Formats: GLB, base64, PNG, JPEG, KTX2
// ---------------------------------------------------------------------------------------

pub(crate) fn to_json(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("a serde_json value serialises")
}

pub(crate) fn pack_glb(json: &[u8], bin: Option<&[u8]>) -> Vec<u8> {
    let pad = |n: usize| n.div_ceil(4) * 4;
    let total = 20 + pad(json.len()) + bin.map_or(0, |b| 8 + pad(b.len()));
    let mut out = Vec::with_capacity(total);
    out.extend(b"glTF");
    out.extend(2u32.to_le_bytes());
    out.extend((total as u32).to_le_bytes());
    out.extend((pad(json.len()) as u32).to_le_bytes());
    out.extend(b"JSON");
    out.extend(json);
    out.resize(20 + pad(json.len()), b' ');
    if let Some(bin) = bin {
        out.extend((pad(bin.len()) as u32).to_le_bytes());
        out.extend(b"BIN\0");
        out.extend(bin);
        out.resize(total, 0);
    }
    out
}

/// The JSON and BIN chunks of a valid GLB.
pub(crate) fn split_glb(glb: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let u32_at = |at: usize| u32::from_le_bytes([glb[at], glb[at + 1], glb[at + 2], glb[at + 3]]) as usize;
    let json_len = u32_at(12);
    let json = glb[20..20 + json_len].to_vec();
    let bin_at = 20 + json_len;
    let bin = (bin_at + 8 <= glb.len() && &glb[bin_at + 4..bin_at + 8] == b"BIN\0")
        .then(|| glb[bin_at + 8..bin_at + 8 + u32_at(bin_at)].to_vec());
    (json, bin)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn data_uri(mime: &str, bytes: &[u8]) -> String {
    let mut out = format!("data:{mime};base64,");
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn decode_data_uri(uri: &str) -> Option<Vec<u8>> {
    let (header, payload) = uri.split_once(',')?;
    if !header.ends_with(";base64") {
        return None;
    }
    let mut out = Vec::with_capacity(payload.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for c in payload.bytes().filter(|&c| c != b'=') {
        let v = BASE64.iter().position(|&b| b == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

pub(crate) const KTX2_MAGIC: [u8; 12] = [
    0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A,
];

pub(crate) fn is_png(bytes: &[u8]) -> bool {
    bytes.len() >= 33 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR"
}

/// Rewrites the PNG `IHDR` size and its CRC, so that decoders read the new size.
pub(crate) fn patch_png_size(png: &mut [u8], width: u32, height: u32) {
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Offset of the first JPEG start-of-frame marker (its `FF`), whose segment holds the
/// height at +5 and the width at +7.
pub(crate) fn jpeg_sof(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 9 < bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return Some(at);
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + len;
    }
    None
}

// ---------------------------------------------------------------------------------------
// JSON helpers
// ---------------------------------------------------------------------------------------

pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every value of the document with its JSON pointer.
pub(crate) fn walk(doc: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), doc)];
    while let Some((pointer, value)) = stack.pop() {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    stack.push((format!("{pointer}/{i}"), item));
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    stack.push((format!("{pointer}/{}", escape(key)), item));
                }
            }
            _ => {}
        }
        out.push((pointer, value));
    }
    out
}

pub(crate) fn as_index(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|v| usize::try_from(v).ok())
}

pub(crate) fn children(node: &Value) -> Vec<usize> {
    node.get("children")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |a| a.iter().filter_map(as_index).collect())
}

/// Bytes of one element of an accessor (matrix columns padded to four bytes).
pub(crate) fn element_size(accessor: &Value) -> Option<usize> {
    let component = match accessor.get("componentType")?.as_u64()? {
        5120 | 5121 => 1,
        5122 | 5123 => 2,
        5125 | 5126 => 4,
        _ => return None,
    };
    let (columns, rows) = match accessor.get("type")?.as_str()? {
        "SCALAR" => (1, 1),
        "VEC2" => (1, 2),
        "VEC3" => (1, 3),
        "VEC4" => (1, 4),
        "MAT2" => (2, 2),
        "MAT3" => (3, 3),
        "MAT4" => (4, 4),
        _ => return None,
    };
    Some(if columns == 1 {
        rows * component
    } else {
        columns * (rows * component).div_ceil(4) * 4
    })
}
