//! Instances on the GPU: transforms, bounding spheres and draw groups of every mesh
//! instance, sorted into multi-draw-friendly groups.

use super::groups::{self, DrawGroupInfo, DrawKey};
use super::{GpuScene, InstanceArrays, PooledPrimitive, lod_pixels, sphere_bounds};
use crate::error::Result;
use glam::Mat3;
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::{GpuDrawGroup, GpuPipelineGroup};
use museion_gpu::shaders::constants::{group_flags, material_flags};
use museion_scene::Scene;
use std::collections::HashMap;

impl GpuScene {
    /// Rebuilds the instance arrays and draw groups from the scene; uploads the runs of
    /// instances that changed, and the group tables when the grouping changed.
    pub(super) fn sync_instances(
        &mut self,
        ctx: &GpuContext,
        scene: &Scene,
        meshes_changed: bool,
    ) -> Result<usize> {
        let default_material = scene.materials.len() as u32;
        // Pass 1: every drawable instance, with the identity of its group. A deformed
        // instance draws its own copy of the vertices, so it is a group of its own (the
        // copy's first vertex tells them apart); others share (copy: u32::MAX).
        type GroupId = (u32, u32, u32, bool, u32);
        let mut placed: Vec<(GroupId, museion_scene::MeshInstance)> = Vec::new();
        let mut copies: HashMap<u32, PooledPrimitive> = HashMap::new();
        self.deformer.begin(ctx);
        for instance in scene.instances() {
            let Some(uploaded) = self.meshes.get(instance.mesh.index()) else {
                continue;
            };
            let Some(lods) = uploaded.primitives.get(instance.primitive) else {
                continue;
            };
            if lods[0].indices.is_empty() {
                continue;
            }
            let revision = uploaded.revision;
            let copy = self
                .deformer
                .place(ctx, &mut self.pool, scene, &instance, revision)?;
            let copy_id = match copy {
                Some(copy) => {
                    let id = copy.vertices.start;
                    copies.insert(id, copy);
                    id
                }
                None => u32::MAX,
            };
            let material = instance
                .material
                .filter(|m| m.index() < scene.materials.len())
                .map_or(default_material, |m| m.0);
            let mirrored = Mat3::from_mat4(instance.world).determinant() < 0.0;
            placed.push((
                (
                    instance.mesh.0,
                    instance.primitive as u32,
                    material,
                    mirrored,
                    copy_id,
                ),
                instance,
            ));
        }
        self.deformer.finish(ctx, &mut self.pool);
        // Pass 2: groups sorted by pipeline state and material, so that pipeline groups
        // are contiguous.
        let mut ids: Vec<GroupId> = placed.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut groups: Vec<DrawGroupInfo> = ids
            .iter()
            .map(|&(mesh, primitive, material, mirrored, copy)| {
                let lods = match copies.get(&copy) {
                    Some(copy) => vec![copy.clone()],
                    None => self.meshes[mesh as usize].primitives[primitive as usize].clone(),
                };
                let flags = self.materials[material as usize].flags;
                DrawGroupInfo {
                    key: DrawKey {
                        topology: DrawKey::topology_code(lods[0].topology),
                        double_sided: flags & material_flags::DOUBLE_SIDED != 0,
                        mirrored,
                        blend: flags & (material_flags::ALPHA_BLEND | material_flags::TRANSMISSION) != 0,
                        transmission: flags & material_flags::TRANSMISSION != 0,
                        layers: flags & material_flags::LAYERS,
                    },
                    material,
                    lods,
                    instances: 0,
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by_key(|&g| (groups[g].key, groups[g].material, ids[g]));
        let mut rank = vec![0u32; groups.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old] = new as u32;
        }
        groups = order.iter().map(|&g| groups[g].clone()).collect();
        let index_of: HashMap<GroupId, u32> = ids.iter().enumerate().map(|(g, id)| (*id, rank[g])).collect();

        // Pass 3: the arrays.
        let mut arrays = InstanceArrays::default();
        let mut blended = Vec::new();
        for (id, instance) in &placed {
            let group = index_of[id];
            groups[group as usize].instances += 1;
            if groups[group as usize].key.blend {
                blended.push(arrays.group_of.len() as u32);
            }
            let rows = instance.world.transpose();
            arrays.transforms.push([
                rows.x_axis.to_array(),
                rows.y_axis.to_array(),
                rows.z_axis.to_array(),
            ]);
            let sphere = instance.bounds.sphere;
            arrays
                .spheres
                .push(sphere.center.extend(sphere.radius).to_array());
            arrays.group_of.push(group);
        }

        let layout_changed =
            meshes_changed || groups != self.groups || arrays.group_of.len() != self.arrays.group_of.len();
        let (t, written) = self
            .transform_buffer
            .update(ctx, &self.arrays.transforms, &arrays.transforms, 16);
        let (s, _) = self
            .sphere_buffer
            .update(ctx, &self.arrays.spheres, &arrays.spheres, 16);
        let (g, _) = self
            .group_of_buffer
            .update(ctx, &self.arrays.group_of, &arrays.group_of, 16);
        if layout_changed || t || s || g {
            self.generation += 1;
        }
        if layout_changed {
            let (batches, pipeline_groups) = groups::batches_of(&groups);
            let mut first_batch = 0;
            let records: Vec<GpuDrawGroup> = groups
                .iter()
                .map(|group| {
                    let record = GpuDrawGroup {
                        material: group.material,
                        first_batch,
                        lod_count: group.lods.len() as u32,
                        flags: if group.key.blend { group_flags::BLENDED } else { 0 },
                        lod_pixels: lod_pixels(&group.lods[0]),
                        _pad: [0; 3],
                    };
                    first_batch += group.lods.len() as u32;
                    record
                })
                .collect();
            self.group_buffer.update(ctx, &[], &records, 1);
            self.group_records = records;
            let regions: Vec<GpuPipelineGroup> = pipeline_groups
                .iter()
                .map(|p| GpuPipelineGroup {
                    first_command: p.batches.start,
                    command_count: p.batches.end - p.batches.start,
                })
                .collect();
            self.pipeline_group_buffer.update(ctx, &[], &regions, 1);
            self.groups = groups;
            self.batches = batches;
            self.pipeline_groups = pipeline_groups;
        }
        self.bounds = sphere_bounds(&arrays.spheres);
        self.arrays = arrays;
        self.blended = blended;
        Ok(written)
    }
}
