//! The illuminance view: each surface point's lux in false colour, decoded back from the
//! image and compared with the analytic value and with the lux report's probe.

use super::*;
use museion_renderer::{Exposure, LuxScale, ShadingView};
use museion_scene::glam::Vec4;
use museion_venue::LuxProbe;

/// A grey diffuse surface: its shaded colour is nothing like the scale's colours.
fn grey() -> Material {
    Material {
        base_color_factor: Vec4::new(0.5, 0.5, 0.5, 1.0),
        roughness_factor: 1.0,
        ..Material::default()
    }
}

/// The illuminance view on top of `settings`.
fn illuminance(settings: RenderSettings) -> RenderSettings {
    RenderSettings {
        view: ShadingView::illuminance(),
        ..settings
    }
}

/// The lux the 8-bit sRGB pixel at (x, y) stands for.
fn lux_at(image: &image::RgbaImage, x: u32, y: u32) -> f32 {
    let p = image.get_pixel(x, y).0;
    let srgb = [p[0], p[1], p[2]].map(|c| f32::from(c) / 255.0);
    LuxScale::conservation()
        .lux_of(srgb)
        .unwrap_or_else(|| panic!("pixel ({x}, {y}) {p:?} is not on the scale"))
}

fn assert_close(got: f32, expected: f32, relative: f32, what: &str) {
    assert!(
        (got - expected).abs() <= relative * expected,
        "{what}: got {got} lx, expected {expected} lx"
    );
}

#[test]
fn a_directional_light_of_e_lux_shows_the_colour_of_e() {
    let ctx = gpu();
    let size = 32;
    for lux in [3.0f32, 30.0, 50.0, 120.0, 200.0, 600.0] {
        let mut scene = scene_with(quad(2.0), grey());
        add_sun(&mut scene, Vec3::Z, lux);
        // Exposure, a tone curve and multisampling as the viewer draws: the false
        // colours pass through all of them, and shadows are on.
        let settings = illuminance(RenderSettings {
            exposure: Exposure::Ev100(9.0),
            exposure_ev: 1.5,
            environment: EnvironmentSettings {
                source: EnvironmentSource::None,
                ..EnvironmentSettings::default()
            },
            ..RenderSettings::default()
        });
        let image = render_srgb(&ctx, &scene, &ortho_front(1.0), settings, size);
        for (x, y) in [(16, 16), (3, 5), (28, 27)] {
            assert_close(
                lux_at(&image, x, y),
                lux,
                0.03,
                &format!("{lux} lx at ({x}, {y})"),
            );
        }
        // The exact colour of the scale, in 8 bits.
        let expected = LuxScale::conservation()
            .srgb(lux)
            .map(|c| (c * 255.0).round() as i32);
        let p = image.get_pixel(16, 16).0;
        for k in 0..3 {
            assert!(
                (i32::from(p[k]) - expected[k]).abs() <= 1,
                "{lux} lx: {p:?}, expected {expected:?}"
            );
        }
    }
}

#[test]
fn light_at_a_slant_and_the_environment_add_up() {
    let ctx = gpu();
    // 80 lx arriving 60° from the normal give 40 lx; a uniform environment of radiance
    // 3 cd/m² gives 3π lx on any surface.
    let mut scene = scene_with(quad(2.0), grey());
    let toward = Vec3::new(60f32.to_radians().sin(), 0.0, 60f32.to_radians().cos());
    add_sun(&mut scene, toward, 80.0);
    let settings = illuminance(RenderSettings {
        environment: EnvironmentSettings {
            source: EnvironmentSource::Uniform([3.0, 3.0, 3.0]),
            ..EnvironmentSettings::default()
        },
        ..exact_settings()
    });
    let image = render_srgb(&ctx, &scene, &ortho_front(1.0), settings, 32);
    let expected = 40.0 + 3.0 * std::f32::consts::PI;
    assert_close(
        lux_at(&image, 16, 16),
        expected,
        0.03,
        "slanted sun and environment",
    );
}

#[test]
fn a_spot_matches_the_lux_report_and_the_inverse_square_law() {
    let ctx = gpu();
    let (size, half) = (64u32, 1.5f32);
    let (candela, distance) = (400.0f32, 2.0f32);
    let (inner, outer) = (15f32.to_radians(), 30f32.to_radians());
    let mut scene = scene_with(quad(2.0), grey());
    add_light(
        &mut scene,
        LightKind::Spot {
            inner_cone_angle: inner,
            outer_cone_angle: outer,
        },
        candela,
        None,
        Vec3::new(0.0, 0.0, distance),
        -Vec3::Z,
    );
    let probe = LuxProbe::new(&scene, &[], None);
    let light = scene.lights[0].clone();
    // Shadows on: the spot's own shadow map must not darken the surface it lights.
    let settings = illuminance(RenderSettings {
        shadows: ShadowSettings::default(),
        ..exact_settings()
    });
    let image = render_srgb(&ctx, &scene, &ortho_front(half), settings, size);
    let mut checked = 0;
    // Along +X from the axis: inside the inner cone, across the falloff, outside.
    for x in [32u32, 36, 40, 44, 48, 50, 52, 58] {
        let y = 32u32;
        let point = Vec3::new(
            (x as f32 + 0.5) / size as f32 * 2.0 * half - half,
            half - (y as f32 + 0.5) / size as f32 * 2.0 * half,
            0.0,
        );
        let to_light = Vec3::new(0.0, 0.0, distance) - point;
        let d = to_light.length();
        let cos = to_light.z / d;
        let analytic = candela * cos / (d * d) * light.cone_attenuation(cos);
        let reported = probe.illuminance(point, Vec3::Z).total();
        assert!(
            (reported - analytic).abs() <= 1e-3 * analytic + 1e-6,
            "the probe at {point}: {reported} lx, analytic {analytic} lx"
        );
        let got = lux_at(&image, x, y);
        if analytic >= 1.0 {
            assert_close(got, analytic, 0.03, &format!("spot at {point}"));
            checked += 1;
        } else {
            // Below the scale's first stop: its colour.
            assert_eq!(got, 1.0, "outside the cone at {point}");
        }
    }
    assert!(checked >= 5, "{checked} points in the light");
}

#[test]
fn a_shadowed_point_reads_only_the_light_that_reaches_it() {
    let ctx = gpu();
    let size = 64u32;
    // A sun of 150 lx arriving from above and in front (45°), and a long box above
    // the view, in front of the quad: its shadow falls on the quad from y = 0.4 up.
    let mut scene = scene_with(quad(2.0), grey());
    let toward = Vec3::new(0.0, 1.0, 1.0).normalize();
    add_sun(&mut scene, toward, 150.0);
    let blocker = scene.add_material(grey());
    add_box(
        &mut scene,
        Box3 {
            centre: Vec3::new(0.0, 2.6, 1.2),
            half: Vec3::new(3.0, 0.5, 0.5),
        },
        blocker,
    );
    let settings = illuminance(RenderSettings {
        shadows: ShadowSettings::default(),
        environment: EnvironmentSettings {
            source: EnvironmentSource::Uniform([2.0, 2.0, 2.0]),
            ..EnvironmentSettings::default()
        },
        ..exact_settings()
    });
    let image = render_srgb(&ctx, &scene, &ortho_front(2.0), settings, size);
    let environment = 2.0 * std::f32::consts::PI;
    let lit = 150.0 * toward.z + environment;
    // The quad's lower part sees the sun.
    assert_close(lux_at(&image, 32, 56), lit, 0.03, "lit part");
    // Its band under the box (world y about 0.6) is in the box's shadow: only the
    // environment reaches it.
    assert_close(lux_at(&image, 32, 22), environment, 0.05, "shadowed part");
    let probe = LuxProbe::new(&scene, &[], None);
    let shadowed_point = Vec3::new(0.0, 2.0 - (22.5 / 64.0) * 4.0, 0.0);
    assert_eq!(probe.illuminance(shadowed_point, Vec3::Z).total(), 0.0);
}
