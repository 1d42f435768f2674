//! Museion: a real-time 3D rendering engine for digital spaces — digital museums,
//! exhibition halls, venues.
//!
//! This is the one crate an application depends on. It re-exports the scene crate
//! (scene graph, bounds, glTF import) as [`scene`] and the renderer as [`renderer`],
//! and holds what sits on top of them: the `museion` command-line tool and the
//! [`inspect`] summary it prints.
//!
//! ```no_run
//! use museion::scene::gltf;
//!
//! let imported = gltf::import("DamagedHelmet.gltf")?;
//! let stats = imported.scene.stats();
//! println!("{} triangles in {} mesh instances", stats.triangles, stats.mesh_instances);
//! # Ok::<(), museion::scene::Error>(())
//! ```

pub mod bench;
pub mod camera_spec;
pub mod demo;
mod error;
pub mod inspect;
pub mod options;
pub mod physics;
pub mod venue;
pub mod viewer;

pub use error::{Error, Result};

pub use museion_renderer as renderer;
pub use museion_scene as scene;
