//! The venue document: what a `.toml` venue file says, key by key, before compiling.
//!
//! Values that are checked against the rest of the venue keep their place in the file
//! ([`Spanned`]) so an error can point at them; a document built in code can use
//! `Spanned::new(0..0, value)`. Keys a file leaves out are `None` (or empty) here and
//! take the defaults of [`defaults`] when compiled, so a document serialized back to
//! TOML says exactly what the file said.

mod exhibits;
mod items;
mod rooms;

pub use exhibits::{
    ArtworkSpec, CaseSpec, ColliderChoice, FrameSpec, ModelSpec, PedestalSpec, SpotSpec, VarnishSpec,
};
pub use items::{GuideSpec, LightKindSpec, LightSpec, PropShape, PropSpec, SpawnSpec, StopSpec, TourSpec};
pub use rooms::{CeilingLightKind, CeilingLightsSpec, OpeningSpec, RampSpec, RoomSpec};
pub use toml::Spanned;

use super::error::{SourceText, VenueError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Values used where a file leaves a key out (see docs/venue-format.md).
pub mod defaults {
    /// Thickness of generated walls, metres.
    pub const WALL_THICKNESS: f32 = 0.2;
    /// Floor-to-ceiling height of a room, metres.
    pub const ROOM_HEIGHT: f32 = 3.5;
    /// Clear height of an opening above the higher of the floors it joins, metres.
    pub const OPENING_HEIGHT: f32 = 2.2;
    /// Material of walls, floors and ceilings.
    pub const WALL_MATERIAL: &str = "plaster";
    /// Material of floors.
    pub const FLOOR_MATERIAL: &str = "wood";
    /// Material of ceilings.
    pub const CEILING_MATERIAL: &str = "plaster";
    /// Height of an artwork's centre above its room's floor, metres (museum hanging
    /// height: the eye level of an average adult).
    pub const ARTWORK_CENTER_HEIGHT: f32 = 1.5;
    /// Width of a picture frame's moulding, metres.
    pub const FRAME_WIDTH: f32 = 0.06;
    /// Depth of a picture frame from the wall, metres.
    pub const FRAME_DEPTH: f32 = 0.04;
    /// Material of picture frames.
    pub const FRAME_MATERIAL: &str = "gilded_frame";
    /// Strength of a painting's varnish (`varnish = true`): a full clear layer.
    pub const VARNISH_AMOUNT: f32 = 1.0;
    /// Roughness of a painting's varnish: a satin picture varnish, glossy but not a
    /// mirror.
    pub const VARNISH_ROUGHNESS: f32 = 0.15;
    /// Illuminance aimed at an artwork's centre, lux (paintings are lit at 150–300 lx).
    pub const ARTWORK_LUX: f32 = 200.0;
    /// Illuminance aimed at a sculpture, lux.
    pub const MODEL_LUX: f32 = 300.0;
    /// Height of a pedestal, metres.
    pub const PEDESTAL_HEIGHT: f32 = 1.0;
    /// Material of pedestals.
    pub const PEDESTAL_MATERIAL: &str = "marble";
    /// Space between a model and the panes of its glass case, metres.
    pub const CASE_MARGIN: f32 = 0.08;
    /// Material of glass cases.
    pub const CASE_MATERIAL: &str = "glass";
    /// Spacing of ceiling lights, metres.
    pub const CEILING_LIGHT_SPACING: f32 = 3.0;
    /// Intensity of a ceiling point light, candela.
    pub const CEILING_POINT_CANDELA: f32 = 150.0;
    /// Intensity of a ceiling spot light, candela.
    pub const CEILING_SPOT_CANDELA: f32 = 400.0;
    /// Seconds a tour stays at a stop.
    pub const DWELL_SECONDS: f32 = 10.0;
    /// Radius of a ball prop, metres (a football).
    pub const BALL_RADIUS: f32 = 0.11;
    /// Mass of a prop, kilograms.
    pub const PROP_MASS: f32 = 0.45;
    /// The name of a guide's walk clip.
    pub const GUIDE_WALK: &str = "walk";
    /// The name of a guide's idle clip.
    pub const GUIDE_IDLE: &str = "idle";
    /// How far ahead of the visitor a guide walks, metres.
    pub const GUIDE_LEAD: f32 = 1.5;
    /// A guide's walking speed when neither the venue nor the model says, metres per
    /// second: the tour's own pace.
    pub const GUIDE_SPEED: f32 = crate::WALKING_PACE;
}

/// A whole venue file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueDocument {
    /// `[venue]`: name, environment, wall thickness, default materials.
    #[serde(default)]
    pub venue: VenueSettings,
    /// `[visitor]`: the visitor's body and gait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor: Option<VisitorSpec>,
    /// `[materials.NAME]`: materials defined by the file.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub materials: BTreeMap<String, MaterialSpec>,
    /// `[[rooms]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<RoomSpec>,
    /// `[[ramps]]`: sloped walkways between levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ramps: Vec<RampSpec>,
    /// `[[models]]`: glTF exhibits placed in rooms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<ModelSpec>,
    /// `[[artworks]]`: images hung on walls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artworks: Vec<ArtworkSpec>,
    /// `[[lights]]`: lights placed by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lights: Vec<LightSpec>,
    /// `[[props]]`: dynamic objects the visitor can push.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub props: Vec<PropSpec>,
    /// `[[spawns]]`: where visitors start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spawns: Vec<SpawnSpec>,
    /// `[[tours]]`: guided tours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tours: Vec<TourSpec>,
    /// `[guide]`: a figure who walks a tour ahead of the visitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<Spanned<GuideSpec>>,
    /// `[bake]`: how the venue's indirect light is baked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bake: Option<BakeSpec>,
    /// Where the document was parsed from (not part of its content).
    #[serde(skip)]
    pub source: SourceText,
}

/// `[venue]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueSettings {
    /// The venue's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `"studio"`, `"sky"`, `"none"`, or the path of an `.hdr`/`.exr` file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Spanned<String>>,
    /// Multiplier of the environment's light.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment_intensity: Option<Spanned<f32>>,
    /// Thickness of generated walls, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_thickness: Option<Spanned<f32>>,
    /// Default wall material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_material: Option<Spanned<String>>,
    /// Default floor material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_material: Option<Spanned<String>>,
    /// Default ceiling material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling_material: Option<Spanned<String>>,
    /// The language code (`"en"`, `"zh-CN"`) of the labels' and captions' main text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Spanned<String>>,
    /// The languages a visitor reads in, in the order `L` steps through them; the first
    /// is the one shown first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Spanned<String>>>,
    /// Font files (`.ttf`, `.otf`, `.ttc`) the viewer draws text with before the
    /// system's fonts: for a script the system may lack, or a house typeface.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<Spanned<String>>,
}

/// `[visitor]`: overrides of [`VisitorSettings`](museion_scene::VisitorSettings).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitorSpec {
    /// Eye height above the floor, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eye_height: Option<Spanned<f32>>,
    /// Full height of the body, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_height: Option<Spanned<f32>>,
    /// Radius of the body, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius: Option<Spanned<f32>>,
    /// Walking speed, metres per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk_speed: Option<Spanned<f32>>,
    /// Running speed, metres per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_speed: Option<Spanned<f32>>,
    /// Highest step climbed, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_height: Option<Spanned<f32>>,
    /// Steepest slope walked up, degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_slope: Option<Spanned<f32>>,
    /// Downward acceleration, metres per second squared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gravity: Option<Spanned<f32>>,
}

/// `[bake]`: overrides of [`BakeSettings`](crate::BakeSettings).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BakeSpec {
    /// Distance between neighbouring irradiance probes, metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_spacing: Option<Spanned<f32>>,
    /// Rays traced from each probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<Spanned<u32>>,
    /// Diffuse bounces of light followed after the first surface a probe's ray meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bounces: Option<Spanned<u32>>,
    /// Texels along a side of each face of a room's reflection cube.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection_size: Option<Spanned<u32>>,
    /// Rays traced per texel of a reflection cube.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection_samples: Option<Spanned<u32>>,
}

/// `[materials.NAME]`: a material of the file's own, or a library material changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialSpec {
    /// The library material to start from (its texture, roughness, metalness).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<Spanned<String>>,
    /// sRGB colour, 3 or 4 numbers from 0 to 1 (the 4th is opacity); multiplies any
    /// texture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_color: Option<Spanned<Vec<f32>>>,
    /// Perceptual roughness, 0 (mirror) to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roughness: Option<Spanned<f32>>,
    /// Metalness, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metallic: Option<Spanned<f32>>,
    /// Base colour image (PNG or JPEG), relative to the venue file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texture: Option<Spanned<String>>,
    /// Metres covered by one repeat of the texture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub texture_size: Option<Spanned<f32>>,
    /// Whether back faces are drawn too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub double_sided: Option<bool>,
    /// Strength of a clear varnish or lacquer layer over the surface
    /// (`KHR_materials_clearcoat`), 0 (none) to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearcoat: Option<Spanned<f32>>,
    /// Roughness of that layer, 0 (glossy) to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clearcoat_roughness: Option<Spanned<f32>>,
    /// sRGB colour of a cloth sheen (velvet, upholstery; `KHR_materials_sheen`), 3
    /// numbers from 0 to 1; black for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheen_color: Option<Spanned<Vec<f32>>>,
    /// Roughness of the sheen, 0 to 1 (higher spreads it wider).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheen_roughness: Option<Spanned<f32>>,
    /// Share of light passing through the surface, as through glass
    /// (`KHR_materials_transmission`), 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transmission: Option<Spanned<f32>>,
}

impl VenueDocument {
    /// Parses venue TOML; `path` names the file in errors (and nothing is read from it).
    pub fn parse(text: &str, path: &Path) -> Result<Self, VenueError> {
        let source = SourceText::new(path, text);
        let mut document: VenueDocument =
            toml::from_str(text).map_err(|e| super::toml_errors::syntax_error(&source, &e))?;
        document.source = source;
        Ok(document)
    }

    /// The document as TOML that parses back to an equal document.
    pub fn to_toml_string(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(self)
    }
}
