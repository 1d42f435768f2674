//! Tone mappers and exposure: the curves' shape, AgX against a CPU reference, physical
//! exposure scales, and automatic exposure reaching middle grey and adapting over time.

use super::*;
use museion_renderer::exposure::{SPEED_DOWN, SPEED_UP, auto_ev100, ev100_scale};
use museion_renderer::{Exposure, RenderError};
use museion_scene::AlphaMode;
use museion_scene::glam::{Mat3, Vec4};

/// An unlit material showing `radiance` (base colour factors are not clamped here).
fn unlit(radiance: Vec3) -> Material {
    Material {
        unlit: true,
        base_color_factor: radiance.extend(1.0),
        ..Material::default()
    }
}

/// A 4 × 4 grid of unit squares filling `ortho_front(2.0)`, one per radiance (row by
/// row); in a 16 × 16 image, square `k` covers pixels 4 × 4 from
/// (4 · (k % 4), 4 · (k / 4)).
fn grid(radiances: &[Vec3]) -> Scene {
    assert!(radiances.len() <= 16);
    let mut scene = Scene::new();
    let mesh_of = |scene: &mut Scene, radiance: Vec3| {
        let mut primitive = quad(0.5);
        primitive.material = Some(scene.add_material(unlit(radiance)));
        scene.add_mesh(Mesh::new(None, vec![primitive]))
    };
    for (k, radiance) in radiances.iter().enumerate() {
        let mesh = mesh_of(&mut scene, *radiance);
        let (col, row) = ((k % 4) as f32, (k / 4) as f32);
        let at = Vec3::new(-1.5 + col, 1.5 - row, 0.0);
        let node = Node::new()
            .with_mesh(mesh)
            .with_transform(Transform::from_translation(at));
        scene.add_node(node, None).unwrap();
    }
    scene
}

/// Renders `radiances` in a grid with `tonemap` and returns each square's centre pixel.
fn tone_map_grid(ctx: &GpuContext, radiances: &[Vec3], tonemap: Tonemapper) -> Vec<Vec3> {
    let settings = RenderSettings {
        tonemap,
        ..exact_settings()
    };
    let pixels = render_radiance(ctx, &grid(radiances), &ortho_front(2.0), settings, 16);
    (0..radiances.len())
        .map(|k| {
            let (x, y) = (4 * (k % 4) + 2, 4 * (k / 4) + 2);
            Vec4::from_array(pixels[y * 16 + x]).truncate()
        })
        .collect()
}

/// AgX, base look, on the CPU: the same published constants as the shader (Rec. 2020
/// primaries, inset, log2 encoding from -12.47393 to +4.026069 EV, the polynomial
/// sigmoid, outset, 2.2 gamma), written here independently as row-major matrices.
// The matrices are quoted with the digits they are published with.
#[allow(clippy::excessive_precision)]
fn agx_reference(srgb: Vec3) -> Vec3 {
    let rows = |r: [[f32; 3]; 3]| Mat3::from_cols_array_2d(&r).transpose();
    let rec2020_to_srgb = rows([
        [1.6605, -0.5876, -0.0728],
        [-0.1246, 1.1329, -0.0083],
        [-0.0182, -0.1006, 1.1187],
    ]);
    let inset = rows([
        [0.856627153315983, 0.0951212405381588, 0.0482516061458583],
        [0.137318972929847, 0.761241990602591, 0.101439036467562],
        [0.11189821299995, 0.0767994186031903, 0.811302368396859],
    ]);
    let outset_inverse = rows([
        [0.899796955911611, 0.0871996192028351, 0.013003424885555],
        [0.11142098895748, 0.875575586156966, 0.0130034248855548],
        [0.11142098895748, 0.0871996192028349, 0.801379391839686],
    ]);
    let (min_ev, max_ev) = (-12.47393f32, 4.026069f32);
    let v = inset * (rec2020_to_srgb.inverse() * srgb).max(Vec3::ZERO);
    let encoded = v
        .max(Vec3::splat(1e-10))
        .to_array()
        .map(|c| ((c.log2() - min_ev) / (max_ev - min_ev)).clamp(0.0, 1.0));
    let sigmoid = encoded.map(|x| {
        let (x2, x4) = (x * x, x * x * x * x);
        15.5 * x4 * x2 - 40.14 * x4 * x + 31.96 * x4 - 6.868 * x2 * x + 0.4298 * x2 + 0.1191 * x - 0.00232
    });
    let linear = (outset_inverse.inverse() * Vec3::from_array(sigmoid))
        .max(Vec3::ZERO)
        .to_array()
        .map(|c| c.powf(2.2));
    (rec2020_to_srgb * Vec3::from_array(linear)).clamp(Vec3::ZERO, Vec3::ONE)
}

#[test]
fn tone_mappers_rise_with_luminance_stay_in_range_and_agx_is_its_own_curve() {
    let ctx = gpu();
    // Black, then greys from 2^-8 to 2^6.
    let levels: Vec<f32> = std::iter::once(0.0)
        .chain((-8..=6).map(|e| 2f32.powi(e)))
        .collect();
    let greys: Vec<Vec3> = levels.iter().map(|l| Vec3::splat(*l)).collect();
    let mut curves = Vec::new();
    for tonemap in [Tonemapper::PbrNeutral, Tonemapper::Aces, Tonemapper::Agx] {
        let out = tone_map_grid(&ctx, &greys, tonemap);
        assert!(out[0].max_element() < 1e-3, "{tonemap:?}: black gives {}", out[0]);
        for (k, pair) in out.windows(2).enumerate() {
            assert!(
                pair[1].cmpge(pair[0] - Vec3::splat(1e-5)).all(),
                "{tonemap:?}: {} at {} below {} at {}",
                pair[1],
                levels[k + 1],
                pair[0],
                levels[k]
            );
        }
        for (value, level) in out.iter().zip(&levels) {
            assert!(
                value.cmpge(Vec3::ZERO).all() && value.cmple(Vec3::ONE).all(),
                "{tonemap:?}: {value} for {level}"
            );
        }
        let (first, last) = (out[1].y, out[out.len() - 1].y);
        assert!(last - first > 0.9, "{tonemap:?} spans {first}..{last}");
        curves.push(out);
    }
    // AgX is neither of the others: a mid-tone (0.25) or a highlight (8) comes out
    // differently.
    let agx = &curves[2];
    for other in &curves[..2] {
        let differs = [7, 12].iter().any(|k| (agx[*k].y - other[*k].y).abs() > 0.03);
        assert!(
            differs,
            "AgX {:?} vs {:?}",
            [agx[7], agx[12]],
            [other[7], other[12]]
        );
    }
}

#[test]
fn agx_matches_its_cpu_reference() {
    let ctx = gpu();
    let inputs = [
        Vec3::splat(0.18),
        Vec3::splat(1.0),
        Vec3::splat(0.02),
        Vec3::splat(6.0),
        Vec3::new(2.0, 0.45, 0.05),
        Vec3::new(0.05, 0.2, 0.9),
        Vec3::new(0.5, 0.01, 0.3),
        Vec3::new(30.0, 12.0, 4.0),
    ];
    let got = tone_map_grid(&ctx, &inputs, Tonemapper::Agx);
    for (input, got) in inputs.iter().zip(&got) {
        let expected = agx_reference(*input);
        for k in 0..3 {
            let tolerance = 0.01 * expected[k].max(0.05);
            assert!(
                (got[k] - expected[k]).abs() <= tolerance,
                "AgX of {input}: {got} vs {expected}"
            );
        }
    }
    // The reference itself: middle grey lands near 0.21, and white is not clipped.
    let grey = agx_reference(Vec3::splat(0.18));
    assert!((grey.y - 0.2145).abs() < 2e-3, "{grey}");
    assert!(agx_reference(Vec3::splat(1.0)).y < 0.6);
}

/// The centre pixel of a full-view unlit quad of `radiance` under `settings`.
fn centre(ctx: &GpuContext, radiance: f32, settings: RenderSettings) -> f32 {
    let scene = scene_with(quad(4.0), unlit(Vec3::splat(radiance)));
    render_radiance(ctx, &scene, &ortho_front(1.0), settings, 8)[36][1]
}

#[test]
fn physical_exposure_scales_radiance() {
    let ctx = gpu();
    for (radiance, exposure, compensation, expected) in [
        (50.0, Exposure::Ev100(0.0), 0.0, 50.0 / 1.2),
        (50.0, Exposure::Ev100(8.5), 0.0, 50.0 / (1.2 * 8.5f32.exp2())),
        (50.0, Exposure::Ev100(8.5), 1.0, 100.0 / (1.2 * 8.5f32.exp2())),
        (0.25, Exposure::Ev100(-3.0), 0.0, 0.25 * 8.0 / 1.2),
        (
            20000.0,
            Exposure::Camera {
                aperture: 16.0,
                shutter_seconds: 0.01,
                iso: 100.0,
            },
            0.0,
            20000.0 / (1.2 * 25600.0),
        ),
        (3.0, Exposure::Scene, -1.0, 1.5),
    ] {
        let settings = RenderSettings {
            exposure,
            exposure_ev: compensation,
            ..exact_settings()
        };
        let got = centre(&ctx, radiance, settings);
        assert!(
            (got - expected).abs() <= 2e-3 * expected,
            "{radiance} under {exposure:?} {compensation:+} EV: {got} vs {expected}"
        );
    }
}

#[test]
fn invalid_exposures_are_refused() {
    let ctx = gpu();
    let settings = RenderSettings {
        exposure: Exposure::Camera {
            aperture: 16.0,
            shutter_seconds: 0.0,
            iso: 100.0,
        },
        ..exact_settings()
    };
    assert!(matches!(
        Renderer::new(&ctx, settings),
        Err(RenderError::InvalidSetting(_))
    ));
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    assert!(renderer.set_frame_time(-0.1).is_err());
    assert!(renderer.set_frame_time(f32::NAN).is_err());
    assert!(
        renderer.read_auto_exposure(&ctx).is_err(),
        "automatic exposure is off"
    );
}

fn auto_settings() -> RenderSettings {
    RenderSettings {
        exposure: Exposure::Auto,
        ..exact_settings()
    }
}

#[test]
fn auto_exposure_brings_a_uniform_view_to_middle_grey_at_once() {
    let ctx = gpu();
    for radiance in [0.05f32, 50.0] {
        let scene = scene_with(quad(4.0), unlit(Vec3::splat(radiance)));
        let target = OffscreenTarget::new(&ctx, 32, 32, wgpu::TextureFormat::Rgba32Float).unwrap();
        let mut renderer = Renderer::new(&ctx, auto_settings()).unwrap();
        renderer.prepare(&ctx, &scene).unwrap();
        renderer
            .render(&ctx, &ortho_front(1.0), &target.view, target.format(), (32, 32))
            .unwrap();
        let shown = target.read_rgba32f(&ctx).unwrap()[16 * 32 + 16][1];
        assert!((shown - 0.18).abs() < 0.018, "{radiance} cd/m² shows as {shown}");
        let ev100 = renderer.read_auto_exposure(&ctx).unwrap();
        assert!(
            (ev100 - auto_ev100(radiance)).abs() < 0.1,
            "{radiance}: EV100 {ev100} vs {}",
            auto_ev100(radiance)
        );
    }
}

#[test]
fn auto_exposure_leaves_out_the_background() {
    let ctx = gpu();
    // The quad covers a quarter of the view; the white background the rest.
    let scene = scene_with(quad(0.5), unlit(Vec3::splat(50.0)));
    let settings = RenderSettings {
        msaa: 4,
        background: [1.0, 1.0, 1.0],
        ..auto_settings()
    };
    let target = OffscreenTarget::new(&ctx, 32, 32, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(&ctx, settings).unwrap();
    renderer.prepare(&ctx, &scene).unwrap();
    renderer
        .render(&ctx, &ortho_front(1.0), &target.view, target.format(), (32, 32))
        .unwrap();
    let pixels = target.read_rgba32f(&ctx).unwrap();
    let shown = pixels[16 * 32 + 16][1];
    assert!((shown - 0.18).abs() < 0.018, "the quad shows as {shown}");
    assert_eq!(pixels[0][..3], [1.0, 1.0, 1.0], "the background, exactly");
    let ev100 = renderer.read_auto_exposure(&ctx).unwrap();
    assert!((ev100 - auto_ev100(50.0)).abs() < 0.1, "EV100 {ev100}");
}

#[test]
fn auto_exposure_composites_blended_surfaces_over_the_background() {
    let ctx = gpu();
    // A half-transparent quad over the whole view: the HDR target holds half its
    // radiance, which the histogram meters; the background shows through by half.
    let mut material = unlit(Vec3::splat(4.0));
    material.base_color_factor.w = 0.5;
    material.alpha_mode = AlphaMode::Blend;
    let scene = scene_with(quad(4.0), material);
    let background = 0.5f32;
    let settings = RenderSettings {
        background: [background; 3],
        ..auto_settings()
    };
    let target = OffscreenTarget::new(&ctx, 16, 16, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(&ctx, settings).unwrap();
    renderer.prepare(&ctx, &scene).unwrap();
    renderer
        .render(&ctx, &ortho_front(1.0), &target.view, target.format(), (16, 16))
        .unwrap();
    let shown = target.read_rgba32f(&ctx).unwrap()[8 * 16 + 8][1];
    let scale = ev100_scale(renderer.read_auto_exposure(&ctx).unwrap());
    let expected = 0.5 * 4.0 * scale + 0.5 * srgb_to_linear(background);
    assert!((shown - expected).abs() < 1e-3, "{shown} vs {expected}");
    assert!((0.5 * 4.0 * scale - 0.18).abs() < 0.018, "scale {scale}");
}

#[test]
fn auto_exposure_adapts_smoothly_faster_to_bright_than_to_dark() {
    let ctx = gpu();
    let mut scene = scene_with(quad(4.0), unlit(Vec3::splat(0.05)));
    let target = OffscreenTarget::new(&ctx, 16, 16, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(&ctx, auto_settings()).unwrap();
    let frame = |renderer: &mut Renderer, scene: &Scene| {
        renderer.prepare(&ctx, scene).unwrap();
        renderer
            .render(&ctx, &ortho_front(1.0), &target.view, target.format(), (16, 16))
            .unwrap();
        renderer.read_auto_exposure(&ctx).unwrap()
    };
    let dark = frame(&mut renderer, &scene);
    assert!((dark - auto_ev100(0.05)).abs() < 0.1, "first frame {dark}");

    // Brighter: one frame of 0.1 s closes 1 - e^(-0.3) of the gap, then it settles.
    scene.materials[0] = unlit(Vec3::splat(50.0));
    renderer.set_frame_time(0.1).unwrap();
    let bright = auto_ev100(50.0);
    let step = frame(&mut renderer, &scene);
    let expected = dark + (bright - dark) * (1.0 - (-0.1 * SPEED_UP).exp());
    assert!((step - expected).abs() < 0.1, "one step up: {step} vs {expected}");
    let mut ev100 = step;
    for _ in 0..40 {
        ev100 = frame(&mut renderer, &scene);
    }
    assert!((ev100 - bright).abs() < 0.1, "settled at {ev100} vs {bright}");

    // Darker again: slower.
    scene.materials[0] = unlit(Vec3::splat(0.05));
    let step = frame(&mut renderer, &scene);
    let expected = ev100 + (dark - ev100) * (1.0 - (-0.1 * SPEED_DOWN).exp());
    assert!(
        (step - expected).abs() < 0.1,
        "one step down: {step} vs {expected}"
    );
    assert!(step - dark > 0.8 * (bright - dark), "no jump: {step}");

    // Turning automatic exposure off and on again starts afresh: a jump.
    renderer.set_settings(&ctx, exact_settings()).unwrap();
    renderer.set_settings(&ctx, auto_settings()).unwrap();
    let fresh = frame(&mut renderer, &scene);
    assert!((fresh - dark).abs() < 0.1, "after a reset {fresh} vs {dark}");
}

#[test]
fn a_fitted_exposure_keeps_neutral_scenes_and_meters_real_world_lighting() {
    // A white Lambertian sphere under a sun: at 3 lx (the glTF viewers' customary range)
    // the fitted exposure stays scene-referred and the image is the Scene one; at 6,830 lx
    // (a real-world sun) scene radiance would blow most of the sphere out to white, and
    // the fitted exposure meters it instead, once, to a fixed EV100.
    let ctx = gpu();
    let toward_light = Vec3::new(0.3, 0.5, 1.0).normalize();
    let material = Material {
        base_color_factor: Vec4::new(0.8, 0.8, 0.8, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 0.8,
        ..Material::default()
    };
    let render_lit_from = |toward_light: Vec3, lux: f32, exposure: Exposure| {
        let mut scene = scene_with(sphere(64, 32), material.clone());
        add_sun(&mut scene, toward_light, lux);
        let settings = RenderSettings {
            exposure,
            tonemap: Tonemapper::PbrNeutral,
            ..exact_settings()
        };
        let mut renderer = Renderer::new(&ctx, settings).unwrap();
        let (image, _) = renderer
            .render_image(&ctx, &scene, &ortho_front(1.2), 48, 48)
            .unwrap();
        (image, renderer.fitted_exposure())
    };
    let render = |lux: f32, exposure: Exposure| render_lit_from(toward_light, lux, exposure);
    let white_share = |image: &image::RgbaImage| {
        let covered = image.pixels().filter(|p| p.0[..3] != [0, 0, 0]).count();
        let white = image
            .pixels()
            .filter(|p| p.0[..3].iter().all(|&c| c >= 254))
            .count();
        white as f32 / covered.max(1) as f32
    };

    let (neutral, fitted) = render(3.0, Exposure::Fit);
    assert_eq!(fitted, Some(Exposure::Scene));
    assert_eq!(
        neutral,
        render(3.0, Exposure::Scene).0,
        "a neutral scene renders as before"
    );
    // Lit from behind by the same neutral sun, the sphere shows a thin dim rim in a
    // black frame: dark to a meter, but the light is neutral, so nothing is brightened.
    let behind = Vec3::new(0.6, 0.2, -1.0).normalize();
    let back_lit = |exposure: Exposure| render_lit_from(behind, 3.0, exposure);
    let (dark, fitted) = back_lit(Exposure::Fit);
    assert_eq!(
        fitted,
        Some(Exposure::Scene),
        "a back-lit neutral scene is not metered"
    );
    assert_eq!(dark, back_lit(Exposure::Scene).0);

    let (blown, _) = render(6830.0, Exposure::Scene);
    assert!(
        white_share(&blown) > 0.5,
        "scene-referred: {}",
        white_share(&blown)
    );
    let (fitted_image, fitted) = render(6830.0, Exposure::Fit);
    let Some(Exposure::Ev100(ev100)) = fitted else {
        panic!("a 6,830 lx sun is metered: {fitted:?}");
    };
    assert!((9.0..14.0).contains(&ev100), "EV100 {ev100}");
    assert_eq!(
        white_share(&fitted_image),
        0.0,
        "fitted exposure leaves no pixel white"
    );
    // The same exposure as fixing that EV100 by hand.
    assert_eq!(fitted_image, render(6830.0, Exposure::Ev100(ev100)).0);
}
