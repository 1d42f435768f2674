//! The one error type of museion-gpu.

/// Everything that can go wrong in the GPU foundation: finding an adapter, making a
/// device, presenting to a window, reading back.
#[derive(Debug, thiserror::Error)]
pub enum GpuError {
    /// No GPU adapter was found (or none matched `MUSEION_ADAPTER`).
    #[error(
        "no GPU adapter found{detail}; on a machine without a GPU install Mesa's lavapipe (Debian package mesa-vulkan-drivers)"
    )]
    NoAdapter {
        /// What was asked for, if anything.
        detail: String,
    },
    /// The adapter lacks something the renderer cannot do without.
    #[error(
        "GPU adapter {adapter:?} lacks {missing}; the renderer needs a Vulkan, Metal or DirectX 12 device (without a GPU, install Mesa's lavapipe: Debian package mesa-vulkan-drivers)"
    )]
    Unsupported {
        /// The adapter's name.
        adapter: String,
        /// The features or limits it lacks.
        missing: String,
    },
    /// The device could not be created.
    #[error("cannot create a GPU device on {adapter:?}: {source}")]
    Device {
        /// The adapter's name.
        adapter: String,
        /// What wgpu said.
        source: wgpu::RequestDeviceError,
    },
    /// The window surface cannot be used with the chosen adapter.
    #[error("cannot present to the window: {0}")]
    Surface(String),
    /// Reading a texture back from the GPU failed.
    #[error("reading back from the GPU failed: {0}")]
    Readback(String),
    /// The device was lost (a driver reset, a removed GPU, or `Device::destroy`):
    /// nothing made on it can be used again; a new [`GpuContext`](crate::GpuContext)
    /// must be made and everything uploaded again.
    #[error("the GPU device was lost{}", if message.is_empty() { String::new() } else { format!(": {message}") })]
    DeviceLost {
        /// What the driver said, if anything.
        message: String,
    },
    /// A target size or format outside what the device supports.
    #[error("invalid render setting: {0}")]
    InvalidSetting(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = GpuError> = std::result::Result<T, E>;
