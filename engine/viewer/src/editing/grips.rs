//! Dragging the picked exhibit by a handle of the gizmo (`gizmo.rs`, `grip.rs`): the
//! drag begun, the gizmo shown where the drag has the exhibit, and the words of what the
//! release did.

use super::Editing;
use super::commands::scaled_size;
use crate::edit_drag::Drag;
use crate::floor_drag::HEADING_PRECISION;
use crate::gizmo::{Gizmo, Handle};
use crate::grip::Grip;
use crate::ui_text::UiText;
use crate::wall_drag::Snapping;
use museion_scene::Scene;
use museion_scene::glam::{Mat4, Vec3};
use museion_venue::{CompiledVenue, ExhibitKind};

impl Editing {
    /// Starts dragging exhibit `index` of the shown `venue` by `handle` of its `gizmo`,
    /// gripped where the ray from `origin` along `direction` meets the handle; returns
    /// whether a drag began.
    pub fn begin_grip(
        &mut self,
        venue: &CompiledVenue,
        index: usize,
        (handle, gizmo): (Handle, &Gizmo),
        origin: Vec3,
        direction: Vec3,
    ) -> bool {
        let Some(exhibit) = venue.exhibits.get(index) else {
            return false;
        };
        let size = self
            .editor
            .select(&exhibit.id)
            .ok()
            .map(|item| scaled_size(&self.editor, item, exhibit.kind == ExhibitKind::Artwork, 0));
        let drag = Drag::held(&self.editor, venue, index);
        let grip = Grip::start(handle, gizmo, size, origin, direction);
        let (Some(drag), Some(grip)) = (drag, grip) else {
            return false;
        };
        log::info!("viewer: dragging {} by its {handle:?} handle", drag.id());
        self.drag = Some(drag);
        self.grip = Some(grip);
        true
    }

    /// The handle held, if a drag by one is under way.
    pub fn gripped(&self) -> Option<Handle> {
        self.grip.as_ref().map(|grip| grip.handle)
    }

    /// How the drag under way has moved, turned and scaled its exhibit in `scene` since
    /// it began (the identity when nothing is dragged): the gizmo goes with it.
    pub fn dragged_by(&self, scene: &Scene) -> Mat4 {
        let Some((node, start)) = self.drag.as_ref().and_then(Drag::node_start) else {
            return Mat4::IDENTITY;
        };
        scene
            .world_matrix(node)
            .map_or(Mat4::IDENTITY, |now| now * start.inverse())
    }

    /// Follows the cursor's ray with a drag by a handle; returns false when no handle
    /// is held.
    pub(super) fn follow_grip(
        &mut self,
        scene: &mut Scene,
        origin: Vec3,
        direction: Vec3,
        view: (u32, f32),
    ) -> bool {
        let (Some(grip), Some(drag)) = (&mut self.grip, &mut self.drag) else {
            return false;
        };
        let snapping = Snapping::on_view(view, self.ctrl);
        grip.follow(drag, scene, origin, direction, snapping);
        true
    }

    /// What the release of a drag by `grip` did, in the viewer's words: the size the
    /// knob set or the heading the ring turned to (`None`: what the drag says).
    pub(super) fn grip_done(grip: &Grip, drag: &Drag, words: &UiText) -> Option<String> {
        let id = drag.id();
        match (grip.handle, drag) {
            (Handle::Scale, _) => grip.changed_fields().first().map(|(field, value)| {
                words.fill(
                    "edit.scaled",
                    &[("id", id), ("field", field), ("value", &value.to_string())],
                )
            }),
            (Handle::Turn, Drag::Floor(model)) if model.turned.abs() >= HEADING_PRECISION => {
                Some(words.fill(
                    "edit.turned",
                    &[("id", id), ("degrees", &format!("{:+.1}", model.turned))],
                ))
            }
            _ => None,
        }
    }
}
