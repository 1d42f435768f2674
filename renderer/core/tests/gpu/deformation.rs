//! Skinning and morphing on the GPU against the CPU reference (`Primitive::deform`):
//! every vertex of the Fox and of MorphStressTest in several poses, a deformed instance
//! drawn where it was moved to, and a still pose that is not deformed again.

use super::{exact_settings, gpu, ortho_front};
use museion_renderer::{GpuContext, OffscreenTarget, Renderer, wgpu};
use museion_scene::glam::{Mat4, Quat, Vec3, Vec4};
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
        let rest = *scene.local_transform(joint).unwrap();
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
    // Each clip at three times, then joints bent beyond anything the clips do.
    for clip in 0..scene.animations.len() {
        let length = scene.animations[clip].duration();
        for share in [0.1, 0.45, 0.8] {
            museion_animation::pose_at(&mut scene, clip, share * length).unwrap();
            frame(&ctx, &mut renderer, &scene);
            let compared = compare_with_reference(&ctx, &renderer, &scene, 1e-4);
            assert_eq!(compared, 1728, "the Fox has 1,728 vertices");
        }
    }
    for phase in [0.7, -1.3] {
        bend_joints(&mut scene, phase);
        frame(&ctx, &mut renderer, &scene);
        assert_eq!(compare_with_reference(&ctx, &renderer, &scene, 1e-4), 1728);
    }
}

#[test]
fn morph_stress_test_morphed_on_the_gpu_matches_the_cpu_reference() {
    let ctx = gpu();
    let mut scene = museion_gltf::import(shared("MorphStressTest/MorphStressTest.gltf"))
        .unwrap()
        .scene;
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    assert!(
        scene
            .meshes
            .iter()
            .flat_map(|m| &m.primitives)
            .any(|p| p.morph_targets.len() == 8),
        "MorphStressTest has eight targets"
    );
    // Its clips at several times, then weights outside 0..1 set by hand.
    for clip in 0..scene.animations.len() {
        let length = scene.animations[clip].duration();
        for share in [0.2, 0.5, 0.9] {
            museion_animation::pose_at(&mut scene, clip, share * length).unwrap();
            frame(&ctx, &mut renderer, &scene);
            assert!(compare_with_reference(&ctx, &renderer, &scene, 1e-4) > 0);
        }
    }
    let morphed: Vec<(NodeId, usize)> = scene
        .nodes()
        .filter_map(|(id, node)| {
            let mesh = &scene.meshes[node.mesh?.index()];
            let targets = mesh.primitives.iter().map(|p| p.morph_targets.len()).max()?;
            (targets > 0).then_some((id, targets))
        })
        .collect();
    for (node, targets) in &morphed {
        let weights = (0..*targets)
            .map(|t| ((t + 1) as f32 * 0.37).sin() * 1.5)
            .collect();
        scene.node_mut(*node).unwrap().morph_weights = Some(weights);
    }
    frame(&ctx, &mut renderer, &scene);
    assert!(compare_with_reference(&ctx, &renderer, &scene, 1e-4) > 0);
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

/// A bar 2 m long at height 1 along +X, in two halves skinned to two joints (the second
/// at x = 1, a child of the first), over a grey floor, under a sun whose light travels
/// along (+1, -1, 0). Returns the scene and the second joint.
fn bar_over_floor() -> (Scene, NodeId) {
    use museion_scene::shapes::cuboid;
    use museion_scene::{Material, Mesh, Node, Skin};
    let mut scene = Scene::new();
    let grey = scene.add_material(Material::default());
    super::add_box(
        &mut scene,
        super::Box3 {
            centre: Vec3::new(1.5, -0.05, 0.0),
            half: Vec3::new(4.0, 0.05, 4.0),
        },
        grey,
    );
    let mut bar = cuboid(Vec3::new(0.5, 0.05, 0.1));
    let mut second = bar.clone();
    let n = bar.vertex_count();
    for p in &mut bar.positions {
        *p += Vec3::new(0.5, 1.0, 0.0);
    }
    for p in &mut second.positions {
        *p += Vec3::new(1.5, 1.0, 0.0);
    }
    let first_len = bar.vertex_count() as u32;
    bar.positions.extend(second.positions);
    bar.normals.extend(second.normals);
    bar.indices.extend(second.indices.iter().map(|i| i + first_len));
    bar.uv0 = None;
    bar.tangents = None;
    bar.joints = Some(
        [[0u16, 0, 0, 0]; 1]
            .repeat(n)
            .into_iter()
            .chain([[1, 0, 0, 0]; 1].repeat(n))
            .collect(),
    );
    bar.weights = Some(vec![Vec4::X; 2 * n]);
    bar.bounds = museion_scene::Bounds::from_points(&bar.positions);
    bar.material = Some(grey);
    bar.update_deform_bounds();
    let mesh = scene.add_mesh(Mesh::new(None, vec![bar]));
    let shoulder = scene
        .add_node(
            Node::new().with_transform(Transform::from_translation(Vec3::Y)),
            None,
        )
        .unwrap();
    let elbow = scene
        .add_node(
            Node::new().with_transform(Transform::from_translation(Vec3::X)),
            Some(shoulder),
        )
        .unwrap();
    scene.skins.push(Skin {
        name: None,
        joints: vec![shoulder, elbow],
        inverse_bind_matrices: vec![
            Mat4::from_translation(-Vec3::Y),
            Mat4::from_translation(-Vec3::new(1.0, 1.0, 0.0)),
        ],
        skeleton: Some(shoulder),
    });
    let mut node = Node::new().with_mesh(mesh);
    node.skin = Some(museion_scene::SkinId(0));
    scene.add_node(node, None).unwrap();
    super::add_sun(&mut scene, Vec3::new(-1.0, 1.0, 0.0), 3.0);
    scene.update_transforms();
    (scene, elbow)
}

/// The brightness of the floor near `at` (x, z) seen from straight above.
fn floor_brightness(
    image: &[[f32; 4]],
    camera: &museion_renderer::ViewCamera,
    size: u32,
    at: (f32, f32),
) -> f32 {
    let points = super::floor_points(camera, (size, size), 0.0);
    let (index, _) = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, (p.x - at.0).hypot(p.z - at.1))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    image[index][1]
}

#[test]
fn shadows_follow_the_pose() {
    let ctx = gpu();
    let (mut scene, elbow) = bar_over_floor();
    let mut settings = exact_settings();
    settings.shadows = museion_renderer::ShadowSettings::default();
    let mut camera =
        museion_renderer::ViewCamera::look_at(Vec3::new(1.5, 5.0, 0.001), Vec3::new(1.5, 0.0, 0.0), 1.0, 0.1);
    camera.projection = museion_renderer::CameraProjection::Orthographic {
        half_height: 2.5,
        znear: 0.1,
        zfar: 20.0,
    };
    let size = 96;
    // Straight: the outer half's shadow falls on x 2..3 along z = 0.
    let straight = super::render_radiance(&ctx, &scene, &camera, settings.clone(), size);
    let lit = floor_brightness(&straight, &camera, size, (3.5, 1.5));
    assert!(floor_brightness(&straight, &camera, size, (2.5, 0.0)) < 0.5 * lit);
    assert!(floor_brightness(&straight, &camera, size, (2.0, 0.6)) > 0.9 * lit);
    // Bent 90° about Y, the outer half points along +Z: its shadow runs along x = 2.
    let rest = *scene.local_transform(elbow).unwrap();
    let bent = Transform {
        rotation: Quat::from_rotation_y(-std::f32::consts::FRAC_PI_2),
        ..rest
    };
    scene.set_transform(elbow, bent).unwrap();
    scene.update_transforms();
    let bent = super::render_radiance(&ctx, &scene, &camera, settings, size);
    assert!(
        floor_brightness(&bent, &camera, size, (2.5, 0.0)) > 0.9 * lit,
        "the old shadow is gone"
    );
    assert!(
        floor_brightness(&bent, &camera, size, (2.0, 0.6)) < 0.5 * lit,
        "the new one is there"
    );
}

#[test]
fn a_two_bone_skin_bent_90_degrees_puts_its_tip_where_it_should_be() {
    let ctx = gpu();
    let (mut scene, elbow) = bar_over_floor();
    let rest = *scene.local_transform(elbow).unwrap();
    scene
        .set_transform(
            elbow,
            Transform {
                rotation: Quat::from_rotation_z(std::f32::consts::FRAC_PI_2),
                ..rest
            },
        )
        .unwrap();
    scene.update_transforms();
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    frame(&ctx, &mut renderer, &scene);
    let node = scene
        .instances()
        .find(|i| scene.node(i.node).unwrap().skin.is_some())
        .unwrap()
        .node;
    let vertices = renderer
        .gpu_scene()
        .read_deformed(&ctx, node, 0)
        .unwrap()
        .unwrap();
    // The outer half's end face (bind x = 2) turns about the elbow (1, 1) by 90° about
    // +Z: (1 + 1, 1 + y, z) goes to (1 - y, 1 + 1, z).
    let primitive = &scene.meshes[1].primitives[0];
    let mut tips = 0;
    for (bind, posed) in primitive.positions.iter().zip(&vertices) {
        if (bind.x - 2.0).abs() < 1e-6 {
            let expected = Vec3::new(1.0 - (bind.y - 1.0), 2.0, bind.z);
            let got = Vec3::from_array(posed.position);
            assert!(
                got.distance(expected) < 1e-5,
                "tip vertex at {got}, expected {expected}"
            );
            tips += 1;
        }
    }
    assert!(tips >= 4, "the end face's corners were checked");
}

#[test]
fn a_thousand_foxes_beyond_one_storage_binding_are_all_deformed() {
    let ctx = gpu();
    let fox = museion_gltf::import(shared("Fox/Fox.glb")).unwrap().scene;
    let mut scene = museion_procedural::crowd(&fox, 1000, 3).scene;
    bend_joints(&mut scene, 0.9);
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    frame(&ctx, &mut renderer, &scene);
    assert_eq!(renderer.gpu_scene().deformed_instances(), 1000);
    // The pool holding the copies grows past what many adapters bind at once
    // (lavapipe: 128 MiB), so the pass works in windows of it.
    eprintln!(
        "geometry in the pool: {} MiB; one storage binding: {} MiB",
        renderer.gpu_scene().geometry_bytes() >> 20,
        ctx.device.limits().max_storage_buffer_binding_size >> 20
    );
    // Every hundredth fox against the reference.
    let skinned: Vec<_> = scene
        .instances()
        .filter(|i| scene.node(i.node).unwrap().skin.is_some())
        .collect();
    assert_eq!(skinned.len(), 1000);
    for instance in skinned.iter().step_by(100) {
        let primitive = &scene.meshes[instance.mesh.index()].primitives[instance.primitive];
        let joints = scene.joint_matrices(instance.node).unwrap();
        let expected = primitive.deform(Some(&joints), &[]);
        let got = renderer
            .gpu_scene()
            .read_deformed(&ctx, instance.node, instance.primitive)
            .unwrap()
            .unwrap();
        let error = worst(
            got.iter().map(|v| Vec3::from_array(v.position).extend(0.0)),
            expected.positions.iter().map(|p| p.extend(0.0)),
            100.0,
        );
        assert!(error < 1e-4, "fox at {:?}: off by {error}", instance.node);
    }
}

/// The bar of [`bar_over_floor`] made flat shaded (unindexed, each corner with its face's
/// normal) with tangents and a morph target, so the pass's second step (each point
/// deformed once, copied to the corners that share it) carries tangents and morphs.
fn flat_bar_with_tangents(scene: &mut Scene) {
    use museion_scene::MorphTarget;
    let bar = &mut scene.meshes[1].primitives[0];
    let corners: Vec<usize> = bar.indices.iter().map(|&i| i as usize).collect();
    let pick = |list: &[Vec3]| corners.iter().map(|&c| list[c]).collect::<Vec<_>>();
    let positions = pick(&bar.positions);
    bar.normals = positions
        .chunks_exact(3)
        .flat_map(|t| [(t[1] - t[0]).cross(t[2] - t[0]).normalize(); 3])
        .collect();
    bar.tangents = Some(
        positions
            .iter()
            .map(|p| Vec3::new(1.0, p.y, 0.5).normalize().extend(1.0))
            .collect(),
    );
    bar.morph_targets = vec![MorphTarget {
        positions: positions.iter().map(|p| Vec3::new(0.0, 0.2 * p.x, 0.1)).collect(),
        normals: Vec::new(),
        tangents: positions.iter().map(|p| Vec3::new(0.0, 0.0, 0.3 * p.x)).collect(),
    }];
    bar.joints = bar
        .joints
        .as_ref()
        .map(|j| corners.iter().map(|&c| j[c]).collect());
    bar.weights = bar
        .weights
        .as_ref()
        .map(|w| corners.iter().map(|&c| w[c]).collect());
    bar.positions = positions;
    bar.indices = (0..corners.len() as u32).collect();
    assert!(bar.has_flat_normals());
    bar.update_deform_bounds();
}

#[test]
fn a_flat_shaded_primitive_with_tangents_and_morphs_matches_the_cpu_reference() {
    let ctx = gpu();
    let (mut scene, elbow) = bar_over_floor();
    flat_bar_with_tangents(&mut scene);
    let bar = scene
        .instances()
        .find(|i| scene.node(i.node).unwrap().skin.is_some())
        .unwrap()
        .node;
    scene.node_mut(bar).unwrap().morph_weights = Some(vec![0.7]);
    let rest = *scene.local_transform(elbow).unwrap();
    scene
        .set_transform(
            elbow,
            Transform {
                rotation: Quat::from_rotation_z(1.1) * Quat::from_rotation_x(0.4),
                ..rest
            },
        )
        .unwrap();
    scene.update_transforms();
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    frame(&ctx, &mut renderer, &scene);
    assert_eq!(compare_with_reference(&ctx, &renderer, &scene, 1e-4), 72);
}
