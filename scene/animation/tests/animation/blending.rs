//! Cross-fades and weighted layers: blends worked out here, the rest pose filling
//! weights below one, sign alignment of rotations.

use crate::support::{assert_rotation, assert_vec, clip, hold, local, nodes, sampler};
use museion_animation::AnimationPlayer;
use museion_scene::glam::{Quat, Vec3};
use museion_scene::{AnimationProperty, Interpolation, Transform};
use std::f32::consts::FRAC_PI_2;

#[test]
fn a_cross_fade_halfway_is_the_even_blend_of_both_clips() {
    let (mut scene, n) = nodes(1);
    let node = n[0];
    scene
        .animations
        .push(hold("a", node, Vec3::new(2.0, 0.0, 0.0), Quat::IDENTITY));
    // b's rotation is stored with the other sign (-q is the same rotation as q): the
    // blend must align it with a's before summing.
    scene.animations.push(hold(
        "b",
        node,
        Vec3::new(0.0, 4.0, 0.0),
        -Quat::from_rotation_z(FRAC_PI_2),
    ));
    let mut player = AnimationPlayer::new(&scene);
    player.play(0);
    player.cross_fade(1, 1.0);
    assert_eq!(player.current_clip(), Some(1));
    player.advance(0.5);
    player.apply(&mut scene);
    let t = local(&scene, node);
    assert_vec(t.translation, Vec3::new(1.0, 2.0, 0.0), 1e-6);
    // normalize(0.5·identity + 0.5·q(90°)) is the 45° rotation.
    assert_rotation(t.rotation, Quat::from_rotation_z(FRAC_PI_2 / 2.0), 1e-6);
    // A quarter of the way on: 0.25 of a, 0.75 of b.
    player.advance(0.25);
    player.apply(&mut scene);
    assert_vec(local(&scene, node).translation, Vec3::new(0.5, 3.0, 0.0), 1e-6);
    // After the fade only b is left.
    player.advance(0.5);
    player.apply(&mut scene);
    assert_eq!(player.layers().count(), 1);
    assert_vec(local(&scene, node).translation, Vec3::new(0.0, 4.0, 0.0), 1e-6);
    assert_rotation(
        local(&scene, node).rotation,
        Quat::from_rotation_z(FRAC_PI_2),
        1e-6,
    );
}

#[test]
fn a_cross_fade_from_nothing_fades_in_from_the_rest_pose() {
    let (mut scene, n) = nodes(1);
    scene
        .set_transform(n[0], Transform::from_translation(Vec3::new(0.0, 0.0, 8.0)))
        .unwrap();
    scene
        .animations
        .push(hold("a", n[0], Vec3::new(4.0, 0.0, 0.0), Quat::IDENTITY));
    let mut player = AnimationPlayer::new(&scene);
    player.cross_fade(0, 2.0);
    player.advance(0.5);
    player.apply(&mut scene);
    assert_vec(local(&scene, n[0]).translation, Vec3::new(1.0, 0.0, 6.0), 1e-6);
}

#[test]
fn weights_below_one_are_filled_from_the_rest_pose_with_rotations_sign_aligned() {
    let (mut scene, n) = nodes(2);
    let (node, other) = (n[0], n[1]);
    scene
        .set_transform(node, Transform::from_translation(Vec3::new(10.0, 0.0, 0.0)))
        .unwrap();
    let q = Quat::from_rotation_z(FRAC_PI_2);
    // The clip's rotation key is stored as -q: the same rotation in the other hemisphere
    // from the rest pose's identity.
    scene.animations.push(clip(
        "turn",
        &[
            (node, AnimationProperty::Translation),
            (node, AnimationProperty::Rotation),
        ],
        vec![
            sampler(Interpolation::Linear, &[0.0], &[2.0, 0.0, 0.0]),
            sampler(Interpolation::Linear, &[0.0], &(-q).to_array()),
        ],
    ));
    scene
        .animations
        .push(hold("other", other, Vec3::Z, Quat::IDENTITY));
    let mut player = AnimationPlayer::new(&scene);
    let turn = player.add_layer(0, 0.25).unwrap();
    let second = player.add_layer(1, 1.0).unwrap();
    player.apply(&mut scene);
    // 0.25·2 + 0.75·10 = 8.
    assert_vec(local(&scene, node).translation, Vec3::new(8.0, 0.0, 0.0), 1e-6);
    // Rest (identity) 0.75 and q 0.25: the slerp-like blend turns 2·atan(0.25/0.75)
    // about z, well short of the long way round.
    let expected = (Quat::IDENTITY * 0.75 + q * 0.25).normalize();
    assert_rotation(local(&scene, node).rotation, expected, 1e-6);
    // The layer on the other node plays at full weight beside it (disjoint channels).
    assert_vec(local(&scene, other).translation, Vec3::Z, 0.0);

    player.set_layer_weight(turn, 0.5);
    player.apply(&mut scene);
    assert_vec(local(&scene, node).translation, Vec3::new(6.0, 0.0, 0.0), 1e-6);
    assert_rotation(
        local(&scene, node).rotation,
        Quat::from_rotation_z(FRAC_PI_2 / 2.0),
        1e-6,
    );
    // Weight 0 is the rest pose.
    player.set_layer_weight(turn, 0.0);
    player.apply(&mut scene);
    assert_vec(local(&scene, node).translation, Vec3::new(10.0, 0.0, 0.0), 0.0);
    assert!(player.remove_layer(second));
    assert!(!player.remove_layer(second));
}

#[test]
fn weights_above_one_are_normalised() {
    let (mut scene, n) = nodes(1);
    scene
        .animations
        .push(hold("a", n[0], Vec3::new(2.0, 0.0, 0.0), Quat::IDENTITY));
    scene
        .animations
        .push(hold("b", n[0], Vec3::new(0.0, 0.0, 6.0), Quat::IDENTITY));
    let mut player = AnimationPlayer::new(&scene);
    player.add_layer(0, 1.0);
    player.add_layer(1, 2.0);
    player.apply(&mut scene);
    // (1·(2,0,0) + 2·(0,0,6)) / 3.
    assert_vec(
        local(&scene, n[0]).translation,
        Vec3::new(2.0 / 3.0, 0.0, 4.0),
        1e-6,
    );
}
