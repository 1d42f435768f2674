//! A lost device (here `Device::destroy`, as a driver reset would do) is a typed error
//! from the renderer, never a panic, and a new context and renderer carry on.

use super::*;
use museion_renderer::{GpuError, RenderError};

const SIZE: u32 = 16;

/// The colour at the centre of the scene drawn from the front, or the renderer's error.
fn centre(ctx: &GpuContext, renderer: &mut Renderer, scene: &Scene) -> Result<[f32; 4], RenderError> {
    renderer.prepare(ctx, scene)?;
    let target = OffscreenTarget::new(ctx, SIZE, SIZE, wgpu::TextureFormat::Rgba32Float)?;
    renderer.render(
        ctx,
        &ortho_front(1.0),
        &target.view,
        target.format(),
        (SIZE, SIZE),
    )?;
    let pixels = target.read_rgba32f(ctx)?;
    Ok(pixels[(SIZE / 2 * SIZE + SIZE / 2) as usize])
}

#[test]
fn a_lost_device_is_an_error_and_a_new_one_draws_the_same() {
    let scene = scene_with(
        quad(2.0),
        Material {
            base_color_factor: Vec3::new(0.2, 0.6, 0.9).extend(1.0),
            unlit: true,
            ..Material::default()
        },
    );
    let ctx = gpu();
    let mut renderer = Renderer::new(&ctx, exact_settings()).unwrap();
    let before = centre(&ctx, &mut renderer, &scene).unwrap();
    assert!(before[2] > 0.8, "{before:?}");
    assert!(!ctx.is_lost());

    ctx.device.destroy();
    // Drawing on it again: an error saying the device was lost, not a panic or a
    // validation error. (A second try says the same.)
    for _ in 0..2 {
        let error = centre(&ctx, &mut renderer, &scene).unwrap_err();
        assert!(error.is_device_lost(), "{error}");
        assert!(matches!(error, RenderError::Gpu(GpuError::DeviceLost { .. })));
        assert!(
            error.to_string().starts_with("the GPU device was lost"),
            "{error}"
        );
    }
    assert!(ctx.is_lost());
    // Reading back from it fails the same way.
    assert!(matches!(ctx.wait_idle(), Err(GpuError::DeviceLost { .. })));

    // A new device, the scene uploaded again: the same picture.
    let fresh = gpu();
    let mut renderer = Renderer::new(&fresh, exact_settings()).unwrap();
    let after = centre(&fresh, &mut renderer, &scene).unwrap();
    assert_eq!(before, after);
}
