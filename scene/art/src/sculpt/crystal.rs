//! A crystal cluster: hexagonal prisms with pointed terminations growing at different
//! angles from a low, roughly faceted rock; every face flat.

use super::super::noise::value;
use super::super::rng;
use super::builder::{Builder, Shading};
use super::sweep::{Ends, Ring, lathe, loft};
use glam::{Quat, Vec2, Vec3};
use std::f32::consts::TAU;

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0xC4F5);
    let mut b = Builder::new();
    let rock = rng.range(0.14, 0.22);
    let rock_height = rock * rng.range(0.45, 0.7);
    let rough_seed = rng.next_u64() as u32;
    let profile = [
        Vec2::new(0.0, 0.0),
        Vec2::new(rock, 0.0),
        Vec2::new(rock * 1.12, rock_height * 0.35),
        Vec2::new(rock * 0.85, rock_height * 0.75),
        Vec2::new(rock * 0.45, rock_height),
        Vec2::new(0.0, rock_height * 1.08),
    ];
    // Rough facets: each point pushed in or out by noise over the rock's surface.
    let rough = move |y: f32, theta: f32| 0.78 + 0.44 * value(theta * 1.6, y / rock * 6.0, rough_seed);
    lathe(&mut b, &profile, 9, |_| 0.0, rough, Shading::Faceted);

    let count = 3 + rng.below(5);
    for i in 0..count {
        // The first crystal stands tall near the middle; the others lean out round it.
        let lean = if i == 0 {
            rng.range(0.0, 0.15)
        } else {
            rng.range(0.25, 0.75)
        };
        let heading = i as f32 / count as f32 * TAU + rng.range(-0.4, 0.4);
        let axis = Quat::from_rotation_y(heading) * Quat::from_rotation_z(lean);
        let length = if i == 0 {
            rng.range(0.3, 0.45)
        } else {
            rng.range(0.12, 0.3)
        };
        let radius = length * rng.range(0.12, 0.18);
        let foot =
            Vec3::new(heading.cos(), 0.0, heading.sin()) * rock * 0.35 * lean + Vec3::Y * rock_height * 0.4;
        let widths: Vec<f32> = (0..6).map(|_| rng.range(0.8, 1.15)).collect();
        let hexagon = |along: f32| {
            Ring::Loop(
                (0..6)
                    .map(|k| {
                        let a = k as f32 / 6.0 * TAU;
                        let local =
                            Vec3::new(a.cos() * radius * widths[k], along, -a.sin() * radius * widths[k]);
                        foot + axis * local
                    })
                    .collect(),
            )
        };
        let tip_offset = Vec3::new(rng.range(-0.2, 0.2), 0.0, rng.range(-0.2, 0.2)) * radius;
        let start = b.point_count();
        let rings = [
            Ring::Point(foot - axis * Vec3::Y * radius * 0.5),
            hexagon(0.0),
            hexagon(length * rng.range(0.72, 0.82)),
            Ring::Point(foot + axis * (Vec3::Y * length + tip_offset)),
        ];
        loft(&mut b, &rings, Ends::Capped, Shading::Faceted);
        // Lean crystals whose foot would reach under the rock are raised into it.
        let below = b.lowest_from(start) - rock_height * 0.1;
        if below < 0.0 {
            b.map_points_from(start, |p| p - Vec3::Y * below);
        }
    }
    b
}
