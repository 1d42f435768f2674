//! Geometric composition in the manner of De Stijl: an off-white field divided by black
//! lines into rectangles, a few of them filled with red, yellow, blue or black.

use super::super::color::{Hsl, smoothstep};
use super::super::noise::fbm;
use super::super::rng;
use super::Canvas;
use glam::Vec2;
use museion_procedural::Rng;

/// A rectangle in fractions of the picture: `[x0, y0, x1, y1]`.
type Rect = [f32; 4];

/// The picture's plan, the same at every size: cells with their colours and the black
/// lines between them.
struct Plan {
    cells: Vec<(Rect, Hsl)>,
    lines: Vec<Rect>,
    white: Hsl,
    black: Hsl,
}

fn area(r: &Rect) -> f32 {
    (r[2] - r[0]) * (r[3] - r[1])
}

fn plan(seed: u64) -> Plan {
    let mut rng = rng(seed, 0x6121);
    // The primaries, each nudged a little so no two paintings share exact tubes.
    let red = Hsl::new(rng.range(-6.0, 4.0), rng.range(0.72, 0.86), rng.range(0.42, 0.48));
    let yellow = Hsl::new(
        rng.range(44.0, 52.0),
        rng.range(0.85, 0.95),
        rng.range(0.52, 0.58),
    );
    let blue = Hsl::new(
        rng.range(214.0, 228.0),
        rng.range(0.65, 0.8),
        rng.range(0.28, 0.36),
    );
    let white = Hsl::new(rng.range(38.0, 50.0), rng.range(0.15, 0.3), rng.range(0.9, 0.94));
    let black = Hsl::new(220.0, 0.1, 0.08);
    let mut cells: Vec<Rect> = vec![[0.0, 0.0, 1.0, 1.0]];
    let mut lines = Vec::new();
    let splits = 6 + rng.below(5);
    for _ in 0..splits {
        let index = weighted_by_area(&mut rng, &cells);
        let cell = cells.swap_remove(index);
        let (cw, ch) = (cell[2] - cell[0], cell[3] - cell[1]);
        let vertical = if (cw - ch).abs() > 0.15 {
            cw > ch
        } else {
            rng.next_f32() < 0.5
        };
        let t = rng.range(0.28, 0.72);
        if vertical {
            let x = cell[0] + cw * t;
            lines.push([x, cell[1], x, cell[3]]);
            cells.push([cell[0], cell[1], x, cell[3]]);
            cells.push([x, cell[1], cell[2], cell[3]]);
        } else {
            let y = cell[1] + ch * t;
            lines.push([cell[0], y, cell[2], y]);
            cells.push([cell[0], cell[1], cell[2], y]);
            cells.push([cell[0], y, cell[2], cell[3]]);
        }
    }
    // One large cell of a strong colour, then a few small accents; the rest white.
    cells.sort_by(|a, b| area(b).total_cmp(&area(a)));
    let big = 1 + rng.below(2) as usize;
    let mut coloured: Vec<(Rect, Hsl)> = Vec::with_capacity(cells.len());
    let accents = [yellow, blue, red, black];
    let mut next_accent = rng.below(3) as usize;
    let lead = if rng.next_f32() < 0.6 { red } else { blue };
    for (i, cell) in cells.into_iter().enumerate() {
        let colour = if i == big {
            lead
        } else if i > big + 1 && rng.next_f32() < 0.35 {
            next_accent += 1;
            accents[next_accent % accents.len()]
        } else if rng.next_f32() < 0.2 {
            white.shifted(0.0, -0.1, -0.05)
        } else {
            white
        };
        coloured.push((cell, colour));
    }
    Plan {
        cells: coloured,
        lines,
        white,
        black,
    }
}

/// A cell index chosen with probability proportional to the cell's area squared, so big
/// cells are divided first but not always.
fn weighted_by_area(rng: &mut Rng, cells: &[Rect]) -> usize {
    let total: f32 = cells.iter().map(|c| area(c).powi(2)).sum();
    let mut target = rng.range(0.0, total);
    for (i, c) in cells.iter().enumerate() {
        target -= area(c).powi(2);
        if target <= 0.0 {
            return i;
        }
    }
    cells.len() - 1
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let plan = plan(seed);
    let mut coloured: Vec<&(Rect, Hsl)> = plan.cells.iter().filter(|(_, c)| c.s > 0.5).collect();
    coloured.sort_by(|a, b| area(&b.0).total_cmp(&area(&a.0)));
    let first = coloured.first().map_or(plan.black, |c| c.1);
    let second = coloured
        .iter()
        .map(|c| c.1)
        .find(|c| *c != first)
        .unwrap_or(plan.white);
    [first, second]
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let plan = plan(seed);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let to_px = |x: f32, y: f32| Vec2::new(x * w, y * h);
    for (r, colour) in &plan.cells {
        let corners = [
            to_px(r[0], r[1]),
            to_px(r[2], r[1]),
            to_px(r[2], r[3]),
            to_px(r[0], r[3]),
        ];
        canvas.polygon(&corners, colour.rgb(), 1.0);
    }
    let mut rng = rng(seed, 0x6122);
    let half = unit * rng.range(0.006, 0.011);
    let black = plan.black.rgb();
    for l in &plan.lines {
        let (a, b) = (to_px(l[0], l[1]), to_px(l[2], l[3]));
        let pad = Vec2::splat(half);
        let (lo, hi) = (a.min(b) - pad, a.max(b) + pad);
        let corners = [lo, Vec2::new(hi.x, lo.y), hi, Vec2::new(lo.x, hi.y)];
        canvas.polygon(&corners, black, 1.0);
    }
    // Visible brushwork: flat paint laid in short strokes, slightly uneven in value.
    let noise_seed = rng.next_u64() as u32;
    canvas.shade(|x, y, c| {
        let (nx, ny) = (x / unit, y / unit);
        // Short strokes laid in both directions, and a faint cloudiness of the layers.
        let strokes =
            fbm(nx * 30.0, ny * 9.0, 2, noise_seed) + fbm(nx * 9.0, ny * 30.0, 2, noise_seed ^ 3) - 1.0;
        let cloud = fbm(nx * 4.0, ny * 4.0, 2, noise_seed ^ 9) - 0.5;
        let lightness = c.element_sum() / 3.0;
        // Whites show the brushwork most; the black lines hardly at all.
        let amount = 0.015 + 0.025 * smoothstep(0.2, 0.9, lightness);
        c * (1.0 + amount * strokes + 0.03 * cloud)
    });
}
