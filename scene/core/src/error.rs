//! The one error type of museion-scene: scene graph edits that break its rules, and
//! block-compressed image data that does not fit its image.

use crate::block_format::BlockFormat;
use crate::ids::{NodeId, PalettesId};

/// Everything that can go wrong when changing a [`Scene`](crate::Scene) or building a
/// [`CompressedImage`](crate::CompressedImage).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A node handle that does not name a live node of the scene.
    #[error("{0} is not in the scene")]
    UnknownNode(NodeId),
    /// A [`PalettesId`] the scene does not hold (removed, or of another scene).
    #[error("the scene holds no joint palettes {0:?}")]
    UnknownPalettes(PalettesId),
    /// A reparenting that would make a node its own ancestor.
    #[error("making {parent} the parent of {child} would create a cycle")]
    WouldCreateCycle {
        /// The node being moved.
        child: NodeId,
        /// The requested parent, a descendant of `child` (or `child` itself).
        parent: NodeId,
    },
    /// A material variant name the scene does not have.
    #[error("no material variant is called {name:?}; {}", known_variants(known))]
    UnknownVariant {
        /// The name asked for.
        name: String,
        /// The scene's variant names, in file order.
        known: Vec<String>,
    },
    /// A compressed image with a zero width or height.
    #[error("a compressed image cannot be {width}x{height}")]
    CompressedEmpty {
        /// Width in texels.
        width: u32,
        /// Height in texels.
        height: u32,
    },
    /// No mip levels, or more than a full chain has.
    #[error("{levels} mip levels for a {width}x{height} image (1 to {max})")]
    CompressedLevelCount {
        /// Levels given.
        levels: usize,
        /// Width in texels.
        width: u32,
        /// Height in texels.
        height: u32,
        /// Levels of the full chain.
        max: u32,
    },
    /// A mip level whose byte count does not match its size and format.
    #[error("mip level {level} has {len} bytes; {format} at {width}x{height} needs {expected}")]
    CompressedLevelLength {
        /// The level.
        level: usize,
        /// Its bytes.
        len: usize,
        /// Bytes it should have.
        expected: usize,
        /// The format.
        format: BlockFormat,
        /// The level's width.
        width: u32,
        /// The level's height.
        height: u32,
    },
}

/// "the scene has: a, b" or "the scene has no variants".
fn known_variants(known: &[String]) -> String {
    if known.is_empty() {
        "the scene has no variants".to_owned()
    } else {
        format!("the scene has: {}", known.join(", "))
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
