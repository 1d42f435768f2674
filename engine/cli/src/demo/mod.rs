//! The demo museum: a venue Museion makes itself, from one seed.
//!
//! Four rooms — an atrium, a painting gallery, a long corridor of works on paper (a
//! step up from the atrium, a ramp up at its far end) and a sculpture hall — hung with
//! the 44 paintings and set with the 12 sculptures of
//! [`catalogue`](museion_art::catalogue) and a kinetic sculpture that turns and breathes
//! (its `turn` clip loops), every one with its full label in English and Simplified
//! Chinese (its title and text in French and German too), lit by gallery spots, with a
//! guided tour captioned in English and Chinese that a gallery guide walks ahead of the
//! visitor (Museion's walking figure, its walk and idle clips). Every work carries the
//! light sensitivity its medium has under CIE 157 (paintings on canvas low, works on
//! paper medium, sculptures none), and each painting's spot is aimed so that the work
//! stays within its class's limits (`museion lux` checks them).
//!
//! [`write_demo`] writes the venue file, the paintings (JPEG), the sculptures and the
//! guide (GLB) into a folder; `museion demo --out DIR` does it from the command line.
//! The copy in the repository's `assets/demo/` is what `museion` with no arguments
//! opens.
//!
//! ```no_run
//! use museion_cli::demo::{DemoOptions, write_demo};
//!
//! let written = write_demo("my-demo".as_ref(), &DemoOptions::default(), |step| {
//!     eprintln!("{step}")
//! })?;
//! let venue = museion::venue::load(&written.venue)?;
//! assert_eq!(venue.exhibits.len(), 57);
//! assert!(venue.guide.is_some() && venue.animations.len() == 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod conservation;
mod error;
mod files;
mod layout;
mod tour_text;
mod venue_text;

pub use error::DemoError;
pub use files::{DemoOptions, DemoWritten, write_demo};
pub use layout::{DemoLayout, PlacedPainting, PlacedSculpture, Wall, layout};
pub use venue_text::venue_text;

use std::path::{Path, PathBuf};

/// The seed of the demo museum's collection (and of everything else in it).
pub const DEMO_SEED: u64 = 2026;

/// The venue file's name inside a demo folder.
pub const VENUE_FILE: &str = "venue.toml";

/// The demo museum shipped with the source: `assets/demo/venue.toml` of the checkout
/// this binary was built from, when it is still there.
pub fn bundled_venue() -> Option<PathBuf> {
    // This crate lives in `engine/cli` of the checkout.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/demo")
        .join(VENUE_FILE);
    path.is_file().then_some(path)
}

/// The relative path of painting `index` (from 0) inside a demo folder.
pub fn painting_file(index: usize) -> String {
    format!("art/painting-{:02}.jpg", index + 1)
}

/// The relative path of the kinetic sculpture inside a demo folder.
pub const KINETIC_FILE: &str = "sculptures/kinetic.glb";

/// The relative path of the gallery guide inside a demo folder.
pub const GUIDE_FILE: &str = "people/guide.glb";

/// The kinetic sculpture's exhibit id.
pub const KINETIC_ID: &str = "kinetic";

/// The relative path of sculpture `index` (from 0) inside a demo folder.
pub fn sculpture_file(index: usize) -> String {
    format!("sculptures/sculpture-{:02}.glb", index + 1)
}
