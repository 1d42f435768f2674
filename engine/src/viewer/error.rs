//! Why the viewer stopped.

use super::script::ScriptError;
use crate::physics::PhysicsError;
use museion_scene::venue::VenueError;

/// Everything that ends the viewer with an error.
#[derive(Debug, thiserror::Error)]
pub enum ViewerError {
    /// The window, the GPU or an image file failed.
    #[error(transparent)]
    Engine(#[from] crate::Error),
    /// Drawing failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// The venue (or model) could not be loaded.
    #[error(transparent)]
    Venue(#[from] VenueError),
    /// The input script is unreadable or malformed.
    #[error(transparent)]
    Script(#[from] ScriptError),
    /// The visitor's simulation failed.
    #[error(transparent)]
    Physics(#[from] PhysicsError),
}
