//! Why the viewer stopped.

use super::script::ScriptError;
use museion_physics::PhysicsError;
use museion_venue::VenueError;

/// Everything that ends the viewer with an error.
#[derive(Debug, thiserror::Error)]
pub enum ViewerError {
    /// The window or its event loop could not be created or run.
    #[error("window: {0}")]
    Window(String),
    /// A screenshot path that names an input of the venue, or not a PNG.
    #[error(transparent)]
    Output(#[from] museion_files::OutputError),
    /// A screenshot could not be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteImage {
        /// The file.
        path: std::path::PathBuf,
        /// What the encoder said.
        source: image::ImageError,
    },
    /// Drawing failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// The GPU, its window surface or a readback failed.
    #[error(transparent)]
    Gpu(#[from] museion_renderer::GpuError),
    /// The venue (or model) could not be loaded.
    #[error(transparent)]
    Venue(#[from] VenueError),
    /// The input script is unreadable or malformed.
    #[error(transparent)]
    Script(#[from] ScriptError),
    /// A font file named by an option cannot be used.
    #[error(transparent)]
    Font(#[from] super::text::FontError),
    /// `--ui-lang` names a language the viewer does not speak.
    #[error(transparent)]
    UiLanguage(#[from] super::ui_text::UnknownUiLanguage),
    /// The render scale asked for is outside 0.25 to 1.
    #[error("render scale {0} (0.25 to 1)")]
    RenderScale(f32),
    /// `--variant` names a material variant the scene does not have.
    #[error("--variant: {0}")]
    Variant(museion_scene::Error),
    /// The visitor's simulation failed.
    #[error(transparent)]
    Physics(#[from] PhysicsError),
}
