//! Skinning and morphing on the GPU against the CPU reference (`Primitive::deform`):
//! every vertex of the Fox and of MorphStressTest in several poses, a deformed instance
//! drawn where it was moved to, and a still pose that is not deformed again.

use super::{exact_settings, gpu, ortho_front};
use museion_renderer::{GpuContext, OffscreenTarget, Renderer, wgpu};
use museion_scene::glam::{Quat, Vec3, Vec4};
use museion_scene::{NodeId, Scene, Transform};
use museion_testkit::shared_model as shared;

/// Renders one small frame so the deformation pass runs.
fn frame(ctx: &GpuContext, renderer: &mut Renderer, scene: &Scene) {
    let target = OffscreenTarget::new(ctx, 32, 32, wgpu::TextureFormat::Rgba8UnormSrgb).unwrap();
    renderer.prepare(ctx, scene).unwrap();
    renderer
        .render(ctx, &ortho_front(1.0), &target.view, target.format(), (32, 32))
        .unwrap();
}

/// Largest error of `gpu` against `cpu`, relative to `scale`.
fn worst(gpu: impl Iterator<Item = Vec4>, cpu: impl Iterator<Item = Vec4>, scale: f32) -> f32 {
    gpu.zip(cpu)
        .map(|(g, c)| (g - c).abs().max_element() / scale)
        .fold(0.0, f32::max)
}

/// Compares every deformed vertex of every deformable mesh instance of `scene` with the
/// CPU reference, within `tolerance` relative to the mesh's size for positions and
/// absolutely for unit normals and tangents. Returns how many vertices were compared.
fn compare_with_reference(ctx: &GpuContext, renderer: &Renderer, scene: &Scene, tolerance: f32) -> usize {
    let mut compared = 0;
    for instance in scene.instances() {
        let mesh = &scene.meshes[instance.mesh.index()];
        let primitive = &mesh.primitives[instance.primitive];
        if !primitive.is_deformable() {
            continue;
        }
        let joints = scene.joint_matrices(instance.node);
        let expected = primitive.deform(joints.as_deref(), scene.morph_weights(instance.node));
        let got = renderer
            .gpu_scene()
            .read_deformed(ctx, instance.node, instance.primitive)
            .unwrap()
            .expect("a deformable instance has a deformed copy");
        assert_eq!(got.len(), expected.positions.len());
        let size = expected
            .positions
            .iter()
            .map(|p| p.abs().max_element())
            .fold(1.0, f32::max);
        let position = worst(
            got.iter().map(|v| Vec3::from_array(v.position).extend(0.0)),
            expected.positions.iter().map(|p| p.extend(0.0)),
            size,
        );
        assert!(
            position <= tolerance,
            "positions off by {position} of the size {size}"
        );
        if !expected.normals.is_empty() {
            let normal = worst(
                got.iter().map(|v| Vec3::from_array(v.normal).extend(0.0)),
                expected.normals.iter().map(|n| n.extend(0.0)),
                1.0,
            );
            assert!(normal <= 10.0 * tolerance, "normals off by {normal}");
        }
        if !expected.tangents.is_empty() {
            let tangent = worst(
                got.iter().map(|v| Vec4::from_array(v.tangent)),
                expected.tangents.iter().copied(),
                1.0,
            );
            assert!(tangent <= 10.0 * tolerance, "tangents off by {tangent}");
        }
        compared += got.len();
    }
    compared
}

/// Turns every joint of every skin by an angle that depends on the joint and `phase`.
fn bend_joints(scene: &mut Scene, phase: f32) {
    let joints: Vec<NodeId> = scene.skins.iter().flat_map(|s| s.joints.clone()).collect();
    for (i, joint) in joints.into_iter().enumerate() {
        let rest = *scene.node(joint).unwrap().transform();
        let angle = phase * (0.2 + 0.05 * (i % 7) as f32);
        let axis = Vec3::new(1.0, (i % 3) as f32, 0.5).normalize();
        let turned = Transform {
            rotation: rest.rotation * Quat::from_axis_angle(axis, angle),
            ..rest
        };
        scene.set_transform(joint, turned).unwrap();
    }
    scene.update_transforms();
}

#[test]
fn the_fox_skinned_on_the_gpu_matches_the_cpu_reference_in_every_pose() {
    let ctx = gpu();
    let mut scene = museion_gltf::import(shared("Fox/Fox.glb")).unwrap().scene;
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    for phase in [0.0, 0.7, -1.3] {
        bend_joints(&mut scene, phase);
        frame(&ctx, &mut renderer, &scene);
        let compared = compare_with_reference(&ctx, &renderer, &scene, 1e-4);
        assert_eq!(compared, 1728, "the Fox has 1,728 vertices");
    }
}

#[test]
fn morph_stress_test_morphed_on_the_gpu_matches_the_cpu_reference() {
    let ctx = gpu();
    let mut scene = museion_gltf::import(shared("MorphStressTest/MorphStressTest.gltf"))
        .unwrap()
        .scene;
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    let morphed: Vec<(NodeId, usize)> = scene
        .nodes()
        .filter_map(|(id, node)| {
            let mesh = &scene.meshes[node.mesh?.index()];
            let targets = mesh.primitives.iter().map(|p| p.morph_targets.len()).max()?;
            (targets > 0).then_some((id, targets))
        })
        .collect();
    assert!(!morphed.is_empty(), "MorphStressTest has morphed meshes");
    for step in 0..3 {
        for (node, targets) in &morphed {
            let weights = (0..*targets)
                .map(|t| ((t + 1) as f32 * 0.37 + step as f32 * 0.61).sin())
                .collect();
            scene.node_mut(*node).unwrap().morph_weights = Some(weights);
        }
        frame(&ctx, &mut renderer, &scene);
        assert!(compare_with_reference(&ctx, &renderer, &scene, 1e-4) > 0);
    }
}

#[test]
fn a_still_pose_is_not_deformed_again() {
    let ctx = gpu();
    let mut scene = museion_gltf::import(shared("Fox/Fox.glb")).unwrap().scene;
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    bend_joints(&mut scene, 0.5);
    frame(&ctx, &mut renderer, &scene);
    assert_eq!(renderer.gpu_scene().deformed_instances(), 1);
    frame(&ctx, &mut renderer, &scene);
    assert_eq!(renderer.gpu_scene().deformed_instances(), 0, "nothing moved");
    bend_joints(&mut scene, 0.1);
    frame(&ctx, &mut renderer, &scene);
    assert_eq!(renderer.gpu_scene().deformed_instances(), 1);
    compare_with_reference(&ctx, &renderer, &scene, 1e-4);
}
