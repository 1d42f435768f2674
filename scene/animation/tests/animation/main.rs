//! The tests of museion-animation, in one binary: sampling against values worked out
//! here, the player's time, layers and blending, pointer targets, the Fox and
//! MorphStressTest of `../shared/gltf`, and a two-bone skin bent by an animation.

// A failed unwrap in a test (or a helper of one) is a failed test.
#![allow(clippy::unwrap_used)]

mod blending;
mod crowd;
mod files;
mod playback;
mod pointer;
mod sampling;
mod skin;
mod support;
