//! An application that owns its wgpu device and its winit event loop, and asks Museion
//! to draw a model into one of its own textures, which it then composites into its
//! window with its own pipeline (a picture-in-picture panel over its own background).
//!
//! ```text
//! cargo run -p museion-examples --example embed_wgpu -- model.glb [FRAMES]
//! ```

use museion::gltf;
use museion::renderer::{GpuContext, RenderSettings, Renderer, ViewCamera, wgpu};
use museion::scene::Scene;
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::event::WindowEvent;
use winit::event_loop::{ActiveEventLoop, EventLoop};
use winit::window::{Window, WindowId};

/// The panel Museion draws into: the application's texture.
const PANEL: u32 = 512;
const PANEL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8UnormSrgb;

/// The application's own shader: a full-window pass showing the panel inset in the
/// middle over a gradient.
const COMPOSITE: &str = r#"
@group(0) @binding(0) var panel: texture_2d<f32>;
@group(0) @binding(1) var panel_sampler: sampler;
struct Out { @builtin(position) clip: vec4<f32>, @location(0) uv: vec2<f32> }
@vertex fn vs(@builtin(vertex_index) i: u32) -> Out {
    let uv = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u));
    return Out(vec4<f32>(uv.x * 2.0 - 1.0, 1.0 - uv.y * 2.0, 0.0, 1.0), uv);
}
@fragment fn fs(in: Out) -> @location(0) vec4<f32> {
    let inset = (in.uv - vec2<f32>(0.2)) / 0.6;
    if all(inset >= vec2<f32>(0.0)) && all(inset <= vec2<f32>(1.0)) {
        return textureSample(panel, panel_sampler, inset);
    }
    return vec4<f32>(0.05, 0.1 + 0.2 * in.uv.y, 0.25, 1.0);
}
"#;

struct Gpu {
    window: Arc<Window>,
    surface: wgpu::Surface<'static>,
    config: wgpu::SurfaceConfiguration,
    ctx: GpuContext,
    museion: Renderer,
    panel: wgpu::TextureView,
    composite: wgpu::RenderPipeline,
    bind_group: wgpu::BindGroup,
}

struct App {
    scene: Scene,
    gpu: Option<Gpu>,
    started: Instant,
    frames: u64,
    max_frames: Option<u64>,
    error: Option<anyhow::Error>,
}

impl App {
    fn create(&self, event_loop: &ActiveEventLoop) -> anyhow::Result<Gpu> {
        let window =
            Arc::new(event_loop.create_window(Window::default_attributes().with_title("embed_wgpu"))?);
        // The application's own device, made the usual wgpu way.
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let surface = instance.create_surface(window.clone())?;
        let adapter = pollster::block_on(instance.request_adapter(&wgpu::RequestAdapterOptions {
            compatible_surface: Some(&surface),
            ..Default::default()
        }))?;
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor::default()))?;
        let size = window.inner_size();
        let config = surface
            .get_default_config(&adapter, size.width.max(1), size.height.max(1))
            .ok_or_else(|| anyhow::anyhow!("the surface cannot be used with this adapter"))?;
        surface.configure(&device, &config);

        // Museion on the application's device.
        let ctx = GpuContext::from_parts(instance, adapter, device.clone(), queue)?;
        let museion = Renderer::new(&ctx, RenderSettings::default())?;

        // The application's texture and its own pipeline that shows it.
        let panel = device
            .create_texture(&wgpu::TextureDescriptor {
                label: Some("panel"),
                size: wgpu::Extent3d {
                    width: PANEL,
                    height: PANEL,
                    depth_or_array_layers: 1,
                },
                mip_level_count: 1,
                sample_count: 1,
                dimension: wgpu::TextureDimension::D2,
                format: PANEL_FORMAT,
                usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
                view_formats: &[],
            })
            .create_view(&wgpu::TextureViewDescriptor::default());
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("composite"),
            source: wgpu::ShaderSource::Wgsl(COMPOSITE.into()),
        });
        let composite = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("composite"),
            layout: None,
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs"),
                compilation_options: Default::default(),
                buffers: &[],
            },
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            fragment: Some(wgpu::FragmentState {
                module: &module,
                entry_point: Some("fs"),
                compilation_options: Default::default(),
                targets: &[Some(config.format.into())],
            }),
            multiview_mask: None,
            cache: None,
        });
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("composite"),
            layout: &composite.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(&panel),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::Sampler(&sampler),
                },
            ],
        });
        Ok(Gpu {
            window,
            surface,
            config,
            ctx,
            museion,
            panel,
            composite,
            bind_group,
        })
    }

    fn frame(&mut self) -> anyhow::Result<()> {
        let Some(gpu) = &mut self.gpu else { return Ok(()) };
        let frame = match gpu.surface.get_current_texture() {
            wgpu::CurrentSurfaceTexture::Success(frame) | wgpu::CurrentSurfaceTexture::Suboptimal(frame) => {
                frame
            }
            wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                gpu.surface.configure(&gpu.ctx.device, &gpu.config);
                return Ok(());
            }
            _ => return Ok(()),
        };
        // Museion draws the model, turning slowly, into the application's panel...
        gpu.museion.prepare(&gpu.ctx, &self.scene)?;
        let bounds = self.scene.stats().bounds;
        let mut camera = ViewCamera::frame(&bounds, 0.7, 1.0);
        let turn = museion::scene::glam::Mat4::from_rotation_y(self.started.elapsed().as_secs_f32() * 0.5);
        camera.view *= museion::scene::glam::Mat4::from_translation(bounds.center())
            * turn
            * museion::scene::glam::Mat4::from_translation(-bounds.center());
        let mut encoder = gpu
            .ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
        gpu.museion.record(
            &gpu.ctx,
            &mut encoder,
            &camera,
            &gpu.panel,
            PANEL_FORMAT,
            (PANEL, PANEL),
        )?;
        // ...and the application composites it into its window, in the same submission.
        let view = frame.texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("composite"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations::default(),
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(&gpu.composite);
            pass.set_bind_group(0, &gpu.bind_group, &[]);
            pass.draw(0..3, 0..1);
        }
        gpu.ctx.queue.submit([encoder.finish()]);
        gpu.window.pre_present_notify();
        gpu.ctx.queue.present(frame);
        self.frames += 1;
        Ok(())
    }
}

impl ApplicationHandler for App {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.gpu.is_none() {
            match self.create(event_loop) {
                Ok(gpu) => self.gpu = Some(gpu),
                Err(e) => {
                    self.error = Some(e);
                    event_loop.exit();
                }
            }
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested => event_loop.exit(),
            WindowEvent::Resized(size) if size.width > 0 && size.height > 0 => {
                if let Some(gpu) = &mut self.gpu {
                    gpu.config.width = size.width;
                    gpu.config.height = size.height;
                    gpu.surface.configure(&gpu.ctx.device, &gpu.config);
                }
            }
            WindowEvent::RedrawRequested => {
                if let Err(e) = self.frame() {
                    self.error = Some(e);
                    event_loop.exit();
                }
                if self.max_frames.is_some_and(|max| self.frames >= max) {
                    event_loop.exit();
                }
            }
            _ => {}
        }
    }

    fn about_to_wait(&mut self, _: &ActiveEventLoop) {
        if let Some(gpu) = &self.gpu {
            gpu.window.request_redraw();
        }
    }
}

fn main() -> anyhow::Result<()> {
    env_logger::init();
    let mut args = std::env::args().skip(1);
    let Some(model) = args.next() else {
        anyhow::bail!("usage: embed_wgpu MODEL.gltf|MODEL.glb [FRAMES]");
    };
    let max_frames = args.next().map(|f| f.parse()).transpose()?;
    let mut app = App {
        scene: gltf::import(&model)?.scene,
        gpu: None,
        started: Instant::now(),
        frames: 0,
        max_frames,
        error: None,
    };
    EventLoop::new()?.run_app(&mut app)?;
    match app.error {
        Some(e) => Err(e),
        None => {
            println!("{} frames", app.frames);
            Ok(())
        }
    }
}
