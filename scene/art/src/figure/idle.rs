//! Standing at ease: the feet planted, the weight shifting from one foot to the other
//! and back, the chest rising with a slow breath, the head looking about.

use super::clips::Pose;
use super::skeleton::{ANKLE_HEIGHT, HIP_HALF_WIDTH, Joint, leg};
use glam::{Quat, Vec3};
use std::f32::consts::TAU;

/// Keys per loop.
pub(crate) const KEYS: usize = 40;
/// Height of the hips standing at ease (knees soft, never locked), metres.
const HIPS: f32 = 0.925;
/// How far the weight shifts sideways, metres.
const SHIFT: f32 = 0.02;

/// The figure at `phase` (0 to 1) of the idle loop: one weight shift and one breath.
pub(crate) fn pose(phase: f32) -> Pose {
    let w = TAU * phase;
    let hips = Vec3::new(SHIFT * w.sin(), HIPS + 0.004 * (2.0 * w).sin(), 0.0);
    // The pelvis dips on the side that carries less weight.
    let pelvis = Quat::from_rotation_z(0.03 * w.sin());
    let mut pose = Pose::at(hips);
    pose.set(Joint::Hips, pelvis);
    for (left, upper, lower, foot) in [
        (true, Joint::UpperLegL, Joint::LowerLegL, Joint::FootL),
        (false, Joint::UpperLegR, Joint::LowerLegR, Joint::FootR),
    ] {
        let x = if left { HIP_HALF_WIDTH } else { -HIP_HALF_WIDTH };
        let [thigh, shin, ankle] = leg(left, hips, pelvis, Vec3::new(x, ANKLE_HEIGHT, 0.01), 0.0);
        pose.set(upper, thigh);
        pose.set(lower, shin);
        pose.set(foot, ankle);
    }
    let breath = 0.5 - 0.5 * w.cos();
    pose.set(
        Joint::Spine,
        Quat::from_rotation_z(-0.02 * w.sin()) * Quat::from_rotation_x(0.01),
    );
    pose.set(Joint::Chest, Quat::from_rotation_x(-0.015 * breath));
    pose.set(Joint::Neck, Quat::from_rotation_y(0.05 * (w + 1.0).sin()));
    pose.set(
        Joint::Head,
        Quat::from_rotation_y(0.1 * (w + 1.0).sin()) * Quat::from_rotation_x(0.03 * (2.0 * w).sin()),
    );
    for (upper, lower, sign) in [
        (Joint::UpperArmL, Joint::LowerArmL, 1.0),
        (Joint::UpperArmR, Joint::LowerArmR, -1.0),
    ] {
        pose.set(upper, Quat::from_rotation_x(0.03 * (w + sign * 0.5).sin()));
        pose.set(lower, Quat::from_rotation_x(-0.12 - 0.02 * breath));
    }
    pose
}
