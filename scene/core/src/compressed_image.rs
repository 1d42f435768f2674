//! Block-compressed (BCn) texels with their mip chain, as GPU-ready data: what a
//! Basis Universal texture (`KHR_texture_basisu`) is transcoded to at import. No GPU
//! types here; the renderer maps [`BlockFormat`] onto its texture formats. Decoding back
//! to RGBA8 (for an adapter without BC, or for export) is done on the CPU with
//! `bcdec_rs`.

use crate::block_format::blocks;
use crate::error::{Error, Result};

pub use crate::block_format::{BLOCK_SIDE, BlockFormat};

/// Blocks needed to cover `texels` texels.
/// Size of mip `level` of a `width` × `height` image: halved per level, at least 1.
pub fn mip_size(width: u32, height: u32, level: u32) -> (u32, u32) {
    let half = |v: u32| v.checked_shr(level).unwrap_or(0).max(1);
    (half(width), half(height))
}

/// Block-compressed texels of an image and its mip levels, largest first. Blocks are
/// in rows, top row first; each level is `ceil(w / 4) × ceil(h / 4)` blocks of
/// [`BlockFormat::block_bytes`]. Built only through [`CompressedImage::new`], which
/// checks every level's length.
#[derive(Clone, PartialEq, Eq)]
pub struct CompressedImage {
    format: BlockFormat,
    width: u32,
    height: u32,
    levels: Vec<Vec<u8>>,
}

impl std::fmt::Debug for CompressedImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompressedImage")
            .field("format", &self.format)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("levels", &self.levels.len())
            .finish()
    }
}

impl CompressedImage {
    /// Checks that `levels` are a mip chain (level 0 first, one to the full count) of a
    /// `width` × `height` image in `format`.
    pub fn new(format: BlockFormat, width: u32, height: u32, levels: Vec<Vec<u8>>) -> Result<Self> {
        if width == 0 || height == 0 {
            return Err(Error::CompressedEmpty { width, height });
        }
        let max = full_mip_count(width, height);
        if levels.is_empty() || levels.len() > max as usize {
            return Err(Error::CompressedLevelCount {
                levels: levels.len(),
                width,
                height,
                max,
            });
        }
        for (level, data) in levels.iter().enumerate() {
            let (w, h) = mip_size(width, height, level as u32);
            let expected = format.image_bytes(w, h);
            if data.len() != expected {
                return Err(Error::CompressedLevelLength {
                    level,
                    len: data.len(),
                    expected,
                    format,
                    width: w,
                    height: h,
                });
            }
        }
        Ok(Self {
            format,
            width,
            height,
            levels,
        })
    }

    /// The block format.
    pub fn format(&self) -> BlockFormat {
        self.format
    }

    /// Width of level 0, in texels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height of level 0, in texels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The levels' blocks, level 0 first.
    pub fn levels(&self) -> &[Vec<u8>] {
        &self.levels
    }

    /// Bytes of all levels together.
    pub fn byte_len(&self) -> usize {
        self.levels.iter().map(Vec::len).sum()
    }

    /// Mip `level` decoded to tightly packed RGBA8 rows, as a GPU samples it (BC5:
    /// blue 0 and alpha 255); `None` past the last level.
    pub fn decode_level(&self, level: usize) -> Option<Vec<u8>> {
        let data = self.levels.get(level)?;
        let (width, height) = mip_size(self.width, self.height, level as u32);
        let mut out = vec![0u8; width as usize * height as usize * 4];
        let row_blocks = blocks(width);
        for (index, block) in data.chunks_exact(self.format.block_bytes()).enumerate() {
            let texels = decode_block(self.format, block);
            let (bx, by) = ((index % row_blocks) as u32, (index / row_blocks) as u32);
            for (i, texel) in texels.iter().enumerate() {
                let x = bx * BLOCK_SIDE + i as u32 % BLOCK_SIDE;
                let y = by * BLOCK_SIDE + i as u32 / BLOCK_SIDE;
                if x < width && y < height {
                    let at = (y as usize * width as usize + x as usize) * 4;
                    out[at..at + 4].copy_from_slice(texel);
                }
            }
        }
        Some(out)
    }

    /// The RGBA8 texel at `(x, y)` of level 0, decoding only its block; `None` outside
    /// the image.
    pub fn texel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let index = (y / BLOCK_SIDE) as usize * blocks(self.width) + (x / BLOCK_SIDE) as usize;
        let size = self.format.block_bytes();
        let block = self.levels.first()?.get(index * size..(index + 1) * size)?;
        let texels = decode_block(self.format, block);
        Some(texels[((y % BLOCK_SIDE) * BLOCK_SIDE + x % BLOCK_SIDE) as usize])
    }
}

/// Levels of a full mip chain down to 1×1.
pub fn full_mip_count(width: u32, height: u32) -> u32 {
    32 - width.max(height).max(1).leading_zeros()
}

/// The 16 texels of one block, in rows, as RGBA8.
fn decode_block(format: BlockFormat, block: &[u8]) -> [[u8; 4]; 16] {
    let mut texels = [[0u8; 4]; 16];
    match format {
        BlockFormat::Bc1Rgb | BlockFormat::Bc3Rgba | BlockFormat::Bc7Rgba => {
            let mut rgba = [0u8; 64];
            let pitch = 4 * BLOCK_SIDE as usize;
            match format {
                BlockFormat::Bc1Rgb => bcdec_rs::bc1(block, &mut rgba, pitch),
                BlockFormat::Bc3Rgba => bcdec_rs::bc3(block, &mut rgba, pitch),
                _ => bcdec_rs::bc7(block, &mut rgba, pitch),
            }
            for (texel, src) in texels.iter_mut().zip(rgba.chunks_exact(4)) {
                texel.copy_from_slice(src);
            }
        }
        BlockFormat::Bc5Rg => {
            let mut rg = [0u8; 32];
            bcdec_rs::bc5(block, &mut rg, 2 * BLOCK_SIDE as usize, false);
            for (texel, src) in texels.iter_mut().zip(rg.chunks_exact(2)) {
                *texel = [src[0], src[1], 0, 255];
            }
        }
    }
    texels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BC1 block of one colour: both endpoints `rgb565`, every index 0.
    fn bc1_solid(rgb565: u16) -> [u8; 8] {
        let [lo, hi] = rgb565.to_le_bytes();
        [lo, hi, lo, hi, 0, 0, 0, 0]
    }

    #[test]
    fn levels_are_checked_against_the_size() {
        let red = bc1_solid(0xF800);
        // 6×5: 2×2 blocks, then 3×2 (1 block), then 1×1 (1 block).
        let levels = vec![red.repeat(4), red.to_vec(), red.to_vec()];
        let image = CompressedImage::new(BlockFormat::Bc1Rgb, 6, 5, levels.clone()).unwrap();
        assert_eq!(image.byte_len(), 48);
        assert_eq!(image.texel(5, 4), Some([255, 0, 0, 255]));
        assert_eq!(image.texel(6, 0), None);
        let decoded = image.decode_level(1).unwrap();
        assert_eq!(decoded.len(), 3 * 2 * 4);
        assert!(decoded.chunks_exact(4).all(|t| t == [255, 0, 0, 255]));
        assert!(image.decode_level(3).is_none());
        let short = vec![red.repeat(3)];
        assert!(matches!(
            CompressedImage::new(BlockFormat::Bc1Rgb, 6, 5, short),
            Err(Error::CompressedLevelLength { level: 0, .. })
        ));
        let too_many = [levels, vec![red.to_vec()]].concat();
        assert!(matches!(
            CompressedImage::new(BlockFormat::Bc1Rgb, 6, 5, too_many),
            Err(Error::CompressedLevelCount { max: 3, .. })
        ));
        assert!(CompressedImage::new(BlockFormat::Bc7Rgba, 0, 4, vec![]).is_err());
    }

    #[test]
    fn bc5_reads_as_red_and_green() {
        // Two BC4 blocks of constant 200 and 50 (endpoints equal, indices 0).
        let block = [200, 200, 0, 0, 0, 0, 0, 0, 50, 50, 0, 0, 0, 0, 0, 0];
        let image = CompressedImage::new(BlockFormat::Bc5Rg, 4, 4, vec![block.to_vec()]).unwrap();
        assert_eq!(image.texel(3, 3), Some([200, 50, 0, 255]));
    }

    #[test]
    fn mip_sizes_floor_at_one() {
        assert_eq!(mip_size(6, 5, 2), (1, 1));
        assert_eq!(mip_size(2048, 16, 5), (64, 1));
        assert_eq!(mip_size(7, 7, 40), (1, 1));
        assert_eq!(full_mip_count(2048, 2048), 12);
        assert_eq!(full_mip_count(1, 1), 1);
    }
}
