//! Pointillism: a riverside afternoon (sky, far bank of trees, water, a grassy near bank
//! with a tree) painted as thousands of small dots of unmixed colour that the eye blends,
//! with dots of neighbouring and complementary hues among them.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use glam::{Vec2, Vec3};

/// The scene's colours, set by season.
struct Scheme {
    sky: Hsl,
    foliage: Hsl,
    water: Hsl,
    grass: Hsl,
}

fn scheme(seed: u64) -> Scheme {
    let mut rng = rng(seed, 0x9017);
    // Summer greens or autumn golds.
    let foliage_hue = if rng.next_f32() < 0.65 {
        rng.range(95.0, 135.0)
    } else {
        rng.range(28.0, 45.0)
    };
    Scheme {
        sky: Hsl::new(rng.range(195.0, 215.0), rng.range(0.5, 0.7), rng.range(0.7, 0.8)),
        foliage: Hsl::new(foliage_hue, rng.range(0.45, 0.6), rng.range(0.25, 0.33)),
        water: Hsl::new(
            rng.range(190.0, 210.0),
            rng.range(0.45, 0.6),
            rng.range(0.48, 0.58),
        ),
        grass: Hsl::new(foliage_hue - 15.0, rng.range(0.45, 0.6), rng.range(0.36, 0.44)),
    }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = scheme(seed);
    [s.foliage, s.water]
}

/// The scene the dots sample: positions in fractions of width and height.
struct Scene {
    sky: Vec3,
    foliage: Vec3,
    water: Vec3,
    grass: Vec3,
    horizon: f32,
    bank: f32,
    /// The tree's place across the picture, and its crown's half height.
    tree: Vec2,
    seed: u32,
}

impl Scene {
    /// The top of the near bank at `x`: rising from one side, gently uneven.
    fn bank(&self, x: f32) -> f32 {
        self.bank + 0.2 * (x - 0.5) + 0.03 * (fbm(x * 4.0, 5.0, 2, self.seed) - 0.5)
    }

    fn colour(&self, p: Vec2, aspect: f32) -> Vec3 {
        let far_trees = self.horizon - 0.08 - 0.08 * fbm(p.x * 6.0, 0.0, 3, self.seed);
        let bank = self.bank(p.x);
        // The tree stands on the bank: a trunk, and a crown whose outline billows.
        let foot = self.bank(self.tree.x) + 0.02;
        let crown_radius = Vec2::new(self.tree.y * 0.75, self.tree.y);
        let crown_centre = Vec2::new(self.tree.x, foot - 0.1 - crown_radius.y);
        let offset = Vec2::new((p.x - crown_centre.x) * aspect, p.y - crown_centre.y) / crown_radius;
        let billow = fbm(offset.x * 2.5 + 3.0, offset.y * 2.5, 3, self.seed ^ 11);
        let crown = offset.length() / (0.8 + 0.4 * billow);
        let trunk = ((p.x - self.tree.x) * aspect).abs() < 0.012 + 0.01 * (p.y - crown_centre.y).max(0.0)
            && p.y > crown_centre.y
            && p.y < foot;
        if crown < 1.0 {
            // Lit on the left, in shadow on the right and underneath.
            let light = 0.85 - 0.45 * offset.x - 0.3 * offset.y;
            return self.foliage * light.clamp(0.5, 1.35);
        }
        if trunk {
            return Vec3::new(0.3, 0.2, 0.12);
        }
        if p.y > bank {
            let shade = smoothstep(bank, bank + 0.35, p.y);
            let mut grass = mix(self.grass * 1.15, self.grass * 0.7, shade);
            // The tree's shadow falls to the right along the grass.
            let shadow = Vec2::new((p.x - self.tree.x - 0.08) * aspect / 0.14, (p.y - foot) / 0.035);
            if shadow.length() < 1.0 {
                grass *= 0.6;
            }
            return grass;
        }
        if p.y < far_trees {
            let t = p.y / self.horizon;
            return mix(self.sky * 0.95, mix(self.sky, Vec3::new(1.0, 0.92, 0.8), 0.5), t);
        }
        if p.y < self.horizon {
            return mix(self.foliage * 0.8, self.sky, 0.35);
        }
        // Water: the sky and far trees mirrored, broken by ripples.
        let depth = (p.y - self.horizon) / (bank - self.horizon).max(0.01);
        let ripple = fbm(p.x * 3.0, p.y * 60.0, 2, self.seed ^ 5);
        let reflection = if depth < 0.25 {
            mix(self.foliage, self.water, 0.5)
        } else {
            self.water
        };
        mix(reflection, self.sky, 0.3 * ripple)
    }
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let scheme = scheme(seed);
    let mut rng = rng(seed, 0x9018);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let scene = Scene {
        sky: scheme.sky.rgb(),
        foliage: scheme.foliage.rgb(),
        water: scheme.water.rgb(),
        grass: scheme.grass.rgb(),
        horizon: rng.range(0.38, 0.5),
        bank: rng.range(0.68, 0.78),
        tree: Vec2::new(
            if rng.next_f32() < 0.5 {
                rng.range(0.15, 0.3)
            } else {
                rng.range(0.7, 0.85)
            },
            rng.range(0.17, 0.24),
        ),
        seed: rng.next_u64() as u32,
    };
    let aspect = w / h;
    let primed = Hsl::new(45.0, 0.4, 0.93).rgb();
    canvas.shade(|_, _, _| primed);
    let spacing = unit / rng.range(95.0, 130.0);
    // Two passes of dots on a jittered lattice; the second fills the gaps of the first.
    for pass in 0..2 {
        let offset = pass as f32 * 0.5;
        let (cols, rows) = ((w / spacing) as i32 + 1, (h / spacing) as i32 + 1);
        for row in 0..rows {
            for col in 0..cols {
                let p = Vec2::new(
                    (col as f32 + offset + rng.range(-0.4, 0.4)) * spacing,
                    (row as f32 + offset + rng.range(-0.4, 0.4)) * spacing,
                );
                let base = Hsl::from_rgb(scene.colour(p / Vec2::new(w, h), aspect));
                let roll = rng.next_f32();
                // Most dots near the local colour, some a neighbouring hue, a few its
                // complement at the same value (the optical mixture of divisionism).
                let dot = if roll < 0.08 {
                    base.shifted(180.0, -0.1, 0.0)
                } else if roll < 0.3 {
                    base.shifted(rng.range(-35.0, 35.0), 0.15, rng.range(-0.08, 0.08))
                } else {
                    base.shifted(rng.range(-10.0, 10.0), 0.1, rng.range(-0.06, 0.06))
                };
                let radius = spacing * rng.range(0.42, 0.6);
                canvas.disc(p, radius, dot.rgb(), 0.95);
            }
        }
    }
}
