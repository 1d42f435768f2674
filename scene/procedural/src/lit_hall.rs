//! One long exhibition hall lit by many small lights: the scene of the light-count
//! benchmark, where the cost of a pixel should follow the lights that reach it, not the
//! number in the hall.

use super::exhibits::{Exhibits, plain, walled_floor};
use super::{BenchScene, CameraPath, Rng, WALK_STEP, Walk};
use glam::{Quat, Vec2, Vec3};
use museion_scene::{Light, LightKind, Node, Scene, Transform};

/// Length of the hall, metres.
pub const LIT_HALL_LENGTH: f32 = 240.0;
/// Width of the hall, metres.
pub const LIT_HALL_WIDTH: f32 = 16.0;

/// The shortest reach of a light, metres.
pub const LIT_HALL_MIN_RANGE: f32 = 1.5;

/// Exhibits down the middle of the hall, metres apart.
const EXHIBIT_SPACING: f32 = 4.0;

/// Eye height of the walking camera, metres.
const EYE: f32 = 1.6;

/// A [`LIT_HALL_LENGTH`] × [`LIT_HALL_WIDTH`] hall with two rows of exhibits and
/// `lights` lights hung between 1.2 m and 3.5 m over it, spread evenly on a seeded
/// jitter: every second one a point light, the others spots aimed down. Each light's
/// range is 1.5 times the side of its share of the floor (at least
/// [`LIT_HALL_MIN_RANGE`]), so that about seven lights reach a point of the floor
/// whatever the count, and its intensity is in proportion to that share (about 150 lx
/// on average): what a pixel costs should not change with the number of lights. No sun: the lamps are the light. The camera walks the hall's length and
/// back at eye height.
pub fn lit_hall(lights: u32, seed: u64) -> BenchScene {
    let name = format!("lights-{lights}-seed{seed}");
    let mut scene = Scene::new();
    scene.name = Some(name.clone());
    let mut rng = Rng::new(seed);

    let wall = plain(&mut scene, "wall", Vec3::new(0.85, 0.84, 0.80), 0.9);
    let floor = plain(&mut scene, "floor", Vec3::new(0.40, 0.34, 0.28), 0.6);
    let (half_l, half_w) = (LIT_HALL_LENGTH / 2.0, LIT_HALL_WIDTH / 2.0);
    walled_floor(&mut scene, Vec2::new(half_w, half_l), floor, wall);

    let kit = Exhibits::new(&mut scene);
    let rows = (LIT_HALL_LENGTH / EXHIBIT_SPACING) as u32 - 1;
    for row in 0..rows {
        let z = -half_l + EXHIBIT_SPACING * (row + 1) as f32;
        for x in [-half_w / 2.0, half_w / 2.0] {
            kit.add(&mut scene, &mut rng, Vec3::new(x, 0.0, z));
        }
    }

    add_lights(&mut scene, &mut rng, lights);
    scene.update_transforms();
    let points = vec![
        Vec3::new(0.0, EYE, half_l - 2.0),
        Vec3::new(0.0, EYE, -half_l + 2.0),
    ];
    BenchScene {
        scene,
        name,
        fov_y: 60f32.to_radians(),
        znear: 0.1,
        path: CameraPath::Walk(Walk::new(points, WALK_STEP, seed)),
    }
}

/// `count` lights under the ceiling on a grid of about square cells over the hall,
/// jittered within their cell.
fn add_lights(scene: &mut Scene, rng: &mut Rng, count: u32) {
    if count == 0 {
        return;
    }
    // Columns across and rows along in proportion to the hall's sides.
    let across = ((count as f32 * LIT_HALL_WIDTH / LIT_HALL_LENGTH).sqrt().round() as u32).clamp(1, count);
    let along = count.div_ceil(across);
    let cell = Vec3::new(
        LIT_HALL_WIDTH / across as f32,
        0.0,
        LIT_HALL_LENGTH / along as f32,
    );
    // About half of a light's flux (4π I) falls on the floor below it; spread over its
    // share of the floor, that is 150 lx.
    let share = cell.x * cell.z;
    let candela = (150.0 * share / std::f32::consts::TAU).clamp(5.0, 20_000.0);
    let range = (1.5 * share.sqrt()).max(LIT_HALL_MIN_RANGE);
    for i in 0..count {
        let (column, row) = (i % across, i / across);
        let position = Vec3::new(
            -LIT_HALL_WIDTH / 2.0 + cell.x * (column as f32 + rng.range(0.25, 0.75)),
            rng.range(1.2, 3.5),
            -LIT_HALL_LENGTH / 2.0 + cell.z * (row as f32 + rng.range(0.25, 0.75)),
        );
        let kind = if i % 2 == 0 {
            LightKind::Point
        } else {
            LightKind::Spot {
                inner_cone_angle: 0.3,
                outer_cone_angle: 0.6,
            }
        };
        let warm = rng.range(0.85, 1.0);
        let light = scene.add_light(Light {
            name: None,
            kind,
            color: Vec3::new(1.0, warm, warm * warm),
            intensity: candela,
            range: Some(range),
            cast_shadows: false,
        });
        // Straight down, tilted a little.
        let down = Vec3::new(rng.range(-0.3, 0.3), -1.0, rng.range(-0.3, 0.3)).normalize();
        let transform = Transform {
            translation: position,
            rotation: Quat::from_rotation_arc(Vec3::NEG_Z, down),
            scale: Vec3::ONE,
        };
        let mut node = Node::new().with_transform(transform);
        node.light = Some(light);
        scene
            .add_node(node, None)
            .expect("adding a root node cannot fail");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WALL_HEIGHT;

    #[test]
    fn the_hall_has_the_lights_asked_for_all_bounded() {
        for count in [0, 1, 10, 1000] {
            let bench = lit_hall(count, 1);
            assert_eq!(bench.scene.lights.len(), count as usize);
            assert!(
                bench
                    .scene
                    .lights
                    .iter()
                    .all(|l| l.range.is_some_and(|r| r >= LIT_HALL_MIN_RANGE))
            );
            let half = Vec3::new(LIT_HALL_WIDTH / 2.0, WALL_HEIGHT, LIT_HALL_LENGTH / 2.0);
            for (id, world) in bench.scene.world_nodes() {
                if bench.scene.node(id).unwrap().light.is_some() {
                    let p = world.transform_point3(Vec3::ZERO);
                    assert!(p.abs().cmple(half).all(), "light at {p}");
                }
            }
        }
        assert_eq!(lit_hall(100, 3).name, "lights-100-seed3");
    }
}
