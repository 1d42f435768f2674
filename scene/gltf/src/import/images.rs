//! Images: loaded from files, data URIs or buffer views and decoded in parallel, each
//! checked against the size limits before its pixels are allocated.

use super::Warning;
use super::accessor::view_bytes;
use super::context::Context;
use super::ktx2::{self, Ktx2Error};
use super::texture::image_candidates;
use super::uri;
use crate::error::Error;
use museion_scene::{Image, ImageSourceFormat};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::Cursor;

/// The result for one image of the document: decoded, or skipped with a warning.
pub(crate) type Decoded = Result<Option<Image>, Error>;

fn sniff(bytes: &[u8]) -> Option<ImageSourceFormat> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageSourceFormat::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageSourceFormat::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageSourceFormat::WebP)
    } else if bytes.starts_with(&ktx2::MAGIC) {
        Some(ImageSourceFormat::Ktx2)
    } else {
        None
    }
}

/// Decodes every image of the document in parallel. Results keep document order;
/// unsupported encodings yield `Ok(None)` and a warning.
pub(crate) fn decode_all(ctx: &Context) -> (Vec<Decoded>, Vec<Warning>) {
    // Read everything first (cheap), then decode the largest files first: one slow
    // image (a progressive JPEG, say) started last would hold up the whole import.
    // An image no texture refers to is not read (the glTF Validator calls such files
    // valid, whatever the image's uri holds).
    let mut used = vec![false; ctx.doc.images.len()];
    for texture in 0..ctx.doc.textures.len() {
        for image in image_candidates(ctx, texture).unwrap_or_default() {
            if let Some(slot) = used.get_mut(image as usize) {
                *slot = true;
            }
        }
    }
    let mut jobs: Vec<(usize, Result<Source, Error>)> = (0..ctx.doc.images.len())
        .filter(|&i| used[i])
        .map(|i| (i, source(ctx, i)))
        .collect();
    jobs.sort_by_key(|(_, source)| std::cmp::Reverse(source.as_ref().map_or(0, |s| s.bytes.len())));
    let mut results: Vec<(usize, (Decoded, Option<Warning>))> = jobs
        .into_par_iter()
        .with_max_len(1)
        .map(|(index, source)| {
            let outcome = match source {
                Ok(source) => decode_one(ctx, index, &source),
                Err(e) => (Err(e), None),
            };
            (index, outcome)
        })
        .collect();
    for (index, _) in used.iter().enumerate().filter(|(_, used)| !**used) {
        log::debug!(
            "{}: image {index} is not used by any texture; not read",
            ctx.file.display()
        );
        results.push((index, (Ok(None), None)));
    }
    results.sort_by_key(|(index, _)| *index);
    let mut warnings = Vec::new();
    let decoded = results
        .into_iter()
        .map(|(_, (result, warning))| {
            warnings.extend(warning);
            result
        })
        .collect();
    (decoded, warnings)
}

fn decode_one(ctx: &Context, index: usize, source: &Source) -> (Decoded, Option<Warning>) {
    let pointer = format!("/images/{index}");
    let json = &ctx.doc.images[index];
    let (bytes, name) = (&source.bytes[..], source.name.clone());
    let Some(format) = sniff(bytes) else {
        let mime = json.mime_type.as_ref().map_or("unknown", |m| m.0.as_str());
        let warning = ctx.warning(
            &pointer,
            format!("image data is not PNG, JPEG, WebP or KTX2 (mimeType {mime}); skipped"),
        );
        return (Ok(None), Some(warning));
    };
    let outcome = match format {
        ImageSourceFormat::Ktx2 => decode_ktx2(ctx, bytes, &pointer),
        ImageSourceFormat::Png => decode_with_image(ctx, bytes, image::ImageFormat::Png, &pointer),
        ImageSourceFormat::Jpeg => decode_jpeg(ctx, bytes, &pointer),
        ImageSourceFormat::WebP => decode_with_image(ctx, bytes, image::ImageFormat::WebP, &pointer),
    };
    match outcome {
        Ok(Outcome::Decoded {
            width,
            height,
            pixels,
        }) => (
            Ok(Some(Image {
                name: json.name.clone().or(name),
                width,
                height,
                pixels,
                source_format: format,
            })),
            None,
        ),
        Ok(Outcome::Unsupported(reason)) => {
            let warning = ctx.warning(
                &pointer,
                format!("image uses {reason}, which Museion cannot decode; skipped"),
            );
            (Ok(None), Some(warning))
        }
        Err(e) => (Err(e), None),
    }
}

/// What decoding one image gave.
enum Outcome {
    Decoded {
        width: u32,
        height: u32,
        pixels: Vec<u8>,
    },
    /// A valid image in an encoding Museion does not transcode, with the reason.
    Unsupported(String),
}

/// An image's encoded bytes and the name its URI gives it.
struct Source<'a> {
    bytes: Cow<'a, [u8]>,
    name: Option<String>,
}

/// Where the image's bytes are: a URI or a buffer view.
fn source(ctx: &Context, index: usize) -> Result<Source<'_>, Error> {
    let pointer = format!("/images/{index}");
    let json = &ctx.doc.images[index];
    match (&json.uri, json.buffer_view) {
        (Some(uri), _) => Ok(Source {
            bytes: Cow::Owned(uri::load(ctx, uri, &pointer, ctx.limits.max_buffer_bytes)?),
            name: uri::file_name(uri),
        }),
        (None, Some(view)) => Ok(Source {
            bytes: Cow::Borrowed(view_bytes(ctx, view.value() as u32, &format!("{pointer}/bufferView"))?.0),
            name: None,
        }),
        (None, None) => Err(ctx.invalid(pointer, "image has neither uri nor bufferView")),
    }
}

/// Checks the declared size against the limits and the shared pixel budget.
fn admit(ctx: &Context, width: u32, height: u32, pointer: &str) -> Result<(), Error> {
    let max = ctx.limits.max_image_dimension;
    if width > max || height > max {
        return Err(Error::LimitExceeded {
            at: ctx.at(pointer),
            what: format!("image size {width}x{height}, largest side"),
            value: u64::from(width.max(height)),
            limit: u64::from(max),
        });
    }
    ctx.charge(&ctx.pixels, u64::from(width) * u64::from(height) * 4, pointer)
}

fn image_error(ctx: &Context, pointer: &str, message: String) -> Error {
    Error::Image {
        at: ctx.at(pointer),
        message,
    }
}

fn decode_ktx2(ctx: &Context, bytes: &[u8], pointer: &str) -> Result<Outcome, Error> {
    let header = match ktx2::read_header(bytes) {
        Ok(h) => h,
        Err(Ktx2Error::Unsupported(reason)) => {
            return Ok(Outcome::Unsupported(format!("KTX2 with {reason}")));
        }
        Err(Ktx2Error::Malformed(m)) => return Err(image_error(ctx, pointer, format!("KTX2: {m}"))),
    };
    admit(ctx, header.width, header.height, pointer)?;
    let pixels = ktx2::decode_rgba8(bytes, &header).map_err(|e| match e {
        Ktx2Error::Malformed(m) | Ktx2Error::Unsupported(m) => {
            image_error(ctx, pointer, format!("KTX2: {m}"))
        }
    })?;
    Ok(Outcome::Decoded {
        width: header.width,
        height: header.height,
        pixels,
    })
}

/// JPEG through zune-jpeg in strict mode: a file whose data ends early or breaks the
/// format is an error. (Lenient decoding, the image crate's choice, fills missing data
/// in, so a header claiming 16384² pixels over a small file would be "decoded".)
fn decode_jpeg(ctx: &Context, bytes: &[u8], pointer: &str) -> Result<Outcome, Error> {
    use zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let max = ctx.limits.max_image_dimension as usize;
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(max)
        .set_max_height(max)
        .jpeg_set_out_colorspace(ColorSpace::RGBA);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let jpeg_error = |e: zune_jpeg::errors::DecodeErrors| image_error(ctx, pointer, format!("JPEG: {e}"));
    decoder.decode_headers().map_err(jpeg_error)?;
    let Some((width, height)) = decoder.dimensions() else {
        return Err(image_error(ctx, pointer, "JPEG: no frame header".into()));
    };
    let (width, height) = (width as u32, height as u32);
    // The decoder pads missing data with zeros (strict mode or not), so check first
    // that the data can hold the image the header declares.
    if let Some((scan, needed, present)) = super::jpeg_size::first_short_scan(bytes) {
        return Err(image_error(
            ctx,
            pointer,
            format!(
                "JPEG: scan {scan} has {present} bits of data but a {width}x{height} image needs at least {needed}"
            ),
        ));
    }
    admit(ctx, width, height, pointer)?;
    let pixels = decoder.decode().map_err(jpeg_error)?;
    if pixels.len() as u64 != u64::from(width) * u64::from(height) * 4 {
        return Err(image_error(
            ctx,
            pointer,
            "JPEG: colour space cannot be converted to RGBA".into(),
        ));
    }
    Ok(Outcome::Decoded {
        width,
        height,
        pixels,
    })
}

/// PNG and WebP through the image crate, with the size read from the header and
/// admitted before the pixels are decoded.
fn decode_with_image(
    ctx: &Context,
    bytes: &[u8],
    format: image::ImageFormat,
    pointer: &str,
) -> Result<Outcome, Error> {
    let reader = || image::ImageReader::with_format(Cursor::new(bytes), format);
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|e| image_error(ctx, pointer, e.to_string()))?;
    admit(ctx, width, height, pointer)?;
    let mut decoder = reader();
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(ctx.limits.max_image_dimension);
    limits.max_image_height = Some(ctx.limits.max_image_dimension);
    // Room for the decoded image at up to 16 bits per channel, plus the RGBA8 copy.
    limits.max_alloc = Some(u64::from(width) * u64::from(height) * 12 + (1 << 20));
    decoder.limits(limits);
    let decoded = decoder
        .decode()
        .map_err(|e| image_error(ctx, pointer, e.to_string()))?;
    Ok(Outcome::Decoded {
        width,
        height,
        pixels: decoded.into_rgba8().into_raw(),
    })
}
