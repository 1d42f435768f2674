//! The walk cycle, in place: the hips stay over the origin while each foot, on the
//! ground, slides back at the walking speed, so the figure moved forward at
//! [`WALK_STRIDE`] per [`WALK_CYCLE`] keeps its stance foot still on the floor.
//!
//! The left foot strikes the ground at phase 0 and stays down for [`STANCE`] of the
//! cycle (both feet are down for a moment after each strike, as in a real walk), then
//! swings forward; the right foot does the same half a cycle later. The legs reach
//! their feet by inverse kinematics; the hips bob and sway over the stance foot and
//! turn with the leading leg; the shoulders turn against them and the arms swing with
//! the opposite leg.

use super::clips::Pose;
use super::skeleton::{ANKLE_HEIGHT, HIP_HALF_WIDTH, Joint, leg};
use super::{WALK_CYCLE, WALK_STRIDE};
use glam::{Quat, Vec3};
use std::f32::consts::{PI, TAU};

/// The share of the cycle each foot is on the ground.
pub(crate) const STANCE: f32 = 0.58;
/// Keys per cycle.
pub(crate) const KEYS: usize = 48;
/// How high a swinging foot lifts, metres.
const LIFT: f32 = 0.08;
/// How far a swinging foot pitches (toes down leaving the ground, up before landing),
/// radians.
const FOOT_PITCH: f32 = 0.25;
/// Mean height of the hips while walking, metres (a little below standing: the knees
/// never lock).
const HIPS_MEAN: f32 = 0.89;
/// How far the hips rise and fall about their mean: highest over each stance foot,
/// lowest while both feet are down.
const HIPS_BOB: f32 = 0.024;
/// How far the hips sway toward the stance foot, metres.
const HIPS_SWAY: f32 = 0.015;
/// How far the pelvis turns with the leading leg, radians.
const PELVIS_TURN: f32 = 0.07;
/// How far the upper arms swing forward and back, radians.
const ARM_SWING: f32 = 0.32;

/// Where one foot's ankle is at `phase` of its own cycle (0: it strikes the ground),
/// relative to the hips' place on the floor, and its pitch: on the ground, it moves
/// back at the walking speed; in the air, it swings forward on a Hermite curve whose
/// ends move at the walking speed too (no jolt at lift-off and landing), lifted on a
/// sine.
pub(crate) fn foot(phase: f32) -> (f32, f32, f32) {
    let speed = WALK_STRIDE / WALK_CYCLE;
    let reach = WALK_STRIDE * STANCE / 2.0;
    let phase = phase.rem_euclid(1.0);
    if phase < STANCE {
        let z = reach - speed * phase * WALK_CYCLE;
        return (z, ANKLE_HEIGHT, 0.0);
    }
    let s = (phase - STANCE) / (1.0 - STANCE);
    let tangent = -speed * (1.0 - STANCE) * WALK_CYCLE;
    let (s2, s3) = (s * s, s * s * s);
    let z = (2.0 * s3 - 3.0 * s2 + 1.0) * -reach
        + (s3 - 2.0 * s2 + s) * tangent
        + (-2.0 * s3 + 3.0 * s2) * reach
        + (s3 - s2) * tangent;
    let y = ANKLE_HEIGHT + LIFT * (PI * s).sin();
    (z, y, FOOT_PITCH * (TAU * s).sin())
}

/// The walking figure at `phase` (0 to 1) of the cycle.
pub(crate) fn pose(phase: f32) -> Pose {
    let c = (TAU * phase).cos();
    let over_left = phase - STANCE / 2.0;
    let hips = Vec3::new(
        HIPS_SWAY * (TAU * over_left).cos(),
        HIPS_MEAN + HIPS_BOB * (2.0 * TAU * over_left).cos(),
        0.0,
    );
    // The pelvis turns so the hip of the leg in front leads.
    let pelvis = Quat::from_rotation_y(-PELVIS_TURN * c);
    let mut pose = Pose::at(hips);
    pose.set(Joint::Hips, pelvis);
    for (left, own) in [(true, phase), (false, phase + 0.5)] {
        let (z, y, pitch) = foot(own);
        let x = if left { HIP_HALF_WIDTH } else { -HIP_HALF_WIDTH };
        let [thigh, shin, ankle] = leg(left, hips, pelvis, Vec3::new(x, y, z), pitch);
        let (upper, lower, foot) = if left {
            (Joint::UpperLegL, Joint::LowerLegL, Joint::FootL)
        } else {
            (Joint::UpperLegR, Joint::LowerLegR, Joint::FootR)
        };
        pose.set(upper, thigh);
        pose.set(lower, shin);
        pose.set(foot, ankle);
    }
    // A slight lean into the walk; the shoulders turn against the pelvis and the head
    // keeps looking ahead.
    pose.set(
        Joint::Spine,
        Quat::from_rotation_y(0.03 * c) * Quat::from_rotation_x(0.06),
    );
    pose.set(
        Joint::Chest,
        Quat::from_rotation_y(0.07 * c) * Quat::from_rotation_x(-0.02),
    );
    pose.set(
        Joint::Neck,
        Quat::from_rotation_y(-0.015 * c) * Quat::from_rotation_x(-0.02),
    );
    pose.set(
        Joint::Head,
        Quat::from_rotation_y(-0.015 * c) * Quat::from_rotation_x(-0.02),
    );
    // Each arm swings with the opposite leg (back while its own leg is in front), the
    // elbow bending more as it comes forward.
    for (upper, lower, sign) in [
        (Joint::UpperArmL, Joint::LowerArmL, 1.0),
        (Joint::UpperArmR, Joint::LowerArmR, -1.0),
    ] {
        let swing = sign * c;
        pose.set(upper, Quat::from_rotation_x(ARM_SWING * swing));
        pose.set(lower, Quat::from_rotation_x(-(0.22 + 0.18 * (0.5 - 0.5 * swing))));
    }
    pose
}
