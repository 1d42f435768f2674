//! Rooms, their openings and ceiling lights, and ramps.

use super::Spanned;
use serde::{Deserialize, Serialize};

/// `[[rooms]]`: a floor polygon with walls along its edges.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomSpec {
    /// Unique id, used by exhibits, openings and spawns.
    pub id: Spanned<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Corners `[x, z]` in metres, in order (either winding). Wall `i` runs from corner
    /// `i` to corner `i + 1` (the last back to the first).
    pub floor: Spanned<Vec<Spanned<[f32; 2]>>>,
    /// Height of the floor, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevation: Option<Spanned<f32>>,
    /// Floor-to-ceiling height, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Spanned<f32>>,
    /// Whether the room has a ceiling (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<bool>,
    /// Material of the walls' faces toward this room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_material: Option<Spanned<String>>,
    /// Material of the floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_material: Option<Spanned<String>>,
    /// Material of the ceiling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling_material: Option<Spanned<String>>,
    /// A grid of lights under the ceiling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling_lights: Option<CeilingLightsSpec>,
    /// `[[rooms.openings]]`: doors and passages in the walls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub openings: Vec<OpeningSpec>,
}

/// `[[rooms.openings]]`: a hole through a wall, from the floor up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningSpec {
    /// The wall's index (0 runs from the first floor corner to the second).
    pub wall: Spanned<usize>,
    /// Distance from the wall's first corner to the opening's centre, metres.
    pub offset: Spanned<f32>,
    /// Width, metres.
    pub width: Spanned<f32>,
    /// Clear height above the higher of the two floors, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Spanned<f32>>,
    /// The room on the other side; leave out for an opening to the outside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Spanned<String>>,
}

/// Point lights or downward spots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CeilingLightKind {
    /// Light in every direction.
    Point,
    /// A cone pointing straight down.
    Spot,
}

/// `ceiling_lights = { … }`: lights on a grid under the ceiling, inside the floor polygon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CeilingLightsSpec {
    /// `"point"` or `"spot"`.
    pub kind: CeilingLightKind,
    /// Distance between neighbouring lights, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spacing: Option<Spanned<f32>>,
    /// Intensity of each light, candela.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<Spanned<f32>>,
    /// Linear RGB colour, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<[f32; 3]>,
    /// Whether the lights cast shadows (default false: shadow maps are a budget).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadows: Option<bool>,
}

/// `[[ramps]]`: a walkway whose top runs straight from `from` to `to`, resting on the
/// lower level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RampSpec {
    /// Optional id (for errors and node names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Centre of the ramp's top edge at one end, `[x, y, z]` metres.
    pub from: Spanned<[f32; 3]>,
    /// Centre of the ramp's top edge at the other end, `[x, y, z]` metres.
    pub to: Spanned<[f32; 3]>,
    /// Width, metres.
    pub width: Spanned<f32>,
    /// Material (default: the venue's floor material).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material: Option<Spanned<String>>,
}
