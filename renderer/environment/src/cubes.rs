//! Cube maps an application captured itself (a venue's reflection probes, one per room),
//! prefiltered on the GPU as an environment is, into one cube-array texture.

use crate::bake::{Baker, cube_layers_texture, cube_texture, specular_levels};
use glam::Vec3;
use half::f16;
use museion_gpu::GpuContext;

/// Largest magnitude a half float holds.
const HALF_MAX: f32 = 65_504.0;

/// `cubes` (each six faces of `face`² linear RGB texels, in the order +X, −X, +Y, −Y,
/// +Z, −Z, each row by row) as one cube-array texture of [`specular_levels`]`(face)`
/// levels, cube `i` in layers `6i` to `6i + 5`: level 0 each cube itself, the others
/// GGX-prefiltered for roughness `level / (levels − 1)`, as [`Baker::prefilter_into`]
/// does for an environment. The work is submitted, not waited for. `face` must be a power
/// of two of at least 8, each cube `6 · face²` texels, and there must be at least one
/// cube and at most a sixth of the device's array layers (else `None`).
pub fn prefiltered_cubes(
    ctx: &GpuContext,
    baker: &Baker,
    face: u32,
    cubes: &[&[Vec3]],
) -> Option<wgpu::Texture> {
    let texels = 6 * (face as usize).pow(2);
    let layers = cubes.len().checked_mul(6)?;
    let fits = !cubes.is_empty()
        && face.is_power_of_two()
        && face >= 8
        && face <= ctx.device.limits().max_texture_dimension_2d
        && layers <= ctx.device.limits().max_texture_array_layers as usize
        && cubes.iter().all(|c| c.len() == texels);
    if !fits {
        return None;
    }
    let array = cube_layers_texture(
        ctx,
        "reflection cubes",
        face,
        specular_levels(face),
        layers as u32,
    );
    let mut encoder = ctx
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("reflection cubes"),
        });
    for (i, cube) in cubes.iter().enumerate() {
        let source = cube_texture(ctx, "reflection cube source", face, face.ilog2() + 1);
        let halves: Vec<f16> = cube
            .iter()
            .flat_map(|t| {
                let c = t.clamp(Vec3::ZERO, Vec3::splat(HALF_MAX));
                [c.x, c.y, c.z, 1.0]
            })
            .map(f16::from_f32)
            .collect();
        ctx.queue.write_texture(
            source.as_image_copy(),
            bytemuck::cast_slice(&halves),
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(face * 8),
                rows_per_image: Some(face),
            },
            wgpu::Extent3d {
                width: face,
                height: face,
                depth_or_array_layers: 6,
            },
        );
        baker.prefilter_into(ctx, &mut encoder, &source, &array, 6 * i as u32);
    }
    ctx.queue.submit([encoder.finish()]);
    Some(array)
}
