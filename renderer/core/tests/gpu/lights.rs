//! KHR_lights_punctual in its physical units: point lights by the inverse-square law
//! with the recommended range falloff, spot cones with their angular falloff.

use super::*;
use museion_scene::glam::Vec4;

fn diffuse_floor() -> Material {
    Material {
        base_color_factor: Vec4::new(0.5, 0.5, 0.5, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        ..Material::default()
    }
}

/// Radiance at the pixel over world point (x, y) of a quad facing +Z.
fn radiance_at(pixels: &[[f32; 4]], size: u32, half: f32, x: f32, y: f32) -> f32 {
    let px = ((x / half + 1.0) / 2.0 * size as f32) as u32;
    let py = ((1.0 - y / half) / 2.0 * size as f32) as u32;
    pixels[(py * size + px) as usize][0]
}

#[test]
fn point_lights_fall_off_with_the_square_of_distance_and_end_at_their_range() {
    let ctx = gpu();
    let size = 64;
    let half = 2.0;
    let (candela, height, range) = (20.0, 1.0, 2.5);
    let mut scene = scene_with(quad(half), diffuse_floor());
    add_light(
        &mut scene,
        LightKind::Point,
        candela,
        Some(range),
        Vec3::new(0.0, 0.0, height),
        -Vec3::Z,
    );
    let pixels = render_radiance(&ctx, &scene, &ortho_front(half), exact_settings(), size);
    let mut checked = 0;
    for x in [0.0f32, 0.6, 1.2, 1.8] {
        let y = 0.3;
        // The pixel centre the lookup lands on.
        let px = (((x / half + 1.0) / 2.0 * size as f32).floor() + 0.5) / size as f32 * 2.0 * half - half;
        let py = half - (((1.0 - y / half) / 2.0 * size as f32).floor() + 0.5) / size as f32 * 2.0 * half;
        let to_light = Vec3::new(-px, -py, height);
        let d = to_light.length();
        let window = (1.0 - (d / range).powi(4)).clamp(0.0, 1.0);
        let irradiance = candela / (d * d) * window;
        let expected =
            analytic_brdf(Vec3::splat(0.5), 0.0, 1.0, Vec3::Z, Vec3::Z, to_light / d)[0] * irradiance;
        let got = radiance_at(&pixels, size, half, x, y);
        assert!(
            (got - expected).abs() <= expected * 0.02 + 1e-4,
            "at x {px}: got {got}, expected {expected}"
        );
        checked += 1;
    }
    // Beyond the range the light contributes nothing.
    assert_eq!(radiance_at(&pixels, size, half, 1.9, 1.9), 0.0);
    assert_eq!(checked, 4);
}

#[test]
fn spot_lights_are_full_inside_the_inner_cone_and_dark_outside_the_outer() {
    let ctx = gpu();
    let size = 64;
    let half = 2.0;
    let (inner, outer) = (0.3f32, 0.6f32);
    let mut scene = scene_with(quad(half), diffuse_floor());
    add_light(
        &mut scene,
        LightKind::Spot {
            inner_cone_angle: inner,
            outer_cone_angle: outer,
        },
        30.0,
        None,
        Vec3::new(0.0, 0.0, 1.5),
        -Vec3::Z,
    );
    let pixels = render_radiance(&ctx, &scene, &ortho_front(half), exact_settings(), size);
    let scale = 1.0 / (inner.cos() - outer.cos());
    for x in [0.1f32, 0.5, 0.7, 1.2] {
        let px = (((x / half + 1.0) / 2.0 * size as f32).floor() + 0.5) / size as f32 * 2.0 * half - half;
        let py = half - (((1.0 - 0.0 / half) / 2.0 * size as f32).floor() + 0.5) / size as f32 * 2.0 * half;
        let to_light = Vec3::new(-px, -py, 1.5);
        let d = to_light.length();
        let l = to_light / d;
        // KHR_lights_punctual: cone = saturate((cos θ - cos outer) / (cos inner - cos outer))².
        let cos_angle = (-l).dot(-Vec3::Z);
        let cone = ((cos_angle - outer.cos()) * scale).clamp(0.0, 1.0).powi(2);
        let expected =
            analytic_brdf(Vec3::splat(0.5), 0.0, 1.0, Vec3::Z, Vec3::Z, l)[0] * 30.0 / (d * d) * cone;
        let got = radiance_at(&pixels, size, half, x, 0.0);
        assert!(
            (got - expected).abs() <= expected * 0.02 + 1e-4,
            "x {px} (angle {}): got {got}, expected {expected}",
            cos_angle.acos()
        );
    }
    // Far outside the outer cone: dark.
    assert_eq!(radiance_at(&pixels, size, half, 1.9, 0.0), 0.0);
}
