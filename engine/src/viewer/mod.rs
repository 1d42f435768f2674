//! `museion view`: a window showing a scene with an orbit camera.
//!
//! Drag with the left button to orbit, with the right button to pan; the wheel zooms;
//! F frames the scene again. The title shows the frame time, and the EV100 when the
//! settings ask for automatic exposure (which adapts over the real frame times).

mod orbit;

pub use orbit::OrbitCamera;

use crate::error::{Error, Result};
use museion_renderer::{
    Exposure, GpuContext, OffscreenTarget, RenderSettings, RenderTarget, Renderer, SurfaceTarget, wgpu,
};
use museion_scene::Scene;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use winit::application::ApplicationHandler;
use winit::dpi::{PhysicalPosition, PhysicalSize};
use winit::event::{ElementState, KeyEvent, MouseButton, MouseScrollDelta, WindowEvent};
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop};
use winit::keyboard::{Key, NamedKey};
use winit::window::{Window, WindowId};

/// What to show and how.
#[derive(Clone, Debug)]
pub struct ViewerOptions {
    /// Window title after "Museion — ".
    pub title: String,
    /// Initial window size in physical pixels.
    pub size: (u32, u32),
    /// Render settings.
    pub settings: RenderSettings,
    /// Close after this many presented frames (for automation).
    pub frames: Option<u64>,
    /// Ask the window for this size after this many frames (for automation).
    pub resize: Option<((u32, u32), u64)>,
    /// Save the last frame here when the viewer closes.
    pub screenshot: Option<PathBuf>,
}

/// Opens a window on `scene` and runs until it is closed (or `options.frames` are shown).
pub fn run(scene: Scene, options: ViewerOptions) -> Result<()> {
    let event_loop = EventLoop::new().map_err(|e| Error::Window(e.to_string()))?;
    let bounds = scene.stats().bounds;
    let aspect = options.size.0 as f32 / options.size.1.max(1) as f32;
    let mut viewer = Viewer {
        orbit: OrbitCamera::framing(&bounds, 40f32.to_radians(), aspect),
        scene,
        options,
        running: None,
        error: None,
        frames: 0,
        minimized: false,
        cursor: None,
        orbiting: false,
        panning: false,
        frame_times: FrameTimes::default(),
        last_redraw: None,
    };
    event_loop
        .run_app(&mut viewer)
        .map_err(|e| Error::Window(e.to_string()))?;
    match viewer.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// The window and everything drawn into it.
struct Running {
    window: Arc<Window>,
    target: RenderTarget,
    ctx: GpuContext,
    renderer: Renderer,
}

impl Running {
    fn size(&self) -> (u32, u32) {
        self.target.size()
    }
}

/// Frame times averaged over half a second, for the title.
#[derive(Default)]
struct FrameTimes {
    last: Option<Instant>,
    since_title: Duration,
    count: u32,
}

impl FrameTimes {
    /// Records a frame; every half second returns the mean frame time in milliseconds.
    fn tick(&mut self) -> Option<f64> {
        let now = Instant::now();
        if let Some(last) = self.last.replace(now) {
            self.since_title += now - last;
            self.count += 1;
        }
        if self.since_title < Duration::from_millis(500) || self.count == 0 {
            return None;
        }
        let mean = self.since_title.as_secs_f64() * 1000.0 / f64::from(self.count);
        self.since_title = Duration::ZERO;
        self.count = 0;
        Some(mean)
    }
}

struct Viewer {
    scene: Scene,
    options: ViewerOptions,
    orbit: OrbitCamera,
    running: Option<Running>,
    error: Option<Error>,
    frames: u64,
    minimized: bool,
    cursor: Option<PhysicalPosition<f64>>,
    orbiting: bool,
    panning: bool,
    frame_times: FrameTimes,
    /// When the last frame was drawn: automatic exposure adapts over the time since.
    last_redraw: Option<Instant>,
}

impl Viewer {
    fn fail(&mut self, event_loop: &ActiveEventLoop, error: Error) {
        self.error = Some(error);
        event_loop.exit();
    }

    fn start(&mut self, event_loop: &ActiveEventLoop) -> Result<Running> {
        let attributes = Window::default_attributes()
            .with_title(format!("Museion — {}", self.options.title))
            .with_inner_size(PhysicalSize::new(self.options.size.0, self.options.size.1));
        let window = Arc::new(
            event_loop
                .create_window(attributes)
                .map_err(|e| Error::Window(e.to_string()))?,
        );
        let instance = GpuContext::instance();
        let surface = instance
            .create_surface(window.clone())
            .map_err(|e| Error::Window(e.to_string()))?;
        let ctx = GpuContext::with_instance(instance, Some(&surface))?;
        let size = window.inner_size();
        let target = RenderTarget::Surface(SurfaceTarget::new(&ctx, surface, size.width, size.height)?);
        let mut renderer = Renderer::new(&ctx, self.options.settings.clone())?;
        renderer.prepare(&ctx, &self.scene)?;
        log::info!(
            "viewer: {:?} {:?} on {}",
            target.size(),
            target.format(),
            ctx.adapter_name()
        );
        Ok(Running {
            window,
            target,
            ctx,
            renderer,
        })
    }

    fn resize(&mut self, size: PhysicalSize<u32>) {
        self.minimized = size.width == 0 || size.height == 0;
        if let Some(running) = &mut self.running
            && let RenderTarget::Surface(surface) = &mut running.target
        {
            surface.resize(size.width, size.height);
        }
    }

    /// Draws one frame; returns whether one was presented.
    fn redraw(&mut self) -> Result<bool> {
        let Some(running) = &mut self.running else {
            return Ok(false);
        };
        if self.minimized {
            return Ok(false);
        }
        running.renderer.prepare(&running.ctx, &self.scene)?;
        let now = Instant::now();
        if let Some(last) = self.last_redraw.replace(now) {
            // Capped, so that a long pause (a minimised window) does not jump at once.
            let seconds = (now - last).as_secs_f32().min(0.25);
            running.renderer.set_frame_time(seconds)?;
        }
        running.window.pre_present_notify();
        let presented = running
            .renderer
            .render_to(&running.ctx, &self.orbit.view_camera(), &mut running.target)?
            .is_some();
        if presented && let Some(ms) = self.frame_times.tick() {
            let mut title = format!("Museion — {} — {ms:.1} ms", self.options.title);
            if self.options.settings.exposure == Exposure::Auto {
                let ev100 = running.renderer.read_auto_exposure(&running.ctx)?;
                title += &format!(" — EV100 {ev100:.1}");
            }
            running.window.set_title(&title);
        }
        Ok(presented)
    }

    /// Renders the current view offscreen at the window's size and writes it as PNG.
    fn screenshot(&mut self, path: &PathBuf) -> Result<()> {
        let Some(running) = &mut self.running else {
            return Ok(());
        };
        let (width, height) = running.size();
        let target = OffscreenTarget::new(&running.ctx, width, height, wgpu::TextureFormat::Rgba8UnormSrgb)?;
        running.renderer.render(
            &running.ctx,
            &self.orbit.view_camera(),
            &target.view,
            target.format(),
            (width, height),
        )?;
        let image = target.read_rgba8(&running.ctx)?;
        image
            .save_with_format(path, image::ImageFormat::Png)
            .map_err(|source| Error::WriteImage {
                path: path.clone(),
                source,
            })
    }

    fn after_frame(&mut self, event_loop: &ActiveEventLoop) {
        self.frames += 1;
        if let (Some(((w, h), at)), Some(running)) = (self.options.resize, &self.running)
            && self.frames == at
        {
            let _ = running.window.request_inner_size(PhysicalSize::new(w, h));
        }
        if self.options.frames.is_some_and(|n| self.frames >= n) {
            if let Some(path) = self.options.screenshot.clone()
                && let Err(e) = self.screenshot(&path)
            {
                self.fail(event_loop, e);
                return;
            }
            event_loop.exit();
        }
    }

    fn key(&mut self, event: &KeyEvent) {
        if event.state != ElementState::Pressed {
            return;
        }
        match &event.logical_key {
            Key::Character(c) if c.eq_ignore_ascii_case("f") => {
                let aspect = self
                    .running
                    .as_ref()
                    .map_or(1.0, |r| r.size().0 as f32 / r.size().1.max(1) as f32);
                self.orbit = OrbitCamera::framing(&self.scene.stats().bounds, self.orbit.yfov, aspect);
            }
            Key::Named(NamedKey::Escape) => {}
            _ => {}
        }
    }
}

impl ApplicationHandler for Viewer {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.running.is_some() {
            return;
        }
        match self.start(event_loop) {
            Ok(running) => {
                running.window.request_redraw();
                self.running = Some(running);
            }
            Err(e) => self.fail(event_loop, e),
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _window: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested => {
                if let Some(path) = self.options.screenshot.clone()
                    && let Err(e) = self.screenshot(&path)
                {
                    self.fail(event_loop, e);
                    return;
                }
                event_loop.exit();
            }
            WindowEvent::Resized(size) => self.resize(size),
            WindowEvent::Occluded(occluded) => self.minimized = occluded,
            WindowEvent::RedrawRequested => match self.redraw() {
                Ok(true) => self.after_frame(event_loop),
                Ok(false) => {}
                Err(e) => self.fail(event_loop, e),
            },
            WindowEvent::MouseInput { state, button, .. } => {
                let pressed = state == ElementState::Pressed;
                match button {
                    MouseButton::Left => self.orbiting = pressed,
                    MouseButton::Right | MouseButton::Middle => self.panning = pressed,
                    _ => {}
                }
            }
            WindowEvent::CursorMoved { position, .. } => {
                if let Some(last) = self.cursor.replace(position) {
                    let (dx, dy) = ((position.x - last.x) as f32, (position.y - last.y) as f32);
                    if self.orbiting {
                        self.orbit.rotate(dx, dy);
                    } else if self.panning {
                        let height = self.running.as_ref().map_or(1.0, |r| r.size().1 as f32);
                        self.orbit.pan(dx, dy, height);
                    }
                }
            }
            WindowEvent::CursorLeft { .. } => self.cursor = None,
            WindowEvent::MouseWheel { delta, .. } => {
                let steps = match delta {
                    MouseScrollDelta::LineDelta(_, y) => y,
                    MouseScrollDelta::PixelDelta(p) => p.y as f32 / 60.0,
                };
                self.orbit.zoom(steps);
            }
            WindowEvent::KeyboardInput { event, .. } => self.key(&event),
            _ => {}
        }
    }

    fn about_to_wait(&mut self, event_loop: &ActiveEventLoop) {
        // Draw continuously while visible; sleep until an event while minimised.
        match &self.running {
            Some(running) if !self.minimized => {
                event_loop.set_control_flow(ControlFlow::Poll);
                running.window.request_redraw();
            }
            _ => event_loop.set_control_flow(ControlFlow::Wait),
        }
    }
}
