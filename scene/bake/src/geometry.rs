//! The static geometry a bake traces: every triangle of the venue's architecture and
//! exhibits, with the diffuse albedo and emission of its surface. Moving things (dynamic
//! props, animated models, the guide) are left out: the light they would bounce moves
//! with them. See-through surfaces (glass: transmissive or alpha-blended) are left out
//! too: light passes them, their small reflection ignored, as the lux report counts it.

use glam::{Mat4, Vec3, Vec4Swizzles};
use museion_scene::{AlphaMode, BodyKind, ColorSpace, Material, NodeId, Scene, TextureRef, Topology};
use museion_venue::CompiledVenue;
use std::collections::{HashMap, HashSet};

/// How a surface answers light in the bake: Lambertian reflection and emission.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Surface {
    /// Linear diffuse albedo, 0 to 1 per channel: the base colour (times its texture's
    /// mean) less what metalness turns into specular reflection.
    pub albedo: Vec3,
    /// Emitted radiance, cd/m² per channel (emissive factor × strength × texture mean).
    pub emission: Vec3,
    /// Whether its back faces reflect too (else a ray reaching one is inside a solid).
    pub double_sided: bool,
}

/// The triangles a bake traces and their surfaces.
#[derive(Clone, Debug, Default)]
pub struct StaticGeometry {
    /// World-space corners, three per triangle, counter-clockwise seen from the front.
    pub triangles: Vec<[Vec3; 3]>,
    /// Per triangle, its index in `surfaces`.
    pub surface_of: Vec<u32>,
    /// The distinct surfaces.
    pub surfaces: Vec<Surface>,
}

impl StaticGeometry {
    /// The triangles a ray can meet, in order: each with its (unnormalised, front-facing)
    /// normal and its surface's index. Degenerate triangles (no area, or corners that are
    /// not finite) are left out, as every tracer leaves them out.
    pub fn traceable(&self) -> impl Iterator<Item = (&[Vec3; 3], Vec3, u32)> {
        self.triangles
            .iter()
            .zip(&self.surface_of)
            .filter_map(|(corners, surface)| {
                let normal = (corners[1] - corners[0]).cross(corners[2] - corners[0]);
                (normal.is_finite() && normal.length_squared() >= 1e-16)
                    .then_some((corners, normal, *surface))
            })
    }

    /// The static geometry of `venue` as it is posed now.
    pub fn of_venue(venue: &CompiledVenue) -> Self {
        Self::of_scene(&venue.scene, &moving_nodes(venue))
    }

    /// Every triangle of `scene` outside the subtrees of `leave_out`.
    pub fn of_scene(scene: &Scene, leave_out: &[NodeId]) -> Self {
        let skipped: HashSet<NodeId> = leave_out.iter().flat_map(|n| scene.descendants(*n)).collect();
        let mut geometry = Self::default();
        let mut surface_index: HashMap<Option<usize>, Option<u32>> = HashMap::new();
        let mut texture_means = TextureMeans::default();
        for (id, node) in scene.nodes() {
            if skipped.contains(&id) || node.skin.is_some() {
                continue;
            }
            let (Some(mesh), Some(world)) = (
                node.mesh.and_then(|m| scene.meshes.get(m.index())),
                scene.world_matrix(id),
            ) else {
                continue;
            };
            for primitive in mesh
                .primitives
                .iter()
                .filter(|p| p.topology == Topology::Triangles)
            {
                let material = primitive.material.map(|m| m.index());
                let surface = *surface_index.entry(material).or_insert_with(|| {
                    let surface = surface_of(
                        scene,
                        material.and_then(|m| scene.materials.get(m)),
                        &mut texture_means,
                    )?;
                    geometry.surfaces.push(surface);
                    Some(geometry.surfaces.len() as u32 - 1)
                });
                let Some(surface) = surface else { continue };
                geometry.push_primitive(world, &primitive.positions, &primitive.indices, surface);
            }
        }
        geometry
    }

    fn push_primitive(&mut self, world: Mat4, positions: &[Vec3], indices: &[u32], surface: u32) {
        let corner = |i: u32| positions.get(i as usize).map(|p| world.transform_point3(*p));
        let mut add = |a, b, c| {
            if let (Some(a), Some(b), Some(c)) = (corner(a), corner(b), corner(c)) {
                // A mirrored node turns its triangles over: keep their fronts in front.
                let tri = if world.determinant() < 0.0 {
                    [a, c, b]
                } else {
                    [a, b, c]
                };
                self.triangles.push(tri);
                self.surface_of.push(surface);
            }
        };
        if indices.is_empty() {
            for i in (0..positions.len() as u32 / 3 * 3).step_by(3) {
                add(i, i + 1, i + 2);
            }
        } else {
            for t in indices.chunks_exact(3) {
                add(t[0], t[1], t[2]);
            }
        }
    }
}

/// The roots of what moves in `venue`: dynamic props, exhibits that play an animation,
/// the guide.
pub fn moving_nodes(venue: &CompiledVenue) -> Vec<NodeId> {
    let props = venue
        .colliders
        .iter()
        .filter(|c| matches!(c.body, BodyKind::Dynamic { .. }))
        .map(|c| c.node);
    let animated = venue
        .animations
        .iter()
        .filter_map(|a| venue.exhibits.get(a.exhibit))
        .map(|e| e.node);
    let guide = venue.guide.iter().map(|g| g.node);
    props.chain(animated).chain(guide).collect()
}

/// The bake's surface for `material` (`None`: the glTF default, white), or `None` when
/// light passes through it.
fn surface_of(scene: &Scene, material: Option<&Material>, means: &mut TextureMeans) -> Option<Surface> {
    let Some(m) = material else {
        return Some(Surface {
            albedo: Vec3::ONE,
            emission: Vec3::ZERO,
            double_sided: false,
        });
    };
    let see_through = m.alpha_mode == AlphaMode::Blend || m.transmission.is_some_and(|t| t.factor > 0.0);
    if see_through {
        return None;
    }
    let base = m.base_color_factor.xyz() * means.of(scene, m.base_color_texture.as_ref());
    let emission = m.emissive_factor * m.emissive_strength * means.of(scene, m.emissive_texture.as_ref());
    let albedo = if m.unlit {
        Vec3::ZERO
    } else {
        base * (1.0 - m.metallic_factor.clamp(0.0, 1.0))
    };
    Some(Surface {
        albedo: albedo.clamp(Vec3::ZERO, Vec3::ONE),
        // An unlit material shows its colour as it is: it is its own light.
        emission: if m.unlit { base } else { emission },
        double_sided: m.double_sided,
    })
}

/// The mean linear colour of each texture, computed once.
#[derive(Default)]
struct TextureMeans(HashMap<usize, Vec3>);

/// At most this many texels are averaged per texture (evenly strided).
const MEAN_TEXELS: usize = 65_536;

impl TextureMeans {
    /// The mean of `slot`'s texture (1 without one, or when its image is missing).
    fn of(&mut self, scene: &Scene, slot: Option<&TextureRef>) -> Vec3 {
        let Some(slot) = slot else { return Vec3::ONE };
        let texture = slot.texture.index();
        let srgb = slot.color_space == ColorSpace::Srgb;
        *self.0.entry(texture).or_insert_with(|| {
            let image = scene
                .textures
                .get(texture)
                .and_then(|t| t.image)
                .and_then(|i| scene.images.get(i.index()));
            let Some(image) = image else { return Vec3::ONE };
            let texels = image.to_rgba8();
            let count = texels.len() / 4;
            if count == 0 {
                return Vec3::ONE;
            }
            let stride = count.div_ceil(MEAN_TEXELS);
            let decode = |c: u8| {
                let v = f32::from(c) / 255.0;
                if srgb { srgb_to_linear(v) } else { v }
            };
            let (sum, n) = texels
                .chunks_exact(4)
                .step_by(stride)
                .fold((Vec3::ZERO, 0u32), |(sum, n), t| {
                    (sum + Vec3::new(decode(t[0]), decode(t[1]), decode(t[2])), n + 1)
                });
            sum / n as f32
        })
    }
}

/// The sRGB transfer function, inverted.
pub fn srgb_to_linear(v: f32) -> f32 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}
