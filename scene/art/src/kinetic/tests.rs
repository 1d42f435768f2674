//! The kinetic sculpture's promises: a clip that turns and morphs the bud and whose end
//! looks exactly like its start, played by a sampler written here.

use super::*;
use glam::Vec3;

/// `values` of one sampler at `t`, `n` components per key, linear.
fn sample(sampler: &AnimationSampler, n: usize, t: f32) -> Vec<f32> {
    let times = &sampler.times;
    let t = t.clamp(times[0], times[times.len() - 1]);
    let k = times.partition_point(|&x| x <= t).clamp(1, times.len() - 1);
    let s = (t - times[k - 1]) / (times[k] - times[k - 1]);
    (0..n)
        .map(|c| sampler.values[(k - 1) * n + c] * (1.0 - s) + sampler.values[k * n + c] * s)
        .collect()
}

/// The bud's vertices, morphed and turned as the clip has them at `t`, in the root's
/// space.
fn posed(sculpture: &KineticSculpture, t: f32) -> Vec<Vec3> {
    let scene = &sculpture.scene;
    let clip = &scene.animations[sculpture.turn];
    let turn = Quat::from_slice(&sample(&clip.samplers[0], 4, t)).normalize();
    let weights = sample(&clip.samplers[1], 2, t);
    let mesh = scene
        .node(sculpture.form)
        .and_then(|n| n.mesh)
        .expect("the bud's mesh");
    let primitive = &scene.meshes[mesh.index()].primitives[0];
    primitive
        .deform(None, &weights)
        .positions
        .into_iter()
        .map(|p| turn * p + Vec3::Y * ROD_TOP)
        .collect()
}

#[test]
fn the_clip_turns_and_morphs_the_bud_and_its_end_looks_like_its_start() {
    let sculpture = kinetic_sculpture(3);
    let clip = &sculpture.scene.animations[sculpture.turn];
    assert_eq!(clip.name.as_deref(), Some(TURN_CLIP));
    assert!((clip.duration() - sculpture.period).abs() < 1e-5);
    assert!((9.0..=13.0).contains(&sculpture.period));
    let weights = &clip.samplers[1].values;
    assert_eq!(weights[..2], weights[weights.len() - 2..]);
    let (start, middle, end) = (
        posed(&sculpture, 0.0),
        posed(&sculpture, sculpture.period / 2.0),
        posed(&sculpture, sculpture.period),
    );
    // Half way the bud has moved (turned and opened) by centimetres.
    let moved = start
        .iter()
        .zip(&middle)
        .map(|(a, b)| a.distance(*b))
        .fold(0.0, f32::max);
    assert!(moved > 0.05, "{moved}");
    // At the end every vertex is where one of the start's vertices was: the bud turned
    // by one lobe onto itself, and its weights came back.
    for p in end.iter().step_by(7) {
        let nearest = start.iter().map(|q| q.distance(*p)).fold(f32::MAX, f32::min);
        assert!(nearest < 1e-4, "{p} is {nearest} m from the start's surface");
    }
    // And not trivially: the end's vertex k is not the start's vertex k.
    let same = start
        .iter()
        .zip(&end)
        .filter(|(a, b)| a.distance(**b) < 1e-4)
        .count();
    assert!(same < start.len() / 10, "{same} of {} did not move", start.len());
}

#[test]
fn the_sculpture_stands_on_the_floor_and_repeats_for_a_seed() {
    let a = kinetic_sculpture(11);
    let bounds = a.scene.stats().bounds;
    assert!(bounds.min.y.abs() < 1e-4, "{bounds:?}");
    assert!((0.9..1.5).contains(&bounds.max.y), "{bounds:?}");
    assert_eq!(a.scene.materials.len(), 2);
    let b = kinetic_sculpture(11);
    assert_eq!(a.scene.meshes, b.scene.meshes);
    assert_eq!(a.scene.animations, b.scene.animations);
    assert!((0..12).any(|seed| kinetic_sculpture(seed).lobes != a.lobes));
}
