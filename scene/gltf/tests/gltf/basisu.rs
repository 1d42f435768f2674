//! `KHR_texture_basisu`: the DamagedHelmet variants of `../shared/gltf/Compressed/`
//! transcoded at import (ETC1S to BC1, UASTC to BC7, with every mip level), compared
//! with the source JPEGs by PSNR after decoding the blocks on the CPU; the RGBA8 target;
//! the JPEG fallback when the KTX2 image cannot be used; and corrupt KTX2 data, which is
//! an error naming the image, never a panic.

use museion_gltf::{BasisTarget, Error, ImportOptions, Imported};
use museion_scene::{BlockFormat, ImageData, ImageSourceFormat, Scene};
use museion_testkit::shared_model;

const ETC1S: &str = "Compressed/DamagedHelmet_basisu_etc1s.glb";
const UASTC: &str = "Compressed/DamagedHelmet_basisu_uastc.glb";
/// The smallest PSNR (dB) of a transcoded texture against its source.
const MIN_PSNR_ETC1S: f64 = 28.0;
const MIN_PSNR_UASTC: f64 = 35.0;

fn import(file: &str, target: BasisTarget) -> Imported {
    let options = ImportOptions {
        basis_target: target,
        ..ImportOptions::default()
    };
    museion_gltf::import_with(shared_model(file), &options).expect("the helmet imports")
}

/// Per material slot of the helmet's one material, the RGBA8 texels of its image.
fn slot_images(scene: &Scene) -> Vec<(&'static str, u32, u32, Vec<u8>)> {
    scene.materials[0]
        .texture_slots()
        .map(|(slot, texture)| {
            let id = scene.textures[texture.texture.index()]
                .image
                .expect("every slot has an image");
            let image = &scene.images[id.index()];
            (slot, image.width, image.height, image.to_rgba8().into_owned())
        })
        .collect()
}

/// PSNR of the RGB channels of two RGBA8 images of the same size.
fn psnr(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let (mut sum, mut n) = (0.0f64, 0u64);
    for (x, y) in a.chunks_exact(4).zip(b.chunks_exact(4)) {
        for c in 0..3 {
            let d = f64::from(x[c]) - f64::from(y[c]);
            sum += d * d;
            n += 1;
        }
    }
    let mse = sum / n as f64;
    10.0 * (255.0 * 255.0 / mse.max(1e-12)).log10()
}

/// Per slot, the source image of the uncompressed helmet, scaled to `size` with a
/// Lanczos (3-lobe) filter when it differs.
fn sources(size: u32) -> Vec<(&'static str, Vec<u8>)> {
    let source =
        museion_gltf::import(shared_model("DamagedHelmet/DamagedHelmet.gltf")).expect("the helmet imports");
    slot_images(&source.scene)
        .into_iter()
        .map(|(slot, w, h, texels)| {
            if (w, h) == (size, size) {
                return (slot, texels);
            }
            let image = image::RgbaImage::from_raw(w, h, texels).expect("RGBA8 texels");
            let scaled = image::imageops::resize(&image, size, size, image::imageops::FilterType::Lanczos3);
            (slot, scaled.into_raw())
        })
        .collect()
}

/// Checks every slot's image: its format and levels, and its PSNR against the source.
fn check_helmet(file: &str, size: u32, format: BlockFormat, levels: usize, min_psnr: f64) {
    let imported = import(file, BasisTarget::Bc);
    let scene = &imported.scene;
    assert_eq!(scene.images.len(), 5, "only the KTX2 images are read");
    for image in &scene.images {
        assert_eq!(image.source_format, ImageSourceFormat::Ktx2);
        let ImageData::Compressed(data) = &image.data else {
            panic!("{:?} is not block-compressed", image.name);
        };
        assert_eq!((data.format(), data.levels().len()), (format, levels));
        assert_eq!((image.width, image.height), (size, size));
    }
    assert!(
        !imported
            .report
            .warnings
            .iter()
            .any(|w| w.message.contains("KHR_texture_basisu")),
        "{:?}",
        imported.report.warnings
    );
    let sources = sources(size);
    for ((slot, _, _, texels), (_, source)) in slot_images(scene).iter().zip(&sources) {
        let db = psnr(texels, source);
        println!("{file} {slot}: {db:.2} dB");
        assert!(db >= min_psnr, "{file} {slot}: PSNR {db:.2} dB < {min_psnr}");
    }
}

#[test]
fn etc1s_helmet_transcodes_to_bc1_with_every_level() {
    check_helmet(ETC1S, 2048, BlockFormat::Bc1Rgb, 12, MIN_PSNR_ETC1S);
}

#[test]
fn uastc_helmet_transcodes_to_bc7_and_leaves_the_jpeg_fallbacks_unread() {
    // The UASTC textures were scaled to 1024² (Lanczos) before encoding; the reference
    // is the 2048² JPEG scaled the same way here.
    check_helmet(UASTC, 1024, BlockFormat::Bc7Rgba, 11, MIN_PSNR_UASTC);
}

#[test]
fn the_rgba8_target_gives_level_0_texels() {
    let imported = import(UASTC, BasisTarget::Rgba8);
    let bc = import(UASTC, BasisTarget::Bc);
    for (rgba, bc) in slot_images(&imported.scene).iter().zip(slot_images(&bc.scene)) {
        assert_eq!((rgba.1, rgba.2), (1024, 1024));
        // Straight from UASTC against UASTC through BC7: all but identical.
        let db = psnr(&rgba.3, &bc.3);
        assert!(db > 40.0, "{}: {db:.2} dB", rgba.0);
    }
    assert!(
        imported
            .scene
            .images
            .iter()
            .all(|i| matches!(i.data, ImageData::Rgba8(_)))
    );
}

/// The encoded bytes of image `index` of a GLB file, and where they sit in it.
fn glb_image(glb: &[u8], index: usize) -> std::ops::Range<usize> {
    let json_len = u32::from_le_bytes(glb[12..16].try_into().expect("4 bytes")) as usize;
    let json: serde_json::Value = serde_json::from_slice(&glb[20..20 + json_len]).expect("JSON");
    let view = &json["bufferViews"][json["images"][index]["bufferView"].as_u64().expect("view") as usize];
    let start = 20 + json_len + 8 + view["byteOffset"].as_u64().unwrap_or(0) as usize;
    start..start + view["byteLength"].as_u64().expect("length") as usize
}

fn import_bytes(glb: &[u8]) -> Result<Imported, Error> {
    museion_gltf::import_slice(glb, "damaged.glb", None, &ImportOptions::default())
}

#[test]
fn a_corrupt_ktx2_with_a_fallback_warns_and_uses_the_jpeg() {
    // Image 5, the base colour KTX2, with its level data zeroed past the header and
    // descriptor: Zstandard cannot inflate it.
    let mut glb = std::fs::read(shared_model(UASTC)).expect("readable");
    let range = glb_image(&glb, 5);
    glb[range.start + 400..range.end].fill(0);
    let imported = import_bytes(&glb).expect("the fallback is used");
    let base = imported.scene.materials[0]
        .base_color_texture
        .as_ref()
        .expect("slot");
    let image = imported.scene.textures[base.texture.index()]
        .image
        .expect("an image");
    let image = &imported.scene.images[image.index()];
    assert_eq!(
        (image.source_format, image.width),
        (ImageSourceFormat::Jpeg, 2048)
    );
    assert!(
        imported
            .report
            .warnings
            .iter()
            .any(|w| w.pointer == "/images/5" && w.message.contains("KTX2")),
        "{:?}",
        imported.report.warnings
    );
}

#[test]
fn a_size_not_a_multiple_of_4_becomes_rgba8() {
    // The UASTC occlusion map (1024², 11 levels) declared 1024x1022: every level keeps
    // its block count, so the data stays valid, but BC needs level 0 in whole blocks.
    let glb = std::fs::read(shared_model(UASTC)).expect("readable");
    let mut image = glb[glb_image(&glb, 8)].to_vec();
    image[24..28].copy_from_slice(&1022u32.to_le_bytes());
    let imported = import_ktx2(&image).expect("imports");
    let image = &imported.scene.images[0];
    assert_eq!((image.width, image.height), (1024, 1022));
    let ImageData::Rgba8(pixels) = &image.data else {
        panic!("not RGBA8: {image:?}");
    };
    assert_eq!(pixels.len(), 1024 * 1022 * 4);
}

/// Deterministic pseudo-random numbers (xorshift).
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Imports a document whose one texture is the KTX2 `image` through
/// `KHR_texture_basisu` (required: there is no fallback).
fn import_ktx2(image: &[u8]) -> Result<Imported, Error> {
    let mut g = museion_testkit::gltf::Gltf::new();
    g.json["extensionsUsed"] = serde_json::json!(["KHR_texture_basisu"]);
    g.json["extensionsRequired"] = serde_json::json!(["KHR_texture_basisu"]);
    let source = g.image_in_buffer(image, "image/ktx2");
    g.push(
        "textures",
        serde_json::json!({ "extensions": { "KHR_texture_basisu": { "source": source } } }),
    );
    museion_gltf::import_slice(&g.glb(), "ktx2.glb", None, &ImportOptions::default())
}

/// `rounds` truncations and mutations of `image`: each imports (damage to texels only)
/// or fails with an error naming the image, and never panics.
fn damage(image: &[u8], rounds: usize, seed: u64) -> (usize, usize) {
    let mut state = seed;
    let (mut ok, mut failed) = (0, 0);
    for round in 0..rounds {
        let mut bytes = image.to_vec();
        match round % 3 {
            0 => bytes.truncate(xorshift(&mut state) as usize % image.len()),
            // The header, level index, descriptor and codebooks.
            1 => {
                for _ in 0..1 + xorshift(&mut state) % 8 {
                    let at = xorshift(&mut state) as usize % image.len().min(1024);
                    bytes[at] = xorshift(&mut state) as u8;
                }
            }
            _ => {
                for _ in 0..1 + xorshift(&mut state) % 32 {
                    let at = xorshift(&mut state) as usize % image.len();
                    bytes[at] = xorshift(&mut state) as u8;
                }
            }
        }
        match import_ktx2(&bytes) {
            Ok(_) => ok += 1,
            Err(e) => {
                let text = e.to_string();
                assert!(text.contains("/images/0"), "round {round}: {text}");
                failed += 1;
            }
        }
    }
    (ok, failed)
}

#[test]
fn truncated_and_mutated_ktx2_is_an_error_never_a_panic() {
    let rounds = std::env::var("MUSEION_KTX2_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(60);
    // The smallest images: the occlusion maps (ETC1S 2048², 33 KB; UASTC + Zstandard
    // 1024², 41 KB).
    for (file, index) in [(ETC1S, 4), (UASTC, 8)] {
        let glb = std::fs::read(shared_model(file)).expect("readable");
        let image = &glb[glb_image(&glb, index)];
        import_ktx2(image).expect("the undamaged image imports");
        let (ok, failed) = damage(image, rounds, 0x9E37_79B9_7F4A_7C15);
        println!("{file} image {index}: {ok} imported, {failed} refused");
        assert!(failed > 0, "{file}: no damage was noticed");
    }
}
