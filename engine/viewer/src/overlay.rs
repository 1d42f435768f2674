//! The egui overlay: window events in, panels drawn over the rendered frame (and over
//! screenshots, which show what the window shows).

use super::text::{self, FontError, FontOptions, MissingScripts};
use museion_renderer::{GpuContext, wgpu};
use std::sync::Arc;
use winit::event::WindowEvent;
use winit::keyboard::{Key, NamedKey};
use winit::window::Window;

/// egui's context, its winit adapter and its wgpu painter.
pub struct Overlay {
    context: egui::Context,
    state: egui_winit::State,
    painter: egui_wgpu::Renderer,
    window: Arc<Window>,
    /// The last frame's overlay, to draw again over a screenshot.
    last: Option<Painted>,
}

/// An overlay laid out and tessellated, ready to draw over a frame.
struct Painted {
    primitives: Vec<egui::ClippedPrimitive>,
    screen: egui_wgpu::ScreenDescriptor,
}

impl Overlay {
    /// An overlay for `window`, drawing into textures of `format`.
    pub fn new(ctx: &GpuContext, window: Arc<Window>, format: wgpu::TextureFormat) -> Self {
        let context = egui::Context::default();
        let max_texture_side = ctx.device.limits().max_texture_dimension_2d as usize;
        let state = egui_winit::State::new(
            context.clone(),
            egui::ViewportId::ROOT,
            &window,
            Some(window.scale_factor() as f32),
            None,
            Some(max_texture_side),
        );
        let painter = egui_wgpu::Renderer::new(&ctx.device, format, egui_wgpu::RendererOptions::default());
        Self {
            context,
            state,
            painter,
            window,
            last: None,
        }
    }

    /// Draws text with the fonts of `options` (and the system's, searched on demand);
    /// scripts no font draws are noted in `missing`.
    pub fn install_fonts(
        &self,
        options: &FontOptions,
        missing: Arc<MissingScripts>,
    ) -> Result<(), FontError> {
        text::install_fonts(&self.context, options, missing)
    }

    /// Hands a window event to egui; true when egui keeps it (a click on a panel, a key
    /// typed into a field). Tab is egui's only while a field has the keyboard (it moves
    /// between fields); otherwise it is the viewer's (walk and orbit) and egui never sees
    /// it: egui would keep every Tab, and give the keyboard to a panel's first widget.
    pub fn on_window_event(&mut self, event: &WindowEvent) -> bool {
        if let WindowEvent::KeyboardInput { event: key, .. } = event
            && key.logical_key == Key::Named(NamedKey::Tab)
            && !self.wants_keyboard()
        {
            return false;
        }
        self.state.on_window_event(&self.window, event).consumed
    }

    /// True when the pointer is over a panel (a click there is not a pick).
    pub fn wants_pointer(&self) -> bool {
        self.context.egui_wants_pointer_input()
    }

    /// True when a panel's widget has the keyboard (a key pressed goes to it).
    pub fn wants_keyboard(&self) -> bool {
        self.context.egui_wants_keyboard_input()
    }

    /// Hands egui events a script made, as if the window had sent them; they apply in
    /// the next frame's pass.
    pub fn push_scripted(&mut self, events: impl IntoIterator<Item = egui::Event>) {
        self.state.egui_input_mut().events.extend(events);
    }

    /// The point (egui's unit) of a window pixel.
    pub fn point_of(&self, x: f32, y: f32) -> egui::Pos2 {
        egui::pos2(x, y) / self.context.pixels_per_point()
    }

    /// The middle of the panel place named `name` as the last frame laid it out
    /// (see [`panel_places`](super::panel_places)).
    pub fn place_centre(&self, name: &str) -> Option<egui::Pos2> {
        super::panel_places::find(&self.context, name).map(|rect| rect.center())
    }

    /// Runs `ui` and draws what it made over `view` (of `size` pixels), which already
    /// holds the frame.
    pub fn paint(
        &mut self,
        ctx: &GpuContext,
        view: &wgpu::TextureView,
        size: (u32, u32),
        mut ui: impl FnMut(&egui::Context),
    ) {
        let input = self.state.take_egui_input(&self.window);
        let mut output = self.context.run_pass(input, |ctx| {
            super::panel_places::begin_pass(ctx);
            ui(ctx);
        });
        self.state
            .handle_platform_output(&self.window, output.platform_output);
        let primitives = self.context.tessellate(output.shapes, output.pixels_per_point);
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: [size.0, size.1],
            pixels_per_point: output.pixels_per_point,
        };
        // The deltas are taken out as they are applied: egui checks that none is dropped.
        let mut textures = std::mem::take(&mut output.textures_delta);
        for (id, deltas) in textures.set.drain() {
            for delta in &deltas {
                self.painter.update_texture(&ctx.device, &ctx.queue, id, delta);
            }
        }
        let painted = Painted { primitives, screen };
        self.draw(ctx, view, &painted);
        for id in textures.free.drain() {
            self.painter.free_texture(&id);
        }
        self.last = Some(painted);
    }

    /// Draws the last frame's overlay again over `view` (a screenshot of the same size
    /// and format as the window); false when there is none yet.
    pub fn repaint_last(&mut self, ctx: &GpuContext, view: &wgpu::TextureView) -> bool {
        let Some(painted) = self.last.take() else {
            return false;
        };
        self.draw(ctx, view, &painted);
        self.last = Some(painted);
        true
    }

    fn draw(&mut self, ctx: &GpuContext, view: &wgpu::TextureView, painted: &Painted) {
        let mut encoder = ctx
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("overlay"),
            });
        let callbacks = self.painter.update_buffers(
            &ctx.device,
            &ctx.queue,
            &mut encoder,
            &painted.primitives,
            &painted.screen,
        );
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("overlay"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view,
                        depth_slice: None,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Load,
                            store: wgpu::StoreOp::Store,
                        },
                    })],
                    depth_stencil_attachment: None,
                    timestamp_writes: None,
                    occlusion_query_set: None,
                    multiview_mask: None,
                })
                .forget_lifetime();
            self.painter
                .render(&mut pass, &painted.primitives, &painted.screen);
        }
        ctx.queue.submit(callbacks.into_iter().chain([encoder.finish()]));
    }
}
