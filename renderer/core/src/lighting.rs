//! The frame's light beyond the light list, bound as group 1 by the passes that shade:
//! the baked environment (specular chain and irradiance cube), the split-sum table,
//! their uniform, the shadow maps, the occlusion term, the transmission source, the
//! light clusters and the baked irradiance probes.

use crate::camera::ViewCamera;
use crate::clusters::{ClusterSettings, LightClusters};
use crate::culling::{CullMode, CullingCore};
use crate::error::Result;
use crate::gpu_scene::GpuScene;
use crate::probes::ProbeBindings;
use crate::shading_view::ShadingView;
use crate::shadows::{CASCADE_BLEND, ShadowMaps, ShadowPlan, ShadowSettings};
use museion_environment::{Baker, Environment, EnvironmentSource, linear_sampler};
use museion_gpu::GpuContext;
use museion_gpu::bindings;
use museion_gpu::gpu_types::GpuLighting;
use museion_gpu::shaders::constants::lighting_flags;

/// How the environment lights a frame.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvironmentSettings {
    /// Where the light comes from.
    pub source: EnvironmentSource,
    /// Scale of its radiance.
    pub intensity: f32,
    /// Turn about +Y, degrees (counter-clockwise seen from above).
    pub rotation_degrees: f32,
    /// Draw the environment where no geometry is, instead of the background colour.
    pub skybox: bool,
}

impl Default for EnvironmentSettings {
    fn default() -> Self {
        Self {
            source: EnvironmentSource::Studio,
            intensity: 1.0,
            rotation_degrees: 0.0,
            skybox: false,
        }
    }
}

/// What the lighting group binds, in binding order.
struct Bound {
    uniform: wgpu::Buffer,
    environment: Environment,
    sampler: wgpu::Sampler,
    /// The split-sum BRDF table.
    table: wgpu::TextureView,
    shadows: ShadowMaps,
    /// The screen-space ambient occlusion term (white when that is off).
    occlusion: wgpu::TextureView,
    /// The opaque scene with its mip chain, which transmissive surfaces read (black 1×1
    /// when none is drawn).
    transmission: wgpu::TextureView,
    // Binding 9, the environment's irradiance cube, comes from `environment`.
    /// Bindings 10 and 11: the clusters' lists and parameters.
    clusters: LightClusters,
    /// Bindings 12 to 16: the probe atlas, its parameters, the grids, the room map, the
    /// rooms' reflection cubes.
    probes: ProbeBindings,
}

impl Bound {
    fn bind_group(&self, ctx: &GpuContext, layout: &wgpu::BindGroupLayout) -> wgpu::BindGroup {
        bindings::group(
            &ctx.device,
            Some("lighting"),
            layout,
            [
                self.uniform.as_entire_binding(),
                wgpu::BindingResource::TextureView(self.environment.view()),
                wgpu::BindingResource::Sampler(&self.sampler),
                wgpu::BindingResource::TextureView(&self.table),
                self.shadows.views.buffer.as_entire_binding(),
                wgpu::BindingResource::TextureView(&self.shadows.atlas_view),
                wgpu::BindingResource::Sampler(&self.shadows.sampler),
                wgpu::BindingResource::TextureView(&self.occlusion),
                wgpu::BindingResource::TextureView(&self.transmission),
                wgpu::BindingResource::TextureView(self.environment.irradiance_view()),
                self.clusters.lists.as_entire_binding(),
                self.clusters.params.as_entire_binding(),
                wgpu::BindingResource::TextureView(&self.probes.atlas),
                self.probes.params.as_entire_binding(),
                self.probes.volumes.as_entire_binding(),
                wgpu::BindingResource::TextureView(&self.probes.map),
                wgpu::BindingResource::TextureView(&self.probes.reflections),
            ],
        )
    }
}

pub(crate) struct Lighting {
    baker: Baker,
    pub layout: wgpu::BindGroupLayout,
    bound: Bound,
    bind_group: wgpu::BindGroup,
}

impl Lighting {
    /// The split-sum table, and `source` loaded.
    /// `occlusion` is the ambient occlusion term to bind (see [`Lighting::set_occlusion`]),
    /// `transmission` what transmissive surfaces read (see [`Lighting::set_transmission`]).
    pub fn new(
        ctx: &GpuContext,
        scene: &GpuScene,
        source: &EnvironmentSource,
        (occlusion, transmission): (&wgpu::TextureView, &wgpu::TextureView),
    ) -> Result<Self> {
        let fragment = wgpu::ShaderStages::FRAGMENT;
        let layout = ctx
            .device
            .create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                label: Some("lighting"),
                entries: &[
                    bindings::uniform(0, fragment),
                    bindings::texture_cube(1, fragment),
                    bindings::sampler(2, fragment),
                    bindings::texture(3, fragment, true),
                    bindings::storage(4, fragment),
                    wgpu::BindGroupLayoutEntry {
                        binding: 5,
                        visibility: fragment,
                        ty: wgpu::BindingType::Texture {
                            sample_type: wgpu::TextureSampleType::Depth,
                            view_dimension: wgpu::TextureViewDimension::D2Array,
                            multisampled: false,
                        },
                        count: None,
                    },
                    wgpu::BindGroupLayoutEntry {
                        binding: 6,
                        visibility: fragment,
                        ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Comparison),
                        count: None,
                    },
                    bindings::texture(7, fragment, false),
                    bindings::texture(8, fragment, true),
                    bindings::texture_cube(9, fragment),
                    bindings::storage(10, fragment),
                    bindings::uniform(11, fragment),
                    wgpu::BindGroupLayoutEntry {
                        binding: 12,
                        visibility: fragment,
                        ty: wgpu::BindingType::Texture {
                            sample_type: wgpu::TextureSampleType::Float { filterable: true },
                            view_dimension: wgpu::TextureViewDimension::D3,
                            multisampled: false,
                        },
                        count: None,
                    },
                    bindings::uniform(13, fragment),
                    bindings::storage(14, fragment),
                    wgpu::BindGroupLayoutEntry {
                        binding: 15,
                        visibility: fragment,
                        ty: wgpu::BindingType::Texture {
                            sample_type: wgpu::TextureSampleType::Uint,
                            view_dimension: wgpu::TextureViewDimension::D2,
                            multisampled: false,
                        },
                        count: None,
                    },
                    bindings::texture_cube_array(16, fragment),
                ],
            });
        let baker = Baker::new(ctx);
        let table = baker
            .brdf_table(ctx)
            .create_view(&wgpu::TextureViewDescriptor::default());
        let sampler = linear_sampler(ctx);
        let uniform = ctx.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("lighting"),
            size: size_of::<GpuLighting>() as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let bound = Bound {
            uniform,
            environment: Environment::load(ctx, &baker, source)?,
            sampler,
            table,
            shadows: ShadowMaps::new(ctx, scene),
            occlusion: occlusion.clone(),
            transmission: transmission.clone(),
            clusters: LightClusters::new(ctx),
            probes: ProbeBindings::none(ctx),
        };
        let bind_group = bound.bind_group(ctx, &layout);
        Ok(Self {
            baker,
            layout,
            bound,
            bind_group,
        })
    }

    fn rebind(&mut self, ctx: &GpuContext) {
        self.bind_group = self.bound.bind_group(ctx, &self.layout);
    }

    /// Binds `occlusion` as the ambient occlusion term.
    pub fn set_occlusion(&mut self, ctx: &GpuContext, occlusion: &wgpu::TextureView) {
        if self.bound.occlusion != *occlusion {
            self.bound.occlusion = occlusion.clone();
            self.rebind(ctx);
        }
    }

    /// Binds `transmission` as the opaque scene transmissive surfaces read.
    pub fn set_transmission(&mut self, ctx: &GpuContext, transmission: &wgpu::TextureView) {
        if self.bound.transmission != *transmission {
            self.bound.transmission = transmission.clone();
            self.rebind(ctx);
        }
    }

    /// The shadow maps, drawn before the frame's other passes.
    pub fn shadows(&self) -> &ShadowMaps {
        &self.bound.shadows
    }

    /// Prepares the frame's shadow maps for `plan`.
    pub fn prepare_shadows(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        core: &CullingCore,
        plan: &ShadowPlan,
        settings: &ShadowSettings,
        mode: CullMode,
    ) {
        if self.bound.shadows.prepare(ctx, scene, core, plan, settings, mode) {
            self.rebind(ctx);
        }
    }

    /// Writes the light clusters' parameters for the frame (see
    /// [`LightClusters::prepare`]).
    pub fn prepare_clusters(
        &mut self,
        ctx: &GpuContext,
        scene: &GpuScene,
        camera: &ViewCamera,
        size: (u32, u32),
        settings: &ClusterSettings,
    ) {
        if self.bound.clusters.prepare(ctx, scene, camera, size, settings) {
            self.rebind(ctx);
        }
    }

    /// The light clusters.
    pub fn clusters(&self) -> &LightClusters {
        &self.bound.clusters
    }

    /// Binds `probes` (uploaded, their reflection cubes prefiltered) as the diffuse and
    /// specular light of the rooms they cover, or none.
    pub fn set_probes(
        &mut self,
        ctx: &GpuContext,
        probes: Option<&museion_scene::IrradianceProbes>,
    ) -> Result<()> {
        self.bound.probes = match probes {
            Some(probes) => ProbeBindings::new(ctx, &self.baker, probes)?,
            None => ProbeBindings::none(ctx),
        };
        self.rebind(ctx);
        Ok(())
    }

    /// Whether baked probes are bound (rooms lit by them, not by the environment alone).
    pub fn has_probes(&self) -> bool {
        self.bound.probes.volume_count > 0
    }

    /// Loads `source` unless it is the one in use.
    pub fn set_environment(&mut self, ctx: &GpuContext, source: &EnvironmentSource) -> Result<()> {
        if self.bound.environment.source() == Some(source) {
            return Ok(());
        }
        self.bound.environment = Environment::load(ctx, &self.baker, source)?;
        self.rebind(ctx);
        Ok(())
    }

    /// Writes this frame's uniform: the environment, multiple scattering on or off,
    /// what surfaces show (their shading or their illuminance on a scale), shadows.
    pub fn write(
        &self,
        ctx: &GpuContext,
        settings: &EnvironmentSettings,
        (multiscatter, view): (bool, &ShadingView),
        plan: &ShadowPlan,
        shadows: &ShadowSettings,
    ) {
        let angle = settings.rotation_degrees.to_radians();
        let mut flags = 0;
        if multiscatter {
            flags |= lighting_flags::MULTISCATTER;
        }
        let (lux_stops, lux_stop_count) = match view {
            ShadingView::Normal => Default::default(),
            // The view itself is a variant of the forward shader (FrameFeatures).
            ShadingView::Illuminance(scale) => scale.gpu_stops(),
        };
        let record = GpuLighting {
            rotation: [angle.cos(), angle.sin()],
            intensity: settings.intensity,
            max_lod: (self.bound.environment.levels() - 1) as f32,
            flags,
            lux_stop_count,
            _pad: [0; 2],
            cascade_splits: plan.splits,
            shadow: [
                plan.cascades as f32,
                shadows.pcf_radius,
                shadows.normal_offset,
                CASCADE_BLEND,
            ],
            lux_stops,
        };
        ctx.queue
            .write_buffer(&self.bound.uniform, 0, bytemuck::bytes_of(&record));
    }

    pub fn bind_group(&self) -> &wgpu::BindGroup {
        &self.bind_group
    }

    pub fn environment(&self) -> &Environment {
        &self.bound.environment
    }
}

/// The environment a scene asks for (a venue's `[environment]`): its source and
/// intensity, unturned, with no skybox (venues are interiors; the background shows only
/// through openings to the outside).
impl From<&museion_scene::EnvironmentChoice> for EnvironmentSettings {
    fn from(choice: &museion_scene::EnvironmentChoice) -> Self {
        use museion_scene::EnvironmentSource as Asked;
        let source = match &choice.source {
            Asked::None => EnvironmentSource::None,
            Asked::Studio => EnvironmentSource::Studio,
            Asked::Sky => EnvironmentSource::Sky,
            Asked::File(path) => EnvironmentSource::File(path.clone()),
        };
        Self {
            source,
            intensity: choice.intensity,
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scene_environment_maps_to_the_renderer_one() {
        use museion_scene::{EnvironmentChoice, EnvironmentSource as Asked};
        let cases = [
            (Asked::None, EnvironmentSource::None),
            (Asked::Studio, EnvironmentSource::Studio),
            (Asked::Sky, EnvironmentSource::Sky),
            (
                Asked::File("hall.hdr".into()),
                EnvironmentSource::File("hall.hdr".into()),
            ),
        ];
        for (asked, source) in cases {
            let settings = EnvironmentSettings::from(&EnvironmentChoice {
                source: asked,
                intensity: 0.6,
            });
            assert_eq!(settings.source, source);
            assert_eq!(settings.intensity, 0.6);
            assert!(!settings.skybox);
        }
    }
}
