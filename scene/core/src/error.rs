//! The one error type of museion-scene: scene graph edits that break its rules.

use crate::ids::NodeId;

/// Everything that can go wrong when changing a [`Scene`](crate::Scene).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A node handle that does not name a live node of the scene.
    #[error("{0} is not in the scene")]
    UnknownNode(NodeId),
    /// A reparenting that would make a node its own ancestor.
    #[error("making {parent} the parent of {child} would create a cycle")]
    WouldCreateCycle {
        /// The node being moved.
        child: NodeId,
        /// The requested parent, a descendant of `child` (or `child` itself).
        parent: NodeId,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
