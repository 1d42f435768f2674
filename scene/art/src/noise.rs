//! Seeded value noise and fractal sums of it, the soft irregularity of brushwork, skies
//! and hills.

/// Hashes a lattice point and a seed to 32 well-mixed bits (a 32-bit finaliser in the
/// manner of MurmurHash3's).
pub(super) fn hash(x: i32, y: i32, seed: u32) -> u32 {
    let mut h = (x as u32).wrapping_mul(0x8DA6_B343)
        ^ (y as u32).wrapping_mul(0xD816_3841)
        ^ seed.wrapping_mul(0xCB1A_B31F);
    h ^= h >> 16;
    h = h.wrapping_mul(0x7FEB_352D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x846C_A68B);
    h ^ (h >> 16)
}

/// A hash of a lattice point as a float in `[0, 1)`.
pub(super) fn hash01(x: i32, y: i32, seed: u32) -> f32 {
    (hash(x, y, seed) >> 8) as f32 * (1.0 / (1u32 << 24) as f32)
}

/// Value noise in `[0, 1]`: lattice values blended with a quintic fade, so the result
/// has continuous first and second derivatives (no creases in shaded surfaces).
pub(super) fn value(x: f32, y: f32, seed: u32) -> f32 {
    let (fx, fy) = (x.floor(), y.floor());
    let (ix, iy) = (fx as i32, fy as i32);
    let fade = |t: f32| t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
    let (u, v) = (fade(x - fx), fade(y - fy));
    let a = hash01(ix, iy, seed);
    let b = hash01(ix.wrapping_add(1), iy, seed);
    let c = hash01(ix, iy.wrapping_add(1), seed);
    let d = hash01(ix.wrapping_add(1), iy.wrapping_add(1), seed);
    let top = a + (b - a) * u;
    let bottom = c + (d - c) * u;
    top + (bottom - top) * v
}

/// Fractal sum of `octaves` layers of [`value`] noise, each twice the frequency and half
/// the weight of the one before, normalised back to `[0, 1]`.
pub(super) fn fbm(x: f32, y: f32, octaves: u32, seed: u32) -> f32 {
    let (mut sum, mut weight, mut total, mut frequency) = (0.0, 1.0, 0.0, 1.0);
    for octave in 0..octaves.max(1) {
        // Each octave gets its own lattice, and a shift so lattice lines do not align.
        let shift = octave as f32 * 17.31;
        sum += weight
            * value(
                x * frequency + shift,
                y * frequency - shift,
                seed.wrapping_add(octave * 101),
            );
        total += weight;
        weight *= 0.5;
        frequency *= 2.0;
    }
    sum / total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_is_bounded_continuous_and_seeded() {
        let mut previous = value(0.0, 0.3, 1);
        let mut differs = false;
        for i in 1..2000 {
            let x = i as f32 * 0.01;
            let v = value(x, 0.3, 1);
            assert!((0.0..=1.0).contains(&v));
            // Continuity: a step of 0.01 moves the value very little.
            assert!((v - previous).abs() < 0.05, "jump at {x}");
            previous = v;
            differs |= (value(x, 0.3, 2) - v).abs() > 0.1;
            let f = fbm(x, 1.7, 5, 3);
            assert!((0.0..=1.0).contains(&f));
        }
        assert!(differs, "seeds must give different noise");
        assert_eq!(value(3.25, -7.5, 9), value(3.25, -7.5, 9));
    }
}
