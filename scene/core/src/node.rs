//! Nodes of the scene graph.

use crate::ids::{CameraId, LightId, MeshId, NodeId, SkinId};
use crate::transform::Transform;

/// A node: a transform relative to its parent, and what sits at it.
///
/// The parent, children and transform are managed by the [`Scene`](crate::Scene) so the
/// hierarchy stays a forest and world transforms stay correct; everything else is plain
/// data to read and change through [`Scene::node_mut`](crate::Scene::node_mut). A node
/// in a scene has its local transform in the scene ([`Scene::local_transform`](crate::Scene::local_transform)),
/// not in the node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The name from the file, if any.
    pub name: Option<String>,
    /// The mesh drawn at this node.
    pub mesh: Option<MeshId>,
    /// The skin that deforms the node's mesh.
    pub skin: Option<SkinId>,
    /// A punctual light at this node, shining along its local -Z.
    pub light: Option<LightId>,
    /// A camera at this node, looking along its local -Z.
    pub camera: Option<CameraId>,
    /// Morph target weights overriding the mesh's defaults.
    pub morph_weights: Option<Vec<f32>>,
    /// The node's glTF `extras` (exhibit metadata for venues, for instance).
    pub extras: Option<serde_json::Value>,
    /// The node's XMP metadata (glTF `KHR_xmp_json_ld`): an exhibit's label, for
    /// instance, as a venue's export writes it.
    pub xmp: Option<crate::XmpPacket>,
    /// The local transform the node is added with. Once it is in a scene, the scene's
    /// world cache holds its live local transform and this is not kept up to date:
    /// posed crowds set hundreds of thousands of transforms a frame, and a second copy
    /// in each node cost them about a sixth of their time.
    pub(crate) transform: Transform,
    pub(crate) parent: Option<NodeId>,
    pub(crate) children: Vec<NodeId>,
}

impl Default for Node {
    fn default() -> Self {
        Self::new()
    }
}

impl Node {
    /// An empty node with the identity transform, ready for [`Scene::add_node`](crate::Scene::add_node).
    pub fn new() -> Self {
        Self {
            name: None,
            mesh: None,
            skin: None,
            light: None,
            camera: None,
            morph_weights: None,
            extras: None,
            xmp: None,
            transform: Transform::IDENTITY,
            parent: None,
            children: Vec::new(),
        }
    }

    /// This node with a name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// This node with a local transform.
    pub fn with_transform(mut self, transform: Transform) -> Self {
        self.transform = transform;
        self
    }

    /// This node with a mesh.
    pub fn with_mesh(mut self, mesh: MeshId) -> Self {
        self.mesh = Some(mesh);
        self
    }

    /// The parent, or `None` for a root.
    pub fn parent(&self) -> Option<NodeId> {
        self.parent
    }

    /// The children, in order.
    pub fn children(&self) -> &[NodeId] {
        &self.children
    }
}
