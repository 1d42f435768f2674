//! Material features, each with its expected result worked out on the CPU: alpha mask,
//! texture transform, vertex colours, normal-map orientation and double-sided lighting.

use super::*;
use museion_scene::glam::Vec4;
use museion_scene::glam::camera::rh::view::look_at_mat4;
use museion_scene::{
    AlphaMode, ColorSpace, Filter, Image, ImageSourceFormat, MinFilter, Sampler, TextureRef,
    TextureTransform, WrapMode,
};

const NEAREST: Sampler = Sampler {
    mag_filter: Filter::Nearest,
    min_filter: MinFilter {
        filter: Filter::Nearest,
        mipmap: None,
    },
    wrap_u: WrapMode::Repeat,
    wrap_v: WrapMode::Repeat,
};

/// Adds an image with a nearest-filtered sampler and returns a reference to it.
fn add_texture(scene: &mut Scene, width: u32, height: u32, pixels: Vec<u8>, space: ColorSpace) -> TextureRef {
    let image = scene.add_image(Image::rgba8(None, width, height, pixels, ImageSourceFormat::Png));
    let sampler = scene.add_sampler(NEAREST);
    let texture = scene.add_texture(museion_scene::Texture {
        name: None,
        image: Some(image),
        sampler: Some(sampler),
    });
    TextureRef {
        texture,
        tex_coord: 0,
        transform: TextureTransform::IDENTITY,
        color_space: space,
    }
}

fn unlit_white() -> Material {
    Material {
        unlit: true,
        ..Material::default()
    }
}

#[test]
fn alpha_mask_discards_below_the_cutoff_only() {
    let ctx = gpu();
    // Left texel alpha 0.3, right texel alpha 0.7.
    let pixels = vec![255, 255, 255, 77, 255, 255, 255, 178];
    for (cutoff, left_visible) in [(0.5, false), (0.2, true)] {
        let mut scene = scene_with(quad(1.0), unlit_white());
        let texture = add_texture(&mut scene, 2, 1, pixels.clone(), ColorSpace::Srgb);
        scene.materials[0].base_color_texture = Some(texture);
        scene.materials[0].alpha_mode = AlphaMode::Mask { cutoff };
        let image = render_srgb(&ctx, &scene, &ortho_front(1.0), exact_settings(), 16);
        let (left, right) = (image.get_pixel(3, 8).0, image.get_pixel(12, 8).0);
        assert_eq!(right, [255, 255, 255, 255], "cutoff {cutoff}: right half shows");
        let expected_left = if left_visible {
            [255, 255, 255, 255]
        } else {
            [0, 0, 0, 255]
        };
        assert_eq!(left, expected_left, "cutoff {cutoff}: left half");
    }
}

#[test]
fn texture_transforms_move_rotate_and_scale_the_uvs() {
    let ctx = gpu();
    // A 4×4 texture whose texel (i, j) is (64 i, 64 j, 200).
    let mut pixels = Vec::new();
    for j in 0..4u8 {
        for i in 0..4u8 {
            pixels.extend([i * 64, j * 64, 200, 255]);
        }
    }
    let transform = TextureTransform {
        offset: Vec2::new(0.25, 0.5),
        rotation: std::f32::consts::FRAC_PI_2,
        scale: Vec2::new(0.5, 1.5),
    };
    let mut scene = scene_with(quad(1.0), unlit_white());
    let mut texture = add_texture(&mut scene, 4, 4, pixels.clone(), ColorSpace::Srgb);
    texture.transform = transform;
    scene.materials[0].base_color_texture = Some(texture);
    let size = 64;
    let image = render_srgb(&ctx, &scene, &ortho_front(1.0), exact_settings(), size);
    let mut checked = 0;
    for y in 0..size {
        for x in 0..size {
            // The quad covers the view: its UV at this pixel centre.
            let uv = Vec2::new((x as f32 + 0.5) / size as f32, (y as f32 + 0.5) / size as f32);
            let t = transform.apply(uv) * 4.0;
            let f = t - t.floor();
            if f.min_element() < 0.08 || f.max_element() > 0.92 {
                continue; // too close to a texel edge to call
            }
            let (i, j) = (
                t.x.floor().rem_euclid(4.0) as usize,
                t.y.floor().rem_euclid(4.0) as usize,
            );
            let expected = &pixels[(j * 4 + i) * 4..(j * 4 + i) * 4 + 4];
            let got = image.get_pixel(x, y).0;
            for k in 0..3 {
                assert!(
                    got[k].abs_diff(expected[k]) <= 1,
                    "pixel ({x},{y}) uv {uv}: {got:?} vs {expected:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1500, "{checked}");
}

#[test]
fn mipmapped_textures_keep_their_detail_along_triangle_edges() {
    // A 64×64 texture, red on the left half and blue on the right, mipmapped and
    // trilinear: one texel per pixel, so level 0 everywhere. Its 1×1 level is purple; a
    // gradient taken across a quad of pixels that straddles the quad's diagonal must not
    // reach it.
    let ctx = gpu();
    let size = 64u32;
    let mut pixels = Vec::new();
    for _ in 0..size {
        for x in 0..size {
            pixels.extend(if x < size / 2 {
                [255, 0, 0, 255]
            } else {
                [0, 0, 255, 255]
            });
        }
    }
    let mut scene = scene_with(quad(1.0), unlit_white());
    let mut texture = add_texture(&mut scene, size, size, pixels, ColorSpace::Srgb);
    let trilinear = scene.add_sampler(Sampler {
        mag_filter: Filter::Linear,
        min_filter: MinFilter {
            filter: Filter::Linear,
            mipmap: Some(Filter::Linear),
        },
        wrap_u: WrapMode::ClampToEdge,
        wrap_v: WrapMode::ClampToEdge,
    });
    scene.textures[texture.texture.index()].sampler = Some(trilinear);
    texture.transform = TextureTransform::IDENTITY;
    scene.materials[0].base_color_texture = Some(texture);
    let image = render_srgb(&ctx, &scene, &ortho_front(1.0), exact_settings(), size);
    let mut mixed = Vec::new();
    for y in 0..size {
        for x in (0..size).filter(|x| x.abs_diff(size / 2) > 2 && x.abs_diff(size / 2 - 1) > 2) {
            let [r, _, b, _] = image.get_pixel(x, y).0;
            if r.min(b) > 8 {
                mixed.push((x, y, r, b));
            }
        }
    }
    assert!(
        mixed.is_empty(),
        "{} pixels mix red and blue: {:?}",
        mixed.len(),
        &mixed[..mixed.len().min(8)]
    );
}

#[test]
fn vertex_colours_interpolate_in_linear_light() {
    let ctx = gpu();
    let corners = [
        Vec3::new(-1.0, -1.0, 0.0),
        Vec3::new(1.0, -1.0, 0.0),
        Vec3::new(-1.0, 1.0, 0.0),
    ];
    let mut triangle = Primitive::new(
        Topology::Triangles,
        corners.to_vec(),
        vec![Vec3::Z; 3],
        vec![0, 1, 2],
    );
    triangle.colors = Some(vec![
        Vec4::new(1.0, 0.0, 0.0, 1.0),
        Vec4::new(0.0, 1.0, 0.0, 1.0),
        Vec4::new(0.0, 0.0, 1.0, 1.0),
    ]);
    let scene = scene_with(triangle, unlit_white());
    let size = 32;
    let pixels = render_radiance(&ctx, &scene, &ortho_front(1.0), exact_settings(), size);
    let mut checked = 0;
    for y in 0..size {
        for x in 0..size {
            let p = Vec2::new(
                (x as f32 + 0.5) / size as f32 * 2.0 - 1.0,
                1.0 - (y as f32 + 0.5) / size as f32 * 2.0,
            );
            // Barycentric weights of the pixel centre (the triangle's legs are axis-aligned).
            let (w1, w2) = ((p.x + 1.0) / 2.0, (p.y + 1.0) / 2.0);
            let w0 = 1.0 - w1 - w2;
            if w0 < 0.02 || w1 < 0.02 || w2 < 0.02 {
                continue;
            }
            let got = Vec4::from_array(pixels[(y * size + x) as usize]);
            assert!(
                got.truncate().abs_diff_eq(Vec3::new(w0, w1, w2), 2e-3),
                "({x},{y}): {got} vs {w0} {w1} {w2}"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn normal_maps_tilt_the_normal_toward_their_red_and_green_directions() {
    let ctx = gpu();
    let toward_light = Vec3::new(0.35, 0.35, 1.0).normalize();
    let lux = 2.0;
    let mut radiance = Vec::new();
    // Tangent-space normals: +x (red), -x, +y (green: up the image), -y.
    for tilt in [
        Vec3::new(0.6, 0.0, 0.8),
        Vec3::new(-0.6, 0.0, 0.8),
        Vec3::new(0.0, 0.6, 0.8),
        Vec3::new(0.0, -0.6, 0.8),
    ] {
        let texel = (tilt * 0.5 + Vec3::splat(0.5))
            .to_array()
            .map(|c| (c * 255.0).round() as u8);
        let mut quad = quad(1.0);
        // Tangents as the importer makes them for files without: MikkTSpace.
        assert!(quad.generate_tangents(0).is_some());
        let material = Material {
            metallic_factor: 0.0,
            roughness_factor: 1.0,
            ..Material::default()
        };
        let mut scene = scene_with(quad, material);
        let normal = add_texture(
            &mut scene,
            1,
            1,
            vec![texel[0], texel[1], texel[2], 255],
            ColorSpace::Linear,
        );
        scene.materials[0].normal_texture = Some(normal);
        add_sun(&mut scene, toward_light, lux);
        let pixels = render_radiance(&ctx, &scene, &ortho_front(1.0), exact_settings(), 8);
        let got = Vec4::from_array(pixels[4 * 8 + 4]).truncate();

        // The quad's UVs run u along +x and v down the image (world -y), so the tangent
        // is +x and the bitangent (up the image) +y; the texel decodes as the shader does.
        let decoded = Vec3::from_array(texel.map(|c| f32::from(c) / 255.0)) * 2.0 - Vec3::ONE;
        let n = (Vec3::X * decoded.x + Vec3::Y * decoded.y + Vec3::Z * decoded.z).normalize();
        let expected = analytic_brdf(Vec3::ONE, 0.0, 1.0, n, Vec3::Z, toward_light) * lux;
        assert!(
            got.abs_diff_eq(expected, expected.max_element() * 0.02 + 1e-3),
            "tilt {tilt}: {got} vs {expected}"
        );
        radiance.push(got.x);
    }
    // The light comes from +x and +y: tilting toward it brightens, away darkens.
    assert!(
        radiance[0] > radiance[1] * 1.5 && radiance[2] > radiance[3] * 1.5,
        "{radiance:?}"
    );
}

#[test]
fn a_normal_map_seen_from_behind_keeps_its_relief() {
    // A double-sided quad facing +Z with a normal map tilting its normal toward +x
    // (tangent +x, bitangent +y). Seen from behind, the same relief has the opposite
    // normal: the whole tangent frame turns round, not only the geometric normal.
    let ctx = gpu();
    let mut behind = ortho_front(1.0);
    behind.view = look_at_mat4(Vec3::new(0.0, 0.0, -5.0), Vec3::ZERO, Vec3::Y);
    let lux = 2.0;
    let tilt = Vec3::new(0.6, 0.0, 0.8);
    let texel = (tilt * 0.5 + Vec3::splat(0.5))
        .to_array()
        .map(|c| (c * 255.0).round() as u8);
    let decoded = Vec3::from_array(texel.map(|c| f32::from(c) / 255.0)) * 2.0 - Vec3::ONE;
    let front_normal = (Vec3::X * decoded.x + Vec3::Y * decoded.y + Vec3::Z * decoded.z).normalize();
    let back_normal = -front_normal;
    let mut quad = quad(1.0);
    assert!(quad.generate_tangents(0).is_some());
    let material = Material {
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        double_sided: true,
        ..Material::default()
    };
    let mut scene = scene_with(quad, material);
    let normal = add_texture(
        &mut scene,
        1,
        1,
        vec![texel[0], texel[1], texel[2], 255],
        ColorSpace::Linear,
    );
    scene.materials[0].normal_texture = Some(normal);
    // The light shines straight along the back side's bumped normal; a frame that kept
    // its front-side tangents would tilt the normal the other way (n·l 0.28, not 1).
    add_sun(&mut scene, back_normal, lux);
    let pixels = render_radiance(&ctx, &scene, &behind, exact_settings(), 8);
    let got = Vec4::from_array(pixels[4 * 8 + 4]).truncate();
    let expected = analytic_brdf(Vec3::ONE, 0.0, 1.0, back_normal, -Vec3::Z, back_normal) * lux;
    assert!(
        got.abs_diff_eq(expected, expected.max_element() * 0.02 + 1e-3),
        "{got} vs {expected}"
    );
}

#[test]
fn double_sided_materials_show_and_light_their_back_faces() {
    let ctx = gpu();
    // The camera looks at the back of a quad that faces +Z.
    let mut behind = ortho_front(1.0);
    behind.view = look_at_mat4(Vec3::new(0.0, 0.0, -5.0), Vec3::ZERO, Vec3::Y);
    let lux = 3.0;
    for (double_sided, toward_light, expect_lit) in [
        (false, Vec3::new(0.0, 0.0, -1.0), None),
        (true, Vec3::new(0.0, 0.3, -1.0), Some(true)),
        (true, Vec3::new(0.0, 0.0, 1.0), Some(false)),
    ] {
        let material = Material {
            base_color_factor: Vec4::new(0.6, 0.6, 0.6, 1.0),
            metallic_factor: 0.0,
            roughness_factor: 0.7,
            double_sided,
            ..Material::default()
        };
        let mut scene = scene_with(quad(1.0), material);
        add_sun(&mut scene, toward_light, lux);
        let pixels = render_radiance(&ctx, &scene, &behind, exact_settings(), 8);
        let got = Vec4::from_array(pixels[4 * 8 + 4]);
        match expect_lit {
            // Single-sided: the back face is culled; the background (alpha 0) shows.
            None => assert_eq!(got, Vec4::new(0.0, 0.0, 0.0, 1.0), "culled back face"),
            Some(lit) => {
                // The back face's normal is -Z; the viewer is on -Z.
                let n = -Vec3::Z;
                let expected =
                    analytic_brdf(Vec3::splat(0.6), 0.0, 0.7, n, -Vec3::Z, toward_light.normalize()) * lux;
                assert!(
                    got.truncate()
                        .abs_diff_eq(expected, expected.max_element() * 0.02 + 1e-4),
                    "{got} vs {expected}"
                );
                assert_eq!(lit, expected.x > 0.0);
            }
        }
    }
}

#[test]
fn mips_are_built_on_the_gpu_and_filtered_in_linear_light() {
    let ctx = gpu();
    // A 64×64 black and white checkerboard, drawn into a single pixel, so sampling reads
    // the last mip level: the linear mean 0.5, which is sRGB 188 (not 128, the mean of
    // the encoded values, and not 0 or 255, a texel from an image without mips).
    let mut pixels = Vec::new();
    for y in 0..64u32 {
        for x in 0..64u32 {
            let v = if (x + y) % 2 == 0 { 255 } else { 0 };
            pixels.extend([v, v, v, 255]);
        }
    }
    let trilinear = Sampler::default();
    let mut scene = scene_with(quad(1.0), unlit_white());
    let mut texture = add_texture(&mut scene, 64, 64, pixels, ColorSpace::Srgb);
    let sampler = scene.add_sampler(trilinear);
    scene.textures[texture.texture.index()].sampler = Some(sampler);
    // A second texture with the same sampler state: samplers are shared.
    let image = scene.textures[texture.texture.index()].image;
    scene.add_texture(museion_scene::Texture {
        name: None,
        image,
        sampler: Some(sampler),
    });
    texture.transform = TextureTransform::IDENTITY;
    scene.materials[0].base_color_texture = Some(texture);
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    let (image, _) = renderer
        .render_image(&ctx, &scene, &ortho_front(1.0), 1, 1)
        .unwrap();
    let value = image.get_pixel(0, 0).0[0];
    assert!(
        value.abs_diff(188) <= 2,
        "the 1×1 mip reads {value}, expected about 188"
    );
    // One sampler for the trilinear state and the default one for empty slots.
    assert!(
        renderer.gpu_scene().sampler_count() <= 2,
        "{}",
        renderer.gpu_scene().sampler_count()
    );
}

#[test]
fn emissive_maps_add_factor_times_strength_times_texel() {
    let ctx = gpu();
    let texel = [128u8, 64, 255, 255];
    let mut scene = scene_with(quad(1.0), Material::default());
    let emissive = add_texture(&mut scene, 1, 1, texel.to_vec(), ColorSpace::Srgb);
    scene.materials[0].emissive_texture = Some(emissive);
    scene.materials[0].emissive_factor = Vec3::new(1.0, 0.5, 0.25);
    scene.materials[0].emissive_strength = 4.0;
    // A light behind the quad (so no studio rig) and no ambient: only emission shows.
    add_sun(&mut scene, -Vec3::Z, 1.0);
    let pixels = render_radiance(&ctx, &scene, &ortho_front(1.0), exact_settings(), 4);
    let got = Vec4::from_array(pixels[5]).truncate();
    let decoded =
        Vec3::from_array([texel[0], texel[1], texel[2]].map(|c| srgb_to_linear(f32::from(c) / 255.0)));
    let expected = Vec3::new(1.0, 0.5, 0.25) * 4.0 * decoded;
    assert!(
        got.abs_diff_eq(expected, expected.max_element() * 0.01),
        "{got} vs {expected}"
    );
}

#[test]
fn occlusion_maps_darken_environment_light_by_their_strength() {
    let ctx = gpu();
    let ambient = 0.5;
    // A scene with one light far behind the quad, so only the environment lights it.
    let radiance = |occlusion: Option<(u8, f32)>| {
        let material = Material {
            base_color_factor: Vec4::new(0.8, 0.8, 0.8, 1.0),
            metallic_factor: 0.0,
            roughness_factor: 1.0,
            ..Material::default()
        };
        let mut scene = scene_with(quad(1.0), material);
        if let Some((value, strength)) = occlusion {
            let map = add_texture(&mut scene, 1, 1, vec![value, 0, 0, 255], ColorSpace::Linear);
            scene.materials[0].occlusion_texture = Some(map);
            scene.materials[0].occlusion_strength = strength;
        }
        add_sun(&mut scene, -Vec3::Z, 1.0);
        let mut settings = exact_settings();
        settings.environment.source = EnvironmentSource::Uniform([ambient; 3]);
        Vec4::from_array(render_radiance(&ctx, &scene, &ortho_front(1.0), settings, 4)[5]).x
    };
    let open = radiance(None);
    assert!(open > 0.1, "the environment lights the quad: {open}");
    // glTF: occlusion = 1 + strength × (texel - 1).
    for (value, strength) in [(0u8, 1.0f32), (128, 1.0), (0, 0.5)] {
        let factor = 1.0 + strength * (f32::from(value) / 255.0 - 1.0);
        let got = radiance(Some((value, strength)));
        assert!(
            (got - open * factor).abs() <= open * 0.01,
            "texel {value} strength {strength}: {got} vs {}",
            open * factor
        );
    }
}

#[test]
fn any_offscreen_format_reads_back_as_an_srgb_image() {
    let ctx = gpu();
    let c = [200u8, 100, 50];
    let linear = c.map(|v| srgb_to_linear(f32::from(v) / 255.0));
    let scene = scene_with(
        quad(2.0),
        Material {
            base_color_factor: Vec4::new(linear[0], linear[1], linear[2], 1.0),
            unlit: true,
            ..Material::default()
        },
    );
    for format in [
        wgpu::TextureFormat::Rgba8UnormSrgb,
        wgpu::TextureFormat::Rgba8Unorm,
        wgpu::TextureFormat::Bgra8UnormSrgb,
        wgpu::TextureFormat::Bgra8Unorm,
        wgpu::TextureFormat::Rgba16Float,
        wgpu::TextureFormat::Rgba32Float,
    ] {
        let target = OffscreenTarget::new(&ctx, 5, 3, format).unwrap();
        let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
        renderer.prepare(&ctx, &scene).unwrap();
        renderer
            .render(&ctx, &ortho_front(1.0), &target.view, format, (5, 3))
            .unwrap();
        let image = target.read_rgba8(&ctx).unwrap();
        assert_eq!(image.dimensions(), (5, 3));
        let got = image.get_pixel(2, 1).0;
        for k in 0..3 {
            assert!(got[k].abs_diff(c[k]) <= 1, "{format:?}: {got:?} vs {c:?}");
        }
    }
}
