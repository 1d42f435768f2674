//! Star pattern: a glazed tile panel of eight-pointed stars on a square lattice, or
//! six-pointed stars on a hexagonal one, with strapwork outlining every star, small
//! rosettes where the lattice cells meet, and a border.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::{fbm, hash01};
use super::super::rng;
use super::Canvas;
use glam::{Vec2, Vec3};
use std::f32::consts::SQRT_2;

struct Scheme {
    ground: Hsl,
    star: Hsl,
    centre: Hsl,
    strap: Hsl,
}

/// Tile palettes after glazes: cobalt and turquoise with white and ochre, or terracotta
/// with green and cream, each a little varied.
fn scheme(seed: u64) -> Scheme {
    let mut rng = rng(seed, 0x57A2);
    let j = rng.range(-10.0, 10.0);
    match rng.below(3) {
        0 => Scheme {
            ground: Hsl::new(222.0 + j, rng.range(0.6, 0.8), rng.range(0.22, 0.3)),
            star: Hsl::new(178.0 + j, rng.range(0.45, 0.65), rng.range(0.42, 0.5)),
            centre: Hsl::new(42.0, 0.75, 0.52),
            strap: Hsl::new(45.0, 0.4, 0.9),
        },
        1 => Scheme {
            ground: Hsl::new(16.0 + j * 0.5, rng.range(0.5, 0.65), rng.range(0.35, 0.42)),
            star: Hsl::new(150.0 + j, rng.range(0.35, 0.5), rng.range(0.28, 0.36)),
            centre: Hsl::new(45.0, 0.6, 0.6),
            strap: Hsl::new(42.0, 0.45, 0.86),
        },
        _ => Scheme {
            ground: Hsl::new(165.0 + j, rng.range(0.4, 0.55), rng.range(0.25, 0.32)),
            star: Hsl::new(350.0 + j, rng.range(0.5, 0.65), rng.range(0.35, 0.42)),
            centre: Hsl::new(210.0, 0.6, 0.35),
            strap: Hsl::new(45.0, 0.75, 0.6),
        },
    }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = scheme(seed);
    [s.ground, s.star]
}

/// Signed distance from `p` to an eight-pointed star of two squares of half size `a`,
/// one turned 45° (negative inside).
fn eight_star(p: Vec2, a: f32) -> f32 {
    let square = p.x.abs().max(p.y.abs()) - a;
    let diamond = (p.x.abs() + p.y.abs()) / SQRT_2 - a;
    square.min(diamond)
}

/// Signed distance to an equilateral triangle of in-radius `r`, one vertex at `-y` when
/// `flip` is false (a close bound, exact on the edges, which is all the bands need).
fn triangle(p: Vec2, r: f32, flip: bool) -> f32 {
    let q = if flip { Vec2::new(p.x, -p.y) } else { p };
    let normals = [
        Vec2::new(0.0, 1.0),
        Vec2::new(0.866_025_4, -0.5),
        Vec2::new(-0.866_025_4, -0.5),
    ];
    normals.iter().map(|n| q.dot(*n) - r).fold(f32::MIN, f32::max)
}

/// The six-pointed star: two triangles.
fn six_star(p: Vec2, r: f32) -> f32 {
    triangle(p, r, false).min(triangle(p, r, true))
}

/// For a point in lattice units, the offset from its nearest lattice point and that
/// point's index: square lattice, or hexagonal when `hex` is set.
fn nearest(p: Vec2, hex: bool) -> (Vec2, (i32, i32)) {
    if !hex {
        let cell = (p + 0.5).floor();
        return (p - cell, (cell.x as i32, cell.y as i32));
    }
    // Hexagonal lattice with basis (1, 0) and (1/2, √3/2): check the cell's corners.
    let b = 3f32.sqrt() / 2.0;
    let j = (p.y / b).floor();
    let i = (p.x - 0.5 * j).floor();
    let mut best = (Vec2::splat(f32::MAX), (0, 0));
    for (di, dj) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)] {
        let (ci, cj) = (i + di, j + dj);
        let c = Vec2::new(ci + 0.5 * cj, cj * b);
        if (p - c).length_squared() < best.0.length_squared() {
            best = (p - c, (ci as i32, cj as i32));
        }
    }
    best
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let scheme = scheme(seed);
    let mut rng = rng(seed, 0x57A3);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let [ground, star, centre, strap] =
        [scheme.ground, scheme.star, scheme.centre, scheme.strap].map(Hsl::rgb);
    let outline = mix(ground, Vec3::ZERO, 0.5);
    let hex = rng.next_f32() < 0.4;
    let size = unit / rng.range(3.0, 5.5);
    let band = rng.range(0.025, 0.04);
    let margin = unit * 0.06;
    let glaze_seed = rng.next_u64() as u32;
    let pixel = 1.0 / size;
    canvas.shade(|x, y, _| {
        // The border: a plain frame of the ground colour with a strap line inside it.
        let edge = x.min(y).min(w - x).min(h - y);
        let frame = smoothstep(margin - 0.5, margin + 0.5, edge);
        let frame_line = 1.0 - smoothstep(unit * 0.006, unit * 0.006 + 1.0, (edge - margin * 0.55).abs());
        let p = (Vec2::new(x, y) - Vec2::new(w, h) / 2.0) / size;
        let (local, index) = nearest(p, hex);
        let (star_d, inner_d, rosette_d) = if hex {
            let d = six_star(local, 0.28);
            (d, six_star(local, 0.13), f32::MAX)
        } else {
            let d = eight_star(local, 0.3);
            let corner = Vec2::splat(0.5) - local.abs();
            (d, eight_star(local, 0.14), (corner.x + corner.y) / SQRT_2 - 0.12)
        };
        let mut colour = ground;
        colour = mix(colour, star, smoothstep(pixel, -pixel, star_d));
        colour = mix(colour, centre, smoothstep(pixel, -pixel, inner_d));
        colour = mix(colour, centre, smoothstep(pixel, -pixel, rosette_d));
        // Strapwork: a pale band with dark edges along every outline.
        for d in [star_d, rosette_d] {
            let across = d.abs();
            colour = mix(
                colour,
                outline,
                smoothstep(band + 2.0 * pixel, band + pixel, across),
            );
            colour = mix(colour, strap, smoothstep(band, band - pixel, across));
        }
        // Each tile glazed a little differently, with a soft sheen.
        let tile = hash01(index.0, index.1, glaze_seed) - 0.5;
        let sheen = fbm(x / unit * 5.0, y / unit * 5.0, 3, glaze_seed ^ 1) - 0.5;
        let glazed = colour * (1.0 + 0.08 * tile + 0.1 * sheen);
        let bordered = mix(ground * (0.85 + 0.1 * sheen), strap, frame_line);
        mix(bordered, glazed, frame)
    });
}
