//! What sculptures are made of: a few classic finishes with physically plausible
//! metal-roughness parameters (metals' base colours are their measured reflectance at
//! normal incidence; stone and clay are dielectrics with their albedo).

use super::super::{pick, rng};
use super::SculptureKind;
use glam::Vec4;
use museion_scene::Material;

/// A sculpture's material and surface treatment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Finish {
    /// Cast bronze with a warm brown patina, waxed.
    Bronze,
    /// White statuary marble, honed.
    Marble,
    /// Copper under a green verdigris patina (the patina is a dielectric crust).
    PatinatedCopper,
    /// Mirror-polished stainless steel.
    PolishedSteel,
    /// Fired, burnished clay.
    Terracotta,
    /// Polished black granite.
    Granite,
    /// Bronze covered in gold leaf.
    Gilded,
}

impl Finish {
    /// The finish's name in files (`"patinated-copper"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Finish::Bronze => "bronze",
            Finish::Marble => "marble",
            Finish::PatinatedCopper => "patinated-copper",
            Finish::PolishedSteel => "polished-steel",
            Finish::Terracotta => "terracotta",
            Finish::Granite => "granite",
            Finish::Gilded => "gilded",
        }
    }

    /// The glTF material of this finish, varied a little by `seed` (a patina's depth, a
    /// stone's tint): linear base colour, metallic and roughness.
    pub fn material(self, seed: u64) -> Material {
        let mut rng = rng(seed, 0xF1A1);
        let mut vary = |v: f32, by: f32| (v + rng.range(-by, by)).clamp(0.0, 1.0);
        let (base, metallic, roughness) = match self {
            Finish::Bronze => (
                [vary(0.64, 0.06), vary(0.43, 0.05), vary(0.25, 0.04)],
                1.0,
                vary(0.38, 0.08),
            ),
            Finish::Marble => (
                [vary(0.84, 0.03), vary(0.82, 0.03), vary(0.78, 0.03)],
                0.0,
                vary(0.22, 0.06),
            ),
            Finish::PatinatedCopper => (
                [vary(0.1, 0.03), vary(0.4, 0.05), vary(0.32, 0.05)],
                0.15,
                vary(0.65, 0.08),
            ),
            Finish::PolishedSteel => ([0.56, 0.57, 0.58], 1.0, vary(0.1, 0.04)),
            Finish::Terracotta => (
                [vary(0.55, 0.05), vary(0.2, 0.03), vary(0.1, 0.02)],
                0.0,
                vary(0.8, 0.08),
            ),
            Finish::Granite => (
                [vary(0.035, 0.01), vary(0.035, 0.01), vary(0.04, 0.01)],
                0.0,
                vary(0.18, 0.05),
            ),
            Finish::Gilded => ([1.0, 0.766, 0.336], 1.0, vary(0.25, 0.06)),
        };
        Material {
            name: Some(self.name().into()),
            base_color_factor: Vec4::new(base[0], base[1], base[2], 1.0),
            metallic_factor: metallic,
            roughness_factor: roughness,
            ..Material::default()
        }
    }
}

/// The finishes each kind is made in.
fn finishes(kind: SculptureKind) -> &'static [Finish] {
    use Finish::*;
    match kind {
        SculptureKind::Vase => &[Terracotta, Terracotta, Marble, Bronze, PatinatedCopper],
        SculptureKind::TwistedColumn => &[Marble, Marble, Granite, Bronze],
        SculptureKind::TorusKnot => &[PolishedSteel, Bronze, Gilded],
        SculptureKind::EndlessColumn => &[Gilded, PolishedSteel, Bronze, Granite],
        SculptureKind::Concretion => &[Marble, Bronze, Granite],
        SculptureKind::PiercedForm => &[Bronze, PatinatedCopper, Marble],
        SculptureKind::Crystal => &[PolishedSteel, Gilded, Granite],
        SculptureKind::Mobius => &[PolishedSteel, Bronze, Gilded],
        SculptureKind::RecliningFigure => &[Bronze, PatinatedCopper, Marble, Terracotta],
    }
}

/// The finish a sculpture of `kind` from `seed` is made in.
pub fn finish(kind: SculptureKind, seed: u64) -> Finish {
    *pick(&mut rng(seed, 0xF1A0), finishes(kind))
}

/// The material of a sculpture of `kind` from `seed`: its [`finish`]'s material.
pub fn sculpture_material(kind: SculptureKind, seed: u64) -> Material {
    finish(kind, seed).material(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_are_physically_plausible_and_repeat() {
        for kind in SculptureKind::ALL {
            for seed in 0..12 {
                let m = sculpture_material(kind, seed);
                let base = m.base_color_factor.truncate();
                assert_eq!(m.name.as_deref(), Some(finish(kind, seed).name()));
                assert!((0.0..=1.0).contains(&m.metallic_factor), "{kind}: {m:?}");
                assert!((0.05..=1.0).contains(&m.roughness_factor), "{kind}: {m:?}");
                if m.metallic_factor > 0.5 {
                    // Metals reflect at least half the light at normal incidence.
                    assert!(base.max_element() >= 0.5, "{kind}: dark metal {base}");
                } else {
                    // Dielectric albedos lie between charcoal and fresh snow.
                    assert!(
                        base.min_element() >= 0.02 && base.max_element() <= 0.9,
                        "{kind}: albedo {base}"
                    );
                }
                assert_eq!(m, sculpture_material(kind, seed));
            }
        }
    }
}
