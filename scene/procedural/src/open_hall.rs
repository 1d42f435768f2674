//! One big room of exhibits seen from above: nothing to hide, for the cost side of
//! occlusion culling.

use super::exhibits::{Exhibits, plain, walled_floor};
use super::{BenchScene, CameraPath, Rng, SUN_DIRECTION, SUN_LUX, add_sun};
use glam::{Vec2, Vec3};
use museion_scene::Scene;

/// Side of the open hall, metres.
pub const OPEN_HALL_SIZE: f32 = 200.0;

/// Camera turn per frame in [`open_hall`]: one turn in 30 s at 60 frames per second.
pub const OPEN_HALL_TURN_STEP: f32 = std::f32::consts::TAU / 1800.0;

/// Height of the camera above the floor, metres.
const CAMERA_HEIGHT: f32 = 20.0;

/// Space between the exhibit grid and the walls, metres.
const MARGIN: f32 = 5.0;

/// One [`OPEN_HALL_SIZE`] square room with four outer walls and `exhibits` exhibits (the
/// same as in [`halls`](super::halls)) on a square grid filled row by row, each with a
/// seeded shape, colour and turn.
///
/// The camera stands 20 m above the centre, looks 30° down and turns by
/// [`OPEN_HALL_TURN_STEP`] per frame. Exhibits are under 2 m tall and at least a few
/// metres apart, so from up there next to nothing hides anything: an occlusion culler
/// can only add its cost. Field of view 60°, near plane 0.1 m.
pub fn open_hall(exhibits: u32, seed: u64) -> BenchScene {
    let name = format!("open-hall-{exhibits}-seed{seed}");
    let mut scene = Scene::new();
    scene.name = Some(name.clone());
    let mut rng = Rng::new(seed);

    let wall = plain(&mut scene, "wall", Vec3::new(0.80, 0.78, 0.74), 0.9);
    let floor = plain(&mut scene, "floor", Vec3::new(0.35, 0.30, 0.25), 0.7);
    let half = OPEN_HALL_SIZE / 2.0;
    walled_floor(&mut scene, Vec2::splat(half), floor, wall);

    let kit = Exhibits::new(&mut scene);
    let side = (f64::from(exhibits).sqrt().ceil() as u32).max(1);
    let spacing = (OPEN_HALL_SIZE - 2.0 * MARGIN) / side as f32;
    let origin = -half + MARGIN + spacing / 2.0;
    for i in 0..exhibits {
        let (column, row) = (i % side, i / side);
        let at = Vec3::new(
            origin + column as f32 * spacing,
            0.0,
            origin + row as f32 * spacing,
        );
        kit.add(&mut scene, &mut rng, at);
    }
    add_sun(&mut scene, SUN_DIRECTION, SUN_LUX);
    scene.update_transforms();
    BenchScene {
        scene,
        name,
        fov_y: 60f32.to_radians(),
        znear: 0.1,
        path: CameraPath::Turn {
            eye: Vec3::Y * CAMERA_HEIGHT,
            pitch: -30f32.to_radians(),
            step: OPEN_HALL_TURN_STEP,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{WALL_HEIGHT, WALL_THICKNESS};

    #[test]
    fn the_hall_holds_a_floor_four_walls_and_the_exhibits() {
        let bench = open_hall(400, 1);
        let stats = bench.scene.stats();
        assert_eq!(stats.mesh_instances, 1 + 4 + 2 * 400);
        let bounds = stats.bounds;
        assert!((bounds.size().x - (OPEN_HALL_SIZE + WALL_THICKNESS)).abs() < 1e-3);
        assert!((bounds.size().z - (OPEN_HALL_SIZE + WALL_THICKNESS)).abs() < 1e-3);
        // 20 × 20 exhibits, 9.5 m apart, none higher than 2 m.
        let tops: Vec<f32> = bench.scene.instances().map(|i| i.bounds.aabb.max.y).collect();
        assert_eq!(tops.iter().filter(|y| **y < WALL_HEIGHT).count(), 1 + 800);
        assert!(tops.iter().all(|y| *y <= 2.0 || *y == WALL_HEIGHT));
    }

    #[test]
    fn the_camera_turns_high_above_the_centre_looking_down() {
        let bench = open_hall(4, 1);
        for frame in [0, 450, 1234] {
            let pose = bench.camera(frame);
            assert_eq!(pose.eye, Vec3::new(0.0, CAMERA_HEIGHT, 0.0));
            let down = (pose.target - pose.eye).normalize();
            assert!((down.y - -0.5).abs() < 1e-5, "{down}");
        }
        assert_eq!(bench.frames_per_loop(), 1800);
        assert_ne!(
            open_hall(50, 1)
                .scene
                .instances()
                .map(|i| i.world)
                .collect::<Vec<_>>(),
            open_hall(50, 2)
                .scene
                .instances()
                .map(|i| i.world)
                .collect::<Vec<_>>(),
        );
    }
}
