//! The demo museum's collection: 44 paintings and 12 sculptures, each with its seed,
//! size and metadata, all different, all following from one seed.

use super::info::{
    ArtworkInfo, painting_info, painting_size_cm, painting_title, sculpture_info, sculpture_title,
};
use super::paint::{Style, paint};
use super::sculpt::{SculptureKind, sculpt, sculpture_material};
use super::{ArtError, pick, rng};
use image::RgbaImage;
use museion_scene::{Material, Mesh};
use std::collections::BTreeSet;

/// Paintings in the collection.
pub const PAINTINGS: usize = 44;
/// Sculptures in the collection.
pub const SCULPTURES: usize = 12;
/// The longer side of every painting's image, in pixels.
pub const LONG_SIDE_PX: u32 = 1024;
/// Tries at a new seed for a work whose title another work already has.
const TITLE_TRIES: u64 = 32;

/// A painting of the collection: how to paint it, and what its label says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PaintingSpec {
    /// The style.
    pub style: Style,
    /// The seed the picture and its metadata come from.
    pub seed: u64,
    /// Image width in pixels.
    pub width_px: u32,
    /// Image height in pixels.
    pub height_px: u32,
    /// Metadata.
    pub info: ArtworkInfo,
}

impl PaintingSpec {
    /// The picture (see [`paint`]).
    pub fn paint(&self) -> Result<RgbaImage, ArtError> {
        paint(self.style, self.seed, self.width_px, self.height_px)
    }

    /// The physical width and height of the work, in metres (what its label's
    /// dimensions say).
    pub fn size_m(&self) -> (f32, f32) {
        let (width, height) = painting_size_cm(self.style, self.seed, self.width_px, self.height_px);
        (width / 100.0, height / 100.0)
    }
}

/// A sculpture of the collection: how to make it, and what its label says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SculptureSpec {
    /// The kind.
    pub kind: SculptureKind,
    /// The seed the form, material and metadata come from.
    pub seed: u64,
    /// Metadata.
    pub info: ArtworkInfo,
}

impl SculptureSpec {
    /// The mesh (see [`sculpt`]).
    pub fn mesh(&self) -> Mesh {
        sculpt(self.kind, self.seed)
    }

    /// The material (see [`sculpture_material`]).
    pub fn material(&self) -> Material {
        sculpture_material(self.kind, self.seed)
    }
}

/// A collection of works.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Catalogue {
    /// The paintings, accession numbers 1 to 44.
    pub paintings: Vec<PaintingSpec>,
    /// The sculptures, accession numbers 45 to 56.
    pub sculptures: Vec<SculptureSpec>,
}

/// Aspect ratios (width, height) each style is painted in.
fn aspects(style: Style) -> &'static [(u32, u32)] {
    match style {
        Style::ColourField => &[(3, 4), (2, 3), (4, 5)],
        Style::Grid => &[(1, 1), (4, 5), (5, 4)],
        Style::Circles => &[(4, 3), (3, 4)],
        Style::Landscape => &[(3, 2), (16, 9), (4, 3)],
        Style::Seascape => &[(2, 1), (3, 2)],
        Style::StillLife => &[(4, 3), (4, 5)],
        Style::FlowField => &[(4, 5), (1, 1), (3, 4)],
        Style::Silhouette => &[(3, 4), (4, 5)],
        Style::StarPattern => &[(1, 1), (3, 4)],
        Style::Pointillist => &[(3, 2), (4, 3)],
    }
}

/// A seed for the `index`th work, `attempt`th try, small enough to print on a label.
fn work_seed(seed: u64, index: u64, attempt: u64) -> u64 {
    rng(seed, 0xCA7A_0000 + index * TITLE_TRIES + attempt).next_u64() % 1_000_000
}

/// The seed of a work: the first try whose title is not yet taken (or the last try).
fn untaken(seed: u64, index: u64, titles: &mut BTreeSet<String>, title: impl Fn(u64) -> String) -> u64 {
    for attempt in 0..TITLE_TRIES {
        let candidate = work_seed(seed, index, attempt);
        if titles.insert(title(candidate)) {
            return candidate;
        }
    }
    work_seed(seed, index, TITLE_TRIES - 1)
}

/// The demo collection for `seed`: [`PAINTINGS`] paintings cycling through every style,
/// each in an aspect its style favours with the longer side [`LONG_SIDE_PX`], and
/// [`SCULPTURES`] sculptures cycling through every kind; every work has its own seed
/// and title and a unique accession number.
pub fn catalogue(seed: u64) -> Catalogue {
    let mut titles = BTreeSet::new();
    let paintings = (0..PAINTINGS)
        .map(|i| {
            let style = Style::ALL[i % Style::ALL.len()];
            let work = untaken(seed, i as u64, &mut titles, |s| painting_title(style, s));
            let (aw, ah) = *pick(&mut rng(work, 0xA5EC), aspects(style));
            let scale = LONG_SIDE_PX as f32 / aw.max(ah) as f32;
            let (width_px, height_px) = (
                (aw as f32 * scale).round() as u32,
                (ah as f32 * scale).round() as u32,
            );
            let number = i as u32 + 1;
            PaintingSpec {
                style,
                seed: work,
                width_px,
                height_px,
                info: painting_info(style, work, width_px, height_px, number),
            }
        })
        .collect();
    let sculptures = (0..SCULPTURES)
        .map(|i| {
            let kind = SculptureKind::ALL[i % SculptureKind::ALL.len()];
            let index = (PAINTINGS + i) as u64;
            let work = untaken(seed, index, &mut titles, |s| sculpture_title(kind, s));
            SculptureSpec {
                kind,
                seed: work,
                info: sculpture_info(kind, work, index as u32 + 1),
            }
        })
        .collect();
    Catalogue {
        paintings,
        sculptures,
    }
}
