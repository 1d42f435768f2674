//! The lights, spawns and tour stops selected by their markers (`markers.rs`): selecting
//! one, dragging it (`marker_drag.rs`), nudging it with the arrow keys, and setting the
//! fields the panel shows for a spawn or stop (`place_fields.rs`).

use super::Editing;
use crate::edit_drag::Drag;
use crate::marker_drag::{MarkerDrag, explicit_pose, millimetres};
use crate::markers::{Marker, Place, markers};
use crate::place_fields::PlaceEdit;
use crate::ui_text::UiText;
use museion_scene::glam::Vec3;
use museion_venue::CompiledVenue;
use museion_venue::toml_edit::Value;

impl Editing {
    /// The markers of the file's lights, spawns and stops (see `markers.rs`), placed with
    /// the rooms of the shown `venue`; a dragged one where the drag has it. None while
    /// edit mode is off.
    pub fn markers(&self, venue: &CompiledVenue) -> Vec<Marker> {
        if !self.on {
            return Vec::new();
        }
        let mut all = markers(&self.editor, venue);
        if let Some(Drag::Marker(drag)) = &self.drag {
            for marker in all.iter_mut().filter(|m| m.place == drag.place) {
                marker.position = drag.now;
            }
        }
        all
    }

    /// The item selected by its marker.
    pub fn marked(&self) -> Option<Place> {
        self.marked
    }

    /// Selects the item of a clicked marker: a light becomes the one the panel's Lights
    /// section edits (and opens it), a spawn or stop shows its fields.
    pub fn mark(&mut self, place: Place) {
        log::info!("viewer: selected {}", place.selector());
        self.marked = Some(place);
        self.place = None;
        if let Place::Light(index) = place {
            self.choose_light(Some(index));
            self.reveal_lights = true;
        }
    }

    /// Forgets the marked item (an exhibit was picked instead).
    pub fn unmark(&mut self) {
        self.marked = None;
        self.place = None;
    }

    /// Selects `marker` and starts dragging it from the press whose ray runs from
    /// `origin` along `direction` (a light up and down with Shift held); returns whether
    /// a drag began.
    pub fn begin_marker_drag(&mut self, marker: &Marker, origin: Vec3, direction: Vec3) -> bool {
        self.mark(marker.place);
        self.drag = MarkerDrag::start(marker, origin, direction, self.shift).map(Drag::Marker);
        if let Some(Drag::Marker(drag)) = &self.drag {
            log::info!(
                "viewer: dragging {} from ({:.3}, {:.3}, {:.3})",
                drag.selector,
                drag.start.x,
                drag.start.y,
                drag.start.z
            );
        }
        self.drag.is_some()
    }

    /// Moves the marked item by `offset` (world space, level: x and z), as one edit of
    /// the fields that hold them, rounded to the millimetre (a stop placed in front of
    /// an exhibit becomes an explicit pose there, as when dragged); `axis` names the way
    /// it moved for the panel.
    pub fn nudge_marked(&mut self, offset: Vec3, words: &UiText) {
        let Some(place) = self.marked else {
            return;
        };
        let selector = place.selector();
        let at_exhibit = markers(&self.editor, self.editor.compiled())
            .into_iter()
            .find(|m| m.place == place)
            .and_then(|m| Some((m.position, m.exhibit_target?)));
        let outcome = self.editor.select(&selector).and_then(|item| {
            if let Some((eye, target)) = at_exhibit {
                return self
                    .editor
                    .replace_field(item, "exhibit", &explicit_pose(eye + offset, target));
            }
            let fields: Vec<(&str, Value)> = [(0, offset.x), (2, offset.z)]
                .into_iter()
                .filter(|(_, by)| by.abs() > 1e-6)
                .filter_map(|(axis, by)| {
                    let field = place.field(axis)?;
                    let now = self.editor.number(item, field)? as f32;
                    Some((field, millimetres(now + by)))
                })
                .collect();
            self.editor.set_values(item, &fields)
        });
        let (axis, metres) = if offset.x.abs() >= offset.z.abs() {
            ("x", offset.x)
        } else {
            ("z", offset.z)
        };
        self.note(outcome.map(|()| {
            words.fill(
                "edit.nudged",
                &[
                    ("item", &selector),
                    ("metres", &format!("{metres:+}")),
                    ("axis", axis),
                ],
            )
        }));
    }

    /// Sets the fields of a spawn or stop the panel changed, as one edit.
    pub fn set_place(&mut self, edit: &PlaceEdit, words: &UiText) {
        let (place, outcome) = match edit {
            PlaceEdit::Numbers(place, fields) => {
                let values: Vec<(&str, Value)> = fields.iter().map(|(f, v)| (*f, Value::from(*v))).collect();
                let outcome = self
                    .editor
                    .select(&place.selector())
                    .and_then(|item| self.editor.set_values(item, &values));
                (place, outcome)
            }
            PlaceEdit::Caption(place, text) => {
                let outcome = self.editor.select(&place.selector()).and_then(|item| match text {
                    Some(text) => self.editor.set_value(item, "caption", Value::from(text.as_str())),
                    None => self.editor.remove_field(item, "caption"),
                });
                (place, outcome)
            }
        };
        let done = words.fill("edit.place_set", &[("item", &place.selector())]);
        self.note(outcome.map(|()| done));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit_actions::Action;
    use crate::editing::open_test_venue;

    #[test]
    fn a_marked_stop_is_nudged_and_its_caption_set_and_removed_one_edit_each() {
        let words = UiText::english();
        let text = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [4, 0], [4, 4], [0, 4]]\n\n\
                    [[spawns]]\nid = \"door\"\nroom = \"room\"\nposition = [2, 3]\n\n\
                    [[tours]]\nid = \"walk\"\n\n[[tours.stops]]\neye = [1, 1.6, 2]\ncaption = \"Here\"\n";
        let (_dir, _, mut editing) = open_test_venue(text, None);
        let stop = Place::Stop { tour: 0, stop: 0 };
        // Nothing marked: the arrows have nothing to move.
        editing.nudge_marked(Vec3::new(0.1, 0.0, 0.0), &words);
        assert!(!editing.is_modified());

        editing.mark(stop);
        assert_eq!(editing.marked(), Some(stop));
        editing.nudge_marked(Vec3::new(0.0, 0.0, -0.1), &words);
        assert!(
            editing.editor.text().contains("eye = [1, 1.6, 1.9]"),
            "{}",
            editing.editor.text()
        );
        editing.set_place(&PlaceEdit::Caption(stop, Some("There".to_owned())), &words);
        assert!(editing.editor.text().contains("caption = \"There\""));
        editing.set_place(&PlaceEdit::Caption(stop, None), &words);
        assert!(!editing.editor.text().contains("caption"));
        // Three edits, three undo steps.
        for _ in 0..2 {
            editing.perform(Action::Undo, None, &words);
        }
        assert!(
            editing
                .editor
                .text()
                .contains("eye = [1, 1.6, 1.9]\ncaption = \"Here\"")
        );

        // A spawn's x and z are its position's two numbers.
        editing.mark(Place::Spawn(0));
        editing.nudge_marked(Vec3::new(0.01, 0.0, 0.0), &words);
        assert!(editing.editor.text().contains("position = [2.01, 3]"));
        editing.set_place(&PlaceEdit::Numbers(Place::Spawn(0), vec![("yaw", 90.0)]), &words);
        assert!(
            editing
                .editor
                .text()
                .contains("position = [2.01, 3]\nyaw = 90.0\n")
        );
        // A light chosen in the panel takes the place of a light marked.
        editing.mark(Place::Light(0));
        editing.choose_light(Some(1));
        assert_eq!(editing.marked(), Some(Place::Light(1)));
        // Picking an exhibit forgets the marked item.
        editing.unmark();
        assert_eq!(editing.marked(), None);
    }

    #[test]
    fn a_stop_at_an_exhibit_has_its_compiled_pose_as_marker_and_moved_becomes_eye_and_target() {
        let words = UiText::english();
        let text = "[[rooms]]\nid = \"room\"\nfloor = [[0, 0], [6, 0], [6, 5], [0, 5]]\n\n\
                    [[artworks]]\nid = \"painting\"\nroom = \"room\"\nwall = 0\noffset = 3\n\
                    width = 1.2\nimage = \"art.png\"\n\n\
                    [[tours]]\nid = \"walk\"\n\n\
                    [[tours.stops]]\nexhibit = \"painting\"\ncaption = \"Here\"\n";
        let (_dir, _, mut editing) = open_test_venue(text, Some((4, 3)));
        let stop = Place::Stop { tour: 0, stop: 0 };
        // The marker stands at the eye the compiled tour uses, facing what it looks at.
        let compiled = editing.editor.compiled().tours[0].stops[0].clone();
        let marker = editing
            .markers(editing.editor.compiled())
            .into_iter()
            .find(|m| m.place == stop)
            .unwrap_or_else(|| panic!("no marker for the stop"));
        assert_eq!(marker.position, compiled.eye);
        assert_eq!(marker.exhibit_target, Some(compiled.target));
        let facing = marker.facing.unwrap_or_default();
        assert!(facing.abs_diff_eq((compiled.target - compiled.eye).normalize(), 1e-6));

        // Dragged 0.5 m along x on the level plane through it: `exhibit` gives way to the
        // eye where it was let go and the target it looked at, in its place.
        let camera = compiled.eye + Vec3::new(0.0, 1.0, 2.0);
        let toward = |point: Vec3| (point - camera).normalize();
        let mut scene = editing.editor.compiled().scene.clone();
        assert!(editing.begin_marker_drag(&marker, camera, toward(compiled.eye)));
        let moved = compiled.eye + Vec3::X * 0.5;
        editing.drag_to(&mut scene, camera, toward(moved), (120, 0.7));
        editing.end_drag(&mut scene, &words);
        let rounded = |v: f32| (f64::from(v) * 1000.0).round() / 1000.0;
        // As TOML writes floats: `3.0`, not `3`.
        let array = |p: Vec3| format!("[{:?}, {:?}, {:?}]", rounded(p.x), rounded(p.y), rounded(p.z));
        let expected = text.replace(
            "exhibit = \"painting\"\n",
            &format!("eye = {}\ntarget = {}\n", array(moved), array(compiled.target)),
        );
        assert_eq!(editing.editor.text(), expected);
        let now = &editing.editor.compiled().tours[0].stops[0];
        assert!(now.eye.abs_diff_eq(moved, 1e-3), "{}", now.eye);
        assert!(now.target.abs_diff_eq(compiled.target, 1e-3), "{}", now.target);
        // One undo step takes it back to the exhibit.
        editing.perform(Action::Undo, None, &words);
        assert_eq!(editing.editor.text(), text);

        // The arrows convert it the same way, 10 cm toward -z.
        editing.mark(stop);
        editing.nudge_marked(Vec3::new(0.0, 0.0, -0.1), &words);
        let nudged = compiled.eye - Vec3::Z * 0.1;
        assert!(
            editing.editor.text().contains(&format!(
                "eye = {}\ntarget = {}\ncaption",
                array(nudged),
                array(compiled.target)
            )),
            "{}",
            editing.editor.text()
        );
    }
}
