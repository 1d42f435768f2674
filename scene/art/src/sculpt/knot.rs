//! A torus knot: a tube winding `p` times round an axis and `q` times through the hole,
//! stood upright on a rod and plinth.

use super::super::{pick, rng};
use super::builder::{Builder, Shading};
use super::stand::{PLINTH_HEIGHT, stand};
use super::sweep::tube;
use glam::Vec3;
use std::f32::consts::TAU;

/// Knots that read well, (p, q) coprime, with a tube thickness that keeps the strands
/// apart (relative to the knot's major radius).
const KNOTS: [(u32, u32, f32); 5] = [
    (2, 3, 0.16),
    (2, 5, 0.12),
    (3, 4, 0.1),
    (3, 5, 0.09),
    (3, 2, 0.14),
];

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0x7B07);
    let (p, q, thickness) = *pick(&mut rng, &KNOTS);
    let size = rng.range(0.16, 0.26);
    let minor = rng.range(0.38, 0.48);
    let samples = 130 * (p + q) as usize;
    // Upright: the knot's torus stands in the x–y plane, tilted a little about y.
    let tilt = rng.range(-0.4, 0.4);
    let mut path: Vec<Vec3> = (0..samples)
        .map(|i| {
            let s = i as f32 / samples as f32 * TAU;
            let r = 1.0 + minor * (q as f32 * s).cos();
            let local = Vec3::new(
                r * (p as f32 * s).cos(),
                r * (p as f32 * s).sin(),
                minor * (q as f32 * s).sin(),
            ) * size;
            let (sin, cos) = tilt.sin_cos();
            Vec3::new(
                local.x * cos + local.z * sin,
                local.y,
                -local.x * sin + local.z * cos,
            )
        })
        .collect();
    let tube_radius = thickness * size;
    let lowest = path.iter().map(|v| v.y).fold(f32::MAX, f32::min);
    let lift = PLINTH_HEIGHT + rng.range(0.06, 0.12) + tube_radius - lowest;
    for v in &mut path {
        v.y += lift;
    }
    let mut b = Builder::new();
    let radii = vec![tube_radius; path.len()];
    tube(&mut b, &path, &radii, true, 20, Shading::Smooth);
    // The rod meets the lowest strand at its centre line.
    let bottom = path
        .iter()
        .copied()
        .fold(Vec3::splat(f32::MAX), |a, v| if v.y < a.y { v } else { a });
    stand(&mut b, bottom, size * 0.6, tube_radius * 0.35);
    b
}
