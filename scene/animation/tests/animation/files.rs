//! Real files of `../shared/gltf`: the Fox's clips move its joints as the file's keys
//! say, and MorphStressTest's clip drives morph weights.

use crate::support::{assert_rotation, local};
use museion_animation::{AnimationPlayer, find_clip, pose_at};
use museion_scene::glam::{Quat, Vec3};
use museion_scene::{AnimationProperty, AnimationSampler, Interpolation, Scene};

fn import(relative: &str) -> Scene {
    museion_gltf::import(museion_testkit::shared_model(relative))
        .expect("the model imports")
        .scene
}

/// The keys around `t` and how far between them, found here without the crate.
fn keys_around(times: &[f32], t: f32) -> (usize, f32) {
    let i = times
        .iter()
        .rposition(|&k| k <= t)
        .expect("t is after the first key");
    assert!(i + 1 < times.len(), "t is before the last key");
    (i, (t - times[i]) / (times[i + 1] - times[i]))
}

fn value<const N: usize>(sampler: &AnimationSampler, key: usize) -> [f32; N] {
    std::array::from_fn(|c| sampler.values[key * N + c])
}

#[test]
fn the_fox_walk_moves_its_joints_as_the_file_s_keys_say() {
    let mut scene = import("Fox/Fox.glb");
    let walk = find_clip(&scene, "Walk").expect("the Fox has a Walk clip");
    assert!(find_clip(&scene, "Run").is_some() && find_clip(&scene, "Survey").is_some());
    let animation = scene.animations[walk].clone();
    // The rotation channel that turns its joint most over the clip.
    let turn = |c: &&museion_scene::AnimationChannel| {
        let s = &animation.samplers[c.sampler];
        let first = Quat::from_array(value::<4>(s, 0));
        (0..s.times.len())
            .map(|k| first.angle_between(Quat::from_array(value::<4>(s, k))))
            .fold(0.0, f32::max)
    };
    let channel = animation
        .channels
        .iter()
        .filter(|c| c.property == AnimationProperty::Rotation)
        .max_by(|a, b| turn(a).total_cmp(&turn(b)))
        .expect("Walk turns joints")
        .clone();
    let sampler = &animation.samplers[channel.sampler];
    assert_eq!(sampler.interpolation, Interpolation::Linear);
    let joint = channel.target;
    let rest = local(&scene, joint);
    let rest_world = scene.world_matrix(joint).unwrap();

    let t = 0.3;
    let (i, u) = keys_around(&sampler.times, t);
    let (a, b) = (
        Quat::from_array(value::<4>(sampler, i)),
        Quat::from_array(value::<4>(sampler, i + 1)),
    );
    let expected = a.slerp(b, u).normalize();

    let mut player = AnimationPlayer::new(&scene);
    player.play(walk);
    player.advance(t);
    player.apply(&mut scene);
    scene.update_transforms();
    let posed = local(&scene, joint);
    assert_rotation(posed.rotation, expected, 1e-5);
    assert!(
        posed.rotation.angle_between(rest.rotation) > 0.01,
        "the joint turned"
    );
    assert!(!scene.world_matrix(joint).unwrap().abs_diff_eq(rest_world, 1e-4));

    // The clip's translation channel, linear between its keys.
    let moved = animation
        .channels
        .iter()
        .find(|c| c.property == AnimationProperty::Translation)
        .expect("Walk moves the root");
    let s = &animation.samplers[moved.sampler];
    let (i, u) = keys_around(&s.times, t);
    let expected = Vec3::from_array(value::<3>(s, i)).lerp(Vec3::from_array(value::<3>(s, i + 1)), u);
    let translation = local(&scene, moved.target).translation;
    assert!(
        translation.abs_diff_eq(expected, 1e-4),
        "{translation} {expected}"
    );
}

#[test]
fn seeking_the_fox_matches_playing_two_blended_clips_in_small_steps() {
    let mut scene = import("Fox/Fox.glb");
    let (walk, run) = (
        find_clip(&scene, "Walk").unwrap(),
        find_clip(&scene, "Run").unwrap(),
    );
    let mut stepped = scene.clone();
    let mut direct = AnimationPlayer::new(&scene);
    let mut played = AnimationPlayer::new(&stepped);
    for player in [&mut direct, &mut played] {
        player.play(walk);
        let layer = player.current_layer().unwrap();
        player.set_layer_weight(layer, 0.5);
        player.add_layer(run, 0.5);
    }
    for _ in 0..140 {
        played.advance(1.0 / 60.0);
        played.apply(&mut stepped);
    }
    direct.seek(140.0 / 60.0);
    direct.apply(&mut scene);
    for joint in scene.animations[walk].channels.iter().map(|c| c.target) {
        let (a, b) = (local(&scene, joint), local(&stepped, joint));
        assert!(a.translation.abs_diff_eq(b.translation, 1e-3), "{a:?} {b:?}");
        assert_rotation(a.rotation, b.rotation, 1e-4);
    }
}

#[test]
fn morph_stress_test_s_wave_drives_the_morph_weights() {
    let mut scene = import("MorphStressTest/MorphStressTest.gltf");
    let wave = find_clip(&scene, "TheWave").expect("the clip is there");
    let channel = scene.animations[wave].channels[0].clone();
    assert_eq!(channel.property, AnimationProperty::MorphWeights);
    let sampler = scene.animations[wave].samplers[channel.sampler].clone();
    let t = 1.1;
    let (i, u) = keys_around(&sampler.times, t);
    let a: [f32; 8] = value(&sampler, i);
    let b: [f32; 8] = value(&sampler, i + 1);
    let expected: Vec<f32> = a.iter().zip(&b).map(|(a, b)| a + (b - a) * u).collect();
    assert!(expected.iter().any(|w| *w != 0.0), "some weight is on at {t}");
    pose_at(&mut scene, wave, t).unwrap();
    let weights = scene.node(channel.target).unwrap().morph_weights.clone().unwrap();
    assert_eq!(weights.len(), 8);
    for (w, e) in weights.iter().zip(&expected) {
        assert!((w - e).abs() < 1e-5, "{weights:?} {expected:?}");
    }
}
