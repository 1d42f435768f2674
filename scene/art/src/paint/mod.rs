//! Paintings and prints: ten styles, each a small painter that lays marks on a
//! [`Canvas`] from a seed.

mod circles;
mod colour_field;
mod flow_field;
mod grid;
mod landscape;
mod pointillist;
mod seascape;
mod silhouette;
mod star_pattern;
mod still_life;

use super::ArtError;
use super::canvas::{Canvas, Ground};
use super::color::Hsl;
use glam::Vec3;
use image::RgbaImage;
use std::fmt;
use std::str::FromStr;

pub use crate::limits::{MAX_SIDE, MIN_SIDE};

/// A way of painting. Each style has its own composition, palette rules and marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Colour-field abstraction: soft-edged rectangles of colour floating on a ground.
    ColourField,
    /// Geometric composition: a white field cut by black lines into cells, a few of them
    /// in primary colours.
    Grid,
    /// Concentric circles in squares: a grid of colour studies of rings.
    Circles,
    /// Landscape: a sky with sun and clouds over layered hills that pale with distance.
    Landscape,
    /// Seascape: a horizon, a sky, and a sea of wave strokes with a path of light.
    Seascape,
    /// Still life: fruit, a bottle and a bowl on a table, lit from the left.
    StillLife,
    /// Flow field: long lines following a smooth field of directions, never crossing.
    FlowField,
    /// Portrait silhouette: a head and shoulders in profile, cut out in one dark colour.
    Silhouette,
    /// Star pattern: a tiled geometric pattern of eight- or six-pointed stars.
    StarPattern,
    /// Pointillism: a riverside scene built of small dots of pure colour.
    Pointillist,
}

impl Style {
    /// Every style, in a fixed order.
    pub const ALL: [Style; 10] = [
        Style::ColourField,
        Style::Grid,
        Style::Circles,
        Style::Landscape,
        Style::Seascape,
        Style::StillLife,
        Style::FlowField,
        Style::Silhouette,
        Style::StarPattern,
        Style::Pointillist,
    ];

    /// The style's name in files and on command lines (`"colour-field"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Style::ColourField => "colour-field",
            Style::Grid => "grid",
            Style::Circles => "circles",
            Style::Landscape => "landscape",
            Style::Seascape => "seascape",
            Style::StillLife => "still-life",
            Style::FlowField => "flow-field",
            Style::Silhouette => "silhouette",
            Style::StarPattern => "star-pattern",
            Style::Pointillist => "pointillist",
        }
    }

    /// What the picture is painted on.
    fn ground(self) -> Ground {
        match self {
            Style::FlowField | Style::Silhouette | Style::StarPattern => Ground::Paper,
            _ => Ground::Canvas,
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Style {
    type Err = ArtError;

    fn from_str(name: &str) -> Result<Self, ArtError> {
        Style::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| ArtError::UnknownStyle {
                name: name.into(),
                known: Style::ALL.map(Style::name).join(", "),
            })
    }
}

/// Paints a picture in `style` from `seed`, `width` × `height` pixels, in sRGB with
/// opaque alpha. Marks are sized relative to the picture's shorter side, so a style
/// looks alike at any resolution; the composition adapts to the aspect.
///
/// Fails with [`ArtError::InvalidSize`] when a side is outside [`MIN_SIDE`] to
/// [`MAX_SIDE`].
pub fn paint(style: Style, seed: u64, width: u32, height: u32) -> Result<RgbaImage, ArtError> {
    let sides = MIN_SIDE..=MAX_SIDE;
    if !sides.contains(&width) || !sides.contains(&height) {
        return Err(ArtError::InvalidSize { width, height });
    }
    let mut canvas = Canvas::new(width, height, Vec3::ONE);
    match style {
        Style::ColourField => colour_field::paint(&mut canvas, seed),
        Style::Grid => grid::paint(&mut canvas, seed),
        Style::Circles => circles::paint(&mut canvas, seed),
        Style::Landscape => landscape::paint(&mut canvas, seed),
        Style::Seascape => seascape::paint(&mut canvas, seed),
        Style::StillLife => still_life::paint(&mut canvas, seed),
        Style::FlowField => flow_field::paint(&mut canvas, seed),
        Style::Silhouette => silhouette::paint(&mut canvas, seed),
        Style::StarPattern => star_pattern::paint(&mut canvas, seed),
        Style::Pointillist => pointillist::paint(&mut canvas, seed),
    }
    Ok(canvas.finish(style.ground(), (seed ^ (seed >> 32)) as u32))
}

/// The two colours that dominate a painting of `style` and `seed`, for its description.
pub(super) fn key_colours(style: Style, seed: u64) -> [Hsl; 2] {
    match style {
        Style::ColourField => colour_field::key_colours(seed),
        Style::Grid => grid::key_colours(seed),
        Style::Circles => circles::key_colours(seed),
        Style::Landscape => landscape::key_colours(seed),
        Style::Seascape => seascape::key_colours(seed),
        Style::StillLife => still_life::key_colours(seed),
        Style::FlowField => flow_field::key_colours(seed),
        Style::Silhouette => silhouette::key_colours(seed),
        Style::StarPattern => star_pattern::key_colours(seed),
        Style::Pointillist => pointillist::key_colours(seed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_named_and_unknown_names_refused() {
        for style in Style::ALL {
            assert_eq!(style.name().parse::<Style>(), Ok(style));
            assert_eq!(style.to_string(), style.name());
        }
        assert!(matches!(
            "fresco".parse::<Style>(),
            Err(ArtError::UnknownStyle { .. })
        ));
    }
}
