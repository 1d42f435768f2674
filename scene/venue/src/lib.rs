//! museion-venue: museums written by hand as TOML files and compiled into a [`Scene`](museion_scene::Scene)
//! with exhibits, colliders, spawn points and tours (the format is documented key by key
//! in `docs/venue-format.md`).
//!
//! A venue file lists rooms as floor polygons; walls are generated along their edges
//! with openings that connect rooms (a wall two rooms share is built once), floors and
//! ceilings are triangulated, and levels differ by steps at openings or by ramps.
//! Exhibits are glTF models on pedestals or in glass cases, and images hung on walls in
//! frames, each lit by a spot aimed from the ceiling. Materials come from a small
//! library with textures generated in Rust ([`library_material_names`]) or are defined
//! by the file. Every error names the file, line and column of the offending value and
//! gives a hint.
//!
//! A `.gltf` or `.glb` file is a venue too: nodes whose `extras` hold an `exhibit`
//! object (`{"exhibit": {"title": …, "artist": …}}`) become exhibits, and the spawns
//! and tours a venue's export wrote ([`export_scene`]: camera nodes marked in their
//! `extras`) are read back.
//!
//! Beside the compiler: guided tours as continuous camera paths ([`TourPath`]), a guide
//! who walks a tour ahead of the visitor ([`Guide`]), a visitor's view at a spawn point
//! ([`spawn_view`]), the conservation lux report on every exhibit ([`lux_report`]), and,
//! with the `watch` feature (on by default), hot reload of a venue while it is being
//! edited ([`VenueReloader`]).
//!
//! [`VenueEditor`] edits a venue file in place — set a field, move an artwork along its
//! wall, add, delete, duplicate, undo, save — validating every edit with the compiler
//! and keeping the file's comments and formatting (documented in `docs/editing.md`).
//!
//! ```no_run
//! use museion_venue::TourPath;
//!
//! let venue = museion_venue::load("museum/venue.toml")?;
//! for exhibit in &venue.exhibits {
//!     println!("{}: {:?}", exhibit.id, exhibit.metadata.title);
//! }
//! if let Some(tour) = venue.tours.first() {
//!     let path = TourPath::new(tour)?;
//!     let halfway = path.sample(path.duration() / 2.0);
//!     println!("at {} looking at {}", halfway.eye, halfway.target);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod animate;
mod compile;
mod compiled;
mod context;
pub mod document;
mod edit;
mod error;
mod export;
mod geometry;
mod gltf_form;
mod gltf_venue;
mod languages;
mod lux;
mod materials;
mod metadata;
#[cfg(feature = "watch")]
mod reload;
mod sensitivity;
mod toggle;
mod toml_errors;
mod tour;
mod view;
mod walk_floor;
mod xmp;

pub use animate::{GUIDE_BLEND_SECONDS, VenueAnimator};
pub use compiled::{
    BakeSettings, CompileReport, CompiledVenue, Exhibit, ExhibitKind, ExhibitSurface, Guide, Room, Spawn,
    Tour, TourStop, VenueAnimation,
};
pub use document::VenueDocument;
pub use edit::{EditError, ItemKind, ItemRef, VenueEditor, item_fields};
pub use error::{SourcePos, SourceText, VenueError};
pub use export::{export_glb, export_scene};
pub use languages::{reading_order, translation_codes};
pub use lux::{
    CANVAS_GRID, Contribution, DEFAULT_DAYS_PER_YEAR, DEFAULT_HOURS_PER_DAY, EnvironmentIlluminance,
    ExhibitLux, LightLimit, LightSensitivity, LuxProbe, LuxReport, LuxSample, LuxSettings, LuxSource,
    MODEL_GRID, PlacedLight, PointLux, SamplePoint, SensitivityLimits, lux_report, placed_lights,
    sample_points, thousands,
};
pub use materials::library_material_names;
pub use metadata::{ExhibitMetadata, LabelText};
pub use museion_files::{FileScope, ScopeError};
pub use museion_scene::{EnvironmentChoice, EnvironmentSource};
#[cfg(feature = "watch")]
pub use reload::{RELOAD_DEBOUNCE, ReloadEvent, VenueReloader};
pub use toggle::Toggle;
/// The TOML editor behind [`VenueEditor`]: its tables and values are what
/// [`VenueEditor::add`] and [`VenueEditor::set_value`] take.
pub use toml_edit;
pub use tour::{
    GUIDE_TURN_SECONDS, GuideState, GuideWalk, MIN_TRAVEL_SECONDS, TourError, TourPath, TourSample,
    WALKING_PACE, stand_candidates,
};
pub use view::{VIEW_ZNEAR, is_venue_file, spawn_view};
pub use walk_floor::{WalkFloor, WalkRamp};
pub use xmp::{
    DC_NAMESPACE, LABEL_NAMESPACE, PHOTOSHOP_NAMESPACE, XMP_NAMESPACE, XMP_RIGHTS_NAMESPACE, venue_xmp,
};

use std::path::Path;

/// Loads a venue: a `.toml` venue file, or a `.gltf`/`.glb` scene. Every file it names
/// must lie in the venue file's folder (see [`load_with_scope`] to allow more).
pub fn load(path: impl AsRef<Path>) -> Result<CompiledVenue, VenueError> {
    let path = path.as_ref();
    load_with_scope(path, &FileScope::around(path))
}

/// Loads a venue whose files (images, models and what they name, the environment) may
/// lie in the folders of `scope`; a file named outside is an error at the value naming it.
pub fn load_with_scope(path: impl AsRef<Path>, scope: &FileScope) -> Result<CompiledVenue, VenueError> {
    let path = path.as_ref();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("toml") => {
            let text = std::fs::read_to_string(path).map_err(|source| VenueError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            compile::compile_text(&text, path, scope)
        }
        Some("gltf" | "glb") => gltf_venue::load(path, scope),
        _ => Err(VenueError::UnsupportedFile {
            path: path.to_path_buf(),
        }),
    }
}

/// Parses venue TOML into a document; `path` names the file in errors (nothing is read).
pub fn parse(text: &str, path: impl AsRef<Path>) -> Result<VenueDocument, VenueError> {
    VenueDocument::parse(text, path.as_ref())
}

/// Compiles a document; model, image and texture paths resolve against `base_dir` and
/// must lie in it.
pub fn compile(document: &VenueDocument, base_dir: impl AsRef<Path>) -> Result<CompiledVenue, VenueError> {
    let base_dir = base_dir.as_ref();
    let folder = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    compile::compile(document, base_dir, &FileScope::within(folder))
}
