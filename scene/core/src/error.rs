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
    /// A material variant name the scene does not have.
    #[error("no material variant is called {name:?}; {}", known_variants(known))]
    UnknownVariant {
        /// The name asked for.
        name: String,
        /// The scene's variant names, in file order.
        known: Vec<String>,
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
