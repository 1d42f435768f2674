//! Scene changes reach the GPU incrementally: only what changed is uploaded, and the
//! picture follows.

use super::*;
use museion_renderer::SyncStats;
use museion_scene::glam::Vec4;
use museion_scene::{ColorSpace, Image, ImageSourceFormat, TextureRef, TextureTransform};

fn unlit(color: Vec3) -> Material {
    Material {
        base_color_factor: color.extend(1.0),
        unlit: true,
        ..Material::default()
    }
}

/// Side of the images [`render_front`] renders.
const SIZE: u32 = 40;

/// Renders the prepared scene from the front (`ortho_front(1.0)`) into linear radiance,
/// and returns the colour at a point (x, y) of the view's [-1, 1] square.
fn render_front(ctx: &GpuContext, renderer: &mut Renderer) -> impl Fn(f32, f32) -> Vec3 + use<> {
    let target = OffscreenTarget::new(ctx, SIZE, SIZE, wgpu::TextureFormat::Rgba32Float).unwrap();
    renderer
        .render(
            ctx,
            &ortho_front(1.0),
            &target.view,
            target.format(),
            (SIZE, SIZE),
        )
        .unwrap();
    let pixels = target.read_rgba32f(ctx).unwrap();
    move |x: f32, y: f32| {
        let px = ((x + 1.0) / 2.0 * SIZE as f32) as u32;
        let py = ((1.0 - y) / 2.0 * SIZE as f32) as u32;
        Vec4::from_array(pixels[(py * SIZE + px) as usize]).truncate()
    }
}

/// A scene whose mesh 0 is a quad of half side `half` and whose material 0 is unlit,
/// coloured by image 0: one sRGB texel `texel`.
fn textured_quad(half: f32, texel: [u8; 4]) -> Scene {
    let mut scene = scene_with(quad(half), unlit(Vec3::ONE));
    let image = scene.add_image(Image::rgba8(None, 1, 1, texel.to_vec(), ImageSourceFormat::Png));
    let texture = scene.add_texture(museion_scene::Texture {
        name: None,
        image: Some(image),
        sampler: None,
    });
    scene.materials[0].base_color_texture = Some(TextureRef {
        texture,
        tex_coord: 0,
        transform: TextureTransform::IDENTITY,
        color_space: ColorSpace::Srgb,
    });
    scene
}

#[test]
fn a_scene_loaded_again_keeps_the_textures_of_its_unchanged_images() {
    let ctx = gpu();
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    let close = |a: Vec3, b: Vec3| a.abs_diff_eq(b, 1e-3);
    renderer
        .prepare(&ctx, &textured_quad(0.8, [255, 0, 0, 255]))
        .unwrap();
    let bytes = renderer.gpu_scene().texture_bytes();
    // The same scene built again (new revisions, the same texels): its mesh is uploaded
    // again, its image is not.
    let again = renderer
        .prepare(&ctx, &textured_quad(0.8, [255, 0, 0, 255]))
        .unwrap();
    assert_eq!((again.meshes, again.images), (1, 0), "{again:?}");
    assert_eq!(renderer.gpu_scene().texture_bytes(), bytes);
    let at = render_front(&ctx, &mut renderer);
    assert!(close(at(0.0, 0.0), Vec3::X), "the kept texture: {}", at(0.0, 0.0));
    // Other texels at the same place are uploaded.
    let green = renderer
        .prepare(&ctx, &textured_quad(0.8, [0, 255, 0, 255]))
        .unwrap();
    assert_eq!(green.images, 1, "{green:?}");
    let at = render_front(&ctx, &mut renderer);
    assert!(close(at(0.0, 0.0), Vec3::Y), "the new texture: {}", at(0.0, 0.0));
}

#[test]
fn a_different_scene_replaces_the_last_without_being_announced() {
    let ctx = gpu();
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    // The same indices (mesh 0, image 0, material 0) with other contents: a large red
    // quad, then a small green one, as a venue loaded again would be.
    let large_red = textured_quad(0.8, [255, 0, 0, 255]);
    let small_green = textured_quad(0.4, [0, 255, 0, 255]);
    let (red, green) = (Vec3::X, Vec3::Y);
    let close = |a: Vec3, b: Vec3| a.abs_diff_eq(b, 1e-3);

    renderer.prepare(&ctx, &large_red).unwrap();
    let at = render_front(&ctx, &mut renderer);
    assert!(close(at(0.0, 0.0), red), "first scene: {}", at(0.0, 0.0));
    assert!(close(at(0.6, 0.0), red), "first scene's quad: {}", at(0.6, 0.0));
    let geometry = renderer.gpu_scene().geometry_bytes();

    let replaced = renderer.prepare(&ctx, &small_green).unwrap();
    let at = render_front(&ctx, &mut renderer);
    assert!(
        close(at(0.0, 0.0), green),
        "second scene's texture: {}",
        at(0.0, 0.0)
    );
    assert_eq!(at(0.6, 0.0), Vec3::ZERO, "second scene's smaller quad");
    assert_eq!((replaced.meshes, replaced.images), (1, 1), "{replaced:?}");
    assert_eq!(renderer.gpu_scene().instance_count(), 1);

    // Swapped back and forth, the pool holds one scene's geometry: replaced meshes are
    // freed, not piled up.
    for _ in 0..20 {
        renderer.prepare(&ctx, &large_red).unwrap();
        renderer.prepare(&ctx, &small_green).unwrap();
    }
    assert_eq!(renderer.gpu_scene().geometry_bytes(), geometry);
    let at = render_front(&ctx, &mut renderer);
    assert!(close(at(0.0, 0.0), green), "after swapping: {}", at(0.0, 0.0));
    assert_eq!(at(0.6, 0.0), Vec3::ZERO, "after swapping: the small quad");
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
    let at = render_front(&ctx, &mut renderer);
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
