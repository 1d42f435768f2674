//! museion-renderer: draws a [`museion_scene::Scene`] with wgpu.
//!
//! - [`GpuContext`]: adapter choice (discrete, then integrated, then CPU; forced with
//!   `MUSEION_ADAPTER`), device and queue, features and limits checked up front.
//! - [`Renderer`]: uploads a scene ([`GpuScene`]: pooled geometry, material table,
//!   textures with GPU-built mips, instances, lights), draws it with the glTF
//!   metallic-roughness BRDF into an HDR target (reverse-Z depth, 4× MSAA), and tone
//!   maps ([`Tonemapper`]: PBR Neutral, ACES, AgX) into any texture view, under a
//!   physical or automatic [`Exposure`] (see [`exposure`]).
//! - [`culling`]: the GPU-driven culling core — instances culled on the GPU (frustum,
//!   then two-phase Hi-Z occlusion), levels of detail and small objects by projected
//!   size, drawn with indirect draws the GPU wrote; modes chosen at run time with
//!   [`CullSettings`], results read back exactly ([`Renderer::read_frame_stats`]).
//! - [`RenderTarget`]: an [`OffscreenTarget`] (headless rendering, readback to images)
//!   or a [`SurfaceTarget`] (a window), drawn by the same passes.
//!
//! ```no_run
//! use museion_renderer::{GpuContext, Renderer, RenderSettings, ViewCamera};
//!
//! let scene = museion_scene::gltf::import("model.glb")?.scene;
//! let ctx = GpuContext::new(None)?;
//! let mut renderer = Renderer::new(&ctx, RenderSettings::default())?;
//! let camera = ViewCamera::frame(&scene.stats().bounds, 0.8, 16.0 / 9.0);
//! let (image, _stats) = renderer.render_image(&ctx, &scene, &camera, 1280, 720)?;
//! image.save("model.png")?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod ambient_occlusion;
mod bindings;
mod camera;
mod context;
pub mod culling;
pub mod environment;
mod error;
pub mod exposure;
mod forward;
mod fullscreen;
pub mod gpu_scene;
pub mod gpu_types;
mod lighting;
mod readback;
mod renderer;
mod shaders;
mod shadows;
mod skybox;
mod surface;
mod target;
mod timer;
mod tonemap;

pub use ambient_occlusion::AoSettings;
pub use camera::{CameraProjection, ViewCamera};
pub use context::{ADAPTER_ENV, GpuContext};
pub use culling::{CullMode, CullSettings};
pub use environment::{CACHE_DIR_ENV, Environment, EnvironmentSource, cache_dir};
pub use error::{RenderError, Result};
pub use exposure::Exposure;
pub use forward::{DEPTH_FORMAT, FrameStats, HDR_FORMAT, INSTANCE_ID_FORMAT};
pub use gpu_scene::{GpuScene, SyncStats};
pub use lighting::EnvironmentSettings;
pub use renderer::{FrameInfo, RenderSettings, Renderer};
pub use shadows::{SHADOW_FORMAT, ShadowSettings};
pub use surface::{SurfaceFrame, SurfaceTarget};
pub use target::{OffscreenTarget, RenderTarget, read_texture, read_texture_level};
pub use timer::GpuTimings;
pub use tonemap::Tonemapper;

/// Re-exported so users name the same image crate as this crate's readback.
pub use image;
/// Re-exported so users name the same wgpu as this crate.
pub use wgpu;
