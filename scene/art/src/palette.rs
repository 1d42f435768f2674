//! Harmonious palettes by the colour-wheel rules painters learn: hues a fixed angle
//! apart around a base hue, lightness spread so the colours also differ in value.

use super::color::Hsl;
use super::{Rng, pick};

/// A rule for choosing hues around a base hue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Harmony {
    /// Neighbouring hues, within about 60°.
    Analogous,
    /// The base hue and its opposite.
    Complementary,
    /// The base hue and the two hues either side of its opposite.
    SplitComplementary,
    /// Three hues 120° apart.
    Triadic,
    /// Two complementary pairs, 60° apart.
    Tetradic,
}

impl Harmony {
    /// Every rule.
    pub const ALL: [Harmony; 5] = [
        Harmony::Analogous,
        Harmony::Complementary,
        Harmony::SplitComplementary,
        Harmony::Triadic,
        Harmony::Tetradic,
    ];

    /// Hue offsets from the base hue, in degrees, in the order colours take them.
    fn offsets(self) -> &'static [f32] {
        match self {
            Harmony::Analogous => &[0.0, 30.0, -30.0, 55.0],
            Harmony::Complementary => &[0.0, 180.0, 15.0, 195.0],
            Harmony::SplitComplementary => &[0.0, 150.0, 210.0],
            Harmony::Triadic => &[0.0, 120.0, 240.0],
            Harmony::Tetradic => &[0.0, 60.0, 180.0, 240.0],
        }
    }
}

/// `count` colours following `harmony` around `base_hue`, with saturations in
/// `saturation` and lightnesses spread over `lightness` (shuffled, so the first colour is
/// not always the darkest). Hues wander a few degrees, as mixed paint does.
pub(super) fn harmonious(
    rng: &mut Rng,
    base_hue: f32,
    harmony: Harmony,
    count: usize,
    saturation: (f32, f32),
    lightness: (f32, f32),
) -> Vec<Hsl> {
    let offsets = harmony.offsets();
    let mut values: Vec<f32> = (0..count)
        .map(|i| {
            let t = if count > 1 {
                i as f32 / (count - 1) as f32
            } else {
                0.5
            };
            lightness.0 + (lightness.1 - lightness.0) * t
        })
        .collect();
    // Fisher–Yates with the seeded generator.
    for i in (1..values.len()).rev() {
        let j = rng.below(i as u32 + 1) as usize;
        values.swap(i, j);
    }
    values
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let hue = base_hue + offsets[i % offsets.len()] + rng.range(-8.0, 8.0);
            Hsl::new(hue, rng.range(saturation.0, saturation.1), l)
        })
        .collect()
}

/// A harmony rule chosen by the generator.
pub(super) fn any_harmony(rng: &mut Rng) -> Harmony {
    *pick(rng, &Harmony::ALL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hue_distance(a: f32, b: f32) -> f32 {
        let d = (a - b).rem_euclid(360.0);
        d.min(360.0 - d)
    }

    #[test]
    fn colours_follow_the_rule_and_spread_in_value() {
        let mut rng = Rng::new(5);
        let colours = harmonious(&mut rng, 200.0, Harmony::Complementary, 4, (0.5, 0.7), (0.2, 0.8));
        assert_eq!(colours.len(), 4);
        assert!(hue_distance(colours[0].h, 200.0) <= 8.0);
        assert!(hue_distance(colours[1].h, 20.0) <= 8.0);
        let mut l: Vec<f32> = colours.iter().map(|c| c.l).collect();
        l.sort_by(f32::total_cmp);
        assert!((l[0] - 0.2).abs() < 1e-6 && (l[3] - 0.8).abs() < 1e-6, "{l:?}");
        for c in &colours {
            assert!((0.5..=0.7).contains(&c.s));
        }
    }
}
