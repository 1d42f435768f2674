//! Exhibits shared by the museum scenes: a pedestal with a seeded object on top, and the
//! plain materials of walls and floors.

use super::{Rng, add_root};
use glam::{Quat, Vec2, Vec3, Vec4};
use museion_scene::shapes::{cuboid, uv_sphere};
use museion_scene::{Bounds, Material, MaterialId, Mesh, MeshId, Node, Primitive, Scene, Transform};
use std::f32::consts::TAU;

/// Height of the walls, metres.
pub const WALL_HEIGHT: f32 = 5.0;
/// Thickness of the walls, metres.
pub const WALL_THICKNESS: f32 = 0.3;

/// Half size of a pedestal: 0.8 m square, 1 m high.
const PEDESTAL_HALF: Vec3 = Vec3::new(0.4, 0.5, 0.4);

/// Radius of an exhibit's footprint around its centre (the pedestal's half diagonal,
/// rounded up); objects on top stay within the pedestal.
pub(super) const FOOTPRINT_RADIUS: f32 = 0.6;

/// Linear base colours of exhibit objects: bronze (metallic), marble, red and blue.
const COLOURS: [(Vec4, f32, f32); 4] = [
    (Vec4::new(0.70, 0.45, 0.20, 1.0), 1.0, 0.35),
    (Vec4::new(0.90, 0.90, 0.88, 1.0), 0.0, 0.25),
    (Vec4::new(0.60, 0.10, 0.08, 1.0), 0.0, 0.50),
    (Vec4::new(0.10, 0.20, 0.60, 1.0), 0.0, 0.40),
];

/// A plain dielectric material.
pub(super) fn plain(scene: &mut Scene, name: &str, rgb: Vec3, roughness: f32) -> MaterialId {
    scene.add_material(Material {
        name: Some(name.into()),
        base_color_factor: rgb.extend(1.0),
        metallic_factor: 0.0,
        roughness_factor: roughness,
        ..Material::default()
    })
}

/// Adds a mesh of one primitive with this material.
pub(super) fn single(
    scene: &mut Scene,
    name: &str,
    mut primitive: Primitive,
    material: MaterialId,
) -> MeshId {
    primitive.material = Some(material);
    scene.add_mesh(Mesh::new(Some(name.into()), vec![primitive]))
}

/// Adds a root node drawing `mesh` at `translation`.
pub(super) fn place(scene: &mut Scene, mesh: MeshId, translation: Vec3) {
    add_root(
        scene,
        Node::new()
            .with_mesh(mesh)
            .with_transform(Transform::from_translation(translation)),
    );
}

/// A floor of `2 half.x` × `2 half.y` metres (x by z) with its top at y = 0, walled
/// round to [`WALL_HEIGHT`]: the walls along X cover the corners,
/// the walls along Z fit between them.
pub(super) fn walled_floor(scene: &mut Scene, half: Vec2, floor: MaterialId, wall: MaterialId) {
    let (h, t) = (WALL_HEIGHT / 2.0, WALL_THICKNESS / 2.0);
    let floor_mesh = single(scene, "floor", cuboid(Vec3::new(half.x, 0.05, half.y)), floor);
    place(scene, floor_mesh, Vec3::Y * -0.05);
    let along_x = single(scene, "wall", cuboid(Vec3::new(half.x + t, h, t)), wall);
    let along_z = single(scene, "wall", cuboid(Vec3::new(t, h, half.y - t)), wall);
    for sign in [-1.0, 1.0] {
        place(scene, along_x, Vec3::new(0.0, h, sign * half.y));
        place(scene, along_z, Vec3::new(sign * half.x, h, 0.0));
    }
}

/// The meshes of exhibits: one pedestal, and each object shape in each colour (a
/// material belongs to a primitive, so each colour needs its own mesh).
pub(super) struct Exhibits {
    pedestal: MeshId,
    /// Per shape: its height above the pedestal top to its centre, and a mesh per colour.
    objects: Vec<(f32, Vec<MeshId>)>,
}

impl Exhibits {
    /// Adds the exhibit materials and meshes to `scene`.
    pub(super) fn new(scene: &mut Scene) -> Self {
        let stone = plain(scene, "pedestal", Vec3::splat(0.85), 0.6);
        let pedestal = single(scene, "pedestal", cuboid(PEDESTAL_HALF), stone);
        let materials: Vec<MaterialId> = COLOURS
            .iter()
            .enumerate()
            .map(|(i, (colour, metallic, roughness))| {
                scene.add_material(Material {
                    name: Some(format!("exhibit {i}")),
                    base_color_factor: *colour,
                    metallic_factor: *metallic,
                    roughness_factor: *roughness,
                    ..Material::default()
                })
            })
            .collect();
        // Triangle counts: 3,968, 2,208 and 12, so what is culled matters.
        let shapes = [
            ("sphere", 0.35, ellipsoid(Vec3::splat(0.35), 64, 32)),
            ("egg", 0.45, ellipsoid(Vec3::new(0.25, 0.45, 0.25), 48, 24)),
            ("stele", 0.45, cuboid(Vec3::new(0.25, 0.45, 0.08))),
        ];
        let objects = shapes
            .into_iter()
            .map(|(name, lift, primitive)| {
                let meshes = materials
                    .iter()
                    .map(|material| single(scene, name, primitive.clone(), *material))
                    .collect();
                (lift, meshes)
            })
            .collect();
        Self { pedestal, objects }
    }

    /// Adds a pedestal standing on the floor at `at` with a seeded object on top: two
    /// instances. Draws exactly three numbers from `rng`.
    pub(super) fn add(&self, scene: &mut Scene, rng: &mut Rng, at: Vec3) {
        let shape = rng.below(self.objects.len() as u32) as usize;
        let colour = rng.below(COLOURS.len() as u32) as usize;
        let yaw = rng.range(0.0, TAU);
        place(scene, self.pedestal, at + Vec3::Y * PEDESTAL_HALF.y);
        let (lift, meshes) = &self.objects[shape];
        let transform = Transform {
            translation: at + Vec3::Y * (2.0 * PEDESTAL_HALF.y + lift),
            rotation: Quat::from_rotation_y(yaw),
            scale: Vec3::ONE,
        };
        add_root(
            scene,
            Node::new().with_mesh(meshes[colour]).with_transform(transform),
        );
    }
}

/// An ellipsoid with these radii: a unit sphere stretched, with normals corrected (the
/// normal of a stretched surface is the unit normal divided by the radii).
fn ellipsoid(radii: Vec3, segments: u32, rings: u32) -> Primitive {
    let mut p = uv_sphere(segments, rings);
    for (position, normal) in p.positions.iter_mut().zip(&mut p.normals) {
        *position *= radii;
        *normal = (*normal / radii).normalize();
    }
    p.bounds = Bounds::from_points(&p.positions);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipsoids_keep_outward_normals_and_exact_bounds() {
        let p = ellipsoid(Vec3::new(0.25, 0.45, 0.25), 48, 24);
        assert_eq!(museion_scene::shapes::check_outward(&p), Ok(()));
        assert!(p.bounds.aabb.max.abs_diff_eq(Vec3::new(0.25, 0.45, 0.25), 1e-6));
        assert_eq!(p.triangle_count(), 2208);
    }
}
