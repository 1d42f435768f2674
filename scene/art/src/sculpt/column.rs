//! A twisted column: a round moulded base, a shaft of rounded flutes that wind about it
//! (a Solomonic column's twist), swelling slightly in the middle (entasis), and a capital
//! that flares to a square-edged abacus.

use super::super::color::smoothstep;
use super::super::rng;
use super::builder::{Builder, Shading};
use super::sweep::lathe;
use glam::Vec2;
use std::f32::consts::{FRAC_PI_2, TAU};

/// Points round the column: enough for eight flutes to stay round.
const SIDES: usize = 96;
/// Rings up the shaft.
const SHAFT_RINGS: usize = 110;

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0xC011);
    let height = rng.range(0.8, 1.4);
    let radius = height * rng.range(0.065, 0.09);
    let flutes = 4.0 + rng.below(5) as f32;
    let depth = rng.range(0.08, 0.16);
    let turns = rng.range(0.5, 1.6) * if rng.next_f32() < 0.5 { 1.0 } else { -1.0 };

    let base_radius = radius * 1.6;
    let plinth = height * 0.05;
    let moulding = radius * 0.3;
    let shaft_bottom = plinth + 2.0 * moulding;
    let abacus = height * 0.04;
    let echinus = height * 0.05;
    let shaft_top = height - abacus - echinus;

    let mut profile = vec![
        Vec2::new(0.0, 0.0),
        Vec2::new(base_radius, 0.0),
        Vec2::new(base_radius, plinth),
    ];
    // A torus moulding: half a round from the plinth up to the shaft.
    for step in 0..=8 {
        let a = -FRAC_PI_2 + step as f32 / 8.0 * std::f32::consts::PI;
        profile.push(Vec2::new(
            radius * 1.05 + moulding * a.cos(),
            plinth + moulding + moulding * a.sin(),
        ));
    }
    for i in 0..=SHAFT_RINGS {
        let t = i as f32 / SHAFT_RINGS as f32;
        // Entasis: a gentle swelling a third of the way up.
        let swell = 1.0 + 0.05 * (std::f32::consts::PI * t.powf(0.8)).sin();
        profile.push(Vec2::new(
            radius * swell,
            shaft_bottom + (shaft_top - shaft_bottom) * t,
        ));
    }
    // The capital: a quarter round flaring out, then the abacus slab.
    for step in 1..=6 {
        let a = step as f32 / 6.0 * FRAC_PI_2;
        profile.push(Vec2::new(
            radius + radius * 0.45 * (1.0 - a.cos()),
            shaft_top + echinus * a.sin(),
        ));
    }
    let top = radius * 1.55;
    profile.extend([
        Vec2::new(top, shaft_top + echinus),
        Vec2::new(top, height),
        Vec2::new(0.0, height),
    ]);

    let along = move |y: f32| ((y - shaft_bottom) / (shaft_top - shaft_bottom)).clamp(0.0, 1.0);
    let twist = move |y: f32| along(y) * turns * TAU;
    // Rounded flutes, fading out where the shaft meets base and capital.
    let flute = move |y: f32, theta: f32| {
        let t = along(y);
        let inside = y > shaft_bottom && y < shaft_top;
        let fade = if inside {
            smoothstep(0.0, 0.06, t) * smoothstep(1.0, 0.94, t)
        } else {
            0.0
        };
        let wave = (0.5 + 0.5 * (flutes * theta).cos()).powf(0.7);
        1.0 - depth + depth * wave * fade + depth * (1.0 - fade)
    };
    let mut b = Builder::new();
    lathe(&mut b, &profile, SIDES, twist, flute, Shading::Smooth);
    b
}
