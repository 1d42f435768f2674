//! Scene changes reach the GPU incrementally: only what changed is uploaded, and the
//! picture follows.

use super::*;
use museion_renderer::SyncStats;
use museion_scene::glam::Vec4;

fn unlit(color: Vec3) -> Material {
    Material {
        base_color_factor: color.extend(1.0),
        unlit: true,
        ..Material::default()
    }
}

#[test]
fn only_changed_meshes_materials_and_instances_are_uploaded() {
    let ctx = gpu();
    let mut scene = scene_with(quad(0.25), unlit(Vec3::new(1.0, 0.0, 0.0)));
    let mesh = scene.meshes.len() as u32 - 1;
    let green = scene.add_material(unlit(Vec3::new(0.0, 1.0, 0.0)));
    // Two more quads: one to the right sharing the red material, one on the left green.
    let mut second = scene.meshes[0].clone();
    second.primitives[0].material = Some(green);
    let green_mesh = scene.add_mesh(second);
    let right = scene
        .add_node(
            Node::new()
                .with_mesh(museion_scene::MeshId(mesh))
                .with_transform(Transform::from_translation(Vec3::new(0.6, 0.0, 0.0))),
            None,
        )
        .unwrap();
    scene
        .add_node(
            Node::new()
                .with_mesh(green_mesh)
                .with_transform(Transform::from_translation(Vec3::new(-0.6, 0.0, 0.0))),
            None,
        )
        .unwrap();

    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    let first = renderer.prepare(&ctx, &scene).unwrap();
    assert_eq!(
        first,
        SyncStats {
            meshes: 2,
            images: 0,
            materials: 3,
            instances: 3
        }
    );
    assert_eq!(
        renderer.prepare(&ctx, &scene).unwrap(),
        SyncStats::default(),
        "nothing changed"
    );

    // Move one node: one instance record.
    scene
        .set_transform(right, Transform::from_translation(Vec3::new(0.6, 0.6, 0.0)))
        .unwrap();
    assert_eq!(
        renderer.prepare(&ctx, &scene).unwrap(),
        SyncStats {
            instances: 1,
            ..SyncStats::default()
        }
    );

    // Recolour the red material: one material record.
    scene.materials[0].base_color_factor = Vec4::new(0.0, 0.0, 1.0, 1.0);
    assert_eq!(
        renderer.prepare(&ctx, &scene).unwrap(),
        SyncStats {
            materials: 1,
            ..SyncStats::default()
        }
    );

    // Edit the green mesh in place and say so: that mesh alone is uploaded again.
    for p in &mut scene.meshes[green_mesh.index()].primitives[0].positions {
        *p *= 0.5;
    }
    scene.mark_mesh_changed(green_mesh);
    let edited = renderer.prepare(&ctx, &scene).unwrap();
    assert_eq!(edited.meshes, 1);
    assert_eq!(edited.materials, 0);

    // The picture shows every change: blue at the centre and at the moved quad, green
    // (shrunk) on the left, nothing where the moved quad was.
    let size = 40;
    let target = OffscreenTarget::new(&ctx, size, size, wgpu::TextureFormat::Rgba32Float).unwrap();
    renderer
        .render(
            &ctx,
            &ortho_front(1.0),
            &target.view,
            target.format(),
            (size, size),
        )
        .unwrap();
    let pixels = target.read_rgba32f(&ctx).unwrap();
    let at = |x: f32, y: f32| {
        let px = ((x + 1.0) / 2.0 * size as f32) as u32;
        let py = ((1.0 - y) / 2.0 * size as f32) as u32;
        Vec4::from_array(pixels[(py * size + px) as usize]).truncate()
    };
    assert_eq!(at(0.0, 0.0), Vec3::new(0.0, 0.0, 1.0), "centre quad recoloured");
    assert_eq!(
        at(0.6, 0.6),
        Vec3::new(0.0, 0.0, 1.0),
        "moved quad at its new place"
    );
    assert_eq!(at(0.6, 0.0), Vec3::ZERO, "nothing where it was");
    assert_eq!(
        at(-0.6, 0.0),
        Vec3::new(0.0, 1.0, 0.0),
        "shrunk green quad still covers its centre"
    );
    assert_eq!(at(-0.6 + 0.2, 0.0), Vec3::ZERO, "and no longer its old edge");
}
