//! Basis Universal textures (`KHR_texture_basisu`): KTX2 files of ETC1S (BasisLZ) or
//! UASTC, transcoded at import with the pure-Rust `basisu` crate.
//!
//! With [`BasisTarget::Bc`] (the default) a texture becomes BCn blocks with every mip
//! level the file stores, to stay compressed on the GPU:
//!
//! | DFD channels | ETC1S | UASTC |
//! |---|---|---|
//! | RGB, or RRR (luminance) | BC1 | BC7 |
//! | RGB + alpha | BC3 | BC7 |
//! | RRR + GGG (red and green) | BC5 | — |
//! | RRRG, RG | — | BC7 |
//!
//! A luminance texture is BC1 rather than BC4, at the same 8 bytes a block: BC4 samples
//! as `(r, 0, 0)`, and the file says `(r, r, r)`, which a base colour or a
//! metallic-roughness slot reads. A level 0 whose width or height is not a multiple of
//! 4 cannot be a BC texture in WebGPU, so such a texture, and every texture with
//! [`BasisTarget::Rgba8`], becomes RGBA8 texels of level 0 (mips are then made by the
//! renderer). RRR + GGG as RGBA8 is `(r, g, 0, 255)`, as BC5 samples.

use super::ktx2::Ktx2Error;
use basisu::{DecodeFlags, SourceFormat, TargetFormat, Transcoder};
use museion_scene::compressed_image::{BLOCK_SIDE, mip_size};
use museion_scene::{BlockFormat, CompressedImage};

/// What Basis Universal textures (`KHR_texture_basisu`) are transcoded to at import,
/// chosen for the GPU that will draw them (the importer runs before any GPU exists).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BasisTarget {
    /// BCn (BC1, BC3, BC5, BC7) with the file's mip chain: for desktop GPUs and Mesa's
    /// lavapipe. Museion's renderer decodes them to RGBA8 on the CPU on an adapter
    /// without `TEXTURE_COMPRESSION_BC`.
    #[default]
    Bc,
    /// Uncompressed RGBA8 texels of level 0: for targets without BC and for tools that
    /// read pixels.
    Rgba8,
}

/// The channels a Basis texture's DFD declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Channels {
    /// Colour.
    Rgb,
    /// Colour and alpha.
    Rgba,
    /// One channel, replicated to red, green and blue.
    Luminance,
    /// UASTC luminance replicated to red, green and blue, with a second channel in alpha.
    LuminanceAlpha,
    /// Two channels, red and green (normal maps stored as X and Y).
    RedGreen,
}

/// What a Basis texture will be transcoded to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// BCn blocks, every level.
    Blocks(BlockFormat),
    /// RGBA8 texels of level 0.
    Rgba8,
}

/// The texels a transcode gave.
pub(crate) enum Transcoded {
    /// BCn blocks with their mip chain.
    Blocks(CompressedImage),
    /// RGBA8 texels of level 0.
    Rgba8(Vec<u8>),
}

/// An opened Basis texture, checked and with its plan made, ready to transcode.
pub(crate) struct Basis<'a> {
    transcoder: Transcoder<'a>,
    width: u32,
    height: u32,
    levels: u32,
    channels: Channels,
    /// What it will become.
    pub plan: Plan,
}

fn basis_error(what: &str, e: basisu::Error) -> Ktx2Error {
    Ktx2Error::Malformed(format!("Basis Universal {what}: {e:?}"))
}

/// The block format for a codec and channels, when BC is wanted.
pub(crate) fn block_format(source: SourceFormat, channels: Channels) -> Option<BlockFormat> {
    match (source, channels) {
        (SourceFormat::UastcLdr, _) => Some(BlockFormat::Bc7Rgba),
        (SourceFormat::Etc1s, Channels::Rgb | Channels::Luminance) => Some(BlockFormat::Bc1Rgb),
        (SourceFormat::Etc1s, Channels::Rgba | Channels::LuminanceAlpha) => Some(BlockFormat::Bc3Rgba),
        (SourceFormat::Etc1s, Channels::RedGreen) => Some(BlockFormat::Bc5Rg),
        _ => None,
    }
}

/// The `basisu` target and flags for a block format.
fn target_of(format: BlockFormat) -> (TargetFormat, DecodeFlags) {
    match format {
        // Three-colour BC1 blocks would make black texels transparent.
        BlockFormat::Bc1Rgb => (TargetFormat::Bc1Rgb, DecodeFlags::BC1_FORBID_THREE_COLOR_BLOCKS),
        BlockFormat::Bc3Rgba => (TargetFormat::Bc3Rgba, DecodeFlags::NONE),
        BlockFormat::Bc5Rg => (TargetFormat::Bc5Rg, DecodeFlags::NONE),
        BlockFormat::Bc7Rgba => (TargetFormat::Bc7Rgba, DecodeFlags::NONE),
    }
}

impl<'a> Basis<'a> {
    /// Opens the texture and plans its transcode: `width`, `height` and `levels` are
    /// the container's (already checked), `channels` its DFD's.
    pub fn open(
        data: &'a [u8],
        (width, height, levels): (u32, u32, u32),
        channels: Channels,
        target: BasisTarget,
    ) -> Result<Self, Ktx2Error> {
        let transcoder = Transcoder::new(data).map_err(|e| basis_error("data", e))?;
        let source = transcoder.source_format();
        if !matches!(source, SourceFormat::Etc1s | SourceFormat::UastcLdr) {
            return Err(Ktx2Error::Unsupported(format!("Basis Universal {source:?}")));
        }
        if transcoder.is_video() {
            return Err(Ktx2Error::Unsupported("Basis Universal video".into()));
        }
        if transcoder.base_dimensions() != (width, height) || transcoder.level_count() != levels {
            return Err(Ktx2Error::Malformed(
                "Basis Universal data disagrees with the KTX2 header".into(),
            ));
        }
        let aligned = width % BLOCK_SIDE == 0 && height % BLOCK_SIDE == 0;
        let plan = match (target, block_format(source, channels)) {
            (BasisTarget::Bc, Some(format)) if aligned => Plan::Blocks(format),
            _ => Plan::Rgba8,
        };
        Ok(Self {
            transcoder,
            width,
            height,
            levels,
            channels,
            plan,
        })
    }

    /// Bytes the transcode will allocate for its output.
    pub fn output_bytes(&self) -> u64 {
        match self.plan {
            Plan::Blocks(format) => (0..self.levels)
                .map(|level| {
                    let (w, h) = mip_size(self.width, self.height, level);
                    format.image_bytes(w, h) as u64
                })
                .sum(),
            Plan::Rgba8 => u64::from(self.width) * u64::from(self.height) * 4,
        }
    }

    /// Transcodes every level (BCn) or level 0 (RGBA8).
    pub fn transcode(&self) -> Result<Transcoded, Ktx2Error> {
        match self.plan {
            Plan::Blocks(format) => {
                let (target, flags) = target_of(format);
                let levels = (0..self.levels)
                    .map(|level| {
                        self.transcoder
                            .transcode(level, target, flags)
                            .map_err(|e| basis_error(&format!("level {level}"), e))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                CompressedImage::new(format, self.width, self.height, levels)
                    .map(Transcoded::Blocks)
                    .map_err(|e| Ktx2Error::Malformed(e.to_string()))
            }
            Plan::Rgba8 => {
                let mut rgba = self
                    .transcoder
                    .transcode(0, TargetFormat::Rgba32, DecodeFlags::NONE)
                    .map_err(|e| basis_error("level 0", e))?;
                if self.channels == Channels::RedGreen
                    && self.transcoder.source_format() == SourceFormat::Etc1s
                {
                    // ETC1S keeps green in the alpha slice: (r, r, r, g) → (r, g, 0, 255).
                    for texel in rgba.chunks_exact_mut(4) {
                        texel.copy_from_slice(&[texel[0], texel[3], 0, 255]);
                    }
                }
                Ok(Transcoded::Rgba8(rgba))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_codec_and_channels() {
        use BlockFormat::*;
        use Channels::*;
        let etc1s = |c| block_format(SourceFormat::Etc1s, c);
        assert_eq!(etc1s(Rgb), Some(Bc1Rgb));
        assert_eq!(etc1s(Luminance), Some(Bc1Rgb));
        assert_eq!(etc1s(Rgba), Some(Bc3Rgba));
        assert_eq!(etc1s(RedGreen), Some(Bc5Rg));
        for channels in [Rgb, Rgba, Luminance, LuminanceAlpha, RedGreen] {
            assert_eq!(block_format(SourceFormat::UastcLdr, channels), Some(Bc7Rgba));
        }
        assert_eq!(block_format(SourceFormat::UastcHdr4x4, Rgb), None);
    }
}
