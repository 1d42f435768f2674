//! What can go wrong building or driving the physics world.

use museion_scene::{ColliderShape, MeshId, NodeId};

/// Why a [`PhysicsWorld`](super::PhysicsWorld) could not be built, or why a call on it was
/// refused. Errors about a collider carry its index in the spec list and name its node.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PhysicsError {
    /// A collider names a node that the scene does not have (removed, or from another scene).
    #[error("collider {collider}: {node} is not in the scene")]
    UnknownNode {
        /// Index of the collider in the spec list.
        collider: usize,
        /// The missing node.
        node: NodeId,
    },
    /// Two colliders name the same node.
    #[error("collider {collider}: {} already has collider {first}", label(.node, .name))]
    DuplicateNode {
        /// Index of the second collider naming the node.
        collider: usize,
        /// Index of the first one.
        first: usize,
        /// The node.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
    },
    /// A collider's subtree has no triangles to make a shape from (no meshes, or only lines
    /// and points, or only degenerate triangles).
    #[error("collider {collider}: {} has no triangles in its subtree", label(.node, .name))]
    NoTriangles {
        /// Index of the collider in the spec list.
        collider: usize,
        /// The collider's node.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
    },
    /// A node of a collider's subtree refers to a mesh the scene does not have.
    #[error("{} refers to mesh {} but the scene has {meshes} meshes", label(.node, .name), .mesh.index())]
    UnknownMesh {
        /// The node carrying the mesh.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
        /// The missing mesh.
        mesh: MeshId,
        /// How many meshes the scene has.
        meshes: usize,
    },
    /// A triangle index points past the end of its primitive's vertices.
    #[error(
        "{} (mesh {}, primitive {primitive}): index {index} is out of range for {vertices} vertices",
        label(.node, .name),
        .mesh.index()
    )]
    IndexOutOfRange {
        /// The node carrying the mesh.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
        /// The mesh.
        mesh: MeshId,
        /// The primitive within the mesh.
        primitive: usize,
        /// The offending index.
        index: u32,
        /// How many vertices the primitive has.
        vertices: usize,
    },
    /// A vertex is not finite once placed in the world (NaN or infinite position or transform).
    #[error("{} (mesh {}): a vertex is not finite in world space", label(.node, .name), .mesh.index())]
    NonFiniteVertex {
        /// The node carrying the mesh.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
        /// The mesh.
        mesh: MeshId,
    },
    /// The collider's subtree has more vertices than a collision mesh can index (2³² − 1).
    #[error("collider {collider}: {} has too many vertices for a collision mesh", label(.node, .name))]
    TooManyVertices {
        /// Index of the collider in the spec list.
        collider: usize,
        /// The collider's node.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
    },
    /// The geometry cannot make the requested shape: a convex hull or triangle mesh parry
    /// rejects, or a dynamic body without volume (flat geometry).
    #[error("collider {collider}: {} cannot be made a {shape:?} shape: {reason}", label(.node, .name))]
    BadShape {
        /// Index of the collider in the spec list.
        collider: usize,
        /// The collider's node.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
        /// The shape that was being built.
        shape: ColliderShape,
        /// What was wrong.
        reason: String,
    },
    /// A dynamic body's mass is not a positive finite number of kilograms.
    #[error("collider {collider}: {} has mass {mass} kg; a dynamic body needs a positive finite mass", label(.node, .name))]
    InvalidMass {
        /// Index of the collider in the spec list.
        collider: usize,
        /// The collider's node.
        node: NodeId,
        /// The node's name, if it has one.
        name: Option<String>,
        /// The mass given.
        mass: f32,
    },
    /// A visitor setting is out of its range.
    #[error("visitor setting {field} = {value} is invalid: it must be {expected}")]
    InvalidVisitor {
        /// The [`VisitorSettings`](museion_scene::VisitorSettings) field.
        field: &'static str,
        /// The value given.
        value: f32,
        /// What the field must be.
        expected: &'static str,
    },
    /// An argument of a call is not usable (not finite, or negative where it cannot be).
    #[error("{what} is invalid: it must be {expected}")]
    InvalidArgument {
        /// The argument.
        what: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A dynamic body's node was removed from the scene, so its pose cannot be written back.
    #[error("the node of a dynamic body, {node}, is no longer in the scene")]
    NodeRemoved {
        /// The removed node.
        node: NodeId,
    },
}

/// `node 3v0 "Wall"`, or `node 3v0` for a node without a name.
fn label(node: &NodeId, name: &Option<String>) -> String {
    match name {
        Some(name) => format!("{node} {name:?}"),
        None => node.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use museion_scene::{Node, Scene};

    #[test]
    fn messages_name_the_node_and_the_collider() {
        let mut scene = Scene::new();
        let node = scene
            .add_node(Node::new().with_name("East wall"), None)
            .expect("root node");
        let error = PhysicsError::NoTriangles {
            collider: 4,
            node,
            name: Some("East wall".into()),
        };
        let message = error.to_string();
        assert!(message.contains("collider 4"), "{message}");
        assert!(message.contains("\"East wall\""), "{message}");
        assert!(message.contains(&node.to_string()), "{message}");
        let unnamed = PhysicsError::NoTriangles {
            collider: 0,
            node,
            name: None,
        };
        assert!(!unnamed.to_string().contains('"'));
    }
}
