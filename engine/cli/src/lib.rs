//! museion-cli: the `museion` command-line tool's library — everything its subcommands
//! do that is more than parsing options, so that tests can call it too.
//!
//! - [`bench`](mod@bench): render benchmarks over seeded procedural scenes, JSON lines for CI and
//!   the regression check against a baseline (`museion bench`);
//! - [`demo`]: the demo museum written as a venue with its paintings and sculptures
//!   (`museion demo`; the bundled copy in `assets/demo` opens with no arguments);
//! - [`gi`]: a venue's baked indirect light, through the cache (`museion bake`, and
//!   `render` and `view` on first use);
//! - [`inspect`]: the summary `museion inspect` prints of a glTF file, with its
//!   animations and skins from [`inspect_animation`];
//! - [`lux`]: the conservation lux report `museion lux` prints, the environment's share
//!   measured on the CPU;
//! - [`camera_spec`] and [`options`]: parsers of command-line values.

pub mod bench;
pub mod camera_spec;
pub mod demo;
pub mod gi;
pub mod inspect;
pub mod inspect_animation;
pub mod inspect_venue;
pub mod lux;
pub mod options;
