//! One error type over every layer, for applications that want a single `?`.

/// Everything that can go wrong in Museion's layers, each error as its crate gives it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A scene graph edit broke its rules.
    #[error(transparent)]
    Scene(#[from] museion_scene::Error),
    /// A glTF file could not be imported.
    #[error(transparent)]
    Import(#[from] museion_gltf::Error),
    /// An animation could not be played.
    #[error(transparent)]
    Animation(#[from] museion_animation::AnimationError),
    /// A scene could not be written as glTF.
    #[error(transparent)]
    Export(#[from] museion_gltf::ExportError),
    /// A venue could not be loaded or compiled.
    #[error(transparent)]
    Venue(#[from] museion_venue::VenueError),
    /// Drawing failed.
    #[error(transparent)]
    Render(#[from] museion_renderer::RenderError),
    /// The GPU, a window surface or a readback failed.
    #[error(transparent)]
    Gpu(#[from] museion_renderer::GpuError),
    /// An image could not be read or written.
    #[error(transparent)]
    Image(#[from] museion_renderer::image::ImageError),
    /// The physics world could not be built or stepped.
    #[cfg(feature = "physics")]
    #[error(transparent)]
    Physics(#[from] museion_physics::PhysicsError),
    /// The viewer stopped with an error.
    #[cfg(feature = "viewer")]
    #[error(transparent)]
    Viewer(#[from] museion_viewer::ViewerError),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
