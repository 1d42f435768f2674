//! Exhibits: glTF models placed in rooms and images hung on walls.

use super::Spanned;
use crate::metadata::ExhibitMetadata;
use crate::sensitivity::LightSensitivity;
use crate::toggle::Toggle;
use serde::{Deserialize, Serialize};

/// How an exhibit's geometry becomes a collider.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColliderChoice {
    /// The axis-aligned box around it.
    #[default]
    Box,
    /// Its convex hull.
    Convex,
    /// Its triangles.
    Mesh,
}

/// `[[models]]`: a glTF model in a room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Unique exhibit id (models and artworks share one namespace).
    pub id: Spanned<String>,
    /// The room it stands in.
    pub room: Spanned<String>,
    /// The `.gltf`/`.glb` file, relative to the venue file.
    pub model: Spanned<String>,
    /// `[x, y, z]`: x and z in venue coordinates; y how far above the floor (or the
    /// pedestal's top) the model's lowest point rests.
    pub position: Spanned<[f32; 3]>,
    /// Rotation in degrees about x, y and z (applied z, then x, then y).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation: Option<[f32; 3]>,
    /// Uniform scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Spanned<f32>>,
    /// Height in metres to scale the model to (instead of `scale`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Spanned<f32>>,
    /// A generated pedestal under the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pedestal: Option<Toggle<PedestalSpec>>,
    /// A glass case around the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Toggle<CaseSpec>>,
    /// `"box"` (default), `"convex"` or `"mesh"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collider: Option<ColliderChoice>,
    /// A spot light from the ceiling aimed at the model (off unless asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<Toggle<SpotSpec>>,
    /// The name of one of the model's animations, played in a loop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animation: Option<Spanned<String>>,
    /// How sensitive the work is to light (`"high"`, `"medium"`, `"low"`, `"none"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light_sensitivity: Option<LightSensitivity>,
    /// Label text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ExhibitMetadata>,
}

/// `[[artworks]]`: an image hung on a wall.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtworkSpec {
    /// Unique exhibit id.
    pub id: Spanned<String>,
    /// The room whose wall it hangs on.
    pub room: Spanned<String>,
    /// The wall's index in that room.
    pub wall: Spanned<usize>,
    /// Distance from the wall's first corner to the artwork's centre, metres.
    pub offset: Spanned<f32>,
    /// Height of the centre above the room's floor, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub center_height: Option<Spanned<f32>>,
    /// Width of the image, metres (its height follows the image's aspect ratio).
    pub width: Spanned<f32>,
    /// PNG or JPEG file, relative to the venue file.
    pub image: Spanned<String>,
    /// The frame (default on; `frame = false` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<Toggle<FrameSpec>>,
    /// The spot light aimed at it (default on; `light = false` for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light: Option<Toggle<SpotSpec>>,
    /// A clear varnish over the painting (default off; `varnish = true` for a satin
    /// one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub varnish: Option<Toggle<VarnishSpec>>,
    /// How sensitive the work is to light (`"high"`, `"medium"`, `"low"`, `"none"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub light_sensitivity: Option<LightSensitivity>,
    /// Label text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<ExhibitMetadata>,
}

/// A painting's varnish: a clear coat over the image.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VarnishSpec {
    /// Strength of the layer, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Spanned<f32>>,
    /// Roughness of the layer, 0 (glossy) to 1 (matte).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roughness: Option<Spanned<f32>>,
}

/// A picture frame.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameSpec {
    /// Width of the moulding around the image, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Spanned<f32>>,
    /// How far the frame stands off the wall, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<Spanned<f32>>,
    /// Material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material: Option<Spanned<String>>,
}

/// A pedestal: a box under the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PedestalSpec {
    /// Height, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Spanned<f32>>,
    /// Side of its square top, metres (default: the model's footprint plus 10 cm a side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Spanned<f32>>,
    /// Material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material: Option<Spanned<String>>,
}

/// A glass case: a box of panes around the model, standing on its pedestal or floor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// Space between the model and the panes, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<Spanned<f32>>,
    /// Material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material: Option<Spanned<String>>,
}

/// The settings of an exhibit's spot light.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotSpec {
    /// Illuminance at the exhibit's centre, lux.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lux: Option<Spanned<f32>>,
    /// Linear RGB colour, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<[f32; 3]>,
    /// Whether it casts shadows (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadows: Option<bool>,
}
