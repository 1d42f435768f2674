//! The viewer's winit application: window state, modes and input handling.

use super::editing::Editing;
use super::error::ViewerError;
use super::gi::BakedLight;
use super::hud::StatsLine;
use super::keys::{ViewerKey, key_reaches_viewer};
use super::language::{first_language, shown};
use super::lux::LuxFigures;
use super::orbit::OrbitCamera;
use super::overlay::Overlay;
use super::panels::next_variant;
use super::playback::Playback;
use super::quality::Quality;
use super::scaled::ScaledFrame;
use super::script::ScriptAction;
use super::script_egui::ScriptedEgui;
use super::session::{VenueSession, pixel_ray};
use super::text::{FontOptions, MissingScripts};
use super::tour::TourPlayer;
use super::ui_text::UiText;
use super::walk::WalkControls;
use super::{StartMode, ViewerOptions};
use museion_renderer::{Exposure, GpuContext, RenderTarget, Renderer, ShadingView, SurfaceTarget};
use museion_scene::glam::Vec2;
use museion_venue::{CompiledVenue, VenueReloader};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::dpi::{PhysicalPosition, PhysicalSize};
use winit::event::{DeviceEvent, DeviceId, ElementState, MouseButton, MouseScrollDelta, WindowEvent};
use winit::event_loop::{ActiveEventLoop, ControlFlow};
use winit::window::{CursorGrabMode, Window, WindowId};

/// Vertical field of view in every mode.
pub(super) const YFOV: f32 = 40.0 * std::f32::consts::PI / 180.0;
/// A press and release closer than this many pixels is a click, not a drag.
const CLICK_SLOP: f64 = 4.0;

/// How the camera moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    Walk,
    Orbit,
}

/// The window and everything drawn into it.
pub(super) struct Running {
    pub window: Arc<Window>,
    pub target: RenderTarget,
    pub ctx: GpuContext,
    pub renderer: Renderer,
    /// Draws the 3D frame at the render scale.
    pub scaled: ScaledFrame,
    pub overlay: Overlay,
}

impl Running {
    pub fn size(&self) -> (u32, u32) {
        self.target.size()
    }
}

pub(super) struct App {
    pub options: ViewerOptions,
    pub session: VenueSession,
    pub mode: Mode,
    pub orbit: OrbitCamera,
    pub walk: WalkControls,
    pub running: Option<Running>,
    /// The error that stopped the viewer.
    pub fatal: Option<ViewerError>,
    /// Frames simulated so far (script events are keyed by this).
    pub frame: u64,
    pub minimized: bool,
    pub grabbed: bool,
    /// The exhibit whose panel is open.
    pub selected: Option<usize>,
    /// In edit mode, the exhibit under the cursor.
    pub hovered: Option<usize>,
    /// The language labels and captions are read in (one of the venue's, or `--lang`).
    pub language: String,
    /// The viewer's own words.
    pub words: UiText,
    /// The fonts installed in the overlay (the options' files and the venue's); `None`
    /// before the window exists.
    pub fonts: Option<FontOptions>,
    /// The baked probes the renderer lights with (given again to a new device).
    pub probes_shown: Option<museion_scene::IrradianceProbes>,
    /// Times the device was lost and made again.
    pub recovered: u32,
    /// The frame whose script events were applied last.
    pub script_done: Option<u64>,
    /// Scripts no font could draw so far.
    pub missing_fonts: Arc<MissingScripts>,
    /// A note for the visitor (walking is off, no tour, a font that cannot be used), in
    /// the viewer's words.
    pub notice: Option<String>,
    /// Why the last reload failed (cleared by the next good one).
    pub reload_error: Option<String>,
    /// Recompiles the venue when its files change (`None`: no hot reload).
    pub reloader: Option<VenueReloader>,
    /// The guided tour being played.
    pub tour: Option<TourPlayer>,
    /// The venue file open for editing (`--edit`).
    pub editing: Option<Editing>,
    /// The animations playing (the venue's loops and guide, or a model's clips).
    pub playback: Playback,
    /// What the viewer draws with on its adapter; `None` before the window exists.
    pub quality: Option<Quality>,
    /// Whether surfaces show their illuminance in false colour (I).
    pub lux_view: bool,
    /// The venue's lux report, measured on a thread of its own.
    pub lux: LuxFigures,
    /// The venue's baked indirect light, read or baked on a thread of its own.
    pub gi: BakedLight,
    pub show_stats: bool,
    pub stats: StatsLine,
    pub stats_started: Option<(Instant, u64)>,
    pub last_redraw: Option<Instant>,
    pub pending_screenshots: Vec<PathBuf>,
    pub quit: bool,
    pub cursor: Option<PhysicalPosition<f64>>,
    /// The modifiers a script holds, for the events it hands egui.
    pub scripted: ScriptedEgui,
    press: Option<PhysicalPosition<f64>>,
    orbiting: bool,
    panning: bool,
}

impl App {
    pub fn new(
        venue: CompiledVenue,
        reloader: Option<VenueReloader>,
        options: ViewerOptions,
        words: UiText,
    ) -> Self {
        let aspect = options.size.0 as f32 / options.size.1.max(1) as f32;
        let orbit = OrbitCamera::framing(&venue.scene.stats().bounds, YFOV, aspect);
        let language = first_language(&venue, options.language.as_deref());
        log::info!(
            "viewer: reading in {}; the viewer speaks {}",
            shown(&language),
            words.code()
        );
        let playback = Playback::new(&venue);
        let lux = LuxFigures::measure(&venue, None);
        let gi = BakedLight::start(&venue, options.gi);
        let walk = match options.start {
            StartMode::Walk => true,
            StartMode::Orbit => false,
            StartMode::Auto => venue.spawns_given,
        };
        let (session, physics_error) = VenueSession::new(venue);
        let notice = physics_error.map(|e| words.fill("notice.walking_off", &[("error", &e.to_string())]));
        let mode = if walk && session.physics.is_some() {
            Mode::Walk
        } else {
            Mode::Orbit
        };
        match (mode, session.venue.spawns.first()) {
            (Mode::Walk, Some(spawn)) => log::info!("viewer: walking from spawn \"{}\"", spawn.id),
            _ => log::info!("viewer: orbiting the scene"),
        }
        let walk = WalkControls::default();
        Self {
            options,
            session,
            mode,
            orbit,
            walk,
            running: None,
            fatal: None,
            frame: 0,
            minimized: false,
            grabbed: false,
            selected: None,
            hovered: None,
            language,
            words,
            fonts: None,
            probes_shown: None,
            recovered: 0,
            script_done: None,
            missing_fonts: Arc::new(MissingScripts::default()),
            notice,
            reload_error: None,
            reloader,
            tour: None,
            editing: None,
            playback,
            quality: None,
            lux_view: false,
            lux,
            gi,
            show_stats: true,
            stats: StatsLine::default(),
            stats_started: None,
            last_redraw: None,
            pending_screenshots: Vec::new(),
            quit: false,
            cursor: None,
            scripted: ScriptedEgui::default(),
            press: None,
            orbiting: false,
            panning: false,
        }
    }

    /// The outcome once the event loop has returned.
    pub fn finish(self) -> Result<(), ViewerError> {
        match self.fatal {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    pub fn fail(&mut self, event_loop: &ActiveEventLoop, error: ViewerError) {
        self.fatal = Some(error);
        event_loop.exit();
    }

    /// The render settings for the current venue: a `.toml` venue brings its own
    /// environment (scaled by the options' intensity) and exposure (automatic:
    /// interiors are lit by physical lights); the adapter's lighter defaults and the
    /// lux overlay apply on top.
    pub fn venue_settings(&self) -> museion_renderer::RenderSettings {
        let mut settings = self.options.settings.clone();
        if !self.session.venue.rooms.is_empty() {
            let environment = museion_renderer::EnvironmentSettings::from(&self.session.venue.environment);
            settings.environment.source = environment.source;
            settings.environment.intensity *= environment.intensity;
            settings.exposure = Exposure::Auto;
        }
        if let Some(quality) = &self.quality {
            quality.apply(&mut settings);
        }
        if self.lux_view {
            settings.view = ShadingView::illuminance();
        }
        settings
    }

    /// Draws with the settings of [`App::venue_settings`] from the next frame on.
    pub(super) fn apply_settings(&mut self) -> Result<(), ViewerError> {
        let settings = self.venue_settings();
        if let Some(running) = &mut self.running
            && settings != *running.renderer.settings()
        {
            running.renderer.set_settings(&running.ctx, settings)?;
        }
        Ok(())
    }

    fn start(&mut self, event_loop: &ActiveEventLoop) -> Result<Running, ViewerError> {
        let attributes = Window::default_attributes()
            .with_title(format!("Museion — {}", self.options.title))
            .with_inner_size(PhysicalSize::new(self.options.size.0, self.options.size.1));
        let window = Arc::new(
            event_loop
                .create_window(attributes)
                .map_err(ViewerError::window)?,
        );
        self.running_on(window)
    }

    /// A device, renderer and overlay for `window`, the venue prepared on them.
    fn running_on(&mut self, window: Arc<Window>) -> Result<Running, ViewerError> {
        let instance = GpuContext::instance();
        let surface = instance
            .create_surface(window.clone())
            .map_err(ViewerError::window)?;
        let ctx = GpuContext::with_instance(instance, Some(&surface))?;
        let quality = Quality::choose(ctx.info.device_type, &self.options.quality);
        if let Some(line) = quality.log_line(&ctx.info.name) {
            log::info!("{line}");
        }
        self.quality = Some(quality);
        let size = window.inner_size();
        let target = RenderTarget::Surface(SurfaceTarget::new(&ctx, surface, size.width, size.height)?);
        let mut renderer = Renderer::new(&ctx, self.venue_settings())?;
        renderer.prepare(&ctx, &self.session.venue.scene)?;
        let overlay = Overlay::new(&ctx, window.clone(), target.format());
        let scaled = ScaledFrame::new(&ctx, target.format(), quality.render_scale);
        log::info!(
            "viewer: {:?} {:?} on {}, the 3D frame at render scale {}",
            target.size(),
            target.format(),
            ctx.adapter_name(),
            quality.render_scale
        );
        Ok(Running {
            window,
            target,
            ctx,
            renderer,
            scaled,
            overlay,
        })
    }

    /// After the device was lost: a new device, renderer and overlay on the same window,
    /// the venue and its baked light uploaded again, the view where it was (the camera,
    /// tour and selection live outside what is rebuilt).
    pub(super) fn recover_device(&mut self, cause: &ViewerError) -> Result<(), ViewerError> {
        let Some(old) = self.running.take() else {
            return Ok(());
        };
        log::warn!("viewer: {cause}; making a new device and uploading the venue again");
        let window = old.window.clone();
        drop(old);
        let mut running = self.running_on(window)?;
        if let Some(probes) = &self.probes_shown {
            running
                .renderer
                .set_irradiance_probes(&running.ctx, Some(probes))?;
        }
        running.window.request_redraw();
        self.running = Some(running);
        // The new overlay has egui's default fonts until these are installed again.
        self.fonts = None;
        self.install_fonts()?;
        self.recovered += 1;
        log::info!(
            "viewer: drawing again on a new device ({} recoveries)",
            self.recovered
        );
        Ok(())
    }

    fn resize(&mut self, size: PhysicalSize<u32>) {
        self.minimized = size.width == 0 || size.height == 0;
        if let Some(running) = &mut self.running
            && let RenderTarget::Surface(surface) = &mut running.target
        {
            surface.resize(size.width, size.height);
        }
    }

    /// Applies one scripted or real action.
    pub fn act(&mut self, action: &ScriptAction) {
        match action {
            ScriptAction::Key(key, down) => self.scripted_key(*key, *down),
            ScriptAction::Mouse(dx, dy) => self.look(*dx, *dy),
            ScriptAction::Click(at) => {
                let centre = self.running.as_ref().map_or(Vec2::ZERO, |r| {
                    let (w, h) = r.size();
                    Vec2::new(w as f32 / 2.0, h as f32 / 2.0)
                });
                self.pick(at.map_or(centre, |(x, y)| Vec2::new(x, y)));
            }
            ScriptAction::Press(x, y) => {
                self.cursor = Some(PhysicalPosition::new(f64::from(*x), f64::from(*y)));
                self.mouse_button(MouseButton::Left, true);
            }
            ScriptAction::Drag(x, y) => {
                self.cursor_moved(PhysicalPosition::new(f64::from(*x), f64::from(*y)))
            }
            ScriptAction::Release(x, y) => {
                self.cursor_moved(PhysicalPosition::new(f64::from(*x), f64::from(*y)));
                self.mouse_button(MouseButton::Left, false);
                (self.orbiting, self.panning) = (false, false);
            }
            ScriptAction::Drop(path, x, y) => self.edit_drop(path, Some(Vec2::new(*x, *y))),
            ScriptAction::Chord(keys) => {
                keys.iter().for_each(|key| self.scripted_key(*key, true));
                keys.iter().rev().for_each(|key| self.scripted_key(*key, false));
            }
            ScriptAction::UiClick(target) => self.ui_click(target),
            ScriptAction::Type(text) => self.type_text(text),
            ScriptAction::Screenshot(path) => self.pending_screenshots.push(path.clone()),
            ScriptAction::Quit => self.quit = true,
            ScriptAction::Resize(width, height) => {
                if let Some(running) = &self.running {
                    log::info!("viewer: script: asking for a {width}x{height} window");
                    // The window system answers with a resize event (or not at all).
                    let _ = running
                        .window
                        .request_inner_size(PhysicalSize::new(*width, *height));
                }
            }
            ScriptAction::LoseDevice => {
                if let Some(running) = &self.running {
                    log::info!("viewer: script: destroying the GPU device");
                    running.ctx.device.destroy();
                }
            }
        }
    }

    /// Shows or hides the lux overlay.
    fn toggle_lux_view(&mut self) {
        self.lux_view = !self.lux_view;
        log::info!("viewer: lux overlay {}", if self.lux_view { "on" } else { "off" });
        if let Err(error) = self.apply_settings() {
            log::warn!("viewer: {error}");
            self.lux_view = !self.lux_view;
        }
    }

    pub(super) fn key(&mut self, key: ViewerKey, down: bool) {
        if self.edit_key(key, down) || self.walk.key(key, down) || !down {
            return;
        }
        match key {
            ViewerKey::Tab => self.toggle_mode(),
            ViewerKey::F => {
                let aspect = self
                    .running
                    .as_ref()
                    .map_or(1.0, |r| r.size().0 as f32 / r.size().1.max(1) as f32);
                self.orbit = OrbitCamera::framing(&self.session.venue.scene.stats().bounds, YFOV, aspect);
            }
            ViewerKey::L => self.next_language(),
            ViewerKey::V => {
                let scene = &self.session.venue.scene;
                let next = next_variant(scene.variant_names(), scene.selected_variant());
                self.select_variant(next.as_deref());
            }
            ViewerKey::T => self.toggle_tour(),
            ViewerKey::Escape => {
                if self.tour.is_some() {
                    self.end_tour();
                } else if self.grabbed {
                    self.set_grab(false);
                } else {
                    self.selected = None;
                }
            }
            ViewerKey::Space => {
                let paused = self.playback.toggle_pause();
                log::info!("viewer: animations {}", if paused { "paused" } else { "playing" });
            }
            ViewerKey::I => self.toggle_lux_view(),
            ViewerKey::F3 => self.show_stats = !self.show_stats,
            ViewerKey::F12 => self.pending_screenshots.push(self.timestamped_name()),
            ViewerKey::W | ViewerKey::A | ViewerKey::S | ViewerKey::D | ViewerKey::Shift => {}
            // Edit mode's keys, which `edit_key` takes when the venue is open for editing.
            ViewerKey::E
            | ViewerKey::Left
            | ViewerKey::Right
            | ViewerKey::Up
            | ViewerKey::Down
            | ViewerKey::Z
            | ViewerKey::Ctrl
            | ViewerKey::Delete
            | ViewerKey::R
            | ViewerKey::Plus
            | ViewerKey::Minus
            | ViewerKey::BracketLeft
            | ViewerKey::BracketRight => {}
            // A key for egui's text fields only.
            ViewerKey::Enter => {}
        }
    }

    /// Dresses the scene in the material variant `name` (`None`: every primitive's own
    /// material).
    pub(super) fn select_variant(&mut self, name: Option<&str>) {
        match self.session.venue.scene.select_variant(name) {
            Ok(()) => log::info!("viewer: material variant {}", name.unwrap_or("(default)")),
            Err(error) => log::warn!("viewer: {error}"),
        }
    }

    fn timestamped_name(&self) -> PathBuf {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        PathBuf::from(format!("museion-{seconds}-{}.png", self.frame))
    }

    fn toggle_mode(&mut self) {
        self.mode = match self.mode {
            Mode::Walk => {
                self.set_grab(false);
                Mode::Orbit
            }
            Mode::Orbit if self.session.physics.is_some() => Mode::Walk,
            Mode::Orbit => Mode::Orbit,
        };
        log::info!(
            "viewer: {} mode",
            if self.mode == Mode::Walk { "walk" } else { "orbit" }
        );
        self.walk.release_all();
    }

    /// Turns the view by a mouse motion: the visitor's head, or the orbit.
    fn look(&mut self, dx: f32, dy: f32) {
        match self.mode {
            Mode::Walk => {
                if let Some(physics) = &mut self.session.physics {
                    let yaw = self.walk.look(physics.yaw(), dx, dy);
                    if let Err(e) = physics.set_yaw(yaw) {
                        log::warn!("viewer: {e}");
                    }
                }
            }
            Mode::Orbit => self.orbit.rotate(dx, dy),
        }
    }

    /// Opens the panel of the exhibit under `pixel`, or closes it when nothing is there.
    fn pick(&mut self, pixel: Vec2) {
        let Some(size) = self.running.as_ref().map(Running::size) else {
            return;
        };
        let camera = self.camera();
        let picked = pixel_ray(&camera, size, pixel).and_then(|(o, d)| self.session.pick(o, d));
        match picked.and_then(|i| self.session.venue.exhibits.get(i)) {
            Some(exhibit) => log::info!("viewer: picked {}", exhibit.id),
            None => log::info!("viewer: picked nothing"),
        }
        self.selected = picked;
    }

    /// The cursor moved to `position`: a dragged exhibit follows it, or in orbit mode
    /// a held button orbits or pans.
    fn cursor_moved(&mut self, position: PhysicalPosition<f64>) {
        let last = self.cursor.replace(position);
        let pixel = Vec2::new(position.x as f32, position.y as f32);
        if self.edit_drag(pixel) {
            return;
        }
        self.edit_hover(Some(pixel));
        if let Some(last) = last
            && self.mode == Mode::Orbit
        {
            let (dx, dy) = ((position.x - last.x) as f32, (position.y - last.y) as f32);
            if self.orbiting {
                self.orbit.rotate(dx, dy);
            } else if self.panning {
                let height = self.running.as_ref().map_or(1.0, |r| r.size().1 as f32);
                self.orbit.pan(dx, dy, height);
            }
        }
    }

    pub(super) fn set_grab(&mut self, grab: bool) {
        let Some(running) = &self.running else {
            return;
        };
        if grab {
            let grabbed = running
                .window
                .set_cursor_grab(CursorGrabMode::Locked)
                .or_else(|_| running.window.set_cursor_grab(CursorGrabMode::Confined));
            if let Err(e) = grabbed {
                log::warn!("viewer: cannot grab the cursor: {e}");
            }
        } else {
            let _ = running.window.set_cursor_grab(CursorGrabMode::None);
        }
        running.window.set_cursor_visible(!grab);
        self.grabbed = grab;
    }

    fn mouse_button(&mut self, button: MouseButton, pressed: bool) {
        if self.tour.is_some() {
            return;
        }
        if button == MouseButton::Left && !self.grabbed {
            let at = self.cursor.map(|c| Vec2::new(c.x as f32, c.y as f32));
            let taken = match (at, pressed) {
                (Some(at), true) => self.edit_press(at),
                (Some(at), false) => self.edit_release(at),
                (None, _) => false,
            };
            if taken {
                return;
            }
        }
        match (self.mode, button) {
            (Mode::Walk, MouseButton::Left) if pressed => {
                if self.grabbed {
                    let centre = self.running.as_ref().map_or(Vec2::ZERO, |r| {
                        Vec2::new(r.size().0 as f32 / 2.0, r.size().1 as f32 / 2.0)
                    });
                    self.pick(centre);
                } else if self.options.script.is_none() {
                    self.set_grab(true);
                }
            }
            (Mode::Orbit, MouseButton::Left) => {
                self.orbiting = pressed;
                if pressed {
                    self.press = self.cursor;
                } else if let (Some(from), Some(to)) = (self.press.take(), self.cursor)
                    && (to.x - from.x).hypot(to.y - from.y) < CLICK_SLOP
                {
                    self.pick(Vec2::new(to.x as f32, to.y as f32));
                }
            }
            (Mode::Orbit, MouseButton::Right | MouseButton::Middle) => self.panning = pressed,
            _ => {}
        }
    }
}

impl ApplicationHandler for App {
    fn resumed(&mut self, event_loop: &ActiveEventLoop) {
        if self.running.is_some() {
            return;
        }
        match self.start(event_loop) {
            Ok(running) => {
                running.window.request_redraw();
                self.running = Some(running);
                if let Err(e) = self.install_fonts() {
                    self.fail(event_loop, e);
                }
            }
            Err(e) => self.fail(event_loop, e),
        }
    }

    fn window_event(&mut self, event_loop: &ActiveEventLoop, _window: WindowId, event: WindowEvent) {
        let consumed = self
            .running
            .as_mut()
            .is_some_and(|r| r.overlay.on_window_event(&event));
        let over_panel = self.running.as_ref().is_some_and(|r| r.overlay.wants_pointer());
        match event {
            WindowEvent::CloseRequested => self.close(event_loop),
            WindowEvent::Resized(size) => self.resize(size),
            WindowEvent::Occluded(occluded) => self.minimized = occluded,
            WindowEvent::Focused(false) => {
                self.walk.release_all();
                self.set_grab(false);
            }
            WindowEvent::RedrawRequested => self.redraw_and_continue(event_loop),
            WindowEvent::MouseInput { state, button, .. } if !consumed && !over_panel => {
                self.mouse_button(button, state == ElementState::Pressed);
            }
            WindowEvent::MouseInput {
                state: ElementState::Released,
                ..
            } => {
                (self.orbiting, self.panning) = (false, false);
                // A drag let go of over a panel still ends where the cursor is.
                if let Some(at) = self.cursor {
                    self.edit_release(Vec2::new(at.x as f32, at.y as f32));
                }
            }
            WindowEvent::CursorMoved { position, .. } => self.cursor_moved(position),
            WindowEvent::CursorLeft { .. } => {
                self.cursor = None;
                self.edit_hover(None);
            }
            WindowEvent::DroppedFile(path) => {
                let at = self.cursor.map(|c| Vec2::new(c.x as f32, c.y as f32));
                self.edit_drop(&path, at);
            }
            WindowEvent::MouseWheel { delta, .. } if !consumed && self.mode == Mode::Orbit => {
                let steps = match delta {
                    MouseScrollDelta::LineDelta(_, y) => y,
                    MouseScrollDelta::PixelDelta(p) => p.y as f32 / 60.0,
                };
                self.orbit.zoom(steps);
            }
            WindowEvent::KeyboardInput { event, .. } if !event.repeat => {
                let down = event.state == ElementState::Pressed;
                if let Some(key) = ViewerKey::from_winit(event.physical_key, &event.logical_key)
                    && key_reaches_viewer(consumed, down)
                {
                    self.key(key, down);
                }
            }
            _ => {}
        }
    }

    fn device_event(&mut self, _event_loop: &ActiveEventLoop, _device: DeviceId, event: DeviceEvent) {
        if let DeviceEvent::MouseMotion { delta } = event
            && self.grabbed
            && self.mode == Mode::Walk
        {
            self.look(delta.0 as f32, delta.1 as f32);
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
