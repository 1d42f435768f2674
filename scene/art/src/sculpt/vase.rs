//! A turned vase or amphora: a smooth profile through foot, belly, shoulder, neck and
//! lip, turned about the vertical axis with a real wall (outside up, over the lip, inside
//! down to a floor), and on some, two handles from shoulder to neck.

use super::super::rng;
use super::builder::{Builder, Shading};
use super::sweep::{lathe, tube};
use glam::{Vec2, Vec3};

/// Points round the vessel.
const SIDES: usize = 72;
/// Profile samples up the outside (and again down the inside).
const SAMPLES: usize = 56;

/// A smooth curve through `(t, r)` keys with increasing `t`: cubic Hermite segments
/// with Catmull–Rom slopes, flattened at local extremes so the belly and the neck do not
/// overshoot.
fn profile_at(keys: &[(f32, f32)], t: f32) -> f32 {
    let n = keys.len();
    let k = keys.iter().rposition(|(kt, _)| *kt <= t).unwrap_or(0).min(n - 2);
    let slope = |i: usize| {
        if i == 0 || i == n - 1 {
            return 0.0;
        }
        let (prev, here, next) = (keys[i - 1].1, keys[i].1, keys[i + 1].1);
        if (here - prev) * (next - here) <= 0.0 {
            0.0
        } else {
            (next - prev) / (keys[i + 1].0 - keys[i - 1].0)
        }
    };
    let (t0, r0) = keys[k];
    let (t1, r1) = keys[k + 1];
    let span = (t1 - t0).max(1e-6);
    let s = ((t - t0) / span).clamp(0.0, 1.0);
    let (s2, s3) = (s * s, s * s * s);
    (2.0 * s3 - 3.0 * s2 + 1.0) * r0
        + (s3 - 2.0 * s2 + s) * span * slope(k)
        + (-2.0 * s3 + 3.0 * s2) * r1
        + (s3 - s2) * span * slope(k + 1)
}

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0x7A5E);
    let height = rng.range(0.35, 0.7);
    let belly = height * rng.range(0.2, 0.3);
    let belly_at = rng.range(0.32, 0.55);
    let neck = belly * rng.range(0.28, 0.45);
    let neck_at = rng.range(0.74, 0.86);
    let foot = belly * rng.range(0.32, 0.45);
    let lip = neck * rng.range(1.15, 1.5);
    let keys = [
        (0.0, foot),
        (0.03, foot * 0.92),
        (0.09, foot * 1.05),
        (belly_at, belly),
        (neck_at, neck),
        (0.95, neck * 1.04),
        (1.0, lip),
    ];
    let radius = |t: f32| profile_at(&keys, t);
    let wall = (height * 0.025).min(neck * 0.35);
    let floor = height * 0.07;

    let mut profile = vec![Vec2::new(0.0, 0.0)];
    for i in 0..=SAMPLES {
        let t = i as f32 / SAMPLES as f32;
        profile.push(Vec2::new(radius(t), t * height));
    }
    // A rounded lip: half a turn over the top of the wall.
    for step in 1..4 {
        let a = step as f32 / 4.0 * std::f32::consts::PI;
        profile.push(Vec2::new(
            lip - wall / 2.0 + wall / 2.0 * a.cos(),
            height + wall / 2.0 * a.sin(),
        ));
    }
    for i in (0..=SAMPLES).rev() {
        let t = i as f32 / SAMPLES as f32;
        let y = t * height;
        if y < floor {
            break;
        }
        profile.push(Vec2::new(radius(t) - wall, y));
    }
    profile.push(Vec2::new(0.0, floor));
    let mut b = Builder::new();
    lathe(&mut b, &profile, SIDES, |_| 0.0, |_, _| 1.0, Shading::Smooth);

    // Handles: tapering tubes bowing out from the shoulder to just under the lip.
    if rng.next_f32() < 0.55 {
        let (t0, t1) = ((neck_at - 0.14).max(belly_at), 0.93);
        let reach = belly * rng.range(0.3, 0.45);
        let thickness = height * rng.range(0.018, 0.026);
        for side in [1.0f32, -1.0] {
            let a = Vec2::new(radius(t0) - wall * 0.5, t0 * height);
            let c = Vec2::new(radius(t1) - wall * 0.5, t1 * height);
            let control = Vec2::new(radius(t0).max(radius(t1)) + reach, (t1 + 0.1) * height);
            let samples = 24;
            let path: Vec<Vec3> = (0..=samples)
                .map(|i| {
                    let s = i as f32 / samples as f32;
                    let q = a * (1.0 - s) * (1.0 - s) + control * 2.0 * s * (1.0 - s) + c * s * s;
                    Vec3::new(side * q.x, q.y, 0.0)
                })
                .collect();
            // Thinner where the handle meets the wall.
            let radii: Vec<f32> = (0..=samples)
                .map(|i| {
                    let s = i as f32 / samples as f32;
                    let join = (s * (1.0 - s) * 4.0).min(1.0).sqrt();
                    thickness * (0.45 + 0.55 * join)
                })
                .collect();
            tube(&mut b, &path, &radii, false, 12, Shading::Smooth);
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_passes_through_its_keys_without_overshoot() {
        let keys = [(0.0, 1.0), (0.4, 3.0), (0.8, 0.8), (1.0, 1.2)];
        for (t, r) in keys {
            assert!((profile_at(&keys, t) - r).abs() < 1e-5);
        }
        for i in 0..=100 {
            let r = profile_at(&keys, i as f32 / 100.0);
            assert!((0.79..=3.0001).contains(&r), "overshoot {r}");
        }
    }
}
