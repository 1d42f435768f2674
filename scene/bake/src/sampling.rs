//! Random numbers and directions for the bake: a small seeded generator (so that a bake
//! is the same on every run and thread count) and the two direction distributions the
//! path tracer needs.

use glam::Vec3;
use std::f32::consts::{PI, TAU};

/// A PCG32 generator (O'Neill 2014): fast, small, and good enough for Monte Carlo.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
    increment: u64,
}

impl Rng {
    /// A generator for stream `stream` of seed `seed` (different streams are
    /// independent: one per probe).
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Self {
            state: 0,
            increment: (stream << 1) | 1,
        };
        rng.next_u32();
        rng.state = rng.state.wrapping_add(seed);
        rng.next_u32();
        rng
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(self.increment);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// A uniform number in [0, 1).
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }
}

/// A unit direction about `normal` with density cos θ / π.
pub fn cosine_direction(normal: Vec3, rng: &mut Rng) -> Vec3 {
    let (u, v) = (rng.next_f32(), rng.next_f32());
    let r = u.sqrt();
    let phi = TAU * v;
    let (tangent, bitangent) = normal.any_orthonormal_pair();
    (tangent * (r * phi.cos()) + bitangent * (r * phi.sin()) + normal * (1.0 - u).max(0.0).sqrt()).normalize()
}

/// Direction `i` of `n` spread evenly over the sphere (a Fibonacci lattice, turned about
/// the vertical by `turn` radians so that neighbouring probes do not share their
/// directions). Each stands for a solid angle of 4π/n.
pub fn sphere_direction(i: u32, n: u32, turn: f32) -> Vec3 {
    const GOLDEN_ANGLE: f32 = PI * (3.0 - 2.236_068);
    let y = 1.0 - (2.0 * i as f32 + 1.0) / n as f32;
    let r = (1.0 - y * y).max(0.0).sqrt();
    let phi = GOLDEN_ANGLE * i as f32 + turn;
    Vec3::new(r * phi.cos(), y, r * phi.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_uniform_and_streams_differ() {
        let mut rng = Rng::new(7, 1);
        let mean = (0..10_000).map(|_| rng.next_f32()).sum::<f32>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.01, "{mean}");
        let (mut a, mut b) = (Rng::new(7, 1), Rng::new(7, 2));
        assert_ne!(a.next_u32(), b.next_u32());
        assert_eq!(Rng::new(7, 1).next_u32(), Rng::new(7, 1).next_u32());
    }

    #[test]
    fn cosine_directions_average_to_two_thirds_along_the_normal() {
        // E[cos θ] under the density cos θ / π is 2/3.
        let mut rng = Rng::new(1, 0);
        let n = Vec3::new(0.0, 0.6, 0.8);
        let mean = (0..20_000)
            .map(|_| cosine_direction(n, &mut rng).dot(n))
            .sum::<f32>()
            / 20_000.0;
        assert!((mean - 2.0 / 3.0).abs() < 0.01, "{mean}");
    }

    #[test]
    fn sphere_directions_are_unit_and_balanced() {
        let sum = (0..512)
            .map(|i| sphere_direction(i, 512, 0.3))
            .fold(Vec3::ZERO, |s, d| {
                assert!((d.length() - 1.0).abs() < 1e-4);
                s + d
            });
        assert!(sum.length() / 512.0 < 0.01, "{sum}");
    }
}
