//! Tileable value noise for procedural textures: every function here repeats over the
//! unit square, so the textures wrap without seams.

/// A hash of lattice coordinates and a seed to `[0, 1)`.
fn hash(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x8da6_b343)
        ^ (y as u32).wrapping_mul(0xd816_3841)
        ^ seed.wrapping_mul(0xcb1a_b31f);
    h ^= h >> 13;
    h = h.wrapping_mul(0x5bd1_e995);
    h ^= h >> 15;
    (h & 0x00ff_ffff) as f32 / 16_777_216.0
}

/// A pseudo-random value in `[0, 1)` for an integer cell (plank, thread, fleck).
pub(crate) fn cell(x: i32, y: i32, seed: u32) -> f32 {
    hash(x, y, seed)
}

/// Value noise at `(u, v)` in the unit square with `period` lattice cells per side,
/// smoothly interpolated, in `[0, 1)`.
pub(crate) fn value(u: f32, v: f32, period: u32, seed: u32) -> f32 {
    let period = period.max(1) as i32;
    let (x, y) = (u * period as f32, v * period as f32);
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let wrap = |i: f32| (i as i32).rem_euclid(period);
    let (ix0, iy0) = (wrap(x0), wrap(y0));
    let (ix1, iy1) = ((ix0 + 1) % period, (iy0 + 1) % period);
    let a = hash(ix0, iy0, seed) + (hash(ix1, iy0, seed) - hash(ix0, iy0, seed)) * sx;
    let b = hash(ix0, iy1, seed) + (hash(ix1, iy1, seed) - hash(ix0, iy1, seed)) * sx;
    a + (b - a) * sy
}

/// Fractal sum of `octaves` of value noise from `period` cells, each octave twice as fine
/// and half as strong, normalised to `[0, 1)`.
pub(crate) fn fbm(u: f32, v: f32, period: u32, octaves: u32, seed: u32) -> f32 {
    let (mut sum, mut weight, mut total) = (0.0, 1.0, 0.0);
    for octave in 0..octaves {
        sum += value(u, v, period << octave, seed.wrapping_add(octave * 101)) * weight;
        total += weight;
        weight *= 0.5;
    }
    sum / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_tiles_across_the_unit_square() {
        for i in 0..20 {
            let t = i as f32 / 20.0;
            assert!((fbm(0.0, t, 4, 4, 7) - fbm(1.0, t, 4, 4, 7)).abs() < 1e-4);
            assert!((fbm(t, 0.0, 4, 4, 7) - fbm(t, 1.0, 4, 4, 7)).abs() < 1e-4);
        }
        let samples: Vec<f32> = (0..100).map(|i| value(i as f32 / 100.0, 0.3, 8, 1)).collect();
        assert!(samples.iter().all(|s| (0.0..1.0).contains(s)));
        let spread =
            samples.iter().fold(0.0f32, |m, s| m.max(*s)) - samples.iter().fold(1.0f32, |m, s| m.min(*s));
        assert!(spread > 0.2, "noise varies");
    }
}
