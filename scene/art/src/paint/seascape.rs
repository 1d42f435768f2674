//! Seascape: a low sun over a horizon, a sky of long cloud bands, and a sea built of
//! horizontal wave strokes that grow with nearness, broken by a path of light.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use super::landscape::sky;
use glam::{Vec2, Vec3};

/// Keeps this style's skies apart from the landscape's.
const SALT: u64 = 0x5EA5;

/// The sea's deep colour, a blue-green darkened towards the sky's mood.
fn sea(seed: u64) -> Hsl {
    let mut rng = rng(seed, 0x5EA6);
    let land = sky(seed, SALT).land;
    Hsl::new(rng.range(188.0, 222.0), rng.range(0.4, 0.6), 0.18 + 0.3 * land.l)
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    [sky(seed, SALT).horizon, sea(seed)]
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let palette = sky(seed, SALT);
    let mut rng = rng(seed, 0x5EA7);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let (zenith, horizon_colour, sun_colour) =
        (palette.zenith.rgb(), palette.horizon.rgb(), palette.sun.rgb());
    let deep = sea(seed).rgb();
    let shallow = mix(horizon_colour, deep, 0.45);
    let horizon = h * rng.range(0.42, 0.62);
    let sun = Vec2::new(w * rng.range(0.25, 0.75), horizon - unit * rng.range(0.05, 0.2));
    let sun_radius = unit * rng.range(0.03, 0.05);
    let cloud_seed = rng.next_u64() as u32;
    canvas.shade(|x, y, _| {
        let (nx, ny) = (x / unit, y / unit);
        let sun_distance = (Vec2::new(x, y) - sun).length();
        if y < horizon {
            let t = y / horizon;
            let mut colour = mix(zenith, horizon_colour, t.powf(1.4));
            colour += sun_colour * 0.4 * (-sun_distance / (unit * 0.2)).exp();
            // Long, thin bands of cloud, lit from below near the sun.
            let bands = fbm(nx * 1.3, ny * 16.0, 4, cloud_seed);
            let cover = smoothstep(0.52, 0.7, bands) * (1.0 - 0.6 * t);
            let lit = mix(zenith * 0.75, sun_colour, (-sun_distance / (unit * 0.5)).exp());
            colour = mix(colour, lit, cover * 0.7);
            mix(
                colour,
                sun_colour,
                (sun_radius - sun_distance + 0.5).clamp(0.0, 1.0) * (1.0 - cover),
            )
        } else {
            let t = (y - horizon) / (h - horizon).max(1.0);
            let swell = fbm(nx * 2.0, ny * 30.0 / (1.0 + 6.0 * t), 3, cloud_seed ^ 0xA) - 0.5;
            mix(shallow, deep, t.powf(0.6)) * (1.0 + 0.15 * swell)
        }
    });

    // Wave strokes: rows closer together near the horizon, longer and thicker near us.
    let rows = 110;
    for row in 0..rows {
        let t = (row as f32 + rng.next_f32()) / rows as f32;
        let y = horizon + (h - horizon) * t.powf(1.7);
        let length = unit * (0.012 + 0.1 * t);
        let width = (unit * 0.0025 * (1.0 + 3.0 * t)).max(1.0);
        let base = mix(shallow, deep, t.powf(0.6));
        let strokes = (w / length * 0.9) as u32 + 1;
        for _ in 0..strokes {
            let x = rng.range(-length, w);
            let (colour, alpha) = if rng.next_f32() < 0.55 {
                (mix(base, horizon_colour, 0.45), rng.range(0.35, 0.7))
            } else {
                (base * 0.72, rng.range(0.3, 0.6))
            };
            let a = Vec2::new(x, y + rng.range(-0.3, 0.3) * width);
            canvas.line(
                a,
                a + Vec2::new(length * rng.range(0.5, 1.0), 0.0),
                width,
                colour,
                alpha,
            );
        }
        // The path of light: short bright strokes under the sun, spreading towards us.
        let spread = unit * (0.015 + 0.22 * t);
        let glints = 3 + (12.0 * (1.0 - t)) as u32;
        for _ in 0..glints {
            let x = sun.x + spread * (rng.next_f32() + rng.next_f32() - 1.0);
            let a = Vec2::new(x, y);
            let length = length * rng.range(0.3, 0.8);
            canvas.line(
                a,
                a + Vec2::X * length,
                width,
                mix(sun_colour, Vec3::ONE, 0.3),
                rng.range(0.5, 0.9),
            );
        }
    }

    // Sometimes a distant sail on the horizon.
    if rng.next_f32() < 0.6 {
        let x = w * rng.range(0.1, 0.9);
        let size = unit * rng.range(0.025, 0.045);
        let y = horizon + size * 0.15;
        let dark = mix(deep, Vec3::ZERO, 0.5);
        canvas.polygon(
            &[
                Vec2::new(x - size * 0.5, y - size * 0.05),
                Vec2::new(x + size * 0.5, y - size * 0.05),
                Vec2::new(x + size * 0.35, y + size * 0.1),
                Vec2::new(x - size * 0.35, y + size * 0.1),
            ],
            dark,
            1.0,
        );
        let sail = if rng.next_f32() < 0.5 {
            mix(sun_colour, Vec3::ONE, 0.6)
        } else {
            dark
        };
        canvas.polygon(
            &[
                Vec2::new(x - size * 0.05, y - size * 0.1),
                Vec2::new(x - size * 0.05, y - size * 1.1),
                Vec2::new(x - size * 0.45, y - size * 0.12),
            ],
            sail,
            1.0,
        );
        canvas.polygon(
            &[
                Vec2::new(x + size * 0.02, y - size * 0.1),
                Vec2::new(x + size * 0.02, y - size * 0.9),
                Vec2::new(x + size * 0.35, y - size * 0.12),
            ],
            sail,
            1.0,
        );
    }
}
