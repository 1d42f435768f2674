//! Shading checked against the glTF BRDF and the tone-mapping curves computed here.

use super::*;
use museion_scene::glam::Vec4;

/// The glTF 2.0 BRDF (specification appendix B) times n·l, written independently of the
/// shader.
pub fn brdf_cosine(base: Vec3, metallic: f32, roughness: f32, n: Vec3, v: Vec3, l: Vec3) -> Vec3 {
    dielectric_brdf_cosine(base, metallic, roughness, (Vec3::splat(0.04), 1.0), n, v, l)
}

/// The same with the dielectric's reflectance at normal incidence and specular weight of
/// KHR_materials_ior and KHR_materials_specular: the dielectric's Fresnel term runs from
/// `f0 × weight` to `weight`.
pub fn dielectric_brdf_cosine(
    base: Vec3,
    metallic: f32,
    roughness: f32,
    (f0_dielectric, weight): (Vec3, f32),
    n: Vec3,
    v: Vec3,
    l: Vec3,
) -> Vec3 {
    let n_dot_l = n.dot(l).max(0.0);
    if n_dot_l == 0.0 {
        return Vec3::ZERO;
    }
    let n_dot_v = n.dot(v).abs().max(1e-4);
    let h = (l + v).normalize();
    let (n_dot_h, v_dot_h) = (n.dot(h).max(0.0), v.dot(h).max(0.0));
    let alpha = roughness * roughness;
    let a2 = alpha * alpha;
    let schlick = |f0: Vec3, f90: Vec3| f0 + (f90 - f0) * (1.0 - v_dot_h).powi(5);
    let denominator = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    // A mirror's distribution is a delta: 0 in every direction but one.
    let d = if a2 == 0.0 {
        0.0
    } else {
        a2 / (std::f32::consts::PI * denominator * denominator)
    };
    let vis = 0.5
        / (n_dot_l * (n_dot_v * n_dot_v * (1.0 - a2) + a2).sqrt()
            + n_dot_v * (n_dot_l * n_dot_l * (1.0 - a2) + a2).sqrt());
    // mix(dielectric_brdf, metal_brdf, metallic): the dielectric's diffuse is weighted by
    // its own Fresnel term.
    let dielectric_f = schlick(f0_dielectric * weight, Vec3::splat(weight));
    let dielectric = (Vec3::ONE - dielectric_f) * base / std::f32::consts::PI + dielectric_f * d * vis;
    let metal = schlick(base, Vec3::ONE) * d * vis;
    dielectric.lerp(metal, metallic) * n_dot_l
}

#[test]
fn an_unlit_material_of_srgb_colour_c_renders_exactly_c() {
    let ctx = gpu();
    for c in [
        [200u8, 100, 50],
        [0, 0, 0],
        [255, 255, 255],
        [17, 128, 233],
        [1, 2, 3],
    ] {
        let linear = c.map(|v| srgb_to_linear(f32::from(v) / 255.0));
        let material = Material {
            base_color_factor: Vec4::new(linear[0], linear[1], linear[2], 1.0),
            unlit: true,
            ..Material::default()
        };
        let scene = scene_with(quad(2.0), material);
        let image = render_srgb(&ctx, &scene, &ortho_front(1.0), exact_settings(), 16);
        for pixel in image.pixels() {
            assert_eq!(pixel.0, [c[0], c[1], c[2], 255], "colour {c:?}");
        }
    }
}

/// Renders the unit sphere with a material of `base`, `metallic`, `roughness`, its node
/// scaled by `sx` along x (an ellipsoid, mirrored when `sx` is negative), under a
/// directional light, orthographically from +Z; checks every third pixel off the
/// silhouette against the BRDF within `relative` × expected + `absolute`. Returns how many
/// pixels it checked.
fn check_lit_ellipsoid(
    ctx: &GpuContext,
    (base, metallic, roughness): (Vec3, f32, f32),
    sx: f32,
    (relative, absolute): (f32, f32),
) -> usize {
    let size = 96;
    let toward_light = Vec3::new(0.5, 0.7, 1.0).normalize();
    let lux = 2.5;
    let material = Material {
        base_color_factor: base.extend(1.0),
        metallic_factor: metallic,
        roughness_factor: roughness,
        ..Material::default()
    };
    let mut scene = scene_with(sphere(192, 96), material);
    let node = scene.roots()[0];
    scene
        .set_transform(node, Transform::from_scale(Vec3::new(sx, 1.0, 1.0)))
        .unwrap();
    add_sun(&mut scene, toward_light, lux);
    let pixels = render_radiance(ctx, &scene, &ortho_front(1.0), exact_settings(), size);
    let mut checked = 0;
    for y in (0..size).step_by(3) {
        for x in (0..size).step_by(3) {
            // Orthographic view: pixel centre to the point of the ellipsoid
            // x²/sx² + y² + z² = 1 under it.
            let px = (x as f32 + 0.5) / size as f32 * 2.0 - 1.0;
            let py = 1.0 - (y as f32 + 0.5) / size as f32 * 2.0;
            let u = px / sx.abs();
            let r2 = u * u + py * py;
            if r2 > 0.85 * 0.85 {
                continue; // stay off the silhouette, where facets differ most
            }
            let n = Vec3::new(u / sx.abs(), py, (1.0 - r2).sqrt()).normalize();
            let expected = brdf_cosine(base, metallic, roughness, n, Vec3::Z, toward_light) * lux;
            let got = Vec4::from_array(pixels[(y * size + x) as usize]).truncate();
            for k in 0..3 {
                let tolerance = relative * expected[k] + absolute;
                assert!(
                    (got[k] - expected[k]).abs() <= tolerance,
                    "{base} m{metallic} r{roughness} scale x {sx} at ({x},{y}) channel {k}: got {} expected {}",
                    got[k],
                    expected[k]
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn a_sphere_under_a_directional_light_matches_the_brdf() {
    let ctx = gpu();
    // Metalness between 0 and 1 mixes the dielectric and the metal BRDF.
    for material in [
        (Vec3::new(0.8, 0.3, 0.2), 0.0, 0.8),
        (Vec3::new(0.9, 0.8, 0.5), 1.0, 0.4),
        (Vec3::new(0.2, 0.5, 0.9), 0.3, 0.6),
        (Vec3::new(0.9, 0.2, 0.1), 0.5, 0.75),
    ] {
        let checked = check_lit_ellipsoid(&ctx, material, 1.0, (0.02, 0.002));
        assert!(checked > 500, "{checked}");
    }
}

#[test]
fn a_mirror_shows_no_highlight_of_a_punctual_light() {
    // Roughness 0 is not clamped: a mirror reflects a directional light in one direction
    // only, so a mirror metal is black under it and a mirror dielectric only diffuse.
    let ctx = gpu();
    for material in [
        (Vec3::new(0.9, 0.8, 0.5), 1.0, 0.0),
        (Vec3::new(0.5, 0.5, 0.5), 0.0, 0.0),
    ] {
        let checked = check_lit_ellipsoid(&ctx, material, 1.0, (0.02, 0.002));
        assert!(checked > 500, "{checked}");
    }
}

#[test]
fn mirrored_and_non_uniformly_scaled_instances_keep_their_faces_and_normals() {
    // An ellipsoid made by scaling the unit sphere's node, mirrored or not: the faces must
    // survive back-face culling (a mirror flips the winding) and the normals must follow
    // the inverse transpose, or the shading moves.
    let ctx = gpu();
    for sx in [1.0f32, -1.0, 0.6, -0.6] {
        let checked = check_lit_ellipsoid(&ctx, (Vec3::new(0.8, 0.3, 0.2), 0.0, 0.7), sx, (0.03, 0.003));
        assert!(checked > 200, "scale x {sx}: {checked}");
    }
}

/// Khronos PBR Neutral, as published.
fn pbr_neutral(color: Vec3) -> Vec3 {
    let start = 0.8 - 0.04;
    let x = color.min_element();
    let offset = if x < 0.08 { x - 6.25 * x * x } else { 0.04 };
    let color = color - offset;
    let peak = color.max_element();
    if peak < start {
        return color;
    }
    let d = 1.0 - start;
    let new_peak = 1.0 - d * d / (peak + d - start);
    let color = color * (new_peak / peak);
    let g = 1.0 - 1.0 / (0.15 * (peak - new_peak) + 1.0);
    color.lerp(Vec3::splat(new_peak), g)
}

#[test]
fn tone_mappers_and_exposure_follow_their_curves() {
    let ctx = gpu();
    let hdr = Vec3::new(2.0, 0.45, 0.05);
    let material = Material {
        base_color_factor: Vec4::new(1.0, 1.0, 1.0, 1.0),
        emissive_factor: Vec3::ONE,
        emissive_strength: 1.0,
        unlit: true,
        ..Material::default()
    };
    // Unlit shows the base colour; base colour factors are clamped to 1 on import but
    // not here, so HDR values reach the tone mapper.
    let material = Material {
        base_color_factor: hdr.extend(1.0),
        ..material
    };
    let scene = scene_with(quad(2.0), material);
    for (tonemap, exposure) in [
        (Tonemapper::PbrNeutral, 0.0),
        (Tonemapper::PbrNeutral, -1.0),
        (Tonemapper::None, 1.0),
    ] {
        let settings = RenderSettings {
            tonemap,
            exposure_ev: exposure,
            ..exact_settings()
        };
        let pixels = render_radiance(&ctx, &scene, &ortho_front(1.0), settings, 8);
        let exposed = hdr * 2f32.powf(exposure);
        let expected = match tonemap {
            Tonemapper::PbrNeutral => pbr_neutral(exposed),
            _ => exposed,
        };
        let got = Vec4::from_array(pixels[27]).truncate();
        assert!(
            got.abs_diff_eq(expected, 1e-4),
            "{tonemap:?} EV{exposure}: {got} vs {expected}"
        );
    }
    // ACES compresses highlights below 1 and keeps order.
    let settings = RenderSettings {
        tonemap: Tonemapper::Aces,
        ..exact_settings()
    };
    let got = Vec4::from_array(render_radiance(&ctx, &scene, &ortho_front(1.0), settings, 8)[27]).truncate();
    assert!(
        got.x < 1.0 && got.x > got.y && got.y > got.z && got.z >= 0.0,
        "{got}"
    );
}

#[test]
fn the_background_colour_is_written_exactly() {
    let ctx = gpu();
    let scene = Scene::new();
    let settings = RenderSettings {
        background: [0.2, 0.4, 0.6],
        tonemap: Tonemapper::PbrNeutral,
        exposure_ev: 2.0,
        ..exact_settings()
    };
    let image = render_srgb(&ctx, &scene, &ortho_front(1.0), settings, 8);
    let expected = [0.2f32, 0.4, 0.6].map(|c| (c * 255.0).round() as u8);
    for pixel in image.pixels() {
        for k in 0..3 {
            assert!(
                pixel.0[k].abs_diff(expected[k]) <= 1,
                "{:?} vs {expected:?}",
                pixel.0
            );
        }
    }
}
