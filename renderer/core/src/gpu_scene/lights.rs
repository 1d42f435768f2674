//! The lights on the GPU: the scene's punctual lights in world space (or the studio key
//! light when it has none), and which of them cast shadows.

use super::{GpuScene, STUDIO_KEY_DIRECTION, STUDIO_KEY_LUX};
use glam::Vec3;
use museion_gpu::GpuContext;
use museion_gpu::gpu_types::GpuLight;
use museion_scene::{Light, LightKind, Scene};

impl GpuScene {
    pub(super) fn sync_lights(&mut self, ctx: &GpuContext, scene: &Scene, rebind: &mut bool) {
        let placed: Vec<(GpuLight, bool)> = scene
            .world_nodes()
            .filter_map(|(id, world)| {
                let light = scene.lights.get(scene.node(id)?.light?.index())?;
                let mut placed = GpuLight::new(light, world);
                if light.kind != LightKind::Directional && light.range.is_none() {
                    // Bounded, so that the light clusters can place it.
                    placed.range = effective_range(&placed);
                }
                Some((placed, light.cast_shadows))
            })
            .collect();
        let (mut lights, mut casts): (Vec<GpuLight>, Vec<bool>) = placed.into_iter().unzip();
        self.studio_rig = lights.is_empty();
        if self.studio_rig {
            let key = Light {
                name: Some("studio key".into()),
                kind: LightKind::Directional,
                color: Vec3::ONE,
                intensity: STUDIO_KEY_LUX,
                range: None,
                cast_shadows: true,
            };
            let aim =
                glam::camera::rh::view::look_to_mat4(Vec3::ZERO, STUDIO_KEY_DIRECTION.normalize(), Vec3::Y)
                    .inverse();
            lights.push(GpuLight::new(&key, aim));
            casts.push(true);
        }
        self.light_casts = casts;
        self.upload_lights(ctx, lights, rebind);
    }

    pub(super) fn upload_lights(&mut self, ctx: &GpuContext, lights: Vec<GpuLight>, rebind: &mut bool) {
        let bytes = (lights.len() * size_of::<GpuLight>()) as u64;
        *rebind |= self.light_buffer.reserve(ctx, bytes);
        if lights != self.lights || *rebind {
            ctx.queue
                .write_buffer(&self.light_buffer.buffer, 0, bytemuck::cast_slice(&lights));
        }
        self.lights = lights;
    }

    /// The buffer of [`GpuScene::lights`].
    pub(crate) fn light_buffer(&self) -> &wgpu::Buffer {
        &self.light_buffer.buffer
    }

    /// The lights as uploaded (the studio key light when the scene has none).
    pub(crate) fn lights(&self) -> &[GpuLight] {
        &self.lights
    }

    /// Per light, whether it casts shadows.
    pub(crate) fn light_casts(&self) -> &[bool] {
        &self.light_casts
    }

    /// Sets each light's first shadow view plus one (0: none), uploading what changed.
    pub(crate) fn set_light_shadows(&mut self, ctx: &GpuContext, first_view: &[u32]) {
        let mut lights = self.lights.clone();
        for (light, first) in lights.iter_mut().zip(first_view) {
            light.shadow = *first;
        }
        let mut rebind = false;
        self.upload_lights(ctx, lights, &mut rebind);
        debug_assert!(!rebind, "the light buffer only grows in sync");
    }
}

/// A light's range when it has none: the distance where its illuminance falls to
/// [`LIGHT_CUTOFF_LUX`] (by its brightest channel), so that every point and spot light
/// is bounded. The shading's range window (KHR_lights_punctual's smooth falloff,
/// `1 - (d / range)⁴`) then ends it without an edge: half way there it dims the light
/// by 6 %, where it gives 4 × the cut-off.
fn effective_range(light: &GpuLight) -> f32 {
    let intensity = light.color.iter().fold(0.0f32, |a, &c| a.max(c));
    (intensity / LIGHT_CUTOFF_LUX).sqrt()
}

/// The illuminance (lux) below which a light without a range is cut off.
pub const LIGHT_CUTOFF_LUX: f32 = 0.05;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unbounded_light_ends_where_it_gives_the_cut_off() {
        let light = GpuLight {
            color: [500.0, 800.0, 200.0],
            ..bytemuck::Zeroable::zeroed()
        };
        let range = effective_range(&light);
        assert!((800.0 / (range * range) - LIGHT_CUTOFF_LUX).abs() < 1e-4);
    }
}
