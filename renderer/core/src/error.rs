//! The one error type of museion-renderer.

/// Everything that can go wrong in the renderer.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The GPU foundation failed: no adapter, no device, a window that cannot be
    /// presented to, a readback.
    #[error(transparent)]
    Gpu(#[from] museion_gpu::GpuError),
    /// A render setting outside what the renderer supports.
    #[error("invalid render setting: {0}")]
    InvalidSetting(String),
    /// The environment could not be read or baked.
    #[error(transparent)]
    Environment(#[from] museion_environment::EnvironmentError),
    /// Baked irradiance probes this device cannot hold.
    #[error("cannot use the baked probes: {0}")]
    Probes(String),
    /// A named glTF camera that the scene does not have.
    #[error("the scene has no camera named {0:?}")]
    UnknownCamera(String),
}

impl RenderError {
    /// Whether the GPU device was lost: the error a caller answers by making a new
    /// context and renderer, not by giving up.
    pub fn is_device_lost(&self) -> bool {
        matches!(self, RenderError::Gpu(museion_gpu::GpuError::DeviceLost { .. }))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = RenderError> = std::result::Result<T, E>;
