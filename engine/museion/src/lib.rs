//! Museion: a real-time 3D rendering engine for digital spaces — digital museums,
//! exhibition halls, venues.
//!
//! This is the one crate an application depends on. It gathers the layers, each a crate
//! of its own:
//!
//! - [`scene`]: the CPU-side world (scene graph, meshes, materials, lights, cameras,
//!   bounds, frustum tests), with no file format and no GPU;
//! - [`gltf`]: glTF 2.0 import and export;
//! - [`animation`]: playing a scene's animations (players, cross-fades, layers);
//! - [`venue`]: venue files compiled into a scene with exhibits, colliders, spawn points
//!   and tours; tours as camera paths; hot reload (feature `hot-reload`);
//! - [`bake`] (feature `bake`): a venue's indirect light baked into irradiance probes
//!   per room, cached on disk; [`bake_gpu`] traces the bake on the GPU;
//! - [`renderer`]: the wgpu renderer, into any texture view (headless, a window, or an
//!   application's own texture);
//! - [`physics`] (feature `physics`): visitors that walk, collide and pick, on rapier3d;
//! - [`viewer`] (feature `viewer`): a window on a venue or a model, on winit and egui.
//!
//! The default features turn all four on. An application that only draws into its own
//! textures needs none of them:
//!
//! ```toml
//! [dependencies]
//! museion = { version = "0.1", default-features = false }
//! ```
//!
//! ```no_run
//! use museion::renderer::{GpuContext, RenderSettings, Renderer, ViewCamera};
//!
//! let scene = museion::gltf::import("DamagedHelmet.gltf")?.scene;
//! let ctx = GpuContext::new(None)?;
//! let mut renderer = Renderer::new(&ctx, RenderSettings::default())?;
//! let camera = ViewCamera::frame(&scene.stats().bounds, 0.8, 16.0 / 9.0);
//! let (image, stats) = renderer.render_image(&ctx, &scene, &camera, 1280, 720)?;
//! println!("{} triangles drawn", stats.triangles);
//! # let _ = image;
//! # Ok::<(), museion::Error>(())
//! ```

mod error;

pub use error::{Error, Result};

pub use museion_animation as animation;
#[cfg(feature = "bake")]
pub use museion_bake as bake;
#[cfg(feature = "bake")]
pub use museion_bake_gpu as bake_gpu;
pub use museion_gltf as gltf;
#[cfg(feature = "physics")]
pub use museion_physics as physics;
pub use museion_renderer as renderer;
pub use museion_scene as scene;
pub use museion_venue as venue;
#[cfg(feature = "viewer")]
pub use museion_viewer as viewer;
