//! `animation`: posing a crowd of skinned, animated models on the CPU — the Fox of
//! `../shared/gltf`, copied 10,000 and 1,000 times into one scene (its assets once, its
//! nodes, skin and clips per copy), each copy with its own [`AnimationPlayer`] playing
//! "Walk", "Run" or "Survey" at its own phase.
//!
//! - `animation_frame/{10k,1k}`: one frame: every player advances by 1/60 s, all are
//!   evaluated in parallel and written ([`apply_all`]), world transforms are updated,
//!   and the joint matrices of every skinned node are computed (in parallel, into
//!   buffers kept from frame to frame). Throughput in models.
//! - `animation_pose/{10k,1k}`: the same without the joint matrices.
//! - `animation_serial/{10k,1k}`: the frame with the players applied one by one
//!   ([`AnimationPlayer::apply`]) and the joint matrices on one thread: the cost of the
//!   work itself, without rayon.
//! - `animation_crowd/{10k,1k}`: the same frame (the same copies, clips and phases) by
//!   one [`CrowdPlayer`]: every copy advances by 1/60 s, then [`CrowdPlayer::pose`]
//!   samples, works out world and joint matrices and writes them into the scene. The
//!   batched path against `animation_frame`, the per-player one, in the same run.
//!
//! Under `CI` only the 1k crowd runs.
//!
//! ```text
//! cargo bench -p museion-benches --bench animation
//! ```

mod support;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use museion_animation::{AnimationPlayer, ClipCache, CrowdCopy, CrowdPlayer, apply_all, find_clip};
use museion_scene::glam::{Mat4, Vec3};
use museion_scene::{NodeId, Scene};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::{measurement_time, shared_model};

/// The time a frame moves the players on.
const FRAME: f32 = 1.0 / 60.0;

/// A crowd of Foxes, their players and their skinned nodes.
struct Crowd {
    scene: Scene,
    players: Vec<AnimationPlayer>,
    skinned: Vec<NodeId>,
    /// One buffer of joint matrices per skinned node, reused every frame.
    joints: Vec<Vec<Mat4>>,
    /// Each copy as a [`CrowdPlayer`] takes it, its clip (of the Fox's three) and phase.
    copies: Vec<(CrowdCopy, usize, f32)>,
}

/// The same crowd played by one [`CrowdPlayer`].
struct Batched {
    scene: Scene,
    crowd: CrowdPlayer,
}

impl Batched {
    /// The copies of `crowd` (its scene as it was made), each playing the clip at the
    /// phase its player plays.
    fn new(crowd: Crowd) -> Self {
        let Crowd { scene, copies, .. } = crowd;
        let list: Vec<CrowdCopy> = copies.iter().map(|(c, _, _)| c.clone()).collect();
        let mut player = CrowdPlayer::new(&scene, &list).expect("the Foxes make a crowd");
        for (k, &(_, clip, phase)) in copies.iter().enumerate() {
            player.play(k, clip);
            player.seek(k, phase);
        }
        Self { scene, crowd: player }
    }

    /// One frame: every copy 1/60 s on, posed.
    fn frame(&mut self) {
        self.crowd.advance(FRAME);
        self.crowd.pose(&mut self.scene);
        black_box(&self.scene);
    }
}

impl Crowd {
    /// `count` Foxes on a grid, 3 m apart, cycling through the clips.
    fn new(count: usize) -> Self {
        let fox = museion_gltf::import(shared_model("Fox/Fox.glb"))
            .expect("the Fox imports")
            .scene;
        let clips: Vec<usize> = ["Walk", "Run", "Survey"]
            .iter()
            .map(|name| find_clip(&fox, name).expect("the Fox's clips"))
            .collect();
        let mut scene = Scene::new();
        let offsets = scene.append_assets(&fox);
        let side = (count as f32).sqrt().ceil() as usize;
        let mut players = Vec::with_capacity(count);
        // Every copy's clips are copies of the Fox's: the players share one.
        let mut cache = ClipCache::new();
        let mut copies = Vec::with_capacity(count);
        for i in 0..count {
            // Each copy brings its own copies of the clips, in the Fox's order.
            let first_clip = scene.animations.len();
            let roots = scene.append_nodes(&fox, None, offsets).expect("the Fox's nodes");
            let place = Vec3::new((i % side) as f32 * 3.0, 0.0, (i / side) as f32 * 3.0);
            for &root in &roots {
                let mut t = *scene.local_transform(root).expect("a root");
                t.translation += place;
                scene.set_transform(root, t).expect("a root");
            }
            let clip = first_clip + clips[i % clips.len()];
            let mut player = AnimationPlayer::with_clip_cache(&scene, [clip], &mut cache);
            player.play(clip);
            // A phase of its own: the golden ratio spreads them evenly.
            let phase = (i as f32 * 0.618_034).fract() * 4.0;
            player.seek(phase);
            players.push(player);
            let copy = CrowdCopy {
                roots,
                clips: (first_clip..scene.animations.len()).collect(),
            };
            copies.push((copy, clips[i % clips.len()], phase));
        }
        scene.update_transforms();
        let skinned: Vec<NodeId> = scene
            .nodes()
            .filter(|(_, n)| n.skin.is_some())
            .map(|(id, _)| id)
            .collect();
        assert_eq!(skinned.len(), count, "one skinned mesh per Fox");
        let joints = vec![Vec::new(); skinned.len()];
        Self {
            scene,
            players,
            skinned,
            joints,
            copies,
        }
    }

    /// Advances, evaluates in parallel and writes every player, updates transforms.
    fn pose(&mut self) {
        for player in &mut self.players {
            player.advance(FRAME);
        }
        apply_all(&mut self.players, &mut self.scene);
        self.scene.update_transforms();
    }

    /// The joint matrices of every skinned node, in parallel.
    fn joint_matrices(&mut self) {
        let Self {
            scene,
            skinned,
            joints,
            ..
        } = self;
        joint_matrices(scene, skinned, joints);
    }

    /// The whole frame on one thread.
    fn serial_frame(&mut self) {
        for player in &mut self.players {
            player.advance(FRAME);
            player.apply(&mut self.scene);
        }
        self.scene.update_transforms();
        for (node, out) in self.skinned.iter().zip(&mut self.joints) {
            self.scene.joint_matrices_into(*node, out);
        }
        black_box(&self.joints);
    }
}

/// The joint matrices of every skinned node into `joints`, in parallel.
fn joint_matrices(scene: &Scene, skinned: &[NodeId], joints: &mut [Vec<Mat4>]) {
    skinned
        .par_iter()
        .zip(joints.par_iter_mut())
        .for_each(|(node, out)| {
            scene.joint_matrices_into(*node, out);
        });
    black_box(joints);
}

/// A part of the frame timed on its own by `animation_parts`.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Advancing and evaluating the players (in parallel).
    Evaluate,
    /// Writing their poses into the scene.
    Write,
    /// `Scene::update_transforms`.
    Transforms,
    /// The joint matrices (in parallel).
    Joints,
}

impl Part {
    const ALL: [Part; 4] = [Part::Evaluate, Part::Write, Part::Transforms, Part::Joints];

    fn name(self) -> &'static str {
        match self {
            Part::Evaluate => "evaluate",
            Part::Write => "write",
            Part::Transforms => "update_transforms",
            Part::Joints => "joint_matrices",
        }
    }
}

impl Crowd {
    /// A whole frame, returning the time `part` took.
    fn timed_frame(&mut self, part: Part) -> Duration {
        let timed = |p: Part, f: &mut dyn FnMut()| {
            let start = Instant::now();
            f();
            if p == part {
                start.elapsed()
            } else {
                Duration::ZERO
            }
        };
        let scene = &mut self.scene;
        let players = &mut self.players;
        let mut total = timed(Part::Evaluate, &mut || {
            players.par_iter_mut().for_each(|player| {
                player.advance(FRAME);
                player.evaluate(scene);
            })
        });
        total += timed(Part::Write, &mut || {
            for player in players.iter_mut() {
                player.write(scene);
            }
        });
        total += timed(Part::Transforms, &mut || scene.update_transforms());
        let (skinned, joints) = (&self.skinned, &mut self.joints);
        total += timed(Part::Joints, &mut || joint_matrices(scene, skinned, joints));
        total
    }
}

/// A group for crowds of `count`, with few samples.
fn group<'a>(c: &'a mut Criterion, name: &str, count: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Elements(count as u64));
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(measurement_time(10));
    group
}

fn animation(c: &mut Criterion) {
    let sizes: &[(&str, usize)] = if std::env::var_os("CI").is_some() {
        &[("1k", 1_000)]
    } else {
        &[("10k", 10_000), ("1k", 1_000)]
    };
    for &(label, count) in sizes {
        let mut crowd = Crowd::new(count);
        // The first frame writes every animated property; time the steady state.
        crowd.pose();
        crowd.joint_matrices();

        let mut frame = group(c, "animation_frame", count);
        frame.bench_function(label, |b| {
            b.iter(|| {
                crowd.pose();
                crowd.joint_matrices();
            })
        });
        frame.finish();

        let mut pose = group(c, "animation_pose", count);
        pose.bench_function(label, |b| b.iter(|| crowd.pose()));
        pose.finish();

        // Each part of the frame on its own, the whole frame run around it.
        let mut parts = group(c, "animation_parts", count);
        for part in Part::ALL {
            parts.bench_function(format!("{}/{label}", part.name()), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| crowd.timed_frame(part)).sum())
            });
        }
        parts.finish();

        let mut serial = group(c, "animation_serial", count);
        serial.bench_function(label, |b| b.iter(|| crowd.serial_frame()));
        serial.finish();

        // The same copies at the same phases, played by one crowd player (made from
        // the scene as it was built: the players above have moved theirs on).
        drop(crowd);
        let mut batched = Batched::new(Crowd::new(count));
        batched.frame();
        let mut frame = group(c, "animation_crowd", count);
        frame.bench_function(label, |b| b.iter(|| batched.frame()));
        frame.finish();
    }
}

criterion_group!(benches, animation);
criterion_main!(benches);
