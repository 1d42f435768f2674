//! One frame of the viewer: script events, simulation, drawing with the overlay,
//! statistics and screenshots.

use super::SCRIPT_FRAME_TIME;
use super::add_file::typed_path;
use super::app::{App, Mode, YFOV};
use super::edit_actions::PanelRequest;
use super::editing::Editing;
use super::error::ViewerError;
use super::gi::BakedLight;
use super::gizmo;
use super::hud::{self, Banner, StatsPanel};
use super::label_fields::translation_of;
use super::language::first_language;
use super::legend;
use super::lux::LuxFigures;
use super::markers;
use super::outline;
use super::panels::{ClipPanel, InfoPanel, VariantPanel};
use super::playback::Playback;
use museion_renderer::{Exposure, OffscreenTarget, RenderTarget, ViewCamera};
use museion_venue::{CompiledVenue, ReloadEvent, VenueReloader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use winit::dpi::PhysicalSize;
use winit::event_loop::ActiveEventLoop;

/// Frame statistics are read back (waiting for the GPU) this often in real time…
const STATS_PERIOD: Duration = Duration::from_millis(500);
/// …and every this many frames in script mode.
const STATS_FRAMES: u64 = 30;

impl App {
    /// The camera of the current mode.
    pub(super) fn camera(&self) -> ViewCamera {
        if let Some(tour) = &self.tour {
            return tour.camera(YFOV);
        }
        match (self.mode, self.session.pose()) {
            (Mode::Walk, Some(pose)) => self.walk.camera(&pose, YFOV),
            _ => self.orbit.view_camera(),
        }
    }

    /// Draws a frame and handles what follows it: screenshots, the frame limit, quitting.
    pub(super) fn redraw_and_continue(&mut self, event_loop: &ActiveEventLoop) {
        let outcome = self.redraw().and_then(|drawn| {
            if drawn {
                self.after_frame()?;
            }
            Ok(drawn)
        });
        match outcome {
            Ok(true) if self.quit => self.close(event_loop),
            Ok(_) => {}
            // A lost device is made again, once a frame at most; anything else ends the
            // viewer.
            Err(e) if e.is_device_lost() => {
                if let Err(e) = self.recover_device(&e) {
                    self.fail(event_loop, e);
                }
            }
            Err(e) => self.fail(event_loop, e),
        }
    }

    /// Runs one frame; returns whether one was simulated and drawn.
    fn redraw(&mut self) -> Result<bool, ViewerError> {
        if self.running.is_none() || self.minimized {
            return Ok(false);
        }
        // A frame whose drawing failed (a lost device) is drawn again; its events apply once.
        if self.script_done != Some(self.frame)
            && let Some(script) = self.options.script.take()
        {
            for action in script.events_at(self.frame) {
                self.act(action);
            }
            self.script_done = Some(self.frame);
            self.options.script = Some(script);
        }
        let now = Instant::now();
        let last = self.last_redraw.replace(now);
        let dt = if self.options.script.is_some() {
            SCRIPT_FRAME_TIME
        } else {
            // Capped, so that a long pause (a minimised window) does not jump at once.
            last.map_or(SCRIPT_FRAME_TIME, |l| (now - l).as_secs_f32().min(0.25))
        };
        self.poll_reload()?;
        self.show_edits()?;
        self.lux.poll();
        if let Some(tour) = &mut self.tour
            && !tour.advance(dt)
        {
            self.end_tour();
        }
        let input = match self.mode {
            Mode::Walk if self.tour.is_none() => self.walk.input(),
            _ => Default::default(),
        };
        let yaw = self.session.physics.as_ref().map_or(0.0, |p| p.yaw());
        self.session.step(dt, yaw, &input)?;
        let tour_seconds = self.tour.as_ref().map_or(0.0, |t| t.time);
        self.playback
            .step(&mut self.session.venue.scene, dt, tour_seconds);
        let camera = self.camera();
        let tour = self.tour_text();
        let cursor = self
            .cursor
            .map(|c| museion_scene::glam::Vec2::new(c.x as f32, c.y as f32));
        let (outlines, (markers, marked), (handles, active)) = match self.running.as_ref().map(|r| r.size()) {
            Some(size) => (
                self.edit_outlines(&camera, size),
                self.edit_markers(&camera, size),
                self.edit_handles(&camera, size, cursor),
            ),
            None => Default::default(),
        };

        let Some(running) = &mut self.running else {
            return Ok(false);
        };
        if let Some(probes) = self.gi.take() {
            match running
                .renderer
                .set_irradiance_probes(&running.ctx, probes.as_ref())
            {
                // The exhibits' lux figures count the baked light from now on.
                Ok(()) if probes.is_some() => {
                    self.lux = LuxFigures::measure(&self.session.venue, probes.as_ref())
                }
                Ok(()) => {}
                Err(error) => log::warn!("viewer: {error}"),
            }
            self.probes_shown = probes;
        }
        running
            .renderer
            .prepare(&running.ctx, &self.session.venue.scene)?;
        running.renderer.set_frame_time(dt)?;
        running.window.pre_present_notify();
        let RenderTarget::Surface(surface) = &mut running.target else {
            return Ok(false);
        };
        let size = surface.size();
        let Some(frame) = surface.acquire(&running.ctx)? else {
            return Ok(false);
        };
        running
            .scaled
            .render(&running.ctx, &mut running.renderer, &camera, &frame.view, size)?;
        let mode = match (self.mode, &self.tour) {
            (_, Some(_)) => "mode.tour",
            (Mode::Walk, None) => "mode.walk",
            (Mode::Orbit, None) => "mode.orbit",
        };
        // Field by field: `running` holds `self.running` mutably.
        let exhibit = self
            .selected
            .and_then(|i| Some((self.session.venue.exhibits.get(i)?, self.lux.exhibit(i))));
        let translation = translation_of(&self.session.venue, &self.language);
        let mut edit_panel = self.editing.as_mut().and_then(|editing| {
            let picked = exhibit.as_ref().map(|(e, _)| *e);
            editing.panel(picked, translation.as_deref(), &self.words)
        });
        let languages = &self.session.venue.languages;
        let mut open = true;
        let language = &mut self.language;
        let words = &self.words;
        let (show_stats, stats) = (self.show_stats, &self.stats);
        let provenance = self.options.provenance.as_ref();
        let baking = self.gi.progress().map(|share| {
            Banner::Note(words.fill("notice.baking", &[("percent", &format!("{:.0}", share * 100.0))]))
        });
        let banners: Vec<Banner> = [
            self.reload_error.clone().map(Banner::ReloadFailed),
            self.notice.clone().map(Banner::Note),
            baking,
        ]
        .into_iter()
        .flatten()
        .collect();
        let missing = self.missing_fonts.list();
        let scene = &self.session.venue.scene;
        let (variant_names, worn) = (scene.variant_names(), scene.selected_variant());
        let mut variant_clicked = None;
        let mut panel_action = None;
        let mut clip_clicked = None;
        let animation = self.playback.status().map(|(clip, time, paused)| {
            let key = if paused {
                "stats.animation_paused"
            } else {
                "stats.animation"
            };
            words.fill(key, &[("clip", &clip), ("time", &format!("{time:.2}"))])
        });
        let clips = ClipPanel {
            names: self.playback.clip_names(),
            playing: self.playback.current_clip(),
            words,
        };
        let help = help_key(self.mode, self.grabbed, self.tour.is_some());
        let lightened = self.quality.map(|q| q.lightened()).unwrap_or_default();
        let render_scale = running.scaled.scale();
        let stats_panel = StatsPanel {
            mode_key: mode,
            stats,
            animation: animation.as_deref(),
            clustered: running.renderer.settings().clusters.enabled,
            scaled: (render_scale < 1.0).then(|| (running.scaled.frame_size(size), render_scale)),
            lightened: &lightened,
        };
        let lux_scale = match &running.renderer.settings().view {
            museion_renderer::ShadingView::Illuminance(scale) => Some(scale.clone()),
            museion_renderer::ShadingView::Normal => None,
        };
        running.overlay.paint(&running.ctx, &frame.view, size, |ctx| {
            outline::show(ctx, &outlines, cursor);
            gizmo::show(ctx, &handles, active);
            markers::show(ctx, &markers, marked);
            let room = hud::bands(ctx, words, &banners, &missing, help);
            let stats_box = show_stats.then(|| hud::stats(ctx, room, words, &stats_panel));
            let legend_box = lux_scale
                .as_ref()
                .map(|scale| legend::show(ctx, room, stats_box, words, scale));
            // The boxes in the top-left corner, which the edit panel keeps clear of.
            let corner = [stats_box, legend_box]
                .into_iter()
                .flatten()
                .reduce(egui::Rect::union);
            clip_clicked = clips.show(ctx, room);
            if let Some((progress, caption)) = &tour {
                hud::caption(ctx, room, progress, caption.as_deref());
            }
            if let Some(panel) = &mut edit_panel {
                panel_action = panel.show(ctx, room, corner);
            }
            let variants = VariantPanel {
                names: variant_names,
                selected: worn,
                words,
                room,
            };
            variant_clicked = variants.show(ctx);
            if let Some((exhibit, lux)) = &exhibit {
                let panel = InfoPanel {
                    exhibit,
                    lux,
                    languages,
                    language,
                    words,
                    room,
                    provenance: provenance.map(|v| v.reasons(&exhibit.id)),
                };
                open = panel.show(ctx);
            }
        });
        frame.present(&running.ctx);
        if !open {
            self.selected = None;
        }
        if let Some(choice) = variant_clicked {
            self.select_variant(choice.as_deref());
        }
        if let Some(clip) = clip_clicked {
            self.playback.select(clip);
        }
        match panel_action {
            Some(PanelRequest::Act(action)) => self.edit_action(action),
            Some(PanelRequest::AddFile(text)) => self.edit_drop(&typed_path(&text), None),
            Some(PanelRequest::ChooseLight(index)) => {
                if let Some(editing) = &mut self.editing {
                    editing.choose_light(index);
                }
            }
            Some(PanelRequest::Light(edit)) => {
                if let Some(editing) = &mut self.editing {
                    editing.set_light(&edit, &self.words);
                }
            }
            Some(PanelRequest::AimLight(index)) => {
                let centre = self.selected_exhibit().map(|exhibit| match exhibit.surface {
                    museion_venue::ExhibitSurface::Canvas { centre, .. } => centre,
                    museion_venue::ExhibitSurface::Object { bounds, .. } => bounds.center(),
                });
                if let (Some(centre), Some(editing)) = (centre, &mut self.editing) {
                    editing.aim_light(index, centre, &self.session.venue, &self.words);
                }
            }
            Some(PanelRequest::Answer(answer)) => {
                if let Some(editing) = &mut self.editing {
                    editing.answer(answer, &self.words);
                }
            }
            Some(PanelRequest::Place(edit)) => {
                if let Some(editing) = &mut self.editing {
                    editing.set_place(&edit, &self.words);
                }
            }
            Some(PanelRequest::Label(edit)) => {
                if let Some(editing) = &mut self.editing {
                    editing.set_label(&edit, &self.words);
                }
            }
            None => {}
        }
        Ok(true)
    }

    /// Takes in a venue compiled again after its files changed; a venue that no longer
    /// compiles (or whose colliders fail) leaves the last good one in place and its
    /// error on screen. While edits are unsaved the edited venue stays (it is what a
    /// save writes).
    fn poll_reload(&mut self) -> Result<(), ViewerError> {
        let Some(event) = self.reloader.as_mut().and_then(VenueReloader::poll) else {
            return Ok(());
        };
        let venue = match event {
            ReloadEvent::Reloaded(venue) => *venue,
            ReloadEvent::Failed(error) => {
                log::warn!("viewer: reload failed: {error}");
                self.reload_error = Some(error.to_string());
                return Ok(());
            }
        };
        if self.editing.as_ref().is_some_and(Editing::is_modified) {
            log::info!("viewer: the venue's files changed on disk; the unsaved edits stay shown");
            return Ok(());
        }
        self.show_venue(venue, "reloaded")
    }

    /// Shows the edited venue after an edit, undo or redo.
    fn show_edits(&mut self) -> Result<(), ViewerError> {
        let Some(venue) = self.editing.as_mut().and_then(Editing::take_changed) else {
            return Ok(());
        };
        self.show_venue(venue, "edited")?;
        // A copy just made is picked, to move it on.
        if let Some(id) = self.editing.as_mut().and_then(Editing::take_focus) {
            self.selected = self.session.venue.exhibits.iter().position(|e| e.id == id);
        }
        Ok(())
    }

    /// Swaps in a venue compiled again (`how`: reloaded or edited), the visitor staying
    /// where they stand and the picked exhibit staying picked; colliders that fail leave
    /// the last good venue and their error on screen.
    fn show_venue(&mut self, venue: CompiledVenue, how: &str) -> Result<(), ViewerError> {
        let selected = self.selected_exhibit().map(|e| e.id.clone());
        let variant = self.session.venue.scene.selected_variant().map(str::to_owned);
        if let Err(error) = self.session.replace(venue) {
            log::warn!("viewer: reload failed: {error}");
            self.reload_error = Some(format!("the venue's colliders: {error}"));
            return Ok(());
        }
        self.reload_error = None;
        self.notice = None;
        self.tour = None;
        self.hovered = None;
        if let Some(editing) = &mut self.editing {
            editing.forget_drag();
        }
        self.playback = Playback::new(&self.session.venue);
        self.selected = selected.and_then(|id| self.session.venue.exhibits.iter().position(|e| e.id == id));
        if variant.is_some() {
            self.select_variant(variant.as_deref());
        }
        if !self.session.venue.languages.contains(&self.language) {
            self.language = first_language(&self.session.venue, None);
        }
        self.install_fonts()?;
        self.apply_settings()?;
        self.lux = LuxFigures::measure(&self.session.venue, None);
        // A venue reloaded from its files is baked again (the last bake's light stays
        // until the new one is done, and a bake still running for an older version
        // stops); an edit not yet saved keeps the light it has — baking after every
        // step of a move would keep the bake forever behind.
        if how == "reloaded" {
            self.gi = BakedLight::start(&self.session.venue, self.options.gi);
        }
        log::info!("viewer: venue {how}");
        Ok(())
    }

    /// The exhibit whose panel is open.
    pub(super) fn selected_exhibit(&self) -> Option<&museion_venue::Exhibit> {
        self.selected.and_then(|i| self.session.venue.exhibits.get(i))
    }

    fn after_frame(&mut self) -> Result<(), ViewerError> {
        self.frame += 1;
        self.update_stats()?;
        for path in std::mem::take(&mut self.pending_screenshots) {
            let path = self.screenshot_path(&path);
            self.screenshot(&path)?;
            log::info!("viewer: saved {}", path.display());
        }
        if let (Some(((w, h), at)), Some(running)) = (self.options.resize, &self.running)
            && self.frame == at
        {
            let _ = running.window.request_inner_size(PhysicalSize::new(w, h));
        }
        if self.options.frames.is_some_and(|n| self.frame >= n) {
            self.quit = true;
        }
        Ok(())
    }

    /// Refreshes the statistics line when its period is over.
    fn update_stats(&mut self) -> Result<(), ViewerError> {
        let Some(running) = &self.running else {
            return Ok(());
        };
        let now = Instant::now();
        let (since, first_frame) = *self.stats_started.get_or_insert((now, self.frame));
        let frames = self.frame - first_frame;
        let due = if self.options.script.is_some() {
            frames >= STATS_FRAMES
        } else {
            now - since >= STATS_PERIOD
        };
        if !due || frames == 0 {
            return Ok(());
        }
        let counts = running.renderer.read_frame_stats(&running.ctx)?;
        // The clusters' statistics wait for the GPU too: read only while they are shown.
        self.stats.lights = if self.show_stats {
            Some(running.renderer.read_cluster_stats(&running.ctx)?)
        } else {
            None
        };
        self.stats.frame_ms = (now - since).as_secs_f64() * 1000.0 / frames as f64;
        self.stats.draws = counts.draws;
        self.stats.triangles = counts.triangles;
        self.stats.instances = counts.instances;
        self.stats.ev100 = match running.renderer.settings().exposure {
            Exposure::Auto => Some(running.renderer.read_auto_exposure(&running.ctx)?),
            Exposure::Fit => running.renderer.fitted_exposure().and_then(|e| e.ev100()),
            _ => None,
        };
        self.stats_started = Some((now, self.frame));
        log::debug!(
            "viewer: {:.1} ms a frame over {frames} frames",
            self.stats.frame_ms
        );
        running.window.set_title(&format!(
            "Museion — {} — {:.1} ms",
            self.options.title, self.stats.frame_ms
        ));
        Ok(())
    }

    fn screenshot_path(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.options.screenshot_dir.join(path)
        }
    }

    /// Renders the current view offscreen at the window's size, draws the last frame's
    /// overlay over it (what the window shows) and writes it as PNG.
    fn screenshot(&mut self, path: &Path) -> Result<(), ViewerError> {
        // A screenshot never replaces the venue or a file it is made of.
        museion_files::check_output(path, &self.session.venue.dependencies, "png")?;
        let camera = self.camera();
        let Some(running) = &mut self.running else {
            return Ok(());
        };
        let (width, height) = running.size();
        // The window's format, so that the overlay's painter draws into it too; at the
        // window's render scale.
        let target = OffscreenTarget::new(&running.ctx, width, height, running.target.format())?;
        running.scaled.render(
            &running.ctx,
            &mut running.renderer,
            &camera,
            &target.view,
            (width, height),
        )?;
        running.overlay.repaint_last(&running.ctx, &target.view);
        let image = target.read_rgba8(&running.ctx)?;
        let write_error = |source| ViewerError::WriteImage {
            path: path.to_path_buf(),
            source,
        };
        let mut png = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(write_error)?;
        museion_files::write_atomic(path, |out| out.write_all(&png))
            .map_err(|e| write_error(image::ImageError::IoError(e)))?;
        Ok(())
    }

    /// Saves the closing screenshot when one was asked for, then ends the loop.
    pub(super) fn close(&mut self, event_loop: &ActiveEventLoop) {
        if let Some(path) = self.options.screenshot.clone()
            && let Err(e) = self.screenshot(&path)
        {
            self.fail(event_loop, e);
            return;
        }
        event_loop.exit();
    }
}

/// The key of the line of key hints for what the visitor is doing.
fn help_key(mode: Mode, grabbed: bool, touring: bool) -> &'static str {
    match (touring, mode, grabbed) {
        (true, _, _) => "help.tour",
        (false, Mode::Walk, false) => "help.walk",
        (false, Mode::Walk, true) => "help.walk_grabbed",
        (false, Mode::Orbit, _) => "help.orbit",
    }
}
