//! The BCn block formats compressed images come in.

/// Side of a BCn block, in texels.
pub const BLOCK_SIDE: u32 = 4;

/// A BCn block format. Every one has 4×4-texel blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockFormat {
    /// BC1: RGB with 1-bit alpha (opaque here: transcoders are told not to emit
    /// transparent texels), 8 bytes a block.
    Bc1Rgb,
    /// BC3: RGB and a separate alpha block, 16 bytes a block.
    Bc3Rgba,
    /// BC5: two channels, red and green (blue reads 0, alpha 1), 16 bytes a block.
    Bc5Rg,
    /// BC7: RGBA at high quality, 16 bytes a block.
    Bc7Rgba,
}

impl BlockFormat {
    /// Bytes of one 4×4 block.
    pub fn block_bytes(self) -> usize {
        match self {
            Self::Bc1Rgb => 8,
            Self::Bc3Rgba | Self::Bc5Rg | Self::Bc7Rgba => 16,
        }
    }

    /// Bytes of a `width` × `height` image in this format (partial blocks count whole).
    pub fn image_bytes(self, width: u32, height: u32) -> usize {
        blocks(width) * blocks(height) * self.block_bytes()
    }

    /// A short name for logs: `BC1`, `BC3`, `BC5` or `BC7`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bc1Rgb => "BC1",
            Self::Bc3Rgba => "BC3",
            Self::Bc5Rg => "BC5",
            Self::Bc7Rgba => "BC7",
        }
    }
}

impl std::fmt::Display for BlockFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Blocks along a side of `texels` texels (a partial block counts whole).
pub(crate) fn blocks(texels: u32) -> usize {
    texels.div_ceil(BLOCK_SIDE) as usize
}
