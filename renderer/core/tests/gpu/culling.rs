//! The culling core against its references: frustum results equal the CPU reference over
//! seeded random poses, occlusion never hides what is visible, images match with culling
//! off, no instance is drawn twice and the counts equal the arguments written.

use crate::gpu;
use museion_procedural::{self as procedural, Rng};
use museion_renderer::culling::{CullReadback, CullView};
use museion_renderer::wgpu;
use museion_renderer::{CullMode, CullSettings, GpuContext, GpuScene, RenderSettings, Renderer, ViewCamera};
use museion_scene::glam::{Quat, Vec3};
use museion_scene::shapes;
use museion_scene::{Material, Mesh, Node, Scene, Sphere, Transform};
use std::collections::HashSet;
use std::f32::consts::{PI, TAU};

const SIZE: (u32, u32) = (96, 64);

/// A seeded random scene: boxes and spheres of random size, rotation and (sometimes
/// non-uniform) scale in a 200 m cube, two of them dense enough to get levels of detail.
fn random_scene(seed: u64, count: u32) -> Scene {
    let mut rng = Rng::new(seed);
    let mut scene = Scene::new();
    let material = scene.add_material(Material::default());
    let mut mesh = |primitive: museion_scene::Primitive| {
        let mut primitive = primitive;
        primitive.material = Some(material);
        scene.add_mesh(Mesh::new(None, vec![primitive]))
    };
    let meshes = [
        mesh(shapes::cuboid(Vec3::new(0.5, 1.0, 0.25))),
        mesh(shapes::uv_sphere(12, 8)),
        mesh(shapes::uv_sphere(96, 48)),
    ];
    for _ in 0..count {
        let position = Vec3::new(
            rng.range(-100.0, 100.0),
            rng.range(-100.0, 100.0),
            rng.range(-100.0, 100.0),
        );
        let axis = Vec3::new(rng.range(-1.0, 1.0), rng.range(-1.0, 1.0), 1.0).normalize();
        let scale = if rng.below(4) == 0 {
            Vec3::new(rng.range(0.2, 6.0), rng.range(0.2, 6.0), rng.range(0.2, 6.0))
        } else {
            Vec3::splat(rng.range(0.05, 8.0))
        };
        let transform = Transform {
            translation: position,
            rotation: Quat::from_axis_angle(axis, rng.range(0.0, TAU)),
            scale,
        };
        let mesh = meshes[rng.below(meshes.len() as u32) as usize];
        scene
            .add_node(Node::new().with_mesh(mesh).with_transform(transform), None)
            .expect("node");
    }
    scene
}

/// A random pose inside or around the scene, with a random field of view and near plane.
fn random_camera(rng: &mut Rng) -> ViewCamera {
    let eye = Vec3::new(
        rng.range(-150.0, 150.0),
        rng.range(-150.0, 150.0),
        rng.range(-150.0, 150.0),
    );
    let direction = Vec3::new(rng.range(-1.0, 1.0), rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
    let direction = if direction.length() < 1e-3 {
        Vec3::X
    } else {
        direction
    };
    let fov = rng.range(20.0, 110.0).to_radians();
    ViewCamera::look_at(eye, eye + direction, fov, rng.range(0.05, 2.0))
}

/// Settings for the culling tests: they check the camera's passes, so shadow maps
/// (tested in shadows.rs) stay off rather than multiply the cost of every frame.
fn culling_settings(msaa: u32, culling: CullSettings, instance_ids: bool) -> RenderSettings {
    let mut settings = RenderSettings {
        msaa,
        culling,
        instance_ids,
        ..RenderSettings::default()
    };
    settings.shadows.enabled = false;
    settings
}

fn renderer(ctx: &GpuContext, culling: CullSettings, instance_ids: bool) -> Renderer {
    Renderer::new(ctx, culling_settings(1, culling, instance_ids)).expect("renderer")
}

fn render(
    ctx: &GpuContext,
    renderer: &mut Renderer,
    camera: &ViewCamera,
    size: (u32, u32),
) -> image::RgbaImage {
    let target =
        museion_renderer::OffscreenTarget::new(ctx, size.0, size.1, wgpu::TextureFormat::Rgba8UnormSrgb)
            .expect("target");
    renderer
        .render(ctx, camera, &target.view, target.format(), size)
        .expect("frame");
    target.read_rgba8(ctx).expect("readback")
}

/// Instances drawn, checking on the way that none is drawn twice and that every batch's
/// count equals the instance count of the command written for it.
fn drawn_checked(readback: &CullReadback, scene: &GpuScene) -> HashSet<u32> {
    let drawn = readback.drawn_instances(scene);
    let unique: HashSet<u32> = drawn.iter().copied().collect();
    assert_eq!(
        unique.len(),
        drawn.len(),
        "an instance was drawn twice in one frame"
    );
    let executed = readback.executed(scene);
    for (c, chunk) in readback.chunks.iter().enumerate() {
        for (p, phase) in chunk.phases.iter().enumerate() {
            for (b, batch) in chunk.batches.iter().enumerate() {
                let written: u32 = executed
                    .iter()
                    .filter(|d| {
                        let command = &d.command;
                        (d.chunk, d.phase) == (c, p)
                            && (command.first_instance, command.first_index, command.base_vertex)
                                == (batch.list_offset, batch.first_index, batch.base_vertex)
                    })
                    .map(|d| d.command.instance_count)
                    .sum();
                assert_eq!(
                    phase.counts[b], written,
                    "chunk {c} phase {p} batch {b}: count and arguments differ"
                );
            }
        }
    }
    unique
}

/// Signed distance of a sphere's surface to the nearest frustum plane, relative to the
/// size of the numbers involved: near 0 the result depends on rounding.
fn plane_margin(view: &CullView, s: [f32; 4]) -> f32 {
    let center = Vec3::new(s[0], s[1], s[2]);
    view.frustum
        .planes
        .iter()
        .map(|p| {
            let d = p.truncate().dot(center) + p.w + s[3];
            d.abs() / (center.length() + p.w.abs() + s[3]).max(1.0)
        })
        .fold(f32::INFINITY, f32::min)
}

fn frustum_matches_reference(ctx: &GpuContext, culling: CullSettings, poses: u32, seed: u64) {
    let scene = random_scene(seed, 3000);
    let mut renderer = renderer(ctx, culling, false);
    renderer.prepare(ctx, &scene).expect("prepare");
    let mut rng = Rng::new(seed ^ 0x5eed);
    let (mut compared, mut borderline, mut visible) = (0u64, 0u64, 0u64);
    for pose in 0..poses {
        let camera = random_camera(&mut rng);
        render(ctx, &mut renderer, &camera, SIZE);
        let gpu_scene = renderer.gpu_scene();
        let readback = renderer.read_culling(ctx).expect("readback");
        assert_eq!(readback.mode, CullMode::GpuFrustum);
        let drawn = drawn_checked(&readback, gpu_scene);
        let view = CullView::new(&camera, SIZE);
        for (id, sphere) in gpu_scene.spheres().iter().enumerate() {
            if plane_margin(&view, *sphere) < 1e-5 {
                borderline += 1;
                continue;
            }
            let bounds = Sphere {
                center: Vec3::new(sphere[0], sphere[1], sphere[2]),
                radius: sphere[3],
            };
            let expected = view.frustum.intersects_sphere(&bounds);
            assert_eq!(
                drawn.contains(&(id as u32)),
                expected,
                "pose {pose}: instance {id} {sphere:?}: GPU and CPU frustum tests disagree"
            );
            compared += 1;
            visible += u64::from(expected);
        }
    }
    // The poses must exercise both outcomes, and rounding must decide almost nothing.
    assert!(
        visible > compared / 50 && visible < compared,
        "{visible} of {compared} visible"
    );
    assert!(
        borderline < compared / 1000,
        "{borderline} borderline of {compared}"
    );
}

#[test]
fn gpu_frustum_culling_equals_the_cpu_reference_over_1000_poses() {
    let culling = CullSettings {
        mode: CullMode::GpuFrustum,
        lod: false,
        ..CullSettings::default()
    };
    frustum_matches_reference(&gpu(), culling, 1000, 7);
}

#[test]
fn frustum_culling_is_the_same_across_many_chunks() {
    // 3000 instances in chunks of 256: twelve chunks, each with its own lists.
    let culling = CullSettings {
        mode: CullMode::GpuFrustum,
        lod: false,
        max_chunk_instances: 256,
        ..CullSettings::default()
    };
    frustum_matches_reference(&gpu(), culling, 60, 11);
}

#[test]
fn without_the_indirect_count_feature_fixed_command_slots_give_the_same_results() {
    let ctx = gpu();
    // A second device on the same adapter, without MULTI_DRAW_INDIRECT_COUNT: commands
    // go to one slot per batch and are drawn with multi_draw_indexed_indirect.
    let features = ctx.device.features() - wgpu::Features::MULTI_DRAW_INDIRECT_COUNT;
    let (device, queue) = pollster::block_on(ctx.adapter.request_device(&wgpu::DeviceDescriptor {
        label: Some("no indirect count"),
        required_features: features,
        required_limits: ctx.device.limits(),
        ..Default::default()
    }))
    .expect("device");
    let fallback =
        GpuContext::from_parts(ctx.instance.clone(), ctx.adapter.clone(), device, queue).expect("context");
    assert!(!fallback.has(wgpu::Features::MULTI_DRAW_INDIRECT_COUNT));
    let culling = CullSettings {
        mode: CullMode::GpuFrustum,
        lod: false,
        max_chunk_instances: 1024,
        ..CullSettings::default()
    };
    frustum_matches_reference(&fallback, culling, 60, 13);
}

#[test]
fn levels_of_detail_and_small_objects_follow_the_cpu_reference() {
    let ctx = gpu();
    let scene = random_scene(3, 2000);
    let culling = CullSettings {
        mode: CullMode::GpuFrustum,
        lod: true,
        small_object_pixels: 2.0,
        ..CullSettings::default()
    };
    let mut renderer = renderer(&ctx, culling, false);
    renderer.prepare(&ctx, &scene).expect("prepare");
    let gpu_scene = renderer.gpu_scene();
    assert!(
        gpu_scene.groups().iter().any(|g| g.lods.len() > 1),
        "the dense sphere gets levels of detail"
    );
    let mut rng = Rng::new(99);
    let (mut coarser, mut small) = (0, 0);
    for pose in 0..100 {
        let camera = random_camera(&mut rng);
        render(&ctx, &mut renderer, &camera, SIZE);
        let gpu_scene = renderer.gpu_scene();
        let readback = renderer.read_culling(&ctx).expect("readback");
        drawn_checked(&readback, gpu_scene);
        let drawn: std::collections::HashMap<u32, u32> =
            readback.drawn_triangles(gpu_scene).into_iter().collect();
        let view = CullView::new(&camera, SIZE);
        for (id, sphere) in gpu_scene.spheres().iter().enumerate() {
            let group = gpu_scene.group_of()[id];
            let info = &gpu_scene.groups()[group as usize];
            let lod_pixels = gpu_scene.lod_pixels(group);
            let center = Vec3::new(sphere[0], sphere[1], sphere[2]);
            let pixels = view.projected_pixels(center, sphere[3]);
            // Sizes within rounding of a threshold may go either way.
            let steps = 2.0 * (lod_pixels / pixels).log2();
            let near_threshold = (pixels / culling.small_object_pixels - 1.0).abs() < 1e-4
                || (info.lods.len() > 1 && (steps - steps.round()).abs() < 1e-3);
            if near_threshold || plane_margin(&view, *sphere) < 1e-5 {
                continue;
            }
            let expected = view
                .classify(*sphere, &culling, lod_pixels, info.lods.len() as u32)
                .map(|lod| info.lods[lod as usize].triangles());
            assert_eq!(
                drawn.get(&(id as u32)).copied(),
                expected,
                "pose {pose}: instance {id}"
            );
            coarser += usize::from(expected.is_some_and(|t| t < info.lods[0].triangles()));
            small += usize::from(
                expected.is_none()
                    && view.frustum.intersects_sphere(&Sphere {
                        center,
                        radius: sphere[3],
                    }),
            );
        }
    }
    assert!(
        coarser > 0 && small > 0,
        "coarser levels drawn {coarser}, small objects culled {small}"
    );
}

/// Poses of a walk through the halls with teleports (jumps along the path) and fast turns
/// (the view swung by up to 180° from one frame to the next).
fn walk_poses(bench: &procedural::BenchScene, count: u32) -> Vec<ViewCamera> {
    let mut rng = Rng::new(5);
    let mut frame = 0u32;
    (0..count)
        .map(|i| {
            frame += match i % 20 {
                0 => rng.below(bench.frames_per_loop().max(1)), // teleport
                _ => 3,
            };
            let pose = bench.camera(frame);
            let ahead = pose.target - pose.eye;
            let turn = if i % 7 == 3 { rng.range(-PI, PI) } else { 0.0 };
            let target = pose.eye + Quat::from_rotation_y(turn) * ahead;
            ViewCamera::look_at(pose.eye, target, bench.fov_y, bench.znear)
        })
        .collect()
}

/// Culling settings of the occlusion tests: full detail, and chunks of 256 instances, so
/// that the culled renderer keeps several chunks' visibility.
fn chunked(mode: CullMode) -> CullSettings {
    CullSettings {
        mode,
        lod: false,
        max_chunk_instances: 256,
        ..CullSettings::default()
    }
}

/// The instances the last frame's instance-id buffer shows.
fn shown(renderer: &Renderer, ctx: &GpuContext) -> HashSet<u32> {
    renderer
        .read_instance_ids(ctx)
        .expect("ids")
        .into_iter()
        .filter(|&id| id > 0)
        .map(|id| id - 1)
        .collect()
}

#[test]
fn occlusion_culling_never_hides_a_visible_instance_and_changes_no_pixel() {
    let ctx = gpu();
    let bench = procedural::halls(16, 10, 3);
    let size = (192, 108);
    let mut reference = renderer(&ctx, chunked(CullMode::None), true);
    let mut culled = renderer(&ctx, chunked(CullMode::GpuOcclusion), true);
    // With 4× MSAA the late pass reads the pyramid only (no single-sampled depth).
    let mut multisampled =
        Renderer::new(&ctx, culling_settings(4, chunked(CullMode::GpuOcclusion), false)).expect("renderer");
    reference.prepare(&ctx, &bench.scene).expect("prepare");
    culled.prepare(&ctx, &bench.scene).expect("prepare");
    multisampled.prepare(&ctx, &bench.scene).expect("prepare");
    let total = culled.gpu_scene().instance_count() as usize;
    assert!(total > 256, "{total} instances: at least two chunks");
    let (mut hidden, mut frames) = (0usize, 0usize);
    for (pose, camera) in walk_poses(&bench, 150).iter().enumerate() {
        let expected_image = render(&ctx, &mut reference, camera, size);
        let ids = reference.read_instance_ids(&ctx).expect("ids");
        let visible: HashSet<u32> = ids
            .iter()
            .copied()
            .filter(|&id| id > 0)
            .map(|id| id - 1)
            .collect();
        let image = render(&ctx, &mut culled, camera, size);
        let readback = culled.read_culling(&ctx).expect("readback");
        assert_eq!(readback.mode, CullMode::GpuOcclusion);
        let drawn = drawn_checked(&readback, culled.gpu_scene());
        let missing: Vec<_> = visible.difference(&drawn).collect();
        if let Some(&&id) = missing.first() {
            let pixels: Vec<(usize, usize)> = ids
                .iter()
                .enumerate()
                .filter(|(_, v)| **v == id + 1)
                .map(|(i, _)| (i % size.0 as usize, i / size.0 as usize))
                .collect();
            let culled_ids = culled.read_instance_ids(&ctx).expect("ids");
            let there: HashSet<u32> = pixels
                .iter()
                .map(|(x, y)| culled_ids[y * size.0 as usize + x])
                .collect();
            let spheres: Vec<_> = there
                .iter()
                .filter(|&&i| i > 0)
                .map(|&i| culled.gpu_scene().spheres()[i as usize - 1])
                .collect();
            panic!(
                "pose {pose}: visible instances {missing:?} were culled; there instead {there:?} {spheres:?}; {id}: sphere {:?}, eye {:?}, view {:?}, pixels {pixels:?}",
                culled.gpu_scene().spheres()[id as usize],
                camera.position(),
                camera.view
            );
        }
        let differing = image
            .pixels()
            .zip(expected_image.pixels())
            .filter(|(a, b)| (0..3).any(|k| a.0[k].abs_diff(b.0[k]) > 2))
            .count();
        assert!(
            differing * 1000 <= image.pixels().len(),
            "pose {pose}: {differing} pixels differ from the unculled image"
        );
        render(&ctx, &mut multisampled, camera, size);
        let drawn_msaa = drawn_checked(
            &multisampled.read_culling(&ctx).expect("readback"),
            multisampled.gpu_scene(),
        );
        let missing: Vec<_> = visible.difference(&drawn_msaa).collect();
        assert!(
            missing.is_empty(),
            "pose {pose}, 4× MSAA: visible instances {missing:?} were culled"
        );
        hidden += total - drawn.len();
        frames += 1;
    }
    // The walls must hide most of the museum, or the test shows nothing.
    assert!(
        hidden > frames * total / 2,
        "only {hidden} instance-frames culled of {}",
        frames * total
    );
}

/// Foxes in the halls, each standing a few metres ahead of the walk at one of its
/// frames, scaled to 1.5 m; returns their mesh nodes' joints for posing.
fn halls_with_foxes(bench: &mut procedural::BenchScene, count: u32) -> (Vec<museion_scene::NodeId>, f32) {
    let fox = museion_gltf::import(museion_testkit::shared_model("Fox/Fox.glb"))
        .expect("the Fox")
        .scene;
    let size = fox.stats().bounds.size().max_element();
    let offsets = bench.scene.append_assets(&fox);
    for k in 0..count {
        let pose = bench.camera(k * 37);
        let ahead = (pose.target - pose.eye).with_y(0.0).normalize_or_zero();
        let at = (pose.eye + ahead * 3.0).with_y(0.0);
        let root = Node::new().with_transform(Transform {
            translation: at,
            rotation: Quat::from_rotation_y(k as f32),
            scale: Vec3::splat(1.5 / size),
        });
        let root = bench.scene.add_node(root, None).expect("root");
        bench.scene.append_nodes(&fox, Some(root), offsets).expect("fox");
    }
    let joints = bench.scene.skins.iter().flat_map(|s| s.joints.clone()).collect();
    (joints, 1.5 / size)
}

#[test]
fn occlusion_culling_never_hides_an_animated_instance() {
    let ctx = gpu();
    let mut bench = procedural::halls(9, 6, 11);
    let (joints, fox_scale) = halls_with_foxes(&mut bench, 12);
    let mut reference = renderer(&ctx, chunked(CullMode::None), true);
    let mut culled = renderer(&ctx, chunked(CullMode::GpuOcclusion), true);
    let size = (160, 90);
    let rest: Vec<Transform> = joints
        .iter()
        .map(|j| *bench.scene.local_transform(*j).expect("joint"))
        .collect();
    let mut foxes_seen = 0;
    let roots: HashSet<museion_scene::NodeId> = bench.scene.skins.iter().map(|s| s.joints[0]).collect();
    for (pose, camera) in walk_poses(&bench, 60).iter().enumerate() {
        // Swing every joint far from its rest pose, differently each frame, and carry
        // each skeleton's root up to 4 m (in the fox's units) away from where the mesh
        // node stands, so the posed bounds are far from the bind pose's.
        for (i, (joint, rest)) in joints.iter().zip(&rest).enumerate() {
            let angle = ((pose * 7 + i) as f32 * 0.9).sin() * 1.2;
            let mut turned = Transform {
                rotation: rest.rotation * Quat::from_rotation_x(angle),
                ..*rest
            };
            if roots.contains(joint) {
                let swing = ((pose + i) as f32 * 0.7).sin() * 4.0 / fox_scale;
                turned.translation += Vec3::new(swing, 0.0, swing * 0.5);
            }
            bench.scene.set_transform(*joint, turned).expect("joint");
        }
        bench.scene.update_transforms();
        reference.prepare(&ctx, &bench.scene).expect("prepare");
        culled.prepare(&ctx, &bench.scene).expect("prepare");
        render(&ctx, &mut reference, camera, size);
        let visible = shown(&reference, &ctx);
        render(&ctx, &mut culled, camera, size);
        let drawn = drawn_checked(&culled.read_culling(&ctx).expect("readback"), culled.gpu_scene());
        let missing: Vec<_> = visible.difference(&drawn).collect();
        assert!(missing.is_empty(), "pose {pose}: visible {missing:?} culled");
        let deformed = culled.gpu_scene().deformed_instances();
        assert!(deformed > 0, "pose {pose}: the foxes moved and were deformed");
        foxes_seen += visible
            .iter()
            .filter(|&&id| id as usize >= culled.gpu_scene().instance_count() as usize - 12)
            .count();
    }
    assert!(
        foxes_seen > 10,
        "the walk sees the foxes ({foxes_seen} fox-frames)"
    );
}
