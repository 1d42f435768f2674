//! KTX 2.0 textures with uncompressed 8-bit texels, stored plainly or
//! Zstandard-supercompressed. Basis Universal (BasisLZ, UASTC) and block-compressed
//! formats are reported as unsupported.

/// Why a KTX2 file cannot be used.
#[derive(Debug, PartialEq)]
pub(crate) enum Ktx2Error {
    /// The file breaks the container format.
    Malformed(String),
    /// A valid file in an encoding this reader does not transcode.
    Unsupported(String),
}

/// The identifier every KTX 2.0 file starts with.
pub(crate) const MAGIC: [u8; 12] = [
    0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A,
];

const SUPERCOMPRESSION_NONE: u32 = 0;
const SUPERCOMPRESSION_ZSTD: u32 = 2;

/// The header fields that decide whether and how the base level can be read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Header {
    pub vk_format: u32,
    pub width: u32,
    pub height: u32,
    pub channels: usize,
    supercompression: u32,
    level_offset: u64,
    level_length: u64,
    level_uncompressed: u64,
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(data.get(at..at + 8)?.try_into().ok()?))
}

/// Channels per texel of the 8-bit Vulkan formats this reader handles.
fn channels_of(vk_format: u32) -> Option<usize> {
    match vk_format {
        9 | 15 => Some(1),  // R8_UNORM, R8_SRGB
        16 | 22 => Some(2), // R8G8_UNORM, R8G8_SRGB
        23 | 29 => Some(3), // R8G8B8_UNORM, R8G8B8_SRGB
        37 | 43 => Some(4), // R8G8B8A8_UNORM, R8G8B8A8_SRGB
        _ => None,
    }
}

/// Reads and checks the header and the base level's index entry.
pub(crate) fn read_header(data: &[u8]) -> Result<Header, Ktx2Error> {
    let malformed = |what: &str| Ktx2Error::Malformed(what.to_owned());
    if !data.starts_with(&MAGIC) {
        return Err(malformed("not a KTX 2.0 file"));
    }
    let field = |at| u32_at(data, at).ok_or_else(|| malformed("file ends inside the header"));
    let vk_format = field(12)?;
    let width = field(20)?;
    let height = field(24)?;
    let depth = field(28)?;
    let layers = field(32)?;
    let faces = field(36)?;
    let supercompression = field(44)?;
    if supercompression == 1 {
        return Err(Ktx2Error::Unsupported(
            "Basis Universal (BasisLZ) supercompression".into(),
        ));
    }
    if vk_format == 0 {
        return Err(Ktx2Error::Unsupported(
            "Basis Universal (UASTC) or another unsized format".into(),
        ));
    }
    let channels =
        channels_of(vk_format).ok_or_else(|| Ktx2Error::Unsupported(format!("Vulkan format {vk_format}")))?;
    if supercompression != SUPERCOMPRESSION_NONE && supercompression != SUPERCOMPRESSION_ZSTD {
        return Err(Ktx2Error::Unsupported(format!(
            "supercompression scheme {supercompression}"
        )));
    }
    if depth > 1 || layers > 1 || faces != 1 {
        return Err(Ktx2Error::Unsupported("3D, array or cube map textures".into()));
    }
    if width == 0 || height == 0 {
        return Err(malformed("zero width or height"));
    }
    // The level index follows the 80-byte header; level 0 is the full-size image.
    let level = |at| u64_at(data, at).ok_or_else(|| malformed("file ends inside the level index"));
    Ok(Header {
        vk_format,
        width,
        height,
        channels,
        supercompression,
        level_offset: level(80)?,
        level_length: level(88)?,
        level_uncompressed: level(96)?,
    })
}

/// Decodes the base level to RGBA8 (missing channels: green and blue 0, alpha 255).
/// Call [`read_header`] first to check the size against limits.
pub(crate) fn decode_rgba8(data: &[u8], header: &Header) -> Result<Vec<u8>, Ktx2Error> {
    let malformed = |what: String| Ktx2Error::Malformed(what);
    let texels = u64::from(header.width) * u64::from(header.height);
    let expected = texels * header.channels as u64;
    let start = header.level_offset;
    let end = start
        .checked_add(header.level_length)
        .filter(|end| *end <= data.len() as u64)
        .ok_or_else(|| {
            malformed(format!(
                "level 0 ({} bytes at {start}) reaches past the file",
                header.level_length
            ))
        })?;
    let stored = &data[start as usize..end as usize];
    let raw = match header.supercompression {
        SUPERCOMPRESSION_ZSTD => {
            if header.level_uncompressed != expected {
                return Err(malformed(format!(
                    "level 0 inflates to {} bytes, expected {expected}",
                    header.level_uncompressed
                )));
            }
            let mut out = vec![0u8; expected as usize];
            let written = ruzstd::decoding::FrameDecoder::new()
                .decode_all(stored, &mut out)
                .map_err(|e| malformed(format!("Zstandard data: {e}")))?;
            if written as u64 != expected {
                return Err(malformed(format!(
                    "level 0 inflated to {written} bytes, expected {expected}"
                )));
            }
            out
        }
        _ => {
            if stored.len() as u64 != expected {
                return Err(malformed(format!(
                    "level 0 has {} bytes, expected {expected}",
                    stored.len()
                )));
            }
            stored.to_vec()
        }
    };
    let mut rgba = Vec::with_capacity(texels as usize * 4);
    for texel in raw.chunks_exact(header.channels) {
        let mut out = [0, 0, 0, 255];
        out[..header.channels].copy_from_slice(texel);
        rgba.extend_from_slice(&out);
    }
    Ok(rgba)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal KTX2 file with one level of `texels` (tightly packed).
    pub(crate) fn build(vk_format: u32, width: u32, height: u32, texels: &[u8], zstd: bool) -> Vec<u8> {
        let payload = if zstd {
            ruzstd::encoding::compress_to_vec(texels, ruzstd::encoding::CompressionLevel::Fastest)
        } else {
            texels.to_vec()
        };
        let mut out = MAGIC.to_vec();
        for v in [vk_format, 1, width, height, 0, 0, 1, 1, if zstd { 2 } else { 0 }] {
            out.extend(v.to_le_bytes());
        }
        // dfd, kvd offsets/lengths (none), sgd offset/length (none).
        out.extend([0u8; 16]);
        out.extend([0u8; 16]);
        let level_offset = 80u64 + 24;
        out.extend(level_offset.to_le_bytes());
        out.extend((payload.len() as u64).to_le_bytes());
        out.extend((texels.len() as u64).to_le_bytes());
        out.extend(payload);
        out
    }

    #[test]
    fn reads_rgb_with_and_without_zstd() {
        let texels: Vec<u8> = (0..2 * 3 * 3).map(|i| i as u8 * 10).collect();
        for zstd in [false, true] {
            let file = build(23, 2, 3, &texels, zstd);
            let header = read_header(&file).unwrap();
            assert_eq!((header.width, header.height, header.channels), (2, 3, 3));
            let rgba = decode_rgba8(&file, &header).unwrap();
            assert_eq!(rgba.len(), 2 * 3 * 4);
            assert_eq!(&rgba[..8], &[0, 10, 20, 255, 30, 40, 50, 255]);
        }
    }

    #[test]
    fn refuses_basis_and_broken_files() {
        let mut basis = build(0, 4, 4, &[0; 16], false);
        basis[44] = 1;
        assert!(matches!(read_header(&basis), Err(Ktx2Error::Unsupported(_))));
        let bc7 = build(145, 4, 4, &[0; 16], false);
        assert!(matches!(read_header(&bc7), Err(Ktx2Error::Unsupported(_))));
        let good = build(37, 2, 2, &[7; 16], true);
        assert!(matches!(read_header(&good[..50]), Err(Ktx2Error::Malformed(_))));
        let header = read_header(&good).unwrap();
        assert!(matches!(
            decode_rgba8(&good[..good.len() - 3], &header),
            Err(Ktx2Error::Malformed(_))
        ));
        let mut lying = good.clone();
        lying[96..104].copy_from_slice(&(1u64 << 40).to_le_bytes());
        let header = read_header(&lying).unwrap();
        assert!(matches!(
            decode_rgba8(&lying, &header),
            Err(Ktx2Error::Malformed(_))
        ));
    }
}
