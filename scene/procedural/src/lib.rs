//! museion-procedural: seeded, deterministic scenes for benchmarks (`museion bench`) and culling tests.
//!
//! Every builder returns a [`BenchScene`]: the [`Scene`], a name, and a camera path that
//! gives the same [`CameraPose`] for the same frame number on every run and machine, so
//! frame times and culling counts can be compared between runs.
//!
//! - [`cubes`]: unit cubes on a Fibonacci sphere of radius 500 around a camera that
//!   turns in place, laid out as Bevy's `many_cubes` stress test does. Roughly the same
//!   number of cubes is in view at any angle, so it measures per-instance cost (upload,
//!   frustum culling, draw submission) at a steady load, up to millions of instances.
//! - [`halls`]: a museum of square rooms joined by doors, with pedestals and detailed
//!   exhibits, and a camera that walks through the doors at eye height. Opaque walls hide
//!   most of the museum from any point, so it measures what occlusion culling saves.
//! - [`open_hall`]: one big room with exhibits on a grid, seen from above while turning,
//!   so almost nothing is hidden: it measures what occlusion culling costs when it cannot
//!   save anything.
//! - [`grid`]: copies of any scene (an imported glTF model, say) on a square grid, with an
//!   orbiting camera that frames them all.
//!
//! The builders use their own [`Rng`], so scenes depend only on their arguments, never on
//! a library's random number generator or the platform.

mod crowd;
mod cubes;
mod exhibits;
mod grid;
mod halls;
mod lit_hall;
mod open_hall;
mod rng;
mod walk;

pub use crowd::crowd;
pub use cubes::{CUBES_RADIUS, CUBES_TURN_STEP, cubes};
pub use exhibits::{WALL_HEIGHT, WALL_THICKNESS};
pub use grid::{ORBIT_STEP, grid};
pub use halls::{DOOR_HEIGHT, DOOR_WIDTH, EYE_HEIGHT, ROOM_SIZE, halls};
pub use lit_hall::{LIT_HALL_LENGTH, LIT_HALL_MIN_RANGE, LIT_HALL_WIDTH, lit_hall};
pub use open_hall::{OPEN_HALL_SIZE, OPEN_HALL_TURN_STEP, open_hall};
pub use rng::Rng;
pub use walk::{WALK_STEP, Walk};

use glam::{Quat, Vec3};
use museion_scene::{Light, LightKind, Node, Scene, Transform};
use std::f64::consts::TAU;

/// Where the camera is and what it looks at; the renderer adds a perspective projection
/// with [`BenchScene::fov_y`] and [`BenchScene::znear`] and +Y as the up direction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameraPose {
    /// The eye position, world space.
    pub eye: Vec3,
    /// A point the camera looks at (never equal to `eye`).
    pub target: Vec3,
}

/// How the camera of a [`BenchScene`] moves, by frame number. Every path loops.
#[derive(Clone, Debug, PartialEq)]
pub enum CameraPath {
    /// Stands at `eye` and turns about +Y by `step` radians per frame, starting towards
    /// -Z, looking `pitch` radians above the horizon (negative: below).
    Turn {
        /// The eye position.
        eye: Vec3,
        /// Elevation of the view direction, radians.
        pitch: f32,
        /// Turn per frame, radians (counter-clockwise seen from above).
        step: f32,
    },
    /// Circles `center` at `distance` from it, `elevation` radians above its horizontal
    /// plane, by `step` radians per frame, always looking at `center`.
    Orbit {
        /// The point looked at.
        center: Vec3,
        /// Distance from the eye to `center`.
        distance: f32,
        /// Angle of the eye above the horizontal plane through `center`, radians.
        elevation: f32,
        /// Turn per frame, radians.
        step: f32,
    },
    /// Walks along a polyline and back (see [`Walk`]).
    Walk(Walk),
}

/// A generated scene with the camera path and lens it suggests.
#[derive(Clone, Debug)]
pub struct BenchScene {
    /// The world (world matrices already up to date).
    pub scene: Scene,
    /// A short name with the arguments, for reports (`"cubes-1600000"`).
    pub name: String,
    /// Suggested vertical field of view, radians.
    pub fov_y: f32,
    /// Suggested near plane distance.
    pub znear: f32,
    /// How the camera moves.
    pub path: CameraPath,
}

impl BenchScene {
    /// The camera for frame `frame` (frame 0 is the start; any frame number is valid).
    pub fn camera(&self, frame: u32) -> CameraPose {
        match &self.path {
            CameraPath::Turn { eye, pitch, step } => {
                let angle = turned(frame, *step);
                let (sin_p, cos_p) = pitch.sin_cos();
                let forward = Vec3::new(-angle.sin() * cos_p, sin_p, -angle.cos() * cos_p);
                CameraPose {
                    eye: *eye,
                    target: *eye + forward,
                }
            }
            CameraPath::Orbit {
                center,
                distance,
                elevation,
                step,
            } => {
                let angle = turned(frame, *step);
                let (sin_e, cos_e) = elevation.sin_cos();
                let offset = Vec3::new(angle.sin() * cos_e, sin_e, angle.cos() * cos_e) * *distance;
                CameraPose {
                    eye: *center + offset,
                    target: *center,
                }
            }
            CameraPath::Walk(walk) => walk.pose(frame),
        }
    }

    /// The number of frames after which the camera path repeats (at least 1).
    pub fn frames_per_loop(&self) -> u32 {
        let frames = match &self.path {
            CameraPath::Turn { step, .. } | CameraPath::Orbit { step, .. } => TAU / f64::from(step.abs()),
            CameraPath::Walk(walk) => walk.loop_length() / f64::from(walk.step()),
        };
        // Steps are f32, so a loop meant to take a whole number of frames may come out a
        // hair over it; that hair is not a frame.
        let frames = if (frames - frames.round()).abs() < 1e-3 {
            frames.round()
        } else {
            frames.ceil()
        };
        if frames.is_finite() {
            frames.clamp(1.0, f64::from(u32::MAX)) as u32
        } else {
            1
        }
    }
}

/// The angle after `frame` steps, reduced to one turn in f64 so late frames keep their
/// precision.
fn turned(frame: u32, step: f32) -> f32 {
    (f64::from(frame) * f64::from(step)).rem_euclid(TAU) as f32
}

/// Adds a white directional light shining along `direction`, on its own root node (lights
/// shine along their node's -Z).
fn add_sun(scene: &mut Scene, direction: Vec3, lux: f32) {
    let light = scene.add_light(Light {
        name: Some("sun".into()),
        kind: LightKind::Directional,
        color: Vec3::ONE,
        intensity: lux,
        range: None,
        cast_shadows: true,
    });
    let rotation = Quat::from_rotation_arc(Vec3::NEG_Z, direction.normalize());
    let mut node = Node::new()
        .with_name("sun")
        .with_transform(Transform::from_rotation(rotation));
    node.light = Some(light);
    add_root(scene, node);
}

/// Adds a root node. Adding a root cannot fail: only a dead parent makes `add_node` fail.
fn add_root(scene: &mut Scene, node: Node) {
    scene
        .add_node(node, None)
        .expect("adding a root node cannot fail");
}

/// The sun of every scene here: the direction of the renderer's studio key light, and an
/// illuminance that suits the renderer's default exposure.
const SUN_DIRECTION: Vec3 = Vec3::new(-0.45, -0.8, -0.4);
const SUN_LUX: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turn_and_orbit_paths_loop() {
        let bench = BenchScene {
            scene: Scene::new(),
            name: "t".into(),
            fov_y: 1.0,
            znear: 0.1,
            path: CameraPath::Turn {
                eye: Vec3::ZERO,
                pitch: 0.0,
                step: std::f32::consts::FRAC_PI_2,
            },
        };
        assert_eq!(bench.frames_per_loop(), 4);
        assert!(bench.camera(0).target.abs_diff_eq(Vec3::NEG_Z, 1e-6));
        assert!(bench.camera(1).target.abs_diff_eq(Vec3::NEG_X, 1e-6));
        assert!(bench.camera(4).target.abs_diff_eq(Vec3::NEG_Z, 1e-6));
        let orbit = BenchScene {
            path: CameraPath::Orbit {
                center: Vec3::ONE,
                distance: 10.0,
                elevation: 0.5,
                step: 0.01,
            },
            ..bench
        };
        for frame in [0, 17, 1_000_000] {
            let pose = orbit.camera(frame);
            assert!((pose.eye.distance(Vec3::ONE) - 10.0).abs() < 1e-4);
            assert_eq!(pose.target, Vec3::ONE);
        }
    }

    /// Sizes and build times of the benchmark scenes (run with `--release --ignored
    /// --nocapture`; `BENCH_SCENE=cubes` builds only that one, to measure its memory).
    #[test]
    #[ignore = "slow in debug builds; prints a report"]
    fn report_sizes_and_build_times() {
        let only = std::env::var("BENCH_SCENE").unwrap_or_default();
        type Builder = fn() -> BenchScene;
        let builders: [(&str, Builder); 5] = [
            ("cubes", || cubes(1_600_000)),
            ("halls", || halls(16, 12, 1)),
            ("halls", || halls(64, 20, 1)),
            ("open_hall", || open_hall(400, 1)),
            ("grid", || grid(&halls(1, 4, 1).scene, 100)),
        ];
        for (kind, build) in builders {
            if !only.is_empty() && only != kind {
                continue;
            }
            let start = std::time::Instant::now();
            let bench = build();
            let built = start.elapsed();
            // Peak resident memory so far (Linux), before stats() allocates its own walk.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let peak = status
                .lines()
                .find(|l| l.starts_with("VmHWM"))
                .unwrap_or("VmHWM: ?");
            let stats = bench.scene.stats();
            println!(
                "{}: {} instances, {} triangles, {} frames per loop, built in {:.3} s, {peak}",
                bench.name,
                stats.primitive_instances,
                stats.triangles,
                bench.frames_per_loop(),
                built.as_secs_f64()
            );
        }
    }
}
