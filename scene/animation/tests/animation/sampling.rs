//! Every interpolation mode against values worked out here by hand, clamping, single
//! keys, and malformed samplers.

use crate::support::{assert_rotation, assert_vec, clip, local, nodes, sampler};
use museion_animation::sample::{ValueKind, sample};
use museion_animation::{AnimationError, AnimationPlayer, pose_at};
use museion_scene::glam::{Quat, Vec3};
use museion_scene::{AnimationProperty, Interpolation};
use std::f32::consts::FRAC_PI_2;

/// Samples a 3-component vector sampler at `t`.
fn vector(s: &museion_scene::AnimationSampler, t: f32) -> Vec3 {
    let mut out = [0.0; 3];
    sample(s, ValueKind::Vector, 3, t, &mut out).unwrap();
    Vec3::from_array(out)
}

fn rotation(s: &museion_scene::AnimationSampler, t: f32) -> Quat {
    let mut out = [0.0; 4];
    sample(s, ValueKind::Rotation, 4, t, &mut out).unwrap();
    Quat::from_array(out)
}

#[test]
fn linear_translation_is_halfway_at_the_midpoint_and_clamps_outside_the_keys() {
    let s = sampler(
        Interpolation::Linear,
        &[1.0, 3.0],
        &[0.0, 0.0, 0.0, 2.0, 4.0, -6.0],
    );
    assert_vec(vector(&s, 2.0), Vec3::new(1.0, 2.0, -3.0), 1e-6);
    assert_vec(vector(&s, 1.5), Vec3::new(0.5, 1.0, -1.5), 1e-6);
    // Before the first key and after the last, the end keys hold.
    assert_vec(vector(&s, 0.0), Vec3::ZERO, 0.0);
    assert_vec(vector(&s, -5.0), Vec3::ZERO, 0.0);
    assert_vec(vector(&s, 3.0), Vec3::new(2.0, 4.0, -6.0), 0.0);
    assert_vec(vector(&s, 99.0), Vec3::new(2.0, 4.0, -6.0), 0.0);
}

#[test]
fn step_holds_each_key_until_the_next() {
    let s = sampler(
        Interpolation::Step,
        &[0.0, 1.0, 2.0],
        &[10.0, 10.0, 10.0, 20.0, 20.0, 20.0, 30.0, 30.0, 30.0],
    );
    assert_eq!(vector(&s, 0.0).x, 10.0);
    assert_eq!(vector(&s, 0.999).x, 10.0);
    assert_eq!(vector(&s, 1.0).x, 20.0);
    assert_eq!(vector(&s, 1.7).x, 20.0);
    assert_eq!(vector(&s, 2.5).x, 30.0);
    assert_eq!(vector(&s, -1.0).x, 10.0);
}

/// The cubic Hermite basis written out: weights of v0, the out-tangent of key 0, v1 and
/// the in-tangent of key 1.
fn basis(u: f32) -> (f32, f32, f32, f32) {
    (
        2.0 * u * u * u - 3.0 * u * u + 1.0,
        u * u * u - 2.0 * u * u + u,
        -2.0 * u * u * u + 3.0 * u * u,
        u * u * u - u * u,
    )
}

#[test]
fn cubic_spline_scales_tangents_by_uneven_key_intervals() {
    // Keys at 0, 0.5 and 2 (intervals 0.5 and 1.5); per key: in-tangent, value,
    // out-tangent, each (x, 0, 0).
    let keys = [(0.0, 1.0, 2.0), (-1.0, 3.0, 4.0), (0.5, 0.0, 0.0)];
    let values: Vec<f32> = keys
        .iter()
        .flat_map(|&(a, v, b)| [a, 0.0, 0.0, v, 0.0, 0.0, b, 0.0, 0.0])
        .collect();
    let s = sampler(Interpolation::CubicSpline, &[0.0, 0.5, 2.0], &values);

    // t = 0.25: halfway into the first interval (Δt = 0.5). h = (0.5, 0.125, 0.5, -0.125).
    // p = 0.5·1 + 0.125·0.5·2 + 0.5·3 + (-0.125)·0.5·(-1) = 2.1875.
    assert!((vector(&s, 0.25).x - 2.1875).abs() < 1e-6, "{}", vector(&s, 0.25));
    // t = 0.875: a quarter into the second interval (Δt = 1.5).
    // h = (0.84375, 0.140625, 0.15625, -0.046875);
    // p = 0.84375·3 + 0.140625·1.5·4 + 0.15625·0 + (-0.046875)·1.5·0.5 = 3.33984375.
    assert!(
        (vector(&s, 0.875).x - 3.339_843_8).abs() < 1e-5,
        "{}",
        vector(&s, 0.875)
    );
    // The same from the basis, for a third time inside the second interval.
    let (t, dt) = (1.7, 1.5);
    let (h00, h10, h01, h11) = basis((t - 0.5) / dt);
    let expected = h00 * 3.0 + h10 * dt * 4.0 + h01 * 0.0 + h11 * dt * 0.5;
    assert!((vector(&s, t).x - expected).abs() < 1e-5);
    // At keys and outside them the values (not the tangents) hold.
    assert!((vector(&s, 0.5).x - 3.0).abs() < 1e-6);
    assert_eq!(vector(&s, -1.0).x, 1.0);
    assert_eq!(vector(&s, 2.0).x, 0.0);
    assert_eq!(vector(&s, 7.0).x, 0.0);
}

#[test]
fn cubic_spline_rotations_come_out_normalised() {
    let q0 = Quat::IDENTITY.to_array();
    let q1 = Quat::from_rotation_y(FRAC_PI_2).to_array();
    let tangent = [0.3, 0.2, -0.1, 0.4];
    let values: Vec<f32> = [tangent, q0, tangent, tangent, q1, tangent].concat();
    let s = sampler(Interpolation::CubicSpline, &[0.0, 1.0], &values);
    let q = rotation(&s, 0.4);
    assert!((q.length() - 1.0).abs() < 1e-6, "{q}");
    // The unnormalised Hermite value, normalised by hand.
    let (h00, h10, h01, h11) = basis(0.4);
    let raw: Vec<f32> = (0..4)
        .map(|i| h00 * q0[i] + h10 * tangent[i] + h01 * q1[i] + h11 * tangent[i])
        .collect();
    assert_rotation(q, Quat::from_slice(&raw).normalize(), 1e-6);
}

#[test]
fn linear_rotations_take_the_short_way_when_the_second_key_has_the_other_sign() {
    let q = Quat::from_rotation_z(FRAC_PI_2);
    // The second key is -q: the same rotation, in the other hemisphere.
    let s = sampler(
        Interpolation::Linear,
        &[0.0, 1.0],
        &[[0.0, 0.0, 0.0, 1.0], (-q).to_array()].concat(),
    );
    let half = rotation(&s, 0.5);
    assert_rotation(half, Quat::from_rotation_z(FRAC_PI_2 / 2.0), 1e-6);
    // The long way would have turned x by -135° instead of +45°.
    let x = half * Vec3::X;
    assert_vec(x, Vec3::new(0.5f32.sqrt(), 0.5f32.sqrt(), 0.0), 1e-6);
    // A quarter of the way: 22.5°.
    assert_rotation(rotation(&s, 0.25), Quat::from_rotation_z(FRAC_PI_2 / 4.0), 1e-6);
}

#[test]
fn a_single_key_holds_at_every_time() {
    for interpolation in [Interpolation::Linear, Interpolation::Step] {
        let s = sampler(interpolation, &[0.5], &[1.0, 2.0, 3.0]);
        for t in [-1.0, 0.0, 0.5, 100.0] {
            assert_eq!(vector(&s, t), Vec3::new(1.0, 2.0, 3.0));
        }
    }
    let s = sampler(
        Interpolation::CubicSpline,
        &[0.5],
        &[9.0, 9.0, 9.0, 1.0, 2.0, 3.0, 9.0, 9.0, 9.0],
    );
    assert_eq!(vector(&s, 3.0), Vec3::new(1.0, 2.0, 3.0));
}

#[test]
fn malformed_samplers_fail_without_panicking_and_the_player_skips_them() {
    let short = sampler(Interpolation::Linear, &[0.0, 1.0], &[1.0, 2.0, 3.0]);
    let mut out = [7.0; 3];
    assert_eq!(
        sample(&short, ValueKind::Vector, 3, 0.5, &mut out),
        Err(AnimationError::ValuesTooShort {
            keys: 2,
            components: 3,
            needed: 6,
            found: 3
        })
    );
    assert_eq!(out, [7.0; 3], "a failed sample leaves the output alone");
    let cubic_short = sampler(Interpolation::CubicSpline, &[0.0, 1.0], &[0.0; 12]);
    assert!(sample(&cubic_short, ValueKind::Vector, 3, 0.5, &mut out).is_err());
    let empty = sampler(Interpolation::Linear, &[], &[]);
    assert_eq!(
        sample(&empty, ValueKind::Vector, 3, 0.5, &mut out),
        Err(AnimationError::NoKeys)
    );
    assert!(sample(&short, ValueKind::Vector, 3, 0.5, &mut [0.0; 2]).is_err());

    // A clip with a short sampler, a missing sampler and a good one: the good one plays.
    let (mut scene, n) = nodes(2);
    let mut animation = clip(
        "broken",
        &[
            (n[0], AnimationProperty::Translation),
            (n[1], AnimationProperty::Translation),
            (n[1], AnimationProperty::MorphWeights),
        ],
        vec![
            short,
            sampler(
                Interpolation::Linear,
                &[0.0, 1.0],
                &[0.0, 0.0, 0.0, 2.0, 0.0, 0.0],
            ),
            sampler(Interpolation::Linear, &[0.0, 1.0], &[0.0, 0.0, 0.0]),
        ],
    );
    animation.channels[2].sampler = 9;
    scene.animations.push(animation);
    let mut player = AnimationPlayer::new(&scene);
    player.play(0);
    player.seek(0.5);
    player.apply(&mut scene);
    assert_eq!(local(&scene, n[0]).translation, Vec3::ZERO);
    assert_vec(local(&scene, n[1]).translation, Vec3::new(1.0, 0.0, 0.0), 1e-6);
    assert_eq!(scene.node(n[1]).unwrap().morph_weights, None);
    // Morph weights whose count is not whole per key are skipped too.
    scene.animations[0].channels[2].sampler = 2;
    pose_at(&mut scene, 0, 0.25).unwrap();
    assert_eq!(scene.node(n[1]).unwrap().morph_weights, None);
    assert_vec(local(&scene, n[1]).translation, Vec3::new(0.5, 0.0, 0.0), 1e-6);
}

#[test]
fn players_sample_every_node_property_including_morph_weights() {
    let (mut scene, n) = nodes(1);
    let node = n[0];
    scene.animations.push(clip(
        "all",
        &[
            (node, AnimationProperty::Translation),
            (node, AnimationProperty::Rotation),
            (node, AnimationProperty::Scale),
            (node, AnimationProperty::MorphWeights),
        ],
        vec![
            sampler(
                Interpolation::Linear,
                &[0.0, 2.0],
                &[0.0, 0.0, 0.0, 0.0, 2.0, 0.0],
            ),
            sampler(
                Interpolation::Linear,
                &[0.0, 2.0],
                &[[0.0, 0.0, 0.0, 1.0], Quat::from_rotation_x(FRAC_PI_2).to_array()].concat(),
            ),
            sampler(Interpolation::Step, &[0.0, 1.0], &[1.0, 1.0, 1.0, 3.0, 3.0, 3.0]),
            // Five weights per key.
            sampler(
                Interpolation::Linear,
                &[0.0, 2.0],
                &[0.0, 1.0, 0.0, 0.0, 0.5, 1.0, 0.0, 0.0, 1.0, 0.5],
            ),
        ],
    ));
    pose_at(&mut scene, 0, 1.0).unwrap();
    let t = local(&scene, node);
    assert_vec(t.translation, Vec3::new(0.0, 1.0, 0.0), 1e-6);
    assert_rotation(t.rotation, Quat::from_rotation_x(FRAC_PI_2 / 2.0), 1e-6);
    assert_eq!(t.scale, Vec3::splat(3.0));
    assert_eq!(
        scene.node(node).unwrap().morph_weights.as_deref(),
        Some(&[0.5, 0.5, 0.0, 0.5, 0.5][..])
    );
    assert_eq!(
        pose_at(&mut scene, 3, 0.0),
        Err(AnimationError::NoSuchClip { clip: 3, count: 1 })
    );
}
