//! What a venue compiles to: a scene plus what the viewer and physics need beside it.

use super::metadata::ExhibitMetadata;
use super::sensitivity::LightSensitivity;
use super::walk_floor::WalkFloor;
use glam::{Vec2, Vec3};
use museion_scene::{Aabb, ColliderSpec, EnvironmentChoice, NodeId, Scene, VisitorSettings};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a venue's indirect light is baked: the `[bake]` table, with its defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BakeSettings {
    /// Distance between neighbouring irradiance probes, metres (default 1).
    pub probe_spacing: f32,
    /// Rays traced from each probe (default 256).
    pub samples: u32,
    /// Diffuse bounces followed after the first surface a probe's ray meets (default 2:
    /// light from a lamp to a wall, to the floor, to the probe).
    pub bounces: u32,
    /// Texels along a side of each face of a room's reflection cube (default 64; a
    /// power of two).
    pub reflection_size: u32,
    /// Rays traced per texel of a reflection cube, each through a random point of the
    /// texel (default 16).
    pub reflection_samples: u32,
}

impl BakeSettings {
    /// The default probe spacing, metres.
    pub const PROBE_SPACING: f32 = 1.0;
    /// The default rays per probe.
    pub const SAMPLES: u32 = 256;
    /// The default bounces.
    pub const BOUNCES: u32 = 2;
    /// The default reflection cube face size, texels.
    pub const REFLECTION_SIZE: u32 = 64;
    /// The default rays per reflection texel.
    pub const REFLECTION_SAMPLES: u32 = 16;
    /// The probe spacings a venue may ask for, metres.
    pub const PROBE_SPACING_RANGE: std::ops::RangeInclusive<f32> = 0.25..=10.0;
    /// The rays per probe a venue may ask for.
    pub const SAMPLES_RANGE: std::ops::RangeInclusive<u32> = 16..=65_536;
    /// The bounces a venue may ask for.
    pub const BOUNCES_RANGE: std::ops::RangeInclusive<u32> = 0..=8;
    /// The reflection cube face sizes a venue may ask for (powers of two only, see
    /// [`BakeSettings::is_reflection_size`]).
    pub const REFLECTION_SIZE_RANGE: std::ops::RangeInclusive<u32> = 16..=256;
    /// The rays per reflection texel a venue may ask for.
    pub const REFLECTION_SAMPLES_RANGE: std::ops::RangeInclusive<u32> = 1..=4096;

    /// Whether `size` is a reflection cube face size a venue may ask for: a power of
    /// two in [`BakeSettings::REFLECTION_SIZE_RANGE`].
    pub fn is_reflection_size(size: u32) -> bool {
        size.is_power_of_two() && Self::REFLECTION_SIZE_RANGE.contains(&size)
    }
}

impl Default for BakeSettings {
    fn default() -> Self {
        Self {
            probe_spacing: Self::PROBE_SPACING,
            samples: Self::SAMPLES,
            bounces: Self::BOUNCES,
            reflection_size: Self::REFLECTION_SIZE,
            reflection_samples: Self::REFLECTION_SAMPLES,
        }
    }
}

/// A compiled venue.
#[derive(Clone, Debug)]
pub struct CompiledVenue {
    /// The venue's display name.
    pub name: Option<String>,
    /// Everything to draw: architecture, exhibits, lights.
    pub scene: Scene,
    /// The rooms, in file order (for a glTF venue, those a venue's export marked on its
    /// nodes: none in another glTF scene).
    pub rooms: Vec<Room>,
    /// The exhibits; [`ColliderSpec::exhibit`] indexes this list.
    pub exhibits: Vec<Exhibit>,
    /// Every collider: architecture, exhibits, dynamic props.
    pub colliders: Vec<ColliderSpec>,
    /// Where visitors start; never empty.
    pub spawns: Vec<Spawn>,
    /// Whether the spawns are the venue's own — a `.toml` venue's, or those a glTF file
    /// names (as a venue's export writes them) — rather than made up in front of a
    /// plain glTF scene: whether visitors are meant to walk in it.
    pub spawns_given: bool,
    /// Guided tours.
    pub tours: Vec<Tour>,
    /// The animations to play in a loop: the clips model exhibits name (`animation`).
    pub animations: Vec<VenueAnimation>,
    /// The guide who walks a tour ahead of the visitor, if the venue has one.
    pub guide: Option<Guide>,
    /// The visitor's body and gait.
    pub visitor: VisitorSettings,
    /// The environment light the renderer should use.
    pub environment: EnvironmentChoice,
    /// The thickness of the generated walls, metres.
    pub wall_thickness: f32,
    /// How the venue's indirect light is baked (`[bake]`).
    pub bake: BakeSettings,
    /// The languages a visitor can read the labels and captions in, the first shown
    /// first: language codes, with `""` for the main text when the venue does not name
    /// its language. Never empty.
    pub languages: Vec<String>,
    /// The language code of the main text, when the venue names it.
    pub language: Option<String>,
    /// Font files the venue names, to draw text with before the system's fonts.
    pub fonts: Vec<PathBuf>,
    /// Every file read to build the venue (the venue file first, then models with their
    /// external buffers and images, artwork images, textures, the environment), each
    /// once, so a viewer can reload when one changes.
    pub dependencies: Vec<PathBuf>,
    /// Counts and warnings of the compilation.
    pub report: CompileReport,
}

/// A room as built.
#[derive(Clone, Debug, PartialEq)]
pub struct Room {
    /// The room's id.
    pub id: String,
    /// Its display name.
    pub name: Option<String>,
    /// The node holding its floor, ceiling, walls, lights and exhibits.
    pub node: NodeId,
    /// The floor polygon, `(x, z)` metres, counter-clockwise seen from above.
    pub floor: Vec<Vec2>,
    /// Height of the floor, metres.
    pub elevation: f32,
    /// Floor-to-ceiling height, metres.
    pub height: f32,
    /// Wall pieces this room built (a wall shared with an earlier room is built by that
    /// room; a wall is cut into pieces where what lies beside it changes).
    pub wall_pieces: usize,
}

impl Room {
    /// Whether the floor polygon contains the point `p` (`(x, z)`, metres).
    pub fn contains(&self, p: Vec2) -> bool {
        super::geometry::polygon::contains(&self.floor, p)
    }

    /// The distance from `p` (`(x, z)`) to the nearest edge of the floor polygon (the
    /// centre line of the nearest wall), metres.
    pub fn edge_distance(&self, p: Vec2) -> f32 {
        super::geometry::polygon::distance_to_edges(&self.floor, p)
    }
}

/// Whether an exhibit is a 3D model or an image on a wall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExhibitKind {
    /// A glTF model.
    Model,
    /// A 2D artwork hung on a wall.
    Artwork,
}

/// An exhibit: a node whose subtree is the work (and its frame, pedestal or case).
#[derive(Clone, Debug, PartialEq)]
pub struct Exhibit {
    /// The exhibit's id.
    pub id: String,
    /// Model or artwork.
    pub kind: ExhibitKind,
    /// The exhibit node; its `extras` carry the metadata as JSON under `"exhibit"`.
    pub node: NodeId,
    /// The room it is in, if known.
    pub room: Option<String>,
    /// Label text.
    pub metadata: ExhibitMetadata,
    /// World-space box around the exhibit's subtree.
    pub bounds: Aabb,
    /// The surface its light falls on: the canvas of an artwork, the box of a model.
    pub surface: ExhibitSurface,
    /// How sensitive the work is to light (`light_sensitivity` in the venue file);
    /// `None` when the venue does not say.
    pub light_sensitivity: Option<LightSensitivity>,
    /// The files the work itself was made from, as in [`CompiledVenue::dependencies`]:
    /// an artwork's image; a model's glTF file, then its external buffers and images.
    /// Empty for the exhibits of a glTF venue, which are parts of the venue's own file.
    pub assets: Vec<PathBuf>,
}

/// The surface of an exhibit that light falls on, in world space: what a lux report
/// ([`lux_report`](crate::lux_report)) samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExhibitSurface {
    /// An artwork's canvas: a rectangle on a wall (the image without its frame).
    Canvas {
        /// The centre of the canvas.
        centre: Vec3,
        /// Unit vector along the canvas's width, to the visitor's right.
        right: Vec3,
        /// Unit vector up the canvas.
        up: Vec3,
        /// The unit normal, out of the wall into the room.
        normal: Vec3,
        /// Half the canvas's width, metres.
        half_width: f32,
        /// Half the canvas's height, metres.
        half_height: f32,
    },
    /// A model (or an exhibit of a glTF venue): its own box, without pedestal or case.
    Object {
        /// World-space box around the model.
        bounds: Aabb,
        /// The horizontal unit direction the model faces (where visitors see it from).
        front: Vec3,
    },
}

/// An animation that plays in a loop for as long as the venue is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct VenueAnimation {
    /// The clip: an index into the scene's animations.
    pub animation: usize,
    /// The exhibit it animates, an index into [`CompiledVenue::exhibits`].
    pub exhibit: usize,
}

/// A guide: a figure in the venue's scene with a walk and an idle clip, who walks a
/// tour `lead` metres ahead of the visitor and waits at each stop, facing the work.
#[derive(Clone, Debug, PartialEq)]
pub struct Guide {
    /// The guide's root node (a root of the scene): set its transform to
    /// the transform [`Guide::state`] gives.
    pub node: NodeId,
    /// The walk clip, an index into the scene's animations: a walk in place.
    pub walk: usize,
    /// The idle clip, an index into the scene's animations.
    pub idle: usize,
    /// Seconds per walk cycle.
    pub cycle: f32,
    /// Metres walked per walk cycle without the feet sliding.
    pub stride: f32,
    /// Seconds per loop of the idle clip.
    pub idle_duration: f32,
    /// The guide's own walking pace, metres per second.
    pub speed: f32,
    /// How far ahead of the visitor the guide walks, metres.
    pub lead: f32,
    /// The id of the tour the guide walks.
    pub tour: String,
    /// The visitor's eye height: the floor lies this far below the tour's eye path
    /// wherever [`Guide::floor`] has none.
    pub eye_height: f32,
    /// The floors and ramps the guide walks on.
    pub floor: WalkFloor,
    /// Where the guide stands at each stop of its tour, on the floor (beside the line of
    /// sight, clear of walls and exhibits).
    pub stands: Vec<Vec3>,
}

/// A place where a visitor starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Spawn {
    /// The spawn's id.
    pub id: String,
    /// Where the visitor's feet are.
    pub position: Vec3,
    /// Heading in radians about +Y: 0 looks toward -Z, positive turns left.
    pub yaw: f32,
}

impl Spawn {
    /// The unit direction the visitor looks at (horizontal).
    pub fn forward(&self) -> Vec3 {
        Vec3::new(-self.yaw.sin(), 0.0, -self.yaw.cos())
    }

    /// The heading that looks along the horizontal part of `direction` (the inverse of
    /// [`Spawn::forward`]).
    pub fn yaw_toward(direction: Vec3) -> f32 {
        (-direction.x).atan2(-direction.z)
    }
}

/// A guided tour.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// The tour's id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// The stops, in order.
    pub stops: Vec<TourStop>,
}

/// One stop of a tour: a camera pose, how long to stay, what to say.
#[derive(Clone, Debug, PartialEq)]
pub struct TourStop {
    /// The exhibit shown, as an index into [`CompiledVenue::exhibits`].
    pub exhibit: Option<usize>,
    /// Where the eye is.
    pub eye: Vec3,
    /// The point looked at.
    pub target: Vec3,
    /// Seconds to stay.
    pub dwell: f32,
    /// Text to show.
    pub caption: Option<String>,
    /// The caption in other languages, by language code.
    pub caption_translations: BTreeMap<String, String>,
}

impl TourStop {
    /// The caption in `language` (a translation's code, or anything else for the main
    /// text), falling back to the main text.
    pub fn caption_in(&self, language: &str) -> Option<&str> {
        self.caption_translations
            .get(language)
            .or(self.caption.as_ref())
            .map(String::as_str)
    }
}

/// Counts and warnings of a compilation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompileReport {
    /// Model files imported (each once, however many exhibits use it).
    pub models_imported: usize,
    /// Image files decoded (each once).
    pub images_decoded: usize,
    /// Procedural library textures generated.
    pub textures_generated: usize,
    /// Things skipped or adjusted that did not stop the compilation.
    pub warnings: Vec<String>,
}
