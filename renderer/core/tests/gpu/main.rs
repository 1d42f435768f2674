//! Rendering tests on a real Vulkan device (lavapipe on machines without a GPU): colours,
//! lighting and material features checked against values worked out on the CPU, the
//! golden images of the shared models (`golden`), and Basis Universal textures kept
//! block-compressed (`basisu`). One test binary, so the suite links once.

// Test helpers: a failed unwrap here is a failed test, which is what it should be.
#![allow(clippy::unwrap_used)]

mod ambient_occlusion;
mod analytic;
mod basisu;
mod clusters;
mod culling;
mod deformation;
mod device_loss;
mod environment;
mod exposure;
mod extensions;
mod golden;
mod illuminance;
mod layers;
mod lights;
mod materials;
mod probes;
mod reflections;
mod shadows;
mod sync;

pub use analytic::brdf_cosine as analytic_brdf;

use museion_renderer::wgpu;
use museion_renderer::{
    CameraProjection, EnvironmentSettings, EnvironmentSource, GpuContext, OffscreenTarget, RenderSettings,
    Renderer, ShadowSettings, Tonemapper, ViewCamera,
};
use museion_scene::glam::{Mat4, Quat, Vec2, Vec3};
use museion_scene::shapes::cuboid;
use museion_scene::{
    Light, LightKind, Material, MaterialId, Mesh, Node, Primitive, Scene, Topology, Transform,
};

/// The device, or a failure saying what to install. Never a silent pass.
pub fn gpu() -> GpuContext {
    GpuContext::new(None).unwrap_or_else(|e| panic!("GPU tests need a Vulkan device: {e}"))
}

/// Settings for exact comparisons: no MSAA, no tone mapping, no exposure, no
/// environment light, single scattering (as the glTF BRDF has it), no shadows (a
/// faceted sphere shadows itself a little near its terminator; shadows have their own
/// tests).
pub fn exact_settings() -> RenderSettings {
    RenderSettings {
        msaa: 1,
        tonemap: Tonemapper::None,
        exposure_ev: 0.0,
        background: [0.0, 0.0, 0.0],
        environment: EnvironmentSettings {
            source: EnvironmentSource::None,
            ..EnvironmentSettings::default()
        },
        multiscatter: false,
        shadows: ShadowSettings {
            enabled: false,
            ..ShadowSettings::default()
        },
        ..RenderSettings::default()
    }
}

/// A camera on +Z looking down -Z with an orthographic view `half_height` high.
pub fn ortho_front(half_height: f32) -> ViewCamera {
    let mut camera = ViewCamera::look_at(Vec3::new(0.0, 0.0, 5.0), Vec3::ZERO, 1.0, 0.1);
    camera.projection = CameraProjection::Orthographic {
        half_height,
        znear: 0.1,
        zfar: 20.0,
    };
    camera
}

/// A square of side `2 * half` in the XY plane facing +Z, with UV (0, 0) at its top left
/// corner (-half, +half) and v growing downwards, as glTF lays out images.
pub fn quad(half: f32) -> Primitive {
    let positions = vec![
        Vec3::new(-half, half, 0.0),
        Vec3::new(half, half, 0.0),
        Vec3::new(half, -half, 0.0),
        Vec3::new(-half, -half, 0.0),
    ];
    let mut p = Primitive::new(
        Topology::Triangles,
        positions,
        vec![Vec3::Z; 4],
        vec![0, 2, 1, 0, 3, 2],
    );
    p.uv0 = Some(vec![
        Vec2::new(0.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(1.0, 1.0),
        Vec2::new(0.0, 1.0),
    ]);
    p
}

/// A UV sphere of radius 1 with exact normals.
pub fn sphere(segments: u32, rings: u32) -> Primitive {
    let mut positions = Vec::new();
    for ring in 0..=rings {
        let theta = std::f32::consts::PI * ring as f32 / rings as f32;
        for segment in 0..=segments {
            let phi = std::f32::consts::TAU * segment as f32 / segments as f32;
            positions.push(Vec3::new(
                theta.sin() * phi.cos(),
                theta.cos(),
                -theta.sin() * phi.sin(),
            ));
        }
    }
    let mut indices = Vec::new();
    let row = segments + 1;
    for ring in 0..rings {
        for segment in 0..segments {
            let a = ring * row + segment;
            let b = a + row;
            indices.extend([a, b, a + 1, a + 1, b, b + 1]);
        }
    }
    let normals = positions.clone();
    Primitive::new(Topology::Triangles, positions, normals, indices)
}

/// A scene with one node placing `primitive` with `material` at the origin.
pub fn scene_with(mut primitive: Primitive, material: Material) -> Scene {
    let mut scene = Scene::new();
    primitive.material = Some(scene.add_material(material));
    let mesh = scene.add_mesh(Mesh::new(None, vec![primitive]));
    scene
        .add_node(Node::new().with_mesh(mesh), None)
        .expect("root node");
    scene
}

/// Adds a directional light whose light arrives from direction `toward_light`.
pub fn add_sun(scene: &mut Scene, toward_light: Vec3, lux: f32) {
    add_light(
        scene,
        LightKind::Directional,
        lux,
        None,
        Vec3::ZERO,
        -toward_light,
    );
}

/// Adds a light at `position` pointing along `direction` (lights shine along their
/// node's -Z).
pub fn add_light(
    scene: &mut Scene,
    kind: LightKind,
    intensity: f32,
    range: Option<f32>,
    position: Vec3,
    direction: Vec3,
) {
    let light = scene.add_light(Light {
        name: None,
        kind,
        color: Vec3::ONE,
        intensity,
        range,
        cast_shadows: true,
    });
    let transform = Transform {
        translation: position,
        rotation: Quat::from_rotation_arc(-Vec3::Z, direction.normalize()),
        scale: Vec3::ONE,
    };
    let mut node = Node::new().with_transform(transform);
    node.light = Some(light);
    scene.add_node(node, None).expect("light node");
}

/// Renders linear radiance (no tone mapping) into an `Rgba32Float` image.
pub fn render_radiance(
    ctx: &GpuContext,
    scene: &Scene,
    camera: &ViewCamera,
    settings: RenderSettings,
    size: u32,
) -> Vec<[f32; 4]> {
    let target = OffscreenTarget::new(ctx, size, size, wgpu::TextureFormat::Rgba32Float).unwrap();
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.prepare(ctx, scene).unwrap();
    renderer
        .render(ctx, camera, &target.view, target.format(), (size, size))
        .unwrap();
    target.read_rgba32f(ctx).unwrap()
}

/// Renders into an 8-bit sRGB image.
pub fn render_srgb(
    ctx: &GpuContext,
    scene: &Scene,
    camera: &ViewCamera,
    settings: RenderSettings,
    size: u32,
) -> image::RgbaImage {
    let mut renderer = Renderer::new(ctx, settings).unwrap();
    renderer.render_image(ctx, scene, camera, size, size).unwrap().0
}

/// sRGB transfer function, decoding.
pub fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// sRGB transfer function, encoding.
pub fn linear_to_srgb(c: f32) -> f32 {
    if c <= 0.0031308 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

/// The world point on the plane y = `height` under each pixel.
pub fn floor_points(camera: &ViewCamera, size: (u32, u32), height: f32) -> Vec<Option<Vec3>> {
    let inverse: Mat4 = camera.view_projection(size.0 as f32 / size.1 as f32).inverse();
    let mut points = Vec::new();
    for y in 0..size.1 {
        for x in 0..size.0 {
            let ndc = Vec2::new(
                (x as f32 + 0.5) / size.0 as f32 * 2.0 - 1.0,
                1.0 - (y as f32 + 0.5) / size.1 as f32 * 2.0,
            );
            let near = inverse.project_point3(ndc.extend(1.0));
            let far = inverse.project_point3(ndc.extend(0.5));
            let dir = (far - near).normalize();
            let t = (height - near.y) / dir.y;
            points.push((t > 0.0).then(|| near + dir * t));
        }
    }
    points
}

/// An axis-aligned box by centre and half size.
#[derive(Clone, Copy)]
pub struct Box3 {
    /// Centre in world space.
    pub centre: Vec3,
    /// Half the size along each axis.
    pub half: Vec3,
}

/// Adds `b` as a mesh with `material`.
pub fn add_box(scene: &mut Scene, b: Box3, material: MaterialId) {
    let mut primitive = cuboid(b.half);
    primitive.material = Some(material);
    let mesh = scene.add_mesh(Mesh::new(None, vec![primitive]));
    scene
        .add_node(
            Node::new()
                .with_mesh(mesh)
                .with_transform(Transform::from_translation(b.centre)),
            None,
        )
        .unwrap();
}
