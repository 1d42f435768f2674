//! `lighting`: what each lighting feature costs in frame time. FlightHelmet on a floor
//! under a shadow-casting sun, at 1280×720 without MSAA, drawn with the environment light,
//! the shadow maps and ambient occlusion each on and off; the device is waited on each
//! frame. Compare the configurations of one run (ratios), not absolute times across
//! machines.
//!
//! ```text
//! cargo bench -p museion-benches --bench lighting
//! ```

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use museion_renderer::{
    AoSettings, EnvironmentSettings, EnvironmentSource, GpuContext, OffscreenTarget, RenderSettings,
    Renderer, ShadowSettings, ViewCamera, wgpu,
};
use museion_scene::glam::{Quat, Vec3, Vec4};
use museion_scene::shapes::cuboid;
use museion_scene::{Light, LightKind, Material, Mesh, Node, Scene, Transform};
use support::{bench_frames, measurement_time, shared_model};

/// FlightHelmet on a 4 m floor, a sun at 40° elevation.
fn stage() -> Scene {
    let path = shared_model("FlightHelmet/FlightHelmet.gltf");
    let mut scene = museion_gltf::import(&path).expect("model imports").scene;
    let floor_material = scene.add_material(Material {
        base_color_factor: Vec4::new(0.5, 0.5, 0.5, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 0.8,
        ..Material::default()
    });
    let mut floor = cuboid(Vec3::new(2.0, 0.01, 2.0));
    floor.material = Some(floor_material);
    let mesh = scene.add_mesh(Mesh::new(Some("floor".into()), vec![floor]));
    let floor_node = Node::new()
        .with_mesh(mesh)
        .with_transform(Transform::from_translation(Vec3::new(0.0, -0.01, 0.0)));
    scene.add_node(floor_node, None).expect("floor node");
    let sun = scene.add_light(Light {
        name: Some("sun".into()),
        kind: LightKind::Directional,
        color: Vec3::ONE,
        intensity: 3.0,
        range: None,
        cast_shadows: true,
    });
    let direction = Vec3::new(-0.5, -0.65, -0.55).normalize();
    let mut node = Node::new().with_transform(Transform::from_rotation(Quat::from_rotation_arc(
        Vec3::NEG_Z,
        direction,
    )));
    node.light = Some(sun);
    scene.add_node(node, None).expect("sun node");
    scene
}

fn lighting(c: &mut Criterion) {
    let scene = stage();
    let ctx = GpuContext::new(None).expect("a GPU device (install mesa-vulkan-drivers for lavapipe)");
    let (width, height) = (1280, 720);
    let target =
        OffscreenTarget::new(&ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb).expect("target");
    let camera = ViewCamera::look_at(Vec3::new(0.9, 0.6, 1.1), Vec3::new(0.0, 0.3, 0.0), 0.7, 0.05);

    let mut group = c.benchmark_group(format!("lighting/{}", ctx.info.name));
    group.sample_size(10);
    group.measurement_time(measurement_time(15));
    // (name, environment light, shadow maps, ambient occlusion)
    let configurations = [
        ("punctual only", false, false, false),
        ("ibl", true, false, false),
        ("ibl+shadows", true, true, false),
        ("ibl+ao", true, false, true),
        ("ibl+shadows+ao", true, true, true),
    ];
    for (name, ibl, shadows, ao) in configurations {
        let settings = RenderSettings {
            msaa: 1,
            environment: EnvironmentSettings {
                source: if ibl {
                    EnvironmentSource::Studio
                } else {
                    EnvironmentSource::None
                },
                ..EnvironmentSettings::default()
            },
            shadows: ShadowSettings {
                enabled: shadows,
                ..ShadowSettings::default()
            },
            ambient_occlusion: AoSettings {
                enabled: ao,
                ..AoSettings::default()
            },
            ..RenderSettings::default()
        };
        let mut renderer = Renderer::new(&ctx, settings).expect("renderer");
        renderer.prepare(&ctx, &scene).expect("upload");
        let id = format!("FlightHelmet/1280x720/{name}");
        bench_frames(&mut group, id, &ctx, &mut renderer, &camera, &target);
    }
    group.finish();
}

criterion_group!(benches, lighting);
criterion_main!(benches);
