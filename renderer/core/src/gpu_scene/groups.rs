//! Draw groups (a primitive with a material and pipeline), their level-of-detail
//! batches, and the pipeline groups (one multi-draw call each) they form.

use super::mesh_pool::PooledPrimitive;
use museion_scene::Topology;
use std::ops::Range;

/// What makes draws need different pipelines (the sample count aside).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DrawKey {
    /// 0 triangles, 1 lines, 2 points.
    pub topology: u8,
    /// Both faces drawn.
    pub double_sided: bool,
    /// Clockwise front faces (a mirroring node).
    pub mirrored: bool,
    /// Drawn after the opaque scene, farthest first: alpha-blended or transmissive.
    pub blend: bool,
    /// Transmissive (`KHR_materials_transmission`): reads the opaque scene behind it, and
    /// writes its colour without blending.
    pub transmission: bool,
    /// The material's `material_flags::LAYERS`: which variant of the forward shader.
    pub layers: u32,
}

impl DrawKey {
    pub(crate) fn topology_code(topology: Topology) -> u8 {
        match topology {
            Topology::Triangles => 0,
            Topology::Lines => 1,
            Topology::Points => 2,
        }
    }
}

/// A primitive drawn with one material and pipeline, by every instance placing it.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawGroupInfo {
    /// Pipeline state.
    pub key: DrawKey,
    /// Index into the material table.
    pub material: u32,
    /// The geometry, finest level first.
    pub lods: Vec<PooledPrimitive>,
    /// Instances of this group.
    pub instances: u32,
}

/// One level of detail of a draw group.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchInfo {
    /// The draw group.
    pub group: u32,
    /// The level of detail.
    pub lod: u32,
    /// Its geometry.
    pub primitive: PooledPrimitive,
}

/// Consecutive batches drawn by one multi-draw call: same pipeline, same material.
#[derive(Clone, Debug, PartialEq)]
pub struct PipelineGroupInfo {
    /// Pipeline state.
    pub key: DrawKey,
    /// Material table entry (and its texture bind group).
    pub material: u32,
    /// Its batches (and command slots).
    pub batches: Range<u32>,
}

/// Batches and pipeline groups for draw groups sorted by (key, material).
pub(crate) fn batches_of(groups: &[DrawGroupInfo]) -> (Vec<BatchInfo>, Vec<PipelineGroupInfo>) {
    let mut batches = Vec::new();
    let mut pipeline_groups: Vec<PipelineGroupInfo> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let start = batches.len() as u32;
        for (lod, primitive) in group.lods.iter().enumerate() {
            batches.push(BatchInfo {
                group: g as u32,
                lod: lod as u32,
                primitive: primitive.clone(),
            });
        }
        let end = batches.len() as u32;
        match pipeline_groups.last_mut() {
            Some(last) if last.key == group.key && last.material == group.material => last.batches.end = end,
            _ => pipeline_groups.push(PipelineGroupInfo {
                key: group.key,
                material: group.material,
                batches: start..end,
            }),
        }
    }
    (batches, pipeline_groups)
}
