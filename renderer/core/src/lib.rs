//! museion-renderer: draws a [`museion_scene::Scene`] with wgpu.
//!
//! - [`GpuContext`] (from `museion-gpu`, the GPU foundation this crate stands on):
//!   adapter choice (discrete, then integrated, then CPU; forced with
//!   `MUSEION_ADAPTER`), device and queue, features and limits checked up front.
//! - [`Renderer`]: uploads a scene ([`GpuScene`]: pooled geometry, material table,
//!   RGBA8 textures with GPU-built mips and BCn ones, from `KHR_texture_basisu`, with
//!   their own levels, instances, lights), draws it with the glTF
//!   metallic-roughness BRDF into an HDR target (reverse-Z depth, 4× MSAA), and tone
//!   maps ([`Tonemapper`]: PBR Neutral, ACES, AgX) into any texture view, under a
//!   physical or automatic [`Exposure`] (see [`exposure`]), as configured by
//!   [`RenderSettings`] — or shows each surface's illuminance in false colour
//!   ([`ShadingView::Illuminance`] on a [`LuxScale`]).
//! - [`culling`]: the GPU-driven culling core — instances culled on the GPU (frustum,
//!   then two-phase Hi-Z occlusion), levels of detail and small objects by projected
//!   size, drawn with indirect draws the GPU wrote; modes chosen at run time with
//!   [`CullSettings`], results read back exactly ([`Renderer::read_frame_stats`]).
//! - [`environment`]: image-based lighting, baked on the GPU and cached on disk.
//! - [`RenderTarget`] (from `museion-gpu`): an [`OffscreenTarget`] (headless rendering,
//!   readback to images) or a [`SurfaceTarget`] (a window), drawn by the same passes.
//!
//! # The frame
//!
//! [`Renderer::record`] runs a frame as a list of stages, each a function:
//!
//! 1. **Prepare**: the targets for the output's size, the camera, ambient occlusion's
//!    parameters, the culling core's frame (mode, Hi-Z pyramid, view, CPU lists), the
//!    shadow plan, the lighting and the pipelines — every uniform written before
//!    anything is recorded.
//! 2. **Shadow maps**: per planned shadow view, its casters culled and drawn into its
//!    layer of the shadow atlas.
//! 3. **Depth prepass and early cull**: the first cull; then the depth drawn before the
//!    main pass — with ambient occlusion a single-sample prepass of depth and normals,
//!    else, with occlusion culling, the early phase drawn into the main targets.
//! 4. **Hi-Z and late cull** (`gpu-occlusion`): the pyramid from that depth, then the
//!    instances the early cull left out, tested against it.
//! 5. **Ambient occlusion**: horizons searched over the prepass, then denoised.
//! 6. **Opaque**: the culled opaque instances not drawn into the main targets yet,
//!    shaded, with multi-draw indirect in the GPU modes.
//! 7. **Skybox**: the environment where nothing was drawn (when asked for).
//! 8. **Transparent**: blended instances, sorted farthest first; opaque, skybox and
//!    transparent share one pass, which resolves multisampled colour.
//! 9. **Exposure**: the automatic exposure's histogram and adaptation (when on).
//! 10. **Tone map**: HDR radiance, exposed, into the output view.
//!
//! ```no_run
//! use museion_renderer::{GpuContext, Renderer, RenderSettings, ViewCamera};
//!
//! let scene = museion_gltf::import("model.glb")?.scene;
//! let ctx = GpuContext::new(None)?;
//! let mut renderer = Renderer::new(&ctx, RenderSettings::default())?;
//! let camera = ViewCamera::frame(&scene.stats().bounds, 0.8, 16.0 / 9.0);
//! let (image, _stats) = renderer.render_image(&ctx, &scene, &camera, 1280, 720)?;
//! image.save("model.png")?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ambient_occlusion;
mod camera;
mod clusters;
pub mod culling;
mod error;
pub mod exposure;
mod forward;
mod frame;
mod gpu_scene;
mod lighting;
mod probes;
mod renderer;
mod settings;
mod shading_view;
mod shadows;
mod skybox;
mod timer;
mod tonemap;
mod transmission;

pub use ambient_occlusion::AoSettings;
pub use camera::{CameraProjection, ViewCamera};
pub use clusters::{ClusterSettings, ClusterStats};
pub use culling::{CullMode, CullSettings};
pub use error::{RenderError, Result};
pub use exposure::Exposure;
pub use frame::{FrameInfo, FrameStats};
pub use gpu_scene::{GpuScene, LIGHT_CUTOFF_LUX, SyncStats};
// What GpuScene::groups returns, for the culling tests.
#[doc(hidden)]
pub use gpu_scene::{DrawGroupInfo, DrawKey, PooledPrimitive};
pub use lighting::EnvironmentSettings;
pub use renderer::Renderer;
pub use settings::RenderSettings;
pub use shading_view::{LuxScale, LuxStop, ShadingView};
pub use shadows::ShadowSettings;
pub use timer::GpuTimings;
pub use tonemap::Tonemapper;

/// Image-based lighting: environment sources, the GPU bake and its disk cache
/// (`museion-environment`).
pub use museion_environment as environment;
pub use museion_environment::{CACHE_DIR_ENV, Environment, EnvironmentSource, cache_dir};

// The GPU foundation, named here too so that an application needs only this crate.
pub use museion_gpu::formats::{DEPTH_FORMAT, HDR_FORMAT, INSTANCE_ID_FORMAT, SHADOW_FORMAT};
/// A vertex as the GPU holds it (what [`GpuScene::read_deformed`] returns).
pub use museion_gpu::gpu_types::GpuVertex;
pub use museion_gpu::{
    ADAPTER_ENV, GpuContext, GpuError, OffscreenTarget, RenderTarget, SurfaceFrame, SurfaceTarget,
    read_texture, read_texture_level,
};

/// Re-exported so users name the same image crate as this crate's readback.
pub use image;
/// Re-exported so users name the same wgpu as this crate.
pub use museion_gpu::wgpu;
