//! Baked irradiance probes as the forward pass reads them: trilinear between the probes
//! around a point, the harmonics evaluated at its normal, as `IrradianceProbes` does on
//! the CPU; the environment (here none: black) where the room map names no room.

use super::*;
use museion_scene::glam::{UVec2, UVec3, Vec4};
use museion_scene::probes::SH_COEFFICIENTS;
use museion_scene::{IrradianceProbes, ProbeVolume, RoomMap, ShIrradiance};

/// A probe whose E(n)/π is `level + tilt · n.z` (Y₀₀ and Y₁₀ only).
fn probe(level: f32, tilt: f32) -> ShIrradiance {
    let mut c = [Vec3::ZERO; SH_COEFFICIENTS];
    c[0] = Vec3::new(level, level * 0.5, level * 0.25) / 0.282_095;
    c[2] = Vec3::splat(tilt / 0.488_603);
    ShIrradiance(c)
}

/// One grid of 2 × 2 × 2 probes over the unit quad (x, y from -1 to 1, z from -0.5 to
/// 0.5), brighter toward +x and +y; the room map covers x < `map_right` only.
fn field(map_right: f32) -> IrradianceProbes {
    let probes = (0..8u32)
        .map(|i| {
            let (x, y) = (i & 1, (i >> 1) & 1);
            probe(1.0 + 2.0 * x as f32 + y as f32, 0.5)
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
        probes,
        map: RoomMap {
            origin,
            cell,
            size,
            cells: vec![[1, 0]; (size.x * size.y) as usize],
            offset: 0.1,
        },
        reflections: Default::default(),
    }
}

/// The quad's radiance with `probes` (none: the environment, here black).
fn render(ctx: &GpuContext, probes: Option<&IrradianceProbes>, size: u32) -> Vec<[f32; 4]> {
    let material = Material {
        base_color_factor: Vec4::new(0.8, 0.8, 0.8, 1.0),
        roughness_factor: 1.0,
        metallic_factor: 0.0,
        ..Material::default()
    };
    let mut scene = scene_with(quad(1.0), material);
    // A light behind the quad, so that the renderer's studio rig for scenes without
    // lights stays off and only the probes light its front.
    add_sun(&mut scene, Vec3::NEG_Z, 1.0);
    let target = OffscreenTarget::new(ctx, size, size, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(ctx, exact_settings()).unwrap();
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
fn probes_light_the_surfaces_of_their_room_as_the_cpu_evaluates_them() {
    let ctx = gpu();
    let size = 32;
    // Every probe the same (1 in red): each pixel's factor beyond the probes' light
    // (albedo, the dielectric's Fresnel weight), which the varying field must scale.
    let flat = IrradianceProbes {
        probes: vec![probe(1.0, 0.0); 8],
        ..field(1.5)
    };
    let reference = render(&ctx, Some(&flat), size);
    let probes = field(1.5);
    let lit = render(&ctx, Some(&probes), size);
    let without = render(&ctx, None, size);
    let mut checked = 0;
    for j in 0..size {
        for i in 0..size {
            let k = (j * size + i) as usize;
            assert_eq!(without[k][0], 0.0, "no probes, no environment: black");
            let p = point(i, j, size);
            let expected = probes.irradiance(p, Vec3::Z, Vec3::Z).unwrap();
            let unit = flat.irradiance(p, Vec3::Z, Vec3::Z).unwrap();
            for channel in 0..3 {
                let factor = reference[k][0] / unit.x;
                let want = factor * expected[channel];
                let got = lit[k][channel];
                assert!(
                    (got - want).abs() <= 0.02 * want,
                    "pixel ({i}, {j}) at {p}, channel {channel}: {got} against {want}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, size * size);
}

#[test]
fn outside_the_room_map_the_environment_lights_as_before() {
    let ctx = gpu();
    let size = 16;
    // The map ends at x = 0: the quad's right half has no room, and no environment.
    let lit = render(&ctx, Some(&field(0.0)), size);
    for j in 0..size {
        for i in 0..size {
            let k = (j * size + i) as usize;
            let p = point(i, j, size);
            if p.x < -0.1 {
                assert!(
                    lit[k][0] > 0.1,
                    "pixel ({i}, {j}) inside the room is lit: {:?}",
                    lit[k]
                );
            } else if p.x > 0.1 {
                assert_eq!(lit[k][0], 0.0, "pixel ({i}, {j}) outside the room is black");
            }
        }
    }
}
