//! Shadows: a box on a floor under a directional, a spot and a point light, and a long
//! floor at a grazing angle across every cascade. Umbra pixels (found by casting a ray
//! from the floor point toward the light on the CPU) must be as dark as the light model
//! says — only the environment's light remains — and pixels the box cannot shadow must
//! be exactly as without shadows.

use super::*;
use museion_renderer::CullMode;
use museion_scene::glam::Vec4;

impl Box3 {
    /// Whether the segment from `p` toward `light` (a point, or a direction when
    /// `directional`) passes through the box grown by `margin` (negative shrinks it).
    fn blocks(&self, p: Vec3, light: Vec3, directional: bool, margin: f32) -> bool {
        let (dir, length) = if directional {
            (light.normalize(), 1e4)
        } else {
            ((light - p).normalize(), (light - p).length())
        };
        let half = self.half + margin;
        let (mut near, mut far) = (0.0f32, length);
        for axis in 0..3 {
            let (o, d) = (p[axis] - self.centre[axis], dir[axis]);
            if d.abs() < 1e-9 {
                if o.abs() > half[axis] {
                    return false;
                }
                continue;
            }
            let (a, b) = ((-half[axis] - o) / d, (half[axis] - o) / d);
            near = near.max(a.min(b));
            far = far.min(a.max(b));
        }
        near <= far
    }
}

/// Where the light is: a point, or the direction toward it.
#[derive(Clone, Copy)]
enum Source {
    Toward(Vec3),
    At(Vec3, LightKind, f32),
}

/// Floor and casters, lit by `source` at `intensity` plus a uniform environment.
fn stage(floor: Box3, casters: &[Box3], source: Source, intensity: f32) -> Scene {
    let mut scene = Scene::new();
    let grey = scene.add_material(Material {
        base_color_factor: Vec4::new(0.6, 0.6, 0.6, 1.0),
        metallic_factor: 0.0,
        roughness_factor: 1.0,
        ..Material::default()
    });
    add_box(&mut scene, floor, grey);
    for caster in casters {
        add_box(&mut scene, *caster, grey);
    }
    match source {
        Source::Toward(toward) => add_light(
            &mut scene,
            LightKind::Directional,
            intensity,
            None,
            Vec3::ZERO,
            -toward,
        ),
        Source::At(position, kind, aim_height) => add_light(
            &mut scene,
            kind,
            intensity,
            None,
            position,
            Vec3::new(0.0, aim_height, 0.0) - position,
        ),
    }
    scene
}

/// Radiance (red channel) and instance ids of `scene` from `camera`.
fn render_with_ids(
    ctx: &GpuContext,
    scene: &Scene,
    camera: &ViewCamera,
    shadows: bool,
    size: (u32, u32),
) -> (Vec<f32>, Vec<u32>) {
    let mut settings = exact_settings();
    settings.environment.source = EnvironmentSource::Uniform([0.2; 3]);
    settings.shadows.enabled = shadows;
    settings.instance_ids = true;
    let target = OffscreenTarget::new(ctx, size.0, size.1, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.prepare(ctx, scene).unwrap();
    renderer
        .render(ctx, camera, &target.view, target.format(), size)
        .unwrap();
    let ids = renderer.read_instance_ids(ctx).unwrap();
    let pixels = target.read_rgba32f(ctx).unwrap();
    (pixels.iter().map(|p| p[0]).collect(), ids)
}

/// Pixel classes on the floor: in the umbra, and surely lit.
struct Classes {
    umbra: Vec<usize>,
    lit: Vec<usize>,
}

/// `margin(p)`: how far from the shadow's edge a point must be to be classified (the
/// filter's width grows with the cascade's texels).
fn classify(
    points: &[Option<Vec3>],
    ids: &[u32],
    floor_id: u32,
    casters: &[Box3],
    source: Source,
    margin: impl Fn(Vec3) -> f32,
    keep: impl Fn(Vec3) -> bool,
) -> Classes {
    let mut classes = Classes {
        umbra: Vec::new(),
        lit: Vec::new(),
    };
    for (i, point) in points.iter().enumerate() {
        let Some(p) = point.filter(|p| ids[i] == floor_id && keep(*p)) else {
            continue;
        };
        let (light, directional) = match source {
            Source::Toward(t) => (t, true),
            Source::At(position, ..) => (position, false),
        };
        // Umbra: the light is blocked from every point within `margin` on the floor; lit:
        // from none of them.
        let margin = margin(p);
        let around = (-1..=1).flat_map(|x| (-1..=1).map(move |z| Vec3::new(x as f32, 0.0, z as f32)));
        let blocked: Vec<bool> = around
            .map(|d| {
                casters
                    .iter()
                    .any(|b| b.blocks(p + d * margin, light, directional, 0.0))
            })
            .collect();
        if blocked.iter().all(|b| *b) {
            classes.umbra.push(i);
        } else if blocked.iter().all(|b| !*b) {
            classes.lit.push(i);
        }
    }
    classes
}

/// What a shadow check renders: a floor and casters under one light.
#[derive(Clone, Copy)]
struct Setting<'a> {
    floor: Box3,
    casters: &'a [Box3],
    source: Source,
    /// The light's intensity (lux or candela).
    intensity: f32,
}

/// Renders `setting` from `camera` at `size` with shadows, without, and with the light
/// off; checks both classes (umbra pixels within `tolerance` of the unshadowed value
/// from the environment-only one).
fn check_shadows(
    tolerance: f32,
    name: &str,
    setting: Setting,
    camera: &ViewCamera,
    size: (u32, u32),
    keep: impl Fn(Vec3) -> bool,
) -> Classes {
    let Setting {
        floor,
        casters,
        source,
        intensity,
    } = setting;
    let ctx = gpu();
    let scene = stage(floor, casters, source, intensity);
    let (on, ids) = render_with_ids(&ctx, &scene, camera, true, size);
    let (off, _) = render_with_ids(&ctx, &scene, camera, false, size);
    let (dark, _) = render_with_ids(&ctx, &stage(floor, casters, source, 0.0), camera, true, size);
    // Every test's camera sees the floor at the bottom left corner.
    let floor_id = ids[((size.1 - 1) * size.0) as usize];
    assert_ne!(floor_id, 0, "{name}: the floor is in the corner");
    let points = floor_points(camera, size, floor.centre.y + floor.half.y);
    let eye = camera.position();
    // The filter (±1.5 texels plus bilinear) and the slope bias soften edges by a few
    // texels, and cascade texels grow with distance (0.16 m in the last cascade of the
    // long-floor test).
    let margin = |p: Vec3| 0.1 + 0.016 * p.distance(eye);
    let classes = classify(&points, &ids, floor_id, casters, source, margin, keep);
    assert!(
        classes.umbra.len() >= 30,
        "{name}: umbra pixels {}",
        classes.umbra.len()
    );
    assert!(
        classes.lit.len() >= 200,
        "{name}: lit pixels {}",
        classes.lit.len()
    );
    for &i in &classes.lit {
        assert!(
            (on[i] - off[i]).abs() <= off[i] * 0.01 + 1e-4,
            "{name}: lit pixel {i}: {} with shadows, {} without",
            on[i],
            off[i]
        );
    }
    for &i in &classes.umbra {
        // Only the environment remains: the light model's ratio dark / off.
        assert!(
            off[i] > dark[i] * 1.5,
            "{name}: the light reaches pixel {i} without shadows"
        );
        assert!(
            (on[i] - dark[i]).abs() <= off[i] * tolerance + 1e-4,
            "{name}: umbra pixel {i}: {} vs environment only {} (unshadowed {})",
            on[i],
            dark[i],
            off[i]
        );
    }
    classes
}

const FLOOR: Box3 = Box3 {
    centre: Vec3::new(0.0, -0.05, 0.0),
    half: Vec3::new(6.0, 0.05, 6.0),
};
const CUBE: Box3 = Box3 {
    centre: Vec3::new(0.0, 0.5, 0.0),
    half: Vec3::splat(0.5),
};

/// The unit box on the floor under `source`, seen from above.
fn check_box_shadow(name: &str, source: Source, intensity: f32) {
    let overhead = ViewCamera::look_at(Vec3::new(0.0, 6.0, 4.0), Vec3::new(-0.5, 0.0, 0.0), 0.9, 0.1);
    let setting = Setting {
        floor: FLOOR,
        casters: &[CUBE],
        source,
        intensity,
    };
    check_shadows(0.02, name, setting, &overhead, (128, 128), |_| true);
}

#[test]
fn a_directional_light_casts_the_box_shadow_and_nothing_else() {
    let source = Source::Toward(Vec3::new(1.0, 1.6, 0.5));
    check_box_shadow("directional", source, 3.0);
}

#[test]
fn a_spot_light_casts_the_box_shadow_and_nothing_else() {
    let source = Source::At(
        Vec3::new(1.5, 3.0, 0.8),
        LightKind::Spot {
            inner_cone_angle: 0.6,
            outer_cone_angle: 0.8,
        },
        0.0,
    );
    check_box_shadow("spot", source, 20.0);
}

#[test]
fn a_point_light_casts_the_box_shadow_and_nothing_else() {
    let source = Source::At(Vec3::new(1.2, 2.2, 0.6), LightKind::Point, 0.0);
    check_box_shadow("point", source, 20.0);
}

#[test]
fn a_long_floor_at_a_grazing_angle_has_no_gaps_between_cascades() {
    // A 200 m floor, a 4 m wall along it, the sun from the side: its 4 m wide shadow
    // runs from the visitor's feet into the distance, through every cascade.
    let floor = Box3 {
        centre: Vec3::new(0.0, -0.05, -100.0),
        half: Vec3::new(6.0, 0.05, 100.0),
    };
    let wall = Box3 {
        centre: Vec3::new(2.2, 2.0, -100.0),
        half: Vec3::new(0.1, 2.0, 99.0),
    };
    let camera = ViewCamera::look_at(Vec3::new(0.0, 1.7, 0.0), Vec3::new(0.3, 0.0, -40.0), 1.0, 0.1);
    let source = Source::Toward(Vec3::new(1.0, 1.0, 0.2));
    let eye = camera.position();
    // Far cascades have coarse texels: a few percent of light leaks into the filter.
    let setting = Setting {
        floor,
        casters: &[wall],
        source,
        intensity: 3.0,
    };
    let classes = check_shadows(0.05, "cascades", setting, &camera, (256, 160), |p| {
        // Directional shadows end at the default 150 m.
        p.distance(eye) < 120.0
    });
    // Shadowed pixels at every range: near, middle and far cascades.
    let points = floor_points(&camera, (256, 160), 0.0);
    for (from, to) in [(2.0, 10.0), (15.0, 30.0), (40.0, 110.0)] {
        let count = classes
            .umbra
            .iter()
            .filter(|&&i| points[i].is_some_and(|p| (from..to).contains(&p.distance(eye))))
            .count();
        assert!(count >= 5, "umbra pixels between {from} and {to} m: {count}");
    }
}

#[test]
fn the_culling_core_picks_each_shadow_map_s_casters_as_the_cpu_reference_does() {
    // 401 boxes in four chunks under a sun (three cascades), a spot and a point light
    // (six faces): ten shadow maps. The GPU culling modes cull each map's casters on
    // the GPU; the CPU mode lists them with the scene crate's frustum test.
    let ctx = gpu();
    let floor = Box3 {
        centre: Vec3::new(0.0, -0.05, 0.0),
        half: Vec3::new(20.0, 0.05, 20.0),
    };
    let mut rng = 0x2545_f491_u32;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        rng as f32 / u32::MAX as f32
    };
    let casters: Vec<Box3> = (0..400)
        .map(|i| {
            let (x, z) = ((i % 20) as f32 * 2.0 - 19.0, (i / 20) as f32 * 2.0 - 19.0);
            let height = 0.2 + 1.5 * next();
            Box3 {
                centre: Vec3::new(x, height, z),
                half: Vec3::new(0.3, height, 0.3),
            }
        })
        .collect();
    let mut scene = stage(floor, &casters, Source::Toward(Vec3::new(0.4, 1.0, 0.3)), 2.0);
    add_light(
        &mut scene,
        LightKind::Spot {
            inner_cone_angle: 0.3,
            outer_cone_angle: 0.5,
        },
        800.0,
        None,
        Vec3::new(-6.0, 8.0, -6.0),
        Vec3::new(0.2, -1.0, 0.1),
    );
    add_light(
        &mut scene,
        LightKind::Point,
        300.0,
        Some(9.0),
        Vec3::new(8.0, 3.0, 8.0),
        -Vec3::Y,
    );
    let camera = ViewCamera::look_at(Vec3::new(-22.0, 14.0, 26.0), Vec3::new(2.0, 0.0, -2.0), 0.9, 0.1);
    let size = (96, 64);
    let render = |mode: CullMode| {
        let mut settings = exact_settings();
        settings.environment.source = EnvironmentSource::Uniform([0.2; 3]);
        settings.shadows.enabled = true;
        settings.shadows.resolution = 256;
        settings.culling.mode = mode;
        settings.culling.max_chunk_instances = 128;
        let target = OffscreenTarget::new(&ctx, size.0, size.1, wgpu::TextureFormat::Rgba32Float).unwrap();
        let mut renderer = Renderer::new(&ctx, settings).unwrap();
        renderer.prepare(&ctx, &scene).unwrap();
        renderer
            .render(&ctx, &camera, &target.view, target.format(), size)
            .unwrap();
        let casters = renderer.read_shadow_casters(&ctx).unwrap();
        (casters, target.read_rgba32f(&ctx).unwrap())
    };
    let (reference, reference_image) = render(CullMode::Cpu);
    assert_eq!(
        reference.len(),
        10,
        "three cascades, one spot map, six point faces"
    );
    for (v, ids) in reference.iter().enumerate() {
        assert!(!ids.is_empty(), "shadow map {v} has no casters");
    }
    assert!(
        reference.iter().filter(|ids| ids.len() < 401).count() >= 7,
        "the spot map and most point faces see only part of the scene: {:?}",
        reference.iter().map(Vec::len).collect::<Vec<_>>()
    );
    for mode in [CullMode::GpuFrustum, CullMode::GpuOcclusion] {
        let (casters, image) = render(mode);
        assert_eq!(casters.len(), reference.len(), "{mode}");
        for (v, (gpu, cpu)) in casters.iter().zip(&reference).enumerate() {
            assert_eq!(
                gpu, cpu,
                "{mode}: shadow map {v}'s casters differ from the CPU reference"
            );
        }
        let worst = image
            .iter()
            .zip(&reference_image)
            .map(|(a, b)| (a[0] - b[0]).abs())
            .fold(0.0f32, f32::max);
        assert!(
            worst < 1e-3,
            "{mode}: the image differs from the CPU-culled one by up to {worst}"
        );
    }
}
