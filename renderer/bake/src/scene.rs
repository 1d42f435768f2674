//! The bake's scene as `shaders/bake_probes.wgsl` reads it: a binary BVH over the
//! static triangles (built with `obvhs`), the triangles in the BVH's order, their
//! surfaces, the lights and an equirectangular table of the environment.

use bytemuck::{Pod, Zeroable};
use glam::Vec3;
use museion_bake::{EnvironmentRadiance, StaticGeometry};
use museion_gpu::shaders::constants::light_kind;
use museion_scene::LightKind;
use museion_venue::PlacedLight;
use obvhs::BvhBuildParams;
use obvhs::bvh2::Bvh2;
use obvhs::bvh2::builder::build_bvh2_from_tris;
use obvhs::triangle::Triangle;
use std::f32::consts::{PI, TAU};
use std::time::Duration;

/// Nodes the shader's traversal stack holds (`STACK_SIZE` in the shader): a BVH
/// deeper than this, less the two a step may push, cannot be traced there.
pub const STACK_SIZE: usize = 64;

/// Width of the environment table (its height is half): about 0.7° a texel, finer
/// than the diffuse light a probe gathers can tell.
pub const ENVIRONMENT_WIDTH: u32 = 512;

/// A BVH node (`BvhNode` in the shader).
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuNode {
    /// Box minimum.
    pub min: [f32; 3],
    /// Triangles of a leaf; 0 for an inner node.
    pub prim_count: u32,
    /// Box maximum.
    pub max: [f32; 3],
    /// A leaf's first triangle, or an inner node's first child.
    pub first_index: u32,
}

/// A triangle (`BakeTriangle`): the first corner with its surface's index in `w`'s
/// bits, and the two edges from it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuTriangle {
    v0: [f32; 4],
    e1: [f32; 4],
    e2: [f32; 4],
}

/// A surface (`BakeSurface`): albedo with 1 in `w` when double-sided, emission.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuSurface {
    albedo: [f32; 4],
    emission: [f32; 4],
}

/// A light (`BakeLight`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct GpuLight {
    position: [f32; 4],
    direction: [f32; 4],
    color: [f32; 4],
    cone: [f32; 4],
}

/// What the shader traces, ready to upload (each list has at least one element, so
/// that every binding has something to bind).
pub struct GpuBakeScene {
    /// BVH nodes, the root first.
    pub nodes: Vec<GpuNode>,
    /// Triangles in the BVH's order.
    pub triangles: Vec<GpuTriangle>,
    /// Surfaces.
    pub surfaces: Vec<GpuSurface>,
    /// Lights, and how many are real (the list holds a placeholder when there are none).
    pub lights: Vec<GpuLight>,
    /// Real lights.
    pub light_count: u32,
    /// The environment table, rows from the zenith down; empty when there is none.
    pub environment: Vec<[f32; 4]>,
    /// The table's width and height (0 × 0 without an environment).
    pub environment_size: (u32, u32),
    /// Real triangles (the list holds a placeholder when there are none).
    pub triangle_count: u32,
    /// How deep the BVH is (the root at depth 1).
    pub depth: usize,
}

impl GpuBakeScene {
    /// The scene of `geometry`, `lights` and `environment`, its BVH built here.
    pub fn new(
        geometry: &StaticGeometry,
        lights: &[PlacedLight],
        environment: Option<&EnvironmentRadiance>,
    ) -> Self {
        let (nodes, triangles, depth) = bvh(geometry);
        let triangle_count = if depth == 0 { 0 } else { triangles.len() as u32 };
        let mut surfaces: Vec<GpuSurface> = geometry
            .surfaces
            .iter()
            .map(|s| GpuSurface {
                albedo: s.albedo.extend(if s.double_sided { 1.0 } else { 0.0 }).to_array(),
                emission: s.emission.extend(0.0).to_array(),
            })
            .collect();
        if surfaces.is_empty() {
            surfaces.push(GpuSurface::zeroed());
        }
        let mut gpu_lights: Vec<GpuLight> = lights.iter().map(gpu_light).collect();
        let light_count = gpu_lights.len() as u32;
        if gpu_lights.is_empty() {
            gpu_lights.push(GpuLight::zeroed());
        }
        let (environment, environment_size) = match environment {
            Some(environment) => (
                environment_table(environment, ENVIRONMENT_WIDTH),
                (ENVIRONMENT_WIDTH, ENVIRONMENT_WIDTH / 2),
            ),
            None => (vec![[0.0; 4]], (0, 0)),
        };
        Self {
            nodes,
            triangles,
            surfaces,
            lights: gpu_lights,
            light_count,
            environment,
            environment_size,
            triangle_count,
            depth,
        }
    }
}

/// The BVH's nodes, the triangles in its order, and its depth. Degenerate triangles
/// are dropped, as the CPU tracer drops them; with none left, placeholders (one node,
/// one triangle) and depth 0.
fn bvh(geometry: &StaticGeometry) -> (Vec<GpuNode>, Vec<GpuTriangle>, usize) {
    let mut kept = Vec::with_capacity(geometry.triangles.len());
    let mut surface_of = Vec::with_capacity(geometry.triangles.len());
    for (corners, _, surface) in geometry.traceable() {
        kept.push(Triangle {
            v0: corners[0].into(),
            v1: corners[1].into(),
            v2: corners[2].into(),
        });
        surface_of.push(surface);
    }
    if kept.is_empty() {
        return (vec![GpuNode::zeroed()], vec![GpuTriangle::zeroed()], 0);
    }
    let bvh = build_bvh2_from_tris(&kept, BvhBuildParams::medium_build(), &mut Duration::default());
    let triangles = bvh
        .primitive_indices
        .iter()
        .map(|&i| {
            let t = &kept[i as usize];
            let v0 = Vec3::from(t.v0);
            GpuTriangle {
                v0: v0.extend(f32::from_bits(surface_of[i as usize])).to_array(),
                e1: (Vec3::from(t.v1) - v0).extend(0.0).to_array(),
                e2: (Vec3::from(t.v2) - v0).extend(0.0).to_array(),
            }
        })
        .collect();
    let nodes = bvh
        .nodes
        .iter()
        .map(|n| GpuNode {
            min: n.aabb().min.to_array(),
            prim_count: n.prim_count,
            max: n.aabb().max.to_array(),
            first_index: n.first_index,
        })
        .collect();
    let depth = depth(&bvh);
    (nodes, triangles, depth)
}

/// The number of nodes on the longest path from the root to a leaf.
fn depth(bvh: &Bvh2) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(0usize, 1usize)];
    while let Some((index, level)) = stack.pop() {
        let Some(node) = bvh.nodes.get(index) else {
            continue;
        };
        deepest = deepest.max(level);
        if !node.is_leaf() {
            let first = node.first_index as usize;
            stack.push((first, level + 1));
            stack.push((first + 1, level + 1));
        }
    }
    deepest
}

fn gpu_light(placed: &PlacedLight) -> GpuLight {
    let light = &placed.light;
    let (kind, cone) = match light.kind {
        LightKind::Directional => (light_kind::DIRECTIONAL, [0.0; 4]),
        LightKind::Point => (light_kind::POINT, [0.0; 4]),
        LightKind::Spot {
            inner_cone_angle,
            outer_cone_angle,
        } => {
            // KHR_lights_punctual's scale and offset, as Light::cone_attenuation has them.
            let scale = 1.0 / (inner_cone_angle.cos() - outer_cone_angle.cos()).max(0.001);
            (
                light_kind::SPOT,
                [scale, -outer_cone_angle.cos() * scale, 0.0, 0.0],
            )
        }
    };
    GpuLight {
        position: placed.position.extend(f32::from_bits(kind)).to_array(),
        direction: placed.direction.extend(light.range.unwrap_or(0.0)).to_array(),
        color: (light.color * light.intensity).extend(0.0).to_array(),
        cone,
    }
}

/// The environment's radiance at the centres of a `width` × `width / 2` table: texel
/// (x, y) looks at longitude (u − ½)·2π from −Z toward +X and polar angle v·π from
/// the zenith, u and v its centre's coordinates in 0..1 (the shader's lookup inverts
/// this).
fn environment_table(environment: &EnvironmentRadiance, width: u32) -> Vec<[f32; 4]> {
    let height = width / 2;
    let mut table = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        for x in 0..width {
            let longitude = ((x as f32 + 0.5) / width as f32 - 0.5) * TAU;
            let polar = (y as f32 + 0.5) / height as f32 * PI;
            let d = Vec3::new(
                polar.sin() * longitude.sin(),
                polar.cos(),
                -polar.sin() * longitude.cos(),
            );
            table.push(environment.radiance(d).extend(0.0).to_array());
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_bake::Surface;

    fn quad(z: f32) -> [[Vec3; 3]; 2] {
        let (a, b, c, d) = (
            Vec3::new(0.0, 0.0, z),
            Vec3::new(1.0, 0.0, z),
            Vec3::new(1.0, 1.0, z),
            Vec3::new(0.0, 1.0, z),
        );
        [[a, b, c], [a, c, d]]
    }

    #[test]
    fn the_bvh_holds_every_good_triangle_once_with_its_surface() {
        let mut geometry = StaticGeometry::default();
        for z in 0..50 {
            for (i, t) in quad(z as f32).into_iter().enumerate() {
                geometry.triangles.push(t);
                geometry.surface_of.push(i as u32);
            }
        }
        // A degenerate triangle is dropped.
        geometry.triangles.push([Vec3::ZERO; 3]);
        geometry.surface_of.push(0);
        geometry.surfaces = vec![Surface::default(); 2];
        let scene = GpuBakeScene::new(&geometry, &[], None);
        assert_eq!(scene.triangles.len(), 100);
        let second = scene.triangles.iter().filter(|t| t.v0[3].to_bits() == 1).count();
        assert_eq!(second, 50);
        // Every leaf's triangles lie in its box; leaves cover every triangle once.
        let mut covered = vec![0; scene.triangles.len()];
        for node in scene.nodes.iter().filter(|n| n.prim_count > 0) {
            for i in node.first_index..node.first_index + node.prim_count {
                covered[i as usize] += 1;
                let v0 = Vec3::from_slice(&scene.triangles[i as usize].v0[..3]);
                assert!(
                    v0.cmpge(Vec3::from(node.min) - 1e-4).all()
                        && v0.cmple(Vec3::from(node.max) + 1e-4).all()
                );
            }
        }
        assert!(covered.iter().all(|c| *c == 1), "{covered:?}");
        assert!(scene.depth > 1 && scene.depth < STACK_SIZE, "{}", scene.depth);
        assert_eq!(scene.triangle_count, 100);
        assert_eq!(scene.environment_size, (0, 0));
    }

    #[test]
    fn nothing_to_trace_binds_placeholders_and_says_so() {
        let scene = GpuBakeScene::new(&StaticGeometry::default(), &[], None);
        assert_eq!((scene.nodes.len(), scene.triangles.len()), (1, 1));
        assert_eq!((scene.triangle_count, scene.depth), (0, 0));
        assert_eq!((scene.light_count, scene.lights.len()), (0, 1));
    }

    #[test]
    fn the_environment_table_looks_where_its_texels_say() {
        // Radiance equal to the direction's components, shifted positive.
        let environment = EnvironmentRadiance::new("axes", |d: Vec3| d + Vec3::ONE);
        let table = environment_table(&environment, 64);
        let at = |x: u32, y: u32| Vec3::from_slice(&table[(y * 64 + x) as usize][..3]) - Vec3::ONE;
        // The middle of the top row looks up; the middle column at the horizon looks
        // toward −Z; a quarter further toward +X.
        assert!(at(32, 0).y > 0.99);
        assert!(at(32, 16).abs_diff_eq(Vec3::NEG_Z, 0.1), "{}", at(32, 16));
        assert!(at(48, 16).abs_diff_eq(Vec3::X, 0.1), "{}", at(48, 16));
    }
}
