//! `materials`: what each material layer costs in frame time. DamagedHelmet at 1280×720
//! without MSAA under the studio environment and lights, its materials as they are and
//! with a clear coat, a sheen, a thin film or anisotropy added to every one of them, and
//! with a glass pane (thin-walled, ior 1.5) over half the view, which adds the resolve
//! and mip chain of the opaque scene that transmission reads. The device is waited on
//! each frame. Compare the configurations of one run (ratios), not absolute times across
//! machines.
//!
//! ```text
//! cargo bench -p museion-benches --bench materials
//! ```

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use museion_renderer::{GpuContext, OffscreenTarget, RenderSettings, Renderer, ViewCamera, wgpu};
use museion_scene::glam::{Vec3, Vec4};
use museion_scene::shapes::cuboid;
use museion_scene::{
    Anisotropy, Clearcoat, Iridescence, Material, Mesh, Node, Scene, Sheen, Transform, Transmission,
};
use support::{bench_frames, measurement_time, shared_model};

/// DamagedHelmet with `layer` applied to each of its materials.
fn helmet(layer: fn(&mut Material)) -> Scene {
    let path = shared_model("DamagedHelmet/DamagedHelmet.gltf");
    let mut scene = museion_gltf::import(&path).expect("model imports").scene;
    for material in &mut scene.materials {
        layer(material);
    }
    scene
}

/// A thin glass pane between the camera and the helmet's left half.
fn add_glass_pane(scene: &mut Scene) {
    let glass = scene.add_material(Material {
        base_color_factor: Vec4::ONE,
        metallic_factor: 0.0,
        roughness_factor: 0.05,
        transmission: Some(Transmission {
            factor: 1.0,
            texture: None,
        }),
        ..Material::default()
    });
    let mut pane = cuboid(Vec3::new(0.6, 1.2, 0.005));
    pane.material = Some(glass);
    let mesh = scene.add_mesh(Mesh::new(Some("glass".into()), vec![pane]));
    let node = Node::new()
        .with_mesh(mesh)
        .with_transform(Transform::from_translation(Vec3::new(-0.6, 0.0, 1.3)));
    scene.add_node(node, None).expect("pane node");
}

fn materials(c: &mut Criterion) {
    let ctx = GpuContext::new(None).expect("a GPU device (install mesa-vulkan-drivers for lavapipe)");
    let (width, height) = (1280, 720);
    let target =
        OffscreenTarget::new(&ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb).expect("target");
    let camera = ViewCamera::look_at(Vec3::new(0.0, 0.0, 3.2), Vec3::ZERO, 0.7, 0.05);

    let mut group = c.benchmark_group(format!("materials/{}", ctx.info.name));
    group.sample_size(10);
    group.measurement_time(measurement_time(15));
    let core = helmet(|_| {});
    let mut glass = core.clone();
    add_glass_pane(&mut glass);
    let configurations = [
        ("core", core),
        (
            "clearcoat",
            helmet(|m| {
                m.clearcoat = Some(Clearcoat {
                    factor: 1.0,
                    roughness_factor: 0.1,
                    ..Clearcoat::default()
                })
            }),
        ),
        (
            "sheen",
            helmet(|m| {
                m.sheen = Some(Sheen {
                    color_factor: Vec3::splat(0.8),
                    roughness_factor: 0.5,
                    ..Sheen::default()
                })
            }),
        ),
        (
            "iridescence",
            helmet(|m| {
                m.iridescence = Some(Iridescence {
                    factor: 1.0,
                    thickness_maximum: 400.0,
                    ..Iridescence::default()
                })
            }),
        ),
        (
            "anisotropy",
            helmet(|m| {
                m.anisotropy = Some(Anisotropy {
                    strength: 0.6,
                    ..Anisotropy::default()
                })
            }),
        ),
        ("glass pane (transmission)", glass),
    ];
    for (name, scene) in configurations {
        let settings = RenderSettings {
            msaa: 1,
            ..RenderSettings::default()
        };
        let mut renderer = Renderer::new(&ctx, settings).expect("renderer");
        renderer.prepare(&ctx, &scene).expect("upload");
        let id = format!("DamagedHelmet/1280x720/{name}");
        bench_frames(&mut group, id, &ctx, &mut renderer, &camera, &target);
    }
    group.finish();
}

criterion_group!(benches, materials);
criterion_main!(benches);
