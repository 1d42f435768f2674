//! The one error type of the `museion` crate.

use std::path::PathBuf;

/// Everything that can go wrong in the engine layer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Loading or changing the scene failed.
    #[error(transparent)]
    Scene(#[from] museion_scene::Error),
    /// The GPU side failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// The window or its event loop could not be created or run.
    #[error("window: {0}")]
    Window(String),
    /// An image could not be written.
    #[error("cannot write {}: {source}", path.display())]
    WriteImage {
        /// The file.
        path: PathBuf,
        /// What the encoder said.
        source: image::ImageError,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
