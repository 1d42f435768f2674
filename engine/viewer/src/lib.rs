//! museion-viewer: a window on a venue or a model (`museion view`), on winit and egui.
//!
//! Everything is loaded as a venue ([`museion_venue::load`]): a `.toml` venue
//! file, or a `.gltf`/`.glb` scene whose mesh nodes become walls to walk against.
//!
//! - **Walk mode** (the start for `.toml` venues): W, A, S, D move the visitor, Shift
//!   runs; click to grab the cursor and look around with the mouse, Esc releases it.
//!   The camera sits at the visitor's interpolated eyes; physics runs at a fixed 60 Hz.
//! - **Orbit mode** (the start for a single model): drag with the left button to orbit,
//!   with the right button to pan; the wheel zooms; F frames the scene again.
//! - Tab switches between the two.
//! - **Material variants** (`KHR_materials_variants`): when the scene has them, a panel
//!   in the bottom-left corner lists them, the worn one marked; a click on a name, or V
//!   (which steps through them and back to the defaults), switches every primitive
//!   mapped to it. `--variant` picks the first shown; a reload keeps the choice.
//! - **Picking**: a click (in walk mode with a grabbed cursor, the screen centre) casts a
//!   ray into the physics world; the exhibit hit opens an info panel with its label
//!   (title, artist, date, medium, dimensions, accession number, credit line, rights,
//!   description), scrolling when taller than the window, and a switch between the
//!   venue's languages. Esc closes it.
//! - **Languages**: labels and captions are read in the venue's languages
//!   ([`museion_venue::CompiledVenue::languages`], the first shown first, or
//!   [`ViewerOptions::language`]); L steps through them. The viewer's own words come
//!   from one table per language ([`UiText`]: English and Simplified Chinese).
//! - **Text in every script**: characters egui's fonts lack are drawn with fonts found
//!   among the system's on first use (the script's preferred families, then any face
//!   that has the character), after the files of [`FontOptions`] and the venue's
//!   `fonts`. A script no font draws is named, with the Debian package that brings
//!   fonts for it, in the log and in a note across the top. Arabic and Hebrew are
//!   shaped by egui and put in right-to-left order here, line by line.
//! - **Tour mode**: T starts the venue's first guided tour: the camera glides from stop
//!   to stop (dwelling at each, its caption across the bottom); T or Esc ends it, and a
//!   walking visitor is left standing where it ended.
//! - **Hot reload**: saving the venue file, or any file it was built from, compiles it
//!   again and swaps it in, the visitor staying where they stand; a venue that no longer
//!   compiles shows its error (file, line, column) at the top and the last good venue
//!   stays.
//! - **Animations**: a venue's model exhibits loop the clips the venue names, and its
//!   guide walks the tour ahead of the visitor (waiting at the first stop until the tour
//!   starts); a glTF file opened on its own plays its first clip, and a panel lists its
//!   clips to pick another. Space pauses and resumes; the statistics show the clip and
//!   its time. Skinned and morphed models are picked where they are drawn now.
//! - **Lux overlay**: I shows each surface's illuminance instead of its shading, in false
//!   colour on a logarithmic scale from 1 to 1,000 lx with its stops at the CIE 157
//!   limits (50 lx green, 200 lx yellow; [`museion_renderer::LuxScale::conservation`]),
//!   and a legend of the scale across the top; I again returns to the shaded view. The
//!   info panel of an exhibit shows its lux figures from the conservation lux report
//!   (minimum, mean and maximum lux, lux-hours a year, its light sensitivity and whether
//!   it is within its limits), measured on a thread of its own when the venue loads or
//!   reloads.
//! - F3 shows or hides the statistics (frame time, draws, triangles, visible
//!   instances, the lights in the scene and in view, lights per cluster and any
//!   overflow, the light loop, the render scale and what a CPU adapter lightened); F12
//!   saves a PNG of what the window shows (overlay included) into the screenshot
//!   directory.
//! - **Render scale**: the 3D frame can be drawn at a share of the window's size
//!   ([`QualityOptions::render_scale`], 0.25 to 1) and stretched to it; the overlay is
//!   always drawn at the window's size. On a CPU adapter (Mesa's lavapipe) the viewer
//!   picks lighter defaults for what the options leave open — render scale
//!   [`CPU_RENDER_SCALE`], no ambient occlusion, no multisampling — and says so in the
//!   log and the statistics; an explicit option always wins.
//!
//! - **Edit mode** (`--edit`, a `.toml` venue): the venue file is open in a
//!   [`museion_venue::VenueEditor`]. Press the left button on an artwork and drag: it
//!   slides along the walls of its room after the cursor, onto the next wall past a
//!   corner, snapping within [`SNAP_PIXELS`] to the wall's ends, its middle and eye
//!   height (Ctrl held: to a [`GRID_STEP`] grid); letting go is one edit. A model drags
//!   across the floor the same way (lining up with the other models of its room), and
//!   R / Shift+R turn it by [`ROTATION_STEP_DEGREES`]. The picked exhibit shows a gizmo:
//!   arrows that move it one way only (an artwork along or up its wall, a model along x
//!   or z), a ring that turns a model, and a knob that scales the exhibit; a press on a
//!   handle drags by it. A click (the cursor moved under three pixels) moves nothing.
//!   Delete deletes the picked exhibit and Ctrl+D copies it
//!   beside itself (one undo step each; buttons in the edit panel do the same). The
//!   panel shows the picked exhibit's label fields in the language read; a field is
//!   committed with Enter or when it loses the keyboard (presses go to a field that has
//!   it, not to walking or the edit keys). An image file dropped on a wall is hung
//!   there, a glTF model dropped stands in front of the visitor (or type its path in the
//!   panel); files outside the venue's folders are refused. Ctrl+S over a file changed
//!   on disk asks in the panel whether to save over it, reload it or cancel. The
//!   exhibit under the cursor and the picked one are outlined. The panel's "Lights"
//!   section edits the file's `[[lights]]` (position, target, intensity; + and − dim or
//!   brighten the one chosen), the lux
//!   figures measured again after each edit. Each hand-placed light, spawn and tour
//!   stop has a marker (a dot: lights yellow, spawns green, stops blue, with a line the
//!   way it faces; a stop in front of an exhibit at the eye the compiled tour uses)
//!   drawn where it stands, in front of the camera
//!   and not behind a wall (see
//!   [`SIGHT_MARGIN`]); a press within [`MARKER_RADIUS`] pixels of one selects it (a light becomes the Lights section's,
//!   a spawn's or stop's fields show in the panel) and drags it: a light level at its
//!   height, or up and down with Shift held when pressed; a spawn or stop across the
//!   floor; letting go is one edit (a spot keeps its `target`; a stop in front of an
//!   exhibit becomes an explicit pose, its `exhibit` replaced by `eye` and the `target`
//!   it looked at). ← → ↑ ↓ move the
//!   selected one by [`MOVE_STEP`] along the world axis nearest the view's right and
//!   forward. Click an
//!   artwork, then ← and → move it along its
//!   wall by [`MOVE_STEP`] (with Shift by [`FINE_STEP`]), to the left and right as seen
//!   from the room; Ctrl+Z undoes, Ctrl+Shift+Z redoes, Ctrl+S saves the file (comments
//!   and formatting kept, only the edited lines changed). Every edit is checked by the
//!   compiler and shown at once; a refused one leaves the venue as it was and its message
//!   in the edit panel. E turns edit mode off and on. While edits are unsaved, a reload
//!   of the files from disk is not shown (the editor's text is what will be saved).
//!
//! Venues are drawn with automatic exposure: interiors are lit by physical lights whose
//! level no fixed exposure suits.
//!
//! # Input scripts
//!
//! `--script FILE` feeds events frame by frame, with a fixed frame time of 1/60 s so that
//! runs are deterministic. One event a line; `#` starts a comment; frames count from 0
//! and the events of a frame apply, in file order, before it is simulated and drawn:
//!
//! ```text
//! frame 10: key W down        # W A S D Shift Tab T F L V I Space Escape F3 F12, down or up
//!                             # (edit mode: E Left Right Up Down Z Ctrl Delete R Plus Minus
//!                             #  BracketLeft BracketRight; Enter for the panel's fields)
//! frame 20: chord Ctrl+S      # keys down in order, then up in reverse: save in edit mode
//! frame 40: mouse 120 0       # turn as a grabbed mouse moving 120 px right would
//! frame 60: click             # pick at the centre of the window
//! frame 61: click 80 40       # pick at a pixel
//! frame 70: press 80 60       # the left button down with the cursor at a pixel
//! frame 71: drag 100 60       # the cursor moves there (with the button held: a drag)
//! frame 72: release 137 60    # the cursor moves there and the button comes up
//! frame 80: drop art/new.png 80 60  # a file dropped at a pixel (edit mode: added there)
//! frame 90: ui-click 640 120  # a left click on the panels only, at a pixel…
//! frame 91: ui-click label.title    # …or at the middle of a named place (below)
//! frame 92: chord Ctrl+A      # with a field focused: select all of its text
//! frame 93: type Evening at the Quay  # text typed into the field that has the keyboard
//! frame 100: screenshot walk1.png   # save this frame (relative: the screenshot dir)
//! frame 150: resize 320 200   # ask for a window of this size
//! frame 200: lose-device      # destroy the GPU device (a new one is made: for tests)
//! frame 300: quit             # end with exit status 0
//! ```
//!
//! `click`, `press`, `drag` and `release` act on the 3D view (picking, dragging) under
//! any panel. The panels (egui) get a script's input as they get a window's: keys and
//! chords go to egui first, and a key pressed while a field has the keyboard goes only
//! to the field (its release still reaches the viewer); `ui-click` is a click for the
//! panels alone, which focuses the field or presses the button under it; `type TEXT`
//! (the rest of the line, trimmed; `#` still starts a comment) is text typed into the
//! focused field. Named places are clicked where the last frame drew them, so that a
//! script does not hang on the layout: `label` (the edit panel's Label section header)
//! and `label.FIELD` (its fields, named as the venue format names them: `label.title`,
//! `label.artist`…). With `RUST_LOG=museion_viewer=debug` the viewer logs where each
//! place is in window pixels when it appears or moves.

mod add_file;
mod app;
mod edit_actions;
mod edit_drag;
mod edit_keys;
mod edit_mouse;
mod edit_panel;
mod editing;
mod error;
mod floor_drag;
mod frame;
mod gi;
mod gizmo;
mod grip;
mod hud;
mod keys;
mod label_fields;
mod language;
mod legend;
mod light_fields;
mod lux;
mod marker_drag;
mod markers;
mod orbit;
mod outline;
mod overlay;
mod panel_places;
mod panels;
mod place_fields;
mod playback;
mod quality;
mod reading;
mod scaled;
mod script;
mod script_egui;
mod script_input;
mod session;
mod text;
mod tour;
mod touring;
mod ui_text;
mod walk;
mod wall_drag;

pub use add_file::{ADDED_ARTWORK_SIZE, ADDED_MODEL_DISTANCE};
pub use editing::{FINE_STEP, MOVE_STEP};
pub use error::ViewerError;
pub use floor_drag::ROTATION_STEP_DEGREES;
pub use gi::GiOptions;
pub use hud::StatsLine;
pub use keys::ViewerKey;
pub use light_fields::INTENSITY_STEP;
pub use markers::{MARKER_RADIUS, SIGHT_MARGIN};
pub use orbit::OrbitCamera;
pub use panels::{label_rows, language_name, next_variant};
pub use quality::{CPU_RENDER_SCALE, Lightened, MIN_RENDER_SCALE, Quality, QualityOptions};
pub use script::{Script, ScriptAction, ScriptError, ScriptEvent, UiTarget};
pub use session::{PICK_DISTANCE, VenueSession, pixel_ray};
pub use text::{FontError, FontOptions, MissingScript};
pub use tour::TourPlayer;
pub use ui_text::{UiText, UnknownUiLanguage, ui_languages};
pub use walk::WalkControls;
pub use wall_drag::{GRID_STEP, LEAST_MOVE, SNAP_PIXELS};

use museion_renderer::RenderSettings;
use museion_venue::{FileScope, VenueReloader};
use std::path::{Path, PathBuf};
use winit::event_loop::EventLoop;

/// Seconds of simulated time per frame in script mode.
pub const SCRIPT_FRAME_TIME: f32 = 1.0 / 60.0;

/// How the viewer starts looking at its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartMode {
    /// Walking at the venue's first spawn point.
    Walk,
    /// Circling the whole scene.
    Orbit,
    /// Walking when the venue names where visitors start
    /// ([`CompiledVenue::spawns_given`](museion_venue::CompiledVenue::spawns_given): a
    /// `.toml` venue, or a glTF file a venue was exported to), else circling.
    Auto,
}

impl StartMode {
    /// Walk for `.toml` venues, orbit for anything else (a single model).
    pub fn for_file(path: &Path) -> Self {
        if museion_venue::is_venue_file(path) {
            Self::Walk
        } else {
            Self::Orbit
        }
    }
}

/// What to show and how.
#[derive(Clone, Debug)]
pub struct ViewerOptions {
    /// Window title after "Museion — ".
    pub title: String,
    /// Initial window size in physical pixels.
    pub size: (u32, u32),
    /// Render settings (for venues, the environment and exposure are the venue's).
    pub settings: RenderSettings,
    /// Walk or orbit first.
    pub start: StartMode,
    /// Close after this many frames (for automation).
    pub frames: Option<u64>,
    /// Ask the window for this size after this many frames (for automation).
    pub resize: Option<((u32, u32), u64)>,
    /// Save the last frame here when the viewer closes.
    pub screenshot: Option<PathBuf>,
    /// Where F12 and script screenshots with relative names go.
    pub screenshot_dir: PathBuf,
    /// Input events to replay, with a fixed frame time.
    pub script: Option<Script>,
    /// The folders the venue's files may lie in; `None` for the folder of the file
    /// opened (see [`museion_venue::load_with_scope`]).
    pub scope: Option<FileScope>,
    /// The language labels and captions are read in first (`--lang`); `None` for the
    /// venue's first.
    pub language: Option<String>,
    /// The language of the viewer's own words (`--ui-lang`: `en` or `zh-CN`); `None`
    /// for the system's locale.
    pub ui_language: Option<String>,
    /// Font files to draw with first (`--font`), and whether to search the system's.
    pub fonts: FontOptions,
    /// The material variant shown first (`--variant`); `None` for every primitive's own
    /// material.
    pub variant: Option<String>,
    /// The render scale, ambient occlusion and multisampling the command line chose;
    /// what it leaves open is lightened on a CPU adapter (see [`Quality::choose`]).
    pub quality: QualityOptions,
    /// What `--verify` found: per exhibit, why it does not match the venue's signed
    /// manifest, shown in its panel; `None` without `--verify`.
    pub provenance: Option<museion_provenance::ExhibitVerdicts>,
    /// Whether a venue's rooms are lit by its baked probes, and whether a missing bake
    /// is made (on a thread of its own, the view going on meanwhile).
    pub gi: GiOptions,
    /// Open the venue file for editing (`--edit`; `.toml` venues only): edit mode starts
    /// on, E turns it off and on.
    pub edit: bool,
}

/// Opens a window on the venue or model at `path` and runs until it is closed (or the
/// frames or script end).
pub fn run(path: &Path, options: ViewerOptions) -> Result<(), ViewerError> {
    // Options are checked before the venue is compiled or a window opened.
    let words = match &options.ui_language {
        Some(code) => UiText::new(code)?,
        None => UiText::from_locale(),
    };
    text::definitions(&options.fonts)?;
    options.quality.check().map_err(ViewerError::RenderScale)?;
    let scope = options.scope.clone().unwrap_or_else(|| FileScope::around(path));
    let (reloader, mut venue) = VenueReloader::with_scope(path, scope.clone())?;
    if let Some(name) = &options.variant {
        venue
            .scene
            .select_variant(Some(name))
            .map_err(ViewerError::Variant)?;
    }
    let editing = if options.edit {
        Some(editing::Editing::open(path, scope)?)
    } else {
        None
    };
    let event_loop = EventLoop::new().map_err(ViewerError::window)?;
    if let Some(verdicts) = &options.provenance {
        let unverified = venue
            .exhibits
            .iter()
            .filter(|e| !verdicts.reasons(&e.id).is_empty())
            .count();
        log::info!(
            "viewer: provenance: {unverified} of {} exhibits unverified{}",
            venue.exhibits.len(),
            verdicts
                .nothing_verified
                .as_ref()
                .map_or(String::new(), |why| format!(" ({why})"))
        );
    }
    let mut app = app::App::new(venue, Some(reloader), options, words);
    app.editing = editing;
    event_loop.run_app(&mut app).map_err(ViewerError::window)?;
    app.finish()
}
