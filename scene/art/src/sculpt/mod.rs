//! Sculptures: closed, outward-wound meshes in metres that stand on y = 0, each kind a
//! small generator of a classic sculptural form, and the materials they are cast or
//! carved in.

mod blob;
pub(crate) mod builder;
mod column;
mod crystal;
mod endless;
mod figure;
pub(crate) mod implicit;
mod knot;
mod material;
mod mobius;
mod stand;
pub(crate) mod sweep;
mod vase;

use super::ArtError;
use museion_scene::Mesh;
use std::fmt;
use std::str::FromStr;

pub use material::{Finish, finish, sculpture_material};

/// The most triangles any sculpture has.
pub const MAX_TRIANGLES: usize = 60_000;

/// A kind of sculpture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SculptureKind {
    /// A turned vessel (vase or amphora, sometimes with handles), hollow with a real
    /// wall thickness, from a smooth profile curve.
    Vase,
    /// A column whose fluted shaft twists between a moulded base and a capital.
    TwistedColumn,
    /// A tube tied in a (p, q) torus knot, held up on a rod.
    TorusKnot,
    /// A stack of faceted rhomboid modules, after Brancusi's endless column.
    EndlessColumn,
    /// A smooth swelling form, a sphere pushed out by a few soft lobes (after Arp's
    /// concretions).
    Concretion,
    /// A ring-like form of varying thickness with a hole through it (after Hepworth and
    /// Moore).
    PiercedForm,
    /// Faceted hexagonal crystals growing from a rough rock.
    Crystal,
    /// A thick ribbon with one or three half twists (a Möbius band), on a rod.
    Mobius,
    /// A reclining figure propped on one elbow, modelled as one smooth body.
    RecliningFigure,
}

impl SculptureKind {
    /// Every kind, in a fixed order.
    pub const ALL: [SculptureKind; 9] = [
        SculptureKind::Vase,
        SculptureKind::TwistedColumn,
        SculptureKind::TorusKnot,
        SculptureKind::EndlessColumn,
        SculptureKind::Concretion,
        SculptureKind::PiercedForm,
        SculptureKind::Crystal,
        SculptureKind::Mobius,
        SculptureKind::RecliningFigure,
    ];

    /// The kind's name in files and on command lines (`"twisted-column"`, …).
    pub fn name(self) -> &'static str {
        match self {
            SculptureKind::Vase => "vase",
            SculptureKind::TwistedColumn => "twisted-column",
            SculptureKind::TorusKnot => "torus-knot",
            SculptureKind::EndlessColumn => "endless-column",
            SculptureKind::Concretion => "concretion",
            SculptureKind::PiercedForm => "pierced-form",
            SculptureKind::Crystal => "crystal",
            SculptureKind::Mobius => "mobius",
            SculptureKind::RecliningFigure => "reclining-figure",
        }
    }
}

impl fmt::Display for SculptureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SculptureKind {
    type Err = ArtError;

    fn from_str(name: &str) -> Result<Self, ArtError> {
        SculptureKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| ArtError::UnknownSculpture {
                name: name.into(),
                known: SculptureKind::ALL.map(SculptureKind::name).join(", "),
            })
    }
}

/// A sculpture of `kind` from `seed`: one primitive (positions, normals, UVs, tangents,
/// `u32` indices; no material, for the caller to assign, e.g. from
/// [`sculpture_material`]) in metres, closed and wound outwards, standing on y = 0 and
/// centred on x and z, with at most [`MAX_TRIANGLES`] triangles. The mesh is named after
/// the kind.
pub fn sculpt(kind: SculptureKind, seed: u64) -> Mesh {
    let builder = match kind {
        SculptureKind::Vase => vase::build(seed),
        SculptureKind::TwistedColumn => column::build(seed),
        SculptureKind::TorusKnot => knot::build(seed),
        SculptureKind::EndlessColumn => endless::build(seed),
        SculptureKind::Concretion => blob::concretion(seed),
        SculptureKind::PiercedForm => blob::pierced(seed),
        SculptureKind::Crystal => crystal::build(seed),
        SculptureKind::Mobius => mobius::build(seed),
        SculptureKind::RecliningFigure => figure::build(seed),
    };
    builder.finish(kind.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_named_and_unknown_names_refused() {
        for kind in SculptureKind::ALL {
            assert_eq!(kind.name().parse::<SculptureKind>(), Ok(kind));
        }
        assert!(matches!(
            "statue".parse::<SculptureKind>(),
            Err(ArtError::UnknownSculpture { .. })
        ));
    }
}
