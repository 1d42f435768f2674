//! KTX 2.0 containers, read with the `ktx2` crate: the header, the level index and the
//! Data Format Descriptor (DFD) are checked before any level is touched. Two payloads
//! are understood: uncompressed 8-bit texels, stored plainly or Zstandard-supercompressed
//! (decoded here to RGBA8), and Basis Universal ETC1S/UASTC (`KHR_texture_basisu`,
//! transcoded by [`super::basis`]). Anything else is reported unsupported.

use super::basis::Channels;
use ktx2::{ColorModel, SupercompressionScheme};

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

/// What the texels of a KTX2 file are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Payload {
    /// 8-bit texels of `channels` channels (1 to 4), in one level used as level 0.
    Uncompressed {
        /// Channels per texel.
        channels: usize,
    },
    /// Basis Universal ETC1S or UASTC with the channels its DFD declares.
    Basis(Channels),
}

/// The facts about a KTX2 file that decide whether and how it can be read, taken from
/// its header and DFD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Header {
    /// Width of level 0.
    pub width: u32,
    /// Height of level 0.
    pub height: u32,
    /// Mip levels stored (at least 1).
    pub levels: u32,
    /// What the texels are.
    pub payload: Payload,
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

/// Parses the container (with every section and level in bounds) and reads its header.
pub(crate) fn read_header(data: &[u8]) -> Result<Header, Ktx2Error> {
    let reader = ktx2::Reader::new(data).map_err(|e| Ktx2Error::Malformed(e.to_string()))?;
    let header = reader.header();
    let (width, height) = (header.pixel_width, header.pixel_height);
    if width == 0 || height == 0 {
        return Err(Ktx2Error::Malformed("zero width or height".into()));
    }
    if header.pixel_depth > 1 || header.layer_count > 1 || header.face_count != 1 {
        return Err(Ktx2Error::Unsupported("3D, array or cube map textures".into()));
    }
    let levels = header.level_count.max(1);
    let full_chain = museion_scene::compressed_image::full_mip_count(width, height);
    if levels > full_chain {
        return Err(Ktx2Error::Malformed(format!(
            "{levels} mip levels for a {width}x{height} image (at most {full_chain})"
        )));
    }
    let scheme = header.supercompression_scheme;
    let model = reader.basic_dfd().and_then(|dfd| dfd.color_model);
    let payload = match header.format {
        None if matches!(model, Some(ColorModel::ETC1S) | Some(ColorModel::UASTC)) => {
            if scheme == Some(SupercompressionScheme::Zstandard) {
                check_inflated_lengths(&reader, width, height)?;
            }
            Payload::Basis(basis_channels(&reader)?)
        }
        None => {
            return Err(Ktx2Error::Unsupported(match scheme {
                Some(SupercompressionScheme::BasisLZ) => "BasisLZ data without an ETC1S descriptor".into(),
                _ => "an unsized format that is neither ETC1S nor UASTC".into(),
            }));
        }
        Some(format) => {
            let vk = format.value();
            let channels =
                channels_of(vk).ok_or_else(|| Ktx2Error::Unsupported(format!("Vulkan format {vk}")))?;
            if !matches!(scheme, None | Some(SupercompressionScheme::Zstandard)) {
                let id = scheme.map_or(0, |s| s.value());
                return Err(Ktx2Error::Unsupported(format!("supercompression scheme {id}")));
            }
            Payload::Uncompressed { channels }
        }
    };
    Ok(Header {
        width,
        height,
        levels,
        payload,
    })
}

/// Checks that every Zstandard-supercompressed level inflates to the size of its UASTC
/// blocks (16 bytes per 4×4 block), so that no file can make the inflater allocate more.
fn check_inflated_lengths<D: AsRef<[u8]>>(
    reader: &ktx2::Reader<D>,
    width: u32,
    height: u32,
) -> Result<(), Ktx2Error> {
    for (level, data) in reader.levels().enumerate() {
        let (w, h) = museion_scene::compressed_image::mip_size(width, height, level as u32);
        let expected = u64::from(w.div_ceil(4)) * u64::from(h.div_ceil(4)) * 16;
        if data.uncompressed_byte_length != expected {
            return Err(Ktx2Error::Malformed(format!(
                "level {level} inflates to {} bytes; {w}x{h} UASTC blocks take {expected}",
                data.uncompressed_byte_length
            )));
        }
    }
    Ok(())
}

/// The channels of a Basis texture from its DFD's sample channel ids (KTX 2.0 §
/// "Basis Universal": ETC1S RGB 0, RRR 3, GGG 4, AAA 15; UASTC RGB 0, RGBA 3, RRR 4,
/// RRRG 5, RG 6).
fn basis_channels<D: AsRef<[u8]>>(reader: &ktx2::Reader<D>) -> Result<Channels, Ktx2Error> {
    let dfd = reader
        .basic_dfd()
        .ok_or_else(|| Ktx2Error::Malformed("no basic data format descriptor".into()))?;
    let ids: Vec<u8> = dfd.sample_information.iter().map(|s| s.channel_type).collect();
    let channels = if dfd.color_model == Some(ColorModel::ETC1S) {
        match ids.as_slice() {
            [0] => Channels::Rgb,
            [3] => Channels::Luminance,
            [3, 4] => Channels::RedGreen,
            [0 | 3, 15] => Channels::Rgba,
            _ => return Err(Ktx2Error::Malformed(format!("ETC1S channel ids {ids:?}"))),
        }
    } else {
        match ids.as_slice() {
            [0] => Channels::Rgb,
            [3] => Channels::Rgba,
            [4] => Channels::Luminance,
            [5] => Channels::LuminanceAlpha,
            [6] => Channels::RedGreen,
            _ => return Err(Ktx2Error::Malformed(format!("UASTC channel ids {ids:?}"))),
        }
    };
    Ok(channels)
}

/// Decodes level 0 of an uncompressed file to RGBA8 (missing channels: green and blue
/// 0, alpha 255). Call [`read_header`] first to check the size against limits.
pub(crate) fn decode_rgba8(data: &[u8], header: &Header) -> Result<Vec<u8>, Ktx2Error> {
    let malformed = Ktx2Error::Malformed;
    let Payload::Uncompressed { channels } = header.payload else {
        return Err(Ktx2Error::Unsupported(
            "a Basis Universal payload read as texels".into(),
        ));
    };
    let reader = ktx2::Reader::new(data).map_err(|e| malformed(e.to_string()))?;
    let level = reader
        .levels()
        .next()
        .ok_or_else(|| malformed("no level 0".into()))?;
    let texels = u64::from(header.width) * u64::from(header.height);
    let expected = texels * channels as u64;
    let raw = match reader.header().supercompression_scheme {
        Some(SupercompressionScheme::Zstandard) => {
            if level.uncompressed_byte_length != expected {
                return Err(malformed(format!(
                    "level 0 inflates to {} bytes, expected {expected}",
                    level.uncompressed_byte_length
                )));
            }
            let mut out = vec![0u8; expected as usize];
            let written = ruzstd::decoding::FrameDecoder::new()
                .decode_all(level.data, &mut out)
                .map_err(|e| malformed(format!("Zstandard data: {e}")))?;
            if written as u64 != expected {
                return Err(malformed(format!(
                    "level 0 inflated to {written} bytes, expected {expected}"
                )));
            }
            out
        }
        _ => {
            if level.data.len() as u64 != expected {
                return Err(malformed(format!(
                    "level 0 has {} bytes, expected {expected}",
                    level.data.len()
                )));
            }
            level.data.to_vec()
        }
    };
    let mut rgba = Vec::with_capacity(texels as usize * 4);
    for texel in raw.chunks_exact(channels) {
        let mut out = [0, 0, 0, 255];
        out[..channels].copy_from_slice(texel);
        rgba.extend_from_slice(&out);
    }
    Ok(rgba)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal KTX2 file with one level of `texels` (tightly packed) and the DFD the
    /// `ktx2` crate generates for `vk_format` (for 0, undefined, that of RGBA8).
    pub(crate) fn build(vk_format: u32, width: u32, height: u32, texels: &[u8], zstd: bool) -> Vec<u8> {
        let payload = if zstd {
            ruzstd::encoding::compress_to_vec(texels, ruzstd::encoding::CompressionLevel::Fastest)
        } else {
            texels.to_vec()
        };
        let format = ktx2::Format::new(vk_format).unwrap_or(ktx2::Format::R8G8B8A8_UNORM);
        let (basic, _) = ktx2::dfd::Basic::from_format(format).unwrap();
        let dfd = ktx2::dfd::Block::Basic(basic).to_vec();
        let dfd_offset = 80 + 24;
        let level_offset = (dfd_offset + 4 + dfd.len()) as u64;
        let mut out = MAGIC.to_vec();
        for v in [vk_format, 1, width, height, 0, 0, 1, 1, if zstd { 2 } else { 0 }] {
            out.extend(v.to_le_bytes());
        }
        // dfd offset/length, kvd offset/length (none), sgd offset/length (none).
        for v in [dfd_offset as u32, 4 + dfd.len() as u32, 0, 0] {
            out.extend(v.to_le_bytes());
        }
        out.extend([0u8; 16]);
        out.extend(level_offset.to_le_bytes());
        out.extend((payload.len() as u64).to_le_bytes());
        out.extend((texels.len() as u64).to_le_bytes());
        out.extend((4 + dfd.len() as u32).to_le_bytes());
        out.extend(dfd);
        out.extend(payload);
        out
    }

    #[test]
    fn reads_rgb_with_and_without_zstd() {
        let texels: Vec<u8> = (0..2 * 3 * 3).map(|i| i as u8 * 10).collect();
        for zstd in [false, true] {
            let file = build(23, 2, 3, &texels, zstd);
            let header = read_header(&file).unwrap();
            assert_eq!(
                (header.width, header.height, header.payload),
                (2, 3, Payload::Uncompressed { channels: 3 })
            );
            let rgba = decode_rgba8(&file, &header).unwrap();
            assert_eq!(rgba.len(), 2 * 3 * 4);
            assert_eq!(&rgba[..8], &[0, 10, 20, 255, 30, 40, 50, 255]);
        }
    }

    #[test]
    fn refuses_unknown_and_broken_files() {
        // BasisLZ without an ETC1S descriptor, and a format this reader does not decode.
        let mut basis = build(0, 4, 4, &[0; 16], false);
        basis[44] = 1;
        assert!(matches!(read_header(&basis), Err(Ktx2Error::Unsupported(_))));
        let bc7 = build(145, 4, 4, &[0; 16], false);
        assert!(matches!(read_header(&bc7), Err(Ktx2Error::Unsupported(_))));
        let good = build(37, 2, 2, &[7; 16], true);
        assert!(matches!(read_header(&good[..50]), Err(Ktx2Error::Malformed(_))));
        assert!(matches!(
            read_header(&good[..good.len() - 3]),
            Err(Ktx2Error::Malformed(_))
        ));
        let mut lying = good.clone();
        lying[96..104].copy_from_slice(&(1u64 << 40).to_le_bytes());
        let header = read_header(&lying).unwrap();
        assert!(matches!(
            decode_rgba8(&lying, &header),
            Err(Ktx2Error::Malformed(_))
        ));
        let mut deep = good;
        deep[40..44].copy_from_slice(&3u32.to_le_bytes());
        assert!(matches!(read_header(&deep), Err(Ktx2Error::Malformed(_))));
    }
}
