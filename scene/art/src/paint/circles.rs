//! Colour study of concentric circles in squares: a grid of cells, each a coloured
//! square holding rings of contrasting colours, drawn by hand so no circle is perfect.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::{fbm, hash};
use super::super::palette::{Harmony, harmonious};
use super::super::rng;
use super::Canvas;
use glam::Vec3;

/// Rings per cell, counting the cell's own square as the outermost.
const RINGS: usize = 5;

fn palette(seed: u64) -> Vec<Hsl> {
    let mut rng = rng(seed, 0xC1C1);
    let hue = rng.range(0.0, 360.0);
    // Rings must contrast with their neighbours: warm and cool pairs from a triad or two
    // complementary pairs, each hue in a dark and a light version.
    let harmony = if rng.next_f32() < 0.5 {
        Harmony::Triadic
    } else {
        Harmony::Tetradic
    };
    let mut colours = harmonious(&mut rng, hue, harmony, 8, (0.55, 0.9), (0.25, 0.7));
    // A near-black and a warm white, as in any painter's box.
    colours.push(Hsl::new(hue + 200.0, 0.3, 0.1));
    colours.push(Hsl::new(45.0, 0.5, 0.9));
    colours
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let p = palette(seed);
    [p[0], p[1]]
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let palette: Vec<Vec3> = palette(seed).iter().map(|c| c.rgb()).collect();
    let mut rng = rng(seed, 0xC1C2);
    let (w, h) = (canvas.width as f32, canvas.height as f32);
    // Cells as square as the picture allows, three to five along the shorter side.
    let across = 3.0 + rng.below(3) as f32;
    let cell = canvas.unit() / across;
    let (cols, rows) = ((w / cell).round().max(1.0), (h / cell).round().max(1.0));
    let (cw, ch) = (w / cols, h / rows);
    let cell_seed = rng.next_u64() as u32;
    let noise_seed = rng.next_u64() as u32;
    let n = palette.len() as u32;
    canvas.shade(|x, y, _| {
        let (col, row) = ((x / cw).floor(), (y / ch).floor());
        let (ci, ri) = (col as i32, row as i32);
        // Each cell draws its own colours and radii from a hash of its position.
        let cell_hash = |k: i32| hash(ci.wrapping_mul(31).wrapping_add(k), ri, cell_seed);
        let (lx, ly) = (x / cw - col - 0.5, y / ch - row - 0.5);
        let angle = ly.atan2(lx);
        let mut colour = palette[(cell_hash(0) % n) as usize];
        let mut previous = cell_hash(0) % n;
        for ring in 1..RINGS {
            let h = cell_hash(ring as i32);
            // A colour unlike the one it sits on.
            let mut index = h % n;
            if index == previous {
                index = (index + 1 + (h >> 8) % (n - 1)) % n;
            }
            previous = index;
            let base = 0.44 * (1.0 - ring as f32 / RINGS as f32).powf(0.8) + 0.02;
            let offset = (((h >> 12) & 0xFF) as f32 / 255.0 - 0.5) * 0.06;
            let (ox, oy) = (offset, (((h >> 20) & 0xFF) as f32 / 255.0 - 0.5) * 0.06);
            let d = ((lx - ox).powi(2) + (ly - oy).powi(2)).sqrt();
            // A hand-drawn edge: the radius wanders round the circle, in a rhythm of
            // its own for every ring.
            let phase = ((h >> 4) & 0xFF) as f32 * 0.0245;
            let wobble = 0.012 * (3.0 * angle + phase).sin() + 0.006 * (7.0 * angle - 2.0 * phase).sin();
            let edge = 1.2 / cw.min(ch);
            let inside = 1.0 - smoothstep(base + wobble - edge, base + wobble + edge, d);
            colour = mix(colour, palette[index as usize], inside);
            if inside <= 0.0 {
                break;
            }
        }
        // Crayon-like grain within the colours.
        let grain = fbm(x / cw * 9.0, y / ch * 9.0, 2, noise_seed) - 0.5;
        colour * (1.0 + 0.12 * grain)
    });
}
