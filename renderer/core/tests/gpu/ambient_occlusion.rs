//! Screen-space ambient occlusion: a box on a floor in a uniform environment. Where the
//! floor meets the box, the environment's light is partly blocked and the floor must be
//! darker with ambient occlusion than without; open floor and the box's top, which see
//! the whole sky, must keep their light; every culling mode must give the same image.

use super::*;
use museion_renderer::{AoSettings, CullMode};
use museion_scene::glam::Vec4;

const FLOOR: Box3 = Box3 {
    centre: Vec3::new(0.0, -0.05, 0.0),
    half: Vec3::new(6.0, 0.05, 6.0),
};
const CUBE: Box3 = Box3 {
    centre: Vec3::new(0.0, 0.5, 0.0),
    half: Vec3::new(0.5, 0.5, 0.5),
};
const SIZE: (u32, u32) = (320, 240);

fn stage() -> Scene {
    let mut scene = Scene::new();
    let grey = scene.add_material(Material {
        base_color_factor: Vec4::new(0.7, 0.7, 0.7, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        ..Material::default()
    });
    add_box(&mut scene, FLOOR, grey);
    add_box(&mut scene, CUBE, grey);
    scene
}

fn camera() -> ViewCamera {
    ViewCamera::look_at(Vec3::new(1.2, 2.6, 3.4), Vec3::new(0.0, 0.3, 0.0), 0.9, 0.1)
}

/// Red-channel radiance and instance ids, lit only by a uniform white environment.
fn render(ctx: &GpuContext, scene: &Scene, ao: bool, mode: CullMode) -> (Vec<f32>, Vec<u32>) {
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([1.0; 3]);
    settings.ambient_occlusion = AoSettings {
        enabled: ao,
        ..AoSettings::default()
    };
    settings.culling.mode = mode;
    settings.instance_ids = true;
    let target = OffscreenTarget::new(ctx, SIZE.0, SIZE.1, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.prepare(ctx, scene).unwrap();
    // Two frames: occlusion culling's first frame has no pyramid from before.
    for _ in 0..2 {
        renderer
            .render(ctx, &camera(), &target.view, target.format(), SIZE)
            .unwrap();
    }
    let ids = renderer.read_instance_ids(ctx).unwrap();
    let pixels = target.read_rgba32f(ctx).unwrap();
    (pixels.iter().map(|p| p[0]).collect(), ids)
}

/// Horizontal distance from `p` to the cube's footprint (0 inside it).
fn distance_to_cube(p: Vec3) -> f32 {
    let d = (Vec2::new(p.x, p.z).abs() - Vec2::new(CUBE.half.x, CUBE.half.z)).max(Vec2::ZERO);
    d.length()
}

fn mean(values: &[f32]) -> f32 {
    values.iter().sum::<f32>() / values.len() as f32
}

#[test]
fn ambient_occlusion_darkens_contact_and_leaves_open_surfaces_lit() {
    let ctx = gpu();
    let scene = stage();
    let (off, ids) = render(&ctx, &scene, false, CullMode::GpuOcclusion);
    let (on, ids_on) = render(&ctx, &scene, true, CullMode::GpuOcclusion);
    assert_eq!(ids, ids_on, "ambient occlusion changed what is drawn");
    let floor_id = 1;
    let cube_id = 2;
    let ratio = |i: usize| on[i] / off[i];

    let floor = floor_points(&camera(), SIZE, 0.0);
    let (mut contact, mut open) = (Vec::new(), Vec::new());
    for (i, p) in floor.iter().enumerate() {
        let Some(p) = p.filter(|_| ids[i] == floor_id) else {
            continue;
        };
        let d = distance_to_cube(p);
        if d > 0.02 && d < 0.08 {
            contact.push(ratio(i));
        } else if d > 1.2 && p.x.abs() < 4.0 && p.z.abs() < 4.0 {
            open.push(ratio(i));
        }
    }
    assert!(
        contact.len() > 20 && open.len() > 500,
        "{} contact, {} open pixels",
        contact.len(),
        open.len()
    );
    // A floor point at the foot of a wall half a radius high sees a good part of its sky
    // blocked: the cosine-weighted share behind a 90° corner is 1/2 at the corner itself.
    let contact_mean = mean(&contact);
    assert!(
        contact_mean < 0.85,
        "contact pixels keep {contact_mean} of their light"
    );
    assert!(
        contact.iter().all(|r| *r < 0.95),
        "an unoccluded contact pixel: {contact:?}"
    );
    let open_mean = mean(&open);
    assert!(
        (open_mean - 1.0).abs() < 0.01,
        "open floor keeps {open_mean} of its light"
    );
    let worst = open.iter().map(|r| (r - 1.0).abs()).fold(0.0, f32::max);
    assert!(worst < 0.04, "an open floor pixel is off by {worst}");

    // The cube's top sees the whole sky, nearly to its edges (three slice directions per
    // pixel leave a small bias at this grazing view).
    let top = floor_points(&camera(), SIZE, 1.0);
    let top: Vec<f32> = top
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            ids[*i] == cube_id
                && p.is_some_and(|p| p.x.abs() < CUBE.half.x - 0.05 && p.z.abs() < CUBE.half.z - 0.05)
        })
        .map(|(i, _)| ratio(i))
        .collect();
    assert!(top.len() > 100, "{} top pixels", top.len());
    let top_mean = mean(&top);
    assert!(
        (top_mean - 1.0).abs() < 0.02,
        "the cube's top keeps {top_mean} of its light"
    );
}

#[test]
fn ambient_occlusion_is_the_same_in_every_culling_mode() {
    let ctx = gpu();
    let scene = stage();
    let (reference, ids) = render(&ctx, &scene, true, CullMode::Cpu);
    for mode in [CullMode::None, CullMode::GpuFrustum, CullMode::GpuOcclusion] {
        let (image, mode_ids) = render(&ctx, &scene, true, mode);
        assert_eq!(ids, mode_ids, "{mode:?} drew other instances");
        let worst = image
            .iter()
            .zip(&reference)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(worst < 1e-4, "{mode:?} differs from cpu by {worst}");
    }
}

#[test]
fn bad_ambient_occlusion_settings_are_refused() {
    let ctx = gpu();
    for bad in [
        AoSettings {
            radius: 0.0,
            ..AoSettings::default()
        },
        AoSettings {
            power: f32::NAN,
            ..AoSettings::default()
        },
        AoSettings {
            slices: 0,
            ..AoSettings::default()
        },
        AoSettings {
            steps: 17,
            ..AoSettings::default()
        },
    ] {
        let settings = RenderSettings {
            ambient_occlusion: AoSettings { enabled: true, ..bad },
            ..exact_settings()
        };
        let error = Renderer::new(&ctx, settings).err().expect("refused");
        assert!(error.to_string().contains("ambient occlusion"), "{error}");
    }
}
