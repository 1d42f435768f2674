//! The one error type of museion-environment.

use museion_gpu::GpuError;
use std::path::PathBuf;

/// Everything that can go wrong loading or baking an environment.
#[derive(Debug, thiserror::Error)]
pub enum EnvironmentError {
    /// An environment image that cannot be read or used.
    #[error("cannot use environment {path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The GPU failed while baking or reading back.
    #[error(transparent)]
    Gpu(#[from] GpuError),
}

/// Shorthand for results of this crate.
pub type Result<T, E = EnvironmentError> = std::result::Result<T, E>;
