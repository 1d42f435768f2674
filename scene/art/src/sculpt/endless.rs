//! An endless column after Brancusi: identical rhomboid modules stacked point to point,
//! each a pair of square frustums, with a half module at either end; every face flat.

use super::super::rng;
use super::builder::{Builder, Shading};
use super::sweep::lathe;
use glam::Vec2;
use std::f32::consts::{FRAC_PI_4, SQRT_2};

pub(super) fn build(seed: u64) -> Builder {
    let mut rng = rng(seed, 0xE2D1);
    let module = rng.range(0.16, 0.26);
    let modules = 3 + rng.below(4);
    // Brancusi's proportions: the wide section half the module's height, the narrow
    // half the wide. Radii are half diagonals of the square sections.
    let wide = module * rng.range(0.22, 0.27) * SQRT_2;
    let narrow = wide * rng.range(0.45, 0.55);
    let mut profile = vec![Vec2::new(0.0, 0.0), Vec2::new(narrow, 0.0)];
    let mut y = 0.0;
    for _ in 0..modules {
        profile.push(Vec2::new(wide, y + module / 2.0));
        profile.push(Vec2::new(narrow, y + module));
        y += module;
    }
    // The top ends in half a module, cut at its widest.
    profile.push(Vec2::new(wide, y + module / 2.0));
    profile.push(Vec2::new(0.0, y + module / 2.0));
    let mut b = Builder::new();
    // Four points round, turned 45° so the faces face the axes.
    lathe(&mut b, &profile, 4, |_| FRAC_PI_4, |_, _| 1.0, Shading::Faceted);
    b
}
