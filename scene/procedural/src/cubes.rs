//! Unit cubes on a Fibonacci sphere around a turning camera (Bevy's `many_cubes`).

use super::{BenchScene, CameraPath, SUN_LUX, add_root, add_sun};
use glam::{DVec3, Mat3, Quat, Vec3, Vec4};
use museion_scene::shapes::cuboid;
use museion_scene::{Material, Mesh, Node, Scene, Transform};
use std::f64::consts::TAU;

/// Radius of the sphere the cubes sit on (Bevy's `WIDTH * 2.5`).
pub const CUBES_RADIUS: f64 = 500.0;

/// Camera turn per frame in [`cubes`]: Bevy's 0.15 rad/s at a fixed 60 frames per second,
/// as its `--benchmark` mode steps it.
pub const CUBES_TURN_STEP: f32 = 0.15 / 60.0;

/// Bevy's offset of the Fibonacci lattice, which evens out nearest-neighbour distances
/// (extremelearning.com.au, "evenly distributing points on a sphere").
const EPSILON: f64 = 0.36;

/// `count` unit cubes (one mesh, one material) on a sphere of radius [`CUBES_RADIUS`]
/// around the origin, each turned to face the origin, with one directional light.
///
/// The layout is Bevy's `many_cubes` sphere layout (which places 160,000 cubes): point
/// `i` of `n` has `theta = 2π·i/golden_ratio` and
/// `phi = acos(1 − 2(i + ε)/(n − 1 + 2ε))`, ε = 0.36, computed in f64. The camera stands
/// at the origin and turns about +Y by [`CUBES_TURN_STEP`] per frame (Bevy tumbles about
/// its local Z and X instead; a level turn keeps +Y up for the renderer's look-at), with
/// a 45° field of view (Bevy's default) and a 0.1 near plane.
pub fn cubes(count: u32) -> BenchScene {
    let mut scene = Scene::new();
    scene.name = Some(format!("cubes-{count}"));
    // Bevy's StandardMaterial default: white, dielectric, perceptual roughness 0.5.
    let material = scene.add_material(Material {
        name: Some("cube".into()),
        base_color_factor: Vec4::ONE,
        metallic_factor: 0.0,
        roughness_factor: 0.5,
        ..Material::default()
    });
    let mut primitive = cuboid(Vec3::splat(0.5));
    primitive.material = Some(material);
    let mesh = scene.add_mesh(Mesh::new(Some("cube".into()), vec![primitive]));

    for i in 0..count {
        let p = sphere_point(i, count) * CUBES_RADIUS;
        let translation = p.as_vec3();
        let transform = Transform {
            translation,
            rotation: facing(-translation),
            scale: Vec3::ONE,
        };
        add_root(&mut scene, Node::new().with_mesh(mesh).with_transform(transform));
    }
    // Bevy's light looks towards (0, -1, -1).
    add_sun(&mut scene, Vec3::new(0.0, -1.0, -1.0), SUN_LUX);
    scene.update_transforms();
    BenchScene {
        scene,
        name: format!("cubes-{count}"),
        fov_y: std::f32::consts::FRAC_PI_4,
        znear: 0.1,
        path: CameraPath::Turn {
            eye: Vec3::ZERO,
            pitch: 0.0,
            step: CUBES_TURN_STEP,
        },
    }
}

/// Point `i` of `n` on the unit sphere (polar axis +Z), as Bevy's
/// `fibonacci_spiral_on_sphere` and `spherical_polar_to_cartesian` compute it.
fn sphere_point(i: u32, n: u32) -> DVec3 {
    let golden_ratio = 0.5 * (1.0 + 5f64.sqrt());
    let i = f64::from(i);
    let theta = TAU * (i / golden_ratio);
    let phi = (1.0 - 2.0 * (i + EPSILON) / (f64::from(n) - 1.0 + 2.0 * EPSILON)).acos();
    let (sin_theta, cos_theta) = theta.sin_cos();
    let (sin_phi, cos_phi) = phi.sin_cos();
    DVec3::new(cos_theta * sin_phi, sin_theta * sin_phi, cos_phi)
}

/// The rotation that points local -Z along `direction` with +Y up, as Bevy's
/// `Transform::looking_to`; identity when `direction` is zero or vertical.
fn facing(direction: Vec3) -> Quat {
    let back = -direction.normalize_or_zero();
    let right = Vec3::Y.cross(back).normalize_or_zero();
    if right == Vec3::ZERO {
        return Quat::IDENTITY;
    }
    Quat::from_mat3(&Mat3::from_cols(right, back.cross(right), back))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cubes_sit_on_the_sphere_facing_the_centre() {
        let bench = cubes(1000);
        let instances: Vec<_> = bench.scene.instances().collect();
        assert_eq!(instances.len(), 1000);
        for instance in &instances {
            let p = instance.world.w_axis.truncate();
            assert!((p.length() - 500.0).abs() < 1e-3, "{p}");
            let toward = instance.world.transform_vector3(Vec3::NEG_Z);
            assert!(toward.dot(-p.normalize()) > 0.999_99);
            // Bounds were computed: a turned unit cube's box is between 1 and √3 wide.
            let size = instance.bounds.aabb.size();
            assert!(size.min_element() >= 1.0 - 1e-4 && size.max_element() <= 3f32.sqrt() + 1e-4);
        }
        assert_eq!(bench.scene.meshes.len(), 1);
        assert_eq!(bench.scene.materials.len(), 1);
        assert_eq!(bench.scene.lights.len(), 1);
        assert_eq!(bench.scene.stats().triangles, 12_000);
    }

    #[test]
    fn the_camera_turns_level_at_the_origin() {
        let bench = cubes(10);
        let frames = bench.frames_per_loop();
        assert_eq!(frames, (TAU / f64::from(CUBES_TURN_STEP)).ceil() as u32);
        for frame in [0, 1, 500, frames / 2] {
            let pose = bench.camera(frame);
            assert_eq!(pose.eye, Vec3::ZERO);
            assert!(pose.target.y.abs() < 1e-6);
            let expected = f64::from(frame) * f64::from(CUBES_TURN_STEP);
            let angle = f64::from(pose.target.x.atan2(pose.target.z).abs());
            assert!((angle - (std::f64::consts::PI - expected).abs()).abs() < 1e-4);
        }
    }

    #[test]
    fn the_lattice_matches_bevys_formula_ends() {
        // With the ε offset the first and last points sit near, not on, the poles.
        let n = 160_000;
        assert!(sphere_point(0, n).z < 1.0 && sphere_point(0, n).z > 0.9999);
        assert!(sphere_point(n - 1, n).z > -1.0 && sphere_point(n - 1, n).z < -0.9999);
    }
}
