//! Colour-field abstraction: two or three soft-edged rectangles stacked on a coloured
//! ground, their edges feathered and their surfaces scumbled, so the colour seems to
//! float and breathe.

use super::super::color::{Hsl, mix, smoothstep};
use super::super::noise::fbm;
use super::super::palette::{Harmony, harmonious};
use super::super::rng;
use super::Canvas;
use glam::Vec3;
use museion_procedural::Rng;

/// How far the ragged edges wander from a straight line, in units of the shorter side.
const RAGGED: f32 = 0.0125;

/// The colours of one painting: the ground and the blocks from top to bottom.
struct Scheme {
    ground: Hsl,
    blocks: Vec<Hsl>,
}

fn scheme(seed: u64) -> Scheme {
    let mut rng = rng(seed, 0xC0F1);
    let hue = rng.range(0.0, 360.0);
    let count = 2 + rng.below(2) as usize;
    // Mostly close hues (a red on maroon), sometimes a complementary accent.
    let harmony = if rng.next_f32() < 0.65 {
        Harmony::Analogous
    } else {
        Harmony::Complementary
    };
    let ground = Hsl::new(
        hue + rng.range(-15.0, 15.0),
        rng.range(0.35, 0.7),
        rng.range(0.14, 0.34),
    );
    let blocks = harmonious(&mut rng, hue + 25.0, harmony, count, (0.45, 0.85), (0.3, 0.66));
    Scheme { ground, blocks }
}

pub(super) fn key_colours(seed: u64) -> [Hsl; 2] {
    let s = scheme(seed);
    [s.blocks[0], s.blocks[s.blocks.len() - 1]]
}

/// A block: centre and half size as fractions of the picture, and colour.
struct Block {
    centre: (f32, f32),
    half: (f32, f32),
    colour: Vec3,
}

fn layout(rng: &mut Rng, scheme: &Scheme) -> Vec<Block> {
    let margin_x = rng.range(0.07, 0.11);
    let margin_top = rng.range(0.05, 0.08);
    let margin_bottom = rng.range(0.06, 0.1);
    let gap = rng.range(0.03, 0.05);
    let weights: Vec<f32> = scheme.blocks.iter().map(|_| rng.range(0.6, 1.6)).collect();
    let total: f32 = weights.iter().sum();
    let usable = 1.0 - margin_top - margin_bottom - gap * (weights.len() - 1) as f32;
    let mut top = margin_top;
    weights
        .iter()
        .zip(&scheme.blocks)
        .map(|(w, colour)| {
            let height = usable * w / total;
            let block = Block {
                centre: (0.5, top + height / 2.0),
                half: (0.5 - margin_x, height / 2.0),
                colour: colour.rgb(),
            };
            top += height + gap;
            block
        })
        .collect()
}

pub(super) fn paint(canvas: &mut Canvas, seed: u64) {
    let scheme = scheme(seed);
    let mut rng = rng(seed, 0xC0F2);
    let blocks = layout(&mut rng, &scheme);
    let ground = scheme.ground.rgb();
    let (w, h, unit) = (canvas.width as f32, canvas.height as f32, canvas.unit());
    let softness = rng.range(0.008, 0.018);
    let noise_seed = rng.next_u64() as u32;
    canvas.shade(|x, y, _| {
        let (nx, ny) = (x / unit, y / unit);
        // Scumbled surface: cloudy unevenness, a little stretched along the strokes.
        let scumble = fbm(nx * 3.0, ny * 5.0, 4, noise_seed) - 0.5;
        // The ragged edge matters only near an edge; worked out once, when first needed.
        let mut ragged = None;
        let mut colour = ground * (1.0 + 0.18 * scumble);
        for block in &blocks {
            // Signed distance to the block's edge, in units of the shorter side.
            let dx = ((x / w - block.centre.0).abs() - block.half.0) * w / unit;
            let dy = ((y / h - block.centre.1).abs() - block.half.1) * h / unit;
            let straight = dx.max(dy);
            if straight > 3.0 * softness + RAGGED {
                continue;
            }
            let distance = if straight.abs() < 6.0 * softness + RAGGED {
                let r =
                    *ragged.get_or_insert_with(|| fbm(nx * 11.0, ny * 11.0, 3, noise_seed ^ 0xED6E) - 0.5);
                straight + r * 2.0 * RAGGED
            } else {
                straight
            };
            let cover = 1.0 - smoothstep(-softness, softness, distance);
            // Thinner paint near the edges lets the ground glow through.
            let depth = smoothstep(-6.0 * softness, 0.0, distance);
            let paint = block.colour * (1.0 + 0.22 * scumble) * (1.0 - 0.12 * depth);
            colour = mix(colour, paint, cover * (0.93 - 0.2 * depth));
        }
        colour
    });
}
