//! Clustered forward lighting: the view frustum cut into screen tiles and exponential
//! depth slices; every frame a compute pass (`shaders/clusters.wgsl`) lists in each
//! cluster the point and spot lights whose volumes touch it, and the forward pass
//! shades a pixel with its cluster's lights and the directional ones only. The buffers
//! live in the lighting group (group 1), which every shading pass binds.

use crate::camera::{CameraProjection, ViewCamera};
use crate::gpu_scene::GpuScene;
use museion_gpu::gpu_types::GpuClusterParams;
use museion_gpu::shaders::constants::{CLUSTER_WORKGROUP, cluster_stat, light_kind};
use museion_gpu::{GpuContext, bindings, pipeline, shaders};

/// How lights are gathered per pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterSettings {
    /// Loop only the lights of a pixel's cluster (on by default); off, every pixel
    /// loops every light, as a reference and for comparison.
    pub enabled: bool,
    /// Side of a cluster's screen tile, pixels (at least 8).
    pub tile_size: u32,
    /// Depth slices (1 to 64): the first from the near plane to
    /// [`first_slice_depth`](Self::first_slice_depth), the others exponentially spaced
    /// from there to the farthest scene point.
    pub slices: u32,
    /// Where the first slice ends, metres: the few metres in front of the eye take one
    /// slice rather than half of them.
    pub first_slice_depth: f32,
    /// Lights a cluster's list holds (1 to 1,024); a cluster reached by more keeps the
    /// brightest and the statistics count the rest ([`ClusterStats::dropped`]).
    pub capacity: u32,
}

impl Default for ClusterSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            tile_size: 64,
            slices: 48,
            first_slice_depth: 1.0,
            capacity: 256,
        }
    }
}

impl ClusterSettings {
    /// Tiles across and down for a target of `size`, and slices.
    pub fn grid(&self, size: (u32, u32)) -> [u32; 3] {
        let tile = self.tile_size.max(8);
        [
            size.0.div_ceil(tile).max(1),
            size.1.div_ceil(tile).max(1),
            self.slices.clamp(1, 64),
        ]
    }

    /// Clusters for a target of `size`.
    pub fn cluster_count(&self, size: (u32, u32)) -> u32 {
        self.grid(size).iter().product()
    }

    fn capacity(&self) -> u32 {
        self.capacity.clamp(1, 1024)
    }
}

/// What the last frame's light assignment found (see [`crate::Renderer::read_cluster_stats`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClusterStats {
    /// Lights in the scene (every kind).
    pub lights: u32,
    /// Point and spot lights that reach at least one cluster, plus the directional
    /// ones (which reach every pixel).
    pub visible: u32,
    /// Clusters of the view.
    pub clusters: u32,
    /// Mean point and spot lights reaching a cluster.
    pub mean_per_cluster: f32,
    /// The most point and spot lights reaching one cluster.
    pub max_per_cluster: u32,
    /// Clusters reached by more lights than their list holds.
    pub overflowed_clusters: u32,
    /// Light-cluster pairs left out of full lists (the dimmest in each).
    pub dropped: u32,
}

/// The pass's pipelines and buffers.
pub(crate) struct LightClusters {
    layout: wgpu::BindGroupLayout,
    volumes_pipeline: wgpu::ComputePipeline,
    tiles_pipeline: wgpu::ComputePipeline,
    assign_pipeline: wgpu::ComputePipeline,
    count_pipeline: wgpu::ComputePipeline,
    pub params: wgpu::Buffer,
    /// Directional lights' indices, then each cluster's count and list.
    pub lists: wgpu::Buffer,
    volumes: wgpu::Buffer,
    /// Per screen tile, the lights that may reach its column of clusters.
    tiles: wgpu::Buffer,
    stats: wgpu::Buffer,
    /// This frame's parameters, as written.
    current: GpuClusterParams,
}

/// Bytes of a light's view-space volume (`LightVolume` in clusters.wgsl).
const VOLUME_BYTES: u64 = 80;

impl LightClusters {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let compute = wgpu::ShaderStages::COMPUTE;
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("light clusters"),
            entries: &[
                bindings::uniform(0, compute),
                bindings::storage(1, compute),
                bindings::storage_rw(2, compute),
                bindings::storage_rw(3, compute),
                bindings::storage_rw(4, compute),
                bindings::storage_rw(5, compute),
            ],
        });
        let module = shaders::clusters().create(device);
        let make = |entry: &str| pipeline::compute(device, entry, &module, entry, &[Some(&layout)], &[]);
        let storage = wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST;
        Self {
            volumes_pipeline: make("place_volumes"),
            tiles_pipeline: make("gather_tiles"),
            assign_pipeline: make("assign_lights"),
            count_pipeline: make("count_visible"),
            layout,
            params: device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("cluster params"),
                size: size_of::<GpuClusterParams>() as u64,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }),
            lists: buffer(ctx, "cluster lists", 256, storage),
            volumes: buffer(ctx, "light volumes", 256, storage),
            tiles: buffer(ctx, "tile lights", 256, storage),
            stats: buffer(
                ctx,
                "cluster statistics",
                256,
                storage | wgpu::BufferUsages::COPY_SRC,
            ),
            current: GpuClusterParams::default(),
        }
    }

    /// Writes the frame's parameters and the directional lights' list, growing the
    /// buffers as needed; true when the lists buffer was replaced (the lighting group
    /// must be made again).
    pub fn prepare(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        camera: &ViewCamera,
        size: (u32, u32),
        settings: &ClusterSettings,
    ) -> bool {
        let lights = scene.lights();
        let directional: Vec<u32> = lights
            .iter()
            .enumerate()
            .filter(|(_, l)| l.kind == light_kind::DIRECTIONAL)
            .map(|(i, _)| i as u32)
            .collect();
        let limit = ctx.device.limits().max_storage_buffer_binding_size;
        let (grid, capacity) = fit(settings, size, directional.len() as u64, limit);
        let clusters = u64::from(grid.iter().product::<u32>());
        let words = directional.len() as u64 + clusters * u64::from(capacity + 1);
        let storage = wgpu::BufferUsages::STORAGE | wgpu::BufferUsages::COPY_DST;
        let mut replaced = false;
        if self.lists.size() < words * 4 {
            self.lists = buffer(ctx, "cluster lists", words * 4, storage);
            replaced = true;
        }
        let light_count = lights.len() as u64;
        // Every light fits a tile's list where the adapter can bind that much; else a
        // tile with more lights than its list holds has its clusters test every light.
        let tiles = u64::from(grid[0] * grid[1]);
        let tile_capacity = (limit / 4 / tiles).saturating_sub(1).min(light_count).max(1) as u32;
        let tile_bytes = tiles * u64::from(tile_capacity + 1) * 4;
        if self.tiles.size() < tile_bytes {
            self.tiles = buffer(ctx, "tile lights", tile_bytes, storage);
        }
        if self.volumes.size() < light_count * VOLUME_BYTES {
            self.volumes = buffer(ctx, "light volumes", light_count * VOLUME_BYTES, storage);
        }
        let stats_bytes = (u64::from(cluster_stat::WORDS) + light_count) * 4;
        if self.stats.size() < stats_bytes {
            let usage = storage | wgpu::BufferUsages::COPY_SRC;
            self.stats = buffer(ctx, "cluster statistics", stats_bytes, usage);
        }
        self.current = params(camera, size, grid, capacity, scene, settings);
        self.current.light_count = lights.len() as u32;
        self.current.directional_count = directional.len() as u32;
        self.current.tile_capacity = tile_capacity;
        ctx.queue
            .write_buffer(&self.params, 0, bytemuck::bytes_of(&self.current));
        if !directional.is_empty() {
            ctx.queue
                .write_buffer(&self.lists, 0, bytemuck::cast_slice(&directional));
        }
        replaced
    }

    /// Records the assignment of the lights to the clusters (nothing when clustering is
    /// off or the scene has no point or spot light).
    pub fn record(&self, ctx: &GpuContext, scene: &GpuScene, encoder: &mut wgpu::CommandEncoder) {
        if !self.assigns() {
            return;
        }
        let p = &self.current;
        let group = bindings::group(
            &ctx.device,
            Some("light clusters"),
            &self.layout,
            [
                self.params.as_entire_binding(),
                scene.light_buffer().as_entire_binding(),
                self.volumes.as_entire_binding(),
                self.lists.as_entire_binding(),
                self.stats.as_entire_binding(),
                self.tiles.as_entire_binding(),
            ],
        );
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("light clusters"),
            timestamp_writes: None,
        });
        pass.set_bind_group(0, &group, &[]);
        let per_light = p.light_count.div_ceil(CLUSTER_WORKGROUP);
        pass.set_pipeline(&self.volumes_pipeline);
        pass.dispatch_workgroups(per_light, 1, 1);
        pass.set_pipeline(&self.tiles_pipeline);
        pass.dispatch_workgroups((p.grid[0] * p.grid[1]).div_ceil(CLUSTER_WORKGROUP), 1, 1);
        pass.set_pipeline(&self.assign_pipeline);
        pass.dispatch_workgroups(self.cluster_count().div_ceil(CLUSTER_WORKGROUP), 1, 1);
        pass.set_pipeline(&self.count_pipeline);
        pass.dispatch_workgroups(per_light, 1, 1);
    }

    /// True when this frame assigns lights to clusters: clustering is on and the scene
    /// has a point or spot light.
    fn assigns(&self) -> bool {
        let p = &self.current;
        p.enabled != 0 && p.light_count > p.directional_count
    }

    /// Clusters of this frame's grid.
    fn cluster_count(&self) -> u32 {
        self.current.grid.iter().product()
    }

    /// The statistics of the last recorded assignment (waits for the GPU).
    pub fn read_stats(&self, ctx: &GpuContext) -> crate::error::Result<ClusterStats> {
        let p = &self.current;
        let clusters = self.cluster_count();
        let mut stats = ClusterStats {
            lights: p.light_count,
            visible: p.directional_count,
            clusters,
            ..ClusterStats::default()
        };
        if !self.assigns() {
            return Ok(stats);
        }
        let bytes =
            museion_gpu::readback::read_buffers(ctx, &[(&self.stats, u64::from(cluster_stat::WORDS) * 4)])?;
        let words: &[u32] = bytemuck::cast_slice(&bytes[0]);
        let word = |w: u32| words[w as usize];
        stats.visible += word(cluster_stat::VISIBLE);
        stats.mean_per_cluster = word(cluster_stat::SUM) as f32 / clusters.max(1) as f32;
        stats.max_per_cluster = word(cluster_stat::MAX);
        stats.overflowed_clusters = word(cluster_stat::OVERFLOWED);
        stats.dropped = word(cluster_stat::DROPPED);
        Ok(stats)
    }
}

/// The grid and list capacity `settings` ask for, cut to fit the lists in `limit`
/// bytes (what the adapter binds at once): first fewer lights per list (down to 16),
/// then larger tiles. Says so in the log when it cuts.
fn fit(settings: &ClusterSettings, size: (u32, u32), directional: u64, limit: u64) -> ([u32; 3], u32) {
    let bytes = |grid: [u32; 3], capacity: u32| {
        (directional + u64::from(grid.iter().product::<u32>()) * u64::from(capacity + 1)) * 4
    };
    let mut settings = *settings;
    let mut grid = settings.grid(size);
    let mut capacity = settings.capacity();
    while bytes(grid, capacity) > limit {
        if capacity > 16 {
            capacity = (capacity / 2).max(16);
        } else {
            settings.tile_size *= 2;
            grid = settings.grid(size);
        }
    }
    if capacity != settings.capacity() || grid != settings.grid(size) {
        log::warn!(
            "light clusters cut to fit the adapter's {} MiB binding: {}x{}x{} clusters of {} lights",
            limit >> 20,
            grid[0],
            grid[1],
            grid[2],
            capacity
        );
    }
    (grid, capacity)
}

fn buffer(ctx: &GpuContext, label: &str, size: u64, usage: wgpu::BufferUsages) -> wgpu::Buffer {
    ctx.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some(label),
        size: size.max(16).next_multiple_of(16),
        usage,
        mapped_at_creation: false,
    })
}

/// The clusters' parameters for `camera` on a target of `size`: slices from the near
/// plane to the farthest point of the scene's bounds (or the far plane of an
/// orthographic view).
fn params(
    camera: &ViewCamera,
    size: (u32, u32),
    grid: [u32; 3],
    capacity: u32,
    scene: &GpuScene,
    settings: &ClusterSettings,
) -> GpuClusterParams {
    let aspect = size.0 as f32 / size.1.max(1) as f32;
    let (near, far, linear) = match camera.projection {
        CameraProjection::Perspective { znear, .. } => {
            let far = scene
                .bounds()
                .map_or(znear * 1000.0, |b| farthest_depth(camera, b));
            (znear, far.max(znear * 2.0), false)
        }
        CameraProjection::Orthographic { znear, zfar, .. } => (znear, zfar.max(znear + 1e-3), true),
    };
    let slices = grid[2] as f32;
    // Between the near plane and half way to the far end.
    let first_slice = settings
        .first_slice_depth
        .clamp(near * 2.0, (far * 0.5).max(near * 2.0));
    let (slice_scale, slice_bias) = if linear {
        (slices / (far - near), 0.0)
    } else if grid[2] == 1 {
        (0.0, 0.0)
    } else {
        // Slice 1 begins at `first_slice`; depths before it fall below 1, into slice 0.
        let scale = (slices - 1.0) / (far / first_slice).ln();
        (scale, 1.0 - first_slice.ln() * scale)
    };
    let tile = [size.0 as f32 / grid[0] as f32, size.1 as f32 / grid[1] as f32];
    // Tiles of whole pixels (the last may be cut short by the target's edge).
    let tile = tile.map(f32::ceil);
    let projection = camera.projection_matrix(aspect);
    GpuClusterParams {
        projection: projection.to_cols_array_2d(),
        inverse_projection: projection.inverse().to_cols_array_2d(),
        view: camera.view.to_cols_array_2d(),
        grid,
        capacity,
        tile,
        size: [size.0 as f32, size.1 as f32],
        near,
        far,
        slice_scale,
        slice_bias,
        linear: u32::from(linear),
        light_count: 0,
        directional_count: 0,
        enabled: u32::from(settings.enabled),
        tile_capacity: 0,
        first_slice,
        _pad: [0; 2],
    }
}

/// The largest view depth of a corner of `bounds` (at least a millimetre).
fn farthest_depth(camera: &ViewCamera, bounds: museion_scene::Aabb) -> f32 {
    let (low, high) = (bounds.min, bounds.max);
    (0..8)
        .map(|corner| {
            let p = glam::Vec3::new(
                if corner & 1 == 0 { low.x } else { high.x },
                if corner & 2 == 0 { low.y } else { high.y },
                if corner & 4 == 0 { low.z } else { high.z },
            );
            -camera.view.transform_point3(p).z
        })
        .fold(1e-3, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_covers_the_target_in_whole_tiles() {
        let settings = ClusterSettings::default();
        assert_eq!(settings.grid((1280, 720)), [20, 12, 48]);
        assert_eq!(settings.grid((1281, 1)), [21, 1, 48]);
        assert_eq!(settings.cluster_count((64, 64)), 48);
    }

    #[test]
    fn lists_too_large_to_bind_are_cut_to_fit() {
        let settings = ClusterSettings {
            tile_size: 16,
            slices: 48,
            capacity: 256,
            ..ClusterSettings::default()
        };
        let limit = 128 << 20;
        let (grid, capacity) = fit(&settings, (1280, 720), 2, limit);
        let bytes = (2 + u64::from(grid.iter().product::<u32>()) * u64::from(capacity + 1)) * 4;
        assert!(bytes <= limit, "{grid:?} {capacity}");
        assert_eq!((grid, capacity), ([80, 45, 48], 128));
        // Far too small a limit: larger tiles too.
        let (grid, capacity) = fit(&settings, (1280, 720), 2, 1 << 20);
        assert_eq!(capacity, 16);
        assert!(grid[0] < 80, "{grid:?}");
        // What fits is left alone.
        assert_eq!(
            fit(&ClusterSettings::default(), (640, 480), 0, limit),
            ([10, 8, 48], 256)
        );
    }
}
