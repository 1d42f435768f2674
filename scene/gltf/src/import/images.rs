//! Images: loaded from files, data URIs or buffer views and decoded in parallel, each
//! checked against the size limits before its pixels are allocated; Basis Universal
//! KTX2 textures are transcoded (see [`super::basis`]).

use super::Warning;
use super::accessor::view_bytes;
use super::basis::{Basis, Transcoded};
use super::context::Context;
use super::ktx2::{self, Ktx2Error, Payload};
use super::texture::image_candidates;
use super::uri;
use crate::error::Error;
use museion_scene::{Image, ImageData, ImageSourceFormat};
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

/// Decodes, in parallel, the images the textures use: each texture's first candidate
/// (see [`image_candidates`]), then the next one of each texture none of whose images
/// has decoded yet, and so on; an image no texture needs is not read. Results keep
/// document order; unsupported encodings yield `Ok(None)` and a warning, and so does an
/// image that failed to decode when every texture using it has a fallback that did.
pub(crate) fn decode_all(ctx: &Context) -> (Vec<Decoded>, Vec<Warning>) {
    let candidates: Vec<Vec<u32>> = (0..ctx.doc.textures.len())
        .map(|texture| image_candidates(ctx, texture).unwrap_or_default())
        .collect();
    let mut results: Vec<Option<Attempt>> = (0..ctx.doc.images.len()).map(|_| None).collect();
    loop {
        let wanted = next_wanted(&candidates, &results);
        if wanted.is_empty() {
            break;
        }
        for (index, attempt) in decode_batch(ctx, wanted) {
            results[index] = Some(attempt);
        }
    }
    excuse_failures(ctx, &candidates, &mut results);
    log_transcodes(ctx, &results);
    let mut warnings = Vec::new();
    let decoded = results
        .into_iter()
        .enumerate()
        .map(|(index, attempt)| match attempt {
            Some(attempt) => {
                warnings.extend(attempt.warning);
                attempt.result
            }
            None => {
                log::debug!(
                    "{}: image {index} is not needed by any texture; not read",
                    ctx.file.display()
                );
                Ok(None)
            }
        })
        .collect();
    (decoded, warnings)
}

/// One image's decoding: the image or why not, and what a Basis texture became.
struct Attempt {
    result: Decoded,
    warning: Option<Warning>,
    /// For a Basis Universal texture, the format it was transcoded to.
    transcoded: Option<&'static str>,
}

/// The images to decode next: per texture, its first candidate not tried yet, unless
/// one tried already decoded.
fn next_wanted(candidates: &[Vec<u32>], results: &[Option<Attempt>]) -> Vec<usize> {
    let mut wanted = Vec::new();
    for list in candidates {
        for &image in list {
            match results.get(image as usize) {
                Some(None) => {
                    wanted.push(image as usize);
                    break;
                }
                Some(Some(Attempt {
                    result: Ok(None) | Err(_),
                    ..
                })) => {}
                _ => break,
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// Turns the error of an image into a warning when every texture that lists it has a
/// later image that decoded (a KTX2 image that cannot be transcoded, say, with the core
/// `source` as fallback).
fn excuse_failures(ctx: &Context, candidates: &[Vec<u32>], results: &mut [Option<Attempt>]) {
    let decoded = |image: u32| {
        matches!(
            results.get(image as usize),
            Some(Some(Attempt {
                result: Ok(Some(_)),
                ..
            }))
        )
    };
    let excused: Vec<usize> = (0..results.len())
        .filter(|&index| matches!(results[index], Some(Attempt { result: Err(_), .. })))
        .filter(|&index| {
            candidates
                .iter()
                .all(|list| match list.iter().position(|&i| i as usize == index) {
                    Some(at) => list[at + 1..].iter().any(|&later| decoded(later)),
                    None => true,
                })
        })
        .collect();
    for index in excused {
        if let Some(attempt) = results[index].as_mut()
            && let Err(e) = std::mem::replace(&mut attempt.result, Ok(None))
        {
            attempt.warning = Some(ctx.warning(
                format!("/images/{index}"),
                format!("{e}; the textures using it fall back to their other image"),
            ));
        }
    }
}

/// Reads the images (cheap), then decodes them in parallel, largest file first: one
/// slow image (a progressive JPEG, say) started last would hold up the whole import.
fn decode_batch(ctx: &Context, images: Vec<usize>) -> Vec<(usize, Attempt)> {
    let mut jobs: Vec<(usize, Result<Source, Error>)> =
        images.into_iter().map(|i| (i, source(ctx, i))).collect();
    jobs.sort_by_key(|(_, source)| std::cmp::Reverse(source.as_ref().map_or(0, |s| s.bytes.len())));
    jobs.into_par_iter()
        .with_max_len(1)
        .map(|(index, source)| {
            let attempt = match source {
                Ok(source) => decode_one(ctx, index, &source),
                Err(e) => Attempt {
                    result: Err(e),
                    warning: None,
                    transcoded: None,
                },
            };
            (index, attempt)
        })
        .collect()
}

/// One info line per import with Basis Universal textures: how many became which format.
fn log_transcodes(ctx: &Context, results: &[Option<Attempt>]) {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for format in results.iter().flatten().filter_map(|a| a.transcoded) {
        match counts.iter_mut().find(|(f, _)| *f == format) {
            Some((_, n)) => *n += 1,
            None => counts.push((format, 1)),
        }
    }
    if counts.is_empty() {
        return;
    }
    counts.sort_unstable();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    let list: Vec<String> = counts.iter().map(|(f, n)| format!("{n} to {f}")).collect();
    log::info!(
        "{}: {total} Basis Universal images transcoded: {}",
        ctx.file.display(),
        list.join(", ")
    );
}

fn decode_one(ctx: &Context, index: usize, source: &Source) -> Attempt {
    let pointer = format!("/images/{index}");
    let json = &ctx.doc.images[index];
    let (bytes, name) = (&source.bytes[..], source.name.clone());
    let skipped = |warning: Warning| Attempt {
        result: Ok(None),
        warning: Some(warning),
        transcoded: None,
    };
    let Some(format) = sniff(bytes) else {
        let mime = json.mime_type.as_ref().map_or("unknown", |m| m.0.as_str());
        return skipped(ctx.warning(
            &pointer,
            format!("image data is not PNG, JPEG, WebP or KTX2 (mimeType {mime}); skipped"),
        ));
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
            data,
            transcoded,
        }) => Attempt {
            result: Ok(Some(Image {
                name: json.name.clone().or(name),
                width,
                height,
                data,
                source_format: format,
                // Set with the other objects' packets once the scene is built.
                xmp: None,
            })),
            warning: None,
            transcoded,
        },
        Ok(Outcome::Unsupported(reason)) => skipped(ctx.warning(
            &pointer,
            format!("image uses {reason}, which Museion cannot decode; skipped"),
        )),
        Err(e) => Attempt {
            result: Err(e),
            warning: None,
            transcoded: None,
        },
    }
}

/// What decoding one image gave.
enum Outcome {
    Decoded {
        width: u32,
        height: u32,
        data: ImageData,
        /// For a Basis Universal texture, the format it was transcoded to.
        transcoded: Option<&'static str>,
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

/// Checks the declared size against the limits, and charges `bytes` (the decoded
/// texels) to the shared pixel budget.
fn admit(ctx: &Context, width: u32, height: u32, bytes: u64, pointer: &str) -> Result<(), Error> {
    let max = ctx.limits.max_image_dimension;
    if width > max || height > max {
        return Err(Error::LimitExceeded {
            at: ctx.at(pointer),
            what: format!("image size {width}x{height}, largest side"),
            value: u64::from(width.max(height)),
            limit: u64::from(max),
        });
    }
    ctx.charge(&ctx.pixels, bytes, pointer)
}

/// Bytes of RGBA8 texels of a `width` × `height` image.
fn rgba8_bytes(width: u32, height: u32) -> u64 {
    u64::from(width) * u64::from(height) * 4
}

fn image_error(ctx: &Context, pointer: &str, message: String) -> Error {
    Error::Image {
        at: ctx.at(pointer),
        message,
    }
}

fn decode_ktx2(ctx: &Context, bytes: &[u8], pointer: &str) -> Result<Outcome, Error> {
    let ktx2_error = |e: Ktx2Error| match e {
        Ktx2Error::Unsupported(reason) => Ok(Outcome::Unsupported(format!("KTX2 with {reason}"))),
        Ktx2Error::Malformed(m) => Err(image_error(ctx, pointer, format!("KTX2: {m}"))),
    };
    let header = match ktx2::read_header(bytes) {
        Ok(h) => h,
        Err(e) => return ktx2_error(e),
    };
    let (width, height) = (header.width, header.height);
    let Payload::Basis(channels) = header.payload else {
        admit(ctx, width, height, rgba8_bytes(width, height), pointer)?;
        return match ktx2::decode_rgba8(bytes, &header) {
            Ok(pixels) => Ok(Outcome::Decoded {
                width,
                height,
                data: ImageData::Rgba8(pixels),
                transcoded: None,
            }),
            Err(e) => ktx2_error(e),
        };
    };
    // The size is checked before the Basis data is opened (which decodes its codebooks).
    admit(ctx, width, height, 0, pointer)?;
    let basis = match Basis::open(bytes, (width, height, header.levels), channels, ctx.basis_target) {
        Ok(basis) => basis,
        Err(e) => return ktx2_error(e),
    };
    admit(ctx, width, height, basis.output_bytes(), pointer)?;
    let (data, format) = match basis.transcode() {
        Ok(Transcoded::Blocks(blocks)) => {
            let name = blocks.format().name();
            (ImageData::Compressed(blocks), name)
        }
        Ok(Transcoded::Rgba8(pixels)) => (ImageData::Rgba8(pixels), "RGBA8"),
        Err(e) => return ktx2_error(e),
    };
    log::debug!(
        "{}{pointer}: Basis Universal {width}x{height}, {} levels, {channels:?} → {format}",
        ctx.file.display(),
        header.levels
    );
    Ok(Outcome::Decoded {
        width,
        height,
        data,
        transcoded: Some(format),
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
    admit(ctx, width, height, rgba8_bytes(width, height), pointer)?;
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
        data: ImageData::Rgba8(pixels),
        transcoded: None,
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
    admit(ctx, width, height, rgba8_bytes(width, height), pointer)?;
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
        data: ImageData::Rgba8(decoded.into_rgba8().into_raw()),
        transcoded: None,
    })
}
