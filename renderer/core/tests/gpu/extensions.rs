//! Material extensions: KHR_materials_ior and KHR_materials_specular against the BRDF
//! worked out on the CPU; a clear coat and a sheen in the white furnace.

use super::analytic::dielectric_brdf_cosine;
use super::environment::sphere_in_furnace;
use super::*;
use museion_scene::glam::Vec4;
use museion_scene::{Clearcoat, Sheen, Specular};

/// The unit sphere's normal under pixel `i` of a `size`² orthographic view of half
/// height `half` looking down -Z; `None` off the sphere.
fn sphere_normal(i: usize, size: u32, half: f32) -> Option<Vec3> {
    let (x, y) = ((i as u32 % size) as f32, (i as u32 / size) as f32);
    let px = ((x + 0.5) / size as f32 * 2.0 - 1.0) * half;
    let py = (1.0 - (y + 0.5) / size as f32 * 2.0) * half;
    let r2 = px * px + py * py;
    (r2 < 1.0).then(|| Vec3::new(px, py, (1.0 - r2).sqrt()))
}

fn rough_white(base: f32) -> Material {
    Material {
        base_color_factor: Vec4::new(base, base, base, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        ..Material::default()
    }
}

#[test]
fn ior_and_specular_set_the_dielectric_reflectance() {
    let ctx = gpu();
    let toward_light = Vec3::new(0.4, 0.5, 1.0).normalize();
    let lux = 2.0;
    let base = Vec3::new(0.3, 0.5, 0.7);
    for (ior, specular) in [
        (1.5, None),
        (2.0, Some((0.7, Vec3::new(1.0, 0.5, 0.25)))),
        (1.33, Some((0.0, Vec3::ONE))),
    ] {
        let material = Material {
            base_color_factor: base.extend(1.0),
            metallic_factor: 0.0,
            roughness_factor: 0.4,
            ior,
            specular: specular.map(|(factor, color_factor)| Specular {
                factor,
                color_factor,
                ..Specular::default()
            }),
            ..Material::default()
        };
        let (weight, color) = specular.unwrap_or((1.0, Vec3::ONE));
        let f0 = (Vec3::splat(((ior - 1.0) / (ior + 1.0)).powi(2)) * color).min(Vec3::ONE);
        let mut scene = scene_with(sphere(192, 96), material);
        add_sun(&mut scene, toward_light, lux);
        let size = 64;
        let pixels = render_radiance(&ctx, &scene, &ortho_front(1.0), exact_settings(), size);
        let mut checked = 0;
        for (i, pixel) in pixels.iter().enumerate().step_by(3) {
            let Some(n) = sphere_normal(i, size, 1.0).filter(|n| n.z > 0.5) else {
                continue;
            };
            let expected =
                dielectric_brdf_cosine(base, 0.0, 0.4, (f0, weight), n.normalize(), Vec3::Z, toward_light)
                    * lux;
            let got = Vec4::from_array(*pixel).truncate();
            assert!(
                got.abs_diff_eq(expected, expected.max_element() * 0.03 + 2e-3),
                "ior {ior} specular {specular:?} at {i}: {got} vs {expected}"
            );
            checked += 1;
        }
        assert!(checked > 300, "{checked}");
    }
}

#[test]
fn a_clear_coat_in_the_white_furnace_blends_by_its_fresnel_term() {
    // KHR_materials_clearcoat: the coat (which reflects the uniform environment's
    // radiance, 1) is blended over the base by factor × Fresnel(n·v) from 4%. Energy is
    // neither made nor lost beyond that blend.
    let ctx = gpu();
    let size = 64;
    let base = sphere_in_furnace(&ctx, rough_white(0.6), true, size);
    let coated_material = Material {
        clearcoat: Some(Clearcoat {
            factor: 1.0,
            roughness_factor: 0.3,
            ..Clearcoat::default()
        }),
        ..rough_white(0.6)
    };
    let coated = sphere_in_furnace(&ctx, coated_material, true, size);
    let mut checked = 0;
    for (i, (b, c)) in base.iter().zip(&coated).enumerate() {
        let (Some(b), Some(c), Some(n)) = (b, c, sphere_normal(i, size, 1.05)) else {
            continue;
        };
        if n.z < 0.2 {
            continue; // the silhouette's facets
        }
        let fresnel = 0.04 + 0.96 * (1.0 - n.z).powi(5);
        let expected = b * (1.0 - fresnel) + fresnel;
        assert!(
            (c - expected).abs() <= 0.02,
            "n·v {}: {c} vs {expected} (base {b})",
            n.z
        );
        assert!(*c <= 1.02, "no energy made: {c}");
        checked += 1;
    }
    assert!(checked > 1500, "{checked}");
}

#[test]
fn a_sheen_brightens_grazing_angles_and_keeps_energy() {
    let ctx = gpu();
    let size = 64;
    let base = sphere_in_furnace(&ctx, rough_white(0.2), true, size);
    let velvet = Material {
        sheen: Some(Sheen {
            color_factor: Vec3::ONE,
            roughness_factor: 0.5,
            ..Sheen::default()
        }),
        ..rough_white(0.2)
    };
    let sheened = sphere_in_furnace(&ctx, velvet, true, size);
    let (mut centre, mut rim) = (Vec::new(), Vec::new());
    for (i, (b, s)) in base.iter().zip(&sheened).enumerate() {
        let (Some(b), Some(s), Some(n)) = (b, s, sphere_normal(i, size, 1.05)) else {
            continue;
        };
        assert!(*s <= 1.02, "no energy made: {s}");
        if n.z > 0.9 {
            centre.push(s / b);
        } else if (0.15..0.35).contains(&n.z) {
            rim.push(s / b);
        }
    }
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
    let (centre, rim) = (mean(&centre), mean(&rim));
    assert!(rim > 1.3, "the rim brightens: {rim}");
    assert!(
        rim - 1.0 > 3.0 * (centre - 1.0).abs(),
        "grazing angles gain most: centre ×{centre}, rim ×{rim}"
    );
}

/// An unlit quad of `radiance` at z = -1 behind a thin transmissive quad of `glass` at
/// z = 0, seen head-on; the centre pixel's linear radiance and alpha. Without `behind`,
/// only the glass over the background.
fn through_glass(ctx: &GpuContext, glass: Material, behind: Option<Vec3>, settings: RenderSettings) -> Vec4 {
    let mut scene = scene_with(quad(1.0), glass);
    if let Some(radiance) = behind {
        let mut back = quad(2.0);
        back.material = Some(scene.add_material(Material {
            unlit: true,
            base_color_factor: radiance.extend(1.0),
            ..Material::default()
        }));
        let mesh = scene.add_mesh(Mesh::new(None, vec![back]));
        let node = Node::new()
            .with_mesh(mesh)
            .with_transform(Transform::from_translation(Vec3::new(0.0, 0.0, -1.0)));
        scene.add_node(node, None).unwrap();
    }
    // A dark light: no studio key light, no environment.
    add_sun(&mut scene, Vec3::Z, 0.0);
    let pixels = render_radiance(ctx, &scene, &ortho_front(1.5), settings, 16);
    Vec4::from_array(pixels[8 * 16 + 8])
}

fn clear_glass(base: Vec3, ior: f32) -> Material {
    Material {
        base_color_factor: base.extend(1.0),
        metallic_factor: 0.0,
        roughness_factor: 0.0,
        ior,
        transmission: Some(museion_scene::Transmission {
            factor: 1.0,
            ..museion_scene::Transmission::default()
        }),
        ..Material::default()
    }
}

#[test]
fn a_thin_clear_slab_of_ior_1_leaves_what_is_behind_unchanged() {
    let ctx = gpu();
    let behind = Vec3::new(0.8, 0.4, 0.1);
    // With one sample and with four (the main pass then resolves, pauses and goes on).
    for msaa in [1, 4] {
        let settings = RenderSettings {
            msaa,
            ..exact_settings()
        };
        let got = through_glass(&ctx, clear_glass(Vec3::ONE, 1.0), Some(behind), settings);
        assert!(
            got.truncate().abs_diff_eq(behind, 0.01 * behind.max_element()),
            "{msaa}x: {got} vs {behind}"
        );
    }
    // A tinted slab filters it by its base colour.
    let tint = Vec3::new(1.0, 0.5, 0.25);
    let got = through_glass(&ctx, clear_glass(tint, 1.0), Some(behind), exact_settings());
    assert!(
        got.truncate()
            .abs_diff_eq(behind * tint, 0.01 * behind.max_element()),
        "{got} vs {}",
        behind * tint
    );
    // Over nothing, the background colour shows through (the tone mapper adds it where
    // the slab leaves coverage below 1).
    let settings = RenderSettings {
        background: [0.5, 0.5, 0.5],
        ..exact_settings()
    };
    let background = srgb_to_linear(0.5);
    let got = through_glass(&ctx, clear_glass(Vec3::ONE, 1.0), None, settings);
    assert!(
        got.truncate().abs_diff_eq(Vec3::splat(background), 0.01),
        "{got} vs {background}"
    );
    // Opaque in the same place, for contrast: the slab's own white shows.
    let mut opaque = clear_glass(Vec3::ONE, 1.0);
    opaque.transmission = None;
    let got = through_glass(&ctx, opaque, Some(behind), exact_settings());
    assert!(
        got.truncate().abs_diff_eq(Vec3::ZERO, 1e-3),
        "opaque and unlit by anything: {got}"
    );
}

#[test]
fn a_glass_slab_of_ior_1_5_reflects_four_percent_and_lets_the_rest_through() {
    // Head-on, a dielectric of ior 1.5 reflects F0 = 4% (of a uniform environment of
    // radiance 1) and transmits the rest of what is behind.
    let ctx = gpu();
    let behind = Vec3::splat(0.5);
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([1.0; 3]);
    let got = through_glass(&ctx, clear_glass(Vec3::ONE, 1.5), Some(behind), settings);
    let expected = 0.04 + 0.96 * 0.5;
    assert!((got.x - expected).abs() < 0.02, "{got} vs {expected}");
}
