//! The surface a painting is made on: a grid of sRGB-encoded colours with the few marks
//! every style needs (discs, strokes, filled outlines), and the weave or paper grain laid
//! over the finished picture.

use super::noise::{fbm, hash01};
use glam::{Vec2, Vec3};
use image::{Rgba, RgbaImage};

/// What the picture is made on, which shows through as texture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ground {
    /// Woven canvas: a fine regular weave and uneven priming.
    Canvas,
    /// Paper: fine grain and fibres, no weave.
    Paper,
}

/// Colours of a picture being painted, row by row, with pixel centres at `x + 0.5`.
pub(super) struct Canvas {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    pixels: Vec<Vec3>,
}

/// How many sub-rows a filled outline is sampled at per pixel row.
const SUB_ROWS: usize = 4;

impl Canvas {
    /// A canvas of this size, primed in one colour.
    pub fn new(width: u32, height: u32, ground: Vec3) -> Self {
        let (width, height) = (width as usize, height as usize);
        Self {
            width,
            height,
            pixels: vec![ground; width * height],
        }
    }

    /// The shorter side, in pixels: the unit that sizes marks, so a style looks the same
    /// at any resolution and aspect.
    pub fn unit(&self) -> f32 {
        self.width.min(self.height) as f32
    }

    /// The colour at a pixel (black outside the canvas).
    pub fn get(&self, x: usize, y: usize) -> Vec3 {
        if x < self.width && y < self.height {
            self.pixels[y * self.width + x]
        } else {
            Vec3::ZERO
        }
    }

    /// Lays `colour` over a pixel with opacity `alpha`; pixels outside are ignored.
    pub fn blend(&mut self, x: i64, y: i64, colour: Vec3, alpha: f32) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height || alpha <= 0.0 {
            return;
        }
        let p = &mut self.pixels[y as usize * self.width + x as usize];
        *p += (colour - *p) * alpha.min(1.0);
    }

    /// Replaces every pixel with `f(x, y, old)`, `x` and `y` at the pixel centre.
    pub fn shade(&mut self, mut f: impl FnMut(f32, f32, Vec3) -> Vec3) {
        for y in 0..self.height {
            for x in 0..self.width {
                let p = &mut self.pixels[y * self.width + x];
                *p = f(x as f32 + 0.5, y as f32 + 0.5, *p);
            }
        }
    }

    /// Pixel ranges covering the box from `min` to `max`, clipped to the canvas.
    fn span(&self, min: Vec2, max: Vec2) -> (std::ops::Range<i64>, std::ops::Range<i64>) {
        let clip = |v: f32, n: usize| (v.floor() as i64).clamp(0, n as i64);
        (
            clip(min.x, self.width)..clip(max.x + 1.0, self.width),
            clip(min.y, self.height)..clip(max.y + 1.0, self.height),
        )
    }

    /// An anti-aliased disc.
    pub fn disc(&mut self, centre: Vec2, radius: f32, colour: Vec3, alpha: f32) {
        let (xs, ys) = self.span(centre - radius - 1.0, centre + radius + 1.0);
        for y in ys {
            for x in xs.clone() {
                let d = (Vec2::new(x as f32 + 0.5, y as f32 + 0.5) - centre).length();
                let coverage = (radius - d + 0.5).clamp(0.0, 1.0);
                self.blend(x, y, colour, coverage * alpha);
            }
        }
    }

    /// An anti-aliased straight stroke of this width with round ends.
    pub fn line(&mut self, a: Vec2, b: Vec2, width: f32, colour: Vec3, alpha: f32) {
        let r = width / 2.0;
        let (xs, ys) = self.span(a.min(b) - r - 1.0, a.max(b) + r + 1.0);
        let ab = b - a;
        let length2 = ab.length_squared().max(1e-12);
        for y in ys {
            for x in xs.clone() {
                let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
                let t = ((p - a).dot(ab) / length2).clamp(0.0, 1.0);
                let d = (p - (a + ab * t)).length();
                let coverage = (r - d + 0.5).clamp(0.0, 1.0);
                self.blend(x, y, colour, coverage * alpha);
            }
        }
    }

    /// Fills a closed outline (non-zero winding), anti-aliased: each pixel row is cut by
    /// [`SUB_ROWS`] scan lines and each span's ends cover their pixels in part.
    pub fn polygon(&mut self, outline: &[Vec2], colour: Vec3, alpha: f32) {
        if outline.len() < 3 {
            return;
        }
        let (min, max) = outline
            .iter()
            .fold((Vec2::splat(f32::MAX), Vec2::splat(f32::MIN)), |(lo, hi), p| {
                (lo.min(*p), hi.max(*p))
            });
        let (_, ys) = self.span(min, max);
        let mut coverage = vec![0.0f32; self.width];
        let mut crossings: Vec<(f32, i32)> = Vec::new();
        for y in ys {
            coverage.iter_mut().for_each(|c| *c = 0.0);
            for sub in 0..SUB_ROWS {
                let sy = y as f32 + (sub as f32 + 0.5) / SUB_ROWS as f32;
                crossings.clear();
                for (i, a) in outline.iter().enumerate() {
                    let b = outline[(i + 1) % outline.len()];
                    if (a.y <= sy) != (b.y <= sy) {
                        let t = (sy - a.y) / (b.y - a.y);
                        crossings.push((a.x + (b.x - a.x) * t, if b.y > a.y { 1 } else { -1 }));
                    }
                }
                crossings.sort_by(|p, q| p.0.total_cmp(&q.0));
                let mut winding = 0;
                for pair in crossings.windows(2) {
                    winding += pair[0].1;
                    if winding != 0 {
                        add_span(&mut coverage, pair[0].0, pair[1].0, 1.0 / SUB_ROWS as f32);
                    }
                }
            }
            for (x, c) in coverage.iter().enumerate() {
                self.blend(x as i64, y, colour, c.min(1.0) * alpha);
            }
        }
    }

    /// The finished picture: the ground's texture laid over the paint, as 8-bit sRGB.
    pub fn finish(&self, ground: Ground, seed: u32) -> RgbaImage {
        let scale = (self.unit() / 512.0).max(0.25);
        // Threads about 3 px apart at 512 px, over and under: the weave is a product of
        // a wave across and a wave down, so each is worked out once per column or row.
        let thread = |i: usize| (i as f32 / scale * std::f32::consts::TAU / 3.2).sin();
        let across: Vec<f32> = (0..self.width).map(thread).collect();
        let down: Vec<f32> = (0..self.height).map(thread).collect();
        RgbaImage::from_fn(self.width as u32, self.height as u32, |x, y| {
            let (fx, fy) = (x as f32 / scale, y as f32 / scale);
            let grain = hash01(x as i32, y as i32, seed) - 0.5;
            let texture = match ground {
                Ground::Canvas => {
                    let weave = across[x as usize] * down[y as usize];
                    let priming = fbm(fx / 90.0, fy / 90.0, 2, seed ^ 0x51) - 0.5;
                    0.03 * weave + 0.03 * grain + 0.05 * priming
                }
                Ground::Paper => {
                    let fibres = fbm(fx / 2.0, fy / 14.0, 2, seed ^ 0x77) - 0.5;
                    0.025 * grain + 0.03 * fibres
                }
            };
            let c = (self.get(x as usize, y as usize) * (1.0 + texture)).clamp(Vec3::ZERO, Vec3::ONE);
            let [r, g, b] = (c * 255.0 + 0.5).to_array().map(|v| v as u8);
            Rgba([r, g, b, 255])
        })
    }
}

/// Adds `weight` times the covered part of each pixel between `x0` and `x1` to `row`.
fn add_span(row: &mut [f32], x0: f32, x1: f32, weight: f32) {
    let n = row.len() as f32;
    let (x0, x1) = (x0.clamp(0.0, n), x1.clamp(0.0, n));
    if x1 <= x0 {
        return;
    }
    let (first, last) = (x0.floor() as usize, (x1.ceil() as usize).min(row.len()));
    for (i, c) in row.iter_mut().enumerate().take(last).skip(first) {
        let covered = (x1.min(i as f32 + 1.0) - x0.max(i as f32)).max(0.0);
        *c += covered * weight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_square_covers_its_area_with_soft_edges() {
        let mut canvas = Canvas::new(20, 20, Vec3::ZERO);
        let square = [
            Vec2::new(4.5, 4.0),
            Vec2::new(14.5, 4.0),
            Vec2::new(14.5, 14.0),
            Vec2::new(4.5, 14.0),
        ];
        canvas.polygon(&square, Vec3::ONE, 1.0);
        let total: f32 = (0..20)
            .flat_map(|y| (0..20).map(move |x| (x, y)))
            .map(|(x, y)| canvas.get(x, y).x)
            .sum();
        assert!((total - 100.0).abs() < 1e-3, "area {total}");
        assert_eq!(canvas.get(8, 8), Vec3::ONE);
        assert!((canvas.get(4, 8).x - 0.5).abs() < 1e-6, "half-covered edge pixel");
        assert_eq!(canvas.get(2, 2), Vec3::ZERO);
    }

    #[test]
    fn a_disc_has_the_area_of_a_circle() {
        let mut canvas = Canvas::new(40, 40, Vec3::ZERO);
        canvas.disc(Vec2::splat(20.0), 10.0, Vec3::ONE, 1.0);
        let total: f32 = (0..40)
            .flat_map(|y| (0..40).map(move |x| (x, y)))
            .map(|(x, y)| canvas.get(x, y).x)
            .sum();
        assert!((total - std::f32::consts::PI * 100.0).abs() < 3.0, "area {total}");
    }
}
