//! A Möbius band with thickness: a rounded-rectangle section swept round a circle while
//! it turns through one or three half turns, so the band has one side and one edge;
//! stood upright on a rod and plinth.

use super::super::rng;
use super::builder::{Builder, Shading};
use super::stand::{PLINTH_HEIGHT, stand};
use super::sweep::{Ends, Ring, loft};
use glam::{Vec2, Vec3};
use std::f32::consts::TAU;

/// Points round the section (even, so half a turn maps the section onto itself).
const SECTION: usize = 32;
/// Sections round the band.
const RINGS: usize = 240;

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0x3081);
    let radius = rng.range(0.2, 0.3);
    let half_width = radius * rng.range(0.28, 0.42);
    let half_thickness = radius * rng.range(0.035, 0.06);
    let half_turns = if rng.next_f32() < 0.7 { 1 } else { 3 };
    let squareness = rng.range(3.0, 6.0);
    // A superellipse: a rectangle with rounded corners, symmetric through its centre, so
    // point j + SECTION/2 is point j turned half round.
    let section: Vec<Vec2> = (0..SECTION)
        .map(|j| {
            let (s, c) = (j as f32 / SECTION as f32 * TAU).sin_cos();
            let e = 2.0 / squareness;
            Vec2::new(
                c.signum() * c.abs().powf(e) * half_width,
                s.signum() * s.abs().powf(e) * half_thickness,
            )
        })
        .collect();
    let lift = PLINTH_HEIGHT + rng.range(0.05, 0.1) + half_width + radius;
    let rings: Vec<Ring> = (0..RINGS)
        .map(|i| {
            let u = i as f32 / RINGS as f32 * TAU;
            let turn = u * half_turns as f32 / 2.0;
            let outward = Vec3::new(u.cos(), u.sin(), 0.0);
            let centre = outward * radius + Vec3::Y * lift;
            let (s, c) = turn.sin_cos();
            Ring::Loop(
                section
                    .iter()
                    .map(|q| centre + outward * (q.x * c - q.y * s) + Vec3::Z * (q.x * s + q.y * c))
                    .collect(),
            )
        })
        .collect();
    let mut b = Builder::new();
    let shift = if half_turns % 2 == 1 { SECTION / 2 } else { 0 };
    loft(&mut b, &rings, Ends::Joined { shift }, Shading::Smooth);
    // The rod rises to the band's lowest point on its centre circle.
    stand(
        &mut b,
        Vec3::new(0.0, lift - radius, 0.0),
        radius * 0.55,
        half_thickness * 0.8,
    );
    b
}
