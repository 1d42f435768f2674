//! Baked reflection probes as the forward pass reads them: a mirror in a baked room shows
//! its room's cube, box-projected (each pixel the texel `box_project` on the CPU
//! predicts), not the environment; outside the room the environment reflects as before.

use super::*;
use museion_scene::glam::{UVec2, UVec3, Vec4};
use museion_scene::reflections::{box_project, cube_direction};
use museion_scene::{
    IrradianceProbes, ProbeVolume, ReflectionProbe, ReflectionProbes, RoomMap, ShIrradiance,
};

/// Texels along a cube face's side.
const FACE: u32 = 16;
/// The room's box and where its cube was captured.
const MIN: Vec3 = Vec3::new(-2.0, -2.0, -1.0);
const MAX: Vec3 = Vec3::new(2.0, 2.0, 3.0);
const CAPTURE: Vec3 = Vec3::new(0.0, 0.0, 1.0);

/// The cube's radiance toward direction `d`, for directions that fall in face +Z: linear
/// in the face's coordinates (u = d.x / d.z, v = -d.y / d.z), so that the filtered cube
/// gives exactly this between texel centres; `uniform` makes it 1 everywhere.
fn cube_radiance(d: Vec3, uniform: bool) -> Vec3 {
    if uniform {
        return Vec3::ONE;
    }
    let (u, v) = (d.x / d.z, -d.y / d.z);
    Vec3::new(0.5 + 0.4 * u, 0.5 + 0.4 * v, 0.3)
}

/// One room over the quad (x, y from -1 to 1 at z = 0), whose room map ends at
/// x = `map_right`, with no diffuse light of its own and its reflection cube.
fn room(map_right: f32, uniform: bool) -> IrradianceProbes {
    let texels = (0..6)
        .flat_map(|face| (0..FACE).flat_map(move |y| (0..FACE).map(move |x| (face, x, y))))
        .map(|(face, x, y)| {
            let d = cube_direction(face, x, y, FACE, [0.5, 0.5]);
            if face == 4 {
                cube_radiance(d, uniform)
            } else {
                Vec3::splat(0.05)
            }
        })
        .collect();
    let cell = 0.25;
    let origin = Vec2::new(-1.5, -1.5);
    let size = UVec2::new(((map_right - origin.x) / cell).round() as u32, 12);
    IrradianceProbes {
        volumes: vec![ProbeVolume {
            room: "room".into(),
            min: Vec3::new(-1.0, -1.0, -0.5),
            step: Vec3::new(2.0, 2.0, 1.0),
            counts: UVec3::splat(2),
            first: 0,
            bottom: -1.5,
            top: 1.5,
        }],
        probes: vec![ShIrradiance::default(); 8],
        map: RoomMap {
            origin,
            cell,
            size,
            cells: vec![[1, 0]; (size.x * size.y) as usize],
            offset: 0.1,
        },
        reflections: ReflectionProbes {
            face: FACE,
            probes: vec![ReflectionProbe {
                capture: CAPTURE,
                min: MIN,
                max: MAX,
                texels,
            }],
        },
    }
}

/// A smooth white metal quad facing the orthographic camera, lit by `probes` and a
/// uniform grey environment; its radiance.
fn render(ctx: &GpuContext, probes: Option<&IrradianceProbes>, size: u32) -> Vec<[f32; 4]> {
    let material = Material {
        base_color_factor: Vec4::ONE,
        roughness_factor: 0.0,
        metallic_factor: 1.0,
        ..Material::default()
    };
    let mut scene = scene_with(quad(1.0), material);
    // A light behind the quad keeps the studio rig off; only the ambient light shows.
    add_sun(&mut scene, Vec3::NEG_Z, 1.0);
    let target = OffscreenTarget::new(ctx, size, size, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([0.2, 0.2, 0.2]);
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.set_irradiance_probes(ctx, probes).unwrap();
    renderer.prepare(ctx, &scene).unwrap();
    renderer
        .render(
            ctx,
            &ortho_front(1.0),
            &target.view,
            target.format(),
            (size, size),
        )
        .unwrap();
    target.read_rgba32f(ctx).unwrap()
}

/// The world point at the centre of pixel (`i`, `j`) of the quad seen by `ortho_front(1)`.
fn point(i: u32, j: u32, size: u32) -> Vec3 {
    let s = 2.0 / size as f32;
    Vec3::new(-1.0 + (i as f32 + 0.5) * s, 1.0 - (j as f32 + 0.5) * s, 0.0)
}

#[test]
fn a_mirror_in_a_baked_room_shows_the_room_cube_box_projected() {
    let ctx = gpu();
    let size = 32;
    let probes = room(2.0, false);
    let lit = render(&ctx, Some(&probes), size);
    // The same cube at 1 everywhere: each pixel's mirror reflectance.
    let unit = render(&ctx, Some(&room(2.0, true)), size);
    let environment = render(&ctx, None, size);
    let reflections = &probes.reflections;
    let mut checked = 0;
    for j in 0..size {
        for i in 0..size {
            let k = (j * size + i) as usize;
            let p = point(i, j, size);
            // Seen straight on, a mirror reflects straight back: +Z. The ray leaves the
            // box at z = 3, seen from the capture point (0, 0, 1) toward (x, y, 2).
            let d = box_project(p, Vec3::Z, MIN, MAX, CAPTURE);
            assert!((d - Vec3::new(p.x, p.y, 2.0).normalize()).length() < 1e-5);
            let reflectance = unit[k][0];
            assert!(
                reflectance > 0.9,
                "pixel ({i}, {j}): a white mirror, {reflectance}"
            );
            let want = cube_radiance(d, false) * reflectance;
            // The texel the CPU reads (nearest) differs from the filtered cube by less than
            // the gradient over half a texel.
            let nearest = reflections.radiance(0, p, Vec3::Z).unwrap() * reflectance;
            let texel_step = 0.4 * 2.0 / FACE as f32;
            for c in 0..3 {
                let got = lit[k][c];
                assert!(
                    (got - want[c]).abs() < 0.01,
                    "pixel ({i}, {j}) at {p}, channel {c}: {got} against the cube's {} at the projected direction",
                    want[c]
                );
                assert!(
                    (got - nearest[c]).abs() <= texel_step * 0.5 + 0.01,
                    "pixel ({i}, {j}): {got} against texel {}",
                    nearest[c]
                );
            }
            // Not the environment (grey, reflected as 0.2).
            assert!(
                (lit[k][0] - environment[k][0]).abs() > 0.05 || (lit[k][1] - environment[k][1]).abs() > 0.05
            );
            checked += 1;
        }
    }
    assert_eq!(checked, size * size);
    // Parallax: without the box projection every pixel would read the cube's middle;
    // with it the left edge is redder less than the right by 0.4 · (2 / 2) · reflectance.
    let row = (size / 2 * size) as usize;
    let spread = lit[row + size as usize - 1][0] - lit[row][0];
    assert!(spread > 0.3, "the reflection shifts across the mirror: {spread}");
}

#[test]
fn outside_its_room_a_mirror_reflects_the_environment_as_without_probes() {
    let ctx = gpu();
    let size = 16;
    // The room map ends at x = 0: the quad's right half lies in no room.
    let lit = render(&ctx, Some(&room(0.0, false)), size);
    let environment = render(&ctx, None, size);
    for j in 0..size {
        for i in 0..size {
            let k = (j * size + i) as usize;
            let p = point(i, j, size);
            if p.x > 0.1 {
                assert_eq!(lit[k], environment[k], "pixel ({i}, {j}) outside the room");
            } else if p.x < -0.1 {
                assert_ne!(lit[k], environment[k], "pixel ({i}, {j}) inside the room");
            }
        }
    }
    // The environment reflects its 0.2 grey.
    let k = (size / 2 * size + size - 2) as usize;
    assert!((environment[k][0] - 0.2).abs() < 0.02, "{:?}", environment[k]);
}
