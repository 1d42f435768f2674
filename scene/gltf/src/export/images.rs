//! Images (PNG in the binary chunk), samplers and textures.

use super::bin::Bin;
use super::error::ExportError;
use super::json::name_and_extras;
use image::ImageEncoder;
use image::codecs::png::PngEncoder;
use museion_scene::Scene;
use museion_scene::{Filter, Image, MinFilter, Sampler, WrapMode};
use rayon::prelude::*;
use serde_json::{Map, Value, json};

/// Every image of the scene, encoded as PNG from its decoded pixels (in parallel) and
/// stored in a buffer view, in scene order so image ids stay the same.
pub(crate) fn images(scene: &Scene, bin: &mut Bin) -> Result<Vec<Value>, ExportError> {
    let encoded = scene
        .images
        .par_iter()
        .enumerate()
        .with_max_len(1)
        .map(|(index, image)| encode_png(index, image))
        .collect::<Result<Vec<Vec<u8>>, ExportError>>()?;
    Ok(scene
        .images
        .iter()
        .zip(encoded)
        .map(|(image, png)| {
            let mut object = Map::new();
            object.insert("bufferView".into(), json!(bin.view(&png)));
            object.insert("mimeType".into(), json!("image/png"));
            name_and_extras(&mut object, image.name.as_ref(), None);
            Value::Object(object)
        })
        .collect())
}

/// PNG bytes of an image: RGB when every texel is opaque (smaller, and it decodes to
/// the same RGBA8 with alpha 255), else RGBA. Block-compressed images are decoded first
/// (level 0, as a GPU samples it).
pub(crate) fn encode_png(index: usize, image: &Image) -> Result<Vec<u8>, ExportError> {
    let pixels = image.to_rgba8();
    let expected = (image.width as usize)
        .checked_mul(image.height as usize)
        .and_then(|n| n.checked_mul(4));
    if expected != Some(pixels.len()) || image.width == 0 || image.height == 0 {
        return Err(ExportError::ImageSize {
            image: index,
            width: image.width,
            height: image.height,
            len: pixels.len(),
        });
    }
    let opaque = pixels.chunks_exact(4).all(|p| p[3] == u8::MAX);
    let mut out = Vec::new();
    let encoder = PngEncoder::new(&mut out);
    let result = if opaque {
        let rgb: Vec<u8> = pixels.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        encoder.write_image(&rgb, image.width, image.height, image::ExtendedColorType::Rgb8)
    } else {
        encoder.write_image(
            &pixels,
            image.width,
            image.height,
            image::ExtendedColorType::Rgba8,
        )
    };
    result.map_err(|e| ExportError::ImageEncode {
        image: index,
        message: e.to_string(),
    })?;
    Ok(out)
}

/// Every sampler, with all four fields written.
pub(crate) fn samplers(scene: &Scene) -> Vec<Value> {
    scene.samplers.iter().map(sampler).collect()
}

fn sampler(s: &Sampler) -> Value {
    json!({
        "magFilter": mag_filter(s.mag_filter),
        "minFilter": min_filter(s.min_filter),
        "wrapS": wrap(s.wrap_u),
        "wrapT": wrap(s.wrap_v),
    })
}

/// glTF's `magFilter` codes (WebGL enums).
fn mag_filter(filter: Filter) -> u32 {
    match filter {
        Filter::Nearest => 9728,
        Filter::Linear => 9729,
    }
}

/// glTF's `minFilter` codes: the filter within a level, then between levels.
fn min_filter(filter: MinFilter) -> u32 {
    match (filter.filter, filter.mipmap) {
        (Filter::Nearest, None) => 9728,
        (Filter::Linear, None) => 9729,
        (Filter::Nearest, Some(Filter::Nearest)) => 9984,
        (Filter::Linear, Some(Filter::Nearest)) => 9985,
        (Filter::Nearest, Some(Filter::Linear)) => 9986,
        (Filter::Linear, Some(Filter::Linear)) => 9987,
    }
}

fn wrap(mode: WrapMode) -> u32 {
    match mode {
        WrapMode::ClampToEdge => 33071,
        WrapMode::MirroredRepeat => 33648,
        WrapMode::Repeat => 10497,
    }
}

/// The written textures, and for every scene texture its index among them.
pub(crate) struct Textures {
    /// `textures`.
    pub json: Vec<Value>,
    /// Scene texture → document texture; `None` when not written.
    pub index: Vec<Option<u32>>,
}

/// Every texture with an image. One without (its image could not be decoded at import)
/// is left out, and so are the material slots using it, which Museion draws as empty
/// anyway: glTF allows a texture without `source`, but common readers refuse it.
pub(crate) fn textures(scene: &Scene) -> Result<Textures, ExportError> {
    let mut out = Textures {
        json: Vec::new(),
        index: Vec::with_capacity(scene.textures.len()),
    };
    for (index, texture) in scene.textures.iter().enumerate() {
        let Some(image) = texture.image else {
            out.index.push(None);
            continue;
        };
        check(index, "image", image.index(), scene.images.len())?;
        let mut object = Map::new();
        object.insert("source".into(), json!(image.index()));
        if let Some(sampler) = texture.sampler {
            check(index, "sampler", sampler.index(), scene.samplers.len())?;
            object.insert("sampler".into(), json!(sampler.index()));
        }
        name_and_extras(&mut object, texture.name.as_ref(), None);
        out.index.push(Some(out.json.len() as u32));
        out.json.push(Value::Object(object));
    }
    Ok(out)
}

fn check(texture: usize, kind: &'static str, index: usize, count: usize) -> Result<(), ExportError> {
    if index < count {
        return Ok(());
    }
    Err(ExportError::DanglingReference {
        from: format!("texture {texture}"),
        kind,
        index,
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::{ImageData, ImageSourceFormat};

    fn image(width: u32, height: u32, alpha: u8) -> Image {
        let pixels = (0..width * height)
            .flat_map(|i| [(i * 7) as u8, (i * 13) as u8, (i * 29) as u8, alpha])
            .collect();
        Image::rgba8(None, width, height, pixels, ImageSourceFormat::Jpeg)
    }

    fn decode(png: &[u8]) -> image::DynamicImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png).expect("valid PNG")
    }

    #[test]
    fn opaque_images_become_rgb_pngs_and_decode_to_the_same_texels() {
        let opaque = image(5, 3, 255);
        let png = encode_png(0, &opaque).expect("encodes");
        let decoded = decode(&png);
        assert_eq!(decoded.color(), image::ColorType::Rgb8);
        assert_eq!(Some(&decoded.to_rgba8().into_raw()[..]), opaque.pixels());

        let mut translucent = image(4, 4, 255);
        if let ImageData::Rgba8(pixels) = &mut translucent.data {
            pixels[7] = 10;
        }
        let decoded = decode(&encode_png(1, &translucent).expect("encodes"));
        assert_eq!(decoded.color(), image::ColorType::Rgba8);
        assert_eq!(Some(&decoded.to_rgba8().into_raw()[..]), translucent.pixels());
    }

    #[test]
    fn pixel_data_of_the_wrong_size_is_refused() {
        let mut bad = image(4, 4, 255);
        if let ImageData::Rgba8(pixels) = &mut bad.data {
            pixels.pop();
        }
        assert!(matches!(
            encode_png(3, &bad),
            Err(ExportError::ImageSize {
                image: 3,
                width: 4,
                height: 4,
                len: 63
            })
        ));
        let empty = image(0, 0, 255);
        assert!(matches!(
            encode_png(0, &empty),
            Err(ExportError::ImageSize { .. })
        ));
    }

    #[test]
    fn sampler_codes_are_the_webgl_enums() {
        let s = Sampler {
            mag_filter: Filter::Nearest,
            min_filter: MinFilter {
                filter: Filter::Linear,
                mipmap: Some(Filter::Nearest),
            },
            wrap_u: WrapMode::ClampToEdge,
            wrap_v: WrapMode::MirroredRepeat,
        };
        assert_eq!(
            sampler(&s),
            json!({ "magFilter": 9728, "minFilter": 9985, "wrapS": 33071, "wrapT": 33648 })
        );
        assert_eq!(min_filter(MinFilter::default()), 9987);
        assert_eq!(
            min_filter(MinFilter {
                filter: Filter::Nearest,
                mipmap: None
            }),
            9728
        );
    }
}
