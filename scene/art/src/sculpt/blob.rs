//! Smooth organic forms: a concretion (a sphere swollen by a few soft lobes, resting on
//! a flattened underside) and a pierced form (a ring of changing thickness with a hole
//! through it, stood on its edge).

use super::super::rng;
use super::builder::{Builder, Shading};
use super::sweep::{Ends, Ring, loft};
use glam::{Quat, Vec3};
use museion_procedural::Rng;
use std::f32::consts::{PI, TAU};

/// Flattens everything below `floor` onto it, smoothly: y maps through a softplus, which
/// rises monotonically, so the surface stays free of folds and closed.
fn rest_on(y: f32, floor: f32, softness: f32) -> f32 {
    let x = (y - floor) / softness;
    // ln(1 + e^x), written to stay finite for large x.
    floor + softness * (x.max(0.0) + (-x.abs()).exp().ln_1p())
}

/// A random unit vector.
fn direction(rng: &mut Rng) -> Vec3 {
    let z = rng.range(-1.0, 1.0);
    let a = rng.range(0.0, TAU);
    let r = (1.0 - z * z).max(0.0).sqrt();
    Vec3::new(r * a.cos(), z, r * a.sin())
}

pub(super) fn concretion(seed: u64) -> Builder {
    let mut rng = rng(seed, 0xA2F0);
    let size = rng.range(0.16, 0.28);
    let lobes: Vec<(Vec3, f32, f32)> = (0..3 + rng.below(4))
        .map(|_| (direction(&mut rng), rng.range(0.2, 0.55), rng.range(2.0, 5.0)))
        .collect();
    let stretch = Vec3::new(rng.range(0.85, 1.2), rng.range(0.8, 1.3), rng.range(0.8, 1.1));
    let surface = |d: Vec3| {
        let swell: f32 = lobes
            .iter()
            .map(|(axis, amount, sharp)| amount * d.dot(*axis).max(0.0).powf(*sharp))
            .sum();
        d * size * (1.0 + swell) * stretch
    };
    let (rings, sides) = (72, 96);
    let floor = -size * stretch.y * 0.7;
    let place = |p: Vec3| Vec3::new(p.x, rest_on(p.y, floor, size * 0.04), p.z);
    let loops: Vec<Ring> = (0..=rings)
        .map(|i| {
            let phi = i as f32 / rings as f32 * PI;
            if i == 0 || i == rings {
                return Ring::Point(place(surface(Vec3::Y * phi.cos().signum())));
            }
            Ring::Loop(
                (0..sides)
                    .map(|j| {
                        let theta = j as f32 / sides as f32 * TAU;
                        let d = Vec3::new(phi.sin() * theta.cos(), phi.cos(), -phi.sin() * theta.sin());
                        place(surface(d))
                    })
                    .collect(),
            )
        })
        .collect();
    let mut b = Builder::new();
    loft(&mut b, &loops, Ends::Capped, Shading::Smooth);
    b
}

pub(super) fn pierced(seed: u64) -> Builder {
    let mut rng = rng(seed, 0xA2F1);
    let size = rng.range(0.2, 0.32);
    let (rx, ry) = (size, size * rng.range(0.8, 1.1));
    let tube = size * rng.range(0.3, 0.38);
    let swell = rng.range(0.25, 0.5);
    let heavy = rng.range(-PI, 0.0);
    let depth = rng.range(0.7, 1.2);
    let (around, section) = (120, 48);
    let turn = Quat::from_rotation_y(rng.range(0.0, TAU)) * Quat::from_rotation_z(rng.range(-0.25, 0.25));
    let floor = -ry * 0.95;
    let rings: Vec<Ring> = (0..around)
        .map(|i| {
            let u = i as f32 / around as f32 * TAU;
            let centre = Vec3::new(rx * u.cos(), ry * u.sin(), 0.0);
            // Outward from the centre line in its plane: the ellipse's normal.
            let outward = Vec3::new(u.cos() / rx, u.sin() / ry, 0.0).normalize();
            // Thickest at the `heavy` angle, usually low, so the form sits heavily.
            let r = tube * (1.0 + swell * (u - heavy).cos()) / (1.0 + swell);
            Ring::Loop(
                (0..section)
                    .map(|j| {
                        let (s, c) = (j as f32 / section as f32 * TAU).sin_cos();
                        let p = turn * (centre + (outward * c + Vec3::Z * s * depth) * r);
                        Vec3::new(p.x, rest_on(p.y, floor, size * 0.04), p.z)
                    })
                    .collect(),
            )
        })
        .collect();
    let mut b = Builder::new();
    loft(&mut b, &rings, Ends::Joined { shift: 0 }, Shading::Smooth);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resting_flattens_below_the_floor_and_keeps_order() {
        assert!((rest_on(1.0, 0.0, 0.01) - 1.0).abs() < 1e-6);
        assert!((rest_on(-1.0, 0.0, 0.01)).abs() < 1e-6);
        let mut previous = f32::MIN;
        for i in 0..200 {
            let y = rest_on(-1.0 + i as f32 * 0.01, 0.0, 0.05);
            assert!(y > previous && y >= 0.0);
            previous = y;
        }
    }
}
