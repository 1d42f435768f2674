//! museion-renderer: draws a [`museion_scene::Scene`] with wgpu.
//!
//! This crate is where the GPU side of Museion lives: the device and render targets,
//! the pooled GPU scene, the PBR passes and the GPU-driven culling core. It reads
//! scenes only through museion-scene, and has no knowledge of files, windows' event
//! loops or physics (those belong to the `museion` crate).
//!
//! It currently carries no rendering code: the renderer is built on top of the scene
//! crate in its own milestone. Depend on `museion` rather than on this crate directly.

pub use museion_scene as scene;
