//! Clustered lighting against the brute-force loop over every light: seeded scenes of
//! 200 point and spot lights (some huge, some tiny, some behind the camera) render the
//! same, pixel for pixel, with every cluster configuration tried; one that forces lists
//! to overflow says so in its statistics.

use super::{Box3, add_box, add_light, add_sun, exact_settings, gpu, render_radiance};
use museion_procedural::Rng;
use museion_renderer::{ClusterSettings, Renderer, ViewCamera};
use museion_scene::glam::{Vec3, Vec4};
use museion_scene::{LightKind, Material, Scene};

/// A floor with boxes standing on it, a sun, and `count` point and spot lights.
fn gallery(seed: u64, count: usize) -> Scene {
    let mut scene = Scene::new();
    let grey = scene.add_material(Material {
        base_color_factor: Vec4::new(0.7, 0.7, 0.7, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 0.6,
        ..Material::default()
    });
    add_box(
        &mut scene,
        Box3 {
            centre: Vec3::new(0.0, -0.05, -10.0),
            half: Vec3::new(20.0, 0.05, 20.0),
        },
        grey,
    );
    let mut rng = Rng::new(seed);
    for _ in 0..12 {
        let centre = Vec3::new(rng.range(-6.0, 6.0), 0.5, rng.range(-25.0, 2.0));
        add_box(
            &mut scene,
            Box3 {
                centre,
                half: Vec3::new(rng.range(0.2, 1.0), 0.5, rng.range(0.2, 1.0)),
            },
            grey,
        );
    }
    add_sun(&mut scene, Vec3::new(0.3, 1.0, 0.2), 0.2);
    for i in 0..count {
        // Mostly in view, some behind the camera (z > 4).
        let position = Vec3::new(
            rng.range(-10.0, 10.0),
            rng.range(0.2, 4.0),
            rng.range(-30.0, 10.0),
        );
        // Tiny, ordinary, huge, and unbounded (an effective range from the intensity).
        let range = match i % 4 {
            0 => Some(rng.range(0.1, 0.5)),
            1 => Some(rng.range(1.0, 5.0)),
            2 => Some(rng.range(50.0, 200.0)),
            _ => None,
        };
        let intensity = rng.range(0.05, 3.0);
        let down = Vec3::new(rng.range(-0.5, 0.5), -1.0, rng.range(-0.5, 0.5));
        let kind = if i % 3 == 0 {
            LightKind::Point
        } else {
            let outer = rng.range(0.2, 1.4);
            LightKind::Spot {
                inner_cone_angle: outer * rng.range(0.0, 0.9),
                outer_cone_angle: outer,
            }
        };
        add_light(&mut scene, kind, intensity, range, position, down);
    }
    scene
}

fn camera() -> ViewCamera {
    ViewCamera::look_at(Vec3::new(0.0, 2.0, 4.0), Vec3::new(0.0, 0.5, -10.0), 1.0, 0.1)
}

/// Straight down on the floor, orthographic (linear depth slices).
fn camera_above() -> ViewCamera {
    let mut camera = ViewCamera::look_at(
        Vec3::new(0.0, 12.0, -10.0),
        Vec3::new(0.0, 0.0, -10.001),
        1.0,
        0.1,
    );
    camera.projection = museion_renderer::CameraProjection::Orthographic {
        half_height: 14.0,
        znear: 0.5,
        zfar: 30.0,
    };
    camera
}

fn clustered(clusters: ClusterSettings) -> museion_renderer::RenderSettings {
    museion_renderer::RenderSettings {
        clusters,
        ..exact_settings()
    }
}

/// The largest difference between two renders, relative to the brighter of each pair
/// of pixels (absolute below 1).
fn worst(a: &[[f32; 4]], b: &[[f32; 4]]) -> f32 {
    a.iter()
        .zip(b)
        .flat_map(|(p, q)| (0..3).map(move |c| (p[c] - q[c]).abs() / p[c].abs().max(q[c].abs()).max(1.0)))
        .fold(0.0, f32::max)
}

#[test]
fn clustered_shading_equals_the_loop_over_every_light() {
    let ctx = gpu();
    let scene = gallery(7, 200);
    for camera in [camera(), camera_above()] {
        compare_configurations(&ctx, &scene, &camera);
    }
}

fn compare_configurations(ctx: &museion_renderer::GpuContext, scene: &Scene, camera: &ViewCamera) {
    let size = 96;
    let brute = render_radiance(
        ctx,
        scene,
        camera,
        clustered(ClusterSettings {
            enabled: false,
            ..ClusterSettings::default()
        }),
        size,
    );
    let lit = brute.iter().filter(|p| p[0] > 0.01).count();
    assert!(lit > brute.len() / 2, "most of the view is lit: {lit}");
    let configurations = [
        ClusterSettings::default(),
        ClusterSettings {
            tile_size: 8,
            slices: 64,
            ..ClusterSettings::default()
        },
        // One slice: a tile's whole depth, reached by more lights than the default
        // lists hold.
        ClusterSettings {
            tile_size: 32,
            slices: 1,
            capacity: 256,
            ..ClusterSettings::default()
        },
        ClusterSettings {
            tile_size: 200,
            slices: 7,
            capacity: 200,
            ..ClusterSettings::default()
        },
    ];
    for settings in configurations {
        let image = render_radiance(ctx, scene, camera, clustered(settings), size);
        let off = worst(&image, &brute);
        assert!(off <= 1e-3, "{settings:?} {:?}: off by {off}", camera.projection);
    }
}

#[test]
fn the_statistics_count_lights_and_a_list_that_overflows() {
    let ctx = gpu();
    let scene = gallery(11, 200);
    let render = |settings: ClusterSettings| {
        let mut renderer = Renderer::new(&ctx, clustered(settings)).unwrap();
        renderer.render_image(&ctx, &scene, &camera(), 64, 64).unwrap();
        renderer.read_cluster_stats(&ctx).unwrap()
    };
    let roomy = render(ClusterSettings::default());
    assert_eq!(roomy.lights, 201, "200 lights and the sun");
    assert!(roomy.visible > 1 && roomy.visible < 201, "{roomy:?}");
    assert_eq!(roomy.clusters, 48);
    assert!(
        roomy.max_per_cluster > 0 && roomy.max_per_cluster < 200,
        "{roomy:?}"
    );
    assert!(roomy.mean_per_cluster > 0.0, "{roomy:?}");
    assert_eq!((roomy.overflowed_clusters, roomy.dropped), (0, 0));
    let cramped = render(ClusterSettings {
        capacity: 2,
        ..ClusterSettings::default()
    });
    assert!(cramped.overflowed_clusters > 0, "{cramped:?}");
    // The same lights reach the same clusters; each full list keeps two.
    assert_eq!(cramped.mean_per_cluster, roomy.mean_per_cluster);
    assert_eq!(cramped.max_per_cluster, roomy.max_per_cluster);
    let reached = (roomy.mean_per_cluster * roomy.clusters as f32).round() as u32;
    assert!(cramped.dropped >= reached - 2 * roomy.clusters, "{cramped:?}");
    assert!(
        cramped.dropped <= reached - 2 * cramped.overflowed_clusters,
        "{cramped:?}"
    );
}
