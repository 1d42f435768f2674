//! Image-based lighting: the white furnace, energy compensation on rough metals, the
//! baked chain against its source, the irradiance cube, and the skybox.

use super::*;
use museion_renderer::environment::{EnvironmentError, EquirectImage, IRRADIANCE_FACE, cube_direction};
use museion_renderer::{Environment, RenderError};
use museion_scene::glam::Vec4;

/// Linear radiance of a unit sphere filling most of a `size`² orthographic view, lit
/// only by a uniform white environment; pixels off the sphere are `None`.
pub fn sphere_in_furnace(
    ctx: &GpuContext,
    material: Material,
    multiscatter: bool,
    size: u32,
) -> Vec<Option<f32>> {
    let mut scene = scene_with(sphere(96, 48), material);
    // A light of zero intensity: the scene brings its own (dark) lights, so the studio
    // key light stays off and only the environment shines.
    add_sun(&mut scene, Vec3::Y, 0.0);
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([1.0; 3]);
    settings.multiscatter = multiscatter;
    settings.instance_ids = true;
    let target = OffscreenTarget::new(ctx, size, size, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.prepare(ctx, &scene).unwrap();
    renderer
        .render(
            ctx,
            &ortho_front(1.05),
            &target.view,
            target.format(),
            (size, size),
        )
        .unwrap();
    let ids = renderer.read_instance_ids(ctx).unwrap();
    let pixels = target.read_rgba32f(ctx).unwrap();
    pixels
        .iter()
        .zip(ids)
        .map(|(p, id)| (id != 0).then_some(p[0]))
        .collect()
}

fn white(metallic: f32, roughness: f32) -> Material {
    Material {
        base_color_factor: Vec4::ONE,
        metallic_factor: metallic,
        roughness_factor: roughness,
        ..Material::default()
    }
}

#[test]
fn a_white_rough_dielectric_in_a_white_furnace_is_uniformly_white() {
    let ctx = gpu();
    let pixels = sphere_in_furnace(&ctx, white(0.0, 1.0), true, 96);
    let on_sphere: Vec<f32> = pixels.iter().flatten().copied().collect();
    assert!(
        on_sphere.len() > 5000,
        "the sphere covers the view: {}",
        on_sphere.len()
    );
    let worst = on_sphere.iter().map(|v| (v - 1.0).abs()).fold(0.0, f32::max);
    assert!(
        worst <= 0.03,
        "every pixel within 3% of the environment: worst {worst}"
    );
}

#[test]
fn rough_metals_keep_their_energy_with_multiple_scattering() {
    let ctx = gpu();
    let lowest = |multiscatter| {
        sphere_in_furnace(&ctx, white(1.0, 1.0), multiscatter, 64)
            .into_iter()
            .flatten()
            .fold(f32::MAX, f32::min)
    };
    let compensated = lowest(true);
    assert!(compensated >= 0.95, "at most 5% lost: lowest {compensated}");
    // A single GGX bounce alone loses much more: the test can tell the two apart.
    let single = lowest(false);
    assert!(single < 0.8, "single scattering loses energy: lowest {single}");
}

/// An environment with structure in every direction, and a sharp edge.
fn patterned() -> EquirectImage {
    EquirectImage::from_fn(256, 128, |d| {
        let stripes = if (d.x * 6.0).sin() > 0.0 { 2.0 } else { 0.25 };
        Vec3::new(d.x.abs() * 3.0, d.y * 0.5 + 0.5, stripes)
    })
}

#[test]
fn the_roughness_zero_level_is_the_source_environment() {
    let ctx = gpu();
    let image = patterned();
    let environment = Environment::bake(&ctx, &image).unwrap();
    let size = environment.face_size();
    assert_eq!(size, 64);
    let texels = environment.read_level(&ctx, 0).unwrap();
    assert_eq!(texels.len(), 6 * (size * size) as usize);
    let mut worst = 0.0f32;
    for (i, texel) in texels.iter().enumerate() {
        let i = i as u32;
        let (face, x, y) = (i / (size * size), i % size, (i / size) % size);
        let expected = image.sample(cube_direction(face, x, y, size));
        let got = Vec3::new(texel[0], texel[1], texel[2]);
        // Half floats hold about three decimal digits; the stripes' edges add a little
        // where the GPU's and the CPU's trigonometry round differently.
        let error = (got - expected).abs().max_element() / expected.max_element().max(0.1);
        worst = worst.max(error);
    }
    assert!(
        worst < 1e-2,
        "level 0 equals the source: worst relative error {worst}"
    );
    // The other levels are blurred: the last (roughness 1) varies far less.
    let last = environment.read_level(&ctx, environment.levels() - 1).unwrap();
    let spread = |texels: &[[f32; 4]]| {
        let blue = texels.iter().map(|t| t[2]);
        blue.clone().fold(f32::MIN, f32::max) - blue.fold(f32::MAX, f32::min)
    };
    assert!(spread(&last) < 0.5 * spread(&texels));
}

/// The irradiance cube baked from `image`: per texel, the direction through its centre
/// and the E(n)/π it holds.
fn irradiance_texels(ctx: &GpuContext, image: &EquirectImage) -> Vec<(Vec3, Vec3)> {
    let environment = Environment::bake(ctx, image).unwrap();
    let size = environment.irradiance_size();
    assert_eq!(size, IRRADIANCE_FACE);
    let texels = environment.read_irradiance(ctx).unwrap();
    assert_eq!(texels.len(), 6 * (size * size) as usize);
    texels
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let i = i as u32;
            let n = cube_direction(i / (size * size), i % size, (i / size) % size, size);
            (n, Vec3::new(t[0], t[1], t[2]))
        })
        .collect()
}

#[test]
fn a_uniform_environment_gives_its_radiance_as_irradiance_everywhere() {
    let ctx = gpu();
    // A white surface under radiance L from everywhere receives E = πL: E/π = L.
    let radiance = Vec3::new(0.5, 1.0, 2.0);
    let mut worst = 0.0f32;
    for (_, got) in irradiance_texels(&ctx, &EquirectImage::uniform(radiance.to_array())) {
        worst = worst.max(((got - radiance) / radiance).abs().max_element());
    }
    assert!(worst < 0.01, "E/π within 1% of L: worst relative error {worst}");
}

#[test]
fn a_bright_hemisphere_gives_the_analytic_irradiance() {
    let ctx = gpu();
    // Radiance L where d·a > 0 and none elsewhere: E(n)/π = L (1 + n·a) / 2, from L
    // facing the bright side to 0 facing away.
    let radiance = Vec3::new(1.0, 0.5, 2.0);
    let axes = [Vec3::Y, -Vec3::X, Vec3::new(1.0, -1.0, 2.0).normalize()];
    for axis in axes {
        let image = EquirectImage::from_fn(
            512,
            256,
            |d| {
                if d.dot(axis) > 0.0 { radiance } else { Vec3::ZERO }
            },
        );
        let texels = irradiance_texels(&ctx, &image);
        let expected = |n: Vec3| radiance * (1.0 + n.dot(axis)) / 2.0;
        // Every texel within 1% of L (the exact integral over the source texels errs by
        // less than 0.1%).
        let mut worst = (0.0f32, Vec3::ZERO);
        for &(n, got) in &texels {
            let error = ((got - expected(n)) / radiance).abs().max_element();
            if error > worst.0 {
                worst = (error, n);
            }
        }
        assert!(
            worst.0 < 0.01,
            "axis {axis}: worst error {} of L at normal {}",
            worst.0,
            worst.1
        );
        // And at normals into, across and away from the bright side (the texels nearest
        // them), within 2% of the value.
        let side = axis.any_orthonormal_vector();
        for target in [
            axis,
            (axis + side).normalize(),
            side,
            (side - axis).normalize(),
            -axis,
        ] {
            let &(n, got) = texels
                .iter()
                .max_by(|a, b| a.0.dot(target).total_cmp(&b.0.dot(target)))
                .unwrap();
            let want = expected(n);
            assert!(
                (got - want).abs().max_element() <= 0.02 * want.max_element() + 2e-3 * radiance.max_element(),
                "axis {axis}, normal {n}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn diffuse_environment_light_turns_with_the_environment() {
    let ctx = gpu();
    let dir = tempfile::tempdir().unwrap();
    // Light only from the +X hemisphere.
    let image = EquirectImage::from_fn(64, 32, |d| Vec3::splat(if d.x > 0.0 { 1.0 } else { 0.0 }));
    let path = write_hdr(dir.path(), &image);
    let mut scene = scene_with(sphere(48, 24), white(0.0, 1.0));
    // A light of zero intensity keeps the studio key light off.
    add_sun(&mut scene, Vec3::Y, 0.0);
    let size = 32;
    // Radiance at the sphere's right (normal about +X) and left (about -X) edges.
    let sides = |rotation_degrees: f32| {
        let mut settings = exact_settings();
        settings.environment = EnvironmentSettings {
            source: EnvironmentSource::File(path.clone()),
            intensity: 1.0,
            rotation_degrees,
            skybox: false,
        };
        let pixels = render_radiance(&ctx, &scene, &ortho_front(1.05), settings, size);
        let row = (size / 2) as usize * size as usize;
        (pixels[row + size as usize - 3][0], pixels[row + 2][0])
    };
    // Facing the bright side a white rough surface reflects about (1 + 0.89) / 2 of it,
    // facing away about (1 - 0.89) / 2.
    let (right, left) = sides(0.0);
    assert!(right > 0.7 && left < 0.2, "unturned: right {right}, left {left}");
    let (right, left) = sides(180.0);
    assert!(left > 0.7 && right < 0.2, "turned: right {right}, left {left}");
}

/// Writes `image` as a Radiance .hdr file in `dir`.
fn write_hdr(dir: &std::path::Path, image: &EquirectImage) -> std::path::PathBuf {
    let path = dir.join("environment.hdr");
    let pixels: Vec<image::Rgb<f32>> = image
        .texels
        .iter()
        .map(|t| image::Rgb([t[0], t[1], t[2]]))
        .collect();
    let file = std::fs::File::create(&path).unwrap();
    image::codecs::hdr::HdrEncoder::new(file)
        .encode(&pixels, image.width as usize, image.height as usize)
        .unwrap();
    path
}

#[test]
fn the_skybox_shows_the_environment_turned_by_its_rotation() {
    let ctx = gpu();
    let dir = tempfile::tempdir().unwrap();
    // Red toward +X, blue toward -X.
    let image = EquirectImage::from_fn(64, 32, |d| {
        if d.x > 0.0 {
            Vec3::new(1.0, 0.0, 0.0)
        } else {
            Vec3::new(0.0, 0.0, 1.0)
        }
    });
    let path = write_hdr(dir.path(), &image);
    let scene = Scene::new();
    let camera = ViewCamera::look_at(Vec3::ZERO, Vec3::X, 0.5, 0.1);
    let centre = |rotation_degrees: f32, skybox: bool| {
        let mut settings = exact_settings();
        settings.environment = EnvironmentSettings {
            source: EnvironmentSource::File(path.clone()),
            intensity: 2.0,
            rotation_degrees,
            skybox,
        };
        let pixels = render_radiance(&ctx, &scene, &camera, settings, 16);
        Vec4::from_array(pixels[8 * 16 + 8])
    };
    let ahead = centre(0.0, true);
    assert!(ahead.abs_diff_eq(Vec4::new(2.0, 0.0, 0.0, 1.0), 0.02), "{ahead}");
    // Turned half way round, the blue side is ahead.
    let turned = centre(180.0, true);
    assert!(
        turned.abs_diff_eq(Vec4::new(0.0, 0.0, 2.0, 1.0), 0.02),
        "{turned}"
    );
    // Hidden, the background colour (black in these settings) shows.
    let hidden = centre(0.0, false);
    assert!(hidden.truncate().length() < 1e-4, "{hidden}");
}

#[test]
fn bad_environment_files_are_reported_with_their_path() {
    let ctx = gpu();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.hdr");
    std::fs::write(&broken, b"#?RADIANCE\nnot really").unwrap();
    for path in [
        broken,
        dir.path().join("missing.exr"),
        dir.path().join("photo.png"),
    ] {
        let mut settings = RenderSettings::default();
        settings.environment.source = EnvironmentSource::File(path.clone());
        match Renderer::new(&ctx, settings) {
            Err(RenderError::Environment(EnvironmentError::File { path: named, .. })) => {
                assert_eq!(named, path)
            }
            Err(other) => panic!("{}: unexpected error {other}", path.display()),
            Ok(_) => panic!("{} was accepted", path.display()),
        }
    }
}
