//! The mouse in edit mode: the left button pressed on the marker of a light, spawn or
//! tour stop selects it and starts dragging it (`markers.rs`, `marker_drag.rs`); pressed
//! on a handle of the picked exhibit's gizmo, it drags the exhibit by that handle only
//! (`gizmo.rs`, `grip.rs`); pressed on an exhibit, it picks it and starts a drag (along
//! the walls, `wall_drag.rs`; across the floor, `floor_drag.rs`). Moving with the
//! button held slides it (once the cursor has moved
//! [`DRAG_SLOP`](super::editing::DRAG_SLOP) pixels: a click
//! moves nothing), and letting go makes the edit. A file dropped on the window is added
//! where it was dropped (`add_file.rs`).

use super::app::{App, YFOV};
use super::gizmo::{Gizmo, Handle, ShownHandle, handle_at};
use super::markers::{Marker, Place, Shown, in_sight, marker_at, shown};
use super::outline::{Marked, Outline, screen_rect};
use super::session::pixel_ray;
use museion_renderer::ViewCamera;
use museion_scene::glam::Vec2;
use std::path::Path;

impl App {
    /// The left button went down at `pixel` in edit mode: the marker there (see
    /// `markers.rs`) is selected, or else the picked exhibit's gizmo handle there is
    /// held, or else the exhibit there is picked, and it starts being dragged. Returns
    /// whether edit mode took the press (a marker, handle or exhibit was there), so that
    /// it neither grabs the cursor nor orbits.
    pub(super) fn edit_press(&mut self, pixel: Vec2) -> bool {
        if !self.editing.as_ref().is_some_and(|e| e.is_on()) {
            return false;
        }
        let Some(size) = self.running.as_ref().map(|r| r.size()) else {
            return false;
        };
        let camera = self.camera();
        let Some((origin, direction)) = pixel_ray(&camera, size, pixel) else {
            return false;
        };
        if let Some(editing) = &mut self.editing {
            editing.note_press(pixel);
        }
        let markers = self.markers_in_sight(&camera);
        let place = marker_at(&shown(&markers, &camera, size), pixel);
        if let (Some(marker), Some(editing)) =
            (markers.iter().find(|m| Some(m.place) == place), &mut self.editing)
        {
            self.selected = None;
            editing.begin_marker_drag(marker, origin, direction);
            return true;
        }
        if let Some((index, gizmo, shown)) = self.edit_gizmo(&camera, size)
            && let Some(handle) = handle_at(&shown, pixel)
            && let Some(editing) = &mut self.editing
        {
            editing.unmark();
            return editing.begin_grip(&self.session.venue, index, (handle, &gizmo), origin, direction);
        }
        let Some(index) = self.session.pick(origin, direction) else {
            return false;
        };
        if let Some(exhibit) = self.session.venue.exhibits.get(index) {
            log::info!("viewer: picked {}", exhibit.id);
        }
        self.selected = Some(index);
        if let Some(editing) = &mut self.editing {
            editing.unmark();
            editing.begin_drag(&self.session.venue, index, origin, direction);
        }
        true
    }

    /// The gizmo of the picked exhibit in edit mode, where a drag under way has it, and
    /// its handles as drawn on a view `size` pixels large from `camera`.
    pub(super) fn edit_gizmo(
        &self,
        camera: &ViewCamera,
        size: (u32, u32),
    ) -> Option<(usize, Gizmo, Vec<ShownHandle>)> {
        let editing = self.editing.as_ref().filter(|e| e.is_on())?;
        let index = self.selected?;
        let eye = camera.view.inverse().w_axis.truncate();
        let gizmo = Gizmo::of(&self.session.venue, index, eye, (size.1, YFOV))?
            .moved(editing.dragged_by(&self.session.venue.scene));
        let shown = gizmo.on_screen(camera, size);
        Some((index, gizmo, shown))
    }

    /// The gizmo's handles to draw and the one to draw brighter: the one held, or else
    /// the one under the cursor at `cursor`.
    pub(super) fn edit_handles(
        &self,
        camera: &ViewCamera,
        size: (u32, u32),
        cursor: Option<Vec2>,
    ) -> (Vec<ShownHandle>, Option<Handle>) {
        let Some((_, _, shown)) = self.edit_gizmo(camera, size) else {
            return Default::default();
        };
        let held = self.editing.as_ref().and_then(|e| e.gripped());
        let under = cursor
            .filter(|_| held.is_none() && !self.grabbed)
            .and_then(|c| handle_at(&shown, c));
        (shown, held.or(under))
    }

    /// The markers edit mode draws on a view `size` pixels large from `camera`, and the
    /// item selected by its marker.
    pub(super) fn edit_markers(&self, camera: &ViewCamera, size: (u32, u32)) -> (Vec<Shown>, Option<Place>) {
        let marked = self.editing.as_ref().and_then(|e| e.marked());
        (shown(&self.markers_in_sight(camera), camera, size), marked)
    }

    /// The markers of edit mode not hidden from `camera` by a wall or other surface (the
    /// markers all while one is dragged, so that it is not lost behind something).
    fn markers_in_sight(&self, camera: &ViewCamera) -> Vec<Marker> {
        let Some(editing) = &self.editing else {
            return Vec::new();
        };
        let eye = camera.view.inverse().w_axis.truncate();
        let mut markers = editing.markers(&self.session.venue);
        if let Some(physics) = &self.session.physics {
            markers.retain(|marker| {
                let to = marker.position - eye;
                let distance = to.length();
                editing.is_dragging()
                    || in_sight(
                        distance,
                        physics.cast_ray(eye, to, distance).map(|hit| hit.distance),
                    )
            });
        }
        markers
    }

    /// The cursor moved to `pixel`: a dragged artwork follows it. Returns whether a
    /// drag is under way (the move then does nothing else).
    pub(super) fn edit_drag(&mut self, pixel: Vec2) -> bool {
        if !self.editing.as_ref().is_some_and(|e| e.is_dragging()) {
            return false;
        }
        if self.editing.as_mut().is_some_and(|e| e.within_slop(pixel)) {
            return true;
        }
        let Some(size) = self.running.as_ref().map(|r| r.size()) else {
            return true;
        };
        let ray = pixel_ray(&self.camera(), size, pixel);
        if let (Some((origin, direction)), Some(editing)) = (ray, &mut self.editing) {
            editing.drag_to(&mut self.session.venue.scene, origin, direction, (size.1, YFOV));
        }
        true
    }

    /// The left button came up at `pixel`: a drag follows it there and ends in one
    /// edit. Returns whether a drag ended.
    pub(super) fn edit_release(&mut self, pixel: Vec2) -> bool {
        if !self.edit_drag(pixel) {
            return false;
        }
        if let Some(editing) = &mut self.editing {
            editing.end_drag(&mut self.session.venue.scene, &self.words);
        }
        true
    }

    /// A file dropped at `pixel` (or typed into the edit panel, `pixel` the window's
    /// centre): added as an exhibit there (see `Editing::add_file`).
    pub(super) fn edit_drop(&mut self, file: &Path, pixel: Option<Vec2>) {
        let Some(size) = self.running.as_ref().map(|r| r.size()) else {
            return;
        };
        let camera = self.camera();
        let centre = Vec2::new(size.0 as f32, size.1 as f32) * 0.5;
        let ray = pixel_ray(&camera, size, pixel.unwrap_or(centre));
        let ahead = pixel_ray(&camera, size, centre);
        let (Some((eye, direction)), Some((_, forward))) = (ray, ahead) else {
            return;
        };
        log::info!("viewer: adding {}", file.display());
        if let Some(editing) = &mut self.editing {
            editing.add_file(&self.session.venue, file, eye, direction, forward, &self.words);
        }
    }

    /// Notes the exhibit under the cursor at `pixel` in edit mode (none while dragging,
    /// or over a marker).
    pub(super) fn edit_hover(&mut self, pixel: Option<Vec2>) {
        let on = self
            .editing
            .as_ref()
            .is_some_and(|e| e.is_on() && !e.is_dragging());
        let size = self.running.as_ref().map(|r| r.size());
        let camera = self.camera();
        self.hovered = match (on, pixel, size) {
            // A marker under the cursor takes a press there: no exhibit is outlined.
            (true, Some(pixel), Some(size))
                if !self.grabbed && marker_at(&self.edit_markers(&camera, size).0, pixel).is_none() =>
            {
                pixel_ray(&camera, size, pixel)
                    .and_then(|(origin, direction)| self.session.pick(origin, direction))
            }
            _ => None,
        };
    }

    /// The outlines edit mode draws over a view `size` pixels large from `camera`: the
    /// exhibit under the cursor (unless it is the picked one) and the picked one.
    pub(super) fn edit_outlines(&self, camera: &ViewCamera, size: (u32, u32)) -> Vec<Outline> {
        if !self.editing.as_ref().is_some_and(|e| e.is_on()) {
            return Vec::new();
        }
        let hovered = self.hovered.filter(|h| Some(*h) != self.selected);
        [(hovered, Marked::Hovered), (self.selected, Marked::Picked)]
            .into_iter()
            .filter_map(|(index, marked)| {
                let exhibit = self.session.venue.exhibits.get(index?)?;
                let bounds = self.session.venue.scene.subtree_bounds(exhibit.node);
                let (min, max) = screen_rect(&bounds, camera, size)?;
                Some(Outline {
                    min,
                    max,
                    marked,
                    id: exhibit.id.clone(),
                })
            })
            .collect()
    }
}
