//! The guide's colours: a jacket in one of the colours museums dress their staff in,
//! trousers a dark shade beside it, a skin tone and a hair colour, all from the seed,
//! painted on the body as vertex colours.

use super::body::{Body, Cover};
use crate::color::Hsl;
use crate::{pick, rng};
use glam::{Vec3, Vec4};

/// Jacket hues and saturations: navy, burgundy, forest green, teal, plum, ochre.
const JACKETS: [(f32, f32); 6] = [
    (222.0, 0.45),
    (350.0, 0.5),
    (150.0, 0.35),
    (186.0, 0.45),
    (290.0, 0.3),
    (38.0, 0.55),
];

/// Skin tones, sRGB.
const SKINS: [[f32; 3]; 5] = [
    [0.95, 0.8, 0.69],
    [0.88, 0.67, 0.52],
    [0.76, 0.55, 0.4],
    [0.55, 0.38, 0.26],
    [0.38, 0.26, 0.18],
];

/// Hair colours, sRGB: black, dark brown, chestnut, grey.
const HAIR: [[f32; 3]; 4] = [
    [0.06, 0.05, 0.05],
    [0.22, 0.14, 0.08],
    [0.45, 0.28, 0.15],
    [0.7, 0.68, 0.66],
];

/// Shoes, sRGB: polished black leather.
const SHOES: [f32; 3] = [0.07, 0.06, 0.06];

/// The colours of one guide, linear RGBA (as vertex colours are).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Palette {
    jacket: Vec4,
    trousers: Vec4,
    skin: Vec4,
    hair: Vec4,
    shoes: Vec4,
}

/// An sRGB colour as linear RGBA.
fn linear(srgb: Vec3) -> Vec4 {
    let channel = |c: f32| {
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Vec4::new(channel(srgb.x), channel(srgb.y), channel(srgb.z), 1.0)
}

impl Palette {
    /// The palette of `seed`.
    pub fn new(seed: u64) -> Self {
        let mut rng = rng(seed, 0x6D1E);
        let (hue, saturation) = *pick(&mut rng, &JACKETS);
        let hue = hue + rng.range(-8.0, 8.0);
        let jacket = Hsl::new(hue, saturation, rng.range(0.26, 0.34));
        let trousers = Hsl::new(hue + rng.range(-20.0, 20.0), 0.12, rng.range(0.14, 0.2));
        Self {
            jacket: linear(jacket.rgb()),
            trousers: linear(trousers.rgb()),
            skin: linear(Vec3::from(*pick(&mut rng, &SKINS))),
            hair: linear(Vec3::from(*pick(&mut rng, &HAIR))),
            shoes: linear(Vec3::from(SHOES)),
        }
    }

    /// The colour of the body at `p`.
    pub fn colour(&self, body: &Body, p: Vec3) -> Vec4 {
        match body.cover(p) {
            (_, true) => self.hair,
            (Cover::Skin, false) => self.skin,
            (Cover::Jacket, false) => self.jacket,
            (Cover::Trousers, false) => self.trousers,
            (Cover::Shoes, false) => self.shoes,
        }
    }
}
