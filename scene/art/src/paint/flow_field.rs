//! Flow field: hundreds of lines drawn along a smooth field of directions, each stopping
//! before it touches another, so the field shows as currents of parallel strokes.

use super::super::color::{Hsl, mix};
use super::super::noise::fbm;
use super::super::palette::{any_harmony, harmonious};
use super::super::rng;
use super::Canvas;
use glam::{Vec2, Vec3};

struct Scheme {
    paper: Hsl,
    inks: Vec<Hsl>,
}

fn scheme(seed: u64) -> Scheme {
    let mut rng = rng(seed, 0xF10F);
    let hue = rng.range(0.0, 360.0);
    let harmony = any_harmony(&mut rng);
    // Light paper with dark inks, or now and then the reverse.
    if rng.next_f32() < 0.75 {
        Scheme {
            paper: Hsl::new(
                rng.range(35.0, 50.0),
                rng.range(0.25, 0.45),
                rng.range(0.88, 0.93),
            ),
            inks: harmonious(&mut rng, hue, harmony, 5, (0.45, 0.8), (0.22, 0.58)),
        }
    } else {
        Scheme {
            paper: Hsl::new(hue + 180.0, rng.range(0.2, 0.4), rng.range(0.08, 0.14)),
            inks: harmonious(&mut rng, hue, harmony, 5, (0.5, 0.85), (0.5, 0.8)),
        }
    }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = scheme(seed);
    [s.paper, s.inks[0]]
}

/// Cells of a grid the size of the spacing between lines, each remembering the last
/// point drawn in it and which line drew it.
struct Occupancy {
    cell: f32,
    columns: usize,
    rows: usize,
    points: Vec<Option<(Vec2, u32)>>,
}

impl Occupancy {
    fn new(width: f32, height: f32, cell: f32) -> Self {
        let (columns, rows) = ((width / cell) as usize + 1, (height / cell) as usize + 1);
        Self {
            cell,
            columns,
            rows,
            points: vec![None; columns * rows],
        }
    }

    fn index(&self, p: Vec2) -> Option<(usize, usize)> {
        let (cx, cy) = ((p.x / self.cell).floor(), (p.y / self.cell).floor());
        (cx >= 0.0 && cy >= 0.0 && (cx as usize) < self.columns && (cy as usize) < self.rows)
            .then_some((cx as usize, cy as usize))
    }

    /// True when a point of another line lies closer than the spacing.
    fn crowded(&self, p: Vec2, line: u32) -> bool {
        let Some((cx, cy)) = self.index(p) else {
            return true;
        };
        for y in cy.saturating_sub(1)..(cy + 2).min(self.rows) {
            for x in cx.saturating_sub(1)..(cx + 2).min(self.columns) {
                if let Some((q, other)) = self.points[y * self.columns + x]
                    && other != line
                    && q.distance(p) < self.cell
                {
                    return true;
                }
            }
        }
        false
    }

    fn mark(&mut self, p: Vec2, line: u32) {
        if let Some((x, y)) = self.index(p) {
            self.points[y * self.columns + x] = Some((p, line));
        }
    }
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let scheme = scheme(seed);
    let mut rng = rng(seed, 0xF110);
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let paper = scheme.paper.rgb();
    let inks: Vec<Vec3> = scheme.inks.iter().map(|c| c.rgb()).collect();
    canvas.shade(|_, _, _| paper);

    let field_seed = rng.next_u64() as u32;
    let band_seed = rng.next_u64() as u32;
    let scale = rng.range(1.2, 2.6);
    let turns = rng.range(1.5, 3.5);
    let heading = rng.range(0.0, std::f32::consts::TAU);
    let direction = |p: Vec2| {
        let angle = heading
            + (fbm(p.x / unit * scale, p.y / unit * scale, 3, field_seed) - 0.5)
                * std::f32::consts::TAU
                * turns;
        Vec2::new(angle.cos(), angle.sin())
    };
    let width = (unit * rng.range(0.003, 0.007)).max(1.0);
    let spacing = width * rng.range(1.8, 3.0);
    let step = (width * 0.8).max(0.75);
    let mut occupancy = Occupancy::new(w, h, spacing);
    let max_steps = (unit * 1.5 / step) as usize;
    let starts = (w * h / (spacing * spacing) * 0.35) as u32;
    for line in 0..starts {
        let start = Vec2::new(rng.range(0.0, w), rng.range(0.0, h));
        if occupancy.crowded(start, line) {
            continue;
        }
        // Trace both ways from the start, then draw only lines of some length.
        let mut path = vec![start];
        for sign in [1.0, -1.0] {
            let mut p = start;
            let mut half = Vec::new();
            for _ in 0..max_steps {
                let next = p + direction(p) * step * sign;
                if occupancy.crowded(next, line) {
                    break;
                }
                half.push(next);
                p = next;
            }
            if sign > 0.0 {
                path.extend(half);
            } else {
                half.reverse();
                half.extend(path);
                path = half;
            }
        }
        if path.len() < 12 {
            continue;
        }
        for p in &path {
            occupancy.mark(*p, line);
        }
        // Colour by broad regions of the picture, so currents share an ink.
        let band = fbm(start.x / unit * 0.8, start.y / unit * 0.8, 2, band_seed);
        let ink = inks[((band * inks.len() as f32 * 1.6) as usize) % inks.len()];
        let ink = mix(ink, paper, rng.range(0.0, 0.15));
        let stroke = width * rng.range(0.7, 1.2);
        for pair in path.windows(2) {
            canvas.line(pair[0], pair[1], stroke, ink, 1.0);
        }
    }
}
