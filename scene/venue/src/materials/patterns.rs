//! Procedural base-colour textures of the material library, generated in Rust: each a
//! tileable square of sRGB texels.

use super::noise::{cell, fbm, value};
use museion_scene::{Image, ImageSourceFormat};

/// Texels per side of a generated texture.
pub(crate) const SIZE: u32 = 256;

/// The patterns the library draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Pattern {
    /// Oak planks: four boards per tile with staggered joints and grain.
    Wood,
    /// Off-white plaster with a faint cloudy variation.
    Plaster,
    /// White marble with grey veins.
    Marble,
    /// Grey concrete with mottling and small pores.
    Concrete,
    /// Brushed steel: fine streaks along u.
    BrushedMetal,
    /// Gold leaf with darker patina.
    Gilded,
    /// A plain weave of coloured threads.
    Fabric,
}

/// The texture of `pattern` as an image named after it.
pub(crate) fn generate(pattern: Pattern, name: &str) -> Image {
    let mut pixels = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (u, v) = ((x as f32 + 0.5) / SIZE as f32, (y as f32 + 0.5) / SIZE as f32);
            let rgb = texel(pattern, u, v);
            pixels.extend(rgb.map(|c| (c.clamp(0.0, 1.0) * 255.0 + 0.5) as u8));
            pixels.push(255);
        }
    }
    Image::rgba8(
        Some(format!("{name} (generated)")),
        SIZE,
        SIZE,
        pixels,
        ImageSourceFormat::Png,
    )
}

/// The sRGB colour of `pattern` at `(u, v)` in the unit tile.
fn texel(pattern: Pattern, u: f32, v: f32) -> [f32; 3] {
    match pattern {
        Pattern::Wood => wood(u, v),
        Pattern::Plaster => shade([0.91, 0.89, 0.85], 0.94 + 0.06 * fbm(u, v, 4, 5, 11)),
        Pattern::Marble => marble(u, v),
        Pattern::Concrete => concrete(u, v),
        Pattern::BrushedMetal => {
            // Streaks along u: fine noise across v only, over a faint cloudy variation.
            let streak = value(v, 0.5, 128, 3) * 0.6 + fbm(u, v, 4, 3, 5) * 0.4;
            shade([0.78, 0.78, 0.80], 0.9 + 0.12 * streak)
        }
        Pattern::Gilded => {
            let patina = fbm(u, v, 8, 4, 17);
            let gold = [1.0, 0.80, 0.42];
            let dark = [0.55, 0.38, 0.16];
            mix(gold, dark, smooth(0.55, 0.8, patina) * 0.6)
        }
        Pattern::Fabric => fabric(u, v),
    }
}

fn wood(u: f32, v: f32) -> [f32; 3] {
    const BOARDS: f32 = 4.0;
    let board = (v * BOARDS).floor();
    let across = v * BOARDS - board;
    // Each board is cut once per tile, at its own place.
    let joint = cell(board as i32, 0, 41);
    let along = (u - joint).rem_euclid(1.0);
    let tone = 0.85 + 0.3 * cell(board as i32, (along < 0.5) as i32, 43);
    let grain_phase = across * 9.0 + fbm(u, v, 4, 3, 47) * 6.0 + board * 1.7;
    let grain = 0.5 + 0.5 * (grain_phase * std::f32::consts::TAU).sin();
    let fine = fbm(u, v * 16.0 % 1.0, 32, 2, 53);
    let mut colour = shade([0.62, 0.43, 0.26], tone * (0.88 + 0.1 * grain + 0.06 * fine));
    let seam = across.min(1.0 - across) < 0.012 || along.min(1.0 - along) < 0.003;
    if seam {
        colour = shade(colour, 0.45);
    }
    colour
}

fn marble(u: f32, v: f32) -> [f32; 3] {
    let turbulence = fbm(u, v, 4, 5, 61);
    let vein = ((u + v) * 2.0 * std::f32::consts::TAU + turbulence * 9.0)
        .sin()
        .abs();
    let base = shade([0.94, 0.93, 0.91], 0.96 + 0.04 * fbm(u, v, 16, 3, 67));
    mix([0.45, 0.46, 0.48], base, smooth(0.0, 0.22, vein).powf(0.6))
}

fn concrete(u: f32, v: f32) -> [f32; 3] {
    let mottle = fbm(u, v, 8, 5, 71);
    let mut colour = shade([0.62, 0.61, 0.58], 0.85 + 0.25 * mottle);
    let px = ((u * SIZE as f32) as i32, (v * SIZE as f32) as i32);
    if cell(px.0, px.1, 73) > 0.985 {
        colour = shade(colour, 0.55); // a pore
    }
    colour
}

fn fabric(u: f32, v: f32) -> [f32; 3] {
    const THREADS: f32 = 64.0;
    let (tu, tv) = (u * THREADS, v * THREADS);
    let over = ((tu.floor() + tv.floor()) as i32).rem_euclid(2) == 0;
    // The thread on top is lit along its length, darker at its edges.
    let across = if over { tv.fract() } else { tu.fract() };
    let roundness = (across * std::f32::consts::PI).sin().sqrt();
    let slub = 0.9 + 0.1 * fbm(u, v, 16, 2, 79);
    shade([0.55, 0.10, 0.12], (0.7 + 0.3 * roundness) * slub)
}

fn shade(c: [f32; 3], k: f32) -> [f32; 3] {
    c.map(|x| x * k)
}

fn mix(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn smooth(e0: f32, e1: f32, x: f32) -> f32 {
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_fills_an_opaque_varied_texture() {
        for pattern in [
            Pattern::Wood,
            Pattern::Plaster,
            Pattern::Marble,
            Pattern::Concrete,
            Pattern::BrushedMetal,
            Pattern::Gilded,
            Pattern::Fabric,
        ] {
            let image = generate(pattern, "test");
            let pixels = image.to_rgba8();
            assert_eq!(pixels.len(), (SIZE * SIZE * 4) as usize);
            assert!(pixels.chunks_exact(4).all(|p| p[3] == 255));
            let reds: Vec<u8> = pixels.chunks_exact(4).map(|p| p[0]).collect();
            let (lo, hi) = (reds.iter().min().copied(), reds.iter().max().copied());
            assert!(hi > lo, "{pattern:?} is not flat");
        }
    }
}
