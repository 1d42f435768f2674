//! Copies of a model on a grid, with an orbiting camera.

use super::{BenchScene, CameraPath, SUN_DIRECTION, SUN_LUX, add_root, add_sun};
use glam::Vec3;
use museion_scene::{Node, Scene, Transform};

/// Orbit per frame in [`grid`]: one turn in 20 s at 60 frames per second.
pub const ORBIT_STEP: f32 = std::f32::consts::TAU / 1200.0;

/// Elevation of the orbiting camera above the grid's plane.
const ORBIT_ELEVATION_DEGREES: f32 = 30.0;

/// `count` copies of every mesh-carrying node of `model` on a square grid in the XZ
/// plane, centred on the origin, `1.5 ×` the model's larger horizontal extent apart.
///
/// Meshes, materials, textures, samplers and images are copied as they are, so their ids
/// are the model's. Each copy is flat: one root node per mesh node of the model, holding
/// its world transform (decomposed to translation, rotation and scale; a sheared world
/// matrix loses its shear) and morph weights, moved to its grid cell. Skins, cameras and
/// lights are not copied (skinned meshes show in their bind pose); one directional light
/// is added. The camera orbits the grid at 30° elevation by [`ORBIT_STEP`] per frame,
/// far enough for the grid's bounding sphere to fill the 60° field of view.
pub fn grid(model: &Scene, count: u32) -> BenchScene {
    let name = format!("grid-{}-{count}", model.name.as_deref().unwrap_or("model"));
    let mut scene = Scene::new();
    scene.name = Some(name.clone());
    scene.meshes = model.meshes.clone();
    scene.materials = model.materials.clone();
    scene.textures = model.textures.clone();
    scene.samplers = model.samplers.clone();
    scene.images = model.images.clone();

    // Each drawn node of the model, flattened to its world transform.
    let placed: Vec<(Node, Transform)> = model
        .world_nodes()
        .filter_map(|(id, world)| {
            let source = model.node(id)?;
            let mut node = Node::new().with_mesh(source.mesh?);
            node.morph_weights = source.morph_weights.clone();
            Some((node, Transform::from_matrix(world)))
        })
        .collect();
    for offset in cell_offsets(model, count) {
        for (template, world) in &placed {
            let mut transform = *world;
            transform.translation += offset;
            add_root(&mut scene, template.clone().with_transform(transform));
        }
    }
    orbiting(scene, name)
}

/// Where `count` copies of `model` go on a square grid in the XZ plane centred on the
/// origin, `1.5 ×` the model's larger horizontal extent apart: the offset that moves the
/// model's centre (not its origin) onto each cell's centre, row by row.
pub(crate) fn cell_offsets(model: &Scene, count: u32) -> Vec<Vec3> {
    let bounds = model.stats().bounds;
    let (centre, size) = if bounds.is_empty() {
        (Vec3::ZERO, Vec3::ZERO)
    } else {
        (bounds.center(), bounds.size())
    };
    let spacing = 1.5 * size.x.max(size.z);
    let spacing = if spacing > 0.0 { spacing } else { 1.0 };
    let side = (f64::from(count).sqrt().ceil() as u32).max(1);
    let first = -((side - 1) as f32) / 2.0 * spacing;
    (0..count)
        .map(|i| {
            let (column, row) = ((i % side) as f32, (i / side) as f32);
            Vec3::new(
                first + column * spacing - centre.x,
                0.0,
                first + row * spacing - centre.z,
            )
        })
        .collect()
}

/// `scene` lit by the sun and watched by a camera orbiting it at 30° elevation by
/// [`ORBIT_STEP`] per frame, far enough for its bounding sphere to fill the 60° field
/// of view.
pub(crate) fn orbiting(mut scene: Scene, name: String) -> BenchScene {
    add_sun(&mut scene, SUN_DIRECTION, SUN_LUX);
    scene.update_transforms();

    let all = scene.stats().bounds;
    let (target, radius) = if all.is_empty() {
        (Vec3::ZERO, 1.0)
    } else {
        (all.center(), all.half_extents().length().max(1e-3))
    };
    let fov_y = 60f32.to_radians();
    BenchScene {
        scene,
        name,
        fov_y,
        // Small models need a near plane nearer than 0.1; the eye is at least `radius` away.
        znear: (radius * 0.05).clamp(1e-4, 0.1),
        path: CameraPath::Orbit {
            center: target,
            distance: radius / (fov_y / 2.0).sin(),
            elevation: ORBIT_ELEVATION_DEGREES.to_radians(),
            step: ORBIT_STEP,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glam::Quat;
    use museion_scene::shapes::cuboid;
    use museion_scene::{Material, Mesh};

    fn bounds_of(bench: &BenchScene) -> museion_scene::Aabb {
        bench.scene.stats().bounds
    }

    /// Two instances: a 2 m cube at x = 10, and a child 1 m cube above it, turned.
    fn model() -> Scene {
        let mut scene = Scene::new();
        let material = scene.add_material(Material::default());
        let mut big = cuboid(Vec3::ONE);
        big.material = Some(material);
        let big = scene.add_mesh(Mesh::new(None, vec![big]));
        let small = scene.add_mesh(Mesh::new(None, vec![cuboid(Vec3::splat(0.5))]));
        let root = Node::new()
            .with_mesh(big)
            .with_transform(Transform::from_translation(Vec3::new(10.0, 0.0, 0.0)));
        let root = scene.add_node(root, None).unwrap();
        let child = Node::new().with_mesh(small).with_transform(Transform {
            translation: Vec3::Y * 2.0,
            rotation: Quat::from_rotation_y(0.3),
            scale: Vec3::ONE,
        });
        scene.add_node(child, Some(root)).unwrap();
        scene
    }

    #[test]
    fn nine_copies_of_two_instances_make_eighteen() {
        let model = model();
        let bench = grid(&model, 9);
        assert_eq!(bench.scene.instances().count(), 18);
        assert_eq!(bench.scene.meshes, model.meshes);
        assert_eq!(bench.scene.materials, model.materials);
        // Copies keep the model's relative placement.
        let worlds: Vec<_> = bench.scene.instances().map(|i| i.world).collect();
        for pair in worlds.chunks(2) {
            let relative = pair[0].inverse() * pair[1];
            let expected = model.world_matrix(model.roots()[0]).unwrap().inverse()
                * model.instances().nth(1).unwrap().world;
            assert!(relative.abs_diff_eq(expected, 1e-4));
        }
        // 3 × 3 copies of a 2 m wide model, 3 m apart, centred on the origin.
        let bounds = bounds_of(&bench);
        assert!(bounds.center().x.abs() < 1e-4 && bounds.center().z.abs() < 1e-4);
        assert!((bounds.size().x - (2.0 * 3.0 + 2.0)).abs() < 1e-4, "{bounds:?}");
    }

    #[test]
    fn the_orbit_frames_the_grid() {
        let bench = grid(&model(), 100);
        let bounds = bounds_of(&bench);
        let radius = bounds.half_extents().length();
        for frame in [0, 300, 1199] {
            let pose = bench.camera(frame);
            assert!(pose.eye.distance(bounds.center()) >= radius * 1.99);
            assert!(pose.eye.y > bounds.max.y);
        }
        assert_eq!(bench.frames_per_loop(), 1200);
        assert_eq!(grid(&Scene::new(), 4).scene.instances().count(), 0);
        assert_eq!(grid(&model(), 0).scene.instances().count(), 0);
    }
}
