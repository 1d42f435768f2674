//! Landscape: a graded sky with sun and clouds over ranges of hills, each range paler
//! and bluer with distance (aerial perspective), mist in the valleys, and a few conifers
//! on the nearest ridge.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use glam::{Vec2, Vec3};

/// Keeps this style's skies apart from the seascape's.
const SALT: u64 = 0x1A4D;

/// The light of the day the scene is painted in.
#[derive(Clone, Copy)]
enum Hour {
    Dawn,
    Noon,
    Dusk,
}

/// The colours of one landscape.
pub(super) struct Sky {
    pub zenith: Hsl,
    pub horizon: Hsl,
    pub sun: Hsl,
    pub land: Hsl,
}

/// A sky for `seed`; `salt` separates the skies of different styles.
pub(super) fn sky(seed: u64, salt: u64) -> Sky {
    let mut rng = rng(seed, salt);
    let hour = [Hour::Dawn, Hour::Noon, Hour::Dusk][rng.below(3) as usize];
    let j = |rng: &mut museion_procedural::Rng| rng.range(-8.0, 8.0);
    match hour {
        Hour::Noon => Sky {
            zenith: Hsl::new(212.0 + j(&mut rng), rng.range(0.45, 0.65), rng.range(0.45, 0.58)),
            horizon: Hsl::new(200.0 + j(&mut rng), 0.45, rng.range(0.8, 0.88)),
            sun: Hsl::new(50.0, 0.9, 0.93),
            land: Hsl::new(
                rng.range(85.0, 150.0),
                rng.range(0.35, 0.55),
                rng.range(0.14, 0.22),
            ),
        },
        Hour::Dawn => Sky {
            zenith: Hsl::new(225.0 + j(&mut rng), rng.range(0.3, 0.45), rng.range(0.5, 0.6)),
            horizon: Hsl::new(28.0 + j(&mut rng), rng.range(0.7, 0.85), rng.range(0.76, 0.84)),
            sun: Hsl::new(42.0, 1.0, 0.86),
            land: Hsl::new(
                rng.range(150.0, 215.0),
                rng.range(0.25, 0.4),
                rng.range(0.16, 0.24),
            ),
        },
        Hour::Dusk => Sky {
            zenith: Hsl::new(255.0 + j(&mut rng), rng.range(0.3, 0.45), rng.range(0.3, 0.4)),
            horizon: Hsl::new(22.0 + j(&mut rng), rng.range(0.8, 0.95), rng.range(0.6, 0.68)),
            sun: Hsl::new(35.0, 1.0, 0.75),
            land: Hsl::new(
                rng.range(250.0, 300.0),
                rng.range(0.2, 0.35),
                rng.range(0.12, 0.2),
            ),
        },
    }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = sky(seed, SALT);
    [s.horizon, s.land]
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let palette = sky(seed, SALT);
    let mut rng = rng(seed, 0x1A4E);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let (zenith, horizon_colour, sun_colour) =
        (palette.zenith.rgb(), palette.horizon.rgb(), palette.sun.rgb());
    let haze = mix(horizon_colour, zenith, 0.25);
    let near = palette.land.rgb();
    let horizon = h * rng.range(0.42, 0.6);
    let sun = Vec2::new(w * rng.range(0.2, 0.8), horizon - unit * rng.range(0.06, 0.26));
    let sun_radius = unit * rng.range(0.035, 0.055);

    // Ranges from the farthest (0) to the nearest: a ridge line per column.
    let ranges = 4 + rng.below(3) as usize;
    let mut ridges = vec![0.0f32; ranges * canvas.width];
    let mut colours = Vec::with_capacity(ranges);
    for i in 0..ranges {
        let t = i as f32 / (ranges - 1) as f32;
        let base = horizon + (h - horizon) * (0.04 + 0.7 * t * t.sqrt());
        let amplitude = unit * (0.2 * (1.0 - t) + 0.06);
        let frequency = 2.6 - 1.6 * t;
        let octaves = 5 - (t * 3.0) as u32;
        let offset = rng.range(0.0, 100.0);
        let noise_seed = rng.next_u64() as u32;
        for x in 0..canvas.width {
            let n = fbm(
                (x as f32 + 0.5) / unit * frequency + offset,
                i as f32 * 13.7,
                octaves,
                noise_seed,
            );
            ridges[i * canvas.width + x] = base - amplitude * n;
        }
        // Aerial perspective: distant ranges take the colour of the air before them.
        colours.push(mix(haze, near * (0.9 + 0.2 * rng.next_f32()), t.powf(0.75)));
    }

    let cloud_seed = rng.next_u64() as u32;
    let cloud_colour = mix(sun_colour, Vec3::ONE, 0.4);
    let columns = canvas.width;
    canvas.shade(|x, y, _| {
        let column = (x as usize).min(columns - 1);
        let (nx, ny) = (x / unit, y / unit);
        let cover_of = |i: usize| (y - ridges[i * columns + column] + 0.5).clamp(0.0, 1.0);
        // The nearest range that hides everything behind it; the sky shows only when no
        // range does.
        let hidden = (0..ranges).rev().find(|i| cover_of(*i) >= 1.0);
        let mut colour = match hidden {
            Some(_) => Vec3::ZERO,
            None => {
                // Sky: a gradient bending into the horizon colour, warmed round the sun.
                let t = (y / horizon).clamp(0.0, 1.0);
                let mut sky = mix(zenith, horizon_colour, t.powf(1.6));
                let sun_distance = (Vec2::new(x, y) - sun).length();
                sky += sun_colour * 0.35 * (-sun_distance / (unit * 0.18)).exp();
                let clouds = fbm(nx * 1.8, ny * 6.5, 5, cloud_seed);
                let cover = smoothstep(0.5, 0.72, clouds) * smoothstep(horizon * 1.02, horizon * 0.6, y);
                sky = mix(sky, cloud_colour * (0.8 + 0.25 * (1.0 - t)), cover * 0.75);
                let sun_cover = (sun_radius - sun_distance + 0.5).clamp(0.0, 1.0);
                mix(sky, sun_colour, sun_cover * (1.0 - cover * 0.5))
            }
        };
        for i in hidden.unwrap_or(0)..ranges {
            let cover = cover_of(i);
            if cover > 0.0 {
                let ridge = ridges[i * columns + column];
                let t = i as f32 / (ranges - 1) as f32;
                // Valley mist at the foot of each distant range.
                let depth = ((y - ridge) / (unit * 0.12)).clamp(0.0, 1.0);
                let layer = mix(colours[i], haze, 0.35 * (1.0 - t) * smoothstep(0.0, 1.0, depth));
                let texture = fbm(nx * 3.0, ny * 14.0, 2, cloud_seed ^ i as u32) - 0.5;
                colour = mix(colour, layer * (1.0 + 0.1 * texture), cover);
            }
        }
        colour
    });

    // Conifers along part of the nearest ridge.
    if rng.next_f32() < 0.75 {
        let nearest = ranges - 1;
        let tree = colours[nearest] * 0.7;
        let start = rng.range(0.0, 0.7);
        let count = 5 + rng.below(14);
        for _ in 0..count {
            let fx = (start + rng.range(0.0, 0.3)).min(0.999);
            let column = (fx * w) as usize;
            let base = ridges[nearest * canvas.width + column] + unit * 0.01;
            let height = unit * rng.range(0.04, 0.1);
            conifer(canvas, Vec2::new(fx * w, base), height, tree);
        }
    }
}

/// A conifer: a trunk and three tiers of branches, narrowing to the tip.
fn conifer(canvas: &mut Canvas, base: Vec2, height: f32, colour: Vec3) {
    let half = height * 0.2;
    canvas.line(
        base,
        base - Vec2::Y * height * 0.3,
        height * 0.06,
        colour * 0.6,
        1.0,
    );
    for tier in 0..3 {
        let bottom = base.y - height * (0.15 + 0.25 * tier as f32);
        let width = half * (1.0 - 0.25 * tier as f32);
        let top = bottom - height * 0.45;
        canvas.polygon(
            &[
                Vec2::new(base.x - width, bottom),
                Vec2::new(base.x + width, bottom),
                Vec2::new(base.x, top),
            ],
            colour,
            1.0,
        );
    }
}
