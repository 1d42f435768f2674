//! Typed handles for everything a [`Scene`](crate::Scene) owns.

use std::fmt;

/// A stable handle to a node of a [`Scene`](crate::Scene).
///
/// Handles stay valid while their node lives; after the node is removed, the slot may be
/// reused, and the generation tells a stale handle from the new node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    pub(crate) index: u32,
    pub(crate) generation: u32,
}

impl NodeId {
    /// The slot index of this node in the scene's arena (dense, reused after removal).
    pub fn index(self) -> u32 {
        self.index
    }

    /// The generation of the slot when this handle was made.
    pub fn generation(self) -> u32 {
        self.generation
    }
}

/// A set of joint palettes a scene holds
/// ([`Scene::add_joint_palettes`](crate::Scene::add_joint_palettes)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PalettesId(pub(crate) u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node {}v{}", self.index, self.generation)
    }
}

macro_rules! asset_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            /// The index into the scene's list of this kind of asset.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

asset_id! {
    /// A handle to a [`Mesh`](crate::Mesh) in [`Scene::meshes`](crate::Scene::meshes).
    MeshId,
    /// A handle to a [`Material`](crate::Material) in [`Scene::materials`](crate::Scene::materials).
    MaterialId,
    /// A handle to a [`Texture`](crate::Texture) in [`Scene::textures`](crate::Scene::textures).
    TextureId,
    /// A handle to a [`Sampler`](crate::Sampler) in [`Scene::samplers`](crate::Scene::samplers).
    SamplerId,
    /// A handle to an [`Image`](crate::Image) in [`Scene::images`](crate::Scene::images).
    ImageId,
    /// A handle to a [`Light`](crate::Light) in [`Scene::lights`](crate::Scene::lights).
    LightId,
    /// A handle to a [`Camera`](crate::Camera) in [`Scene::cameras`](crate::Scene::cameras).
    CameraId,
    /// A handle to a [`Skin`](crate::Skin) in [`Scene::skins`](crate::Scene::skins).
    SkinId,
    /// A handle to an [`Animation`](crate::Animation) in [`Scene::animations`](crate::Scene::animations).
    AnimationId,
}
