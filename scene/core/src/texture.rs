//! Textures, samplers and decoded images.

use crate::compressed_image::CompressedImage;
use crate::ids::{ImageId, SamplerId};
use std::borrow::Cow;

/// How a texture coordinate outside `[0, 1]` is mapped back into the image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum WrapMode {
    /// Tile the image.
    #[default]
    Repeat,
    /// Tile the image, mirroring every other tile.
    MirroredRepeat,
    /// Use the edge texel.
    ClampToEdge,
}

/// Texel filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Filter {
    /// The nearest texel.
    Nearest,
    /// Bilinear interpolation.
    #[default]
    Linear,
}

/// Filtering when a texture is minified, including how mip levels are used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MinFilter {
    /// Filtering within a mip level.
    pub filter: Filter,
    /// Filtering between mip levels, or `None` to use only the base level.
    pub mipmap: Option<Filter>,
}

impl Default for MinFilter {
    /// Trilinear filtering, the usual choice when a file leaves it open.
    fn default() -> Self {
        Self {
            filter: Filter::Linear,
            mipmap: Some(Filter::Linear),
        }
    }
}

/// How a texture is sampled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Sampler {
    /// Magnification filter.
    pub mag_filter: Filter,
    /// Minification filter.
    pub min_filter: MinFilter,
    /// Wrapping of the U coordinate.
    pub wrap_u: WrapMode,
    /// Wrapping of the V coordinate.
    pub wrap_v: WrapMode,
}

/// An image with a sampler. The image is `None` when its data could not be decoded
/// (an unsupported compressed format, with a warning at import); slots using such a
/// texture behave as if they had none.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Texture {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The image, if it could be decoded.
    pub image: Option<ImageId>,
    /// The sampler (`None`: [`Sampler::default`]).
    pub sampler: Option<SamplerId>,
}

/// The encoded format an image was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageSourceFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// WebP.
    WebP,
    /// KTX 2.0: uncompressed texels, or Basis Universal (`KHR_texture_basisu`)
    /// transcoded at import.
    Ktx2,
}

impl ImageSourceFormat {
    /// The MIME type of the format.
    pub fn mime_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::WebP => "image/webp",
            Self::Ktx2 => "image/ktx2",
        }
    }
}

/// The texels of an [`Image`].
#[derive(Clone, PartialEq)]
pub enum ImageData {
    /// Tightly packed 8-bit RGBA rows, top row first: `width * height * 4` bytes of
    /// level 0 (whoever uploads it makes the mips).
    Rgba8(Vec<u8>),
    /// Block-compressed texels with their mip chain (from a Basis Universal texture),
    /// to be kept compressed on the GPU.
    Compressed(CompressedImage),
}

/// An image: its size, texels and where they came from.
#[derive(Clone, PartialEq)]
pub struct Image {
    /// The name from the file, or the file name of its URI.
    pub name: Option<String>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The texels.
    pub data: ImageData,
    /// The format the image was decoded from.
    pub source_format: ImageSourceFormat,
    /// The image's XMP metadata (glTF `KHR_xmp_json_ld`): its creator and rights, say.
    pub xmp: Option<crate::XmpPacket>,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let format = match &self.data {
            ImageData::Rgba8(_) => "RGBA8",
            ImageData::Compressed(c) => c.format().name(),
        };
        f.debug_struct("Image")
            .field("name", &self.name)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("data", &format)
            .field("source_format", &self.source_format)
            .field("xmp", &self.xmp)
            .finish()
    }
}

impl Image {
    /// An image of RGBA8 texels (`width * height * 4` bytes, rows top first).
    pub fn rgba8(
        name: Option<String>,
        width: u32,
        height: u32,
        pixels: Vec<u8>,
        source_format: ImageSourceFormat,
    ) -> Self {
        Self {
            name,
            width,
            height,
            data: ImageData::Rgba8(pixels),
            source_format,
            xmp: None,
        }
    }

    /// An image of block-compressed texels; its size is that of level 0.
    pub fn compressed(name: Option<String>, data: CompressedImage, source_format: ImageSourceFormat) -> Self {
        Self {
            name,
            width: data.width(),
            height: data.height(),
            data: ImageData::Compressed(data),
            source_format,
            xmp: None,
        }
    }

    /// The RGBA8 texels when the image holds them uncompressed.
    pub fn pixels(&self) -> Option<&[u8]> {
        match &self.data {
            ImageData::Rgba8(pixels) => Some(pixels),
            ImageData::Compressed(_) => None,
        }
    }

    /// The compressed texels when the image holds them so.
    pub fn compressed_data(&self) -> Option<&CompressedImage> {
        match &self.data {
            ImageData::Compressed(data) => Some(data),
            ImageData::Rgba8(_) => None,
        }
    }

    /// Level 0 as RGBA8 texels: borrowed when uncompressed, decoded on the CPU when
    /// block-compressed (as a GPU would sample it).
    pub fn to_rgba8(&self) -> Cow<'_, [u8]> {
        match &self.data {
            ImageData::Rgba8(pixels) => Cow::Borrowed(pixels),
            ImageData::Compressed(data) => Cow::Owned(data.decode_level(0).unwrap_or_default()),
        }
    }

    /// The RGBA texel at `(x, y)` (decoding only its block when compressed), or `None`
    /// outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        match &self.data {
            ImageData::Rgba8(pixels) => {
                let i = (y as usize * self.width as usize + x as usize) * 4;
                pixels.get(i..i + 4).map(|p| [p[0], p[1], p[2], p[3]])
            }
            ImageData::Compressed(data) => data.texel(x, y),
        }
    }
}
