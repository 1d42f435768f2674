//! museion-gpu: the GPU foundation Museion's renderer stands on — everything that is
//! about the device rather than about drawing a scene.
//!
//! - [`GpuContext`]: adapter choice (discrete, then integrated, then CPU; forced with
//!   `MUSEION_ADAPTER`), device and queue, features and limits checked up front.
//! - Targets: an [`OffscreenTarget`] (headless rendering, readback to images) or a
//!   [`SurfaceTarget`] (a window), as one [`RenderTarget`]; the [`formats`] of the frame's
//!   own targets.
//! - [`readback`] of buffers and textures; bind group layout entries ([`bindings`]) and
//!   pipeline builders ([`pipeline`]) every pass uses.
//! - The shader library: the WGSL modules of `shaders/` composed with naga_oil
//!   ([`shaders`]), their shared constants ([`shaders::constants`]), and the `#[repr(C)]`
//!   mirrors of their shared structs ([`gpu_types`]), checked member by member against
//!   naga's layout in this crate's tests.

pub mod bindings;
mod context;
mod error;
pub mod formats;
pub mod gpu_types;
pub mod pipeline;
pub mod readback;
pub mod shaders;
mod surface;
mod target;

pub use context::{ADAPTER_ENV, GpuContext};
pub use error::{GpuError, Result};
pub use readback::{read_texture, read_texture_level};
pub use surface::{SurfaceFrame, SurfaceTarget};
pub use target::{FrameOutput, OffscreenTarget, RenderTarget};

/// Re-exported so users name the same wgpu as this crate.
pub use wgpu;
