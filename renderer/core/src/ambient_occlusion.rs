//! Screen-space ambient occlusion: how much of the ambient (environment) light reaches
//! each pixel, given the geometry around it on screen.
//!
//! When it is on, a frame first draws its opaque instances into a single-sample depth
//! prepass with view-space normals; `shaders/ao.wgsl` then estimates, per pixel, the
//! cosine-weighted visible share of the hemisphere from the horizons found along a few
//! screen-space slices (ground-truth AO, Jimenez et al. 2016), and an edge-aware 5×5
//! pass removes the per-pixel noise of the slice directions. The forward pass multiplies
//! the environment's diffuse light by the result (the smaller of it and the material's
//! occlusion) and its specular light by a specular occlusion derived from it. Direct
//! lights are not affected: their occlusion is the shadow maps'.
//!
//! The prepass also feeds the Hi-Z pyramid of occlusion culling in place of the forward
//! pass's depth.

use crate::camera::{CameraProjection, ViewCamera};
use crate::error::{RenderError, Result};
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::formats::{DEPTH_FORMAT, NORMAL_FORMAT, target_texture};
use museion_gpu::gpu_types::GpuAoParams;
use museion_gpu::pipeline;
use museion_gpu::shaders;
use museion_gpu::shaders::constants::IMAGE_TILE;

/// The format of the occlusion terms.
const AO_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::R32Float;

/// How ambient occlusion is computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AoSettings {
    /// Whether it runs (it costs a depth prepass and two compute passes).
    pub enabled: bool,
    /// World-space reach of the search, in metres: occluders farther away than this
    /// do not darken a point.
    pub radius: f32,
    /// Exponent applied to the visibility: above 1 darkens occluded areas more.
    pub power: f32,
    /// Directions searched per pixel (1 to 8).
    pub slices: u32,
    /// Samples along each side of a direction (1 to 16).
    pub steps: u32,
}

impl Default for AoSettings {
    /// Off; when on, a 0.75 m reach (rooms, furniture, sculptures on plinths), 3
    /// directions with 4 samples a side, and the visibility squared (as XeGTAO's
    /// default power of 2.2 does, this makes up for the light that the reach's falloff
    /// and the few directions let through).
    fn default() -> Self {
        Self {
            enabled: false,
            radius: 0.75,
            power: 2.0,
            slices: 3,
            steps: 4,
        }
    }
}

impl AoSettings {
    /// Checks the numbers are usable.
    pub fn check(&self) -> Result<()> {
        let valid = self.radius.is_finite()
            && self.radius > 0.0
            && self.power.is_finite()
            && self.power > 0.0
            && (1..=8).contains(&self.slices)
            && (1..=16).contains(&self.steps);
        if !valid && self.enabled {
            return Err(RenderError::InvalidSetting(format!(
                "ambient occlusion {self:?}: radius and power finite and above 0, 1 to 8 \
                 slices, 1 to 16 steps"
            )));
        }
        Ok(())
    }
}

/// The textures of one output size.
struct AoTargets {
    size: (u32, u32),
    depth: wgpu::TextureView,
    normals: wgpu::TextureView,
    occlusion: wgpu::TextureView,
    gtao_group: wgpu::BindGroup,
    denoise_group: wgpu::BindGroup,
}

/// The prepass targets, the two compute passes, and the term the lighting group binds.
pub(crate) struct AmbientOcclusion {
    gtao_layout: wgpu::BindGroupLayout,
    denoise_layout: wgpu::BindGroupLayout,
    gtao: wgpu::ComputePipeline,
    denoise: wgpu::ComputePipeline,
    params: wgpu::Buffer,
    targets: Option<AoTargets>,
    /// 1×1 white: no occlusion, bound when ambient occlusion is off.
    white: wgpu::TextureView,
}

impl AmbientOcclusion {
    pub fn new(ctx: &GpuContext) -> Self {
        let device = &ctx.device;
        let compute = wgpu::ShaderStages::COMPUTE;
        let depth = wgpu::BindGroupLayoutEntry {
            binding: 1,
            visibility: compute,
            ty: wgpu::BindingType::Texture {
                sample_type: wgpu::TextureSampleType::Depth,
                view_dimension: wgpu::TextureViewDimension::D2,
                multisampled: false,
            },
            count: None,
        };
        let storage = |binding| wgpu::BindGroupLayoutEntry {
            binding,
            visibility: compute,
            ty: wgpu::BindingType::StorageTexture {
                access: wgpu::StorageTextureAccess::WriteOnly,
                format: AO_FORMAT,
                view_dimension: wgpu::TextureViewDimension::D2,
            },
            count: None,
        };
        let common = [
            bindings::uniform(0, compute),
            depth,
            bindings::texture(2, compute, false),
        ];
        let layout = |label, extra: &[wgpu::BindGroupLayoutEntry]| {
            let entries: Vec<_> = common.iter().chain(extra).cloned().collect();
            device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                label: Some(label),
                entries: &entries,
            })
        };
        let gtao_layout = layout("gtao", &[storage(3)]);
        let denoise_layout = layout("ao denoise", &[bindings::texture(4, compute, false), storage(5)]);
        let module = shaders::ambient_occlusion().create(device);
        let gtao = pipeline::compute(device, "gtao", &module, "cs_gtao", &[Some(&gtao_layout)], &[]);
        let denoise = pipeline::compute(
            device,
            "ao denoise",
            &module,
            "cs_denoise",
            &[Some(&denoise_layout)],
            &[],
        );
        let params = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ao params"),
            size: size_of::<GpuAoParams>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let usage = wgpu::TextureUsages::COPY_DST | wgpu::TextureUsages::TEXTURE_BINDING;
        let white = target_texture(ctx, "ao off", (1, 1), AO_FORMAT, 1, usage);
        ctx.queue.write_texture(
            white.as_image_copy(),
            bytemuck::bytes_of(&1.0f32),
            wgpu::TexelCopyBufferLayout::default(),
            wgpu::Extent3d::default(),
        );
        Self {
            gtao_layout,
            denoise_layout,
            gtao,
            denoise,
            params,
            targets: None,
            white: white.create_view(&wgpu::TextureViewDescriptor::default()),
        }
    }

    /// Makes the targets for `size`; true when they were (re)made, so the lighting
    /// group must bind the new occlusion term.
    pub fn ensure_targets(&mut self, ctx: &GpuContext, size: (u32, u32)) -> bool {
        if self.targets.as_ref().is_some_and(|t| t.size == size) {
            return false;
        }
        let attachment = wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING;
        let storage = wgpu::TextureUsages::STORAGE_BINDING | wgpu::TextureUsages::TEXTURE_BINDING;
        let view = |label, format, usage| {
            target_texture(ctx, label, size, format, 1, usage)
                .create_view(&wgpu::TextureViewDescriptor::default())
        };
        let depth = view("prepass depth", DEPTH_FORMAT, attachment);
        let normals = view("prepass normals", NORMAL_FORMAT, attachment);
        let raw = view("ao raw", AO_FORMAT, storage);
        let occlusion = view("ao", AO_FORMAT, storage);
        let bind = |label, layout, extra: &[(u32, &wgpu::TextureView)]| {
            let view = |binding, view| wgpu::BindGroupEntry {
                binding,
                resource: wgpu::BindingResource::TextureView(view),
            };
            let mut entries = vec![
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: self.params.as_entire_binding(),
                },
                view(1, &depth),
                view(2, &normals),
            ];
            entries.extend(extra.iter().map(|&(binding, texture)| view(binding, texture)));
            ctx.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some(label),
                layout,
                entries: &entries,
            })
        };
        let gtao_group = bind("gtao", &self.gtao_layout, &[(3, &raw)]);
        let denoise_group = bind("ao denoise", &self.denoise_layout, &[(4, &raw), (5, &occlusion)]);
        self.targets = Some(AoTargets {
            size,
            depth,
            normals,
            occlusion,
            gtao_group,
            denoise_group,
        });
        true
    }

    /// The prepass's depth and normal targets when `settings` turn ambient occlusion on
    /// (after [`Self::ensure_targets`]).
    pub fn prepass_targets(&self, settings: &AoSettings) -> Option<(&wgpu::TextureView, &wgpu::TextureView)> {
        self.targets
            .as_ref()
            .filter(|_| settings.enabled)
            .map(|t| (&t.depth, &t.normals))
    }

    /// The occlusion term the lighting group binds: this frame's when `settings` turn
    /// ambient occlusion on, else white.
    pub fn term(&self, settings: &AoSettings) -> &wgpu::TextureView {
        match &self.targets {
            Some(targets) if settings.enabled => &targets.occlusion,
            _ => &self.white,
        }
    }

    /// Writes this frame's parameters.
    pub fn write(&self, ctx: &GpuContext, camera: &ViewCamera, size: (u32, u32), settings: &AoSettings) {
        let projection = camera.projection_matrix(size.0 as f32 / size.1 as f32);
        let params = GpuAoParams {
            projection: projection.to_cols_array_2d(),
            inverse_projection: projection.inverse().to_cols_array_2d(),
            size: [size.0, size.1],
            slices: settings.slices,
            steps: settings.steps,
            radius: settings.radius,
            // projection.y_axis.y is 1 / tan(yfov / 2) or 1 / half height.
            pixels_per_metre: projection.y_axis.y * 0.5 * size.1 as f32,
            orthographic: u32::from(matches!(camera.projection, CameraProjection::Orthographic { .. })),
            power: settings.power,
        };
        ctx.queue
            .write_buffer(&self.params, 0, bytemuck::bytes_of(&params));
    }

    /// Records the occlusion estimate and its denoise pass (after the prepass).
    pub fn record(&self, encoder: &mut wgpu::CommandEncoder) {
        let Some(targets) = &self.targets else {
            return;
        };
        let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some("ambient occlusion"),
            timestamp_writes: None,
        });
        let groups = (
            targets.size.0.div_ceil(IMAGE_TILE),
            targets.size.1.div_ceil(IMAGE_TILE),
        );
        for (pipeline, group) in [
            (&self.gtao, &targets.gtao_group),
            (&self.denoise, &targets.denoise_group),
        ] {
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, group, &[]);
            pass.dispatch_workgroups(groups.0, groups.1, 1);
        }
    }
}
