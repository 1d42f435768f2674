//! A reclining figure: hips, a raised torso propped on one elbow, a small head, one knee
//! drawn up and the other leg stretched out, each part a rounded cone or ellipsoid,
//! blended into one smooth body (a smooth union of their distance fields) and cut flat
//! where it lies on the ground.

use super::super::rng;
use super::MAX_TRIANGLES;
use super::builder::{Builder, Shading};
use super::implicit::polygonize;
use glam::Vec3;

/// A limb: a cone from `a` to `b` with rounded ends of radius `ra` and `rb`.
#[derive(Clone, Copy)]
struct Limb {
    a: Vec3,
    b: Vec3,
    ra: f32,
    rb: f32,
}

impl Limb {
    /// Distance to the limb's surface (negative inside), close to exact where the radii
    /// change slowly along it, which is all the blend needs.
    fn distance(&self, p: Vec3) -> f32 {
        let ab = self.b - self.a;
        let t = ((p - self.a).dot(ab) / ab.length_squared().max(1e-12)).clamp(0.0, 1.0);
        (p - (self.a + ab * t)).length() - (self.ra + (self.rb - self.ra) * t)
    }
}

/// An ellipsoid's distance bound: its scaled-sphere distance times its least radius.
fn ellipsoid(p: Vec3, centre: Vec3, radii: Vec3) -> f32 {
    ((p - centre) / radii)
        .length()
        .mul_add(radii.min_element(), -radii.min_element())
}

/// Polynomial smooth minimum (Quílez): the two fields blend over a width `k`.
fn smooth_min(a: f32, b: f32, k: f32) -> f32 {
    let h = (k - (a - b).abs()).max(0.0) / k;
    a.min(b) - h * h * k * 0.25
}

/// The pose, from the seed: every joint of the figure, in metres before scaling, with
/// the figure lying along +x (head at -x) and facing +z.
struct Body {
    limbs: Vec<Limb>,
    masses: Vec<(Vec3, Vec3)>,
    blend: f32,
}

fn body(seed: u64) -> Body {
    let mut rng = rng(seed, 0xF16E);
    let knee_up = rng.range(0.12, 0.26);
    let lean = rng.range(0.0, 0.08);
    let blend = rng.range(0.05, 0.08);
    let mut j = |v: Vec3, amount: f32| {
        v + Vec3::new(rng.range(-1.0, 1.0), rng.range(-1.0, 1.0), rng.range(-1.0, 1.0)) * amount
    };
    let hip = Vec3::new(0.05, 0.12, 0.0);
    let chest = j(Vec3::new(-0.24, 0.36 + lean, 0.0), 0.03);
    let head = chest + j(Vec3::new(-0.07, 0.24, 0.02), 0.03);
    let (knee_a, knee_b) = (
        j(Vec3::new(0.36, 0.12 + knee_up, 0.08), 0.03),
        j(Vec3::new(0.42, 0.1, -0.08), 0.03),
    );
    let (foot_a, foot_b) = (
        j(Vec3::new(0.62, 0.05, 0.1), 0.03),
        j(Vec3::new(0.76, 0.05, -0.1), 0.03),
    );
    let (shoulder_l, shoulder_r) = (
        chest + Vec3::new(-0.02, 0.06, -0.15),
        chest + Vec3::new(0.0, 0.06, 0.15),
    );
    let elbow = j(Vec3::new(-0.34, 0.06, -0.2), 0.03);
    let hand = j(Vec3::new(-0.1, 0.04, -0.24), 0.03);
    let (elbow_r, hand_r) = (
        j(Vec3::new(-0.05, 0.28, 0.21), 0.03),
        j(Vec3::new(0.14, 0.2, 0.14), 0.03),
    );
    let limb = |a, b, ra, rb| Limb { a, b, ra, rb };
    Body {
        limbs: vec![
            limb(hip, chest, 0.13, 0.12),
            limb(chest, head, 0.06, 0.045),
            limb(hip + Vec3::Z * 0.07, knee_a, 0.09, 0.065),
            limb(knee_a, foot_a, 0.065, 0.04),
            limb(hip - Vec3::Z * 0.07, knee_b, 0.09, 0.065),
            limb(knee_b, foot_b, 0.065, 0.04),
            limb(shoulder_l, elbow, 0.055, 0.045),
            limb(elbow, hand, 0.045, 0.035),
            limb(shoulder_r, elbow_r, 0.055, 0.045),
            limb(elbow_r, hand_r, 0.045, 0.035),
        ],
        masses: vec![
            (hip, Vec3::new(0.17, 0.12, 0.16)),
            (chest, Vec3::new(0.12, 0.13, 0.17)),
            (head + Vec3::Y * 0.04, Vec3::new(0.075, 0.09, 0.068)),
        ],
        blend,
    }
}

pub(super) fn build(seed: u64) -> Builder {
    let body = body(seed);
    let scale = rng(seed, 0xF16F).range(0.85, 1.2);
    let field = |p: Vec3| {
        let q = p / scale;
        let mut d = f32::MAX;
        for limb in &body.limbs {
            d = smooth_min(d, limb.distance(q), body.blend);
        }
        for (centre, radii) in &body.masses {
            d = smooth_min(d, ellipsoid(q, *centre, *radii), body.blend);
        }
        // Lying on the ground: everything below y = 0 is cut away, the cut's edge
        // rounded a little, as a carver would.
        -smooth_min(-d, q.y, 0.03) * scale
    };
    let (min, max) = (
        Vec3::new(-0.5, -0.02, -0.36) * scale,
        Vec3::new(0.9, 0.8, 0.36) * scale,
    );
    // The finest grid whose surface fits the triangle budget.
    let mut cell = 0.019 * scale;
    loop {
        let mut b = Builder::new();
        polygonize(&mut b, field, min, max, cell, Shading::Smooth);
        if b.triangle_count() <= MAX_TRIANGLES || cell > 0.1 {
            return b;
        }
        cell *= 1.2;
    }
}
