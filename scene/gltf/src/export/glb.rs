//! The GLB container: a 12-byte header, a JSON chunk padded with spaces and an optional
//! binary chunk padded with zeros, every chunk a multiple of 4 bytes long.

use super::error::ExportError;
use std::io::{self, Write};

/// `glTF`, little-endian.
pub(crate) const MAGIC: u32 = 0x4654_6C67;
/// The container version glTF 2.0 defines.
pub(crate) const VERSION: u32 = 2;
/// Chunk type of the JSON chunk: `JSON`.
pub(crate) const CHUNK_JSON: u32 = 0x4E4F_534A;
/// Chunk type of the binary chunk: `BIN\0`.
pub(crate) const CHUNK_BIN: u32 = 0x004E_4942;

const HEADER_BYTES: usize = 12;
const CHUNK_HEADER_BYTES: usize = 8;

/// Rounds up to the next multiple of 4.
pub(crate) fn padded(len: usize) -> usize {
    len.div_ceil(4) * 4
}

/// The container's total length, checked against the 32-bit length field.
pub(crate) fn total_length(json: &[u8], bin: Option<&[u8]>) -> Result<u32, ExportError> {
    let total = HEADER_BYTES
        + CHUNK_HEADER_BYTES
        + padded(json.len())
        + bin.map_or(0, |b| CHUNK_HEADER_BYTES + padded(b.len()));
    u32::try_from(total).map_err(|_| ExportError::TooLarge {
        what: "file",
        bytes: total as u64,
    })
}

/// Writes the container: header, JSON chunk, then the binary chunk when there is one.
/// `length` is [`total_length`] of the same parts (which also checked that every
/// chunk length fits in 32 bits).
pub(crate) fn write_to(out: &mut impl Write, length: u32, json: &[u8], bin: Option<&[u8]>) -> io::Result<()> {
    out.write_all(&MAGIC.to_le_bytes())?;
    out.write_all(&VERSION.to_le_bytes())?;
    out.write_all(&length.to_le_bytes())?;
    chunk(out, CHUNK_JSON, json, b' ')?;
    if let Some(bin) = bin {
        chunk(out, CHUNK_BIN, bin, 0)?;
    }
    Ok(())
}

/// The container in memory.
pub(crate) fn assemble(json: &[u8], bin: Option<&[u8]>) -> Result<Vec<u8>, ExportError> {
    let length = total_length(json, bin)?;
    let mut out = Vec::with_capacity(length as usize);
    // Writing into a Vec cannot fail.
    write_to(&mut out, length, json, bin).map_err(|source| ExportError::Io {
        path: "<memory>".into(),
        source,
    })?;
    Ok(out)
}

/// One chunk: length (padded), type, data, padding.
fn chunk(out: &mut impl Write, kind: u32, data: &[u8], pad: u8) -> io::Result<()> {
    let padded_len = padded(data.len());
    out.write_all(&(padded_len as u32).to_le_bytes())?;
    out.write_all(&kind.to_le_bytes())?;
    out.write_all(data)?;
    out.write_all(&[pad; 3][..padded_len - data.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(bytes: &[u8], offset: usize) -> u32 {
        u32::from_le_bytes([
            bytes[offset],
            bytes[offset + 1],
            bytes[offset + 2],
            bytes[offset + 3],
        ])
    }

    #[test]
    fn chunks_are_padded_to_four_bytes_with_spaces_and_zeros() {
        let glb = assemble(b"{\"a\":1}", Some(&[1, 2, 3, 4, 5])).expect("small file");
        assert_eq!(&glb[0..4], b"glTF");
        assert_eq!(u32_at(&glb, 4), 2);
        assert_eq!(u32_at(&glb, 8) as usize, glb.len());
        // JSON: 7 bytes padded to 8 with one space.
        assert_eq!(u32_at(&glb, 12), 8);
        assert_eq!(&glb[16..20], b"JSON");
        assert_eq!(&glb[20..28], b"{\"a\":1} ");
        // BIN: 5 bytes padded to 8 with zeros.
        assert_eq!(u32_at(&glb, 28), 8);
        assert_eq!(&glb[32..36], b"BIN\0");
        assert_eq!(&glb[36..44], &[1, 2, 3, 4, 5, 0, 0, 0]);
        assert_eq!(glb.len(), 44);
    }

    #[test]
    fn the_binary_chunk_is_optional() {
        let glb = assemble(b"{}", None).expect("small file");
        assert_eq!(glb.len(), 12 + 8 + 4);
        assert_eq!(u32_at(&glb, 8), 24);
        assert_eq!(&glb[20..24], b"{}  ");
    }
}
