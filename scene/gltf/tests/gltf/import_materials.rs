//! The importer against small files these tests generate, one glTF material feature at a
//! time: materials (every texture slot, texture transforms, extensions), tangents
//! generated for normal maps, samplers, images from files, data URIs and buffer views in
//! every format (PNG, JPEG, WebP, KTX2), undecodable images, and `EXT_texture_webp`.

use crate::support::*;
use museion_gltf as gltf;
use museion_scene::glam::{Vec2, Vec3, Vec4};
use museion_scene::{AlphaMode, ColorSpace, Filter, ImageSourceFormat, WrapMode};
use serde_json::json;

/// A quad with normals and UVs, using material 0.
fn textured_quad(g: &mut Gltf, with_tangents: bool) {
    let positions = g.positions(&[[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]);
    let normals = g.floats(&[0.0, 0.0, 1.0].repeat(4), "VEC3");
    let uvs = g.floats(&[0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0], "VEC2");
    let indices = g.indices_u16(&[0, 1, 2, 0, 2, 3]);
    let mut attributes = json!({ "POSITION": positions, "NORMAL": normals, "TEXCOORD_0": uvs });
    if with_tangents {
        attributes["TANGENT"] = json!(g.floats(&[0.0, 1.0, 0.0, -1.0].repeat(4), "VEC4"));
    }
    g.mesh_node(json!({ "attributes": attributes, "indices": indices, "material": 0 }));
}

fn add_png_texture(g: &mut Gltf) {
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push("textures", json!({ "source": image }));
}

#[test]
fn tangents_are_generated_for_normal_maps_and_kept_when_given() {
    let mut g = Gltf::new();
    add_png_texture(&mut g);
    g.push("materials", json!({ "normalTexture": { "index": 0 } }));
    textured_quad(&mut g, false);
    let imported = import(&g);
    let p = first_primitive(&imported);
    let tangents = p.tangents.as_ref().expect("generated");
    // u runs along +x; v runs along -y, so the bitangent (up the image, decreasing v)
    // is +y and w = +1 for this unmirrored layout.
    for t in tangents {
        assert!(t.truncate().abs_diff_eq(Vec3::X, 1e-4), "{t}");
        let bitangent = Vec3::Z.cross(t.truncate()) * t.w;
        assert!(bitangent.abs_diff_eq(Vec3::Y, 1e-4), "{bitangent}");
    }

    let mut g = Gltf::new();
    add_png_texture(&mut g);
    g.push("materials", json!({ "normalTexture": { "index": 0 } }));
    textured_quad(&mut g, true);
    let imported = import(&g);
    assert_eq!(
        first_primitive(&imported).tangents.as_ref().unwrap()[0],
        Vec4::new(0.0, 1.0, 0.0, -1.0)
    );

    // No normal map: no tangents are invented.
    let mut g = Gltf::new();
    g.push("materials", json!({}));
    textured_quad(&mut g, false);
    assert!(first_primitive(&import(&g)).tangents.is_none());
}

#[test]
fn materials_carry_every_slot_transform_and_extension() {
    let mut g = Gltf::new();
    add_png_texture(&mut g);
    let transform = |rotation: f32, tex_coord: Option<u32>| {
        let mut t = json!({ "offset": [0.5, 0.25], "rotation": rotation, "scale": [2.0, 3.0] });
        if let Some(tc) = tex_coord {
            t["texCoord"] = json!(tc);
        }
        json!({ "KHR_texture_transform": t })
    };
    g.json["extensionsUsed"] = json!([
        "KHR_texture_transform",
        "KHR_materials_emissive_strength",
        "KHR_materials_unlit"
    ]);
    g.push(
        "materials",
        json!({
            "name": "everything",
            "pbrMetallicRoughness": {
                "baseColorFactor": [0.5, 0.25, 1.0, 0.75],
                "baseColorTexture": { "index": 0, "extensions": transform(0.1, None) },
                "metallicFactor": 0.3,
                "roughnessFactor": 0.6,
                "metallicRoughnessTexture": { "index": 0, "texCoord": 1, "extensions": transform(0.2, Some(0)) }
            },
            "normalTexture": { "index": 0, "scale": 0.5, "extensions": transform(0.3, Some(1)) },
            "occlusionTexture": { "index": 0, "strength": 0.25, "extensions": transform(0.4, None) },
            "emissiveTexture": { "index": 0, "extensions": transform(0.5, None) },
            "emissiveFactor": [1.0, 0.5, 0.0],
            "alphaMode": "MASK",
            "alphaCutoff": 0.3,
            "doubleSided": true,
            "extensions": { "KHR_materials_emissive_strength": { "emissiveStrength": 12.5 } },
            "extras": { "curator": "Ada" }
        }),
    );
    g.push(
        "materials",
        json!({ "alphaMode": "BLEND", "extensions": { "KHR_materials_unlit": {} } }),
    );
    g.push("materials", json!({}));
    textured_quad(&mut g, false);
    let imported = import(&g);
    let [m, blend, default] = [0, 1, 2].map(|i| imported.scene.materials[i].clone());
    assert_eq!(m.name.as_deref(), Some("everything"));
    assert_eq!(m.base_color_factor, Vec4::new(0.5, 0.25, 1.0, 0.75));
    assert_eq!((m.metallic_factor, m.roughness_factor), (0.3, 0.6));
    assert_eq!((m.normal_scale, m.occlusion_strength), (0.5, 0.25));
    assert_eq!(m.emissive_factor, Vec3::new(1.0, 0.5, 0.0));
    assert_eq!(m.emissive_strength, 12.5);
    assert_eq!(m.alpha_mode, AlphaMode::Mask { cutoff: 0.3 });
    assert!(m.double_sided && !m.unlit);
    assert_eq!(m.extras, Some(json!({ "curator": "Ada" })));
    let slots: Vec<_> = m.texture_slots().collect();
    assert_eq!(slots.len(), 5);
    let expected = [
        ("baseColorTexture", 0.1, 0, ColorSpace::Srgb),
        ("metallicRoughnessTexture", 0.2, 0, ColorSpace::Linear),
        ("normalTexture", 0.3, 1, ColorSpace::Linear),
        ("occlusionTexture", 0.4, 0, ColorSpace::Linear),
        ("emissiveTexture", 0.5, 0, ColorSpace::Srgb),
    ];
    for ((name, slot), (want_name, rotation, tex_coord, space)) in slots.iter().zip(expected) {
        assert_eq!(*name, want_name);
        assert_eq!(slot.transform.rotation, rotation, "{name}");
        assert_eq!(slot.transform.offset, Vec2::new(0.5, 0.25), "{name}");
        assert_eq!(slot.transform.scale, Vec2::new(2.0, 3.0), "{name}");
        assert_eq!(slot.tex_coord, tex_coord, "{name}: texCoord override");
        assert_eq!(slot.color_space, space, "{name}");
    }
    assert_eq!(blend.alpha_mode, AlphaMode::Blend);
    assert!(blend.unlit);
    assert_eq!(default, museion_scene::Material::default());
    assert_eq!(default.alpha_mode, AlphaMode::Opaque);
    // The normal map's texCoord override asks for TEXCOORD_1, which the quad lacks.
    let warnings: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("TEXCOORD_1"), "{warnings:?}");
}

#[test]
fn samplers_map_filters_and_wrap_modes() {
    let mut g = Gltf::new();
    let image = g.image_in_buffer(&png(2, 2), "image/png");
    g.push(
        "samplers",
        json!({ "magFilter": 9728, "minFilter": 9986, "wrapS": 33071, "wrapT": 33648 }),
    );
    g.push("samplers", json!({}));
    g.push("textures", json!({ "source": image, "sampler": 0 }));
    g.push("textures", json!({ "source": image, "sampler": 1 }));
    g.push("textures", json!({ "source": image }));
    let imported = import(&g);
    let s = imported.scene.samplers[0];
    assert_eq!(s.mag_filter, Filter::Nearest);
    assert_eq!(
        (s.min_filter.filter, s.min_filter.mipmap),
        (Filter::Nearest, Some(Filter::Linear))
    );
    assert_eq!(
        (s.wrap_u, s.wrap_v),
        (WrapMode::ClampToEdge, WrapMode::MirroredRepeat)
    );
    let d = imported.scene.samplers[1];
    assert_eq!(d, museion_scene::Sampler::default());
    assert_eq!((d.wrap_u, d.mag_filter), (WrapMode::Repeat, Filter::Linear));
    assert_eq!(imported.scene.textures[2].sampler, None);
    assert_eq!(
        imported.scene.textures[0].sampler,
        Some(museion_scene::SamplerId(0))
    );
}

#[test]
fn images_load_from_files_data_uris_and_buffer_views_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut g = Gltf::new();
    // A PNG in a file whose name needs percent-encoding.
    std::fs::create_dir(dir.path().join("tex dir")).unwrap();
    std::fs::write(dir.path().join("tex dir/my image.png"), png(3, 2)).unwrap();
    g.push("images", json!({ "uri": "tex%20dir/my%20image.png" }));
    // A JPEG as a data URI.
    let mut jpeg = Vec::new();
    image::RgbImage::from_pixel(4, 4, image::Rgb([200, 100, 50]))
        .write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    use base64::Engine;
    let data = base64::engine::general_purpose::STANDARD.encode(&jpeg);
    g.push(
        "images",
        json!({ "uri": format!("data:image/jpeg;base64,{data}") }),
    );
    // A lossless WebP in a buffer view.
    let mut webp = Vec::new();
    image::RgbaImage::from_pixel(2, 3, image::Rgba([1, 2, 3, 255]))
        .write_to(&mut std::io::Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    g.image_in_buffer(&webp, "image/webp");
    // A KTX2 file: 8-bit RGB, Zstandard-supercompressed.
    std::fs::write(
        dir.path().join("t.ktx2"),
        ktx2_rgb(2, 2, &[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]),
    )
    .unwrap();
    g.push("images", json!({ "uri": "t.ktx2" }));
    for i in 0..4 {
        g.push("textures", json!({ "source": i }));
    }
    let path = g.write_gltf(dir.path(), "images");
    let imported = gltf::import(&path).unwrap();
    let images = &imported.scene.images;
    assert_eq!(images.len(), 4);
    assert_eq!(
        (images[0].width, images[0].height, images[0].source_format),
        (3, 2, ImageSourceFormat::Png)
    );
    assert_eq!(images[0].pixel(2, 1), Some([80, 40, 200, 255]));
    assert_eq!(images[0].name.as_deref(), Some("my image.png"));
    assert_eq!(
        (images[1].width, images[1].source_format),
        (4, ImageSourceFormat::Jpeg)
    );
    let [r, g_, b, a] = images[1].pixel(1, 1).unwrap();
    assert!(r.abs_diff(200) < 8 && g_.abs_diff(100) < 8 && b.abs_diff(50) < 8 && a == 255);
    assert_eq!(
        (images[2].height, images[2].source_format),
        (3, ImageSourceFormat::WebP)
    );
    assert_eq!(images[2].pixel(1, 2), Some([1, 2, 3, 255]));
    assert_eq!(images[3].source_format, ImageSourceFormat::Ktx2);
    assert_eq!(images[3].pixel(1, 1), Some([100, 110, 120, 255]));
    assert!(imported.scene.textures.iter().all(|t| t.image.is_some()));
}

/// A KTX2 file of 8-bit RGB texels (VK_FORMAT_R8G8B8_UNORM), Zstandard-supercompressed.
fn ktx2_rgb(width: u32, height: u32, texels: &[u8]) -> Vec<u8> {
    ktx2_file(23, width, height, texels)
}

/// A one-level KTX2 file of `vk_format` with the data format descriptor the `ktx2`
/// crate writes for it, its level Zstandard-supercompressed.
fn ktx2_file(vk_format: u32, width: u32, height: u32, texels: &[u8]) -> Vec<u8> {
    let payload = ruzstd::encoding::compress_to_vec(texels, ruzstd::encoding::CompressionLevel::Fastest);
    let format = ktx2::Format::new(vk_format).expect("a Vulkan format");
    let (basic, _) = ktx2::dfd::Basic::from_format(format).expect("a descriptor");
    let dfd = ktx2::dfd::Block::Basic(basic).to_vec();
    let mut out = vec![
        0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A,
    ];
    // Header; the descriptor follows the one-level index (at 104), the level follows it.
    let dfd_length = 4 + dfd.len() as u32;
    for v in [vk_format, 1, width, height, 0, 0, 1, 1, 2, 104, dfd_length, 0, 0] {
        out.extend(v.to_le_bytes());
    }
    out.extend([0u8; 16]);
    out.extend((104 + u64::from(dfd_length)).to_le_bytes());
    out.extend((payload.len() as u64).to_le_bytes());
    out.extend((texels.len() as u64).to_le_bytes());
    out.extend(dfd_length.to_le_bytes());
    out.extend(dfd);
    out.extend(payload);
    out
}

#[test]
fn undecodable_images_leave_their_texture_empty_with_a_warning() {
    let mut g = Gltf::new();
    // A KTX2 of BC7 blocks (a format the reader does not take), and bytes in no known
    // format.
    let bc7 = ktx2_file(145, 4, 4, &[0; 16]);
    g.image_in_buffer(&bc7, "image/ktx2");
    g.image_in_buffer(b"GIF89a....", "image/gif");
    g.push("textures", json!({ "source": 0 }));
    g.push("textures", json!({ "source": 1 }));
    let imported = import(&g);
    assert!(imported.scene.images.is_empty());
    assert!(imported.scene.textures.iter().all(|t| t.image.is_none()));
    let text: Vec<String> = imported.report.warnings.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("/images/0") && w.contains("KTX2 with Vulkan format 145")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("/images/1") && w.contains("image/gif")),
        "{text:?}"
    );
    assert_eq!(imported.report.counts.images, 2);
}

#[test]
fn webp_extension_source_is_preferred_over_the_core_fallback() {
    let mut g = Gltf::new();
    g.json["extensionsUsed"] = json!(["EXT_texture_webp"]);
    let fallback = g.image_in_buffer(&png(1, 1), "image/png");
    let mut webp = Vec::new();
    image::RgbaImage::from_pixel(5, 1, image::Rgba([9, 9, 9, 255]))
        .write_to(&mut std::io::Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    let preferred = g.image_in_buffer(&webp, "image/webp");
    g.push(
        "textures",
        json!({ "source": fallback, "extensions": { "EXT_texture_webp": { "source": preferred } } }),
    );
    let imported = import(&g);
    let image = imported.scene.textures[0].image.unwrap();
    assert_eq!(imported.scene.images[image.index()].width, 5);
}
