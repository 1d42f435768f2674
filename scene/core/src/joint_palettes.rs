//! Joint matrices worked out ahead of time: a crowd posed in bulk hands the scene the
//! joint matrices of its skinned nodes, and
//! [`Scene::joint_matrices_into`](crate::Scene::joint_matrices_into) (what the renderer,
//! picking and posed bounds read) copies them instead of composing them again — for as
//! long as no transform of the scene has changed since. The palettes and the store a
//! scene keeps them in; the scene's methods are in `scene_palettes.rs`.

use crate::error::{Error, Result};
use crate::ids::{NodeId, PalettesId, SkinId};
use glam::Mat4;
use std::collections::HashMap;
use std::ops::Range;

/// The joint matrices of many skinned nodes: one palette per node (its skin's joint
/// matrices, in the node's space as [`Scene::joint_matrices`](crate::Scene::joint_matrices) gives them), side by
/// side in one buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct JointPalettes {
    /// `None` for a retired palette.
    nodes: Vec<Option<NodeId>>,
    skins: Vec<SkinId>,
    /// Where each palette starts in `matrices`, and the end of the last.
    starts: Vec<usize>,
    /// One matrix per 64-byte cache line (an allocation of plain `Mat4`s starts 16 bytes
    /// into a line, so that each would straddle two).
    matrices: Vec<LineMatrix>,
}

/// A matrix alone on a cache line.
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C, align(64))]
struct LineMatrix(Mat4);

impl Default for JointPalettes {
    fn default() -> Self {
        Self::new()
    }
}

impl JointPalettes {
    /// No palettes.
    pub fn new() -> Self {
        Self {
            nodes: Vec::new(),
            skins: Vec::new(),
            starts: vec![0],
            matrices: Vec::new(),
        }
    }

    /// Adds a palette of `joints` identity matrices for `node`, skinned by `skin`;
    /// returns its index.
    pub fn push(&mut self, node: NodeId, skin: SkinId, joints: usize) -> usize {
        self.nodes.push(Some(node));
        self.skins.push(skin);
        self.matrices
            .resize(self.matrices.len() + joints, LineMatrix(Mat4::IDENTITY));
        self.starts.push(self.matrices.len());
        self.nodes.len() - 1
    }

    /// The number of palettes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True without palettes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The skinned node of palette `i` (`None` once retired).
    pub fn node(&self, i: usize) -> Option<NodeId> {
        self.nodes.get(i).copied().flatten()
    }

    /// Retires palette `i`: it serves its node no more (the node is posed some other
    /// way now). Its matrices keep their place.
    pub fn retire(&mut self, i: usize) {
        if let Some(node) = self.nodes.get_mut(i) {
            *node = None;
        }
    }

    /// Where palette `i` lies in [`JointPalettes::matrices`].
    pub fn range(&self, i: usize) -> Range<usize> {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) => start..end,
            _ => 0..0,
        }
    }

    /// The matrices of palette `i` (empty when there is none).
    pub fn palette(&self, i: usize) -> &[Mat4] {
        &self.matrices()[self.range(i)]
    }

    /// Every palette's matrices, in the order they were pushed.
    pub fn matrices(&self) -> &[Mat4] {
        bytemuck::cast_slice(&self.matrices)
    }

    /// The skin of palette `i`.
    pub(crate) fn skin(&self, i: usize) -> Option<SkinId> {
        self.skins.get(i).copied()
    }

    /// The nodes of the palettes (`None` where retired).
    pub(crate) fn nodes(&self) -> &[Option<NodeId>] {
        &self.nodes
    }

    /// Every palette's matrices, to fill (in parallel, say, split at the palettes'
    /// [`range`](JointPalettes::range)s).
    pub fn matrices_mut(&mut self) -> &mut [Mat4] {
        bytemuck::cast_slice_mut(&mut self.matrices)
    }
}

/// One set of palettes a scene holds.
#[derive(Clone, Debug)]
pub(crate) struct Held {
    /// `None` while taken out.
    pub palettes: Option<JointPalettes>,
    /// The `Scene::transform_changes` count the matrices were put at; `None` before.
    pub stamp: Option<u64>,
    /// The nodes as the store's index has them.
    pub indexed: Vec<Option<NodeId>>,
}

/// The palettes a scene holds, and which palette each skinned node's slot has.
#[derive(Clone, Debug, Default)]
pub(crate) struct PaletteStore {
    pub sets: Vec<Option<Held>>,
    /// Node slot → (set, palette).
    pub index: HashMap<u32, (u32, u32)>,
}

impl PaletteStore {
    pub fn index_set(&mut self, set: u32, nodes: &[Option<NodeId>]) {
        for (i, node) in nodes.iter().enumerate() {
            if let Some(node) = node {
                self.index.insert(node.index(), (set, i as u32));
            }
        }
    }

    pub fn unindex_set(&mut self, set: u32) {
        self.index.retain(|_, (s, _)| *s != set);
    }

    pub fn held_mut(&mut self, id: PalettesId) -> Result<&mut Held> {
        self.sets
            .get_mut(id.0 as usize)
            .and_then(Option::as_mut)
            .ok_or(Error::UnknownPalettes(id))
    }
}
