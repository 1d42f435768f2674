//! Hand-placed lights, props, spawn points and tours.

use super::Spanned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of a hand-placed light.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LightKindSpec {
    /// Light from a point in every direction (candela).
    Point,
    /// A cone from a point (candela).
    Spot,
    /// Parallel light, like the sun (lux).
    Directional,
}

/// `[[lights]]`: a light placed by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightSpec {
    /// `"point"`, `"spot"` or `"directional"`.
    pub kind: Spanned<LightKindSpec>,
    /// With a room, `position` and `target` heights are above its floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Spanned<String>>,
    /// Where the light is, `[x, y, z]` metres (point and spot lights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<[f32; 3]>,
    /// The point it shines at (spot and directional lights; default straight down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<[f32; 3]>,
    /// Candela for point and spot lights, lux for directional ones.
    pub intensity: Spanned<f32>,
    /// Linear RGB colour, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<[f32; 3]>,
    /// Distance where the light ends, metres (default: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Spanned<f32>>,
    /// Spot lights: angle from the axis where the falloff starts, degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inner_angle: Option<Spanned<f32>>,
    /// Spot lights: angle from the axis where the light ends, degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outer_angle: Option<Spanned<f32>>,
    /// Whether it casts shadows (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadows: Option<bool>,
}

/// The shape of a prop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PropShape {
    /// A sphere of `radius`.
    Ball,
    /// A box of `size`.
    Box,
}

/// `[[props]]`: a loose object the physics moves (it falls, rolls, is pushed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropSpec {
    /// Unique prop id.
    pub id: Spanned<String>,
    /// The room it starts in.
    pub room: Spanned<String>,
    /// `"ball"` or `"box"`.
    pub shape: PropShape,
    /// `[x, y, z]`: x and z in venue coordinates, y the height of its lowest point
    /// above the floor.
    pub position: Spanned<[f32; 3]>,
    /// Ball radius, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius: Option<Spanned<f32>>,
    /// Box size `[x, y, z]`, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Spanned<[f32; 3]>>,
    /// Mass, kilograms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass: Option<Spanned<f32>>,
    /// Material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material: Option<Spanned<String>>,
}

/// `[[spawns]]`: a place where a visitor starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpawnSpec {
    /// Unique spawn id.
    pub id: Spanned<String>,
    /// The room; the visitor stands on its floor.
    pub room: Spanned<String>,
    /// `[x, z]`, metres.
    pub position: Spanned<[f32; 2]>,
    /// Heading in degrees: 0 looks toward -z, 90 toward -x (counter-clockwise from above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yaw: Option<f32>,
}

/// `[[tours]]`: a guided tour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourSpec {
    /// Unique tour id.
    pub id: Spanned<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `[[tours.stops]]`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stops: Vec<Spanned<StopSpec>>,
}

/// `[[tours.stops]]`: an exhibit, or a pose given by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopSpec {
    /// The exhibit to stand in front of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exhibit: Option<Spanned<String>>,
    /// Instead of an exhibit: where the eye is, `[x, y, z]` metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eye: Option<Spanned<[f32; 3]>>,
    /// With `eye`: the point looked at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Spanned<[f32; 3]>>,
    /// Seconds spent at the stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dwell: Option<Spanned<f32>>,
    /// Text shown at the stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The caption in other languages, by language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, String>,
}

/// `[guide]`: a figure who walks the tour ahead of the visitor and waits at each stop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideSpec {
    /// The guide's glTF file (a `.glb` with walk and idle clips), relative to the venue
    /// file.
    pub model: Spanned<String>,
    /// The name of the model's walk clip, a walk in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk: Option<Spanned<String>>,
    /// The name of the model's idle clip, played while the guide waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle: Option<Spanned<String>>,
    /// The id of the tour the guide walks (default: the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tour: Option<Spanned<String>>,
    /// How far ahead of the visitor the guide walks, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<Spanned<f32>>,
    /// The guide's walking speed, metres per second (default: the model's stride per
    /// walk cycle, from its `extras`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Spanned<f32>>,
}
